"""With REDIS_URL, every gunicorn worker counts the same failed sign-ins."""

import os

import pytest
import redis

from convention import create_app
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


def test_a_new_worker_sees_the_failures_counted_by_another(app, shared_storage):
    make_user(email="ana@example.org")
    config = dict(app.config) | {"RATELIMIT_STORAGE_URI": shared_storage}
    first = create_app(config).test_client()
    for _ in range(int(config["LOGIN_LIMIT_PER_ACCOUNT"].split()[0])):
        assert failed_sign_in(first).status_code == 401
    # A second app starts with its own limiter storage: only Redis carries the count over.
    second = create_app(config).test_client()
    assert failed_sign_in(second).status_code == 429
