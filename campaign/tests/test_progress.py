"""The roll-up of progress (campaign.selectors.progress): its arithmetic, what counts, and that it follows changes."""

import datetime
from decimal import Decimal

import pytest

from campaign.models import WorkStatus
from campaign.selectors.progress import (
    Progress,
    campaign_progress,
    cluster_progress,
    progress_by_campaign,
    task_progress,
    unit_progress,
    unit_progress_by_campaign,
)
from campaign.services.works import accept_work, add_report, submit_work
from portal.tests.factories import (
    CampaignFactory,
    ClusterFactory,
    MembershipFactory,
    UnitFactory,
    WorkFactory,
)

W = WorkStatus


@pytest.fixture
def campaign(launched):
    return launched


@pytest.fixture
def task_1(campaign):
    return campaign.tasks.get(number=1)


@pytest.fixture
def task_2(campaign):
    return campaign.tasks.get(number=2)


def work(campaign, unit, percent, value=None, status=W.IN_PROGRESS, tasks=()):
    return WorkFactory(campaign=campaign, unit=unit, percent=percent, value_vnd=value, status=status, tasks=list(tasks))


# --- Arithmetic ----------------------------------------------------------------------------------------------------


def test_unit_progress_without_values_is_the_plain_mean(campaign, unit_a):
    work(campaign, unit_a, 40)
    work(campaign, unit_a, 70)
    assert unit_progress(campaign) == {unit_a.pk: Progress(Decimal("55.0"), 2, 0, 0, 0)}


def test_unit_progress_with_values_weighs_each_work_by_its_value(campaign, unit_a):
    work(campaign, unit_a, 100, value=100_000_000, status=W.COMPLETED)
    work(campaign, unit_a, 20, value=300_000_000)
    # (100 × 100 + 300 × 20) / 400 = 40
    assert unit_progress(campaign) == {unit_a.pk: Progress(Decimal("40.0"), 2, 2, 400_000_000, 1)}


def test_unit_progress_gives_a_work_without_value_the_mean_value_of_the_others(campaign, unit_a):
    work(campaign, unit_a, 100, value=100_000_000, status=W.VERIFIED)
    work(campaign, unit_a, 20, value=300_000_000)
    work(campaign, unit_a, 50)
    # The unvalued work weighs 200 (the mean): (100 × 100 + 300 × 20 + 200 × 50) / 600 = 43.33…
    assert unit_progress(campaign) == {unit_a.pk: Progress(Decimal("43.3"), 3, 2, 400_000_000, 1)}


def test_unit_progress_rounds_half_up_to_one_place(campaign, unit_a, unit_b):
    for percent in (1, 0, 0, 0):  # 0.25
        work(campaign, unit_a, percent)
    for percent in (1, 0, 0, 0, 0, 0, 0, 0):  # 0.125
        work(campaign, unit_b, percent)
    figures = unit_progress(campaign)
    assert (figures[unit_a.pk].percent, figures[unit_b.pk].percent) == (Decimal("0.3"), Decimal("0.1"))


def test_unit_progress_with_only_zero_values_is_the_plain_mean(campaign, unit_a):
    work(campaign, unit_a, 30, value=0)
    work(campaign, unit_a, 60)
    assert unit_progress(campaign)[unit_a.pk] == Progress(Decimal("45.0"), 2, 1, 0, 0)


def test_unit_progress_counts_only_accepted_works(campaign, unit_a):
    for status in (W.DRAFT, W.SUBMITTED):
        work(campaign, unit_a, 0, value=900_000_000, status=status)
    WorkFactory(campaign=campaign, unit=unit_a, status=W.RETURNED, return_reason="Thiếu dự toán", value_vnd=5)
    work(campaign, unit_a, 0, status=W.ACCEPTED)
    work(campaign, unit_a, 60, status=W.IN_PROGRESS)
    work(campaign, unit_a, 100, status=W.COMPLETED)
    work(campaign, unit_a, 100, status=W.VERIFIED)
    assert unit_progress(campaign) == {unit_a.pk: Progress(Decimal("65.0"), 4, 0, 0, 2)}


def test_unit_progress_has_no_entry_for_a_unit_without_counted_works(campaign, unit_a, unit_b):
    work(campaign, unit_a, 50, status=W.SUBMITTED)
    assert (unit_progress(campaign), campaign_progress(campaign)) == ({}, None)


def test_unit_progress_keeps_to_the_campaign_and_the_units_asked_for(campaign, unit_a, unit_b):
    work(campaign, unit_a, 50)
    work(campaign, unit_b, 10)
    work(CampaignFactory(), unit_a, 90)
    assert unit_progress(campaign, [unit_a.pk]) == {unit_a.pk: Progress(Decimal("50.0"), 1, 0, 0, 0)}


def test_unit_progress_under_a_task_counts_only_the_works_serving_it(campaign, unit_a, task_1, task_2):
    work(campaign, unit_a, 80, tasks=[task_1])
    work(campaign, unit_a, 20, tasks=[task_2])
    work(campaign, unit_a, 50, tasks=[task_1, task_2])
    assert unit_progress(campaign, task=task_1) == {unit_a.pk: Progress(Decimal("65.0"), 2, 0, 0, 0)}


# --- Groups --------------------------------------------------------------------------------------------------------


