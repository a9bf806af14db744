import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from units.filters import SearchFilter

from .forms import SEARCH_MAX_LENGTH
from .models import CampaignKind, CampaignStatus
from .selectors import campaign_years


class CampaignFilter(django_filters.FilterSet):
    q = SearchFilter(label=_("Tìm theo tên, chủ đề"), method="search", max_length=SEARCH_MAX_LENGTH)
    status = django_filters.ChoiceFilter(label=_("Trạng thái"), choices=CampaignStatus.choices, empty_label=_("Tất cả"))
    kind = django_filters.ChoiceFilter(label=_("Loại phong trào"), choices=CampaignKind.choices, empty_label=_("Tất cả"))
    year = django_filters.ChoiceFilter(label=_("Năm"), field_name="start_date__year", empty_label=_("Tất cả"))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["year"].extra["choices"] = [(year, year) for year in campaign_years(user)]

    def search(self, queryset, name, value):
        return queryset.filter(Q(title__icontains=value) | Q(theme__icontains=value)) if value else queryset
