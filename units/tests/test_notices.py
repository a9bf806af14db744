"""The outbox staff read, each person's notices (list, mark all read, open one) and the unread badge in the navbar
(issue 8)."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from portal.tests.helpers import answers, signed_in
from units.models import EmailStatus, Notification, OutboxEmail

OUTBOX = reverse("units:outbox")
NOTICES = reverse("units:notifications")
READ_ALL = reverse("units:notifications_read")


def email(number, **values):
    values = {"to": f"canbo{number}@example.vn", "subject": f"Thư số {number}", "body": f"Nội dung thư số {number}",
              "kind": "reminder", **values}
    return OutboxEmail.objects.create(**values)


def notice(user, text="Đơn vị Huyện Văn Quan còn 2 ngày đến hạn đăng ký thi đua (31/03/2019).", **values):
    return Notification.objects.create(user=user, kind="reminder", text=text, url="/phong-trao/1/", **values)


def at(day, hour=7):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def rows(response):
    return [message.subject for message in response.context["emails"]]


def notification_queries(context):
    return [query["sql"] for query in context.captured_queries if "units_notification" in query["sql"]]


# --- The outbox -----------------------------------------------------------------------------------------------------


def test_outbox_answers_each_role(role_clients):
    assert answers(role_clients, OUTBOX) == {
        "staff": 200, "officer": 403, "other_officer": 403, "council": 403, "anonymous": 302,
    }


@pytest.mark.parametrize("count", [1, 30])
def test_outbox_query_count_does_not_grow(alice, bob, count, django_assert_num_queries):
    client = signed_in(alice)
    for number in range(count):
        email(number, user=bob, kind="reminder" if number % 2 else "work_accepted")
    client.get(OUTBOX)  # warm the session and permission caches

    # session, user, kinds of the filter, count, page, the unread badge
    with django_assert_num_queries(6):
        response = client.get(OUTBOX)

    assert len(response.context["emails"]) == count


def test_outbox_lists_newest_first_with_status_and_kind(role_clients, bob):
    old = email(1, user=bob)
    OutboxEmail.objects.filter(pk=old.pk).update(created_at=at(datetime.date(2019, 3, 29)))
    email(2, status=EmailStatus.SENT, sent_at=at(datetime.date(2019, 3, 30)), kind="work_accepted")

    response = role_clients["staff"].get(OUTBOX)
    page = response.content.decode()

    assert rows(response) == ["Thư số 2", "Thư số 1"]
    assert [e.kind_text for e in response.context["emails"]] == ["Công trình được chấp nhận", "Nhắc hạn"]
    assert "29/03/2019 07:00" in page and "Lương Văn Bob" in page


def test_outbox_filters_by_status_kind_and_address(role_clients):
    email(1)
    email(2, status=EmailStatus.SENT)
    email(3, status=EmailStatus.FAILED, kind="work_returned", to="vanquan@langson.gov.vn")
    client = role_clients["staff"]

    assert rows(client.get(OUTBOX, {"status": "failed"})) == ["Thư số 3"]
    assert rows(client.get(OUTBOX, {"kind": "reminder"})) == ["Thư số 2", "Thư số 1"]
    assert rows(client.get(OUTBOX, {"q": "LANGSON"})) == ["Thư số 3"]
    assert rows(client.get(OUTBOX, {"q": "canbo", "status": "sent"})) == ["Thư số 2"]
    kinds = client.get(OUTBOX).context["filter"].form.fields["kind"].choices
    assert list(kinds) == [("", "Tất cả"), ("reminder", "Nhắc hạn"), ("work_returned", "Công trình bị trả lại")]


def test_outbox_with_an_unknown_kind_shows_nothing(role_clients):
    email(1)

    assert rows(role_clients["staff"].get(OUTBOX, {"kind": "nothing"})) == []


def test_outbox_pages_by_fifty(role_clients):
    for number in range(51):
        email(number)

    first = role_clients["staff"].get(OUTBOX)
    last = role_clients["staff"].get(OUTBOX, {"page": "2"})

    assert (len(first.context["emails"]), rows(last)) == (50, ["Thư số 0"])


def test_outbox_message_shows_everything(role_clients, bob):
    message = email(1, user=bob, status=EmailStatus.FAILED, attempts=5, error="[Errno 111] Connection refused",
                    body="Dòng một\nDòng hai")
    url = reverse("units:outbox_detail", kwargs={"pk": message.pk})

    response = role_clients["staff"].get(url)
    page = response.content.decode()

    assert answers(role_clients, url) == {
        "staff": 200, "officer": 403, "other_officer": 403, "council": 403, "anonymous": 302,
    }
    assert (response.context["message"], response.context["kind"]) == (message, "Nhắc hạn")
    assert "[Errno 111] Connection refused" in page
    assert "Dòng một\nDòng hai" in page
    assert "5 lần gửi" in page


def test_outbox_message_that_is_gone_is_404(role_clients):
    assert role_clients["staff"].get(reverse("units:outbox_detail", kwargs={"pk": 999})).status_code == 404


# --- My notices -----------------------------------------------------------------------------------------------------


def test_notices_answer_each_role(role_clients):
    assert answers(role_clients, NOTICES) == {
        "staff": 200, "officer": 200, "other_officer": 200, "council": 200, "anonymous": 302,
    }


def test_notices_are_my_own_unread_first(bob, charlie):
    read = notice(bob, "Đã đọc", read_at=timezone.now())
    older = notice(bob, "Chưa đọc, cũ")
    Notification.objects.filter(pk=older.pk).update(created_at=at(datetime.date(2019, 3, 29)))
    newer = notice(bob, "Chưa đọc, mới")
    notice(charlie, "Của người khác")

    response = signed_in(bob).get(NOTICES)
    page = response.content.decode()

    assert list(response.context["notices"]) == [newer, older, read]
    assert "Của người khác" not in page
    assert page.count(">Mới</span>") == 2


@pytest.mark.parametrize("count", [1, 30])
def test_notices_query_count_does_not_grow(bob, count, django_assert_num_queries):
    client = signed_in(bob)
    for number in range(count):
        notice(bob, f"Thông báo {number}")
    client.get(NOTICES)

    # session, user, count, page, the unread badge
    with django_assert_num_queries(5):
        response = client.get(NOTICES)

    assert len(response.context["notices"]) == count


def test_notices_page_empty(bob):
    assert "Bạn chưa có thông báo nào." in signed_in(bob).get(NOTICES).content.decode()


def test_mark_all_read_marks_only_mine(bob, charlie):
    mine = [notice(bob), notice(bob)]
    theirs = notice(charlie)

    client = signed_in(bob)
    response = client.post(READ_ALL)

    assert (response.status_code, response.url) == (302, NOTICES)
    assert [Notification.objects.get(pk=n.pk).read_at is not None for n in [*mine, theirs]] == [True, True, False]
    assert [str(m) for m in client.get(NOTICES).context["messages"]] == ["Đã đánh dấu 2 thông báo là đã đọc."]


def test_mark_all_read_answers_each_role(role_clients):
    assert answers(role_clients, READ_ALL, method="post") == {
        "staff": 302, "officer": 302, "other_officer": 302, "council": 302, "anonymous": 302,
    }
    assert role_clients["officer"].get(READ_ALL).status_code == 405


def test_opening_a_notice_marks_it_read_and_goes_to_its_page(bob):
    opened, other = notice(bob), notice(bob)

    response = signed_in(bob).get(reverse("units:notification_open", kwargs={"pk": opened.pk}))

    assert (response.status_code, response.url) == (302, "/phong-trao/1/")
    assert [Notification.objects.get(pk=n.pk).read_at is not None for n in (opened, other)] == [True, False]


def test_opening_a_notice_by_post_works_too(bob):
    opened = notice(bob)

    response = signed_in(bob).post(reverse("units:notification_open", kwargs={"pk": opened.pk}))

    assert (response.status_code, response.url) == (302, "/phong-trao/1/")


@pytest.mark.parametrize("url", ["https://evil.example/", "//evil.example/x", "/\\evil.example", "", "javascript:x"])
def test_opening_a_notice_never_leaves_the_portal(bob, url):
    opened = Notification.objects.create(user=bob, kind="reminder", text="Nhắc hạn", url=url)

    response = signed_in(bob).get(reverse("units:notification_open", kwargs={"pk": opened.pk}))

    assert (response.status_code, response.url) == (302, NOTICES)


def test_opening_another_persons_notice_is_404(bob, charlie):
    theirs = notice(charlie)

    response = signed_in(bob).get(reverse("units:notification_open", kwargs={"pk": theirs.pk}))

    assert response.status_code == 404
    assert Notification.objects.get(pk=theirs.pk).read_at is None


# --- The badge ------------------------------------------------------------------------------------------------------


def test_badge_shows_my_unread_count(bob, charlie):
    notice(bob)
    notice(bob)
    notice(bob, read_at=timezone.now())
    notice(charlie)

    page = signed_in(bob).get(NOTICES).content.decode()

    assert '<span class="badge rounded-pill text-bg-warning" id="unread-notices">2<span' in page


def test_badge_is_gone_once_all_is_read(bob):
    notice(bob)
    client = signed_in(bob)
    client.post(READ_ALL)

    assert 'id="unread-notices"' not in client.get(NOTICES).content.decode()


def test_badge_costs_one_count_for_a_signed_in_person(bob):
    client = signed_in(bob)
    client.get(reverse("units:unit_list"))

    with CaptureQueriesContext(connection) as context:
        client.get(reverse("units:unit_list"))

    assert len(notification_queries(context)) == 1
    assert notification_queries(context)[0].startswith("SELECT COUNT(*)")


def test_badge_costs_nothing_for_an_anonymous_visitor(db, client):
    with CaptureQueriesContext(connection) as context:
        assert client.get(reverse("login")).status_code == 200

    assert notification_queries(context) == []


def test_badge_costs_nothing_when_no_page_is_rendered(bob):
    client = signed_in(bob)
    opened = notice(bob)

    with CaptureQueriesContext(connection) as context:
        client.get(reverse("units:notification_open", kwargs={"pk": opened.pk}))

    assert [sql.split()[0] for sql in notification_queries(context)] == ["SELECT", "UPDATE"]
