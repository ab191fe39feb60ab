"""Shared fixtures: the ontology and its SHACL shapes; hand-built seed statements for the store tests.

The statements are built by hand (no extractor involved), with offsets computed
from the text, so the store is tested on exactly the records the contract defines.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph

from kg.model import Actor, Document, Evidence, Location, Run, Statement
from kg.store import Store, open_store

ONTOLOGY = Path(__file__).resolve().parent.parent / "ontology"


@pytest.fixture(scope="session")
def ontology() -> Graph:
    """geokg's OWL ontology with the PLOVER scheme, as SHACL validation reads it."""
    g = Graph()
    g.parse(ONTOLOGY / "geokg.ttl")
    g.parse(ONTOLOGY / "plover.ttl")
    return g


@pytest.fixture(scope="session")
def shapes() -> Graph:
    """The SHACL shapes every built graph must satisfy."""
    return Graph().parse(ONTOLOGY / "shapes.ttl")


SEED_ID = "000_2cfd4a2365473f03"
SEED_TEXT = (
    "Im Juni trafen sich die beiden Präsidenten Putin und Biden in der Schweiz.\n\n"
    "Washington – US-Präsident Joe Biden und sein russischer Kollege Wladimir Putin wollen am "
    "Donnerstagabend miteinander telefonieren, erklärte ein Kreml-Sprecher der Nachrichtenagentur Reuters. "
    "Biden habe im Vorfeld mit Staats- und Regierungschefs in Europa gesprochen.\n\n"
    "Der Westen sorgt sich derzeit wegen eines massiven russischen Truppenaufmarsches an der Grenze zur "
    "Ukraine. Es gibt es Befürchtungen, Moskau könnte das Nachbarland angreifen. Russland dementiert "
    "jegliche Angriffspläne, weist Kritik an den Truppenbewegungen zurück und wirft seinerseits Kiew und "
    'der Nato "Provokationen" vor. (Reuters, APA, red, 29.12.2021)'
)
EN_ID = "en_reuters_1"
EN_TEXT = (
    "Russia has massed troops near its border with Ukraine, NATO said on Tuesday. "
    "Ukraine's foreign minister met his German counterpart in Kyiv."
)

RUN = Run(id="run-2021-12-30T10:00:00Z", software="geokg", version="0.1.0",
          started="2021-12-30T10:00:00Z", model="blank")


def _span(text: str, words: str, after: int = 0) -> tuple[int, int]:
    start = text.index(words, after)
    return (start, start + len(words))


def _sentence(text: str, words: str) -> tuple[str, tuple[int, int]]:
    """The sentence around ``words``: from the previous full stop/blank line to the next full stop."""
    pos = text.index(words)
    stop = text.rfind(". ", 0, pos)
    start = max(stop + 2 if stop >= 0 else 0, text.rfind("\n", 0, pos) + 1)
    end = text.index(".", pos) + 1
    if text[end:end + 1] == '"':
        end += 1
    return text[start:end], (start, end)


def _actor(label: str, mention: str, text: str, *, after: int = 0, resolution: str = "", **kw: object) -> Actor:
    return Actor(label, mention, span=_span(text, mention, after),
                 resolution=resolution or f"{mention} -> {label}", **kw)  # type: ignore[arg-type]


def _stmt(text: str, doc: str, trigger: str, type_: str, label: str, source: Actor, target: Actor | None,
          modality: str = "asserted", lang: str = "de", **kw: object) -> Statement:
    sentence, span = _sentence(text, trigger)
    return Statement(doc=doc, sentence=sentence, span=span, type=type_, label=label, source=source,
                     target=target, modality=modality, lang=lang,
                     evidence=Evidence(trigger=trigger, trigger_span=_span(text, trigger),
                                       rule=kw.pop("rule", f"{lang}.{type_.lower()}.test.v1"),  # type: ignore[arg-type]
                                       **{k: kw.pop(k) for k in list(kw) if k.endswith("_cue")}),  # type: ignore[arg-type]
                     **kw)  # type: ignore[arg-type]


