"""The convention's menu is kept for every reader with the same role: each still sees their own
rights, their unread count, the page they are on and the convention's current name and phase."""

from convention.extensions import db
from convention.models import Convention
from convention.models.notifications import NotificationKind
from convention.notifications.services import notify
from convention.rules.phases import Phase
from convention.rules.policy import Role
from tests.factories import make_convention, make_member


def menu(page: str) -> str:
    return page.split('class="convention-nav"', 1)[1].split("</nav>", 1)[0]


def test_the_kept_menu_follows_the_reader_and_the_convention(client, login_as):
    convention = make_convention(slug="ai", title="On AI", phase=Phase.DELIBERATION)
    facilitator = make_member(convention, role=Role.FACILITATOR)
    citizen, other = make_member(convention), make_member(convention)
    notify([citizen.user_id], convention, NotificationKind.SESSION, "/c/ai/sessions/1", title="1")
    db.session.commit()

    login_as(facilitator.user)
    assert "Moderation" in menu(client.get("/c/ai/topics").text)
    login_as(citizen.user)
    seen = menu(client.get("/c/ai/topics").text)
    assert "Moderation" not in seen and "Notifications (1 new)" in seen
    assert 'href="/c/ai/topics" aria-current="page"' in seen
    login_as(other.user)
    seen = menu(client.get("/c/ai/topics").text)
    assert "Notifications (1 new)" not in seen and ">Notifications<" in seen
    assert 'href="/c/ai/sessions" aria-current="page"' in menu(client.get("/c/ai/sessions").text)

    stored = db.session.get(Convention, convention.id)
    stored.title, stored.phase = "On artificial intelligence", Phase.VOTING
    db.session.commit()
    seen = menu(client.get("/c/ai/topics").text)
    assert "On artificial intelligence" in seen and "Phase: Voting" in seen
    login_as(citizen.user)
    assert "Notifications (1 nouvelle)" in menu(client.get("/c/ai/topics?lang=fr").text)
