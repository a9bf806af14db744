from collections import Counter
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import transaction
from django.test import TestCase

from awards.models import (
    AgendaItem,
    AwardRecord,
    Ballot,
    BatchStep,
    CouncilMember,
    CouncilSession,
    Household,
    Nomination,
    NominationBatch,
    NominationCheck,
    Person,
    RosterEntry,
    StaffPost,
    VoteCount,
)
from campaign.models import Campaign
from units.models import Cluster, ClusterMembership, OutboxEmail, Unit, User


def counts():
    models = (Unit, Cluster, ClusterMembership, User, Campaign, CouncilMember, Unit.history.model,
              Campaign.history.model, Cluster.history.model, User.history.model, CouncilMember.history.model,
              ClusterMembership.history.model, Person, Household, RosterEntry, AwardRecord, NominationBatch,
              Nomination, BatchStep, NominationCheck, Person.history.model, AwardRecord.history.model,
              NominationBatch.history.model, Nomination.history.model, CouncilSession, AgendaItem, Ballot, VoteCount,
              CouncilSession.history.model)
    return {model.__name__: model.objects.count() for model in models}


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo loaded twice for the whole module (a load takes seconds), its jobs run as after a commit, the
    e-mails sent kept; all of it rolled back after the module."""
    with django_db_blocker.unblock(), transaction.atomic():
        out = StringIO()
        with TestCase.captureOnCommitCallbacks(execute=True):
            call_command("load_demo", stdout=out)
        first = counts()
        with TestCase.captureOnCommitCallbacks(execute=True):
            call_command("load_demo", stdout=StringIO())
        yield {"output": out.getvalue(), "first": first, "second": counts(), "sent": list(mail.outbox)}
        transaction.set_rollback(True)


@pytest.fixture
def loaded(demo, db):
    """The demo, for one test (its changes undone after it)."""
    return demo


def test_load_demo_loads_the_2019_campaign_and_is_idempotent(loaded):
    assert loaded["second"] == loaded["first"]

    campaign = Campaign.objects.get()
    assert campaign.tasks.count() == 12
    assert campaign.status == "launched"
    assert campaign.clusters.count() == 7
    assert sorted(campaign.issuing_body_list) == sorted(
        ["Tỉnh ủy", "HĐND tỉnh", "UBND tỉnh", "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Lạng Sơn"]
    )
    inter = Cluster.objects.get(scope="inter_provincial")
    assert sorted(inter.members.values_list("name", flat=True)) == sorted(
        ["Tỉnh Cao Bằng", "Tỉnh Lạng Sơn", "Tỉnh Lai Châu", "Tỉnh Hà Giang", "Tỉnh Lào Cai", "Tỉnh Điện Biên",
         "Tỉnh Sơn La"]
    )
    assert Unit.objects.filter(kind="district").count() == 11
    assert Unit.objects.filter(kind__in=["department", "organisation"]).count() == 27
    assert Cluster.objects.filter(scope="provincial", kind="cum").count() == 2
    assert Cluster.objects.filter(kind="khoi").count() == 4
    assert sorted(User.objects.values_list("username", "role")) == [
        ("hd.chutich", "council"), ("hd.thuky", "council"), ("hd.uyvien1", "council"), ("hd.uyvien2", "council"),
        ("hd.uyvien3", "council"), ("hd.uyvien4", "council"), ("hd.uyvien5", "council"), ("hd.uyvien6", "council"),
        ("hd.uyvien7", "council"), ("snv.chuyenvien", "staff"), ("snv.tdkt", "staff"), ("snv.vanthu", "staff"),
        ("soyte", "officer"), ("tplangson", "officer"), ("vanquan", "officer"),
    ]
    assert CouncilMember.objects.filter(role="chair").get().user.username == "hd.chutich"
    assert "snv.tdkt" in loaded["output"] and "ThiDua@2019" in loaded["output"]


def test_load_demo_adds_people_the_register_and_batches_in_every_state_of_screening(loaded):
    assert sorted(StaffPost.objects.values_list("user__username", "function")) == [
        ("snv.chuyenvien", "specialist"), ("snv.tdkt", "head"), ("snv.vanthu", "clerk"),
    ]
    assert Counter(Person.objects.values_list("category", flat=True)) == {
        "worker": 12, "section_head": 3, "department_leader": 2, "business": 1,
    }
    assert (Household.objects.count(), RosterEntry.objects.count()) == (5, 49)
    assert sorted(set(AwardRecord.objects.values_list("year", flat=True))) == [2013, 2015, 2016, 2017, 2018, 2019]
    assert Counter(NominationBatch.objects.values_list("kind", "status")) == {
        ("unit", "draft"): 1, ("unit", "submitted"): 1, ("unit", "received"): 1, ("unit", "assigned"): 2,
        ("unit", "checked"): 1, ("unit", "returned"): 1, ("unit", "forwarded"): 2, ("province", "forwarded"): 1,
    }
    assert Counter(Nomination.objects.values_list("status", flat=True)) == {
        "pending": 8, "meets": 4, "fails": 1, "forwarded": 6, "rejected": 1, "consolidated": 1,
    }
    blocked = Nomination.objects.get(person__full_name="Đinh Thị Lan")
    assert list(blocked.checks.filter(result="fail").values_list("code", flat=True)) == ["discipline"]
    assert NominationBatch.objects.filter(steps__at__year=2019).distinct().count() == 9


def test_load_demo_notifies_officers_once(loaded):
    launch = [message for message in loaded["sent"] if message.subject.startswith("Phát động phong trào thi đua")]
    assert sorted(message.to[0] for message in launch) == [
        "soyte@thidua.example.vn", "tplangson@thidua.example.vn", "vanquan@thidua.example.vn",
    ]
    # The notices of the demo's reviews and screening (the outbox), each sent once, none again by the second load.
    events = [(message.to[0], message.subject) for message in loaded["sent"] if message not in launch]
    # (The demo's reminders of 2019 are marked sent as of their mornings, without going out again today.)
    assert sorted(events) == sorted(OutboxEmail.objects.filter(status="sent").exclude(kind="reminder")
                                    .values_list("to", "subject"))
    # Only the demo's one reminder that "could not be sent" (to show the outbox's failed state) is left unsent.
    assert list(OutboxEmail.objects.exclude(status="sent").values_list("kind", "status")) == [("reminder", "failed")]


def test_load_demo_adds_a_held_session_with_its_decision_and_an_open_one(loaded):
    held, opened = CouncilSession.objects.order_by("meets_at")
    assert [(s.status, s.member_count, s.ballots.count()) for s in (held, opened)] == [("closed", 9, 9), ("open", 9, 0)]
    assert sorted((str(i.nomination.recipient), i.agree, i.disagree, i.lower, i.outcome, i.awarded_form.code
                   if i.awarded_form else None, i.decision.number if i.decision else None)
                  for i in held.items.all()) == [
        ("Hoàng Thị Phương", 9, 0, 0, "passed", "bang_khen_thu_tuong", None),
        ("Huyện Văn Quan", 7, 2, 0, "failed", None, None),
        ("Sở Y tế", 9, 0, 0, "passed", "tap_the_lao_dong_xuat_sac", "2468/QĐ-UBND"),
        ("Vi Văn Hùng", 8, 0, 1, "passed_lower", "bang_khen_tinh", "2468/QĐ-UBND"),
    ]
    assert sorted(AwardRecord.objects.filter(decision__number="2468/QĐ-UBND").values_list("award_code", flat=True)) == [
        "bang_khen_tinh", "tap_the_lao_dong_xuat_sac"]
    assert sorted(str(i.nomination.recipient) for i in opened.items.all()) == ["Lục Thị Hằng", "Nguyễn Văn Khánh"]
