"""Errors answer in the reader's language, as a page or as JSON, never as a bare 500."""

import pytest
from flask import Flask

from tests.factories import make_convention, make_member, make_user


def test_404_in_english_and_french(client):
    assert "Page not found" in client.get("/nope").text
    french = client.get("/nope", headers={"Accept-Language": "fr-FR,fr;q=0.9"})
    assert french.status_code == 404
    assert 'lang="fr"' in french.text
    assert "Page not found" not in french.text


def test_403_page(client, login_as):
    make_convention(slug="ai")
    login_as(make_user())
    response = client.get("/c/ai/")
    assert response.status_code == 403 and "Not allowed" in response.text


def test_api_clients_get_json(client):
    response = client.get("/nope", headers={"Accept": "application/json"})
    assert response.status_code == 404
    assert response.get_json() == {
        "error": "Page not found",
        "message": response.get_json()["message"],
        "status": 404,
    }


@pytest.mark.own_app
def test_unexpected_errors_answer_a_friendly_500(app: Flask, client):
    app.config["PROPAGATE_EXCEPTIONS"] = False

    @app.get("/boom")
    def boom():
        raise RuntimeError("boom")

    response = client.get("/boom")
    assert response.status_code == 500
    assert "Nothing you had saved was lost" in response.text
    assert "RuntimeError" not in response.text


@pytest.mark.parametrize("data", [{"phase": "voting"}, {"phase": "nonsense"}, {}])
def test_an_impossible_phase_move_is_explained_not_crashed(client, login_as, data):
    from convention.rules.policy import Role

    convention = make_convention(slug="ai")
    login_as(make_member(convention, role=Role.FACILITATOR).user)
    response = client.post("/c/ai/phase", data=data, follow_redirects=True)
    assert response.status_code == 200
    assert "cannot move to this phase" in response.text
