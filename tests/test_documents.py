"""Reading articles: formats, encodings, dates, languages, and bad input that must not stop a batch."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kg.documents import Problem, iter_documents

GERMAN = ("Russland hat am Montag seine Truppen an der Grenze verstärkt, teilte die Regierung in Kiew mit. "
          "Die Nato zeigte sich besorgt über die Entwicklung und forderte Moskau zur Zurückhaltung auf.")
ENGLISH = ("Russia reinforced its troops at the border on Monday, the government in Kyiv said. "
           "NATO expressed concern about the development and urged Moscow to show restraint.")


def read(*paths: Path, lang: str | None = None) -> tuple[list, list[Problem]]:
    problems: list[Problem] = []
    docs = list(iter_documents(paths, problems.append, lang=lang))
    return docs, problems


def test_txt_with_header_and_byline(tmp_path: Path) -> None:
    path = tmp_path / "article-1.txt"
    path.write_text(" date 2021-12 " + GERMAN + " (Reuters, APA, red, 29.12.2021)", encoding="utf-8")
    (doc,), problems = read(path)
    assert problems == []
    assert doc.id == "article-1"
    assert doc.lang == "de"
    assert doc.date == "2021-12-29"  # the byline is more precise than the header
    assert doc.date_source == "byline"
    assert doc.text.startswith(" date 2021-12 ")  # offsets point into the text as stored


def test_english_is_detected(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ENGLISH, encoding="utf-8")
    (doc,), _ = read(tmp_path / "a.txt")
    assert doc.lang == "en"


def test_jsonl_corpus_keeps_good_lines_and_names_bad_ones(tmp_path: Path) -> None:
    path = tmp_path / "corpus.jsonl"
    lines = [
        json.dumps({"id": "a", "text": GERMAN, "date": "2022-01-10", "url": "https://example.org/a", "title": "T"}),
        "{not json",
        json.dumps({"id": "b"}),
        json.dumps({"id": "c", "text": ENGLISH, "date": 20220110}),
        json.dumps(["a", "list"]),
        "",
        json.dumps({"text": ENGLISH, "lang": "en"}),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    docs, problems = read(path)
    assert [d.id for d in docs] == ["a", "corpus-7"]
    assert docs[0].date == "2022-01-10" and docs[0].url == "https://example.org/a" and docs[0].title == "T"
    codes = [p.message.split(":")[0] for p in problems]
    assert codes == ["E004", "E005", "E009", "E004"]
    assert all(str(path) in p.message for p in problems)
    assert ":2:" in problems[0].message  # the line is named


@pytest.mark.parametrize("encoding", ["utf-16", "latin-1", "cp1252", "utf-8-sig"])
def test_legacy_encodings_are_read(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "enc.txt"
    path.write_bytes(GERMAN.encode(encoding))
    (doc,), problems = read(path)
    assert "Grenze verstärkt" in doc.text
    assert all(p.severity == "warning" for p in problems)


def test_mixed_line_endings_become_newlines(tmp_path: Path) -> None:
    path = tmp_path / "crlf.txt"
    path.write_bytes((GERMAN + "\r\n\r\n" + GERMAN + "\r" + GERMAN).encode())
    (doc,), _ = read(path)
    assert "\r" not in doc.text and doc.text.count("\n") == 3


@pytest.mark.parametrize(("content", "code"), [
    (b"", "E003"),
    (b"   \n\t  \n", "E003"),
    (bytes(range(256)) * 20, "E002"),
    ("Questo è un articolo italiano sulla politica estera del governo e delle sue relazioni.".encode(), "E007"),
])
def test_bad_files_are_skipped_with_a_coded_message(tmp_path: Path, content: bytes, code: str) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(content)
    good = tmp_path / "good.txt"
    good.write_text(GERMAN, encoding="utf-8")
    docs, problems = read(tmp_path)
    assert [d.id for d in docs] == ["good"]  # the rest of the batch is read
    assert [p.message.split(":")[0] for p in problems] == [code]
    assert "bad.txt" in problems[0].message


def test_missing_path_and_unknown_suffix(tmp_path: Path) -> None:
    other = tmp_path / "x.pdf"
    other.write_bytes(b"%PDF")
    docs, problems = read(tmp_path / "nope.txt", other)
    assert docs == []
    assert [p.message.split(":")[0] for p in problems] == ["E001", "E006"]


def test_html_is_read_as_text_without_scripts(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text("<html><head><style>p{}</style><script>alert(1)</script></head><body><p>"
                    + ENGLISH + "</p></body></html>", encoding="utf-8")
    (doc,), _ = read(path)
    assert "alert" not in doc.text and "<p>" not in doc.text
    assert "urged Moscow" in doc.text


def test_control_characters_and_lone_surrogates_are_dropped(tmp_path: Path) -> None:
    path = tmp_path / "c.jsonl"
    path.write_text(json.dumps({"id": "c", "text": ENGLISH + "\u0001\u0007 \ud800 end"}) + "\n", encoding="utf-8")
    (doc,), _ = read(path)
    assert "\u0001" not in doc.text and "\ud800" not in doc.text and doc.text.endswith(" end")


def test_forced_language(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ENGLISH, encoding="utf-8")
    (doc,), _ = read(tmp_path / "a.txt", lang="de")
    assert doc.lang == "de"
