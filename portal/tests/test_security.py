import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import reverse

BASE_DIR = Path(__file__).resolve().parents[2]


def run_manage(*args, env):
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=BASE_DIR, env=env, capture_output=True, text=True, timeout=120
    )


def test_check_deploy_is_silent_with_production_values(tmp_path):
    env = {
        key: value for key, value in os.environ.items() if key not in {"DJANGO_SETTINGS_MODULE", "DEBUG", "HTTPS", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    env.update(
        DJANGO_SETTINGS_MODULE="portal.settings",
        SECRET_KEY="a-real-production-secret-" + "k3y5!" * 10,
        DEBUG="0",
        HTTPS="1",
        ALLOWED_HOSTS="thidua.langson.gov.vn",
        PORTAL_VAR_DIR=str(tmp_path),
    )
    result = run_manage("check", "--deploy", "--fail-level", "DEBUG", env=env)
    assert (result.returncode, result.stderr) == (0, ""), result.stderr
    assert result.stdout.strip() == "System check identified no issues (0 silenced)."


@pytest.mark.django_db
def test_pages_send_a_content_security_policy(client):
    response = client.get(reverse("login"))
    policy = response.headers["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "script-src 'self'" in policy
    assert "'unsafe-inline'" not in policy


@pytest.mark.django_db
def test_sign_in_locks_out_after_repeated_failures(client, alice, settings):
    url = reverse("login")
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        response = client.post(url, {"username": "alice", "password": "sai-mat-khau"})
        assert response.status_code == 200
    response = client.post(url, {"username": "alice", "password": "sai-mat-khau"})
    assert response.status_code == 429
    assert "Tạm khóa đăng nhập" in response.content.decode()
    # Even the right password is refused during the cool-off.
    response = client.post(url, {"username": "alice", "password": "Mat-khau-thu-nghiem-2019"})
    assert response.status_code == 429


@pytest.mark.django_db
def test_sign_in_with_right_password_lands_on_role_home(client, alice, bob, dora):
    homes = {}
    for user in (alice, bob, dora):
        client.post(reverse("login"), {"username": user.username, "password": "Mat-khau-thu-nghiem-2019"})
        homes[user.username] = client.get(reverse("home")).url
        client.post(reverse("logout"))
    assert homes == {"alice": "/can-bo/", "bob": "/don-vi-cua-toi/", "dora": "/hoi-dong/"}


@pytest.mark.django_db
def test_wrong_password_gets_a_vietnamese_message(client, alice):
    response = client.post(reverse("login"), {"username": "alice", "password": "sai"})
    assert "Vui lòng điền vào Tên đăng nhập và mật khẩu chính xác." in response.content.decode()


@pytest.mark.django_db
def test_officer_changes_own_password_and_signs_in_with_it(client, bob):
    client.force_login(bob, backend="django.contrib.auth.backends.ModelBackend")
    response = client.post(reverse("password_change"), {
        "old_password": "Mat-khau-thu-nghiem-2019", "new_password1": "Lang-Son-1831-moi", "new_password2": "Lang-Son-1831-moi",
    })
    assert response.url == reverse("password_change_done")
    client.post(reverse("logout"))
    client.post(reverse("login"), {"username": "bob", "password": "Lang-Son-1831-moi"})
    assert client.get(reverse("home")).url == reverse("officer_home")


@pytest.mark.django_db
def test_short_new_password_is_refused_in_vietnamese(client, bob):
    client.force_login(bob, backend="django.contrib.auth.backends.ModelBackend")
    response = client.post(reverse("password_change"), {
        "old_password": "Mat-khau-thu-nghiem-2019", "new_password1": "Lx9#", "new_password2": "Lx9#",
    })
    assert response.status_code == 200
    assert "Mật khẩu quá ngắn: cần ít nhất 8 ký tự." in response.content.decode()


@pytest.mark.django_db
def test_sign_out_needs_a_post(client, bob):
    client.force_login(bob, backend="django.contrib.auth.backends.ModelBackend")
    assert client.get(reverse("logout")).status_code == 405
    client.post(reverse("logout"))
    assert client.get(reverse("officer_home")).status_code == 302
