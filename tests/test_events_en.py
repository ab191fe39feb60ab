"""English event extraction: the case table in ``data/events_en.tsv`` is the spec.

Every case is an English sentence written for these tests (no article text), with its
document date, and the statements it must give and must not give: source, type,
target, modality and, where the text names one, who says so.  The pipeline is the
blank English one (tokens + lemmas, no parser), the path geokg takes without a
statistical model.  A check that fails because of a known gap is marked xfail with the
reason, so the table keeps the correct expectation and shows when the gap closes.
"""

from __future__ import annotations

import csv
from functools import cache
from pathlib import Path

import pytest

from kg.events import Lexicon
from kg.extract import extract_text
from kg.model import Statement

CASES_FILE = Path(__file__).parent / "data" / "events_en.tsv"
PLOVER = {"AGREE", "CONSULT", "SUPPORT", "COOPERATE", "AID", "CONCEDE", "RETREAT", "REQUEST", "ACCUSE", "REJECT",
          "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"}
MODALITIES = {"asserted", "negated", "hypothetical", "planned", "claimed"}


def _rows() -> list[dict[str, str]]:
    with CASES_FILE.open(encoding="utf-8") as fh:
        lines = [line for line in fh if line.strip() and not line.startswith("#")]
    rows = list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))
    text = date = current = ""
    for row in rows:
        if row["case"] != current:
            current, text, date = row["case"], row["text"], row["date"]
            assert text and date, f"case {current} starts without text or date"
        else:
            assert not row["text"] and not row["date"], f"case {current} changes its text"
        row["text"], row["date"] = text, date
    return rows


ROWS = _rows()


def _params() -> list:
    params = []
    seen: dict[str, int] = {}
    for row in ROWS:
        n = seen[row["case"]] = seen.get(row["case"], 0) + 1
        marks = [pytest.mark.xfail(reason=row["xfail"], strict=True)] if row["xfail"] else []
        params.append(pytest.param(row, id=f"{row['case']}#{n}{row['want']}", marks=marks))
    return params


@cache
def _statements(text: str, date: str) -> tuple[Statement, ...]:
    return tuple(extract_text(text, lang="en", date=date, model="blank"))


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
        f" (by {st.attributed_to.key if st.attributed_to else '-'}, {st.date or 'undated'}) <- {st.evidence.trigger!r}"
        for st in statements) or "  (none)"


@pytest.mark.parametrize("row", _params())
def test_case(row: dict[str, str]) -> None:
    statements = _statements(row["text"], row["date"])
    hits = [st for st in statements if _matches(st, row)]
    if row["want"] == "+":
        assert hits, f"missing {row}\n{_show(statements)}"
    else:
        assert not hits, f"unwanted {row}\n{_show(statements)}"


def test_table_covers_every_type_and_modality() -> None:
    """The spec must keep at least 80 sentences and name every PLOVER type and modality it promises."""
    cases = {row["case"] for row in ROWS}
    assert len(cases) >= 80
    wanted = [row for row in ROWS if row["want"] == "+"]
    types = {t for row in wanted for t in row["type"].split("|")}
    modalities = {m for row in wanted for m in row["modality"].split("|")}
    assert PLOVER <= types, PLOVER - types
    assert MODALITIES <= modalities, MODALITIES - modalities
    assert any(row["want"] == "-" for row in ROWS)


def test_lexicon_names_only_known_types() -> None:
    """Every English trigger codes a PLOVER type, so the store and the scorer understand it."""
    lex = Lexicon.load("en")
    entries = [e for es in lex.verbs.values() for e in es] + [e for es in lex.nouns.values() for e in es]
    entries += [e for _w, e in lex.phrases]
    assert entries
    assert {e.type for e in entries} <= PLOVER
    assert PLOVER <= {e.type for e in entries}
