"""Places: the case table in ``data/place_cases.tsv`` is the spec; data integrity and edge cases below."""

from __future__ import annotations

import csv
import itertools
import re
from pathlib import Path

import pytest

from kg.model import Location
from kg.places import KINDS, PlaceMention, find_places

CASES_FILE = Path(__file__).parent / "data" / "place_cases.tsv"
DATA_DIR = Path(__file__).parent.parent / "kg" / "data" / "places"


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8") as fh:
        return list(csv.DictReader([line for line in fh if not line.startswith("#")], delimiter="\t"))


CASES = _rows(CASES_FILE)


@pytest.mark.parametrize("case", CASES, ids=[f"{c['lang']}:{c['text'][:40]}:{c['cue']}" for c in CASES])
def test_place_case(case: dict[str, str]) -> None:
    got = find_places(case["text"], case["lang"])
    if case["cue"] == "-":
        assert got == [], got
        return
    by_cue = {m.text: m for m in got}
    assert case["cue"] in by_cue, got
    mention = by_cue[case["cue"]]
    assert mention.location.label == case["label"]
    assert mention.location.country == case["country"]
    assert mention.kind == case["kind"]
    if case["wikidata"] != "*":
        assert mention.location.wikidata == (None if case["wikidata"] == "-" else case["wikidata"])


def test_enough_cases_in_both_languages() -> None:
    langs = [c["lang"] for c in CASES]
    assert len(CASES) >= 25
    assert langs.count("de") >= 12 and langs.count("en") >= 12


@pytest.mark.parametrize("case", CASES, ids=lambda c: c["text"][:40])
def test_spans_are_exact_document_offsets(case: dict[str, str]) -> None:
    offset = 517
    for m in find_places(case["text"], case["lang"], offset=offset):
        assert isinstance(m, PlaceMention) and isinstance(m.location, Location)
        assert m.kind in KINDS
        assert case["text"][m.span[0] - offset:m.span[1] - offset] == m.text


@pytest.mark.parametrize("text", ["", " ", "###", "\x00\ufffd in ", "in in in der der", "an der Grenze zur",
                                  "Ost-", "im Osten der", "a" * 10000])
def test_odd_input_never_raises(text: str) -> None:
    for lang in ("de", "en", "fr"):
        assert isinstance(find_places(text, lang), list)


def test_bare_city_is_an_actor_not_a_place() -> None:
    assert find_places("Moskau und Kiew tauschen Vorwürfe aus.", "de") == []
    assert [m.location.label for m in find_places("Die Delegation reiste nach Moskau.", "de")] == ["Moscow"]


def test_mentions_are_ordered_and_do_not_overlap() -> None:
    got = find_places("Gefechte an der Grenze zur Ukraine, in der Ostukraine und in Charkiw.", "de")
    assert [m.kind for m in got] == ["border", "region", "city"]
    assert all(a.span[1] <= b.span[0] for a, b in itertools.pairwise(got))


# ---------------------------------------------------------------------------
# data integrity: the gazetteer is reviewed data, so check its shape


def test_country_table_has_iso3_and_well_formed_qids() -> None:
    rows = _rows(DATA_DIR / "countries.tsv")
    assert len(rows) > 190
    isos = [r["iso3"] for r in rows]
    assert len(isos) == len(set(isos))
    for r in rows:
        assert re.fullmatch(r"[A-Z]{3}", r["iso3"]), r
        assert r["qid"] == "" or re.fullmatch(r"Q\d+", r["qid"]), r
        assert r["en"] and r["de"], r


def test_gazetteer_rows_point_at_known_countries() -> None:
    countries = {r["iso3"] for r in _rows(DATA_DIR / "countries.tsv")}
    rows = _rows(DATA_DIR / "gazetteer.tsv")
    assert sum(r["kind"] == "city" for r in rows) > 150
    for r in rows:
        assert r["kind"] in ("city", "region"), r
        assert r["iso3"] == "" or r["iso3"] in countries, r
        assert r["qid"] == "" or re.fullmatch(r"Q\d+", r["qid"]), r
        assert r["en"] and r["de"] and r["label"], r


try:
    from hypothesis import given, settings
    from hypothesis import strategies as st
except ImportError:  # hypothesis is a test extra; the table tests above still run
    given = None

if given is not None:
    _WORDS = st.sampled_from(["in", "der", "die", "Ostukraine", "Ost-", "Ukraine", "an", "Grenze", "zur", "nahe",
                              "ukrainischen", "russisch-ukrainischen", "im", "Osten", "Russlands", "Genf", "nach",
                              "near", "the", "border", "with", "eastern", "Syria", "Gaza", "Strip", "Nordkorea",
                              "Donbass", "Kiew", "aus", "USA", "den", ",", "-", "x"])

    @settings(max_examples=300, deadline=None)
    @given(words=st.lists(_WORDS, max_size=14), noise=st.text(max_size=20), lang=st.sampled_from(["de", "en"]))
    def test_any_text_gives_exact_spans(words: list[str], noise: str, lang: str) -> None:
        text = " ".join(words) + noise
        got = find_places(text, lang, offset=3)
        for m in got:
            assert text[m.span[0] - 3:m.span[1] - 3] == m.text
            assert m.kind in KINDS and m.location.label
        assert all(a.span[1] <= b.span[0] for a, b in itertools.pairwise(got))
