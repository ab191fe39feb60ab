"""Bad input, huge input and interrupted builds, the way a user meets them: through ``kg`` itself.

geokg reads text from the open web into stores people rely on.  A bad file must cost
one coded line on stderr (naming the file and what to do), never the batch and never
a traceback; the exit status says whether anything was skipped (3) or not (0); and a
build killed half-way must leave the store it started from usable, with a rerun that
finishes the job without duplicating anything.

The bad inputs are made here, in ``tmp_path``, so that each is visible next to the
message it must produce.  Nothing asserts a duration: subprocess timeouts are only
guards against hangs.
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.documents import MAX_DOCUMENT_CHARS, Problem, iter_documents
from kg.store import open_store

REPO = Path(__file__).resolve().parent.parent

GERMAN = ("Russland hat am Montag seine Truppen an der Grenze verstärkt, teilte die Regierung in Kiew mit. "
          "Die Nato forderte Moskau zur Zurückhaltung auf.")
ENGLISH = ("Russia reinforced its troops at the border on Monday, the government in Kyiv said. "
           "NATO urged Moscow to show restraint.")


def kg(*args: str, timeout: float = 600) -> subprocess.CompletedProcess[str]:
    """Run the real command line, as a user would (``timeout`` only guards against a hang)."""
    return subprocess.run([sys.executable, "-m", "kg.cli", *args], capture_output=True, text=True, timeout=timeout,
                          cwd=REPO)


def codes(stderr: str) -> list[str]:
    """The message codes on stderr, in order."""
    return [line.split()[1].rstrip(":") for line in stderr.splitlines() if line.startswith(("skipped ", "warning "))]


def read(*paths: Path) -> tuple[list, list[Problem]]:
    problems: list[Problem] = []
    return list(iter_documents(paths, problems.append)), problems


# --- a batch of bad files ---------------------------------------------------------------------

#: One bad or awkward input each: file name -> (content, the code it must produce; None: read silently).
BAD_FILES: dict[str, tuple[bytes, str | None]] = {
    "empty.txt": (b"", "E003"),
    "blank.txt": (b"  \n\t \r\n  ", "E003"),
    "binary.txt": (bytes(range(256)) * 64, "E002"),
    "latin1.txt": (GERMAN.encode("latin-1"), "W005"),
    "utf16.txt": (GERMAN.encode("utf-16"), "W005"),
    "utf16-no-bom.txt": (ENGLISH.encode("utf-16-le"), "W005"),
    "mixed-endings.txt": ((GERMAN + "\r\n" + ENGLISH + "\r" + GERMAN + "\n\r\n").encode(), None),
    "feber.txt": (b"Am 31. Feber 2022 griff Russland die Ukraine an, teilte die Regierung in Kiew mit.",
                  "W003"),
    "italian.txt": ("Questo è un articolo italiano sulla politica estera del governo e delle sue relazioni "
                    "con i paesi vicini.".encode(), "E007"),
    "page.html": (("<html><head><style>p { color: red }</style><script>document.write('x')</script></head>"
                   f"<body><!-- a comment --><p>{ENGLISH}</p><script src=x.js></script></body></html>").encode(), None),
    # CESU-style surrogate bytes are no UTF-8: read as a legacy encoding, with a warning
    "surrogate-bytes.txt": (ENGLISH.encode() + b" \xed\xa0\x80 end", "W005"),
    "controls.txt": ((ENGLISH + " \x00\x01\x07\x1b[31m red \x7f\x0b\x0c end").encode(), None),
}

#: JSON Lines with good and bad lines: line -> the code it must produce (None: read).
JSONL_LINES: list[tuple[str, str | None]] = [
    (json.dumps({"id": "good-de", "text": GERMAN, "date": "2022-01-10"}), None),
    ("{not json", "E004"),
    (json.dumps({"id": "no-text"}), "E005"),
    (json.dumps({"id": "text-number", "text": 5}), "E005"),
    (json.dumps({"id": ["a", "list"], "text": ENGLISH}), "E009"),
    (json.dumps({"id": "date-number", "text": ENGLISH, "date": 20220110}), "E009"),
    (json.dumps({"id": "date-words", "text": ENGLISH, "date": "last Tuesday"}), "E009"),
    (json.dumps({"id": "title-dict", "text": ENGLISH, "title": {"a": 1}}), "E009"),
    (json.dumps(["a", "list"]), "E004"),
    ("\x00\x01\x02 binary \x00", "E004"),
    (json.dumps({"id": "feb-31", "text": ENGLISH, "date": "2022-02-31"}), "W006"),
    (json.dumps({"id": "month-13", "text": ENGLISH, "date": "2022-13"}), "W006"),
    (json.dumps({"id": "lang-xx", "text": ENGLISH, "lang": "xx"}), "E007"),
    (json.dumps({"id": "upper-lang", "text": ENGLISH, "lang": "EN"}), None),
    (json.dumps({"id": "good-de", "text": ENGLISH}), "W002"),  # a duplicate id
    (json.dumps({"id": '../x<y>"z', "text": ENGLISH, "url": 'http://ex.org/<a>"b c', "title": '<b>"t"</b>'}), None),
    (json.dumps({"id": "ctl\u0001\ud800id", "text": ENGLISH + " \ud800\udfff\u0007 end", "title": "\u0000x\ud800"}),
     None),
    (json.dumps({"id": "blank", "text": " \n "}), "E003"),
]


@pytest.fixture(scope="module")
def bad_batch(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, subprocess.CompletedProcess[str]]:
    """One ``kg build`` over every bad input at once, plus an unknown file type and a missing path."""
    src = tmp_path_factory.mktemp("bad-inputs")
    for name, (content, _code) in BAD_FILES.items():
        (src / name).write_bytes(content)
    (src / "good.txt").write_text(GERMAN, encoding="utf-8")
    (src / "corpus.jsonl").write_bytes("\n".join(line for line, _ in JSONL_LINES).encode("utf-8", "surrogatepass")
                                       + b"\n")
    (src / ".hidden.txt").write_bytes(b"\x00\x01")  # hidden files are not inputs
    pdf = tmp_path_factory.mktemp("other") / "report.pdf"
    pdf.write_bytes(b"%PDF-1.4")
    out = tmp_path_factory.mktemp("bad-out")
    proc = kg("build", str(src), str(pdf), str(src / "missing.txt"), "--out", str(out), "--model", "blank")
    return src, out, proc


@pytest.mark.parametrize("name", [n for n, (_c, code) in BAD_FILES.items() if code])
def test_each_bad_file_gets_one_coded_line_naming_it(bad_batch, name: str) -> None:
    src, _out, proc = bad_batch
    lines = [line for line in proc.stderr.splitlines() if str(src / name) + ":" in line]
    assert len(lines) == 1, proc.stderr
    assert codes(lines[0]) == [BAD_FILES[name][1]]


@pytest.mark.parametrize(("lineno", "code"), [(i, c) for i, (_l, c) in enumerate(JSONL_LINES, 1) if c])
def test_each_bad_jsonl_line_is_named_by_number(bad_batch, lineno: int, code: str) -> None:
    src, _out, proc = bad_batch
    lines = [line for line in proc.stderr.splitlines() if f"{src / 'corpus.jsonl'}:{lineno}:" in line]
    assert [codes(line) for line in lines] == [[code]], proc.stderr


def test_the_batch_finishes_with_status_3_and_no_traceback(bad_batch) -> None:
    _src, out, proc = bad_batch
    assert proc.returncode == 3, proc.stderr
    assert "Traceback" not in proc.stderr
    assert "report.pdf" in proc.stderr and "E006" in proc.stderr
    assert "missing.txt" in proc.stderr and "E001" in proc.stderr
    assert ".hidden.txt" not in proc.stderr
    body = [line for line in proc.stderr.splitlines() if line.strip()]
    assert body[-1].endswith("input(s) skipped; see the messages above.")
    for line in body[:-1]:  # every other line is one coded message that says what to do
        assert line.startswith(("skipped E", "skipped W", "warning W")), line
        assert line.rstrip().endswith("."), line
    for name in ("statements.jsonl", "graph.ttl", "graph.trig", "graph.html"):
        assert (out / name).stat().st_size > 0


def test_the_readable_documents_of_the_batch_are_all_in_the_store(bad_batch) -> None:
    _src, out, _proc = bad_batch
    with open_store(out, create=False, read_only=True) as store:
        docs = set(store.documents())
    assert {"good", "latin1", "utf16", "utf16-no-bom", "mixed-endings", "page", "surrogate-bytes", "controls",
            "good-de", "feb-31", "month-13", "upper-lang", '../x<y>"z'} <= docs
    assert not {"empty", "blank", "binary", "italian", "no-text", "lang-xx"} & docs
    assert any(d.startswith("ctl") for d in docs)
    records = [json.loads(line) for line in (out / "statements.jsonl").read_text(encoding="utf-8").splitlines()]
    assert {r["doc"] for r in records} >= {"good", "latin1", "utf16", "mixed-endings", "good-de"}


def test_every_output_of_the_batch_parses(bad_batch) -> None:
    _src, out, _proc = bad_batch
    for name, fmt in (("graph.ttl", ox.RdfFormat.TURTLE), ("graph.trig", ox.RdfFormat.TRIG)):
        with (out / name).open("rb") as fh:
            assert list(ox.parse(fh, fmt))


def test_warnings_alone_exit_0(tmp_path: Path) -> None:
    for name in ("latin1.txt", "utf16.txt", "mixed-endings.txt", "page.html"):
        (tmp_path / name).write_bytes(BAD_FILES[name][0])
    proc = kg("build", str(tmp_path), "--out", str(tmp_path / "out"), "--model", "blank", "--no-html")
    assert proc.returncode == 0, proc.stderr
    assert codes(proc.stderr) == ["W005", "W005"]


def test_debug_shows_the_traceback_the_plain_run_hides(tmp_path: Path) -> None:
    plain = kg("query", "SELECT ?x WHERE { ?x ?y ?z }", "--store", str(tmp_path / "nowhere"))
    debug = kg("--debug", "query", "SELECT ?x WHERE { ?x ?y ?z }", "--store", str(tmp_path / "nowhere"))
    assert plain.returncode == 1 and plain.stderr.startswith("E101") and "Traceback" not in plain.stderr
    assert debug.returncode != 0 and "Traceback" in debug.stderr and "E101" in debug.stderr


def test_html_input_keeps_text_and_drops_scripts_styles_and_comments(tmp_path: Path) -> None:
    (tmp_path / "page.html").write_bytes(BAD_FILES["page.html"][0])
    (doc,), problems = read(tmp_path / "page.html")
    assert problems == []
    assert "urged Moscow" in doc.text
    assert not any(s in doc.text for s in ("document.write", "color: red", "a comment", "<p>", "x.js"))


def test_control_characters_and_surrogates_never_reach_the_text(tmp_path: Path) -> None:
    (tmp_path / "controls.txt").write_bytes(BAD_FILES["controls.txt"][0])
    (tmp_path / "c.jsonl").write_bytes(JSONL_LINES[16][0].encode("utf-8", "surrogatepass") + b"\n")
    docs, _ = read(tmp_path / "controls.txt", tmp_path / "c.jsonl")
    for doc in docs:
        for value in (doc.id, doc.text, doc.title or ""):
            assert not any((ord(c) < 32 and c not in "\t\n") or 0xD800 <= ord(c) <= 0xDFFF for c in value), value
        doc.text.encode("utf-8")  # strict: no lone surrogate left


# --- dates that do not exist -----------------------------------------------------------------


def test_an_impossible_metadata_date_is_dropped_with_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "d.jsonl"
    path.write_text(json.dumps({"id": "a", "text": GERMAN + " (APA, 29.12.2021)", "date": "2022-02-31"}) + "\n"
                    + json.dumps({"id": "b", "text": ENGLISH, "date": "2021-02-29"}) + "\n", encoding="utf-8")
    docs, problems = read(path)
    assert [d.id for d in docs] == ["a", "b"]
    assert docs[0].date == "2021-12-29" and docs[0].date_source == "byline"  # the text's own date instead
    assert docs[1].date is None
    assert [p.message.split(":")[0] for p in problems] == ["W006", "W006"]
    assert all(p.severity == "warning" and str(path) in p.message and "Fix the date" in p.message for p in problems)


def test_31_feber_in_the_text_gives_no_date_and_no_crash(tmp_path: Path) -> None:
    from kg.extract import extract_text

    text = "Am 31. Feber 2022 griff Russland die Ukraine an, teilte die Regierung in Kiew mit."
    statements = extract_text(text, lang="de", date="2022-03-01", model="blank")
    assert statements and statements[0].type == "ASSAULT"
    assert all(st.date in (None, "2022", "2022-03", "2022-03-01") for st in statements)  # never 2022-02-31
    (tmp_path / "feber.txt").write_text(" date 2022-02-31 " + text, encoding="utf-8")
    (doc,), problems = read(tmp_path / "feber.txt")
    assert doc.date is None  # an impossible header is no publication date
    assert [p.message for p in problems] == [
        f"W003: {tmp_path / 'feber.txt'}: the date '{written}' does not exist; kept the statement without a date."
        for written in ("2022-02-31", "Am 31. Feber 2022")]  # the header's date and the text's
    assert all(p.severity == "warning" for p in problems)


# --- size ---------------------------------------------------------------------------------------


def test_a_50_mb_file_is_read_up_to_the_limit_and_the_batch_goes_on(tmp_path: Path) -> None:
    """The first part of a huge file is read (and said so), in bounded memory; the other files are read too."""
    src = tmp_path / "in"
    src.mkdir()
    filler = "The weather was mild and people walked in the park near the river.\n"
    with (src / "huge.txt").open("w", encoding="utf-8") as fh:
        fh.write(ENGLISH + "\n\n")
        for _ in range(50 * 2**20 // len(filler) // 1000):
            fh.write(filler * 1000)
    (src / "small.txt").write_text(GERMAN, encoding="utf-8")
    with (tmp_path / "stderr").open("w") as err, subprocess.Popen(
            [sys.executable, "-m", "kg.cli", "build", str(src), "--out", str(tmp_path / "out"), "--model", "blank",
             "--no-html"], cwd=REPO, stdout=subprocess.DEVNULL, stderr=err) as child:
        _pid, status, usage = os.wait4(child.pid, 0)  # this build's own peak memory
        child.returncode = os.waitstatus_to_exitcode(status)
    stderr = (tmp_path / "stderr").read_text()
    assert child.returncode == 3, stderr
    (line,) = [line for line in stderr.splitlines() if "huge.txt" in line]
    assert codes(line) == ["E010"] and "Split the file" in line and f"{MAX_DOCUMENT_CHARS:,}" in line
    docs = {json.loads(r)["doc"] for r in (tmp_path / "out" / "statements.jsonl").read_text().splitlines()}
    assert docs == {"huge", "small"}  # the head of the huge file was read, and the rest of the batch
    assert usage.ru_maxrss < 1_500_000, "a 50 MB input must not be held whole in every stage (KiB)"


def test_a_long_document_is_cut_at_a_paragraph_break(tmp_path: Path) -> None:
    para = ENGLISH + " " + "The talks went on. " * 40 + "\n\n"
    path = tmp_path / "long.jsonl"
    path.write_text(json.dumps({"id": "long", "text": para * (MAX_DOCUMENT_CHARS // len(para) + 5)}) + "\n")
    (doc,), problems = read(path)
    assert [p.message.split(":")[0] for p in problems] == ["E010"]
    assert f"{path}:1" in problems[0].message
    assert MAX_DOCUMENT_CHARS // 2 < len(doc.text) <= MAX_DOCUMENT_CHARS
    assert doc.text.endswith("\n\n")


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16"])
def test_a_huge_file_is_cut_between_whole_characters(tmp_path: Path, encoding: str) -> None:
    word = "Die Regierung in Berlin äußerte sich über Größenwahn – Übermut kostet 5 € "
    path = tmp_path / "big.txt"
    path.write_bytes((word * (MAX_DOCUMENT_CHARS * 5 // len(word))).encode(encoding))
    (doc,), problems = read(path)
    assert "E010" in [p.message.split(":")[0] for p in problems]
    assert "\ufffd" not in doc.text and doc.text.startswith("Die Regierung")
    assert len(doc.text) <= MAX_DOCUMENT_CHARS


def test_a_20000_word_sentence_is_extracted(tmp_path: Path) -> None:
    """Text without full stops: the extractor must not look across all of it once per trigger."""
    words = ("Russia and Ukraine held talks with Germany about the troops at the border while officials said "
             "that the president met his counterpart in Kyiv and NATO accused Moscow of provocations").split()
    (tmp_path / "long.txt").write_text(" ".join(words[i % len(words)] for i in range(20_000)) + ".",
                                       encoding="utf-8")
    proc = kg("extract", str(tmp_path / "long.txt"), "--model", "blank", "--lang", "en", timeout=900)
    assert proc.returncode == 0, proc.stderr
    records = [json.loads(line) for line in proc.stdout.splitlines()]
    assert len(records) > 100
    assert {r["type"] for r in records} >= {"CONSULT", "ACCUSE"}
    assert all(len(r["sentence"].split()) <= 260 for r in records)


# --- crash safety ---------------------------------------------------------------------------

_SUBJECTS = ["Russia", "Ukraine", "NATO", "Germany", "France", "China", "The United States", "Poland", "Iran",
             "Turkey"]
_VERBS = ["accused {o} of provocations", "met officials from {o}", "threatened {o} with sanctions",
          "agreed to send aid to {o}", "massed troops near the border with {o}", "urged {o} to show restraint",
          "condemned the attack by {o}", "held talks with {o}"]
_TAILS = ["", " on Monday", " last week", ", officials said", " in Brussels", ", according to a statement"]
_FILLERS = ["Markets fell sharply after the announcement.", "The weather was mild.",
            "Analysts expect more talks.", "The details were not disclosed."]


def make_corpus(folder: Path, n: int, seed: int = 7) -> list[Path]:
    """``n`` varied short English articles built from sentence parts (actors, events, dates, fillers)."""
    rnd = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        sents = []
        for _ in range(rnd.randint(3, 6)):
            s, o = rnd.sample(_SUBJECTS, 2)
            sents.append(f"{s} {rnd.choice(_VERBS).format(o=o)}{rnd.choice(_TAILS)}.")
            if rnd.random() < 0.4:
                sents.append(rnd.choice(_FILLERS))
        path = folder / f"doc{i:04d}.txt"
        path.write_text(" ".join(sents) + f" (Reuters, {1 + i % 28}.{1 + i % 12}.2022)\n", encoding="utf-8")
        paths.append(path)
    return paths


def _store_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def _graph_sizes(out: Path) -> dict[str, int]:
    """Quads per document graph (document id -> count), read with the store closed afterwards."""
    with open_store(out, create=False) as store:
        res = store.query("SELECT ?id (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?d a kg:Document ; kg:docId ?id . "
                          "?s ?p ?o } } GROUP BY ?id")
    return {row[0]: int(row[1]) for row in res.rows}


def test_a_killed_build_leaves_the_store_usable_and_the_rerun_completes_it(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    paths = make_corpus(corpus, 300)
    first = tmp_path / "first"
    first.mkdir()
    for path in paths[:20]:
        (first / path.name).write_bytes(path.read_bytes())
    out = tmp_path / "out"
    assert kg("build", str(first), "--out", str(out), "--model", "blank", "--no-html").returncode == 0
    before = _graph_sizes(out)
    ttl_before = (out / "graph.ttl").read_bytes()
    assert len(before) == 20

    # the full corpus into the same store, killed once it has committed more documents
    size = _store_size(out / "store")
    proc = subprocess.Popen([sys.executable, "-m", "kg.cli", "build", str(corpus), "--out", str(out), "--model",
                             "blank", "--no-html"], cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 600  # a hang guard, not a timing assertion
        while proc.poll() is None and _store_size(out / "store") < size + 100_000 and time.monotonic() < deadline:
            time.sleep(0.02)
        assert proc.poll() is None, "the build ended before it could be interrupted; make the corpus larger"
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.kill()
        proc.wait()
    assert proc.returncode == -signal.SIGKILL

    # the store opens (no stale lock), answers, and holds what it held before, unchanged
    after_kill = _graph_sizes(out)
    assert 20 <= len(after_kill) < 300
    assert {d: after_kill[d] for d in before} == before
    with open_store(out, create=False) as store:
        assert store.query("ASK { ?s a kg:Statement }").boolean
    assert (out / "graph.ttl").read_bytes() == ttl_before  # the exports were not touched half-way
    assert kg("query", "who-talks-with", "--store", str(out), "--param", "actor=RUS").returncode == 0

    # the rerun finishes the job: every document once, the same triples as a clean build
    rerun = kg("build", str(corpus), "--out", str(out), "--model", "blank", "--no-html")
    assert rerun.returncode == 0, rerun.stderr
    assert f"({len(after_kill)} unchanged, skipped)" in rerun.stdout
    clean = tmp_path / "clean"
    assert kg("build", str(corpus), "--out", str(clean), "--model", "blank", "--no-html").returncode == 0
    assert _graph_sizes(out) == _graph_sizes(clean)
    with open_store(out, create=False) as a, open_store(clean, create=False) as b:
        assert a.count() == b.count()
        ids = [st.id for st in a.statements()]
        assert len(ids) == len(set(ids)) == len(b.statements())
    records = (out / "statements.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(records) == len(ids) == len({json.loads(r)["id"] for r in records})
    for name in ("graph.ttl", "graph.trig", "statements.jsonl"):
        assert not list(out.glob(f".{name}.*")), "a temporary export file was left behind"


@pytest.mark.parametrize("run", ["(" * 20_000, '"' * 20_000, "x" * 80_000, "." * 50_000, "-=" * 10_000])
def test_a_long_run_without_spaces_is_read_whole_and_quickly(tmp_path: Path, run: str) -> None:
    """spaCy's tokenizer re-matches its suffix rules against the rest of a run for every piece split off."""
    text = f"{run} Russia attacked Ukraine on Monday, officials in Kyiv said.\n\n{run}{run[:1]} NATO met Russia."
    (tmp_path / "run.txt").write_text(text, encoding="utf-8")
    proc = kg("extract", str(tmp_path / "run.txt"), "--model", "blank", "--lang", "en", timeout=900)
    assert proc.returncode == 0, proc.stderr
    records = [json.loads(line) for line in proc.stdout.splitlines()]
    assert {r["type"] for r in records} >= {"ASSAULT", "CONSULT"}
    for r in records:
        start, end = r["span"]
        assert text[start:end] == r["sentence"]  # offsets still point into the text as read


