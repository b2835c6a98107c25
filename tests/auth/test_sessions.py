"""Sessions live on the server: a copied cookie dies with logout, password change and reset."""

import re
from datetime import UTC, datetime, timedelta

import sqlalchemy as sa

from convention.extensions import db
from convention.models import User, UserSession
from tests.factories import PASSWORD, make_convention, make_member, make_user

FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"
PHONE = (
    "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 "
    "(KHTML, like Gecko) Chrome/126.0 Mobile Safari/537.36"
)
NEW_PASSWORD = "a brand new long password"


def device(app, user_agent: str = FIREFOX, *, remember: bool = False, login="ana@example.org"):
    """A browser that signs in through the login form."""
    client = app.test_client()
    data = {"login": login, "password": PASSWORD}
    if remember:
        data["remember"] = "y"
    response = client.post("/login", data=data, headers={"User-Agent": user_agent})
    assert response.status_code == 302
    return client


def copy(client, name: str = "session") -> str:
    """Copy a cookie's value, as a thief would."""
    return client.get_cookie(name, domain="convention.test").value


def replay(app, value: str, name: str = "session"):
    """A fresh browser carrying only a copied cookie."""
    thief = app.test_client()
    thief.set_cookie(name, value, domain="convention.test")
    return thief


def signed_in(client) -> bool:
    """Tell whether the account page opens (a signed-out browser is sent to the login page)."""
    response = client.get("/account")
    assert response.status_code in (200, 302)
    return response.status_code == 200


def sessions_of(user: User) -> list[UserSession]:
    return db.session.scalars(sa.select(UserSession).where(UserSession.user_id == user.id)).all()


def test_a_copied_cookie_is_refused_after_logout(app):
    make_user(email="ana@example.org")
    browser = device(app)
    stolen = copy(browser)
    assert signed_in(replay(app, stolen))  # before logout, the copy works: the test can fail

    browser.post("/logout")

    assert not signed_in(browser)
    assert not signed_in(replay(app, stolen))


def test_only_the_token_is_in_the_cookie_and_only_its_hash_in_the_database(app):
    user = make_user(email="ana@example.org")
    browser = device(app)
    with browser.session_transaction() as session:
        token = session["_user_id"]
    assert token != str(user.id) and len(token) >= 40
    [row] = sessions_of(user)
    assert row.token_hash != token and token not in row.token_hash


def test_a_cookie_naming_a_bare_account_id_is_refused(app, client):
    user = make_user(email="ana@example.org")
    # What cookies held before sessions were recorded: the account id itself.
    with client.session_transaction() as session:
        session["_user_id"] = str(user.id)
        session["_fresh"] = True
    assert not signed_in(client)


def test_a_password_change_signs_out_the_other_devices_only(app):
    make_user(email="ana@example.org")
    laptop, phone = device(app), device(app, PHONE)
    stolen = copy(phone)

    response = laptop.post(
        "/account/password",
        data={"current_password": PASSWORD, "new_password": NEW_PASSWORD, "confirm": NEW_PASSWORD},
    )
    assert response.status_code == 302

    assert signed_in(laptop)
    assert not signed_in(phone)
    assert not signed_in(replay(app, stolen))


def test_a_reset_signs_out_every_device(app, client, mailbox):
    make_user(email="ana@example.org")
    laptop = device(app, remember=True)
    stolen, remembered = copy(laptop), copy(laptop, "remember_token")

    client.post("/reset", data={"email": "ana@example.org"})
    link = re.search(r"https?://[^/\s]+(/reset/\S+)", mailbox[-1]["body"]).group(1)
    response = client.post(link, data={"password": NEW_PASSWORD, "confirm": NEW_PASSWORD})
    assert response.status_code == 302

    assert not signed_in(laptop)
    assert not signed_in(replay(app, stolen))
    assert not signed_in(replay(app, remembered, "remember_token"))


