import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .forms import SearchField
from .models import CampaignKind, CampaignStatus
from .selectors import campaign_years


class SearchFilter(django_filters.CharFilter):
    field_class = SearchField


class CampaignFilter(django_filters.FilterSet):
    q = SearchFilter(label=_("Tìm theo tên, chủ đề"), method="search")
    status = django_filters.ChoiceFilter(label=_("Trạng thái"), choices=CampaignStatus.choices, empty_label=_("Tất cả"))
    kind = django_filters.ChoiceFilter(label=_("Loại phong trào"), choices=CampaignKind.choices, empty_label=_("Tất cả"))
    year = django_filters.ChoiceFilter(label=_("Năm"), field_name="start_date__year", empty_label=_("Tất cả"))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["year"].extra["choices"] = [(year, year) for year in campaign_years(user)]

    def search(self, queryset, name, value):
        return queryset.filter(Q(title__icontains=value) | Q(theme__icontains=value)) if value else queryset
