"""What search engines may read: robots.txt lets them into the public pages (cong-khai/…, the campaigns' honour
rolls) and nothing else, and the sitemap lists those pages. Every other page also says ``noindex`` in its head
(templates/base.html); the public ones say ``index, follow`` (templates/public/base.html)."""

from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from awards.selectors.consultation import published_consultations
from campaign.models import Campaign, CampaignStatus, ExemplaryModel, ExemplaryStatus

ANY = "*"


def public_paths():
    """The path prefixes search engines may read (a ``*`` stands for any campaign)."""
    honour_roll = reverse("awards:honour_roll", kwargs={"pk": 1}).replace("/1/", f"/{ANY}/")
    return [reverse("campaign:public_campaigns"), honour_roll]


@require_GET
@cache_control(public=True, max_age=3600)
def robots_txt(request):
    lines = ["User-agent: *"]
    lines += [f"Allow: {path}" for path in public_paths()]
    # The public pages need their styles to be read as people see them.
    lines += ["Allow: /static/", "Disallow: /", "", f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}"]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


def sitemap_urls():
    """The paths of the public pages, in a stable order: three queries whatever their number."""
    public = CampaignStatus.visible_to_units()
    campaigns = Campaign.objects.filter(status__in=public).order_by("-start_date", "-id").values_list("id", flat=True)
    paths = [reverse("campaign:public_campaigns")]
    for pk in campaigns:
        paths += [reverse("campaign:public_campaign", kwargs={"pk": pk}),
                  reverse("campaign:public_exemplary_list", kwargs={"pk": pk}),
                  reverse("awards:honour_roll", kwargs={"pk": pk})]
    models = (ExemplaryModel.objects.filter(status=ExemplaryStatus.PUBLISHED, campaign__status__in=public)
              .order_by("campaign_id", "-published_at", "-id").values_list("campaign_id", "id"))
    paths += [reverse("campaign:public_exemplary_detail", kwargs={"pk": campaign_id, "model_pk": pk})
              for campaign_id, pk in models]
    consultations = published_consultations().order_by("-opens_on", "-id").values_list("id", flat=True)
    paths += [reverse("awards:public_consultation", kwargs={"pk": pk}) for pk in consultations]
    return paths


@require_GET
@cache_control(public=True, max_age=3600)
def sitemap_xml(request):
    urls = [request.build_absolute_uri(path) for path in sitemap_urls()]
    return render(request, "public/sitemap.xml", {"urls": urls}, content_type="application/xml; charset=utf-8")
