"""A unit's scorecard: opening it, self-scoring and submitting, the cross-checker's proposals, the unit's answer,
staff's lock and reopening, its page (scores grouped by task, totals, history) and its Excel export."""

import io

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.conf import settings
from django.views.generic import DetailView, FormView, TemplateView, View
from django_filters.views import FilterView

from units.forms import ReasonForm
from units.views.base import LenientPaginationMixin

from .. import exports
from ..filters import ScorecardFilter
from ..forms.scorecards import AnswerForm, ProposalFormSet, SelfScoreFormSet
from ..models.scoring import Scorecard, ScorecardStatus
from ..selectors.scorecards import (
    export_rows,
    followed_scorecards,
    grouped,
    link_choices,
    scorecard_history_page,
    scorecards_in,
    scores_of,
)
from ..services import scorecards as services
from .following import FollowingMixin
from .pledge_base import (
    HISTORY_PAGE,
    Action,
    OnlyInStatesMixin,
    PledgeActionView,
    PledgeObjectMixin,
    UnitInCampaignMixin,
    add_service_error,
)

S = ScorecardStatus


class ScorecardMixin(PledgeObjectMixin):
    model = Scorecard
    pk_url_kwarg = "scorecard_pk"
    context_object_name = "scorecard"

    def base_queryset(self):
        return scorecards_in(self.campaign)


def scorecard_buttons(scorecard, user):
    """What the user may press on the scorecard's page in its current state (the services guard anyway)."""
    edits = user.has_perm("campaign.edit_pledges", scorecard)
    locks = user.has_perm("campaign.lock_scorecards", scorecard)
    status = scorecard.status
    return {
        "edit": edits and status in S.editable(),
        "submit": edits and status in S.editable(),
        "answer": edits and status == S.PROPOSED,
        "propose": status in S.checkable() and user.has_perm("campaign.crosscheck_scorecards", scorecard),
        "lock": locks and status in S.lockable(),
        "reopen": locks and status == S.LOCKED,
    }


class ScorecardOpenView(UnitInCampaignMixin, TemplateView):
    """The unit's officers' way in: to the scorecard when it exists; else a page that opens it (POST)."""

    permission_required = "campaign.edit_pledges"
    template_name = "campaign/scorecards/scorecard_open.html"

    def existing(self):
        return Scorecard.objects.filter(campaign=self.campaign, unit=self.unit).first()

    def get(self, request, *args, **kwargs):
        scorecard = self.existing()
        return redirect(scorecard) if scorecard else super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        try:
            scorecard = services.open_scorecard(campaign=self.campaign, unit=self.unit, by=request.user)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
            return redirect("campaign:unit_progress", pk=self.campaign.pk, unit_pk=self.unit.pk)
        messages.success(request, _("Đã mở bảng tự chấm điểm: hãy chấm từng tiêu chí, lưu nháp, rồi gửi."))
        return redirect(scorecard)


class ScorecardDetailView(ScorecardMixin, DetailView):
    """The scorecard: per criterion grouped by task its maximum, the unit's points, comment and links, the
    proposal with its reason, the points that count; the totals; the answer; the buttons; the history."""

    permission_required = "campaign.view_pledges"
    template_name = "campaign/scorecards/scorecard_detail.html"

    def get_context_data(self, **kwargs):
        scorecard = self.object
        scores = list(scores_of(scorecard))
        return super().get_context_data(
            groups=grouped(scores), can=scorecard_buttons(scorecard, self.request.user),
            has_proposals=any(score.proposed_points is not None for score in scores),
            history=scorecard_history_page(scorecard, self.request.GET.get(HISTORY_PAGE)), **kwargs,
        )


class ScoresFormView(ScorecardMixin, FormView):
    """A formset of the scorecard's scores (``formset_class``) saved by ``save(formset)`` through a service; its
    refusal shows above the formset and nothing is saved."""

    formset_class = None
    success_message = ""

    @cached_property
    def scores(self):
        return list(scores_of(self.get_object()))

    def choices(self):
        return None

    def get_form(self, form_class=None):
        kwargs = {key: value for key, value in self.get_form_kwargs().items() if key in ("data", "files")}
        return self.formset_class(**kwargs, scores=self.scores, choices=self.choices(), prefix="scores")

    def get_context_data(self, **kwargs):
        return super().get_context_data(groups=grouped(self.scores), **kwargs)

    def form_valid(self, form):
        try:
            self.save(form)
        except ValidationError as error:
            form._non_form_errors = form.error_class(error.messages)
            return self.form_invalid(form)
        messages.success(self.request, self.success_message)
        return redirect(self.get_object())


class ScorecardEditView(OnlyInStatesMixin, ScoresFormView):
    """The unit's self-scores while the scorecard is a draft: points ("7,5"), comment and links per criterion."""

    permission_required = "campaign.edit_pledges"
    template_name = "campaign/scorecards/scorecard_edit.html"
    formset_class = SelfScoreFormSet
    states = S.editable()
    refused = _("Bảng tự chấm đã gửi: không sửa được nữa.")
    success_message = _("Đã lưu bảng tự chấm (nháp). Gửi khi đã chấm đủ các tiêu chí.")

    def choices(self):
        return link_choices(self.get_object())

    def save(self, formset):
        services.save_scores(self.get_object(), rows=formset.rows(), by=self.request.user)


