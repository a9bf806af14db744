"""The activity log (units.activity): a row per history row as it is made, the backfill command, the staff log page
with its filters, and the history page of any recorded object."""

import datetime
import io
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from awards.models import AwardForm, BatchStatus
from awards.services import screening
from awards.services.catalogue import update_form
from campaign.models import Commitment, Registration, ReviewStatus
from campaign.services import registrations
from portal.tests.factories import (
    BatchFactory,
    CampaignFactory,
    CommitmentFactory,
    RegistrationFactory,
    StaffPostFactory,
    UnitFactory,
)
from portal.tests.helpers import answers, query_count
from units.activity import kind_choices, unit_of
from units.models import Activity
from units.services import save_unit

LOG = reverse("units:activity")


def history_url(kind, object_id):
    return reverse("units:object_history", kwargs={"kind": kind, "object_id": object_id})


def last_activity():
    return Activity.objects.order_by("-id").first()


def log_writes(queries):
    """What the queries did to the log, and how many of them read anything."""
    statements = [query["sql"] for query in queries]
    return ([sql.split()[0] for sql in statements if '"units_activity"' in sql],
            sum(sql.startswith("SELECT") for sql in statements))


def summary(activity):
    return (activity.actor, activity.unit, activity.kind, activity.object_id, activity.object_repr, activity.action,
            activity.reason)


# --- Writing the log ------------------------------------------------------------------------------------------------


def test_unit_rename_writes_its_activity(unit_a, alice):
    unit_a.name = "Huyện Văn Quan mới"
    save_unit(unit_a, by=alice, reason="Đổi tên theo Nghị quyết 1/2025")
    activity = last_activity()
    history = unit_a.history.latest()
    assert summary(activity) == (alice, unit_a, "units.unit", str(unit_a.pk), "Huyện Văn Quan mới", "~",
                                 "Đổi tên theo Nghị quyết 1/2025")
    assert (activity.at, activity.history_id) == (history.history_date, history.history_id)


def test_registration_return_writes_its_activity(unit_a, alice):
    registration = RegistrationFactory(unit=unit_a, status=ReviewStatus.SUBMITTED)
    registration = Registration.objects.get(pk=registration.pk)  # as a view loads it: the unit not loaded
    registrations.return_registration(registration, by=alice, reason="Thiếu chữ ký")
    assert summary(last_activity()) == (
        alice, unit_a, "campaign.registration", str(registration.pk),
        f"Đăng ký thi đua #{registration.pk}", "~", "Trả lại: Thiếu chữ ký",
    )


def test_naming_an_object_reads_nothing(unit_a):
    registration = Registration.objects.get(pk=RegistrationFactory(unit=unit_a).pk)
    registration.head_name = "Lương Văn Ký"
    with CaptureQueriesContext(connection) as queries:
        registration.save()
    assert log_writes(queries) == (["INSERT"], 0)
    assert (last_activity().object_repr, last_activity().unit) == (f"Đăng ký thi đua #{registration.pk}", unit_a)


def test_registration_with_its_unit_loaded_is_named(unit_a, alice):
    registration = RegistrationFactory(unit=unit_a, status=ReviewStatus.SUBMITTED)
    registrations.return_registration(registration, by=alice, reason="Thiếu chữ ký")
    assert last_activity().object_repr == "Đăng ký thi đua của Huyện Văn Quan"


def test_nomination_batch_step_writes_its_activity(unit_a):
    clerk = StaffPostFactory(function="clerk", user__username="vanthu", user__full_name="Nông Văn Thư").user
    batch = BatchFactory(unit=unit_a, status=BatchStatus.SUBMITTED, submitted_at=timezone.now(),
                         letter_number="07/TTr-UBND")
    screening.receive_batch(batch, by=clerk, expected_version=batch.version)
    assert summary(last_activity()) == (
        clerk, unit_a, "awards.nominationbatch", str(batch.pk), "Tờ trình số 07/TTr-UBND của Huyện Văn Quan", "~",
        "Tiếp nhận",
    )


def test_commitment_unit_found_through_its_registration(unit_a):
    registration = RegistrationFactory(unit=unit_a)
    commitment = CommitmentFactory(registration=registration)
    activity = Activity.objects.get(kind="campaign.commitment", object_id=str(commitment.pk))
    assert (activity.unit, activity.action, activity.actor) == (unit_a, "+", None)


def test_commitment_unit_found_by_a_subquery_when_its_registration_is_not_loaded(unit_a):
    commitment = CommitmentFactory(registration=RegistrationFactory(unit=unit_a))
    commitment = Commitment.objects.get(pk=commitment.pk)
    commitment.target = "Hoàn thành 100%"
    with CaptureQueriesContext(connection) as queries:
        commitment.save()
    assert log_writes(queries) == (["INSERT"], 0)
    assert last_activity().unit == unit_a


