"""The actor stage: data coverage, a table of mention -> actor cases, and the pipeline component.

The component tests run on spaCy's blank pipelines (tokens + simplemma lemmas), as
geokg does when no statistical model is installed.
"""

from __future__ import annotations

import csv
import itertools
import re
from pathlib import Path

import pytest

from kg.actors import actor_counts, index, resolve
from kg.language import load_pipeline

CASES_FILE = Path(__file__).parent / "data" / "actor_cases.tsv"
SEED = Path(__file__).parent.parent / "seeds" / "000_2cfd4a2365473f03.txt"


def _cases() -> list[dict[str, str]]:
    with CASES_FILE.open(encoding="utf-8") as fh:
        lines = [line for line in fh if line.strip() and not line.startswith("#")]
    return [{k: (v or "") for k, v in row.items()} for row in csv.DictReader(lines, delimiter="\t",
                                                                                 quoting=csv.QUOTE_NONE)]


CASES = _cases()


def test_case_table_is_large_and_bilingual() -> None:
    assert len(CASES) >= 300
    assert {c["lang"] for c in CASES} == {"de", "en"}
    assert sum(c["lang"] == "en" for c in CASES) >= 80


@pytest.mark.parametrize("case", CASES, ids=[f"{c['lang']}:{c['mention']}@{c['date']}" for c in CASES])
def test_resolve_case(case: dict[str, str]) -> None:
    actor = resolve(case["mention"], case["lang"], case["date"] or None)
    if case["key"] == "-":
        assert actor is None, actor
        return
    assert actor is not None
    assert actor.key == case["key"], actor
    if case["role"]:
        assert actor.role == (None if case["role"] == "none" else case["role"]), actor
    if case["label"]:
        assert actor.label == case["label"], actor
    assert actor.mention == case["mention"]
    assert actor.span is None
    assert actor.resolution.startswith(case["mention"] + " -> ")


# --------------------------------------------------------------------------- data


def test_counts() -> None:
    counts = actor_counts()
    assert counts["states"] >= 195
    assert counts["states_with_qid"] == counts["states"]
    assert counts["organisations_and_groups"] >= 40
    assert counts["office_terms"] >= 400


def test_state_qids_are_well_formed_and_unique() -> None:
    states = index().states
    qids = [a.wikidata for a in states.values()]
    assert all(q and re.fullmatch(r"Q\d+", q) for q in qids)
    assert len(set(qids)) == len(qids)
    for iso3 in ("XKX", "TWN", "PSE", "ESH", "VAT", "RUS", "UKR", "USA"):
        assert iso3 in states
    assert states["RUS"].wikidata == "Q159"
    assert states["UKR"].wikidata == "Q212"


def test_office_terms_are_consistent() -> None:
    idx = index()
    for person in idx.persons.values():
        for term in person.terms:
            assert term.holder in idx.states or term.holder in idx.orgs, term
            assert term.end is None or term.start <= term.end, term
            if person.wikidata:
                assert re.fullmatch(r"Q\d+", person.wikidata)
    heads = [t for p in idx.persons.values() for t in p.terms if t.office in ("head_state", "head_gov")]
    assert len({t.holder for t in heads}) >= 40


def test_resolve_without_date_uses_the_latest_terms() -> None:
    assert resolve("Trump", "en", None).role == "GOV"
    assert resolve("Biden", "en", None).role is None
    assert "former" in resolve("Biden", "en", None).resolution


def test_former_leader_says_so() -> None:
    actor = resolve("Trump", "en", "2022-06")
    assert actor.country == "USA" and actor.role is None
    assert "former head of state of United States" in actor.resolution


def test_unknown_words_are_not_actors() -> None:
    for text in ("Wetter", "the weather", "Fußball", "Dienstag", "Krieg", "Nachbarland"):
        assert resolve(text, "de", "2021-12") is None


# --------------------------------------------------------------------------- component


