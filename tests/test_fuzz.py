"""Property-based tests: whatever text or JSON Lines arrive, reading, extraction and the store hold.

The properties, for arbitrary input (hypothesis):

- reading never raises; every problem is a coded one-line message;
- every document read goes through extraction and into a store without an exception,
  its statements' offsets point into its text, and the store gives them all back;
- every graph produced passes the SHACL shapes (``ontology/shapes.ttl``) and parses
  back with pyoxigraph from N-Quads and TriG to the same number of quads.

Inputs mix arbitrary unicode (surrogates and controls included), arbitrary bytes and
arbitrary JSON with fragments of real news sentences, so that actors and triggers
fire inside the noise.  Examples are few and the deadline is off: pyshacl takes a
moment per graph, and the suite has to stay quick.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pyoxigraph as ox
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import Graph

from kg.documents import Problem, iter_documents
from kg.extract import extract_documents
from kg.model import Run
from kg.store import open_store

pyshacl = pytest.importorskip("pyshacl")

RUN = Run(id="run-fuzz", software="geokg", version="0", started="2021-12-30T10:00:00Z", model="blank")
MESSAGE = re.compile(r"^[EW]\d{3}: \S.*\.\)?$")
SETTINGS = settings(max_examples=20, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])

#: Pieces of news sentences in both languages: actors, triggers, dates, places, cues.
FRAGMENTS = [
    "Russland", "die Ukraine", "Moskau", "Kiew", "die Nato", "US-Präsident Joe Biden", "Putin", "Deutschland",
    "Russia", "Ukraine", "NATO", "the United States", "China", "Iran", "the Kremlin", "Hamas", "the EU",
    "griff", "an", "drohte", "verurteilte", "traf sich mit", "warf", "vor", "bestreitet", "könnte angreifen",
    "attacked", "accused", "met", "threatened", "denied", "may invade", "agreed to send aid to", "said",
    "am 31. Feber 2022", "am 10. Jänner", "on Monday", "last week", "im Juni", "seit 2014", "on 30 February",
    "in Genf", "at the border", "an der Grenze zur Ukraine", "according to officials", "teilte die Regierung mit",
    ".", ",", "!", "?", "\n", "\n\n", '"', "„", "(Reuters, APA, red, 29.12.2021)", " date 2021-12 ", "(AFP, 31.2.2022)",
    "<script>alert(1)</script>", "<b>", "&amp;", "\u00a0", "\u200b", "\u202e", "\r\n",
]
#: Whole sentences that extract (subject, trigger, object, tail), to put statements inside the noise.
SENTENCES = st.one_of(
    st.tuples(st.sampled_from(["Russland", "Moskau", "Die Nato", "Deutschland", "Der Kreml", "Kiew"]),
              st.sampled_from(["griff {o} an", "warf {o} Provokationen vor", "drohte {o} mit Sanktionen",
                               "traf sich mit {o}", "könnte {o} angreifen", "bestreitet, {o} anzugreifen"]),
              st.sampled_from(["die Ukraine", "Russland", "den USA", "Polen", "der Nato"]),
              st.sampled_from(["", " am Montag", " am 31. Feber 2022", " in Genf", ", teilte die Regierung mit"])),
    st.tuples(st.sampled_from(["Russia", "NATO", "The United States", "China", "Iran", "The Kremlin"]),
              st.sampled_from(["attacked {o}", "accused {o} of provocations", "threatened {o} with sanctions",
                               "met {o}", "may invade {o}", "denied attacking {o}", "agreed to send aid to {o}"]),
              st.sampled_from(["Ukraine", "Russia", "Germany", "Taiwan", "the EU"]),
              st.sampled_from(["", " on Monday", " on 30 February 2022", " in Geneva", ", officials said"])),
).map(lambda t: f"{t[0]} {t[1].format(o=t[2])}{t[3]}.")
ANY_CHAR = st.characters(min_codepoint=0, max_codepoint=0x10FFFF, exclude_categories=())  # surrogates too
NOISY_TEXT = st.lists(st.one_of(SENTENCES, SENTENCES, st.sampled_from(FRAGMENTS), st.text(ANY_CHAR, max_size=12)),
                      max_size=30).map(" ".join)
JSON_SCALAR = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True),
                        st.text(ANY_CHAR, max_size=20), NOISY_TEXT,
                        st.sampled_from(["2022-02-31", "2022-13", "2021-12-29", "0000-00-00", "de", "EN", "xx",
                                         'http://ex.org/<a>"b', "../x<y>\"z"]))
JSON_VALUE = st.recursive(JSON_SCALAR, lambda inner: st.lists(inner, max_size=3)
                          | st.dictionaries(st.text(max_size=5), inner, max_size=3), max_leaves=6)
FIELDS = ["id", "text", "date", "url", "lang", "title", "extra"]
JSON_OBJECT = st.dictionaries(st.sampled_from(FIELDS), JSON_VALUE, max_size=6) | st.fixed_dictionaries(
    {"text": NOISY_TEXT}, optional={k: JSON_VALUE for k in FIELDS if k != "text"})
JSON_LINE = st.one_of(JSON_OBJECT.map(json.dumps), JSON_VALUE.map(json.dumps), st.text(ANY_CHAR, max_size=30))


def read(path: Path, lang: str | None) -> list:
    problems: list[Problem] = []
    docs = list(iter_documents([path], problems.append, lang=lang))
    for p in problems:
        assert MESSAGE.match(p.message) and "\n" not in p.message, p.message
        assert p.severity in ("error", "warning")
    return docs


def check_through_the_store(docs: list, shapes: Graph, ontology: Graph) -> None:
    """Extract, store, and check each document's graph: SHACL, and a lossless N-Quads/TriG round trip."""
    with open_store("memory:") as store:
        for doc, statements in extract_documents(docs, model="blank"):
            for st_ in statements:  # offsets point into the text as stored
                assert doc.text[st_.span[0]:st_.span[1]] == st_.sentence
                assert st_.span[0] <= st_.evidence.trigger_span[0] < st_.evidence.trigger_span[1] <= st_.span[1]
            store.add_document(doc, statements, RUN)
            assert {st_.id for st_ in store.statements(doc.id)} == {st_.id for st_ in statements}
            graph = store.graph(doc.id)
            data = Graph()
            for t in graph:
                data.add(t)
            for t in ontology:
                data.add(t)
            conforms, _, report = pyshacl.validate(data, shacl_graph=shapes, advanced=True, allow_warnings=True)
            assert conforms, f"{doc.id!r}:\n{report}"
        quads = list(store._graph_quads(None))
        for fmt in (ox.RdfFormat.N_QUADS, ox.RdfFormat.TRIG):
            back = list(ox.parse(ox.serialize(quads, format=fmt), fmt))
            assert len(set(back)) == len(set(quads))


