"""A valid submission for every form the fuzz walk reaches: it must be accepted at least once."""

from collections.abc import Callable
from dataclasses import dataclass, field

from convention.rules.phases import Phase
from tests.web.fuzz_world import (
    CONTACTS,
    POOL,
    QUOTAS,
    World,
    comment_flagged,
    comment_hidden,
    open_ballot,
    open_survey,
    run_drawn,
    run_published,
    run_running,
    run_seeded,
    set_phase,
)


@dataclass
class Upload:
    """A file to send in a form."""

    content: bytes
    name: str


def resolve(value, ids: dict):
    """Fill the world's ids into a table value: "{topic_id}" becomes the topic's id."""
    if isinstance(value, str) and "{" in value:
        return value.format_map(ids)
    if isinstance(value, list):
        return [resolve(v, ids) for v in value]
    if isinstance(value, dict):
        return {resolve(k, ids): resolve(v, ids) for k, v in value.items()}
    return value


@dataclass
class Valid:
    """Who sends a form that must be accepted, what it holds, and the state it needs."""

    role: str
    data: dict = field(default_factory=dict)
    prepare: Callable[[World], None] | None = None
    path: dict = field(default_factory=dict)
    # Session keys the form needs, each naming the world's id to hold: {"invitation_id": ...}.
    session: dict = field(default_factory=dict)


def phase(target: Phase) -> Callable[[World], None]:
    """Prepare the world by moving the convention to `target`."""
    return lambda world: set_phase(target)


SESSION_TIMES = {"starts_at": "2027-05-03T18:00", "ends_at": "2027-05-03T21:00"}
CSV = Upload(b"name,email\nAna Lima,ana@example.org\n", "people.csv")
AMENDING = phase(Phase.AMENDMENTS)
ADOPTED = {"recommendation_id": "{adopted_id}"}
SUBMITTED = {"recommendation_id": "{submitted_id}"}
OWN_COMMENT = {"comment_id": "{own_comment_id}"}
VOTE = {"item_{ballot_item_id}": "1", "confirmed": "yes"}  # "1" is the form code of "for"
CONFIRMED = {"confirmed": "yes"}  # sent from the "Are you sure?" page: the request that acts


def _ballot_open(world: World) -> None:
    open_ballot(world)


