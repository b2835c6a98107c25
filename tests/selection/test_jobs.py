"""Selections run as jobs: in a real consumer process, cancelled before they start, or crashing."""

import sqlalchemy as sa

from convention.extensions import db
from convention.models import RunStatus, SelectionRun
from convention.selection import runner
from tests.selection.test_views import computed, upload, wait_for


def run_id_of(response) -> int:
    return int(response.location.rstrip("/").split("/")[-1])


def test_a_consumer_process_computes_the_run_and_its_page_shows_the_progress(
    client, facilitator, consumer
):
    response = upload(client)
    run_id = run_id_of(response)
    progress = client.get(f"/c/ai/selection/runs/{run_id}/progress.json").get_json()
    assert progress["status"] in ("queued", "running", "done")
    run = wait_for(run_id)
    assert run.status is RunStatus.DONE and run.list_hash
    assert run.progress["stage"] == "done"
    page = client.get(f"/c/ai/selection/runs/{run_id}").text
    assert "Quality of the selection" in page


def test_a_run_cancelled_before_a_worker_takes_it_is_not_computed(client, facilitator, held_jobs):
    run_id = run_id_of(upload(client))
    assert client.post(f"/c/ai/selection/runs/{run_id}/cancel").status_code == 303
    [job] = held_jobs.pending()
    held_jobs.execute(job)
    db.session.expire_all()
    run = db.session.get(SelectionRun, run_id)
    assert run.status is RunStatus.CANCELLED and run.probabilities == [] and not run.lottery_csv
    # The slot is free again: a new computation starts.
    assert upload(client).status_code == 302


def test_a_computation_that_crashes_fails_and_frees_its_slot(client, facilitator, monkeypatch):
    def crash(*args, **kwargs):
        raise RuntimeError("the solver broke")

    monkeypatch.setattr(runner, "run_selection", crash)
    run = wait_for(run_id_of(upload(client)))
    assert run.status is RunStatus.FAILED
    assert [problem["code"] for problem in run.summary["problems"]] == ["stopped_responding"]
    assert "stopped" in client.get(f"/c/ai/selection/runs/{run.id}").text
    monkeypatch.undo()
    assert computed(client).status is RunStatus.DONE
    assert db.session.scalar(sa.select(sa.func.count()).select_from(SelectionRun)) == 2
