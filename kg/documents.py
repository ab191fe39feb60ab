"""Reading articles: ``.txt`` files, ``.jsonl`` corpora and folders of them.

Input comes from the open web, so this stage never raises on a bad file: every
problem becomes a :class:`Problem` (a coded, one-line message naming the file and
what to do) handed to the caller's ``on_problem`` callback, and the rest of the
batch is read.  The text of a document is kept exactly as decoded, because every
statement's character offsets point into it.

Limits, so that one hostile file cannot stall or exhaust a batch: a document is
read up to :data:`MAX_DOCUMENT_CHARS` characters (cut at the last paragraph,
line or sentence break before the limit, reported as E010 because the rest is
skipped), and a file is never read past the bytes those characters can take.
"""

from __future__ import annotations

import codecs
import datetime as dt
import json
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import Errors, Warnings
from .language import SUPPORTED_LANGS, detect_language
from .model import Document

__all__ = ["MAX_DOCUMENT_CHARS", "Problem", "iter_documents", "list_inputs", "read_text_file"]

#: The longest document text read (characters).  News articles stay far below it
#: (a long feature is ~60,000); a larger file is almost always several articles or
#: a dump, and extraction time grows with document length, so the rest is skipped
#: with E010 rather than stalling the batch.  spaCy itself refuses texts over 1,000,000.
MAX_DOCUMENT_CHARS = 200_000
#: Bytes read from a file at most: enough for MAX_DOCUMENT_CHARS in any supported encoding.
_MAX_FILE_BYTES = MAX_DOCUMENT_CHARS * 4 + 4

SUFFIXES = (".txt", ".jsonl", ".md", ".html", ".htm")
_ISO_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?")
_TAG = re.compile(r"<(script|style)\b.*?</\1\s*>|<!--.*?-->|<[^>]{0,2000}>", re.S | re.I)


@dataclass(frozen=True, slots=True)
class Problem:
    """A file or line that was skipped (``error``) or read with a caveat (``warning``)."""

    message: str
    severity: str = "error"  # "error": something was skipped; "warning": read, but look at it


ProblemHandler = Callable[[Problem], None]


def list_inputs(paths: Iterable[str | Path], on_problem: ProblemHandler) -> list[Path]:
    """Expand files and folders into the readable input files, sorted for a stable order."""
    found: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found.extend(sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES
                                and not any(part.startswith(".") for part in p.relative_to(path).parts)))
        elif path.is_file():
            if path.suffix.lower() in SUFFIXES:
                found.append(path)
            else:
                on_problem(Problem(Errors.E006.format(path=path, suffix=path.suffix or "(none)")))
        else:
            on_problem(Problem(Errors.E001.format(path=path)))
    return found


