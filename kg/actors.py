"""Actor knowledge: who a mention in a German or English article stands for.

News rarely names an actor plainly: "Moskau", "der Kreml", "russischen",
"US-Präsident", "ein Kreml-Sprecher", "die Nato-Staaten", "Beijing's foreign
ministry".  This module resolves such mentions to the canonical :class:`Actor` of
the contract (label, ISO alpha-3 country, org/group code, CAMEO sector role,
Wikidata QID), using plain data files in ``kg/data/actors`` (see the README there)
loaded once per process.

Two entry points:

- :func:`resolve` reads one mention (``resolve("Moskau", "de", "2021-12")``);
- the ``kg_actors`` pipeline component marks every actor mention of a Doc in
  ``doc.spans["kg_actors"]`` with ``span._.kg_actor`` set, ``span._.kg_adjectival``
  for demonym modifiers ("russischen Truppenaufmarsches") and
  ``span._.kg_actors_group`` for references to several actors ("die beiden
  Präsidenten").

Matching is dictionary look-up on token texts, lowercased texts and lemmas (no
per-token scan over the gazetteer), so it costs little next to tokenisation.
Language knowledge is in the data files, never in ``if lang == ...`` branches.
"""

from __future__ import annotations

import csv
import dataclasses
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date as Date
from functools import lru_cache
from pathlib import Path

import spacy
from spacy.attrs import LEMMA, ORTH, SENT_START
from spacy.language import Language
from spacy.tokens import Doc, Span

from .language import ensure_extensions
from .model import Actor

__all__ = [
    "DATA_DIR",
    "ActorIndex",
    "Entry",
    "Mention",
    "Term",
    "actor_counts",
    "find_mentions",
    "index",
    "resolve",
]

DATA_DIR = Path(__file__).parent / "data" / "actors"

#: Endings German adjectives take; demonym stems ("russisch") get all of them.
ADJ_ENDINGS: tuple[str, ...] = ("", "e", "en", "er", "es", "em")

#: Which office of a person wins when several terms overlap the document date.
OFFICE_RANK: dict[str, int] = {
    "head_state": 0, "supreme_leader": 1, "head_gov": 2, "secgen": 3, "commission_president": 4,
    "council_president": 5, "leader": 6, "vice_president": 7, "crown_prince": 8, "foreign": 9,
    "foreign_policy_chief": 10, "defence": 11, "security_adviser": 12, "un_ambassador": 13,
    "chief_of_staff": 14, "army_chief": 15, "security_council_secretary": 16, "spokesperson": 17,
}  # fmt: skip

#: The sector an office holder stands for when it is not the government ("army chief" -> MIL).
OFFICE_ROLE: dict[str, str] = {"army_chief": "MIL"}

#: How an office reads in a resolution ("president of United States in 2021-12").
OFFICE_GLOSS: dict[str, str] = {
    "head_state": "head of state", "supreme_leader": "supreme leader", "head_gov": "head of government",
    "secgen": "secretary general", "commission_president": "commission president",
    "council_president": "council president", "leader": "leader", "vice_president": "vice president",
    "crown_prince": "crown prince", "foreign": "foreign minister",
    "foreign_policy_chief": "foreign policy chief", "defence": "defence minister",
    "security_adviser": "national security adviser", "un_ambassador": "ambassador to the UN",
    "chief_of_staff": "head of the presidential office", "army_chief": "head of the armed forces",
    "security_council_secretary": "security council secretary", "spokesperson": "spokesperson",
}  # fmt: skip

#: Offices tried, in order, when an organisation's "Chef"/"leader" is meant.
ORG_LEADER_OFFICES: tuple[str, ...] = ("leader", "secgen", "commission_president")

#: Kinds of entries that name an actor on their own (everything else modifies one).
NOMINAL = ("person", "org", "seat", "state", "capital", "demonym_adj", "demonym_noun")
NOUNS = ("office", "sector", "generic")

#: Sectors whose noun alone ("die Armee", "the government") is an actor; "Nachrichtenagentur",
#: "Bürger" or "companies" on their own are too vague to stand for anyone.
BARE_ROLES: tuple[str, ...] = ("MIL", "GOV", "REB", "COP", "OPP", "LEG")
#: Sectors that belong to the state they are in ("rebels in the Ivory Coast", "police in Guinea"); troops and
#: diplomats in a country are often foreign ones, so "in" names their owner only for these.
LOCAL_ROLES: tuple[str, ...] = ("REB", "COP", "OPP", "CVL")

#: How a leader's title before an unknown name resolves until its sentence says whose leader it is.
_UNKNOWN_LEADER = "unknown person named after a leader's title"
#: The offices a leader's title ("President", "Premier") may name.
_HEAD_OFFICES = frozenset({"head_state", "head_gov"})

#: Offices whose holders "die beiden Präsidenten" / "both leaders" refer back to.
LEADER_OFFICES: frozenset[str] = frozenset({"head_state", "head_gov", "supreme_leader", "leader", "secgen",
                                            "commission_president", "council_president", "crown_prince"})

_FAR = Date(9999, 12, 31)
_HYPHENS = "-‐‑–"


def _ensure_span_extensions() -> None:
    """Register the span attributes this stage writes besides ``kg_actor`` (idempotent)."""
    ensure_extensions()
    if not Span.has_extension("kg_adjectival"):
        Span.set_extension("kg_adjectival", default=False)
    if not Span.has_extension("kg_actors_group"):
        Span.set_extension("kg_actors_group", default=None)


# --------------------------------------------------------------------------- records


@dataclass(frozen=True, slots=True)
class Entry:
    """What one surface form means: the unit of the look-up tables.

    ``kind`` is one of ``state``, ``capital``, ``seat`` (a seat of power or state
    institution), ``org`` (organisation or group), ``person``, ``demonym_adj``,
    ``demonym_noun``, ``sector``, ``office``, ``generic``, ``group_ref``, ``link``
    or ``region``; ``target`` is the ISO3 code, org key, person name, role or
    office code it points to.  ``cap`` asks the text to be capitalised too, so that
    "turkey" the bird or "rice" the grain are not states or people.
    """

    kind: str
    target: str
    gloss: str = ""
    country: str | None = None
    cap: bool = False
    pro: bool = False


@dataclass(frozen=True, slots=True)
class Term:
    """One person's term in one office, ``end`` None while in office."""

    person: str
    office: str
    holder: str
    start: Date
    end: Date | None


@dataclass(slots=True)
class Person:
    name: str
    wikidata: str | None
    terms: list[Term] = field(default_factory=list)


@dataclass(slots=True)
class Mention:
    """An actor mention found in a token sequence (token offsets, end exclusive)."""

    start: int
    end: int
    actor: Actor
    how: str
    adjectival: bool = False
    group: list[Actor] | None = None
    office: str | None = None


@dataclass(slots=True)
class _Atom:
    start: int
    end: int
    entries: list[Entry]

    def get(self, *kinds: str) -> Entry | None:
        for kind in kinds:
            for entry in self.entries:
                if entry.kind == kind:
                    return entry
        return None


# --------------------------------------------------------------------------- data


def _rows(name: str) -> Iterator[dict[str, str]]:
    """The rows of a TSV data file; lines starting with ``#`` are comments."""
    with (DATA_DIR / name).open(encoding="utf-8") as fh:
        lines = [line for line in fh if line.strip() and not line.startswith("#")]
    for row in csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE):
        yield {k: (v or "").strip() for k, v in row.items() if k is not None}


def _split(value: str) -> list[str]:
    return [v.strip() for v in value.split("|") if v.strip()]


def _iso(value: str) -> Date | None:
    return Date.fromisoformat(value) if value else None


def _bounds(date: str | None) -> tuple[Date, Date]:
    """The first and last day a partial ISO date covers; no date means "now" (open terms)."""
    if not date:
        return _FAR, _FAR
    parts = date[:10].split("-")
    try:
        year = int(parts[0])
        if len(parts) == 1:
            return Date(year, 1, 1), Date(year, 12, 31)
        month = int(parts[1])
        if len(parts) == 2:
            nxt = Date(year + (month == 12), month % 12 + 1, 1)
            return Date(year, month, 1), Date.fromordinal(nxt.toordinal() - 1)
        day = Date(year, month, int(parts[2]))
        return day, day
    except (ValueError, IndexError):
        return _FAR, _FAR


