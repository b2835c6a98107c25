"""Walk the URL map: management routes refuse visitors, citizens, other conventions' staff."""

import pytest
from flask import Flask

from convention.extensions import db
from convention.models import MinorityOpinion
from convention.rules.policy import Role
from tests.factories import (
    make_amendment,
    make_ballot,
    make_briefing,
    make_comment,
    make_convention,
    make_group,
    make_invitation,
    make_member,
    make_question,
    make_recommendation,
    make_response,
    make_session,
    make_survey,
    make_topic,
    make_user,
)

# Endpoints every visitor may reach, inside or outside a convention.
OPEN_ENDPOINTS = {
    "static",
    "web.health",
    "web.favicon",
    "web.set_language",
    "web.choose_language",
    "auth.login",
    "auth.logout",
    "auth.join",
    "auth.join_by_link",
    "auth.accept_invitation",
    "auth.request_reset",
    "auth.reset_password",
    "conventions.dashboard",
    "privacy.show_privacy",
    # The open data API and its documentation: public reads only, tested in tests/api/.
    "api_docs.api_root",
    "api_docs.show_docs",
    "api-docs.openapi_json",
    "api.list_conventions",
    "api.get_convention",
    "api.list_sessions",
    "api.list_topics",
    "api.list_recommendations",
    "api.list_ballots",
    "api.get_ballot",
    "api.list_report_versions",
    "api.list_council_answers",
    "api.get_selection",
}
# Pages every member of the convention may read.
MEMBER_ENDPOINTS = {
    "conventions.show_convention": 200,
    "conventions.show_charter": 200,
    "privacy.show_notice": 200,
    "privacy.record_consent": 302,  # an empty form says "do not name me"
    "selection.show_selection": 200,
    "selection.download_lottery": 404,  # nothing is published in this convention
    "topics.list_topics": 200,
    "topics.show_topic": 200,
    "topics.list_questions": 200,
    "topics.download_file": 404,  # no document is stored in this convention
    "comments.show_history": 200,
    "meetings.list_sessions": 200,
    "meetings.show_session": 200,
    "meetings.calendar_ics": 200,
    "meetings.session_ics": 200,
    "recommendations.list_recommendations": 200,
    "recommendations.show_recommendation": 200,
    "recommendations.show_history": 200,
    "amendments.show_amendment": 200,
    # Ballot 1 is scheduled: its page and count are readable, its results sealed for everyone.
    "voting.list_ballots": 200,
    "voting.show_ballot": 200,
    "voting.live_status": 200,
    "voting.list_results": 200,
    "voting.show_results": 403,
    "voting.export_results": 403,
    "voting.check_receipt": 403,
    # Report and accountability: no report is published; answer 1 is the council's to R-1.
    "reports.show_report": 404,
    "reports.report_json": 404,
    "reports.report_csv": 404,
    "reports.report_pdf": 404,
    "reports.verify_report": 404,
    "council.show_accountability": 200,
    "council.show_transparency": 200,
    "council.show_response": 200,
    # Survey 1 is open with a required question: readable, its results hidden until it closes.
    "surveys.list_surveys": 200,
    "surveys.show_survey": 200,
    "surveys.show_results": 403,
}
# What each role may use beyond those pages, and what the walk's empty requests then answer
# (422: the form is refused as empty, which shows the guard let the request through).
_FLAG = {("comments.flag_comment", "GET"): 200, ("comments.flag_comment", "POST"): 422}
_COMMENT = {
    ("comments.post_comment", "POST"): 422,
    ("comments.reply_to_comment", "GET"): 200,
    ("comments.reply_to_comment", "POST"): 422,
}
_INFORM = {
    (endpoint, method): 200 if method == "GET" else 422
    for endpoint in ("topics.new_briefing", "topics.new_hearing", "topics.answer_question")
    for method in ("GET", "POST")
}
# Recommendations in deliberation: recommendation 1 is submitted by a group the walker is not in;
# amending waits for the amendment phase, and deciding is for the authors.
_DISCUSS = {
    ("recommendations.comment_recommendation", "POST"): 422,
    ("amendments.comment_amendment", "POST"): 422,
}
_GROUPS = {("groups.list_groups", "GET"): 200, ("groups.show_group", "GET"): 200}
_DRAFT = {
    ("recommendations.new_recommendation", "GET"): 200,
    ("recommendations.new_recommendation", "POST"): 422,
    ("recommendations.change_state", "POST"): 403,  # not among recommendation 1's authors
    ("recommendations.support_recommendation", "POST"): 303,
    ("recommendations.withdraw_support", "POST"): 303,
    ("recommendations.write_opinion", "POST"): 422,
    ("recommendations.cosign_opinion", "POST"): 303,
}
# Voting on a scheduled ballot: the empty form is refused before the ballot's state is.
# Proxies: the member's own page and its empty form; mandate 1 does not exist (404).
_VOTE = {
    ("voting.cast_vote", "POST"): 422,
    ("voting.list_proxies", "GET"): 200,
    ("voting.list_proxies", "POST"): 422,
    ("voting.revoke_proxy", "POST"): 404,
    ("voting.vote_by_proxy", "GET"): 404,
    ("voting.vote_by_proxy", "POST"): 404,
}
# The council answers adopted recommendations only (R-1 is not: 404) and updates answer 1;
# citizens reply to it once.
_ANSWER = {
    ("council.answer_recommendation", "GET"): 404,
    ("council.answer_recommendation", "POST"): 404,
    ("council.add_update", "POST"): 422,
}
_REPLY = {("council.reply_to_response", "POST"): 422}
_ANSWER_SURVEY = {("surveys.answer_survey", "POST"): 422}  # the required question left blank
ROLE_ENDPOINTS = {
    Role.CITIZEN: _VOTE
    | _FLAG
    | _COMMENT
    | {("topics.ask_question", "POST"): 422}
    | _DISCUSS
    | _GROUPS
    | _DRAFT
    | _REPLY
    | _ANSWER_SURVEY
    | {("meetings.send_apology", "POST"): 400},  # an empty form says neither yes nor no
    Role.EXPERT: _FLAG | _COMMENT | _INFORM | _DISCUSS | _GROUPS,
    Role.COUNCIL: _FLAG | _ANSWER,
    Role.OBSERVER: _FLAG
    | {("conventions.show_audit", "GET"): 200, ("conventions.export_audit", "GET"): 200},
}
# Pages that only need a signed-in account.
ACCOUNT_ENDPOINTS = {
    "auth.account",
    "auth.change_password",
    "auth.end_sessions",
    "notifications.list_notifications",
    "notifications.mark_read",
    "notifications.change_settings",
    "notifications.open_notification",
    "privacy.show_data",
    "privacy.download_data",
    "privacy.erase_account",
}


