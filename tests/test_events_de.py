"""German event extraction: the case table in ``data/events_de.tsv`` is the spec.

Every case is a German sentence written for these tests (no article text), with its
document date, and the statements it must give and must not give: source, type,
target, modality and, where the text names one, who says so.  The pipeline is the
blank German one (tokens + lemmas, no parser), as geokg runs without a statistical
model.  A check that fails because of a known gap in the engine is marked xfail with
the reason, so the table keeps the correct expectation and shows when the gap closes.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from event_cases import MODALITIES, PLOVER, check, load_rows, params

from kg.events import Lexicon

ROWS = load_rows("de")


@pytest.mark.parametrize("row", params(ROWS, strict=False))
def test_case(row: dict[str, str]) -> None:
    check(row)


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
