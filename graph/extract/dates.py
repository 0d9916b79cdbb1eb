"""Indonesian dates as the press writes them, with their character spans.

Full dates ("Selasa, 21 Nopember 2023", "Kamis (23/11/2023)", "5 September 2024") give a day. Partial dates
("Selasa (8/3)", "(21/11)", a weekday alone) are resolved against the publication date when there is one,
and are otherwise kept unresolved, with a note saying why.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

MONTHS: dict[str, int] = {
    "januari": 1, "jan": 1, "january": 1,
    "februari": 2, "pebruari": 2, "febuari": 2, "feb": 2, "peb": 2, "february": 2,
    "maret": 3, "mar": 3, "march": 3,
    "april": 4, "apr": 4,
    "mei": 5, "may": 5,
    "juni": 6, "jun": 6, "june": 6,
    "juli": 7, "jul": 7, "july": 7,
    "agustus": 8, "agus": 8, "agu": 8, "agt": 8, "ags": 8, "aug": 8, "august": 8,
    "september": 9, "sept": 9, "sep": 9,
    "oktober": 10, "okt": 10, "october": 10, "oct": 10,
    "november": 11, "nopember": 11, "nov": 11, "nop": 11,
    "desember": 12, "des": 12, "december": 12, "dec": 12,
}
WEEKDAYS: dict[str, int] = {
    "senin": 0, "selasa": 1, "rabu": 2, "kamis": 3, "jumat": 4, "jum'at": 4, "jum’at": 4, "sabtu": 5,
    "minggu": 6, "ahad": 6,
}
WEEKDAY_NAMES = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")

_WD = r"(?P<wd>Senin|Selasa|Rabu|Kamis|Jum['’]?at|Sabtu|Minggu|Ahad)"
_MONTH_WORD = r"(?P<mon>[A-Za-z]{3,9})\.?"
_YEAR = r"(?P<year>(?:19|20)\d{2})"

_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    # "Selasa, 21 Nopember 2023", "Kamis 5 September 2024", "21 Nov 2023", "Selasa (21 November 2023)"
    ("text", re.compile(
        rf"(?:{_WD}\s*[,(]?\s*)?(?P<day>[0-3]?\d)\s+{_MONTH_WORD}\s+{_YEAR}\)?", re.IGNORECASE)),
    # "Kamis (23/11/2023)", "(23/11/2023)", "23-11-2023", "23/11/23"
    ("numeric", re.compile(
        rf"(?:{_WD}\s*,?\s*)?\(?(?<![\d/])(?P<day>[0-3]?\d)[/.-](?P<month>[01]?\d)[/.-](?P<year>(?:19|20)?\d{{2}})\)?(?![\d/])",
        re.IGNORECASE)),
    # "Selasa (8/3)", "(21/11)": day and month only
    ("daymonth", re.compile(rf"(?:{_WD}\s*)?\((?P<day>[0-3]?\d)/(?P<month>[01]?\d)\)", re.IGNORECASE)),
    # "November 2023", "Nopember 2023": month and year only
    ("month", re.compile(rf"(?<![\d/])\b{_MONTH_WORD}\s+{_YEAR}\b", re.IGNORECASE)),
    # a weekday standing alone as the date: "di Jakarta, Selasa." / "pada Jumat (12/...)" handled above
    ("weekday", re.compile(rf"\b{_WD}\b(?!\s*[(,]?\s*\d)", re.IGNORECASE)),
]
ISO = re.compile(r"\b(?P<year>(?:19|20)\d{2})-(?P<month>\d{2})-(?P<day>\d{2})\b")


@dataclass(frozen=True)
class DateMention:
    start: int
    end: int
    text: str
    value: dt.date | None  # the day, when known (given in full or resolved)
    precision: str  # day, daymonth, month, weekday
    resolved: bool = False  # the day came from the publication date, not from the text alone
    weekday: int | None = None
    note: str | None = None

    @property
    def full(self) -> bool:
        """The text itself gives day, month and year."""
        return self.precision == "day" and not self.resolved


def month_number(word: str) -> int | None:
    key = word.lower().rstrip(".")
    if key in MONTHS:
        return MONTHS[key]
    return _dateparser_month(key)


@lru_cache(maxsize=256)
def _dateparser_month(word: str) -> int | None:
    """A month name not in the table above, as dateparser's Indonesian and English locales know it."""
    if len(word) < 3 or not word.isalpha() or word[:3] not in MONTHS:
        return None
    import dateparser

    parsed = dateparser.parse(f"1 {word} 2000", languages=["id", "en"],
                              settings={"STRICT_PARSING": True, "DATE_ORDER": "DMY"})
    return parsed.month if parsed else None


