"""The case tables of the event tests (``data/events_<lang>.tsv``): reading them and checking one row.

One row a check: a sentence (written for the tests, no article text) with its document
date, and a statement it must give (``+``) or must not give (``-``): source, type,
target, modality and, where the text names one, who says so.  A check that fails
because of a known gap carries the reason in its ``xfail`` column, so the table keeps
the correct expectation and shows when the gap closes.
"""

from __future__ import annotations

import csv
from functools import cache
from pathlib import Path

import pytest

from kg.extract import extract_text
from kg.model import Statement

DATA = Path(__file__).parent / "data"
PLOVER = {"AGREE", "CONSULT", "SUPPORT", "COOPERATE", "AID", "CONCEDE", "RETREAT", "REQUEST", "ACCUSE", "REJECT",
          "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"}
MODALITIES = {"asserted", "negated", "hypothetical", "planned", "claimed"}


def load_rows(lang: str) -> list[dict[str, str]]:
    """The rows of ``events_<lang>.tsv``, each with its case's text, date and language filled in."""
    with (DATA / f"events_{lang}.tsv").open(encoding="utf-8") as fh:
        lines = [line for line in fh if line.strip() and not line.startswith("#")]
    rows = list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))
    text = date = current = ""
    for row in rows:
        if row["case"] != current:
            current, text, date = row["case"], row["text"], row["date"]
            assert text and date, f"case {current} starts without text or date"
        else:
            assert not row["text"] and not row["date"], f"case {current} changes its text"
        row["text"], row["date"], row["lang"] = text, date, lang
    return rows


def params(rows: list[dict[str, str]], *, strict: bool) -> list:
    """One pytest parameter a row, named ``case#n+`` / ``case#n-``; known gaps are xfail with their reason."""
    out = []
    seen: dict[str, int] = {}
    for row in rows:
        n = seen[row["case"]] = seen.get(row["case"], 0) + 1
        marks = [pytest.mark.xfail(reason=row["xfail"], strict=strict)] if row["xfail"] else []
        out.append(pytest.param(row, id=f"{row['case']}#{n}{row['want']}", marks=marks))
    return out


@cache
def _statements(text: str, date: str, lang: str) -> tuple[Statement, ...]:
    return tuple(extract_text(text, lang=lang, date=date, model="blank"))


def _one_of(pattern: str, value: str | None) -> bool:
    return pattern == "*" or (value or "-") in pattern.split("|")


def _matches(st: Statement, row: dict[str, str]) -> bool:
    if not (_one_of(row["source"], st.source.key) and _one_of(row["type"], st.type)
            and _one_of(row["target"], st.target.key if st.target else None)
            and _one_of(row["modality"], st.modality)):
        return False
    if row["attributed_to"] and not _one_of(row["attributed_to"],
                                            st.attributed_to.key if st.attributed_to else None):
        return False
    return not row["stmt_date"] or st.date == row["stmt_date"]


def _show(statements: tuple[Statement, ...]) -> str:
    return "\n".join(
        f"  {st.source.key} {st.type} {st.target.key if st.target else '-'} {st.modality}"
        f" attributed_to={st.attributed_to.key if st.attributed_to else '-'} date={st.date}"
        f" ({st.evidence.trigger}, {st.evidence.rule})" for st in statements) or "  (no statements)"


def check(row: dict[str, str]) -> None:
    """Assert the row: its sentence gives (``+``) or does not give (``-``) a statement like the row's."""
    statements = _statements(row["text"], row["date"], row["lang"])
    hits = [st for st in statements if _matches(st, row)]
    spec = " ".join(row[k] or "." for k in ("source", "type", "target", "modality", "attributed_to", "stmt_date"))
    if row["want"] == "+":
        assert hits, f"{row['text']}\nmissing: {spec}\ngot:\n{_show(statements)}"
    else:
        assert not hits, f"{row['text']}\nmust not give: {spec}\ngot:\n{_show(tuple(hits))}"
