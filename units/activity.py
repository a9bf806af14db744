"""The portal-wide activity log: one ``Activity`` row for each django-simple-history row, written as the row is made.

Writing it costs one INSERT per history row: who and why come from the history row; the unit it concerns is read
from what is loaded (the object's own ``unit_id``, or a related object already loaded), else found by a subquery
inside that INSERT; the object's name is ``str()`` of it unless naming it would need a query.

``units`` knows nothing of ``campaign`` or ``awards``: the ways from an object to its unit are field paths
(``UNIT_PATHS``), checked against each model's fields when first used.
"""

import functools

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import Subquery
from django.utils.text import capfirst

from .models import Activity, Unit

# The ways from an object to the unit it concerns, in the order tried: the first whose first foreign key is set on
# the object wins. A batch's unit (the unit that proposes) comes before a nomination's own ``unit`` (the collective
# nominated); a person's unit before the batch of the nomination an award record came from.
UNIT_PATHS = (
    "batch__unit",
    "unit",
    "registration__unit",
    "work__unit",
    "achievement__unit",
    "scorecard__unit",
    "report__work__unit",
    "person__unit",
    "household__unit",
    "nomination__batch__unit",
    "consultation__batch__unit",
)


def has_history(model):
    return model is not None and hasattr(model._meta, "simple_history_manager_attribute")


def history_models():
    """Every model whose changes django-simple-history records."""
    return [model for model in apps.get_models() if has_history(model)]


def model_of(kind):
    """The model a kind (``"campaign.registration"``) names when its changes are recorded, else None."""
    try:
        model = apps.get_model(kind)
    except (LookupError, ValueError):
        return None
    return model if has_history(model) else None


def activity_log():
    """The portal-wide activity log, newest first, with who and which unit."""
    return Activity.objects.select_related("actor", "unit").order_by("-at", "-id")


def kind_label(kind):
    model = model_of(kind)
    return capfirst(model._meta.verbose_name) if model else kind


def kind_choices():
    """(kind, its name in Vietnamese) of every recorded model, by name: the activity log's filter."""
    choices = [(model._meta.label_lower, capfirst(model._meta.verbose_name)) for model in history_models()]
    return sorted(choices, key=lambda choice: (str(choice[1]).casefold(), choice[0]))


@functools.cache
def unit_paths(model):
    """The UNIT_PATHS that ``model`` has, each as its tuple of foreign keys (the last one to Unit)."""
    paths = []
    for path in UNIT_PATHS:
        fields, current = [], model
        for name in path.split("__"):
            try:
                field = current._meta.get_field(name)
            except FieldDoesNotExist:
                break
            if not (field.many_to_one or field.one_to_one) or not field.concrete:
                break
            fields.append(field)
            current = field.related_model
        else:
            if current is Unit:
                paths.append(tuple(fields))
    return tuple(paths)


def _unit_along(obj, fields):
    """The unit id at the end of ``fields`` from ``obj`` (whose first key is set): read from the loaded objects, or
    a subquery for the part not loaded; None when a key on the way is empty."""
    for index, field in enumerate(fields):
        value = getattr(obj, field.attname)
        if value is None or index == len(fields) - 1:
            return value
        if not field.is_cached(obj):
            rest = "__".join(later.name for later in fields[index + 1:])
            return Subquery(field.related_model._base_manager.filter(pk=value).values(rest)[:1])
        obj = field.get_cached_value(obj)
    return None


def unit_of(obj):
    """The unit ``obj`` concerns: a Unit is its own; else the first of UNIT_PATHS whose key is set on it. Returns a
    unit id, a subquery that finds it (when the object on the way is not loaded: no query now, a subselect in the
    INSERT), or None."""
    model = type(obj)
    if model is Unit:
        return obj.pk
    for fields in unit_paths(model):
        if getattr(obj, fields[0].attname) is not None:
            return _unit_along(obj, fields)
    return None


class _QueryRefused(Exception):
    pass


def _refuse(*args):
    raise _QueryRefused


