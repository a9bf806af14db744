import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from campaign.models import ClusterPact
from campaign.selectors.registrations import pact_defaults, pact_for, pact_history_page
from campaign.services.registrations import save_pact
from portal.tests.factories import (
    PDF_BYTES,
    ClusterFactory,
    EvidenceFactory,
    MembershipFactory,
    PactFactory,
    UnitFactory,
    UserFactory,
)
from portal.tests.helpers import answers, signed_in

TEXT = "Các đơn vị trong cụm cam kết thi đua hoàn thành xuất sắc nhiệm vụ năm 2019."


@pytest.fixture
def deputy(cluster_a):
    unit = UnitFactory(code="D01", name="Huyện Bắc Sơn")
    MembershipFactory(cluster=cluster_a, unit=unit, role="deputy")
    return unit


@pytest.fixture
def member(cluster_a):
    unit = UnitFactory(code="C01", name="Huyện Chi Lăng")
    MembershipFactory(cluster=cluster_a, unit=unit)
    return unit


@pytest.fixture
def pact(launched, cluster_a, unit_a, deputy, member, alice):
    return save_pact(
        campaign=launched, cluster=cluster_a, text=TEXT, signed_on=datetime.date(2019, 3, 20), place="Văn Quan",
        leader=unit_a, deputy=deputy, signatories=[unit_a, deputy, member], by=alice,
    )


def pact_args(**changes):
    return {"text": TEXT, "signed_on": None, "place": "", "leader": None, "deputy": None, "signatories": [], **changes}


def url(name, campaign, cluster):
    return reverse(name, kwargs={"pk": campaign.pk, "cluster_pk": cluster.pk})


# --- Services ------------------------------------------------------------------------------------------------------


def test_save_pact_creates_it_with_its_signers(pact, unit_a, deputy, member, alice):
    assert (pact.leader, pact.deputy, pact.place, pact.created_by) == (unit_a, deputy, "Văn Quan", alice)
    assert list(pact.signatories.order_by("name_sort")) == [deputy, member, unit_a]
    rows = pact_history_page(pact, 1).object_list
    assert [(row.action, [tuple(change) for change in row.changes], row.history_change_reason) for row in rows] == [
        ("Sửa", [("Đơn vị ký giao ước", None, "thêm Huyện Bắc Sơn, Huyện Chi Lăng, Huyện Văn Quan")],
         "Lập giao ước thi đua"),
        ("Tạo mới", [], "Lập giao ước thi đua"),
    ]


def test_save_pact_updates_in_one_history_row(pact, launched, cluster_a, unit_a, deputy, member, bob):
    again = save_pact(campaign=launched, cluster=cluster_a, **pact_args(
        place="Chi Lăng", leader=unit_a, deputy=deputy, signatories=[unit_a, deputy],
        signed_on=datetime.date(2019, 3, 20),
    ), by=bob, reason="Huyện Chi Lăng ký sau")
    assert again.pk == pact.pk
    rows = pact_history_page(pact, 1).object_list
    assert len(rows) == 3
    latest = rows[0]
    assert ([tuple(change) for change in latest.changes], latest.history_user, latest.history_change_reason) == (
        [("Nơi ký", "Văn Quan", "Chi Lăng"), ("Đơn vị ký giao ước", None, "bỏ Huyện Chi Lăng")],
        bob, "Huyện Chi Lăng ký sau",
    )


def test_save_pact_without_change_writes_no_history(pact, launched, cluster_a, unit_a, deputy, member, alice):
    save_pact(campaign=launched, cluster=cluster_a, **pact_args(
        place="Văn Quan", leader=unit_a, deputy=deputy, signatories=[unit_a, deputy, member],
        signed_on=datetime.date(2019, 3, 20),
    ), by=alice)
    assert ClusterPact.history.filter(id=pact.pk).count() == 2


def test_save_pact_refused_for_a_cluster_outside_the_campaign(launched, alice):
    with pytest.raises(ValidationError) as error:
        save_pact(campaign=launched, cluster=ClusterFactory(), **pact_args(), by=alice)
    assert error.value.messages == ["Cụm, khối này không tham gia phong trào."]


