"""Forms of the council's sessions: the session with its agenda, and the roll."""

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from campaign.models import Campaign
from units.forms import REASON_LENGTH, DateInput

from ..models import Attendance, CouncilMember, SessionMember
from ..selectors.sessions import council_members_ranked
from ..services.sessions import CAMPAIGN_STATES


def campaigns_for_sessions():
    return Campaign.objects.filter(status__in=CAMPAIGN_STATES).order_by("-start_date", "-id")


class CampaignPickForm(forms.Form):
    campaign = forms.ModelChoiceField(label=_("Phong trào"), queryset=Campaign.objects.none())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["campaign"].queryset = campaigns_for_sessions()


class MemberChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, member):
        return f"{member.user.full_name or member.user} – {member.get_role_display()} ({member.unit})"


class NomineeChoiceField(forms.ModelMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def label_from_instance(self, nomination):
        return str(nomination.recipient)


class SessionForm(forms.Form):
    """The session's fields and its agenda. ``nominees`` is the queryset of the nominees it may take (the page shows
    them grouped); chair and secretary must serve on the meeting's date."""

    title = forms.CharField(label=_("Tên phiên họp"), max_length=255)
    day = forms.DateField(label=_("Ngày họp"), widget=DateInput())
    time = forms.TimeField(label=_("Giờ họp"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"))
    place = forms.CharField(label=_("Địa điểm"), max_length=255)
    chair = MemberChoiceField(label=_("Chủ trì"), queryset=CouncilMember.objects.none())
    secretary = MemberChoiceField(label=_("Thư ký"), queryset=CouncilMember.objects.none())
    nominations = NomineeChoiceField(label=_("Danh sách đề nghị"), queryset=None, required=False)

    def __init__(self, *args, nominees, reason=False, **kwargs):
        super().__init__(*args, **kwargs)
        members = council_members_ranked()
        self.fields["chair"].queryset = members
        self.fields["secretary"].queryset = members
        self.fields["nominations"].queryset = nominees
        if reason:
            self.fields["reason"] = forms.CharField(label=_("Lý do sửa"), max_length=REASON_LENGTH,
                                                    widget=forms.Textarea(attrs={"rows": 2}))

    def clean(self):
        data = super().clean()
        day, time = data.get("day"), data.get("time")
        if day and time:
            data["meets_at"] = timezone.make_aware(datetime.datetime.combine(day, time))
            serving = CouncilMember.objects.serving_on(day)
            for name in ("chair", "secretary"):
                if data.get(name) and not serving.filter(pk=data[name].pk).exists():
                    self.add_error(name, _("Người này không là thành viên Hội đồng vào ngày họp."))
        return data

    def values(self):
        data = self.cleaned_data
        return {name: data[name] for name in ("title", "meets_at", "place", "chair", "secretary")}

    @staticmethod
    def initial_of(session):
        local = timezone.localtime(session.meets_at)
        return {"title": session.title, "day": local.date(), "time": local.time().replace(second=0, microsecond=0),
                "place": session.place, "chair": session.chair_id, "secretary": session.secretary_id,
                "nominations": list(session.items.values_list("nomination_id", flat=True))}


class AttendanceForm(forms.ModelForm):
    attendance = forms.ChoiceField(label=_("Điểm danh"), choices=Attendance.choices, widget=forms.RadioSelect)

    class Meta:
        model = SessionMember
        fields = ["attendance"]


class BaseAttendanceFormSet(forms.BaseModelFormSet):
    """Exactly one form per row of the roll, whatever counts are posted: no extra form can be made, and a form
    whose row is not one of the session's is an error of the whole roll."""

    def initial_form_count(self):
        return len(self.get_queryset())

    def total_form_count(self):
        return self.initial_form_count()

    def clean(self):
        super().clean()
        if any(form.instance.pk is None for form in self.forms):
            raise forms.ValidationError(_("Danh sách điểm danh không hợp lệ: hãy tải lại trang."))


AttendanceFormSet = forms.modelformset_factory(SessionMember, form=AttendanceForm, formset=BaseAttendanceFormSet,
                                               extra=0, can_delete=False, edit_only=True)
