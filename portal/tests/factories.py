"""Every factory of the suite, in one place."""

import datetime
import io

import factory
from django.core.files.base import ContentFile
from PIL import Image
from factory.django import DjangoModelFactory

from awards.models import CouncilMember, CouncilRole
from campaign.models import (
    Achievement,
    AchievementFigure,
    Campaign,
    CampaignKind,
    CampaignStatus,
    ClusterPact,
    Commitment,
    Evidence,
    EvidenceKind,
    LegalRegime,
    PledgedWork,
    ProgressReport,
    Registration,
    Task,
    WorkStatus,
)
from units.models import (
    Cluster,
    ClusterKind,
    ClusterMembership,
    ClusterScope,
    MemberRole,
    Role,
    Unit,
    UnitKind,
    User,
)

PASSWORD = "Mat-khau-thu-nghiem-2019"


class UnitFactory(DjangoModelFactory):
    class Meta:
        model = Unit

    code = factory.Sequence(lambda n: f"DV{n:04d}")
    name = factory.Sequence(lambda n: f"Đơn vị thử nghiệm {n}")
    kind = UnitKind.DISTRICT


class ClusterFactory(DjangoModelFactory):
    class Meta:
        model = Cluster

    name = factory.Sequence(lambda n: f"Cụm thi đua số {n}")
    kind = ClusterKind.CUM
    scope = ClusterScope.PROVINCIAL
    year = 2019


class MembershipFactory(DjangoModelFactory):
    class Meta:
        model = ClusterMembership

    cluster = factory.SubFactory(ClusterFactory)
    unit = factory.SubFactory(UnitFactory)
    role = MemberRole.MEMBER


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"nguoidung{n}")
    full_name = factory.Sequence(lambda n: f"Nguyễn Văn {n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.vn")
    role = Role.OFFICER
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def units(self, create, extracted, **kwargs):
        if create and extracted:
            self.units.set(extracted)
        if create:
            self.save()


class StaffFactory(UserFactory):
    role = Role.STAFF
    is_staff = True


class CouncilUserFactory(UserFactory):
    role = Role.COUNCIL


class CouncilMemberFactory(DjangoModelFactory):
    class Meta:
        model = CouncilMember

    user = factory.SubFactory(CouncilUserFactory)
    role = CouncilRole.MEMBER
    unit = factory.SubFactory(UnitFactory, kind=UnitKind.DEPARTMENT)
    position = "Giám đốc Sở"
    term_start = datetime.date(2016, 7, 1)


class CampaignFactory(DjangoModelFactory):
    class Meta:
        model = Campaign

    title = factory.Sequence(lambda n: f"Phong trào thi đua số {n}")
    kind = CampaignKind.SPECIAL
    theme = "Đoàn kết, sáng tạo, thi đua lập thành tích"
    issuing_bodies = "Tỉnh ủy\nUBND tỉnh"
    start_date = datetime.date(2019, 3, 1)
    end_date = datetime.date(2019, 10, 4)
    anniversary_date = datetime.date(2019, 11, 4)
    regime = factory.LazyFunction(lambda: LegalRegime.objects.get(code="A"))
    status = CampaignStatus.LAUNCHED


class TaskFactory(DjangoModelFactory):
    class Meta:
        model = Task

    campaign = factory.SubFactory(CampaignFactory)
    number = factory.Sequence(lambda n: n + 1)
    short_title = factory.Sequence(lambda n: f"Nội dung {n + 1}")
    text = "Thi đua phát huy sáng kiến, cải tiến kỹ thuật."


class RegistrationFactory(DjangoModelFactory):
    class Meta:
        model = Registration

    campaign = factory.SubFactory(CampaignFactory)
    unit = factory.SubFactory(UnitFactory)
    head_name = "Hoàng Văn Thủ"
    head_position = "Chủ tịch UBND huyện"


class CommitmentFactory(DjangoModelFactory):
    class Meta:
        model = Commitment

    registration = factory.SubFactory(RegistrationFactory)
    task = factory.LazyAttribute(lambda c: TaskFactory(campaign=c.registration.campaign))
    target = "Giảm 3% tỷ lệ hộ nghèo"
    figure = 3
    measure = "%"