def test_the_guarded_tokenizer_keeps_the_text_exactly() -> None:
    from kg.language import LONG_RUN_CHARS, load_pipeline

    nlp = load_pipeline("en", "blank")
    for text in ["a" * (LONG_RUN_CHARS * 3 + 7) + "  b\n\n c", " " + "(" * LONG_RUN_CHARS + " x", "x" * LONG_RUN_CHARS,
                 "Hello world. " * 3]:
        doc = nlp.make_doc(text)
        assert doc.text == text
        assert all(len(t) <= max(LONG_RUN_CHARS, 20) for t in doc if not t.is_space)


def test_ctrl_c_stops_a_build_without_a_traceback_and_the_rerun_finishes(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    make_corpus(corpus, 120, seed=11)
    out = tmp_path / "out"
    proc = subprocess.Popen([sys.executable, "-m", "kg.cli", "build", str(corpus), "--out", str(out), "--model",
                             "blank", "--no-html"], cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 600  # a hang guard
    while proc.poll() is None and not (out / "store" / "CURRENT").exists() and time.monotonic() < deadline:
        time.sleep(0.02)
    time.sleep(0.5)  # inside extraction or a store write, wherever it is
    proc.send_signal(signal.SIGINT)
    _stdout, stderr = proc.communicate(timeout=600)
    assert "Traceback" not in stderr
    if proc.returncode != 0:  # interrupted (130, as shells report Ctrl-C), not finished
        assert proc.returncode in (1, 130), stderr
    with open_store(out, create=False) as store:
        done = len(store.documents())
    rerun = kg("build", str(corpus), "--out", str(out), "--model", "blank", "--no-html")
    assert rerun.returncode == 0, rerun.stderr
    assert "documents: 120" in rerun.stdout and (done == 0 or f"({done} unchanged, skipped)" in rerun.stdout)
    with open_store(out, create=False) as store:
        assert len(store.documents()) == 120