def test_the_remember_me_cookie_dies_with_logout(app):
    make_user(email="ana@example.org")
    browser = device(app, remember=True)
    remembered = copy(browser, "remember_token")
    # The browser closed: only the remember-me cookie is left, and it signs in.
    assert signed_in(replay(app, remembered, "remember_token"))

    browser.post("/logout")

    assert not signed_in(replay(app, remembered, "remember_token"))


def test_remember_me_lasts_thirty_days_at_most(app):
    user = make_user(email="ana@example.org")
    browser = device(app, remember=True)
    cookie = browser.get_cookie("remember_token", domain="convention.test")
    assert cookie.expires <= datetime.now(UTC) + timedelta(days=30, minutes=1)
    remembered = cookie.value
    assert signed_in(replay(app, remembered, "remember_token"))

    # The cookie's own date is the browser's to keep: the server ends the session itself.
    [row] = sessions_of(user)
    row.created_at -= timedelta(days=30, minutes=1)
    db.session.commit()

    assert not signed_in(replay(app, remembered, "remember_token"))
    assert not signed_in(browser)


def test_a_session_not_remembered_ends_after_a_day_without_use(app):
    user = make_user(email="ana@example.org")
    browser = device(app)
    [row] = sessions_of(user)
    row.last_seen_at -= timedelta(hours=app.config["SESSION_IDLE_HOURS"], minutes=1)
    db.session.commit()
    assert not signed_in(browser)


def test_using_a_session_keeps_its_last_seen_time_roughly(app):
    user = make_user(email="ana@example.org")
    browser = device(app)
    [row] = sessions_of(user)
    row.last_seen_at -= timedelta(hours=2)
    db.session.commit()
    assert signed_in(browser)
    db.session.expire_all()
    [row] = sessions_of(user)
    assert datetime.now(UTC) - row.last_seen_at < timedelta(minutes=1)


def test_the_account_page_lists_devices_and_signs_out_everywhere(app):
    make_user(email="ana@example.org")
    laptop, phone = device(app, remember=True), device(app, PHONE)
    stolen, remembered = copy(phone), copy(laptop, "remember_token")

    page = laptop.get("/account").text
    assert "Firefox / Linux" in page and "Chrome / Android" in page
    assert page.count("(this device)") == 1
    assert re.search(r"Firefox / Linux <strong>\(this device\)</strong>", page)

    response = laptop.post("/account/sessions/end")
    assert response.status_code == 302 and response.location == "/login"

    for browser in (laptop, phone, replay(app, stolen)):
        assert not signed_in(browser)
    assert not signed_in(replay(app, remembered, "remember_token"))


def test_a_deactivated_account_is_signed_out_everywhere(app):
    user = make_user(email="ana@example.org")
    browser = device(app)
    user.active = False
    db.session.commit()
    assert not signed_in(browser)


def test_signing_in_clears_the_account_s_dead_sessions(app):
    user = make_user(email="ana@example.org")
    browser = device(app)
    browser.post("/logout")
    device(app)
    assert [row.revoked_at for row in sessions_of(user)] == [None]


def test_a_convention_s_pages_read_the_session_as_every_page_does(app):
    # inside a convention the sign-in is read with the convention and membership: same rules
    user = make_user(email="ana@example.org")
    make_member(make_convention(slug="ai"), user=user)
    browser = device(app)
    stolen = copy(browser)
    assert browser.get("/c/ai/topics").status_code == 200
    assert browser.get("/c/nowhere/topics").status_code == 404
    browser.post("/logout")
    assert replay(app, stolen).get("/c/ai/topics").status_code == 302
    again = device(app)
    [row] = [row for row in sessions_of(user) if row.revoked_at is None]
    row.last_seen_at -= timedelta(hours=app.config["SESSION_IDLE_HOURS"], minutes=1)
    db.session.commit()
    assert again.get("/c/ai/topics").status_code == 302
    third = device(app)
    db.session.get(User, user.id).active = False
    db.session.commit()
    assert third.get("/c/ai/topics").status_code == 302
