"""Demo nominations of the 2019 campaign: batches of Văn Quan, TP Lạng Sơn and Sở Y tế in every state of screening,
and the province's proposal upward.

Everything goes through the services as the people would do it (officers prepare and submit, the clerk receives
and assigns, the specialist screens, the head forwards or returns), so states, checks, route and history are real;
then the times of the route are set back to October–November 2019. Loaded once: when the campaign already has
batches, nothing is added.
"""

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from campaign.demo_pledges import pdf_bytes
from campaign.evidence_files import check_upload
from campaign.models import Achievement, PledgedWork
from units.models import Unit

from .models import AwardForm, BatchDocumentRole, BatchStep, NominationBatch
from .selectors.register import unit_decided_form
from .services import nominations as unit_side
from .services import register as register_services
from .services import screening

D = datetime.date

SITUATION = {
    "individual": "Sinh năm {born}, dân tộc {ethnicity}; {position}, {department}. Luôn chấp hành tốt chủ trương của "
                  "Đảng, chính sách, pháp luật của Nhà nước; gương mẫu, tận tụy với công việc.",
    "collective": "{unit} có {members} cán bộ, công chức; chi bộ đạt trong sạch vững mạnh nhiều năm liền; "
                  "đơn vị triển khai đầy đủ các nội dung của phong trào thi đua đặc biệt năm 2019.",
    "household": "Hộ gia đình ở {address}, {commune}; chủ hộ {head}, gia đình 5 nhân khẩu, sản xuất nông nghiệp.",
}
TASK_TEXT = {
    1: "Tham gia tổ chức các hoạt động kỷ niệm 110 năm Ngày sinh đồng chí Hoàng Văn Thụ ở cơ sở.",
    3: "Vận động nhân dân hiến đất, góp công làm đường giao thông nông thôn, xây dựng nông thôn mới.",
    6: "Tham gia khám, tư vấn sức khỏe miễn phí cho người dân vùng sâu, vùng xa.",
    9: "Hoàn thành công trình chào mừng kỷ niệm đúng tiến độ, bảo đảm chất lượng.",
}

# Each batch: (key, unit code, officer, [(kind, person index / household index / None for the unit, award code)],
# the route after preparing it: a list of steps, each (action, extra)).
BATCHES = [
    # Đinh Thị Lan is under discipline: her check blocks, and the batch cannot be sent until she is taken out.
    ("vq-draft", "LS-VQ", "vanquan", [("individual", 3, "bang_khen_tinh"), ("individual", 7, "bang_khen_tinh")], []),
    ("vq-submitted", "LS-VQ", "vanquan", [("household", 0, "bang_khen_tinh"), ("individual", 5, "bang_khen_tinh")],
     ["submit"]),
    ("vq-returned", "LS-VQ", "vanquan", [("individual", 4, "bang_khen_tinh")],
     ["submit", ("return", "Tờ trình chưa nêu số lượng đề nghị theo từng hình thức và đối tượng; đề nghị đơn vị "
                           "bổ sung và ký lại tờ trình.")]),
    ("vq-forwarded", "LS-VQ", "vanquan",
     [("individual", 2, "cstd_tinh"), ("collective", None, "bang_khen_tinh"), ("individual", 6, "bang_khen_tinh")],
     ["submit", "receive", "assign", ("screen", ["meets", "meets", ("fails", "Kết quả sản xuất, kinh doanh năm 2019 "
                                                                           "chưa được cơ quan thuế xác nhận.")]),
      "complete", "forward"]),
    ("tp-received", "LS-TP", "tplangson", [("individual", 1, "bang_khen_tinh"), ("household", 0, "bang_khen_tinh")],
     ["submit", "receive"]),
    ("tp-assigned", "LS-TP", "tplangson",
     [("individual", 2, "bang_khen_tinh"), ("individual", 3, "bang_khen_tinh"), ("individual", 4, "bang_khen_tinh")],
     ["submit", "receive", "assign", ("screen", ["meets", ("fails", "Thành tích nêu trong báo cáo là nhiệm vụ "
                                                                   "thường xuyên, chưa có thành tích nổi bật trong "
                                                                   "phong trào."), None])]),
    ("tp-checked", "LS-TP", "tplangson", [("individual", 0, "bang_khen_tinh"), ("household", 1, "bang_khen_tinh")],
     ["submit", "receive", "assign", ("screen", ["meets", "meets"]), "complete"]),
    ("yt-forwarded", "SYT", "soyte",
     [("collective", None, "tap_the_lao_dong_xuat_sac"), ("individual", 2, "bang_khen_thu_tuong"),
      ("individual", 1, "bang_khen_tinh"), ("individual", 0, "bang_khen_tinh")],
     ["submit", "receive", "assign", ("screen", ["meets", "meets", "meets", "meets"]), "complete", "forward"]),
    ("yt-reassigned", "SYT", "soyte", [("individual", 3, "bang_khen_tinh")],
     ["submit", "receive", "assign", ("screen", ["meets"]), "complete",
      ("return", "Đề nghị chuyên viên kiểm tra lại xác nhận của Bệnh viện trên báo cáo thành tích.")]),
]


