"""Demo council of the province: nine seats. The chair and two members are the printed demo council accounts; six
more members (hd.uyvien3 … hd.uyvien7 and the secretary hd.thuky, same password) complete the council, so that
shares of the whole membership read as they do in practice."""

import datetime

from units.demo import sync, sync_account
from units.models import Role, Unit

from .models import CouncilMember, CouncilRole

TERM_START = datetime.date(2016, 7, 1)
TERM_END = datetime.date(2021, 6, 30)

# (username, council role, unit code, position)
SEATS = [
    ("hd.chutich", CouncilRole.CHAIR, "TINH-LS", "Chủ tịch UBND tỉnh"),
    ("hd.uyvien1", CouncilRole.VICE_CHAIR, "SNV", "Giám đốc Sở Nội vụ"),
    ("hd.uyvien2", CouncilRole.MEMBER, "LDLD", "Chủ tịch Liên đoàn Lao động tỉnh"),
]
# (username, full name, council role, unit code, position): members without a printed demo account.
MORE_SEATS = [
    ("hd.uyvien3", "Lương Trọng Quỳnh", CouncilRole.VICE_CHAIR, "TINH-LS", "Phó Chủ tịch UBND tỉnh"),
    ("hd.uyvien4", "Hoàng Thị Thanh", CouncilRole.MEMBER, "MTTQ", "Chủ tịch Ủy ban MTTQ tỉnh"),
    ("hd.uyvien5", "Nông Văn Chí", CouncilRole.MEMBER, "STC", "Giám đốc Sở Tài chính"),
    ("hd.uyvien6", "Lý Văn Hải", CouncilRole.MEMBER, "BTGTU", "Trưởng Ban Tuyên giáo Tỉnh ủy"),
    ("hd.uyvien7", "Vy Thị Mai", CouncilRole.MEMBER, "VPUBND", "Chánh Văn phòng UBND tỉnh"),
    ("hd.thuky", "Đoàn Văn Hòa", CouncilRole.SECRETARY, "SNV",
     "Phó Giám đốc Sở Nội vụ, Trưởng ban Thi đua – Khen thưởng"),
]


def load_council(users, *, by=None):
    users = dict(users)
    for username, full_name, _role, _unit, position in MORE_SEATS:
        users[username] = sync_account(username, full_name, Role.COUNCIL, position, by=by)
    seats = SEATS + [(username, role, unit, position) for username, _name, role, unit, position in MORE_SEATS]
    for username, role, unit_code, position in seats:
        sync(
            CouncilMember,
            {"user": users[username], "term_start": TERM_START},
            {"role": role, "unit": Unit.objects.get(code=unit_code), "position": position, "term_end": TERM_END},
            by=by,
        )
