from django.conf import settings


def portal(request):
    return {"PORTAL_TITLE": settings.PORTAL_TITLE, "PORTAL_PROVINCE": settings.PORTAL_PROVINCE}
