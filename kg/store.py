"""The knowledge store: one small interface, an embedded and a remote backend.

:class:`Store` is the whole contract the rest of geokg codes against (build, query,
view, CLI): add or remove a document's statements, read statements back, run SPARQL
with safely bound parameters, export.  Backends implement three primitives (run a
SPARQL update as one transaction, run a query, iterate a graph's quads); everything
else lives once, in the base class, so a new backend is small.  A backend may
override how a batch of graphs is written (``_write_graphs``), as the embedded one
does to skip writing and parsing update text.

- :class:`OxigraphStore` - the embedded default (pyoxigraph/RocksDB on disk, or in
  memory): transactional, SPARQL in Rust, and on a million statement-shaped triples
  it loads about 2x faster than rdflib's memory store in half the memory (figures
  in ``ontology/README.md``, from ``tests/benchmarks/bench_store.py``).
- :class:`SparqlStore` - any SPARQL 1.1 server with query, update and graph store
  protocol (Oxigraph server, Fuseki, GraphDB, ...): the path past one machine.

:func:`open_store` chooses by location: a folder, ``"memory:"`` or an ``http(s)://`` URL.

Queries see the union of all document graphs as their default graph.  geokg keeps
that union itself, as a set, in the store's default graph, updated in the same
transaction as the document graph: Oxigraph's "union default graph" option returns a
triple once per graph that holds it, and with an actor named in a thousand articles
every join multiplied by a thousand (a 50k-triple timeline query took 15 s instead
of 20 ms).  The prefixes of :data:`kg.namespaces.PREFIXES` are preloaded.  Parameters are bound as RDF terms
(an inline ``VALUES`` block at the top of the WHERE group, written from terms by
pyoxigraph's serialiser, the same on every backend), never pasted as text.
"""

from __future__ import annotations

import contextlib
import csv
import heapq
import io
import json
import os
import re
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
import warnings
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar

import pyoxigraph as ox
import rdflib
from rdflib.namespace import XSD

from .errors import Errors, KGError
from .model import Document, Run, Statement
from .namespaces import PREFIXES
from .rdf import bind_prefixes, doc_iri, document_triples, statements_from_graph

__all__ = ["CSV_COLUMNS", "EXPORT_FORMATS", "OxigraphServer", "OxigraphStore", "QueryResult", "SparqlStore", "Store",
           "actor_network", "open_store", "server_binary", "server_command", "statements_csv"]

BindingValue = str | int | float | bool | rdflib.term.Node
Bindings = Mapping[str, BindingValue]

#: Export format -> the pyoxigraph serialiser used; ``None``: JSON-LD through rdflib (for its ``@context``),
#: GraphML/GEXF through networkx, CSV through :mod:`csv`.
EXPORT_FORMATS: dict[str, ox.RdfFormat | None] = {
    "ttl": ox.RdfFormat.TURTLE,
    "trig": ox.RdfFormat.TRIG,
    "nq": ox.RdfFormat.N_QUADS,
    "nt": ox.RdfFormat.N_TRIPLES,
    "jsonld": None,
    "graphml": None,
    "gexf": None,
    "csv": None,
}

#: Columns of the statements CSV export (one row per statement; actors by key and label).
CSV_COLUMNS = ("id", "doc", "type", "quad_class", "label", "modality", "source", "source_label", "target",
               "target_label", "attributed_to", "date", "location", "location_country", "confidence", "sentence",
               "start", "end", "trigger", "rule")

_VAR_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_PREFIX_HEADER = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items())


# --- terms ------------------------------------------------------------------------------------


def _to_ox(term: rdflib.term.Node) -> Any:
    """An rdflib term as a pyoxigraph term (no blank nodes occur in geokg's own graphs)."""
    if isinstance(term, rdflib.URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, rdflib.Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype or XSD.string)))
    if isinstance(term, rdflib.BNode):
        return ox.BlankNode(str(term))
    raise TypeError(f"cannot store {term!r}")


_XSD_STRING = rdflib.URIRef(str(XSD.string))

#: A triple of pyoxigraph terms (subject, predicate, object).
TermTriple = tuple[Any, Any, Any]


class _OxTerms:
    """rdflib terms -> pyoxigraph terms (as :func:`_to_ox`), each distinct IRI converted once.

    A document's graph names the same IRIs again and again (a statement node is the
    subject of twenty triples; predicates and classes recur in every statement), and
    a dictionary look-up costs less than making (and checking) a new ``NamedNode``.
    Use one per document, so that the cache is bounded by a document, not the corpus.
    """

    def __init__(self) -> None:
        self._iris: dict[str, Any] = {}

    def __call__(self, term: rdflib.term.Node) -> Any:
        if type(term) is rdflib.URIRef:
            node = self._iris.get(term)
            if node is None:
                node = self._iris[term] = ox.NamedNode(term)
            return node
        if type(term) is rdflib.Literal:
            if term.language:
                return ox.Literal(str(term), language=term.language)
            return ox.Literal(str(term), datatype=self(term.datatype or _XSD_STRING))
        return _to_ox(term)


