"""``kg build --dask ADDRESS`` on a real local cluster gives the single-process build's outputs.

Two worker processes on 127.0.0.1, started here and closed after: the workers
import geokg, build their pipelines once, and extract the chunks they are sent; the
build gathers results in input order and writes the store itself.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from kg import build as build_module  # noqa: E402
from kg.errors import KGError  # noqa: E402
from kg.model import Run  # noqa: E402
from tests.benchmarks.corpus import generate_documents, write_jsonl  # noqa: E402

distributed = pytest.importorskip("distributed", reason="install the 'dask' extra: pip install -e '.[dask]'")

RUN = Run(id="20220101T000000Z", software="geokg", version="0.1.0", started="2022-01-01T00:00:00Z", model="blank")

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def cluster():  # type: ignore[no-untyped-def]
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                                  dashboard_address=None) as local:
        yield local


def test_dask_build_equals_single_process(cluster, tmp_path: Path,  # type: ignore[no-untyped-def]
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    corpus = tmp_path / "generated.jsonl"
    assert write_jsonl(corpus, generate_documents(15_000, seed=13, sentences=(4, 20))) > 64
    monkeypatch.setattr(build_module, "new_run", lambda model="auto": RUN)
    local = build_module.build([corpus], tmp_path / "local", model="blank", html=False)
    remote = build_module.build([corpus], tmp_path / "dask", model="blank", html=False,
                                dask=cluster.scheduler_address)
    assert local.statements > 200 and remote.statements == local.statements
    for name in ("statements.jsonl", "graph.trig", "graph.ttl"):
        assert (tmp_path / "local" / name).read_bytes() == (tmp_path / "dask" / name).read_bytes(), name
    # both workers took part: each built its pipelines (once) to extract the chunks it was sent
    with distributed.Client(cluster.scheduler_address) as client:
        built = client.run(_pipelines_built)
    assert len(built) == 2 and all(n > 0 for n in built.values()), built


def _pipelines_built() -> int:
    """Run on a worker: how many extraction pipelines this process has built."""
    from kg.extract import extraction_pipeline

    return extraction_pipeline.cache_info().currsize


def test_no_scheduler_is_one_line_error(tmp_path: Path) -> None:
    seeds = ROOT / "seeds"
    with pytest.raises(KGError) as err:
        build_module.build([seeds], tmp_path, model="blank", dask="tcp://127.0.0.1:9")
    assert err.value.code == "E402"
