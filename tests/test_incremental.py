"""Incremental builds: an unchanged corpus of 1,000 documents is not extracted again, and says so.

The skip is by content hash (``Document.sha256`` against the hash the store keeps),
so a rebuild touches only the documents whose text changed.  Extraction is replaced
by a tripwire on the rebuild to prove it never ran for unchanged documents.
"""

from __future__ import annotations

import json
import subprocess
import sys
from itertools import islice
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import kg.extract  # noqa: E402
from kg.build import build  # noqa: E402
from tests.benchmarks.corpus import generate_documents, write_jsonl  # noqa: E402

pytestmark = pytest.mark.slow


def test_unchanged_corpus_is_not_extracted_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    corpus = tmp_path / "corpus.jsonl"
    assert write_jsonl(corpus, islice(generate_documents(10**8, seed=5, sentences=(2, 4)), 1000)) == 1000
    lines = corpus.read_text(encoding="utf-8").splitlines()
    first = build([corpus], tmp_path / "out", model="blank", html=False)
    assert (first.documents, first.skipped_unchanged) == (1000, 0)
    jsonl = (tmp_path / "out" / "statements.jsonl").read_bytes()

    extracted: list[str] = []
    real = kg.extract._extract_local

    def tripwire(docs, **kwargs):  # type: ignore[no-untyped-def]
        docs = list(docs)
        extracted.extend(d.id for d in docs)
        return real(docs, **kwargs)

    monkeypatch.setattr(kg.extract, "_extract_local", tripwire)
    again = build([corpus], tmp_path / "out", model="blank", html=False)
    assert (again.documents, again.skipped_unchanged) == (1000, 1000)
    assert extracted == []
    assert again.outputs_unchanged  # nothing written, so the outputs of the first build stand
    assert again.statements == first.statements
    assert (tmp_path / "out" / "statements.jsonl").read_bytes() == jsonl

    # change three documents: only they are read again
    records = [json.loads(line) for line in lines]
    for i in (3, 500, 999):
        records[i]["text"] += " Russland hat die Ukraine am Montag angegriffen."
    corpus.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    changed = build([corpus], tmp_path / "out", model="blank", html=False)
    assert (changed.documents, changed.skipped_unchanged) == (1000, 997)
    assert not changed.outputs_unchanged
    assert sorted(extracted) == sorted(records[i]["id"] for i in (3, 500, 999))
    assert changed.statements > first.statements
    assert (tmp_path / "out" / "statements.jsonl").read_bytes() != jsonl

    # an output edited by hand is written again, though the store did not change
    (tmp_path / "out" / "graph.ttl").write_text("", encoding="utf-8")
    repaired = build([corpus], tmp_path / "out", model="blank", html=False)
    assert not repaired.outputs_unchanged and (tmp_path / "out" / "graph.ttl").stat().st_size > 0


def test_summary_says_how_many_were_unchanged(tmp_path: Path) -> None:
    corpus = tmp_path / "c.jsonl"
    write_jsonl(corpus, generate_documents(2_000, seed=2, sentences=(2, 4)))
    n = sum(1 for _ in corpus.open(encoding="utf-8"))
    cmd = [sys.executable, "-m", "kg.cli", "build", str(corpus), "--out", str(tmp_path / "out"), "--model", "blank",
           "--no-html"]
    subprocess.run(cmd, capture_output=True, text=True, timeout=600, check=True)
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=600, check=True)
    assert f"documents: {n} ({n} unchanged, skipped)" in proc.stdout
