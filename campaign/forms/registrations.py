"""Forms of registrations (the head's signature and the commitments formset), of a campaign's deadlines and of a
cluster's pact. They check what belongs beside a field; the services guard the rest."""

from django import forms
from django.utils.translation import gettext_lazy as _

from units.models import ROLE_IN_KIND, MemberRole, Unit

from ..models import Campaign, Commitment, Registration, Task
from ..services.registrations import REMINDER_DAYS_MAX
from .campaigns import DateField
from .fields import FigureValueField

REASON_MAX = 500
COMMITMENT_FIELDS = ("task", "target", "figure", "measure")
MAX_COMMITMENTS = 100


class RegistrationForm(forms.Form):
    """Who signs the registration for the unit, and when."""

    head_name = forms.CharField(
        label=_("Họ và tên thủ trưởng đơn vị ký"), max_length=150, required=False,
        help_text=_("Cần có trước khi gửi đăng ký."),
    )
    head_position = forms.CharField(
        label=_("Chức vụ người ký"), max_length=255, required=False, help_text=_("Ví dụ: Chủ tịch UBND huyện."),
    )
    signed_on = DateField(label=_("Ngày ký"), required=False)
    note = forms.CharField(label=_("Ghi chú"), required=False, widget=forms.Textarea(attrs={"rows": 3}))


class RegistrationEditForm(RegistrationForm):
    reason = forms.CharField(
        label=_("Lý do sửa"), max_length=REASON_MAX, required=False,
        help_text=_("Không bắt buộc; ví dụ: sửa theo ý kiến khi bị trả lại."),
    )


def initial_of(registration):
    return {name: getattr(registration, name) for name in ("head_name", "head_position", "signed_on", "note")}