def test_task_progress_counts_a_work_serving_two_tasks_in_both(campaign, unit_a, unit_b, task_1, task_2):
    work(campaign, unit_a, 100, value=200, tasks=[task_1, task_2], status=W.COMPLETED)
    work(campaign, unit_b, 40, value=600, tasks=[task_1])
    work(campaign, unit_b, 10, tasks=[task_2])
    work(campaign, unit_b, 90, tasks=[task_2], status=W.DRAFT)
    assert task_progress(campaign) == {
        # (200 × 100 + 600 × 40) / 800 = 55
        task_1.pk: Progress(Decimal("55.0"), 2, 2, 800, 1),
        # the unvalued work weighs 200: (200 × 100 + 200 × 10) / 400 = 55
        task_2.pk: Progress(Decimal("55.0"), 2, 1, 200, 1),
    }
    assert task_progress(campaign, [task_2.pk]) == {task_2.pk: Progress(Decimal("55.0"), 2, 1, 200, 1)}


def test_task_progress_has_no_entry_for_a_task_without_counted_works(campaign, unit_a, task_1, task_2):
    work(campaign, unit_a, 30, tasks=[task_1])
    assert list(task_progress(campaign)) == [task_1.pk]


def test_cluster_progress_counts_a_unit_in_each_of_its_clusters_of_the_campaign(campaign, cluster_a, unit_a, unit_b):
    cluster_b = ClusterFactory(name="Khối các cơ quan tổng hợp")
    campaign.clusters.add(cluster_b)
    MembershipFactory(cluster=cluster_b, unit=unit_a)
    MembershipFactory(cluster=cluster_b, unit=unit_b)
    outside = ClusterFactory(name="Cụm không tham gia")
    MembershipFactory(cluster=outside, unit=unit_a)
    work(campaign, unit_a, 20)
    work(campaign, unit_b, 80, value=1_000)
    assert cluster_progress(campaign) == {
        cluster_a.pk: Progress(Decimal("20.0"), 1, 0, 0, 0),
        # unit_a's unvalued work weighs 1,000 (the mean of the valued ones): (20 + 80) / 2
        cluster_b.pk: Progress(Decimal("50.0"), 2, 1, 1_000, 0),
    }


def test_cluster_progress_ignores_works_of_units_outside_its_clusters(campaign, cluster_a, unit_b):
    work(campaign, unit_b, 70)
    assert cluster_progress(campaign) == {}


def test_campaign_progress_rolls_up_every_counted_work(campaign, unit_a, unit_b):
    work(campaign, unit_a, 100, value=3_000_000, status=W.COMPLETED)
    work(campaign, unit_b, 0, value=1_000_000, status=W.ACCEPTED)
    work(campaign, unit_b, 50)
    work(campaign, unit_b, 100, status=W.SUBMITTED)
    # weights 3, 1 and 2 (the mean): (300 + 0 + 100) / 6 = 66.66…
    assert campaign_progress(campaign) == Progress(Decimal("66.7"), 3, 2, 4_000_000, 1)


def test_progress_by_campaign_rolls_up_given_units_in_each_campaign(campaign, unit_a, unit_b):
    other = CampaignFactory()
    work(campaign, unit_a, 10)
    work(campaign, unit_b, 30)
    work(other, unit_a, 90)
    assert progress_by_campaign([campaign.pk, other.pk], [unit_a.pk, unit_b.pk]) == {
        campaign.pk: Progress(Decimal("20.0"), 2, 0, 0, 0),
        other.pk: Progress(Decimal("90.0"), 1, 0, 0, 0),
    }
    assert unit_progress_by_campaign([campaign.pk, other.pk], [unit_a.pk]) == {
        (campaign.pk, unit_a.pk): Progress(Decimal("10.0"), 1, 0, 0, 0),
        (other.pk, unit_a.pk): Progress(Decimal("90.0"), 1, 0, 0, 0),
    }


# --- One query each, whatever the number of groups -----------------------------------------------------------------


def test_each_rollup_is_one_query(campaign, cluster_a, unit_a, task_1, django_assert_num_queries):
    for number in range(5):
        unit = UnitFactory()
        MembershipFactory(cluster=cluster_a, unit=unit)
        work(campaign, unit, number * 10, value=number or None, tasks=[task_1])
    for rollup in (unit_progress, cluster_progress, task_progress, campaign_progress):
        with django_assert_num_queries(1):
            rollup(campaign)


# --- Always right after a change -----------------------------------------------------------------------------------


def test_rollup_follows_acceptance_and_new_reports(campaign, unit_a, task_1, alice, bob):
    counted = work(campaign, unit_a, 60, value=1_000_000, tasks=[task_1])
    pledged = work(campaign, unit_a, 0, value=3_000_000, tasks=[task_1], status=W.DRAFT)
    assert unit_progress(campaign)[unit_a.pk].percent == Decimal("60.0")

    submit_work(pledged, by=bob)
    accept_work(pledged, by=alice)
    # 1 × 60 + 3 × 0 over 4
    assert unit_progress(campaign)[unit_a.pk] == Progress(Decimal("15.0"), 2, 2, 4_000_000, 0)

    add_report(pledged, report_date=datetime.date(2019, 6, 1), percent=100, narrative="Đã xong.", by=bob)
    # 1 × 60 + 3 × 100 over 4
    assert unit_progress(campaign)[unit_a.pk] == Progress(Decimal("90.0"), 2, 2, 4_000_000, 1)
    assert task_progress(campaign)[task_1.pk] == Progress(Decimal("90.0"), 2, 2, 4_000_000, 1)
    assert campaign_progress(campaign) == Progress(Decimal("90.0"), 2, 2, 4_000_000, 1)
    assert counted.percent == 60
