"""Reads of campaigns, already scoped to what a user may see."""

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.apps import apps
from django.db.models import Count, Prefetch, Q
from django.utils.translation import gettext as _

from units.models import Cluster, Role, User
from units.rules import is_portal_staff
from units.selectors import clusters_visible_to

from .models import Campaign, CampaignStatus, LegalRegime, Task


def _visible(user):
    if is_portal_staff(user):
        return Campaign.objects.all()
    return Campaign.objects.filter(status__in=CampaignStatus.visible_to_units())


def campaigns_visible_to(user):
    return _visible(user).select_related("regime").annotate(task_count=Count("tasks", distinct=True))


def campaign_list(user):
    return campaigns_visible_to(user).annotate(cluster_count=Count("clusters", distinct=True))


def campaign_years(user):
    """The years the campaigns the user sees start in, newest first."""
    return [day.year for day in _visible(user).dates("start_date", "year", order="DESC")]


def campaign_detail(campaigns):
    clusters = Cluster.objects.annotate(member_count=Count("memberships")).order_by("-year", "scope", "kind", "name_sort")
    return campaigns.prefetch_related(
        Prefetch("tasks", queryset=Task.objects.order_by("number")),
        Prefetch("clusters", queryset=clusters),
    )


def openable_cluster_ids(user, campaign):
    """Ids of the campaign's clusters whose page the user may open (one query; none for an anonymous visitor)."""
    if not user.is_authenticated:
        return frozenset()
    visible = clusters_visible_to(user).filter(campaigns=campaign).values_list("id", flat=True)
    return frozenset(visible)


def public_campaigns():
    return Campaign.objects.filter(status__in=CampaignStatus.visible_to_units()).annotate(
        task_count=Count("tasks", distinct=True)
    )


def regime_in_force_on(day):
    """The legal regime in force on ``day``: the latest one already effective, else the earliest one."""
    regimes = LegalRegime.objects.order_by("-effective_from")
    return (day and regimes.filter(effective_from__lte=day).first()) or regimes.last()


def clusters_to_choose(*, query="", year=None):
    clusters = Cluster.objects.annotate(member_count=Count("memberships")).order_by(
        "-year", "scope", "kind", "name_sort", "id"
    )
    if query:
        clusters = clusters.filter(Q(name__icontains=query) | Q(description__icontains=query))
    if year:
        clusters = clusters.filter(year=year)
    return clusters


def officers_to_notify(campaign):
    """Active officers with an e-mail address, of the units in the campaign's participating clusters."""
    return (
        User.objects.filter(
            role=Role.OFFICER, is_active=True, units__memberships__cluster__campaigns=campaign
        )
        .exclude(email="")
        .distinct()
        .order_by("id")
    )


# --- History -----------------------------------------------------------------------------------------------------------

CAMPAIGN_HISTORY_FIELDS = (
    "title", "kind", "theme", "doc_number", "doc_date", "issuing_bodies", "signer_name", "signer_position",
    "recipients", "start_date", "end_date", "anniversary_date", "regime", "status",
)
TASK_HISTORY_FIELDS = ("number", "short_title", "text")
LONG_VALUE = 80


@dataclass
class HistoryEntry:
    date: object
    user: object
    action: str
    subject: str
    changes: list
    reason: str


def campaign_history(campaign):
    """Every recorded change of the campaign and its tasks, newest first, with what changed (a constant 5 queries)."""
    campaign_records = list(
        Campaign.history.filter(id=campaign.pk).select_related("history_user").order_by("history_date", "history_id")
    )
    task_records = list(
        Task.history.filter(campaign_id=campaign.pk).select_related("history_user").order_by("history_date", "history_id")
    )
    describe = _Describer(campaign_records)
    entries = [*describe.records(campaign_records), *describe.records(task_records)]
    return sorted(entries, key=lambda entry: entry.date, reverse=True)


class _Describer:
    ACTIONS = {"+": _("Tạo mới"), "~": _("Sửa"), "-": _("Xóa")}

    def __init__(self, campaign_records):
        m2m = apps.get_model("campaign", "HistoricalCampaign_clusters")
        rows = m2m.objects.filter(history_id__in=[r.history_id for r in campaign_records]).values_list(
            "history_id", "cluster_id"
        )
        self.cluster_ids = defaultdict(set)
        for history_id, cluster_id in rows:
            self.cluster_ids[history_id].add(cluster_id)
        wanted = set().union(*self.cluster_ids.values()) if self.cluster_ids else set()
        self.cluster_names = dict(Cluster.objects.filter(id__in=wanted).values_list("id", "name"))
        self.regime_names = dict(LegalRegime.objects.values_list("id", "name"))

    def records(self, records):
        previous = {}
        for record in records:
            before = previous.get(record.id)
            previous[record.id] = record
            yield HistoryEntry(
                date=record.history_date,
                user=record.history_user,
                action=self.ACTIONS.get(record.history_type, record.history_type),
                subject=self.subject(record),
                changes=self.changes(before, record) if before is not None and record.history_type == "~" else [],
                reason=record.history_change_reason or "",
            )

    def subject(self, record):
        if isinstance(record, Task.history.model):
            return _("Nội dung %(number)s: %(title)s") % {"number": record.number, "title": record.short_title}
        return _("Phong trào")

    def changes(self, before, after):
        is_task = isinstance(after, Task.history.model)
        fields = TASK_HISTORY_FIELDS if is_task else CAMPAIGN_HISTORY_FIELDS
        model = Task if is_task else Campaign
        changes = [self.field_change(model, name, before, after) for name in fields]
        if not is_task:
            changes.append(self.cluster_change(before, after))
        return [change for change in changes if change]

    def field_change(self, model, name, before, after):
        model_field = model._meta.get_field(name)
        old, new = getattr(before, model_field.attname), getattr(after, model_field.attname)
        if old == new:
            return None
        old, new = self.show(model_field, old), self.show(model_field, new)
        if len(old) > LONG_VALUE or len(new) > LONG_VALUE:
            return {"field": model_field.verbose_name, "before": None, "after": _("đã sửa")}
        return {"field": model_field.verbose_name, "before": old or "—", "after": new or "—"}

    def show(self, model_field, value):
        if value is None:
            return ""
        if model_field.choices:
            return str(dict(model_field.flatchoices).get(value, value))
        if model_field.name == "regime":
            return self.regime_names.get(value, str(value))
        if isinstance(value, datetime.date):
            return value.strftime("%d/%m/%Y")
        return " / ".join(str(value).splitlines())

    def cluster_change(self, before, after):
        old, new = self.cluster_ids[before.history_id], self.cluster_ids[after.history_id]
        if old == new:
            return None
        parts = []
        if added := sorted(self.cluster_names.get(i, str(i)) for i in new - old):
            parts.append(_("thêm %(names)s") % {"names": ", ".join(added)})
        if removed := sorted(self.cluster_names.get(i, str(i)) for i in old - new):
            parts.append(_("bỏ %(names)s") % {"names": ", ".join(removed)})
        return {"field": _("cụm, khối tham gia"), "before": None, "after": "; ".join(parts)}
