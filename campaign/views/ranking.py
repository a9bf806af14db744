"""Rankings: a cluster's ranking table beside its ranking by acclaim (page, Excel, PDF), the acclaim's form, the
campaign-wide comparison of clusters and tasks (page, Excel), and staff's button that recomputes everything.

The cluster comes from the campaign's clusters the user may see (as the pact pages: another unit's cluster is a
404), then the permission is checked (403)."""

import io

from django.conf import settings
from django.contrib import messages
from django.http import FileResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, TemplateView, View

from units.views.base import PermissionMixin

from .. import exports, exports_ranking, pdf
from ..forms.ranking import AcclaimForm, acclaim_initial
from ..models import Acclaim, ScoringTable, TieBreak
from ..rules import ClusterInCampaign
from ..selectors.ranking import (
    acclaim_history_page,
    acclaim_units,
    cluster_ranking,
    comparison,
    comparison_export_rows,
    ranking_export_rows,
)
from ..selectors.registrations import campaign_clusters_visible_to, cluster_members
from ..services import ranking as services
from ..services.scoring import recompute_later
from .common import CampaignMixin
from .pledge_base import HISTORY_PAGE, ServiceFormMixin


class RecomputeView(PermissionMixin, CampaignMixin, View):
    """Staff's button (POST): queues the recomputation of every total and ranking once this request commits."""

    http_method_names = ["post"]
    permission_required = "campaign.recompute_ranking"

    def post(self, request, *args, **kwargs):
        campaign_id = self.campaign.pk
        recompute_later(campaign_id)
        messages.success(request, _("Đã yêu cầu tính lại tổng điểm và xếp hạng; kết quả cập nhật sau ít phút."))
        return redirect("campaign:comparison", pk=campaign_id)


class ClusterMixin(CampaignMixin, PermissionMixin):
    """The cluster of the URL among the campaign's clusters the user may see (else 404); whoever follows the
    campaign reads its ranking."""

    permission_required = "campaign.follow_campaign"

    @cached_property
    def cluster(self):
        clusters = campaign_clusters_visible_to(self.request.user, self.campaign)
        return get_object_or_404(clusters, pk=self.kwargs["cluster_pk"])

    def get_permission_object(self):
        # The cluster first: another unit's cluster answers 404 before any 403.
        return self.campaign if self.cluster else None

    @cached_property
    def ranking(self):
        return cluster_ranking(self.campaign, self.cluster)

    def unsaved_acclaim(self):
        return self.ranking.acclaim or Acclaim(campaign=self.campaign, cluster=self.cluster)

    def get_context_data(self, **kwargs):
        return super().get_context_data(cluster=self.cluster, **kwargs)


def _tie_break_labels(table):
    labels = dict(TieBreak.choices)
    return [labels[value] for value in (table.tie_breaks if table else []) if value in labels]


class ClusterRankingView(ClusterMixin, TemplateView):
    template_name = "campaign/ranking/cluster_ranking.html"

    def viewable_scorecard_ids(self):
        """Ids of the rows' scorecards the user may open: one set for the page, no query per row (the rules read
        the user's cached scope; each card gets the campaign already loaded)."""
        ids = set()
        for row in self.ranking.rows:
            if row.scorecard is not None:
                row.scorecard.campaign = self.campaign
                if self.request.user.has_perm("campaign.view_pledges", row.scorecard):
                    ids.add(row.scorecard.pk)
        return ids

    def get_context_data(self, **kwargs):
        user = self.request.user
        table = ScoringTable.objects.filter(campaign=self.campaign).prefetch_related("bands").first()
        acclaim = self.ranking.acclaim
        if acclaim is not None:
            kwargs["history"] = acclaim_history_page(acclaim, self.request.GET.get(HISTORY_PAGE))
        return super().get_context_data(
            ranking=self.ranking, acclaimed=acclaim_units(self.ranking.acclaim, self.ranking.rows),
            table=table, tie_breaks=_tie_break_labels(table), bands=list(table.bands.all()) if table else [],
            can_record=user.has_perm("campaign.record_acclaim", self.unsaved_acclaim()),
            can_recompute=user.has_perm("campaign.recompute_ranking"),
            can_report=user.has_perm("campaign.view_cluster_report", ClusterInCampaign(self.campaign, self.cluster)),
            viewable_scorecards=self.viewable_scorecard_ids(), **kwargs,
        )


def _file_name(prefix, campaign, cluster, now, extension):
    return f"{prefix}-{campaign.pk}-{cluster.pk}-{timezone.localtime(now):%Y%m%d}.{extension}"


