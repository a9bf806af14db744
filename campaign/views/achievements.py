"""A unit's achievements (thành tích) in a campaign: added with their figures and evidence, shown with their history,
edited while draft or returned, submitted, withdrawn, accepted or returned."""

import copy

from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView, FormView

from ..forms.achievements import AchievementCreateForm, AchievementForm, FigureFormSet
from ..models import Achievement, AchievementFigure
from ..selectors.achievements import (
    achievement_history_page,
    achievements_in,
    with_figures_and_evidence,
)
from ..services import achievements as services
from . import pledge_base
from .pledge_base import (
    HISTORY_PAGE,
    Action,
    EvidenceUploadView,
    FormsetFormMixin,
    PledgeActionView,
    PledgeObjectMixin,
    PledgeReturnView,
    UnitInCampaignMixin,
    review_buttons,
)


class AchievementMixin(PledgeObjectMixin):
    model = Achievement
    pk_url_kwarg = "achievement_pk"
    context_object_name = "achievement"

    def base_queryset(self):
        return achievements_in(self.campaign)


class EditableOnlyMixin(pledge_base.EditableOnlyMixin):
    waiting = _("Thành tích đang chờ xét: hãy rút lại trước khi sửa.")
    closed = _("Thành tích đã được chấp nhận: không sửa được nữa.")


class FiguresFormMixin(FormsetFormMixin):
    """The achievement's form and its figures formset, saved together by ``save(form)``."""

    template_name = "campaign/achievements/achievement_form.html"

    def figures_owner(self):
        raise NotImplementedError

    def get_formset(self, data):
        return FigureFormSet(data, prefix="figures", instance=self.figures_owner(),
                             queryset=AchievementFigure.objects.order_by("id"))


class AchievementCreateView(UnitInCampaignMixin, FiguresFormMixin, FormView):
    """A unit's new achievement, with its figures and, in the same submit, evidence files (optional)."""

    permission_required = "campaign.edit_pledges"
    form_class = AchievementCreateForm
    success_message = _("Đã thêm thành tích (đang soạn). Gửi để xét khi đã đủ số liệu và minh chứng.")

    def figures_owner(self):
        return Achievement(campaign=self.campaign, unit=self.unit)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "campaign": self.campaign}

    def save(self, form):
        return services.create_achievement(
            campaign=self.campaign, unit=self.unit, task=form.cleaned_data["task"], data=form.achievement_data(),
            figures=self.formset.new_figures(), files=form.cleaned_data["files"], by=self.request.user,
        )


class AchievementEditView(AchievementMixin, EditableOnlyMixin, FiguresFormMixin, FormView):
    """The achievement's fields and figures, while it is a draft or returned (else back to its page)."""

    permission_required = "campaign.edit_pledges"
    form_class = AchievementForm
    success_message = _("Đã lưu thành tích.")

    def figures_owner(self):
        return self.get_object()

    def get_form_kwargs(self):
        # A copy: a valid ModelForm writes its values into its instance, and the service must see what changed.
        return {**super().get_form_kwargs(), "campaign": self.campaign, "instance": copy.copy(self.get_object())}

    def save(self, form):
        return services.update_achievement(
            self.get_object(), data=form.achievement_data(), task=form.cleaned_data["task"], figures=self.formset.rows(),
            by=self.request.user,
        )


class AchievementDetailView(AchievementMixin, DetailView):
    """The achievement: its fields, figures, state, evidence, the buttons the user may press, and its history."""

    permission_required = "campaign.view_pledges"
    template_name = "campaign/achievements/achievement_detail.html"

    def base_queryset(self):
        return with_figures_and_evidence(super().base_queryset())

    def get_context_data(self, **kwargs):
        achievement = self.object
        history = achievement_history_page(achievement, self.request.GET.get(HISTORY_PAGE))
        return super().get_context_data(
            can=review_buttons(achievement, self.request.user), figures=achievement.figures.all(),
            evidence_items=achievement.shown_evidence, history=history, **kwargs,
        )


class AchievementActionView(AchievementMixin, PledgeActionView):
    actions = {
        "submit": Action(services.submit_achievement, "campaign.edit_pledges", _("Đã gửi thành tích để xét.")),
        "withdraw": Action(services.withdraw_achievement, "campaign.edit_pledges", _("Đã rút lại thành tích để sửa.")),
        "accept": Action(services.accept_achievement, "campaign.review_pledges", _("Đã chấp nhận thành tích.")),
    }


class AchievementReturnView(AchievementMixin, PledgeReturnView):
    service = services.return_achievement
    done = _("Đã trả lại thành tích cho đơn vị.")


class AchievementEvidenceView(AchievementMixin, EditableOnlyMixin, EvidenceUploadView):
    """Adds evidence files to a draft or returned achievement."""

    permission_required = "campaign.edit_pledges"
