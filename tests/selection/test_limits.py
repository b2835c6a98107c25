"""Panel selections are bounded: one computation per convention, a few per instance, at once."""

import io
import threading
from datetime import timedelta

import pytest
import sqlalchemy as sa

from convention.clock import utcnow
from convention.extensions import db
from convention.models import RunStatus, SelectionRun
from convention.rules.policy import Role
from convention.selection import runner
from tests.conftest import put_session
from tests.factories import make_convention, make_member
from tests.selection.test_views import POOL, QUOTAS

PARALLEL = 5


@pytest.fixture(autouse=True)
def no_process(held_jobs):
    """Queue runs without running them: the runs stay queued, holding their slot."""


def form() -> dict:
    return {
        "pool": (io.BytesIO(POOL.encode()), "pool.csv"),
        "quotas": (io.BytesIO(QUOTAS.encode()), "quotas.csv"),
        "size": "4",
        "method": "leximin",
        "household": "",
    }


def start_in_parallel(app, starts: list[tuple[str, int]]) -> list[tuple[int, str]]:
    """Post one start per (slug, user id) at the same moment; return statuses and pages."""
    barrier = threading.Barrier(len(starts))
    answers: list[tuple[int, str]] = []

    def start(slug: str, client) -> None:
        with app.app_context():
            barrier.wait()
            response = client.post(
                f"/c/{slug}/selection/runs", data=form(), content_type="multipart/form-data"
            )
            answers.append((response.status_code, response.text))
            db.session.remove()

    signed_in = [(slug, put_session(app.test_client(), user)) for slug, user in starts]
    threads = [threading.Thread(target=start, args=pair) for pair in signed_in]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return answers


def active() -> list[SelectionRun]:
    db.session.expire_all()
    return db.session.scalars(
        sa.select(SelectionRun).where(
            SelectionRun.status.in_((RunStatus.QUEUED, RunStatus.RUNNING))
        )
    ).all()


def test_five_parallel_starts_in_five_conventions_run_at_most_the_cap(app):
    app.config["SELECTION_MAX_RUNNING"] = 2
    starts = []
    for n in range(PARALLEL):
        convention = make_convention(slug=f"c{n}")
        starts.append((f"c{n}", make_member(convention, role=Role.FACILITATOR).user))
    answers = start_in_parallel(app, starts)
    assert sorted(status for status, _ in answers) == [302, 302, 409, 409, 409]
    refused = [page for status, page in answers if status == 409]
    assert all("computing other selections" in page for page in refused)
    assert sorted(run.slot for run in active()) == [1, 2]


def test_five_parallel_starts_in_one_convention_run_one(app):
    app.config["SELECTION_MAX_RUNNING"] = 4
    convention = make_convention(slug="ai")
    users = [make_member(convention, role=Role.FACILITATOR).user for _ in range(PARALLEL)]
    answers = start_in_parallel(app, [("ai", user) for user in users])
    assert sorted(status for status, _ in answers) == [302, 409, 409, 409, 409]
    assert all("already running for this convention" in p for s, p in answers if s == 409)
    assert len(active()) == 1


def test_a_computation_that_stopped_reporting_frees_its_slot(app, client, login_as):
    app.config["SELECTION_MAX_RUNNING"] = 1
    convention = make_convention(slug="ai")
    login_as(make_member(convention, role=Role.FACILITATOR).user)
    data = form()
    assert client.post("/c/ai/selection/runs", data=data).status_code == 302
    assert client.post("/c/ai/selection/runs", data=form()).status_code == 409
    [run] = active()
    run.heartbeat_at = utcnow() - timedelta(seconds=runner.STALE_AFTER + 60)
    db.session.commit()
    assert client.post("/c/ai/selection/runs", data=form()).status_code == 302
    db.session.expire_all()
    assert db.session.get(SelectionRun, run.id).status is RunStatus.FAILED
    page = f"/c/ai/selection/runs/{run.id}"
    assert "<li>The computation stopped responding.</li>" in client.get(page).text
    french = client.get(page, headers={"Accept-Language": "fr"}).text
    assert "<li>Le calcul a cessé de répondre.</li>" in french
