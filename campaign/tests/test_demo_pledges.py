"""The demo's registrations, pacts, works, reports, achievements and evidence files, as ``load_demo`` loads them.

The demo is loaded once for the module, in a transaction rolled back at its end (each test runs in a savepoint
inside it): loading takes seconds.
"""

import hashlib
from collections import Counter
from io import StringIO

import pytest
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.db import transaction

from campaign.evidence_files import identify
from campaign.models import Achievement, ClusterPact, Evidence, PledgedWork, ProgressReport, Registration, ReviewStatus

MODELS = (Registration, ClusterPact, PledgedWork, ProgressReport, Achievement, Evidence)


def counts():
    return {model.__name__: (model.objects.count(), model.history.count()) for model in MODELS}


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_demo", stdout=StringIO())
        yield
        transaction.set_rollback(True)


@pytest.fixture
def loaded(demo, db):
    """The demo, for one test (its changes undone after it)."""


def states(model):
    return dict(Counter(model.objects.values_list("status", flat=True)))


def test_works_in_every_state(loaded):
    assert states(PledgedWork) == {
        "in_progress": 20, "accepted": 10, "completed": 8, "verified": 8, "submitted": 6, "draft": 5, "returned": 3,
    }


def test_registrations_in_every_review_state(loaded):
    assert states(Registration) == {"accepted": 6, "submitted": 6, "returned": 3, "draft": 3, "resubmitted": 2}
    assert set(states(Registration)) == set(ReviewStatus.values)


def test_achievements_and_pacts(loaded):
    assert states(Achievement) == {"accepted": 8, "submitted": 5, "draft": 5, "returned": 4}
    assert ClusterPact.objects.count() == 3


def test_progress_follows_the_reports(loaded):
    # One report on each work in progress, three (30, 65, 100 %) on each completed or verified one.
    assert ProgressReport.objects.count() == 20 + 3 * 16
    finished = PledgedWork.objects.filter(status__in=["completed", "verified"])
    assert set(finished.values_list("percent", flat=True)) == {100}


def test_every_evidence_file_is_readable_and_what_its_row_says(loaded):
    # A signed scan per registration and pact, a photo per report and achievement, a record of acceptance (PDF)
    # with each report at 100 %.
    assert dict(Counter(Evidence.objects.values_list("kind", flat=True))) == {"png": 90, "pdf": 39}
    for evidence in Evidence.objects.all():
        with default_storage.open(evidence.file.name, "rb") as stored:
            kind, data = identify(stored), stored.read()
        assert (kind, len(data), hashlib.sha256(data).hexdigest()) == (evidence.kind, evidence.size, evidence.sha256)
        assert default_storage.exists(evidence.thumbnail.name) if evidence.is_image else not evidence.thumbnail


def test_a_second_load_adds_nothing(loaded):
    before = counts()
    call_command("load_demo", stdout=StringIO())
    assert counts() == before


# --- Evaluation (issue 4) -------------------------------------------------------------------------------------------


def test_scoring_table_has_criteria_under_all_twelve_tasks(loaded):
    from campaign.models import Band, Criterion

    assert sorted(set(Criterion.objects.filter(kind="regular").values_list("task__number", flat=True))) == list(
        range(1, 13)
    )
    assert dict(Counter(Criterion.objects.values_list("kind", flat=True))) == {"regular": 15, "bonus": 2, "penalty": 2}
    assert list(Band.objects.order_by("-min_total").values_list("name", flat=True)) == [
        "Xuất sắc", "Tốt", "Hoàn thành", "Chưa hoàn thành",
    ]


def test_scorecards_in_every_state_and_both_district_clusters_ranked(loaded):
    from campaign.models import Acclaim, RankingEntry, Scorecard

    assert states(Scorecard) == {"locked": 11, "draft": 1, "submitted": 1, "proposed": 1, "answered": 1}
    ranked = Counter(RankingEntry.objects.values_list("cluster__name", flat=True))
    assert ranked == {"Cụm thi đua các huyện biên giới": 5, "Cụm thi đua các huyện, thành phố nội địa": 6}
    assert RankingEntry.objects.filter(rank=1, is_leading=True).count() == 2
    acclaim = Acclaim.objects.get()
    assert acclaim.first.name == "Thành phố Lạng Sơn"
