"""Saved SPARQL queries: ``ontology/queries/NAME.rq``, run by name with parameters bound safely.

A saved query is a plain ``.rq`` file whose leading comment says what it answers
and which parameters it takes, one ``# param NAME: help`` line each::

    # Who talks with ACTOR? ...
    # param actor: the actor's key or English name (RUS, Russia, NATO)
    SELECT ... WHERE { ... ?actor ... }

Parameters are bound by :meth:`kg.store.Store.query` as RDF terms (a ``VALUES``
block at the top of the WHERE group), never pasted into the text, so a parameter
must be used at the top level of the query's WHERE group (not only inside a
sub-select).  A parameter named ``actor`` (or ``*_actor``) accepts an actor's key or
English name in any case and is bound as the key (:func:`resolve_actor`).  The files
are data: a new question is a new file, no code.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from .errors import Errors, KGError
from .store import BindingValue, QueryResult, Store

__all__ = ["SavedQuery", "default_queries_dir", "load_queries", "parse_params", "resolve_actor", "run_saved"]

_PARAM = re.compile(r"^#\s*param\s+([A-Za-z_][A-Za-z0-9_]*)\s*:\s*(.*)$")


@dataclass(frozen=True)
class SavedQuery:
    """One saved query: its name (the file stem), what it answers, its parameters and its text."""

    name: str
    description: str
    sparql: str
    params: dict[str, str] = field(default_factory=dict)
    path: Path | None = None

    @classmethod
    def from_file(cls, path: Path) -> SavedQuery:
        text = path.read_text(encoding="utf-8")
        description: list[str] = []
        params: dict[str, str] = {}
        for line in text.splitlines():
            if not line.startswith("#"):
                break
            m = _PARAM.match(line)
            if m:
                params[m.group(1)] = m.group(2).strip()
            else:
                description.append(line.lstrip("#").strip())
        return cls(path.stem, " ".join(d for d in description if d), text, params, path)


def default_queries_dir() -> Path:
    """``ontology/queries`` of the source tree this package was loaded from."""
    return Path(__file__).resolve().parent.parent / "ontology" / "queries"


def load_queries(folder: str | Path | None = None) -> dict[str, SavedQuery]:
    """All saved queries in ``folder`` (default: :func:`default_queries_dir`), by name."""
    root = Path(folder) if folder is not None else default_queries_dir()
    if not root.is_dir():
        raise KGError(Errors.E001.format(path=root))
    return {p.stem: SavedQuery.from_file(p) for p in sorted(root.glob("*.rq"))}


def parse_params(items: list[str] | tuple[str, ...]) -> dict[str, str]:
    """``["actor=RUS", "month=2022-01"]`` -> ``{"actor": "RUS", "month": "2022-01"}`` (the CLI's ``--param``)."""
    out: dict[str, str] = {}
    for item in items:
        name, sep, value = item.partition("=")
        if not sep or not name.strip():
            raise KGError(Errors.E203.format(param=item))
        out[name.strip()] = value
    return out


def run_saved(store: Store, name: str, params: Mapping[str, BindingValue] | None = None, *,
              folder: str | Path | None = None, timeout: float | None = None) -> QueryResult:
    """Run the saved query ``name`` on ``store`` with ``params`` bound as literals (or given RDF terms)."""
    queries = load_queries(folder)
    if name not in queries:
        raise KGError(Errors.E202.format(name=name, choices=", ".join(queries) or "none"))
    saved = queries[name]
    params = dict(params or {})
    missing = [p for p in saved.params if p not in params]
    unknown = [p for p in params if p not in saved.params]
    if missing or unknown:
        raise KGError(Errors.E205.format(
            name=name, expected=", ".join(f"{p} ({h})" for p, h in saved.params.items()) or "none",
            got=", ".join(params) or "none"))
    for name in saved.params:
        if (name == "actor" or name.endswith("_actor")) and isinstance(params[name], str):
            params[name] = resolve_actor(store, params[name])
    return store.query(saved.sparql, params, timeout=timeout)


def resolve_actor(store: Store, name: str) -> str:
    """The key of the actor called ``name`` (its key or English label, any case): ``"russia"`` -> ``"RUS"``.

    Saved queries then match ``?a kg:key ?actor`` exactly, which Oxigraph answers from
    an index; a case-insensitive FILTER in the query itself made them 20x slower on
    a million triples.  An unknown name is returned unchanged (and matches nothing).
    """
    res = store.query("SELECT DISTINCT ?key WHERE { ?a kg:key ?key ; kg:key|rdfs:label ?name . "
                      "FILTER (LCASE(STR(?name)) = LCASE(STR(?q))) } ORDER BY ?key", {"q": name})
    return next((row[0] for row in res.rows if row[0] is not None), name)