@SETTINGS
@given(text=NOISY_TEXT, lang=st.sampled_from([None, "de", "en"]), suffix=st.sampled_from([".txt", ".html"]))
def test_arbitrary_text_files(tmp_path_factory: pytest.TempPathFactory, shapes: Graph, ontology: Graph, text: str,
                              lang: str | None, suffix: str) -> None:
    path = tmp_path_factory.mktemp("fuzz") / f"doc{suffix}"
    path.write_bytes(text.encode("utf-8", "surrogatepass"))
    check_through_the_store(read(path, lang), shapes, ontology)


@SETTINGS
@given(data=st.binary(max_size=2000), lang=st.sampled_from([None, "de", "en"]))
def test_arbitrary_bytes(tmp_path_factory: pytest.TempPathFactory, shapes: Graph, ontology: Graph, data: bytes,
                         lang: str | None) -> None:
    path = tmp_path_factory.mktemp("fuzz") / "doc.txt"
    path.write_bytes(data)
    check_through_the_store(read(path, lang), shapes, ontology)


@SETTINGS
@given(lines=st.lists(JSON_LINE, min_size=1, max_size=8), lang=st.sampled_from([None, "de", "en"]),
       ending=st.sampled_from(["\n", "\r\n"]))
def test_arbitrary_json_lines(tmp_path_factory: pytest.TempPathFactory, shapes: Graph, ontology: Graph,
                              lines: list[str], lang: str | None, ending: str) -> None:
    path = tmp_path_factory.mktemp("fuzz") / "corpus.jsonl"
    path.write_bytes(ending.join(line.replace("\n", " ").replace("\r", " ") for line in lines)
                     .encode("utf-8", "surrogatepass"))
    docs = read(path, lang)
    assert len({d.id for d in docs}) == len(docs)  # ids stay unique: each names one graph
    check_through_the_store(docs, shapes, ontology)