@pytest.fixture(scope="module")
def nlp_de():
    import spacy

    nlp = spacy.blank("de")
    nlp.add_pipe("kg_sentences")
    nlp.add_pipe("kg_lemmas", config={"overwrite": True})
    nlp.add_pipe("kg_actors")
    return nlp


@pytest.fixture(scope="module")
def nlp_en():
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("kg_sentences")
    nlp.add_pipe("kg_lemmas")
    nlp.add_pipe("kg_actors")
    return nlp


def _run(nlp, text: str, date: str | None):
    doc = nlp.make_doc(text)
    doc._.kg_date = date
    for _, proc in nlp.pipeline:
        doc = proc(doc)
    return doc


def _mentions(doc) -> dict[str, list]:
    out: dict[str, list] = {}
    for span in doc.spans["kg_actors"]:
        out.setdefault(span.text, []).append(span)
    return out


def test_component_builds_on_the_language_pipeline() -> None:
    nlp = load_pipeline("de", "blank")
    assert "kg_lemmas" in nlp.pipe_names
    import spacy

    fresh = spacy.blank("de")
    fresh.add_pipe("kg_lemmas")
    fresh.add_pipe("kg_actors")
    doc = fresh("Moskau und Kiew verhandeln.")
    assert [s.text for s in doc.spans["kg_actors"]] == ["Moskau", "Kiew"]


def test_seed_article(nlp_de) -> None:
    doc = _run(nlp_de, SEED.read_text(encoding="utf-8"), "2021-12-29")
    found = _mentions(doc)

    def actors(text: str) -> list:
        assert text in found, (text, sorted(found))
        return [s._.kg_actor for s in found[text]]

    expected = {
        "Biden": ("USA", "GOV", "Joe Biden"),
        "Putin": ("RUS", "GOV", "Vladimir Putin"),
        "Kreml-Sprecher": ("RUS", "GOV", "Russia"),
        "Weiße Haus": ("USA", "GOV", "United States"),
        "US-Regierung": ("USA", "GOV", "United States"),
        "Emily Horne": ("USA", "GOV", "Emily Horne"),
        "Moskau": ("RUS", None, "Russia"),
        "Kiew": ("UKR", None, "Ukraine"),
        "Nato": ("NATO", None, "NATO"),
        "Der Westen": ("WEST", None, "the West"),
        "westliche Staaten": ("WEST", None, "the West"),
        "russische Verteidigungsministerium": ("RUS", "GOV", "Russia"),
        "prorussischen Rebellen": ("UKR_REB", "REB", None),
        "ukrainischen Armee": ("UKR", "MIL", "Ukraine"),
        "US-Präsident Joe Biden": ("USA", "GOV", "Joe Biden"),
        "russischer Kollege Wladimir Putin": ("RUS", "GOV", "Vladimir Putin"),
        "Kreml": ("RUS", "GOV", "Russia"),
        "Armee": ("RUS", "MIL", "Russia"),
        "Separatisten": ("UKR_REB", "REB", None),
    }
    for text, (k, role, label) in expected.items():
        for actor in actors(text):
            assert actor.key == k, (text, actor)
            assert actor.role == role, (text, actor)
            if label:
                assert actor.label == label, (text, actor)
            assert actor.mention == text
            assert doc.text[actor.span[0]:actor.span[1]] == text
    kreml = found["Kreml-Sprecher"][0]._.kg_actor
    assert kreml.resolution == "Kreml-Sprecher -> kremlin spokesperson -> Russia"
    assert not any("Nato-Osterweiterung" in t or "Ukraine-Konflikt" in t for t in found)
    # "eines massiven russischen Truppenaufmarsches": Russia as the agent of a noun
    adjectival = [s for s in found["russischen"] if s._.kg_adjectival]
    assert adjectival and all(s._.kg_actor.key == "RUS" for s in adjectival)
    assert not found["ukrainischen Armee"][0]._.kg_adjectival
    # "Im Gespräch der beiden Staatsoberhäupter": both presidents named before
    group = found["beiden Staatsoberhäupter"][0]._.kg_actors_group
    assert {a.label for a in group} == {"Joe Biden", "Vladimir Putin"}
    assert found["beiden Staatsoberhäupter"][0]._.kg_actor.label == group[0].label