def _to_rdflib(term: Any) -> rdflib.term.Node:
    """A pyoxigraph term as an rdflib term, keeping the lexical form of literals."""
    if isinstance(term, ox.NamedNode):
        return rdflib.URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return rdflib.BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return rdflib.Literal(term.value, lang=term.language)
        dt = term.datatype.value
        return rdflib.Literal(term.value, datatype=None if dt == str(XSD.string) else rdflib.URIRef(dt))
    raise TypeError(f"cannot read {term!r}")


def _binding_term(value: BindingValue) -> Any:
    """A parameter value as a pyoxigraph term: rdflib terms keep their kind, Python values become literals."""
    if isinstance(value, rdflib.term.Node):
        return _to_ox(value)
    if isinstance(value, bool):
        return ox.Literal("true" if value else "false", datatype=ox.NamedNode(str(XSD.boolean)))
    if isinstance(value, int):
        return ox.Literal(str(value), datatype=ox.NamedNode(str(XSD.integer)))
    if isinstance(value, float):
        return ox.Literal(repr(value), datatype=ox.NamedNode(str(XSD.double)))
    return ox.Literal(str(value))


def _value(term: Any) -> str | None:
    if term is None:
        return None
    return term.value if hasattr(term, "value") else str(term)


# --- results ----------------------------------------------------------------------------------


_SERVICE = re.compile(r"\bSERVICE\s+(?:SILENT\s+)?[<?$]", re.IGNORECASE)


def federated(sparql: str) -> bool:
    """Does the query call another endpoint (``SERVICE``)?  geokg never sends requests on a query's behalf."""
    return bool(_SERVICE.search(sparql))


