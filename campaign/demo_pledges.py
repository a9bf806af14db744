"""Demo registrations, pacts, pledged works, progress reports and achievements of the 2019 campaign.

Everything goes through the services, as a person would do it, so the states, history and evidence are real; only the
dates of submission are then set back to 2019 (the demo is loaded years later, and every submission would otherwise
count as late). The evidence files are small generated photos (PNG) and documents (PDF). Loaded once: when the
campaign already has works, nothing is added.
"""

import datetime
import io
import random
import zlib

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image, ImageDraw

from units.models import ClusterMembership, MemberRole, Unit

from .evidence_files import check_upload
from .models import Achievement, ClusterPact, PledgedWork, Registration, WorkStatus
from .services import achievements as achievement_services
from .services import registrations as registration_services
from .services import works as work_services
from .services.evidence import attach_evidence

D = datetime.date
DEADLINES = {"registration_deadline": D(2019, 3, 31), "pledge_deadline": D(2019, 4, 15),
             "report_deadline": D(2019, 10, 4)}

COMMUNES = {
    "LS-TP": ["phường Chi Lăng", "xã Mai Pha", "phường Tam Thanh"],
    "LS-VQ": ["xã Tràng Các", "xã Vân Mộng", "xã Yên Phúc", "xã An Sơn"],
    "LS-BG": ["xã Tô Hiệu", "xã Hoa Thám", "xã Thiện Thuật"],
    "LS-BS": ["xã Vũ Lễ", "xã Bắc Quỳnh", "xã Chiến Thắng"],
    "LS-HL": ["xã Yên Thịnh", "xã Đồng Tân", "xã Minh Sơn"],
    "LS-CL": ["xã Quang Lang", "xã Vân An", "xã Chi Lăng"],
    "LS-TD": ["xã Kháng Chiến", "xã Đề Thám", "xã Quốc Khánh"],
    "LS-VL": ["xã Hoàng Văn Thụ", "xã Tân Mỹ", "xã Thụy Hùng"],
    "LS-CLO": ["xã Hợp Thành", "xã Thụy Hùng", "xã Gia Cát"],
    "LS-LB": ["xã Tú Đoạn", "xã Khuất Xá", "xã Yên Khoái"],
    "LS-DL": ["xã Bắc Xa", "xã Kiên Mộc", "xã Đình Lập"],
}

# (title pattern, tasks, value in đồng or None, unit codes it suits: "district" or department codes)
WORK_KINDS = [
    ("Bê tông hóa đường giao thông nông thôn thôn Nà Pàn, {commune}", [3, 9], 1_850_000_000, "district"),
    ("Xây dựng nhà văn hóa thôn Bản Cảng, {commune}", [3, 6, 9], 650_000_000, "district"),
    ("Kiên cố hóa kênh mương nội đồng {commune}", [3, 9], 1_200_000_000, "district"),
    ("Hỗ trợ xóa nhà tạm cho hộ nghèo {commune}", [3, 11], 480_000_000, "district"),
    ("Nâng cấp Trạm y tế {commune} đạt chuẩn quốc gia", [6, 9], 2_400_000_000, "district"),
    ("Sửa chữa, mở rộng Trường Tiểu học {commune}", [6, 9], 3_100_000_000, "district"),
    ("Mô hình “Camera an ninh” thôn, bản {commune}", [7], 150_000_000, "district"),
    ("Trồng cây xanh, chỉnh trang trung tâm {commune} chào mừng kỷ niệm", [1, 8], None, "district"),
    ("Tu bổ Khu di tích lịch sử Hoàng Văn Thụ", [1, 8, 9], 5_500_000_000, ["SVHTTDL"]),
    ("Triển khai hồ sơ bệnh án điện tử tại Bệnh viện Đa khoa tỉnh", [5, 6], 2_800_000_000, ["SYT"]),
    ("Khám, cấp thuốc miễn phí cho 2.000 người cao tuổi vùng biên giới", [6, 11], 350_000_000, ["SYT"]),
    ("Cải tạo Quảng trường 23/8 phục vụ lễ kỷ niệm", [1, 9], 4_200_000_000, ["SXD"]),
    ("Số hóa hồ sơ thủ tục hành chính tại Trung tâm Phục vụ hành chính công", [2, 5], 900_000_000, ["VPUBND"]),
    ("Hỗ trợ thành lập 10 hợp tác xã nông nghiệp kiểu mới", [3, 4], 1_000_000_000, ["SNNPTNT"]),
    ("Xúc tiến tiêu thụ hồi, quế, na Chi Lăng qua sàn thương mại điện tử", [4], None, ["SCT"]),
    ("Phần mềm quản lý thi đua, khen thưởng trực tuyến", [5, 12], 600_000_000, ["SNV"]),
    ("Sáng kiến rút ngắn thời gian cấp phép xây dựng còn 7 ngày", [2, 5], None, ["SXD"]),
    ("Tuyên truyền 110 năm Ngày sinh đồng chí Hoàng Văn Thụ trên báo chí, mạng xã hội", [10], 250_000_000,
     ["BTGTU", "STTTT"]),
    ("Công trình thanh niên “Thắp sáng đường quê” tại các xã biên giới", [9, 11], 420_000_000, ["TDOAN"]),
    ("Mô hình phụ nữ khởi nghiệp với sản phẩm OCOP", [4, 11], 300_000_000, ["HLHPN"]),
    ("Nâng cấp đường tỉnh 229 đoạn qua xã Hoàng Văn Thụ", [3, 9], 12_000_000_000, ["SGTVT"]),
    ("Xây dựng 5 phòng học bán trú cho học sinh vùng đặc biệt khó khăn", [6, 9], 2_100_000_000, ["SGDDT"]),
    ("Trao 500 suất quà cho gia đình chính sách, hộ nghèo dịp kỷ niệm", [11], 250_000_000, ["SLDTBXH"]),
]

