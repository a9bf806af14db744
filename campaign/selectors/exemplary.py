"""Reads of the staff screens of exemplary models (gương điển hình): every model of a campaign, drafts too."""

from django.shortcuts import get_object_or_404

from ..models import ExemplaryModel


def campaign_models(campaign, *, status=None):
    """The campaign's exemplary models (of ``status`` only, when given): drafts first, then newest published."""
    models = ExemplaryModel.objects.filter(campaign=campaign).select_related("task", "unit").defer("story")
    if status:
        models = models.filter(status=status)
    return models.order_by("status", "-published_at", "-id")


def campaign_model(campaign, pk):
    """One exemplary model of the campaign (any status), or 404."""
    return get_object_or_404(ExemplaryModel.objects.filter(campaign=campaign).select_related("task", "unit"), pk=pk)
