"""What the campaign's reviews tell the units: a notice in the portal and an e-mail (``units.notify``) to the officers
of the unit whose registration, work, achievement or scorecard was accepted, returned, verified, locked or reopened.

Each function is called by the service of its transition, inside its transaction: the notices are written with the
change (and undone with it), the e-mails leave after the commit. The person who acted is not told of their own act.
"""

from django.utils.translation import gettext as _

from units.notify import notify
from units.selectors import officers_of

from .scoring import points_text


def unit_officers(unit, *, by):
    """The active officers of ``unit``, but ``by`` (who acted)."""
    officers = officers_of(unit).filter(is_active=True)
    return officers.exclude(pk=by.pk) if by is not None else officers


def tell(users, *, kind, headline, url, reason=""):
    """One notice (and e-mail) to each of ``users``: the headline, then the reason when there is one. The e-mail's
    subject is the headline; its body the whole text and the link. Nobody to tell (a unit without officers): nothing
    is written and no sending job is queued."""
    users = list(users)
    if not users:
        return []
    reason = (reason or "").strip()
    text = f"{headline}: {reason}" if reason else f"{headline}."
    return notify(users, kind=kind, text=text, url=url, subject=headline)


def tell_unit(unit, *, kind, headline, url, by, reason=""):
    return tell(unit_officers(unit, by=by), kind=kind, headline=headline, url=url, reason=reason)


def _tell_owner(obj, kind, headline, *, by, reason=""):
    return tell_unit(obj.unit, kind=kind, headline=headline, url=obj.get_absolute_url(), by=by, reason=reason)


# --- Registrations ---------------------------------------------------------------------------------------------------


def registration_accepted(registration, *, by, reason=""):
    headline = _("Đăng ký thi đua của %(unit)s đã được chấp nhận") % {"unit": registration.unit}
    return _tell_owner(registration, "registration_accepted", headline, by=by, reason=reason)


def registration_returned(registration, *, by):
    headline = _("Đăng ký thi đua của %(unit)s đã bị trả lại") % {"unit": registration.unit}
    return _tell_owner(registration, "registration_returned", headline, by=by, reason=registration.return_reason)


# --- Works -----------------------------------------------------------------------------------------------------------


def _work(work):
    return {"title": work.title, "unit": work.unit}


def work_accepted(work, *, by, reason=""):
    headline = _("Công trình, phần việc “%(title)s” của %(unit)s đã được chấp nhận") % _work(work)
    return _tell_owner(work, "work_accepted", headline, by=by, reason=reason)


def work_returned(work, *, by):
    headline = _("Công trình, phần việc “%(title)s” của %(unit)s đã bị trả lại") % _work(work)
    return _tell_owner(work, "work_returned", headline, by=by, reason=work.return_reason)


def work_verified(work, *, by, reason=""):
    headline = _("Công trình, phần việc “%(title)s” của %(unit)s đã được xác nhận hoàn thành") % _work(work)
    return _tell_owner(work, "work_verified", headline, by=by, reason=reason)


# --- Achievements ----------------------------------------------------------------------------------------------------


def _achievement(achievement):
    return {"title": achievement.title, "unit": achievement.unit}


def achievement_accepted(achievement, *, by, reason=""):
    headline = _("Thành tích “%(title)s” của %(unit)s đã được chấp nhận") % _achievement(achievement)
    return _tell_owner(achievement, "achievement_accepted", headline, by=by, reason=reason)


def achievement_returned(achievement, *, by):
    headline = _("Thành tích “%(title)s” của %(unit)s đã bị trả lại") % _achievement(achievement)
    return _tell_owner(achievement, "achievement_returned", headline, by=by, reason=achievement.return_reason)


# --- Scorecards ------------------------------------------------------------------------------------------------------


def scorecard_proposed(scorecard, *, by):
    """The cross-checker sent the scorecard back to the unit with proposed adjustments, for its answer."""
    headline = _("Bảng tự chấm điểm của %(unit)s có đề xuất điều chỉnh điểm, chờ đơn vị trả lời") % {
        "unit": scorecard.unit}
    return _tell_owner(scorecard, "scorecard_proposed", headline, by=by)


def scorecard_locked(scorecard, *, by):
    headline = _("Bảng tự chấm điểm của %(unit)s đã được chốt với tổng điểm %(total)s") % {
        "unit": scorecard.unit, "total": points_text(scorecard.total)}
    return _tell_owner(scorecard, "scorecard_locked", headline, by=by)


def scorecard_reopened(scorecard, *, by, reason):
    headline = _("Bảng tự chấm điểm của %(unit)s đã được mở lại") % {"unit": scorecard.unit}
    return _tell_owner(scorecard, "scorecard_reopened", headline, by=by, reason=reason)
