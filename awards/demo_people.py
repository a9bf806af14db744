"""Demo people, households, rosters, initiatives, discipline and the register of earlier awards (2013–2018).

Rows are synced by natural keys (``units.demo.sync``), so a second load changes nothing. The register holds what an
import of the units' earlier decisions would give, chosen so that the 2019 nominations show every kind of check
result: Vi Văn Hùng has three consecutive CSTĐ cơ sở and a province-wide initiative (Chiến sĩ thi đua cấp tỉnh),
Lương Thị Hoa misses 2017 in her run, Đinh Thị Lan is under discipline, Sở Y tế's roster meets the shares of Tập
thể lao động xuất sắc and Hoàng Thị Phương the conditions of the Prime Minister's Bằng khen.
"""

import datetime

from units.demo import sync
from units.models import Unit

from .models import (
    AwardForm,
    AwardRecord,
    Board,
    Discipline,
    Household,
    Initiative,
    Person,
    RecordSource,
    RosterEntry,
    StaffPost,
)
from .services.recipients import recipient_values

D = datetime.date

# unit code → [(full name, gender, birth year, ethnicity, position, department, category)]
PEOPLE = {
    "LS-VQ": [
        ("Hoàng Văn Thắng", "male", 1975, "Tày", "Phó Chủ tịch UBND huyện", "UBND huyện", "department_leader"),
        ("Lương Thị Hoa", "female", 1982, "Nùng", "Trưởng phòng", "Phòng Giáo dục và Đào tạo", "section_head"),
        ("Vi Văn Hùng", "male", 1988, "Tày", "Chuyên viên", "Phòng Nông nghiệp và PTNT", "worker"),
        ("Nông Thị Mai", "female", 1990, "Nùng", "Giáo viên", "Trường Tiểu học Tràng Các", "worker"),
        ("Chu Văn Sơn", "male", 1979, "Tày", "Trưởng Công an xã", "Công an xã Yên Phúc", "worker"),
        ("Lý Thị Thu", "female", 1985, "Dao", "Y sĩ", "Trạm y tế xã An Sơn", "worker"),
        ("Hà Văn Tiến", "male", 1970, "Kinh", "Giám đốc", "Hợp tác xã Nông nghiệp Tân Đoàn", "business"),
        ("Đinh Thị Lan", "female", 1992, "Tày", "Chuyên viên", "Văn phòng HĐND và UBND huyện", "worker"),
    ],
    "LS-TP": [
        ("Trần Thị Ngọc Anh", "female", 1984, "Kinh", "Trưởng phòng", "Phòng Quản lý đô thị", "section_head"),
        ("Hoàng Đức Bình", "male", 1980, "Tày", "Chủ tịch UBND phường", "UBND phường Chi Lăng", "worker"),
        ("Nông Văn Cường", "male", 1986, "Nùng", "Chuyên viên", "Phòng Tài chính – Kế hoạch", "worker"),
        ("Lăng Thị Dung", "female", 1991, "Nùng", "Giáo viên", "Trường THCS Tam Thanh", "worker"),
        ("Phùng Văn Giang", "male", 1977, "Sán Chay", "Bí thư chi bộ khối phố", "Phường Tam Thanh", "worker"),
    ],
    "SYT": [
        ("Nguyễn Văn Khánh", "male", 1972, "Kinh", "Giám đốc Sở", "Ban Giám đốc", "department_leader"),
        ("Lục Thị Hằng", "female", 1983, "Tày", "Trưởng phòng", "Phòng Nghiệp vụ Y", "section_head"),
        ("Hoàng Thị Phương", "female", 1987, "Nùng", "Bác sĩ", "Bệnh viện Đa khoa tỉnh", "worker"),
        ("Mã Văn Quý", "male", 1989, "Nùng", "Điều dưỡng", "Bệnh viện Đa khoa tỉnh", "worker"),
        ("Bế Thị Yến", "female", 1993, "Tày", "Chuyên viên", "Văn phòng Sở", "worker"),
    ],
}

# unit code → [(head of household, address, commune)]
HOUSEHOLDS = {
    "LS-VQ": [
        ("Hoàng Văn Pảo", "Thôn Nà Pàn", "Xã Yên Phúc"),
        ("Lành Thị Sâm", "Thôn Bản Cảng", "Xã Tràng Các"),
        ("Vy Văn Lực", "Thôn Khòn Pát", "Xã An Sơn"),
    ],
    "LS-TP": [
        ("Đàm Văn Chiến", "Khối 5", "Phường Tam Thanh"),
        ("Lộc Thị Nhung", "Thôn Pò Mỏ", "Xã Mai Pha"),
    ],
}

