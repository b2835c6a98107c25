"""Visitors switch language by a plain link: public pages hold no form, no token, no cookie."""

from tests.factories import make_convention, make_member


def test_public_pages_hold_no_csrf_token_and_set_no_cookie(client):
    make_convention(slug="ai", public=True)
    for path in ("/", "/c/ai/", "/c/ai/charter", "/privacy", "/login"):
        response = client.get(path)
        assert response.status_code == 200, path
        if path != "/login":  # the sign-in form needs its token
            assert "csrf_token" not in response.text, path
            assert "Set-Cookie" not in response.headers, path


def test_the_language_link_switches_and_comes_back_to_the_page(client):
    make_convention(slug="ai", public=True)
    page = client.get("/c/ai/", headers={"Accept-Language": "en"}).text
    assert 'href="/language/fr?next=/c/ai/?"' in page and 'hreflang="fr"' in page
    response = client.get("/language/fr?next=/c/ai/")
    assert response.status_code == 302 and response.location == "/c/ai/"
    assert '<html lang="fr">' in client.get("/c/ai/").text
    # An unknown language or a foreign address changes nothing and stays on this site.
    response = client.get("/language/zz?next=https://evil.example/")
    assert not response.location.startswith("https://evil")
    assert '<html lang="fr">' in client.get("/c/ai/").text


def test_signed_in_people_keep_the_form_that_also_saves_their_choice(client, login_as):
    convention = make_convention(slug="ai")
    login_as(make_member(convention).user)
    page = client.get("/c/ai/").text
    assert 'action="/language"' in page and "/language/fr" not in page
