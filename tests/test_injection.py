"""Hostile text must stay text: in IRIs, in SPARQL, in the HTML page, and behind ``kg serve``.

Article text, document ids, URLs and titles come from the open web.  These tests feed
them through the real paths (``kg build`` and ``kg query`` in a subprocess where a user
would meet the result) and check that nothing they contain is executed as markup,
query syntax or an IRI of someone else's choosing.  ``tests/test_view.py`` covers the
page renderer on hand-built graphs; here the text travels the whole way from a file.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import warnings
from html.parser import HTMLParser
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib

from kg.errors import KGError
from kg.model import Actor, Document, Evidence, Run, Statement
from kg.rdf import doc_iri, document_graph, statements_from_graph
from kg.store import open_store

REPO = Path(__file__).resolve().parent.parent
BASE = "https://w3id.org/geokg/"
RUN = Run(id="run-1", software="geokg", version="0", started="2021-12-30T10:00:00Z", model="blank")
#: Characters RFC 3987 forbids in an IRI (besides controls): each one could end an IRI in Turtle or SPARQL.
IRI_FORBIDDEN = set('<>"{}|\\^` \n\t')

HOSTILE_IDS = ['../x<y>"z', "a b", "a_b", "Ünïcødé/Київ", "x> ; DROP ALL ; <y", "\u202eevil", "#frag?q=1&x",
               "%2e%2e/%00", "' OR 1=1 --", "<script>alert(1)</script>"]
XSS = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"


def kg(*args: str, timeout: float = 600) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "kg.cli", *args], capture_output=True, text=True, timeout=timeout,
                          cwd=REPO)


def statement(doc_id: str, text: str, source: Actor, target: Actor | None, trigger: str) -> Statement:
    start = text.index(trigger)
    return Statement(doc=doc_id, sentence=text, span=(0, len(text)), type="ACCUSE", label="accuses", source=source,
                     target=target, modality="asserted", lang="en",
                     evidence=Evidence(trigger=trigger, trigger_span=(start, start + len(trigger)),
                                       rule="en.accuse.test.v1"))


def iris(graph: rdflib.Graph) -> set[str]:
    return {str(t) for triple in graph for t in triple if isinstance(t, rdflib.URIRef)}


# --- IRIs ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("doc_id", HOSTILE_IDS)
def test_document_ids_become_safe_iris_of_our_namespace(doc_id: str) -> None:
    iri = str(doc_iri(doc_id))
    assert iri.startswith(BASE + "id/doc/")
    assert not IRI_FORBIDDEN & set(iri) and iri.isascii() and iri.isprintable()
    assert ".." not in iri.removeprefix("https://")
    ox.NamedNode(iri)  # a valid IRI to Oxigraph's strict parser


def test_ids_that_slug_alike_keep_apart() -> None:
    assert len({doc_iri(d) for d in HOSTILE_IDS}) == len(HOSTILE_IDS)


@pytest.mark.parametrize("doc_id", HOSTILE_IDS)
def test_a_hostile_document_round_trips_through_the_store_and_every_format(doc_id: str, tmp_path: Path) -> None:
    label = 'Evil> <http://attacker.example/> "Front'
    text = f'{label} accused Ukraine of "</script>{IMG}" provocations.'
    source = Actor(label, label, None, None, None, None, "group", f"{label} -> {label}", (0, len(label)))
    target = Actor("Ukraine", "Ukraine", "UKR", None, None, "Q212", "state", "", (text.index("Ukraine"),
                                                                                   text.index("Ukraine") + 7))
    st = statement(doc_id, text, source, target, "accused")
    doc = Document(id=doc_id, text=text, lang="en", date="2021-12-29", url='http://ex.org/<a>"b c',
                   title=f'{XSS} "t" \u0000')
    graph = document_graph(doc, [st], RUN)
    for iri in iris(graph):
        assert not IRI_FORBIDDEN & set(iri), iri
        assert iri.startswith((BASE, "http://www.w3.org/", "http://purl.org/", "http://www.wikidata.org/")), iri
    (back,) = statements_from_graph(graph)
    assert back.source.label == label and back.sentence == text and back.doc == doc_id
    with open_store(tmp_path) as store:
        store.add_document(doc, [st], RUN)
        assert store.documents() == [doc_id]
        for fmt, ox_format in (("nq", ox.RdfFormat.N_QUADS), ("ttl", ox.RdfFormat.TURTLE),
                               ("trig", ox.RdfFormat.TRIG)):
            store.export(tmp_path / f"x.{fmt}", fmt)
            with (tmp_path / f"x.{fmt}").open("rb") as fh:
                quads = list(ox.parse(fh, ox_format))
            assert any(isinstance(q.object, ox.Literal) and q.object.value == text for q in quads)
        store.export(tmp_path / "x.jsonld", "jsonld")
        with warnings.catch_warnings():  # rdflib's JSON-LD parser calls its own deprecated API
            warnings.simplefilter("ignore", DeprecationWarning)
            ds = rdflib.Dataset().parse(tmp_path / "x.jsonld", format="json-ld")
        assert rdflib.Literal(text) in {o for _s, _p, o, _g in ds.quads()}
        assert store.remove_document(doc_id) and store.count() == 0  # the id names exactly its own graph


def test_actor_codes_with_iri_syntax_are_encoded() -> None:
    text = "Someone accused Ukraine."
    source = Actor("Someone", "Someone", 'R<S', 'A>B "C', None, None, "organisation", "", (0, 7))
    graph = document_graph(Document(id="d", text=text, lang="en"), [statement("d", text, source, None, "accused")],
                           RUN)
    assert not any(IRI_FORBIDDEN & set(iri) for iri in iris(graph))


# --- SPARQL ---------------------------------------------------------------------------------------

HOSTILE_PARAMS = ['x" } ; DROP ALL ; {', "RUS' } DELETE WHERE { ?s ?p ?o } #", 'RUS"^^<http://x> } } UNION { ?s ?p ?o',
                  "RUS> . ?s ?p ?o } #", "\\\" ) } DROP ALL", "RUS\n} CLEAR ALL"]


@pytest.fixture(scope="module")
def small_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    src = tmp_path_factory.mktemp("inj-src")
    (src / "a.txt").write_text("Russia held talks with the United States in Geneva on Monday. "
                               "NATO accused Russia of provocations.", encoding="utf-8")
    out = tmp_path_factory.mktemp("inj-out")
    proc = kg("build", str(src), "--out", str(out), "--model", "blank", "--no-html")
    assert proc.returncode == 0, proc.stderr
    return out


def _count(out: Path) -> int:
    proc = kg("query", "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }", "--store", str(out),
              "--format", "csv")
    assert proc.returncode == 0, proc.stderr
    return int(proc.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize("value", HOSTILE_PARAMS)
def test_query_parameters_are_bound_not_pasted(small_store: Path, value: str) -> None:
    before = _count(small_store)
    proc = kg("query", "who-talks-with", "--store", str(small_store), "--param", f"actor={value}", "--format", "json")
    assert proc.returncode == 0, proc.stderr  # a valid query that simply finds no actor of that name
    assert json.loads(proc.stdout)["rows"] == []
    assert _count(small_store) == before > 0
    normal = kg("query", "who-talks-with", "--store", str(small_store), "--param", "actor=RUS", "--format", "json")
    assert json.loads(normal.stdout)["rows"]


@pytest.mark.parametrize("update", ["DROP ALL", "DELETE WHERE { GRAPH ?g { ?s ?p ?o } }",
                                    "INSERT DATA { <urn:a> <urn:b> <urn:c> }", "CLEAR DEFAULT"])
def test_kg_query_does_not_run_updates(small_store: Path, update: str) -> None:
    before = _count(small_store)
    proc = kg("query", update, "--store", str(small_store))
    assert proc.returncode == 1 and proc.stderr.startswith("E201") and "Traceback" not in proc.stderr
    assert _count(small_store) == before


@pytest.mark.parametrize("name", ["a } ; DROP ALL ; #", "x y", "1abc", ""])
def test_parameter_names_must_be_variable_names(small_store: Path, name: str) -> None:
    with open_store(small_store, create=False, read_only=True) as store:
        with pytest.raises(KGError, match="E203"):
            store.query("SELECT ?x WHERE { ?x ?p ?o } LIMIT 1", {name: "RUS"})


def test_a_bound_iri_cannot_carry_syntax(small_store: Path) -> None:
    with open_store(small_store, create=False, read_only=True) as store:
        with pytest.raises(ValueError, match="IRI"):
            store.query("SELECT ?p WHERE { ?s ?p ?o }", {"s": rdflib.URIRef("urn:x> } ; DROP ALL ; <urn:y")})
        assert store.count() > 0


# --- HTML -----------------------------------------------------------------------------------------


class _Page(HTMLParser):
    """The tags a browser would build, with their attributes, and the text of each script."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[tuple[dict[str, str | None], str]] = []
        self._script: dict[str, str | None] | None = None
        self._buf: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag == "script":
            self._script, self._buf = dict(attrs), []

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._script is not None:
            self.scripts.append((self._script, "".join(self._buf)))
            self._script = None

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self._buf.append(data)