# Ratings per year of each member, in the order of PEOPLE (e = excellent, g = good, c = completed).
ROSTERS = {
    "LS-VQ": {2016: "eggeggcg", 2017: "egegggcg", 2018: "eeegggeg"},
    "SYT": {2014: "egegg", 2015: "eeegg", 2016: "eeegg", 2017: "eeeeg", 2018: "eeegg"},
}
RATINGS = {"e": "excellent", "g": "good", "c": "completed"}

# (unit code, person index, year, title, scope)
INITIATIVES = [
    ("LS-VQ", 2, 2017, "Mô hình trồng thạch đen theo chuỗi giá trị ở xã Tràng Các", "base"),
    ("LS-VQ", 2, 2018, "Quy trình hỗ trợ hợp tác xã kiểu mới áp dụng toàn tỉnh", "province"),
    ("LS-VQ", 0, 2016, "Cải tiến quy trình tiếp công dân cấp huyện", "base"),
    ("LS-VQ", 0, 2018, "Ứng dụng phần mềm một cửa điện tử cấp xã", "base"),
    ("SYT", 2, 2014, "Bảng kiểm an toàn người bệnh trước phẫu thuật", "base"),
    ("SYT", 2, 2015, "Sổ tay điều dưỡng chăm sóc sản phụ người dân tộc thiểu số", "base"),
    ("SYT", 2, 2016, "Phần mềm nhắc lịch tiêm chủng qua tin nhắn", "base"),
    ("SYT", 2, 2017, "Quy trình khám sàng lọc tăng huyết áp tại trạm y tế xã", "base"),
    ("SYT", 2, 2018, "Quy trình cấp cứu đột quỵ liên viện", "province"),
]

# Who receives what in the register: (unit code, person index or None for the collective, award code, year,
# decision number, decision date, issuer)
RECORDS = [
    ("LS-VQ", 2, "cstd_co_so", 2016, "1520/QĐ-UBND", D(2016, 12, 26), "UBND huyện Văn Quan"),
    ("LS-VQ", 2, "cstd_co_so", 2017, "1611/QĐ-UBND", D(2017, 12, 27), "UBND huyện Văn Quan"),
    ("LS-VQ", 2, "cstd_co_so", 2018, "1702/QĐ-UBND", D(2018, 12, 26), "UBND huyện Văn Quan"),
    ("LS-VQ", 1, "cstd_co_so", 2016, "1520/QĐ-UBND", D(2016, 12, 26), "UBND huyện Văn Quan"),
    ("LS-VQ", 1, "cstd_co_so", 2018, "1702/QĐ-UBND", D(2018, 12, 26), "UBND huyện Văn Quan"),
    ("LS-VQ", 0, "bang_khen_tinh", 2015, "2345/QĐ-UBND", D(2015, 12, 20), "UBND tỉnh Lạng Sơn"),
    ("LS-VQ", None, "bang_khen_tinh", 2016, "2410/QĐ-UBND", D(2016, 12, 22), "UBND tỉnh Lạng Sơn"),
    ("LS-TP", None, "co_thi_dua_tinh", 2018, "2555/QĐ-UBND", D(2018, 12, 28), "UBND tỉnh Lạng Sơn"),
    ("LS-TP", 0, "bang_khen_tinh", 2017, "2480/QĐ-UBND", D(2017, 12, 25), "UBND tỉnh Lạng Sơn"),
    ("SYT", None, "tap_the_lao_dong_xuat_sac", 2017, "2490/QĐ-UBND", D(2017, 12, 26), "UBND tỉnh Lạng Sơn"),
    ("SYT", 1, "cstd_co_so", 2018, "312/QĐ-SYT", D(2018, 12, 20), "Sở Y tế"),
    # Before her 5-year run (2014–2018): the Prime Minister's Bằng khen counts the run after the provincial one.
    ("SYT", 2, "bang_khen_tinh", 2013, "2210/QĐ-UBND", D(2013, 12, 24), "UBND tỉnh Lạng Sơn"),
    ("SYT", 2, "cstd_co_so", 2016, "290/QĐ-SYT", D(2016, 12, 21), "Sở Y tế"),
    ("SYT", 2, "cstd_co_so", 2017, "301/QĐ-SYT", D(2017, 12, 22), "Sở Y tế"),
    ("SYT", 2, "cstd_co_so", 2018, "312/QĐ-SYT", D(2018, 12, 20), "Sở Y tế"),
]
# Lao động tiên tiến for 2018 to these members (indexes) of each unit's roster.
ADVANCED_2018 = {"LS-VQ": [0, 1, 2, 3, 5, 6], "SYT": [0, 1, 2, 3]}
ADVANCED_DECISIONS = {"LS-VQ": ("1701/QĐ-UBND", "UBND huyện Văn Quan"), "SYT": ("311/QĐ-SYT", "Sở Y tế")}

