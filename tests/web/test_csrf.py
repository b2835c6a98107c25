"""Every state-changing route refuses a request without a CSRF token; typed text comes back."""

import pytest

from convention.rules.policy import Role
from tests.factories import make_convention, make_member, make_user

pytestmark = pytest.mark.csrf


def post_routes(app):
    for rule in app.url_map.iter_rules():
        if {"POST", "PUT", "PATCH", "DELETE"} & rule.methods:
            url = rule.rule.replace("<slug>", "ai")
            for arg in rule.arguments - {"slug"}:
                url = url.replace(f"<int:{arg}>", "1").replace(f"<{arg}>", "1")
            yield rule.endpoint, url


def test_no_view_is_exempt_from_csrf(app):
    from convention.extensions import csrf

    assert not csrf._exempt_views and not csrf._exempt_blueprints


def test_the_open_data_api_is_get_only(app):
    api_rules = [r for r in app.url_map.iter_rules() if r.rule.startswith("/api")]
    assert len(api_rules) >= 10
    for rule in api_rules:
        assert rule.methods <= {"GET", "HEAD", "OPTIONS"}, rule.rule


def test_every_post_without_a_token_answers_400(app, client, login_as):
    convention = make_convention(slug="ai")
    login_as(make_member(convention, role=Role.FACILITATOR, user=make_user(admin=True)).user)
    routes = list(post_routes(app))
    assert len(routes) > 15
    for endpoint, url in routes:
        assert client.post(url, data={"name": "x"}).status_code == 400, endpoint


def test_a_refused_form_gives_back_the_typed_text_but_never_a_password(client):
    response = client.post("/login", data={"login": "ana@example.org", "password": "secret-pass"})
    assert response.status_code == 400
    assert "ana@example.org" in response.text
    assert "secret-pass" not in response.text


def test_a_form_left_open_for_hours_still_submits(app, client):
    assert app.config["WTF_CSRF_TIME_LIMIT"] is None
    page = client.get("/login").text
    token = page.split('name="csrf_token" type="hidden" value="')[1].split('"')[0]
    make_user(email="ana@example.org")
    from tests.factories import PASSWORD

    response = client.post(
        "/login", data={"login": "ana@example.org", "password": PASSWORD, "csrf_token": token}
    )
    assert response.status_code == 302
