"""Large invitation files: 5,000 rows checked in the request and invited by a job, a few queries,
all or nothing, line errors, letters printed after."""

import io
import re

import pytest
import sqlalchemy as sa

from convention.extensions import db
from convention.members import imports
from convention.models import (
    AuditEvent,
    ImportStatus,
    Invitation,
    InvitationImport,
    OutboxMessage,
)
from convention.rules.policy import Role
from tests.factories import make_convention, make_member

ROWS = 5000


def count(model) -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(model))


def upload(client, data: bytes):
    files = {"file": (io.BytesIO(data), "people.csv")}
    return client.post("/c/ai/invitations/import", data=files, content_type="multipart/form-data")


def people(rows: int = ROWS) -> list[str]:
    return ["email,name,role", *(f"p{i}@example.org,Person {i},citizen" for i in range(rows))]


def test_five_thousand_invitations_are_created_with_a_bounded_number_of_queries(
    client, login_as, count_queries
):
    convention = make_convention(slug="ai")
    login_as(make_member(convention, role=Role.FACILITATOR).user)
    with count_queries() as statements:
        response = upload(client, "\n".join(people()).encode())
    assert response.status_code == 303 and "/invitations/imports/" in response.location
    assert count(Invitation) == ROWS and count(OutboxMessage) == ROWS
    assert (
        db.session.scalar(
            sa.select(sa.func.count()).where(AuditEvent.action == "invitation.created")
        )
        == ROWS
    )
    # No query per row; PostgreSQL inserts in batches of hundreds of rows. SQLite cannot match
    # batched RETURNING rows to objects, so there the ORM sends one INSERT per row, in one flush.
    reads = [s for s in statements if not s.lstrip().upper().startswith("INSERT")]
    assert len(reads) < 30, len(reads)
    if db.engine.dialect.name == "postgresql":
        assert len(statements) < 150, len(statements)


def test_one_bad_line_among_five_thousand_is_reported_by_number_and_nobody_is_invited(
    client, login_as
):
    convention = make_convention(slug="ai")
    login_as(make_member(convention, role=Role.FACILITATOR).user)
    lines = people()
    lines[3001] = "bad@example.org,Bad,mayor"  # file line 3002
    response = upload(client, "\n".join(lines).encode())
    assert response.status_code == 422
    assert "Line 3002:" in response.text and "Unknown role" in response.text
    assert count(Invitation) == 0 and count(OutboxMessage) == 0


def test_a_300_character_name_or_a_nul_byte_is_a_line_error_not_a_crash(client, login_as):
    convention = make_convention(slug="ai")
    login_as(make_member(convention, role=Role.FACILITATOR).user)
    long_name = "email,name\nok@example.org,Ok\nlong@example.org," + "N" * 300 + "\n"
    response = upload(client, long_name.encode())
    assert response.status_code == 422
    assert "Line 3:" in response.text and "longer than 120 characters" in response.text
    nul = b"email,name\nok@example.org,Ok\n\nnul@example.org,Nu\x00l\n"
    response = upload(client, nul)
    assert response.status_code == 422
    assert "Line 4:" in response.text and "NUL" in response.text
    control = b"email,name\nok@example.org,Ok\nbell@example.org,Be\x07ll\n"
    response = upload(client, control)
    assert response.status_code == 422 and "Line 3:" in response.text
    assert count(Invitation) == 0


def test_todays_files_still_read_semicolons_bom_quotes_and_french_headers(client, login_as):
    convention = make_convention(slug="ai")
    login_as(make_member(convention, role=Role.FACILITATOR).user)
    text = '\ufeffcourriel;nom;rôle\r\n\r\nana@example.org;"Ana; née Roy";citoyenne\r\n'
    text += ';"Bob ""the builder""";expert\r\n'
    response = upload(client, text.encode("utf-8"))
    assert response.status_code == 200
    names = db.session.scalars(sa.select(Invitation.name).order_by(Invitation.id)).all()
    assert names == ["Ana; née Roy", 'Bob "the builder"']


