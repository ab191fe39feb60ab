"""Every message geokg shows a user, with a stable code.

Modelled on spaCy's ``errors.py``: messages are data, greppable and testable, and
each one says what to do.  Library code raises :class:`KGError` (or emits a
:class:`KGWarning`) with a code from :class:`Errors`/:class:`Warnings`; the CLI
prints ``code: message`` on one line and never a traceback (unless ``--debug``).
"""

from __future__ import annotations

__all__ = ["Errors", "KGError", "KGWarning", "Warnings"]


class _Messages(type):
    """Prefix each message with its code so that ``Errors.E001`` reads ``E001: ...``."""

    def __getattribute__(cls, code: str) -> str:
        msg = super().__getattribute__(code)
        if code.startswith(("E", "W")) and code[1:].isdigit():
            return f"{code}: {msg}"
        return msg


class Errors(metaclass=_Messages):
    # input
    E001 = "{path}: no such file or folder. Check the path."
    E002 = ("{path}: not a text file (binary data). geokg reads UTF-8/Latin-1/UTF-16 .txt files and "
            ".jsonl corpora; convert the file or leave it out.")
    E003 = "{path}: the file is empty or holds only white space; nothing to read."
    E004 = ("{path}:{line}: not a JSON object ({reason}). Each line of a .jsonl corpus must be an object "
            'with a "text" string; fix or remove the line.')
    E005 = '{path}:{line}: the object has no "text" string. Add the article text under "text".'
    E006 = ("{path}: unsupported file type '{suffix}'. Give .txt or .jsonl files (or a folder of them).")
    E007 = ("{doc}: language '{lang}' is not supported (geokg reads: {supported}). "
            "Pass --lang to force one, or leave the document out.")
    E008 = "no documents found in {paths}. Give .txt or .jsonl files, or folders holding them."
    E009 = '{path}:{line}: field "{field}" must be {expected}; got {got}. Fix the value or drop the field.'
    E010 = ("{path}: {size}, more than one document may hold ({limit} characters); read the first {kept} "
            "characters (up to a paragraph or sentence break) and skipped the rest. Split the file into articles "
            "(one a file, or one a .jsonl line) to read all of it.")
    E011 = ("{doc}: extraction failed ({reason}); the document was skipped. Rerun with --debug to see where, "
            "and report it with the document.")
    # store
    E101 = ("{location}: not a geokg store (missing {what}). Build one with `kg build PATH --out DIR`, "
            "or point --store at the folder a build wrote.")
    E102 = "{location}: the store is in use by another geokg process. Wait for it to finish, then retry."
    E103 = "unknown export format '{fmt}'. Choose one of: {choices}."
    E104 = "the SPARQL endpoint {url} did not answer ({reason}). Check that the server runs and the URL."
    E105 = "document '{doc}' is not in the store {location}; `kg query` lists documents with the 'documents' query."
    E106 = "the store {location} was opened read-only; open it without read_only (or --read-only) to change it."
    E107 = "the Oxigraph server is not installed. Install it with `pip install oxigraph` (it ships the server binary)."
    # query
    E201 = "the SPARQL query is not valid: {reason}. Check its syntax; the kg:, actor:, plover: prefixes are preloaded."
    E202 = "no saved query named '{name}'. Saved queries: {choices}."
    E203 = "query parameter '{param}' is not of the form name=value."
    E204 = "the query took longer than {seconds} s and was stopped. Narrow it (LIMIT, FILTER) or raise --timeout."
    E205 = ("saved query '{name}' takes the parameters {expected}; got {got}. "
            "Give each as --param name=value.")
    E206 = ("the result is larger than the result size limit ({limit} bytes). Add LIMIT to the query or raise "
            "kg serve --max-result-mb.")
    E207 = ("the query calls another endpoint (SERVICE); geokg does not send requests on a query's behalf. "
            "Query that endpoint yourself, or load its data into the store.")
    # language
    E301 = ("spaCy pipeline '{name}' is not installed. Install it (e.g. `pip install {name}`) or run without "
            "--model to use geokg's built-in rules.")
    # scale
    E401 = ("--dask {address}: dask.distributed is not installed. Install it with `pip install 'geokg[dask]'` "
            "(on the workers too), or use --jobs N on one machine.")
    E402 = ("--dask {address}: no dask scheduler answered ({reason}). Start one (`dask scheduler`, then "
            "`dask worker ADDRESS` on each machine) and pass its address.")
    E403 = "--jobs must be at least 1; got {jobs}."


class Warnings(metaclass=_Messages):
    W001 = "{doc}: no sentence yielded a statement."
    W002 = "{path}:{line}: skipped ({reason})."
    W003 = ("{doc}: the date '{text}' does not exist; kept the statement without a date.")
    W004 = "{doc}: language detected as '{lang}' with low confidence; reading it as '{lang}'."
    W005 = "{doc}: the text was decoded as {encoding}, not UTF-8."
    W006 = ('{path}:{line}: the date "{date}" does not exist; read the article without it (a date in its '
            "text is used if there is one). Fix the date to keep it.")


class KGError(Exception):
    """An error a user can act on: its message starts with a stable code."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.code = message.split(":", 1)[0] if message[:1] in "EW" else "E000"


class KGWarning(UserWarning):
    """A problem that did not stop the work (a skipped line, a doubtful date)."""