# The state each demo work reaches, in order of the works; every state appears (the issue asks for it).
STATE_PLAN = (
    [WorkStatus.VERIFIED] * 8 + [WorkStatus.COMPLETED] * 8 + [WorkStatus.IN_PROGRESS] * 20
    + [WorkStatus.ACCEPTED] * 10 + [WorkStatus.SUBMITTED] * 6 + [WorkStatus.RETURNED] * 3 + [WorkStatus.DRAFT] * 5
)
RESPONSIBLE = ["Hoàng Văn Long", "Nông Thị Hoa", "Lương Văn Thắng", "Vi Thị Hạnh", "Lộc Văn Bình", "Hà Thị Mai"]
RETURN_REASONS = [
    "Chưa ghi rõ nguồn vốn và giá trị công trình; đề nghị bổ sung.",
    "Thời gian hoàn thành chưa phù hợp với kế hoạch kỷ niệm; đề nghị điều chỉnh.",
    "Công trình trùng với danh mục đã đăng ký năm 2018; đề nghị chọn công trình khác.",
]

ACHIEVEMENTS = [
    (3, "Giảm nghèo bền vững", "Thực hiện đồng bộ các chính sách giảm nghèo, hỗ trợ sinh kế cho hộ nghèo.",
     [("Số hộ thoát nghèo", 412, "hộ"), ("Tỷ lệ hộ nghèo giảm", 3.2, "%")]),
    (3, "Xây dựng nông thôn mới", "Huy động Nhân dân hiến đất, góp công làm đường giao thông nông thôn.",
     [("Đường giao thông nông thôn được cứng hóa", 14.5, "km"), ("Diện tích đất Nhân dân hiến", 8200, "m²")]),
    (5, "Sáng kiến, cải tiến trong công tác", "Các sáng kiến được Hội đồng sáng kiến cấp cơ sở công nhận.",
     [("Sáng kiến được công nhận", 6, "sáng kiến")]),
    (6, "Nâng cao chất lượng giáo dục", "Tăng số trường đạt chuẩn quốc gia.",
     [("Trường đạt chuẩn quốc gia mới", 4, "trường")]),
    (7, "Giữ vững an ninh trật tự", "Xây dựng mô hình tự quản về an ninh trật tự ở khu dân cư.",
     [("Mô hình tự quản mới", 12, "mô hình"), ("Vụ việc được hòa giải thành", 57, "vụ")]),
]


