"""Small helpers shared by the view tests."""

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext


def signed_in(user):
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client


def answers(role_clients, url, method="get", data=None, roles=None):
    """The status each role's client gets for ``url``."""
    roles = roles or role_clients
    return {role: getattr(role_clients[role], method)(url, data or {}).status_code for role in roles}


def query_count(client, url):
    """Queries of a GET of ``url`` once the session and permission caches are warm."""
    client.get(url)
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context)
