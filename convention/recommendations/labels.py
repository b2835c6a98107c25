"""Labels made from stored data at display time, so each reader gets them in their language."""

from flask_babel import gettext as _

from convention.models import RecommendationVersion
from convention.rules.recommendations import AmendmentState


def version_note(version: RecommendationVersion) -> str:
    """Say why a version was saved: the author's note, else where the new wording came from."""
    amendment = version.amendment
    if version.note:
        return version.note
    if amendment is not None and amendment.state is AmendmentState.ACCEPTED:
        return _(
            "Amendment %(number)s by %(pseudonym)s accepted",
            number=amendment.id,
            pseudonym=amendment.author.pseudonym,
        )
    if amendment is not None:
        return _("Amendment %(number)s adopted by vote", number=amendment.id)
    return _("First draft") if version.number == 1 else ""
