"""Reading one tracker cell: due dates that may be words, progress cells holding many
dated updates, RAG written as words, letters or a fill colour, statuses and money.

Councils' trackers are typed by hand, so every reader keeps what it cannot turn
into a value (the words of a due date, the text of an update) rather than drop it.
"""

import calendar
import re
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, DecimalException

from core.workbooks import FORMULA_STARTS

from ..models import DeliveryStatus, MilestoneStatus, Project

MONTHS = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "may": 5,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "sept": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
MONTH_WORD = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
NUMERIC_DATE = re.compile(r"(?<![\d/])(\d{1,2})/(\d{1,2})/(\d{4}|\d{2})(?![\d/])")
WORDED_DATE = re.compile(
    rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+({MONTH_WORD})\.?,?\s+(\d{{4}})\b", re.I
)


def _year(text):
    year = int(text)
    return 2000 + year if year < 100 else year


def _real_date(year, month, day):
    try:
        return date(year, month, day)
    except ValueError:
        return None


def first_date_in(text):
    """The first date written in `text` (31/03/22, 31/03/2022, 30 Sept 2022), or None."""
    candidates = []
    for match in NUMERIC_DATE.finditer(text):
        day, month, year = match.groups()
        candidates.append((match.start(), _real_date(_year(year), int(month), int(day))))
    for match in WORDED_DATE.finditer(text):
        day, month, year = match.groups()
        candidates.append(
            (match.start(), _real_date(int(year), MONTHS[month[:3].lower()], int(day)))
        )
    found = [day for _, day in sorted(candidates, key=lambda pair: pair[0]) if day]
    return found[0] if found else None


def as_date(value):
    """A cell Excel holds as a date, or text that is only a date; else None."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return None


@dataclass(frozen=True)
class Due:
    """A due date as the tracker gave it: the date when one can be read, and always
    the words when the cell held words (TBC, ongoing, By or before 30 Sept 2022)."""

    day: date | None
    words: str


def read_due(value):
    if value is None:
        return Due(None, "")
    day = as_date(value)
    if day:
        return Due(day, "")
    words = " ".join(str(value).split())
    quarter = quarter_end(words)
    return Due(first_date_in(words) or quarter, words)


QUARTER = re.compile(
    rf"^q\s*(\d{{1,2}})\b\W*(?:{MONTH_WORD})\w*\W*(?:-|–|to)\W*({MONTH_WORD})\w*\W*(\d{{4}}|\d{{2}})\b",
    re.I,
)


def quarter_end(text):
    """`Q1 July-Sept 18` → 30 September 2018: the last day of the quarter's last month."""
    match = QUARTER.match(text.strip())
    if not match:
        return None
    _, month_word, year = match.groups()
    month = MONTHS[month_word[:3].lower()]
    year = _year(year)
    if not 1900 <= year <= 9999:
        return None
    return date(year, month, calendar.monthrange(year, month)[1])


# An update starts at a date (31/03/22, 7/3/22, 18/02) that is followed by "Update",
# a dash or a colon, or that opens the cell or a sentence. A date inside a sentence
# ("a meeting for 14/09/2021 with JL") belongs to the update around it.
ENTRY_START = re.compile(
    r"(?:(?<=^)|(?<=\s))(?P<day>\d{1,2})/(?P<month>\d{1,2})(?:/(?P<year>\d{4}|\d{2}))?"
    r"(?![\d/])(?P<separator>\s*(?:update\b\s*)?[-–:]\s*|\s+(?=(?-i:[A-Z])))",
    re.I,
)
DATED_LINE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4}) - (.*)$", re.S)
DITTO = {"as above", "see above", "ditto", "-", "n/a", '"'}


@dataclass(frozen=True)
class ProgressEntry:
    day: date | None
    text: str


def _opens_sentence(text, position):
    before = text[:position].rstrip()
    return not before or before[-1] in ".!?"


def split_progress(value):
    """A progress cell's dated updates, each kept verbatim (less its date), oldest first.

    Text before the first date is an undated entry. A date without a year
    (`18/02 -`) takes the year of the update written before it.
    """
    text = "" if value is None else plain_text(value)
    if not text:
        return []
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if len(lines) > 1 and all(DATED_LINE.match(line) for line in lines):
        # An update per line, as the portal's own export writes them: each line is one
        # update, whatever dates its words mention.
        return sorted(
            (_dated_line(line) for line in lines), key=lambda entry: entry.day or date.max
        )
    starts = []
    for match in ENTRY_START.finditer(text):
        separator = match.group("separator")
        dashed = bool(separator.strip())
        if not dashed and not _opens_sentence(text, match.start()):
            continue
        if match.group("year") is None and not dashed:
            continue
        starts.append(match)
    entries = []
    opening = text[: starts[0].start()].strip() if starts else text
    if opening and opening.lower() not in DITTO:
        entries.append(ProgressEntry(None, opening))
    previous_year = None
    for index, match in enumerate(starts):
        end = starts[index + 1].start() if index + 1 < len(starts) else len(text)
        words = text[match.end() : end].strip()
        year = match.group("year")
        year = _year(year) if year else previous_year
        day = _real_date(year, int(match.group("month")), int(match.group("day"))) if year else None
        if day:
            previous_year = day.year
        if words or day:
            entries.append(ProgressEntry(day, words if day else text[match.start() : end].strip()))
    dated = sorted((entry for entry in entries if entry.day), key=lambda entry: entry.day)
    return dated + [entry for entry in entries if not entry.day]