def png_bytes(label, seed):
    """A small photo-like PNG: a coloured gradient with a label."""
    rng = random.Random(seed)
    base = (rng.randrange(60, 200), rng.randrange(60, 200), rng.randrange(60, 200))
    image = Image.new("RGB", (320, 240), base)
    draw = ImageDraw.Draw(image)
    for row in range(0, 240, 8):
        shade = tuple(min(255, channel + row // 4) for channel in base)
        draw.rectangle([0, row, 320, row + 8], fill=shade)
    draw.rectangle([20, 150, 300, 220], fill=(250, 250, 245))
    draw.text((30, 175), label.encode("ascii", "ignore").decode()[:40], fill=(30, 30, 30))
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def pdf_bytes(title):
    """A one-page A4 PDF with one line of text (ASCII: the standard Helvetica font has no Vietnamese marks)."""
    text = title.encode("ascii", "ignore").decode().replace("(", "[").replace(")", "]")[:80]
    stream = zlib.compress(f"BT /F1 14 Tf 72 770 Td ({text}) Tj ET".encode())
    objects = [
        b"<</Type/Catalog/Pages 2 0 R>>",
        b"<</Type/Pages/Kids[3 0 R]/Count 1>>",
        b"<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]/Contents 4 0 R/Resources<</Font<</F1 5 0 R>>>>>>",
        b"<</Length %d/Filter/FlateDecode>>stream\n" % len(stream) + stream + b"\nendstream",
        b"<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    out.write(b"".join(b"%010d 00000 n \n" % offset for offset in offsets))
    out.write(b"trailer\n<</Size %d/Root 1 0 R>>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()


def _files(*named):
    return [check_upload(SimpleUploadedFile(name, data)) for name, data in named]


def _photo(label, seed):
    return _files((f"anh-{seed}.png", png_bytes(label, seed)))


def _scan(title, name):
    return _files((name, pdf_bytes(title)))


class Loader:
    def __init__(self, campaign, users, reviewers):
        self.campaign = campaign
        self.staff = users["snv.tdkt"]
        self.users = users
        self.reviewers = reviewers  # unit id → who reviews it (the cluster leader's officer, else staff)
        self.tasks = {task.number: task for task in campaign.tasks.all()}
        self.rng = random.Random(2019)

    def officer(self, unit):
        return unit.officers.filter(is_active=True).first() or self.staff

    # --- registrations -------------------------------------------------------------------------------------------

    def register(self, unit, index):
        by = self.officer(unit)
        registration = registration_services.start_registration(campaign=self.campaign, unit=unit, by=by)
        head = "Chủ tịch UBND" if unit.kind == "district" else "Giám đốc"
        registration_services.update_registration(
            registration,
            data={"head_name": RESPONSIBLE[index % len(RESPONSIBLE)], "head_position": head,
                  "signed_on": D(2019, 3, 10 + index % 15), "note": ""},
            by=by,
        )
        for number, target, figure, measure in self.commitments(unit):
            registration_services.add_commitment(
                registration, task=self.tasks[number], target=target, figure=figure, measure=measure, by=by
            )
        attach_evidence(registration, files=_scan(f"Ban dang ky thi dua {unit.code}", "ban-dang-ky.pdf"), by=by)
        plan = index % 8
        if plan == 0:
            return registration  # a draft
        registration_services.submit_registration(registration, by=by)
        if plan in (1, 2):
            return registration  # waiting for review
        reviewer = self.reviewers.get(unit.pk, self.staff)
        if plan in (3, 4):
            registration_services.return_registration(
                registration, by=reviewer, reason="Chỉ tiêu giảm nghèo chưa có số liệu cụ thể; đề nghị bổ sung."
            )
            if plan == 3:
                return registration
            registration_services.add_commitment(
                registration, task=self.tasks[3], target="Số hộ thoát nghèo", figure=250, measure="hộ", by=by
            )
            registration_services.submit_registration(registration, by=by)  # resubmitted, waiting for review
            return registration
        registration_services.accept_registration(registration, by=reviewer)
        return registration

    def commitments(self, unit):
        if unit.kind == "district":
            return [
                (3, "Giảm tỷ lệ hộ nghèo", 3, "%"),
                (3, "Cứng hóa đường giao thông nông thôn", 15, "km"),
                (6, "Trường học đạt chuẩn quốc gia mới", 3, "trường"),
                (9, "Hoàn thành công trình, phần việc chào mừng kỷ niệm", 4, "công trình"),
            ]
        return [
            (2, "Giải quyết thủ tục hành chính đúng hạn", 100, "%"),
            (5, "Sáng kiến được công nhận", 5, "sáng kiến"),
            (9, "Hoàn thành công trình, phần việc chào mừng kỷ niệm", 2, "công trình"),
        ]

    # --- works ---------------------------------------------------------------------------------------------------

    def work_specs(self, districts, departments):
        specs = []
        district_kinds = [kind for kind in WORK_KINDS if kind[3] == "district"]
        for index, unit in enumerate(districts):
            for offset in range(4):
                pattern, tasks, value, _suits = district_kinds[(index + offset * 3) % len(district_kinds)]
                commune = COMMUNES.get(unit.code, ["xã Trung tâm"])[offset % 3 if unit.code in COMMUNES else 0]
                specs.append((unit, pattern.format(commune=commune), tasks, value, unit, commune))
        by_code = {unit.code: unit for unit in departments}
        for pattern, tasks, value, suits in WORK_KINDS:
            if suits == "district":
                continue
            for code in suits:
                if code in by_code:
                    specs.append((by_code[code], pattern, tasks, value, None, ""))
        return specs

    def pledge(self, spec, state, index):
        unit, title, tasks, value, district, commune = spec
        by = self.officer(unit)
        start = D(2019, 3, 15) + datetime.timedelta(days=index % 40)
        target = min(self.campaign.end_date, start + datetime.timedelta(days=90 + (index * 7) % 80))
        work = work_services.create_work(
            campaign=self.campaign, unit=unit, tasks=[self.tasks[number] for number in tasks], by=by,
            data={"title": title, "description": f"{title}. Công trình chào mừng kỷ niệm 110 năm Ngày sinh đồng chí "
                  "Hoàng Văn Thụ và 188 năm thành lập tỉnh.", "district": district, "commune": commune,
                  "value_vnd": value, "start_date": start, "target_date": target,
                  "responsible_name": RESPONSIBLE[index % len(RESPONSIBLE)], "responsible_position": "Phó Chủ tịch",
                  "responsible_phone": f"0205 38{index:02d} 123"},
        )
        if state == WorkStatus.DRAFT:
            return work
        work_services.submit_work(work, by=by)
        if state == WorkStatus.SUBMITTED:
            return work
        reviewer = self.reviewers.get(unit.pk, self.staff)
        if state == WorkStatus.RETURNED:
            work_services.return_work(work, by=reviewer, reason=RETURN_REASONS[index % len(RETURN_REASONS)])
            return work
        work_services.accept_work(work, by=reviewer)
        if state == WorkStatus.ACCEPTED:
            return work
        self.report_progress(work, state, start, by, index)
        if state == WorkStatus.VERIFIED:
            work_services.verify_work(work, by=self.staff, reason="Đã kiểm tra thực tế, đúng hồ sơ nghiệm thu.")
        return work

    def report_progress(self, work, state, start, by, index):
        steps = [30, 65, 100] if state in (WorkStatus.COMPLETED, WorkStatus.VERIFIED) else [20 + index % 50]
        for step, percent in enumerate(steps, start=1):
            day = min(start + datetime.timedelta(days=30 * step), D(2019, 10, 4))
            narrative = ("Đã nghiệm thu, bàn giao đưa vào sử dụng." if percent == 100
                         else f"Thi công đạt khoảng {percent}% khối lượng; đảm bảo an toàn, đúng tiến độ.")
            files = _photo(f"{work.pk}-{step}", work.pk * 10 + step)
            if percent == 100:
                files += _scan(f"Bien ban nghiem thu cong trinh {work.pk}", "bien-ban-nghiem-thu.pdf")
            work_services.add_report(work, report_date=day, percent=percent, narrative=narrative, files=files, by=by)

    # --- achievements --------------------------------------------------------------------------------------------

    def achieve(self, unit, spec, index):
        number, title, description, figures = spec
        by = self.officer(unit)
        achievement = achievement_services.create_achievement(
            campaign=self.campaign, unit=unit, task=self.tasks[number], by=by,
            data={"title": title, "description": description, "achieved_on": D(2019, 9, 1 + index % 28)},
            figures=[{"label": label, "value": value, "measure": measure} for label, value, measure in figures],
        )
        attach_evidence(achievement, files=_photo(title, 500 + index), by=by)
        plan = index % 5
        if plan == 0:
            return achievement
        achievement_services.submit_achievement(achievement, by=by)
        if plan == 1:
            return achievement
        reviewer = self.reviewers.get(unit.pk, self.staff)
        if plan == 2:
            achievement_services.return_achievement(
                achievement, by=reviewer, reason="Số liệu chưa khớp báo cáo thống kê; đề nghị kiểm tra lại."
            )
            return achievement
        achievement_services.accept_achievement(achievement, by=reviewer)
        return achievement

    # --- pacts ---------------------------------------------------------------------------------------------------

    def sign_pact(self, cluster):
        members = list(ClusterMembership.objects.filter(cluster=cluster).select_related("unit"))
        role = {membership.role: membership.unit for membership in members}
        pact = registration_services.save_pact(
            campaign=self.campaign, cluster=cluster, signed_on=D(2019, 3, 20), place="Thành phố Lạng Sơn",
            text=(f"Các đơn vị trong {cluster.name} cam kết thi đua thực hiện thắng lợi các nội dung của phong trào "
                  "thi đua đặc biệt chào mừng kỷ niệm 110 năm Ngày sinh đồng chí Hoàng Văn Thụ và 188 năm thành lập "
                  "tỉnh Lạng Sơn; đăng ký ít nhất một công trình, phần việc cụ thể mỗi đơn vị; tổ chức kiểm tra chéo "
                  "trong tháng 9/2019 và bình xét, suy tôn trong tháng 10/2019."),
            leader=role.get(MemberRole.LEADER), deputy=role.get(MemberRole.DEPUTY),
            signatories=[membership.unit for membership in members], by=self.staff,
        )
        attach_evidence(pact, files=_scan(f"Giao uoc thi dua {cluster.pk}", "giao-uoc-da-ky.pdf"), by=self.staff)
        return pact


def _reviewers(campaign, users):
    """Unit id → the officer of its provincial cluster's leader, when the demo has an account for that leader."""
    reviewers = {}
    leaders = ClusterMembership.objects.filter(
        cluster__campaigns=campaign, role=MemberRole.LEADER, cluster__scope="provincial"
    )
    for leadership in leaders:
        officer = leadership.unit.officers.filter(is_active=True).first()
        if officer is None:
            continue
        for unit_id in ClusterMembership.objects.filter(cluster=leadership.cluster).values_list("unit_id", flat=True):
            if unit_id != leadership.unit_id:
                reviewers[unit_id] = officer
    return reviewers


def _back_date(campaign):
    """Submission times as they would have been in 2019: a week after signing, some after the deadline."""
    for model, deadline in ((Registration, DEADLINES["registration_deadline"]),
                            (PledgedWork, DEADLINES["pledge_deadline"]),
                            (Achievement, DEADLINES["report_deadline"])):
        for index, pk in enumerate(model.objects.filter(campaign=campaign, submitted_at__isnull=False)
                                   .order_by("pk").values_list("pk", flat=True)):
            day = deadline - datetime.timedelta(days=10) + datetime.timedelta(days=(index * 3) % 14)
            moment = timezone.make_aware(datetime.datetime.combine(day, datetime.time(9, 30)))
            model.objects.filter(pk=pk).update(submitted_at=moment, is_late=day > deadline)


def load_pledges(campaign, users):
    """Adds the demo's registrations, pacts, works, reports and achievements once; returns what it counted."""
    if PledgedWork.objects.filter(campaign=campaign).exists():
        return None
    staff = users["snv.tdkt"]
    registration_services.set_deadlines(campaign, **DEADLINES, by=staff, reason="Thời hạn theo kế hoạch của tỉnh")
    loader = Loader(campaign, users, _reviewers(campaign, users))
    participants = Unit.objects.filter(memberships__cluster__campaigns=campaign).distinct()
    districts = list(participants.filter(kind="district").order_by("code"))
    departments = list(participants.filter(kind__in=["department", "organisation"]).order_by("code"))
    for cluster in campaign.clusters.filter(scope="provincial").order_by("name_sort")[:3]:
        loader.sign_pact(cluster)
    for index, unit in enumerate(districts + departments[:9]):
        loader.register(unit, index)
    specs = loader.work_specs(districts, departments)
    states = list(STATE_PLAN)
    random.Random(2019).shuffle(states)
    for index, (spec, state) in enumerate(zip(specs, states)):
        loader.pledge(spec, state, index)
    for index, unit in enumerate(districts):
        for offset in range(2):
            loader.achieve(unit, ACHIEVEMENTS[(index + offset) % len(ACHIEVEMENTS)], index * 2 + offset)
    _back_date(campaign)
    return {
        "registrations": Registration.objects.filter(campaign=campaign).count(),
        "works": PledgedWork.objects.filter(campaign=campaign).count(),
        "achievements": Achievement.objects.filter(campaign=campaign).count(),
        "pacts": ClusterPact.objects.filter(campaign=campaign).count(),
    }