def _overlap(term: Term, lo: Date, hi: Date) -> int:
    """Days a term overlaps ``lo..hi`` (0 if none); an open term runs to the far future."""
    end = term.end or _FAR
    first, last = max(term.start, lo), min(end, hi)
    return max(0, last.toordinal() - first.toordinal() + 1)


def _abbreviation(form: str) -> bool:
    """ALL-CAPS short forms (UN, US, IS, WHO) match only in capitals."""
    letters = [c for c in form if c.isalpha()]
    return 0 < len(letters) <= 6 and all(c.isupper() for c in letters) and " " not in form


def _inflect(form: str) -> list[str]:
    """German adjective inflections of a multi-word name: "Weiße Haus" -> "Weißen Haus", ...

    Non-final words of five letters or more that end like an inflected adjective are
    varied together; a single-word name gets its genitive ``-s`` ("Russlands").
    """
    words = form.split(" ")
    if len(words) == 1:
        if form[-1:].isalpha() and form[-1] not in "sxzß" and not _abbreviation(form):
            return [form, form + "s"]
        return [form]
    stems: list[str | None] = []
    for word in words[:-1]:
        stem = None
        if len(word) >= 5 and word.isalpha():
            for ending in ("en", "er", "es", "em", "e"):
                if word.endswith(ending):
                    stem = word[: -len(ending)]
                    break
        stems.append(stem)
    if not any(stems):
        return [form]
    out = [form]
    for ending in ADJ_ENDINGS[1:]:
        varied = [s + ending if s else w for s, w in zip(stems, words[:-1], strict=True)]
        out.append(" ".join([*varied, words[-1]]))
    if words[-1][-1:].isalpha() and words[-1][-1] not in "sxzß":  # "des Vereinigten Königreichs"
        out += [variant + "s" for variant in out]
    return out


