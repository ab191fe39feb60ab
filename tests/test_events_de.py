"""German event extraction: the case table in ``data/events_de.tsv`` is the spec.

Every case is a German sentence written for these tests (no article text), with its
document date, and the statements it must give and must not give: source, type,
target, modality and, where the text names one, who says so.  The pipeline is the
blank German one (tokens + lemmas, no parser), as geokg runs without a statistical
model.  A check that fails because of a known gap in the engine is marked xfail with
the reason, so the table keeps the correct expectation and shows when the gap closes.
"""

from __future__ import annotations

import csv
from functools import cache
from pathlib import Path

import pytest

from kg.events import Lexicon
from kg.extract import extract_text
from kg.model import Statement

CASES_FILE = Path(__file__).parent / "data" / "events_de.tsv"
PLOVER = {"AGREE", "CONSULT", "SUPPORT", "COOPERATE", "AID", "CONCEDE", "RETREAT", "REQUEST", "ACCUSE", "REJECT",
          "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"}
MODALITIES = {"asserted", "negated", "hypothetical", "planned", "claimed"}


def _rows() -> list[dict[str, str]]:
    with CASES_FILE.open(encoding="utf-8") as fh:
        lines = [line for line in fh if line.strip() and not line.startswith("#")]
    rows = list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))
    text = date = ""
    current = ""
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
        marks = [pytest.mark.xfail(reason=row["xfail"], strict=False)] if row["xfail"] else []
        params.append(pytest.param(row, id=f"{row['case']}#{n}{row['want']}", marks=marks))
    return params


@cache
def _statements(text: str, date: str) -> tuple[Statement, ...]:
    return tuple(extract_text(text, lang="de", date=date, model="blank"))


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


@pytest.mark.parametrize("row", _params())
def test_case(row: dict[str, str]) -> None:
    statements = _statements(row["text"], row["date"])
    hits = [st for st in statements if _matches(st, row)]
    spec = " ".join(row[k] or "." for k in ("source", "type", "target", "modality", "attributed_to", "stmt_date"))
    if row["want"] == "+":
        assert hits, f"{row['text']}\nmissing: {spec}\ngot:\n{_show(statements)}"
    else:
        assert not hits, f"{row['text']}\nmust not give: {spec}\ngot:\n{_show(tuple(hits))}"


# --------------------------------------------------------------------------- the table itself


def test_table_is_large_and_covers_every_type_and_modality() -> None:
    cases = {row["case"] for row in ROWS}
    assert len(cases) >= 80
    assert len({row["text"] for row in ROWS}) >= 80
    wanted = [row for row in ROWS if row["want"] == "+"]
    types = {t for row in wanted for t in row["type"].split("|")}
    assert PLOVER <= types, PLOVER - types
    modalities = {m for row in wanted for m in row["modality"].split("|")}
    assert MODALITIES <= modalities, MODALITIES - modalities
    assert any(row["attributed_to"] not in ("", "-") for row in wanted)
    assert sum(row["want"] == "-" for row in ROWS) >= 40


def test_table_values_are_well_formed() -> None:
    for row in ROWS:
        assert row["want"] in ("+", "-"), row
        assert all(t in PLOVER | {"*"} for t in row["type"].split("|")), row
        assert all(m in MODALITIES | {"*"} for m in row["modality"].split("|")), row
        assert row["source"], row
        assert row["date"][:4].isdigit(), row


def test_most_cases_pass_today() -> None:
    """xfail is for real engine gaps, not a way to park the table: at most one check in six."""
    assert sum(bool(row["xfail"]) for row in ROWS) * 6 <= len(ROWS)


# --------------------------------------------------------------------------- the lexicon


def test_german_lexicon_loads_and_covers_every_type() -> None:
    lex = Lexicon.load("de")
    entries = [e for es in lex.verbs.values() for e in es] + [e for es in lex.nouns.values() for e in es]
    entries += [e for _, e in lex.phrases]
    assert PLOVER <= {e.type for e in entries}
    assert all(0 < e.weight <= 1 for e in entries)
    assert len({e.rule for e in entries}) >= 250
    for name in ("negation", "hypothetical", "conditional", "fear", "planned", "hedges", "speech_verbs",
                 "according_to", "particles", "passive_aux"):
        assert lex.cue(name), name


def test_lexicon_lines_have_eight_columns() -> None:
    path = Path(__file__).parent.parent / "kg" / "data" / "events" / "de.tsv"
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip() and not line.startswith("#"):
            cols = line.split("\t")
            assert len(cols) == 8, (number, line)
            assert cols[0] in ("v", "n", "p"), (number, line)
            assert cols[2] in PLOVER | {"INVESTIGATE", "CRIME"}, (number, line)
