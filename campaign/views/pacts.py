"""A cluster's pact (giao ước thi đua) in a campaign: its page, its form (staff and the leader's officers), its
signed scan."""

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView, TemplateView

from units.views.base import PermissionMixin

from ..forms.registrations import PactForm, pact_initial
from ..models import ClusterPact
from ..selectors.registrations import (
    campaign_clusters_visible_to,
    cluster_members,
    pact_defaults,
    pact_for,
    pact_history_page,
)
from ..services import registrations as services
from .pledge_base import (
    HISTORY_PAGE,
    CampaignMixin,
    EvidenceUploadView,
    ServiceFormMixin,
)


class PactMixin(CampaignMixin, PermissionMixin):
    """The cluster of the URL among the campaign's clusters the user may see (else 404), and its pact if any; the
    permission is checked against the pact, or an unsaved one of that campaign and cluster."""

    @cached_property
    def cluster(self):
        clusters = campaign_clusters_visible_to(self.request.user, self.campaign)
        return get_object_or_404(clusters, pk=self.kwargs["cluster_pk"])

    @cached_property
    def pact(self):
        return pact_for(self.campaign, self.cluster)

    def get_permission_object(self):
        return self.pact or ClusterPact(campaign=self.campaign, cluster=self.cluster)

    def get_context_data(self, **kwargs):
        return super().get_context_data(cluster=self.cluster, pact=self.pact, **kwargs)


class PactDetailView(PactMixin, TemplateView):
    """Whoever may see the cluster reads its pact; an empty state invites those who may write it."""

    permission_required = "campaign.follow_campaign"
    template_name = "campaign/pacts/pact_detail.html"

    def get_context_data(self, **kwargs):
        can_manage = self.request.user.has_perm("campaign.manage_pact", self.get_permission_object())
        context = {"can_manage": can_manage}
        if self.pact is not None:
            history = pact_history_page(self.pact, self.request.GET.get(HISTORY_PAGE))
            context.update(evidence_items=self.pact.shown_evidence, history=history)
        return super().get_context_data(**context, **kwargs)


class PactEditView(PactMixin, ServiceFormMixin, FormView):
    """Writes the pact, or changes it; a new one proposes the cluster's leader, deputy and every member."""

    permission_required = "campaign.manage_pact"
    form_class = PactForm
    template_name = "campaign/pacts/pact_form.html"
    success_message = _("Đã lưu giao ước thi đua.")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "cluster": self.cluster, "members": cluster_members(self.cluster)}

    def get_initial(self):
        defaults = pact_defaults(self.cluster) if self.pact is None else {}
        return pact_initial(self.pact, defaults)

    def save(self, form):
        return services.save_pact(
            campaign=self.campaign, cluster=self.cluster, **form.pact_data(), by=self.request.user,
            reason=form.cleaned_data["reason"],
        )


class PactEvidenceView(PactMixin, EvidenceUploadView):
    """The signed scan of the pact: there is nothing to attach it to before the pact is written (404)."""

    permission_required = "campaign.manage_pact"

    def get_permission_object(self):
        if self.pact is None:
            raise Http404
        return self.pact

    def evidence_owner(self):
        return self.pact
