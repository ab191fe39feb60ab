"""The ``kg`` command: a thin layer over the library.

Each command declares its options and calls one library function; imports are
lazy so ``kg --help`` is instant.  Errors are one line ``CODE: message`` on
stderr (a traceback only with ``--debug``).  Exit status: 0 when everything was
read, 3 when the job finished but some inputs were skipped (each named on
stderr), 1 when the job failed, 2 for a usage error.
"""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

if TYPE_CHECKING:
    from collections.abc import Callable

    from .documents import Problem
    from .model import Document

app = typer.Typer(add_completion=False, no_args_is_help=True, pretty_exceptions_enable=False,
                  help="geokg: news articles in, a geopolitical knowledge graph with provenance out.")

EXIT_PARTIAL = 3
_state = {"debug": False}


class ExtractFormat(StrEnum):
    jsonl = "jsonl"
    table = "table"


class QueryFormat(StrEnum):
    table = "table"
    csv = "csv"
    json = "json"


class ExportFormat(StrEnum):
    ttl = "ttl"
    trig = "trig"
    nq = "nq"
    nt = "nt"
    jsonld = "jsonld"
    graphml = "graphml"
    gexf = "gexf"
    csv = "csv"


Paths = Annotated[list[Path], typer.Argument(help="Article files (.txt, .jsonl) or folders of them.")]
Model = Annotated[str, typer.Option(help="spaCy pipeline: 'auto' (an installed statistical one, else blank), "
                                         "'blank', or a package name.")]
Lang = Annotated[str | None, typer.Option(help="Force the language (de, en) instead of detecting it.")]
StoreOpt = Annotated[str, typer.Option("--store", help="The output folder of a build, or a SPARQL endpoint URL.")]


def _err(message: str) -> None:
    typer.secho(message, err=True, fg=typer.colors.RED)


def _fail(exc: BaseException) -> NoReturn:
    from .errors import KGError

    if _state["debug"]:
        raise exc
    if isinstance(exc, KGError):
        _err(str(exc))
    else:
        _err(f"E000: unexpected {type(exc).__name__}: {exc}. Rerun with --debug for the details and report it.")
    raise typer.Exit(1)


def _problem_printer(problems: list[Problem]) -> Callable[[Problem], None]:
    def on_problem(p: Problem) -> None:
        problems.append(p)
        typer.secho(("skipped " if p.severity == "error" else "warning ") + p.message, err=True,
                    fg=typer.colors.YELLOW)

    return on_problem