@dataclass
class QueryResult:
    """The answer to a query: variable names and rows of plain strings (``None`` = unbound).

    ``terms`` keeps the RDF terms behind the strings for callers that need the kind
    of a value (IRI or literal, datatype); ``boolean`` is set for ``ASK``.
    """

    vars: list[str]
    rows: list[tuple[str | None, ...]]
    terms: list[tuple[Any, ...]] = field(default_factory=list, repr=False)
    boolean: bool | None = None

    def __len__(self) -> int:
        return len(self.rows)

    def __iter__(self) -> Iterator[tuple[str | None, ...]]:
        return iter(self.rows)

    def dicts(self) -> list[dict[str, str | None]]:
        return [dict(zip(self.vars, row, strict=True)) for row in self.rows]

    def to_table(self, *, shorten: bool = True) -> str:
        """A plain-text table; IRIs are shortened to ``prefix:local`` for reading."""
        def cell(v: str | None) -> str:
            if v is None:
                return ""
            if shorten:
                for prefix, ns in PREFIXES.items():
                    if v.startswith(ns) and len(v) > len(ns):
                        return f"{prefix}:{v[len(ns):]}"
            return v.replace("\n", " ")

        if self.boolean is not None:
            return "yes" if self.boolean else "no"
        cells = [[cell(v) for v in row] for row in self.rows]
        widths = [max([len(h), *(len(r[i]) for r in cells)]) for i, h in enumerate(self.vars)]
        lines = [" | ".join(h.ljust(w) for h, w in zip(self.vars, widths, strict=True)),
                 "-+-".join("-" * w for w in widths)]
        lines += [" | ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)) for r in cells]
        return "\n".join(line.rstrip() for line in lines)

    def to_csv(self) -> str:
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\n")
        writer.writerow(self.vars)
        writer.writerows([["" if v is None else v for v in row] for row in self.rows])
        return buf.getvalue()

    def to_json(self) -> str:
        if self.boolean is not None:
            return json.dumps({"boolean": self.boolean})
        return json.dumps({"vars": self.vars, "rows": self.dicts()}, ensure_ascii=False, indent=1)


def _result_from_ox(result: Any, started: float, timeout: float | None) -> QueryResult:
    """Materialise a pyoxigraph result, stopping with E204 once the time limit is passed."""
    if isinstance(result, ox.QueryBoolean) or isinstance(result, bool):
        return QueryResult(vars=[], rows=[], boolean=bool(result))
    if isinstance(result, ox.QueryTriples):
        variables = ["subject", "predicate", "object"]
        items: Iterable[Any] = ((t.subject, t.predicate, t.object) for t in result)
    else:
        variables = [v.value for v in result.variables]
        items = (tuple(sol[v] for v in variables) for sol in result)
    terms: list[tuple[Any, ...]] = []
    for i, row in enumerate(items):
        if timeout is not None and i % 256 == 0 and time.monotonic() - started > timeout:
            raise KGError(Errors.E204.format(seconds=timeout))
        terms.append(row)
    return QueryResult(vars=variables, rows=[tuple(_value(t) for t in row) for row in terms], terms=terms)


# --- tabular and network views of statements --------------------------------------------------


def statements_csv(statements: Iterable[Statement]) -> str:
    """Statements as CSV (:data:`CSV_COLUMNS`), sorted by document and offset, for spreadsheets."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for st in sorted(statements, key=lambda s: (s.doc, s.span, s.evidence.trigger_span, s.id)):
        writer.writerow([
            st.id, st.doc, st.type, st.quad_class, st.label, st.modality, st.source.key, st.source.label,
            st.target.key if st.target else "", st.target.label if st.target else "",
            st.attributed_to.key if st.attributed_to else "", st.date or "",
            st.location.label if st.location else "", (st.location.country or "") if st.location else "",
            f"{st.confidence:.3f}", st.sentence, st.span[0], st.span[1], st.evidence.trigger, st.evidence.rule,
        ])
    return buf.getvalue()


def actor_network(statements: Iterable[Statement]) -> Any:
    """The asserted statements as a ``networkx.MultiDiGraph`` of key actors, one edge per (source, type, target).

    Edge attributes: ``event_type`` (GEXF reserves ``type``), ``quad_class``, ``label``, ``weight`` (number of
    statements = mentions), ``documents`` (distinct articles).  Like the direct edges
    in the RDF, only asserted statements count: GraphML/GEXF readers (Gephi) show
    facts, not fears.
    """
    import networkx as nx

    g = nx.MultiDiGraph()
    edges: dict[tuple[str, str, str], list[Statement]] = {}
    for st in statements:
        if st.modality != "asserted" or st.target is None:
            continue
        for actor in (st.source, st.target):
            if actor.key not in g or actor.kind != "person":  # a person's label is not its state's name
                g.add_node(actor.key, label=actor.label if actor.kind != "person" else actor.key,
                           country=actor.country or "", org=actor.org or "")
        edges.setdefault((st.source.key, st.target.key, st.type), []).append(st)
    for (src, tgt, type_), group in sorted(edges.items()):
        g.add_edge(src, tgt, key=type_, event_type=type_, quad_class=group[0].quad_class, label=group[0].label,
                   weight=len(group), documents=len({s.doc for s in group}))
    return g


# --- the interface ----------------------------------------------------------------------------


class Store:
    """A geokg knowledge store: one named graph per document, SPARQL over their union.

    Subclasses implement the primitives marked *backend*; the capability flags say
    what a backend guarantees (as rdflib's ``Store`` does) instead of isinstance checks.
    """

    #: ``add_document`` replaces a graph in one transaction.
    transactional: ClassVar[bool] = False
    #: data survives :meth:`close`.
    persistent: ClassVar[bool] = False
    #: distinct triples sorted in memory at a time by a Turtle or N-Triples export (about 40 MB each)
    SORT_RUN: ClassVar[int] = 100_000

    location: str = ""

    # backend primitives ---------------------------------------------------------------------

    def _update(self, sparql: str) -> None:  # backend: one SPARQL update, applied as one transaction
        raise NotImplementedError

    def _query(self, sparql: str, bindings: Mapping[str, Any], timeout: float | None) -> QueryResult:  # backend
        raise NotImplementedError

    def _graph_quads(self, graph: Any | None) -> Iterator[Any]:  # backend: pyoxigraph Quads
        raise NotImplementedError

    def count(self) -> int:
        """The number of quads in the document graphs (the derived default graph is not counted)."""
        res = self.query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
        return int(res.rows[0][0] or 0)

    # graphs: the document graphs, and their union kept as the default graph ------------------

    @staticmethod
    def _replacement(graph: Any, triples: Iterable[TermTriple]) -> str:
        """The update replacing a document graph and bringing the default graph (the union) up to date.

        Its text is made of terms written by pyoxigraph's serialiser (escaped
        N-Triples syntax), never of raw text.
        """
        body = "\n".join(f"{s} {p} {o} ." for s, p, o in triples)
        return (f"{_retract(graph)} ;\nDROP SILENT GRAPH {graph} ;\n"
                f"INSERT DATA {{ GRAPH {graph} {{\n{body}\n}} }} ;\n"
                f"INSERT {{ ?s ?p ?o }} WHERE {{ GRAPH {graph} {{ ?s ?p ?o }} }}")

    def _write_graphs(self, graphs: Mapping[Any, Iterable[TermTriple]]) -> None:
        """Replace each of ``graphs`` (name -> its triples, read once) and update the union, as one transaction.

        Here one SPARQL update, which any SPARQL 1.1 service applies atomically; a
        backend with a faster atomic write of its own overrides this.
        """
        self._update(" ;\n".join(self._replacement(graph, triples) for graph, triples in graphs.items()))

    def _drop_graph(self, graph: Any) -> bool:
        if not self.query("ASK { GRAPH ?g { ?s ?p ?o } }", {"g": _to_rdflib(graph)}).boolean:
            return False
        self._update(f"{_retract(graph)} ;\nDROP SILENT GRAPH {graph}")
        return True

    def close(self) -> None:
        """Release the backend; a closed store must not be used again."""

    # the contract ---------------------------------------------------------------------------

    def add_document(self, doc: Document, statements: Sequence[Statement], run: Run) -> None:
        """Store a document with its statements, replacing whatever the store held for it.

        The document's named graph is replaced as a unit, so adding the same document
        twice leaves the same triples and a changed document leaves nothing stale.
        """
        self.add_documents([(doc, statements)], run)

    def add_documents(self, batch: Iterable[tuple[Document, Sequence[Statement]]], run: Run) -> None:
        """Store several documents in one transaction: all of them or, on failure, none.

        Same result as :meth:`add_document` for each in turn (a later copy of a
        document in the batch wins); a build writes its batches this way.
        """
        documents: dict[Any, tuple[Document, Sequence[Statement]]] = {}
        for doc, statements in batch:
            graph = ox.NamedNode(str(doc_iri(doc.id)))
            documents.pop(graph, None)
            documents[graph] = (doc, statements)
        if documents:
            self._write_graphs({graph: self._triples(doc, statements, run)
                                for graph, (doc, statements) in documents.items()})

    @staticmethod
    def _triples(doc: Document, statements: Sequence[Statement], run: Run) -> Iterator[TermTriple]:
        """A document's triples as pyoxigraph terms, each once, made when the writer asks for them.

        Lazy, so that a batch's terms die young rather than all living until its
        write: Python's garbage collector then never walks them (with the batch held,
        batches of 64 took longer than one document at a time).
        """
        terms = _OxTerms()
        yield from dict.fromkeys((terms(s), terms(p), terms(o)) for s, p, o in document_triples(doc, statements, run))

    def remove_document(self, doc_id: str) -> bool:
        """Remove a document and everything it contributed; ``False`` if it was not there."""
        return self._drop_graph(ox.NamedNode(str(doc_iri(doc_id))))

    def document_hashes(self) -> dict[str, str]:
        """Document id -> sha256 of its text, so a rebuild can skip unchanged documents."""
        res = self.query("SELECT ?id ?sha WHERE { GRAPH ?g { ?d a kg:Document ; kg:docId ?id ; kg:sha256 ?sha } }")
        return {row[0]: row[1] for row in res.rows if row[0] is not None and row[1] is not None}

    def documents(self) -> list[str]:
        """The ids of the documents in the store, sorted."""
        return sorted(self.document_hashes())

    def query(self, sparql: str, bindings: Bindings | None = None, *, timeout: float | None = None) -> QueryResult:
        """Run a SPARQL query over the union of all graphs, with ``bindings`` bound as RDF terms.

        A ``str`` value becomes a plain literal, ``int``/``float``/``bool`` typed literals,
        an rdflib ``URIRef``/``Literal`` keeps its kind.  Raises :class:`KGError` E201 for
        a malformed query and E204 when ``timeout`` seconds pass.
        """
        if federated(sparql):
            raise KGError(Errors.E207)
        terms = {}
        for name, value in (bindings or {}).items():
            var = name.lstrip("?$")
            if not _VAR_NAME.match(var):
                raise KGError(Errors.E203.format(param=name))
            terms[var] = _binding_term(value)
        return self._query(sparql, terms, timeout)

    def graph(self, doc_id: str | None = None) -> rdflib.Graph:
        """One document's graph, or the union of all, as an rdflib :class:`~rdflib.Graph`."""
        target = ox.NamedNode(str(doc_iri(doc_id))) if doc_id is not None else None
        if doc_id is not None and doc_id not in self.document_hashes():
            raise KGError(Errors.E105.format(doc=doc_id, location=self.location))
        return self._rdflib_graph(target)

    def dataset(self) -> rdflib.Dataset:
        """All document graphs as an rdflib :class:`~rdflib.Dataset` (for rdflib tools: JSON-LD, SHACL)."""
        ds = rdflib.Dataset()
        for prefix, ns in PREFIXES.items():
            ds.bind(prefix, ns, override=True, replace=True)
        for q in self._graph_quads(None):
            ds.graph(_to_rdflib(q.graph_name)).add(
                (_to_rdflib(q.subject), _to_rdflib(q.predicate), _to_rdflib(q.object)))
        return ds

    def statements(self, doc: str | None = None) -> list[Statement]:
        """The statements of one document (or of all), read back with full fidelity.

        All documents are read one graph at a time, so memory follows the largest
        document rather than the store.  Sorted by document, sentence and trigger.
        """
        if doc is not None:
            return statements_from_graph(self.graph(doc))
        return list(self.iter_statements())

    def iter_statements(self) -> Iterator[Statement]:
        """All statements, a document at a time, in the order of :meth:`statements`.

        Memory follows the largest document, not the store, so a build can stream
        a million statements into ``statements.jsonl`` and the graph view.
        """
        for _, graph in self._documents_by_id():
            yield from statements_from_graph(self._rdflib_graph(graph))

    def _documents_by_id(self) -> list[tuple[str, Any]]:
        res = self.query("SELECT ?id ?g WHERE { GRAPH ?g { ?d a kg:Document ; kg:docId ?id } }")
        return sorted((row[0], ox.NamedNode(row[1])) for row in res.rows if row[0] is not None and row[1] is not None)

    def _document_graphs(self) -> list[Any]:
        return [graph for _, graph in self._documents_by_id()]

    def _graph_names(self) -> list[Any]:  # backend may override: the names of all graphs that hold quads
        return self._document_graphs()

    def _rdflib_graph(self, graph: Any | None) -> rdflib.Graph:
        g = bind_prefixes(rdflib.Graph())
        for q in self._graph_quads(graph):
            g.add((_to_rdflib(q.subject), _to_rdflib(q.predicate), _to_rdflib(q.object)))
        return g

    def export(self, path: str | Path, fmt: str) -> None:
        """Write the store to ``path`` in one of :data:`EXPORT_FORMATS`.

        ``ttl`` and ``nt`` are the union of all graphs; ``trig``, ``nq`` and ``jsonld``
        keep one named graph per document (JSON-LD with an ``@context`` of geokg's
        prefixes); ``graphml`` and ``gexf`` are the actor network for Gephi (see
        :func:`actor_network`); ``csv`` has one row per statement.  Written to a
        temporary file beside ``path`` and renamed, so a reader never sees half a file.
        """
        if fmt not in EXPORT_FORMATS:
            raise KGError(Errors.E103.format(fmt=fmt, choices=", ".join(EXPORT_FORMATS)))
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as out:
                ox_format = EXPORT_FORMATS[fmt]
                if fmt in ("graphml", "gexf"):
                    import networkx as nx

                    writer = nx.write_graphml if fmt == "graphml" else nx.write_gexf
                    writer(actor_network(self.statements()), out)
                elif fmt == "csv":
                    out.write(statements_csv(self.statements()).encode("utf-8"))
                elif ox_format is None:
                    ds = self.dataset()
                    with warnings.catch_warnings():  # rdflib's JSON-LD plugin calls its own deprecated API
                        warnings.simplefilter("ignore", DeprecationWarning)
                        out.write(ds.serialize(format="json-ld", context=dict(PREFIXES), auto_compact=True,
                                               encoding="utf-8"))
                elif ox_format.supports_datasets:
                    ox.serialize(self._sorted_quads(), out, ox_format, prefixes=PREFIXES)
                else:
                    with tempfile.TemporaryDirectory(prefix=f".{path.name}.", dir=path.parent) as runs:
                        ox.serialize(self._sorted_triples(Path(runs)), out, ox_format, prefixes=PREFIXES)
            os.replace(tmp, path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise

    def _sorted_quads(self) -> Iterator[Any]:
        """All quads, by graph name, then subject, predicate, object (as text), so two builds export the same bytes.

        One graph at a time (a document's, small) is held and sorted: memory follows
        the largest document, not the store.  The order is that of one sort of all
        quads by (graph, subject, predicate, object).
        """
        for graph in sorted(self._graph_names(), key=str):
            yield from sorted(self._graph_quads(graph), key=lambda q: (str(q.subject), str(q.predicate),
                                                                      str(q.object)))

    def _sorted_triples(self, runs: Path) -> Iterator[Any]:
        """The union of all graphs, each triple once, sorted by its text, in bounded memory.

        An external merge sort: up to :attr:`SORT_RUN` distinct triples at a time are
        sorted and written to ``runs`` as N-Triples, and the runs are merged while
        read back, so memory follows :attr:`SORT_RUN`, not the store.  A store that
        fits in one run is sorted in memory, as before.
        """
        files: list[Path] = []
        chunk: dict[Any, None] = {}
        for graph in self._graph_names():
            for q in self._graph_quads(graph):
                chunk[ox.Triple(q.subject, q.predicate, q.object)] = None
                if len(chunk) >= self.SORT_RUN:
                    files.append(runs / f"{len(files)}.nt")
                    ox.serialize(sorted(chunk, key=str), files[-1], ox.RdfFormat.N_TRIPLES)
                    chunk = {}
        if not files:
            yield from sorted(chunk, key=str)
            return
        if chunk:
            files.append(runs / f"{len(files)}.nt")
            ox.serialize(sorted(chunk, key=str), files[-1], ox.RdfFormat.N_TRIPLES)
            chunk = {}
        last = None
        for triple in heapq.merge(*(ox.parse(path=f, format=ox.RdfFormat.N_TRIPLES) for f in files), key=str):
            if triple != last:  # the same triple from several graphs, in several runs
                yield triple
                last = triple

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.location!r})"


