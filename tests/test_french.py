"""Every word in the reader's language: French pages, letters and messages, with French grammar."""

FR = {"Accept-Language": "fr"}


def test_a_form_error_summary_is_in_french(client):
    page = client.post("/login", data={"login": "", "password": ""}, headers=FR)
    assert page.status_code == 422
    assert "Veuillez corriger ce qui suit :" in page.text


def test_the_login_required_message_is_in_french(client):
    page = client.get("/account", headers=FR, follow_redirects=True)
    assert "Veuillez vous connecter pour accéder à cette page." in page.text
    assert "Please log in" not in page.text