def test_each_save_costs_one_insert_for_the_log(unit_a, alice):
    unit_a.address = "Thị trấn Văn Quan"
    with CaptureQueriesContext(connection) as queries:
        save_unit(unit_a, by=alice)
    assert log_writes(queries) == (["INSERT"], 0)


def test_catalogue_baseline_made_in_bulk_is_logged_too(alice):
    form = AwardForm.objects.get(regime__code="A", code="bang_khen_tinh")
    update_form(form, values={"council_threshold": Decimal("85")}, by=alice, reason="Theo Nghị định sửa đổi")
    rows = Activity.objects.filter(kind="awards.awardform", object_id=str(form.pk)).order_by("id")
    assert list(rows.values_list("actor", "action", "reason", "object_repr", "unit")) == [
        (None, "+", "Dữ liệu ban đầu của danh mục", form.name, None),
        (alice.pk, "~", "Theo Nghị định sửa đổi", form.name, None),
    ]


def test_unit_of_an_object_with_no_unit_is_none(db):
    assert unit_of(CampaignFactory()) is None


def test_unit_of_a_unit_is_itself(unit_a):
    assert unit_of(unit_a) == unit_a.pk


def test_deleted_unit_leaves_rows_without_unit(db):
    unit = UnitFactory()
    pk = unit.pk
    unit.delete()
    rows = Activity.objects.filter(kind="units.unit", object_id=str(pk)).order_by("id")
    assert list(rows.values_list("action", "unit")) == [
        ("+", None), ("-", None),
    ]


def test_signing_in_writes_no_history(alice, client):
    before = (alice.history.count(), Activity.objects.count())
    client.force_login(alice)
    assert (alice.history.count(), Activity.objects.count()) == before


def test_backfill_writes_the_missing_rows_once(unit_a, alice):
    unit_a.name = "Huyện Văn Quan mới"
    save_unit(unit_a, by=alice, reason="Đổi tên")
    CommitmentFactory(registration=RegistrationFactory(unit=unit_a))
    UnitFactory().delete()  # its rows name no unit
    expected = sorted(Activity.objects.values_list("kind", "history_id", "unit", "actor", "reason", "object_repr"))
    Activity.objects.all().delete()
    first, again = io.StringIO(), io.StringIO()
    call_command("backfill_activity", stdout=first)
    call_command("backfill_activity", stdout=again)
    assert (first.getvalue(), again.getvalue()) == (
        f"Đã ghi {len(expected)} dòng nhật ký hoạt động.\n", "Đã ghi 0 dòng nhật ký hoạt động.\n",
    )
    assert sorted(Activity.objects.values_list("kind", "history_id", "unit", "actor", "reason",
                                               "object_repr")) == expected


# --- The log page ---------------------------------------------------------------------------------------------------


def logged(at, *, actor=None, unit=None, kind="units.unit", object_id="1", object_repr="Huyện Văn Quan", action="~",
           reason=""):
    return Activity.objects.create(at=at, actor=actor, unit=unit, kind=kind, object_id=object_id,
                                   object_repr=object_repr, action=action, reason=reason, history_id=1)


def moment(day, hour=9):
    return timezone.make_aware(datetime.datetime(2025, 3, day, hour))


@pytest.fixture
def log(unit_a, unit_b, alice, bob):
    Activity.objects.all().delete()  # the fixtures' own rows
    return {
        "early": logged(moment(1), actor=bob, unit=unit_a, kind="campaign.registration", object_repr="Đăng ký A"),
        # 23:30 on 2 March in Hà Nội is 16:30 UTC: still the 2nd for the date filter.
        "late_evening": logged(moment(2, 23).replace(minute=30), actor=alice, unit=unit_b, object_repr="Bình Gia"),
        "later": logged(moment(3), actor=None, kind="awards.nominationbatch", object_repr="Tờ trình số 1"),
    }


def shown(client, **params):
    return [activity.object_repr for activity in client.get(LOG, params).context["activities"]]


def test_log_is_for_staff_only(role_clients):
    assert answers(role_clients, LOG) == {"staff": 200, "officer": 403, "other_officer": 403, "council": 403,
                                          "anonymous": 302}


def test_log_lists_newest_first(role_clients, log):
    assert shown(role_clients["staff"]) == ["Tờ trình số 1", "Bình Gia", "Đăng ký A"]