def test_a_large_file_is_invited_by_a_job_then_its_letters_are_printed_once(
    client, login_as, held_jobs
):
    convention = make_convention(slug="ai")
    login_as(make_member(convention, role=Role.FACILITATOR).user)
    lines = people(300) + [f",Letter {i},citizen" for i in range(5)]
    response = upload(client, "\n".join(lines).encode())
    assert response.status_code == 303
    waiting = client.get(response.location).text
    assert (
        '<meta http-equiv="refresh" content="3">' in waiting and "Waiting for a worker" in waiting
    )
    assert count(Invitation) == 0
    [job] = held_jobs.pending()
    held_jobs.execute(job)
    db.session.expire_all()
    batch = db.session.scalars(sa.select(InvitationImport)).one()
    assert batch.status is ImportStatus.DONE and batch.rows == []
    page = client.get(response.location).text
    assert "refresh" not in page and "305 invitations are created." in page
    assert "300 are sent by email." in page and "5 people have no email address" in page
    assert count(Invitation) == 305 and count(OutboxMessage) == 300
    letters = client.post(f"{response.location}/letters")
    codes = re.findall(r'class="code">([A-Z0-9-]+)<', letters.text)
    assert len(set(codes)) == 5 and "Letter 4" in letters.text
    # Printing again makes new codes: the first ones stop working.
    again = re.findall(
        r'class="code">([A-Z0-9-]+)<', client.post(f"{response.location}/letters").text
    )
    assert len(again) == 5 and not set(again) & set(codes)
    french = client.get(response.location, headers={"Accept-Language": "fr"}).text
    assert "invitations sont créées" in french


def test_a_large_file_that_no_longer_fits_when_its_job_runs_invites_nobody(
    client, login_as, held_jobs
):
    convention = make_convention(slug="ai")
    login_as(make_member(convention, role=Role.FACILITATOR).user)
    location = upload(client, "\n".join(people(300)).encode()).location
    # Someone invites one of them by hand before a worker takes the file.
    client.post(
        "/c/ai/invitations", data={"email": "p7@example.org", "name": "P", "role": "citizen"}
    )
    [job] = held_jobs.pending()
    held_jobs.execute(job)
    page = client.get(location).text
    assert "Nobody from this file is invited" in page and "Line 9:" in page
    # Said in the convention's language (French here): no reader was there when the job ran.
    assert "p7@example.org a déjà une invitation en attente." in page
    assert count(Invitation) == 1


def test_a_file_whose_job_is_sent_twice_is_invited_once(client, login_as, held_jobs):
    convention = make_convention(slug="ai")
    login_as(make_member(convention, role=Role.FACILITATOR).user)
    upload(client, "\n".join(people(250)).encode())
    [job] = held_jobs.pending()
    held_jobs.execute(job)
    held_jobs.execute(job)  # `tick` sent it again while the first was waiting in a long queue
    assert count(Invitation) == 250 and count(OutboxMessage) == 250


def test_a_file_whose_worker_died_is_invited_once_tick_sends_it_again(
    app, client, login_as, held_jobs, clock
):
    convention = make_convention(slug="ai")
    login_as(make_member(convention, role=Role.FACILITATOR).user)
    location = upload(client, "\n".join(people(250)).encode()).location
    [job] = held_jobs.pending()
    held_jobs.dequeue()
    # a worker claims the file, the page says so, then the worker is killed
    assert imports.start(db.session.scalars(sa.select(InvitationImport.id)).one()) is not None
    db.session.commit()
    assert "being created" in client.get(location).text
    tick = ["convention", "tick"]
    clock.move(minutes=20)
    assert "jobs sent again: 0" in app.test_cli_runner().invoke(args=tick).output
    clock.move(minutes=11)
    assert "jobs sent again: 1" in app.test_cli_runner().invoke(args=tick).output
    [job] = [job for job in held_jobs.pending() if job.name.endswith("import_invitations")]
    held_jobs.execute(job)
    assert "250 invitations are created." in client.get(location).text
    assert count(Invitation) == 250 and count(OutboxMessage) == 250


def test_a_worker_thought_lost_that_finishes_late_invites_nobody_twice(client, login_as, held_jobs):
    convention = make_convention(slug="ai")
    login_as(make_member(convention, role=Role.FACILITATOR).user)
    upload(client, "\n".join(people(250)).encode())
    batch_id = db.session.scalars(sa.select(InvitationImport.id)).one()
    slow = imports.start(batch_id)
    db.session.commit()
    # `tick` released the file and a second worker claimed it meanwhile
    batch = db.session.get(InvitationImport, batch_id)
    batch.status, batch.started_at = ImportStatus.QUEUED, None
    db.session.commit()
    assert imports.start(batch_id) is not None
    db.session.commit()
    with pytest.raises(imports.Superseded):
        imports.invite_batch(batch_id, slow)
    db.session.rollback()
    imports.failed(batch_id, slow, RuntimeError("late"))  # nor does its failure count
    db.session.commit()
    assert db.session.get(InvitationImport, batch_id).status is ImportStatus.RUNNING
    assert count(Invitation) == 0
