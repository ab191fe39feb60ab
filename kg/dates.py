"""Dates in German and English news text, resolved against the publication date.

Every statement carries a ``date`` "as precise as the text allows" (CONTRACT.md).
This module finds the words that date an event (``am 10. Jänner``, ``seit 2014``,
``am Donnerstagabend``, ``vor einigen Wochen``, ``last Tuesday``) and turns them
into partial ISO 8601 values.

How it works, and why:

- **Candidates are found here, parsing is shared.**  Compiled regexes built from
  data (month and weekday names from babel, Austrian variants and relative words
  from ``kg/data/dates/<lang>.json``) find candidate spans; a sentence with no
  date-ish word is rejected by one precompiled regex, so the common case costs a
  few microseconds.  Absolute day dates without a year (``10. Jänner``) are handed
  to :mod:`dateparser` with ``RELATIVE_BASE``/``PREFER_DATES_FROM`` (cached), and
  checked against the day and month we read, so a misreading cannot slip through.
- **Imprecision is kept, not invented.**  Every expression is resolved to an
  interval of days; the value is the coarsest granularity the whole interval
  shares: ``vor einigen Wochen`` (2-5 weeks) before 2021-12-29 may be late
  November or December, so the value is ``2021``.  A publication date known only
  to the month (``2021-12``) is the interval of that month; for short shifts
  (weekdays, ``gestern``, ``am Wochenende``, ``this week``) the value is the
  publication period itself, because a report about "Tuesday" is about a day of
  its own week.
- **Tense picks the direction.**  ``am Donnerstag`` in a planned clause
  (``wollen``, ``soll``, ``will``) is the next Thursday, in a past clause
  (``wurde``, ``said``) the previous one, otherwise the nearest one (the
  publication day itself when the weekday matches).  Tense is read from the
  clause that holds the date (split at punctuation and ``dass``/``that``), so
  ``Bereits am Dienstag wurde bekannt, dass ... am 10. Jänner ... beraten wollen``
  gives a past Tuesday and a future 10 January.  A month or day date without a
  year and without tense cues is the most recent one on or before the
  publication date (``Im Juni`` in December is the June before), unless the next
  one is at most two months ahead and nearer (``im Jänner`` in late December is
  the coming January).  ``future=`` lets the caller say "planned"; a cue in the
  date's own clause still wins.
- **Ranges keep their start.**  ``seit 2014`` is ``value="2014"`` with
  ``relation="since"``; the contract's ``date`` is that start.
- Dates that do not exist (``31. Feber``) yield no mention and never raise; the
  caller may warn with ``Warnings.W003``.
"""

from __future__ import annotations

import calendar
import datetime as dt
import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from .regex import trie_pattern

__all__ = ["RELATIONS", "DateMention", "find_dates", "impossible_dates", "publication_date", "resolve_interval"]

DATA_DIR = Path(__file__).parent / "data" / "dates"

#: How a date relates to the event: at it, from it on, up to it, before or after it.
RELATIONS: tuple[str, ...] = ("on", "since", "until", "before", "after")