def _pdf(name, title):
    return [check_upload(SimpleUploadedFile(name, pdf_bytes(title)))]


class Demo:
    def __init__(self, campaign, users, people):
        self.campaign = campaign
        self.users = users
        self.people = people["people"]
        self.households = people["households"]
        self.forms = {form.code: form for form in AwardForm.objects.filter(regime=campaign.regime)}
        self.tasks = {task.number: task for task in campaign.tasks.all()}
        self.clerk, self.specialist, self.head = (users["snv.vanthu"], users["snv.chuyenvien"], users["snv.tdkt"])

    def recipient(self, unit, kind, index):
        if kind == "collective":
            return unit
        return (self.people if kind == "individual" else self.households)[unit.code][index]

    def situation(self, nominee, kind):
        if kind == "individual":
            return SITUATION[kind].format(born=nominee.birth_year, ethnicity=nominee.ethnicity,
                                          position=nominee.position, department=nominee.department)
        if kind == "household":
            return SITUATION[kind].format(address=nominee.address, commune=nominee.commune, head=nominee.head_name)
        return SITUATION[kind].format(unit=nominee.name, members=len(self.people.get(nominee.code, [])) or 40)

    def task_rows(self, unit, kind):
        works = list(PledgedWork.objects.filter(campaign=self.campaign, unit=unit).order_by("pk")[:2])
        achievements = list(Achievement.objects.filter(campaign=self.campaign, unit=unit).order_by("pk")[:1])
        rows = []
        for number, text in TASK_TEXT.items():
            linked = kind == "collective" and number == 9
            rows.append({"task": self.tasks[number], "text": text, "works": works if linked else [],
                         "achievements": achievements if linked else []})
        return rows

    def nominate(self, batch, officer, kind, index, code):
        nominee = self.recipient(batch.unit, kind, index)
        nomination = unit_side.add_nomination(batch, recipient_kind=kind, recipient=nominee,
                                              award_form=self.forms[code], by=officer, expected_version=None)
        values = {"situation": self.situation(nominee, kind),
                  "summary": "Có nhiều đóng góp nổi bật trong phong trào thi đua đặc biệt năm 2019."}
        unit_side.update_report(nomination, values=values, task_rows=self.task_rows(batch.unit, kind), by=officer,
                                expected_version=None)
        for document in nomination.award_form.required_documents.all():
            if document.applies(kind):
                unit_side.attach_nomination_files(nomination, document=document, by=officer, expected_version=None,
                                                  files=_pdf("tai-lieu.pdf", document.name))
        return nomination

    def prepare(self, index, unit, officer, nominees):
        batch = unit_side.create_batch(campaign=self.campaign, unit=unit, by=officer)
        values = {"letter_number": f"{index + 11:02d}/TTr-{'SYT' if unit.code == 'SYT' else 'UBND'}",
                  "letter_date": D(2019, 10, 10 + index), "signer": officer.get_full_name(),
                  "signer_position": "Thủ trưởng đơn vị",
                  "summary": "Đề nghị khen thưởng thành tích trong phong trào thi đua đặc biệt năm 2019"}
        unit_side.update_batch(batch, values=values, by=officer, expected_version=None)
        unit_side.attach_batch_file(batch, role=BatchDocumentRole.LETTER, by=officer, expected_version=None,
                                    files=_pdf("to-trinh.pdf", f"To trinh {values['letter_number']}"))
        unit_side.attach_batch_file(batch, role=BatchDocumentRole.MINUTES, by=officer, expected_version=None,
                                    files=_pdf("bien-ban.pdf", "Bien ban hop xet khen thuong"))
        return batch, [self.nominate(batch, officer, *nominee) for nominee in nominees]

    def screen(self, batch, nominations, marks):
        for nomination, mark in zip(nominations, marks):
            if mark is None:
                continue
            verdict, reason = (mark, "") if isinstance(mark, str) else mark
            screening.screen_nomination(nomination, verdict=verdict, reason=reason, by=self.specialist,
                                        expected_version=None)

    def walk(self, batch, nominations, officer, steps):
        for step in steps:
            action, extra = (step, None) if isinstance(step, str) else step
            batch.refresh_from_db()
            if action == "submit":
                unit_side.submit_batch(batch, by=officer, expected_version=None)
            elif action == "receive":
                screening.receive_batch(batch, by=self.clerk, expected_version=None)
            elif action == "assign":
                screening.assign_batch(batch, to=self.specialist, board=self.specialist.staff_post.board,
                                       by=self.clerk, expected_version=None)
            elif action == "screen":
                self.screen(batch, nominations, extra)
            elif action == "complete":
                screening.complete_screening(batch, by=self.specialist, expected_version=None)
            elif action == "forward":
                screening.forward_batch(batch, by=self.head, expected_version=None)
            elif action == "return":
                returner = {"submitted": self.clerk, "received": self.clerk, "assigned": self.specialist,
                            "checked": self.head}[batch.status]
                screening.return_batch(batch, reason=extra, by=returner, expected_version=None)

    def proposal(self):
        nominees = list(screening.consolidable(self.campaign))
        if not nominees:
            return None
        values = {"letter_number": "245/TTr-SNV", "letter_date": D(2019, 11, 20), "signer": "Lý Thị Hồng",
                  "signer_position": "Giám đốc Sở Nội vụ",
                  "summary": "Đề nghị Thủ tướng Chính phủ tặng Bằng khen cho cá nhân có thành tích xuất sắc"}
        batch = screening.create_proposal(campaign=self.campaign, nominations=nominees, by=self.head, values=values)
        screening.forward_proposal(batch, by=self.head, expected_version=None)
        return batch


