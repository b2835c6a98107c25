"""Turn models into the API's public records: only the fields the schemas publish."""

from typing import Any

from flask import url_for

from convention.models import (
    Ballot,
    Briefing,
    Convention,
    ConventionSession,
    CouncilResponse,
    Recommendation,
    ReportVersion,
    SelectionRun,
    Topic,
)
from convention.rules.recommendations import reference
from convention.selection.services import quota_fill
from convention.web.i18n import shipped_languages

# Which page serves each stored report file.
REPORT_FILE_ENDPOINTS = {"report.json": "reports.report_json", "report.csv": "reports.report_csv"}


def convention(c: Convention) -> dict[str, Any]:
    """A public convention."""
    return {
        "slug": c.slug,
        "title": c.title,
        "mandate": c.mandate,
        "description": c.description,
        "phase": c.phase.value,
        "languages": shipped_languages(c.languages),
        "time_zone": c.time_zone,
        "created_at": c.created_at,
    }


def session(s: ConventionSession) -> dict[str, Any]:
    """A session's public parts."""
    return {
        "id": s.id,
        "title": s.title,
        "starts_at": s.starts_at,
        "ends_at": s.ends_at,
        "location": s.location,
        "description": s.description,
        "cancelled": s.cancelled_at is not None,
        "agenda": s.agenda,
    }


def topic(t: Topic, c: Convention) -> dict[str, Any]:
    """A topic and its briefings, without their authors."""
    return {
        "id": t.id,
        "title": t.title,
        "summary": t.summary,
        "body": t.body,
        "position": t.position,
        "is_open": t.is_open,
        "created_at": t.created_at,
        "briefings": [briefing(b, c) for b in sorted(t.briefings, key=lambda b: b.id)],
    }


def briefing(b: Briefing, c: Convention) -> dict[str, Any]:
    """A briefing and links to its files."""
    files = [
        {
            "name": f.original_name,
            "media_type": f.content_type,
            "size": f.size,
            "sha256": f.sha256,
            "url": url_for("topics.download_file", slug=c.slug, file_id=f.id, _external=True),
        }
        for f in b.files
    ]
    fields = ("id", "title", "body", "sources", "link_url", "created_at")
    return {name: getattr(b, name) for name in fields} | {"files": files}


def recommendation(r: Recommendation) -> dict[str, Any]:
    """A voted recommendation and every wording it had."""
    fields = ("id", "title", "body", "rationale", "impact", "topic_id")
    return {name: getattr(r, name) for name in fields} | {
        "reference": reference(r.number),
        "state": r.state.value,
        "versions": r.versions,
    }


def ballot(b: Ballot) -> dict[str, Any]:
    """A closed ballot's rules and frozen results."""
    fields = ("id", "title", "description", "quorum_percent", "secret", "eligible")
    return {name: getattr(b, name) for name in fields} | {
        "method": b.method.value,
        "majority": b.majority.value,
        "threshold": f"{b.threshold_num}/{b.threshold_den}",
        "opened_at": b.opened_at,
        "closed_at": b.closed_at,
        "items": [
            {
                "position": i.position,
                "kind": i.kind.value,
                "title": i.title,
                "question": i.question,
                "recommendation_id": i.recommendation_id,
                "result": i.result,
            }
            for i in sorted(b.items, key=lambda i: i.position)
        ],
    }


def report_version(v: ReportVersion, c: Convention, audit_head: str | None) -> dict[str, Any]:
    """A report version, its hash, and where each of its files is served."""
    files = []
    for f in v.files:
        endpoint = REPORT_FILE_ENDPOINTS.get(f.name, "reports.report_pdf")
        url = url_for(endpoint, slug=c.slug, version=v.number, _external=True)
        files.append(
            {
                "name": f.name,
                "media_type": f.media_type,
                "size": None,
                "sha256": f.sha256,
                "url": url,
            }
        )
    return {
        "number": v.number,
        "sha256": v.sha256,
        "published_at": v.published_at,
        "audit_head": audit_head,
        "files": files,
    }


def council_answer(a: CouncilResponse) -> dict[str, Any]:
    """A council answer with its follow-up; earlier wordings are not stored yet, so none."""
    fields = (
        "id",
        "recommendation_id",
        "reasons",
        "debated_on",
        "votes_for",
        "votes_against",
        "votes_abstain",
        "department",
        "deadline",
        "answered_at",
        "updated_at",
    )
    updates = [
        {
            "status": u.status.value,
            "percent": u.percent,
            "note": u.note,
            "noted_on": u.noted_on,
            "created_at": u.created_at,
        }
        for u in sorted(a.updates, key=lambda u: (u.noted_on, u.id))
    ]
    return {name: getattr(a, name) for name in fields} | {
        "recommendation_reference": reference(a.recommendation.number),
        "decision": a.decision.value,
        "history": [],
        "updates": updates,
    }


def selection(run: SelectionRun, c: Convention) -> dict[str, Any]:
    """The public record of the draw."""
    fields = (
        "method",
        "panel_size",
        "lottery_size",
        "list_hash",
        "published_at",
        "seed",
        "seed_entered_at",
        "drawn_index",
        "drawn_at",
    )
    url = url_for("selection.download_lottery", slug=c.slug, _external=True)
    return {name: getattr(run, name) for name in fields} | {
        "list_url": url,
        "quotas": quota_fill(run),
    }
