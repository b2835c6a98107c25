"""Report assembly as a pure function: plain records in, the snapshot's content out.

The panel's own words (titles, texts, rationales, minority opinions) are copied as they are: the
software never rewrites them. Nothing personal goes in: no names, no pseudonyms, only counts.
"""

import hashlib
import json
from dataclasses import asdict, dataclass, field
from typing import Any

SCHEMA = "convention-report/1"


@dataclass(frozen=True)
class ResultRecord:
    """A frozen vote result on one recommendation, as the tally wrote it."""

    votes_for: int
    votes_against: int
    votes_abstain: int
    participants: int
    eligible: int
    expressed: int
    required: int
    quorum_needed: int
    quorum_met: bool
    outcome: str
    majority: str
    threshold: str
    quorum_percent: int
    ballot: str = ""
    closed_on: str = ""


@dataclass(frozen=True)
class ResponseRecord:
    """The council's answer at the time of publication."""

    decision: str
    reasons: str
    debated_on: str
    votes_for: int
    votes_against: int
    votes_abstain: int
    department: str
    deadline: str


@dataclass(frozen=True)
class RecommendationRecord:
    """A recommendation as the panel wrote it, with its evidence and minority opinions."""

    id: int
    reference: str
    title: str
    body: str
    rationale: str
    impact: str
    state: str
    topic: str
    group: str = ""
    evidence: tuple[str, ...] = ()
    minority_opinions: tuple[tuple[str, int], ...] = ()
    supports: int = 0


@dataclass(frozen=True)
class SessionRecord:
    """A session of the convention and how many members attended it."""

    title: str
    date: str
    present: int
    expected: int


@dataclass(frozen=True)
class HearingRecord:
    """An expert hearing: experts are public figures, named with their interests."""

    expert: str
    affiliation: str
    topic: str
    date: str


@dataclass(frozen=True)
class ReportInput:
    """Everything the report is assembled from, read from the database beforehand."""

    title: str
    slug: str
    mandate: str
    introduction: str = ""
    conclusion: str = ""
    selection: dict[str, Any] = field(default_factory=dict)
    composition: tuple[tuple[str, str, int], ...] = ()
    members: int = 0
    sessions: tuple[SessionRecord, ...] = ()
    hearings: tuple[HearingRecord, ...] = ()
    recommendations: tuple[RecommendationRecord, ...] = ()
    results: dict[int, ResultRecord] = field(default_factory=dict)
    responses: dict[int, ResponseRecord] = field(default_factory=dict)


def share(part: int, whole: int) -> float:
    """Return part/whole rounded to four places, 0 for an empty whole."""
    return round(part / whole, 4) if whole else 0.0


def _result(result: ResultRecord | None) -> dict[str, Any] | None:
    """Describe a result with its percentages of the votes expressed."""
    if result is None:
        return None
    described = asdict(result)
    described["percent_for"] = share(result.votes_for, result.expressed)
    described["percent_against"] = share(result.votes_against, result.expressed)
    described["percent_abstain"] = share(result.votes_abstain, result.participants)
    return described


def _recommendation(rec: RecommendationRecord, source: ReportInput) -> dict[str, Any]:
    """Describe one recommendation with its result and the council's answer, if any."""
    response = source.responses.get(rec.id)
    return {
        "reference": rec.reference,
        "title": rec.title,
        "text": rec.body,
        "rationale": rec.rationale,
        "impact": rec.impact,
        "state": rec.state,
        "topic": rec.topic,
        "group": rec.group,
        "evidence": list(rec.evidence),
        "minority_opinions": [{"text": t, "cosigners": n} for t, n in rec.minority_opinions],
        "supports": rec.supports,
        "result": _result(source.results.get(rec.id)),
        "council": asdict(response) if response else None,
    }


def _attendance(sessions: tuple[SessionRecord, ...]) -> float:
    """Return the average attendance rate over the sessions held."""
    rates = [share(s.present, s.expected) for s in sessions if s.expected]
    return round(sum(rates) / len(rates), 4) if rates else 0.0


def assemble(source: ReportInput) -> dict[str, Any]:
    """Assemble the report's content: adopted recommendations in the body, rejected in an annex."""
    adopted = [r for r in source.recommendations if r.state == "adopted"]
    rejected = [r for r in source.recommendations if r.state == "rejected"]
    dates = sorted(s.date for s in source.sessions)
    return {
        "schema": SCHEMA,
        "convention": {
            "title": source.title,
            "slug": source.slug,
            "mandate": source.mandate,
            "first_session": dates[0] if dates else "",
            "last_session": dates[-1] if dates else "",
        },
        "introduction": source.introduction,
        "conclusion": source.conclusion,
        "panel": {
            "members": source.members,
            "selection": dict(source.selection),
            "composition": [
                {"feature": f, "value": v, "count": n} for f, v, n in source.composition
            ],
        },
        "sessions": [asdict(s) for s in source.sessions],
        "hearings": [asdict(h) for h in source.hearings],
        "participation": {
            "sessions": len(source.sessions),
            "average_attendance": _attendance(source.sessions),
            "recommendations_voted": len(adopted) + len(rejected),
            "minority_opinions": sum(len(r.minority_opinions) for r in source.recommendations),
        },
        "recommendations": [_recommendation(r, source) for r in adopted],
        "annex": [_recommendation(r, source) for r in rejected],
    }


def canonical(content: dict[str, Any]) -> bytes:
    """Serialise content as canonical JSON: sorted keys, no spaces, UTF-8."""
    return json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def fingerprint(data: bytes) -> str:
    """Return the SHA-256 of some bytes, in hex."""
    return hashlib.sha256(data).hexdigest()


CSV_COLUMNS = (
    "reference",
    "title",
    "text",
    "state",
    "votes_for",
    "votes_against",
    "votes_abstain",
    "percent_for",
    "outcome",
    "council_decision",
)


def csv_rows(content: dict[str, Any]) -> list[dict[str, Any]]:
    """Flatten the report to one row per recommendation, adopted then annexed."""
    rows = []
    for rec in content["recommendations"] + content["annex"]:
        result = rec["result"] or {}
        council = rec["council"] or {}
        rows.append(
            {
                "reference": rec["reference"],
                "title": rec["title"],
                "text": rec["text"],
                "state": rec["state"],
                "votes_for": result.get("votes_for", ""),
                "votes_against": result.get("votes_against", ""),
                "votes_abstain": result.get("votes_abstain", ""),
                "percent_for": result.get("percent_for", ""),
                "outcome": result.get("outcome", ""),
                "council_decision": council.get("decision", ""),
            }
        )
    return rows