def _back_date(campaign):
    """The route as it would have run in late 2019: each batch's steps a day or two apart from 15/10/2019."""
    start = timezone.make_aware(datetime.datetime(2019, 10, 15, 8, 30))
    for index, batch in enumerate(NominationBatch.objects.filter(campaign=campaign).order_by("pk")):
        moment = start + datetime.timedelta(days=index % 4, hours=index)
        first = None
        for step in BatchStep.objects.filter(batch=batch).order_by("at", "pk"):
            moment += datetime.timedelta(days=1, hours=2)
            BatchStep.objects.filter(pk=step.pk).update(at=moment)
            first = first or moment
        NominationBatch.objects.filter(pk=batch.pk).update(held_since=moment,
                                                            submitted_at=first if batch.submitted_at else None)


def _unit_decision(users, people, households):
    unit = Unit.objects.get(code="LS-VQ")
    form = unit_decided_form("giay_khen", D(2019, 9, 30))
    awardees = [people["LS-VQ"][3], people["LS-VQ"][5], households["LS-VQ"][1]]
    values = {"number": "1350/QĐ-UBND", "date": D(2019, 9, 30), "signer": "Hoàng Văn Thắng",
              "signer_position": "Phó Chủ tịch UBND huyện",
              "summary": "Tặng Giấy khen cho tập thể, cá nhân, hộ gia đình có thành tích trong phong trào "
                         "thi đua đặc biệt năm 2019 (đợt 1)"}
    return register_services.record_unit_decision(unit=unit, values=values, award_form=form, awardees=awardees,
                                                  by=users["vanquan"])


def load_nominations(campaign, users, people):
    """Loads the batches once; returns counts for the command's summary, or None when already there."""
    if NominationBatch.objects.filter(campaign=campaign).exists():
        return None
    demo = Demo(campaign, users, people)
    units = {unit.code: unit for unit in Unit.objects.filter(code__in={row[1] for row in BATCHES})}
    nominees = 0
    for index, (_key, code, officer, rows, steps) in enumerate(BATCHES):
        batch, nominations = demo.prepare(index, units[code], users[officer], rows)
        demo.walk(batch, nominations, users[officer], steps)
        nominees += len(nominations)
    proposal = demo.proposal()
    _unit_decision(users, people["people"], people["households"])
    _back_date(campaign)
    return {"batches": len(BATCHES) + (1 if proposal else 0), "nominees": nominees}