VALID: dict[str, Valid] = {
    # Outside conventions.
    "web.set_language": Valid("anonymous", {"locale": "fr", "next": "/"}),
    "auth.login": Valid(
        "anonymous", {"login": "{citizen_email}", "password": "correct horse battery"}
    ),
    "auth.logout": Valid("citizen"),
    "auth.join": Valid("anonymous", {"code": "{code}"}),
    "auth.request_reset": Valid("anonymous", {"email": "someone@example.org"}),
    "auth.account": Valid("citizen", {"display_name": "Ana", "locale": "fr"}),
    "auth.change_password": Valid(
        "citizen",
        {
            "current_password": "correct horse battery",
            "new_password": "a much longer secret",
            "confirm": "a much longer secret",
        },
    ),
    "auth.end_sessions": Valid("citizen"),
    "notifications.mark_read": Valid("citizen"),
    "notifications.open_notification": Valid("citizen"),
    "notifications.change_settings": Valid("citizen", {"email": "y"}),
    "meetings.send_apology": Valid("citizen", {"apology": "send"}),
    "privacy.record_consent": Valid("citizen", {"consent": "y"}),
    "privacy.erase_account": Valid(
        "citizen", {"password": "correct horse battery", "understood": "y"}
    ),
    "admin.create_convention": Valid(
        "facilitator",
        {
            "title": "Mobility",
            "slug": "mobility",
            "mandate": "How do we move?",
            "time_zone": "Europe/Paris",
            "languages": "fr",
        },
    ),
    "admin.appoint_facilitator": Valid(
        "facilitator", {"email": "lead@example.org", "name": "Lead Person"}
    ),
    # Convention and members.
    "conventions.change_phase": Valid("facilitator", {"phase": "drafting", **CONFIRMED}),
    "conventions.edit_convention": Valid(
        "facilitator",
        {
            "title": "Convention on AI",
            "mandate": "How can AI serve residents?",
            "time_zone": "Europe/Paris",
            "languages": "fr",
        },
    ),
    "members.create_invitation": Valid(
        "facilitator", {"email": "new@example.org", "name": "New Person", "role": "citizen"}
    ),
    "members.import_invitations": Valid("facilitator", {"file": CSV}),
    "members.print_import_letters": Valid("facilitator"),
    "members.resend_invitation": Valid("facilitator"),
    "members.revoke_invitation": Valid("facilitator"),
    "members.change_role": Valid("facilitator", {"role": "expert"}),
    "members.deactivate_member": Valid("facilitator"),
    "members.reactivate_member": Valid("facilitator"),
    "members.onboard_member": Valid(
        "facilitator",
        {
            "display_name": "Walk In",
            "login": "walkin",
            "password": "a long enough secret",
            "pseudonym": "Walk",
            "role": "citizen",
            "charter": "y",
        },
    ),
    # Deliberation.
    "topics.new_topic": Valid("facilitator", {"title": "Housing", "summary": "Rents"}),
    "topics.edit_topic": Valid("facilitator", {"title": "Video", "is_open": "y"}),
    "topics.move_topic": Valid("facilitator", {"direction": "up"}),
    "topics.new_briefing": Valid("expert", {"title": "Figures", "body": "Numbers."}),
    "topics.delete_briefing": Valid("expert"),
    "topics.new_hearing": Valid(
        "facilitator",
        {"expert_name": "Dr Who", "held_at": "2027-05-03T18:00", "summary": "Spoke."},
    ),
    "topics.ask_question": Valid("citizen", {"question": "How many cameras are there?"}),
    "topics.answer_question": Valid("expert", {"answer": "Two hundred."}),
    "comments.post_comment": Valid("citizen", {"body": "I agree with this.", "stance": "for"}),
    "comments.reply_to_comment": Valid("citizen", {"body": "Me too.", "stance": "remark"}),
    "comments.edit_comment": Valid("citizen", {"body": "Edited text."}, path=OWN_COMMENT),
    "comments.flag_comment": Valid("citizen", {"reason": "spam", "note": "Advert"}),
    "comments.hide_comment": Valid("facilitator", {"reason": "Insults."}),
    "comments.restore_comment": Valid("facilitator", prepare=comment_hidden),
    "comments.delete_comment": Valid("citizen", path=OWN_COMMENT),
    "comments.dismiss_flags": Valid("facilitator", prepare=comment_flagged),
    "meetings.new_session": Valid("facilitator", {"title": "Session 2"} | SESSION_TIMES),
    "meetings.edit_session": Valid("facilitator", {"title": "Session 1b"} | SESSION_TIMES),
    "meetings.cancel_session": Valid("facilitator"),
    "meetings.add_agenda_item": Valid("facilitator", {"title": "Debate", "minutes": "30"}),
    "meetings.move_agenda_item": Valid("facilitator", {"direction": "down"}),
    "meetings.remove_agenda_item": Valid("facilitator"),
    "meetings.record_attendance": Valid("facilitator", {"status-{citizen_member_id}": "present"}),
    # Recommendations.
    "groups.new_group": Valid(
        "facilitator", {"name": "Atelier B", "description": "Second", "topics": ["{topic_id}"]}
    ),
    "groups.edit_members": Valid("facilitator", {"members": ["{citizen_member_id}"]}),
    "groups.draw_groups": Valid("facilitator", {"seed": "12345"}),
    "groups.upload_attributes": Valid(
        "facilitator", {"file": Upload(b"pseudonym,age\nPerson,30\n", "attributes.csv")}
    ),
    "recommendations.new_recommendation": Valid(
        "citizen",
        {
            "title": "Fewer cameras",
            "body": "Remove half.",
            "topic_id": "{topic_id}",
            "group_id": "{group_id}",
        },
    ),
    "recommendations.edit_recommendation": Valid(
        "citizen", {"title": "Publish", "body": "Publish it all.", "topic_id": "{topic_id}"}
    ),
    "recommendations.change_state": Valid("citizen", {"target": "submitted"}),
    "recommendations.show_board": Valid("facilitator", {"target": "final"}),
    "recommendations.comment_recommendation": Valid(
        "citizen",
        {"body": "Good idea.", "stance": "for"},
        path=SUBMITTED,
    ),
    "recommendations.support_recommendation": Valid("citizen", path=SUBMITTED),
    "recommendations.withdraw_support": Valid("citizen", path=SUBMITTED),
    "recommendations.write_opinion": Valid(
        "citizen", {"body": "I see it otherwise."}, path=ADOPTED
    ),
    "recommendations.cosign_opinion": Valid("citizen"),
    "amendments.propose_amendment": Valid(
        "facilitator",
        {"paragraph": "0", "new_text": "Other words.", "justification": "Clearer."},
        prepare=AMENDING,
        path=SUBMITTED,
    ),
    "amendments.comment_amendment": Valid("citizen", {"body": "Yes.", "stance": "for"}),
    "amendments.accept_amendment": Valid("citizen", prepare=AMENDING),
    "amendments.reject_amendment": Valid("citizen", {"reason": "No."}, prepare=AMENDING),
    # Voting.
    "voting.new_ballot": Valid(
        "facilitator",
        {
            "title": "Charter vote",
            "method": "approval",
            "majority": "expressed",
            "threshold": "1/2",
            "quorum_percent": "0",
            "opens_at": "2027-05-03T18:00",
            "closes_at": "2027-05-03T19:00",
        },
    ),
    "voting.edit_ballot": Valid(
        "facilitator",
        {
            "title": "Plenary vote",
            "method": "approval",
            "majority": "expressed",
            "threshold": "pct",
            "percent": "60",
            "quorum_percent": "10",
        },
    ),
    "voting.add_item": Valid("facilitator", {"subject": "question", "title": "Adopt?"}),
    "voting.open_ballot": Valid("facilitator"),
    "voting.close_ballot": Valid("facilitator", CONFIRMED, _ballot_open),
    "voting.cast_vote": Valid("citizen", VOTE, _ballot_open),
    # Surveys: written, opened, answered once, closed.
    "surveys.new_survey": Valid(
        "facilitator", {"title": "Closing evaluation", "stage": "after", "from_template": "y"}
    ),
    "surveys.add_question": Valid("facilitator", {"kind": "scale", "prompt": "Clear?"}),
    "surveys.edit_question": Valid(
        "facilitator", {"kind": "choice", "prompt": "Again?", "options": "Yes\nNo"}
    ),
    "surveys.remove_question": Valid("facilitator"),
    "surveys.open_survey": Valid("facilitator"),
    "surveys.close_survey": Valid("facilitator", prepare=open_survey),
    "surveys.answer_survey": Valid("citizen", {"q{question_id}": "4"}, open_survey),
    # The absent member's proxy, held by the citizen; the citizen's own, given for the session.
    "voting.vote_by_proxy": Valid("citizen", VOTE, _ballot_open),
    "voting.list_proxies": Valid("citizen", {"holder": "{membership_id}", "scope": "b{ballot_id}"}),
    "voting.revoke_proxy": Valid("citizen", path={"mandate_id": "{given_mandate_id}"}),
    "voting.cancel_proxy": Valid("facilitator"),
    "voting.record_paper_proxy": Valid(
        "facilitator",
        {"giver": "{citizen_member_id}", "holder": "{membership_id}", "scope": "b{ballot_id}"},
    ),
    "voting.check_receipt": Valid(
        "citizen", {"code": "{receipt}"}, path={"ballot_id": "{closed_ballot_id}"}
    ),
    "voting.record_paper": Valid(
        "facilitator",
        {
            "members": ["{citizen_member_id}"],
            "yes_{ballot_item_id}": "1",
            "no_{ballot_item_id}": "0",
            "abstain_{ballot_item_id}": "0",
        },
        _ballot_open,
    ),
    # Report and accountability.
    "reports.edit_report": Valid("facilitator", {"introduction": "Hello.", "conclusion": "Bye."}),
    "reports.publish_report": Valid("facilitator", {"latest": "0", **CONFIRMED}),
    "council.answer_recommendation": Valid(
        "council",
        {
            "decision": "adopted",
            "debated_on": "2027-01-10",
            "reasons": "Good.",
            "votes_for": "30",
            "votes_against": "2",
            "votes_abstain": "1",
        },
        path=ADOPTED,
    ),
    "council.add_update": Valid(
        "council",
        {"status": "in_progress", "percent": "40", "noted_on": "2027-02-01", "note": "Started."},
    ),
    "council.reply_to_response": Valid("citizen", {"body": "Thank you for the answer."}),
    # Accounts from a link or a held invitation.
    "auth.accept_invitation": Valid(
        "anonymous",
        {
            "display_name": "Invited Person",
            "pseudonym": "Invited",
            "password": "a long enough secret",
            "confirm": "a long enough secret",
            "charter": "y",
        },
        session={"invitation_id": "invitation_id"},
    ),
    "auth.reset_password": Valid(
        "anonymous",
        {"password": "a long enough secret", "confirm": "a long enough secret"},
        path={"token": "{reset_token}"},
    ),
    # Selection: the world holds a run computed from these files.
    "selection.start_run": Valid(
        "facilitator",
        {
            "pool": Upload(POOL.encode(), "pool.csv"),
            "quotas": Upload(QUOTAS.encode(), "quotas.csv"),
            "size": "4",
            "method": "leximin",
            "household": "",
        },
    ),
    "selection.cancel_run": Valid("facilitator", prepare=run_running),
    "selection.publish_list": Valid("facilitator"),
    "selection.enter_seed": Valid("facilitator", {"seed": "3 6 1 4 2 5"}, run_published),
    "selection.draw_panel": Valid("facilitator", prepare=run_seeded),
    "selection.invite_contacts": Valid(
        "facilitator",
        {"file": Upload(CONTACTS.encode(), "contacts.csv"), "include_reserves": "y"},
        run_drawn,
    ),
}
