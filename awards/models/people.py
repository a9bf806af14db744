"""Who can be commended besides units: individuals and households, a collective's roster per year, initiatives and
discipline (facts the eligibility rules read)."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from units.models import Unit
from units.vietnamese import fold, nfc, person_sort_key


class Gender(models.TextChoices):
    MALE = "male", _("Nam")
    FEMALE = "female", _("Nữ")


class PersonCategory(models.TextChoices):
    """The categories statutory commendation statistics count (one per person: the highest that applies)."""

    PROVINCIAL_LEADER = "provincial_leader", _("Lãnh đạo cấp tỉnh trở lên")
    DEPARTMENT_LEADER = "department_leader", _("Lãnh đạo cấp sở, ngành, huyện và tương đương")
    SECTION_HEAD = "section_head", _("Trưởng phòng và tương đương trở lên")
    BUSINESS = "business", _("Doanh nhân")
    WORKER = "worker", _("Người trực tiếp lao động, sản xuất, công tác")


class NamedKeysMixin:
    """Keeps the name in NFC and its Vietnamese sort key and search key in step on every save (also a save limited by
    ``update_fields``). ``NAME_FIELD`` names the field; ``search_source()`` what searches match."""

    NAME_FIELD = "full_name"

    def search_source(self):
        return getattr(self, self.NAME_FIELD)

    def save(self, *args, **kwargs):
        name = nfc(getattr(self, self.NAME_FIELD))
        setattr(self, self.NAME_FIELD, name)
        self.name_sort = person_sort_key(name)
        self.name_search = fold(self.search_source())[:400]
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], self.NAME_FIELD, "name_sort", "name_search"}
        super().save(*args, **kwargs)


class Person(NamedKeysMixin, models.Model):
    """An individual a unit keeps so it can nominate them (cá nhân)."""

    unit = models.ForeignKey(Unit, verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="people")
    full_name = models.CharField(_("họ và tên"), max_length=150)
    gender = models.CharField(_("giới tính"), max_length=8, choices=Gender.choices)
    birth_year = models.PositiveSmallIntegerField(_("năm sinh"))
    ethnicity = models.CharField(_("dân tộc"), max_length=50, default="Kinh")
    position = models.CharField(_("chức vụ"), max_length=255, blank=True)
    department = models.CharField(_("phòng, ban, bộ phận"), max_length=255, blank=True)
    category = models.CharField(_("đối tượng thống kê"), max_length=20, choices=PersonCategory.choices)
    is_active = models.BooleanField(_("đang công tác"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người tạo"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+", editable=False,
    )
    created_at = models.DateTimeField(_("thời điểm tạo"), auto_now_add=True)
    name_sort = models.CharField(_("khóa sắp xếp"), max_length=255, editable=False, db_index=True, default="")
    name_search = models.CharField(_("khóa tìm kiếm"), max_length=400, editable=False, default="")
    history = HistoricalRecords(excluded_fields=["name_sort", "name_search"])

    class Meta:
        verbose_name = _("cá nhân")
        verbose_name_plural = _("cá nhân")
        ordering = ["name_sort", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(birth_year__gte=1900, birth_year__lte=2100), name="person_birth_year"),
        ]

    def __str__(self):
        return self.full_name

    def search_source(self):
        return f"{self.full_name} {self.position}"

    def get_absolute_url(self):
        return reverse("awards:person_detail", kwargs={"pk": self.pk})


class Household(NamedKeysMixin, models.Model):
    """A household a unit keeps so it can nominate it (hộ gia đình), named by its head."""

    NAME_FIELD = "head_name"

    unit = models.ForeignKey(Unit, verbose_name=_("đơn vị quản lý"), on_delete=models.PROTECT, related_name="households")
    head_name = models.CharField(_("chủ hộ"), max_length=150)
    address = models.CharField(_("địa chỉ"), max_length=255)
    commune = models.CharField(_("xã, phường, thị trấn"), max_length=150)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người tạo"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+", editable=False,
    )
    created_at = models.DateTimeField(_("thời điểm tạo"), auto_now_add=True)
    name_sort = models.CharField(_("khóa sắp xếp"), max_length=255, editable=False, db_index=True, default="")
    name_search = models.CharField(_("khóa tìm kiếm"), max_length=400, editable=False, default="")
    history = HistoricalRecords(excluded_fields=["name_sort", "name_search"])

    class Meta:
        verbose_name = _("hộ gia đình")
        verbose_name_plural = _("hộ gia đình")
        ordering = ["name_sort", "id"]

    def __str__(self):
        return _("Hộ ông/bà %(name)s") % {"name": self.head_name}

    def search_source(self):
        return f"{self.head_name} {self.address} {self.commune}"

    def get_absolute_url(self):
        return reverse("awards:household_detail", kwargs={"pk": self.pk})


class Rating(models.TextChoices):
    """A member's yearly rating (xếp loại mức độ hoàn thành nhiệm vụ), best first."""

    EXCELLENT = "excellent", _("Hoàn thành xuất sắc nhiệm vụ")
    GOOD = "good", _("Hoàn thành tốt nhiệm vụ")
    COMPLETED = "completed", _("Hoàn thành nhiệm vụ")
    FAILED = "failed", _("Không hoàn thành nhiệm vụ")

    @classmethod
    def completing(cls):
        return [cls.EXCELLENT, cls.GOOD, cls.COMPLETED]


