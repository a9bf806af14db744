"""Search and filters of the unit, cluster and account lists."""

import datetime

import django_filters
from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .activity import kind_choices
from .models import (
    Activity,
    Cluster,
    ClusterKind,
    ClusterScope,
    EmailStatus,
    OutboxEmail,
    Role,
    Unit,
    UnitKind,
    User,
)
from .vietnamese import fold, nfc


def search_text(text):
    """What a person typed into a search box, as searched: NFC, single spaces, NUL bytes (which PostgreSQL
    refuses) read as spaces."""
    return nfc(str(text or "").replace("\x00", " "))


class SearchField(forms.CharField):
    """A search box of any list or form; optional unless told otherwise."""

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def to_python(self, value):
        # Before the validators, which would refuse a NUL with an English message and show an empty list.
        return search_text(super().to_python(value))


class SearchFilter(django_filters.CharFilter):
    """A search box: its value reaches ``method`` cleaned by ``search_text``."""

    field_class = SearchField


def unit_search(text):
    """Units whose name or short name (ignoring case and marks: “dinh lap” finds “Đình Lập”) or code has ``text``."""
    text = search_text(text)
    return Q(name_search__contains=fold(text)) | Q(code__icontains=text)


class StatusFilter(django_filters.ChoiceFilter):
    CHOICES = [("active", _("Đang hoạt động")), ("inactive", _("Ngừng hoạt động")), ("merged", _("Đã sáp nhập"))]
    LOOKUPS = {
        "active": Q(is_active=True),
        "inactive": Q(is_active=False, merged_into__isnull=True),
        "merged": Q(merged_into__isnull=False),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, choices=self.CHOICES, empty_label=_("Tất cả"), **kwargs)

    def filter(self, qs, value):
        return qs.filter(self.LOOKUPS[value]) if value in self.LOOKUPS else qs


def year_choices():
    return [(year, year) for year in Cluster.objects.order_by("-year").values_list("year", flat=True).distinct()]


