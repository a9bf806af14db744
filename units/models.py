from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .vietnamese import fold, nfc, person_sort_key, sort_key


class UnitKind(models.TextChoices):
    DEPARTMENT = "department", _("Sở, ban, ngành, cơ quan cấp tỉnh")
    ORGANISATION = "organisation", _("Cơ quan Đảng, tổ chức chính trị - xã hội")
    DISTRICT = "district", _("Đơn vị cấp huyện")
    COMMUNE = "commune", _("Đơn vị cấp xã")
    PROVINCE = "province", _("Tỉnh, thành phố")
    ENTERPRISE = "enterprise", _("Doanh nghiệp")
    ARMED_FORCES = "armed_forces", _("Lực lượng vũ trang")


class UnitQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)


class Unit(models.Model):
    """A body that takes part in campaigns: a department, a district, a commune, a province of a cluster…

    Administrative levels are data: a unit that is abolished or merged keeps its rows and points to its successor,
    so what it did and received stays visible under the successor.
    """

    code = models.CharField(_("mã đơn vị"), max_length=40, unique=True)
    name = models.CharField(_("tên đơn vị"), max_length=255)
    short_name = models.CharField(_("tên viết tắt"), max_length=80, blank=True)
    kind = models.CharField(_("loại đơn vị"), max_length=20, choices=UnitKind.choices)
    parent = models.ForeignKey(
        "self", verbose_name=_("đơn vị cấp trên"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="children",
    )
    address = models.CharField(_("địa chỉ"), max_length=255, blank=True)
    is_active = models.BooleanField(_("đang hoạt động"), default=True)
    merged_into = models.ForeignKey(
        "self", verbose_name=_("sáp nhập vào"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="merged_units",
    )
    merged_on = models.DateField(_("ngày sáp nhập"), null=True, blank=True)
    name_sort = models.CharField(max_length=255, editable=False, db_index=True)
    # Name and short name without marks or case: what searches match.
    name_search = models.CharField(max_length=400, editable=False, default="")
    created_at = models.DateTimeField(_("thời điểm tạo"), auto_now_add=True)
    history = HistoricalRecords(excluded_fields=["name_sort", "name_search"])

    objects = UnitQuerySet.as_manager()

    class Meta:
        verbose_name = _("đơn vị")
        verbose_name_plural = _("đơn vị")
        ordering = ["name_sort", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(merged_into__isnull=True, merged_on__isnull=True)
                | Q(merged_into__isnull=False, merged_on__isnull=False, is_active=False),
                name="unit_merge_has_date_and_is_inactive",
            ),
            models.CheckConstraint(condition=~Q(merged_into=models.F("id")), name="unit_not_merged_into_itself"),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.name = nfc(self.name)
        self.short_name = nfc(self.short_name)
        self.name_sort = sort_key(self.name)
        self.name_search = fold(f"{self.name} {self.short_name}")
        if kwargs.get("update_fields") is not None and {"name", "short_name"} & set(kwargs["update_fields"]):
            kwargs["update_fields"] = {*kwargs["update_fields"], "name", "name_sort", "short_name", "name_search"}
        super().save(*args, **kwargs)

    @property
    def display_name(self):
        return self.short_name or self.name

    def get_absolute_url(self):
        return reverse("units:unit_detail", kwargs={"pk": self.pk})


class ClusterKind(models.TextChoices):
    CUM = "cum", _("Cụm thi đua")
    KHOI = "khoi", _("Khối thi đua")


class ClusterScope(models.TextChoices):
    PROVINCIAL = "provincial", _("Cấp tỉnh")
    INTER_PROVINCIAL = "inter_provincial", _("Liên tỉnh")


class Cluster(models.Model):
    """A cụm (by area) or khối (by sector) of one year; its members change from year to year."""

    name = models.CharField(_("tên cụm, khối"), max_length=255)
    kind = models.CharField(_("loại"), max_length=10, choices=ClusterKind.choices)
    scope = models.CharField(_("phạm vi"), max_length=20, choices=ClusterScope.choices)
    year = models.PositiveSmallIntegerField(_("năm"))
    description = models.TextField(_("ghi chú"), blank=True)
    name_sort = models.CharField(max_length=255, editable=False, db_index=True)
    name_search = models.CharField(max_length=255, editable=False, default="")
    members = models.ManyToManyField(
        Unit, verbose_name=_("đơn vị thành viên"), through="ClusterMembership", related_name="clusters"
    )
    history = HistoricalRecords(excluded_fields=["name_sort", "name_search"])

    class Meta:
        verbose_name = _("cụm, khối thi đua")
        verbose_name_plural = _("cụm, khối thi đua")
        ordering = ["-year", "name_sort", "id"]
        constraints = [models.UniqueConstraint(fields=["name", "year"], name="cluster_unique_name_year")]

    def __str__(self):
        return f"{self.name} ({self.year})"

    def get_absolute_url(self):
        return reverse("units:cluster_detail", kwargs={"pk": self.pk})

    def save(self, *args, **kwargs):
        self.name = nfc(self.name)
        self.name_sort = sort_key(self.name)
        self.name_search = fold(self.name)
        super().save(*args, **kwargs)


class MemberRole(models.TextChoices):
    LEADER = "leader", _("Cụm trưởng, khối trưởng")
    DEPUTY = "deputy", _("Cụm phó, khối phó")
    MEMBER = "member", _("Thành viên")


ROLE_IN_KIND = {
    (MemberRole.LEADER, ClusterKind.CUM): _("Cụm trưởng"),
    (MemberRole.LEADER, ClusterKind.KHOI): _("Khối trưởng"),
    (MemberRole.DEPUTY, ClusterKind.CUM): _("Cụm phó"),
    (MemberRole.DEPUTY, ClusterKind.KHOI): _("Khối phó"),
}


class ClusterMembership(models.Model):
    cluster = models.ForeignKey(
        Cluster, verbose_name=_("cụm, khối"), on_delete=models.CASCADE, related_name="memberships"
    )
    unit = models.ForeignKey(Unit, verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="memberships")
    role = models.CharField(_("vai trò"), max_length=10, choices=MemberRole.choices, default=MemberRole.MEMBER)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("thành viên cụm, khối")
        verbose_name_plural = _("thành viên cụm, khối")
        constraints = [
            models.UniqueConstraint(fields=["cluster", "unit"], name="membership_unique_unit"),
            models.UniqueConstraint(
                fields=["cluster"], condition=Q(role="leader"), name="membership_one_leader",
                violation_error_message=_("Cụm, khối đã có cụm trưởng."),
            ),
        ]

    def __str__(self):
        return f"{self.unit} – {self.cluster} ({self.role_label})"

    @property
    def role_label(self):
        """The role as the cluster's kind names it: cụm trưởng in a cụm, khối trưởng in a khối."""
        return str(ROLE_IN_KIND.get((self.role, self.cluster.kind), self.get_role_display()))


class Role(models.TextChoices):
    STAFF = "staff", _("Cán bộ Sở Nội vụ (Ban Thi đua – Khen thưởng)")
    OFFICER = "officer", _("Cán bộ đơn vị")
    COUNCIL = "council", _("Thành viên Hội đồng Thi đua – Khen thưởng")


class User(AbstractUser):
    """A person who signs in. The role decides the home page and what the person may see."""

    role = models.CharField(_("vai trò"), max_length=10, choices=Role.choices, default=Role.OFFICER)
    units = models.ManyToManyField(Unit, verbose_name=_("đơn vị phụ trách"), blank=True, related_name="officers")
    full_name = models.CharField(_("họ và tên"), max_length=150, blank=True)
    position = models.CharField(_("chức vụ"), max_length=255, blank=True)
    phone = models.CharField(_("điện thoại"), max_length=30, blank=True)
    name_sort = models.CharField(max_length=255, editable=False, db_index=True, default="")
    name_search = models.CharField(max_length=150, editable=False, default="")
    history = HistoricalRecords(
        excluded_fields=["password", "last_login", "name_sort", "name_search"], m2m_fields=[units]
    )

    class Meta:
        verbose_name = _("người dùng")
        verbose_name_plural = _("người dùng")
        ordering = ["name_sort", "username"]

    def __str__(self):
        return self.full_name or self.username

    def save(self, *args, **kwargs):
        self.full_name = nfc(self.full_name)
        self.name_sort = person_sort_key(self.full_name or self.username)
        self.name_search = fold(self.full_name)
        if kwargs.get("update_fields") is not None and "full_name" in kwargs["update_fields"]:
            kwargs["update_fields"] = {*kwargs["update_fields"], "name_sort", "name_search"}
        # The Django admin is for Sở Nội vụ staff only (and superusers, who run the installation).
        self.is_staff = self.role == Role.STAFF or self.is_superuser
        super().save(*args, **kwargs)

    def get_full_name(self):
        # Vietnamese names are written family name first: one field, not first/last.
        return self.full_name

    @property
    def is_portal_staff(self):
        return self.is_active and self.role == Role.STAFF

    @property
    def is_officer(self):
        return self.is_active and self.role == Role.OFFICER

    @property
    def is_council_member(self):
        return self.is_active and self.role == Role.COUNCIL


# --- Notices, the e-mail outbox and the activity log (issue 8) -------------------------------------------------


class Notification(models.Model):
    """A notice in the portal for one person: something of theirs was returned, accepted, locked or decided, or a
    deadline is near. Read when ``read_at`` is set."""

    user = models.ForeignKey(User, verbose_name=_("người nhận"), on_delete=models.CASCADE,
                             related_name="notifications")
    kind = models.CharField(_("loại"), max_length=30)
    text = models.CharField(_("nội dung"), max_length=500)
    url = models.CharField(_("đường dẫn"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("lúc"), auto_now_add=True, db_index=True)
    read_at = models.DateTimeField(_("đã đọc lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("thông báo")
        verbose_name_plural = _("thông báo")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["user", "read_at", "-created_at"], name="notification_unread")]

    def __str__(self):
        return self.text


class EmailStatus(models.TextChoices):
    QUEUED = "queued", _("Đang chờ gửi")
    SENT = "sent", _("Đã gửi")
    FAILED = "failed", _("Gửi không được")


class OutboxEmail(models.Model):
    """An e-mail the portal sends, kept whether sent or not: staff read the outbox. ``key`` makes a message that
    must go once (a reminder of one unit, phase and day) go once however often the job runs."""

    key = models.CharField(_("khóa chống gửi trùng"), max_length=200, unique=True, null=True, blank=True)
    to = models.EmailField(_("gửi tới"))
    user = models.ForeignKey(User, verbose_name=_("người nhận"), null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="+")
    subject = models.CharField(_("tiêu đề"), max_length=255)
    body = models.TextField(_("nội dung"))
    kind = models.CharField(_("loại"), max_length=30)
    status = models.CharField(_("trạng thái"), max_length=8, choices=EmailStatus.choices,
                              default=EmailStatus.QUEUED)
    attempts = models.PositiveSmallIntegerField(_("số lần gửi"), default=0)
    error = models.TextField(_("lỗi"), blank=True)
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True, db_index=True)
    sent_at = models.DateTimeField(_("gửi lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("thư điện tử")
        verbose_name_plural = _("hộp thư đi")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["status", "created_at"], name="outbox_status")]

    def __str__(self):
        return f"{self.to}: {self.subject}"


class Activity(models.Model):
    """One change anywhere in the portal, written from each django-simple-history row as it is made: who, which unit
    it concerns, what kind of object, which object, the change and why. The portal-wide activity log reads this."""

    at = models.DateTimeField(_("lúc"), db_index=True)
    actor = models.ForeignKey(User, verbose_name=_("người thực hiện"), null=True, blank=True,
                              on_delete=models.SET_NULL, related_name="+")
    unit = models.ForeignKey(Unit, verbose_name=_("đơn vị"), null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="+")
    kind = models.CharField(_("loại đối tượng"), max_length=100, db_index=True)
    object_id = models.CharField(_("mã đối tượng"), max_length=64)
    object_repr = models.CharField(_("đối tượng"), max_length=255)
    action = models.CharField(_("thao tác"), max_length=1)
    reason = models.TextField(_("lý do"), blank=True)
    history_id = models.PositiveBigIntegerField(_("mã dòng lịch sử"))

    class Meta:
        verbose_name = _("hoạt động")
        verbose_name_plural = _("nhật ký hoạt động")
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["actor", "-at"], name="activity_actor"),
                   models.Index(fields=["unit", "-at"], name="activity_unit"),
                   models.Index(fields=["kind", "-at"], name="activity_kind")]

    def __str__(self):
        return f"{self.at:%d/%m/%Y %H:%M} {self.object_repr}"
