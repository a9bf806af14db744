"""The secret ballot's screens: a member's ballot paper, the staff's entry of paper ballots and written opinions,
the chair's closing, the result and the minutes.

A session is looked up among those the user sees (``sessions_visible_to``: a session the council member does not
sit in, and any session for an officer, answers 404), then the rule is checked against it (403).
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.generic import DetailView, FormView

from ..forms.ballots import BallotForm, PaperBallotForm
from ..models import BallotKind
from ..selectors import ballots as selectors
from ..services import ballots as services
from .sessions import SessionMixin

CAST_MESSAGE = gettext_lazy("Đã ghi nhận phiếu của bạn. Phiếu bầu là bí mật: cổng không lưu bạn đã chọn gì.")


# The choices of a ballot never reach an error report, and no cache keeps the page.
SECRET_BALLOT = [sensitive_post_parameters(), never_cache]


@method_decorator(SECRET_BALLOT, name="dispatch")
class BallotView(SessionMixin, FormView):
    """A member's ballot paper: one choice per nominee, grouped by award form; once cast, a message instead."""

    permission_required = "awards.cast_ballot"
    template_name = "awards/ballots/ballot.html"

    @cached_property
    def seat(self):
        return selectors.seat_of(self.session, self.request.user)

    @cached_property
    def voted(self):
        return selectors.has_voted(self.session, self.seat.member)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "groups": selectors.ballot_paper(self.session, self.request.user)}

    def get_form_class(self):
        return BallotForm

    def get_context_data(self, **kwargs):
        if self.voted:
            return {"session": self.session, "voted": True, "view": self}
        return super().get_context_data(session=self.session, voted=False, **kwargs)

    def post(self, request, *args, **kwargs):
        if self.voted:
            messages.info(request, _("Bạn đã bỏ phiếu trong phiên họp này."))
            return redirect(request.path)
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        try:
            services.cast_ballot(self.session, member=self.seat.member, choices=form.choices(),
                                 kind=BallotKind.ONLINE, by=self.request.user)
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(self.request, str(CAST_MESSAGE))
        return redirect(self.request.path)


@method_decorator(SECRET_BALLOT, name="dispatch")
class PaperBallotView(SessionMixin, FormView):
    """Staff enter a paper ballot (member present or not yet marked) or an absent member's written opinion; the page
    lists who has voted and how the ballot came in — never what it said."""

    permission_required = "awards.enter_ballots"
    template_name = "awards/ballots/paper_ballot.html"
    form_class = PaperBallotForm

    def get_form_kwargs(self):
        seats = selectors.members_without_ballot(self.session, None).annotate(rank=selectors.member_rank()).order_by(
            "rank", "member__user__name_sort", "member__pk")
        return {**super().get_form_kwargs(), "groups": selectors.ballot_paper(self.session), "seats": seats}

    def get_context_data(self, **kwargs):
        voters = list(selectors.voters(self.session))
        return super().get_context_data(session=self.session, voters=voters, **kwargs)

    def form_valid(self, form):
        seat = form.cleaned_data["member"]
        try:
            services.cast_ballot(self.session, member=seat.member, choices=form.choices(),
                                 kind=form.cleaned_data["kind"], by=self.request.user)
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Đã ghi nhận phiếu của %(member)s.") % {"member": seat.member.user})
        return redirect(self.request.path)


class SessionCloseView(SessionMixin, DetailView):
    """The chair's confirmation (how many of the members have voted), then closing the ballot."""

    permission_required = "awards.close_ballot"
    template_name = "awards/ballots/close_confirm.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(ballot_count=self.session.ballots.count(), **kwargs)

    def post(self, request, *args, **kwargs):
        try:
            services.close_ballot(self.session, by=request.user)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
            return redirect(request.path)
        messages.success(request, _("Đã kết thúc bỏ phiếu. Kết quả đã được ghi nhận."))
        return redirect(reverse("awards:session_result", kwargs={"pk": self.session.pk}))


class ResultView(SessionMixin, DetailView):
    """The fixed result per nominee, grouped by award form, with the share of all members."""

    permission_required = "awards.view_result"
    template_name = "awards/ballots/result.html"

    def get_context_data(self, **kwargs):
        can_decide = self.request.user.has_perm("awards.record_decision", self.session)
        return super().get_context_data(groups=selectors.result_groups(self.session), can_decide=can_decide,
                                        ballot_count=self.session.ballots.count(), **kwargs)


class MinutesView(SessionMixin, DetailView):
    """The minutes (biên bản) as a printable page, from ``minutes_context`` (the PDF renders the same context)."""

    permission_required = "awards.view_result"
    template_name = "awards/ballots/minutes.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(minutes=selectors.minutes_context(self.session), **kwargs)
