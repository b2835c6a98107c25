"""The retention schedule, run by `tick`: what outlived its period goes, the record stays."""

from datetime import timedelta

import pytest
import sqlalchemy as sa

from convention.clock import utcnow
from convention.extensions import db
from convention.models import Invitation, OutboxMessage, SelectionRun
from convention.models.selection import RunStatus
from tests.factories import make_convention, make_invitation

POOL = "id,gender\n" + "".join(f"v{n},{'f' if n % 2 else 'm'}\n" for n in range(8))
QUOTAS = "feature,value,min,max\ngender,f,2,2\ngender,m,2,2\n"


@pytest.fixture
def world(app):
    convention = make_convention(slug="ai", public=True)
    now = utcnow()
    db.session.add(OutboxMessage(recipient="a@example.org", subject="Hi", body="x", sent_at=now))
    db.session.add(OutboxMessage(recipient="b@example.org", subject="Hi", body="x"))  # waiting
    invitation, _token, _code = make_invitation(convention, email="c@example.org", name="Cam")
    invitation.accepted_at = now
    make_invitation(convention, email="d@example.org", name="Dom", expires_in=timedelta(days=400))
    db.session.add(
        SelectionRun(
            convention_id=convention.id,
            method="legacy",
            panel_size=4,
            pool_csv=POOL,
            quotas_csv=QUOTAS,
            status=RunStatus.DONE,
            lottery_csv="panel,ids\n1,v1 v2 v3 v4\n",
            list_hash="c" * 64,
            published_at=now,
            seed="12 34",
            seed_entered_at=now,
            drawn_index=1,
            drawn_at=now,
            panel_ids=["v0", "v1", "v2", "v3"],
            probabilities=[[f"v{n}", 0.5] for n in range(8)],
        )
    )
    db.session.commit()
    return convention


def _tick_after(app, clock, days: int) -> str:
    """Run `tick` with the app's clock moved `days` further ahead."""
    clock.move(days=days)
    result = app.test_cli_runner().invoke(args=["convention", "tick"])
    assert result.exit_code == 0, result.output
    db.session.expire_all()
    return result.output


def _contacts() -> set[str | None]:
    return set(db.session.scalars(sa.select(Invitation.email)))


def test_nothing_goes_before_its_period(app, world, clock):
    output = _tick_after(app, clock, 29)
    assert "retention: mail 0, contacts 0, pool 0" in output
    assert db.session.scalar(sa.select(sa.func.count(OutboxMessage.id))) == 2
    assert _contacts() == {"c@example.org", "d@example.org"}


def test_sent_mail_ended_invitations_and_drawn_pools_go_after_their_period(
    app, client, world, clock
):
    before = client.get("/c/ai/selection/").text
    output = _tick_after(app, clock, 91)
    assert "retention: mail 1, contacts 1, pool 1" in output
    # The message still waiting to leave is kept; the one sent long ago is gone.
    assert db.session.scalars(sa.select(OutboxMessage.recipient)).all() == ["b@example.org"]
    # The accepted invitation forgets its contact; the pending one still needs it.
    assert _contacts() == {None, "d@example.org"}
    run = db.session.scalar(sa.select(SelectionRun))
    assert run.pool_csv == "" and run.lottery_csv and run.list_hash == "c" * 64
    # The public record of the draw reads the same from the figures saved before the pool went.
    after = client.get("/c/ai/selection/").text
    assert after == before and "gender" in after


def test_a_second_run_changes_nothing_more(app, world, clock):
    _tick_after(app, clock, 91)
    assert "retention: mail 0, contacts 0, pool 0" in _tick_after(app, clock, 1)


def test_the_privacy_page_shows_the_configured_periods(app, client):
    app.config["RETENTION_MAIL_DAYS"] = 12
    page = client.get("/privacy")
    assert page.status_code == 200
    assert "12 days after sending" in page.text
    assert "90 days after it is accepted" in page.text