_DAY = dt.timedelta(days=1)


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date expression in the text and its value.

    ``value`` is ISO 8601 as precise as known (``2022-01-10``, ``2022-01``,
    ``2014``); for a range (``seit 2014``) it is the start and ``relation`` says
    ``since``.  ``text`` is the cue as written (with its preposition), ``span``
    its document offsets.  ``tense_hint`` is the tense used to resolve it; ``kind``
    the form it has (a weekday "wd" says nothing of its month when only the month of
    publication is known).
    """

    value: str
    text: str
    span: tuple[int, int]
    relation: str = "on"
    tense_hint: str | None = None
    kind: str = ""  # the form of the expression: "wd" (a weekday), "weekend", "dmy", "year", ...


# ---------------------------------------------------------------------------
# intervals and granularity


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _parse_iso(value: str | None) -> tuple[dt.date, dt.date, str] | None:
    """``"2021-12"`` -> (2021-12-01, 2021-12-31, "month"); None when not a partial ISO date."""
    if not value:
        return None
    m = re.fullmatch(r"\s*(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?(?:T.*)?\s*", value)
    if not m:
        return None
    try:
        year = int(m.group(1))
        if m.group(3):
            day = dt.date(year, int(m.group(2)), int(m.group(3)))
            return day, day, "day"
        if m.group(2):
            month = int(m.group(2))
            return dt.date(year, month, 1), _month_end(year, month), "month"
        return dt.date(year, 1, 1), dt.date(year, 12, 31), "year"
    except ValueError:
        return None


def resolve_interval(lo: dt.date, hi: dt.date) -> str | None:
    """The coarsest ISO value every day of ``[lo, hi]`` shares: a day, a month, a year or None.

    >>> resolve_interval(dt.date(2021, 11, 21), dt.date(2021, 12, 18))
    '2021'
    """
    if lo > hi:
        lo, hi = hi, lo
    if lo == hi:
        return lo.isoformat()
    if (lo.year, lo.month) == (hi.year, hi.month):
        return f"{lo.year:04d}-{lo.month:02d}"
    if lo.year == hi.year:
        return f"{lo.year:04d}"
    return None


def _add_months(day: dt.date, months: int) -> tuple[int, int]:
    idx = day.year * 12 + day.month - 1 + months
    return idx // 12, idx % 12 + 1


# ---------------------------------------------------------------------------
# vocabulary and patterns, built once per language from data


def _word_alt(words: list[str] | set[str], *, case: bool = False) -> str:
    """A regex for any of ``words`` (longest match first); spaces match any white space.

    With ``case=False`` the first letter may be upper or lower case (a
    preposition at the start of a sentence), the rest is as written.  Built as a
    trie: these alternations sit in front of every pattern, so they must be cheap.
    """
    variants: set[str] = set()
    for w in words:
        w = " ".join(w.split())
        if not w:
            continue
        variants.add(w)
        if not case:
            variants.update({w[0].lower() + w[1:], w[0].upper() + w[1:]})
    return "(?:" + trie_pattern(variants) + ")" if variants else "(?!x)x"


def _cue_alt(words: list[str]) -> str:
    """Tense cues: ``woll*`` is a prefix, ``*ed`` a suffix, other entries whole words."""
    parts = []
    for w in words:
        if w.endswith("*"):
            parts.append(re.escape(w[:-1]) + r"\w*")
        elif w.startswith("*"):
            parts.append(r"\w+" + re.escape(w[1:]))
        else:
            parts.append(r"\s+".join(re.escape(p) for p in w.split()))
    return r"(?<!\w)(?:" + "|".join(parts) + r")(?!\w)"


class _Lang:
    """Compiled patterns and lookup tables of one language."""

    def __init__(self, lang: str) -> None:
        from babel.dates import get_day_names, get_month_names

        data: dict[str, Any] = json.loads((DATA_DIR / f"{lang}.json").read_text(encoding="utf-8"))
        self.lang = lang
        full: dict[str, int] = {}
        abbr: dict[str, int] = {}
        weekdays: dict[str, int] = {}
        for loc in data["locales"]:
            for ctx in ("format", "stand-alone"):
                for num, name in get_month_names("wide", locale=loc, context=ctx).items():
                    full[name] = num
                for num, name in get_month_names("abbreviated", locale=loc, context=ctx).items():
                    abbr[name.rstrip(".")] = num
            for num, name in get_day_names("wide", locale=loc).items():
                weekdays[name] = num
        full.update(data["extra_months"])
        abbr.update(data["extra_months"])
        self.months = {**abbr, **full}
        self.months_lower = {k.lower(): v for k, v in self.months.items()}
        self.weekdays = {k.lower(): v for k, v in weekdays.items()}
        ambiguous = set(data["ambiguous_months"])
        self.preps = {k.lower(): v for k, v in data["preps"].items()}
        self.day_offsets = {k.lower(): v for k, v in data["day_offsets"].items()}
        self.day_offsets.update(data["day_offsets_exact_case"])
        self.numbers = {k.lower(): (v, v) for k, v in data["numbers"].items()}
        self.numbers.update({k.lower(): tuple(v) for k, v in data["vague_numbers"].items()})
        self.units = {k.lower(): v for k, v in data["units"].items()}
        self.deictic = {w.lower(): kind for kind, ws in data["deictic"].items() for w in ws}
        self.deictic_words = {k.lower(): tuple(v) for k, v in data["deictic_words"].items()}
        self.parts = {k.lower(): v for k, v in data["parts"].items()}
        self.plural_units = {u.lower() for u in data.get("plural_units", [])}

        # an abbreviation may carry its dot ("Oct. 7"); a full name may not (the dot ends the sentence)
        month_any = (r"(?P<month>" + _word_alt(list(full), case=True) + "|"
                     + _word_alt([a for a in abbr if a not in full], case=True) + r"\.?)")
        month_full = r"(?P<month>" + _word_alt([m for m in full if m not in ambiguous], case=True) + ")"
        month_amb = r"(?P<month>" + _word_alt([m for m in full if m in ambiguous], case=True) + ")"
        day = r"(?P<day>[0-3]?\d)"
        year = r"(?P<year>(?:19|20)\d\d)(?!\d)"
        ordinal = r"(?:\.|st|nd|rd|th)?"
        prep = (r"(?:(?P<prep>" + _word_alt(list(data["preps"])) + r")\s+(?:"
                + _word_alt(data["articles"]) + r"\s+)?)")
        num = "(?P<num>" + _word_alt(list(data["numbers"]) + list(data["vague_numbers"])) + r"|\d{1,3})"
        unit = "(?P<unit>" + _word_alt(list(data["units"]), case=True) + ")"
        deix = "(?P<deix>" + _word_alt(list(self.deictic)) + ")"
        wd = "(?P<wd>" + _word_alt(list(weekdays), case=True) + ")"
        sep = re.escape(data["weekday_suffix_sep"]) if data["weekday_suffix_sep"] else ""
        suffix = "(?:" + sep + _word_alt(data["weekday_suffixes"], case=True) + ")?" if data["weekday_suffixes"] else ""
        part = ("(?P<part>" + _word_alt(list(data["parts"])) + r")(?:\s+|-)(?:"
                + (_word_alt(data["part_link"]) + r"\s+" if data["part_link"] else "") + ")?")

        def tmpl(t: str) -> str:
            """A template from data ("vor {num} {unit}") as a regex; literal words in either case."""
            return r"\s+".join(num if p == "{num}" else unit if p == "{unit}" else _word_alt([p]) for p in t.split())

        b, e = r"(?<![\w.])", r"(?!\w)"
        # Order matters on ties: the more specific pattern first.
        specs: list[tuple[str, str]] = [
            ("iso", rf"{b}{prep}?(?P<year>\d{{4}})-(?P<mnum>\d\d)-(?P<day>\d\d){e}"),
            ("num", rf"{b}{prep}?{day}\.(?P<mnum>[01]?\d)\.(?P<year>(?:19|20)\d\d|\d\d)(?![\d.]\d)"),
            ("dmy", rf"{b}{prep}?{day}{ordinal}\s+(?:of\s+)?{month_any}(?:,?\s+{year})?{e}"),
            ("mdy", rf"{b}{prep}?{month_any}\s+{day}(?:st|nd|rd|th)?(?:,?\s+{year})?(?!\w|\.\d)"),
            ("part", rf"{b}{prep}?{part}(?:{month_any}(?:\s+{year})?|{year.replace('<year>', '<year2>')}){e}"),
            ("my", rf"{b}{prep}?{month_any}\s+{year}{e}"),
            ("month", rf"{b}{prep}?(?:{deix}\s+)?{month_full}{e}"),
            ("month_amb", rf"{b}{prep}?(?:{deix}\s+)?{month_amb}{e}"),
            ("ago", rf"{b}{prep}?{tmpl(data['ago_template'])}{e}"),
            ("ahead", rf"{b}{tmpl(data['ahead_template'])}{e}"),
            ("weekend", rf"{b}{prep}?(?:{deix}\s+)?(?P<weekend>{_word_alt(data['weekend'], case=True)}){e}"),
            ("wd", rf"{b}{prep}?(?:{deix}\s+)?{wd}{suffix}{e}"),
            ("deixunit", rf"{b}{prep}?{deix}\s+{unit}{e}"),
            ("deixword", rf"{b}{prep}?(?P<dword>{_word_alt(list(data['deictic_words']), case=True)}){e}"),
            ("dayoff", rf"{b}(?P<off>{_word_alt(list(data['day_offsets']))}){e}"),
            ("year", rf"{b}{prep}?(?:(?P<yword>{_word_alt(data['year_words'])})\s+)?{year}(?![\d]|[.,]\d)"),
        ]
        if data["day_offsets_exact_case"]:
            specs.append(("dayoff", rf"{b}(?P<off>{_word_alt(list(data['day_offsets_exact_case']), case=True)}){e}"))
        self.patterns = [(kind, re.compile(p)) for kind, p in specs]
        #: the patterns that cannot match without a digit (a day, a month number or a year is not optional)
        self.need_digit = frozenset({"iso", "num", "dmy", "mdy", "my", "year"})

        trigger_words = [*full, *abbr, *weekdays, *data["day_offsets"], *data["day_offsets_exact_case"],
                         *data["units"], *data["weekend"], *data["deictic_words"]]
        # Matched against the lower-cased text: one cheap search rejects most sentences.
        self.trigger = re.compile(r"\d|\b" + trie_pattern({w.lower() for w in trigger_words}))
        self.capitalized_nouns = bool(data.get("capitalized_nouns"))
        # adverbs a bare year may follow as if it opened the sentence: "erst 2018 schlossen ..."
        self.year_adverbs = frozenset(w.lower() for w in data.get("year_adverbs", ()))
        self.future = re.compile(_cue_alt(data["future_cues"]), re.IGNORECASE)
        self.past = re.compile(_cue_alt(data["past_cues"]), re.IGNORECASE)
        self.clause = re.compile(r"[,;:()\[\]–—\"„“”«»]|" + _cue_alt(data["clause_words"]), re.IGNORECASE)
        self.pub_label = re.compile(r"(?:" + _word_alt(data["pub_labels"]) + r")\s*:?\s*")


@lru_cache(maxsize=8)
def _lang(lang: str) -> _Lang | None:
    """The compiled vocabulary of ``lang``, or None when geokg has no date data for it."""
    if not isinstance(lang, str) or not re.fullmatch(r"[a-z]{2,3}", lang) or not (DATA_DIR / f"{lang}.json").is_file():
        return None
    return _Lang(lang)


# ---------------------------------------------------------------------------
# tense


def _tense_in(vocab: _Lang, text: str) -> str | None:
    """``future`` if ``text`` holds a planning/future cue, else ``past`` on a past cue, else None.

    Future cues win: "said it will hold talks" is about a coming event.
    """
    if vocab.future.search(text):
        return "future"
    if vocab.past.search(text):
        return "past"
    return None


def _clause(vocab: _Lang, text: str, start: int, end: int) -> str:
    """The clause around ``text[start:end]``: up to the nearest punctuation or ``dass``/``that``."""
    left = 0
    for m in vocab.clause.finditer(text, 0, start):
        left = m.end()
    m = vocab.clause.search(text, end)
    right = m.start() if m else len(text)
    return text[left:start] + " " + text[end:right]


# ---------------------------------------------------------------------------
# resolution


def _dateparser_day(cue: str, lang: str, base: dt.date, prefer: str, month: int, day: int) -> dt.date | None:
    """dateparser's reading of ``cue``, a day date without a year (``10. Jänner``, ``month``/``day``), at ``base``.

    dateparser puts such a date in the base's year and moves it a year back (past) or
    ahead (future) when it falls on the wrong side of the base: the base matters
    only by its year and by whether it is before that day.  So every base of a year
    before the day asks as 1 January, every other one as 31 December, and one cached
    answer (about a millisecond each) serves every article of that year, not one
    publication date.  A 29 February outside a leap year keeps its own base.
    """
    try:
        that_day = dt.date(base.year, month, day)
    except ValueError:
        return _dateparser_at(cue, lang, base, prefer)
    stand_in = dt.date(base.year, 1, 1) if base < that_day else dt.date(base.year, 12, 31)
    return _dateparser_at(cue, lang, stand_in, prefer)


@lru_cache(maxsize=4096)
def _dateparser_at(cue: str, lang: str, base: dt.date, prefer: str) -> dt.date | None:
    """dateparser's reading of a day date without a year, cached.

    Imported lazily: dateparser takes a while to load and most sentences never need it.
    """
    try:
        import dateparser

        res = dateparser.parse(cue, languages=[lang], settings={
            "RELATIVE_BASE": dt.datetime(base.year, base.month, base.day),
            "PREFER_DATES_FROM": prefer, "REQUIRE_PARTS": ["day", "month"]})
    except Exception:  # a library failure must not stop extraction; we fall back below
        return None
    return res.date() if res else None


#: A day date without a year and without tense cues is read as coming if at most this far ahead.
_NEAR_FUTURE_DAYS = 62


def _day_without_year(vocab: _Lang, cue: str, month: int, day: int,
                      pub: tuple[dt.date, dt.date, str], tense: str | None) -> str | None:
    """``10. Jänner`` in a text of 2021-12-29: future -> 2022-01-10, past -> 2021-01-10.

    With no tense, the last one on or before the publication, unless the next one
    is at most :data:`_NEAR_FUTURE_DAYS` ahead and nearer: a date a few days or
    weeks ahead is a schedule, one eleven months back is not what a reporter means.
    """
    if tense is None:
        past = _day_without_year(vocab, cue, month, day, pub, "past")
        ahead = _day_without_year(vocab, cue, month, day, pub, "future")
        if ahead and past:
            to_ahead = (dt.date.fromisoformat(ahead) - pub[1]).days
            if to_ahead <= _NEAR_FUTURE_DAYS and to_ahead < (pub[0] - dt.date.fromisoformat(past)).days:
                return ahead
        return past or ahead
    lo, hi, _ = pub
    prefer = "future" if tense == "future" else "past"
    base = lo if prefer == "future" else hi
    got = _dateparser_day(cue, vocab.lang, base, prefer, month, day)
    if got is not None and (got.month, got.day) == (month, day):
        if (prefer == "future" and got >= lo) or (prefer == "past" and got <= hi):
            return got.isoformat()
    # Our own arithmetic: dateparser failed, misread, or chose the other side of the base.
    years = range(base.year, base.year + 2) if prefer == "future" else range(base.year, base.year - 2, -1)
    for y in years:
        try:
            cand = dt.date(y, month, day)
        except ValueError:
            continue
        if (prefer == "future" and cand >= lo) or (prefer == "past" and cand <= hi):
            return cand.isoformat()
    return None


def _month_without_year(month: int, pub: tuple[dt.date, dt.date, str], tense: str | None) -> str | None:
    """``im Juni``: the last June on or before the publication; the next one when future.

    With no tense, a month at most two months ahead and nearer than its past
    reading counts as coming (``Gespräche im Jänner`` in a December article).
    """
    lo, hi, gran = pub
    if gran == "year":
        return f"{lo.year:04d}-{month:02d}"
    if tense is None:
        ahead = lo.year * 12 + lo.month - 1
        ahead = (month - 1 - ahead % 12) % 12  # months from the publication month to the next such month
        back = (hi.month - month) % 12
        if back and ahead <= 2 and ahead < back:
            tense = "future"
    if tense == "future":
        year = lo.year if month >= lo.month else lo.year + 1
    else:
        year = hi.year if month <= hi.month else hi.year - 1
    return f"{year:04d}-{month:02d}"


def _weekday(target: int, pub: tuple[dt.date, dt.date, str], tense: str | None) -> str | None:
    """A weekday relative to a day: future -> on or after, past -> on or before, else the nearest."""
    lo, hi, gran = pub
    if gran != "day":
        return resolve_interval(lo, hi)
    back = (lo.weekday() - target) % 7
    ahead = (target - lo.weekday()) % 7
    if tense == "future":
        return (lo + ahead * _DAY).isoformat()
    if tense == "past":
        return (lo - back * _DAY).isoformat()
    return (lo - back * _DAY if back <= ahead else lo + ahead * _DAY).isoformat()


def _weekend(pub: tuple[dt.date, dt.date, str], tense: str | None, shift: int) -> str | None:
    """The weekend before the publication day (past), the next one (future).

    Published on a weekend, it is that weekend (moved by ``shift`` for "last"/"next").
    """
    lo, hi, gran = pub
    if gran != "day":
        return resolve_interval(lo, hi)
    wd = lo.weekday()
    if wd >= 5:  # published on a weekend: "am Wochenende" is this one unless told otherwise
        sat = lo - (wd - 5) * _DAY
    elif tense == "future":
        sat = lo + (5 - wd) * _DAY
    else:
        sat = lo - (wd + 2) * _DAY
    sat += 7 * shift * _DAY
    return resolve_interval(sat, sat + _DAY)


def _shift(unit: str, n_lo: int, n_hi: int, pub: tuple[dt.date, dt.date, str]) -> str | None:
    """Publication date moved by ``n_lo..n_hi`` units (negative = back), as precise as certain."""
    lo, hi, gran = pub
    if unit == "day":
        if gran != "day" and max(abs(n_lo), abs(n_hi)) <= 7:
            return resolve_interval(lo, hi)
        return resolve_interval(lo + n_lo * _DAY, hi + n_hi * _DAY)
    if unit == "week":
        if gran != "day" and max(abs(n_lo), abs(n_hi)) <= 1:
            return resolve_interval(lo, hi)
        # "vor zwei Wochen" is a week around the day 14 days back, not that exact day
        return resolve_interval(lo + (7 * n_lo - 3) * _DAY, hi + (7 * n_hi + 3) * _DAY)
    if unit == "month":
        if gran == "year":
            return resolve_interval(lo, hi) if abs(n_lo) < 1 else None
        y1, m1 = _add_months(lo, n_lo)
        y2, m2 = _add_months(hi, n_hi)
        return resolve_interval(dt.date(y1, m1, 1), _month_end(y2, m2))
    if unit == "year":
        return resolve_interval(dt.date(lo.year + n_lo, 1, 1), dt.date(hi.year + n_hi, 12, 31))
    return None


def _week(pub: tuple[dt.date, dt.date, str], shift: int) -> str | None:
    """The calendar week (Monday-Sunday) of the publication day, moved by ``shift`` weeks."""
    lo, hi, gran = pub
    if gran != "day":
        return resolve_interval(lo, hi)
    monday = lo - lo.weekday() * _DAY + 7 * shift * _DAY
    return resolve_interval(monday, monday + 6 * _DAY)


_DEIX_SHIFT = {"last": -1, "this": 0, "next": 1}
_DEIX_TENSE = {"last": "past", "next": "future"}


def _year(m: re.Match[str], name: str = "year") -> int | None:
    y = m.groupdict().get(name)
    if not y:
        return None
    return int(y) if len(y) == 4 else 2000 + int(y)


def _resolve(vocab: _Lang, kind: str, m: re.Match[str], pub: tuple[dt.date, dt.date, str] | None,
             tense: str | None) -> str | None:
    """The ISO value of one candidate, or None when it does not exist or cannot be resolved."""
    g = m.groupdict()
    if kind in ("iso", "num", "dmy", "mdy"):
        month = int(g["mnum"]) if g.get("mnum") else vocab.months_lower.get(g["month"].rstrip(".").lower())
        if month is None:
            return None
        day = int(g["day"])
        year = _year(m)
        if year is not None:
            try:
                return dt.date(year, month, day).isoformat()
            except ValueError:
                return None
        if not 1 <= day <= 31 or day > calendar.monthrange(2000, month)[1] or pub is None:
            return None
        core = m.group(0)[m.start("day") - m.start(0):] if kind == "dmy" else m.group(0)[m.start("month") - m.start(0):]
        return _day_without_year(vocab, core, month, day, pub, tense)
    if kind in ("my", "month", "month_amb", "part"):
        year = _year(m)
        if g.get("month"):
            month = vocab.months_lower.get(g["month"].rstrip(".").lower())
            if month is None:
                return None
            if year is not None:
                return f"{year:04d}-{month:02d}"
            deix = vocab.deictic.get((g.get("deix") or "").lower())
            return _month_without_year(month, pub, _DEIX_TENSE.get(deix or "", tense)) if pub else None
        year = _year(m, "year2")
        return f"{year:04d}" if year is not None else None
    if kind == "year":
        return f"{_year(m):04d}"
    if pub is None:
        return None
    if kind == "wd":
        deix = vocab.deictic.get((g.get("deix") or "").lower())
        target = vocab.weekdays[g["wd"].lower()]
        if deix:
            tense = _DEIX_TENSE.get(deix, tense)
        return _weekday(target, pub, tense)
    if kind == "weekend":
        deix = vocab.deictic.get((g.get("deix") or "").lower())
        on_weekend = pub[2] == "day" and pub[0].weekday() >= 5
        shift = _DEIX_SHIFT.get(deix or "", 0) if on_weekend else 0
        return _weekend(pub, _DEIX_TENSE.get(deix or "", tense), shift)
    if kind == "dayoff":
        off = vocab.day_offsets.get(g["off"].lower(), vocab.day_offsets.get(g["off"]))
        return None if off is None else _shift("day", off, off, pub)
    if kind in ("ago", "ahead"):
        raw = g["num"].lower()
        n_lo, n_hi = (int(raw), int(raw)) if raw.isdigit() else vocab.numbers.get(" ".join(raw.split()), (0, 0))
        if n_hi == 0:
            return None
        unit = vocab.units[g["unit"].lower()]
        if kind == "ago":
            return _shift(unit, -n_hi, -n_lo, pub)
        return _shift(unit, n_lo, n_hi, pub)
    if kind == "deixunit":
        shift = _DEIX_SHIFT[vocab.deictic[g["deix"].lower()]]
        unit = vocab.units[g["unit"].lower()]
        if g["unit"].lower() in vocab.plural_units:
            # "in den vergangenen Monaten": some units back (up to six), not one
            return _shift(unit, min(shift * 6, shift), max(shift * 6, shift), pub) if shift else None
        if unit == "week":
            return _week(pub, shift)
        return _shift(unit, shift, shift, pub) if unit != "day" else None
    if kind == "deixword":
        unit, shift = vocab.deictic_words[g["dword"].lower()]
        return _week(pub, shift) if unit == "week" else _shift(unit, shift, shift, pub)
    return None


# ---------------------------------------------------------------------------
# public API


def _accept(vocab: _Lang, kind: str, m: re.Match[str], text: str) -> bool:
    """Reject look-alikes: a bare 4-digit number is a year only with a cue or at a clause edge.

    ``May`` or ``March`` alone is a name or a verb; with a preposition or
    ``last``/``next`` before it, it is a month.

    ``2000 Soldaten`` is a count; ``seit 2014``, ``im Jahr 2014``, ``2014 annektierte``
    (sentence start) and ``..., 2014.`` are years.
    """
    if kind == "month_amb":  # "May", "March": a month only after "in", "since", "last"...
        return bool(m.group("prep") or m.group("deix"))
    if kind != "year" or m.group("prep") or m.group("yword"):
        return True
    before = text[:m.start()].rstrip()
    after = text[m.end():]
    if not before or before[-1] in ".!?:;(\"„“»«–—" or before.rsplit(None, 1)[-1].lower() in vocab.year_adverbs:
        # "2014 annektierte" is a year, "2000 Soldaten" a count: in a language that
        # capitalises nouns, a capitalised word right after the number marks a count.
        return not (vocab.capitalized_nouns and re.match(r"\s+[^\W\d_](?<=[A-ZÄÖÜ])", after))
    return bool(re.match(r"\s*(?:[,.;:)!?]|$)", after))


_DIGIT = re.compile(r"\d")

#: How far a date expression may reach around its anchor word ("seit dem 1. März", "the beginning of").
_REACH = 40


def _windows(vocab: _Lang, text: str) -> list[tuple[int, int]]:
    """Stretches of ``text`` around date-ish words: the full patterns only run there.

    One search over the lower-cased text finds month and weekday names, relative
    words and digits; a sentence without any is done after that single search.
    """
    out: list[tuple[int, int]] = []
    for m in vocab.trigger.finditer(text.lower()):
        lo, hi = max(0, m.start() - _REACH), min(len(text), m.end() + _REACH)
        if out and lo <= out[-1][1]:
            out[-1] = (out[-1][0], hi)
        else:
            out.append((lo, hi))
    return out


def find_dates(text: str, lang: str, pub_date: str | None, *, offset: int = 0,
               future: bool | None = None) -> list[DateMention]:
    """The date expressions in ``text`` (usually one sentence), resolved against ``pub_date``.

    ``pub_date`` is the publication date as precise as known (``"2021-12-29"``,
    ``"2021-12"``, ``"2021"`` or None: then only absolute dates with a year are
    resolved).  ``offset`` is added to the spans so they are document offsets.
    ``future`` is the caller's tense hint (True for a planned statement); a tense
    cue in the date's own clause still wins over it, and with no hint at all the
    sentence's cues are used.  Never raises on odd input: it returns [].
    """
    if not text or not isinstance(text, str):
        return []
    vocab = _lang(lang)
    if vocab is None:
        return []
    windows = _windows(vocab, text)
    if not windows:
        return []
    pub = _parse_iso(pub_date)

    found: list[tuple[int, int, int, str, re.Match[str]]] = []
    need_digit = vocab.need_digit
    for lo, hi in windows:
        digits = _DIGIT.search(text, lo, hi) is not None
        for prio, (kind, pattern) in enumerate(vocab.patterns):
            if not digits and kind in need_digit:
                continue  # (a match lies inside its window, and these patterns have no match without a digit)
            for m in pattern.finditer(text, lo, hi):
                if m.end() > m.start() and _accept(vocab, kind, m, text):
                    found.append((m.start(), -(m.end() - m.start()), prio, kind, m))
    if not found:
        return []
    # Longest match wins; on equal length, the more specific pattern.
    found.sort(key=lambda f: (f[1], f[2], f[0]))
    taken: list[tuple[int, int, str, re.Match[str]]] = []
    for start, neg_len, _prio, kind, m in found:
        end = start - neg_len
        if any(start < e and s < end for s, e, _, _ in taken):
            continue
        taken.append((start, end, kind, m))
    taken.sort(key=lambda t: t[0])

    hint = None if future is None else ("future" if future else "past")
    sentence_tense = _tense_in(vocab, text) if hint is None else hint
    out: list[DateMention] = []
    for start, end, kind, m in taken:
        tense = _tense_in(vocab, _clause(vocab, text, start, end)) or sentence_tense
        try:
            value = _resolve(vocab, kind, m, pub, tense)
        except (ValueError, OverflowError, KeyError):  # an impossible date is no date
            value = None
        if not value:
            continue
        prep = (m.groupdict().get("prep") or "").lower()
        relation = vocab.preps.get(" ".join(prep.split()), "on") if prep else "on"
        out.append(DateMention(value, text[start:end], (start + offset, end + offset), relation, tense, kind))
    return out


def impossible_dates(text: str, lang: str) -> list[str]:
    """The day dates of ``text`` that name no real day (``31. Feber 2022``), as written.

    :func:`find_dates` drops them silently (an impossible date is no date); this
    lets the reader of a document say so once (``Warnings.W003``).  Never raises.
    """
    vocab = _lang(lang) if text and isinstance(text, str) else None
    if vocab is None:
        return []
    out: list[str] = []
    for lo, hi in _windows(vocab, text):
        for kind, pattern in vocab.patterns:
            if kind not in ("iso", "num", "dmy", "mdy"):
                continue
            for m in pattern.finditer(text, lo, hi):
                g = m.groupdict()
                if m.end() <= m.start() or not g.get("day") or not _accept(vocab, kind, m, text):
                    continue
                month = int(g["mnum"]) if g.get("mnum") else vocab.months_lower.get(
                    (g.get("month") or "").rstrip(".").lower())
                if month is None:
                    continue
                year = _year(m)
                try:
                    dt.date(year if year is not None else 2000, month, int(g["day"]))  # 2000: 29 February exists
                except (ValueError, OverflowError):
                    if m.group(0).strip() not in out:
                        out.append(m.group(0).strip())
    return out


_HEADER = re.compile(r"\A\s*date\s+(\d{4}-\d{2}(?:-\d{2})?)(?=\s)")
_PAREN_BYLINE = re.compile(r"\(([^()\n]{0,80}?)\b(\d{1,2})\.\s?(\d{1,2})\.\s?((?:19|20)\d\d)\s*\)")
_DATELINE = re.compile(r"^\s*[A-ZÄÖÜ][A-ZÄÖÜ .'’-]{2,40}(?:,\s*[A-Z][A-Za-z .]{0,30})?\s*[,(–—-]\s*")
_GRAN = {"day": 3, "month": 2, "year": 1}


def publication_date(text: str, lang: str | None = None) -> tuple[str | None, str | None]:
    """The publication date the document text itself gives, and where it came from.

    Sources: a leading `` date YYYY-MM `` header (``"header"``), a closing byline
    such as ``(Reuters, APA, red, 29.12.2021)`` or a labelled ``Stand: 01.05.2025``
    or ``Published: 12 March 2022`` or a line that is only a date (``"byline"``),
    an agency dateline ``MOSCOW, Jan 5 (Reuters) -`` near the top (``"dateline"``).  The most precise
    date wins, as long as it agrees with the header; a dateline without a year
    takes it from the header.  ``(None, None)`` when the text gives nothing.
    """
    if not text or not isinstance(text, str):
        return None, None
    cands: list[tuple[str, str]] = []
    header = _HEADER.match(text)
    if header and _parse_iso(header.group(1)):
        cands.append((header.group(1), "header"))
    tail = text[-400:]
    for m in _PAREN_BYLINE.finditer(tail):
        try:
            cands.append((dt.date(int(m.group(4)), int(m.group(3)), int(m.group(2))).isoformat(), "byline"))
        except ValueError:
            pass
    header_val = cands[0][0] if cands and cands[0][1] == "header" else None
    langs = [lang] if lang else ["de", "en"]
    head = text[header.end():] if header else text
    for code in langs:
        vocab = _lang(code)
        if vocab is None:
            continue
        for zone, where in ((head[:500], "dateline"), (tail, "byline")):
            for line in zone.splitlines():
                label = vocab.pub_label.search(line)
                dateline = _DATELINE.match(line) if where == "dateline" else None
                if not (label or dateline or len(line.strip()) <= 40):
                    continue
                scope = (line[label.end():] if label else line[dateline.end():] if dateline else line)[:60]
                for mention in find_dates(scope, code, header_val):
                    if mention.relation != "on" or not re.search(r"\d", mention.text):
                        continue
                    rest = re.sub(r"\d{1,2}:\d\d(?::\d\d)?\s*\w{0,3}|[\W\d_]", "", line.replace(mention.text, ""))
                    if dateline and mention.span[0] == len(scope) - len(scope.lstrip()):
                        cands.append((mention.value, "dateline"))
                    elif label or len(rest) <= 3:  # a labelled date, or a line that is just a date
                        cands.append((mention.value, "byline"))
                    break
    if not cands:
        return None, None
    if header_val:
        cands = [c for c in cands if c[0].startswith(header_val) or header_val.startswith(c[0])] or cands[:1]
    best = max(cands, key=lambda c: _GRAN[_parse_iso(c[0])[2]])  # type: ignore[index]
    return best
