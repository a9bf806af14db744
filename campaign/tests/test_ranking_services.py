"""Recomputing totals and rankings (services.ranking.recompute_campaign, its Celery task) and recording the
cluster's acclaim (services.ranking.record_acclaim)."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from campaign.models import (
    Acclaim,
    Band,
    CampaignStatus,
    CriterionKind,
    RankingEntry,
    Score,
    Scorecard,
    ScorecardStatus,
    TieBreak,
)
from campaign.services.ranking import record_acclaim, recompute_campaign
from campaign.tasks_scoring import recompute_campaign as recompute_task
from portal.tests.factories import (
    CampaignFactory,
    ClusterFactory,
    CriterionFactory,
    MembershipFactory,
    ScoringTableFactory,
    UnitFactory,
)

D = Decimal
T0 = datetime.datetime(2019, 10, 1, 8, 0, tzinfo=datetime.UTC)


def make_card(campaign, unit, points, *, bonus=None, status=ScorecardStatus.LOCKED, submitted_at=T0):
    """A scorecard of ``unit`` with ``points`` on the table's regular criterion (and ``bonus`` on its bonus item),
    confirmed when locked. Totals are left at zero: the recomputation sets them."""
    locked = status == ScorecardStatus.LOCKED
    card = Scorecard.objects.create(campaign=campaign, unit=unit, status=status, submitted_at=submitted_at,
                                    locked_at=timezone.now() if locked else None)
    table = campaign.scoring_table
    for criterion in table.criteria.all():
        value = D(points) if criterion.kind == CriterionKind.REGULAR else (D(bonus) if bonus is not None else None)
        Score.objects.create(scorecard=card, criterion=criterion, max_points=criterion.max_points, points=value,
                             final_points=value if locked else None)
    return card


@pytest.fixture
def world(db):
    """A launched campaign with one cluster of four units; a table of a regular criterion (100) and a bonus item
    (5, capped at 3); bands Xuất sắc from 90, Tốt from 70."""
    campaign = CampaignFactory()
    cluster = ClusterFactory(name="Cụm các huyện biên giới")
    names = ("Huyện Cao Lộc", "Huyện Đình Lập", "Huyện Lộc Bình", "Huyện Tràng Định")
    units = [UnitFactory(name=name) for name in names]
    for index, unit in enumerate(units):
        MembershipFactory(cluster=cluster, unit=unit, role="leader" if index == 0 else "member")
    campaign.clusters.add(cluster)
    table = ScoringTableFactory(campaign=campaign, bonus_cap=3)
    CriterionFactory(table=table, code="1.1", max_points=100)
    CriterionFactory(table=table, code="T.1", kind=CriterionKind.BONUS, max_points=5)
    Band.objects.create(table=table, name="Xuất sắc", min_total=90)
    Band.objects.create(table=table, name="Tốt", min_total=70)
    return {"campaign": campaign, "cluster": cluster, "units": units, "table": table}


def ranking_of(campaign):
    rows = RankingEntry.objects.filter(campaign=campaign).select_related("scorecard__unit")
    return [(row.scorecard.unit.name, row.total, row.rank, row.band, row.is_leading) for row in rows]


def test_recompute_totals_ranks_bands_and_leading(world):
    campaign, (cao_loc, dinh_lap, loc_binh, trang_dinh) = world["campaign"], world["units"]
    make_card(campaign, cao_loc, 85, bonus=5)  # bonus capped at 3: 88
    make_card(campaign, dinh_lap, 88)
    make_card(campaign, loc_binh, 70)
    make_card(campaign, trang_dinh, 99, status=ScorecardStatus.SUBMITTED)  # not locked: not ranked
    assert recompute_campaign(campaign.pk) == {"totals": 4, "created": 3, "updated": 0, "deleted": 0}
    assert ranking_of(campaign) == [
        ("Huyện Cao Lộc", D("88.00"), 1, "Tốt", True),
        ("Huyện Đình Lập", D("88.00"), 1, "Tốt", True),
        ("Huyện Lộc Bình", D("70.00"), 3, "Tốt", False),
    ]
    card = Scorecard.objects.get(unit=cao_loc)
    assert (card.total, card.self_total, card.bonus_total, card.penalty_total) == (D(88), D(88), D(3), D(0))
    assert [(row.history_change_reason, row.history_user) for row in card.history.all()][0] == (
        "Tính lại tổng điểm", None)


def test_recompute_applies_the_campaigns_tie_breaks(world):
    campaign, (cao_loc, dinh_lap, *_) = world["campaign"], world["units"]
    table = world["table"]
    table.tie_breaks = [TieBreak.EARLIER_SUBMISSION]
    table.save()
    make_card(campaign, cao_loc, 80, submitted_at=T0 + datetime.timedelta(days=1))
    make_card(campaign, dinh_lap, 80, submitted_at=T0)
    recompute_campaign(campaign.pk)
    assert ranking_of(campaign) == [
        ("Huyện Đình Lập", D(80), 1, "Tốt", True),
        ("Huyện Cao Lộc", D(80), 2, "Tốt", False),
    ]


def test_recompute_twice_changes_nothing(world):
    campaign, units = world["campaign"], world["units"]
    for unit, points in zip(units, (60, 75, 92)):
        make_card(campaign, unit, points)
    recompute_campaign(campaign.pk)
    before = list(RankingEntry.objects.filter(campaign=campaign).values())
    history_rows = Scorecard.history.count()
    assert recompute_campaign(campaign.pk) == {"totals": 0, "created": 0, "updated": 0, "deleted": 0}
    assert list(RankingEntry.objects.filter(campaign=campaign).values()) == before
    assert Scorecard.history.count() == history_rows


def test_recompute_follows_changed_points_and_drops_a_reopened_scorecard(world):
    campaign, (cao_loc, dinh_lap, loc_binh, _) = world["campaign"], world["units"]
    make_card(campaign, cao_loc, 60)
    make_card(campaign, dinh_lap, 75)
    reopened = make_card(campaign, loc_binh, 92)
    recompute_campaign(campaign.pk)
    Score.objects.filter(scorecard__unit=cao_loc, criterion__code="1.1").update(final_points=95)
    Scorecard.objects.filter(pk=reopened.pk).update(status=ScorecardStatus.SUBMITTED, locked_at=None)
    # Cao Lộc moves from 3rd to 1st; Đình Lập stays 2nd; Lộc Bình leaves.
    assert recompute_campaign(campaign.pk) == {"totals": 1, "created": 0, "updated": 1, "deleted": 1}
    assert ranking_of(campaign) == [
        ("Huyện Cao Lộc", D(95), 1, "Xuất sắc", True),
        ("Huyện Đình Lập", D(75), 2, "Tốt", False),
    ]


def test_recompute_ranks_a_unit_in_each_of_its_clusters(world):
    campaign, (cao_loc, dinh_lap, *_) = world["campaign"], world["units"]
    block = ClusterFactory(name="Khối các cơ quan")
    MembershipFactory(cluster=block, unit=dinh_lap, role="leader")
    MembershipFactory(cluster=block, unit=UnitFactory(name="Sở Tài chính"))
    campaign.clusters.add(block)
    make_card(campaign, cao_loc, 90)
    make_card(campaign, dinh_lap, 80)
    recompute_campaign(campaign.pk)
    rows = RankingEntry.objects.filter(campaign=campaign, scorecard__unit=dinh_lap)
    assert sorted((row.cluster.name, row.rank) for row in rows) == [
        ("Cụm các huyện biên giới", 2), ("Khối các cơ quan", 1)]


def test_recompute_without_a_table_ranks_nothing(db, cluster_a, unit_a):
    campaign = CampaignFactory()
    campaign.clusters.add(cluster_a)
    assert recompute_campaign(campaign.pk) == {"totals": 0, "created": 0, "updated": 0, "deleted": 0}


def test_recompute_of_a_deleted_campaign_does_nothing(db):
    assert recompute_campaign(987654) is None


@pytest.mark.worker
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_recompute_task_through_a_real_worker_twice_gives_one_ranking(world, real_worker, finished_tasks):
    campaign, (cao_loc, dinh_lap, *_) = world["campaign"], world["units"]
    make_card(campaign, cao_loc, 70)
    make_card(campaign, dinh_lap, 91)
    done, condition = finished_tasks
    sent = {recompute_task.delay(campaign.pk).id for _ in range(2)}
    with condition:
        assert condition.wait_for(lambda: sent <= set(done), timeout=30)
    assert ranking_of(campaign) == [
        ("Huyện Đình Lập", D(91), 1, "Xuất sắc", True),
        ("Huyện Cao Lộc", D(70), 2, "Tốt", False),
    ]


# --- Acclaim ------------------------------------------------------------------------------------------------------


def acclaim_data(units, **changes):
    return {"held_on": datetime.date(2019, 11, 20), "place": "UBND huyện Cao Lộc", "minutes": "Biên bản họp",
            "first": units[1], "second": units[0], "third": None, **changes}


def test_record_acclaim_creates_it_with_a_history_row(world, alice):
    units = world["units"]
    acclaim = record_acclaim(campaign=world["campaign"], cluster=world["cluster"], data=acclaim_data(units), by=alice)
    assert (acclaim.first, acclaim.second, acclaim.third, acclaim.recorded_by) == (units[1], units[0], None, alice)
    assert [(row.history_type, row.history_user, row.history_change_reason) for row in acclaim.history.all()] == [
        ("+", alice, "Ghi kết quả suy tôn")]


def test_record_acclaim_updates_it_and_an_unchanged_form_writes_nothing(world, alice, bob):
    units, campaign, cluster = world["units"], world["campaign"], world["cluster"]
    record_acclaim(campaign=campaign, cluster=cluster, data=acclaim_data(units), by=alice)
    record_acclaim(campaign=campaign, cluster=cluster, data=acclaim_data(units, third=units[2], reason="Bổ sung"),
                   by=bob)
    record_acclaim(campaign=campaign, cluster=cluster, data=acclaim_data(units, third=units[2]), by=bob)
    acclaim = Acclaim.objects.get()
    assert (acclaim.third, acclaim.recorded_by) == (units[2], bob)
    assert [(row.history_user, row.history_change_reason) for row in acclaim.history.all()] == [
        (bob, "Bổ sung"), (alice, "Ghi kết quả suy tôn")]


@pytest.mark.parametrize(
    "changes, errors",
    [
        ({"first": None}, {"first": ["Hãy chọn đơn vị được suy tôn thứ nhất."]}),
        ({"second": "first"}, {"second": ["Mỗi đơn vị chỉ được suy tôn ở một thứ hạng."]}),
        ({"second": None, "third": 2}, {"second": ["Hãy chọn đơn vị thứ hai trước đơn vị thứ ba."]}),
        ({"third": "outsider"}, {"third": ["Đơn vị này không thuộc cụm, khối."]}),
    ],
)
def test_record_acclaim_refuses_bad_places(world, alice, changes, errors):
    units = world["units"]
    outsider = UnitFactory()
    values = {"first": units[1], 2: units[2], "outsider": outsider, None: None}
    data = acclaim_data(units, **{name: values[value] for name, value in changes.items()})
    with pytest.raises(ValidationError) as raised:
        record_acclaim(campaign=world["campaign"], cluster=world["cluster"], data=data, by=alice)
    assert raised.value.message_dict == errors
    assert Acclaim.objects.count() == 0


def test_record_acclaim_refused_once_the_campaign_is_closed(world, alice):
    campaign = world["campaign"]
    campaign.status = CampaignStatus.CLOSED
    campaign.save()
    with pytest.raises(ValidationError) as raised:
        record_acclaim(campaign=campaign, cluster=world["cluster"], data=acclaim_data(world["units"]), by=alice)
    assert raised.value.messages == ["Phong trào đã kết thúc hoặc chưa phát động: không thay đổi được."]
