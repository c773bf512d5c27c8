"""Domain errors raised by services; views turn them into messages for the user."""


class DomainError(Exception):
    """A business rule refused the action. str(err) is a message fit for the user (already translated)."""


class NotFound(DomainError):
    pass


class NotAllowed(DomainError):
    pass


class OutOfStock(DomainError):
    pass


class InvalidTransition(DomainError):
    pass


class Unbalanced(DomainError):
    pass


class InvalidImage(DomainError):
    pass
