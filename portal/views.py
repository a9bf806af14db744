"""Sign-in, the home page of each role, and the error pages."""

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.messages.views import SuccessMessageMixin
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.views.decorators.csrf import requires_csrf_token
from django.views.generic import TemplateView
from rules.contrib.views import PermissionRequiredMixin

from awards.models import CouncilMember
from awards.selectors.nominations import officer_batches
from awards.selectors.screening import inbox_counts
from awards.selectors.sessions import member_sessions
from campaign.selectors import campaigns_visible_to, public_campaigns
from campaign.selectors.following import officer_summary, staff_review_summary
from units.models import Role
from units.selectors import clusters_visible_to, units_visible_to

ROLE_HOMES = {Role.STAFF: "staff_home", Role.OFFICER: "officer_home", Role.COUNCIL: "council_home"}


def home(request):
    """Everyone starts here: a signed-in person goes on to the home page of their role."""
    user = request.user
    if user.is_authenticated and user.role in ROLE_HOMES:
        return redirect(ROLE_HOMES[user.role])
    campaigns = public_campaigns().select_related("regime").order_by("-start_date")[:20]
    return render(request, "portal/public_home.html", {"campaigns": campaigns})


class SignInView(auth_views.LoginView):
    template_name = "registration/login.html"
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            limit=settings.AXES_FAILURE_LIMIT,
            minutes=int(settings.AXES_COOLOFF_TIME.total_seconds() // 60),
            **kwargs,
        )


class PasswordChangeView(SuccessMessageMixin, auth_views.PasswordChangeView):
    template_name = "registration/password_change_form.html"
    success_url = reverse_lazy("password_change_done")


class PasswordChangeDoneView(auth_views.PasswordChangeDoneView):
    template_name = "registration/password_change_done.html"


class StaffHomeView(PermissionRequiredMixin, TemplateView):
    permission_required = "portal.staff_home"
    template_name = "portal/staff_home.html"

    def get_context_data(self, **kwargs):
        from campaign.models import CampaignStatus
        from units.models import Cluster, Unit

        campaigns = campaigns_visible_to(self.request.user)
        return super().get_context_data(
            campaigns=campaigns.order_by("-start_date")[:10],
            campaign_counts={
                status.label: campaigns.filter(status=status).count() for status in CampaignStatus
            },
            active_units=Unit.objects.active().count(),
            inactive_units=Unit.objects.filter(is_active=False).count(),
            clusters=Cluster.objects.count(),
            review_summary=staff_review_summary(),
            screening_counts=inbox_counts(self.request.user),
            **kwargs,
        )


class OfficerHomeView(PermissionRequiredMixin, TemplateView):
    permission_required = "portal.officer_home"
    template_name = "portal/officer_home.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        return super().get_context_data(
            units=units_visible_to(user).filter(id__in=user.units.values("id")),
            clusters=clusters_visible_to(user).order_by("-year", "name_sort")[:20],
            campaigns=campaigns_visible_to(user).order_by("-start_date")[:10],
            campaign_summary=officer_summary(user),
            nomination_batches=officer_batches(user),
            **kwargs,
        )


class CouncilHomeView(PermissionRequiredMixin, TemplateView):
    permission_required = "portal.council_home"
    template_name = "portal/council_home.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        return super().get_context_data(
            seats=CouncilMember.objects.filter(user=user).select_related("unit").order_by("-term_start"),
            campaigns=campaigns_visible_to(user).order_by("-start_date")[:10],
            sessions=member_sessions(user),
            **kwargs,
        )


@requires_csrf_token
def permission_denied(request, exception=None):
    return render(request, "403.html", status=403)


@requires_csrf_token
def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


@requires_csrf_token
def server_error(request):
    return render(request, "500.html", status=500)