@app.callback()
def main_options(debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks.")] = False) -> None:
    _state["debug"] = debug


@app.command()
def build(paths: Paths,
          out: Annotated[Path, typer.Option("--out", "-o", help="Output folder.")] = Path("out"),
          store: Annotated[str | None, typer.Option(help="Store: a folder or SPARQL endpoint URL "
                                                         "(default: OUT/store).")] = None,
          model: Model = "auto", lang: Lang = None,
          full: Annotated[bool, typer.Option("--full", help="Re-extract unchanged documents too.")] = False,
          html: Annotated[bool, typer.Option(help="Write graph.html.")] = True,
          jobs: Annotated[int, typer.Option("--jobs", "-j", min=1,
                                            help="Extract in N processes (same output as 1).")] = 1,
          dask: Annotated[str | None, typer.Option(help="Extract on a dask cluster: the scheduler's address "
                                                        "(tcp://HOST:8786).")] = None) -> None:
    """Read articles, extract statements, update the store and write Turtle, TriG, JSON Lines and HTML."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from .build import build as run_build

    console = Console(stderr=True)
    problems: list = []
    try:
        with Progress(TextColumn("[bold]extracting"), BarColumn(), MofNCompleteColumn(),
                      TextColumn("{task.fields[doc]}"), TimeElapsedColumn(), console=console,
                      transient=True) as bar:
            task = bar.add_task("extract", total=None, doc="")

            def progress(doc: Document, n: int) -> None:
                bar.update(task, advance=1, doc=doc.id[:40])

            report = run_build(paths, out, store=store, model=model, lang=lang,
                               on_problem=_problem_printer(problems), progress=progress, html=html,
                               incremental=not full, jobs=jobs, dask=dask)
    except Exception as exc:
        _fail(exc)
    typer.echo(f"documents: {report.documents} ({report.skipped_unchanged} unchanged, skipped)"
               if report.skipped_unchanged else f"documents: {report.documents}")
    typer.echo(f"statements: {report.statements}  "
               + "  ".join(f"{t}={n}" for t, n in sorted(report.by_type.items(), key=lambda x: (-x[1], x[0]))))
    typer.echo("modality: " + "  ".join(f"{m}={n}" for m, n in sorted(report.by_modality.items())))
    for name, path in report.paths.items():
        typer.echo(f"{name:>10}: {path}")
    if report.outputs_unchanged:
        typer.echo("(nothing changed since the outputs were written: kept them)")
    if report.skipped:
        _err(f"{report.skipped} input(s) skipped; see the messages above.")
        raise typer.Exit(EXIT_PARTIAL)


@app.command()
def extract(paths: Paths,
            format: Annotated[ExtractFormat, typer.Option("--format", "-f")] = ExtractFormat.jsonl,
            model: Model = "auto", lang: Lang = None) -> None:
    """Print the statements of the articles to stdout (JSON Lines by default)."""
    import json

    from .documents import iter_documents
    from .extract import extract_documents

    problems: list = []
    try:
        docs = iter_documents(paths, _problem_printer(problems), lang=lang)
        for _doc, statements in extract_documents(docs, model=model, on_problem=_problem_printer(problems)):
            for st in statements:
                if format is ExtractFormat.jsonl:
                    sys.stdout.write(json.dumps(st.to_record(), ensure_ascii=False) + "\n")
                else:
                    target = st.target.label if st.target else "-"
                    sys.stdout.write(f"{st.doc}\t{st.source.label}\t{st.type}\t{target}\t{st.modality}\t"
                                     f"{st.date or ''}\t{st.evidence.trigger}\n")
    except Exception as exc:
        _fail(exc)
    if any(p.severity == "error" for p in problems):
        raise typer.Exit(EXIT_PARTIAL)


@app.command()
def query(query: Annotated[str, typer.Argument(help="A saved query's name, a .rq file, or SPARQL text.")],
          store: StoreOpt = "out",
          format: Annotated[QueryFormat, typer.Option("--format", "-f")] = QueryFormat.table,
          param: Annotated[list[str] | None, typer.Option("--param", "-p",
                                                          help="name=value, bound safely.")] = None,
          timeout: Annotated[float, typer.Option(help="Seconds before the query is stopped.")] = 60.0) -> None:
    """Run SPARQL on a store (prefixes kg:, actor:, plover:, prov:, ... are preloaded)."""
    from .queries import load_queries, parse_params, run_saved
    from .store import open_store

    try:
        params = parse_params(param or [])
        with open_store(store, create=False) as kg_store:
            saved = load_queries()
            if query in saved:
                result = run_saved(kg_store, query, params, timeout=timeout)
            else:
                path = Path(query)
                text = path.read_text(encoding="utf-8") if query.endswith(".rq") and path.is_file() else query
                result = kg_store.query(text, params, timeout=timeout)
    except Exception as exc:
        _fail(exc)
    out = {"table": result.to_table, "csv": result.to_csv, "json": result.to_json}[format.value]()
    typer.echo(out)


@app.command()
def queries() -> None:
    """List the saved queries and their parameters."""
    from .queries import load_queries

    for name, q in load_queries().items():
        params = " ".join(f"--param {p}=..." for p in q.params)
        typer.echo(f"{name:<22} {q.description}" + (f"\n{'':<22} {params}" if params else ""))


@app.command()
def export(store: StoreOpt = "out",
           format: Annotated[ExportFormat, typer.Option("--format", "-f")] = ExportFormat.ttl,
           output: Annotated[Path | None, typer.Option("--output", "-o",
                                                       help="File to write (default: stdout).")] = None) -> None:
    """Export the store: Turtle, TriG, N-Quads, N-Triples, JSON-LD, GraphML/GEXF (Gephi) or CSV of statements."""
    import tempfile

    from .store import open_store

    try:
        with open_store(store, create=False) as kg_store:
            if output is not None:
                kg_store.export(output, format.value)
                typer.echo(str(output), err=True)
                return
            with tempfile.TemporaryDirectory() as tmp:
                path = Path(tmp) / f"export.{format.value}"
                kg_store.export(path, format.value)
                sys.stdout.write(path.read_text(encoding="utf-8"))
    except Exception as exc:
        _fail(exc)


@app.command()
def viz(store: StoreOpt = "out",
        output: Annotated[Path | None, typer.Option("--output", "-o",
                                                    help="HTML file (default: STORE/graph.html).")] = None,
        actor: Annotated[str | None, typer.Option(help="Only this actor's neighbourhood (key: RUS, NATO).")] = None,
        since: Annotated[str | None, typer.Option(help="Only statements dated on or after (2021-12).")] = None,
        until: Annotated[str | None, typer.Option(help="Only statements dated on or before.")] = None,
        types: Annotated[str | None, typer.Option(help="Only these event types (MOBILIZE,ASSAULT).")] = None) -> None:
    """Write the interactive HTML graph of a store."""
    from .build import atomic_write
    from .graph import ego_network, filter_graph, to_networkx
    from .store import open_store
    from .view import render_html

    try:
        with open_store(store, create=False) as kg_store:
            G = to_networkx(kg_store.statements())
        if since or until or types:
            G = filter_graph(G, since=since, until=until,
                             types=[t.strip().upper() for t in types.split(",")] if types else None)
        if actor:
            G = ego_network(G, actor.upper())
        path = output or Path(store) / "graph.html"
        with atomic_write(path) as fh:
            fh.write(render_html(G, title=f"geokg: {store}"))
    except Exception as exc:
        _fail(exc)
    typer.echo(str(path))


@app.command()
def stats(store: StoreOpt = "out",
          top: Annotated[int, typer.Option(help="How many actors and dyads to list.")] = 15) -> None:
    """Print the actor graph's analytics: centrality, communities, most active dyads."""
    from rich.console import Console
    from rich.table import Table

    from .graph import centrality, communities, to_networkx, top_dyads
    from .store import open_store

    try:
        with open_store(store, create=False) as kg_store:
            G = to_networkx(kg_store.statements())
    except Exception as exc:
        _fail(exc)
    console = Console()
    cent = centrality(G)
    table = Table(title=f"actors ({G.number_of_nodes()}), by statements")
    for col in ("actor", "label", "statements", "degree", "in", "out", "betweenness"):
        table.add_column(col, justify="left" if col in ("actor", "label") else "right")
    ranked = sorted(cent.items(), key=lambda kv: (-kv[1]["statements"], kv[0]))[:top]
    for key, c in ranked:
        table.add_row(key, str(G.nodes[key].get("label", "")), str(int(c["statements"])), f"{c['degree']:.2f}",
                      f"{c['in']:.2f}", f"{c['out']:.2f}", f"{c['betweenness']:.2f}")
    console.print(table)
    dyads = Table(title="most active dyads")
    for col in ("actors", "statements", "types"):
        dyads.add_column(col)
    for d in top_dyads(G, top):
        dyads.add_row(f"{d.a} – {d.b}", str(d.count), ", ".join(f"{t}×{n}" for t, n in sorted(d.types.items())))
    console.print(dyads)
    for i, group in enumerate(communities(G), 1):
        console.print(f"community {i}: {', '.join(sorted(group))}")


@app.command()
def remove(doc: Annotated[str, typer.Argument(help="The document id (file name without extension).")],
           store: StoreOpt = "out") -> None:
    """Remove one document and everything extracted from it."""
    from .errors import Errors, KGError
    from .store import open_store

    try:
        with open_store(store, create=False) as kg_store:
            if not kg_store.remove_document(doc):
                raise KGError(Errors.E105.format(doc=doc, location=store))
    except Exception as exc:
        _fail(exc)
    typer.echo(f"removed {doc}")


@app.command("eval")
def eval_(gold: Annotated[Path, typer.Argument(help="Gold statements (.jsonl).", exists=True, dir_okay=False)],
          paths: Annotated[list[Path] | None, typer.Argument(
              help="Articles to extract; omitted: the texts the gold records carry (PLOVER).")] = None,
          by_doc: Annotated[bool, typer.Option("--by-doc", help="Lenient scores per document.")] = False,
          plover: Annotated[bool, typer.Option("--plover", help=(
              "Score intentions the way PLOVER codes them: intended cooperation, concessions or retreats as AGREE, "
              "announced coercion, attacks or protests as THREATEN; organisations PLOVER does not name "
              "as IGO, stateless armed groups as IMG."))] = False,
          save: Annotated[Path | None, typer.Option(help="Also write the predictions here.")] = None,
          model: Model = "auto", lang: Lang = None) -> None:
    """Extract the articles and score them against gold statements (lenient/strict P/R/F1)."""
    import json

    from .documents import iter_documents
    from .evaluate import evaluate, load_jsonl, plover_view
    from .extract import extract_documents
    from .language import detect_language
    from .model import Document

    problems: list = []
    try:
        gold_records = load_jsonl(gold)
        if paths:
            docs = list(iter_documents(paths, _problem_printer(problems), lang=lang))
        else:
            texts = {str(g["doc"]): g["text"] for g in gold_records if g.get("text")}
            docs = [Document(id=d, text=t, lang=lang or detect_language(t)[0] or "en") for d, t in texts.items()]
        pred = [st.to_record() for _d, sts in extract_documents(docs, model=model) for st in sts]
        if plover:
            pred = [plover_view(p) for p in pred]
        if save is not None:
            save.write_text("".join(json.dumps(p, ensure_ascii=False) + "\n" for p in pred), encoding="utf-8")
        result = evaluate(gold_records, pred)
    except Exception as exc:
        _fail(exc)
    typer.echo(result["lenient"].line("lenient"))
    typer.echo(result["strict"].line("strict"))
    typer.echo(f"false assertions: {result['false_assertions']}   date accuracy: {result['date_accuracy']}")
    if by_doc:
        for doc, score in result["by_doc"].items():
            typer.echo(f"  {doc}: F1={score.f1:.3f} hit {score.hit}/{score.gold} pred {score.pred}")


@app.command()
def serve(store: StoreOpt = "out",
          host: Annotated[str, typer.Option(help="Address to listen on (loopback by default).")] = "127.0.0.1",
          port: Annotated[int, typer.Option(help="Port to listen on.")] = 7878,
          allow_update: Annotated[bool, typer.Option("--allow-update",
                                                     help="Accept SPARQL updates (read-only by default).")] = False,
          timeout: Annotated[float, typer.Option(help="Seconds a query may run.")] = 30.0,
          max_result_mb: Annotated[float, typer.Option(help="Result size limit in MB.")] = 50.0) -> None:
    """Serve a store: a SPARQL 1.1 endpoint with a query page (Oxigraph server) and the HTML graph at /graph."""
    import signal

    from .graph import to_networkx
    from .serve import serve as start
    from .store import open_store
    from .view import render_html

    try:
        with open_store(store, create=False) as kg_store:
            statements = kg_store.statements()
        page = render_html(to_networkx(statements), title=f"geokg: {store}").encode("utf-8")  # nothing is written
        signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))  # a terminated `kg serve` stops its server too
        endpoint = start(store, page, host=host, port=port, allow_update=allow_update, timeout=timeout,
                         max_bytes=int(max_result_mb * 1_000_000))
    except Exception as exc:
        _fail(exc)
    typer.echo(f"SPARQL endpoint: {endpoint.url}/query  (updates {'on' if allow_update else 'off'}, "
               f"time limit {timeout:g} s, result size limit {max_result_mb:g} MB)")
    typer.echo(f"query page:      {endpoint.url}/")
    typer.echo(f"graph:           {endpoint.url}/graph")
    typer.echo("Ctrl-C stops it.")
    try:
        endpoint.server.process.wait()
    except KeyboardInterrupt:
        pass
    finally:
        endpoint.stop()


@app.command()
def actors() -> None:
    """Print how much actor knowledge geokg ships (states, organisations, office terms)."""
    from .actors import actor_counts

    for name, n in actor_counts().items():
        typer.echo(f"{name:<28} {n}")


def main() -> None:
    """Entry point of the ``kg`` console script."""
    app()


if __name__ == "__main__":
    main()
