"""The refusals of the voting services, apart so that every voting module can raise them."""

from convention.errors import ServiceError


class VotingError(ServiceError):
    """Raised when a ballot is asked something its state or settings forbid."""


class AlreadyVoted(VotingError):
    """Raised when a member votes twice in a secret ballot, or on paper after voting."""


class AlreadyCounted(AlreadyVoted):
    """Raised when the same vote comes again (retry, back button, second tab): it counts once."""