# --- embedded: pyoxigraph ---------------------------------------------------------------------


class OxigraphStore(Store):
    """The embedded store: pyoxigraph on disk (``DIR/store/``) or in memory.

    A batch of new documents is one ``Store.extend`` of pyoxigraph quads; a batch that
    replaces stored documents is one SPARQL update (retract, drop, insert data built
    by pyoxigraph's own term serialiser).  Either is a single Oxigraph transaction.
    """

    transactional = True

    def __init__(self, path: str | Path | None = None, *, create: bool = True, read_only: bool = False) -> None:
        self.path = Path(path) if path is not None else None
        self.location = str(self.path) if self.path is not None else "memory:"
        self.persistent = self.path is not None  # type: ignore[misc]
        self.read_only = read_only
        if self.path is None:
            self._store = ox.Store()
            return
        if not self.path.exists() and (not create or read_only):
            raise KGError(Errors.E101.format(location=self.path, what="the store folder"))
        self.path.mkdir(parents=True, exist_ok=True)
        try:
            self._store = ox.Store.read_only(str(self.path)) if read_only else ox.Store(str(self.path))
        except OSError as exc:
            if "lock" in str(exc).lower():
                raise KGError(Errors.E102.format(location=self.path)) from exc
            raise

    def _update(self, sparql: str) -> None:
        if self.read_only:
            raise KGError(Errors.E106.format(location=self.location))
        self._store.update(sparql)

    def _write_graphs(self, graphs: Mapping[Any, Iterable[TermTriple]]) -> None:
        """New documents: their quads and the union's triples added in one ``Store.extend`` (one transaction).

        A SPARQL update would be written as text by Python and parsed again by
        Oxigraph; the quads go in directly.  Adding a triple the union already holds
        changes nothing, so for graphs the store does not have yet this is the same
        as the replacing update.  A batch that replaces a document already stored
        needs deletions in the same transaction: that one is the SPARQL update.
        """
        if self.read_only:
            raise KGError(Errors.E106.format(location=self.location))
        if any(self._store.contains_named_graph(graph) for graph in graphs):
            super()._write_graphs(graphs)
            return

        def quads() -> Iterator[Any]:
            for graph, triples in graphs.items():
                for s, p, o in triples:
                    yield ox.Quad(s, p, o, graph)
                    yield ox.Quad(s, p, o)  # the union, in the default graph

        self._store.extend(quads())

    def _query(self, sparql: str, bindings: Mapping[str, Any], timeout: float | None) -> QueryResult:
        """Run a query; with ``timeout``, in a worker thread the caller stops waiting for.

        pyoxigraph releases the GIL while it evaluates, so the caller gets E204 on time.
        Oxigraph cannot cancel a running query: the worker finishes in the background
        and its answer is dropped (``kg query`` exits; ``kg serve`` uses the server's
        own limit).
        """
        text = _inject_values(sparql, bindings)

        def run() -> QueryResult:
            started = time.monotonic()
            try:
                result = self._store.query(text, prefixes=PREFIXES)
            except SyntaxError as exc:
                raise KGError(Errors.E201.format(reason=exc)) from exc
            return _result_from_ox(result, started, None)

        if timeout is None:
            return run()
        import threading

        outcome: dict[str, Any] = {}

        def work() -> None:
            try:
                outcome["result"] = run()
            except BaseException as exc:  # handed to the caller below
                outcome["error"] = exc

        worker = threading.Thread(target=work, name="kg-query", daemon=True)  # daemon: exiting need not wait
        worker.start()
        worker.join(timeout)
        if worker.is_alive():
            raise KGError(Errors.E204.format(seconds=timeout))
        if "error" in outcome:
            raise outcome["error"]
        return outcome["result"]  # type: ignore[no-any-return]

    def _graph_quads(self, graph: Any | None) -> Iterator[Any]:
        if graph is not None:
            yield from self._store.quads_for_pattern(None, None, None, graph)
            return
        for g in self._store.named_graphs():
            yield from self._store.quads_for_pattern(None, None, None, g)

    def _graph_names(self) -> list[Any]:
        return list(self._store.named_graphs())

    def close(self) -> None:
        if hasattr(self, "_store"):
            with contextlib.suppress(Exception):
                self._store.flush()
            del self._store