def routes(app: Flask, prefix: str):
    """Yield (endpoint, method, url) for every route under `prefix`, ids filled with 1."""
    for rule in app.url_map.iter_rules():
        if rule.endpoint in OPEN_ENDPOINTS:
            continue
        url = rule.rule.replace("<slug>", "private")
        for arg in rule.arguments - {"slug"}:
            url = url.replace(f"<int:{arg}>", "1").replace(f"<{arg}>", "1")
        if url.startswith(prefix):
            for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
                yield rule.endpoint, method, url


@pytest.fixture
def private(app):
    convention = make_convention(slug="private", public=False)
    facilitator = make_member(convention, role=Role.FACILITATOR)
    citizen = make_member(convention, role=Role.CITIZEN)
    make_invitation(convention)
    # Deliberation objects numbered 1; the comment is another citizen's.
    topic = make_topic(convention)
    make_comment(topic, make_member(convention))
    make_question(topic, citizen)
    make_briefing(topic, facilitator)  # an expert may not withdraw it: not its author
    make_session(convention)
    # Recommendation objects numbered 1, written by a group the walking member is not in.
    writer = make_member(convention)
    group = make_group(convention, members=[writer], topics=[topic])
    recommendation = make_recommendation(topic, writer, group=group, state="submitted")
    make_amendment(recommendation, make_member(convention))
    db.session.add(
        MinorityOpinion(
            convention_id=convention.id,
            recommendation_id=recommendation.id,
            author_id=writer.id,
            body="I disagree.",
        )
    )
    make_ballot(convention, facilitator)  # ballot 1, scheduled
    make_response(recommendation, make_member(convention, role=Role.COUNCIL))  # answer 1
    make_survey(convention, facilitator, required=True, opened=True)  # survey 1, question 1
    db.session.commit()
    return convention, citizen