class UnitFilter(django_filters.FilterSet):
    q = SearchFilter(label=_("Tìm theo tên, tên viết tắt, mã"), method="search")
    kind = django_filters.ChoiceFilter(label=_("Loại đơn vị"), choices=UnitKind.choices, empty_label=_("Tất cả"))
    status = StatusFilter(label=_("Trạng thái"))
    parent = django_filters.ModelChoiceFilter(
        label=_("Đơn vị cấp trên"), empty_label=_("Tất cả"),
        queryset=Unit.objects.filter(children__isnull=False).distinct().order_by("name_sort"),
    )
    cluster = django_filters.ModelChoiceFilter(
        label=_("Cụm, khối"), empty_label=_("Tất cả"), queryset=Cluster.objects.none(), method="in_cluster"
    )
    year = django_filters.ChoiceFilter(
        label=_("Năm tham gia cụm, khối"), choices=year_choices, empty_label=_("Tất cả"), method="in_year"
    )

    class Meta:
        model = Unit
        fields = ["q", "kind", "status", "parent", "cluster", "year"]

    def __init__(self, *args, clusters, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["cluster"].queryset = clusters.order_by("-year", "name_sort")

    def search(self, queryset, name, value):
        return queryset.filter(unit_search(value))

    def in_cluster(self, queryset, name, value):
        return queryset.filter(memberships__cluster=value).distinct()

    def in_year(self, queryset, name, value):
        return queryset.filter(memberships__cluster__year=value).distinct()


class ClusterFilter(django_filters.FilterSet):
    q = SearchFilter(label=_("Tìm theo tên"), method="search")
    year = django_filters.ChoiceFilter(label=_("Năm"), choices=year_choices, empty_label=_("Tất cả"))
    kind = django_filters.ChoiceFilter(label=_("Loại"), choices=ClusterKind.choices, empty_label=_("Tất cả"))
    scope = django_filters.ChoiceFilter(label=_("Phạm vi"), choices=ClusterScope.choices, empty_label=_("Tất cả"))

    class Meta:
        model = Cluster
        fields = ["q", "year", "kind", "scope"]

    def search(self, queryset, name, value):
        return queryset.filter(name_search__contains=fold(value))


class UserFilter(django_filters.FilterSet):
    q = SearchFilter(label=_("Tìm theo họ tên, tên đăng nhập, e-mail"), method="search")
    role = django_filters.ChoiceFilter(label=_("Vai trò"), choices=Role.choices, empty_label=_("Tất cả"))
    # A search, not a list to choose from: a province has a thousand units with officers.
    unit = SearchFilter(label=_("Đơn vị (tên, tên viết tắt hoặc mã)"), method="by_unit")
    status = django_filters.ChoiceFilter(
        label=_("Trạng thái"), empty_label=_("Tất cả"), method="by_status",
        choices=[("active", _("Đang sử dụng")), ("inactive", _("Đã khóa"))],
    )

    class Meta:
        model = User
        fields = ["q", "role", "unit", "status"]

    def by_status(self, queryset, name, value):
        return queryset.filter(is_active=value == "active")

    def by_unit(self, queryset, name, value):
        return queryset.filter(units__in=Unit.objects.filter(unit_search(value))).distinct()

    def search(self, queryset, name, value):
        return queryset.filter(
            Q(name_search__contains=fold(value)) | Q(username__icontains=value) | Q(email__icontains=value)
        )


# What each kind of notice and e-mail is called; a kind not named here shows as it is stored.
KIND_LABELS = {
    "reminder": _("Nhắc hạn"),
    "campaign_launched": _("Phát động phong trào"),
    "registration_accepted": _("Đăng ký được chấp nhận"),
    "registration_returned": _("Đăng ký bị trả lại"),
    "work_accepted": _("Công trình được chấp nhận"),
    "work_returned": _("Công trình bị trả lại"),
    "work_verified": _("Công trình được xác nhận hoàn thành"),
    "achievement_accepted": _("Thành tích được chấp nhận"),
    "achievement_returned": _("Thành tích bị trả lại"),
    "scorecard_proposed": _("Đề xuất điều chỉnh điểm"),
    "scorecard_locked": _("Bảng điểm được chốt"),
    "scorecard_reopened": _("Bảng điểm được mở lại"),
    "batch_received": _("Tờ trình được tiếp nhận"),
    "batch_assigned": _("Phân công thẩm định"),
    "batch_returned": _("Tờ trình bị trả lại"),
    "batch_forwarded": _("Tờ trình được chuyển Hội đồng"),
    "nomination_screened": _("Kết quả thẩm định đề nghị"),
    "decision_recorded": _("Quyết định khen thưởng"),
    "decision_cancelled": _("Hủy quyết định khen thưởng"),
}


def kind_label(kind):
    return KIND_LABELS.get(kind, kind)


class OutboxFilter(django_filters.FilterSet):
    q = SearchFilter(label=_("Tìm theo địa chỉ nhận"), method="search")
    status = django_filters.ChoiceFilter(label=_("Trạng thái"), choices=EmailStatus.choices, empty_label=_("Tất cả"))
    kind = django_filters.ChoiceFilter(label=_("Loại"), choices=[], empty_label=_("Tất cả"))

    class Meta:
        model = OutboxEmail
        fields = ["q", "status", "kind"]

    def __init__(self, *args, kinds, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["kind"].extra["choices"] = [(kind, kind_label(kind)) for kind in kinds]

    def search(self, queryset, name, value):
        return queryset.filter(to__icontains=value)


class DayField(forms.DateField):
    widget = forms.DateInput(format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy", "inputmode": "numeric"})


class DayFilter(django_filters.DateFilter):
    field_class = DayField


def start_of(day):
    """The first moment of ``day`` in the portal's time zone (Asia/Ho_Chi_Minh)."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


class ActivityFilter(django_filters.FilterSet):
    # Searches, not lists to choose from: a province has a thousand units and their officers.
    person = SearchFilter(label=_("Người thực hiện (họ tên, tên đăng nhập)"), method="by_person")
    unit = SearchFilter(label=_("Đơn vị (tên, tên viết tắt hoặc mã)"), method="by_unit")
    kind = django_filters.ChoiceFilter(label=_("Loại đối tượng"), choices=kind_choices, empty_label=_("Tất cả"))
    since = DayFilter(label=_("Từ ngày"), method="from_day")
    until = DayFilter(label=_("Đến ngày"), method="to_day")

    class Meta:
        model = Activity
        fields = ["person", "unit", "kind", "since", "until"]

    def by_person(self, queryset, name, value):
        people = User.objects.filter(Q(name_search__contains=fold(value)) | Q(username__icontains=value))
        return queryset.filter(actor__in=people)

    def by_unit(self, queryset, name, value):
        return queryset.filter(unit__in=Unit.objects.filter(unit_search(value)))

    def from_day(self, queryset, name, value):
        return queryset.filter(at__gte=start_of(value))

    def to_day(self, queryset, name, value):
        return queryset.filter(at__lt=start_of(value + datetime.timedelta(days=1)))