def _retract(graph: Any) -> str:
    """The update removing from the default graph what only ``graph`` says (to run before dropping it)."""
    return (f"DELETE {{ ?s ?p ?o }} WHERE {{ GRAPH {graph} {{ ?s ?p ?o }} "
            f"FILTER NOT EXISTS {{ GRAPH ?other {{ ?s ?p ?o }} FILTER (?other != {graph}) }} }}")


# --- remote: SPARQL 1.1 protocol --------------------------------------------------------------


def _inject_values(sparql: str, bindings: Mapping[str, Any]) -> str:
    """Bind variables by putting a ``VALUES`` block at the start of the query's WHERE group.

    The values are pyoxigraph terms written by pyoxigraph's serialiser (escaped
    N-Triples syntax), so no user text can end the block.  The query is parsed
    first (E201 for a malformed one), and the rewritten one again by whoever runs it.
    """
    if not bindings:
        return sparql
    try:
        ox.Store().query(sparql, prefixes=PREFIXES)  # validate syntax on an empty store
    except SyntaxError as exc:
        raise KGError(Errors.E201.format(reason=exc)) from exc
    names = list(bindings)
    block = "VALUES (" + " ".join("?" + n for n in names) + ") { (" + " ".join(
        str(bindings[n]) for n in names) + ") }\n"
    pos = _where_group_start(sparql)
    return sparql[: pos + 1] + "\n" + block + sparql[pos + 1:]


