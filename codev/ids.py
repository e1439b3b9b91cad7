"""Numbers the database keeps (row ids, the version of a client's notes, a cycle) as people give
them, in a URL, a form or a command."""
import re

# SQLite's INTEGER (and PostgreSQL's BIGINT) holds no more; a larger number fails in the driver.
MAX_ID = 2**63 - 1
# Only ASCII digits: str.isdigit() and the regex \d also take '²' and '٣', which int() refuses or reads.
_DIGITS = re.compile(r"[0-9]+")


def parse_id(value: object) -> int | None:
    """The number `value` spells in ASCII digits, when the database can hold it; else None."""
    text = str(value)
    if not _DIGITS.fullmatch(text):
        return None
    number = int(text)
    return number if number <= MAX_ID else None
