"""History pages: who changed what, when and why, from the django-simple-history rows.

A page of rows costs a fixed number of queries: the rows (each knowing the id of the row before it through a
subquery), the rows before them, and the names of the objects their foreign keys point to.
"""

from collections import defaultdict

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import ForeignKey, OuterRef, Subquery, Value
from django.utils import formats
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from .base import GuardedMixin

EMPTY = "—"


def with_previous_id(history):
    """The history rows, each annotated with the history_id of the row before it for the same object."""
    older = history.model.objects.filter(id=OuterRef("id"), history_id__lt=OuterRef("history_id"))
    return history.annotate(previous_id=Subquery(older.order_by("-history_id").values("history_id")[:1]))


def _shown(field, value, names):
    if value is None or value == "":
        return EMPTY
    if isinstance(field, ForeignKey):
        return names.get((field.related_model, value), f"#{value}")
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return _("Có") if value else _("Không")
    if hasattr(value, "year"):
        return formats.date_format(value, "SHORT_DATE_FORMAT")
    return str(value)


def _deltas(records, previous):
    return {
        record.pk: record.diff_against(previous[record.previous_id]).changes
        for record in records
        if record.history_type == "~" and record.previous_id in previous
    }


def _foreign_names(deltas, model):
    """(related model, pk) → name of every object a changed foreign key points to, one query per related model."""
    wanted = defaultdict(set)
    for changes in deltas.values():
        for change in changes:
            field = model._meta.get_field(change.field)
            if isinstance(field, ForeignKey):
                wanted[field.related_model] |= {change.old, change.new} - {None}
    return {
        (related, pk): str(obj) for related, pks in wanted.items() for pk, obj in related.objects.in_bulk(pks).items()
    }


def attach_changes(records):
    """Sets ``changes`` on each history row: a list of (field label, old value, new value)."""
    for history_model in {type(record) for record in records}:
        rows = [record for record in records if type(record) is history_model]
        previous = history_model.objects.in_bulk([row.previous_id for row in rows if row.previous_id])
        deltas = _deltas(rows, previous)
        model = history_model.instance_type
        names = _foreign_names(deltas, model)
        for row in rows:
            row.changes = [
                (capfirst(field.verbose_name), _shown(field, change.old, names), _shown(field, change.new, names))
                for change in deltas.get(row.pk, [])
                for field in [model._meta.get_field(change.field)]
            ]
    return records


def history_page(history, number):
    """One page of an object's history, newest first, with its changes."""
    history = with_previous_id(history.select_related("history_user")).order_by("-history_date", "-history_id")
    page = Paginator(history, settings.PAGE_SIZE).get_page(number)
    page.object_list = attach_changes(list(page.object_list))
    return page


def merged_history_page(sources, number):
    """One page of several history tables merged by date: ``sources`` maps a label to a history queryset."""
    entries = None
    for label, history in sources.items():
        keys = history.order_by().annotate(source=Value(label)).values_list("source", "history_id", "history_date")
        entries = keys if entries is None else entries.union(keys, all=True)
    page = Paginator(entries.order_by("-history_date", "-history_id"), settings.PAGE_SIZE).get_page(number)
    wanted = defaultdict(list)
    for label, history_id, __ in page.object_list:
        wanted[label].append(history_id)
    loaded = {
        (label, row.history_id): row
        for label, ids in wanted.items()
        for row in with_previous_id(sources[label].select_related("history_user").filter(history_id__in=ids))
    }
    page.object_list = attach_changes([loaded[(label, history_id)] for label, history_id, __ in page.object_list])
    return page


class HistoryView(GuardedMixin):
    """An object's history page; ``get_history_page`` builds the page."""

    permission_required = "units.view_history"

    def get_context_data(self, **kwargs):
        page = self.get_history_page(self.request.GET.get("page"))
        return super().get_context_data(page_obj=page, records=page.object_list, **kwargs)