def describe(obj, pk, using=None, *, may_query=False):
    """``str(obj)``, at most 255 characters. Unless ``may_query``, only from what is loaded: when naming it would need a
    query (a related object not loaded), its kind and id instead, so writing the log never reads the database."""
    if may_query:
        return str(obj)[:255]
    connection = connections[using or DEFAULT_DB_ALIAS]
    logged = len(connection.queries_log)
    try:
        with connection.execute_wrapper(_refuse):
            text = str(obj)
    except _QueryRefused:
        # The refused query never ran, but a debug cursor (DEBUG, or a test counting queries) has logged it.
        while len(connection.queries_log) > logged:
            connection.queries_log.pop()
        text = f"{capfirst(obj._meta.verbose_name)} #{pk}"
    return text[:255]


def activity_for(row, instance=None, using=None):
    """The (unsaved) Activity of history ``row``, as it is made: ``instance`` is the recorded object. Without it (a
    row made earlier, or in bulk) the object is rebuilt from the row and may be read to name it."""
    model = row.instance_type
    may_query = instance is None
    if instance is None:
        instance = row.history_object
    pk = getattr(row, model._meta.pk.attname)
    # A unit being deleted is gone before the log row is committed: that row names no unit.
    unit = None if model is Unit and row.history_type == "-" else unit_of(instance)
    return Activity(
        at=row.history_date, actor_id=row.history_user_id, unit_id=unit, kind=model._meta.label_lower,
        object_id=str(pk), object_repr=describe(instance, pk, using, may_query=may_query), action=row.history_type,
        reason=row.history_change_reason or "", history_id=row.history_id,
    )


def write_activity(sender, instance, history_instance, using=None, **kwargs):
    """Receiver of simple_history's ``post_create_historical_record``: one INSERT."""
    activity_for(history_instance, instance, using).save(using=using)


def forget_deleted_unit(sender, instance, using=None, **kwargs):
    """Receiver of Unit's ``post_delete``: the rows written while the unit's dependants were deleted (after Django
    set the log's existing rows to no unit) would otherwise point at a unit that is gone."""
    Activity.objects.using(using).filter(unit_id=instance.pk).update(unit=None)


def record_bulk(rows, using=None):
    """Activity rows for history rows made in bulk (``bulk_history_create`` sends no signal), or made before the log
    existed. Returns them."""
    activities = [activity_for(row, using=using) for row in rows]
    # An old row may name a unit deleted since (a subquery finds nothing then; a unit's own id would dangle).
    ids = {activity.unit_id for activity in activities if isinstance(activity.unit_id, int)}
    if ids:
        existing = set(Unit.objects.using(using).filter(pk__in=ids).values_list("pk", flat=True))
        for activity in activities:
            if isinstance(activity.unit_id, int) and activity.unit_id not in existing:
                activity.unit_id = None
    return Activity.objects.using(using).bulk_create(activities)


def backfill(batch_size=500):
    """Activity rows for the history rows that have none (made before the log existed, or in bulk); a row already
    logged (same kind and history_id) is left alone, so running it again adds nothing. Returns how many it wrote."""
    written = 0
    for model in history_models():
        logged = Activity.objects.filter(kind=model._meta.label_lower).values("history_id")
        missing = model.history.exclude(history_id__in=logged).order_by("history_date", "history_id")
        # The ids first: the rows are then read a batch at a time while the log is written.
        ids = list(missing.values_list("history_id", flat=True))
        for start in range(0, len(ids), batch_size):
            rows = missing.filter(history_id__in=ids[start:start + batch_size])
            written += len(record_bulk(rows))
    return written


def skip_sign_in_history(sender, instance, update_fields=None, **kwargs):
    """Receiver of User's ``pre_save``: signing in saves ``last_login`` alone, which the history does not track; it
    is no change of the account, so it writes no history row (nor a line in the log)."""
    if update_fields is not None and set(update_fields) <= {"last_login"}:
        instance.skip_history_when_saving = True


def end_skip_sign_in_history(sender, instance, **kwargs):
    """Receiver of User's ``post_save`` (after simple-history's): the next save is recorded again."""
    instance.__dict__.pop("skip_history_when_saving", None)
