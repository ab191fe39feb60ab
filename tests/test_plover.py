"""PLOVER's gold standard records (GSR) as a regression bar for English extraction.

The 321 GSR records are the CAMEO manual's example sentences coded in PLOVER by its
authors (PLOVER, Open Event Data Alliance, CC BY-SA 4.0; kept in ``../shared/reference``,
not in this repository).  Each record's text is extracted on the blank English pipeline and
scored with :func:`kg.evaluate.evaluate` in PLOVER's view of intentions (planned
cooperation counts as AGREE), leniently, as the reference README prescribes: the GSR does
not code modality.  The bar is the lenient F1 reached, rounded down to 0.05; the issue's
goal is 0.60 (see the report in the README for what still fails).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.evaluate import evaluate, load_jsonl, plover_view
from kg.extract import extract_documents
from kg.model import Document

GSR = Path(__file__).resolve().parents[2] / "shared" / "reference" / "plover_gsr.gold.jsonl"
LENIENT_F1_BAR = 0.45

pytestmark = pytest.mark.skipif(not GSR.is_file(), reason=f"PLOVER gold records not found at {GSR}")


@pytest.fixture(scope="module")
def scores() -> dict:
    gold = load_jsonl(GSR)
    texts = {str(g["doc"]): g["text"] for g in gold if g.get("text")}
    docs = [Document(id=d, text=t, lang="en") for d, t in texts.items()]
    pred = [plover_view(st.to_record()) for _d, sts in extract_documents(docs, model="blank") for st in sts]
    return evaluate(gold, pred)


def test_plover_lenient_f1(scores: dict) -> None:
    lenient = scores["lenient"]
    assert lenient.gold >= 340
    assert lenient.f1 >= LENIENT_F1_BAR, lenient.line("lenient")


def test_plover_predictions_are_mostly_right(scores: dict) -> None:
    """Precision guards against buying recall with noise: most statements must match a gold record."""
    assert scores["lenient"].precision >= LENIENT_F1_BAR