def test_spans_do_not_overlap(nlp_de) -> None:
    doc = _run(nlp_de, SEED.read_text(encoding="utf-8"), "2021-12-29")
    spans = sorted(doc.spans["kg_actors"], key=lambda s: s.start)
    for a, b in itertools.pairwise(spans):
        assert a.end <= b.start


def test_english_sentences(nlp_en) -> None:
    text = ("The White House said on Monday that Russian troops had massed near Ukraine. "
            "Beijing's foreign ministry urged restraint, while Kyiv asked NATO for help. "
            "Ukraine's army said the separatists in eastern Ukraine had fired first.")
    found = _mentions(_run(nlp_en, text, "2022-01-10"))
    assert found["White House"][0]._.kg_actor.key == "USA"
    assert found["Russian troops"][0]._.kg_actor.role == "MIL"
    assert found["Beijing's foreign ministry"][0]._.kg_actor.key == "CHN"
    assert found["Kyiv"][0]._.kg_actor.key == "UKR"
    assert found["NATO"][0]._.kg_actor.key == "NATO"
    assert found["Ukraine's army"][0]._.kg_actor.role == "MIL"
    assert found["separatists"][0]._.kg_actor.key == "UKR_REB"


def test_unknown_person_after_role_is_kept(nlp_de) -> None:
    text = "Das erklärte der ägyptische Außenminister Samir Hamdi am Dienstag in Kairo."
    found = _mentions(_run(nlp_de, text, "2030-01"))
    person = found["ägyptische Außenminister Samir Hamdi"][0]._.kg_actor
    assert person.kind == "person" and person.label == "Samir Hamdi" and person.country == "EGY"


def test_bare_sector_takes_the_state_named_before_in_the_sentence(nlp_de) -> None:
    text = "Das russische Verteidigungsministerium teilte mit, die Armee habe Manöver beendet."
    found = _mentions(_run(nlp_de, text, "2021-12"))
    assert found["Armee"][0]._.kg_actor.key == "RUS"
    assert found["Armee"][0]._.kg_actor.role == "MIL"


def test_group_reference_english(nlp_en) -> None:
    text = "Xi Jinping met Joe Biden in Bali. The two leaders agreed to talk again."
    found = _mentions(_run(nlp_en, text, "2022-11-14"))
    group = found["The two leaders"][0]._.kg_actors_group
    assert [a.label for a in group] == ["Xi Jinping", "Joe Biden"]


def test_ambiguous_place_names(nlp_en) -> None:
    found = _mentions(_run(nlp_en, "The Washington Post reported that Washington sent envoys.", "2021-12"))
    assert len(found["Washington"]) == 1 and "Washington Post" not in found
    found = _mentions(_run(nlp_en, "Georgia's governor spoke in Atlanta.", "2021-12"))
    assert "Georgia" not in found


def test_coordinated_demonyms_share_their_noun(nlp_de) -> None:
    found = _mentions(_run(nlp_de, "Russische und ukrainische Truppen lieferten sich Gefechte.", "2022-05"))
    assert found["Russische"][0]._.kg_actor.role == "MIL"
    assert found["ukrainische Truppen"][0]._.kg_actor.key == "UKR"


def test_unknown_person_in_apposition(nlp_de) -> None:
    text = "Das sagte die Sprecherin des Außenministeriums der Türkei, Ayse Yilmaz, am Montag."
    found = _mentions(_run(nlp_de, text, "2030-01"))
    person = found["Ayse Yilmaz"][0]._.kg_actor
    assert person.kind == "person" and person.country == "TUR"


def test_iso_codes_resolve_but_are_not_read_in_text(nlp_en) -> None:
    assert resolve("CAN", "en", None).key == "CAN"
    found = _mentions(_run(nlp_en, "WE CAN AND WILL WIN", None))
    assert not found
