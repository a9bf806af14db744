"""History pages: who changed what, when and why, from the django-simple-history rows of any model.

A page of rows costs a fixed number of queries: the rows (each knowing the id of the row before it through a
subquery), the rows before them, the names of the objects their changed foreign keys point to, and per
many-to-many field tracked by simple-history its rows for those records and the names of the objects they name.
"""

from collections import defaultdict
from decimal import Decimal
from typing import NamedTuple

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import ForeignKey, OuterRef, SmallIntegerField, Subquery, Value
from django.utils import formats
from django.utils.text import capfirst
from django.utils.translation import gettext as _

EMPTY = "—"
# A value longer than this (a whole paragraph) is not repeated in the table: the change only says "đã sửa".
LONG_VALUE = 80


class Change(NamedTuple):
    """One changed field of a history row; ``before`` is None when only the outcome is shown."""

    field: str
    before: str | None
    after: str


def actions():
    return {"+": _("Tạo mới"), "~": _("Sửa"), "-": _("Xóa")}


def with_previous_id(history):
    """The history rows, each annotated with the history_id of the row before it for the same object."""
    older = history.model.objects.filter(id=OuterRef("id"), history_id__lt=OuterRef("history_id"))
    return history.annotate(previous_id=Subquery(older.order_by("-history_id").values("history_id")[:1]))


def object_name(obj):
    """What a person calls an object in a change: its name when it has one (a cluster without its year), else str()."""
    name = getattr(obj, "name", None)
    return name if isinstance(name, str) and name else str(obj)


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
    if isinstance(value, int | Decimal) and not isinstance(field, SmallIntegerField):
        # Money and counts as people write them (1.250.000.000; 14,50). Small integers (a year, a task's number,
        # a percent) stay as they are: "2.019" would read as a number, not a year.
        return formats.number_format(value, use_l10n=True, force_grouping=True)
    return " / ".join(str(value).splitlines())


def _change(label, old, new):
    if len(old) > LONG_VALUE or len(new) > LONG_VALUE:
        return Change(label, None, _("đã sửa"))
    return Change(label, old, new)


def _compared_fields(history_model):
    """The fields of the recorded model that a person edits (as simple-history's ``diff_against`` compares)."""
    model = history_model.instance_type
    return [model._meta.get_field(field.name) for field in history_model.tracked_fields if field.editable]


def _field_deltas(rows, previous):
    """history_id → [(model field, old value, new value)] of the edited rows whose previous row is known."""
    fields = _compared_fields(type(rows[0]))
    return {
        row.pk: [
            (field, getattr(before, field.attname), getattr(row, field.attname))
            for field in fields
            if getattr(before, field.attname) != getattr(row, field.attname)
        ]
        for row in rows
        if row.history_type == "~" and (before := previous.get(row.previous_id)) is not None
    }


def _foreign_names(deltas, model):
    """(related model, pk) → name of every object a changed foreign key points to, one query per related model."""
    wanted = defaultdict(set)
    for changes in deltas.values():
        for field, old, new in changes:
            if isinstance(field, ForeignKey):
                wanted[field.related_model] |= {old, new} - {None}
    return {
        (related, pk): object_name(obj)
        for related, pks in wanted.items()
        for pk, obj in related.objects.in_bulk(pks).items()
    }


def _previous_rows(history_model, rows):
    """The row before each of ``rows``, in one query whatever the rows are (so the count never depends on them)."""
    ids = with_previous_id(history_model.objects.filter(history_id__in=[row.pk for row in rows])).values("previous_id")
    return {row.pk: row for row in history_model.objects.filter(history_id__in=Subquery(ids))}


def _m2m_changes(field, rows, previous):
    """history_id → the Change of the many-to-many ``field`` between each edited row and the row before it.

    Two queries: the m2m history rows of all those records, and the names of every object they name.
    """
    m2m_model = getattr(type(rows[0]), field.name).model
    target = field.m2m_reverse_field_name()
    records = [*rows, *previous.values()]
    m2m_rows = m2m_model.objects.filter(history_id__in=[record.pk for record in records])
    ids = defaultdict(set)
    for history_id, target_id in m2m_rows.values_list("history_id", f"{target}_id"):
        ids[history_id].add(target_id)
    named = field.related_model.objects.filter(pk__in=Subquery(m2m_rows.values(f"{target}_id")))
    names = {obj.pk: object_name(obj) for obj in named}
    changes = {}
    for row in rows:
        if row.history_type != "~" or row.previous_id not in previous:
            continue
        old, new = ids[row.previous_id], ids[row.pk]
        parts = []
        if added := sorted(names.get(pk, f"#{pk}") for pk in new - old):
            parts.append(_("thêm %(names)s") % {"names": ", ".join(added)})
        if removed := sorted(names.get(pk, f"#{pk}") for pk in old - new):
            parts.append(_("bỏ %(names)s") % {"names": ", ".join(removed)})
        if parts:
            changes[row.pk] = Change(capfirst(field.verbose_name), None, "; ".join(parts))
    return changes


def _attach_model_changes(rows):
    history_model = type(rows[0])
    previous = _previous_rows(history_model, rows)
    deltas = _field_deltas(rows, previous)
    names = _foreign_names(deltas, history_model.instance_type)
    m2m = [_m2m_changes(field, rows, previous) for field in history_model._history_m2m_fields]
    for row in rows:
        row.changes = [
            _change(capfirst(field.verbose_name), _shown(field, old, names), _shown(field, new, names))
            for field, old, new in deltas.get(row.pk, [])
        ] + [changes[row.pk] for changes in m2m if row.pk in changes]


def attach_changes(records, label=None):
    """Sets on each history row ``changes`` (a list of Change), ``action`` and ``subject`` (``label(row)``)."""
    for history_model in {type(record) for record in records}:
        _attach_model_changes([record for record in records if type(record) is history_model])
    names = actions()
    for record in records:
        record.action = names.get(record.history_type, record.history_type)
        record.subject = label(record) if label else ""
    return records


def history_page(history, number, label=None):
    """One page of an object's history, newest first, with its changes."""
    history = with_previous_id(history.select_related("history_user")).order_by("-history_date", "-history_id")
    page = Paginator(history, settings.PAGE_SIZE).get_page(number)
    page.object_list = attach_changes(list(page.object_list), label)
    return page


def merged_history_page(sources, number, labels=None):
    """One page of several history tables merged by date.

    ``sources`` maps a key to a history queryset; ``labels`` maps the same keys to a function naming the object a
    row is about (shown as ``subject``).
    """
    labels = labels or {}
    entries = None
    for key, history in sources.items():
        # Not ``source``: a recorded model may have a field of that name (Nomination.source).
        keys = history.order_by().annotate(merged_source=Value(key))
        keys = keys.values_list("merged_source", "history_id", "history_date")
        entries = keys if entries is None else entries.union(keys, all=True)
    page = Paginator(entries.order_by("-history_date", "-history_id"), settings.PAGE_SIZE).get_page(number)
    wanted = defaultdict(list)
    for key, history_id, __ in page.object_list:
        wanted[key].append(history_id)
    loaded = {
        (key, row.history_id): row
        for key, ids in wanted.items()
        for row in with_previous_id(sources[key].select_related("history_user").filter(history_id__in=ids))
    }
    rows = [loaded[(key, history_id)] for key, history_id, __ in page.object_list]
    attach_changes(rows)
    for (key, __, __), row in zip(page.object_list, rows, strict=True):
        row.subject = labels[key](row) if key in labels else ""
    page.object_list = rows
    return page