def _where_group_start(sparql: str) -> int:
    """Offset of the ``{`` opening the outermost WHERE group (skipping strings, IRIs, comments,
    and a CONSTRUCT template)."""
    i, n, depth = 0, len(sparql), 0
    groups: list[int] = []
    upper = sparql.upper()
    construct_template = False
    while i < n:
        c = sparql[i]
        if c == "#":
            while i < n and sparql[i] != "\n":
                i += 1
            continue
        if c in "\"'":
            quote = c * 3 if sparql.startswith(c * 3, i) else c
            i += len(quote)
            while i < n and not sparql.startswith(quote, i):
                i += 2 if sparql[i] == "\\" else 1
            i += len(quote)
            continue
        if c == "<" and depth == 0:
            end = sparql.find(">", i)
            if end != -1 and not any(ch in sparql[i:end] for ch in " \n{}"):
                i = end + 1
                continue
        if upper.startswith("CONSTRUCT", i) and depth == 0:
            j = i + 9
            while j < n and sparql[j].isspace():
                j += 1
            construct_template = j < n and sparql[j] == "{"
        if c == "{":
            if depth == 0:
                groups.append(i)
                if not (construct_template and len(groups) == 1):
                    return i
            depth += 1
        elif c == "}":
            depth -= 1
        i += 1
    raise KGError(Errors.E201.format(reason="no WHERE group to bind parameters in"))


