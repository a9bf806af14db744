"""Walks every URL pattern of the portal against every role (the contract is in url_access.py)."""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from campaign.models import Criterion, Scorecard, ScoringTable, WorkStatus
from django.utils import timezone

from awards.models import BatchStatus, CouncilSession, Initiative, Discipline, NominationBatch, RosterEntry
from portal.tests.factories import (
    AgendaItemFactory,
    SessionFactory,
    SessionMemberFactory,
    UnitFactory,
    AwardRecordFactory,
    BatchFactory,
    DecisionFactory,
    DossierFactory,
    HouseholdFactory,
    NominationFactory,
    NominationFileFactory,
    PersonFactory,
    StaffPostFactory,
    AchievementFactory,
    CampaignFactory,
    PactFactory,
    EvidenceFactory,
    RegistrationFactory,
    ReportFactory,
    TaskFactory,
    WorkFactory,
)

from units.models import Notification, OutboxEmail

from .url_access import ACCESS

ROLES = ("staff", "officer", "other_officer", "council", "anonymous")


def named_patterns(patterns, prefix=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            if pattern.namespace == "admin":
                continue  # Django's own admin: tested on its own below.
            namespace = f"{prefix}{pattern.namespace}:" if pattern.namespace else prefix
            yield from named_patterns(pattern.url_patterns, namespace)
        elif isinstance(pattern, URLPattern):
            yield prefix + (pattern.name or f"<unnamed {pattern.pattern}>")


def test_every_url_pattern_has_an_access_rule():
    names = set(named_patterns(get_resolver().url_patterns))
    assert sorted(names - set(ACCESS)) == []
    assert sorted(set(ACCESS) - names) == []


def test_every_access_rule_names_every_role():
    incomplete = {name for name, rule in ACCESS.items() if set(rule) - {"kwargs", "extra"} != set(ROLES)}
    assert incomplete == set()


@pytest.fixture
def world(unit_a, unit_b, cluster_a, bob, alice, dora):
    campaign = CampaignFactory(title="Phong trào thi đua đặc biệt năm 2019")
    campaign.clusters.add(cluster_a)
    task = TaskFactory(campaign=campaign, number=1)
    membership = cluster_a.memberships.get(unit=unit_a)
    # What unit_a (bob's unit, leader of cluster_a) handed in: a draft registration with a photo, a draft work, an
    # accepted work with a progress report, a draft achievement; cluster_a has its pact.
    registration = RegistrationFactory(campaign=campaign, unit=unit_a)
    evidence = EvidenceFactory(registration=registration)
    work = WorkFactory(campaign=campaign, unit=unit_a, tasks=[task])
    accepted = WorkFactory(campaign=campaign, unit=unit_a, tasks=[task], status=WorkStatus.IN_PROGRESS)
    report = ReportFactory(work=accepted)
    achievement = AchievementFactory(campaign=campaign, unit=unit_a, task=task)
    PactFactory(campaign=campaign, cluster=cluster_a)
    table = ScoringTable.objects.create(campaign=campaign)
    criterion = Criterion.objects.create(table=table, task=task, code="1.1", title="Tổ chức phát động", max_points=10)
    scorecard = Scorecard.objects.create(campaign=campaign, unit=unit_a)
    on_campaign = {"pk": campaign.pk}
    awards = awards_world(campaign, unit_a, alice)
    council = council_world(campaign, dora)
    dossiers = dossier_world(council["closed_session"]["pk"], awards["submitted_batch"])
    public = public_world(campaign)
    return {
        **awards,
        **council,
        **dossiers,
        **public,
        None: {},
        "unit_a": {"pk": unit_a.pk},
        "cluster_a": {"pk": cluster_a.pk},
        "campaign": {"pk": campaign.pk},
        "task": {"pk": campaign.pk, "task_pk": task.pk},
        "membership": {"pk": cluster_a.pk, "membership_pk": membership.pk},
        "user_bob": {"pk": bob.pk},
        "object_history": {"kind": "units.unit", "object_id": unit_a.pk},
        "unit_in_campaign": {**on_campaign, "unit_pk": unit_a.pk},
        "task_page": {**on_campaign, "task_pk": task.pk},
        "registration": {**on_campaign, "registration_pk": registration.pk},
        "pact": {**on_campaign, "cluster_pk": cluster_a.pk},
        "work": {**on_campaign, "work_pk": work.pk},
        "accepted_work": {**on_campaign, "work_pk": accepted.pk},
        "report": {**on_campaign, "work_pk": accepted.pk, "report_pk": report.pk},
        "achievement": {**on_campaign, "achievement_pk": achievement.pk},
        "evidence": {"evidence_pk": evidence.pk},
        "criterion": {**on_campaign, "criterion_pk": criterion.pk},
        "scorecard": {**on_campaign, "scorecard_pk": scorecard.pk},
        **notices_world(campaign, bob),
    }


def notices_world(campaign, bob):
    """bob's notice (about the campaign's page) and an e-mail to him in the outbox (issue 8)."""
    notice = Notification.objects.create(user=bob, kind="reminder", text="Nhắc hạn", url=campaign.get_absolute_url())
    email = OutboxEmail.objects.create(to=bob.email, user=bob, subject="Nhắc hạn", body="Nhắc hạn", kind="reminder")
    return {"notification": {"pk": notice.pk}, "outbox_email": {"pk": email.pk}}


def awards_world(campaign, unit_a, alice):
    """People, register and nominations of unit_a (issue 5). alice heads Ban TĐKT (she acts at every step); unit_a
    has a batch in each state of the route, the assigned one assigned to alice."""
    StaffPostFactory(user=alice, function="head")
    person = PersonFactory(unit=unit_a)
    household = HouseholdFactory(unit=unit_a)
    initiative = Initiative.objects.create(person=person, year=2018, title="Sáng kiến thử", scope="base")
    discipline = Discipline.objects.create(person=person, kind="Khiển trách", starts_on="2015-01-01",
                                           ends_on="2015-12-31")
    RosterEntry.objects.create(unit=unit_a, year=2018, person=person, rating="excellent")
    decision = DecisionFactory(issuer_unit=unit_a)
    record = AwardRecordFactory(person=person)
    batches = {}
    for status in ("draft", "submitted", "received", "assigned", "checked"):
        submitted_at = None if status == "draft" else timezone.now()
        assigned_to = alice if status in ("assigned", "checked") else None
        batches[status] = BatchFactory(campaign=campaign, unit=unit_a, status=status, submitted_at=submitted_at,
                                       assigned_to=assigned_to)
    draft_nomination = NominationFactory(batch=batches["draft"], person=person)
    submitted_nomination = NominationFactory(batch=batches["submitted"], person=person)
    assigned_nomination = NominationFactory(batch=batches["assigned"], person=person)
    letter = NominationFileFactory(batch=batches["submitted"])
    draft_file = NominationFileFactory(batch=batches["draft"])
    on_campaign = {"pk": campaign.pk}
    assert set(batches) <= set(BatchStatus.values)
    return {
        "person": {"pk": person.pk},
        "household": {"pk": household.pk},
        "initiative": {"pk": initiative.pk},
        "discipline": {"pk": discipline.pk},
        "roster_unit": {"unit_pk": unit_a.pk},
        "roster_year": {"unit_pk": unit_a.pk, "year": 2018},
        "form": {"pk": submitted_nomination.award_form_id},
        "record": {"pk": record.pk},
        "decision": {"pk": decision.pk},
        **{f"{status}_batch": {**on_campaign, "batch_pk": batch.pk} for status, batch in batches.items()},
        "draft_nomination": {**on_campaign, "nomination_pk": draft_nomination.pk},
        "submitted_nomination": {**on_campaign, "nomination_pk": submitted_nomination.pk},
        "assigned_nomination": {**on_campaign, "nomination_pk": assigned_nomination.pk},
        "letter": {"file_pk": letter.pk},
        "draft_file": {"file_pk": draft_file.pk},
    }


def council_world(campaign, dora):
    """dora chairs three sessions of the campaign (preparing, open, closed) and sits in them; the closed one has
    a passed nominee and the province's decision on it (issue 6)."""
    seat = dora.council_seats.get()
    sessions = {}
    for status in ("preparing", "open", "closed"):
        session = SessionFactory(campaign=campaign, chair=seat, secretary=seat, status=status,
                                 member_count=None if status == "preparing" else 1)
        SessionMemberFactory(session=session, member=seat)
        sessions[status] = session
    item = AgendaItemFactory(session=sessions["open"])
    province = UnitFactory(code="TINH", name="UBND tỉnh Lạng Sơn", kind="province")
    decision = DecisionFactory(kind="province", issuer_unit=province, campaign=campaign)
    closed_item = AgendaItemFactory(session=sessions["closed"], agree=1, disagree=0, lower=0, invalid=0,
                                    not_voted=0, outcome="passed", decision=decision)
    closed_item.awarded_form = closed_item.nomination.award_form
    closed_item.save()
    return {
        **{f"{status}_session": {"pk": session.pk} for status, session in sessions.items()},
        "agenda_item": {"pk": sessions["open"].pk, "item_pk": item.pk},
        "province_decision": {"pk": decision.pk},
    }


def dossier_world(session_pk, batch_kwargs):
    """A ready dossier of the closed session and of unit_a's submitted batch, each with its PDF (one nominee's
    report), ZIP and letter stored (issue 7)."""
    session = DossierFactory(session=CouncilSession.objects.get(pk=session_pk))
    batch = DossierFactory(session=None, batch=NominationBatch.objects.get(pk=batch_kwargs["batch_pk"]))
    on_session = {"pk": session_pk, "dossier_pk": session.pk}
    on_batch = {**batch_kwargs, "dossier_pk": batch.pk}
    return {
        "session_dossier": on_session,
        "session_dossier_part": {**on_session, "part_pk": session.parts.get(kind="letter").pk},
        "session_dossier_report": {**on_session, "number": 1},
        "batch_dossier": on_batch,
        "batch_dossier_part": {**on_batch, "part_pk": batch.parts.get(kind="letter").pk},
        "batch_dossier_report": {**on_batch, "number": 1},
    }


def public_world(campaign):
    """The public pages (issue 8): a published exemplary model and a draft one (each with a photo), a published
    consultation on a province proposal of the campaign with a pending comment."""
    from portal.tests.factories import ConsultationFactory, ExemplaryFactory, PublicCommentFactory

    published = ExemplaryFactory(campaign=campaign, status="published")
    draft = ExemplaryFactory(campaign=campaign)
    consultation = ConsultationFactory(batch__campaign=campaign)
    nominee = NominationFactory(batch=consultation.batch, status="forwarded")
    comment = PublicCommentFactory(consultation=consultation, nomination=nominee)
    return {
        "published_exemplary": {"pk": campaign.pk, "model_pk": published.pk},
        "draft_exemplary": {"pk": campaign.pk, "model_pk": draft.pk},
        "consultation": {"pk": consultation.pk},
        "public_comment": {"comment_pk": comment.pk},
    }


@pytest.mark.parametrize("name", sorted(ACCESS))
def test_url_answers_each_role_as_its_rule_says(name, world, role_clients):
    rule = ACCESS[name]
    url = reverse(name, kwargs={**world[rule["kwargs"]], **rule.get("extra", {})})
    answers = {role: role_clients[role].get(url).status_code for role in ROLES}
    assert answers == {role: rule[role] for role in ROLES}


def test_django_admin_is_for_staff_only(role_clients):
    answers = {role: role_clients[role].get("/quan-tri/").status_code for role in ROLES}
    assert answers == {"staff": 200, "officer": 302, "other_officer": 302, "council": 302, "anonymous": 302}
