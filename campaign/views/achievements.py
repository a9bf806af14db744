"""A unit's achievements (thành tích) in a campaign: added with their figures and evidence, shown with their history,
edited while draft or returned, submitted, withdrawn, accepted or returned."""

import copy

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView, FormView

from ..forms.achievements import AchievementCreateForm, AchievementForm, FigureFormSet
from ..models import Achievement, AchievementFigure, ReviewStatus
from ..selectors.achievements import achievement_history_page, achievements_in, with_figures_and_evidence
from ..services import achievements as services
from .pledge_base import (
    Action,
    EvidenceUploadView,
    PledgeActionView,
    PledgeObjectMixin,
    PledgeReturnView,
    UnitInCampaignMixin,
)

HISTORY_PAGE = "lich_su"


class AchievementMixin(PledgeObjectMixin):
    model = Achievement
    pk_url_kwarg = "achievement_pk"
    context_object_name = "achievement"

    def base_queryset(self):
        return achievements_in(self.campaign)

    def get_context_data(self, **kwargs):
        return super().get_context_data(unit=self.get_object().unit, **kwargs)


class FiguresFormMixin:
    """The achievement's form and its figures formset, saved together by ``save_with_services`` when both are
    valid; a service's refusal shows above the form (or beside the field it names) and nothing is saved."""

    template_name = "campaign/achievements/achievement_form.html"
    success_message = ""

    def figures_owner(self):
        raise NotImplementedError

    def get_formset(self):
        data = self.request.POST if self.request.method == "POST" else None
        return FigureFormSet(data, prefix="figures", instance=self.figures_owner(),
                             queryset=AchievementFigure.objects.order_by("id"))

    def get_context_data(self, **kwargs):
        kwargs.setdefault("formset", self.get_formset())
        return super().get_context_data(**kwargs)

    def post(self, request, *args, **kwargs):
        form, formset = self.get_form(), self.get_formset()
        if form.is_valid() and formset.is_valid():
            try:
                achievement = self.save_with_services(form, formset)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, self.success_message)
                return redirect(achievement)
        return self.render_to_response(self.get_context_data(form=form, formset=formset))


class AchievementCreateView(UnitInCampaignMixin, FiguresFormMixin, FormView):
    """A unit's new achievement, with its figures and, in the same submit, evidence files (optional)."""

    permission_required = "campaign.edit_pledges"
    form_class = AchievementCreateForm
    success_message = _("Đã thêm thành tích (đang soạn). Gửi để xét khi đã đủ số liệu và minh chứng.")

    def figures_owner(self):
        return Achievement(campaign=self.campaign, unit=self.unit)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "campaign": self.campaign}

    def save_with_services(self, form, formset):
        return services.create_achievement(
            campaign=self.campaign, unit=self.unit, task=form.cleaned_data["task"], data=form.achievement_data(),
            figures=formset.new_figures(), files=form.cleaned_data["files"], by=self.request.user,
        )


class AchievementEditView(AchievementMixin, FiguresFormMixin, FormView):
    """The achievement's fields and figures, while it is a draft or returned (else back to its page)."""

    permission_required = "campaign.edit_pledges"
    form_class = AchievementForm
    success_message = _("Đã lưu thành tích.")

    def figures_owner(self):
        return self.get_object()

    def get_form_kwargs(self):
        # A copy: a valid ModelForm writes its values into its instance, and the service must see what changed.
        return {**super().get_form_kwargs(), "campaign": self.campaign, "instance": copy.copy(self.get_object())}

    def get(self, request, *args, **kwargs):
        return self._not_editable() or super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        return self._not_editable() or super().post(request, *args, **kwargs)

    def _not_editable(self):
        achievement = self.get_object()
        if achievement.status in ReviewStatus.editable():
            return None
        messages.error(self.request, _("Chỉ sửa được thành tích đang soạn hoặc bị trả lại."))
        return redirect(achievement)

    def save_with_services(self, form, formset):
        return services.update_achievement(
            self.get_object(), data=form.achievement_data(), task=form.cleaned_data["task"], figures=formset.rows(),
            by=self.request.user,
        )


class AchievementDetailView(AchievementMixin, DetailView):
    """The achievement: its fields, figures, state, evidence, the buttons the user may press, and its history."""

    permission_required = "campaign.view_pledges"
    template_name = "campaign/achievements/achievement_detail.html"

    def base_queryset(self):
        return with_figures_and_evidence(super().base_queryset())

    def get_context_data(self, **kwargs):
        achievement, user = self.object, self.request.user
        history = achievement_history_page(achievement, self.request.GET.get(HISTORY_PAGE))
        return super().get_context_data(
            figures=achievement.figures.all(), evidence_items=achievement.live_evidence,
            history=history, **self.buttons(achievement, user), **kwargs,
        )

    def buttons(self, achievement, user):
        may_edit = user.has_perm("campaign.edit_pledges", achievement)
        editable = achievement.status in ReviewStatus.editable()
        pending = achievement.status in ReviewStatus.pending()
        may_change_files = user.has_perm("campaign.add_evidence", achievement)
        return {
            "can_edit": may_edit and editable,
            "can_withdraw": may_edit and pending,
            "can_review": pending and user.has_perm("campaign.review_pledges", achievement),
            "can_remove_evidence": may_change_files,
            "upload_url": reverse("campaign:achievement_evidence", kwargs=self.kwargs) if may_change_files else "",
        }


class AchievementActionView(AchievementMixin, PledgeActionView):
    actions = {
        "submit": Action(services.submit_achievement, "campaign.edit_pledges", _("Đã gửi thành tích để xét.")),
        "withdraw": Action(services.withdraw_achievement, "campaign.edit_pledges", _("Đã rút lại thành tích để sửa.")),
        "accept": Action(services.accept_achievement, "campaign.review_pledges", _("Đã chấp nhận thành tích.")),
    }


class AchievementReturnView(AchievementMixin, PledgeReturnView):
    service = services.return_achievement
    done = _("Đã trả lại thành tích cho đơn vị.")


class AchievementEvidenceView(AchievementMixin, EvidenceUploadView):
    """Adds evidence files to a draft or returned achievement."""

    permission_required = "campaign.add_evidence"
