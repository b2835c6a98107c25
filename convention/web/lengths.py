"""A length limit that, when exceeded, sends back only the allowed part of what was typed."""

from flask_babel import lazy_gettext as _l
from wtforms import Field, Form
from wtforms.validators import ValidationError


class MaxLength:
    """Refuse text longer than `limit`, keeping its first `limit` characters in the form."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.field_flags = {"maxlength": limit}

    def __call__(self, form: Form, field: Field) -> None:
        length = len(field.data or "")
        if length <= self.limit:
            return
        # Echoing a megabyte back would cost every reader of the page: keep what fits.
        field.data = field.data[: self.limit]
        raise ValidationError(
            _l(
                "%(limit)d characters at most; you sent %(length)d. "
                "Only the first %(limit)d are kept below: shorten the text and send it again.",
                limit=self.limit,
                length=length,
            )
        )
