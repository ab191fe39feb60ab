"""Documents to statements: order, languages, and one failing document that must not stop a batch."""

from __future__ import annotations

import pytest

import kg.events
from kg.documents import Problem
from kg.extract import extract_documents
from kg.model import Document

DE = "Russland griff am Montag die Ukraine an. Die Nato verurteilte den Angriff."
EN = "Russia attacked Ukraine on Monday. NATO condemned the attack."


def docs() -> list[Document]:
    return [Document("a", DE, "de", "2022-03-01"), Document("b", EN, "en", "2022-03-01"),
            Document("bad", EN, "en", "2022-03-01"), Document("c", DE, "de", "2022-03-01")]


def test_documents_come_out_in_input_order_across_languages() -> None:
    out = list(extract_documents(docs(), model="blank"))
    assert [d.id for d, _ in out] == ["a", "b", "bad", "c"]
    assert all(sts for _, sts in out)
    assert {st.type for _, sts in out for st in sts} >= {"ASSAULT", "ACCUSE"}


def test_a_failing_document_is_reported_and_the_rest_extracted(monkeypatch: pytest.MonkeyPatch) -> None:
    real = kg.events.extract_statements

    def fails_on_bad(doc, *args, **kwargs):  # type: ignore[no-untyped-def]
        if doc._.kg_doc_id == "bad":
            raise RuntimeError("boom")
        return real(doc, *args, **kwargs)

    monkeypatch.setattr(kg.events, "extract_statements", fails_on_bad)
    problems: list[Problem] = []
    out = list(extract_documents(docs(), model="blank", on_problem=problems.append))
    assert [d.id for d, _ in out] == ["a", "b", "c"]
    assert all(sts for _, sts in out)
    assert len(problems) == 1
    assert problems[0].message.startswith("E011: bad: extraction failed (RuntimeError: boom)")