class PactFactory(DjangoModelFactory):
    class Meta:
        model = ClusterPact

    campaign = factory.SubFactory(CampaignFactory)
    cluster = factory.SubFactory(ClusterFactory)
    text = "Các đơn vị trong cụm cam kết thi đua hoàn thành xuất sắc nhiệm vụ năm 2019."
    signed_on = datetime.date(2019, 3, 20)


class WorkFactory(DjangoModelFactory):
    class Meta:
        model = PledgedWork
        skip_postgeneration_save = True

    campaign = factory.SubFactory(CampaignFactory)
    unit = factory.SubFactory(UnitFactory)
    title = factory.Sequence(lambda n: f"Đường giao thông nông thôn số {n}")
    description = "Bê tông hóa đường thôn."
    start_date = datetime.date(2019, 4, 1)
    target_date = datetime.date(2019, 9, 30)
    responsible_name = "Nông Văn Dũng"
    status = WorkStatus.DRAFT

    @factory.post_generation
    def tasks(self, create, extracted, **kwargs):
        if create and extracted:
            self.tasks.set(extracted)


class ReportFactory(DjangoModelFactory):
    class Meta:
        model = ProgressReport

    work = factory.SubFactory(WorkFactory, status=WorkStatus.IN_PROGRESS)
    report_date = datetime.date(2019, 6, 1)
    percent = 40
    narrative = "Đã hoàn thành nền đường."


class AchievementFactory(DjangoModelFactory):
    class Meta:
        model = Achievement

    campaign = factory.SubFactory(CampaignFactory)
    unit = factory.SubFactory(UnitFactory)
    task = factory.LazyAttribute(lambda a: TaskFactory(campaign=a.campaign))
    title = factory.Sequence(lambda n: f"Giảm nghèo bền vững {n}")
    description = "Giúp 120 hộ thoát nghèo."


class FigureFactory(DjangoModelFactory):
    class Meta:
        model = AchievementFigure

    achievement = factory.SubFactory(AchievementFactory)
    label = "Số hộ thoát nghèo"
    value = 120
    measure = "hộ"


def png_bytes(size=(64, 48), color=(200, 30, 30)):
    out = io.BytesIO()
    Image.new("RGB", size, color).save(out, "PNG")
    return out.getvalue()


# The smallest document every PDF reader opens: one empty A4 page.
PDF_BYTES = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)


class EvidenceFactory(DjangoModelFactory):
    """A PNG photo with its thumbnail by default; ``kind=EvidenceKind.PDF`` for a document. Set exactly one owner."""

    class Meta:
        model = Evidence

    campaign = factory.LazyAttribute(lambda e: _owner_campaign(e))
    original_name = "anh-cong-trinh.png"
    kind = EvidenceKind.PNG
    file = factory.LazyAttribute(
        lambda e: ContentFile(PDF_BYTES if e.kind == EvidenceKind.PDF else png_bytes(), name="file")
    )
    size = factory.LazyAttribute(lambda e: e.file.size)
    sha256 = "0" * 64
    thumbnail = factory.LazyAttribute(
        lambda e: ContentFile(png_bytes((32, 24)), name="thumbnail.jpg") if e.kind == EvidenceKind.PNG else ""
    )


def _owner_campaign(evidence):
    for name in ("registration", "pact", "achievement"):
        owner = getattr(evidence, name, None)
        if owner is not None:
            return owner.campaign
    return evidence.report.work.campaign


def jpeg_bytes(size=(64, 48), color=(30, 120, 200), **save_options):
    out = io.BytesIO()
    Image.new("RGB", size, color).save(out, "JPEG", **save_options)
    return out.getvalue()


def docx_bytes(text="Báo cáo thành tích"):
    import docx

    document = docx.Document()
    document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def xlsx_bytes(rows=(("Chỉ số", "Giá trị"), ("Số hộ thoát nghèo", 120))):
    import openpyxl

    workbook = openpyxl.Workbook()
    for row in rows:
        workbook.active.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


class ScoringTableFactory(DjangoModelFactory):
    class Meta:
        model = "campaign.ScoringTable"

    campaign = factory.SubFactory(CampaignFactory)