class ActorIndex:
    """Every form geokg knows, mapped to what it means; built once from ``kg/data/actors``.

    The look-up tables are keyed by tuples of token texts as spaCy's German and
    English tokenizers split them, so that a phrase is found with one dict look-up
    per start token and length.
    """

    def __init__(self, data_dir: Path = DATA_DIR) -> None:
        self.states: dict[str, Actor] = {}
        self.orgs: dict[str, Actor] = {}
        self.persons: dict[str, Person] = {}
        self.surnames: dict[str, list[str]] = {}  # last word of a name or variant -> the people it may mean
        self.executive: dict[str, str] = {}
        self.adj_en: dict[str, str] = {}
        self.forms: dict[tuple[str, ...], list[Entry]] = {}
        self.exact: dict[tuple[str, ...], list[Entry]] = {}
        self.max_len: dict[str, int] = {}
        self.heads: dict[str, list[Entry]] = {}
        self.prefixes: dict[str, list[Entry]] = {}
        self.blockers: dict[str, tuple[frozenset[str], frozenset[str], tuple[str, ...]]] = {}
        self.ethnic: set[str] = set()  # words before a demonym that make it an ethnic group ("ethnic Albanians")
        self.collective: set[str] = set()  # words between a sector and its owner ("opposition groups in Nepal")
        self.definite: set[str] = set()  # definite articles, before an anaphor ("der isolierte Staat")
        self.coordinators: set[str] = set()  # the words that join two actors ("und", ",")
        self.former: set[str] = set()  # "former President X" keeps the country, not the role
        self.ranks: set[str] = set()  # words between a demonym and its office or sector ("junior", "nationalist")
        self.locative: set[str] = set()  # prepositions of place: a state after them is a place, not a party
        self.counts: dict[str, int] = {}
        self._compounds: dict[str, tuple[Entry, Entry] | None] = {}  # compound() per word, see there
        self._tokenizers = [spacy.blank(lang).tokenizer for lang in ("de", "en")]
        for tokenizer in self._tokenizers:
            # only the token texts are read here: no lexical attributes (shape, like_url, ...) computed for each
            # new word of the tables (they were a fifth of building the index); the splits do not depend on them
            tokenizer.vocab.lex_attr_getters = {}
        self._load()

    # -- building

    def _add(self, form: str, entry: Entry, *, inflect: bool = True, prefix: bool = False) -> None:
        variants = _inflect(form) if inflect else [form]
        for variant in variants:
            exact = _abbreviation(variant)
            e = dataclasses.replace(entry, cap=variant[:1].isupper() and not exact)
            keys = {tuple(t.text for t in tok(variant)) for tok in self._tokenizers}
            for key in keys:
                table = self.exact if exact else self.forms
                key = key if exact else tuple(k.lower() for k in key)
                bucket = table.setdefault(key, [])
                if e not in bucket:
                    bucket.append(e)
                first = key[0].lower()
                self.max_len[first] = max(self.max_len.get(first, 0), len(key))
            if prefix and " " not in variant:
                self.prefixes.setdefault(variant.lower(), []).append(e)

    def _load(self) -> None:
        for row in _rows("states.tsv"):
            iso3 = row["iso3"]
            self.states[iso3] = Actor(label=row["label"], country=iso3, wikidata=row["wikidata"] or None,
                                      kind="state")
            for name in _split(row["names_en"]) + _split(row["names_de"]):
                self._add(name, Entry("state", iso3, "country name"), prefix=True)
            for name in _split(row["names_en"]):
                if " " not in name:  # "Iran-backed militias"
                    self._add(name + "-backed", Entry("demonym_adj", iso3, "demonym", pro=True), inflect=False)
        for row in _rows("organisations.tsv"):
            key = row["code"] or row["label"]
            kind = {"organisation": "organisation", "group": "group"}.get(row["kind"], "state")
            self.orgs[key] = Actor(label=row["label"], country=row["country"] or None, org=row["code"] or None,
                                   role=row["role"] or None, wikidata=row["wikidata"] or None, kind=kind)
            entry_kind = "org" if row["kind"] in ("organisation", "group") else "seat"
            if row["kind"] == "seat" and row["country"]:
                for name in _split(row["names"]):
                    if " " not in name:  # "kremltreue Separatisten"
                        for ending in ADJ_ENDINGS:
                            self._add(name.lower() + "treu" + ending,
                                      Entry("demonym_adj", row["country"], "seat adjective", pro=True), inflect=False)
            gloss = {"seat": "seat of power", "institution": "state institution"}.get(row["kind"], row["kind"])
            for name in _split(row["names"]):
                self._add(name, Entry(entry_kind, key, gloss), prefix=True)
        for row in _rows("capitals.tsv"):
            for name in _split(row["names"]):
                self._add(name, Entry("capital", row["iso3"], "capital metonym"), prefix=True)
                if " " not in name and name[-1] not in "aio":  # "Moskauer Darstellung", "Pekinger Führung"
                    self._add(name + "er", Entry("demonym_adj", row["iso3"], "capital adjective"), inflect=False)
                if " " not in name:  # "moskautreue Separatisten", "Moscow-backed rebels"
                    sponsor = Entry("demonym_adj", row["iso3"], "capital adjective", pro=True)
                    for ending in ADJ_ENDINGS:
                        self._add(name.lower() + "treu" + ending, sponsor, inflect=False)
                    self._add(name + "-backed", sponsor, inflect=False)
        for row in _rows("demonyms.tsv"):
            code = row["iso3"]
            if code not in self.states:
                self.orgs.setdefault(code, self._group(code))
            adj_en = _split(row["adj_en"])
            if adj_en:
                self.adj_en[code] = adj_en[0]
            for stem in _split(row["adj_de"]):
                for ending in ADJ_ENDINGS:
                    self._add(stem + ending, Entry("demonym_adj", code, "demonym"), inflect=False)
                    for pro in ("pro", "pro-"):
                        self._add(pro + stem + ending, Entry("demonym_adj", code, "demonym", pro=True),
                                  inflect=False)
            for adj in adj_en:
                self._add(adj, Entry("demonym_adj", code, "demonym"), inflect=False)
                for pro in ("pro-" + adj, adj + "-backed"):  # "pro-Russian", "Russian-backed separatists"
                    self._add(pro, Entry("demonym_adj", code, "demonym", pro=True), inflect=False)
            for noun in _split(row["nouns_de"]) + _split(row["nouns_en"]):
                self._add(noun, Entry("demonym_noun", code, "demonym"), inflect=False)
        for row in _rows("nouns.tsv"):
            kind, value, country, gloss = row["type"], row["value"], row["country"] or None, row["gloss"]
            if kind in ("ethnic", "collective", "definite", "locative", "ranks", "former"):
                getattr(self, kind).update(form.lower() for form in _split(row["forms"]))
                continue
            if kind == "link" and value == "coord":
                self.coordinators.update(form.lower() for form in _split(row["forms"]))
            for form in _split(row["forms"]):
                entry = Entry(kind, value, gloss, country)
                self._add(form, entry, inflect=False)
                if kind in NOUNS and " " not in form:
                    self.heads.setdefault(form.lower(), []).append(entry)
        for row in _rows("regions.tsv"):
            for name in _split(row["names"]):
                self._add(name, Entry("region", row["iso3"], "region"))
        for row in _rows("executive.tsv"):
            self.executive[row["iso3"]] = row["office"]
        terms = 0
        for row in _rows("persons.tsv"):
            name = row["name"]
            person = self.persons.setdefault(name, Person(name, row["wikidata"] or None))
            person.wikidata = person.wikidata or row["wikidata"] or None
            person.terms.append(Term(name, row["office"], row["holder"], _iso(row["start"]) or Date.min,
                                     _iso(row["end"])))
            terms += 1
            for form in [name, *_split(row["variants"])]:
                surname = form.split()[-1].lower()
                if name not in self.surnames.setdefault(surname, []):
                    self.surnames[surname].append(name)
                self._add(form, Entry("person", name, "person"), inflect=False)
                if form[-1:].isalpha() and form[-1:] not in "sxzß":  # "Putins", "Wladimir Putins"
                    self._add(form + "s", Entry("person", name, "person"), inflect=False)
                self.prefixes.setdefault(form.lower(), [])
                if Entry("person", name, "person", cap=True) not in self.prefixes[form.lower()]:
                    self.prefixes[form.lower()].append(Entry("person", name, "person", cap=True))
        for row in _rows("ambiguous.tsv"):
            self.blockers[row["form"].lower()] = (
                frozenset(w.lower() for w in _split(row["before"])),
                frozenset(w.lower() for w in _split(row["after"])),
                tuple(_split(row["context"])),
            )
        self.counts = {
            "states": len(self.states),
            "states_with_qid": sum(1 for a in self.states.values() if a.wikidata),
            "organisations_and_groups": sum(1 for a in self.orgs.values() if a.kind in ("organisation", "group")),
            "institutions_and_seats": sum(1 for a in self.orgs.values() if a.kind == "state"),
            "persons": len(self.persons),
            "office_terms": terms,
            "forms": len(self.forms) + len(self.exact),
        }

    @staticmethod
    def _group(code: str) -> Actor:
        return Actor(label=code, org=code, kind="group")

    # -- look-up

    def lookup(self, texts: list[str], lowers: list[str], i: int) -> tuple[int, list[Entry]]:
        """The longest known form starting at token ``i``: (length, entries), or (0, [])."""
        longest = min(self.max_len.get(lowers[i], 0), len(texts) - i)
        for n in range(longest, 0, -1):
            found = [*self.exact.get(tuple(texts[i:i + n]), [])]
            found += [e for e in self.forms.get(tuple(lowers[i:i + n]), []) if not e.cap or texts[i][:1].isupper()]
            if found:
                return n, found
        return 0, []

    def actor_of(self, entry: Entry, date: str | None) -> tuple[Actor, str, str] | None:
        """The actor a nominal entry stands for: (actor, resolution step, naming word).

        The naming word is what a compound or phrase built on it calls it ("kremlin"
        in "kremlin spokesperson").  Seats of power and capitals stand for their
        state, with the seat's sector role (Kreml -> Russia, GOV; Pentagon -> MIL).
        """
        if entry.kind in ("state", "capital", "demonym_adj", "demonym_noun"):
            actor = self.states.get(entry.target) or self.orgs.get(entry.target)
            return (actor, entry.gloss, actor.label) if actor else None
        if entry.kind == "org":
            actor = self.orgs[entry.target]
            return actor, entry.gloss, actor.label
        if entry.kind == "seat":
            seat = self.orgs[entry.target]
            state = self.states[seat.country or ""]
            return (dataclasses.replace(state, role=seat.role), f"{entry.gloss} ({seat.label})",
                    seat.label.lower())
        if entry.kind == "person":
            actor, how = self.person_at(entry.target, date)
            return actor, how, actor.label
        return None

    def person_at(self, name: str, date: str | None) -> tuple[Actor, str]:
        """A person as of ``date``: standing for the state they lead then, else marked former.

        A leader in office stands for his state (country + GOV) or organisation; a
        former (or later) one keeps his country or organisation but no role.
        """
        person = self.persons[name]
        lo, hi = _bounds(date)
        active = [(t, _overlap(t, lo, hi)) for t in person.terms]
        current = [(t, days) for t, days in active if days > 0]
        if current:
            term = max(current, key=lambda td: (td[1], -OFFICE_RANK.get(td[0].office, 99)))[0]
            return self._person_actor(person, term, True), self._term_gloss(term, date, True)
        past = [t for t in person.terms if t.end and t.end < lo]
        term = max(past, key=lambda t: t.end or _FAR) if past else min(person.terms, key=lambda t: t.start)
        return self._person_actor(person, term, False), self._term_gloss(term, date, False)

    def _person_actor(self, person: Person, term: Term, current: bool) -> Actor:
        if term.holder in self.states:
            return Actor(label=person.name, country=term.holder,
                         role=OFFICE_ROLE.get(term.office, "GOV") if current else None,
                         wikidata=person.wikidata, kind="person")
        org = self.orgs.get(term.holder)
        if org is not None:  # like a former president keeps his country, a former leader keeps his group
            return Actor(label=person.name, country=org.country, org=org.org, role=org.role if current else None,
                         wikidata=person.wikidata, kind="person")
        return Actor(label=person.name, wikidata=person.wikidata, kind="person")

    def _holder_label(self, holder: str) -> str:
        actor = self.states.get(holder) or self.orgs.get(holder)
        return actor.label if actor else holder

    def _term_gloss(self, term: Term, date: str | None, current: bool) -> str:
        office = f"{OFFICE_GLOSS.get(term.office, term.office)} of {self._holder_label(term.holder)}"
        span = f"{term.start.year}-{term.end.year if term.end else ''}"
        if current:
            return f"{office} ({span})" + (f" at {date}" if date else "")
        if term.end and term.end < _bounds(date)[0]:
            return f"former {office} ({span})"
        return f"later {office} ({span})"

    def in_office_by_surname(self, surname: str, offices: frozenset[str], date: str | None) -> str | None:
        """The one person called ``surname`` who held one of ``offices`` at ``date`` ("President Ali" in 2023
        is Irfaan Ali), where the surname alone names too many people to be a variant of its own."""
        lo, hi = _bounds(date)
        found = [name for name in self.surnames.get(surname.lower(), ())
                 if any(t.office in offices and _overlap(t, lo, hi) for t in self.persons[name].terms)]
        return found[0] if len(found) == 1 else None

    def holder_at(self, holder: str, office: str, date: str | None) -> Term | None:
        """Who held ``office`` of ``holder`` (ISO3 or org key) at ``date``, if this file knows."""
        lo, hi = _bounds(date)
        best: tuple[int, Date, Term] | None = None
        for person in self._by_office.get((holder, office), ()):
            for term in person.terms:
                if term.holder == holder and term.office == office:
                    days = _overlap(term, lo, hi)
                    if days and (best is None or (days, term.start) > best[:2]):
                        best = (days, term.start, term)
        return best[2] if best else None

    @property
    def _by_office(self) -> dict[tuple[str, str], list[Person]]:
        cache = self.__dict__.get("_office_cache")
        if cache is None:
            cache = {}
            for person in self.persons.values():
                for term in person.terms:
                    bucket = cache.setdefault((term.holder, term.office), [])
                    if person not in bucket:
                        bucket.append(person)
            self.__dict__["_office_cache"] = cache
        return cache

    def office_actor(self, base: Actor, office: Entry, date: str | None, how: str) -> tuple[Actor, str, str | None]:
        """``base``'s holder of ``office`` at ``date`` (a person), else ``base`` as government.

        Returns (actor, resolution step, office code of the person found or None).
        """
        holder = base.org or base.country
        code = office.target
        if holder and code == "leader":
            codes = ORG_LEADER_OFFICES if base.org else (self.executive.get(holder, "head_state"),)
        else:
            codes = (code,)
        if holder and code not in ("spokesperson", "counterpart"):
            for c in codes:
                term = self.holder_at(holder, c, date)
                if term is not None:
                    person = self.persons[term.person]
                    return (self._person_actor(person, term, True),
                            f"{how} {office.gloss}".strip() + f" -> {self._term_gloss(term, date, True)}", term.office)
        actor = dataclasses.replace(base, role=base.role or ("GOV" if base.country and not base.org else None))
        return actor, f"{how} {office.gloss}".strip(), None

    @lru_cache(maxsize=50_000)  # noqa: B019 - the index lives for the whole process
    def compound(self, text: str) -> tuple[Entry, Entry] | None:
        """Split a compound into a known actor and a head noun: "Kreml-Sprecher", "Kremlchef".

        Only heads that are sector, office or member nouns make an actor
        ("Nato-Staaten"); "Nato-Osterweiterung" or "Ukraine-Konflikt" do not.
        Memoised per word: every unknown word of every document asks, most of them many times.
        """
        cache = self._compounds
        if text in cache:
            return cache[text]
        if len(cache) >= 200_000:  # a bound for hostile input
            cache.clear()
        found = cache[text] = self._split_compound(text)
        return found

    def _split_compound(self, text: str) -> tuple[Entry, Entry] | None:
        for h in _HYPHENS:
            if h in text:
                prefix, _, head = text.partition(h)
                heads = self.heads.get(head.lower())
                pre = self._prefix(prefix)
                if heads and pre:
                    return pre, heads[0]
                return None
        if len(text) < 7 or not text[:1].isupper():
            return None
        low = text.lower()
        for i in range(3, len(low) - 2):
            heads = self.heads.get(low[i:])
            if heads:
                pre = self._prefix(text[:i])
                if pre:
                    return pre, heads[0]
        return None

    def _prefix(self, text: str) -> Entry | None:
        found = self.exact.get((text,)) or self.prefixes.get(text.lower()) or []
        for kind in ("org", "seat", "state", "capital", "person"):
            for entry in found:
                if entry.kind == kind:
                    return entry
        return None


