"""Search and filters of the unit, cluster and account lists."""

import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .models import Cluster, ClusterKind, ClusterScope, Role, Unit, UnitKind, User
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