def test_save_pact_refuses_outsiders_and_the_same_leader_and_deputy(launched, cluster_a, unit_a, unit_b, alice):
    with pytest.raises(ValidationError) as error:
        save_pact(campaign=launched, cluster=cluster_a, **pact_args(
            text=" ", leader=unit_b, deputy=unit_a, signatories=[unit_a, unit_b],
        ), by=alice)
    assert error.value.message_dict == {
        "text": ["Hãy ghi nội dung giao ước."],
        "leader": ["Đơn vị cụm (khối) trưởng phải là thành viên của cụm, khối."],
        "signatories": ["Không phải thành viên của cụm, khối: Huyện Bình Gia."],
    }
    with pytest.raises(ValidationError) as error:
        save_pact(campaign=launched, cluster=cluster_a, **pact_args(leader=unit_a, deputy=unit_a), by=alice)
    assert error.value.message_dict == {"deputy": ["Cụm (khối) trưởng và cụm (khối) phó phải là hai đơn vị khác nhau."]}
    assert ClusterPact.objects.count() == 0


def test_pact_for_and_defaults(launched, cluster_a, unit_a, deputy, member):
    assert pact_for(launched, cluster_a) is None
    assert pact_defaults(cluster_a) == {
        "leader": unit_a.pk, "deputy": deputy.pk, "signatories": [deputy.pk, member.pk, unit_a.pk],
    }


# --- Views ---------------------------------------------------------------------------------------------------------


def test_pact_pages_answer_each_role(role_clients, launched, cluster_a, pact):
    assert {name: answers(role_clients, url(f"campaign:{name}", launched, cluster_a))
            for name in ("pact_detail", "pact_edit", "pact_evidence")} == {
        "pact_detail": {"staff": 200, "officer": 200, "other_officer": 404, "council": 200, "anonymous": 302},
        "pact_edit": {"staff": 200, "officer": 200, "other_officer": 404, "council": 403, "anonymous": 302},
        "pact_evidence": {"staff": 200, "officer": 200, "other_officer": 404, "council": 403, "anonymous": 302},
    }


def test_pact_pages_of_a_cluster_outside_the_campaign_are_404(role_clients, launched):
    other = ClusterFactory()
    assert answers(role_clients, url("campaign:pact_detail", launched, other), roles=["staff", "council"]) == {
        "staff": 404, "council": 404,
    }


def test_pact_evidence_is_404_before_the_pact(role_clients, launched, cluster_a):
    assert answers(role_clients, url("campaign:pact_evidence", launched, cluster_a), roles=["staff", "officer"]) == {
        "staff": 404, "officer": 404,
    }


def test_pact_page_shows_an_empty_state_with_a_button_for_writers(role_clients, launched, cluster_a):
    edit = url("campaign:pact_edit", launched, cluster_a)
    pages = {role: role_clients[role].get(url("campaign:pact_detail", launched, cluster_a)).content.decode()
             for role in ("staff", "officer", "council")}
    assert {role: ("chưa có giao ước" in page, edit in page) for role, page in pages.items()} == {
        "staff": (True, True), "officer": (True, True), "council": (True, False),
    }


def test_member_officer_reads_but_does_not_write_the_pact(launched, cluster_a, member, pact):
    client = signed_in(UserFactory(units=[member]))
    detail = client.get(url("campaign:pact_detail", launched, cluster_a))
    assert (detail.status_code, detail.context["can_manage"]) == (200, False)
    assert client.get(url("campaign:pact_edit", launched, cluster_a)).status_code == 403


def test_pact_page_shows_the_pact_scan_and_history(role_clients, launched, cluster_a, pact):
    EvidenceFactory(pact=pact, original_name="giao-uoc-da-ky.pdf")
    response = role_clients["council"].get(url("campaign:pact_detail", launched, cluster_a))
    content = response.content.decode()
    for text in (TEXT, "20/03/2019", "Văn Quan", "Huyện Bắc Sơn", "Huyện Chi Lăng", "giao-uoc-da-ky.pdf"):
        assert text in content
    assert [row.subject for row in response.context["records"]] == [
        "Minh chứng: giao-uoc-da-ky.pdf", "Giao ước thi đua", "Giao ước thi đua",
    ]