class SparqlStore(Store):
    """A remote SPARQL 1.1 server: query, update and graph store protocol over HTTP.

    Endpoints default to Oxigraph server's layout (``/query``, ``/update``,
    ``/store``); pass others for Fuseki (``/ds/sparql``, ``/ds/update``, ``/ds/data``)
    and the like.  A document is written with one SPARQL update request (which the
    server applies atomically) and read back with graph store ``GET``s.  Nothing
    depends on a server option: the union of the document graphs is kept in the
    default graph by geokg itself.
    """

    persistent = True
    #: SPARQL 1.1 Update asks services to apply each request atomically; Oxigraph does.
    transactional = True

    def __init__(self, url: str, *, query_endpoint: str | None = None, update_endpoint: str | None = None,
                 graph_store_endpoint: str | None = None, timeout: float = 60.0) -> None:
        base = url.rstrip("/")
        self.location = base
        self.query_endpoint = query_endpoint or base + "/query"
        self.update_endpoint = update_endpoint or base + "/update"
        self.graph_store_endpoint = graph_store_endpoint or base + "/store"
        self.http_timeout = timeout
        self._request("GET", self.query_endpoint + "?" + urllib.parse.urlencode({"query": "ASK {}"}),
                      accept="application/sparql-results+json")

    def _request(self, method: str, url: str, body: bytes | None = None, *, content_type: str | None = None,
                 accept: str | None = None, timeout: float | None = None) -> tuple[int, bytes]:
        req = urllib.request.Request(url, data=body, method=method)
        if content_type:
            req.add_header("Content-Type", content_type)
        if accept:
            req.add_header("Accept", accept)
        try:
            with urllib.request.urlopen(req, timeout=timeout or self.http_timeout) as resp:
                return resp.status, resp.read()
        except urllib.error.HTTPError as exc:
            detail = exc.read().decode("utf-8", "replace")[:500]
            if exc.code == 404 and method in ("DELETE", "GET"):
                return 404, b""
            if exc.code == 400:
                raise KGError(Errors.E201.format(reason=detail)) from exc
            raise KGError(Errors.E104.format(url=url, reason=f"HTTP {exc.code}: {detail}")) from exc
        except TimeoutError as exc:
            raise KGError(Errors.E204.format(seconds=timeout or self.http_timeout)) from exc
        except (urllib.error.URLError, OSError) as exc:
            raise KGError(Errors.E104.format(url=url, reason=exc)) from exc

    def _gsp_url(self, graph: Any) -> str:
        return self.graph_store_endpoint + "?" + urllib.parse.urlencode({"graph": graph.value})

    def _update(self, sparql: str) -> None:
        self._request("POST", self.update_endpoint, (_PREFIX_HEADER + sparql).encode("utf-8"),
                      content_type="application/sparql-update")

    def _query(self, sparql: str, bindings: Mapping[str, Any], timeout: float | None) -> QueryResult:
        started = time.monotonic()
        text = _PREFIX_HEADER + _inject_values(sparql, bindings)
        _, data = self._request("POST", self.query_endpoint, text.encode("utf-8"),
                                content_type="application/sparql-query",
                                accept="application/sparql-results+json, application/n-triples;q=0.9",
                                timeout=timeout)
        if data.lstrip().startswith(b"{"):
            parsed = ox.parse_query_results(data, format=ox.QueryResultsFormat.JSON)
            return _result_from_ox(parsed, started, timeout)
        triples = ox.parse(data, format=ox.RdfFormat.N_TRIPLES)
        rows = [(t.subject, t.predicate, t.object) for t in triples]
        return QueryResult(["subject", "predicate", "object"], [tuple(_value(x) for x in r) for r in rows], rows)

    def _graph_quads(self, graph: Any | None) -> Iterator[Any]:
        graphs = [graph] if graph is not None else self._document_graphs()
        for g in graphs:
            status, data = self._request("GET", self._gsp_url(g), accept="application/n-triples")
            if status == 404:
                continue
            for t in ox.parse(data, format=ox.RdfFormat.N_TRIPLES):
                yield ox.Quad(t.subject, t.predicate, t.object, g)