class StateNoticeMixin:
    """A form page that shows, outside ``states``, why nothing can be done now instead of the form; a POST then
    goes back to the scorecard with that notice (the service would refuse anyway)."""

    states = ()
    notice = ""

    def in_state(self):
        return self.get_object().status in self.states

    def get_context_data(self, **kwargs):
        return super().get_context_data(in_state=self.in_state(), notice=self.notice, **kwargs)

    def post(self, request, *args, **kwargs):
        if not self.in_state():
            messages.warning(request, self.notice)
            return redirect(self.get_object())
        return super().post(request, *args, **kwargs)


class ScorecardProposeView(StateNoticeMixin, ScoresFormView):
    """The cross-checker's adjusted points, each with its reason, while the scorecard is submitted or proposed."""

    permission_required = "campaign.crosscheck_scorecards"
    template_name = "campaign/scorecards/scorecard_propose.html"
    formset_class = ProposalFormSet
    states = S.checkable()
    notice = _("Chỉ đề xuất điều chỉnh được khi đơn vị đã gửi bảng tự chấm và chưa trả lời, chưa chốt.")
    success_message = _("Đã gửi đề xuất điều chỉnh điểm cho đơn vị.")

    def save(self, formset):
        services.propose(self.get_object(), rows=formset.rows(), by=self.request.user)


class ScorecardFormView(StateNoticeMixin, ScorecardMixin, FormView):
    """One form about the scorecard, saved by ``save(form)`` through a service (its refusal beside the field)."""

    template_name = "campaign/scorecards/scorecard_form.html"
    title = confirm = button = success_message = ""

    def get_context_data(self, **kwargs):
        return super().get_context_data(title=self.title, confirm=self.confirm, button=self.button, **kwargs)

    def form_valid(self, form):
        try:
            self.save(form)
        except ValidationError as error:
            add_service_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, self.success_message)
        return redirect(self.get_object())


class ScorecardAnswerView(ScorecardFormView):
    """The unit's one answer to the proposals."""

    permission_required = "campaign.edit_pledges"
    form_class = AnswerForm
    states = (S.PROPOSED,)
    notice = _("Chỉ trả lời được khi có đề xuất điều chỉnh chưa trả lời (mỗi lần đề xuất chỉ trả lời một lần).")
    title = _("Trả lời đề xuất điều chỉnh")
    confirm = _("Gửi ý kiến này? Đơn vị chỉ trả lời được một lần.")
    button = _("Gửi trả lời")
    success_message = _("Đã gửi ý kiến của đơn vị.")

    def save(self, form):
        services.answer(self.get_object(), text=form.cleaned_data["text"], by=self.request.user)


class ScorecardReopenView(ScorecardFormView):
    """Staff reopen a locked scorecard, with a reason kept in its history."""

    permission_required = "campaign.lock_scorecards"
    form_class = ReasonForm
    states = (S.LOCKED,)
    notice = _("Chỉ mở lại được bảng điểm đã chốt.")
    title = _("Mở lại bảng điểm đã chốt")
    confirm = _("Mở lại bảng điểm này? Điểm chốt sẽ bị bỏ và thứ hạng được tính lại.")
    button = _("Mở lại")
    success_message = _("Đã mở lại bảng điểm.")

    def save(self, form):
        services.reopen_scorecard(self.get_object(), by=self.request.user, reason=form.cleaned_data["reason"])


class ScorecardActionView(ScorecardMixin, PledgeActionView):
    actions = {  # noqa: RUF012 (read only, as in the other action views)
        "submit": Action(services.submit_scorecard, "campaign.edit_pledges", _("Đã gửi bảng tự chấm điểm.")),
        "lock": Action(services.lock_scorecard, "campaign.lock_scorecards", _("Đã chốt bảng điểm.")),
    }


class ScorecardExportView(ScorecardMixin, View):
    """The scorecard as an .xlsx attachment."""

    permission_required = "campaign.view_pledges"

    def get(self, request, *args, **kwargs):
        scorecard = self.get_object()
        now = timezone.now()
        totals = [
            (Scorecard._meta.get_field(name).verbose_name, getattr(scorecard, name))
            for name in ("self_total", "bonus_total", "penalty_total", "total")
        ]
        data = exports.scorecard_workbook(
            export_rows(scorecard, scores_of(scorecard)), unit_name=scorecard.unit.name,
            campaign_title=self.campaign.title, status=scorecard.get_status_display(), totals=totals, exported_at=now,
        )
        name = f"bang-diem-{scorecard.unit.code}-{self.campaign.pk}-{timezone.localtime(now):%Y%m%d}.xlsx"
        return FileResponse(io.BytesIO(data), as_attachment=True, filename=name, content_type=exports.CONTENT_TYPE)


class ScorecardListView(FollowingMixin, LenientPaginationMixin, FilterView):
    """The campaign's scorecards of the units the user follows (staff and council: all; an officer: their units and
    the members of the cluster their unit leads), filtered by unit, cluster, state and lateness."""

    filterset_class = ScorecardFilter
    selector = followed_scorecards
    template_name = "campaign/scorecards/scorecard_list.html"
    context_object_name = "scorecards"
    paginate_by = settings.PAGE_SIZE