def _dated_line(line):
    day, month, year, words = DATED_LINE.match(line).groups()
    return ProgressEntry(_real_date(int(year), int(month), int(day)), words.strip())


def progress_cell(entries):
    """Updates written back into one cell, oldest first, in the form `split_progress` reads."""
    return "\n".join(
        f"{entry.day:%d/%m/%Y} - {entry.text}" if entry.day else entry.text for entry in entries
    )


def plain_text(value):
    """Multi-line text as the portal stores it for comparing: unescaped, line breaks as \\n."""
    return unescaped(str(value)).replace("\r\n", "\n").replace("\r", "\n").strip()


def unescaped(text):
    """Text as written before the portal's export escaped it against formulas."""
    if text[:1] == "'" and text[1:2] and text[1] in FORMULA_STARTS:
        return text[1:]
    return text


def words_of(value):
    """A cell as tidy text: numbers without a trailing .0, runs of spaces as one."""
    if value is None:
        return ""
    if isinstance(value, str):
        return " ".join(unescaped(value).split())
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime | date):
        return f"{as_date(value):%d/%m/%Y}"
    return " ".join(str(value).split())


NO_RAG = {"", "n/a", "na", "-", "none", "tbc", "not assessed"}


def rag_level(words, levels):
    """The level of a RAG scale a cell's words or letters name, or None; raises
    ValueError for words that are on no level, so the reader can say so."""
    text = words.strip().lower()
    if text in NO_RAG:
        return None
    for level in levels:
        if text in {level.code.lower(), level.label.lower(), level.words.lower()}:
            return level
    first = re.split(r"\s*[-–:(]\s*|\s+", text, maxsplit=1)[0]
    for level in levels:
        if first in {level.code.lower(), level.label.lower()}:
            return level
    raise ValueError(words)


LIFECYCLE_WORDS = {
    "scheduled": Project.Lifecycle.SCHEDULED,
    "not started": Project.Lifecycle.SCHEDULED,
    "planned": Project.Lifecycle.SCHEDULED,
    "active": Project.Lifecycle.ACTIVE,
    "started": Project.Lifecycle.ACTIVE,
    "in progress": Project.Lifecycle.ACTIVE,
    "wip": Project.Lifecycle.ACTIVE,
    "design": Project.Lifecycle.ACTIVE,
    "paused": Project.Lifecycle.PAUSED,
    "on hold": Project.Lifecycle.PAUSED,
    "complete": Project.Lifecycle.COMPLETE,
    "completed": Project.Lifecycle.COMPLETE,
    "closed": Project.Lifecycle.CLOSED,
}
MILESTONE_WORDS = {
    "not started": DeliveryStatus.NOT_STARTED,
    "scheduled": DeliveryStatus.NOT_STARTED,
    "planned": DeliveryStatus.NOT_STARTED,
    "started": DeliveryStatus.STARTED,
    "active": DeliveryStatus.STARTED,
    "in progress": DeliveryStatus.STARTED,
    "wip": DeliveryStatus.STARTED,
    "design": DeliveryStatus.STARTED,
    "paused": DeliveryStatus.PAUSED,
    "on hold": DeliveryStatus.PAUSED,
    "complete": DeliveryStatus.COMPLETE,
    "completed": DeliveryStatus.COMPLETE,
    "closed": DeliveryStatus.COMPLETE,
    "done": DeliveryStatus.COMPLETE,
    "withdrawn": MilestoneStatus.WITHDRAWN,
}


def status_from(words, table):
    """A status from a tracker's words (`Closed - merged into R90.` reads as Closed);
    None for a blank cell; ValueError for words it does not know."""
    text = words.strip().rstrip(".").lower()
    if not text:
        return None
    if text in table:
        return table[text]
    first = re.split(r"\s*[-–:(,]\s*", text, maxsplit=1)[0]
    if first in table:
        return table[first]
    raise ValueError(words)


# What a finance line holds: 14 digits, two of them pence.
LARGEST_AMOUNT = Decimal(10) ** 12


def amount(value, multiplier):
    """A money cell in pounds: `48` under a £000s header is £48,000. None when blank;
    ValueError when the cell is not a number."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool | date):
        raise ValueError(value)
    text = str(value) if isinstance(value, int | float | Decimal) else str(value).strip()
    try:
        number = Decimal(text.replace(",", "").lstrip("£"))
        if not number.is_finite() or abs(number * multiplier) >= LARGEST_AMOUNT:
            raise ValueError(value)
        return (number * multiplier).quantize(Decimal("0.01"))
    except DecimalException:
        raise ValueError(value) from None


def fill_colour(cell):
    """A cell's solid fill as RRGGBB, or None (theme and pattern fills are not colours)."""
    fill = getattr(cell, "fill", None)
    if fill is None or fill.fill_type != "solid":
        return None
    rgb = fill.fgColor.rgb if fill.fgColor is not None else None
    if not isinstance(rgb, str) or len(rgb) < 6:
        return None
    return rgb[-6:].upper()