@lru_cache(maxsize=1)
def index() -> ActorIndex:
    """The actor index of the package data, built on first use and kept for the process."""
    return ActorIndex()


def actor_counts() -> dict[str, int]:
    """How much the actor data covers: states, those with a QID, organisations, office terms, ..."""
    return dict(index().counts)


# --------------------------------------------------------------------------- matching


def find_mentions(tokens: list[tuple[str, str, bool]], date: str | None, stop_words: Iterable[str],
                  text: str | Callable[[], str] = "") -> list[Mention]:
    """Every actor mention in a token sequence, longest match first, left to right.

    ``tokens`` are (text, lemma, sentence start) triples; ``text`` is the whole
    document, or a function returning it (only the context checks of ambiguous
    names need it, and building a Doc's text costs a pass over its tokens).  Used by the pipeline
    component and by :func:`resolve`, so both read a phrase the same way.
    """
    idx = index()
    stops = frozenset(stop_words)
    texts = [t for t, _, _ in tokens]
    lowers = [t.lower() for t in texts]
    sent = []
    s = -1
    for _, _, start in tokens:
        s += bool(start) or s < 0
        sent.append(s)
    atoms = _atoms(idx, texts, lowers, [lem.lower() for _, lem, _ in tokens], text)
    return _Reader(idx, atoms, texts, lowers, sent, stops, date).read()


def _atoms(idx: ActorIndex, texts: list[str], lowers: list[str], lemmas: list[str],
           text: str | Callable[[], str]) -> list[_Atom]:
    atoms: list[_Atom] = []
    i, n = 0, len(texts)
    starts = idx.max_len  # the first words of all known forms: most tokens need no look-up
    while i < n:
        length, entries = idx.lookup(texts, lowers, i) if lowers[i] in starts else (0, [])
        if not length and lemmas[i] != lowers[i]:
            entries = [e for e in idx.forms.get((lemmas[i],), []) if e.kind in (*NOUNS, "demonym_noun")]
            length = 1 if entries else 0
        if not length:
            parts = idx.compound(texts[i])
            if parts is not None:
                entries, length = [Entry("compound", texts[i]), *parts], 1
        if length:
            kept = [e for e in entries if not _blocked(idx, e, texts, lowers, i, i + length, text)]
            if not kept and i > 0 and lowers[i - 1] in idx.ethnic:
                # "ethnic Albanians": no part of Albania, but a people that the place after it may name
                kept = [Entry("ethnic_people", e.target, e.gloss) for e in entries if e.kind == "demonym_noun"][:1]
            entries = kept
        if length and entries:
            atoms.append(_Atom(i, i + length, entries))
            i += length
        else:
            i += 1
    return atoms


def _blocked(idx: ActorIndex, entry: Entry, texts: list[str], lowers: list[str], i: int, j: int,
             text: str | Callable[[], str]) -> bool:
    """Whether a name means something else here ("George Washington", "des Nationalen Sicherheitsrats")."""
    if entry.kind in ("demonym_noun", "demonym_adj") and i > 0 and lowers[i - 1] in idx.ethnic:
        return True  # "ethnic Albanians in Serbia" are no part of Albania
    rule = idx.blockers.get(" ".join(lowers[i:j]))
    if rule is None:
        return False
    before, after, context = rule
    if (i > 0 and lowers[i - 1] in before) or (j < len(lowers) and lowers[j] in after):
        return True
    if not context:
        return False
    full = text() if callable(text) else text
    return any(c in full for c in context)