def test_pact_form_proposes_the_clusters_roles_and_members(role_clients, launched, cluster_a, unit_a, deputy, member):
    form = role_clients["officer"].get(url("campaign:pact_edit", launched, cluster_a)).context["form"]
    assert form.initial == {
        "leader": unit_a.pk, "deputy": deputy.pk, "signatories": [deputy.pk, member.pk, unit_a.pk],
    }
    assert (form.fields["leader"].label, form.fields["deputy"].label) == ("Cụm trưởng", "Cụm phó")


def test_pact_form_creates_the_pact(role_clients, launched, cluster_a, unit_a, deputy, bob):
    data = {"text": TEXT, "signed_on": "20/03/2019", "place": "Văn Quan", "leader": unit_a.pk, "deputy": deputy.pk,
            "signatories": [unit_a.pk, deputy.pk], "reason": ""}
    response = role_clients["officer"].post(url("campaign:pact_edit", launched, cluster_a), data)
    pact = ClusterPact.objects.get()
    assert (response.status_code, response.url) == (302, pact.get_absolute_url())
    assert (pact.created_by, pact.signed_on, set(pact.signatories.all())) == (
        bob, datetime.date(2019, 3, 20), {unit_a, deputy},
    )


def test_pact_form_errors_beside_their_fields(role_clients, launched, cluster_a, unit_a, unit_b):
    data = {"text": "", "signed_on": "32/03/2019", "leader": unit_a.pk, "deputy": unit_a.pk,
            "signatories": [unit_b.pk]}
    response = role_clients["staff"].post(url("campaign:pact_edit", launched, cluster_a), data)
    assert response.context["form"].errors == {
        "text": ["Trường này là bắt buộc."],
        "signed_on": ["Nhập một ngày hợp lệ."],
        "deputy": ["Cụm (khối) trưởng và cụm (khối) phó phải là hai đơn vị khác nhau."],
        "signatories": [f"Đơn vị “{unit_b.pk}” không phải thành viên của cụm, khối."],
    }
    assert ClusterPact.objects.count() == 0


def test_pact_form_edits_the_existing_pact(role_clients, launched, cluster_a, pact, unit_a, deputy, member):
    form = role_clients["staff"].get(url("campaign:pact_edit", launched, cluster_a)).context["form"]
    assert form.initial["signatories"] == [deputy.pk, member.pk, unit_a.pk]
    data = {"text": "Nội dung mới", "signed_on": "20/03/2019", "place": "Văn Quan", "leader": unit_a.pk,
            "deputy": deputy.pk, "signatories": [unit_a.pk, deputy.pk, member.pk], "reason": "Sửa lỗi chính tả"}
    role_clients["staff"].post(url("campaign:pact_edit", launched, cluster_a), data)
    pact.refresh_from_db()
    assert pact.text == "Nội dung mới"
    assert pact.history.latest().history_change_reason == "Sửa lỗi chính tả"


def test_pact_evidence_upload(role_clients, launched, cluster_a, pact, bob):
    upload = SimpleUploadedFile("giao-uoc.pdf", PDF_BYTES, content_type="application/pdf")
    response = role_clients["officer"].post(url("campaign:pact_evidence", launched, cluster_a), {"files": [upload]})
    assert (response.status_code, response.url) == (302, pact.get_absolute_url())
    assert list(pact.evidence.values_list("original_name", "uploaded_by")) == [("giao-uoc.pdf", bob.pk)]


def test_nobody_writes_the_pact_once_the_campaign_closed(role_clients, launched, cluster_a, pact):
    # The service refuses too (a closed campaign is read only): the form is not even offered.
    launched.status = "closed"
    launched.save()
    assert answers(role_clients, url("campaign:pact_edit", launched, cluster_a), roles=["staff", "officer"]) == {
        "staff": 403, "officer": 403,
    }


def test_pact_factory_page_for_the_url_walk(role_clients, launched, cluster_a):
    PactFactory(campaign=launched, cluster=cluster_a)
    response = role_clients["officer"].get(url("campaign:pact_detail", launched, cluster_a))
    assert (response.status_code, response.context["can_manage"]) == (200, True)
