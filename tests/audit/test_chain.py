"""The audit log is a hash chain: verify-audit finds any rewrite, erasure keeps it valid."""

import threading

import sqlalchemy as sa

from convention import audit
from convention.extensions import db
from convention.models import AuditEvent, AuditHead
from convention.rules.audit_chain import chain_name, genesis
from tests.factories import make_convention, make_member, make_user

WRITERS = 8


def _log(convention, actor, count=4):
    events = [
        audit.record(actor, "topic.created", f"topics:{n}", convention=convention, title=f"T{n}")
        for n in range(count)
    ]
    db.session.commit()
    return [Seen(e.id, e.hash) for e in events]


class Seen:
    """An event's id and hash, read before the session goes."""

    def __init__(self, id: int, hash: str) -> None:
        self.id, self.hash = id, hash


def _verify(app):
    db.session.remove()
    return app.test_cli_runner().invoke(args=["convention", "verify-audit"])


def test_verify_audit_passes_on_an_intact_log_and_prints_the_heads(app):
    convention = make_convention()
    facilitator = make_member(convention, role="facilitator")
    events = _log(convention, facilitator.user)
    audit.record(make_user(admin=True), "account.password_reset", "users:1")
    db.session.commit()
    chain = chain_name(convention.id)
    result = _verify(app)
    assert result.exit_code == 0, result.output
    assert f"ok {chain}: 4 events, head {events[-1].hash}" in result.output
    assert "ok instance: 1 events" in result.output


def test_each_event_links_to_the_previous_one_from_the_chains_genesis(app):
    convention = make_convention()
    actor = make_member(convention).user
    events = [
        audit.record(actor, "topic.created", f"topics:{n}", convention=convention) for n in range(3)
    ]
    db.session.commit()
    assert events[0].prev_hash == genesis(chain_name(convention.id))
    assert [e.prev_hash for e in events[1:]] == [e.hash for e in events[:-1]]
    assert [e.seq for e in events] == [1, 2, 3]
    assert events[0].actor_role == "citizen"


def test_verify_audit_names_the_event_whose_row_was_altered(app):
    convention = make_convention()
    events = _log(convention, make_member(convention).user)
    with db.engine.begin() as conn:  # as someone with database access would, past the ORM
        conn.execute(
            sa.update(AuditEvent.__table__)
            .where(AuditEvent.id == events[1].id)
            .values(details={"title": "Rewritten"})
        )
    result = _verify(app)
    assert result.exit_code == 1
    assert f"event {events[1].id} (position 2): its content was changed" in result.output


def test_verify_audit_names_the_event_after_a_deleted_row(app):
    convention = make_convention()
    events = _log(convention, make_member(convention).user)
    with db.engine.begin() as conn:
        conn.execute(sa.delete(AuditEvent.__table__).where(AuditEvent.id == events[1].id))
    result = _verify(app)
    assert result.exit_code == 1
    assert f"event {events[2].id} (position 3): an event before it is missing" in result.output


def test_verify_audit_notices_the_last_events_deleted(app):
    convention = make_convention()
    events = _log(convention, make_member(convention).user)
    with db.engine.begin() as conn:
        conn.execute(sa.delete(AuditEvent.__table__).where(AuditEvent.id == events[-1].id))
    result = _verify(app)
    assert result.exit_code == 1
    assert f"event {events[-2].id} (position 3): events after it are missing" in result.output


def test_erasing_who_acted_keeps_the_chain_valid(app):
    convention = make_convention()
    member = make_member(convention)
    events = _log(convention, member.user)
    assert audit.erase_actor(member.user) == 4
    db.session.commit()
    db.session.expire_all()
    assert db.session.get(AuditEvent, events[0].id).actor_id is None
    assert _verify(app).exit_code == 0


def test_the_orm_refuses_to_change_the_hashed_fields_but_allows_erasure(app):
    import pytest

    from convention.models.audit import AuditIsAppendOnly

    convention = make_convention()
    event = db.session.get(AuditEvent, _log(convention, make_member(convention).user, 1)[0].id)
    event.actor_id = None
    db.session.commit()
    db.session.delete(event)
    with pytest.raises(AuditIsAppendOnly):
        db.session.commit()
    db.session.rollback()


def test_parallel_writers_do_not_fork_the_chain(app):
    convention = make_convention()
    actor = make_member(convention).user
    ids = (convention.id, actor.id)
    barrier = threading.Barrier(WRITERS)
    failures: list[BaseException] = []

    def write() -> None:
        with app.app_context():
            try:
                from convention.models import Convention, User

                barrier.wait()
                for n in range(3):
                    audit.record(
                        db.session.get(User, ids[1]),
                        "topic.updated",
                        f"topics:{n}",
                        convention=db.session.get(Convention, ids[0]),
                    )
                    db.session.commit()
            except BaseException as error:  # noqa: BLE001 - reported below
                failures.append(error)
            finally:
                db.session.remove()

    threads = [threading.Thread(target=write) for _ in range(WRITERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    seqs = db.session.scalars(
        sa.select(AuditEvent.seq).where(AuditEvent.convention_id == convention.id)
    ).all()
    assert sorted(seqs) == list(range(1, WRITERS * 3 + 1))
    assert db.session.get(AuditHead, chain_name(convention.id)).seq == WRITERS * 3
    assert _verify(app).exit_code == 0
