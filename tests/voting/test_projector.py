"""The room's screen: the ballot alone in large type, its live count and a QR code to vote."""

import re

from tests.factories import make_ballot
from tests.voting.conftest import sign_in


def test_the_projector_shows_the_ballot_and_a_qr_code_but_no_menu(client, room):
    convention, facilitator, _, _ = room
    ballot = make_ballot(convention, facilitator, opened=True)
    sign_in(client, facilitator)
    response = client.get(f"/c/ai/ballots/{ballot.id}/projector")
    page = response.text
    assert response.status_code == 200
    assert ballot.title in page and 'id="live-count"' in page
    # Nothing of the site's frame: no header, menus, footer; the only link reloads the page.
    assert "<nav" not in page and "<header" not in page and "<footer" not in page
    for word in ("Moderation", "Members", "Audit log", "Sign out", "My dashboard"):
        assert word not in page
    links = re.findall(r'href="([^"]+)"', page.split("<body", 1)[1])
    assert links == [f"/c/ai/ballots/{ballot.id}/projector"]
    # The QR code is drawn inline, the address it holds printed beside it.
    address = f"http://convention.test/c/ai/ballots/{ballot.id}"
    assert re.search(r'<svg viewBox="0 0 \d+ \d+" class="qr"><title>QR code', page)
    assert f'<span class="address">{address}</span>' in page
    # The CSP holds: no inline style or script, nothing from elsewhere.
    assert "style=" not in page and "<script>" not in page
    assert re.findall(r'src="([^"]+)"', page) == ["/static/page.js", "/static/voting.js"]
    assert "script-src 'self'" in response.headers["Content-Security-Policy"]


def test_a_closed_ballot_on_the_projector_shows_its_result_without_a_qr_code(client, room):
    convention, facilitator, _, _ = room
    ballot = make_ballot(convention, facilitator, opened=True)
    sign_in(client, facilitator)
    client.post(f"/c/ai/ballots/{ballot.id}/close", data={"confirmed": "yes"})
    page = client.get(f"/c/ai/ballots/{ballot.id}/projector").text
    assert 'class="qr"' not in page and "result-chart" in page
