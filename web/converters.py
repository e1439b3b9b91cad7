"""What a part of a URL must look like for a route to match."""
from werkzeug.routing import IntegerConverter, ValidationError

from codev.ids import parse_id


class RowId(IntegerConverter):
    """A row id: ASCII digits (Werkzeug's \\d also takes '٣', which int() reads as 3), no larger than
    the database holds. Anything else matches no route, so it is a 404 before any query."""
    regex = r"[0-9]+"

    def to_python(self, value: str) -> int:
        number = parse_id(value)
        if number is None:
            raise ValidationError()
        return number
