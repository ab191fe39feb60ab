"""PLOVER's gold standard records (GSR) as a regression bar for English extraction.

The 321 GSR records are the CAMEO manual's example sentences coded in PLOVER by its
authors (PLOVER, Open Event Data Alliance, CC BY-SA 4.0; kept in ``../shared/reference``,
not in this repository).  Each record's text is extracted on the blank English pipeline and
scored with :func:`kg.evaluate.evaluate` in PLOVER's view (:func:`kg.evaluate.plover_view`:
planned cooperation counts as AGREE, organisations it does not name as IGO, ...), leniently, as
the reference README prescribes: the GSR does not code modality.  The bar is the issue's goal,
0.60 (see the report in the README for what still fails).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.evaluate import evaluate, load_jsonl, plover_view
from kg.extract import extract_documents
from kg.model import Document

GSR = Path(__file__).resolve().parents[2] / "shared" / "reference" / "plover_gsr.gold.jsonl"
LENIENT_F1_BAR = 0.60  # the goal, reached (0.605 when this bar was set)
PRECISION_BAR = 0.55

needs_gsr = pytest.mark.skipif(not GSR.is_file(), reason=f"PLOVER gold records not found at {GSR}")


@pytest.fixture(scope="module")
def scores() -> dict:
    gold = load_jsonl(GSR)
    texts = {str(g["doc"]): g["text"] for g in gold if g.get("text")}
    docs = [Document(id=d, text=t, lang="en") for d, t in texts.items()]
    pred = [plover_view(st.to_record()) for _d, sts in extract_documents(docs, model="blank") for st in sts]
    return evaluate(gold, pred)


@needs_gsr
def test_plover_lenient_f1(scores: dict) -> None:
    lenient = scores["lenient"]
    assert lenient.gold >= 340
    assert lenient.f1 >= LENIENT_F1_BAR, lenient.line("lenient")


@needs_gsr
def test_plover_predictions_are_mostly_right(scores: dict) -> None:
    """Precision guards against buying recall with noise: most statements must match a gold record."""
    assert scores["lenient"].precision >= PRECISION_BAR


def _record(source: dict, target: dict | None, etype: str = "ACCUSE", modality: str = "asserted") -> dict:
    return {"doc": "d", "type": etype, "source": source, "target": target, "modality": modality}


_AMNESTY = {"label": "Amnesty International", "org": "AMNESTY", "country": None, "role": None}
_UNHCR = {"label": "UNHCR", "org": "UNHCR", "country": None, "role": None}
_AL_QAEDA = {"label": "al-Qaeda", "org": "AL_QAEDA", "country": None, "role": "REB"}
_HAMAS = {"label": "Hamas", "org": "HAMAS", "country": "PSE", "role": "REB"}
_USA = {"label": "United States", "org": None, "country": "USA", "role": None}


@pytest.mark.parametrize(("actor", "gold_key", "matches"), [
    (_AMNESTY, "IGO", True),      # an organisation PLOVER does not name is a bare IGO there
    (_UNHCR, "UN", True),         # a UN agency is the UN
    (_UNHCR, "IGO", False),
    (_AL_QAEDA, "IMG", True),     # a stateless armed group is a bare IMG
    (_HAMAS, "PSE_REB", True),    # a group with a state keeps it
    (_HAMAS, "IMG", False),
])
def test_plover_view_codes_organisations_as_plover_does(actor: dict, gold_key: str, matches: bool) -> None:
    gold = [{"doc": "d", "source": gold_key, "type": "ACCUSE", "target": "USA", "modality": None}]
    scores = evaluate(gold, [plover_view(_record(actor, _USA))])
    assert scores["lenient"].hit == int(matches)


def test_plover_view_keeps_the_record_for_the_contract() -> None:
    """The view is for scoring only: the organisation's own code stays in the record."""
    viewed = plover_view(_record(_AMNESTY, _USA))
    assert viewed["source"]["org"] == "AMNESTY"


def test_plover_view_codes_a_ceasefire_as_retreat() -> None:
    """CAMEO 0871 (declare a ceasefire) is RETREAT in PLOVER; the contract's record keeps CONCEDE."""
    record = {**_record(_USA, None, "CONCEDE"), "evidence": {"rule": "en.concede.ceasefire.v1"}}
    assert plover_view(record)["type"] == "RETREAT"
    assert record["type"] == "CONCEDE"
    other = {**_record(_USA, None, "CONCEDE"), "evidence": {"rule": "en.concede.ease.v1"}}
    assert plover_view(other)["type"] == "CONCEDE"
    # the lexicon's flag decides, not the word: "stellte das Feuer ein" is a ceasefire too
    german = {**_record(_USA, None, "CONCEDE"), "evidence": {"rule": "de.concede.einstellen.v1"}}
    assert plover_view(german)["type"] == "RETREAT"
