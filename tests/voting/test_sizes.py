"""Nothing observable varies with the choice: vote requests and answers are of one length."""

import re

import pytest

from convention.config import PROJECT_ROOT
from tests.conftest import put_session
from tests.factories import make_ballot, make_member, make_user

# English is the source language; every catalog shipped in translations/ is another.
LANGUAGES = ["en"] + sorted(
    path.name
    for path in (PROJECT_ROOT / "translations").iterdir()
    if (path / "LC_MESSAGES" / "messages.po").exists()
)
INPUT = re.compile(r"<input [^>]*>")
ATTRIBUTE = re.compile(r'(\w+)="([^"]*)"')


def _hidden(page: str) -> dict[str, str]:
    """Return the hidden fields of a page's forms, as a browser would send them."""
    fields = [dict(ATTRIBUTE.findall(tag)) for tag in INPUT.findall(page)]
    return {f["name"]: f.get("value", "") for f in fields if f.get("type") == "hidden"}


def _voter(convention, number: int):
    """Add a member named like every other voter, so names do not change page sizes."""
    user = make_user(name=f"Voter {number}", email=f"voter{number}@example.org")
    return make_member(convention, user=user, pseudonym="Voter")


def _observed(app, ballot, answer: str, language: str, member) -> dict:
    """Vote `answer` on every item as `member`; return what an observer could measure."""
    client = app.test_client()
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = language
    put_session(client, member.user)
    url = f"/c/ai/ballots/{ballot.id}/votes"
    form_page = client.get(f"/c/ai/ballots/{ballot.id}").text
    answers = {f"item_{item.id}": answer for item in ballot.items}
    review = client.post(url, data=_hidden(form_page) | answers)
    assert review.status_code == 200
    assert f'value="{answer}" checked' in review.text  # the review shows this very choice
    receipt = client.post(url, data=_hidden(review.text))
    assert receipt.status_code == 200 and "Confirm" not in receipt.text
    ballot_page = client.get(f"/c/ai/ballots/{ballot.id}")
    return {
        "ballot page": len(ballot_page.data),
        "review request": review.request.content_length,
        "review": len(review.data),
        "confirmation request": receipt.request.content_length,
        "receipt": len(receipt.data),
        "cookies": [len(c) for c in review.headers.getlist("Set-Cookie")]
        + [len(c) for c in receipt.headers.getlist("Set-Cookie")],
        "cache": {review.headers["Cache-Control"], receipt.headers["Cache-Control"]},
    }


@pytest.mark.csrf
@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("secret", [True, False], ids=["secret", "roll-call"])
@pytest.mark.parametrize("method", ["approval", "judgment"])
def test_every_choice_gives_requests_and_pages_of_one_length(app, room, language, secret, method):
    convention, facilitator, citizens, _ = room
    # Voters join before the ballot opens: the electorate is fixed then.
    voters = [_voter(convention, 10 + n) for n in range(7)]
    ballot = make_ballot(
        convention, facilitator, opened=True, secret=secret, method=method, questions=("A", "B")
    )
    client = app.test_client()
    put_session(client, citizens[0].user)
    page = client.get(f"/c/ai/ballots/{ballot.id}").text
    options = sorted(set(re.findall(r'<input type="radio" name="item_\d+" value="([^"]+)"', page)))
    assert len(options) == (7 if method == "judgment" else 3)
    observed = [
        _observed(app, ballot, answer, language, voters[n]) for n, answer in enumerate(options)
    ]
    for measure in observed[0]:
        assert len({repr(o[measure]) for o in observed}) == 1, (measure, observed)
    assert observed[0]["cache"] == {"no-store, no-transform"}
