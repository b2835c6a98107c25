"""The one base of the refusals services raise: a sentence the member reads, already translated."""


class ServiceError(ValueError):
    """Raised by a service refusing an action; `message` is shown to the member as it is."""

    @property
    def message(self) -> str:
        """Return the sentence that explains the refusal."""
        return str(self)
