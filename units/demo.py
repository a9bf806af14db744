"""Demo units, clusters and accounts of Lạng Sơn in 2019 (../shared/docs/domain.md §2).

Facts come from the domain reference; where it says a grouping is not known (the provincial blocks, the border
cluster, who led which cluster), the demo groups them sensibly and says so in the cluster's note.
"""

from django.utils.translation import gettext as _

from .models import Cluster, ClusterKind, ClusterMembership, ClusterScope, MemberRole, Role, Unit, UnitKind, User

DEMO_PASSWORD = "ThiDua@2019"
YEAR = 2019

PROVINCES = [
    ("TINH-CB", "Cao Bằng"), ("TINH-LS", "Lạng Sơn"), ("TINH-LC", "Lai Châu"), ("TINH-HG", "Hà Giang"),
    ("TINH-LCA", "Lào Cai"), ("TINH-DB", "Điện Biên"), ("TINH-SL", "Sơn La"),
]

DISTRICTS = [
    ("LS-TP", "Thành phố Lạng Sơn", "TP Lạng Sơn"),
    ("LS-TD", "Huyện Tràng Định", "Tràng Định"),
    ("LS-VL", "Huyện Văn Lãng", "Văn Lãng"),
    ("LS-VQ", "Huyện Văn Quan", "Văn Quan"),
    ("LS-BG", "Huyện Bình Gia", "Bình Gia"),
    ("LS-BS", "Huyện Bắc Sơn", "Bắc Sơn"),
    ("LS-HL", "Huyện Hữu Lũng", "Hữu Lũng"),
    ("LS-CL", "Huyện Chi Lăng", "Chi Lăng"),
    ("LS-CLO", "Huyện Cao Lộc", "Cao Lộc"),
    ("LS-LB", "Huyện Lộc Bình", "Lộc Bình"),
    ("LS-DL", "Huyện Đình Lập", "Đình Lập"),
]

# (cluster name, note, [(code, role)]) — leaders and deputies are the demo's choice, not a record of 2019.
DISTRICT_CLUSTERS = [
    (
        "Cụm thi đua các huyện, thành phố nội địa",
        "Theo thực tiễn của tỉnh Lạng Sơn. Cụm trưởng, cụm phó là dữ liệu minh họa.",
        [("LS-TP", MemberRole.LEADER), ("LS-CL", MemberRole.DEPUTY), ("LS-VQ", MemberRole.MEMBER),
         ("LS-BG", MemberRole.MEMBER), ("LS-BS", MemberRole.MEMBER), ("LS-HL", MemberRole.MEMBER)],
    ),
    (
        "Cụm thi đua các huyện biên giới",
        "Thành phần suy ra từ các huyện còn lại; cụm trưởng, cụm phó là dữ liệu minh họa.",
        [("LS-CLO", MemberRole.LEADER), ("LS-VL", MemberRole.DEPUTY), ("LS-TD", MemberRole.MEMBER),
         ("LS-LB", MemberRole.MEMBER), ("LS-DL", MemberRole.MEMBER)],
    ),
]

D, O = UnitKind.DEPARTMENT, UnitKind.ORGANISATION
# The official 2019 list of provincial blocks is not known: the demo groups them by sector.
BLOCKS = [
    ("Khối các cơ quan kinh tế tổng hợp", [
        ("SKHDT", "Sở Kế hoạch và Đầu tư", D), ("STC", "Sở Tài chính", D), ("SGTVT", "Sở Giao thông vận tải", D),
        ("SXD", "Sở Xây dựng", D), ("STNMT", "Sở Tài nguyên và Môi trường", D),
        ("SNNPTNT", "Sở Nông nghiệp và Phát triển nông thôn", D), ("SCT", "Sở Công Thương", D),
        ("BQLKKT", "Ban Quản lý Khu kinh tế cửa khẩu Đồng Đăng – Lạng Sơn", D),
    ]),
    ("Khối các cơ quan văn hóa – xã hội", [
        ("SGDDT", "Sở Giáo dục và Đào tạo", D), ("SYT", "Sở Y tế", D),
        ("SVHTTDL", "Sở Văn hóa, Thể thao và Du lịch", D), ("SLDTBXH", "Sở Lao động – Thương binh và Xã hội", D),
        ("STTTT", "Sở Thông tin và Truyền thông", D), ("SKHCN", "Sở Khoa học và Công nghệ", D),
    ]),
    ("Khối các cơ quan nội chính", [
        ("VPUBND", "Văn phòng UBND tỉnh", D), ("SNV", "Sở Nội vụ", D), ("STP", "Sở Tư pháp", D),
        ("TTRA", "Thanh tra tỉnh", D), ("BDT", "Ban Dân tộc", D),
    ]),
    ("Khối các cơ quan Đảng, đoàn thể", [
        ("VPTU", "Văn phòng Tỉnh ủy", O), ("BTGTU", "Ban Tuyên giáo Tỉnh ủy", O), ("MTTQ", "Ủy ban MTTQ tỉnh", O),
        ("TDOAN", "Tỉnh đoàn", O), ("HLHPN", "Hội Liên hiệp Phụ nữ tỉnh", O), ("HND", "Hội Nông dân tỉnh", O),
        ("LDLD", "Liên đoàn Lao động tỉnh", O), ("HCCB", "Hội Cựu chiến binh tỉnh", O),
    ]),
]