class RosterEntry(models.Model):
    """One member of a collective in one year, with the rating the collective gave them that year. Some titles
    (Tập thể lao động xuất sắc) depend on the shares of the whole roster."""

    unit = models.ForeignKey(Unit, verbose_name=_("tập thể"), on_delete=models.CASCADE, related_name="roster")
    year = models.PositiveSmallIntegerField(_("năm"))
    person = models.ForeignKey(Person, verbose_name=_("cá nhân"), on_delete=models.CASCADE, related_name="roster")
    rating = models.CharField(_("xếp loại"), max_length=10, choices=Rating.choices)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("thành viên tập thể theo năm")
        verbose_name_plural = _("danh sách thành viên tập thể theo năm")
        ordering = ["unit", "-year", "person__name_sort"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "year", "person"], name="roster_once_per_year"),
            models.CheckConstraint(condition=Q(year__gte=1945, year__lte=2100), name="roster_year_range"),
        ]

    def __str__(self):
        return f"{self.person} ({self.year}): {self.get_rating_display()}"


class InitiativeScope(models.TextChoices):
    """How widely an initiative (sáng kiến) was recognised, narrowest first."""

    BASE = "base", _("Cấp cơ sở")
    PROVINCE = "province", _("Phạm vi toàn tỉnh")
    NATIONAL = "national", _("Phạm vi toàn quốc")

    @classmethod
    def at_least(cls, scope):
        values = list(cls.values)
        return values[values.index(scope):]


class Initiative(models.Model):
    """An initiative (sáng kiến) recognised for a person in a year."""

    person = models.ForeignKey(Person, verbose_name=_("cá nhân"), on_delete=models.CASCADE, related_name="initiatives")
    year = models.PositiveSmallIntegerField(_("năm công nhận"))
    title = models.CharField(_("tên sáng kiến"), max_length=500)
    scope = models.CharField(_("phạm vi ảnh hưởng"), max_length=10, choices=InitiativeScope.choices)
    recognised_by = models.CharField(_("quyết định công nhận"), max_length=255, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("sáng kiến")
        verbose_name_plural = _("sáng kiến")
        ordering = ["person", "-year", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(year__gte=1945, year__lte=2100), name="initiative_year_range"),
        ]

    def __str__(self):
        return f"{self.title} ({self.year})"


class Discipline(models.Model):
    """A discipline (kỷ luật) or investigation of a person or a collective; while in force it blocks every award."""

    person = models.ForeignKey(
        Person, verbose_name=_("cá nhân"), null=True, blank=True, on_delete=models.CASCADE, related_name="disciplines"
    )
    unit = models.ForeignKey(
        Unit, verbose_name=_("tập thể"), null=True, blank=True, on_delete=models.CASCADE, related_name="disciplines"
    )
    kind = models.CharField(_("hình thức"), max_length=255, help_text=_("Ví dụ: khiển trách, cảnh cáo, đang bị điều tra."))
    decision = models.CharField(_("quyết định"), max_length=255, blank=True)
    starts_on = models.DateField(_("từ ngày"))
    ends_on = models.DateField(_("đến ngày"), null=True, blank=True, help_text=_("Để trống khi còn hiệu lực."))
    note = models.TextField(_("ghi chú"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("kỷ luật")
        verbose_name_plural = _("kỷ luật")
        ordering = ["-starts_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(person__isnull=False, unit__isnull=True) | Q(person__isnull=True, unit__isnull=False),
                name="discipline_one_subject",
            ),
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=F("starts_on")), name="discipline_dates_ordered"
            ),
        ]

    def __str__(self):
        return f"{self.kind} ({self.person or self.unit})"

    def in_force_on(self, day):
        return self.starts_on <= day and (self.ends_on is None or self.ends_on >= day)