def _database_folder(location: str | Path) -> Path:
    """The database folder for ``location``: the folder itself if it is one (or is named ``store``),
    else its ``store/`` subfolder, so ``--store OUT`` and ``--store OUT/store`` name the same store."""
    folder = Path(location)
    if (folder / "CURRENT").is_file() or (folder.name == "store" and not (folder / "store").is_dir()):
        return folder
    return folder / "store"


# --- serving: Oxigraph server over an embedded store -------------------------------------------


def server_binary() -> str | None:
    """The ``oxigraph`` server binary (from the ``oxigraph`` PyPI package), or ``None``."""
    import shutil
    import sys

    beside_python = Path(sys.executable).parent / "oxigraph"
    return str(beside_python) if beside_python.exists() else shutil.which("oxigraph")


def server_command(location: str | Path | None, *, host: str = "127.0.0.1", port: int = 7878,
                   allow_update: bool = False, timeout: float | None = 30.0) -> list[str]:
    """The command line of an Oxigraph SPARQL 1.1 server over a geokg store folder (``None``: in memory).

    Read-only unless ``allow_update``; ``timeout`` limits each query.  The server is
    a maintained SPARQL 1.1 protocol implementation (query, update, graph store) with
    its own offline query page at ``/``.  It needs no union option: geokg keeps the
    union of the document graphs in the default graph.  Updates sent to it directly
    bypass that bookkeeping, so load documents through :class:`SparqlStore`.
    """
    binary = server_binary()
    if binary is None:
        raise KGError(Errors.E107)
    if location is not None and not allow_update:
        args = [binary, "serve-read-only"]
    else:
        args = [binary, "serve"]
    if location is not None:
        folder = _database_folder(location)
        if not allow_update and not folder.is_dir():
            raise KGError(Errors.E101.format(location=location, what="store/"))
        folder.mkdir(parents=True, exist_ok=True)
        args += ["--location", str(folder)]
    args += ["--bind", f"{host}:{port}"]
    if timeout:
        args += ["--timeout-s", str(max(1, round(timeout)))]
    return args


def _die_with_parent() -> None:
    """In the server's process: ask Linux to stop it when geokg's process ends, however that ends."""
    import ctypes
    import signal

    try:
        ctypes.CDLL(None).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass  # not Linux: stop() and the context manager still stop it


class OxigraphServer:
    """A running Oxigraph server process; stop it with :meth:`stop` or by leaving the ``with`` block."""

    def __init__(self, location: str | Path | None = None, *, host: str = "127.0.0.1", port: int = 0,
                 allow_update: bool = False, timeout: float | None = 30.0, log: Path | None = None,
                 wait: float = 30.0) -> None:
        import socket
        import subprocess

        if port == 0:
            with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
                sock.bind((host, 0))
                port = int(sock.getsockname()[1])
        self.url = f"http://{host}:{port}"
        self._log = log.open("wb") if log is not None else None
        self.process = subprocess.Popen(
            server_command(location, host=host, port=port, allow_update=allow_update, timeout=timeout),
            stdout=self._log or subprocess.DEVNULL, stderr=subprocess.STDOUT, preexec_fn=_die_with_parent)
        deadline = time.monotonic() + wait
        while True:
            try:
                with urllib.request.urlopen(self.url + "/query?query=ASK%7B%7D", timeout=1):
                    return
            except OSError:
                if self.process.poll() is not None or time.monotonic() > deadline:
                    self.stop()
                    raise KGError(Errors.E104.format(url=self.url, reason="the server did not start")) from None
                time.sleep(0.1)

    def stop(self) -> None:
        """Stop the server (politely, then firmly) and wait for it."""
        import subprocess

        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if self._log is not None:
            self._log.close()
            self._log = None

    def __enter__(self) -> OxigraphServer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


# --- choosing ---------------------------------------------------------------------------------


def open_store(location: str | Path, *, create: bool = True, **options: Any) -> Store:
    """Open the store at ``location``: a folder (embedded, in ``DIR/store``), ``"memory:"`` or an http(s) URL.

    ``create=False`` raises E101 when the folder holds no store, so a typo in
    ``--store`` is reported rather than answered with an empty store.
    ``read_only=True`` opens an embedded store for reading only, so that several
    processes (queries, a server) can share it; not while a build writes it, which
    Oxigraph leaves undefined.  Other options go to :class:`SparqlStore` (endpoints,
    timeout).
    """
    loc = str(location)
    if loc == "memory:":
        return OxigraphStore(None)
    if loc.startswith(("http://", "https://")):
        return SparqlStore(loc, **options)
    folder = _database_folder(loc)
    if not create and not folder.is_dir():
        raise KGError(Errors.E101.format(location=location, what="store/"))
    return OxigraphStore(folder, create=create, read_only=bool(options.get("read_only", False)))

