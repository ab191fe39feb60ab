"""The main job: read articles, extract statements, keep them in the store, write the outputs.

``kg build PATH... --out DIR`` is a thin wrapper around :func:`build`.  Outputs
in ``DIR``: ``statements.jsonl`` (the contract's records), ``graph.ttl`` (all
documents), ``graph.trig`` (one named graph per document), ``graph.html`` (the
explorer) and the persistent store (``DIR/store``).  Every file is written to a
temporary name and renamed into place, so an interrupted build never leaves a
half-written output; the store commits a batch of documents at a time.

Scale: extraction can run in ``jobs`` local processes or on a dask cluster
(``dask="tcp://scheduler:8786"``); results come back in input order and only this
process writes the store, so every variant gives the same store and outputs.
Documents stream through: memory holds a window of documents in flight, and the
outputs are written from the store one document graph at a time, so it grows with
the store (the explorer's graph), not with the corpus read.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any

from . import __version__
from .documents import Problem, iter_documents
from .model import Document, Run, Statement

__all__ = ["BuildReport", "atomic_write", "build", "new_run"]


@dataclass
class BuildReport:
    """What a build did: counts for the summary, problems for the exit status, paths for the user."""

    documents: int = 0
    skipped_unchanged: int = 0
    #: nothing changed since the outputs were written, so they were kept as they are
    outputs_unchanged: bool = False
    statements: int = 0
    by_type: Counter[str] = field(default_factory=Counter)
    by_modality: Counter[str] = field(default_factory=Counter)
    problems: list[Problem] = field(default_factory=list)
    paths: dict[str, Path | str] = field(default_factory=dict)  # the store may be a SPARQL endpoint's URL

    @property
    def skipped(self) -> int:
        """How many inputs were left out because of an error (warnings do not count)."""
        return sum(1 for p in self.problems if p.severity == "error")


def new_run(model: str = "auto") -> Run:
    """A fresh extraction run (``prov:Activity``), identified by its start time."""
    now = datetime.now(UTC).replace(microsecond=0)
    return Run(id=now.strftime("%Y%m%dT%H%M%SZ"), software="geokg", version=__version__,
               started=now.isoformat().replace("+00:00", "Z"), model=model)


@contextmanager
def atomic_write(path: Path, mode: str = "w") -> Iterator[IO]:
    """Write ``path`` through a temporary file in the same folder, renamed into place on success."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(tmp, 0o666 & ~umask)  # mkstemp makes 0600; an output file gets the user's usual mode
    try:
        with os.fdopen(fd, mode, encoding=None if "b" in mode else "utf-8") as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


#: Documents written to the store per transaction when the store can take a batch.
STORE_BATCH = 64


def build(paths: Iterable[str | Path], out: str | Path, *, store: str | None = None, model: str = "auto",
          lang: str | None = None, on_problem: Callable[[Problem], None] | None = None,
          progress: Callable[[Document, int], None] | None = None, html: bool = True,
          incremental: bool = True, jobs: int = 1, dask: str | Any | None = None) -> BuildReport:
    """Build (or update) the knowledge graph of ``paths`` in the folder ``out``.

    ``store`` is a folder or a SPARQL endpoint URL (default: ``out/store``).  With
    ``incremental`` a document whose text the store already holds unchanged is not
    extracted again.  ``progress(doc, n_statements)`` is called after each document
    (``-1``: unchanged, skipped).  ``jobs > 1`` extracts in that many processes;
    ``dask`` (a scheduler address or a ``distributed.Client``) extracts on a dask
    cluster instead.  The outputs do not depend on either.
    """
    from .errors import Errors, KGError
    from .extract import extract_documents, pipeline_description
    from .store import open_store

    if jobs < 1:
        raise KGError(Errors.E403.format(jobs=jobs))
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    report = BuildReport()

    def problem(p: Problem) -> None:
        report.problems.append(p)
        if on_problem is not None:
            on_problem(p)

    run = new_run(model)
    with open_store(store or out / "store") as kg_store, _dask_client(dask) as client:
        known = kg_store.document_hashes() if incremental else {}
        described: set[str] = set()  # the languages whose pipelines the run's provenance names

        def flush(batch: list[tuple[Document, list[Statement]]]) -> None:
            nonlocal run
            langs = {doc.lang for doc, _ in batch}
            if not langs <= described:
                described.update(langs)
                run = Run(run.id, run.software, run.version, run.started, pipeline_description(described, model))
            _write_batch(kg_store, batch, run, progress)

        def todo() -> Iterator[Document]:
            for doc in iter_documents(paths, problem, lang=lang):
                report.documents += 1
                if known.get(doc.id) == doc.sha256:
                    report.skipped_unchanged += 1
                    if progress is not None:
                        progress(doc, -1)
                    continue
                yield doc

        batch: list[tuple[Document, list[Statement]]] = []
        written = 0
        for doc, statements in extract_documents(todo(), model=model, jobs=jobs, executor=client,
                                                 on_problem=problem):
            batch.append((doc, statements))
            written += 1
            if len(batch) >= STORE_BATCH:
                flush(batch)
                batch = []
        flush(batch)

        names = ["statements.jsonl", "graph.ttl", "graph.trig"] + (["graph.html"] if html else [])
        fingerprint = _store_fingerprint(kg_store)
        state = _read_state(out)
        graph = None
        if written == 0 and _outputs_current(state, out, fingerprint, names):
            # nothing was written and the outputs were made from this very store: reading a large store
            # back and exporting it again would be most of an unchanged rebuild's time
            report.outputs_unchanged = True
            report.statements = state["statements"]
            report.by_type.update(state["by_type"])
            report.by_modality.update(state["by_modality"])
        else:
            with atomic_write(out / "statements.jsonl") as fh:
                def counted(statements: Iterable[Statement]) -> Iterator[Statement]:
                    for st in statements:
                        report.by_type[st.type] += 1
                        report.by_modality[st.modality] += 1
                        report.statements += 1
                        fh.write(json.dumps(st.to_record(), ensure_ascii=False) + "\n")
                        yield st

                # one pass over the store feeds the counts, statements.jsonl and the explorer's graph
                graph = _networkx(counted(kg_store.iter_statements())) if html else None
                if graph is None:
                    for _ in counted(kg_store.iter_statements()):
                        pass
            for fmt in ("ttl", "trig"):
                kg_store.export(out / f"graph.{fmt}", fmt)
        report.paths.update(statements=out / "statements.jsonl", ttl=out / "graph.ttl", trig=out / "graph.trig")
        report.paths["store"] = out / "store" if not store else store if "://" in store else Path(store)
    if graph is not None:
        report.paths["html"] = _write_page(graph, out / "graph.html")
    elif html:
        report.paths["html"] = out / "graph.html"
    if not report.outputs_unchanged:
        _write_state(out, fingerprint, names, report)
    return report


