"""The public pages (cong-khai/…): no sign-in, indexed by search engines. The campaigns open to the public, a
campaign's page (theme, period, tasks, progress at a glance), its published exemplary models and their photos.
A draft campaign, a draft model and its photo answer 404."""

from django.http import Http404
from django.utils.cache import patch_cache_control
from django.utils.functional import cached_property
from django.views.generic import ListView, TemplateView, View
from rules.contrib.views import PermissionRequiredMixin

from units.views.base import LenientPaginationMixin

from ..selectors.public import (
    public_campaign,
    public_campaigns,
    public_figures,
    published_model,
    published_models,
)
from .evidence import stream_file

CAMPAIGNS_PER_PAGE = 20
MODELS_PER_PAGE = 12
MODELS_ON_CAMPAIGN_PAGE = 3
PHOTO_MAX_AGE = 3600


class PublicMixin(PermissionRequiredMixin):
    """Everyone may read the public pages; what is not published is simply not found."""

    permission_required = "campaign.view_public_pages"

    def get_permission_object(self):
        return None


class PublicCampaignMixin(PublicMixin):
    with_tasks = False

    @cached_property
    def campaign(self):
        return public_campaign(self.kwargs["pk"], with_tasks=self.with_tasks)

    def get_context_data(self, **kwargs):
        return super().get_context_data(campaign=self.campaign, **kwargs)


class PublicCampaignListView(PublicMixin, LenientPaginationMixin, ListView):
    template_name = "campaign/public/campaign_list.html"
    context_object_name = "campaigns"
    paginate_by = CAMPAIGNS_PER_PAGE

    def get_queryset(self):
        return public_campaigns()


class PublicCampaignView(PublicCampaignMixin, TemplateView):
    template_name = "campaign/public/campaign.html"
    with_tasks = True

    def get_context_data(self, **kwargs):
        models = list(published_models(self.campaign)[:MODELS_ON_CAMPAIGN_PAGE + 1])
        return super().get_context_data(
            figures=public_figures(self.campaign),
            models=models[:MODELS_ON_CAMPAIGN_PAGE],
            more_models=len(models) > MODELS_ON_CAMPAIGN_PAGE,
            **kwargs,
        )


class PublicExemplaryListView(PublicCampaignMixin, LenientPaginationMixin, ListView):
    template_name = "campaign/public/exemplary_list.html"
    context_object_name = "models"
    paginate_by = MODELS_PER_PAGE

    def get_queryset(self):
        return published_models(self.campaign)


class PublicExemplaryDetailView(PublicCampaignMixin, TemplateView):
    template_name = "campaign/public/exemplary_detail.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(model=published_model(self.campaign, self.kwargs["model_pk"]), **kwargs)


class PublicExemplaryPhotoView(PublicCampaignMixin, View):
    """A published model's photo, shown inline and cached by anyone for an hour; 404 for a draft or no photo."""

    def get(self, request, *args, **kwargs):
        model = published_model(self.campaign, self.kwargs["model_pk"])
        if not model.photo:
            raise Http404
        response = stream_file(model.photo, content_type="image/jpeg", filename=f"guong-dien-hinh-{model.pk}.jpg")
        patch_cache_control(response, public=True, max_age=PHOTO_MAX_AGE)
        return response
