import pytest
from django.apps import apps

from campaign.models import Campaign, CampaignLaunchNotice, Task


def own_fields(model):
    return [field for field in model._meta.get_fields() if field.concrete and not field.auto_created]


@pytest.mark.parametrize("model", [model for model in apps.get_app_config("campaign").get_models()
                                   if not model.__name__.startswith("Historical")])
def test_campaign_fields_have_vietnamese_names(model):
    # Django's default verbose name is the field name with spaces: English on every form and admin page.
    defaults = [field.name for field in own_fields(model) if field.verbose_name == field.name.replace("_", " ")]
    assert defaults == []


def test_campaign_field_names_are_the_agreed_ones():
    assert [str(field.verbose_name) for field in (
        Campaign._meta.get_field("created_by"), Campaign._meta.get_field("created_at"), Task._meta.get_field("campaign"),
        CampaignLaunchNotice._meta.get_field("user"), CampaignLaunchNotice._meta.get_field("sent_at"),
    )] == ["người tạo", "thời điểm tạo", "phong trào", "người nhận", "đã gửi lúc"]
