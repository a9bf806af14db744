"""Campaign pieces shown on the units app's pages (which may not import ``campaign``), and small helpers of the
campaign templates.

    {% load campaign_tags %}
    {% cluster_campaigns cluster %}   the campaigns a cluster takes part in: its progress, its members', its pact
    {% unit_campaigns unit %}         the campaigns a unit takes part in, with its progress
    {% page_url "cong_trinh" 3 %}     the current query string with one page parameter changed
    {% state_badge obj %}             the state of a registration, work or achievement as a badge
    {% late_badge obj %}              "Gửi quá hạn" when it was first sent after its deadline (``on_time=True``: and
                                      "Đúng hạn" when it was sent in time)
    {% rollup progress %}             a roll-up of progress: its bar and counts (``compact=True`` in table rows)

The two inclusion tags take the user from the template context's ``request``. The badges and the roll-up are simple
tags, not includes, because long tables show one per row and an include costs far more. They are the only badges
of these states: every page shows them through these tags.
"""

from django import template
from django.contrib.humanize.templatetags.humanize import intcomma
from django.urls import reverse
from django.utils.formats import localize
from django.utils.html import format_html
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ..models import ClusterPact, ReviewStatus, ScorecardStatus, WorkStatus
from ..rules import UnitInCampaign
from ..selectors.progress import cluster_campaigns as campaigns_of_cluster
from ..selectors.progress import progress_by_campaign, unit_progress_by_campaign
from ..selectors.progress import unit_campaigns as campaigns_of_unit

register = template.Library()


def _may_follow(user, campaign, unit):
    return user.has_perm("campaign.view_pledges", UnitInCampaign(campaign, unit))


def _unit_progress_url(campaign, unit):
    return reverse("campaign:unit_progress", kwargs={"pk": campaign.pk, "unit_pk": unit.pk})


def _link(user, campaign, unit):
    """The unit's page in the campaign, when the user may follow the unit; else ""."""
    return _unit_progress_url(campaign, unit) if _may_follow(user, campaign, unit) else ""


def _members(user, campaign, memberships, figures):
    return [
        {
            "membership": membership,
            "progress": figures.get((campaign.pk, membership.unit_id)),
            "url": _link(user, campaign, membership.unit),
        }
        for membership in memberships
    ]


def _pact(user, campaign, cluster):
    pact = campaign.cluster_pacts[0] if campaign.cluster_pacts else None
    draft = pact or ClusterPact(campaign=campaign, cluster=cluster)
    return {"pact": pact, "may_write": user.has_perm("campaign.manage_pact", draft),
            "may_report": user.has_perm("campaign.view_cluster_report", draft)}


@register.inclusion_tag("campaign/progress/_cluster_campaigns.html", takes_context=True)
def cluster_campaigns(context, cluster):
    """Each campaign the cluster takes part in (that the user may see), the cluster's progress in it, each
    member's, and the cluster's pact. Four queries whatever the number of campaigns and members (members come from
    ``cluster.memberships.all()``, prefetched by the cluster page)."""
    user = context["request"].user
    campaigns = list(campaigns_of_cluster(user, cluster))
    campaign_ids = [campaign.pk for campaign in campaigns]
    memberships = list(cluster.memberships.all())
    unit_ids = [membership.unit_id for membership in memberships]
    totals = progress_by_campaign(campaign_ids, unit_ids) if campaigns else {}
    figures = unit_progress_by_campaign(campaign_ids, unit_ids) if campaigns else {}
    rows = [
        {
            "campaign": campaign,
            "progress": totals.get(campaign.pk),
            "members": _members(user, campaign, memberships, figures),
            **_pact(user, campaign, cluster),
        }
        for campaign in campaigns
    ]
    return {"cluster": cluster, "rows": rows, "request": context["request"]}


