"""Voting with a thumb: radio buttons, answers kept going back, states and times on the lists."""

import re
from datetime import UTC, datetime, timedelta

from convention.clock import utcnow
from tests.factories import make_ballot
from tests.voting.conftest import code, review, sign_in, vote


def _checked(page: str, ballot) -> dict[int, list[str]]:
    """Return, per item, the values of the radio buttons checked on a page."""
    return {
        item.id: re.findall(rf'name="item_{item.id}" value="(\d)" required checked', page)
        for item in ballot.items
    }


def test_each_item_is_a_group_of_labelled_radio_buttons(client, room):
    convention, facilitator, citizens, _ = room
    ballot = make_ballot(convention, facilitator, opened=True, questions=("A", "B"))
    sign_in(client, citizens[0])
    page = client.get(f"/c/ai/ballots/{ballot.id}").text
    assert "<select" not in page and "Choose</option>" not in page
    assert page.count('<fieldset class="vote-item"') == 2
    assert "<legend>A</legend>" in page and "<legend>B</legend>" in page
    for item in ballot.items:
        radios = re.findall(
            rf'<label class="vote-choice"><input type="radio" name="item_{item.id}"', page
        )
        assert len(radios) == 3
    assert "<span>For</span>" in page and "<span>Abstain</span>" in page
    assert _checked(page, ballot) == {item.id: [] for item in ballot.items}
    assert "You have not voted yet." in page


def test_an_item_left_unanswered_is_named(client, room):
    convention, facilitator, citizens, _ = room
    ballot = make_ballot(convention, facilitator, opened=True, questions=("A", "B"))
    sign_in(client, citizens[0])
    first = ballot.items[0]
    page = client.post(f"/c/ai/ballots/{ballot.id}/votes", data={f"item_{first.id}": "1"})
    assert page.status_code == 422
    assert "Choose an answer." in page.text
    assert _checked(page.text, ballot)[first.id] == ["1"]


def test_going_back_from_the_review_keeps_the_choices_out_of_the_cookie(client, room):
    convention, facilitator, citizens, _ = room
    ballot = make_ballot(convention, facilitator, opened=True, questions=("A", "B"))
    sign_in(client, citizens[0])
    url = f"/c/ai/ballots/{ballot.id}/votes"
    first, second = ballot.items
    confirm = review(client, url, {f"item_{first.id}": code("against"), f"item_{second.id}": "3"})
    back = client.post(url, data=confirm | {"change": "Go back and change"})
    assert back.status_code == 200
    assert "Confirm my vote" not in back.text and "Review my vote" in back.text
    assert _checked(back.text, ballot) == {first.id: ["2"], second.id: ["3"]}
    assert 'name="confirmed" type="hidden" value=""' in back.text
    with client.session_transaction() as session:
        assert not any(key.startswith("item") or key == "confirmed" for key in session)
    assert "You have not voted yet." in client.get(f"/c/ai/ballots/{ballot.id}").text


def test_changing_a_roll_call_vote_starts_from_the_current_one(client, room):
    convention, facilitator, citizens, _ = room
    ballot = make_ballot(convention, facilitator, opened=True, secret=False, questions=("A", "B"))
    sign_in(client, citizens[0])
    first, second = ballot.items
    vote(client, ballot, {first.id: "against", second.id: "abstain"})
    page = client.get(f"/c/ai/ballots/{ballot.id}").text
    assert "Change your vote" in page and "You have voted in this ballot." in page
    assert _checked(page, ballot) == {first.id: ["2"], second.id: ["3"]}


def test_the_list_puts_open_ballots_first_and_says_whether_i_voted(client, room):
    convention, facilitator, citizens, _ = room
    now = utcnow()
    voted = make_ballot(convention, facilitator, opened=True, title="Voted")
    make_ballot(convention, facilitator, opened=True, title="Waiting")
    past = now - timedelta(days=2)
    make_ballot(convention, facilitator, opened_at=past, closed_at=now, title="Done")
    make_ballot(convention, facilitator, title="Later")
    sign_in(client, citizens[0])
    assert vote(client, voted, {"*": "for"}).status_code == 200
    page = client.get("/c/ai/ballots").text
    order = re.findall(r'ballots/\d+">(\w+)</a>', page)
    assert order == ["Waiting", "Voted", "Later", "Done"]
    cards = dict(zip(order, page.split('<li class="card">')[1:], strict=True))
    assert "You have not voted yet." in cards["Waiting"]
    assert "You have voted in this ballot." in cards["Voted"]
    assert "voted" not in cards["Later"] and "voted" not in cards["Done"]


def test_times_are_shown_to_the_minute_in_the_conventions_zone_with_the_closing_time(client, room):
    convention, facilitator, citizens, _ = room
    ballot = make_ballot(
        convention,
        facilitator,
        opens_at=datetime(2024, 3, 5, 8, 30, 45, tzinfo=UTC),
        closes_at=datetime(2099, 12, 1, 5, 43, 18, tzinfo=UTC),
    )
    sign_in(client, citizens[0])
    for url in (f"/c/ai/ballots/{ballot.id}", "/c/ai/ballots"):
        page = _text(client.get(url).text)
        assert "Opened" in page and "March 5, 2024, 9:30 AM" in page  # Paris is UTC+1 in March
        assert "Closes" in page and "December 1, 2099, 6:43 AM" in page
        assert not re.search(r"\d:\d\d:\d\d", page)
    french = _text(client.get(f"/c/ai/ballots/{ballot.id}?lang=fr").text)
    assert "1 décembre 2099, 06:43" in french


def _text(page: str) -> str:
    """Return what a reader sees: the page without its tags, with plain spaces."""
    return re.sub(r"<[^>]+>", " ", page).replace("\u202f", " ").replace("\xa0", " ")
