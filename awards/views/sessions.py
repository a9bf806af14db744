"""The council's screens: its members, its sessions (created and edited by staff while preparing), the roll, the
opening of the ballot, and the nominees of an agenda as members read them.

A session is looked up among those the user sees (``sessions_visible_to``: a council member only the sessions they
sit in, officers none → 404), then the rule is checked against it (403).
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import DetailView, FormView, ListView, TemplateView
from django.views.generic.detail import SingleObjectMixin

from campaign.views.pledge_base import ServiceFormMixin
from units.rules import is_council_member, is_portal_staff
from units.views.base import (
    GuardedMixin,
    LenientPaginationMixin,
    PermissionMixin,
    PostActionView,
)

from ..forms.sessions import (
    AttendanceFormSet,
    CampaignPickForm,
    SessionForm,
    campaigns_for_sessions,
)
from ..models import Ballot, Nomination
from ..selectors import sessions as selectors
from ..selectors.ballots import member_rank
from ..selectors.nominations import nomination_for_page, shown_files
from ..selectors.scope import sessions_visible_to
from ..services import eligibility
from ..services import sessions as services
from .nomination_base import HISTORY_PAGE

PAGE_SIZE = 50
SESSION_PERMS = ("edit_session", "take_attendance", "open_ballot", "enter_ballots", "record_decision",
                 "cast_ballot", "close_ballot", "view_result")


class CouncilMemberListView(PermissionMixin, TemplateView):
    """Every seat of the council, those serving today first; staff keep the seats in the admin."""

    permission_required = "awards.view_council"
    template_name = "awards/sessions/council_members.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(members=selectors.council_members(timezone.localdate()),
                                        can_manage=self.request.user.has_perm("awards.manage_council"), **kwargs)


class SessionListView(PermissionMixin, LenientPaginationMixin, ListView):
    permission_required = "awards.view_sessions"
    template_name = "awards/sessions/session_list.html"
    paginate_by = PAGE_SIZE
    context_object_name = "sessions"

    def get_queryset(self):
        return selectors.session_list(self.request.user)

    def get_context_data(self, **kwargs):
        user = self.request.user
        return super().get_context_data(can_manage=user.has_perm("awards.manage_sessions"),
                                        is_member=is_council_member(user) and not is_portal_staff(user), **kwargs)


class NomineeRow:
    """A nominee of the session form as ``group_agenda`` reads an agenda item (its ``nomination``), ticked or not."""

    def __init__(self, nomination, chosen):
        self.nomination, self.pk, self.chosen = nomination, nomination.pk, chosen


class SessionMixin(GuardedMixin, SingleObjectMixin):
    """A session the user sees (else 404); permissions are checked against it."""

    context_object_name = "session"

    def get_queryset(self):
        return sessions_visible_to(self.request.user)

    @property
    def session(self):
        return self.get_object()


class SessionFormMixin(ServiceFormMixin):
    """The session form with the nominees its campaign may put on the agenda, shown grouped with their verdicts;
    ``save(form)`` calls the service."""

    template_name = "awards/sessions/session_form.html"

    def nominees(self):
        return selectors.available_nominees(self.campaign, getattr(self, "session", None))

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "nominees": self.nominees()}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(campaign=self.campaign, **kwargs)
        form = context["form"]
        chosen = {str(value) for value in (form["nominations"].value() or [])}
        rows = [NomineeRow(nomination, str(nomination.pk) in chosen)
                for nomination in form.fields["nominations"].queryset]
        context["groups"] = selectors.group_agenda(rows, eligibility.verdict)
        return context


class SessionCreateView(PermissionMixin, SessionFormMixin, FormView):
    """Staff pick the campaign (``?campaign=``), then the session's fields and its agenda."""

    permission_required = "awards.manage_sessions"
    form_class = SessionForm
    success_message = gettext_lazy("Đã tạo phiên họp.")

    @cached_property
    def campaign(self):
        pick = CampaignPickForm(self.request.GET)
        return pick.cleaned_data["campaign"] if pick.is_valid() else None

    def get(self, request, *args, **kwargs):
        if self.campaign is None:
            return self.render_to_response({"pick": CampaignPickForm(request.GET or None),
                                            "campaigns": campaigns_for_sessions().exists()})
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        if self.campaign is None:
            return redirect("awards:session_create")
        return super().post(request, *args, **kwargs)

    def get_template_names(self):
        return ["awards/sessions/session_form.html" if self.campaign else "awards/sessions/session_pick.html"]

    def save(self, form):
        return services.create_session(campaign=self.campaign, values=form.values(),
                                       nominations=form.cleaned_data["nominations"], by=self.request.user)


