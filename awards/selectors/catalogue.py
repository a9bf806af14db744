"""Reads of the award catalogue: the regimes with their forms, one form with its documents and rules, its history.

The catalogue is public to everyone signed in, so nothing here is scoped to a user.
"""

from django.db.models import F, Max, Prefetch, Q
from django.utils.translation import gettext as _

from campaign.models import CampaignStatus, LegalRegime
from units.history import merged_history_page

from .. import eligibility
from ..models import AwardForm, EligibilityRule, RequiredDocument


def catalogue_forms():
    """Award forms as the catalogue lists them: active first, then by order, with what their columns name."""
    return AwardForm.objects.select_related("quota_base", "lower_form").order_by("-is_active", "order", "id")


def catalogue_regimes():
    """Every regime with ``catalogue_forms`` (a list, see ``catalogue_forms``): the regime of the newest launched
    campaign first, then the others by their newest campaign, then regimes without campaigns, newest first.
    Two queries whatever the number of regimes and forms."""
    newest_campaign = Max("campaign__start_date", filter=~Q(campaign__status=CampaignStatus.DRAFT))
    regimes = LegalRegime.objects.annotate(newest_campaign=newest_campaign).order_by(
        F("newest_campaign").desc(nulls_last=True), "-effective_from", "-id"
    )
    return regimes.prefetch_related(Prefetch("award_forms", queryset=catalogue_forms(), to_attr="catalogue_forms"))


def form_pages():
    """Award forms as their own pages show them (the regime and the related forms joined)."""
    return AwardForm.objects.select_related("regime", "quota_base", "lower_form")


def documents_of(form):
    return RequiredDocument.objects.filter(form=form).order_by("order", "id")


def rules_of(form):
    return EligibilityRule.objects.filter(form=form).order_by("route", "order", "id")


def rules_by_route(form):
    """[{"route": n, "rules": [{"rule", "text"}]}] by route: every rule of a route must pass, any route suffices.
    ``text`` is the rule in Vietnamese (``awards.eligibility.describe_rule``)."""
    names = dict(AwardForm.objects.filter(regime_id=form.regime_id).values_list("code", "name"))
    routes = {}
    for rule in rules_of(form):
        routes.setdefault(rule.route, []).append({"rule": rule, "text": eligibility.describe_rule(rule, names)})
    return [{"route": route, "rules": rules} for route, rules in sorted(routes.items())]


def regime_award_codes(regime):
    """(code, "name (code)") of every award form of the regime's catalogue, active first: the choices of the rules
    that name awards."""
    forms = AwardForm.objects.filter(regime=regime).order_by("-is_active", "order", "id")
    return [(code, f"{name} ({code})") for code, name in forms.values_list("code", "name")]


def form_history(form, number):
    """One page of the history of the form, its documents and its rules merged, newest first."""
    sources = {
        "form": AwardForm.history.filter(id=form.pk),
        "document": RequiredDocument.history.filter(form_id=form.pk),
        "rule": EligibilityRule.history.filter(form_id=form.pk),
    }
    labels = {
        "form": lambda row: _("Hình thức: %(name)s") % {"name": row.name},
        "document": lambda row: _("Tài liệu: %(name)s") % {"name": row.name},
        "rule": lambda row: _("Điều kiện (phương án %(route)s): %(kind)s") % {
            "route": row.route, "kind": row.get_kind_display()},
    }
    return merged_history_page(sources, number, labels)