@register.inclusion_tag("campaign/progress/_unit_campaigns.html", takes_context=True)
def unit_campaigns(context, unit):
    """Each campaign the unit takes part in through its clusters (that the user may see), with its progress and a
    link to its page in the campaign when the user may follow it."""
    user = context["request"].user
    campaigns = list(campaigns_of_unit(user, unit))
    figures = progress_by_campaign([campaign.pk for campaign in campaigns], [unit.pk]) if campaigns else {}
    rows = [
        {
            "campaign": campaign,
            "progress": figures.get(campaign.pk),
            "url": _link(user, campaign, unit),
        }
        for campaign in campaigns
    ]
    return {"unit": unit, "rows": rows, "request": context["request"]}


@register.simple_tag(takes_context=True)
def page_url(context, parameter, number):
    """``?…`` : the current query string with ``parameter`` set to ``number`` (lists that paginate apart)."""
    query = context["request"].GET.copy()
    query[parameter] = number
    return f"?{query.urlencode()}"


# One colour per state, whatever it belongs to: waiting for the unit grey, waiting for a reviewer blue, back with the
# unit yellow, accepted green, under way light blue, finished pale green, confirmed by staff dark.
BADGES = {
    ReviewStatus.DRAFT: "text-bg-secondary",
    ReviewStatus.SUBMITTED: "text-bg-primary",
    ReviewStatus.RESUBMITTED: "text-bg-primary",
    ReviewStatus.RETURNED: "text-bg-warning",
    ReviewStatus.ACCEPTED: "text-bg-success",
    WorkStatus.IN_PROGRESS: "text-bg-info",
    WorkStatus.COMPLETED: "bg-success-subtle text-success-emphasis border border-success-subtle",
    WorkStatus.VERIFIED: "text-bg-dark",
    # Scorecards (draft and submitted share the values above): a proposal waits for the unit, an answer for staff.
    ScorecardStatus.PROPOSED: "text-bg-warning",
    ScorecardStatus.ANSWERED: "text-bg-info",
    ScorecardStatus.LOCKED: "text-bg-dark",
}


@register.simple_tag
def state_badge(obj):
    """The state of a registration, work or achievement (``obj``) as a badge."""
    return format_html('<span class="badge state-badge {}">{}</span>', BADGES[obj.status], obj.get_status_display())


@register.simple_tag
def late_badge(obj, on_time=False):
    """“Gửi quá hạn” (the label of the model's ``is_late``) when ``obj`` was first sent after its deadline; with
    ``on_time``, “Đúng hạn” when it was sent in time; else nothing."""
    if obj.is_late:
        return format_html('<span class="badge late-badge text-bg-danger">{}</span>',
                           capfirst(obj._meta.get_field("is_late").verbose_name))
    if on_time and obj.submitted_at:
        return format_html('<span class="badge text-bg-light border">{}</span>', _("Đúng hạn"))
    return ""


def _counts(progress, compact):
    if compact:
        return _("%(done)s/%(total)s công trình đã hoàn thành") % {
            "done": progress.completed_count, "total": progress.work_count}
    parts = [
        ngettext("%(count)s công trình, phần việc", "%(count)s công trình, phần việc", progress.work_count)
        % {"count": progress.work_count},
        _("%(done)s đã hoàn thành") % {"done": progress.completed_count},
    ]
    if progress.value_total:
        parts.append(_("giá trị %(value)s đồng") % {"value": intcomma(progress.value_total)})
    return " · ".join(parts)


@register.simple_tag
def rollup(progress, compact=False):
    """The roll-up of one group (a ``selectors.progress.Progress``, or None when no accepted work counts yet): its
    bar, its percent (already rounded to one place, shown localized: 42,5 %) and its counts; ``compact`` leaves the
    value out."""
    if progress is None:
        return format_html('<span class="small text-body-secondary">{}</span>',
                           _("Chưa có công trình, phần việc được chấp nhận."))
    shown = localize(progress.percent)
    return format_html(
        '<div class="rollup"><div class="d-flex align-items-center gap-2"><progress class="portal-progress" '
        'value="{}" max="100" aria-label="{}">{}%</progress><strong class="text-nowrap">{}%</strong></div>'
        '<div class="small text-body-secondary">{}</div></div>',
        str(progress.percent), _("Tiến độ"), shown, shown, _counts(progress, compact),
    )