def _year(text: str) -> int:
    year = int(text)
    return year + 2000 if year < 100 else year


def _make(day: int, month: int, year: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def find_dates(
    text: str, published: dt.date | None = None, start: int = 0, end: int | None = None
) -> list[DateMention]:
    """Every date in ``text[start:end]``, left to right, each span found once (the fullest reading wins)."""
    end = len(text) if end is None else end
    found: list[DateMention] = []
    taken: list[tuple[int, int]] = []

    def free(a: int, b: int) -> bool:
        return all(b <= s or a >= e for s, e in taken)

    for kind, pattern in _PATTERNS:
        for match in pattern.finditer(text, start, end):
            a, b = match.span()
            if not free(a, b):
                continue
            mention = _mention(kind, match, text, published)
            if mention is not None:
                found.append(mention)
                taken.append((a, b))
    for match in ISO.finditer(text, start, end):
        a, b = match.span()
        value = _make(int(match["day"]), int(match["month"]), int(match["year"]))
        if value and free(a, b):
            found.append(DateMention(a, b, match.group(), value, "day"))
            taken.append((a, b))
    return sorted(found, key=lambda m: m.start)


def _mention(kind: str, match: re.Match[str], text: str, published: dt.date | None) -> DateMention | None:
    a, b = match.span()
    groups = match.groupdict()
    wd_text = groups.get("wd")
    weekday = WEEKDAYS.get(wd_text.lower().replace("’", "'")) if wd_text else None
    if weekday is None and wd_text:
        weekday = WEEKDAYS.get(wd_text.lower().replace("'", "").replace("’", ""))
    raw = text[a:b]
    if kind in ("text", "numeric"):
        if kind == "text":
            month = month_number(groups["mon"])
            if month is None:
                return None
        else:
            month = int(groups["month"])
        value = _make(int(groups["day"]), month, _year(groups["year"]))
        if value is None:
            return None
        note = None
        if weekday is not None and value.weekday() != weekday:
            note = f"the text says {wd_text} but {value.isoformat()} is a {WEEKDAY_NAMES[value.weekday()]}"
        return DateMention(a, b, raw, value, "day", weekday=weekday, note=note)
    if kind == "daymonth":
        day, month = int(groups["day"]), int(groups["month"])
        if not 1 <= month <= 12 or not 1 <= day <= 31:
            return None
        value, note = resolve_day_month(day, month, weekday, published)
        return DateMention(a, b, raw, value, "day" if value else "daymonth", resolved=value is not None,
                           weekday=weekday, note=note)
    if kind == "month":
        if month_number(groups["mon"]) is None or (groups["mon"].lower() in ("mei",) and not raw[0].isupper()):
            return None
        return DateMention(a, b, raw, None, "month", note="month and year only")
    if kind == "weekday":
        if weekday is None or not wd_text[0].isupper():
            return None
        value, note = resolve_weekday(weekday, published)
        return DateMention(a, b, raw, value, "day" if value else "weekday", resolved=value is not None,
                           weekday=weekday, note=note)
    return None


def resolve_day_month(
    day: int, month: int, weekday: int | None, published: dt.date | None
) -> tuple[dt.date | None, str | None]:
    """The last such day on or before publication; None (with the reason) when it cannot be told."""
    if published is None:
        return None, "day and month only, and no publication date to take the year from"
    for year in (published.year, published.year - 1):
        candidate = _make(day, month, year)
        if candidate is None or candidate > published:
            continue
        if weekday is not None and candidate.weekday() != weekday:
            return None, (f"{candidate.isoformat()} is a {WEEKDAY_NAMES[candidate.weekday()]}, "
                          f"not the {WEEKDAY_NAMES[weekday]} the text says")
        return candidate, f"year taken from the publication date {published.isoformat()}"
    return None, "no such day before the publication date"


def resolve_weekday(weekday: int, published: dt.date | None) -> tuple[dt.date | None, str | None]:
    """A weekday named alone: the last one on or before publication (the press's 'this week')."""
    if published is None:
        return None, "weekday only, and no publication date to count from"
    back = (published.weekday() - weekday) % 7
    return published - dt.timedelta(days=back), f"the {WEEKDAY_NAMES[weekday]} on or before the publication date"


def parse_date(text: str, published: dt.date | None = None) -> dt.date | None:
    """The day one date expression names, or None (for tests and the command line)."""
    found = find_dates(text, published)
    return found[0].value if found else None