def _decode(data: bytes) -> tuple[str | None, str]:
    """Decode bytes as UTF-8 (with or without BOM), UTF-16 (with BOM) or Latin-1; None for binary."""
    for bom, enc in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            try:
                return data.decode(enc), enc
            except UnicodeDecodeError:
                return None, enc
    sample = data[:65536]
    if b"\x00" in sample:
        # UTF-16 without BOM shows as every other byte NUL in mostly-Latin text
        if sample[1::2].count(0) > len(sample) * 0.4:
            try:
                return data.decode("utf-16-le"), "utf-16-le"
            except UnicodeDecodeError:
                pass
        if sample.count(0) > max(8, len(sample) // 200):  # a stray NUL in scraped text is no binary file
            return None, "binary"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    for enc in ("cp1252", "latin-1"):  # Western European legacy encodings, most specific first
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        controls = sum(1 for c in text[:65536] if ord(c) < 32 and c not in "\t\n\r\f")
        return (None, "binary") if controls > len(text[:65536]) * 0.05 else (text, enc)
    return None, "binary"


def _whole_characters(data: bytes) -> bytes:
    """The first part of a longer byte string, cut so that no character is cut in two.

    UTF-16 is cut at an even length; otherwise at the last newline or space (ASCII
    bytes never occur inside a UTF-8 sequence), else before a UTF-8 lead byte.
    """
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or data[1:4096:2].count(0) > 1000:
        return data[: len(data) // 2 * 2]
    cut = max(data.rfind(b"\n"), data.rfind(b" ")) + 1
    if cut > 0:
        return data[:cut]
    cut = len(data)
    while cut > 0 and 0x80 <= data[cut - 1] < 0xC0:  # continuation bytes, then their lead byte
        cut -= 1
    return data[: cut - 1] if cut and data[cut - 1] >= 0xC0 else data[:cut]


def _clean(text: str) -> str:
    """Normalise line endings and drop characters no XML/RDF serialiser can carry.

    Offsets are computed on the cleaned text, which is also the text stored, so
    they stay exact.  Lone surrogates and C0 controls (but tab/newline) go.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return "".join(c for c in text if (c >= " " or c in "\t\n") and not 0xD800 <= ord(c) <= 0xDFFF
                   and c not in "\ufffe\uffff")


def _strip_html(text: str) -> str:
    import html

    return html.unescape(_TAG.sub(" ", text))


def _truncate(text: str, where: str, on_problem: ProblemHandler, size: int | None = None) -> str:
    """``text`` cut to :data:`MAX_DOCUMENT_CHARS` at the last break before the limit (E010 when cut).

    A paragraph break is preferred, then a line break, a sentence end, a space, so
    that no sentence is read half; offsets stay exact because the cut text is the
    text stored.  ``size`` is the full length when the caller already read less.
    """
    if len(text) <= MAX_DOCUMENT_CHARS and size is None:
        return text
    head = text[:MAX_DOCUMENT_CHARS]
    floor = MAX_DOCUMENT_CHARS // 2  # never give up more than half of what may be read
    for sep in ("\n\n", "\n", ". ", " "):
        cut = head.rfind(sep, floor)
        if cut != -1:
            head = head[: cut + len(sep)]
            break
    length = f"{size:,} bytes" if size is not None else f"{len(text):,} characters"
    on_problem(Problem(Errors.E010.format(path=where, size=length, limit=f"{MAX_DOCUMENT_CHARS:,}",
                                          kept=f"{len(head):,}")))
    return head


def _valid_date(value: str) -> bool:
    """Whether a partial ISO date (``2022``, ``2022-02``, ``2022-02-28``) names a day, month or year that exists."""
    parts = value.split("-")
    try:
        if len(parts) == 3:
            dt.date(int(parts[0]), int(parts[1]), int(parts[2]))
        elif len(parts) == 2:
            dt.date(int(parts[0]), int(parts[1]), 1)
        else:
            dt.date(int(parts[0]), 1, 1)
    except ValueError:
        return False
    return True


def _make_document(doc_id: str, text: str, where: str, meta: dict[str, Any], lang: str | None,
                   on_problem: ProblemHandler) -> Document | None:
    from .dates import impossible_dates, publication_date

    if not text.strip():
        on_problem(Problem(Errors.E003.format(path=where)))
        return None
    doc_lang = lang or meta.get("lang")
    if doc_lang is None:
        doc_lang, _share = detect_language(text)
    if doc_lang not in SUPPORTED_LANGS:
        on_problem(Problem(Errors.E007.format(doc=where, lang=doc_lang or "unknown",
                                              supported=", ".join(SUPPORTED_LANGS))))
        return None
    for written in impossible_dates(text, doc_lang):  # "31. Feber": read, but say why it has no date
        on_problem(Problem(Warnings.W003.format(doc=where, text=written), "warning"))
    date, date_source = meta.get("date"), "metadata" if meta.get("date") else None
    if not date:
        date, date_source = publication_date(text, doc_lang)
    return Document(id=doc_id, text=text, lang=doc_lang, date=date, date_source=date_source,
                    url=meta.get("url"), title=meta.get("title"), path=meta.get("path"))


def read_text_file(path: Path, on_problem: ProblemHandler, lang: str | None = None) -> Document | None:
    """One ``.txt`` (or ``.md``/``.html``) file as a document, or None (with a problem reported)."""
    try:
        with path.open("rb") as fh:
            data = fh.read(_MAX_FILE_BYTES + 1)
    except OSError as err:
        on_problem(Problem(Errors.E001.format(path=path) + f" ({err.strerror})"))
        return None
    size: int | None = None
    if len(data) > _MAX_FILE_BYTES:  # a huge file: keep whole characters of the first part only
        size = path.stat().st_size
        data = data[:_MAX_FILE_BYTES]
        data = _whole_characters(data[:_MAX_FILE_BYTES])
    text, encoding = _decode(data)
    if text is None:
        on_problem(Problem(Errors.E002.format(path=path)))
        return None
    if encoding not in ("utf-8", "utf-8-sig"):
        on_problem(Problem(Warnings.W005.format(doc=path, encoding=encoding), "warning"))
    if path.suffix.lower() in (".html", ".htm"):
        text = _strip_html(text)
    text = _truncate(_clean(text), str(path), on_problem, size)
    return _make_document(path.stem, text, str(path), {"path": str(path)}, lang, on_problem)


_FIELDS: dict[str, tuple[type, str]] = {
    "id": ((str, int), "a string"), "date": (str, "an ISO date string"), "url": (str, "a string"),
    "lang": (str, "a language code such as 'de'"), "title": (str, "a string"),
}  # type: ignore[dict-item]


def _read_jsonl(path: Path, on_problem: ProblemHandler, lang: str | None) -> Iterator[Document]:
    try:
        handle = path.open("rb")
    except OSError as err:
        on_problem(Problem(Errors.E001.format(path=path) + f" ({err.strerror})"))
        return
    seen: set[str] = set()
    with handle:
        for lineno, raw in enumerate(handle, 1):
            line, _ = _decode(raw)
            if line is None or not line.strip():
                if line is None:
                    on_problem(Problem(Errors.E004.format(path=path, line=lineno, reason="binary data")))
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as err:
                on_problem(Problem(Errors.E004.format(path=path, line=lineno, reason=err.msg)))
                continue
            if not isinstance(obj, dict):
                on_problem(Problem(Errors.E004.format(path=path, line=lineno, reason=type(obj).__name__)))
                continue
            if not isinstance(obj.get("text"), str):
                on_problem(Problem(Errors.E005.format(path=path, line=lineno)))
                continue
            meta: dict[str, Any] = {"path": f"{path}:{lineno}"}
            bad = False
            for name, (kind, expected) in _FIELDS.items():
                value = obj.get(name)
                if value is None:
                    continue
                if not isinstance(value, kind) or isinstance(value, bool):
                    on_problem(Problem(Errors.E009.format(path=path, line=lineno, field=name, expected=expected,
                                                          got=repr(value)[:40])))
                    bad = True
                    break
                meta[name] = _clean(str(value))
            if bad:
                continue
            if meta.get("date") and not _ISO_DATE.match(meta["date"]):
                on_problem(Problem(Errors.E009.format(path=path, line=lineno, field="date",
                                                      expected="an ISO date string", got=repr(meta["date"])[:40])))
                continue
            if meta.get("date"):
                meta["date"] = _ISO_DATE.match(meta["date"]).group(0)  # type: ignore[union-attr]
                if not _valid_date(meta["date"]):  # 2022-02-31: read the article, not the impossible date
                    on_problem(Problem(Warnings.W006.format(path=path, line=lineno, date=meta["date"]), "warning"))
                    del meta["date"]
            if meta.get("lang"):
                meta["lang"] = meta["lang"].strip().lower().replace("_", "-").split("-")[0]
            doc_id = meta.get("id") or f"{path.stem}-{lineno}"
            if doc_id in seen:
                on_problem(Problem(Warnings.W002.format(path=path, line=lineno, reason=f"duplicate id '{doc_id}'"),
                                   "error"))
                continue
            seen.add(doc_id)
            text = _truncate(_clean(obj["text"]), f"{path}:{lineno}", on_problem)
            doc = _make_document(doc_id, text, f"{path}:{lineno}", meta, lang, on_problem)
            if doc is not None:
                yield doc


def iter_documents(paths: Iterable[str | Path], on_problem: ProblemHandler, *,
                   lang: str | None = None) -> Iterator[Document]:
    """Every readable document under ``paths``, in a stable order; problems go to ``on_problem``.

    ``lang`` forces a language; otherwise a ``lang`` field or detection decides.
    """
    for path in list_inputs(paths, on_problem):
        if path.suffix.lower() == ".jsonl":
            yield from _read_jsonl(path, on_problem, lang)
        else:
            doc = read_text_file(path, on_problem, lang)
            if doc is not None:
                yield doc