class CriterionFactory(DjangoModelFactory):
    """A regular criterion of 10 points; ``kind="bonus"``/``"penalty"`` for the other items."""

    class Meta:
        model = "campaign.Criterion"

    table = factory.SubFactory(ScoringTableFactory)
    code = factory.Sequence(lambda n: f"{n + 1}.1")
    position = factory.Sequence(lambda n: n)
    title = factory.Sequence(lambda n: f"Tiêu chí thử nghiệm {n}")
    max_points = 10


# --- awards: people, catalogue, register, nominations (issue 5) --------------------------------------------------


class PersonFactory(DjangoModelFactory):
    class Meta:
        model = "awards.Person"

    unit = factory.SubFactory(UnitFactory)
    full_name = factory.Sequence(lambda n: f"Hoàng Văn Thử {n}")
    gender = "male"
    birth_year = 1980
    ethnicity = "Tày"
    position = "Chuyên viên"
    category = "worker"


class HouseholdFactory(DjangoModelFactory):
    class Meta:
        model = "awards.Household"

    unit = factory.SubFactory(UnitFactory)
    head_name = factory.Sequence(lambda n: f"Nông Văn Hộ {n}")
    address = "Thôn Nà Pàn"
    commune = "Xã Yên Phúc"


class AwardFormFactory(DjangoModelFactory):
    """An award form; with ``code`` of a seeded form (``bang_khen_tinh`` of regime A…) it is the seeded row."""

    class Meta:
        model = "awards.AwardForm"
        django_get_or_create = ("regime", "code")

    regime = factory.LazyFunction(lambda: LegalRegime.objects.get(code="A"))
    code = "bang_khen_tinh"
    name = "Bằng khen của Chủ tịch UBND tỉnh"
    kind = "form"
    for_collective = True
    for_individual = True
    for_household = True
    level = "province"
    decided_by = "chairman"
    council_threshold = 80
    report_template = "campaign"


class StaffPostFactory(DjangoModelFactory):
    class Meta:
        model = "awards.StaffPost"

    user = factory.SubFactory(StaffFactory)
    function = "specialist"


class BatchFactory(DjangoModelFactory):
    """A unit's batch, draft by default; pass ``status`` (and ``submitted_at``) for later states."""

    class Meta:
        model = "awards.NominationBatch"

    campaign = factory.SubFactory(CampaignFactory)
    unit = factory.SubFactory(UnitFactory)
    letter_number = factory.Sequence(lambda n: f"{n + 1:02d}/TTr-UBND")
    letter_date = datetime.date(2019, 10, 20)
    signer = "Hoàng Văn Ký"
    signer_position = "Chủ tịch UBND huyện"
    summary = "Đề nghị tặng Bằng khen của Chủ tịch UBND tỉnh"


class NominationFactory(DjangoModelFactory):
    """An individual of the batch's unit nominated for the seeded Bằng khen (regime of the batch's campaign)."""

    class Meta:
        model = "awards.Nomination"

    batch = factory.SubFactory(BatchFactory)
    award_form = factory.LazyAttribute(lambda n: AwardFormFactory(regime=n.batch.campaign.regime))
    recipient_kind = "individual"
    person = factory.LazyAttribute(lambda n: PersonFactory(unit=n.batch.unit))
    situation = "Công tác tại đơn vị từ năm 2010."
    summary = "Có nhiều đóng góp trong phong trào."


class NominationFileFactory(DjangoModelFactory):
    """A PDF attached to a batch (its letter by default) or, with ``nomination``, to a nomination."""

    class Meta:
        model = "awards.NominationFile"

    batch = factory.SubFactory(BatchFactory)
    batch_role = factory.LazyAttribute(lambda f: "" if f.nomination else "letter")
    nomination = None
    original_name = "to-trinh.pdf"
    kind = "pdf"
    file = factory.LazyFunction(lambda: ContentFile(PDF_BYTES, name="file.pdf"))
    size = factory.LazyAttribute(lambda f: f.file.size)
    sha256 = "0" * 64