#: Beside the outputs: which store state they were made from, so an unchanged rebuild can keep them.
STATE_FILE = ".geokg-build.json"


def _store_fingerprint(kg_store: Any) -> str:
    """A hash of every document graph's text hash and extraction run: it changes whenever a build writes."""
    import hashlib

    res = kg_store.query("SELECT ?g ?sha ?run WHERE { GRAPH ?g { ?d a kg:Document ; kg:sha256 ?sha ; "
                         "prov:wasGeneratedBy ?run } }")
    digest = hashlib.sha256(__version__.encode())
    for row in sorted(tuple(v or "" for v in r) for r in res.rows):
        digest.update(("\t".join(row) + "\n").encode("utf-8"))
    return digest.hexdigest()


def _file_stamp(path: Path) -> list[int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return [st.st_size, st.st_mtime_ns]


def _read_state(out: Path) -> dict[str, Any]:
    try:
        state = json.loads((out / STATE_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return state if isinstance(state, dict) else {}


def _outputs_current(state: dict[str, Any], out: Path, fingerprint: str, names: list[str]) -> bool:
    """Whether every output asked for was written from a store in this state and is untouched since."""
    files = state.get("files")
    if state.get("store") != fingerprint or not isinstance(files, dict):
        return False
    if not all(k in state for k in ("statements", "by_type", "by_modality")):
        return False
    return all(files.get(name) is not None and files.get(name) == _file_stamp(out / name) for name in names)


def _write_state(out: Path, fingerprint: str, names: list[str], report: BuildReport) -> None:
    state = {"store": fingerprint, "statements": report.statements, "by_type": dict(report.by_type),
             "by_modality": dict(report.by_modality), "files": {name: _file_stamp(out / name) for name in names}}
    with atomic_write(out / STATE_FILE) as fh:
        json.dump(state, fh, indent=1, sort_keys=True)


@contextmanager
def _dask_client(dask: str | Any | None) -> Iterator[Any]:
    """A ``distributed.Client`` for ``dask`` (an address: connected here and closed after; a client: as is)."""
    if dask is None:
        yield None
        return
    if not isinstance(dask, str):
        yield dask
        return
    from .errors import Errors, KGError

    try:
        from distributed import Client
    except ImportError as exc:
        raise KGError(Errors.E401.format(address=dask)) from exc
    try:
        client = Client(dask, timeout="10s")
    except (OSError, TimeoutError) as exc:
        raise KGError(Errors.E402.format(address=dask, reason=exc)) from exc
    try:
        yield client
    finally:
        client.close()


def _write_batch(kg_store: Any, batch: list[tuple[Document, list[Statement]]], run: Run,
                 progress: Callable[[Document, int], None] | None) -> None:
    """Write extracted documents to the store in input order, as one transaction (one update per batch)."""
    if not batch:
        return
    kg_store.add_documents(batch, run)
    if progress is not None:
        for doc, statements in batch:
            progress(doc, len(statements))


def _networkx(statements: Iterable[Statement]) -> Any:
    from .graph import to_networkx

    return to_networkx(statements)


def _write_page(graph: Any, path: Path, *, title: str = "geokg") -> Path:
    from .view import render_html

    page = render_html(graph, title=title)
    with atomic_write(path) as fh:
        fh.write(page)
    return path


def write_html(statements: Iterable[Statement], path: Path, *, title: str = "geokg", **filters: object) -> Path:
    """Render the explorer page of ``statements`` to ``path`` (atomically)."""
    return _write_page(_networkx(statements), path, title=title)
