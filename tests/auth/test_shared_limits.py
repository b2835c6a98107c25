"""With REDIS_URL, every gunicorn worker counts the same failed sign-ins."""

import os

import pytest
import redis

from convention import create_app
from convention.extensions import db
from tests.factories import make_user

REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


@pytest.fixture
def shared_storage():
    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2).flushdb()
    except redis.ConnectionError:
        if os.environ.get("CI"):
            pytest.fail(f"Redis is not reachable at {REDIS_URL}")
        pytest.skip(f"Redis is not reachable at {REDIS_URL}")
    yield REDIS_URL
    redis.Redis.from_url(REDIS_URL).flushdb()


def failed_sign_in(worker):
    return worker.post("/login", data={"login": "ana@example.org", "password": "guess"})


@pytest.fixture
def start_worker(app, shared_storage):
    """Start apps as separate workers would; close their database connections afterwards."""
    config = dict(app.config) | {"RATELIMIT_STORAGE_URI": shared_storage}
    workers = []
    yield lambda: workers.append(create_app(config)) or workers[-1].test_client()
    for worker in workers:
        with worker.app_context():
            db.engine.dispose()


def test_a_new_worker_sees_the_failures_counted_by_another(app, start_worker):
    make_user(email="ana@example.org")
    first = start_worker()
    for _ in range(int(app.config["LOGIN_LIMIT_PER_ACCOUNT"].split()[0])):
        assert failed_sign_in(first).status_code == 401
    # A second app starts with its own limiter storage: only Redis carries the count over.
    second = start_worker()
    assert failed_sign_in(second).status_code == 429
