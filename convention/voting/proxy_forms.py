"""Forms for proxies: a member gives one, a facilitator records a paper form."""

from flask_babel import gettext as _, lazy_gettext as _l
from wtforms import SelectField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired

from convention.models import Ballot, ConventionSession, Membership
from convention.voting.forms import member_choices
from convention.web.forms import BaseForm


class MandateForm(BaseForm):
    """A mandate given by the member: to whom, and for which ballot or session."""

    holder = SelectField(
        _l("Member who will vote for you"),
        coerce=int,
        validators=[DataRequired()],
        description=_l("A member present in the room, who casts your vote from their device."),
    )
    scope = SelectField(_l("For"), validators=[DataRequired()])

    def offer(
        self,
        members: list[Membership],
        ballots: list[Ballot],
        sessions: list[ConventionSession],
    ) -> None:
        """Offer the members and the ballots and sessions a mandate may cover."""
        self.holder.choices = member_choices(members)
        self.scope.choices = [
            SelectChoice(f"b{b.id}", _("Ballot: %(title)s", title=b.title)) for b in ballots
        ] + [SelectChoice(f"s{s.id}", _("Session: %(title)s", title=s.title)) for s in sessions]

    def target(self) -> tuple[str, int]:
        """Return ("ballot" or "session", id) for the chosen scope."""
        value = self.scope.data or ""
        return ("ballot" if value.startswith("b") else "session"), int(value[1:])


class PaperMandateForm(MandateForm):
    """A signed paper proxy form, recorded by a facilitator with the holder named."""

    giver = SelectField(_l("Member who gives the proxy"), coerce=int, validators=[DataRequired()])
    # declared again so that they come after the giver
    holder = SelectField(
        _l("Member named on the form to vote for them"), coerce=int, validators=[DataRequired()]
    )
    scope = SelectField(_l("For"), validators=[DataRequired()])

    def offer(self, members, ballots, sessions) -> None:
        """Offer the members as givers too."""
        super().offer(members, ballots, sessions)
        self.giver.choices = member_choices(members)