def test_article_text_is_escaped_in_the_built_page(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    sentence = f"Russia accused Ukraine of provocations {XSS} and {IMG} on Monday."
    (src / "xss.txt").write_text(sentence + ' NATO accused Russia of "</script><!--<svg onload=alert(2)>".',
                                 encoding="utf-8")
    (src / "xss-title.jsonl").write_text(json.dumps({"id": f"{XSS}id", "title": XSS, "url": "javascript:alert(3)",
                                                     "text": "Germany accused Iran of provocations."}) + "\n",
                                         encoding="utf-8")
    proc = kg("build", str(src), "--out", str(tmp_path / "out"), "--model", "blank")
    assert proc.returncode == 0, proc.stderr
    html = (tmp_path / "out" / "graph.html").read_text(encoding="utf-8")
    page = _Page()
    page.feed(html)
    page.close()
    for tag, attrs in page.tags:  # no element or handler the article text made
        assert tag not in ("img", "svg"), (tag, attrs)
        assert not any(a.startswith("on") for a in attrs), (tag, attrs)
        assert not any("javascript:" in (v or "") for v in attrs.values()), (tag, attrs)
    data_scripts = [text for attrs, text in page.scripts if "alert(1)" in text]
    assert data_scripts, "the sentence must be in the page, as data"
    for attrs, text in page.scripts:
        if any(f"alert({n})" in text for n in (1, 2, 3)):
            assert attrs.get("type") == "application/json", attrs  # data, never code
            assert "<" not in text  # escaped, so no </script> or <!-- can end or bend the element
    assert sentence in json.dumps(json.loads(data_scripts[0]), ensure_ascii=False)  # and it reads back unchanged


# --- kg serve -------------------------------------------------------------------------------------


def test_the_server_defaults_to_localhost_read_only_with_a_time_limit(small_store: Path) -> None:
    from kg.store import server_binary, server_command

    if server_binary() is None:
        pytest.skip("the oxigraph server binary is not installed")
    args = server_command(small_store)
    assert args[1] == "serve-read-only"
    assert args[args.index("--bind") + 1].startswith("127.0.0.1:")
    assert int(args[args.index("--timeout-s") + 1]) > 0


def test_the_default_server_refuses_updates(small_store: Path, tmp_path: Path) -> None:
    from kg.store import OxigraphServer, server_binary

    if server_binary() is None:
        pytest.skip("the oxigraph server binary is not installed")
    with OxigraphServer(small_store, log=tmp_path / "server.log") as server:
        assert server.url.startswith("http://127.0.0.1:")
        req = urllib.request.Request(server.url + "/update", data=b"DROP ALL", method="POST",
                                     headers={"Content-Type": "application/sparql-update"})
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(req, timeout=30)
        assert refused.value.code in (400, 403, 404, 405)
        query = urllib.parse.urlencode({"query": "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"})
        with urllib.request.urlopen(f"{server.url}/query?{query}", timeout=30) as resp:
            assert resp.status == 200
    assert _count(small_store) > 0


def _free_port() -> int:
    """A free port whose next port is free too: ``kg serve`` puts the graph page there."""
    import socket

    for _ in range(50):
        with socket.socket() as first, socket.socket() as second:
            first.bind(("127.0.0.1", 0))
            port = int(first.getsockname()[1])
            try:
                second.bind(("127.0.0.1", port + 1))
            except OSError:
                continue
            return port
    raise RuntimeError("no two free ports in a row")


def _stop(proc: subprocess.Popen) -> None:  # type: ignore[type-arg]
    """Stop ``kg serve`` as a user would (SIGTERM), and any server it leaves behind."""
    children = subprocess.run(["pgrep", "-P", str(proc.pid)], capture_output=True, text=True).stdout.split()
    proc.terminate()
    try:
        proc.wait(timeout=30)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
    for pid in children:
        with contextlib.suppress(ProcessLookupError, ValueError):
            os.kill(int(pid), signal.SIGKILL)


def test_kg_serve_is_local_and_read_only(small_store: Path) -> None:
    from kg.store import server_binary

    if kg("serve", "--help").returncode != 0 or server_binary() is None:
        pytest.skip("kg serve or the oxigraph server binary is not available")
    port = _free_port()
    proc = subprocess.Popen([sys.executable, "-m", "kg.cli", "serve", "--store", str(small_store), "--port", str(port),
                             "--timeout", "1"], cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        url = f"http://127.0.0.1:{port}"
        for _ in range(600):  # wait for it (a hang guard, not a timing assertion)
            try:
                urllib.request.urlopen(url + "/query?query=ASK%7B%7D", timeout=1).close()
                break
            except OSError:
                assert proc.poll() is None, proc.stderr.read() if proc.stderr else ""
                time.sleep(0.1)
        listening = subprocess.run(["ss", "-ltnH"], capture_output=True, text=True).stdout
        ours = [line for line in listening.splitlines() if f":{port} " in line]
        assert ours and all("127.0.0.1:" in line for line in ours), listening  # loopback only
        update = urllib.request.Request(url + "/update", data=b"DROP ALL", method="POST",
                                        headers={"Content-Type": "application/sparql-update"})
        with pytest.raises(urllib.error.HTTPError):
            urllib.request.urlopen(update, timeout=30)
        query = urllib.parse.urlencode({"query": "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"})
        with urllib.request.urlopen(f"{url}/query?{query}", timeout=30) as resp:
            assert resp.status == 200
    finally:
        _stop(proc)
    assert _count(small_store) > 0


def test_kg_serve_has_a_result_size_limit_option() -> None:
    """The limit itself is exercised in tests/test_end_to_end.py::test_serve_limits_the_size_of_a_result."""
    help_text = " ".join(kg("serve", "--help").stdout.split()).lower()
    assert any(word in help_text for word in ("--max-rows", "--limit", "--max-results", "result size"))


def test_kg_serve_stops_a_query_at_its_time_limit(small_store: Path) -> None:
    from kg.store import server_binary

    if kg("serve", "--help").returncode != 0 or server_binary() is None:
        pytest.skip("kg serve or the oxigraph server binary is not available")
    port = _free_port()
    proc = subprocess.Popen([sys.executable, "-m", "kg.cli", "serve", "--store", str(small_store), "--port", str(port),
                             "--timeout", "1"], cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        url = f"http://127.0.0.1:{port}"
        for _ in range(600):
            try:
                urllib.request.urlopen(url + "/query?query=ASK%7B%7D", timeout=1).close()
                break
            except OSError:
                time.sleep(0.1)
        slow = urllib.parse.urlencode({"query": "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . "
                                                "?j ?k ?l . ?m ?n2 ?o }"})
        try:
            with urllib.request.urlopen(f"{url}/query?{slow}", timeout=30) as resp:
                resp.read()
        except urllib.error.HTTPError:
            return  # refused at the limit
        raise AssertionError("the query was answered instead of stopped at its time limit")
    finally:
        _stop(proc)


@pytest.mark.parametrize("query", [
    "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
    "select * where { service silent ?endpoint { ?s ?p ?o } }",
])
def test_queries_never_reach_out_to_other_endpoints(query: str) -> None:
    with open_store("memory:") as store, pytest.raises(KGError, match="E207"):
        store.query(query)


def test_kg_serve_refuses_federated_queries(small_store: Path) -> None:
    from kg.serve import serve
    from kg.store import server_binary

    if server_binary() is None:
        pytest.skip("the oxigraph server binary is not installed")
    endpoint = serve(small_store, b"page", port=0)
    try:
        body = urllib.parse.urlencode({"query": "SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }"})
        req = urllib.request.Request(endpoint.url + "/query", data=body.encode(), method="POST",
                                     headers={"Content-Type": "application/x-www-form-urlencoded"})
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(req, timeout=30)
        assert refused.value.code == 403 and b"E207" in refused.value.read()
    finally:
        endpoint.stop()
