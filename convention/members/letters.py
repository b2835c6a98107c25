"""The page of freshly issued invitations: the codes for the facilitator, letters for the panel."""

from flask import render_template
from flask_babel import force_locale
from markupsafe import Markup

from convention.members.services import IssuedInvitation
from convention.web.i18n import shipped_languages


def issued_page(issued: list[IssuedInvitation], *, from_admin: bool = False) -> str:
    """Show the codes to the facilitator, the letters in the convention's own language.

    An administrator, who need not be a member, is led back to the administration instead.
    """
    convention = issued[0].invitation.convention
    language = shipped_languages(convention.languages)[0]
    with force_locale(language):
        letters = render_template(
            "members/_letters.html", issued=issued, convention=convention, language=language
        )
    # the letters come out of an autoescaped template: they are already safe HTML
    return render_template(
        "members/invitation_issued.html",
        issued=issued,
        letters=Markup(letters),  # noqa: S704
        from_admin=from_admin,
    )
