"""The convention's privacy notice, and the opt-in to be named with the outcome."""

import sqlalchemy as sa

from convention.extensions import db
from convention.models import AuditEvent
from convention.privacy.queries import named_members
from convention.rules.phases import Phase
from convention.rules.policy import Role
from tests.factories import make_convention, make_member


def test_the_notice_names_the_controller_set_in_the_settings(client, login_as):
    convention = make_convention(slug="ai", public=True)
    facilitator = make_member(convention, role=Role.FACILITATOR)
    login_as(facilitator.user)
    settings = client.get("/c/ai/settings").text
    assert 'name="privacy_controller"' in settings
    data = {
        "title": convention.title,
        "mandate": convention.mandate,
        "time_zone": "Europe/Paris",
        "languages": "fr,en",
        "is_public": "y",
        "charter": "Be kind.",
        "privacy_controller": "Ville de Montpellier, dpo@example.org",
    }
    assert client.post("/c/ai/settings", data=data).status_code == 302
    notice = client.get("/c/ai/privacy")
    assert notice.status_code == 200
    assert "dpo@example.org" in notice.text and "6(1)(e)" in notice.text


def test_a_public_notice_is_readable_by_anyone_and_a_private_one_is_not(client):
    make_convention(slug="ai", public=True)
    make_convention(slug="closed", public=False)
    assert client.get("/c/ai/privacy").status_code == 200
    assert client.get("/c/closed/privacy").status_code in (302, 404)


def test_nobody_is_named_until_they_agree_and_withdrawing_unnames_them(client, login_as):
    convention = make_convention(slug="ai", phase=Phase.REPORT)
    nadia = make_member(convention, pseudonym="Nadia")
    make_member(convention, pseudonym="Omar")
    assert db.session.scalars(named_members(convention)).all() == []
    login_as(nadia.user)
    page = client.get("/c/ai/privacy").text
    assert 'name="consent"' in page and "checked" not in page.split('name="consent"')[1][:40]
    assert client.post("/c/ai/privacy/consent", data={"consent": "y"}).status_code == 302
    assert db.session.scalars(named_members(convention)).all() == [nadia.user.display_name]
    assert client.post("/c/ai/privacy/consent", data={}).status_code == 302
    assert db.session.scalars(named_members(convention)).all() == []
    actions = db.session.scalars(
        sa.select(AuditEvent.action).where(AuditEvent.action.like("membership.name_consent%"))
    ).all()
    assert actions == ["membership.name_consent_given", "membership.name_consent_withdrawn"]


def test_the_account_page_links_each_convention_notice_and_erasure(client, login_as):
    convention = make_convention(slug="ai")
    member = make_member(convention)
    login_as(member.user)
    page = client.get("/account").text
    for link in ("/account/data", "/c/ai/privacy", "/account/erase", "/privacy"):
        assert f'href="{link}"' in page
