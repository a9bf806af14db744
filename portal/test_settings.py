"""Settings for the test suite: the real settings, with fast hashing and files kept in a temporary folder."""

import os
import tempfile

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

from .settings import *  # noqa: E402,F403
from .settings import CELERY_BROKER_URL, STATIC_ROOT, STORAGES  # noqa: E402

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MEDIA_ROOT = tempfile.mkdtemp(prefix="thidua-test-media-")
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Job tests start a real worker; everything else runs tasks in-process. Without Redis the worker uses the
# in-memory transport, so the job tests still run a real worker thread.
CELERY_TEST_BROKER_URL = CELERY_BROKER_URL or "memory://"
CELERY_TASK_ALWAYS_EAGER = True
AXES_ENABLED = True
LOGGING = {"version": 1, "disable_existing_loggers": False, "root": {"level": "CRITICAL"}}
# WhiteNoise serves from the finders in tests; the collected folder need only exist.
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
