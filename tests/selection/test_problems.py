"""Why a selection can't go ahead, said in the reader's language: uploads, failed runs, command."""

import io

import pytest

from convention.extensions import db
from convention.models import RunStatus, SelectionRun
from convention.selection import runner
from tests.selection.test_views import POOL, QUOTAS

FR = {"Accept-Language": "fr"}
# Six seats of minimums for a panel of four: the files read well, the computation fails.
TOO_MANY = "feature,value,min,max\ngender,f,3,3\ngender,m,3,3\nage,young,0,4\nage,old,0,4\n"


@pytest.fixture(autouse=True)
def no_process(held_jobs):
    """Queue runs without running them: the tests compute them here."""


def upload(client, pool=POOL, quotas=QUOTAS, headers=None):
    data = {
        "pool": (io.BytesIO(pool.encode()), "pool.csv"),
        "quotas": (io.BytesIO(quotas.encode()), "quotas.csv"),
        "size": "4",
        "method": "leximin",
        "household": "",
    }
    return client.post("/c/ai/selection/runs", data=data, headers=headers or {})


def test_a_refused_pool_is_explained_in_the_readers_language(client, facilitator):
    pool = POOL + "v01,Again,f,young\n"
    english = upload(client, pool=pool)
    assert english.status_code == 422
    assert "pool.csv: line 14: The id “v01” is already used by another person." in english.text
    french = upload(client, pool=pool, headers=FR)
    assert french.status_code == 422
    assert "pool.csv : ligne 14 : L’identifiant « v01 » est déjà celui" in french.text
    assert "already used" not in french.text


def test_a_failed_runs_problems_are_stored_as_codes_and_said_in_each_language(client, facilitator):
    response = upload(client, quotas=TOO_MANY)
    run_id = int(response.location.rstrip("/").split("/")[-1])
    assert runner.execute(run_id) is RunStatus.FAILED
    run = db.session.get(SelectionRun, run_id)
    assert run.summary["problems"] == [
        {
            "code": "quota_sum",
            "params": {"feature": "gender", "low": 6, "high": 6, "k": 4},
            "source": "quotas",
            "line": None,
        }
    ]
    assert run.error.startswith("Feature “gender”: the minimums add up to 6")
    english = client.get(f"/c/ai/selection/runs/{run_id}").text
    assert (
        "Feature “gender”: the minimums add up to 6 and the maximums to 6; "
        "the panel size 4 must lie between them." in english
    )
    french = client.get(f"/c/ai/selection/runs/{run_id}", headers=FR).text
    assert (
        "Caractéristique « gender » : les minimums totalisent 6 et les maximums 6 ; "
        "la taille du panel, 4, doit être comprise entre les deux." in french
    )


def test_a_run_failed_before_problems_had_codes_shows_its_text(client, facilitator):
    run_id = int(upload(client).location.rstrip("/").split("/")[-1])
    run = db.session.get(SelectionRun, run_id)
    run.status, run.error, run.summary = RunStatus.FAILED, "An old reason.", {}
    db.session.commit()
    assert "<li>An old reason.</li>" in client.get(f"/c/ai/selection/runs/{run_id}").text
