from functools import partial

from django.conf import settings
from django.utils.functional import SimpleLazyObject

from units.notify import unread


def portal(request):
    return {
        "PORTAL_TITLE": settings.PORTAL_TITLE,
        "PORTAL_PROVINCE": settings.PORTAL_PROVINCE,
        # Lazy: one COUNT, only when a page shows the badge (the navbar, for signed-in people).
        "unread_notice_count": SimpleLazyObject(partial(_unread_count, request)),
    }


def _unread_count(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return 0
    return unread(user).count()
