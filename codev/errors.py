class CodevError(Exception):
    """A problem the user can act on; its message says what happened and what to do."""


class NotFound(CodevError):
    pass