class SessionEditView(SessionMixin, SessionFormMixin, FormView):
    permission_required = "awards.edit_session"
    form_class = SessionForm
    success_message = gettext_lazy("Đã lưu phiên họp.")

    @cached_property
    def session(self):
        return self.get_object()

    @property
    def campaign(self):
        return self.session.campaign

    def get_initial(self):
        return SessionForm.initial_of(self.session)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "reason": True}

    def get_context_data(self, **kwargs):
        return super().get_context_data(session=self.session, **kwargs)

    def save(self, form):
        return services.update_session(self.session, values=form.values(),
                                       nominations=form.cleaned_data["nominations"], by=self.request.user,
                                       reason=form.cleaned_data["reason"])


def session_perms(user, session):
    return {name: user.has_perm(f"awards.{name}", session) for name in SESSION_PERMS}


class SessionDetailView(SessionMixin, DetailView):
    permission_required = "awards.view_session"
    template_name = "awards/sessions/session_detail.html"

    def get_queryset(self):
        return selectors.session_for_page(super().get_queryset())

    def get_context_data(self, **kwargs):
        session, user = self.object, self.request.user
        units = selectors.seat_units(user, session)
        is_member = bool(units)
        has_voted = is_member and Ballot.objects.filter(session=session, member__user=user).exists()
        return super().get_context_data(
            can=session_perms(user, session), is_member=is_member, has_voted=has_voted,
            groups=selectors.group_agenda(selectors.agenda_items(session), eligibility.verdict, units),
            history=selectors.session_history_page(session, self.request.GET.get(HISTORY_PAGE)), **kwargs,
        )


class AttendanceView(SessionMixin, FormView):
    permission_required = "awards.take_attendance"
    template_name = "awards/sessions/attendance.html"

    @cached_property
    def session(self):
        return self.get_object()

    def get_form(self, form_class=None):
        rows = (self.session.members.select_related("member__user", "member__unit").annotate(rank=member_rank())
                .order_by("rank", "member__user__name_sort", "member_id"))
        return AttendanceFormSet(self.request.POST or None, queryset=rows)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            session=self.session,
            history=selectors.session_history_page(self.session, self.request.GET.get(HISTORY_PAGE)), **kwargs)

    def form_valid(self, formset):
        rows = {form.instance: form.cleaned_data["attendance"] for form in formset.initial_forms}
        try:
            services.set_attendance(self.session, rows=rows, by=self.request.user)
        except ValidationError as error:
            messages.error(self.request, " ".join(error.messages))
            return self.form_invalid(formset)
        messages.success(self.request, _("Đã lưu điểm danh."))
        return redirect(self.session)


class SessionOpenView(SessionMixin, PostActionView):
    permission_required = "awards.open_ballot"

    def act(self, session):
        services.open_ballot(session, by=self.request.user)

    def get_success_message(self, session):
        return _("Đã mở bỏ phiếu.")


class AgendaItemView(SessionMixin, DetailView):
    """One nominee of the agenda as members read it: report, attachments, checks, screening, conflict."""

    permission_required = "awards.view_session"
    template_name = "awards/sessions/agenda_item.html"

    def get_context_data(self, **kwargs):
        session, user = self.object, self.request.user
        items = selectors.agenda_items(session)
        item = items.filter(pk=self.kwargs["item_pk"]).first()
        if item is None:
            raise Http404
        nominations = Nomination.objects.select_related(
            "award_form", "batch__campaign", "batch__unit", "unit", "person__unit", "household__unit", "screened_by")
        nomination = nomination_for_page(nominations.filter(pk=item.nomination_id)).get()
        order = list(items.values_list("pk", flat=True))
        index = order.index(item.pk)
        return super().get_context_data(
            item=item, nomination=nomination, conflict=selectors.is_conflict(nomination,
                                                                           selectors.seat_units(user, session)),
            task_rows=nomination.task_results.all(), files=shown_files(nomination.files.all()),
            checks=list(nomination.checks.all()), overrides=eligibility.overrides_of(nomination),
            can_override=False, can_recheck=False,
            previous_pk=order[index - 1] if index > 0 else None,
            next_pk=order[index + 1] if index + 1 < len(order) else None, **kwargs,
        )

