"""The whole product from the command line: seeds/ -> statements -> store -> Turtle, TriG, HTML, SPARQL.

These run the real ``kg`` command in a subprocess, as a user would, on the seed article.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "seeds"
KG = "https://w3id.org/geokg/ontology#"
CONTRACT_FIELDS = {"id", "doc", "sentence", "span", "type", "label", "source", "target", "modality",
                   "attributed_to", "date", "location", "confidence", "evidence"}
ACTOR_FIELDS = {"label", "mention", "country", "org", "role", "wikidata", "id"}


def kg(*args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    proc = subprocess.run([sys.executable, "-m", "kg.cli", *args], capture_output=True, text=True, timeout=600,
                          cwd=REPO)
    if check and proc.returncode != 0:
        raise AssertionError(f"kg {' '.join(args)} failed ({proc.returncode}):\n{proc.stderr}")
    return proc


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, subprocess.CompletedProcess[str]]:
    out = tmp_path_factory.mktemp("seed-build")
    proc = kg("build", str(SEEDS), "--out", str(out), "--model", "blank")
    return out, proc


def records(out: Path) -> list[dict]:
    return [json.loads(line) for line in (out / "statements.jsonl").read_text(encoding="utf-8").splitlines()]


def test_build_writes_every_output_and_says_where(built) -> None:
    out, proc = built
    for name in ("statements.jsonl", "graph.ttl", "graph.trig", "graph.html"):
        assert (out / name).stat().st_size > 0, name
        assert str(out / name) in proc.stdout  # the summary prints the paths
    assert (out / "store").is_dir()
    assert "documents: 1" in proc.stdout
    assert "MOBILIZE=" in proc.stdout and "CONSULT=" in proc.stdout


def test_statement_records_follow_the_contract(built) -> None:
    out, _ = built
    recs = records(out)
    assert recs
    text = (SEEDS / "000_2cfd4a2365473f03.txt").read_text(encoding="utf-8")
    for rec in recs:
        assert CONTRACT_FIELDS <= set(rec), rec
        assert ACTOR_FIELDS <= set(rec["source"])
        start, end = rec["span"]
        assert text[start:end] == rec["sentence"]  # the sentence is where the span says
        t_start, t_end = rec["evidence"]["trigger"]["span"]
        assert start <= t_start < t_end <= end
        assert text[t_start:t_end] == rec["evidence"]["trigger"]["text"].split(" ... ")[0]
        assert re.fullmatch(r"de\.[a-z]+\.[a-z0-9_]+\.v\d+(\.[a-z_]+)*", rec["evidence"]["rule"]), rec["evidence"]
        assert 0.0 < rec["confidence"] <= 1.0
        assert rec["modality"] in {"asserted", "negated", "hypothetical", "planned", "claimed"}


def test_the_brief_examples_are_extracted(built) -> None:
    recs = records(built[0])
    mobilize = [r for r in recs if r["type"] == "MOBILIZE" and r["source"]["country"] == "RUS"
                and r["target"] and r["target"]["country"] == "UKR" and r["modality"] == "asserted"]
    assert mobilize, "Russia -MOBILIZE-> Ukraine"
    assert any("Grenze" in (r["location"] or {}).get("label", "") or "border" in (r["location"] or {}).get("label", "")
               for r in mobilize)
    consult = [r for r in recs if r["type"] == "CONSULT" and {r["source"]["country"], (r["target"] or {}).get(
        "country")} == {"USA", "RUS"}]
    assert consult, "USA -CONSULT-> Russia"


def test_feared_and_denied_attacks_are_never_asserted(built) -> None:
    recs = records(built[0])
    assaults = [r for r in recs if r["type"] == "ASSAULT" and r["source"]["country"] == "RUS"]
    assert {r["modality"] for r in assaults} >= {"hypothetical", "negated"}
    assert not [r for r in assaults if r["modality"] == "asserted"]


def _quads(path: Path, fmt: ox.RdfFormat) -> list[ox.Quad]:
    with path.open("rb") as fh:
        return list(ox.parse(fh, fmt))


@pytest.mark.parametrize(("name", "fmt"), [("graph.ttl", ox.RdfFormat.TURTLE), ("graph.trig", ox.RdfFormat.TRIG)])
def test_turtle_and_trig_parse_independently_and_hold_the_examples(built, name: str, fmt: ox.RdfFormat) -> None:
    out, _ = built
    store = ox.Store()
    store.bulk_extend(_quads(out / name, fmt))
    query = f"""
        PREFIX kg: <{KG}>
        PREFIX plover: <https://w3id.org/geokg/plover/>
        PREFIX actor: <https://w3id.org/geokg/id/actor/>
        PREFIX prov: <http://www.w3.org/ns/prov#>
        SELECT ?type ?sentence WHERE {{
          {{ GRAPH ?g {{ ?s a kg:Statement }} }} UNION {{ ?s a kg:Statement }}
          ?s kg:eventType ?type .
          ?s prov:wasDerivedFrom ?sent . ?sent kg:text ?sentence .
        }}"""
    rows = {(str(r["type"].value).rsplit("/", 1)[-1], r["sentence"].value) for r in store.query(
        query, use_default_graph_as_union=True)}
    types = {t for t, _ in rows}
    assert {"MOBILIZE", "CONSULT"} <= types
    assert any(t == "MOBILIZE" and "Truppenaufmarsch" in s for t, s in rows)
    assert any(t == "CONSULT" and "telefonieren" in s for t, s in rows)


def test_trig_has_one_named_graph_per_document(built) -> None:
    quads = _quads(built[0] / "graph.trig", ox.RdfFormat.TRIG)
    graphs = {str(q.graph_name) for q in quads if not isinstance(q.graph_name, ox.DefaultGraph)}
    assert any(g.endswith("000_2cfd4a2365473f03>") or g.endswith("000_2cfd4a2365473f03") for g in graphs)


def test_query_who_talks_with_russia(built) -> None:
    out, _ = built
    proc = kg("query", "who-talks-with", "--store", str(out), "--param", "actor=RUS", "--format", "json")
    rows = json.loads(proc.stdout)
    rows = rows["rows"] if isinstance(rows, dict) else rows
    assert rows
    assert any("USA" in json.dumps(r) for r in rows)
    assert all("000_2cfd4a2365473f03" in json.dumps(r) for r in rows)  # the document it came from
    assert any("trafen sich" in json.dumps(r, ensure_ascii=False) for r in rows)  # the sentence


def test_html_is_offline(built) -> None:
    page = (built[0] / "graph.html").read_text(encoding="utf-8")
    assert "<script src=" not in page and "cdn" not in page.lower().replace("cdn-", "")
    assert "Truppenaufmarsch" in page


def test_extract_prints_the_same_records(built) -> None:
    proc = kg("extract", str(SEEDS), "--format", "jsonl", "--model", "blank")
    printed = [json.loads(line) for line in proc.stdout.splitlines()]
    stored = records(built[0])
    assert {r["id"] for r in printed} == {r["id"] for r in stored}


def test_rebuild_is_idempotent(built, tmp_path: Path) -> None:
    out, _ = built
    before = (out / "graph.trig").read_bytes()
    proc = kg("build", str(SEEDS), "--out", str(out), "--model", "blank")
    assert "unchanged" in proc.stdout
    after_quads = _quads(out / "graph.trig", ox.RdfFormat.TRIG)
    before_quads = list(ox.parse(before, ox.RdfFormat.TRIG))
    assert len(after_quads) == len(before_quads)


def test_errors_are_one_line_with_a_code(tmp_path: Path) -> None:
    proc = kg("build", str(tmp_path / "missing"), "--out", str(tmp_path / "o"), check=False)
    assert proc.returncode == 3
    assert "E001" in proc.stderr and "Traceback" not in proc.stderr
    proc = kg("query", "SELECT ?x WHERE { ?x ?y }", "--store", str(tmp_path / "nostore"), check=False)
    assert proc.returncode == 1
    assert proc.stderr.strip().count("\n") == 0 and proc.stderr.startswith("E101")


def test_partial_batch_exit_status(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "good.txt").write_text((SEEDS / "000_2cfd4a2365473f03.txt").read_text(encoding="utf-8"), encoding="utf-8")
    (src / "empty.txt").write_text("", encoding="utf-8")
    proc = kg("build", str(src), "--out", str(tmp_path / "o"), "--model", "blank", check=False)
    assert proc.returncode == 3
    assert "empty.txt" in proc.stderr and "E003" in proc.stderr
    assert (tmp_path / "o" / "graph.ttl").exists()


def test_stats_lists_actors_and_dyads(built) -> None:
    proc = kg("stats", "--store", str(built[0]))
    assert "RUS" in proc.stdout and "RUS – UKR" in proc.stdout and "community 1:" in proc.stdout


@pytest.mark.parametrize(("fmt", "ox_format"), [("nq", ox.RdfFormat.N_QUADS), ("ttl", ox.RdfFormat.TURTLE),
                                                ("trig", ox.RdfFormat.TRIG)])
def test_export_parses(built, tmp_path: Path, fmt: str, ox_format: ox.RdfFormat) -> None:
    target = tmp_path / f"export.{fmt}"
    kg("export", "--store", str(built[0]), "--format", fmt, "--output", str(target))
    assert len(_quads(target, ox_format)) > 100


def test_viz_filters_by_type(built, tmp_path: Path) -> None:
    page = tmp_path / "mobilize.html"
    kg("viz", "--store", str(built[0]), "--types", "MOBILIZE", "--output", str(page))
    html = page.read_text(encoding="utf-8")
    assert "Truppenaufmarsch" in html  # the MOBILIZE sentence
    assert "trafen sich" not in html  # a CONSULT sentence is filtered out


def test_remove_document(tmp_path: Path) -> None:
    out = tmp_path / "o"
    kg("build", str(SEEDS), "--out", str(out), "--model", "blank", "--no-html")
    kg("remove", "000_2cfd4a2365473f03", "--store", str(out))
    proc = kg("query", "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", "--store", str(out), "--format", "csv")
    assert proc.stdout.strip().splitlines()[-1] == "0"
    proc = kg("remove", "000_2cfd4a2365473f03", "--store", str(out), check=False)
    assert proc.returncode == 1 and proc.stderr.startswith("E105")


def _free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_serve_is_a_read_only_sparql_endpoint_with_the_graph(built) -> None:
    import os
    import time
    import urllib.error
    import urllib.parse
    import urllib.request

    from kg.store import server_binary

    if server_binary() is None:
        if os.environ.get("CI"):
            pytest.fail("the oxigraph server binary is missing: pip install oxigraph")
        pytest.skip("the oxigraph server binary is not installed")
    port = _free_port()
    proc = subprocess.Popen([sys.executable, "-m", "kg.cli", "serve", "--store", str(built[0]), "--port", str(port)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=REPO)
    try:
        query = "SELECT ?who WHERE { ?who <https://w3id.org/geokg/ontology#consults> " \
                "<https://w3id.org/geokg/id/actor/RUS> }"
        url = f"http://127.0.0.1:{port}/query?" + urllib.parse.urlencode({"query": query})
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(urllib.request.Request(url, headers={"Accept": "text/csv"}),
                                            timeout=2) as resp:
                    answer = resp.read().decode()
                break
            except OSError:
                assert proc.poll() is None, proc.stderr.read() if proc.stderr else ""
                assert time.monotonic() < deadline, "kg serve did not start"
                time.sleep(0.3)
        assert "actor/USA" in answer
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/graph", timeout=5) as resp:
            assert "Truppenaufmarsch" in resp.read().decode()

        update = urllib.request.Request(f"http://127.0.0.1:{port}/update", data=b"update=DROP%20ALL", method="POST",
                                        headers={"Content-Type": "application/x-www-form-urlencoded"})
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(update, timeout=5)
        assert refused.value.code in (403, 405)
        with pytest.raises(urllib.error.HTTPError):
            urllib.request.urlopen(f"http://127.0.0.1:{port}/../pyproject.toml", timeout=5)
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def test_serve_limits_the_size_of_a_result(built) -> None:
    import os
    import urllib.error
    import urllib.parse
    import urllib.request

    from kg.serve import serve
    from kg.store import server_binary

    if server_binary() is None:
        if os.environ.get("CI"):
            pytest.fail("the oxigraph server binary is missing: pip install oxigraph")
        pytest.skip("the oxigraph server binary is not installed")
    endpoint = serve(built[0], b"<html>page</html>", port=0, max_bytes=2000)
    try:
        small = urllib.parse.urlencode({"query": "SELECT ?who WHERE { ?who <https://w3id.org/geokg/ontology#consults> "
                                                 "<https://w3id.org/geokg/id/actor/RUS> }"})
        with urllib.request.urlopen(f"{endpoint.url}/query?{small}", timeout=30) as resp:
            assert b"actor/USA" in resp.read()
        everything = urllib.parse.urlencode({"query": "SELECT * WHERE { ?s ?p ?o }"})
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(f"{endpoint.url}/query?{everything}", timeout=30)
        assert refused.value.code == 413
        assert b"E206" in refused.value.read()
    finally:
        endpoint.stop()
