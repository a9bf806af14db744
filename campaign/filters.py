import django_filters
from django import forms
from django.db.models import Q
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from units.filters import SearchFilter
from units.models import Cluster, ClusterMembership
from units.vietnamese import fold

from .forms import SEARCH_MAX_LENGTH
from .models import (
    Achievement,
    CampaignKind,
    CampaignStatus,
    Commitment,
    PledgedWork,
    Registration,
    ReviewStatus,
    Scorecard,
    ScorecardStatus,
    Task,
    WorkStatus,
)
from .selectors import campaign_years
from .selectors.following import PENDING as PENDING_STATUSES
from .selectors.following import clusters_to_filter, reviewable, reviews_someone


class CampaignFilter(django_filters.FilterSet):
    q = SearchFilter(label=_("Tìm theo tên, chủ đề"), method="search", max_length=SEARCH_MAX_LENGTH)
    status = django_filters.ChoiceFilter(label=_("Trạng thái"), choices=CampaignStatus.choices, empty_label=_("Tất cả"))
    kind = django_filters.ChoiceFilter(label=_("Loại phong trào"), choices=CampaignKind.choices, empty_label=_("Tất cả"))
    year = django_filters.ChoiceFilter(label=_("Năm"), field_name="start_date__year", empty_label=_("Tất cả"))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["year"].extra["choices"] = [(year, year) for year in campaign_years(user)]

    def search(self, queryset, name, value):
        return queryset.filter(Q(title__icontains=value) | Q(theme__icontains=value)) if value else queryset


# --- Following lists: registrations, works, achievements of a campaign -----------------------------------------------


class QuickSelect(forms.Select):
    """A select rendered in Python. Django renders every option through two templates: for the 60 clusters of a
    province that was a third of a list page's time. Same markup, without option groups (these lists have none)."""

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        options = format_html_join(
            "", '<option value="{}"{}>{}</option>',
            ((option["value"], " selected" if option["selected"] else "", option["label"])
             for _group, choices, _index in widget["optgroups"] for option in choices),
        )
        return format_html('<select name="{}"{}>{}</select>', name, flatatt(widget["attrs"]), options)


PENDING = "pending"
LATENESS_CHOICES = [("yes", _("Gửi quá hạn")), ("no", _("Gửi đúng hạn"))]