def _acclaim_line(ranking):
    acclaim = ranking.acclaim
    if acclaim is None:
        return ""
    names = ", ".join(f"{place}. {unit.name}" for place, unit in
                      enumerate(acclaim_units(acclaim, ranking.rows), start=1))
    return _("Suy tôn ngày %(date)s: %(names)s") % {"date": acclaim.held_on.strftime("%d/%m/%Y"), "names": names}


class ClusterRankingExportView(ClusterMixin, View):
    def get(self, request, *args, **kwargs):
        now = timezone.now()
        data = exports_ranking.ranking_workbook(
            ranking_export_rows(self.ranking), campaign_title=self.campaign.title, cluster_name=self.cluster.name,
            exported_at=now, acclaim_line=_acclaim_line(self.ranking),
        )
        return FileResponse(io.BytesIO(data), as_attachment=True, content_type=exports.CONTENT_TYPE,
                            filename=_file_name("xep-hang", self.campaign, self.cluster, now, "xlsx"))


class ClusterRankingPdfView(ClusterMixin, View):
    """The ranking as an administrative document (domain.md §7): A4, Quốc hiệu and Tiêu ngữ, the issuing body, the
    place and date, the title, the table."""

    def get(self, request, *args, **kwargs):
        now = timezone.now()
        context = {
            "campaign": self.campaign, "cluster": self.cluster, "ranking": self.ranking,
            "acclaimed": acclaim_units(self.ranking.acclaim, self.ranking.rows),
            "date_line": pdf.vietnamese_date_line(settings.PORTAL_PROVINCE, timezone.localdate(now)),
            "parent_body": _("Sở Nội vụ tỉnh %(province)s") % {"province": settings.PORTAL_PROVINCE},
        }
        data = pdf.render_pdf("campaign/ranking/cluster_ranking_pdf.html", context)
        return FileResponse(io.BytesIO(data), as_attachment=True, content_type="application/pdf",
                            filename=_file_name("xep-hang", self.campaign, self.cluster, now, "pdf"))


class AcclaimEditView(ClusterMixin, ServiceFormMixin, FormView):
    """Staff or the leader's officers record the cluster's ranking by acclaim, with its minutes."""

    permission_required = "campaign.record_acclaim"
    form_class = AcclaimForm
    template_name = "campaign/ranking/acclaim_form.html"
    success_message = gettext_lazy("Đã lưu kết quả suy tôn.")

    @cached_property
    def acclaim(self):
        return Acclaim.objects.filter(campaign=self.campaign, cluster=self.cluster).first()

    def get_permission_object(self):
        return self.acclaim or Acclaim(campaign=self.campaign, cluster=self.cluster)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "members": cluster_members(self.cluster)}

    def get_initial(self):
        return acclaim_initial(self.acclaim)

    def get_context_data(self, **kwargs):
        return super().get_context_data(acclaim=self.acclaim, **kwargs)

    def save(self, form):
        services.record_acclaim(campaign=self.campaign, cluster=self.cluster, data=form.cleaned_data,
                                by=self.request.user)
        return reverse("campaign:cluster_ranking", kwargs={"pk": self.campaign.pk, "cluster_pk": self.cluster.pk})


class ComparisonMixin(CampaignMixin, PermissionMixin):
    permission_required = "campaign.follow_campaign"

    def get_permission_object(self):
        return self.campaign

    @cached_property
    def data(self):
        return comparison(self.campaign, self.request.user)


class ComparisonView(ComparisonMixin, TemplateView):
    """Campaign-wide: per cluster the average and highest totals and the leading units; per task the average points
    of its criteria across locked scorecards."""

    template_name = "campaign/ranking/comparison.html"

    def get_context_data(self, **kwargs):
        can_recompute = self.request.user.has_perm("campaign.recompute_ranking")
        return super().get_context_data(**self.data, can_recompute=can_recompute, **kwargs)


class ComparisonExportView(ComparisonMixin, View):
    def get(self, request, *args, **kwargs):
        now = timezone.now()
        clusters, tasks = comparison_export_rows(self.data)
        data = exports_ranking.comparison_workbook(
            clusters, tasks, campaign_title=self.campaign.title, exported_at=now, scorecards=self.data["scorecards"],
        )
        name = f"so-sanh-{self.campaign.pk}-{timezone.localtime(now):%Y%m%d}.xlsx"
        return FileResponse(io.BytesIO(data), as_attachment=True, filename=name, content_type=exports.CONTENT_TYPE)
