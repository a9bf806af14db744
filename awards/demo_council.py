"""Demo council sessions of the 2019 campaign: one held on 05/12/2019 with its ballots, fixed result, minutes and the
chairman's decision, and one open for the demo council members to vote in.

Everything goes through the services (create, take the roll, open, cast, close, decide). The held session's votes
are chosen to show each outcome on a council of nine: a nominee passed at the form proposed, one passed at the lower
form the members named (CSTĐ cấp tỉnh needs 90 % of all members), one that fell short, and an absent member's
written opinion that counts. Loaded once: when the campaign already has sessions, nothing is added.
"""

import datetime

from django.utils import timezone

from .models import AgendaItem, Attendance, BallotKind, Choice, CouncilMember, CouncilSession, Nomination
from .models import ScreeningStatus
from .services import ballots, decisions, sessions

HELD_AT = timezone.make_aware(datetime.datetime(2019, 12, 5, 8, 0))
OPEN_AT = timezone.make_aware(datetime.datetime(2019, 12, 18, 14, 0))
PLACE = "Phòng họp tầng 3, trụ sở UBND tỉnh Lạng Sơn"
# The demo council members who vote in the held session (all nine; hd.uyvien7 was absent and wrote).
ABSENT = "hd.uyvien7"
# Per nominee (by name) the choices of the nine members in seat order: a = agree, d = disagree, l = lower form.
HELD_VOTES = {
    "Vi Văn Hùng": "aaaaaaaal",  # CSTĐ cấp tỉnh: 8/9 = 88,89 % < 90 %; with the lower form 9/9 for Bằng khen.
    "Huyện Văn Quan": "aaaaaaadd",  # Bằng khen: 7/9 = 77,78 % < 80 %: not passed.
    "Sở Y tế": "aaaaaaaaa",
    "Hoàng Thị Phương": "aaaaaaaaa",
}


def _seats():
    order = ["hd.chutich", "hd.uyvien1", "hd.uyvien3", "hd.uyvien2", "hd.uyvien4", "hd.uyvien5", "hd.uyvien6",
             "hd.thuky", "hd.uyvien7"]
    seats = {seat.user.username: seat for seat in CouncilMember.objects.select_related("user")}
    return [seats[name] for name in order]


def _forwarded(campaign):
    return list(Nomination.objects.filter(batch__campaign=campaign, status=ScreeningStatus.FORWARDED)
                .select_related("unit", "person", "household", "award_form").order_by("pk"))


def _values(title, when, seats):
    return {"title": title, "meets_at": when, "place": PLACE, "chair": seats[0], "secretary": seats[7]}


def _held(campaign, nominees, seats, staff):
    chosen = [n for n in nominees if str(n.recipient) in HELD_VOTES]
    session = sessions.create_session(campaign=campaign, nominations=chosen, by=staff, values=_values(
        "Phiên họp Hội đồng TĐKT tỉnh xét khen thưởng phong trào thi đua đặc biệt năm 2019 (đợt 1)", HELD_AT, seats))
    rows = {sitting: Attendance.ABSENT if sitting.member.user.username == ABSENT else Attendance.PRESENT
            for sitting in session.members.select_related("member__user")}
    sessions.set_attendance(session, rows=rows, by=staff)
    sessions.open_ballot(session, by=staff)
    items = list(AgendaItem.objects.filter(session=session).select_related("nomination__award_form"))
    for index, seat in enumerate(seats):
        choices = {}
        for item in items:
            letter = HELD_VOTES[str(item.nomination.recipient)][index]
            form = item.nomination.award_form
            choices[item] = {"a": (Choice.AGREE, None), "d": (Choice.DISAGREE, None),
                             "l": (Choice.LOWER, form.lower_form)}[letter]
        absent = seat.user.username == ABSENT
        kind = BallotKind.WRITTEN if absent else BallotKind.ONLINE
        ballots.cast_ballot(session, member=seat, choices=choices, kind=kind, by=staff if absent else seat.user)
    ballots.close_ballot(session, by=seats[0].user)
    # The ballot opened and closed during the meeting of 2019, not when the demo is loaded (the minutes and the
    # dossier's letter are dated from it).
    CouncilSession.objects.filter(pk=session.pk).update(opened_at=HELD_AT + datetime.timedelta(minutes=30),
                                                        closed_at=HELD_AT + datetime.timedelta(hours=1))
    session.refresh_from_db()
    passed = [item for item in AgendaItem.objects.filter(session=session).select_related("awarded_form")
              if item.outcome in ("passed", "passed_lower") and item.awarded_form.decided_by == "chairman"]
    decisions.record_decision(session, items=passed, by=staff, values={
        "number": "2468/QĐ-UBND", "date": datetime.date(2019, 12, 20), "signer": "Vi Văn Đức",
        "signer_position": "Chủ tịch UBND tỉnh",
        "summary": "Về việc tặng Bằng khen, danh hiệu thi đua cho tập thể, cá nhân có thành tích xuất sắc trong "
                   "phong trào thi đua đặc biệt năm 2019"})
    return session


def _open(campaign, nominees, seats, staff):
    remaining = [n for n in nominees if str(n.recipient) not in HELD_VOTES]
    session = sessions.create_session(campaign=campaign, nominations=remaining, by=staff, values=_values(
        "Phiên họp Hội đồng TĐKT tỉnh xét khen thưởng phong trào thi đua đặc biệt năm 2019 (đợt 2)", OPEN_AT, seats))
    sessions.open_ballot(session, by=staff)
    return session


def load_council_sessions(campaign, users):
    """Loads the two sessions once; returns counts for the command's summary, or None when already there."""
    if CouncilSession.objects.filter(campaign=campaign).exists():
        return None
    nominees = _forwarded(campaign)
    seats = _seats()
    staff = users["snv.tdkt"]
    held = _held(campaign, nominees, seats, staff)
    opened = _open(campaign, nominees, seats, staff)
    return {"held": held, "open": opened}