# (username, full name, role, position, unit codes)
ACCOUNTS = [
    # Screening of nominations: the clerk receives, the specialist checks, the head (snv.tdkt) forwards or returns.
    ("snv.tdkt", "Hoàng Thị Thu Hà", Role.STAFF, "Phó Trưởng ban Thi đua – Khen thưởng", ["SNV"]),
    ("snv.vanthu", "Lộc Thị Hường", Role.STAFF, "Văn thư Ban Thi đua – Khen thưởng", ["SNV"]),
    ("snv.chuyenvien", "Đinh Văn Khải", Role.STAFF, "Chuyên viên Phòng Khen thưởng", ["SNV"]),
    ("vanquan", "Lương Văn Minh", Role.OFFICER, "Chuyên viên Phòng Nội vụ huyện Văn Quan", ["LS-VQ"]),
    # TP Lạng Sơn leads the inland district cluster in the demo: its officer reviews the other members' pledges.
    ("tplangson", "Hoàng Văn Tuấn", Role.OFFICER, "Trưởng phòng Nội vụ thành phố Lạng Sơn", ["LS-TP"]),
    ("soyte", "Nông Thị Lan", Role.OFFICER, "Chánh Văn phòng Sở Y tế", ["SYT"]),
    ("hd.chutich", "Vi Văn Đức", Role.COUNCIL, "Chủ tịch UBND tỉnh", ["TINH-LS"]),
    ("hd.uyvien1", "Lý Thị Hồng", Role.COUNCIL, "Giám đốc Sở Nội vụ", ["SNV"]),
    ("hd.uyvien2", "Hứa Văn Quang", Role.COUNCIL, "Chủ tịch Liên đoàn Lao động tỉnh", ["LDLD"]),
]


def stamp(obj, *, by=None):
    """Marks the history row the next save of ``obj`` writes as demo data, by ``by`` when given."""
    obj._change_reason = _("Dữ liệu minh họa")
    if by is not None:
        obj._history_user = by
    return obj


def sync(model, lookup, values, *, by=None):
    """Create the row, or save only the fields that differ: a second load writes no history.

    The history rows written say they are demo data, and who loaded it when ``by`` is given.
    """
    obj = model.objects.filter(**lookup).first()
    if obj is None:
        obj = stamp(model(**lookup, **values), by=by)
        obj.save(force_insert=True)
        return obj
    changed = [name for name, value in values.items() if getattr(obj, name) != value]
    if changed:
        for name in changed:
            setattr(obj, name, values[name])
        stamp(obj, by=by).save(update_fields=changed)
    return obj


def upsert_unit(code, name, kind, *, short_name="", parent=None, by=None):
    values = {"name": name, "kind": kind, "short_name": short_name, "parent": parent}
    return sync(Unit, {"code": code}, values, by=by)


def upsert_cluster(name, kind, scope, note, members, *, by=None):
    values = {"kind": kind, "scope": scope, "description": note}
    cluster = sync(Cluster, {"name": name, "year": YEAR}, values, by=by)
    for unit, role in members:
        sync(ClusterMembership, {"cluster": cluster, "unit": unit}, {"role": role}, by=by)
    return cluster


def load_units(*, by=None):
    """Create or update the demo units and clusters; returns the clusters by name."""
    provinces = {code: upsert_unit(code, f"Tỉnh {name}", UnitKind.PROVINCE, by=by) for code, name in PROVINCES}
    lang_son = provinces["TINH-LS"]
    districts = {
        code: upsert_unit(code, name, UnitKind.DISTRICT, short_name=short, parent=lang_son, by=by)
        for code, name, short in DISTRICTS
    }
    clusters = [
        upsert_cluster(
            "Cụm thi đua 7 tỉnh miền núi biên giới phía Bắc", ClusterKind.CUM, ClusterScope.INTER_PROVINCIAL,
            "Cụm thi đua 7 tỉnh MNBGPB năm 2019.", [(unit, MemberRole.MEMBER) for unit in provinces.values()], by=by,
        )
    ]
    for name, note, members in DISTRICT_CLUSTERS:
        clusters.append(upsert_cluster(
            name, ClusterKind.CUM, ClusterScope.PROVINCIAL, note, [(districts[code], role) for code, role in members],
            by=by,
        ))
    for name, members in BLOCKS:
        units = [upsert_unit(code, unit_name, kind, parent=lang_son, by=by) for code, unit_name, kind in members]
        roles = [MemberRole.LEADER, MemberRole.DEPUTY] + [MemberRole.MEMBER] * (len(units) - 2)
        clusters.append(upsert_cluster(
            name, ClusterKind.KHOI, ClusterScope.PROVINCIAL,
            "Danh sách khối thi đua chính thức năm 2019 chưa rõ: dữ liệu minh họa.", list(zip(units, roles)), by=by,
        ))
    return clusters


def sync_account(username, full_name, role, position, *, by=None):
    """A demo account with the demo password, created or brought back to its demo state."""
    user = sync(
        User,
        {"username": username},
        {"full_name": full_name, "role": role, "position": position, "email": f"{username}@thidua.example.vn",
         "is_staff": role == Role.STAFF, "is_active": True},
        by=by,
    )
    if not user.check_password(DEMO_PASSWORD):
        user.set_password(DEMO_PASSWORD)
        stamp(user, by=by).save(update_fields=["password"])
    return user


def load_accounts(*, by=None):
    """Create the demo accounts, or bring them back to their demo state (password included)."""
    users = {}
    for username, full_name, role, position, codes in ACCOUNTS:
        user = sync_account(username, full_name, role, position, by=by)
        units = set(Unit.objects.filter(code__in=codes)) if role == Role.OFFICER else set()
        if set(user.units.all()) != units:
            stamp(user, by=by).units.set(units)
        users[username] = user
    return users