class FollowingFilter(django_filters.FilterSet):
    """What the three following lists share. The choices are the campaign's: its clusters that hold a unit the user
    follows, its tasks. ``review`` ("waiting for my review") is offered only to an officer who reviews others."""

    q = SearchFilter(label=_("Tìm theo tên, mô tả"), method="search", max_length=SEARCH_MAX_LENGTH)
    unit = SearchFilter(label=_("Đơn vị (tên hoặc mã)"), method="by_unit", max_length=SEARCH_MAX_LENGTH)
    cluster = django_filters.ModelChoiceFilter(
        label=_("Cụm, khối"), queryset=Cluster.objects.none(), empty_label=_("Tất cả"), method="in_cluster",
        widget=QuickSelect,
    )
    task = django_filters.ModelChoiceFilter(
        label=_("Nội dung thi đua"), queryset=Task.objects.none(), empty_label=_("Tất cả"), method="by_task",
        widget=QuickSelect,
    )
    status = django_filters.ChoiceFilter(
        label=_("Trạng thái"), empty_label=_("Tất cả"), method="by_status", widget=QuickSelect
    )
    late = django_filters.ChoiceFilter(
        label=_("Thời hạn gửi"), choices=LATENESS_CHOICES, empty_label=_("Tất cả"), method="by_lateness",
        widget=QuickSelect,
    )
    review = django_filters.ChoiceFilter(
        label=_("Việc của tôi"), choices=[("mine", _("Chờ tôi xét"))], empty_label=_("Tất cả"), method="for_review",
        widget=QuickSelect,
    )

    # Set by subclasses: the model's status choices, which of them wait for a reviewer, and what that is called.
    status_choices = ()
    pending = ()
    pending_label = _("Chờ xét (đã gửi, gửi lại)")

    def __init__(self, *args, campaign, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.campaign, self.user = campaign, user
        self.filters["cluster"].queryset = clusters_to_filter(user, campaign)
        self.filters["task"].queryset = campaign.tasks.order_by("number")
        self.filters["status"].extra["choices"] = [(PENDING, self.pending_label), *self.status_choices]
        if not reviews_someone(user, campaign):
            del self.filters["review"]

    def search(self, queryset, name, value):
        return queryset.filter(search_text__contains=fold(value))

    def by_unit(self, queryset, name, value):
        return queryset.filter(Q(unit__name_search__contains=fold(value)) | Q(unit__code__icontains=value))

    def in_cluster(self, queryset, name, value):
        return queryset.filter(unit_id__in=ClusterMembership.objects.filter(cluster=value).values("unit_id"))

    def by_status(self, queryset, name, value):
        return queryset.filter(status__in=self.pending) if value == PENDING else queryset.filter(status=value)

    def by_lateness(self, queryset, name, value):
        return queryset.filter(is_late=value == "yes")

    def for_review(self, queryset, name, value):
        return reviewable(queryset, self.user, self.campaign, self.pending)

    def summary(self):
        """What the list is filtered by, in words ("Trạng thái: Đã gửi; Đơn vị: văn quan"), for the export."""
        if not self.is_bound:
            return ""
        if not self.is_valid():
            refused = [str(self.form.fields[name].label) for name in self.form.errors if name in self.form.fields]
            return _("bộ lọc không hợp lệ (%(fields)s), không có dòng nào") % {"fields": ", ".join(refused)}
        parts = []
        for name, value in self.form.cleaned_data.items():
            if value in (None, ""):
                continue
            field = self.form.fields[name]
            if isinstance(value, str) and hasattr(field, "choices"):
                value = dict(field.choices).get(value, value)
            parts.append(f"{field.label}: {value}")
        return "; ".join(parts)


class RegistrationFilter(FollowingFilter):
    q = SearchFilter(label=_("Tìm theo đơn vị, người ký, ghi chú"), method="search", max_length=SEARCH_MAX_LENGTH)
    status_choices = ReviewStatus.choices
    pending = ReviewStatus.pending()

    class Meta:
        model = Registration
        fields = ["q", "cluster", "task", "status", "late", "review"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The unit is what a registration is about: the text search already finds it by name or code.
        del self.filters["unit"]

    def search(self, queryset, name, value):
        return queryset.filter(
            Q(unit__name_search__contains=fold(value)) | Q(unit__code__icontains=value)
            | Q(head_name__icontains=value) | Q(note__icontains=value)
        )

    def by_task(self, queryset, name, value):
        return queryset.filter(id__in=Commitment.objects.filter(task=value).values("registration_id"))


class WorkFilter(FollowingFilter):
    status_choices = WorkStatus.choices
    pending = PENDING_STATUSES["works"]
    pending_label = _("Chờ xét (đã gửi)")

    class Meta:
        model = PledgedWork
        fields = ["q", "unit", "cluster", "task", "status", "late", "review"]

    def by_task(self, queryset, name, value):
        return queryset.filter(id__in=PledgedWork.tasks.through.objects.filter(task=value).values("pledgedwork_id"))


class AchievementFilter(FollowingFilter):
    status_choices = ReviewStatus.choices
    pending = ReviewStatus.pending()

    class Meta:
        model = Achievement
        fields = ["q", "unit", "cluster", "task", "status", "late", "review"]

    def by_task(self, queryset, name, value):
        return queryset.filter(task=value)


class ScorecardFilter(FollowingFilter):
    """The scorecard list: by unit, cluster, state (``pending``: not locked yet) and lateness."""

    status_choices = ScorecardStatus.choices
    pending = ScorecardStatus.lockable()
    pending_label = _("Chờ chốt (đã gửi, có đề xuất, đã trả lời)")

    class Meta:
        model = Scorecard
        fields = ["unit", "cluster", "status", "late"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A scorecard has no text of its own nor a task, and its review is the cross-check, on its page.
        for name in ("q", "task", "review"):
            self.filters.pop(name, None)