# (username, function, board)
POSTS = [
    ("snv.tdkt", "head", None),
    ("snv.vanthu", "clerk", None),
    ("snv.chuyenvien", "specialist", "Phòng Khen thưởng"),
]
BOARDS = ["Phòng Thi đua", "Phòng Khen thưởng"]


def load_posts(users, *, by=None):
    boards = {name: sync(Board, {"name": name}, {}, by=by) for name in BOARDS}
    for username, function, board in POSTS:
        sync(StaffPost, {"user": users[username]}, {"function": function, "board": boards.get(board)}, by=by)


def _people(units, *, by):
    people = {}
    for code, rows in PEOPLE.items():
        people[code] = []
        for name, gender, born, ethnicity, position, department, category in rows:
            values = {"gender": gender, "birth_year": born, "ethnicity": ethnicity, "position": position,
                      "department": department, "category": category}
            people[code].append(sync(Person, {"unit": units[code], "full_name": name}, values, by=by))
    return people


def _households(units, *, by):
    return {
        code: [sync(Household, {"unit": units[code], "head_name": head}, {"address": address, "commune": commune},
                    by=by) for head, address, commune in rows]
        for code, rows in HOUSEHOLDS.items()
    }


def _rosters(units, people, *, by):
    for code, years in ROSTERS.items():
        for year, ratings in years.items():
            for person, letter in zip(people[code], ratings):
                sync(RosterEntry, {"unit": units[code], "year": year, "person": person},
                     {"rating": RATINGS[letter]}, by=by)


def _record(recipient, code, year, number, date, issuer, *, by):
    form = AwardForm.objects.filter(code=code, regime__code="A").first()
    lookup = {**recipient_values(recipient), "award_code": code, "year": year, "decision_number": number}
    values = {"award_name": form.name if form else code, "award_form": form, "decision_date": date, "issuer": issuer,
              "source": RecordSource.IMPORT}
    return sync(AwardRecord, lookup, values, by=by)


def _register(units, people, *, by):
    for code, index, award, year, number, date, issuer in RECORDS:
        recipient = units[code] if index is None else people[code][index]
        _record(recipient, award, year, number, date, issuer, by=by)
    for code, indexes in ADVANCED_2018.items():
        number, issuer = ADVANCED_DECISIONS[code]
        for index in indexes:
            _record(people[code][index], "lao_dong_tien_tien", 2018, number, D(2018, 12, 20), issuer, by=by)


def load_people(*, by=None):
    """People, households, rosters, initiatives, a discipline in force and the earlier register. Returns the
    people and households by unit code."""
    units = {unit.code: unit for unit in Unit.objects.filter(code__in=[*PEOPLE, *HOUSEHOLDS])}
    people = _people(units, by=by)
    households = _households(units, by=by)
    _rosters(units, people, by=by)
    for code, index, year, title, scope in INITIATIVES:
        sync(Initiative, {"person": people[code][index], "title": title}, {"year": year, "scope": scope,
                                                                          "recognised_by": "Hội đồng sáng kiến"},
             by=by)
    sync(Discipline, {"person": people["LS-VQ"][7], "kind": "Đang bị xem xét kỷ luật"},
         {"decision": "Thông báo 45/TB-UBND", "starts_on": D(2019, 9, 1), "ends_on": None,
          "note": "Chậm giải quyết hồ sơ một cửa, đang được kiểm điểm"}, by=by)
    _register(units, people, by=by)
    return {"people": people, "households": households}
