"""German pages for a German browser: sign-in, a convention, a ballot and an error, in German."""

import pytest

from convention.extensions import db
from convention.rules.phases import Phase
from convention.rules.policy import Role
from tests.factories import make_ballot, make_convention, make_member

DE = {"Accept-Language": "de-DE,de;q=0.9,en;q=0.5"}


def _german(page: str, *words: str) -> None:
    """Check the page says it is German and reads in German."""
    assert '<html lang="de">' in page
    for word in words:
        assert word in page, word


@pytest.fixture
def member(app):
    """A citizen of a public convention in its voting phase, with no language of their own."""
    convention = make_convention(slug="ai", public=True, phase=Phase.VOTING)
    member = make_member(convention, role=Role.CITIZEN, pseudonym="Alex")
    member.user.locale = None
    db.session.commit()
    return member


def test_the_sign_in_page_and_its_errors_are_in_german(client):
    _german(client.get("/login", headers=DE).text, "Anmelden", "Passwort vergessen?")
    refused = client.post("/login", data={"login": "", "password": ""}, headers=DE)
    assert refused.status_code == 422
    _german(refused.text, "Bitte korrigieren Sie Folgendes:")
    assert "Sign in" not in refused.text


def test_a_convention_page_is_in_german(client, login_as, member):
    login_as(member.user)
    page = client.get("/c/ai/", headers=DE).text
    _german(page, "Aktuelle Phase: <strong>Abstimmung</strong>", "Was auf mich wartet", "Überblick")
    assert "Current phase" not in page


@pytest.mark.parametrize(
    ("method", "answers"),
    [
        ("approval", ["Dafür", "Dagegen", "Enthaltung"]),
        ("judgment", ["Ausgezeichnet", "Mangelhaft", "Abzulehnen"]),
    ],
)
def test_a_ballot_offers_its_answers_in_german(client, login_as, member, method, answers):
    facilitator = make_member(member.convention, role=Role.FACILITATOR)
    ballot = make_ballot(member.convention, facilitator, opened=True, method=method)
    login_as(member.user)
    page = client.get(f"/c/ai/ballots/{ballot.id}", headers=DE).text
    _german(page, "Sie haben noch nicht abgestimmt.", "Meine Stimme überprüfen", *answers)


def test_a_missing_page_says_so_in_german(client):
    response = client.get("/c/nowhere/", headers=DE)
    assert response.status_code == 404
    _german(response.text, "Seite nicht gefunden", "Zurück zur Startseite")


def test_choosing_german_is_remembered_over_the_browser(client, login_as, member):
    login_as(member.user)
    client.post("/language", data={"locale": "de", "next": "/account"})
    page = client.get("/account", headers={"Accept-Language": "fr"}).text
    _german(page, "Mein Konto", '<option selected value="de">Deutsch</option>')
    assert member.user.locale == "de"
