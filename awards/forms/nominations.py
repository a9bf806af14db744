"""Forms of a unit's nominations: the batch's letter, its files, choosing a nominee and an award form, the
achievement report with its rows per campaign task, the nominee's attachments, and the version every acting form
carries (a page posted over a stale copy of the batch is refused by the service)."""

import django_filters
from django import forms
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from campaign.evidence_files import EvidenceField
from campaign.filters import QuickSelect
from campaign.models import Task
from units.filters import SearchFilter
from units.forms import REASON_LENGTH, DateInput
from units.models import Cluster, ClusterMembership, Unit
from units.rules import is_portal_staff
from units.selectors import units_matching
from units.vietnamese import fold

from ..models import (
    RECIPIENT_FIELDS,
    BatchDocumentRole,
    BatchStatus,
    Nomination,
    NominationBatch,
    NominationTask,
    RecipientKind,
    RequiredDocument,
    ScreeningStatus,
)
from ..selectors.nominations import (
    collectives_to_nominate,
    forms_for_campaign,
    households_to_nominate,
    people_to_nominate,
)
from .common import VersionedMixin, VersionForm

SEARCH_MAX_LENGTH = 100


# --- The batch --------------------------------------------------------------------------------------------------


class BatchCreateForm(forms.Form):
    unit = forms.ModelChoiceField(label=_("Đơn vị đề nghị"), queryset=Unit.objects.none(), empty_label=None)

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units


class BatchForm(VersionedMixin, forms.ModelForm):
    class Meta:
        model = NominationBatch
        fields = ["letter_number", "letter_date", "signer", "signer_position", "summary"]
        widgets = {"letter_date": DateInput(), "summary": forms.Textarea(attrs={"rows": 3})}
        help_texts = {"letter_number": _("Ví dụ: 125/TTr-UBND.")}


class BatchFileForm(VersionedMixin, forms.Form):
    role = forms.ChoiceField(label=_("Loại tài liệu"), choices=BatchDocumentRole.choices, widget=forms.RadioSelect)
    files = EvidenceField(label=_("Tệp"))


class ActionForm(VersionForm):
    """A button that acts on the batch (submit, withdraw, delete a nominee): the version, and an optional note."""

    reason = forms.CharField(label=_("Ghi chú"), max_length=REASON_LENGTH, required=False,
                             widget=forms.Textarea(attrs={"rows": 2}))


# --- Nominees ---------------------------------------------------------------------------------------------------


