"""Two app servers and a job consumer share one database, Redis and object store: a person may
reach either server on each request (a load balancer), and nothing they do is lost, duplicated
or shown stale."""

import io
import os
import re
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator

import pytest
import redis
import requests
import sqlalchemy as sa

from convention import storage
from convention.config import PROJECT_ROOT
from convention.extensions import db
from convention.models import BriefingFile, Vote
from convention.rules.phases import Phase
from convention.rules.policy import Role
from tests.factories import (
    PASSWORD,
    make_ballot,
    make_comment,
    make_convention,
    make_member,
    make_topic,
)
from tests.selection.test_views import POOL, QUOTAS
from tests.topics.files import PDF
from tests.voting.conftest import code

# The per-account limit, low so that four failures spread over both servers reach it.
LOGIN_LIMIT = 3


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="session")
def redis_url() -> Iterator[str]:
    """TEST_REDIS_URL (Redis database 5 by default), or a Redis server of our own for the run."""
    url = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/5")
    try:
        redis.Redis.from_url(url).ping()
    except redis.ConnectionError:
        port = free_port()
        server = subprocess.Popen(
            ["redis-server", "--port", str(port), "--save", "", "--appendonly", "no"],
            stdout=subprocess.DEVNULL,
        )
        url = f"redis://127.0.0.1:{port}/0"
        wait(lambda: redis.Redis.from_url(url).ping(), "our Redis server")
        yield url
        server.terminate()
        server.wait(timeout=10)
        return
    yield url


def wait(ready, what: str, timeout: float = 60):
    """Call `ready` until it answers truly without raising, or fail naming `what`."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if ready():
                return
        except (OSError, redis.ConnectionError, requests.ConnectionError):
            pass
        time.sleep(0.2)
    raise AssertionError(f"{what} did not come up in {timeout} s")


@pytest.fixture
def cluster(app, database_url, redis_url, s3_endpoint) -> Iterator[list[str]]:
    """Start two gunicorn app servers and a job consumer with the same settings; yield the URLs."""
    redis.Redis.from_url(redis_url).flushdb()
    bucket = f"test-{uuid.uuid4().hex}"
    settings = {
        "STORAGE": "s3",
        "S3_BUCKET": bucket,
        "S3_ENDPOINT_URL": s3_endpoint,
        "S3_REGION": "us-east-1",
    }
    storage.from_config(settings).client.create_bucket(Bucket=bucket)
    env = os.environ | settings
    env |= {
        "DATABASE_URL": database_url,
        "SECRET_KEY": "one-secret-for-every-server",
        "REDIS_URL": redis_url,
        "HUEY_URL": redis_url,
        "LOGIN_LIMIT_PER_ACCOUNT": f"{LOGIN_LIMIT} per 15 minutes",
        "LOGIN_LIMIT_PER_ACCOUNT_ADDRESS": f"{LOGIN_LIMIT} per 15 minutes",
        "MAIL_PRINT": "0",
    }
    ports = [free_port(), free_port()]
    commands = [
        [sys.executable, "-m", "gunicorn", "--workers", "1", "--bind", f"127.0.0.1:{port}"]
        + ["wsgi:app"]
        for port in ports
    ]
    commands.append([sys.executable, "-m", "flask", "--app", "wsgi", "convention", "worker"])
    processes = [
        subprocess.Popen(command, cwd=PROJECT_ROOT, env=env, stderr=subprocess.DEVNULL)
        for command in commands
    ]
    urls = [f"http://127.0.0.1:{port}" for port in ports]
    try:
        for url in urls:
            wait(lambda url=url: requests.get(f"{url}/health", timeout=5).ok, url)
        yield urls
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            process.wait(timeout=30)


def csrf(page: requests.Response) -> str:
    return re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page.text).group(1)


def sign_in(browser: requests.Session, server: str, email: str, password: str = PASSWORD):
    token = csrf(browser.get(f"{server}/login"))
    form = {"login": email, "password": password, "csrf_token": token}
    return browser.post(f"{server}/login", data=form, allow_redirects=False)


def confirmation(page: requests.Response, url: str) -> dict:
    """The fields the review page's confirm button sends."""
    form = page.text.split(f'action="{url}"', 1)[1].split("</form>")[0]
    fields = [tag for tag in re.findall(r"<input[^>]*>", form) if 'type="submit"' not in tag]
    return dict(re.findall(r'name="([^"]+)"[^>]*value="([^"]*)"', "".join(fields)))


