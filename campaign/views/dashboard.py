"""The staff dashboard of a campaign (bảng điều khiển): its figures per cluster and per task, each a link to the
list behind it (the following lists, the scorecards, the nomination batches, with their filters), the units behind
in each phase, and the charts. The figures are ``selectors.dashboard``'s plain dicts; this module only adds links."""

from dataclasses import dataclass
from urllib.parse import urlencode

from django.urls import reverse
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from ..charts import dashboard_charts
from ..selectors.dashboard import campaign_figures
from .common import StaffCampaignMixin


@dataclass(frozen=True)
class Link:
    """One figure of a cell: its label, its value (a number, or a percent already written out) and its list."""

    label: str
    value: object
    url: str = ""


def _percent(value):
    return _("Chưa có") if value is None else f"{number_format(value, decimal_pos=1, use_l10n=True)} %"


class Links:
    """The cells of a row of the dashboard: each figure with the URL of the list behind it, filtered by the row's
    ``query`` ({"cluster": id}, {"task": id} or {} for the whole campaign)."""

    def __init__(self, campaign_id, states):
        self.campaign_id = campaign_id
        self.labels = {kind: {state["key"]: state["label"] for state in found} for kind, found in states.items()}

    def url(self, name, query, **more):
        params = urlencode({**query, **more})
        return reverse(name, kwargs={"pk": self.campaign_id}) + (f"?{params}" if params else "")

    def states(self, kind, figures, name, query, *, late=True):
        """The total, each state with something in it, and those sent late."""
        links = [Link(_("Tổng số"), figures["total"], self.url(name, query))]
        links += [
            Link(self.labels[kind][state], count, self.url(name, query, **{self.state_param(kind): state}))
            for state, count in figures["by_state"].items() if count
        ]
        if late and figures.get("submitted_late"):
            links.append(Link(_("Gửi quá hạn"), figures["submitted_late"], self.url(name, query, late="yes")))
        return links

    @staticmethod
    def state_param(kind):
        return "screening" if kind == "nominations" else "status"

    def progress(self, works, query):
        url = self.url("campaign:work_list", query)
        return [
            Link(_("Bình quân"), _percent(works["average_percent"]), url),
            Link(_("Theo giá trị"), _percent(works["progress"]), url),
            Link(_("Hoàn thành"), f"{works['done']}/{works['pledged']}", url),
        ]

    def evidence(self, evidence, query, cluster_id=None):
        """The files in all, then by what they belong to (a cluster's pact: on the pact's page)."""
        links = [
            Link(_("Đăng ký"), evidence["registrations"], self.url("campaign:registration_list", query))
            if "registrations" in evidence else None,
            Link(_("Báo cáo tiến độ"), evidence["reports"], self.url("campaign:work_list", query)),
            Link(_("Thành tích"), evidence["achievements"], self.url("campaign:achievement_list", query)),
            Link(_("Giao ước"), evidence.get("pacts", 0),
                 reverse("campaign:pact_detail", kwargs={"pk": self.campaign_id, "cluster_pk": cluster_id})
                 if cluster_id else ""),
        ]
        return [Link(_("Tổng số"), evidence["total"]), *(link for link in links if link and link.value)]

    def group_row(self, figures, query, phases, cluster_id=None):
        """The cells of the whole campaign or of a cluster, in the columns' order."""
        behind = "#giai-doan-{}"
        registrations = self.states("registrations", figures["registrations"], "campaign:registration_list", query)
        if figures["registrations"]["not_registered"]:
            registrations.append(Link(_("Chưa đăng ký"), figures["registrations"]["not_registered"],
                                      behind.format("registration")))
        scorecards = self.states("scorecards", figures["scorecards"], "campaign:scorecard_list", query)
        if figures["scorecards"]["not_started"]:
            scorecards.append(Link(_("Chưa tự chấm"), figures["scorecards"]["not_started"],
                                   behind.format("scoring")))
        late = [Link(phase["label"], figures["late"][phase["key"]], behind.format(phase["key"]))
                for phase in phases if figures["late"][phase["key"]]]
        return [
            registrations,
            self.states("works", figures["works"], "campaign:work_list", query),
            self.progress(figures["works"], query),
            self.evidence(figures["evidence"], query, cluster_id),
            self.states("achievements", figures["achievements"], "campaign:achievement_list", query),
            scorecards,
            self.states("nominations", figures["nominations"], "awards:batch_list", query, late=False),
            late,
        ]

    def task_row(self, task):
        query = {"task": task["id"]}
        return [
            self.states("registrations", task["registrations"], "campaign:registration_list", query),
            self.states("works", task["works"], "campaign:work_list", query),
            self.progress(task["works"], query),
            self.evidence(task["evidence"], query),
            self.states("achievements", task["achievements"], "campaign:achievement_list", query),
            self.states("nominations", task["nominations"], "awards:batch_list", query, late=False),
        ]


class DashboardView(StaffCampaignMixin, TemplateView):
    """Where the campaign stands, for Sở Nội vụ's staff: others are refused before the campaign is looked up."""

    permission_required = "campaign.view_dashboard"
    template_name = "campaign/dashboard/dashboard.html"

    def get_context_data(self, **kwargs):
        figures = campaign_figures(self.campaign)
        links = Links(self.campaign.pk, figures["states"])
        phases = figures["phases"]
        return super().get_context_data(
            figures=figures,
            total_row=links.group_row(figures["totals"], {}, phases),
            cluster_rows=[
                (cluster, links.group_row(cluster, {"cluster": cluster["id"]}, phases, cluster["id"]))
                for cluster in figures["clusters"]
            ],
            task_rows=[(task, links.task_row(task)) for task in figures["tasks"]],
            charts=dashboard_charts(figures),
            registered=figures["totals"]["units"] - figures["totals"]["behind"]["registration"],
            **kwargs,
        )