class DecisionFactory(DjangoModelFactory):
    class Meta:
        model = "awards.Decision"

    kind = "unit"
    issuer_unit = factory.SubFactory(UnitFactory)
    number = factory.Sequence(lambda n: f"{n + 1:02d}/QĐ-UBND")
    date = datetime.date(2018, 12, 20)
    signer = "Hoàng Văn Ký"
    signer_position = "Chủ tịch UBND huyện"


class AwardRecordFactory(DjangoModelFactory):
    """A record of the register for an individual (``person``), imported by default."""

    class Meta:
        model = "awards.AwardRecord"

    recipient_kind = "individual"
    person = factory.SubFactory(PersonFactory)
    award_code = "cstd_co_so"
    award_name = "Chiến sĩ thi đua cơ sở"
    year = 2018
    decision_number = factory.Sequence(lambda n: f"{n + 1:02d}/QĐ-UBND")
    decision_date = datetime.date(2018, 12, 20)
    issuer = "UBND huyện"
    source = "import"


# --- awards: council sessions (issue 6) ------------------------------------------------------------------------


class SessionFactory(DjangoModelFactory):
    """A council session of a campaign, preparing by default; chair and secretary are new council members unless
    given. Add its sitting members with ``SessionMemberFactory``."""

    class Meta:
        model = "awards.CouncilSession"

    campaign = factory.SubFactory(CampaignFactory)
    title = factory.Sequence(lambda n: f"Phiên họp Hội đồng TĐKT tỉnh số {n + 1}")
    meets_at = factory.LazyFunction(lambda: datetime.datetime(2019, 11, 20, 8, 0, tzinfo=datetime.timezone.utc))
    place = "Phòng họp số 1, UBND tỉnh Lạng Sơn"
    chair = factory.SubFactory(CouncilMemberFactory, role=CouncilRole.CHAIR)
    secretary = factory.SubFactory(CouncilMemberFactory, role=CouncilRole.SECRETARY)


class SessionMemberFactory(DjangoModelFactory):
    class Meta:
        model = "awards.SessionMember"

    session = factory.SubFactory(SessionFactory)
    member = factory.SubFactory(CouncilMemberFactory)


class AgendaItemFactory(DjangoModelFactory):
    """A forwarded nominee on a session's agenda."""

    class Meta:
        model = "awards.AgendaItem"

    session = factory.SubFactory(SessionFactory)
    nomination = factory.LazyAttribute(lambda item: NominationFactory(
        batch=BatchFactory(campaign=item.session.campaign, status="forwarded",
                           submitted_at=datetime.datetime(2019, 10, 20, tzinfo=datetime.timezone.utc)),
        status="forwarded"))
    position = factory.Sequence(lambda n: n)


# --- awards: dossiers (issue 7) ----------------------------------------------------------------------------------


def pdf_pages(count):
    """A valid PDF of ``count`` blank A4 pages."""
    from pypdf import PdfWriter

    writer = PdfWriter()
    for _ in range(count):
        writer.add_blank_page(595, 842)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def _sha256(field):
    import hashlib

    field.seek(0)
    return hashlib.sha256(field.read()).hexdigest()


