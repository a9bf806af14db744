from collections import Counter
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command

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
from units.models import Cluster, ClusterMembership, Unit, User


def counts():
    models = (Unit, Cluster, ClusterMembership, User, Campaign, CouncilMember, Unit.history.model,
              Campaign.history.model, Cluster.history.model, User.history.model, CouncilMember.history.model,
              ClusterMembership.history.model, Person, Household, RosterEntry, AwardRecord, NominationBatch,
              Nomination, BatchStep, NominationCheck, Person.history.model, AwardRecord.history.model,
              NominationBatch.history.model, Nomination.history.model, CouncilSession, AgendaItem, Ballot, VoteCount,
              CouncilSession.history.model)
    return {model.__name__: model.objects.count() for model in models}


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_load_demo_loads_the_2019_campaign_and_is_idempotent():
    out = StringIO()
    call_command("load_demo", stdout=out)
    first = counts()
    call_command("load_demo", stdout=StringIO())
    assert counts() == first

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
    assert "snv.tdkt" in out.getvalue() and "ThiDua@2019" in out.getvalue()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_load_demo_adds_people_the_register_and_batches_in_every_state_of_screening():
    call_command("load_demo", stdout=StringIO())
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


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_load_demo_notifies_officers_once():
    call_command("load_demo", stdout=StringIO())
    call_command("load_demo", stdout=StringIO())
    assert sorted(message.to[0] for message in mail.outbox) == [
        "soyte@thidua.example.vn", "tplangson@thidua.example.vn", "vanquan@thidua.example.vn",
    ]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_load_demo_adds_a_held_session_with_its_decision_and_an_open_one():
    call_command("load_demo", stdout=StringIO())
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
