"""The public honour roll (bảng vàng) of a campaign: the awards of its decisions in force, public fields only."""

import pytest
from django.test import Client
from django.urls import reverse

from awards.services.decisions import cancel_decision_with_items, record_decision
from awards.tests.test_decisions import agenda_item, decision_values
from portal.tests.factories import PersonFactory, SessionFactory, UnitFactory

from .test_decisions import items, province, session  # noqa: F401 (fixtures)


@pytest.fixture
def decided(session, items, alice):  # noqa: F811
    """The CSTĐ, the lower Bằng khen and the collective decided in force; the failed CSTĐ never decided."""
    return record_decision(session, items=[items["cstd"], items["lower"], items["collective"]],
                           values=decision_values(), by=alice)


def roll(campaign, **params):
    return Client().get(reverse("awards:honour_roll", args=[campaign.pk]), params)


def names(response):
    return [str(record.recipient) for record in response.context["records"]]


def test_honour_roll_is_public_in_award_then_name_order(session, decided):  # noqa: F811
    response = roll(session.campaign)

    assert response.status_code == 200
    assert [(str(r.recipient), r.award_name, r.decision_number) for r in response.context["records"]] == [
        ("Nông Thị Lan", "Bằng khen của Chủ tịch UBND tỉnh", "2345/QĐ-UBND"),
        ("Xã Tân Đoàn", "Bằng khen của Chủ tịch UBND tỉnh", "2345/QĐ-UBND"),
        ("Hoàng Văn Đức", "Chiến sĩ thi đua cấp tỉnh", "2345/QĐ-UBND"),
    ]
    page = response.content.decode()
    assert ("Bảng vàng khen thưởng" in page, '<meta name="robots" content="index, follow">' in page,
            "Số 2345/QĐ-UBND ngày 20/12/2019" in page) == (True, True, True)


def test_honour_roll_hides_failed_items_and_private_fields(session, items, decided):  # noqa: F811
    person = items["cstd"].nomination.person
    page = roll(session.campaign).content.decode()

    assert ("Vi Văn Bảo" in page, str(person.birth_year) in page, person.ethnicity in page, "phiếu" in page) == (
        False, False, False, False)


def test_honour_roll_hides_a_cancelled_decision(session, items, decided, alice):  # noqa: F811
    cancel_decision_with_items(decided, reason="Ghi nhầm danh sách", by=alice)

    response = roll(session.campaign)

    assert names(response) == []
    assert "Phong trào chưa có quyết định khen thưởng nào." in response.content.decode()


def test_honour_roll_searches_names_without_marks_and_filters_by_award(session, decided):  # noqa: F811
    assert names(roll(session.campaign, q="hoang van duc")) == ["Hoàng Văn Đức"]
    assert names(roll(session.campaign, q="TAN DOAN")) == ["Xã Tân Đoàn"]
    assert names(roll(session.campaign, award="bang_khen_tinh")) == ["Nông Thị Lan", "Xã Tân Đoàn"]


def test_honour_roll_of_a_draft_campaign_is_not_found(session, decided, role_clients):  # noqa: F811
    session.campaign.status = "draft"
    session.campaign.save()

    answers = {role: client.get(reverse("awards:honour_roll", args=[session.campaign.pk])).status_code
               for role, client in role_clients.items()}

    assert answers == {role: 404 for role in role_clients}


def test_campaign_page_links_to_its_honour_roll(session):  # noqa: F811
    page = Client().get(reverse("campaign:detail", args=[session.campaign.pk])).content.decode()

    assert f'href="{reverse("awards:honour_roll", args=[session.campaign.pk])}"' in page


@pytest.mark.parametrize("count", [1, 30])
def test_honour_roll_query_count_does_not_grow(session, province, alice, count, django_assert_num_queries):  # noqa: F811
    unit = UnitFactory()
    chosen = [agenda_item(session, "bang_khen_tinh", "passed", person=PersonFactory(unit=unit)) for _ in range(count)]
    record_decision(session, items=chosen, values=decision_values(), by=alice)
    SessionFactory()  # another campaign's session changes nothing

    with django_assert_num_queries(4):
        response = roll(session.campaign)

    assert len(response.context["records"]) == count
