"""Signing in and out, the login limits, password resets, the account page."""

import re

import pytest
import sqlalchemy as sa

from convention.extensions import db
from convention.models import OutboxMessage
from tests.factories import PASSWORD, make_convention, make_invitation, make_user


def sign_in(client, login: str, password: str = PASSWORD, address: str = "10.0.0.1", **query):
    return client.post(
        "/login",
        query_string=query,
        data={"login": login, "password": password},
        environ_base={"REMOTE_ADDR": address},
    )


def test_a_member_signs_in_with_any_case_and_out(client):
    make_user(email="ana@example.org", name="Ana")
    response = sign_in(client, "  ANA@example.org ")
    assert response.status_code == 302
    assert "Hello, Ana" in client.get("/").text
    client.post("/logout")
    assert "Hello, Ana" not in client.get("/").text


def test_a_wrong_password_is_refused_without_saying_which_part_is_wrong(client):
    make_user(email="ana@example.org")
    response = sign_in(client, "ana@example.org", "wrong password")
    assert response.status_code == 401
    assert "Wrong email, username or password" in response.text


def test_a_deactivated_account_cannot_sign_in(client):
    make_user(email="ana@example.org", active=False)
    assert sign_in(client, "ana@example.org").status_code == 401


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/", "/\\evil.example"])
def test_the_next_parameter_only_leads_to_this_site(client, target):
    make_user(email="ana@example.org")
    response = sign_in(client, "ana@example.org", next=target)
    assert response.location == "/"


def test_the_next_parameter_leads_back_to_a_local_page(client):
    make_user(email="ana@example.org")
    assert sign_in(client, "ana@example.org", next="/account").location == "/account"


def test_repeated_failures_lock_the_account_for_new_devices_even_from_many_addresses(client, app):
    make_user(email="ana@example.org")
    limit = int(app.config["LOGIN_LIMIT_PER_ACCOUNT"].split()[0])
    for attempt in range(limit):
        sign_in(client, "ana@example.org", "guess", address=f"10.0.1.{attempt}")
    blocked = sign_in(client, "ana@example.org", PASSWORD, address="10.0.2.1")
    assert blocked.status_code == 429
    assert "Too many attempts" in blocked.text
    other = make_user(email="bob@example.org")
    assert sign_in(client, other.email, address="10.0.2.1").status_code == 302


def test_a_whole_room_behind_one_address_can_sign_in(client):
    members = [make_user(email=f"member{n}@example.org") for n in range(60)]
    for member in members:
        response = sign_in(client, member.email, address="192.0.2.10")
        assert response.status_code == 302
        client.post("/logout")


def test_guessing_from_one_address_is_limited(app, client):
    app.config["LOGIN_LIMIT_PER_ADDRESS"] = "5 per minute"
    for n in range(5):
        sign_in(client, f"nobody{n}@example.org", "guess", address="198.51.100.7")
    assert (
        sign_in(client, "nobody9@example.org", "guess", address="198.51.100.7").status_code == 429
    )
    assert (
        sign_in(client, "nobody9@example.org", "guess", address="198.51.100.8").status_code == 401
    )


def reset_link(mailbox: list[dict]) -> str:
    """Return the path of the reset link in the last message sent, as its recipient reads it."""
    return re.search(r"https?://[^/\s]+(/reset/\S+)", mailbox[-1]["body"]).group(1)


def test_a_password_reset_works_once(client, mailbox):
    make_user(email="ana@example.org")
    response = client.post("/reset", data={"email": "Ana@example.org"})
    assert response.status_code == 302
    link = reset_link(mailbox)

    changed = client.post(
        link, data={"password": "new long password", "confirm": "new long password"}
    )
    assert changed.status_code == 302
    assert sign_in(client, "ana@example.org", "new long password").status_code == 302
    client.post("/logout")
    assert client.get(link).status_code == 410


def test_an_expired_reset_link_is_refused(client, app, mailbox):
    make_user(email="ana@example.org")
    client.post("/reset", data={"email": "ana@example.org"})
    app.config["RESET_TOKEN_SECONDS"] = -1
    assert client.get(reset_link(mailbox)).status_code == 410


def test_a_reset_for_an_unknown_address_says_the_same_and_sends_nothing(client):
    response = client.post("/reset", data={"email": "nobody@example.org"}, follow_redirects=True)
    assert "If an account uses this address" in response.text
    assert db.session.scalar(sa.select(sa.func.count()).select_from(OutboxMessage)) == 0


def test_a_reset_token_never_accepts_an_invitation(client, mailbox):
    make_user(email="ana@example.org")
    convention = make_convention()
    make_invitation(convention, email="someone@example.org")
    client.post("/reset", data={"email": "ana@example.org"})
    token = reset_link(mailbox).rsplit("/", 1)[1]
    assert client.get(f"/join/{token}").status_code == 404
    assert client.post("/join", data={"code": token}).status_code == 422


def test_the_account_page_changes_name_language_and_password(client, login_as):
    user = make_user(email="ana@example.org", name="Ana")
    login_as(user)
    response = client.post("/account", data={"display_name": "Ana B.", "locale": "fr"})
    assert response.status_code == 302
    page = client.get("/account")
    assert 'lang="fr"' in page.text
    assert user.display_name == "Ana B." and user.locale == "fr"

    wrong = client.post(
        "/account/password",
        data={
            "current_password": "nope",
            "new_password": "another long one",
            "confirm": "another long one",
        },
    )
    assert wrong.status_code == 422
    ok = client.post(
        "/account/password",
        data={
            "current_password": PASSWORD,
            "new_password": "another long one",
            "confirm": "another long one",
        },
    )
    assert ok.status_code == 302
    client.post("/logout")
    assert sign_in(client, "ana@example.org", "another long one").status_code == 302


def test_the_account_page_needs_a_signed_in_user(client):
    response = client.get("/account")
    assert response.status_code == 302
    assert response.location.startswith("/login")
