"""Changes to the report: its draft words, and publication as a frozen, hashed version."""

import json

from convention import audit, jobs
from convention.clock import utcnow
from convention.extensions import db
from convention.jobs import tasks
from convention.models import Convention, Membership, ReportDraft, ReportFile, ReportVersion
from convention.notifications import events
from convention.reports import files, queries
from convention.rules.report import assemble, canonical, fingerprint
from convention.web.i18n import shipped_languages


def save_draft(convention: Convention, member: Membership, introduction: str, conclusion: str):
    """Save the facilitators' introduction and conclusion."""
    draft = db.session.get(ReportDraft, convention.id)
    if draft is None:
        draft = ReportDraft(convention_id=convention.id)
        db.session.add(draft)
    draft.introduction, draft.conclusion = introduction.strip(), conclusion.strip()
    db.session.flush()
    audit.record(member.user, "report.draft_saved", "report_drafts", convention=convention)
    return draft


def publish(convention: Convention, member: Membership) -> ReportVersion:
    """Freeze the report as a new version: canonical JSON, its hash and CSV; a job makes PDFs."""
    number = 1 + (db.session.scalar(queries.latest_number(convention)) or 0)
    content = assemble(queries.report_input(convention))
    # The audit chain's head: anyone holding this version can later detect a rewritten log.
    content["audit_head"] = audit.head_hash(convention)
    data = canonical(content)
    version = ReportVersion(
        convention_id=convention.id,
        number=number,
        content=data.decode(),
        sha256=fingerprint(data),
        published_by_id=member.id,
        published_at=utcnow(),
    )
    db.session.add(version)
    db.session.flush()
    _store(version, "report.json", "application/json", data)
    _store(version, "report.csv", "text/csv", files.to_csv(content))
    db.session.flush()
    jobs.enqueue(tasks.render_report_pdfs, version.id)
    audit.record(
        member.user, "report.published", version, convention=convention, sha256=version.sha256
    )
    events.report_published(version, convention)
    return version


def render_pdfs(version_id: int) -> None:
    """Render and keep the version's PDF in each of the convention's languages, once."""
    version = db.session.get(ReportVersion, version_id)
    if version is None or version.pdfs_ready_at is not None:
        return
    content = json.loads(version.content)
    stamp = {
        "number": version.number,
        "sha256": version.sha256,
        "published_at": version.published_at,
    }
    stored = {f.name for f in version.files}
    convention = db.session.get_one(Convention, version.convention_id)
    for language in shipped_languages(convention.languages):
        name = f"report-{language}.pdf"
        if name not in stored:
            _store(version, name, "application/pdf", files.to_pdf(content, stamp, language))
    version.pdfs_ready_at, version.pdfs_error = utcnow(), None
    db.session.flush()


def pdfs_failed(version_id: int, error: Exception) -> None:
    """Record that the version's PDFs could not be made, for the pages and the operators."""
    version = db.session.get_one(ReportVersion, version_id)
    version.pdfs_error = f"{type(error).__name__}: {error}"[:2000]
    db.session.flush()


def _store(version: ReportVersion, name: str, media_type: str, data: bytes) -> ReportFile:
    """Keep one file of a version with its own SHA-256."""
    stored = ReportFile(
        report_id=version.id,
        name=name,
        media_type=media_type,
        data=data,
        sha256=fingerprint(data),
    )
    db.session.add(stored)
    version.files.append(stored)
    return stored
