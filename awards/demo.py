"""Demo council of the province: the chair and two members, bound to the demo council accounts."""

import datetime

from units.demo import sync
from units.models import Unit

from .models import CouncilMember, CouncilRole

TERM_START = datetime.date(2016, 7, 1)
TERM_END = datetime.date(2021, 6, 30)

# (username, council role, unit code, position)
SEATS = [
    ("hd.chutich", CouncilRole.CHAIR, "TINH-LS", "Chủ tịch UBND tỉnh"),
    ("hd.uyvien1", CouncilRole.VICE_CHAIR, "SNV", "Giám đốc Sở Nội vụ"),
    ("hd.uyvien2", CouncilRole.MEMBER, "LDLD", "Chủ tịch Liên đoàn Lao động tỉnh"),
]


def load_council(users, *, by=None):
    for username, role, unit_code, position in SEATS:
        sync(
            CouncilMember,
            {"user": users[username], "term_start": TERM_START},
            {"role": role, "unit": Unit.objects.get(code=unit_code), "position": position, "term_end": TERM_END},
            by=by,
        )
