"""The remote backend against a real Oxigraph server process on 127.0.0.1.

The ``oxigraph`` PyPI package ships the server binary.  Without it the tests skip,
except under CI (``CI`` set), where a missing server is a failure, not a skip.
"""

from __future__ import annotations

import os
import socket
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import EN_ID, SEED_ID, en_statements, seed_statements

from kg.errors import KGError
from kg.model import Document, Run
from kg.queries import run_saved
from kg.store import OxigraphServer, SparqlStore, Store, open_store, server_binary


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _require_server() -> None:
    if server_binary() is None:
        if os.environ.get("CI"):
            pytest.fail("the oxigraph server binary is missing: pip install oxigraph")
        pytest.skip("the oxigraph server binary is not installed (pip install oxigraph)")


@pytest.fixture(scope="module")
def oxigraph_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """An Oxigraph server on a free local port with a fresh on-disk store, stopped after the module."""
    _require_server()
    data = tmp_path_factory.mktemp("oxigraph")
    with OxigraphServer(data / "db", allow_update=True, log=data / "server.log") as server:
        yield server.url
        assert server.process.poll() is None  # still up at the end: no test crashed it
    assert server.process.returncode is not None


@pytest.fixture
def remote(oxigraph_url: str) -> Iterator[Store]:
    store = open_store(oxigraph_url)
    for doc in store.documents():
        store.remove_document(doc)
    yield store
    store.close()


def test_open_store_chooses_the_remote_backend(remote: Store) -> None:
    assert isinstance(remote, SparqlStore)
    assert remote.count() == 0


def test_build_query_rebuild_remove(remote: Store, seed_doc: Document, en_doc: Document, run: Run) -> None:
    remote.add_document(seed_doc, seed_statements(), run)
    remote.add_document(en_doc, en_statements(), run)
    n = remote.count()

    # the same numbers as the embedded store
    local = open_store("memory:")
    local.add_document(seed_doc, seed_statements(), run)
    local.add_document(en_doc, en_statements(), run)
    assert n == local.count()

    rows = run_saved(remote, "who-talks-with", {"actor": "Russia"}).dicts()
    assert [(r["partner"], r["doc"]) for r in rows] == [("https://w3id.org/geokg/id/actor/USA", SEED_ID)]
    assert rows[0]["sentence"] == "Im Juni trafen sich die beiden Präsidenten Putin und Biden in der Schweiz."

    # every saved query gives the same rows on both backends
    for name, params in [("events", {}), ("dyads-by-month", {}), ("feared-or-denied", {}), ("documents", {}),
                         ("timeline", {"actor": "UKR"}), ("accusations-against", {"actor": "NATO"})]:
        assert run_saved(remote, name, params).rows == run_saved(local, name, params).rows, name

    remote.add_document(seed_doc, seed_statements(), run)  # rebuild: idempotent
    assert remote.count() == n
    remote.add_documents([(seed_doc, seed_statements()), (en_doc, en_statements())], run)  # one request
    assert remote.count() == n
    assert remote.document_hashes() == {SEED_ID: seed_doc.sha256, EN_ID: en_doc.sha256}

    en_only = open_store("memory:")
    en_only.add_document(en_doc, en_statements(), run)
    assert remote.remove_document(SEED_ID) is True
    assert remote.count() == en_only.count()
    assert remote.remove_document(SEED_ID) is False
    assert remote.documents() == [EN_ID]


def test_statements_and_exports_from_the_server(remote: Store, seed_doc: Document, run: Run,
                                                tmp_path: Path) -> None:
    remote.add_document(seed_doc, seed_statements(), run)
    key = lambda s: s.id  # noqa: E731
    assert sorted(remote.statements(SEED_ID), key=key) == sorted(seed_statements(), key=key)
    out = tmp_path / "graph.nq"
    remote.export(out, "nq")
    assert len(out.read_text(encoding="utf-8").splitlines()) == remote.count()


def test_bindings_are_safe_on_the_server(remote: Store, seed_doc: Document, run: Run) -> None:
    remote.add_document(seed_doc, seed_statements(), run)
    before = remote.count()
    evil = 'x"} ; DROP ALL ; INSERT DATA { <a:b> <a:b> <a:b> } #'
    assert remote.query("SELECT ?m WHERE { ?m kg:mentionText ?t }", {"t": evil}).rows == []
    assert remote.query("SELECT ?x WHERE { BIND (?v AS ?x) }", {"v": evil}).rows == [(evil,)]
    assert remote.query("SELECT ?m WHERE { ?m kg:mentionText ?t }", {"t": "Kreml-Sprecher"}).rows
    assert remote.count() == before


def test_errors_from_the_server_are_coded(remote: Store) -> None:
    with pytest.raises(KGError) as err:
        remote.query("SELECT WHERE {")
    assert err.value.code == "E201"


def test_an_unreachable_server_is_reported() -> None:
    with pytest.raises(KGError) as err:
        open_store(f"http://127.0.0.1:{_free_port()}")
    assert err.value.code == "E104"


def test_serving_a_built_store_read_only(tmp_path: Path, seed_doc: Document, run: Run) -> None:
    """`kg serve`'s engine: Oxigraph server over the store folder a build wrote, read-only, with its query page."""
    _require_server()
    with open_store(tmp_path) as store:
        store.add_document(seed_doc, seed_statements(), run)
        n = store.count()
    with OxigraphServer(tmp_path, timeout=10) as server:
        remote = open_store(server.url)
        assert remote.count() == n
        rows = run_saved(remote, "who-talks-with", {"actor": "RUS"}).dicts()
        assert rows[0]["doc"] == SEED_ID
        with pytest.raises(KGError):  # read-only unless --allow-update
            remote.remove_document(SEED_ID)
        with urllib.request.urlopen(server.url + "/", timeout=5) as page:
            html = page.read().decode("utf-8")
        assert "yasgui" in html.lower() and "https://" not in html  # the query page works offline
    with open_store(tmp_path, create=False) as store:  # untouched
        assert store.count() == n