class _Reader:
    """Turns atoms (known forms) into actor mentions by a few combination rules."""

    def __init__(self, idx: ActorIndex, atoms: list[_Atom], texts: list[str], lowers: list[str],
                 sent: list[int], stops: frozenset[str], date: str | None) -> None:
        self.idx, self.atoms, self.texts, self.lowers = idx, atoms, texts, lowers
        self.sent, self.stops, self.date = sent, stops, date
        self.by_start = {a.start: a for a in atoms}
        self.pos = {a.start: i for i, a in enumerate(atoms)}
        self.covered = {t for a in atoms for t in range(a.start, a.end)}
        self.out: list[Mention] = []
        self.regions = [(a.start, a.get("region").target) for a in atoms if a.get("region")]  # type: ignore[union-attr]
        self.offices = [a.start for a in atoms if a.get("office")]

    def phrase(self, start: int, end: int) -> str:
        return " ".join(self.texts[start:end])

    def read(self) -> list[Mention]:
        k = 0
        while k < len(self.atoms):
            k = self._read_at(k)
        self._appositions()
        self.out.sort(key=lambda m: m.start)
        self._leaders_of_the_story()
        return self.out

    def _leaders_of_the_story(self) -> None:
        """"President John Okello", a leader's title before a name no data file knows, is the leader of the
        one state its sentence names ("Rebels in Chad rejected a call by President John Okello to disarm");
        with none or several, whose leader stays open."""
        for i, m in enumerate(self.out):
            if m.how != _UNKNOWN_LEADER:
                continue
            here = self.sent[m.start]
            states = {o.actor.country for o in self.out if o is not m and self.sent[o.start] == here
                      and o.actor.country and o.actor.kind != "person" and not o.actor.org}
            if len(states) == 1:
                (iso3,) = states
                label = self.idx.states[iso3].label if iso3 in self.idx.states else iso3
                former = m.start > 0 and self.lowers[m.start - 1] in self.idx.former
                actor = dataclasses.replace(m.actor, country=iso3, role=None if former else "GOV")
                self.out[i] = dataclasses.replace(m, actor=actor, how=f"{m.how} -> the one state its sentence names"
                                                                      f" -> {label}")

    def _next(self, atom: _Atom, gap: int = 0) -> _Atom | None:
        return self.by_start.get(atom.end + gap)

    def _emit(self, start: int, end: int, actor: Actor, how: str, **kw: object) -> None:
        self.out.append(Mention(start, end, actor, how, **kw))  # type: ignore[arg-type]

    def _read_at(self, k: int) -> int:
        """Read the mention that starts with atom ``k``; return the index of the next unread atom."""
        atom = self.atoms[k]
        if atom.get("compound") is not None:
            pre, head = atom.entries[1], atom.entries[2]
            base = self.idx.actor_of(pre, self.date)
            if base is None:
                return k + 1
            actor, how, office = self._with_noun(base[0], head, base[2])
            return self._finish(k, atom.start, atom.end, actor, how, office, head.kind == "office")
        nominal = self._best_person(atom) or atom.get(*NOMINAL)
        if nominal is not None and nominal.kind in ("demonym_adj", "demonym_noun") and not nominal.pro:
            people = self._people_of_place(k, atom, nominal)
            if people is not None:
                return people
        if nominal is not None and nominal.kind != "person":
            noun_atom = self._noun_after(atom, nominal)
            if noun_atom is not None:
                return self._combined(k, atom, nominal, noun_atom)
        if nominal is not None and nominal.kind == "person":
            nxt = self._next(atom)  # "the Bush administration", "the Netanyahu government": the leader's state
            sector = nxt.get("sector") if nxt is not None else None
            if nxt is not None and sector is not None and sector.target == "GOV" and self.texts[nxt.start].islower():
                return self._combined(k, atom, nominal, nxt)
        if nominal is not None:
            resolved = self.idx.actor_of(nominal, self.date)
            if resolved is None or nominal.pro:
                return k + 1  # "prorussisch" without a rebel noun names no actor
            shared = self._shared_noun(atom) if nominal.kind == "demonym_adj" else None
            if shared is not None:  # "russische und ukrainische Truppen": Russia's troops too
                actor, how, _ = self._with_noun(resolved[0], shared, resolved[2])
                self._emit(atom.start, atom.end, actor, how)
                return k + 1
            adjectival = nominal.kind == "demonym_adj" and (self._modifies(atom.end) or self._coordinated(atom))
            self._emit(atom.start, atom.end, resolved[0], resolved[1], adjectival=adjectival,
                       office=self._person_office(nominal))
            return k + 1
        if atom.get("anaphor") is not None and self._anaphor(atom):
            return k + 1
        if atom.get("ethnic_people") is not None:
            return self._ethnic_people(k, atom)
        noun = atom.get(*NOUNS)
        if noun is not None:
            return self._noun(k, atom, noun)
        ref = atom.get("group_ref")
        if ref is not None:
            self._group_ref(atom, ref)
        return k + 1

    # -- pieces

    def _people_of_place(self, k: int, atom: _Atom, nominal: Entry) -> int | None:
        """A people named by where they live stands for that state: "Bosnian Serbs" (a demonym adjective
        before a people's name), "the Albanians of southern Serbia" (a people's name with "of" and a state
        or region).  Returns the next atom's index, or None if no such phrase."""
        nxt = self._next(atom)
        if nxt is None:
            return None
        place_atom: _Atom | None = None
        if nominal.kind == "demonym_adj":
            people = nxt.get("demonym_noun")
            if people is None or people.target == nominal.target:
                return None
            place_atom, place = atom, nominal
            end = nxt.end
        else:
            link = nxt.get("link")
            if link is None or link.target != "post":
                return None  # (not "in": "Americans in Iraq" are as often soldiers as residents)
            place_atom = self._next(nxt)
            if place_atom is None and nxt.end < len(self.texts) and self.lowers[nxt.end].isalpha() \
                    and self.lowers[nxt.end] == self.texts[nxt.end]:
                place_atom = self._next(nxt, 1)  # "of southern Serbia"
            found = place_atom.get("state", "region") if place_atom is not None else None
            if found is None or found.target == nominal.target:
                return None
            place, end = found, place_atom.end  # type: ignore[union-attr]
        state = self.idx.states.get(place.target)
        if state is None:
            return None
        label = self.phrase(atom.start, end)
        actor = dataclasses.replace(state, label=label, role="CVL", kind="group", wikidata=None)
        self._emit(atom.start, end, actor, f"{label} -> people living in {state.label}")
        last = nxt if place_atom is atom else place_atom
        return self.pos[last.start] + 1  # type: ignore[union-attr]

    def _ethnic_people(self, k: int, atom: _Atom) -> int:
        """An ethnic group named with the state it lives in ("ethnic Albanians in Serbia", "ethnische Türken in
        Bulgarien") is that state's people; without such a place it names no actor."""
        nxt = self._next(atom)
        link = nxt.get("link") if nxt is not None else None
        place_atom = None
        if nxt is not None and link is not None and link.target in ("post", "seat"):
            place_atom = self._next(nxt)
            if place_atom is None and nxt.end < len(self.texts) and self.lowers[nxt.end].isalpha() \
                    and self.lowers[nxt.end] == self.texts[nxt.end]:
                place_atom = self._next(nxt, 1)  # "in southern Serbia"
        found = place_atom.get("state", "region") if place_atom is not None else None
        state = self.idx.states.get(found.target) if found is not None else None
        if place_atom is None or state is None:
            return k + 1
        start = atom.start - 1  # with its word "ethnic"
        label = self.phrase(start, place_atom.end)
        actor = dataclasses.replace(state, label=label, role="CVL", kind="group", wikidata=None)
        self._emit(start, place_atom.end, actor, f"{label} -> people living in {state.label}")
        return self.pos[place_atom.start] + 1

    def _best_person(self, atom: _Atom) -> Entry | None:
        """Of several people a name may mean ("Clinton"), the one in office at the date, else the latest."""
        people = [e for e in atom.entries if e.kind == "person"]
        if len(people) < 2:
            return None
        lo, hi = _bounds(self.date)

        def score(entry: Entry) -> tuple[int, int]:
            terms = self.idx.persons[entry.target].terms
            active = max((_overlap(t, lo, hi) for t in terms), default=0)
            latest = max(((t.end or _FAR).toordinal() for t in terms if t.start <= hi), default=0)
            return (active, latest)

        return max(people, key=score)

    def _person_office(self, entry: Entry) -> str | None:
        if entry.kind != "person":
            return None
        lo, hi = _bounds(self.date)
        terms = [t for t in self.idx.persons[entry.target].terms if _overlap(t, lo, hi)]
        return terms[0].office if terms else None

    def _shared_noun(self, atom: _Atom) -> Entry | None:
        """The sector or member noun of the next demonym in a coordination, if any."""
        coord = self._next(atom)
        link = coord.get("link") if coord is not None else None
        if coord is None or link is None or link.target != "coord":
            return None
        other = self._next(coord)
        if other is None or other.get("demonym_adj") is None:
            return None
        noun_atom = self._next(other)
        noun = noun_atom.get("sector", "generic") if noun_atom is not None else None
        if noun is None and noun_atom is not None and noun_atom.get("link"):
            return self._shared_noun(other)
        return noun

    def _coordinated(self, atom: _Atom) -> bool:
        """A demonym coordinated with a following one shares its noun: "Sierra Leonean and Liberian refugees"."""
        coord = self._next(atom)
        link = coord.get("link") if coord is not None else None
        other = self._next(coord) if coord is not None and link is not None and link.target == "coord" else None
        return other is not None and other.get("demonym_adj") is not None and self._modifies(other.end)

    def _modifies(self, j: int) -> bool:
        """A demonym modifies a noun when a content word follows ("russischen Truppenaufmarsches")."""
        if j >= len(self.texts):
            return False
        word = self.texts[j]
        return word.isalpha() and self.lowers[j] not in self.stops and self.sent[j] == self.sent[j - 1]

    def _noun_after(self, atom: _Atom, nominal: Entry) -> _Atom | None:
        """The sector/office/member noun a nominal modifies: adjacent, or after a possessive.

        A demonym adjective takes any following noun ("die ukrainische Armee"); a name
        takes a lowercase one ("US troops", "Kremlin spokesman"), since a capitalised
        word after a name is a German noun in another role ("dass Moskau Truppen ...").
        """
        nxt = self._next(atom)
        if nxt is None and nominal.kind == "demonym_adj" and atom.end < len(self.lowers) \
                and self.lowers[atom.end] in self.idx.ranks:
            nxt = self._next(atom, 1)  # "Nigerian junior foreign minister"
        if nxt is not None and nxt.get(*NOUNS) is not None:
            owner = self.texts[atom.start]
            if (nominal.kind == "demonym_adj" or not self.texts[nxt.start][:1].isupper()
                    or (atom.end - atom.start == 1 and _abbreviation(owner))):
                return nxt
        if nxt is not None and (link := nxt.get("link")) is not None and link.target == "pre":
            after = self._next(nxt)
            if after is not None and after.get(*NOUNS) is not None:
                return after
        return None

    def _combined(self, k: int, atom: _Atom, nominal: Entry, noun_atom: _Atom) -> int:
        noun = noun_atom.get(*NOUNS)
        base = self.idx.actor_of(nominal, self.date)
        if base is None or noun is None:
            return k + 1
        if nominal.pro or (noun.target == "REB" and nominal.kind == "demonym_adj"):
            if noun.target != "REB":
                return k + 1
            actor, how = self._rebels(base[0], atom.start, sponsored=nominal.pro)
            return self._finish(self.pos[noun_atom.start], atom.start, noun_atom.end, actor, how, None, False)
        actor, how, office = self._with_noun(base[0], noun, base[2])
        return self._finish(self.pos[noun_atom.start], atom.start, noun_atom.end, actor, how, office,
                            noun.kind == "office")

    def _with_noun(self, base: Actor, noun: Entry, word: str) -> tuple[Actor, str, str | None]:
        """``base`` seen through a noun: its holder of an office, its sector, or itself."""
        if noun.kind == "office":
            return self._office(base, noun, word)
        if noun.kind == "sector":
            if base.kind == "person":
                state = self.idx.states.get(base.country or "")
                if state is None:
                    return dataclasses.replace(base, role=noun.target), f"{word} {noun.gloss}", None
                base = state
            if noun.target == "OPP" and base.kind == "state":  # the opposition is not the state: "Syrian opposition"
                label = f"{self.idx.adj_en.get(base.country or '', base.label)} opposition"
                return (dataclasses.replace(base, label=label, role="OPP", kind="group", wikidata=None),
                        f"{word} {noun.gloss}", None)
            return dataclasses.replace(base, role=noun.target), f"{word} {noun.gloss}", None
        if base.kind == "person" and base.country in self.idx.states:
            base = self.idx.states[base.country or ""]
        return base, f"{word} {noun.gloss}", None

    def _office(self, base: Actor, noun: Entry, word: str) -> tuple[Actor, str, str | None]:
        if noun.target == "counterpart":
            office = next((m.office for m in reversed(self.out) if m.office), None)
            if office:
                noun = Entry("office", office, noun.gloss)
        if base.kind == "person" and base.country in self.idx.states:
            base = self.idx.states[base.country or ""]
        return self.idx.office_actor(base, noun, self.date, word)

    def _finish(self, k_last: int, start: int, end: int, actor: Actor, how: str, office: str | None,
                absorb: bool) -> int:
        """Emit a mention; a person named right after a role phrase takes it over ("US-Präsident Joe Biden")."""
        k_next = k_last + 1
        named = self._name_after(end, actor) if absorb else None
        follow = self.by_start.get(end)
        if named is None and follow is not None and follow.get("office") is not None:
            named = self._name_after(follow.end, actor)  # "Russia's foreign ministry spokeswoman Maria Zakharova"
        if named is not None:
            end, actor, how, office, k_next = named
        self._emit(start, end, actor, how, office=office)
        return k_next

    def _name_after(self, end: int, role_actor: Actor | None) -> tuple[int, Actor, str, str | None, int] | None:
        """A person named right after a role phrase (after an optional comma): known, or a "First Last"."""
        j = end + (end < len(self.texts) and self.texts[end] == ",")
        atom = self.by_start.get(j)
        if atom is not None and (person := self._best_person(atom) or atom.get("person")) is not None:
            actor, how = self.idx.person_at(person.target, self.date)
            return atom.end, actor, how, self._person_office(person), self.pos[atom.start] + 1
        name_end = self._unknown_name(j)
        if not name_end:
            return None
        # the role's state or organisation, also when the role resolved to someone else in office at the
        # document's date: the name given wins, the role still says whose office it is
        owner = role_actor
        actor = Actor(label=self.phrase(j, name_end), country=owner.country if owner else None,
                      org=owner.org if owner else None,
                      role=owner.role if owner and owner.kind != "person" else None, kind="person")
        k = next((i for i, a in enumerate(self.atoms) if a.start >= name_end), len(self.atoms))
        return name_end, actor, "unknown person named after a role", None, k

    def _surname_after(self, j: int, title: Entry) -> tuple[int, Actor, str, str | None, int] | None:
        """A lone surname after a title ("President Ali", "Premier Salam"): the one holder of that office at the
        document's date with that surname (a leader's title fits either leader's office)."""
        if j >= len(self.texts) or j in self.covered or not self.texts[j][:1].isupper() \
                or not self.texts[j].isalpha() or self._unknown_name(j):
            return None
        offices = _HEAD_OFFICES if title.target in _HEAD_OFFICES else frozenset({title.target})
        name = self.idx.in_office_by_surname(self.texts[j], offices, self.date)
        if name is None:
            return None
        actor, how = self.idx.person_at(name, self.date)
        k = next((i for i, a in enumerate(self.atoms) if a.start > j), len(self.atoms))
        return j + 1, actor, f"{title.gloss} + surname -> {how}", title.target, k

    def _unknown_name(self, j: int) -> int:
        """End of a "First Last" name at token ``j`` that no data file knows, else 0."""
        end = j
        while end < len(self.texts) and end - j < 3:
            word = self.texts[end]
            if (end in self.covered or not word[:1].isupper() or not word.replace("-", "").isalpha()
                    or self.lowers[end] in self.stops or (end > j and self.sent[end] != self.sent[j])):
                break
            end += 1
        return end if end - j >= 2 else 0

    def _noun(self, k: int, atom: _Atom, noun: Entry) -> int:
        """A sector/office noun on its own, or with a postposed owner ("die Armee der Ukraine")."""
        link_atom = nxt = self._next(atom)
        if noun.kind == "sector" and link_atom is not None and link_atom.get("org") is not None:
            return k + 1  # a word describing the group named next: "the rebel Kurdistan Workers' Party"
        if link_atom is None and atom.end < len(self.lowers) and self.lowers[atom.end] in self.idx.collective:
            link_atom = self._next(atom, 1)  # "opposition groups in Zimbabwe"
        link = link_atom.get("link") if link_atom is not None else None
        if noun.target == "REB" and link is not None and link.target == "post":
            link = None  # rebels are not a state's own ("unterstützt wird die abtrünnige Republik von Moskau")
        if link_atom is not None and link is not None and link.target in ("post", "seat"):
            owner_atom = self._next(link_atom)
            owner = owner_atom.get(*NOMINAL) if owner_atom is not None else None
            if owner is not None and owner.kind not in ("demonym_adj", "person") and (
                    link.target == "post" or owner.kind in ("capital", "seat")
                    or (owner.kind == "state" and noun.kind == "sector" and noun.target in LOCAL_ROLES)):
                base = self.idx.actor_of(owner, self.date)
                if base is not None and owner_atom is not None:
                    actor, how, office = self._with_noun(base[0], noun, base[2])
                    return self._finish(self.pos[owner_atom.start], atom.start, owner_atom.end, actor, how, office,
                                        noun.kind == "office")
        owner = nxt.get("state") if nxt is not None else None
        word = self.texts[atom.end] if owner is not None else ""
        if owner is not None and nxt is not None and nxt.end == atom.end + 1 and word.endswith("s") \
                and (word[:-1].lower(),) in self.idx.forms:
            # a genitive name right after the noun: "der Präsident Ghanas", "die Armee Malis"
            base = self.idx.actor_of(owner, self.date)
            if base is not None:
                actor, how, office = self._with_noun(base[0], noun, base[2])
                return self._finish(self.pos[nxt.start], atom.start, nxt.end, actor, how, office,
                                    noun.kind == "office")
        if noun.kind == "office":
            if noun.country:
                base = self.idx.states[noun.country] if noun.country in self.idx.states else self.idx.orgs[noun.country]
                actor, how, office = self._office(base, noun, "")
                return self._finish(k, atom.start, atom.end, actor, how, office, True)
            named = self._surname_after(atom.end, noun) or self._name_after(atom.end, None)
            if named is not None:
                end, actor, how, office, k_next = named
                if not actor.country and noun.target in _HEAD_OFFICES:
                    how = _UNKNOWN_LEADER  # whose, the sentence may tell: see _leaders_of_the_story
                self._emit(atom.start, end, actor, how, office=office)
                return k_next
            return k + 1
        if noun.kind == "sector" and noun.target in BARE_ROLES:
            if noun.target == "REB":
                actor, how = self._rebels(None, atom.start)
            else:
                # the state of the same sector named last (in this or the two sentences before: "die Armee ...
                # Die Soldaten"), else the state named last in this sentence, else a state named by its name
                # in the two sentences before ("In Syrien ... Die Opposition")
                here = self.sent[atom.start]
                recent = [m for m in reversed(self.out) if here - 2 <= self.sent[m.start] <= here
                          and m.actor.kind in ("state", "group", "person") and m.actor.country
                          and not m.actor.org and not m.group]
                named = [m for m in recent if m.actor.kind != "person" and (
                    self.sent[m.start] == here or not (m.adjectival or m.actor.role))]
                # before this sentence, a state that opened its sentence (its subject) comes first:
                # "Turkey struck targets in Iraq. The military said ..." is Turkey's military
                owner_m = next((m for m in recent if m.actor.role == noun.target), None) or next(
                    (m for m in named if self.sent[m.start] == here or self._opens_sentence(m.start)), None) or next(
                    iter(named), None)
                if owner_m is not None:
                    base = self.idx.states.get(owner_m.actor.country or "", owner_m.actor)
                    actor, how, _office = self._with_noun(base, noun, self.texts[atom.start])
                    how = f"{noun.gloss} of the state named before ({self.texts[owner_m.start]})"
                else:
                    actor, how = Actor(label=noun.gloss, role=noun.target), f"{noun.gloss}, state not named"
            self._emit(atom.start, atom.end, actor, how)
        return k + 1

    def _anaphor(self, atom: _Atom) -> bool:
        """ "der isolierte Staat", "the country" after a definite article: the state named last in the two
        sentences before that this sentence does not name itself, or one this sentence named before in a
        phrase of its own ("nach dem Test durch Nordkorea ... gegen den isolierten Staat"). Emits it and says
        True, else False."""
        j = atom.start - 1
        while j >= 0 and self.lowers[j].isalpha() and self.lowers[j] == self.texts[j] and j > atom.start - 3 \
                and self.lowers[j] not in self.idx.definite:
            j -= 1  # adjectives before the noun: "der isolierte Staat"
        if j < 0 or self.lowers[j] not in self.idx.definite:
            return False
        here = self.sent[atom.start]
        named_here = {e.target for a in self.atoms if self.sent[a.start] == here for e in a.entries  # as parties,
                      if e.kind in ("state", "capital", "demonym_adj")  # not as places ("in Nordkorea")
                      and not (a.start > 0 and self.lowers[a.start - 1] in self.idx.locative)}
        def in_phrase(m: Mention) -> bool:  # "nach dem Test durch Nordkorea ... gegen den isolierten Staat"
            word = self.lowers[m.start - 1] if m.start > 0 else ""
            return word.isalpha() and word == self.texts[m.start - 1] and word not in self.idx.definite \
                and word not in self.idx.coordinators and word not in self.idx.locative

        # a possessive owner ("the country's army") is the state named last, also as a party of this sentence:
        # "the minister said the country's navy was on alert"
        owner = atom.end < len(self.lowers) and self.lowers[atom.end] in ("'s", "’s")
        before = next((m for m in reversed(self.out) if (m.actor.kind == "state" or (owner and m.actor.country))
                       and not m.actor.org and (
            (here - 2 <= self.sent[m.start] < here and (owner or m.actor.country not in named_here))
            or (self.sent[m.start] == here and m.end <= atom.start and (owner or in_phrase(m))))), None)
        if before is None:
            return False
        state = self.idx.states[before.actor.country or ""]
        self._emit(atom.start, atom.end, state, f"{self.texts[atom.start]} -> the state named before -> {state.label}")
        return True

    def _opens_sentence(self, i: int) -> bool:
        """Token ``i`` is the first word of its sentence, or follows a single article ("Die Türkei")."""
        return i == 0 or self.sent[i - 1] != self.sent[i] or (
            (i == 1 or self.sent[i - 2] != self.sent[i]) and self.lowers[i - 1] in self.stops)

    def _rebels(self, sponsor: Actor | None, at: int, sponsored: bool = True) -> tuple[Actor, str]:
        """Rebels stand for the state they fight in: a region in the sentence, else in the document.

        For "prorussische Rebellen" the sponsor is not where they fight; a state
        named in the same sentence other than the sponsor is the last resort.  For
        "syrische Rebellen" / "Armenian separatists" the adjective is the state unless
        the document places the fighting in a region of another state only
        ("Armenian separatists" in Nagorno-Karabakh are AZE_REB).
        """
        s = self.sent[at]
        country = next((c for i, c in self.regions if self.sent[i] == s), None)
        where = "region in the sentence"
        if not sponsored and sponsor is not None:
            own = sponsor.country
            if country is None and self.regions and all(c != own for _, c in self.regions):
                country, where = self.regions[0][1], "region named in the document"
            if country is None and own in self.idx.states:
                country, where = own, "demonym"
            adj = self.idx.adj_en.get(own or "", sponsor.label)
            state = self.idx.states[country] if country in self.idx.states else None
            if state is None:
                return Actor(label=f"{adj} rebels", role="REB", kind="group"), f"{adj} rebels"
            return (Actor(label=f"{adj} rebels in {state.label}", country=country, role="REB", kind="group"),
                    f"{adj} rebels -> {where} -> {state.label}")
        if country is None:
            country = next((m.actor.country for m in reversed(self.out)
                            if m.actor.role == "REB" and m.actor.country), None)
            where = "rebels named before"
        if country is None and self.regions:
            country, where = self.regions[0][1], "region named in the document"
        if country is None and sponsor is not None:
            named = (e.target for a in self.atoms if self.sent[a.start] == s
                     for e in a.entries[:1] if e.kind in ("state", "capital"))
            country = next((c for c in named if c != sponsor.country and c in self.idx.states), None)
            where = "state named in the sentence"
        pro = f"pro-{self.idx.adj_en.get(sponsor.country or sponsor.org or '', sponsor.label)} " if sponsor else ""
        label = f"{pro}rebels"
        if country is None:
            return Actor(label=label, role="REB", kind="group"), f"{label}, place of fighting not named"
        state = self.idx.states[country]
        return (Actor(label=f"{label} in {state.label}", country=country, role="REB", kind="group"),
                f"{label} -> {where} -> {state.label}")

    def _group_ref(self, atom: _Atom, ref: Entry) -> None:
        """'die beiden Präsidenten' / 'beide Seiten': the last two distinct actors named before (a pair
        named together, if there is one); a bare 'die beiden' / 'the two' means two people if two were
        named, else two actors of any kind; 'die Länder' / 'the countries' means a list named just before."""
        seen: list[Actor] = []
        for target in (("person", "any") if ref.target == "either" else (ref.target,)):
            if target == "all":  # "die Länder", "the countries": only a list named just before
                seen = self._listed_before(atom.start, two=False)
                break
            seen = (self._listed_before(atom.start, two=True) if target == "any" else []) or self._last_two(target)
            if len(seen) == 2:
                break
        if len(seen) >= 2:
            group = list(reversed(seen))
            how = ("the two named before: " if len(group) == 2 else "those named before: ") \
                + " and ".join(a.label for a in group)
            self._emit(atom.start, atom.end, group[0], how, group=group)

    def _listed_before(self, at: int, two: bool) -> list[Actor]:
        """The parties coordinated last in this or the sentence before ("Saudi-Arabien und Ägypten kappten
        die Beziehungen zu Katar. Beide Länder ..."), latest first: "both" or "the countries" takes up
        parties named as one, even when another was named after them. ``two``: only a pair, never two
        of a longer list ("A, B und C")."""
        here = self.sent[at]
        named = sorted((m for m in self.out if here - 1 <= self.sent[m.start] and m.end <= at and not m.adjectival
                        and not m.group and (m.actor.country or m.actor.org)), key=lambda m: m.start)
        joins, articles = self.idx.coordinators, self.idx.definite

        def joined(first: Mention, second: Mention) -> bool:
            between = self.lowers[first.end:second.start]
            return bool(between) and between[0] in joins and all(w in articles for w in between[1:])

        for k in range(len(named) - 1, 0, -1):
            if not joined(named[k - 1], named[k]) or self.lowers[named[k - 1].end] == ",":
                continue  # (a list ends with "und"/"and": "A, B und C")
            run = [named[k], named[k - 1]]
            while k - len(run) >= 0 and joined(named[k - len(run)], run[-1]):
                run.append(named[k - len(run)])
            if len({m.actor.key for m in run}) < len(run) or (two and len(run) != 2):
                return []
            return [self.idx.states.get(m.actor.country or "", m.actor) if m.actor.kind == "state" else m.actor
                    for m in run]
        return []

    def _last_two(self, target: str) -> list[Actor]:
        seen: list[Actor] = []
        keys: set[str] = set()
        for m in reversed(self.out):
            if m.adjectival or m.group or (target != "any" and m.actor.kind != "person"):
                continue
            if target == "any" and not (m.actor.country or m.actor.org):
                continue
            if target == "leader" and m.office not in LEADER_OFFICES:
                continue
            key = m.actor.key if target == "any" else m.actor.label
            if key not in keys:
                keys.add(key)
                member = m.actor
                if target == "any" and member.kind == "state":  # "beide Länder": the states, not their media
                    member = self.idx.states.get(member.country or "", member)
                seen.append(member)
            if len(seen) == 2:
                break
        return seen

    def _appositions(self) -> None:
        """", Emily Horne" after a role noun a few words back: an unknown person, never dropped."""
        taken = {t for m in self.out for t in range(m.start, m.end)}
        for j, word in enumerate(self.texts):
            if word != "," or j + 1 in taken:
                continue
            end = self._unknown_name(j + 1)
            if not end or any(t in taken for t in range(j + 1, end)):
                continue
            office = next((o for o in reversed(self.offices) if j - 10 <= o < j and self.sent[o] == self.sent[j]),
                          None)
            if office is None:
                continue
            owner = next((m.actor for m in reversed(self.out) if office <= m.start < j and m.actor.country), None)
            actor = Actor(label=self.phrase(j + 1, end), country=owner.country if owner else None,
                          role="GOV" if owner else None, kind="person")
            self._emit(j + 1, end, actor, "unknown person named after a role"
                       + (f" of {owner.label}" if owner else ""))
            taken.update(range(j + 1, end))


