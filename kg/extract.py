"""From documents to statements: the extraction pipeline per language.

``tokenizer -> kg_sentences -> kg_lemmas -> kg_actors -> kg_events``, or a
statistical spaCy pipeline with ``kg_actors`` and ``kg_events`` added when one is
installed (see :func:`kg.language.load_pipeline`).  Documents are batched per
language through ``nlp.pipe`` and come out in input order.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache
from itertools import islice

from spacy.language import Language

from . import actors as _actors  # noqa: F401  (registers the kg_actors factory)
from . import events as _events  # noqa: F401  (registers the kg_events factory)
from .language import ensure_extensions, load_pipeline
from .model import Document, Statement

__all__ = ["extract_documents", "extract_text", "extraction_pipeline", "pipeline_description"]


@lru_cache(maxsize=8)
def extraction_pipeline(lang: str, model: str = "auto") -> Language:
    """The full extraction pipeline for ``lang``, built once per process."""
    nlp = load_pipeline(lang, model)
    if "kg_actors" not in nlp.pipe_names:
        nlp.add_pipe("kg_actors")
    if "kg_events" not in nlp.pipe_names:
        nlp.add_pipe("kg_events")
    return nlp


def pipeline_description(langs: Iterable[str], model: str = "auto") -> str:
    """Which spaCy pipelines a run used, for the provenance of the run ("de:blank, en:en_core_web_sm-3.8.0")."""
    parts = []
    for lang in sorted(set(langs)):
        nlp = extraction_pipeline(lang, model)
        meta = nlp.meta
        name = meta.get("name") or ""
        used = "blank" if name in ("pipeline", "") else f"{lang}_{name}-{meta.get('version')}"
        parts.append(f"{lang}:{used}")
    return ", ".join(parts)


def extract_documents(docs: Iterable[Document], *, model: str = "auto",
                      batch_size: int = 64) -> Iterator[tuple[Document, list[Statement]]]:
    """Yield ``(document, statements)`` for every document, in input order."""
    ensure_extensions()
    it = iter(docs)
    while True:
        chunk = list(islice(it, batch_size))
        if not chunk:
            return
        results: dict[int, list[Statement]] = {}
        for lang in dict.fromkeys(d.lang for d in chunk):
            nlp = extraction_pipeline(lang, model)
            idx = [i for i, d in enumerate(chunk) if d.lang == lang]
            sdocs = []
            for i in idx:
                sdoc = nlp.make_doc(chunk[i].text)
                sdoc._.kg_doc_id = chunk[i].id
                sdoc._.kg_date = chunk[i].date
                sdocs.append(sdoc)
            for i, sdoc in zip(idx, nlp.pipe(sdocs, batch_size=batch_size), strict=True):
                results[i] = list(sdoc._.kg_statements or [])
        for i, doc in enumerate(chunk):
            yield doc, results[i]


def extract_text(text: str, *, lang: str | None = None, date: str | None = None, doc_id: str = "text",
                 model: str = "auto") -> list[Statement]:
    """Statements of one text: the shortest way in for notebooks and tests."""
    from .dates import publication_date
    from .language import detect_language

    lang = lang or detect_language(text)[0] or "en"
    if date is None:
        date = publication_date(text, lang)[0]
    doc = Document(id=doc_id, text=text, lang=lang, date=date)
    return next(extract_documents([doc], model=model))[1]
