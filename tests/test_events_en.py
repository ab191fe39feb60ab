"""English event extraction: the case table in ``data/events_en.tsv`` is the spec.

Every case is an English sentence written for these tests (no article text), with its
document date, and the statements it must give and must not give: source, type,
target, modality and, where the text names one, who says so.  The pipeline is the
blank English one (tokens + lemmas, no parser), the path geokg takes without a
statistical model.  A check that fails because of a known gap is marked xfail with the
reason, so the table keeps the correct expectation and shows when the gap closes.
"""

from __future__ import annotations

import pytest
from event_cases import MODALITIES, PLOVER, check, load_rows, params

from kg.events import Lexicon

ROWS = load_rows("en")


@pytest.mark.parametrize("row", params(ROWS, strict=True))
def test_case(row: dict[str, str]) -> None:
    check(row)


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