class NomineeForm(forms.Form):
    """Who is nominated: the kind, then the collective, person or household of that kind (the others are ignored).
    Collectives: the proposing unit and the units under it; people and households: those they keep."""

    recipient_kind = forms.ChoiceField(label=_("Đối tượng"), choices=RecipientKind.choices)
    unit = forms.ModelChoiceField(label=_("Tập thể"), queryset=Unit.objects.none(), required=False,
                                  empty_label=_("— Chọn tập thể —"))
    person = forms.ModelChoiceField(label=_("Cá nhân"), queryset=Unit.objects.none(), required=False,
                                    empty_label=_("— Chọn cá nhân —"))
    household = forms.ModelChoiceField(label=_("Hộ gia đình"), queryset=Unit.objects.none(), required=False,
                                       empty_label=_("— Chọn hộ gia đình —"))

    def __init__(self, *args, batch, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.batch = batch
        self.fields["unit"].queryset = collectives_to_nominate(batch.unit)
        self.fields["person"].queryset = people_to_nominate(user, batch.unit)
        self.fields["person"].label_from_instance = lambda person: (
            f"{person.full_name} – {person.position}" if person.position else person.full_name)
        self.fields["household"].queryset = households_to_nominate(user, batch.unit)

    def clean(self):
        data = super().clean()
        kind = data.get("recipient_kind")
        if kind:
            field = RECIPIENT_FIELDS[kind]
            if not data.get(field):
                self.add_error(field, _("Hãy chọn %(what)s được đề nghị.") % {"what": self.fields[field].label.lower()})
            data["recipient"] = data.get(field)
        return data


class NominationCreateForm(VersionedMixin, NomineeForm):
    award_form = forms.ModelChoiceField(label=_("Hình thức đề nghị"), queryset=Unit.objects.none(),
                                        empty_label=_("— Chọn hình thức —"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        kind = self.data.get("recipient_kind") or self.initial.get("recipient_kind")
        kind = kind if kind in RecipientKind.values else None
        self.fields["award_form"].queryset = forms_for_campaign(self.batch.campaign, kind)
        for name in ("recipient_kind", "unit", "person", "household"):
            self.fields[name].widget = forms.HiddenInput()


class ReportForm(VersionedMixin, forms.ModelForm):
    """The report's opening parts; the rows per task are ``TaskRowForm``s beside it."""

    class Meta:
        model = Nomination
        fields = ["situation", "summary"]
        widgets = {"situation": forms.Textarea(attrs={"rows": 5}), "summary": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.recipient_kind == RecipientKind.INDIVIDUAL:
            self.fields["situation"].label = _("Sơ lược lý lịch")
            self.fields["situation"].help_text = _("Họ tên, năm sinh, chức vụ, đơn vị công tác, quá trình công tác.")
        else:
            self.fields["situation"].label = _("Đặc điểm tình hình")
            self.fields["situation"].help_text = _("Đặc điểm, tổ chức bộ máy, nhiệm vụ được giao.")
        self.fields["summary"].label = _("Tóm tắt thành tích")


class TaskRowForm(forms.Form):
    """The nominee's achievements in one campaign task, with links to the unit's works and achievements in it
    (``works``, ``achievements``: lists of them, already loaded; a list left empty drops its field). The choices
    are built from those lists, so a report with many tasks costs no query per task."""

    text = forms.CharField(label=_("Thành tích, số liệu"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    works = forms.MultipleChoiceField(label=_("Công trình, phần việc"), required=False,
                                      widget=forms.CheckboxSelectMultiple)
    achievements = forms.MultipleChoiceField(label=_("Thành tích đã báo cáo"), required=False,
                                             widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, task, works, achievements, **kwargs):
        super().__init__(*args, **kwargs)
        self.task = task
        self.items = {}
        for name, items in (("works", works), ("achievements", achievements)):
            if items:
                self.items[name] = {str(item.pk): item for item in items}
                self.fields[name].choices = [(str(item.pk), item.title) for item in items]
            else:
                del self.fields[name]

    def chosen(self, name):
        return [self.items[name][pk] for pk in self.cleaned_data.get(name) or []]

    def row(self):
        return {"task": self.task, "text": self.cleaned_data.get("text", ""), "works": self.chosen("works"),
                "achievements": self.chosen("achievements")}


class NominationFileForm(VersionedMixin, forms.Form):
    document = forms.ModelChoiceField(label=_("Tài liệu trong hồ sơ"), queryset=RequiredDocument.objects.none(),
                                      required=False, empty_label=_("Tài liệu khác"))
    files = EvidenceField(label=_("Tệp"))

    def __init__(self, *args, nomination, **kwargs):
        super().__init__(*args, **kwargs)
        documents = [document.pk for document in nomination.award_form.required_documents.all()
                     if document.applies(nomination.recipient_kind)]
        self.fields["document"].queryset = RequiredDocument.objects.filter(pk__in=documents).order_by("order", "id")


# --- The list ---------------------------------------------------------------------------------------------------

MINE = "mine"


class BatchFilter(django_filters.FilterSet):
    q = SearchFilter(label=_("Tìm theo đơn vị, số tờ trình"), method="search", max_length=SEARCH_MAX_LENGTH)
    status = django_filters.ChoiceFilter(label=_("Trạng thái"), choices=BatchStatus.choices, empty_label=_("Tất cả"),
                                         widget=QuickSelect)
    unit = SearchFilter(label=_("Đơn vị (tên hoặc mã)"), method="by_unit", max_length=SEARCH_MAX_LENGTH)
    award_form = django_filters.ModelChoiceFilter(label=_("Hình thức"), queryset=Unit.objects.none(),
                                                  empty_label=_("Tất cả"), method="by_form", widget=QuickSelect)
    held = django_filters.ChoiceFilter(label=_("Người giữ"), choices=[(MINE, _("Tôi đang giữ"))],
                                       empty_label=_("Tất cả"), method="held_by_me", widget=QuickSelect)
    # Staff only (the dashboard's figures link here): batches holding a nomination in a screening state, reporting
    # under a task; batches of the members of a cluster.
    screening = django_filters.ChoiceFilter(label=_("Kết quả thẩm định"), choices=ScreeningStatus.choices,
                                            empty_label=_("Tất cả"), method="by_screening", widget=QuickSelect)
    cluster = django_filters.ModelChoiceFilter(label=_("Cụm, khối"), queryset=Cluster.objects.none(),
                                               empty_label=_("Tất cả"), method="in_cluster", widget=QuickSelect)
    task = django_filters.ModelChoiceFilter(label=_("Nội dung thi đua"), queryset=Task.objects.none(),
                                            empty_label=_("Tất cả"), method="by_task", widget=QuickSelect)

    class Meta:
        model = NominationBatch
        fields = ["q", "status", "unit", "award_form", "held", "screening", "cluster", "task"]

    def __init__(self, *args, campaign, user, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.units = units
        self.filters["award_form"].queryset = forms_for_campaign(campaign)
        if is_portal_staff(user):
            self.filters["cluster"].queryset = campaign.clusters.order_by("name_sort", "id")
            self.filters["task"].queryset = campaign.tasks.order_by("number")
        else:
            for name in ("screening", "cluster", "task"):
                del self.filters[name]

    def search(self, queryset, name, value):
        return queryset.filter(Q(unit__name_search__contains=fold(value)) | Q(letter_number__icontains=value))

    def by_unit(self, queryset, name, value):
        return queryset.filter(unit__in=units_matching(self.units, value))

    def by_form(self, queryset, name, value):
        return queryset.filter(Exists(Nomination.objects.filter(batch=OuterRef("pk"), award_form=value)))

    def by_screening(self, queryset, name, value):
        return queryset.filter(Exists(Nomination.objects.filter(batch=OuterRef("pk"), status=value)))

    def in_cluster(self, queryset, name, value):
        return queryset.filter(unit_id__in=ClusterMembership.objects.filter(cluster=value).values("unit_id"))

    def by_task(self, queryset, name, value):
        rows = NominationTask.objects.filter(nomination__batch=OuterRef("pk"), task=value)
        return queryset.filter(Exists(rows))

    def held_by_me(self, queryset, name, value):
        from units.rules import is_officer, officer_unit_ids

        if is_officer(self.user):
            return queryset.filter(unit_id__in=officer_unit_ids(self.user), status__in=BatchStatus.with_unit())
        return queryset.filter(holder=self.user)
