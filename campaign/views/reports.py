"""The campaign's summary report (báo cáo tổng kết) and a cluster's report, as PDF (domain.md §7) and Excel, from
the dashboard's figures. Staff read both; the officers of a cluster's leader unit read their cluster's report.

The campaign comes from those the user may see, the cluster from the campaign's clusters the user may see (as the
ranking pages: another unit's cluster is a 404), then the permission is checked (403)."""

import io

from django.http import FileResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.functional import cached_property
from django.views.generic import View

from units.views.base import PermissionMixin

from .. import exports, pdf, reports
from ..rules import ClusterInCampaign
from ..selectors.dashboard import campaign_figures, cluster_figures
from ..selectors.registrations import campaign_clusters_visible_to
from .common import CampaignMixin

TEMPLATE = "campaign/reports/summary_report.html"


def _pdf_response(context, name):
    data = pdf.render_pdf(TEMPLATE, context)
    return FileResponse(io.BytesIO(data), as_attachment=True, content_type="application/pdf", filename=name)


def _xlsx_response(data, name):
    return FileResponse(io.BytesIO(data), as_attachment=True, content_type=exports.CONTENT_TYPE, filename=name)


class SummaryReportMixin(CampaignMixin, PermissionMixin):
    permission_required = "campaign.view_summary_report"

    def get_permission_object(self):
        return self.campaign

    def file_name(self, today, extension):
        return f"bao-cao-tong-ket-{self.campaign.pk}-{today:%Y%m%d}.{extension}"


class SummaryReportPdfView(SummaryReportMixin, View):
    def get(self, request, *args, **kwargs):
        today = timezone.localdate()
        context = reports.summary_context(
            campaign_figures(self.campaign, today=today), facts=reports.campaign_facts(self.campaign), today=today,
            signer=reports.head_of_board(),
        )
        return _pdf_response(context, self.file_name(today, "pdf"))


class SummaryReportExportView(SummaryReportMixin, View):
    def get(self, request, *args, **kwargs):
        today = timezone.localdate()
        data = reports.summary_workbook(campaign_figures(self.campaign, today=today))
        return _xlsx_response(data, self.file_name(today, "xlsx"))


class ClusterReportMixin(CampaignMixin, PermissionMixin):
    permission_required = "campaign.view_cluster_report"

    @cached_property
    def cluster(self):
        clusters = campaign_clusters_visible_to(self.request.user, self.campaign)
        return get_object_or_404(clusters, pk=self.kwargs["cluster_pk"])

    def get_permission_object(self):
        # The cluster first: another unit's cluster answers 404 before any 403.
        return ClusterInCampaign(self.campaign, self.cluster)

    def file_name(self, today, extension):
        return f"bao-cao-cum-khoi-{self.campaign.pk}-{self.cluster.pk}-{today:%Y%m%d}.{extension}"


class ClusterReportPdfView(ClusterReportMixin, View):
    def get(self, request, *args, **kwargs):
        today = timezone.localdate()
        context = reports.cluster_context(
            cluster_figures(self.campaign, self.cluster, today=today), facts=reports.campaign_facts(self.campaign),
            today=today, signer=reports.head_of_board(),
        )
        return _pdf_response(context, self.file_name(today, "pdf"))


class ClusterReportExportView(ClusterReportMixin, View):
    def get(self, request, *args, **kwargs):
        today = timezone.localdate()
        data = reports.cluster_workbook(cluster_figures(self.campaign, self.cluster, today=today))
        return _xlsx_response(data, self.file_name(today, "xlsx"))
