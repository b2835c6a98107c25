"""Time the report PDF of a convention with 150 recommendations."""

import json
import time

import sqlalchemy as sa

from convention import create_app
from convention.extensions import db
from convention.models import ReportVersion
from convention.reports import files

RECOMMENDATIONS = 150


def report_pdf_seconds(url: str) -> float:
    """Render the demo's published report grown to 150 recommendations; return the seconds."""
    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "bench"})
    with app.app_context(), app.test_request_context():
        version = db.session.scalars(
            sa.select(ReportVersion).order_by(ReportVersion.number.desc())
        ).first()
        content = json.loads(version.content)
        models = content["recommendations"]
        content["recommendations"] = [
            models[n % len(models)] | {"reference": f"R-{n + 1}"} for n in range(RECOMMENDATIONS)
        ]
        stamp = {"number": 1, "sha256": version.sha256, "published_at": version.published_at}
        start = time.perf_counter()
        files.to_pdf(content, stamp, "en")
        seconds = time.perf_counter() - start
        db.engine.dispose()
    return seconds
