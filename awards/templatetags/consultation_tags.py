"""``{% public_consultations campaign as consultations %}``: the campaign's published consultations on its public
page (the campaign app knows nothing of awards, so the page asks through this tag)."""

from django import template

from ..selectors.consultation import campaign_consultations

register = template.Library()


@register.simple_tag
def public_consultations(campaign):
    return list(campaign_consultations(campaign))
