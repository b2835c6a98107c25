"""Report assembly as a pure function: plain records in, the snapshot's content out.

The panel's own words (titles, texts, rationales, minority opinions) are copied as they are: the
software never rewrites them. Nothing personal goes in: no names, no pseudonyms, only counts.
"""

import hashlib
import json
from dataclasses import asdict, dataclass, field
from typing import Any

from convention.rules.attendance import SessionFigure, summarise
from convention.rules.record import RankFigures, RuleTerms, VoteFigures, frozen_terms

SCHEMA = "convention-report/2"


@dataclass(frozen=True)
class ResultRecord:
    """A vote result on one recommendation: the figures the tally's counts give under the rule."""

    figures: VoteFigures
    terms: RuleTerms
    threshold: str
    quorum_percent: int
    ballot: str = ""
    closed_on: str = ""


@dataclass(frozen=True)
class RankedOption:
    """One option of a majority-judgment ballot, with its place."""

    reference: str
    title: str
    figures: RankFigures


@dataclass(frozen=True)
class RankingRecord:
    """A closed majority-judgment ballot: its options ranked."""

    ballot: str
    closed_on: str
    options: tuple[RankedOption, ...]


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
class HearingRecord:
    """An expert hearing: experts are public figures, named with their interests."""

    expert: str
    affiliation: str
    topic: str
    date: str


@dataclass(frozen=True)
class SurveyQuestionRecord:
    """One question of a closed survey in aggregate: counts per scale point or option; for free
    text only how many answered, never the texts."""

    prompt: str
    kind: str
    answered: int
    labels: tuple[str, ...] = ()
    counts: tuple[int, ...] = ()
    mean: float | None = None


@dataclass(frozen=True)
class SurveyRecord:
    """A closed evaluation survey with enough respondents for its results to be shown."""

    title: str
    stage: str
    closed_on: str
    respondents: int
    questions: tuple[SurveyQuestionRecord, ...] = ()


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
    sessions: tuple[SessionFigure, ...] = ()
    hearings: tuple[HearingRecord, ...] = ()
    recommendations: tuple[RecommendationRecord, ...] = ()
    results: dict[int, ResultRecord] = field(default_factory=dict)
    responses: dict[int, ResponseRecord] = field(default_factory=dict)
    rankings: tuple[RankingRecord, ...] = ()
    surveys: tuple[SurveyRecord, ...] = ()


def _survey(survey: SurveyRecord) -> dict[str, Any]:
    """Describe a survey's results: each question's counts with their labels."""
    return {
        "title": survey.title,
        "stage": survey.stage,
        "closed_on": survey.closed_on,
        "respondents": survey.respondents,
        "questions": [
            {
                "prompt": q.prompt,
                "kind": q.kind,
                "answered": q.answered,
                "answers": [
                    {"label": a, "count": n} for a, n in zip(q.labels, q.counts, strict=True)
                ],
                "mean": q.mean,
            }
            for q in survey.questions
        ],
    }


def _result(result: ResultRecord | None) -> dict[str, Any] | None:
    """Describe a result: counts, percentages, votes needed, quorum, outcome, the rule."""
    if result is None:
        return None
    f = result.figures
    return {
        "votes_for": f.yes,
        "votes_against": f.no,
        "votes_abstain": f.abstain,
        "participants": f.participants,
        "eligible": f.eligible,
        "expressed": f.expressed,
        "required": f.required,
        "quorum_needed": f.quorum_needed,
        "quorum_met": f.quorum_met,
        "outcome": f.outcome.value,
        "percent_for": f.percent_for,
        "percent_against": f.percent_against,
        "percent_abstain": f.percent_abstain,
        "majority": result.terms.base.value if result.terms.base else "",
        "threshold": result.threshold,
        "quorum_percent": result.quorum_percent,
        "rule": frozen_terms(result.terms),
        "ballot": result.ballot,
        "closed_on": result.closed_on,
    }


def _ranking(ranking: RankingRecord) -> dict[str, Any]:
    """Describe a majority-judgment ballot's ranking, best first."""
    first = ranking.options[0].figures if ranking.options else None
    return {
        "ballot": ranking.ballot,
        "closed_on": ranking.closed_on,
        "participants": first.participants if first else 0,
        "eligible": first.eligible if first else 0,
        "options": [
            {
                "reference": o.reference,
                "title": o.title,
                "rank": o.figures.rank,
                "median": None if o.figures.median is None else int(o.figures.median),
                "grades": list(o.figures.grades),
            }
            for o in sorted(ranking.options, key=lambda o: (o.figures.rank, o.reference))
        ],
    }


def _session(session: SessionFigure) -> dict[str, Any]:
    """Describe a session: held with its citizens' attendance, or planned."""
    return {
        "title": session.title,
        "date": session.day.isoformat(),
        "held": session.held,
        "present": session.present,
        "expected": session.expected,
    }


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


def assemble(source: ReportInput) -> dict[str, Any]:
    """Assemble the report's content: adopted recommendations in the body, rejected in an annex."""
    adopted = [r for r in source.recommendations if r.state == "adopted"]
    rejected = [r for r in source.recommendations if r.state == "rejected"]
    met = summarise(source.sessions)
    return {
        "schema": SCHEMA,
        "convention": {
            "title": source.title,
            "slug": source.slug,
            "mandate": source.mandate,
            "first_session": met.first_met.isoformat() if met.first_met else "",
            "last_session": met.last_met.isoformat() if met.last_met else "",
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
        "sessions": [_session(s) for s in source.sessions],
        "hearings": [asdict(h) for h in source.hearings],
        "participation": {
            "sessions_held": met.held,
            "sessions_planned": met.planned,
            "average_attendance": met.average,
            "recommendations_voted": len(adopted) + len(rejected),
            "minority_opinions": sum(len(r.minority_opinions) for r in source.recommendations),
        },
        "recommendations": [_recommendation(r, source) for r in adopted],
        "annex": [_recommendation(r, source) for r in rejected],
        "rankings": [_ranking(r) for r in source.rankings],
        "surveys": [_survey(s) for s in source.surveys],
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
    "participants",
    "eligible",
    "percent_for",
    "quorum_met",
    "outcome",
    "ranking",
    "council_decision",
)


def _rankings_by_reference(content: dict[str, Any]) -> dict[str, str]:
    """Map each recommendation to its places in the prioritisation ballots."""
    places: dict[str, list[str]] = {}
    for ranking in content.get("rankings", []):
        for option in ranking["options"]:
            places.setdefault(option["reference"], []).append(
                f"{ranking['ballot']}: {option['rank']}"
            )
    return {reference: "; ".join(found) for reference, found in places.items()}


def csv_rows(content: dict[str, Any]) -> list[dict[str, Any]]:
    """Flatten the report to one row per recommendation, adopted then annexed."""
    rankings = _rankings_by_reference(content)
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
                **{key: result.get(key, "") for key in CSV_COLUMNS[4:12]},
                "ranking": rankings.get(rec["reference"], ""),
                "council_decision": council.get("decision", ""),
            }
        )
    return rows
