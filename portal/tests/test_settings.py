import json
import os
import subprocess
import sys
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[2]
PROBE = (
    "import json, django; from django.conf import settings; django.setup(); "
    "from django.db import connection; connection.ensure_connection(); "
    "cursor = connection.cursor(); cursor.execute('PRAGMA journal_mode'); "
    "print(json.dumps({'engine': settings.DATABASES['default']['ENGINE'], "
    "'name': str(settings.DATABASES['default']['NAME']), 'journal': cursor.fetchone()[0], "
    "'transaction_mode': settings.DATABASES['default']['OPTIONS']['transaction_mode'], "
    "'eager': settings.CELERY_TASK_ALWAYS_EAGER, 'email': settings.EMAIL_BACKEND, "
    "'language': settings.LANGUAGE_CODE, 'tz': settings.TIME_ZONE}))"
)


def test_embedded_default_without_environment(tmp_path):
    env = {"PATH": os.environ["PATH"], "PORTAL_VAR_DIR": str(tmp_path), "DJANGO_SETTINGS_MODULE": "portal.settings"}
    result = subprocess.run(
        [sys.executable, "-c", PROBE], cwd=BASE_DIR, env=env, capture_output=True, text=True, timeout=60, check=True
    )
    assert json.loads(result.stdout) == {
        "engine": "django.db.backends.sqlite3",
        "name": str(tmp_path / "portal.sqlite3"),
        "journal": "wal",
        "transaction_mode": "IMMEDIATE",
        "eager": True,
        "email": "django.core.mail.backends.console.EmailBackend",
        "language": "vi",
        "tz": "Asia/Ho_Chi_Minh",
    }
    # The embedded default made a secret key of its own, readable only by its owner.
    assert oct((tmp_path / "secret_key").stat().st_mode & 0o777) == "0o600"