class DossierFactory(DjangoModelFactory):
    """A ready dossier of a closed session (for a batch's: ``session=None, batch=…``) as a compile leaves it: a
    stored PDF of three pages (the letter, then one nominee's two-page report, as its outline says), a ZIP, and the
    letter stored as its own part. ``status="failed", error=…`` or ``status="running"`` for the other states (their
    files stay empty)."""

    class Meta:
        model = "awards.Dossier"
        skip_postgeneration_save = True

    class Params:
        ready = factory.LazyAttribute(lambda d: d.status == "ready")

    session = factory.SubFactory(SessionFactory, status="closed")
    batch = None
    status = "ready"
    parts_total = 2
    parts_done = factory.LazyAttribute(lambda d: 2 if d.ready else 0)
    data_version = "0" * 64
    file = factory.LazyAttribute(lambda d: ContentFile(pdf_pages(3), name="ho-so.pdf") if d.ready else "")
    sha256 = factory.LazyAttribute(lambda d: _sha256(d.file) if d.ready else "")
    size = factory.LazyAttribute(lambda d: d.file.size if d.ready else 0)
    pages = factory.LazyAttribute(lambda d: 3 if d.ready else 0)
    outline = factory.LazyAttribute(lambda d: [
        {"kind": "letter", "level": 1, "label": "Tờ trình", "page": 0, "pages": 1},
        {"kind": "reports", "level": 1, "label": "Báo cáo thành tích", "page": 1, "pages": 0},
        {"kind": "reports", "level": 2, "label": "Nguyễn Văn Đức", "page": 1, "pages": 2},
    ] if d.ready else [])
    zip_file = factory.LazyAttribute(lambda d: ContentFile(b"PK\x05\x06" + bytes(18), name="ho-so.zip")
                                     if d.ready else "")
    zip_sha256 = factory.LazyAttribute(lambda d: _sha256(d.zip_file) if d.ready else "")
    zip_size = factory.LazyAttribute(lambda d: d.zip_file.size if d.ready else 0)
    started_at = factory.LazyFunction(lambda: datetime.datetime(2019, 11, 21, 8, 0, tzinfo=datetime.timezone.utc))
    finished_at = factory.LazyAttribute(
        lambda d: datetime.datetime(2019, 11, 21, 8, 1, tzinfo=datetime.timezone.utc) if d.status in ("ready", "failed")
        else None)

    @factory.post_generation
    def letter(dossier, create, extracted, **kwargs):
        if create and dossier.status == "ready":
            from awards.models import DossierPart

            DossierPart.objects.create(dossier=dossier, position=1, kind="letter", status="done", pages=1,
                                       file=ContentFile(pdf_pages(1), name="to-trinh.pdf"),
                                       entries=[{"label": "Tờ trình", "pages": 1}])
            DossierPart.objects.create(dossier=dossier, position=2, kind="reports", status="done", pages=2,
                                       file=ContentFile(pdf_pages(2), name="bao-cao.pdf"),
                                       entries=[{"label": "Nguyễn Văn Đức", "pages": 2}])


# --- Issue 8: exemplary models and the public comment on the nominee list ------------------------------------------


class ExemplaryFactory(DjangoModelFactory):
    """A draft exemplary model with a small JPEG photo; ``status="published"`` (with ``published_at``) to show it."""

    class Meta:
        model = "campaign.ExemplaryModel"

    campaign = factory.SubFactory(CampaignFactory)
    name = factory.Sequence(lambda n: f"Tập thể tiêu biểu số {n}")
    title = factory.Sequence(lambda n: f"Gương điển hình số {n}")
    summary = "Dẫn đầu phong trào xây dựng nông thôn mới."
    story = "Câu chuyện của một tập thể tiêu biểu."
    photo = factory.LazyFunction(lambda: ContentFile(jpeg_bytes(), name="anh.jpg"))
    photo_caption = "Ảnh tư liệu"
    published_at = factory.LazyAttribute(
        lambda m: datetime.datetime(2019, 11, 1, 8, 0, tzinfo=datetime.timezone.utc) if m.status == "published"
        else None)
    status = "draft"


class ConsultationFactory(DjangoModelFactory):
    """A published consultation on a province proposal, open through November 2019."""

    class Meta:
        model = "awards.Consultation"

    batch = factory.SubFactory(BatchFactory, kind="province", status="forwarded")
    title = "Lấy ý kiến nhân dân về danh sách đề nghị khen thưởng"
    notice = "Mời nhân dân góp ý về các cá nhân, tập thể được đề nghị."
    opens_on = datetime.date(2019, 11, 1)
    closes_on = datetime.date(2019, 11, 30)
    published_at = factory.LazyFunction(lambda: datetime.datetime(2019, 11, 1, 8, 0, tzinfo=datetime.timezone.utc))


class PublicCommentFactory(DjangoModelFactory):
    """A pending comment on a nominee of the consultation's proposal (pass ``nomination``)."""

    class Meta:
        model = "awards.PublicComment"

    consultation = factory.SubFactory(ConsultationFactory)
    author_name = "Nông Văn Dân"
    contact = "0912 345 678"
    text = "Đồng chí có nhiều đóng góp cho địa phương."
