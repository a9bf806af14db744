"""Staff screens of what happened in the portal: the activity log, and the history of any recorded object."""

from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils.functional import cached_property
from django.views.generic import TemplateView

from ..activity import activity_log, kind_label, model_of
from ..filters import ActivityFilter
from ..history import actions, history_page
from .base import GuardedListView, PermissionMixin


class ActivityListView(GuardedListView):
    permission_required = "units.view_activity"
    filterset_class = ActivityFilter
    template_name = "units/activity_list.html"

    def get_queryset(self):
        return activity_log()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        rows = list(context["object_list"])
        names = actions()
        for row in rows:
            row.kind_label = kind_label(row.kind)
            row.action_label = names.get(row.action, row.action)
        return {**context, "activities": rows}


class ObjectHistoryView(PermissionMixin, TemplateView):
    """The history of one object of any recorded model (``kind`` is its label, "campaign.registration"), deleted
    ones included: 404 for a kind that is not recorded, or an id that never existed."""

    permission_required = "units.view_history"
    template_name = "units/object_history.html"

    def get_permission_object(self):
        return None

    @cached_property
    def model(self):
        model = model_of(self.kwargs["kind"])
        if model is None:
            raise Http404
        return model

    @cached_property
    def object_id(self):
        try:
            value = self.model._meta.pk.to_python(self.kwargs["object_id"])
        except ValidationError:
            raise Http404 from None
        if isinstance(value, int) and not -2**63 <= value < 2**63:  # no database key is that large
            raise Http404
        return value

    def history(self):
        return self.model.history.filter(**{self.model._meta.pk.attname: self.object_id})

    def get_context_data(self, **kwargs):
        page = history_page(self.history(), self.request.GET.get("page"))
        current = self.model._base_manager.filter(pk=self.object_id).first()
        if current is None and not page.object_list:
            raise Http404
        # A deleted object is named from its last history row.
        shown = current if current is not None else self.history().latest().history_object
        return super().get_context_data(
            page_obj=page, records=page.object_list, kind_label=kind_label(self.kwargs["kind"]), shown=shown,
            current=current, url=_url_of(current), **kwargs,
        )


def _url_of(obj):
    """The object's own page, when it has one."""
    get_url = getattr(obj, "get_absolute_url", None)
    return get_url() if get_url else ""
