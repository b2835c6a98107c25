"""The job queue: jobs leave only with the work that asked for them, on the storage configured."""

import pytest
from huey.storage import MemoryStorage, PostgresStorage, RedisStorage, SqliteStorage

from convention import jobs
from convention.config import PROJECT_ROOT
from convention.extensions import db
from convention.jobs import tasks
from convention.reports import services as report_services
from tests.reports.test_reports import convention  # noqa: F401 (a convention with a report)


def test_a_job_is_sent_only_when_the_work_that_asked_for_it_commits(app, held_jobs):
    jobs.enqueue(tasks.send_mail)
    assert held_jobs.pending() == []
    db.session.commit()
    assert [job.name for job in held_jobs.pending()] == ["send_mail"]


def test_a_job_asked_for_by_work_rolled_back_is_never_sent(app, held_jobs):
    jobs.enqueue(tasks.send_mail)
    db.session.rollback()
    db.session.commit()
    assert held_jobs.pending() == []


def test_a_savepoint_released_does_not_send_the_job_before_the_transaction_commits(app, held_jobs):
    with db.session.begin_nested():
        jobs.enqueue(tasks.send_mail)
    assert held_jobs.pending() == []
    db.session.commit()
    assert len(held_jobs.pending()) == 1


@pytest.mark.pure
@pytest.mark.parametrize(
    ("url", "storage", "options"),
    [
        (None, SqliteStorage, {"filename": str(PROJECT_ROOT / "instance" / "huey.db")}),
        ("redis://cache:6379/2", RedisStorage, {"url": "redis://cache:6379/2"}),
        ("postgresql://db/jobs", PostgresStorage, {"dsn": "postgresql://db/jobs"}),
        (
            "sqlite:////var/lib/convention/huey.db",
            SqliteStorage,
            {"filename": "/var/lib/convention/huey.db"},
        ),
        ("memory://", MemoryStorage, {}),
    ],
)
def test_the_queue_url_chooses_the_storage(url, storage, options):
    assert jobs.storage_for(url) == (storage, options)


@pytest.mark.pure
def test_an_unknown_queue_url_stops_the_app_at_start():
    with pytest.raises(ValueError, match="HUEY_URL"):
        jobs.storage_for("amqp://rabbit/")


def test_a_consumer_refuses_to_start_where_jobs_run_at_once(app):
    result = app.test_cli_runner().invoke(args=["convention", "worker"])
    assert result.exit_code != 0 and "HUEY_IMMEDIATE" in result.output


def test_work_saved_while_the_queue_was_down_gets_its_job_from_tick(
    app,
    convention,  # noqa: F811
    clock,
    monkeypatch,
):
    conv, facilitator, _ = convention

    def down(task):
        raise ConnectionError("the queue is down")

    monkeypatch.setattr(jobs.huey, "enqueue", down)
    version = report_services.publish(conv, facilitator)
    db.session.commit()  # the publication is saved all the same
    monkeypatch.undo()
    assert version.pdfs_ready_at is None
    tick = ["convention", "tick"]
    assert "jobs sent again: 0" in app.test_cli_runner().invoke(args=tick).output
    clock.move(minutes=11)
    assert "jobs sent again: 1" in app.test_cli_runner().invoke(args=tick).output
    db.session.expire_all()
    assert version.pdfs_ready_at is not None
    assert "jobs sent again: 0" in app.test_cli_runner().invoke(args=tick).output


def test_a_queue_file_in_a_missing_folder_is_made_as_on_a_fresh_clone(app, tmp_path):
    queue = tmp_path / "instance" / "huey.db"
    app.config.update(HUEY_URL=f"sqlite:///{queue}", HUEY_IMMEDIATE=False)
    jobs.init_app(app)
    jobs.enqueue(tasks.send_mail)
    db.session.commit()
    assert queue.exists() and len(jobs.huey.pending()) == 1