def test_log_filters_by_person(role_clients, log):
    assert shown(role_clients["staff"], person="luong van") == ["Đăng ký A"]
    assert shown(role_clients["staff"], person="alice") == ["Bình Gia"]


def test_log_filters_by_unit(role_clients, log):
    assert shown(role_clients["staff"], unit="binh gia") == ["Bình Gia"]
    assert shown(role_clients["staff"], unit="A01") == ["Đăng ký A"]


def test_log_filters_by_kind(role_clients, log):
    assert shown(role_clients["staff"], kind="awards.nominationbatch") == ["Tờ trình số 1"]


def test_log_filters_by_dates_in_the_portals_time_zone(role_clients, log):
    assert shown(role_clients["staff"], since="02/03/2025", until="02/03/2025") == ["Bình Gia"]
    assert shown(role_clients["staff"], since="03/03/2025") == ["Tờ trình số 1"]
    assert shown(role_clients["staff"], until="01/03/2025") == ["Đăng ký A"]


def test_log_kind_choices_are_named_in_vietnamese(db):
    choices = dict(kind_choices())
    assert (choices["campaign.registration"], choices["awards.nominationbatch"], choices["units.unit"]) == (
        "Đăng ký thi đua", "Tờ trình đề nghị khen thưởng", "Đơn vị",
    )
    assert "units.activity" not in choices


def test_log_row_links_to_the_objects_history(role_clients, log):
    html = role_clients["staff"].get(LOG).content.decode()
    assert f'href="{history_url("campaign.registration", "1")}"' in html


def test_log_query_count_is_flat(role_clients, unit_a, alice):
    Activity.objects.all().delete()
    client = role_clients["staff"]
    logged(moment(1), actor=alice, unit=unit_a)
    with_one = query_count(client, LOG)
    for day in range(59):
        logged(moment(1 + day % 28), actor=alice, unit=unit_a)
    assert query_count(client, LOG) == with_one
    assert len(client.get(LOG).context["activities"]) == 50


# --- The history of any object --------------------------------------------------------------------------------------


def test_object_history_is_for_staff_only(role_clients, unit_a):
    url = history_url("units.unit", unit_a.pk)
    assert answers(role_clients, url) == {"staff": 200, "officer": 403, "other_officer": 403, "council": 403,
                                          "anonymous": 302}


def test_object_history_shows_the_changes(role_clients, unit_a, alice):
    unit_a.name = "Huyện Văn Quan mới"
    save_unit(unit_a, by=alice, reason="Đổi tên theo Nghị quyết 1/2025")
    response = role_clients["staff"].get(history_url("units.unit", unit_a.pk))
    latest = response.context["records"][0]
    assert (latest.history_user, latest.history_change_reason, [tuple(change) for change in latest.changes]) == (
        alice, "Đổi tên theo Nghị quyết 1/2025", [("Tên đơn vị", "Huyện Văn Quan", "Huyện Văn Quan mới")],
    )
    assert response.context["kind_label"] == "Đơn vị"


def test_object_history_of_any_recorded_model(role_clients, unit_a, alice):
    batch = BatchFactory(unit=unit_a, letter_number="07/TTr-UBND")
    response = role_clients["staff"].get(history_url("awards.nominationbatch", batch.pk))
    assert (response.status_code, len(response.context["records"]), str(response.context["shown"])) == (
        200, 1, "Tờ trình số 07/TTr-UBND của Huyện Văn Quan",
    )


def test_object_history_of_a_deleted_object(role_clients):
    unit = UnitFactory(name="Xã Tân Đoàn")
    pk = unit.pk
    unit.delete()
    response = role_clients["staff"].get(history_url("units.unit", pk))
    assert ([record.history_type for record in response.context["records"]], str(response.context["shown"]),
            response.context["current"]) == (["-", "+"], "Xã Tân Đoàn", None)
    assert "Đã xóa" in response.content.decode()


@pytest.mark.parametrize("kind, object_id", [
    ("units.nothing", "1"),        # no such model
    ("nothing.unit", "1"),         # no such app
    ("units.activity", "1"),       # a model without history
    ("units.unit", "abc"),         # not an id
    ("units.unit", "999999"),      # never existed
])
def test_object_history_unknown_is_404(role_clients, unit_a, kind, object_id):
    assert role_clients["staff"].get(history_url(kind, object_id)).status_code == 404


def test_object_history_query_count_is_flat(role_clients, unit_a, alice):
    client = role_clients["staff"]
    url = history_url("units.unit", unit_a.pk)
    with_one = query_count(client, url)
    for number in range(60):
        unit_a.address = f"Số {number}"
        save_unit(unit_a, by=alice)
    assert query_count(client, url) == with_one
