"""Staff choose the clusters (cụm, khối) that take part in a campaign."""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from units.models import Cluster

from .. import services
from ..forms import ClusterSearchForm, ClusterSelectionForm
from ..selectors import clusters_to_choose
from .common import StaffCampaignMixin


class CampaignClustersView(StaffCampaignMixin, TemplateView):
    """Checkboxes grouped by year and scope, narrowed by a search; clusters filtered out keep their state."""

    template_name = "campaign/campaign_clusters.html"

    def get_context_data(self, **kwargs):
        query, year = ClusterSearchForm(self.request.GET).criteria()
        return super().get_context_data(
            clusters=clusters_to_choose(query=query, year=year),
            selected=set(self.campaign.clusters.values_list("id", flat=True)),
            years=Cluster.objects.order_by("-year").values_list("year", flat=True).distinct(),
            query=query,
            year=year,
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        form = ClusterSelectionForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Lựa chọn không hợp lệ: có cụm, khối không còn tồn tại. Hãy chọn lại."))
            return redirect("campaign:clusters", pk=self.campaign.pk)
        chosen = form.selection(self.campaign.clusters.all())
        changed = services.set_campaign_clusters(self.campaign, clusters=chosen, by=request.user)
        messages.success(request, _("Đã cập nhật cụm, khối tham gia.") if changed else _("Không có gì thay đổi."))
        return redirect("campaign:detail", pk=self.campaign.pk)
