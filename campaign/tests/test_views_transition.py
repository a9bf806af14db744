import pytest
from django.core import mail
from django.urls import reverse

from campaign.models import CampaignStatus

from .conftest import statuses


def url(campaign, action):
    return reverse("campaign:transition", kwargs={"pk": campaign.pk, "action": action})


@pytest.mark.parametrize("action", ["launch", "evaluate", "close"])
def test_transition_is_post_only_for_staff(role_clients, launched, action):
    assert statuses(role_clients, "get", url(launched, action)) == {
        "staff": 405, "officer": 403, "other_officer": 403, "council": 403, "anonymous": 302,
    }


def test_transition_refused_to_others(role_clients, launched):
    assert statuses(role_clients, "post", url(launched, "evaluate")) == {
        "staff": 302, "officer": 403, "other_officer": 403, "council": 403, "anonymous": 302,
    }
    launched.refresh_from_db()
    assert launched.status == CampaignStatus.EVALUATING  # by the staff member only


def test_unknown_action_is_404(role_clients, launched):
    assert role_clients["staff"].post(url(launched, "reopen")).status_code == 404


def test_launch_through_the_page(role_clients, draft, cluster_a, bob, alice, django_capture_on_commit_callbacks):
    draft.clusters.add(cluster_a)
    with django_capture_on_commit_callbacks(execute=True):
        response = role_clients["staff"].post(url(draft, "launch"), {"reason": "Theo Văn bản số 12"}, follow=True)
    assert "Đã phát động phong trào." in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == CampaignStatus.LAUNCHED
    assert draft.history.latest().history_change_reason == "Theo Văn bản số 12"
    assert [message.to for message in mail.outbox] == [[bob.email]]


def test_launch_guard_message_is_shown(role_clients, draft):
    response = role_clients["staff"].post(url(draft, "launch"), follow=True)
    assert "Chưa chọn cụm, khối tham gia: chưa phát động được." in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == CampaignStatus.DRAFT


def test_transition_reason_too_long_is_refused(role_clients, launched):
    response = role_clients["staff"].post(url(launched, "evaluate"), {"reason": "x" * 501}, follow=True)
    assert "Giá trị này chỉ có tối đa 500 kí tự (hiện có 501)" in response.content.decode()
    launched.refresh_from_db()
    assert launched.status == CampaignStatus.LAUNCHED


def test_transition_from_the_wrong_status_is_explained(role_clients, launched):
    response = role_clients["staff"].post(url(launched, "close"), follow=True)
    assert "Phong trào đang ở trạng thái “Đã phát động”, không chuyển được sang “Đã kết thúc”." in (
        response.content.decode()
    )
