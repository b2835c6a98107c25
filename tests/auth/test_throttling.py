"""Sign-in limits slow guessing without locking the owner out, and never reveal accounts."""

import time

import pytest
from werkzeug import security

from convention.auth import services, signin
from tests.factories import PASSWORD, make_user

OWNER_ADDRESS = "192.0.2.50"


def attempt(client, login: str, password: str, address: str):
    return client.post(
        "/login", data={"login": login, "password": password}, environ_base={"REMOTE_ADDR": address}
    )


def limit(app) -> int:
    return int(app.config["LOGIN_LIMIT_PER_ACCOUNT"].split()[0])


@pytest.fixture
def owners_device(app):
    """The owner's phone: it signed in once before, then signed out."""
    make_user(email="ana@example.org")
    phone = app.test_client()
    assert attempt(phone, "ana@example.org", PASSWORD, OWNER_ADDRESS).status_code == 302
    phone.post("/logout")
    return phone


@pytest.fixture
def no_sleeping(monkeypatch):
    """Fail if anything makes the worker wait."""

    def refuse(seconds):
        raise AssertionError(f"a worker slept {seconds} s")

    monkeypatch.setattr(time, "sleep", refuse)


def test_an_attackers_failures_leave_the_owner_able_to_sign_in(app, owners_device, no_sleeping):
    attacker = app.test_client()
    for n in range(limit(app)):
        assert attempt(attacker, "ana@example.org", "guess", f"10.9.0.{n}").status_code == 401

    new_device = app.test_client()
    assert attempt(new_device, "ana@example.org", PASSWORD, "10.9.1.1").status_code == 429
    assert attempt(owners_device, "ana@example.org", PASSWORD, OWNER_ADDRESS).status_code == 302


def test_failures_from_the_owners_own_address_do_not_lock_the_owners_device(app, owners_device):
    attacker = app.test_client()  # the same café wifi, no known-device cookie
    for _ in range(limit(app)):
        attempt(attacker, "ana@example.org", "guess", OWNER_ADDRESS)
    assert attempt(attacker, "ana@example.org", PASSWORD, OWNER_ADDRESS).status_code == 429
    assert attempt(owners_device, "ana@example.org", PASSWORD, OWNER_ADDRESS).status_code == 302


def test_a_known_device_is_still_limited_on_its_own_guesses(app, owners_device):
    pair_limit = int(app.config["LOGIN_LIMIT_PER_ACCOUNT_ADDRESS"].split()[0])
    for _ in range(pair_limit):
        assert attempt(owners_device, "ana@example.org", "typo", OWNER_ADDRESS).status_code == 401
    assert attempt(owners_device, "ana@example.org", PASSWORD, OWNER_ADDRESS).status_code == 429


def test_a_device_known_to_another_account_gets_no_exemption(app, owners_device):
    make_user(email="bob@example.org")
    bobs_laptop = app.test_client()
    assert attempt(bobs_laptop, "bob@example.org", PASSWORD, "10.9.2.1").status_code == 302
    bobs_laptop.post("/logout")
    for n in range(limit(app)):
        attempt(app.test_client(), "ana@example.org", "guess", f"10.9.0.{n}")
    assert attempt(bobs_laptop, "ana@example.org", PASSWORD, "10.9.2.1").status_code == 429


def test_a_forged_known_device_cookie_is_ignored(app, owners_device):
    for n in range(limit(app)):
        attempt(app.test_client(), "ana@example.org", "guess", f"10.9.0.{n}")
    forger = app.test_client()
    value = owners_device.get_cookie(signin.KNOWN_DEVICE_COOKIE, domain="convention.test").value
    payload, _, signature = value.rpartition(".")
    forger.set_cookie(
        signin.KNOWN_DEVICE_COOKIE, payload + "." + signature[::-1], domain="convention.test"
    )
    assert attempt(forger, "ana@example.org", PASSWORD, "10.9.3.1").status_code == 429


def test_the_known_device_cookie_is_long_lived_and_hidden_from_scripts(app):
    make_user(email="ana@example.org")
    response = attempt(app.test_client(), "ana@example.org", PASSWORD, OWNER_ADDRESS)
    [header] = [h for h in response.headers.getlist("Set-Cookie") if h.startswith("known_device=")]
    assert "HttpOnly" in header and "SameSite=Lax" in header
    assert f"Max-Age={app.config['KNOWN_DEVICE_DAYS'] * 86400}" in header


@pytest.fixture
def password_checks(monkeypatch):
    """Record every password hash the sign-in checks against."""
    checked: list[str] = []
    real = security.check_password_hash

    def spy(pwhash: str, password: str) -> bool:
        checked.append(pwhash)
        return real(pwhash, password)

    monkeypatch.setattr(services, "check_password_hash", spy)
    return checked


def test_an_unknown_account_runs_the_same_password_check(app, client, password_checks):
    method = app.config["PASSWORD_HASH_METHOD"]
    make_user(email="ana@example.org")
    attempt(client, "ana@example.org", "guess", "10.9.4.1")
    attempt(client, "nobody@example.org", "guess", "10.9.4.1")
    known, unknown = password_checks
    assert known.startswith(method + "$") and unknown.startswith(method + "$")
    assert unknown != known


def test_the_dummy_hash_follows_the_configured_method(app, client, password_checks):
    app.config["PASSWORD_HASH_METHOD"] = "scrypt:1024:8:1"
    attempt(client, "nobody@example.org", "guess", "10.9.4.2")
    assert password_checks[0].startswith("scrypt:1024:8:1$")


def test_a_deactivated_account_runs_the_password_check_too(app, client, password_checks):
    make_user(email="ana@example.org", active=False)
    assert attempt(client, "ana@example.org", PASSWORD, "10.9.4.3").status_code == 401
    assert len(password_checks) == 1
