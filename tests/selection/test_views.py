"""Panel selection on the web: upload, compute as a job, publish, seed, draw, invite."""

import hashlib
import io
import time

import sqlalchemy as sa

from convention.extensions import db
from convention.models import AuditEvent, Invitation, RunStatus, SelectionRun
from convention.rules.policy import Role
from tests.factories import make_convention, make_member, make_user

# 12 volunteers, panel of 4: two of each gender, at least one of each age band.
POOL = "id,first_name,gender,age\n" + "".join(
    f"v{n:02d},Name{n},{'f' if n % 2 else 'm'},{'young' if n < 6 else 'old'}\n" for n in range(12)
)
QUOTAS = "feature,value,min,max\ngender,f,2,2\ngender,m,2,2\nage,young,1,3\nage,old,1,3\n"


def upload(client, pool=POOL, quotas=QUOTAS, size="4", method="leximin"):
    data = {
        "pool": (io.BytesIO(pool.encode()), "pool.csv"),
        "quotas": (io.BytesIO(quotas.encode()), "quotas.csv"),
        "size": size,
        "method": method,
        "household": "",
    }
    return client.post("/c/ai/selection/runs", data=data, content_type="multipart/form-data")


def wait_for(run_id: int, timeout: float = 60) -> SelectionRun:
    """Wait for the job to finish the run."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        db.session.expire_all()
        run = db.session.get(SelectionRun, run_id)
        if run.status not in (RunStatus.QUEUED, RunStatus.RUNNING):
            return run
        time.sleep(0.3)
    raise AssertionError("the selection job did not finish")


def computed(client) -> SelectionRun:
    response = upload(client)
    assert response.status_code == 302
    return wait_for(int(response.location.rstrip("/").split("/")[-1]))


def test_a_run_computes_as_a_job_and_keeps_no_names(client, facilitator):
    run = computed(client)
    assert run.status is RunStatus.DONE
    assert "Name1" not in run.pool_csv and "first_name" not in run.pool_csv
    chances = dict(run.probabilities)
    assert len(chances) == 12 and abs(sum(chances.values()) - 4) < 1e-6
    assert run.summary["min"] > 0
    assert hashlib.sha256(run.lottery_csv.encode()).hexdigest() == run.list_hash
    page = client.get(f"/c/ai/selection/runs/{run.id}").text
    assert "<svg" in page and "Quality of the selection" in page and "Publish the list" in page
    progress = client.get(f"/c/ai/selection/runs/{run.id}/progress.json").get_json()
    assert progress["status"] == "done"


def test_malformed_files_are_refused_line_by_line(client, facilitator):
    response = upload(client, pool=POOL + "v98,Short\n")
    assert response.status_code == 422 and "line 14: Expected 4 fields, found 2" in response.text
    response = upload(client, pool=POOL + "v99,Late,x,young\n")
    assert (
        response.status_code == 422
        and "line 14" in response.text
        and "the value “x” for the feature “gender”" in response.text
    )
    bad_quotas = "feature,value,min,max\ngender,f,two,2\n"
    response = upload(client, quotas=bad_quotas)
    assert response.status_code == 422 and "line 2" in response.text
    assert db.session.scalar(sa.select(sa.func.count()).select_from(SelectionRun)) == 0


def test_infeasible_quotas_show_the_smallest_relaxation(client, facilitator):
    quotas = "feature,value,min,max\ngender,f,3,3\ngender,m,1,1\nage,young,0,0\nage,old,4,4\n"
    pool = "id,gender,age\n" + "".join(
        f"p{n},{'f' if n < 3 else 'm'},{'young' if n < 3 else 'old'}\n" for n in range(8)
    )
    response = upload(client, pool=pool, quotas=quotas)
    run = wait_for(int(response.location.rstrip("/").split("/")[-1]))
    assert run.status is RunStatus.FAILED
    assert run.summary["relaxation"]
    assert "Smallest change to the quotas" in client.get(f"/c/ai/selection/runs/{run.id}").text


def test_publish_seed_draw_in_order_each_audited_and_publicly_verifiable(client, facilitator):
    run = computed(client)
    base = f"/c/ai/selection/runs/{run.id}"
    client.post(f"{base}/draw")
    assert run.drawn_at is None  # no draw before the seed
    client.post(f"{base}/seed", data={"seed": "3 6 1"})
    assert run.seed is None  # no seed before the list is published
    client.post(f"{base}/publish")
    client.post(f"{base}/seed", data={"seed": "3 6 1 4 2 5"})
    client.post(f"{base}/draw")
    db.session.expire_all()
    run = db.session.get(SelectionRun, run.id)
    expected = (
        int(hashlib.sha256(b"3 6 1 4 2 5" + run.list_hash.encode("ascii")).hexdigest(), 16) % 1000
    )
    assert run.drawn_index == expected
    lottery = client.get("/c/ai/selection/lottery.csv").data
    assert hashlib.sha256(lottery).hexdigest() == run.list_hash
    row = lottery.decode().split("\n")[expected + 1]
    assert row.split(",")[1].split(" ") == run.panel_ids and len(run.panel_ids) == 4
    assert not set(run.reserve_ids) & set(run.panel_ids)
    actions = db.session.scalars(sa.select(AuditEvent.action)).all()
    assert {"selection.list_published", "selection.seed_entered", "selection.drawn"} <= set(actions)
    client.post("/logout")
    public = client.get("/c/ai/selection/").text
    assert run.list_hash in public and "3 6 1 4 2 5" in public and str(expected) in public
    assert "Name1" not in public


def test_only_one_list_is_published_per_convention(client, facilitator):
    first, second = computed(client), computed(client)
    client.post(f"/c/ai/selection/runs/{first.id}/publish")
    client.post(f"/c/ai/selection/runs/{second.id}/publish")
    db.session.expire_all()
    assert db.session.get(SelectionRun, second.id).published_at is None


def test_contacts_of_the_drawn_panel_become_invitations(client, facilitator):
    run = computed(client)
    base = f"/c/ai/selection/runs/{run.id}"
    for step in ("publish", "draw"):
        if step == "draw":
            client.post(f"{base}/seed", data={"seed": "42"})
        client.post(f"{base}/{step}")
    db.session.expire_all()
    run = db.session.get(SelectionRun, run.id)
    outsider = next(
        pid
        for pid in dict(run.probabilities)
        if pid not in run.panel_ids and pid not in run.reserve_ids[:0]
    )
    wrong = "id,name,email\n" + f"{outsider},Out Sider,out@example.org\n"
    response = client.post(
        f"{base}/contacts",
        data={"file": (io.BytesIO(wrong.encode()), "c.csv")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 422 and "Line 2" in response.text
    good = "id,name,email\n" + "".join(
        f"{pid},Person {pid},{pid}@example.org\n" for pid in run.panel_ids
    )
    response = client.post(
        f"{base}/contacts",
        data={"file": (io.BytesIO(good.encode()), "c.csv")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 200
    emails = set(db.session.scalars(sa.select(Invitation.email)).all())
    assert emails == {f"{pid}@example.org" for pid in run.panel_ids}
    assert all(pid + "@" not in run.pool_csv for pid in run.panel_ids)


def test_cancelling_stops_a_running_computation(client, facilitator, app):
    convention_id = facilitator.convention_id
    run = SelectionRun(
        convention_id=convention_id,
        method="leximin",
        panel_size=4,
        pool_csv=POOL,
        quotas_csv=QUOTAS,
        status=RunStatus.RUNNING,
    )
    db.session.add(run)
    db.session.commit()
    assert client.post(f"/c/ai/selection/runs/{run.id}/cancel").status_code == 303
    assert run.cancel_requested


def test_management_is_for_facilitators_and_the_record_is_public(client, login_as):
    convention = make_convention(slug="ai", public=True)
    login_as(make_member(convention, role=Role.CITIZEN).user)
    assert client.get("/c/ai/selection/runs").status_code == 403
    assert client.get("/c/ai/selection/").status_code == 200
    client.post("/logout")
    login_as(make_user())
    assert client.get("/c/ai/selection/").status_code == 200