# --------------------------------------------------------------------------- API


@lru_cache(maxsize=4)
def _reader_pipeline(lang: str) -> Language:
    nlp = spacy.blank(lang)
    nlp.add_pipe("kg_lemmas")
    return nlp


def resolve(mention: str, lang: str, date: str | None = None) -> Actor | None:
    """The actor ``mention`` stands for in an article of ``lang`` published at ``date``.

    ``date`` is ISO, possibly partial ("2021-12"); it decides office holders
    ("US-Präsident" in 2021-12 is Joe Biden).  An ISO alpha-3 code ("UKR") resolves to
    its state, for stages that hold a country code (the component never reads codes
    in running text, where "CAN" or "AND" are words).  Returns None when the words name no
    actor.  The result has ``mention`` set and ``span`` None.
    """
    ensure_extensions()
    state = index().states.get(mention) if len(mention) == 3 and mention.isupper() else None
    if state is not None:  # an ISO code from another stage (a place's country); never matched in running text
        return state.with_mention(mention, None, f"{mention} -> ISO 3166 code -> {state.label}")
    nlp = _reader_pipeline(lang)
    doc = nlp(mention)
    found = find_mentions([(t.text, t.lemma_ or t.text, i == 0) for i, t in enumerate(doc)], date,
                          nlp.Defaults.stop_words, mention)
    if not found:
        return None
    best = max(found, key=lambda m: (m.end - m.start, -m.start))
    return best.actor.with_mention(mention, None, f"{mention} -> {best.how} -> {best.actor.label}")