def call(client, method: str, url: str):
    return client.open(url, method=method, data={})


def expected_status(role: Role, endpoint: str, method: str) -> int:
    """What a member with `role` gets from the walk's request: a page, a refused form, or 403."""
    if endpoint in MEMBER_ENDPOINTS:
        return MEMBER_ENDPOINTS[endpoint]
    return ROLE_ENDPOINTS[role].get((endpoint, method), 403)


def test_the_walk_covers_every_management_route(app):
    endpoints = {endpoint for endpoint, _, _ in routes(app, "/c/")}
    assert {
        "members.list_members",
        "members.change_role",
        "members.list_invitations",
        "members.import_invitations",
        "conventions.change_phase",
        "conventions.show_audit",
        "conventions.export_audit",
        "comments.show_moderation",
        "comments.hide_comment",
        "meetings.record_attendance",
        "participation.show_participation",
        "recommendations.show_board",
        "groups.draw_groups",
        "groups.upload_attributes",
        "amendments.accept_amendment",
        "amendments.reject_amendment",
        "voting.new_ballot",
        "voting.open_ballot",
        "voting.close_ballot",
        "voting.show_projector",
        "voting.record_paper",
        "voting.record_paper_proxy",
        "voting.cancel_proxy",
        "reports.edit_report",
        "reports.publish_report",
        "council.answer_recommendation",
        "council.add_update",
        "surveys.new_survey",
        "surveys.open_survey",
        "surveys.close_survey",
        "surveys.remove_question",
        "surveys.export_results",
    } <= endpoints


def test_anonymous_visitors_are_sent_to_sign_in_everywhere(app, client, private):
    for endpoint, method, url in routes(app, "/"):
        response = call(client, method, url)
        assert response.status_code == 302, (endpoint, method)
        assert response.location.startswith("/login"), (endpoint, method)


def test_citizens_cannot_reach_management_routes(app, client, login_as, private):
    _, citizen = private
    login_as(citizen.user)
    for endpoint, method, url in routes(app, "/c/"):
        expected = expected_status(Role.CITIZEN, endpoint, method)
        assert call(client, method, url).status_code == expected, (endpoint, method)


@pytest.mark.parametrize("role", [Role.EXPERT, Role.COUNCIL, Role.OBSERVER])
def test_other_roles_cannot_reach_management_routes(app, client, login_as, private, role):
    convention, _ = private
    login_as(make_member(convention, role=role).user)
    for endpoint, method, url in routes(app, "/c/"):
        if endpoint not in MEMBER_ENDPOINTS:
            expected = expected_status(role, endpoint, method)
            assert call(client, method, url).status_code == expected, (endpoint, method)


def test_a_facilitator_of_another_convention_is_refused(app, client, login_as, private):
    other = make_convention(slug="other")
    login_as(make_member(other, role=Role.FACILITATOR).user)
    for endpoint, method, url in routes(app, "/c/"):
        assert call(client, method, url).status_code == 403, (endpoint, method)


def test_only_administrators_reach_the_administration(app, client, login_as, private):
    convention, _ = private
    login_as(make_member(convention, role=Role.FACILITATOR).user)
    for endpoint, method, url in routes(app, "/admin"):
        assert call(client, method, url).status_code == 403, (endpoint, method)


def test_account_pages_only_need_an_account(app, client, login_as):
    login_as(make_user())
    for endpoint, method, url in routes(app, "/account"):
        assert endpoint in ACCOUNT_ENDPOINTS
        assert call(client, method, url).status_code in (200, 302, 303, 422), (endpoint, method)


def test_an_unknown_convention_answers_404(client, login_as):
    login_as(make_user())
    assert client.get("/c/nowhere/").status_code == 404
    assert client.get("/c/nowhere/members").status_code == 404


def test_a_public_convention_is_readable_by_anyone_but_not_its_management(client):
    make_convention(slug="open", public=True, title="Open convention")
    assert "Open convention" in client.get("/c/open/").text
    assert client.get("/c/open/charter").status_code == 200
    assert client.get("/c/open/members").status_code == 302