def seed_statements() -> list[Statement]:
    t = SEED_TEXT
    russia = dict(country="RUS", wikidata="Q159", kind="state")
    ukraine = dict(country="UKR", wikidata="Q212", kind="state")
    putin = dict(country="RUS", wikidata="Q7747", kind="person", role="GOV")
    biden = dict(country="USA", wikidata="Q6279", kind="person", role="GOV")
    phone = t.index("Washington")
    return [
        _stmt(t, SEED_ID, "trafen sich", "CONSULT", "meets with",
              _actor("Vladimir Putin", "Putin", t, **putin), _actor("Joe Biden", "Biden", t, **biden),
              date="2021-06", date_cue="Im Juni", location=Location("Switzerland", "CHE", "Q39"),
              location_cue="in der Schweiz", confidence=0.7),
        _stmt(t, SEED_ID, "telefonieren", "CONSULT", "talks with",
              _actor("Joe Biden", "Joe Biden", t, after=phone, **biden),
              _actor("Vladimir Putin", "Wladimir Putin", t, **putin), modality="planned",
              attributed_to=_actor("Russia", "Kreml-Sprecher", t, resolution="Kreml-Sprecher -> kremlin "
                                   "spokesperson -> Russia", role="GOV", **russia),
              date="2021-12-30", modality_cue="wollen", attribution_cue="erklärte", date_cue="Donnerstagabend",
              confidence=0.6),
        _stmt(t, SEED_ID, "gesprochen", "CONSULT", "talks with",
              _actor("Joe Biden", "Biden", t, after=t.index("Biden habe"), **biden),
              _actor("European states", "Staats- und Regierungschefs in Europa", t, org="EUR", kind="group"),
              confidence=0.5),
        _stmt(t, SEED_ID, "Truppenaufmarsches", "MOBILIZE", "masses troops near",
              _actor("Russia", "russischen", t, after=t.index("massiven"), role="MIL",
                     resolution="russischen -> demonym -> Russia", **russia),
              _actor("Ukraine", "Ukraine", t, **ukraine), location=Location("Russia–Ukraine border", "UKR"),
              location_cue="an der Grenze zur Ukraine", confidence=0.8, rule="de.mobilize.troop_buildup.v1"),
        _stmt(t, SEED_ID, "angreifen", "ASSAULT", "attacks",
              _actor("Russia", "Moskau", t, resolution="Moskau -> capital -> Russia", **russia),
              _actor("Ukraine", "Nachbarland", t, resolution="Nachbarland -> neighbour -> Ukraine", **ukraine),
              modality="hypothetical", modality_cue="Befürchtungen", confidence=0.55),
        _stmt(t, SEED_ID, "dementiert", "ASSAULT", "attacks",
              _actor("Russia", "Russland", t, **russia), None, modality="negated",
              modality_cue="dementiert", confidence=0.5),
        _stmt(t, SEED_ID, "wirft", "ACCUSE", "accuses",
              _actor("Russia", "Russland", t, **russia), _actor("Ukraine", "Kiew", t, role="GOV", **ukraine),
              confidence=0.65),
        _stmt(t, SEED_ID, "wirft", "ACCUSE", "accuses",
              _actor("Russia", "Russland", t, **russia),
              _actor("NATO", "Nato", t, org="NATO", wikidata="Q7184", kind="organisation"), confidence=0.65),
    ]


def en_statements() -> list[Statement]:
    t = EN_TEXT
    return [
        _stmt(t, EN_ID, "massed troops", "MOBILIZE", "masses troops near",
              Actor("Russia", "Russia", "RUS", None, "MIL", "Q159", "state", "Russia -> country name -> Russia",
                    _span(t, "Russia")),
              Actor("Ukraine", "Ukraine", "UKR", None, None, "Q212", "state", "", _span(t, "Ukraine")),
              attributed_to=Actor("NATO", "NATO", None, "NATO", None, "Q7184", "organisation"),
              lang="en", attribution_cue="said", confidence=0.9),
        _stmt(t, EN_ID, "met", "CONSULT", "meets with",
              Actor("Ukraine", "Ukraine's foreign minister", "UKR", None, "GOV", "Q212", "state"),
              Actor("Germany", "German counterpart", "DEU", None, "GOV", "Q183", "state"),
              lang="en", location=Location("Kyiv", "UKR", "Q1899")),
    ]


@pytest.fixture
def seed_doc() -> Document:
    return Document(id=SEED_ID, text=SEED_TEXT, lang="de", date="2021-12-29", date_source="byline",
                    url="https://www.derstandard.at/story/2000132208710", title="Biden und Putin telefonieren")


@pytest.fixture
def en_doc() -> Document:
    return Document(id=EN_ID, text=EN_TEXT, lang="en", date="2021-12-28", url="https://example.org/a b?x=<1>")


@pytest.fixture
def run() -> Run:
    return RUN


@pytest.fixture
def seed_stmts() -> list[Statement]:
    return seed_statements()


@pytest.fixture
def en_stmts() -> list[Statement]:
    return en_statements()


@pytest.fixture
def mem_store() -> Store:
    with open_store("memory:") as store:
        yield store  # type: ignore[misc]


@pytest.fixture
def built_store(mem_store: Store, seed_doc: Document, en_doc: Document, run: Run) -> Store:
    """An in-memory store holding the seed article and one English article."""
    mem_store.add_document(seed_doc, seed_statements(), run)
    mem_store.add_document(en_doc, en_statements(), run)
    return mem_store