@Language.factory(
    "kg_actors",
    assigns=["doc.spans"],
    requires=["token.lemma"],
    default_config={"spans_key": "kg_actors"},
)
def make_actors(nlp: Language, name: str, spans_key: str) -> ActorTagger:
    return ActorTagger(nlp.lang, spans_key, nlp.Defaults.stop_words)


class ActorTagger:
    """The ``kg_actors`` component: every actor mention of a Doc, resolved at the Doc's date.

    Writes ``doc.spans[spans_key]`` (non-overlapping, in text order) with
    ``span._.kg_actor``, ``span._.kg_adjectival`` and ``span._.kg_actors_group``.
    Reads ``doc._.kg_date`` for office holders.
    """

    def __init__(self, lang: str, spans_key: str = "kg_actors", stop_words: Iterable[str] | None = None) -> None:
        _ensure_span_extensions()
        self.lang = lang
        self.spans_key = spans_key
        self.stop_words = frozenset(stop_words if stop_words is not None else spacy.blank(lang).Defaults.stop_words)
        index()

    def __call__(self, doc: Doc) -> Doc:
        mentions = self.match(doc)
        self.set_annotations(doc, mentions)
        return doc

    def match(self, doc: Doc) -> list[Mention]:
        """The mentions of ``doc`` (pure: the Doc is not changed)."""
        # read with one to_array call: no spaCy Token object per token
        strings = doc.vocab.strings
        rows = doc.to_array([ORTH, LEMMA, SENT_START]).tolist() if len(doc) else []
        tokens = [(strings[orth], strings[lemma] or strings[orth], start == 1) for orth, lemma, start in rows]
        return find_mentions(tokens, doc._.kg_date, self.stop_words, lambda: doc.text)

    def set_annotations(self, doc: Doc, mentions: list[Mention]) -> None:
        spans = []
        for m in mentions:
            span = doc[m.start:m.end]
            text = span.text
            ext = span._  # one extension accessor per span, not one per attribute
            ext.kg_actor = m.actor.with_mention(text, (span.start_char, span.end_char),
                                                f"{text} -> {m.how} -> {m.actor.label}")
            ext.kg_adjectival = m.adjectival
            ext.kg_actors_group = m.group
            spans.append(span)
        doc.spans[self.spans_key] = spans


if __name__ == "__main__":  # `python -m kg.actors`: what the actor data covers
    for name, count in actor_counts().items():
        print(f"{name:26} {count:6d}")