class CommitmentForm(forms.ModelForm):
    """One commitment: a task of the campaign, the target in words, and in figures when it can be counted."""

    class Meta:
        model = Commitment
        fields = COMMITMENT_FIELDS
        field_classes = {"figure": FigureValueField}
        widgets = {"target": forms.Textarea(attrs={"rows": 2})}
        error_messages = {
            "task": {"invalid_choice": _("Nội dung thi đua này không thuộc phong trào.")},
            "figure": {"min_value": _("Số lượng không được âm.")},
        }

    def __init__(self, *args, tasks, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["task"]
        field.queryset = Task.objects.filter(pk__in=[task.pk for task in tasks])
        # The tasks are read once for the whole formset, not once per row.
        field.choices = [("", "---------"), *((task.pk, str(task)) for task in tasks)]
        self.fields["measure"].widget.attrs["placeholder"] = _("%, km, hộ…")


class BaseCommitmentFormSet(forms.BaseInlineFormSet):
    default_error_messages = {"too_many_forms": _("Tối đa %(num)d chỉ tiêu.")}

    def changes(self, existing):
        """(add, change, delete) for ``services.save_commitments``; ``existing`` maps ids to commitments read
        afresh (the forms' own instances already hold the new values)."""
        add, change, delete = [], [], []
        for form in self.forms:
            pk = form.instance.pk
            if self._should_delete_form(form):
                if pk in existing:
                    delete.append(existing[pk])
            elif form.has_changed():
                values = {name: form.cleaned_data[name] for name in COMMITMENT_FIELDS}
                if pk in existing:
                    change.append((existing[pk], values))
                elif pk is None:
                    add.append(values)
        return add, change, delete


CommitmentFormSet = forms.inlineformset_factory(
    Registration, Commitment, form=CommitmentForm, formset=BaseCommitmentFormSet, extra=0, can_delete=True,
    can_delete_extra=False, max_num=MAX_COMMITMENTS, validate_max=True,
)


def commitment_formset(campaign, *, instance, data=None):
    """The commitments of ``instance`` (an unsaved registration when creating); one row per task is offered, the
    task chosen, while it has none. Rows left as offered are ignored."""
    tasks = list(campaign.tasks.order_by("number"))
    offer = instance.pk is None or not instance.commitments.exists()
    initial = [{"task": task.pk} for task in tasks] if offer else None
    formset = CommitmentFormSet(data, instance=instance, initial=initial, form_kwargs={"tasks": tasks})
    formset.extra = len(tasks) if offer else 0
    return formset


class DeadlinesForm(forms.Form):
    """The deadlines of a campaign's phases and how many days before one units are reminded (the self-scoring
    deadline is the scoring table's own)."""

    # A blank number of days means the model's default.
    default_reminder_days = Campaign._meta.get_field("reminder_days").default
    registration_deadline = DateField(label=_("Hạn đăng ký thi đua"), required=False)
    pledge_deadline = DateField(label=_("Hạn đăng ký công trình, phần việc"), required=False)
    report_deadline = DateField(label=_("Hạn báo cáo kết quả, thành tích"), required=False)
    nomination_deadline = DateField(label=_("Hạn gửi hồ sơ đề nghị khen thưởng"), required=False)
    reminder_days = forms.IntegerField(
        label=_("Nhắc trước hạn (số ngày)"), required=False, min_value=0, max_value=REMINDER_DAYS_MAX,
        help_text=_("Đơn vị chưa hoàn thành được nhắc mỗi ngày từ chừng ấy ngày trước hạn, và mỗi ngày sau khi quá "
                    "hạn. Để trống: 3 ngày."),
        error_messages={"invalid": _("Hãy nhập một số ngày, ví dụ 3."),
                        "min_value": _("Số ngày nhắc trước hạn phải từ 0 đến 30."),
                        "max_value": _("Số ngày nhắc trước hạn phải từ 0 đến 30.")},
    )
    reason = forms.CharField(
        label=_("Lý do, căn cứ"), max_length=REASON_MAX, required=False,
        help_text=_("Ví dụ: số, ngày văn bản hướng dẫn. Được ghi vào lịch sử thay đổi."),
    )

    def deadlines(self):
        names = ("registration_deadline", "pledge_deadline", "report_deadline", "nomination_deadline")
        values = {name: self.cleaned_data[name] for name in names}
        days = self.cleaned_data["reminder_days"]
        return {**values, "reminder_days": self.default_reminder_days if days is None else days}


class PactForm(forms.Form):
    """A cluster's pact: its text, where and when it was signed, leader, deputy and the signing members."""

    text = forms.CharField(label=_("Nội dung giao ước"), widget=forms.Textarea(attrs={"rows": 10}))
    signed_on = DateField(label=_("Ngày ký"), required=False)
    place = forms.CharField(label=_("Nơi ký"), max_length=255, required=False)
    leader = forms.ModelChoiceField(label=_("Cụm trưởng"), queryset=Unit.objects.none(), required=False)
    deputy = forms.ModelChoiceField(label=_("Cụm phó"), queryset=Unit.objects.none(), required=False)
    signatories = forms.ModelMultipleChoiceField(
        label=_("Đơn vị ký giao ước"), queryset=Unit.objects.none(), required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    reason = forms.CharField(label=_("Lý do, ghi chú"), max_length=REASON_MAX, required=False)

    def __init__(self, *args, cluster, members, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("leader", "deputy", "signatories"):
            self.fields[name].queryset = members
        self.fields["leader"].label = ROLE_IN_KIND[(MemberRole.LEADER, cluster.kind)]
        self.fields["deputy"].label = ROLE_IN_KIND[(MemberRole.DEPUTY, cluster.kind)]
        invalid = _("Đơn vị này không phải thành viên của cụm, khối.")
        for name in ("leader", "deputy"):
            self.fields[name].error_messages["invalid_choice"] = invalid
        self.fields["signatories"].error_messages["invalid_choice"] = _(
            "Đơn vị “%(value)s” không phải thành viên của cụm, khối."
        )

    def clean(self):
        cleaned = super().clean()
        leader, deputy = cleaned.get("leader"), cleaned.get("deputy")
        if leader is not None and leader == deputy:
            self.add_error("deputy", _("Cụm (khối) trưởng và cụm (khối) phó phải là hai đơn vị khác nhau."))
        return cleaned

    def pact_data(self):
        names = ("text", "signed_on", "place", "leader", "deputy", "signatories")
        return {name: self.cleaned_data[name] for name in names}


def pact_initial(pact, defaults):
    """The form's values: the pact's when it exists, else ``selectors.pact_defaults``."""
    if pact is None:
        return dict(defaults)
    return {
        "text": pact.text, "signed_on": pact.signed_on, "place": pact.place, "leader": pact.leader_id,
        "deputy": pact.deputy_id, "signatories": [unit.pk for unit in pact.signatories.all()],
    }