def test_two_servers_share_sign_in_votes_files_jobs_and_login_limits(cluster):
    first, second = cluster
    convention = make_convention(slug="ai", phase=Phase.VOTING)
    facilitator = make_member(convention, role=Role.FACILITATOR)
    citizen = make_member(convention, role=Role.CITIZEN)
    guarded = make_member(convention, role=Role.CITIZEN)
    ballot = make_ballot(convention, facilitator, opened=True)
    topic = make_topic(convention)
    db.session.commit()

    # Signed in on the first server, the citizen votes on the second.
    voter = requests.Session()
    assert sign_in(voter, first, citizen.user.email).status_code == 302
    path = f"/c/ai/ballots/{ballot.id}/votes"
    answers = {f"item_{ballot.items[0].id}": code("for")}
    token = csrf(voter.get(f"{second}/c/ai/ballots/{ballot.id}"))
    review = voter.post(f"{second}{path}", data=answers | {"csrf_token": token})
    receipt = voter.post(f"{first}{path}", data=confirmation(review, path))
    assert receipt.status_code == 200 and "receipt-code" in receipt.text
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Vote)) == 1

    # A document uploaded on the first server is downloaded from the second.
    staff = requests.Session()
    assert sign_in(staff, first, facilitator.user.email).status_code == 302
    new = f"/c/ai/topics/{topic.id}/briefings/new"
    form = {"title": "Costs", "body": "", "sources": "", "link_url": ""}
    form["csrf_token"] = csrf(staff.get(f"{first}{new}"))
    files = {"file": ("study.pdf", io.BytesIO(PDF), "application/pdf")}
    assert staff.post(f"{first}{new}", data=form, files=files).ok
    db.session.expire_all()
    document = db.session.scalar(sa.select(BriefingFile))
    assert voter.get(f"{second}/c/ai/files/{document.id}").content == PDF

    # A contribution hidden on the second server is gone from the page the first server kept.
    comment = make_comment(topic, citizen, body="A personal attack")
    page = f"{first}/c/ai/topics/{topic.id}"
    assert "A personal attack" in voter.get(page).text
    hide = f"{second}/c/ai/comments/{comment.id}/hide"
    form = {"reason": "Rule 1.", "csrf_token": csrf(staff.get(hide))}
    assert staff.post(hide, data=form).ok
    assert "A personal attack" not in voter.get(page).text

    # A selection started on the first server runs on the consumer; the second shows its progress.
    runs = "/c/ai/selection/runs"
    form = {"size": "4", "method": "leximin", "household": ""}
    form["csrf_token"] = csrf(staff.get(f"{first}{runs}"))
    files = {"pool": ("pool.csv", POOL.encode()), "quotas": ("quotas.csv", QUOTAS.encode())}
    started = staff.post(f"{first}{runs}", data=form, files=files, allow_redirects=False)
    assert started.status_code == 302
    progress = started.headers["Location"].split("/c/ai", 1)[-1] + "/progress.json"
    wait(
        lambda: staff.get(f"{second}/c/ai{progress}").json()["status"] == "done",
        "the selection on the consumer",
    )
    page = staff.get(f"{second}{started.headers['Location']}").text
    assert "Quality of the selection" in page

    # Failed sign-ins count on both servers together: the next attempt is refused on either.
    guesser = requests.Session()
    for attempt in range(LOGIN_LIMIT):
        server = (first, second)[attempt % 2]
        assert sign_in(guesser, server, guarded.user.email, "wrong").status_code != 302
    blocked = sign_in(guesser, second, guarded.user.email)
    assert blocked.status_code == 429 and "Too many attempts" in blocked.text
    assert sign_in(requests.Session(), first, guarded.user.email).status_code == 429
