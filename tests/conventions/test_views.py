"""A convention's pages: dashboard, overview, phase, settings, audit log; and the administration."""

import sqlalchemy as sa

from convention.extensions import db
from convention.models import AuditEvent, Convention, Membership
from convention.rules.phases import Phase
from convention.rules.policy import Role
from tests.factories import make_convention, make_invitation, make_member, make_user


def test_the_dashboard_lists_my_conventions_and_what_awaits_me(client, login_as):
    first = make_convention(slug="first", title="First convention")
    second = make_convention(slug="second", title="Second convention")
    make_convention(slug="third", title="Not mine")
    user = make_user(name="Ana")
    make_member(first, user=user, role=Role.FACILITATOR)
    make_member(second, user=user, role=Role.CITIZEN)
    make_invitation(first)
    login_as(user)
    page = client.get("/").text
    assert "First convention" in page and "Second convention" in page
    assert "Not mine" not in page
    assert "1 invitation is waiting for an answer" in page


def test_the_dashboard_query_count_does_not_grow_with_conventions(client, login_as, count_queries):
    user = make_user()
    login_as(user)
    make_member(make_convention(), user=user, role=Role.FACILITATOR)
    with count_queries() as one:
        client.get("/")
    for _ in range(10):
        convention = make_convention()
        make_member(convention, user=user, role=Role.FACILITATOR)
        make_invitation(convention)
    with count_queries() as eleven:
        page = client.get("/").text
    assert page.count('class="card"') == 11
    assert len(eleven) == len(one)


def test_visitors_see_public_conventions_only(client):
    make_convention(slug="open", public=True, title="Open one")
    make_convention(slug="closed", public=False, title="Private one")
    page = client.get("/").text
    assert "Open one" in page and "Private one" not in page
    assert client.get("/c/closed/").status_code == 302


def test_the_overview_shows_the_mandate_phase_and_lifecycle(client, login_as):
    convention = make_convention(slug="ai", phase=Phase.DRAFTING)
    login_as(make_member(convention).user)
    page = client.get("/c/ai/").text
    assert "How can AI serve residents?" in page
    assert 'aria-current="step"' in page and "Drafting" in page
    assert "Change the phase" not in page


def test_facilitators_move_the_phase_one_step_and_it_is_audited(client, login_as):
    convention = make_convention(slug="ai", phase=Phase.DELIBERATION)
    login_as(make_member(convention, role=Role.FACILITATOR).user)
    asked = client.post("/c/ai/phase", data={"phase": "drafting"})
    assert asked.status_code == 200 and "Are you sure?" in asked.text
    assert "from “Deliberation” to “Drafting”" in asked.text
    assert convention.phase is Phase.DELIBERATION  # asking changes nothing
    confirmed = {"phase": "drafting", "confirmed": "yes"}
    assert client.post("/c/ai/phase", data=confirmed).status_code == 303
    assert convention.phase is Phase.DRAFTING
    # A double click on the confirm button: the second request finds the move made.
    again = client.post("/c/ai/phase", data=confirmed, follow_redirects=True)
    assert "already in this phase" in again.text and convention.phase is Phase.DRAFTING
    event = db.session.scalars(
        sa.select(AuditEvent).where(AuditEvent.action == "convention.phase_changed")
    ).one()
    assert event.details == {"before": "deliberation", "after": "drafting"}
    assert "moved the convention from Deliberation to Drafting" in client.get("/c/ai/audit").text
    client.post("/c/ai/phase", data={"phase": "closed"})
    assert convention.phase is Phase.DRAFTING


def test_settings_are_saved_and_validated(client, login_as):
    convention = make_convention(slug="ai")
    login_as(make_member(convention, role=Role.FACILITATOR).user)
    form = {
        "title": "New title",
        "mandate": "A question?",
        "description": "",
        "charter": "Rules",
        "time_zone": "Mars/Olympus",
        "languages": "fr,en",
    }
    bad = client.post("/c/ai/settings", data=form)
    assert bad.status_code == 422 and "Unknown time zone" in bad.text
    assert convention.title == "Convention on AI"
    good = client.post(
        "/c/ai/settings", data=form | {"time_zone": "Europe/Brussels", "is_public": "y"}
    )
    assert good.status_code == 302
    assert (
        convention.title == "New title"
        and convention.is_public
        and convention.time_zone == "Europe/Brussels"
    )


def test_the_audit_log_is_append_only(app):
    import pytest

    from convention import audit
    from convention.models.audit import AuditIsAppendOnly

    event = audit.record(None, "x", "y")
    db.session.commit()
    event.action = "changed"
    with pytest.raises(AuditIsAppendOnly):
        db.session.commit()
    db.session.rollback()


def test_administrators_create_a_convention_and_appoint_facilitators(client, login_as):
    login_as(make_user(admin=True))
    existing = make_user(email="fac@example.org", name="Fac")
    form = {
        "slug": "climate",
        "title": "Climate",
        "mandate": "How?",
        "description": "",
        "charter": "Be kind",
        "time_zone": "Europe/Paris",
        "languages": "fr,en",
    }
    created = client.post("/admin/conventions", data=form)
    assert created.status_code == 302
    convention = db.session.scalar(sa.select(Convention).where(Convention.slug == "climate"))
    assert convention.phase is Phase.SETUP
    assert client.post("/admin/conventions", data=form).status_code == 422  # the slug is taken

    url = f"/admin/conventions/{convention.id}/facilitators"
    assert client.post(url, data={"name": "Fac", "email": "FAC@example.org"}).status_code == 302
    membership = db.session.scalar(sa.select(Membership).where(Membership.user_id == existing.id))
    assert membership.role is Role.FACILITATOR
    invited = client.post(url, data={"name": "New", "email": "new@example.org"})
    assert invited.status_code == 200 and 'class="code"' in invited.text
    # The administrator is led back to the administration, which they may read.
    assert 'href="/admin/"' in invited.text and "/c/climate/invitations" not in invited.text
    assert client.get("/admin/").status_code == 200
    outbox = client.get("/admin/outbox").text
    assert "new@example.org" in outbox and "Climate" in outbox
