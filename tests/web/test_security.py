"""Escaping, the Markdown sanitiser, security headers and cookies."""

import re

import pytest

from convention.extensions import db
from convention.rules.policy import Role
from convention.web.markdown import render_markdown
from tests.factories import make_convention, make_member, make_user

HOSTILE = '<img src=x onerror="alert(1)"><script>alert(2)</script>'


def test_a_hostile_display_name_is_inert_on_every_page_that_shows_it(client, login_as):
    convention = make_convention(slug="ai")
    facilitator = make_member(convention, role=Role.FACILITATOR, user=make_user(name=HOSTILE))
    make_member(convention, user=make_user(name=HOSTILE), pseudonym=HOSTILE)
    login_as(facilitator.user)
    client.post(f"/c/ai/members/{facilitator.id + 1}/role", data={"role": "observer"})
    for url in ["/", "/c/ai/", "/c/ai/members", "/c/ai/audit", "/account", "/c/ai/invitations"]:
        page = client.get(url).text
        assert "<script>alert" not in page and "<img src=x" not in page, url
    assert "&lt;script&gt;" in client.get("/c/ai/members").text


def test_markdown_never_lets_html_or_scripts_through() -> None:
    html = str(
        render_markdown(
            "**bold** <b>raw</b> [x](javascript:alert(1)) [ok](https://example.org) " + HOSTILE
        )
    )
    assert "<strong>bold</strong>" in html
    assert "<b>" not in html and "<script" not in html and "<img" not in html
    assert 'href="javascript:' not in html
    assert 'href="https://example.org"' in html and 'rel="noopener noreferrer nofollow"' in html


def test_a_facilitator_cannot_inject_script_through_the_charter(client, login_as):
    convention = make_convention(slug="ai")
    convention.charter = HOSTILE + "\n\n[click](javascript:alert(3))"
    db.session.commit()
    login_as(make_member(convention).user)
    page = client.get("/c/ai/charter").text
    assert "<script>alert" not in page and 'href="javascript:' not in page and "<img" not in page


def test_every_answer_carries_the_security_headers(client):
    for response in (client.get("/login"), client.get("/nope"), client.get("/health")):
        headers = response.headers
        assert "script-src 'self'" in headers["Content-Security-Policy"]
        assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]
        assert "unsafe-inline" not in headers["Content-Security-Policy"]
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert headers["Referrer-Policy"] == "same-origin"
        assert "Strict-Transport-Security" not in headers


def test_hsts_is_sent_over_tls(client):
    response = client.get("/login", base_url="https://convention.test")
    assert "max-age" in response.headers["Strict-Transport-Security"]


def test_pages_have_no_inline_script(client):
    page = client.get("/login").text
    # Scripts come from files the CSP allows (progressive enhancement), never inline.
    assert not re.search(r"<script(?![^>]*\bsrc=)", page)
    assert " style=" not in page and "onclick" not in page


def test_production_cookies_are_secure(monkeypatch):
    from convention import create_app

    monkeypatch.setenv("CONVENTION_ENV", "production")
    monkeypatch.setenv("SECRET_KEY", "x" * 32)
    monkeypatch.setenv("DATABASE_URL", "postgresql://nobody@127.0.0.1:1/none")
    app = create_app()
    assert app.config["SESSION_COOKIE_SECURE"] and app.config["REMEMBER_COOKIE_SECURE"]
    assert app.config["SESSION_COOKIE_HTTPONLY"] and app.config["SESSION_COOKIE_SAMESITE"] == "Lax"


@pytest.mark.parametrize("size", [11 * 1024 * 1024])
def test_an_oversized_upload_answers_413(client, login_as, size):
    convention = make_convention(slug="ai")
    login_as(make_member(convention, role=Role.FACILITATOR).user)
    response = client.post("/c/ai/invitations/import", data=b"x" * size, content_type="text/csv")
    assert response.status_code == 413
    assert "File too large" in response.text
