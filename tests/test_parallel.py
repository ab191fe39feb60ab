"""``kg build --jobs 2`` gives exactly what ``--jobs 1`` gives: same statements in the same order, same quads.

Parallel extraction only pays if nobody has to wonder whether it changed the graph,
so the check is byte equality of the outputs on a generated corpus in both languages
(the speed-up is measured in ``tests/benchmarks``, not here).
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from kg import build as build_module  # noqa: E402
from kg.model import Run  # noqa: E402
from tests.benchmarks.corpus import generate_documents, write_jsonl  # noqa: E402

RUN = Run(id="20220101T000000Z", software="geokg", version="0.1.0", started="2022-01-01T00:00:00Z", model="blank")

pytestmark = pytest.mark.slow


def quads(path: Path) -> set[ox.Quad]:
    """The quads of a TriG file, as a set (for a readable failure beside the byte comparison)."""
    return set(ox.parse(path=str(path), format=ox.RdfFormat.TRIG))


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("corpus") / "generated.jsonl"
    n = write_jsonl(path, generate_documents(25_000, seed=11, sentences=(4, 20)))
    assert n > 100  # enough chunks (32 documents each) for the workers to overtake each other
    return path


def test_jobs_2_equals_jobs_1(corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(build_module, "new_run", lambda model="auto": RUN)  # the run's start time is the only change
    one = build_module.build([corpus], tmp_path / "one", model="blank", jobs=1, html=False)
    two = build_module.build([corpus], tmp_path / "two", model="blank", jobs=2, html=False)
    assert one.statements > 500 and two.statements == one.statements
    assert (one.by_type, one.by_modality) == (two.by_type, two.by_modality)
    a, b = (tmp_path / d / "statements.jsonl" for d in ("one", "two"))
    assert a.read_bytes() == b.read_bytes()
    ta, tb = (tmp_path / d / "graph.trig" for d in ("one", "two"))
    assert quads(ta) == quads(tb)
    assert ta.read_bytes() == tb.read_bytes()


def test_workers_start_prepared() -> None:
    """Workers are forked from a server that built the pipelines and tables once, not each on its own."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    from kg.extract import _worker_context
    from kg.language import SUPPORTED_LANGS

    if "forkserver" not in multiprocessing.get_all_start_methods():
        pytest.skip("no fork server on this platform: each worker builds its own (spawn)")
    with ProcessPoolExecutor(max_workers=1, mp_context=_worker_context()) as pool:
        built = pool.submit(_pipelines_built).result()
    assert built >= len(SUPPORTED_LANGS)  # before the worker extracted anything


def _pipelines_built() -> int:
    """Run in a worker: how many extraction pipelines this process holds."""
    from kg.extract import extraction_pipeline

    return extraction_pipeline.cache_info().currsize


def test_cli_jobs_option(tmp_path: Path) -> None:
    """The command line takes --jobs and rejects nonsense as a usage error."""
    seeds = ROOT / "seeds"
    proc = subprocess.run([sys.executable, "-m", "kg.cli", "build", str(seeds), "--out", str(tmp_path),
                           "--model", "blank", "--jobs", "2", "--no-html"], capture_output=True, text=True,
                          timeout=600)
    assert proc.returncode == 0, proc.stderr
    reported = int(re.search(r"^statements: (\d+)", proc.stdout, re.M).group(1))  # type: ignore[union-attr]
    written = (tmp_path / "statements.jsonl").read_text(encoding="utf-8").splitlines()
    assert reported == len(written) > 0  # the summary counts what the two workers wrote
    bad = subprocess.run([sys.executable, "-m", "kg.cli", "build", str(seeds), "--out", str(tmp_path),
                          "--jobs", "0"], capture_output=True, text=True, timeout=600)
    assert bad.returncode == 2
