"""Event extraction: triggers, roles, modality, attribution, dates and places.

The ``kg_events`` component reads the actor mentions of ``kg_actors``
(``doc.spans["kg_actors"]``) and writes :class:`kg.model.Statement` objects to
``doc._.kg_statements``.  It works on spaCy's blank pipelines, where there are no
parts of speech and no parse, so roles come from a small clause grammar:

1. **Triggers** come from per-language lexicons (``kg/data/events/<lang>.tsv``):
   verb lemmas (German separable verbs match "wirft ... vor" as *vorwerfen*),
   noun lemmas (German compounds match by their head: *Raketenangriff* ->
   *angriff*; *Angriffspläne* is a planned *angriff*) and lemma phrases.
2. **Clauses** are cut at semicolons, dashes, brackets and at commas that do not
   continue a list of actors.  Actor mentions joined by "und"/"and"/"," form a
   *group* (one statement per member); a group right after a preposition is a
   prepositional phrase and can only fill the roles the trigger's frame names
   ("mit X", "gegen X", "an der Grenze zu X", "zwischen X und Y").
3. **Roles**: a verb's source is the leftmost bare group of its clause (German V2,
   verb-final and English SVO clauses all put the subject first), else the first
   group after the verb (inversion: "Am Dienstag wirft Moskau Kiew vor"), else the
   subject of the clause it is coordinated with ("... und wirft Kiew ... vor").
   Passive clauses take the agent of "von"/"durch"/"by".  A noun's source is a
   demonym adjective in its phrase ("russischer Truppenaufmarsch"), a genitive
   ("Gespräch der beiden Präsidenten"), or the clause subject when the noun is
   the object of a verb ("führt Gespräche mit ...").
   A target the sentence does not name is looked for, in this order: an anaphor
   ("das Nachbarland"), a border place, the target of the same act before, a city
   object ("beschoss Charkiw"), the state where the act takes place ("demonstrated in
   Kirkuk"), the source's own state when its forces or authorities act there (PLOVER's
   domestic coding: "imposed a curfew in Cizre" -> TUR on TUR), the counterpart of the
   story (the other party of the latest statement of this or the two sentences before;
   a refusal answers its accuser, a condemnation the last attacker), and for a
   protest, crackdown or concession that names no other party, the source's own state.
4. **Complements**: denial verbs negate the event they govern and yield REJECT
   ("dementiert jegliche Angriffspläne"); accusations yield ACCUSE and the
   accused act as *claimed* ("werfen Moskau vor, die Separatisten zu
   unterstützen"); intentions make their event *planned*; requests and threats
   absorb theirs (a demanded withdrawal has not happened).
5. **Modality** from cue words of the clause (``kg/data/events/<lang>.toml``):
   negation, hypothetical (modal verbs, conditionals, fear words that open what
   follows), planned (intention words, a date after publication) and claimed
   (reported speech with a named speaker, hedges).  The precedence is
   negated > hypothetical > planned > claimed > asserted: anything not certain
   is never stated as fact.

**Confidence** is ``trigger weight x source factor x target factor``: the weight
says how reliably the lexicon entry signals its type (0.5 for ambiguous words,
0.85 for unambiguous ones); the factors are 1.0 for roles read from the clause
itself and lower for roles inferred from context (0.85 for a subject carried
over from a coordinated clause, 0.8 for a target carried from an earlier
statement, 0.75 for the state where the act takes place, 0.7 for a reporter standing in as the
source or a target taken from the story before).  It orders statements
by how much of them rests on inference; it is not a calibrated probability.
"""

from __future__ import annotations

import tomllib
from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator, Sequence, Set
from dataclasses import dataclass, field, replace
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any, TypeGuard

from spacy import attrs
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from .dates import DateMention, find_dates
from .language import ensure_extensions
from .model import Actor, Evidence, Statement, slug
from .places import PlaceMention, find_places, named_place

__all__ = ["Lexicon", "TriggerEntry", "extract_statements"]

ACTOR_SPANS = "kg_actors"
_MODALITY_RANK = {"negated": 4, "hypothetical": 3, "planned": 2, "claimed": 1, "asserted": 0}
# acts in the field that a party's own report does not establish: its word about them is a claim
_FIELD_ACTS = {"RETREAT", "MOBILIZE", "COERCE", "ASSAULT", "CRIME"}
# types whose statement A->B already says B->A (the scorer and the store read them without direction)
_UNORDERED = {"CONSULT", "COOPERATE", "AGREE"}
# acts whose announcement is a threat to the target (CAMEO 13x): a pledge to do them is THREATEN
_HOSTILE = {"ASSAULT", "COERCE", "SANCTION", "MOBILIZE", "PROTEST", "THREATEN"}
# acts done *somewhere*: with no named target, the state where they happen is what they are directed at
# acts that, with no other party named, are aimed at the source's own state (PLOVER's domestic coding)
_DOMESTIC_TYPES = {"PROTEST", "COERCE", "CONCEDE"}
# acts that are domestic when the sentence places them in the source's own state ("killed ... in Serbia")
_HOME_PLACE_TYPES = _DOMESTIC_TYPES | {"ASSAULT"}
# acts aimed at the source's own state when the sentence names no other state and the story no counterpart
# ("the vice-president declined to resign")
_HOME_FALLBACK_TYPES = _DOMESTIC_TYPES | {"REJECT"}
_FORCE_ROLES = {"MIL", "COP"}
# flags of triggers whose complement is another event ("denied attacking", "agreed to talks with Kyiv")
_GOVERNING = frozenset({"denial", "accuse", "intent", "pledge", "absorb"})
# acts a rejection answers: "rejected the accusations / the demands / the threats" are someone else's
_ANSWERED_TYPES = {"ACCUSE", "REQUEST", "THREATEN"}
# acts that answer another's wrongdoing, and the wrongdoings they answer (for targets from context)
_BLAMING_TYPES = {"ACCUSE", "SANCTION", "PROTEST"}
_HOSTILE_TYPES = _HOSTILE - {"PROTEST"}  # (a protest answers a wrong; it is none of a state's doing)
_PLACED_TYPES = {"PROTEST", "COERCE", "MOBILIZE", "ASSAULT", "CONCEDE", "RETREAT"}
# sectors that stand apart from their state's government, army and police: acts between them are not self-loops
_DOMESTIC_PARTIES = {"OPP", "CVL", "REB", "MED", "BUS", "EDU", "LAB", "REL", "JUD", "LEG", "NGO"}
_NO_WORDS: frozenset[str] = frozenset()  # the cue words of a list a language does not have


# --------------------------------------------------------------------------- lexicon


@dataclass(frozen=True, slots=True)
class TriggerEntry:
    """One line of an event lexicon: a word that signals an event type, and its role frame."""

    kind: str  # "v", "n" or "p"
    lemma: str
    type: str
    label: str
    target_preps: frozenset[str]
    source_preps: frozenset[str]
    obj: bool
    sym: bool
    border: bool
    between: frozenset[str]
    refl: bool
    need_target: bool
    need_own_target: bool  # the target must come from the trigger's own frame, not from a place or context
    ctx: tuple[str, ...]
    pred: tuple[str, ...]  # one of these lemmas within the four words after the trigger ("was a violation")
    obj_heads: tuple[str, ...]
    flags: frozenset[str]
    weight: float
    rule: str


def _parse_entry(lang: str, cols: list[str]) -> TriggerEntry:
    kind, lemma, etype, label, frame, cond, flags, weight = cols
    preps: set[str] = set()
    source_preps: set[str] = set()
    between: set[str] = set()
    parts = [] if frame == "-" else frame.split(",")
    for part in parts:
        if part.startswith("p:"):
            preps.update(part[2:].split("|"))
        elif part.startswith("s:"):
            source_preps.update(part[2:].split("|"))
        elif part.startswith("z:"):
            between.update(part[2:].split("|"))
    conds = [] if cond == "-" else cond.split(";")
    ctx: tuple[str, ...] = ()
    pred: tuple[str, ...] = ()
    obj_heads: tuple[str, ...] = ()
    for c in conds:
        if c.startswith("ctx:"):
            ctx = tuple(c[4:].split("|"))
        elif c.startswith("pred:"):
            pred = tuple(c[5:].split("|"))
        elif c.startswith("obj:"):
            obj_heads = tuple(c[4:].split("|"))
    return TriggerEntry(
        kind=kind, lemma=lemma.lower(), type=etype, label=label, target_preps=frozenset(preps),
        source_preps=frozenset(source_preps),
        obj="o" in parts, sym="sym" in parts, border="b" in parts, between=frozenset(between),
        refl="refl" in conds, need_target="need:t" in conds or "need:o" in conds,
        need_own_target="need:o" in conds, ctx=ctx, pred=pred, obj_heads=obj_heads,
        flags=frozenset() if flags == "-" else frozenset(flags.split(",")), weight=float(weight),
        rule=f"{lang}.{etype.lower()}.{slug(lemma)}.v1",
    )


#: The settings a language's ``.toml`` may hold besides its word lists, with how each is read.
_SETTINGS: dict[str, Callable[[Any], Any]] = {
    "contractions": dict,
    "lemma_exceptions": dict,
    "capitalised_nouns": bool,
    "verb_second": bool,
    "cues_precede_verb": bool,
    "suffix_rules": lambda pairs: tuple((a, b) for a, b in pairs),
    "subjunctive_from_infinitive": bool,
}


@dataclass
class Lexicon:
    """The triggers and cue words of one language, loaded once from ``kg/data/events``."""

    lang: str
    verbs: dict[str, list[TriggerEntry]]
    nouns: dict[str, list[TriggerEntry]]
    phrases: list[tuple[tuple[str, ...], TriggerEntry]]
    noun_heads: tuple[str, ...]
    cues: dict[str, frozenset[str]]
    multiword_cues: dict[str, tuple[tuple[str, ...], ...]] = field(default_factory=dict)
    contractions: dict[str, str] = field(default_factory=dict)
    lemma_exceptions: dict[str, str] = field(default_factory=dict)  # the lemmatizer's few wrong lemmas
    capitalised_nouns: bool = False
    verb_second: bool = False
    cues_precede_verb: bool = False
    suffix_rules: tuple[tuple[str, str], ...] = ()
    subjunctive_from_infinitive: bool = False  # Konjunktiv I = infinitive minus "n" ("unterstütze")
    # per-word results of _fix_lemma and _head_match: the same words come back in every document
    fixed_lemmas: dict[str, str] = field(default_factory=dict, repr=False, compare=False)
    compound_heads: dict[str, list[TriggerEntry] | None] = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    @lru_cache(maxsize=8)
    def load(cls, lang: str) -> Lexicon:
        base = Path(__file__).parent / "data" / "events"
        verbs: dict[str, list[TriggerEntry]] = {}
        nouns: dict[str, list[TriggerEntry]] = {}
        phrases: list[tuple[tuple[str, ...], TriggerEntry]] = []
        tsv = base / f"{lang}.tsv"
        if tsv.is_file():
            for line in tsv.read_text(encoding="utf-8").splitlines():
                if not line.strip() or line.startswith("#"):
                    continue
                entry = _parse_entry(lang, line.split("\t"))
                if entry.kind == "v":
                    verbs.setdefault(entry.lemma, []).append(entry)
                elif entry.kind == "n":
                    nouns.setdefault(entry.lemma, []).append(entry)
                else:
                    phrases.append((tuple(entry.lemma.split()), entry))
        toml_path = base / f"{lang}.toml"
        data = tomllib.loads(toml_path.read_text(encoding="utf-8")) if toml_path.is_file() else {}
        cues: dict[str, frozenset[str]] = {}
        multi: dict[str, tuple[tuple[str, ...], ...]] = {}
        settings: dict[str, Any] = {}
        for section in data.values():
            for key, value in section.items():
                if key in _SETTINGS:
                    settings[key] = _SETTINGS[key](value)
                    continue
                words = [w.lower() for w in value]
                cues[key] = frozenset(w for w in words if " " not in w)
                multi[key] = tuple(tuple(w.split()) for w in words if " " in w)
        heads = tuple(sorted((k for k in nouns if len(k) >= 5), key=len, reverse=True))
        return cls(lang, verbs, nouns, phrases, heads, cues, multiword_cues=multi, **settings)

    @cached_property
    def phrase_starts(self) -> frozenset[str]:
        """The first words of the lemma phrases: a sentence with none of them needs no phrase scan."""
        return frozenset(words[0] for words, _entry in self.phrases if words)

    @cached_property
    def head_set(self) -> frozenset[str]:
        """The noun heads (5+ letters) a compound may end in, for suffix look-ups."""
        return frozenset(self.noun_heads)

    def cue(self, name: str) -> frozenset[str]:
        return self.cues.get(name, _NO_WORDS)

    @cached_property
    def by_rule(self) -> dict[str, TriggerEntry]:
        """The entries by their rule id ("de.concede.waffenruhe.v1"): what a statement's evidence points at."""
        entries = [e for group in (*self.verbs.values(), *self.nouns.values()) for e in group]
        return {e.rule: e for e in [*entries, *(entry for _words, entry in self.phrases)]}


def rule_flags(rule: str) -> frozenset[str]:
    """The lexicon flags behind a statement's rule id (a derived rule, "....v1.refusal", counts as its entry's),
    for views that recode statements by them; empty for a rule no entry has."""
    parts = rule.split(".")
    if len(parts) < 4 or not parts[0].isalpha():
        return _NO_WORDS
    entry = Lexicon.load(parts[0]).by_rule.get(".".join(parts[:4]))
    return entry.flags if entry is not None else _NO_WORDS


# --------------------------------------------------------------------------- sentence analysis


@dataclass
class _Mention:
    start: int  # sentence-local token index
    end: int
    actors: list[Actor]
    adjectival: bool
    prep: str | None = None
    possessive: bool = False


@dataclass
class _Group:
    mentions: list[_Mention]
    prep: str | None

    @property
    def start(self) -> int:
        return self.mentions[0].start

    @property
    def end(self) -> int:
        return self.mentions[-1].end

    @property
    def actors(self) -> list[Actor]:
        out: list[Actor] = []
        for m in self.mentions:
            out.extend(m.actors)
        return out


@dataclass
class _Trigger:
    start: int
    end: int
    entry: TriggerEntry
    is_noun: bool
    particle: int | None = None  # index of a separated verb particle
    planned_head: bool = False  # "Angriffspläne"
    consumed_obj: int | None = None  # a noun the trigger's condition used up ("beendet ... Manöver")


@dataclass
class _Event:
    trigger: _Trigger
    sources: list[Actor]
    targets: list[Actor | None]
    source_factor: float = 1.0
    target_factor: float = 1.0
    modality: str = "asserted"
    modality_cue: str | None = None
    attributed_to: Actor | None = None
    attribution_cue: str | None = None
    emit: bool = True
    pairwise: bool = False  # symmetric event among the members of one group
    governed: bool = False  # the complement of a denial, accusation, intention, request or threat
    governs: bool = False  # a denial or accusation whose own sentence holds the act it is about
    answers: bool = False  # a refusal of another party's act or words: never aimed at the source's own state
    own_object: bool = False  # its object is the source's own state ("asked the Lebanese military"): no one else's


#: The ``prep`` of a name in the genitive of a noun inside a prepositional phrase: the noun's, no one else's
GENITIVE = "(genitive)"

_WORD_CACHE_SIZE = 200_000  # per-word memos are cleared when they reach this many words (hostile input)


def _fix_lemma(lex: Lexicon, lemma: str) -> str:
    """Repair lemmas the lemmatizer left inflected ("mobilisiert" -> "mobilisieren") by the language's suffix rules.

    Memoised per word on the lexicon: every token of every sentence asks.
    """
    fixed = lex.fixed_lemmas.get(lemma)
    if fixed is not None:
        return fixed
    fixed = lex.lemma_exceptions.get(lemma, lemma)
    if fixed not in lex.verbs and fixed not in lex.nouns:
        for suffix, replacement in lex.suffix_rules:
            if lemma.endswith(suffix):
                candidate = lemma[: -len(suffix)] + replacement
                if candidate in lex.verbs:
                    fixed = candidate
                    break
    if len(lex.fixed_lemmas) >= _WORD_CACHE_SIZE:
        lex.fixed_lemmas.clear()
    lex.fixed_lemmas[lemma] = fixed
    return fixed


_TOKEN_ATTRS = [attrs.ORTH, attrs.LEMMA, attrs.IDX, attrs.SPACY, attrs.IS_ALPHA, attrs.IS_LOWER, attrs.IS_TITLE,
                attrs.IS_UPPER, attrs.LIKE_NUM, attrs.IS_SPACE, attrs.POS]


class _DocTokens:
    """A Doc's token facts as plain Python lists, read in one ``Doc.to_array`` call.

    The rules look at every token of a sentence many times; indexing lists is far
    cheaper than creating a spaCy ``Token`` (or ``Span``) object for each look.
    """

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        array = doc.to_array(_TOKEN_ATTRS).reshape(len(doc), len(_TOKEN_ATTRS))
        orth, lemma, self.idx, spacy_ = array[:, :4].T.tolist()
        flags: list[list[bool]] = array[:, 4:10].astype(bool).T.tolist()  # (Python bools, as Token gives them)
        self.is_alpha, self.is_lower, self.is_title, self.is_upper, self.like_num, self.is_space = flags
        pos = array[:, 10].tolist()
        strings = doc.vocab.strings
        self.words: list[str] = [strings[h] for h in orth]
        self.lemmas: list[str] = [strings[h] for h in lemma]
        # blank pipelines tag nothing: only a tagged Doc pays for the part-of-speech names
        self.pos: list[str] = [t.pos_ for t in doc] if any(pos) else [""] * len(orth)
        # the Doc's text is its tokens with their trailing whitespace, so offsets index it directly
        self.text = "".join(w + " " if sp else w for w, sp in zip(self.words, spacy_, strict=True))

    def sentences(self) -> list[tuple[int, int]]:
        """``(start, end)`` of every sentence, as ``Doc.sents`` has them (which is asked when it has a hook)."""
        doc = self.doc
        if "sents" in doc.user_hooks or not doc.has_annotation("SENT_START"):
            return [(sent.start, sent.end) for sent in doc.sents]  # the hook, or spaCy's error for no boundaries
        starts = doc.to_array(attrs.SENT_START).tolist()
        bounds = [0, *(i for i in range(1, len(starts)) if starts[i] == 1)]
        out = list(zip(bounds, [*bounds[1:], len(starts)], strict=True))
        return [(a, b) for a, b in out if a < b]


class _Sentence:
    """Token-level facts of one sentence that every rule needs, computed once."""

    def __init__(self, tokens: _DocTokens, start: int, end: int, mentions: list[_Mention], lex: Lexicon,
                 pub_date: str | None, has_dep: bool = False) -> None:
        self.doc = tokens.doc
        self.start = start
        self.lex = lex
        self.lang = lex.lang
        self.pub_date = pub_date
        self.doc_text = tokens.text
        self.words = tokens.words[start:end]
        self.idx = tokens.idx[start:end]
        self.is_alpha = tokens.is_alpha[start:end]
        self.is_lower = tokens.is_lower[start:end]
        self.is_title = tokens.is_title[start:end]
        self.is_upper = tokens.is_upper[start:end]
        self.like_num = tokens.like_num[start:end]
        self.is_space = tokens.is_space[start:end]
        self.pos = tokens.pos[start:end]
        self.start_char = self.idx[0]
        self.end_char = self.idx[-1] + len(self.words[-1])
        self.text = self.doc_text[self.start_char:self.end_char]
        self.has_dep = has_dep
        self.lower = [w.lower() for w in self.words]
        self.lemma = [_fix_lemma(lex, (lem or w).lower()) for lem, w in zip(tokens.lemmas[start:end], self.words,
                                                                            strict=True)]
        self.n = len(self.words)
        self.mentions = mentions
        self.mention_at: dict[int, _Mention] = {}
        for m in mentions:
            for i in range(m.start, m.end):
                self.mention_at[i] = m
        self._mark_preps()
        self._drop_glosses()
        self._merge_possessors()
        self._ranges: dict[int, tuple[int, int]] | None = None
        self._places: list[PlaceMention] | None = None
        self._dates: dict[bool | None, list[DateMention]] = {}
        self.clause = self._clauses()
        self.groups = self._groups()

    # -- prepositions and groups
    def prep_before(self, start: int, lookback: int = 4) -> str | None:
        lex = self.lex
        dets = lex.cue("determiners")
        preps = lex.cue("prepositions")
        coords = lex.cue("coordinators")
        j = start - 1
        steps = 0
        content = False  # a lower-case word other than an article was passed: an adjective, or a verb
        while j >= 0 and steps < lookback:
            word = lex.contractions.get(self.lower[j], self.lower[j])
            if content and word in coords:
                # "sagte Hilfe zu und verurteilte Chile": "zu" ends the clause before; but a preposition
                # right before "and" is shared ("set up links with and sent an envoy to Lima")
                before = self.lower[j - 1] if j > 0 else ""
                return before if before in preps and before not in lex.cue("particles") else None
            if word in preps:
                if j > 0 and (self.lower[j - 1], word) in lex.multiword_cues.get("number_phrases", ()):
                    j -= 2  # "up to 100 Albanians": a number, not a preposition
                    steps += 1
                    continue
                return word
            mention = self.mention_at.get(j)
            if mention is not None and mention.adjectival:
                j = mention.start - 1
                steps += 1
                continue
            if j == start - 1 and "-" in self.words[j] and self.words[j][:1].isupper() and mention is None \
                    and (named := self.mention_at.get(start)) is not None \
                    and all(a.kind == "person" for a in named.actors):
                j -= 1  # a compound title before a person's name: "gegen Hamas-Chef Jahja Sinwar"
                steps += 1
                continue
            if word in dets or self.words[j] in {'"', "„", "“", "»", "«", "'"} or self.like_num[j] or (
                    self.is_lower[j] and (self.is_alpha[j] or "-" in self.words[j]) and mention is None
                    and word not in lex.verbs):
                content = content or (self.is_alpha[j] and word not in dets and word not in coords)
                j -= 1
                steps += 1
                continue
            return None
        return None

    def _mark_preps(self) -> None:
        lex = self.lex
        for m in self.mentions:
            m.prep = self.prep_before(m.start)
            nxt = self.lower[m.end] if m.end < self.n else ""
            m.possessive = nxt in {"'s", "’s", "'"}
            if nxt == "-" and m.end + 1 < self.n and self.is_lower[m.end + 1] and not lex.capitalised_nouns:
                m.adjectival = True  # "a UN-brokered deal": the first part of a compound modifier
            if m.prep is None and self._according_to(m):
                m.prep = "according_to"  # "nach Angaben der Ukraine", "dem Militär zufolge": a source, no subject
            if m.prep is None and self._genitive_in_phrase(m):
                m.prep = GENITIVE  # "Nach dem Einmarsch des Irak verhängte die UNO ...": no subject of the verb
            if m.prep in lex.cue("subordinators") and not lex.verb_second and m.end < self.n and (
                    self.lemma[m.end] in lex.verbs or nxt in lex.cue("verb_markers")):
                m.prep = None  # "after Guterres urged Russia": a conjunction opening a clause, not a preposition

    def _merge_possessors(self) -> None:
        """"Iran's religious leader Khomeini", "Lebanon's new President Hrawi": one actor, the possessor's.

        A person named after a possessive is that actor's office-holder; two mentions would otherwise
        read as subject and object of the clause.
        """
        merged: list[_Mention] = []
        skip: set[int] = set()
        ordered = sorted(self.mentions, key=lambda m: m.start)
        for k, m in enumerate(ordered):
            if k in skip:
                continue
            nxt = ordered[k + 1] if k + 1 < len(ordered) else None
            titled = nxt is not None and not m.possessive and not m.adjectival and 0 < nxt.start - m.end <= 7 \
                and all(self.lower[j] in "()" or self.is_title[j] or self.is_upper[j]
                        for j in range(m.end, nxt.start))  # "the PLO (PLO) Chairman Yasser Arafat"
            if (m.possessive or titled) and nxt is not None and not nxt.adjectival and nxt.prep is None \
                    and all(a.kind == "person" for a in nxt.actors) and 0 <= nxt.start - (m.end + 1) <= 6 \
                    and all((self.is_alpha[j] and self.lower[j] not in self.lex.cue("verb_markers")
                             and self.lemma[j] not in self.lex.verbs) or self.lower[j] in "()"
                            for j in range(m.end + 1, nxt.start)):  # no verb between: "X's court decided to allow Y"
                actors = m.actors if not any(a.country or a.org for a in nxt.actors) else nxt.actors
                after = self.lower[nxt.end] if nxt.end < self.n else ""
                merged.append(_Mention(m.start, nxt.end, list(actors), False, m.prep, after in {"'s", "’s", "'"}))
                skip.add(k + 1)
                continue
            merged.append(m)
        if len(merged) != len(self.mentions):
            self.mentions = merged
            self.mention_at = {i: m for m in merged for i in range(m.start, m.end)}

    def _genitive_in_phrase(self, m: _Mention) -> bool:
        """A name in the genitive of a noun inside a prepositional phrase ("nach dem Angriff des Irak", "nach dem
        Angriff Iraks"): part of that phrase, not a bare group of the clause."""
        head = self.genitive_head(m.start, m.end)
        return head is not None and self.prep_before(head) is not None

    def genitive_head(self, start: int, end: int | None = None) -> int | None:
        """The noun whose genitive begins at ``start``: "Angriff" in "nach dem Angriff des Irak", "Beginn" in
        "nach Beginn des Krieges", "collapse" in "after the collapse of the talks"; given the genitive's ``end``,
        also a name with a genitive ending right after its noun ("nach dem Angriff Iraks", not the apposition
        "am Montag Kiew")."""
        lex = self.lex
        links, dets = lex.cue("genitive_links"), lex.cue("determiners")
        j, linked = start - 1, False
        while j > 0 and (self.lower[j] in links or self.lower[j] in dets):
            linked = linked or self.lower[j] in links
            j -= 1
        if not linked and not (end is not None and j == start - 1 and j > 0
                               and self.lower[end - 1].endswith(tuple(lex.cue("genitive_endings")) or ("\0",))):
            return None
        head = self.words[j][:1].isupper() if lex.capitalised_nouns else j > 0 and self.lower[j - 1] in dets
        if head and self.is_alpha[j] and j not in self.mention_at and self.lower[j] not in lex.cue("prepositions"):
            return j
        return None

    def _according_to(self, m: _Mention) -> bool:
        """Whether an according-to word stands right before the mention (over articles) or right after it."""
        cues = self.lex.cue("according_to")
        j = m.start - 1
        while j >= 0 and self.lower[j] in self.lex.cue("determiners"):
            j -= 1
        if j >= 0 and self.lower[j] not in self.lex.cue("prepositions") and any(
                self.lower[k] not in self.lex.cue("genitive_links") for k in range(j + 1, m.start)):
            return False  # a source noun takes the genitive: "nach eigenen Angaben eine russische Raffinerie"
        if j >= 1 and tuple(self.lower[j - 1:j + 1]) in self.lex.multiword_cues.get("according_to", ()):
            return True  # "nach Einschätzung der Regierung"
        return (j >= 0 and self.lower[j] in cues) or (
            m.end < self.n and (self.lower[m.end] in cues or self.lower[m.end] in self.lex.cue("according_to_after")))

    def _drop_glosses(self) -> None:
        """An acronym in brackets right after a name ("Palestine Liberation Organization (PLO)") is that
        name again, not a second actor."""
        keep = []
        for m in self.mentions:
            if m.start >= 2 and self.lower[m.start - 1] == "(" and (m.start - 2) in self.mention_at \
                    and m.end < self.n and self.lower[m.end] == ")":
                continue
            keep.append(m)
        if len(keep) != len(self.mentions):
            self.mentions = keep
            self.mention_at = {i: m for m in keep for i in range(m.start, m.end)}

    def _glosses(self) -> set[int]:
        """Brackets around one name or acronym ("the Economic Community of West African States (ECOWAS), the AU"), or a
        name's translation after it: part of the phrase they gloss, not a break in the clause."""
        out: set[int] = set()
        small = self.lex.cue("determiners") | self.lex.cue("genitive_links") | self.lex.cue("coordinators")
        for i, word in enumerate(self.lower):
            if word == "(" and i + 2 < self.n:
                close = next((j for j in range(i + 1, min(i + 6, self.n)) if self.lower[j] == ")"), None)
                if close is None or close == i + 1:
                    continue
                inner = range(i + 1, close)
                one_mention = len({id(self.mention_at.get(k)) for k in inner}) == 1 and i + 1 in self.mention_at
                name = (i - 1) in self.mention_at and all(  # "Hizbollah (Party of God)": a name's translation
                    self.is_title[k] or self.is_upper[k] or self.lower[k] in small for k in inner)
                if one_mention or name or (close == i + 2 and self.is_upper[i + 1]):
                    out.update(range(i, close + 1))
        return out

    def _clauses(self) -> list[int]:
        lex = self.lex
        breaks = lex.cue("clause_breaks")
        subs = lex.cue("subordinators")
        clause = [0] * self.n
        cid = 0
        glosses = self.glossed = self._glosses()
        relative = lex.cue("relative_pronouns")
        for i, word in enumerate(self.lower):
            if (word in breaks and i not in glosses) or self.is_space[i]:
                cid += 1
                clause[i] = cid
                continue
            if word in relative and i > 0 and self.lower[i - 1] != "," and i not in self.mention_at:
                cid += 1  # "refugees who have lived in Iraq": a relative clause of its own
                clause[i] = cid
                continue
            if word == ",":
                p = i - 1
                while p in glosses:  # "the Economic Community of West African States (ECOWAS), the AU"
                    p -= 1
                prev_actor = p in self.mention_at
                j = i + 1
                while j < self.n and self.lower[j] in lex.cue("determiners"):
                    j += 1
                next_actor = j in self.mention_at or (j < self.n and self.lower[j] in lex.cue("coordinators"))
                # "France, and Brazil": a coordinator that goes on with an actor continues the list
                k = j + 1
                while k < self.n and self.lower[k] in lex.cue("determiners"):
                    k += 1
                list_goes_on = j < self.n and self.lower[j] in lex.cue("coordinators") and k in self.mention_at
                # "allies, including Japan": the list goes on inside the clause, also after a
                # common noun ("ASEAN, and several neighbours, including Japan")
                continued = self._list_continues(i)
                if not list_goes_on and j < self.n and self.lower[j] in lex.cue("coordinators"):
                    comma = next((q for q in range(j + 1, min(j + 5, self.n)) if self.lower[q] == ","), None)
                    list_goes_on = comma is not None and self._list_continues(comma)
                # "met in Krakow, Poland, with ...": a city and its country are one place
                city_country = p >= 1 and self.is_title[p] and self.lower[p - 1] in lex.cue("locative_prepositions") \
                    and (i + 1) in self.mention_at
                if not city_country and not continued and (not (prev_actor and next_actor) or (
                        i + 1 < self.n and self.lower[i + 1] in subs and (i + 1) not in self.mention_at
                        and not list_goes_on)):
                    cid += 1
            clause[i] = cid
        return clause

    def _list_continues(self, i: int) -> bool:
        """Whether the comma at ``i`` goes on with a list: ", including (the) <actor>"."""
        j = i + 1
        if j >= self.n or self.lower[j] not in self.lex.cue("list_continuers"):
            return False
        j += 1
        while j < self.n and self.lower[j] in self.lex.cue("determiners"):
            j += 1
        return j in self.mention_at

    def _groups(self) -> list[_Group]:
        lex = self.lex
        coords = lex.cue("coordinators")
        dets = lex.cue("determiners")
        continuers = lex.cue("list_continuers")
        groups: list[_Group] = []
        for m in sorted(self.mentions, key=lambda m: m.start):
            if m.adjectival and not self._stands_for_actor(m):
                continue
            if groups:
                last = groups[-1]
                gap = range(last.end, m.start)
                words = [self.lower[k] for k in gap]
                words = [self.lower[k] for k in gap if k not in self.glossed]  # "the OAS (OAS), the ..."
                if (words and any(w in coords for w in words) and len(words) <= 4
                        and all(w in coords or w in dets or w in {'"', "„", "“"} for w in words)
                        and self.clause[last.end - 1] == self.clause[m.start]):
                    last.mentions.append(m)
                    continue
                # "consulted ASEAN, the AU and other allies, including Japan": the list goes on
                lead = [w for w in words if w not in dets]
                if len(lead) >= 4 and len(words) <= 8 and lead[-1] in continuers and lead[-2] == "," \
                        and lead[0] in coords and any(w in coords - {","} for w in lead[:2]) \
                        and all(w.isalpha() and w not in lex.verbs for w in lead[2:-2]) \
                        and self.clause[last.end - 1] == self.clause[m.start]:
                    last.mentions.append(m)
                    continue
            groups.append(_Group([m], m.prep if m.prep is not None else self._continued_prep(m.start)))
        return [part for g in groups for part in self._split_appositions(g)]

    def _continued_prep(self, start: int) -> str | None:
        """The preposition of the phrase a list goes on with: "mit mehreren Partnern, darunter die USA" is
        "mit" the USA."""
        lex = self.lex
        k = start - 1
        while k >= 0 and self.lower[k] in lex.cue("determiners"):
            k -= 1
        if k < 1 or self.lower[k - 1] != "," or not self._list_continues(k - 1):
            return None
        for j in range(k - 2, max(-1, k - 6), -1):
            word = lex.contractions.get(self.lower[j], self.lower[j])
            if word in lex.cue("prepositions"):
                return word
            if not self.is_alpha[j] or j in self.mention_at:
                return None
        return None

    def _split_appositions(self, group: _Group) -> list[_Group]:
        """Names joined by commas alone are no list ("Serbia must recognize Kosovo, the EU said"); a list
        has a final "and"/"or" ("Chile, Peru and Brazil")."""
        if len(group.mentions) < 2:
            return [group]
        pairs = zip(group.mentions, group.mentions[1:], strict=False)
        words = {self.lower[k] for a, b in pairs for k in range(a.end, min(b.start, self.n))}
        words.update(self.lower[k] for k in range(group.end, min(group.end + 2, self.n)))  # "A, B und die C"
        if words & (self.lex.cue("coordinators") - {","}) or any(
                " ".join(p) in self.text_of(group.start, group.end).lower()
                for p in self.lex.multiword_cues.get("coordinators", ())):
            return [group]
        return [_Group([m], m.prep if i == 0 else None) for i, m in enumerate(group.mentions)]

    def _stands_for_actor(self, m: _Mention) -> bool:
        """A demonym before a plain noun names its state's people or things: "Israeli tanks fired",
        "Iraqi Kurds demonstrated", "rejected an Indian proposal" (languages that write nouns in
        lower case only; an event noun keeps the demonym as its own source: "Russian attack")."""
        lex = self.lex
        if lex.capitalised_nouns or m.end >= self.n:
            return False
        k = m.end
        word = self.lower[k]
        nxt = self.mention_at.get(k + 1)
        if word in lex.cue("coordinators") and nxt is not None and nxt.adjectival and nxt is not m:
            return self._stands_for_actor(nxt)  # "Iranian and Kuwaiti towns": both share the noun
        if not (self.is_alpha[k] and (self.is_lower[k] or self.is_title[k])) or k in self.mention_at:
            return False
        if word in lex.cue("determiners") or word in lex.cue("coordinators") or word in lex.cue("prepositions"):
            return False
        return self.lemma[m.end] not in lex.nouns and self.lemma[m.end] not in lex.verbs \
            and word not in lex.verbs and not word.endswith(tuple(lex.cue("verb_endings")) or ("\0",))

    def groups_in(self, lo: int, hi: int, clause: int) -> list[_Group]:
        return [g for g in self.groups if lo <= g.start < hi and self.clause[g.start] == clause]

    def text_of(self, i: int, j: int) -> str:
        if 0 <= i < j <= self.n:
            return self.doc_text[self.idx[i]:self.idx[j - 1] + len(self.words[j - 1])]
        return self.sent[i:j].text  # out of range or empty: spaCy's slicing rules

    def char_span(self, i: int, j: int) -> tuple[int, int]:
        return self.idx[i], self.idx[j - 1] + len(self.words[j - 1])

    def clause_range(self, c: int) -> tuple[int, int]:
        if self._ranges is None:
            ranges: dict[int, tuple[int, int]] = {}
            for i, cid in enumerate(self.clause):
                lo, _hi = ranges.get(cid, (i, i))
                ranges[cid] = (lo, i + 1)
            self._ranges = ranges
        return self._ranges.get(c, (0, 0))

    @cached_property
    def sent(self) -> Span:
        """The sentence as a spaCy Span: only the rules that read a parse need it."""
        return self.doc[self.start:self.start + self.n]

    @cached_property
    def toks(self) -> list[Token]:
        """The sentence's spaCy Tokens: only the rules that read a parse need them."""
        return list(self.sent)

    @cached_property
    def particle_positions(self) -> list[int]:
        """Where a separated verb particle stands: a particle word at the end of its phrase ("teilte ... mit")."""
        particles = self.lex.cue("particles")
        coords = self.lex.cue("coordinators")
        lower, n = self.lower, self.n
        return [j for j in range(n) if lower[j] in particles
                and (j + 1 >= n or not self.is_alpha[j + 1] or lower[j + 1] in coords)]

    def places(self) -> list[PlaceMention]:
        """The place phrases of the sentence (document offsets), found once for all its statements."""
        if self._places is None:
            self._places = find_places(self.text, self.lang, offset=self.start_char)
        return self._places

    def dates(self, future: bool | None) -> list[DateMention]:
        """The dates of the sentence for one tense hint, found once per hint for all its statements."""
        found = self._dates.get(future)
        if found is None:
            found = self._dates[future] = find_dates(self.text, self.lang, self.pub_date,
                                                     offset=self.start_char, future=future)
        return found

    def subjunctive(self, lo: int, hi: int) -> int | None:
        """A Konjunktiv-I verb form in ``[lo, hi)``: a listed one ("sei", "habe"), or, where the language
        forms it so, a lower-case word that is its verb's infinitive without the final "n" ("unterstütze")."""
        listed = self.has_cue("subjunctive", lo, hi)
        if listed is not None or not self.lex.subjunctive_from_infinitive:
            return listed
        lower, lemma = self.lower, self.lemma
        for i in range(max(lo, 1), hi):
            if self.is_lower[i] and lemma[i].endswith("en") and lower[i] == lemma[i][:-1] \
                    and lemma[i] in self.lex.verbs:
                return i
        return None

    def has_cue(self, name: str, lo: int, hi: int) -> int | None:
        words = self.lex.cue(name)
        if words:
            lower, lemma = self.lower, self.lemma
            for i in range(lo, hi):
                if lower[i] in words or lemma[i] in words:
                    return i
        for phrase in self.lex.multiword_cues.get(name, ()):
            for i in range(lo, hi - len(phrase) + 1):
                if tuple(self.lower[i:i + len(phrase)]) == phrase:
                    return i
        return None


# --------------------------------------------------------------------------- triggers


def _find_triggers(s: _Sentence) -> list[_Trigger]:
    lex = s.lex
    found: list[_Trigger] = []
    taken: set[int] = set()
    starts = lex.phrase_starts
    # where a phrase may begin: a phrase is tried only there, in the lexicon's order as before
    at = [i for i in range(s.n) if s.lemma[i] in starts or s.lower[i] in starts]
    phrases = lex.phrases if at else []
    for words, entry in phrases:
        k = len(words)
        for i in at:
            if s.lemma[i] != words[0] and s.lower[i] != words[0]:
                continue
            pos, j, ok = [i], i + 1, True
            for w in words[1:]:
                hit = next((x for x in range(j, min(j + 3, s.n)) if s.lemma[x] == w or s.lower[x] == w), None)
                if hit is None:
                    ok = False
                    break
                pos.append(hit)
                j = hit + 1
            if ok and not taken.intersection(pos) and k > 0:
                trig = _Trigger(pos[0], pos[0] + 1, entry, entry.kind == "n", particle=pos[-1])
                if _choose_entry(s, trig, [entry]) is None:
                    continue  # its condition does not hold ("gave up hope" is no disarming)
                found.append(trig)
                taken.update(pos)
    plan_heads = lex.cue("plan_heads")
    for i in range(s.n):
        if i in taken or i in s.mention_at or (not s.is_alpha[i] and "-" not in s.words[i]):
            continue
        lemma = s.lemma[i]
        lower = s.lower[i]
        noun_form = _looks_like_noun(s, i)
        entries: list[TriggerEntry] | None = None
        particle: int | None = None
        planned_head = False
        is_noun = False
        if noun_form:
            entries = lex.nouns.get(lemma) or lex.nouns.get(lower)
            if entries is None:
                for head in plan_heads:
                    if lemma.endswith(head) and len(lemma) > len(head) + 3:
                        base = lemma[: -len(head)].rstrip("s-")
                        entries = lex.nouns.get(base) or _head_match(lex, base)
                        planned_head = entries is not None
                        break
            if entries is None:
                entries = _head_match(lex, lemma)
            is_noun = entries is not None
        if entries is None and (not noun_form or not lex.capitalised_nouns):
            # separable verb: a particle later in the clause ("wirft ... vor")
            particle = _separable(s, i, lex.verbs)
            if particle is not None:
                entries = lex.verbs[s.lower[particle] + lemma]
            else:
                entries = lex.verbs.get(lemma) or lex.verbs.get(lower) or _repeated_verb(lex, lemma)
        if entries is None and not noun_form:
            entries = lex.nouns.get(lemma)
            is_noun = entries is not None
        if entries and not is_noun and _adjectival_use(s, i):
            # "the fighting", "the shelling": after an article the form is its noun, if it has one
            entries = lex.nouns.get(lower)
            is_noun = entries is not None
        if not entries:
            continue
        trig = _Trigger(i, i + 1, entries[0], is_noun, particle, planned_head)
        chosen = _choose_entry(s, trig, entries)
        if chosen is not None:
            trig.entry = chosen
            found.append(trig)
    used = {t.consumed_obj for t in found if t.consumed_obj is not None}
    return sorted((t for t in found if t.start not in used), key=lambda t: t.start)


def _repeated_verb(lex: Lexicon, lemma: str) -> list[TriggerEntry] | None:
    """A verb with a prefix of repetition ("reimposed", "reopened") is the act again: the base verb's entries."""
    for prefix in lex.cue("repeat_prefixes"):
        if lemma.startswith(prefix) and len(lemma) - len(prefix) >= 4:
            return lex.verbs.get(lemma[len(prefix):].lstrip("-"))
    return None


def _adjectival_use(s: _Sentence, i: int) -> bool:
    """A verb form used as an adjective or noun: before a hyphen ("free-trade pact"), after one in an
    English compound ("long-threatened"), or right after an article ("the wounded", "an attacked
    convoy"); it names no act."""
    hyphen = i + 1 < s.n and s.lower[i + 1] == "-" and s.idx[i] + len(s.words[i]) == s.idx[i + 1]
    # the second part of a hyphenated adjective: "its long-threatened invasion", "US-backed forces"
    compound = i > 1 and s.lower[i - 1] == "-" and s.idx[i - 1] + 1 == s.idx[i] and s.is_alpha[i - 2] \
        and s.idx[i - 2] + len(s.words[i - 2]) == s.idx[i - 1] and not s.lex.capitalised_nouns
    # an English participle right after another verb's past form modifies the noun after it: "evacuated
    # wounded civilians", "attacked wounded soldiers"
    stacked = not s.lex.capitalised_nouns and i > 0 and s.lower[i].endswith(tuple(s.lex.cue("past_endings"))) \
        and s.lower[i - 1].endswith(tuple(s.lex.cue("past_endings"))) and s.lemma[i - 1] in s.lex.verbs \
        and i + 1 < s.n and s.is_alpha[i + 1] and s.is_lower[i + 1]
    return hyphen or compound or stacked or (i > 0 and s.lower[i - 1] in s.lex.cue("articles"))


def _separable(s: _Sentence, i: int, vocabulary: Iterable[str]) -> int | None:
    """The index of a clause-final particle that makes token ``i`` a word of ``vocabulary`` ("teilte ... mit")."""
    positions = s.particle_positions
    if not positions or positions[-1] <= i:  # no particle after i (or a language without particles)
        return None
    clause = s.clause[i]
    # clause ids never decrease along the sentence: the first particle outside i's clause ends the search
    for j in positions[bisect_right(positions, i):]:
        if s.clause[j] != clause:
            return None
        if s.lower[j] + s.lemma[i] in vocabulary:
            return j
    return None


def _head_match(lex: Lexicon, lemma: str) -> list[TriggerEntry] | None:
    """The entries of the longest known noun that ends ``lemma`` (German compound heads).

    One dictionary look-up per possible suffix (longest first), not a scan of the lexicon.
    """
    cache = lex.compound_heads
    if lemma in cache:
        return cache[lemma]
    heads = lex.head_set
    found = None
    for start in range(1, len(lemma) - 4):
        if lemma[start:] in heads:
            found = lex.nouns[lemma[start:]]
            break
    if len(cache) >= _WORD_CACHE_SIZE:
        cache.clear()
    cache[lemma] = found
    return found


def _looks_like_noun(s: _Sentence, i: int) -> bool:
    """Without a tagger: German nouns are capitalised; English nouns follow a determiner or modifier."""
    pos = s.pos[i]
    if pos in ("NOUN", "PROPN"):
        return True
    if pos in ("VERB", "AUX"):
        return False
    if s.lex.capitalised_nouns:
        return s.words[i][:1].isupper() and (i > 0 or s.lemma[i] in s.lex.nouns)
    if s.lemma[i] not in s.lex.nouns:
        return False
    if i == 0:
        return True  # a sentence opens with its subject, not a finite verb: "Talks with Kenya went well"
    prev = s.lower[i - 1]
    mention = s.mention_at.get(i - 1)
    if mention is not None and mention.start > 0 and s.lower[mention.start - 1] in s.lex.cue("indefinite_articles"):
        return True  # "an EU aid package", "a US strike": a name after "a/an" modifies the noun after it
    if mention is not None:
        # a bare sector word modifies a noun ("military aid"), unless the word is a verb form ("military aided")
        sector = mention.end - mention.start == 1 and s.is_lower[i - 1] and all(a.role for a in mention.actors)
        return mention.adjectival or mention.possessive or (
            sector and not s.lower[i].endswith(tuple(s.lex.cue("verb_endings")) or ("\0",)))
    if prev in s.lex.cue("determiners") or prev in {"'s", "’s", "of"}:
        return True
    if prev == "," and i >= 2 and s.words[i - 2].isdigit():
        return True  # a date inside the noun phrase: "the group's May 3, 2019, raid"
    if prev in s.lex.cue("verb_markers") or s.lower[i].endswith(tuple(s.lex.cue("verb_endings")) or ("\0",)):
        return False
    if s.lemma[i - 1] in s.lex.verbs or s.lower[i - 1] in s.lex.verbs:
        return True  # the object of a verb before it: "sent aid to", "offered talks"
    return s.is_alpha[i - 1] and not s.is_title[i - 1]


def _choose_entry(s: _Sentence, trig: _Trigger, entries: Sequence[TriggerEntry]) -> TriggerEntry | None:
    lo, hi = s.clause_range(s.clause[trig.start])
    for entry in entries:
        if entry.refl and s.has_cue("reciprocal", lo, hi) is None:
            continue
        if entry.ctx and not any(_word_in(w, s.lemma[k]) or _word_in(w, s.lower[k])
                                 for k in range(lo, hi) if k != trig.start for w in entry.ctx):
            continue
        if entry.pred and not any(_word_in(w, s.lemma[k]) or _word_in(w, s.lower[k])
                                  for k in range(trig.end, min(trig.end + 4, hi)) for w in entry.pred):
            continue
        if entry.obj_heads:
            hit = next((k for k in range(lo, hi) for w in entry.obj_heads
                        if k != trig.start and s.lemma[k].endswith(w)), None)
            if hit is None:
                continue
            trig.consumed_obj = hit
        return entry
    return None


def _word_in(word: str, lemma: str) -> bool:
    return word == lemma if len(word) < 4 else word in lemma


# --------------------------------------------------------------------------- roles


def _assign_roles(s: _Sentence, trig: _Trigger, prev_sources: list[Actor], carry: list[Actor],
                  all_triggers: list[_Trigger]) -> _Event:
    entry = trig.entry
    c = s.clause[trig.start]
    lo, hi = s.clause_range(c)
    # the window of this trigger: from the previous verb trigger of the clause to the next one
    prev_v = [t for t in all_triggers if not t.is_noun and s.clause[t.start] == c and t.start < trig.start]
    next_v = [t for t in all_triggers if not t.is_noun and s.clause[t.start] == c and t.start > trig.start]
    # (the word right after the verb before is that verb's own: in a verb-second language a participle ends
    # its phrase, so what follows it starts the next one, "haben ... demonstriert und ... angedroht"; in English
    # the next word is the first verb's object, "visited Eritrea and signed")
    w_lo = (prev_v[-1].particle + 1 if prev_v[-1].particle is not None
            else prev_v[-1].end + (0 if s.lex.verb_second else 1)) if prev_v and not trig.is_noun else lo
    w_hi = next_v[0].start if next_v and not trig.is_noun else hi
    if trig.particle is not None:
        w_hi = max(w_hi, trig.particle + 1)
    groups = s.groups_in(lo, hi, c)
    bare = [g for g in groups if g.prep is None]
    pp = [g for g in groups if g.prep is not None]
    sources: list[Actor] = []
    targets: list[Actor | None] = []
    sf = tf = 1.0
    own_object = False
    parsed = None if trig.is_noun else _dep_roles(s, trig)
    if parsed is not None and parsed[2]:
        return _Event(trig, [], parsed[1] or [None], sf, tf)  # a passive without agent: the target only
    if trig.is_noun:
        sources, targets, sf = _noun_roles(s, trig, groups, bare, lo, hi)
    else:
        agent_preps = s.lex.cue("agent_prepositions")
        after = s.has_cue("passive_aux", trig.end, min(trig.end + 2, s.n)) if s.lex.verb_second else None
        passive = s.has_cue("passive_aux", w_lo, trig.start + 1) is not None or (
            after is not None and s.clause[after] == c)
        # (verb-final clauses put the auxiliary after the participle: "..., dass Kiew angegriffen wurde")
        agent = next((g for g in pp if g.prep in agent_preps and w_lo <= g.start < w_hi), None) if passive else None
        if agent is None and s.lower[trig.start] != s.lemma[trig.start] and not s.lex.verb_second:
            # a reduced relative: "separatists backed by Yerevan" (a participle right before its agent;
            # in verb-second languages a finite verb stands there: "fordert von Deutschland")
            agent = next((g for g in pp if g.prep in agent_preps and trig.end < g.start <= trig.end + 3
                          and all(s.lower[k] in agent_preps or s.lower[k] in s.lex.cue("determiners")
                                  for k in range(trig.end, g.start))), None)
            if agent is not None and not any(g.start < trig.start for g in bare if w_lo <= g.start):
                agent = None
        w_lo = _embedded_start(s, trig, w_lo, bare)
        win_bare = [g for g in bare if w_lo <= g.start < w_hi]
        if agent is None and passive and _passive_participle(s, trig):
            # "three soldiers were killed": the subject suffered the act; whoever did it is not named
            subj = next((g for g in win_bare if g.start < trig.start), None)
            event = _Event(trig, [], list(subj.actors) if subj else [None], sf, tf)
            return event
        if agent is not None:
            sources = agent.actors
            subj = next((g for g in win_bare if g.start < trig.start), None) or next(iter(win_bare), None)
            targets = list(subj.actors) if subj else []
        else:
            left = _after_relative(s, [g for g in win_bare if g.start < trig.start], trig.start)
            right = [g for g in win_bare if g.start > trig.start]
            first_word = next((k for k in range(w_lo, trig.start) if s.is_alpha[k]), None)
            coords = s.lex.cue("coordinators")
            if left and prev_v and not s.lex.verb_second and trig.start > 0 \
                    and s.lower[trig.start - 1] in coords - {","} and left[-1].end < trig.start - 1:
                left = []  # "killed one soldier and wounded two": the phrase is the first verb's object
            coordinated = (first_word is None and not _after_subordinate_clause(s, c)) or (
                first_word is not None and s.lower[first_word] in coords) or (
                not s.lex.verb_second and trig.start > 0 and s.lower[trig.start - 1] in coords - {","})
            # ("denied the report and accused Ukraine": the verb right after "and" shares the subject)
            first = next((g for g in groups if w_lo <= g.start < trig.start), None)
            if not left and first is not None and first.prep in s.lex.cue("genitive_links") \
                    and not s.lex.verb_second:
                # "Thousands of Iraqi Kurds demonstrated": the group inside the subject phrase
                left = [first]
            # a personal pronoun opening a verb-second clause is its subject: "Wir werden Aserbaidschan unterstützen",
            # also after the word that opens a subordinate clause: "bestritt, dass es Peru angegriffen habe"
            openers = s.lex.cue("subordinators") | s.lex.cue("complementizers_finite")
            lead = first_word
            while lead is not None and s.lower[lead] in openers:
                lead = next((k for k in range(lead + 1, trig.start) if s.is_alpha[k]), None)
            pronoun_subject = s.lex.verb_second and lead is not None and s.lower[lead] in s.lex.cue("pronouns")
            if left and pronoun_subject and lead is not None and lead < left[0].start:
                right, left = left + right, []
            if pronoun_subject and lead is not None and s.lower[lead] in s.lex.cue("subject_pronouns"):
                # "er", "sie", "es": the subject of the clause before, else the sentence's first actor
                head = next((g for g in s.groups if g.prep is None and s.clause[g.start] < c), None)
                prev_sources = prev_sources or (list(head.actors) if head is not None else [])
                first_word = lead
            main_verb = next((t for t in all_triggers if not t.is_noun and t.start < trig.start), None) \
                if _participle_adjunct(s, trig) else None
            main = next((g for g in reversed(s.groups) if g.prep is None and g.end <= main_verb.start), None) \
                if main_verb is not None else None
            if main is not None and c > 0:
                # "rejected an Indian proposal, urging India to ...": the participle's subject is the sentence's
                sources, sf = list(main.actors), 0.85
                objects = [g for g in right if g is not main]
            elif left and _reported_subject_unknown(s, trig, left[0]):
                left, right = [], [g for g in right if g.start > trig.start]  # "X said the rockets targeted Y"
                objects = right
            elif left and carry and c > 0 and s.lex.verb_second and _is_infinitive(s, trig) \
                    and _opens_with_pronoun(s, c - 1):
                # "Er freue sich darauf, Kim zu treffen": the name before a verb-final infinitive is its object,
                # its subject is "er", the subject of the sentence before
                sources, sf = list(carry), 0.75
                objects = left + right
            elif left:
                sources = left[0].actors
                objects = [g for g in left[1:] + right if g is not left[0]]
            elif c > 0 and _is_infinitive(s, trig) and (ctrl := _controller(s, c, all_triggers)) is not None:
                sources, sf = ctrl.actors, 0.85  # "Einheiten hätten versucht, in die Region vorzudringen"
                objects = right
            elif prev_v and prev_sources and entry.type != "REQUEST" and trig.start > 0 \
                    and s.lower[trig.start - 1] in s.lex.cue("infinitive_markers"):
                # "police fired tear gas to disperse protesters": the purpose is the same actor's act (not so
                # "to demand ...", which says what the act before was for)
                sources, sf = list(prev_sources), 0.85
                objects = right
            elif coordinated and (prev_sources or carry):
                sources = list(prev_sources or carry)
                sf = 0.85
                objects = right
            elif prev_sources and first_word is not None and s.lower[first_word] in s.lex.cue("subject_pronouns"):
                sources, sf = list(prev_sources), 0.8  # "Peru warned that it could strike Ecuador"
                objects = right
            elif right and s.lex.verb_second and not pronoun_subject:
                sources = right[0].actors  # inversion: "Am Dienstag wirft Moskau Kiew vor"
                objects = right[1:]
            elif right and pronoun_subject:  # "Wir unterstützen Aserbaidschan"
                objects = right
            elif (appositive := _apposed_subject(s, trig, all_triggers)
                  or _apposition_of_name(s, trig, all_triggers)) is not None:
                sources, sf = appositive.actors, 0.85  # "Pakistan, a key U.S. ally, has refused to ..."
                objects = right
            else:
                objects = []
            src_keys = {a.key for a in sources}
            # "Iran threatened to launch a military offensive": its own forces are not its object
            kept = [g for g in objects if not {a.key for a in g.actors} <= src_keys
                    or any(_distinct(a, b) for a in sources for b in g.actors)]
            # (its object the source's own state in another sector, "asked the Lebanese military": no one else's)
            own_object = entry.obj and bool(objects) and not kept and objects[0].start > trig.start and any(
                a.role and a.role != b.role for a in objects[0].actors for b in sources)
            objects = kept
            pp_targets = [g for g in pp if g.prep in entry.target_preps and w_lo <= g.start < w_hi
                          and g.start > (left[0].end if left else w_lo - 1)
                          # "demanded the withdrawal of Serbian forces from Bosnia": the phrase is the demanded act's
                          and not ((entry.type == "REQUEST" or entry.flags & _GOVERNING) and any(
                              t.is_noun and trig.end <= t.start < g.start and g.prep in t.entry.target_preps
                              for t in all_triggers))]
            pp_modifier = next((m for m in s.mentions if m.adjectival and m.prep in entry.target_preps
                                and w_lo <= m.start < w_hi and not {a.key for a in m.actors} & src_keys), None)
            if pp_targets:
                targets = pp_targets[0].actors
            elif pp_modifier is not None:  # "sperrt den Hafen für chilenische Schiffe"
                targets = list(pp_modifier.actors)
            elif entry.obj and objects:
                targets = objects[0].actors
            elif entry.obj:
                # a demonym in the object phrase: "rejected an Indian proposal", "shelled Iraqi towns"
                src = {a.key for a in sources}
                modifiers = _object_modifiers(s, trig.end, w_hi, c, src)
                if not modifiers and s.lex.verb_second and _clause_final(s, trig):
                    # a participle or verb at the end has its object before it: "hat der Moskauer
                    # Darstellung widersprochen"
                    modifiers = _object_modifiers(s, left[0].end if left else w_lo, trig.start, c, src)
                if modifiers:
                    targets = modifiers
                else:  # the owner of the object: "shelled positions of the Palestinian forces"
                    owner = _object_owner(s, trig, pp, hi, src)
                    if owner is not None:
                        targets = list(owner.actors)
    if parsed is not None:
        # the parse knows subjects and objects better than word order; the clause grammar fills its gaps
        if parsed[0]:
            sources, sf = parsed[0], 1.0
        if parsed[1]:
            targets = parsed[1]
        targets = [a for a in targets if a is None or a.key not in {x.key for x in sources}
                   or any(_distinct(x, a) for x in sources)]
    if entry.between:
        pair = _between(s, trig, groups)
        if pair:
            sources, targets = [pair[0]], [pair[1]]
            sf = 1.0
    event = _Event(trig, sources, targets or [None], sf, tf)
    event.own_object = own_object and not any(targets)
    parties = len({a.key for a in sources}) > 1 and not any(targets)
    # "Armenien und Aserbaidschan liefern sich Gefechte", "attacked each other": each does it to the other
    event.pairwise = parties and (entry.sym or s.has_cue("mutual", lo, hi) is not None or (
        entry.type in _FIELD_ACTS and s.has_cue("reciprocal", lo, hi) is not None))
    return event


def _judged(s: _Sentence, trig: _Trigger) -> int | None:
    """Where a judgement phrase after a noun event begins ("hält eine Einigung für denkbar"), if one does."""
    if not trig.is_noun:
        return None
    return s.has_cue("judgement_phrases", trig.end, s.clause_range(s.clause[trig.start])[1])


def _judge(s: _Sentence, trig: _Trigger) -> _Group | None:
    """Who judges a noun event possible or likely ("Die EU hält eine Einigung für denkbar"): the
    clause's subject before it, when a judgement phrase follows the noun."""
    if _judged(s, trig) is None:
        return None
    lo = s.clause_range(s.clause[trig.start])[0]
    return next((g for g in s.groups if g.prep is None and lo <= g.start < trig.start), None)


def _opens_with_pronoun(s: _Sentence, c: int) -> bool:
    """Clause ``c`` opens with a third-person subject pronoun ("Er freue sich ...")."""
    lo, hi = s.clause_range(c)
    first = next((k for k in range(lo, hi) if s.is_alpha[k]), None)
    return first is not None and s.lower[first] in s.lex.cue("subject_pronouns")


def _controller(s: _Sentence, c: int, triggers: list[_Trigger]) -> _Group | None:
    """The subject of the clause before an infinitive clause that has none ("X tried, to ..."), when that
    clause holds no act of its own (its verb, "versucht", only controls the infinitive)."""
    if any(s.clause[t.start] == c - 1 for t in triggers):
        return None  # a governing trigger there ("warf ... vor, ... zu") hands its roles over itself
    return next((g for g in s.groups if g.prep is None and s.clause[g.start] == c - 1), None)


def _reported_subject_unknown(s: _Sentence, trig: _Trigger, subject: _Group) -> bool:
    """"Peru's army said the captured drones targeted Tacna": a speech verb stands between the
    speaker and the verb, and what comes between them is a noun phrase that names no actor (a pronoun
    would stand for the speaker: "Israel said it struck ...").  The verb then has no known agent."""
    lex = s.lex
    if lex.verb_second:
        return False
    speech = lex.cue("speech_verbs")
    k = next((k for k in range(trig.start - 1, subject.end - 1, -1)
              if s.lemma[k] in speech or s.lower[k] in speech), None)
    if k is None:
        return False
    between = [j for j in range(k + 1, trig.start) if s.is_alpha[j]]
    if any(s.lower[j] in lex.cue("pronouns") for j in between):
        return False
    if all(s.lower[j] in lex.cue("determiners") for j in between):
        return False  # "declared a state of emergency": the act is the speech verb's object
    skip = lex.cue("complementizers") | lex.cue("complementizers_finite") | lex.cue("verb_markers") \
        | lex.cue("passive_aux") | lex.cue("modal_words")
    return any(s.lower[j] not in skip and j not in s.mention_at and not s.like_num[j] for j in between
               if s.is_lower[j] or s.lower[j] in lex.cue("determiners"))


def _after_relative(s: _Sentence, left: list[_Group], at: int) -> list[_Group]:
    """The subject candidates of a verb inside a relative clause: "X provides aid to Macedonia, which is
    preparing an offensive" has Macedonia (the noun before "which"), never X, as its subject; so has
    "..., Mazedonien, das eine Offensive vorbereitet"."""
    rel, after_comma = s.lex.cue("relative_pronouns"), s.lex.cue("comma_relative_pronouns")
    floor = left[0].start if left else max(0, at - 8)
    k = next((k for k in range(at - 1, floor - 1, -1) if s.lower[k] in rel), None)
    nominative = None
    if k is None and after_comma:  # "Macron, der mit Trump über Syrien sprach": the pronoun is the subject
        lo, _hi = s.clause_range(s.clause[at])
        nominative = next((k for k in range(lo, at) if s.lower[k] in after_comma and k > 0
                           and s.lower[k - 1] == ","), None)
        k = nominative
    if k is None:
        return left
    j = k - 1
    while j >= 0 and s.lower[j] == ",":
        j -= 1
    antecedent = [g for g in s.groups if g.start <= j < g.end]
    inside = [g for g in left if g.start > k]
    return (antecedent + inside) if nominative is not None else (inside or antecedent)


def _after_subordinate_clause(s: _Sentence, c: int) -> bool:
    """A verb-second main clause after a fronted subordinate clause starts with its verb and has its
    subject after it ("Weil ..., verstärken die USA ..."); it is not a coordinated clause."""
    if not s.lex.verb_second or c == 0:
        return False
    lo, hi = s.clause_range(c - 1)
    first = next((k for k in range(lo, hi) if s.is_alpha[k]), None)
    if first is None:
        return False
    if s.lower[first] in s.lex.cue("subordinators"):
        return True
    lo0, hi0 = s.clause_range(0)
    first0 = next((k for k in range(lo0, hi0) if s.is_alpha[k]), None)
    return c - 1 > 0 and first0 is not None and s.lower[first0] in s.lex.cue("subordinators")


def _apposed_subject(s: _Sentence, trig: _Trigger, triggers: list[_Trigger]) -> _Group | None:
    """The sentence subject of a verb separated from it by an apposition or inserted phrase:
    "Pakistan, a key U.S. ally in the war, has refused ...".  Only when the subject opens the
    sentence, no other verb trigger stands between them, and the verb's clause opens with no
    subordinator or coordinator (those start clauses with subjects of their own)."""
    c = s.clause[trig.start]
    if c == 0:
        return None
    lo, _hi = s.clause_range(c)
    if _opens_with_connective(s, lo, trig.start):
        return None
    subject = next(iter(s.groups), None)
    if subject is None or s.clause[subject.start] != 0:
        return None
    words = [k for k in range(0, subject.start)
             if s.is_alpha[k] and k not in s.mention_at and s.lower[k] not in s.lex.cue("determiners")]
    if subject.prep is None and words:
        return None
    if subject.prep is not None and not (subject.prep in s.lex.cue("genitive_links") and len(words) <= 2
                                         and not any(t.start < subject.start for t in triggers)):
        return None  # the group inside the subject phrase: "A member of the Syrian parliament, Mr X, started"
    if s.clause[subject.end - 1] == c or any(subject.end <= t.start < trig.start and not t.is_noun for t in triggers):
        return None
    if subject.end >= s.n or s.lower[subject.end] != ",":
        return None  # the apposition must follow the subject itself
    return subject


def _opens_with_connective(s: _Sentence, lo: int, hi: int) -> bool:
    """The first word in ``[lo, hi)`` is a subordinator or coordinator: the clause has a subject of its own."""
    first = next((k for k in range(lo, hi) if s.is_alpha[k]), None)
    return first is not None and s.lower[first] in s.lex.cue("subordinators") | s.lex.cue("coordinators")


def _apposition_of_name(s: _Sentence, trig: _Trigger, triggers: list[_Trigger]) -> _Group | None:
    """A sentence that opens with a name no data file knows, followed by an apposition that says whose
    it is: "Kenzo Oshima, the United Nations relief coordinator, demanded ...", "Jane Doe, Algeria's
    leading activist, staged ...": the actor of the apposition is the verb's subject."""
    p = next((k for k in range(min(s.n, 5)) if s.lower[k] == ","), None)
    if not p or any(not (s.is_alpha[k] and s.is_title[k]) or k in s.mention_at for k in range(p)):
        return None
    q = next((k for k in range(p + 1, min(s.n, p + 12)) if s.lower[k] == ","), None)
    if q is None or not q < trig.start or any(p < t.start < q or (q < t.start < trig.start and not t.is_noun)
                                              for t in triggers if t is not trig):
        return None
    if _opens_with_connective(s, q + 1, trig.start):
        return None
    return next((g for g in s.groups if p < g.start < q and g.prep is None), None)


def _dep_roles(s: _Sentence, trig: _Trigger) -> tuple[list[Actor], list[Actor | None], bool] | None:
    """Roles from a dependency parse, when the pipeline has one: subject, passive agent, objects and the
    objects of the trigger's own prepositions (label sets per language in the ``[parse]`` cues).

    Returns ``(sources, targets, passive_without_agent)``, or None when the sentence has no parse or the
    parse names no actor around the trigger (the clause grammar then decides).
    """
    if not s.has_dep:
        return None
    lex = s.lex
    verb = s.toks[trig.start]
    base = s.sent.start
    kids = list(verb.children)
    subj = [c for c in kids if c.dep_ in lex.cue("dep_subject")]
    subjpass = [c for c in kids if c.dep_ in lex.cue("dep_passive_subject")]
    agent = [g for c in kids if c.dep_ in lex.cue("dep_agent") for g in c.children
             if g.dep_ in lex.cue("dep_prep_object")]
    objs = [c for c in kids if c.dep_ in lex.cue("dep_object")]
    preps = [(c.lemma_.lower(), g) for c in kids if c.dep_ in lex.cue("dep_prep") for g in c.children
             if g.dep_ in lex.cue("dep_prep_object")]
    if trig.particle is not None:
        preps += [(c.lemma_.lower(), g) for c in s.toks[trig.particle].children if c.dep_ in lex.cue("dep_prep")
                  for g in c.children if g.dep_ in lex.cue("dep_prep_object")]

    def actors(tok: Token) -> list[Actor]:
        i = tok.i - base
        m = s.mention_at.get(i)
        if m is None:  # a pre-modifier names the actor: "Iraqi insurgents", "Russia's army"
            m = next((s.mention_at[k] for k in range(tok.left_edge.i - base, i) if k in s.mention_at), None)
        if m is None:
            return []
        group = next((g for g in s.groups if m in g.mentions), None)
        return list(group.actors) if group is not None else list(m.actors)

    entry = trig.entry
    sources = [a for t in (agent or subj) for a in actors(t)]
    targets: list[Actor | None] = []
    if agent or subjpass:
        targets = [a for t in subjpass for a in actors(t)]
    if not targets:
        for prep, t in preps:
            if prep in entry.target_preps and actors(t):
                targets = list(actors(t))
                break
    if not targets and entry.obj:
        targets = [a for t in objs for a in actors(t)][:4]
    if verb.dep_ in lex.cue("dep_relative") and not sources and verb.head.i - base in s.mention_at:
        # "separatists backed by Yerevan": the noun the participle modifies is its object
        targets = targets or actors(verb.head)
    if not sources and not targets:
        return None
    return sources, targets, bool(subjpass) and not agent


def _embedded_start(s: _Sentence, trig: _Trigger, w_lo: int, bare: list[_Group]) -> int:
    """Where the clause of a verb starts when it is reported or feared without a comma:
    "Russia said Ukraine attacked Belgorod", "Kyiv fears that Belarus could attack".

    The last speech or fear word (or "that") before the trigger that has a bare actor between it
    and the trigger opens the trigger's own clause.
    """
    lex = s.lex
    if lex.verb_second:  # such languages set every reported clause off with a comma
        return w_lo
    openers = lex.cue("speech_verbs") | lex.cue("fear") | lex.cue("complementizers_finite") | lex.cue("subordinators")
    preps, markers = lex.cue("prepositions"), lex.cue("complementizers")
    for k in range(trig.start - 1, w_lo - 1, -1):
        if (s.lemma[k] in openers or s.lower[k] in openers) and k not in s.mention_at:
            subject = next((g for g in bare if k < g.start < trig.start), None)
            # (the infinitive marker right before the verb is no preposition: "said that Lima has decided to
            # suspend ...")
            if subject is not None and not any(s.lower[j] in preps for j in range(subject.end, trig.start)
                                               if j != trig.start - 1 or s.lower[j] not in markers):
                return k + 1
    return w_lo


def _passive_participle(s: _Sentence, trig: _Trigger) -> bool:
    """A participle in a passive clause ("were killed"), not a progressive ("is attacking") or an
    adjectival participle that opens a complement ("is committed to", "is opposed to")."""
    i = trig.start
    if s.lower[i] == s.lemma[i] or s.lower[i] in s.lex.cue("passive_aux"):
        return False
    if s.lower[i].endswith(tuple(s.lex.cue("progressive_endings")) or ("\0",)):
        return False
    return not (i + 1 < s.n and s.lower[i + 1] in s.lex.cue("complementizers"))


def _object_owner(s: _Sentence, trig: _Trigger, pp: list[_Group], hi: int, exclude: set[str]) -> _Group | None:
    """The group after a genitive link that ends the verb's object phrase: "shelled positions of the
    Palestinian forces", "expelled inspectors of the IAEA", "rejected calls by Belarus's rulers"."""
    links = s.lex.cue("genitive_links")
    end = trig.particle if trig.particle is not None and trig.particle > trig.end else trig.end
    for g in pp:
        if g.prep in links and end < g.start < hi and not {a.key for a in g.actors} & exclude:
            k = next((k for k in range(g.start - 1, end - 1, -1) if s.lower[k] in links), None)
            if k is None or k == end:
                return None
            head = range(end, k)  # the object noun phrase: articles, adjectives, a noun
            if len(head) <= 5 and all(s.is_alpha[j] or s.like_num[j] or s.lower[j] in "-'" for j in head) \
                    and not any(j in s.mention_at or s.lower[j] in s.lex.cue("prepositions") for j in head):
                return g
            return None
    return None


def _object_modifiers(s: _Sentence, lo: int, hi: int, clause: int, exclude: set[str]) -> list[Actor]:
    """The actors of the first demonym adjective in ``[lo, hi)`` that modifies a bare noun phrase ("an
    Indian proposal"), with those coordinated with it ("Sierra Leonean and Liberian refugees")."""
    coords = s.lex.cue("coordinators")
    found: list[Actor] = []
    last = -1
    for m in sorted(s.mentions, key=lambda m: m.start):
        if found:
            if m.adjectival and all(s.lower[k] in coords for k in range(last, m.start)) and last < m.start:
                found.extend(m.actors)
                last = m.end
                continue
            break
        if lo <= m.start < hi and m.adjectival and m.prep is None and s.clause[m.start] == clause \
                and m.end < s.n and s.is_alpha[m.end] and not {a.key for a in m.actors} & exclude:
            found.extend(m.actors)
            last = m.end
    return found


def _complement_target(s: _Sentence, trig: _Trigger, triggers: list[_Trigger], exclude: set[str],
                       sources: Sequence[Actor] = ()) -> list[Actor]:
    """Who a governing verb's complement is about: "threatened to cut off electricity to Nakhichevan".

    The first actor after the trigger in its clause (or the complement clause it opens) that is not
    a place of the act ("in Geneva"), the agent, or the source itself.
    """
    c = s.clause[trig.start]
    lex = s.lex
    skip = lex.cue("locative_prepositions") | lex.cue("agent_prepositions")
    end = trig.particle + 1 if trig.particle is not None else trig.end
    _lo, hi = s.clause_range(c)
    if hi < s.n and s.clause[hi] == c + 1:
        nxt_lo, nxt_hi = s.clause_range(c + 1)
        if {s.lower[k] for k in range(nxt_lo, min(nxt_lo + 2, nxt_hi))} & lex.cue("complementizers") \
                or s.subjunctive(nxt_lo, nxt_hi) is not None:  # "drohte, Putin werde ... bezahlen"
            hi = nxt_hi
    if trig.particle is not None and trig.particle >= trig.end:
        end, hi = trig.end, trig.particle  # "weist Kritik an X zurück": the complement ends at the particle
    means = _means_subject(s, trig, [g for g in s.groups if g.prep is None], _lo, hi)
    if means is not None:
        hi = means.start  # "Mit der Drohung eines Angriffs auf X hat Russland ...": the phrase ends at the verb
    nxt_verb = [t.start for t in triggers if not t.is_noun and t.start >= end and s.clause[t.start] == c]
    if nxt_verb and s.lower[nxt_verb[0] - 1] in lex.cue("coordinators"):
        hi = min(hi, nxt_verb[0])  # "... and attacked Bosnia" is another act
    def own(a: Actor) -> bool:  # the source itself, but not another party of its state (opposition, government)
        return a.key in exclude and a.role not in _DOMESTIC_PARTIES and not any(_distinct(x, a) for x in sources)

    for m in sorted(s.mentions, key=lambda m: m.start):
        if end <= m.start < hi and (m.prep is None or m.prep not in skip) and not any(own(a) for a in m.actors):
            if m.adjectival and not (m.end < s.n and s.is_alpha[m.end]):
                continue
            group = next((g for g in s.groups if m in g.mentions), None)  # "with Congo and Costa Rica"
            return [a for a in (group.actors if group else m.actors) if not own(a)]
    return []


def _noun_roles(s: _Sentence, trig: _Trigger, groups: list[_Group], bare: list[_Group], lo: int,
                hi: int) -> tuple[list[Actor], list[Actor | None], float]:
    entry = trig.entry
    sources: list[Actor] = []
    sf = 1.0
    # a demonym adjective or possessive inside the noun phrase: "russischen Truppenaufmarsches", "Russia's attack"
    for m in s.mentions:
        if m.end <= trig.start and trig.start - m.end <= 6 and (m.adjectival or m.possessive):
            between = range(m.end, trig.start)
            # modifiers, or a date inside the phrase: "the group's May 3, 2019, raid"
            if all(s.is_lower[k] or s.lower[k] in {"'s", "’s", "'", "’", ","} or s.words[k].isdigit()
                   or (s.words[k].endswith(".") and s.is_title[k]) for k in between) \
                    and (trig.start - m.end <= 3 or any(s.words[k].isdigit() for k in between)):
                sources = list(m.actors)
    # a hyphen compound with an actor prefix: "US-Angriff", "Nato-Manöver"
    if not sources and "-" in s.words[trig.start]:
        from .actors import resolve

        prefix = s.words[trig.start].split("-")[0]
        actor = resolve(prefix, s.lang, s.pub_date)
        if actor is not None:
            sources = [actor.with_mention(prefix, s.char_span(trig.start, trig.end), f"{prefix} -> compound prefix")]
    # a genitive right after the noun: "Gespräch der beiden Staatsoberhäupter", "attack by Russia"; after an
    # act done to someone ("Invasion der Ukraine durch Russland", "the annexation of Crimea") it is the target
    objective: _Group | None = None
    if not sources:
        links = s.lex.cue("genitive_links") | s.lex.cue("agent_prepositions") | entry.source_preps
        agents = s.lex.cue("agent_prepositions")
        bare_genitive = bool(s.lex.cue("genitive_endings"))  # "Angriff Russlands"; English has none
        for g in groups:
            if (g.start == trig.end and bare_genitive) or (g.start - trig.end <= 3 and any(s.lower[k] in links
                                                                       for k in range(trig.end, g.start))):
                if all(s.lower[k] in links or s.lower[k] in s.lex.cue("determiners") or s.is_lower[k]
                       for k in range(trig.end, g.start)) and (g.prep in (None, GENITIVE) or g.prep in links):
                    if "objgen" in entry.flags and g.prep not in agents:
                        objective = g
                        agent = next((a for a in groups if a.start > g.start and (a.prep in agents
                                      or a.prep in entry.source_preps) and a.start - g.end <= 2), None)
                        sources = agent.actors if agent is not None else []
                        break
                    sources = g.actors
                    break
    # the clause subject when the noun is the object of a light verb: "führt Gespräche mit ...", "held talks"
    light = s.lex.cue("light_verbs")
    prep = s.prep_before(trig.start)
    if prep is not None and prep in s.lex.cue("genitive_links"):
        k = next((k for k in range(trig.start - 1, max(trig.start - 5, 0), -1) if s.lower[k] == prep), None)
        if k is not None and s.lemma[k - 1] in s.lex.cue("measure_nouns"):
            prep = None  # "held a new round of border talks": the measure's noun is the light verb's object
    aux = s.lex.cue("perfect_auxiliaries")  # "have" is light only with its noun ("had talks"), not "have kidnapped"
    setting = prep is not None and entry.type == "CONSULT" and prep in s.lex.cue("setting_prepositions")
    # "Mit der Drohung eines Angriffs hat Russland ...", "With its threat, Moscow ...": the act the clause
    # opens with is the means of its subject
    until = s.n
    if not sources and (subj := _means_subject(s, trig, bare, lo, hi)) is not None:
        sources, sf, until = subj.actors, 0.8, subj.start  # (its own phrase ends there: targets lie before)
    if setting:  # "sagte bei einem Gespräch mit Lula", "said during talks with Kyiv": the subject's talks
        prep = None
    elif prep is not None and prep in s.lex.cue("entry_prepositions"):  # "went on strike", "trat in den Streik"
        prep, light, aux = None, s.lex.cue("entry_verbs"), _NO_WORDS
    elif prep is not None and prep in s.lex.cue("purpose_prepositions"):  # "returned to Geneva for talks"
        prep, light, aux = None, s.lex.cue("motion_verbs"), _NO_WORDS
    again = s.lex.cue("repeat_prefixes")
    if _judged(s, trig) is not None:
        light = aux = _NO_WORDS  # "hält eine Einigung für möglich": the subject judges the act, it does not do it
    if not sources and prep is None and (setting or any(
            (s.lemma[k] in light or s.lower[k] in light or _separable(s, k, light) is not None
             or any(s.lemma[k].startswith(p) and s.lemma[k][len(p):].lstrip("-") in light for p in again))
            and (s.lemma[k] not in aux or k < trig.start <= k + 3)
            for k in range(lo, hi) if k != trig.start)):
        subj = next(iter(_after_relative(s, [g for g in bare if g.start < trig.start], trig.start)), None)
        first = next((g for g in groups if lo <= g.start < trig.start), None)
        if subj is None and first is not None and first.prep in s.lex.cue("genitive_links") \
                and not s.lex.verb_second:
            subj = first  # "Thousands of students in X staged demonstrations"
        if subj is not None:
            sources = subj.actors
            sf = 0.9
    targets: list[Actor | None] = list(objective.actors) if objective is not None else []
    for g in groups if not targets else ():
        if until > g.start > trig.start and g.prep in entry.target_preps and not set(a.key for a in g.actors) & {
                a.key for a in sources}:
            targets = list(g.actors)
            break
    return sources, targets, sf


def _means_subject(s: _Sentence, trig: _Trigger, bare: Sequence[_Group], lo: int, hi: int) -> _Group | None:
    """The subject whose means a noun event is when the clause opens with it ("Mit der Drohung eines Angriffs
    hat Russland ...", "With sanctions on Peru, Chile answered ..."): the first bare group after the verb or
    comma that ends the phrase (a genitive right after the noun is the noun's own)."""
    if not trig.is_noun or s.lower[lo] not in s.lex.cue("instrument_prepositions") \
            or s.prep_before(trig.start) != s.lower[lo]:
        return None
    subj = next((g for g in bare if trig.start < g.start < hi), None)
    words = s.lex.cue("prepositions") | s.lex.cue("determiners") | s.lex.cue("genitive_links")
    if subj is not None and any(s.lower[k] == "," or (s.is_lower[k] and s.lower[k] not in words)
                                for k in range(trig.end, subj.start)):
        return subj
    return None


def _between(s: _Sentence, trig: _Trigger, groups: list[_Group]) -> tuple[Actor, Actor] | None:
    """"Krieg zwischen A und B" / "talks between A and B": source A, target B."""
    for g in groups:
        if g.start > trig.start and g.prep in trig.entry.between and len(g.actors) >= 2:
            return g.actors[0], g.actors[1]
    return None


# --------------------------------------------------------------------------- component


@Language.factory(
    "kg_events",
    requires=["token.lemma"],
    assigns=["doc._.kg_statements"],
    default_config={"min_confidence": 0.0},
)
def make_events(nlp: Language, name: str, min_confidence: float) -> EventExtractor:
    return EventExtractor(nlp.lang, min_confidence)


class EventExtractor:
    """Turns the actor mentions and trigger words of a Doc into statements."""

    def __init__(self, lang: str, min_confidence: float = 0.0) -> None:
        ensure_extensions()
        self.lang = lang
        self.lex = Lexicon.load(lang)
        self.min_confidence = min_confidence

    def __call__(self, doc: Doc) -> Doc:
        doc._.kg_statements = extract_statements(doc, self.lex, self.min_confidence)
        return doc


@dataclass
class _DocContext:
    doc_id: str | None = None
    states: list[Actor] = field(default_factory=list)  # states named so far, in order
    statements: list[Statement] = field(default_factory=list)
    last_sources: list[Actor] = field(default_factory=list)
    sentence: int = 0  # index of the sentence being read
    sentence_of: list[int] = field(default_factory=list)  # the sentence index of each of ``statements``

    def recent(self, window: int = 2) -> Iterator[Statement]:
        """The statements of this and the ``window`` sentences before, latest first."""
        for st, at in zip(reversed(self.statements), reversed(self.sentence_of), strict=True):
            if self.sentence - at > window:
                return
            yield st


def _mentions_by_sentence(doc: Doc, starts: list[int]) -> dict[int, list[_Mention]]:
    """The actor mentions of each sentence (keyed by the sentence's first token), in one pass over the spans.

    ``starts`` are the sentences' first tokens, ascending.
    """
    ensure_extensions()
    out: dict[int, list[_Mention]] = {}
    group = doc.spans[ACTOR_SPANS] if ACTOR_SPANS in doc.spans else []
    for span in group:
        ext = span._  # one extension accessor per span, not one per attribute read
        actor = ext.kg_actor
        if actor is None:
            continue
        start, end = span.start, span.end
        sent_start = starts[bisect_right(starts, start) - 1]
        members = ext.kg_actors_group
        actors = list(members) if members else [actor]
        out.setdefault(sent_start, []).append(
            _Mention(start - sent_start, end - sent_start, actors, bool(ext.kg_adjectival)))
    return out


def extract_statements(doc: Doc, lex: Lexicon | None = None, min_confidence: float = 0.0) -> list[Statement]:
    """All statements of ``doc`` (which must carry ``kg_actors`` spans), in text order."""
    ensure_extensions()
    lex = lex or Lexicon.load(doc.lang_)
    ctx = _DocContext(doc._.kg_doc_id)
    out: list[Statement] = []
    tokens = _DocTokens(doc)
    sentences = tokens.sentences()
    by_sentence = _mentions_by_sentence(doc, [start for start, _end in sentences])
    pub_date = doc._.kg_date
    has_dep = bool(lex.cue("dep_subject")) and doc.has_annotation("DEP")
    text, idx, words = tokens.text, tokens.idx, tokens.words
    for start, end in sentences:
        if not text[idx[start]:idx[end - 1] + len(words[end - 1])].strip():
            continue
        mentions = _without_dateline([m for m in by_sentence.get(start, []) if m.end <= end - start], lex.lang)
        s = _Sentence(tokens, start, end, mentions, lex, pub_date, has_dep)
        triggers = _find_triggers(s)
        if triggers:
            out.extend(_sentence_statements(doc, s, triggers, ctx))
        ctx.sentence += 1
        for m in mentions:
            for a in m.actors:
                if a.kind == "state" or (a.country and not a.org and a.kind != "person"):
                    ctx.states.append(a)
    # one statement per reading of one trigger; a statement without a target says less than one with a target
    # of the same type, source and modality in the same sentence, and goes
    with_target = {(st.span, st.type, st.source.key, st.modality) for st in out if st.target is not None}
    # an unattributed claim of an act the article states as fact elsewhere adds nothing
    asserted = {(st.type, st.source.key, st.target.key if st.target else None) for st in out
                if st.modality == "asserted"}
    seen: set[tuple] = set()
    unique: list[Statement] = []
    for st in out:
        if st.target is None and (st.span, st.type, st.source.key, st.modality) in with_target:
            continue
        if st.modality == "claimed" and st.attributed_to is None and (
                st.type, st.source.key, st.target.key if st.target else None) in asserted:
            continue
        # (one act between two parties told by two words of a sentence, "reiste zu Gesprächen", "in einer
        # Video-Schaltung ... diskutiert": one statement, the first trigger's; without a target, two words
        # may be two acts: "dementiert jegliche Angriffspläne, weist Kritik ... zurück")
        key = (st.span, st.type, st.source.key, st.target.key if st.target else st.evidence.trigger_span,
               st.modality)
        if key not in seen and st.confidence >= min_confidence:
            seen.add(key)
            unique.append(st)
    return unique


def _story_parties(ctx: _DocContext, window: int = 2) -> list[Actor]:
    """The two parties of the latest statement with a target in this or the ``window`` sentences before."""
    for st in ctx.recent(window):
        if st.target is not None and st.target.key != st.source.key:
            note = f"a party of the statement before ({st.type}, {st.evidence.trigger})"
            return [a.with_mention(a.mention, None, f"{a.label} -> {note}") for a in (st.source, st.target)]
    return []


def _without_dateline(mentions: list[_Mention], lang: str) -> list[_Mention]:
    """A city that opens a sentence right before another actor is a dateline ("Brüssel Ungarn blockiert
    ..."), not the subject."""
    if len(mentions) > 1 and mentions[0].start == 0 and mentions[1].start == mentions[0].end \
            and len(mentions[0].actors) == 1 and named_place(mentions[0].actors[0].mention, lang) is not None:
        return mentions[1:]
    return mentions


def _sentence_statements(doc: Doc, s: _Sentence, triggers: list[_Trigger], ctx: _DocContext) -> list[Statement]:
    # who says so: a speech verb's subject, or "laut X" / "according to X"
    speaker, speaker_cue, speech_clause, speech_at = _attribution(s, triggers)
    events: dict[int, _Event] = {}
    extra: list[_Event] = []  # second readings of one trigger
    prev_sources: list[Actor] = []
    for trig in triggers:
        ev = _assign_roles(s, trig, prev_sources, ctx.last_sources, triggers)
        if ev.sources:
            prev_sources = ev.sources
        events[trig.start] = ev
    # "'We condemn the attack,' the minister said": a first person in the quoted words is the speaker
    if speaker is not None:
        first_person = s.lex.cue("first_person")
        for trig in triggers:
            ev = events[trig.start]
            lo = s.clause_range(s.clause[trig.start])[0]
            opener = next((k for k in range(lo, trig.start) if s.is_alpha[k]), None)  # the clause's subject slot
            if not ev.sources and (any(s.lower[k] in first_person for k in range(max(lo, trig.start - 3), trig.start))
                                   or (opener is not None and s.lower[opener] in first_person)):
                ev.sources, ev.source_factor = [speaker], 0.85
    # obligations: "Y said X must withdraw" is Y's demand on X, and the withdrawal has not happened
    for trig in triggers:
        if "obligation" in trig.entry.flags:
            ev = events[trig.start]
            near = [g for g in s.groups if g.prep is None and g.end <= trig.start and trig.start - g.end <= 2]
            obliged = near[-1].actors if near else []
            if not near and trig.start > 0 and s.lower[trig.start - 1] in s.lex.cue("pronouns"):
                # "a reminder to Iraq that it must cooperate": the pronoun is the party named last before it
                before = [g for g in s.groups if g.end < trig.start and g.start > 0]
                first_src = {a.key for a in (next(iter(s.groups)).actors if s.groups else [])}
                before = [g for g in before if not {a.key for a in g.actors} & first_src]
                obliged = before[-1].actors if before else []
            keys = {a.key for a in obliged}
            first = next((g for g in s.groups if g.prep is None and g.end <= trig.start), None)
            if speaker is not None and speaker.key not in keys:
                ev.sources = [speaker]
            elif first is not None and not keys & {a.key for a in first.actors}:
                ev.sources = list(first.actors)
            else:
                ev.sources = []
            ev.targets = list(obliged) or [None]
    # complements: denials, accusations, intentions, requests and threats govern other events
    for trig in triggers:
        ev = events.get(trig.start)
        if ev is None:
            continue
        flags = trig.entry.flags
        if not flags & _GOVERNING:
            continue
        if flags & {"intent", "pledge", "absorb"} and not any(ev.targets) and ev.sources \
                and trig.entry.type not in _DOMESTIC_TYPES:  # (a crackdown's target is not what the protest was about)
            # the complement's own object, else the first actor the complement names
            own = {a.key for a in ev.sources}
            found = _complement_target(s, trig, triggers, own, ev.sources)
            if found:
                ev.targets, ev.target_factor = list(found), 0.85
            else:
                for other in _complements(s, trig, triggers):
                    oev = events.get(other.start)
                    theirs = [a for a in oev.targets if a is not None and a.key not in own] if oev else []
                    if oev is not ev and theirs:
                        ev.targets = theirs
                        break
        complements = _complements(s, trig, triggers)
        first = next((t for t in complements if t is not trig), None)
        for other in complements:
            oev = events.get(other.start)
            if oev is None or oev is ev:
                continue
            if "pledge" in flags and other.is_noun and (s.prep_before(other.start) not in (
                    None, *s.lex.cue("complementizers")) or other.start - trig.end > 4):
                continue  # "offered two accounts of the raid": the raid is no part of the offer
            if _is_infinitive(s, other) and not oev.governed:
                # "..., die Separatisten zu unterstützen" / "of supporting the rebels": no subject of its own,
                # what stands in the clause are its objects
                gov = {a.key for a in ev.sources}  # a subject carried over from the governing verb is not an object
                oev.targets = [a for a in [*oev.sources, *oev.targets] if a is not None and a.key not in gov] or [None]
                oev.sources = []
            oev.governed = True
            ev.governs = True
            ev.answers = ev.answers or other.entry.type in _HOSTILE | _ANSWERED_TYPES | _PROPOSALS
            if trig.entry.type == "REJECT" and other.is_noun and other.entry.type in _PROPOSALS and oev.sources:
                # "dismissed an appeal from X": X is refused; the appeal itself is left to the sentences that
                # report it (a refusal's object is stated only as refused)
                if not any(ev.targets):
                    ev.targets, ev.target_factor = list(oev.sources), 0.9
                oev.emit = False
                continue
            if "absorb" in flags:
                # "stopped its loans to Peru", "lifted sanctions on Chile": cutting or ending a relation is
                # aimed at whom it was for (not so a demanded withdrawal "from Bosnia")
                if trig.entry.type in ("SANCTION", "RETREAT") and other.is_noun and 0 <= other.start - trig.end <= 3 \
                        and any(oev.targets) \
                        and not {a.key for a in oev.targets if a is not None} & {a.key for a in ev.sources}:
                    ev.targets = [t for t in oev.targets if t is not None]
                oev.emit = False
                asked = _unique(t for t in ev.targets if t is not None)
                if trig.entry.type == "REQUEST" and other.entry.type == "ASSAULT" \
                        and len(asked) > 1 and not oev.sources \
                        and s.has_cue("cessation", max(0, other.start - 4), min(s.n, other.end + 3)) is not None:
                    # "called on Chile and Peru to end the fighting": what they are asked to end is going on,
                    # between them
                    oev.sources, oev.targets, oev.pairwise, oev.emit = asked, [None], True, True
                    oev.source_factor = 0.75
                continue
            if "denial" in flags:
                if oev.modality == "claimed" and oev.attributed_to is not None:
                    # an accused act that the accused denies: both readings stand, each with its speaker
                    extra.append(replace(oev, sources=list(oev.sources), targets=list(oev.targets)))
                _set_modality(oev, "negated", trig.entry.lemma)
                if not oev.sources or _relative_clause(s, trig):
                    oev.sources = oev.sources or list(ev.sources)
                oev.attributed_to = ev.sources[0] if ev.sources else None
                oev.attribution_cue = s.text_of(trig.start, trig.end)
                if _relative_clause(s, trig) and not any(ev.targets):
                    accuser = next((e for e in events.values() if e.trigger.entry.type == "ACCUSE"
                                    and e.trigger.start < trig.start), None)
                    if accuser is not None:
                        ev.targets = accuser.sources[:1]
            elif "accuse" in flags:
                if not oev.sources or set(a.key for a in oev.sources) == set(a.key for a in ev.sources):
                    oev.sources = [t for t in ev.targets if t is not None]
                    oev.source_factor = 0.9
                # the accused are not each other's victims ("wirft den USA und Südkorea vor, einen Angriff
                # vorzubereiten"): with no other target named, the act is aimed at the accuser
                accused = {a.key for a in oev.sources}
                oev.targets = [t for t in oev.targets if t is not None and t.key not in accused] or [None]
                if not any(oev.targets) and len(accused) > 1 and ev.sources:
                    oev.targets, oev.target_factor = list(ev.sources), 0.8
                _set_modality(oev, "claimed", trig.entry.lemma)
                oev.attributed_to = ev.sources[0] if ev.sources else None
                oev.attribution_cue = s.text_of(trig.start, trig.end)
            elif flags & {"intent", "pledge"} and other.is_noun and other.entry.type == "SUPPORT":
                # "sicherte den Philippinen seine Solidarität zu", "pledged its support": to pledge support is to
                # give it, now (the pledge says nothing more)
                oev.sources, oev.targets = list(ev.sources), list(ev.targets) if any(ev.targets) else oev.targets
                ev.emit = False
            elif flags & {"intent", "pledge"} and other.start - (trig.particle or trig.end) > 8 \
                    and other is not first:
                continue  # "offered to hand over two men suspected of blowing up a jet": not what was offered
            elif flags & {"intent", "pledge"}:
                if not oev.sources:
                    oev.sources = list(ev.sources)
                    # "A and B agreed to share information": with no other party, they do it with each other
                    oev.pairwise = (other.entry.sym or trig.entry.sym) and not any(oev.targets) \
                        and len(_unique(oev.sources)) > 1
                if not any(oev.targets) and any(ev.targets):
                    oev.targets = list(ev.targets)
                _set_modality(oev, "planned", trig.entry.lemma)
                # an intention is only the planned act; a pledge ("agreed to", "promised to") is also an act,
                # and a pledge to use force is a threat ("vowed to strike", "ready to attack")
                ev.emit = "pledge" in flags
                if ev.emit and other is first and other.entry.type in _HOSTILE and trig.entry.type != "THREATEN" \
                        and s.has_cue("cessation", trig.end, other.start) is None \
                        and other.start - (trig.particle or trig.end) <= 4:  # (not "offered to hand over two men
                    # suspected of blowing up a jet": a far act is someone else's part of the story)
                    trig.entry = replace(trig.entry, type="THREATEN", label=f"threatens ({trig.entry.label})",
                                         rule=f"{trig.entry.rule}.threat")
                    if not any(ev.targets):
                        ev.targets = [a for a in oev.targets if a is not None] or [None]
    # a protest or sanction with no target named in its frame is aimed at the party its purpose or reason names:
    # "blocked a road to show their disapproval of the United States' policies", "kappten die Beziehungen mit der
    # Begründung, Katar unterstütze Terroristen"
    for trig in triggers:
        ev = events.get(trig.start)
        if ev is not None and trig.entry.type in ("PROTEST", "SANCTION") and ev.sources and not any(ev.targets):
            found = _complement_target(s, trig, triggers, {a.key for a in ev.sources}, ev.sources)
            if found:
                ev.targets, ev.target_factor = list(found), 0.8
    for trig in triggers:
        if "reason" in trig.entry.flags and trig.start in events:
            _reason_given(s, events[trig.start], events, triggers)
        elif "evaluation" in trig.entry.flags and trig.start in events:
            _judged_by_speaker(s, events[trig.start], speaker)
    # "wies die Vorwürfe zurück": the accusations, demands or threats a source rejects are not its own
    for trig in triggers:
        ev = events.get(trig.start)
        if ev is None or trig.entry.type != "REJECT" or trig.is_noun:
            continue
        own = {a.key for a in ev.sources}
        for t in triggers:
            oev = events.get(t.start)
            if oev is not None and oev is not ev and t.is_noun and t.entry.type in _ANSWERED_TYPES \
                    and s.clause[t.start] == s.clause[trig.start] and {a.key for a in oev.sources} <= own:
                oev.emit = False
                ev.answers = True
    for ev in events.values():
        judge = _judge(s, ev.trigger)
        if not ev.sources and not any(ev.targets) and ev.trigger.is_noun \
                and (ev.trigger.entry.type == "CONSULT" or judge is not None):
            # "Die Verhandlungen gingen ergebnislos zu Ende": talks with no party named are the story's two,
            # unless the sentence names someone else (then they may be anyone's talks); "Die EU hält eine
            # Einigung für möglich": the one who judges is no party, and says so
            judges = {a.key for a in judge.actors} if judge is not None else set()
            parties = [p for p in _story_parties(ctx) if p.key not in judges]
            keys = {p.key for p in parties} | {p.country for p in parties if p.country}
            if len(parties) > 1 and all(a.key in keys or a.country in keys for m in s.mentions for a in m.actors
                               if judge is None or m.start != judge.start):
                ev.sources, ev.pairwise, ev.source_factor = parties, True, 0.6
                if judge is not None:
                    ev.attributed_to = judge.actors[0]
                    ev.attribution_cue = s.text_of(judge.start, judge.end)
        elif not ev.sources and any(ev.targets) and ev.trigger.is_noun and ev.trigger.entry.type == "CONSULT" \
                and speaker is not None and all(t is None or t.key != speaker.key for t in ev.targets):
            # "Gespräche mit Eritreas Präsident hätten ergeben, ..., teilte Äthiopiens Regierungschef mit": the one
            # who reports talks with a party is the other party to them
            ev.sources, ev.source_factor = [speaker], 0.7
    out: list[Statement] = []
    for ev in sorted([*events.values(), *extra], key=lambda e: e.trigger.start):
        if not ev.emit or not ev.sources:
            continue
        trig = ev.trigger
        c = s.clause[trig.start]
        lo, hi = s.clause_range(c)
        m_lo, m_hi = lo, hi
        if s.lex.cues_precede_verb and not trig.is_noun:
            # "Israel struck Lebanon and will not stop": the cues of a verb stand before it, after the
            # verb before it in the clause
            before = [t for t in triggers if not t.is_noun and s.clause[t.start] == c and t.start < trig.start]
            m_lo = max(lo, (before[-1].particle or before[-1].start) + 1) if before else lo
            m_hi = trig.end
        _modality(s, ev, m_lo, m_hi)
        presupposed = trig.is_noun and s.prep_before(trig.start) is not None  # "Gespräche über den Aufmarsch"
        if speaker is not None and speech_at is not None and speech_at > trig.start and _trailing_report(s, speaker):
            # "..., Defence Minister X said": the speaker of a trailing report is not acted upon
            ev.targets = [t for t in ev.targets
                          if t is not None and (t.span is None or t.span != speaker.span)] or [None]
        reported = c != speech_clause or (speech_at is not None and speech_at < trig.start
                                          and speaker is not None and speaker.key not in {a.key for a in ev.sources})
        # (an act a noun phrase presupposes is the speaker's only when an according-to phrase frames the whole
        # sentence: "Nach Auffassung der Behörden ging es um einen Anschlag")
        if speaker and reported and ev.attributed_to is None and not (presupposed and speech_at is not None):
            ev.attributed_to, ev.attribution_cue = speaker, speaker_cue
            if ev.modality == "asserted" and (trig.entry.type in _FIELD_ACTS
                                              or speaker.key not in {a.key for a in ev.sources}):
                ev.modality = "claimed"
        made = _to_statements(doc, s, ev, ctx, lo, hi)
        out.extend(made)
        if made and ev.modality == "planned" and trig.entry.type in _CONDITIONAL_THREATS:
            threat = _conditional_threat(s, ev)
            if threat is not None:
                out.extend(_to_statements(doc, s, threat, ctx, lo, hi))
        if made and trig.entry.type == "REJECT" and ev.answers and ev.modality == "asserted":
            out.extend(_denied_from_context(s, ev, made[0], ctx, list(events.values())))
        ctx.last_sources = ev.sources
    return out


#: Acts whose announcement on a condition the target must meet is a threat ("will recall its ambassador
#: unless Israel apologizes").
_CONDITIONAL_THREATS = frozenset({"ASSAULT", "COERCE", "SANCTION", "MOBILIZE", "RETREAT"})


def _conditional_threat(s: _Sentence, ev: _Event) -> _Event | None:
    """ "Turkey will recall its ambassador unless Israel apologizes", "Chile will kein Kupfer mehr liefern,
    wenn Peru nicht zahlt": an act announced for the case that another party does not do something
    is a threat to that party (CAMEO 13x), made now. The threat is a reading of its own, beside the planned
    act; the party is the first one the condition names that is not the source."""
    trig = ev.trigger
    k = s.has_cue("threat_unless", trig.end, s.n)
    if k is None:
        k = s.has_cue("threat_if", trig.end, s.n)
        if k is None or s.has_cue("negation", k, s.clause_range(s.clause[k])[1]) is None:
            return None
    hi = s.clause_range(s.clause[k])[1]
    if hi < s.n and hi - k <= 4:
        hi = s.clause_range(s.clause[hi])[1]  # "es sei denn, Israel entschuldigt sich": the condition follows
    party = _first_party(s, k + 1, hi, {a.key for a in ev.sources})
    if not party:
        return None
    entry = replace(trig.entry, type="THREATEN", label=f"threatens ({trig.entry.label})",
                    rule=f"{trig.entry.rule}.conditional_threat")
    return replace(ev, trigger=replace(trig, entry=entry), sources=list(ev.sources), targets=party,
                   modality="asserted", modality_cue=s.words[k], target_factor=0.8)


def _first_party(s: _Sentence, lo: int, hi: int, own: Set[str] = frozenset()) -> list[Actor]:
    """The actors of the first mention in ``[lo, hi)`` that names a party other than ``own``, without ``own``."""
    for m in sorted(s.mentions, key=lambda m: m.start):
        others = [a for a in m.actors if a.key not in own]
        if lo <= m.start < hi and others:
            return others
    return []


def _judged_by_speaker(s: _Sentence, ev: _Event, speaker: Actor | None) -> None:
    """ "Chile said Peru's decree constituted a breach of the treaty", "Ghana sagte, das togoische
    Manöver gefährde die Stabilität": a judgement of a party's deeds is the speaker's accusation
    of that party. The party is the clause's subject (or the first actor named before the verb); without
    a speaker the sentence judges in its own voice and states no act."""
    trig = ev.trigger
    lo, _hi = s.clause_range(s.clause[trig.start])
    judged = list(ev.sources) or _first_party(s, lo, trig.start)
    judged = [a for a in judged if speaker is None or a.key != speaker.key]
    if speaker is None or not judged:
        ev.emit = False
        return
    ev.sources, ev.targets, ev.source_factor = [speaker], judged, 0.85


def _reason_given(s: _Sentence, ev: _Event, events: dict[int, _Event], triggers: list[_Trigger]) -> None:
    """ "kappten die Beziehungen mit der Begründung, Katar unterstütze Terroristen": the reason an actor
    gives for its act, told as reported speech, accuses the party it names (the reason noun's statement),
    and the acts named there are that actor's claims, not the article's.

    Without an act with a source in the noun's clause, or without reported speech right after that
    clause, the noun states nothing ("Die Begründung des Urteils umfasst 200 Seiten").
    """
    ev.emit = False
    c = s.clause[ev.trigger.start]
    actor = next((events[t.start] for t in triggers if t is not ev.trigger and s.clause[t.start] == c
                  and t.start in events and events[t.start].sources), None)
    if actor is None or c + 1 > s.clause[s.n - 1]:
        return
    lo, hi = s.clause_range(c + 1)
    if s.subjunctive(lo, hi) is None and s.lower[lo] not in s.lex.cue("complementizers_finite"):
        return
    accused = _first_party(s, lo, hi, {a.key for a in actor.sources})
    if not accused:
        return
    ev.sources, ev.targets, ev.emit = list(actor.sources), list(accused), True
    cue = s.words[ev.trigger.start]
    for t in triggers:
        if lo <= t.start < hi and t.start in events:
            said = events[t.start]
            _set_modality(said, "claimed", cue)
            said.attributed_to, said.attribution_cue = actor.sources[0], cue


def _denied_from_context(s: _Sentence, ev: _Event, rejection: Statement, ctx: _DocContext,
                         sentence_events: list[_Event]) -> list[Statement]:
    """The act a rejection of accusations denies, when an earlier sentence reports it ("Die Opposition
    machte die Armee Perus für den Überfall verantwortlich. Die Regierung in Lima wies die
    Anschuldigungen zurück."): the act again, negated and attributed to the one who rejects it.

    Only a claimed hostile act of the rejecting party, from the two sentences before, and only when
    this sentence holds no act of its own that the rejection is about.
    """
    if any(o.governed and o.trigger.entry.type in _HOSTILE_TYPES for o in sentence_events if o is not ev):
        return []  # the denied act is in this sentence ("denied shelling the villages")
    rejecter = {a.key for a in ev.sources}
    here = s.start_char, s.end_char
    claimed = next((st for st in ctx.recent() if st.span != here and st.modality == "claimed"
                    and st.type in _HOSTILE_TYPES and st.source.key in rejecter), None)
    if claimed is None:
        return []
    denied = replace(
        claimed, sentence=rejection.sentence, span=rejection.span, modality="negated",
        attributed_to=rejection.source, confidence=round(claimed.confidence * 0.8, 3), date=claimed.date,
        evidence=replace(claimed.evidence, trigger=rejection.evidence.trigger,
                         trigger_span=rejection.evidence.trigger_span,
                         rule=f"{rejection.evidence.rule}.denies_reported_act",
                         modality_cue=rejection.evidence.trigger, attribution_cue=rejection.evidence.trigger))
    ctx.statements.append(denied)
    ctx.sentence_of.append(ctx.sentence)
    return [denied]


def _is_infinitive(s: _Sentence, trig: _Trigger) -> bool:
    """A subjectless complement verb: "zu unterstützen", "anzugreifen", "to attack", "of attacking"."""
    if trig.is_noun:
        return False
    i = trig.start
    prev = s.lower[i - 1] if i > 0 else ""
    word, lemma = s.lower[i], s.lemma[i]
    if prev in {"zu", "to"}:
        return True
    if "zu" in word[1:] and word.replace("zu", "", 1) == lemma:
        return True
    return word.endswith("ing") and prev in {"of", "from", "for"}


def _relative_clause(s: _Sentence, trig: _Trigger) -> bool:
    lo, _hi = s.clause_range(s.clause[trig.start])
    first = next((k for k in range(lo, trig.start) if s.is_alpha[k]), None)
    return first is not None and s.lower[first] in {"was", "which", "what", "welche", "welches"}


def _complements(s: _Sentence, trig: _Trigger, triggers: list[_Trigger]) -> list[_Trigger]:
    """The events a governing trigger speaks about: its object phrase, or the clause it introduces."""
    c = s.clause[trig.start]
    # a verb coordinated with the governing one ("denied ... and accused Kyiv") is an act of its own
    coordinated = [t.start for t in triggers if t.start > trig.start and not t.is_noun and s.clause[t.start] == c
                   and s.lower[t.start - 1] in s.lex.cue("coordinators")]
    stop = coordinated[0] if coordinated else s.n
    forward = [t for t in triggers if trig.start < t.start < stop and s.clause[t.start] == c
               and (t.is_noun or not trig.is_noun  # a noun governs its phrase, not the clause's verb,
                    or (trig.end < t.start and all(s.lower[k] in s.lex.cue("complementizers")
                                                   for k in range(trig.end, t.start))))
               # (but its infinitive: "the refusal to accept")
               and not any(s.lower[k] in s.lex.cue("adjunct_prepositions") for k in range(trig.end, t.start))]
    # ("agreed to a ceasefire after two days of fighting": the fighting is when, not what was agreed; "declined
    # to resign despite the protests": the protests are no part of the refusal)
    if _relative_clause(s, trig) and not forward:
        # "..., was der Kreml bestreitet": the denied act stands before the relative clause
        return [t for t in triggers if c - 2 <= s.clause[t.start] < c and not t.entry.flags & _GOVERNING]
    out = forward
    if s.lex.verb_second and not trig.is_noun and (trig.particle is None or trig.entry.kind == "p") \
            and _clause_final(s, trig):
        # verb-final clause ("Russland hat jegliche Angriffspläne dementiert"): the object stands before the verb
        # (not a verb whose particle ends the clause: "prangerte Ruanda an" has its object after it)
        lo, _hi = s.clause_range(c)
        out.extend(t for t in triggers if lo <= t.start < trig.start and s.clause[t.start] == c and t.is_noun
                   and not t.entry.flags & _GOVERNING)
    nxt = [t for t in triggers if s.clause[t.start] == c + 1]
    if nxt:
        lo, hi = s.clause_range(c + 1)
        words = {s.lower[k] for k in range(lo, nxt[0].start + 1)}
        last = next((k for k in range(hi - 1, lo, -1) if s.is_alpha[k]), None)
        if last is not None and s.lower[last - 1] == "zu" and s.lex.verb_second:
            words.add("zu")  # "forderte A und B auf, die Kämpfe zu beenden": an infinitive clause, its verb last
        if words & {"zu", "dass", "that", "of", "to", "from"} or any(s.lower[t.start].startswith("zu") or "zu" in
                                                                     s.lower[t.start][2:5] for t in nxt) \
                or (not trig.is_noun and s.subjunctive(lo, s.clause_range(c + 1)[1]) is not None):
            out.extend(nxt)  # (a Konjunktiv-I clause reports what the verb before it says: "drohte, X werde ...")
    return out


def _clause_final(s: _Sentence, trig: _Trigger) -> bool:
    """No word but verb particles, auxiliaries or punctuation follows the trigger in its clause."""
    _lo, hi = s.clause_range(s.clause[trig.start])
    tail = s.lex.cue("particles") | s.lex.cue("passive_aux") | {"haben", "hat", "hatte", "hatten", "sein", "ist",
                                                                  "war", "waren", "habe"}
    end = trig.particle + 1 if trig.particle is not None and trig.particle >= trig.end else trig.end
    return all(not s.is_alpha[k] or s.lower[k] in tail for k in range(end, hi))  # (a phrase's last word counts)


def _set_modality(ev: _Event, modality: str, cue: str | None) -> None:
    if _MODALITY_RANK[modality] > _MODALITY_RANK[ev.modality]:
        ev.modality, ev.modality_cue = modality, cue


def _modality(s: _Sentence, ev: _Event, lo: int, hi: int) -> None:
    trig = ev.trigger
    lex = s.lex
    looks_back = trig.is_noun and _phrase_preposition(s, trig.start) in lex.cue("retrospective_prepositions")
    if looks_back:
        # "Nach dem Ende der Gespräche will Chile ...": what a phrase looks back on has happened;
        # only the words of the phrase itself ("nach dem angeblichen Angriff") qualify it
        lo, hi = max(lo, trig.start - 4), trig.end
    neg = s.has_cue("negation", lo, hi)
    if neg is not None and trig.is_noun and neg > trig.end and any(
            s.lemma[k] in lex.verbs and not s.is_title[k] for k in range(neg + 1, hi)):
        neg = None  # "wird die Forderungen der Rebellen nicht erfüllen": the verb after it is negated, not the noun
    if neg is not None and not (neg + 1 < s.n and s.lower[neg + 1] in lex.cue("negation_blockers")):
        _set_modality(ev, "negated", s.lower[neg])
    judged = _judged(s, trig) if not looks_back else None
    ruled = s.has_cue("ruling_out", lo, hi) if judged is None else None  # ("für ausgeschlossen halten": a view)
    if ruled is None and judged is None and lex.cue("ruling_out"):
        ruled = next((k for k in range(lo, hi) if _separable(s, k, lex.cue("ruling_out")) is not None), None)
    if ruled is not None and ruled != trig.start:
        # "schloss die Entsendung von Truppen nicht aus", "did not rule out": possible; ruled out: it will not be
        ev.modality, ev.modality_cue = ("hypothetical" if neg is not None else "negated"), s.words[ruled]
    # "ohne Einigung", "without an agreement": the word negates the noun phrase it opens, not the clause
    near = s.has_cue("phrase_negation", max(0, trig.start - 3), trig.start)
    if near is not None and trig.is_noun:
        _set_modality(ev, "negated", s.lower[near])
    if judged is not None:  # "hält eine Einigung für ausgeschlossen": a view of what may be, not a fact
        _set_modality(ev, "hypothetical", s.text_of(judged, min(judged + 2, s.n)))
    hyp = s.has_cue("hypothetical", lo, hi)
    if hyp == trig.start:  # "the threat of an attack": the cue is the trigger itself, it qualifies what follows
        hyp = s.has_cue("hypothetical", lo, trig.start)
        hyp = hyp if hyp is not None else s.has_cue("hypothetical", trig.end + 1, hi)
    if hyp is not None:
        _set_modality(ev, "planned" if _reported_future(s, hyp) else "hypothetical", s.words[hyp])
    cond = s.has_cue("conditional", lo, min(hi, trig.start))
    if cond is not None:
        _set_modality(ev, "hypothetical", s.words[cond])
    c = s.clause[trig.start]
    if c > 0 and s.has_cue("complementizers_finite", lo, min(lo + 2, hi)) is not None:
        # "Der Schritt könnte heißen, dass Chile die Exporte stoppt": what a possibility says
        p_lo, p_hi = s.clause_range(c - 1)
        maybe = s.has_cue("hypothetical", p_lo, p_hi)
        if maybe is not None and not _reported_future(s, maybe):
            _set_modality(ev, "hypothetical", s.words[maybe])
    ahead = s.has_cue("prospective_subordinators", lo, trig.start) if not trig.is_noun else None
    if ahead is not None and not any(s.lower[k] == "," for k in range(ahead, trig.start)):
        _set_modality(ev, "hypothetical", s.words[ahead])  # "before Lima agrees to an extension": not (yet) real
    fear = s.has_cue("fear", 0, trig.start) if not looks_back else None
    if fear is not None and not trig.is_noun and s.clause[fear] == s.clause[trig.start] \
            and s.has_cue("complementizers", fear, trig.start) is None \
            and s.has_cue("complementizers_finite", fear, trig.start) is None \
            and any(s.lower[k] in lex.cue("coordinators") and s.is_alpha[k]
                    for k in range(max(fear + 1, trig.start - 2), trig.start)):
        fear = None  # "voiced concern and called on Georgia to ...": a verb of its own, not what is feared
    if fear is not None and s.clause[fear] <= s.clause[trig.start]:
        real = s.has_cue("fear_real_markers", fear + 1, trig.start)
        if real is None:
            _set_modality(ev, "hypothetical", s.words[fear])
    plan = s.has_cue("planned", lo, hi)
    if plan is None and lex.cue("planned_separable"):
        plan = next((k for k in range(lo, hi) if _separable(s, k, lex.cue("planned_separable")) is not None), None)
    if plan is not None and trig.entry.type == "THREATEN":
        plan = None  # "kündigte Vergeltung an": a threat is made when it is uttered; what it threatens lies ahead
    if plan is not None and s.lower[plan] in lex.cue("time_attributes") and plan < trig.start \
            and not trig.is_noun and s.has_cue("perfect_forms", lo, trig.start) is not None:
        plan = None  # "hat im Streit um die künftige Grenze das Gericht angerufen": a perfect act is done
    if plan is not None and s.lower[plan] in lex.cue("date_attributes_before_noun") \
            and _attributed_noun(s, plan) != trig.start:
        plan = None  # "sagt den geplanten Gipfel ab": the summit was planned, the cancelling is done
    if plan is not None:
        if s.lower[plan] in lex.cue("hearsay_modals") and s.has_cue("perfect_auxiliaries", plan + 1, hi) is not None:
            _set_modality(ev, "claimed", s.words[plan])  # "soll ... geliefert haben": hearsay about the past
        else:
            _set_modality(ev, "planned", s.words[plan])
    if trig.planned_head:
        _set_modality(ev, "planned", s.words[trig.start])
    future = s.has_cue("future_auxiliaries", lo, trig.start)
    if future is not None and not trig.is_noun and s.lower[trig.start] == s.lemma[trig.start] \
            and ev.modality == "asserted":
        _set_modality(ev, "planned", s.words[future])  # "werden ... unterstützen" (not "wird angegriffen")
    hedge = s.has_cue("hedges", max(0, lo), hi)
    if hedge is None and not looks_back:
        hedge = s.has_cue("hedges", 0, min(2, s.n))  # "According to experts, ...", "Reportedly, ...": the sentence
    if hedge is not None and s.lower[hedge] in lex.cue("hedge_adjectives") \
            and not (trig.is_noun and 0 < trig.start - hedge <= 3):
        hedge = None  # "wies Vorwürfe einer angeblichen Verantwortung zurück": the adjective hedges its noun only
    if hedge is not None:
        _set_modality(ev, "claimed", s.words[hedge])
    # reported speech (German Konjunktiv I: "Russland habe Charkiw beschossen"): an act in the field that rests
    # on a report, even when the reporter is not named in the sentence
    # an act in the field told inside quotation marks is someone's account of it
    if trig.entry.type in _FIELD_ACTS and _quoted(s, trig.start):
        _set_modality(ev, "claimed", "„…“")
    # (an act presupposed by a noun phrase, "Vergeltung für die israelischen Angriffe", is reported too)
    subj = s.subjunctive(lo, hi)
    if subj is not None and trig.entry.type in _FIELD_ACTS:
        _set_modality(ev, "claimed", s.words[subj])


#: Acts that put something to another party, which that party may refuse (a demand, an offer, an ultimatum).
_PROPOSALS = frozenset({"REQUEST", "AGREE", "THREATEN"})


def _reported_future(s: _Sentence, i: int) -> bool:
    """ "said it would withdraw", "sagte, man würde abziehen": ``would`` after a past speech verb is the
    future of what was said then (planned), not a condition; an "if" anywhere, or "would have", keeps it
    hypothetical."""
    lex = s.lex
    if s.lower[i] not in lex.cue("reported_future") or s.has_cue("conditional", 0, s.n) is not None:
        return False
    if i + 1 < s.n and s.lower[i + 1] in lex.cue("perfect_auxiliaries"):
        return False  # "would have attacked"
    return any(s.lemma[k] in lex.cue("speech_verbs") and s.lower[k] != s.lemma[k] and not s.lower[k].endswith("s")
               for k in range(i))


_OPENING_QUOTES = {"„", "“", "«", "»", '"', "‚"}
_CLOSING_QUOTES = {"“", "”", "»", "«", '"', "‘"}


def _quoted(s: _Sentence, i: int) -> bool:
    """Whether token ``i`` stands between an opening and a closing quotation mark of its sentence."""
    opened = None
    for k, word in enumerate(s.words):
        if opened is None and word in _OPENING_QUOTES:
            opened = k
        elif opened is not None and word in _CLOSING_QUOTES:
            if opened < i < k:
                return True
            opened = None
    return False


def _attribution(s: _Sentence, triggers: list[_Trigger]) -> tuple[Actor | None, str | None, int | None, int | None]:
    """Who says what the sentence reports: the subject of a speech verb, or "according to X".

    Returns the speaker, the words that say so, the speech verb's clause and its token index.
    """
    lex = s.lex
    speech = lex.cue("speech_verbs")
    event_tokens = {t.start for t in triggers}
    for i in range(s.n):
        if i in event_tokens or i in s.mention_at:
            continue
        if s.lemma[i] in speech or s.lower[i] in speech or _separable(s, i, speech) is not None:
            c = s.clause[i]
            lo, hi = s.clause_range(c)
            bare = [g for g in s.groups_in(lo, hi, c) if g.prep is None]
            left = [g for g in bare if g.start < i]
            right = [g for g in bare if g.start > i]
            # "..., the European Union said": the nearest name before the verb (V2 languages: the first);
            # after it only in inversion ("said Russia's foreign minister"), else the apposed sentence subject
            if lex.verb_second:
                g = left[0] if left else (right[0] if right else None)
            else:
                g = left[-1] if left else next((g for g in right if g.start - i <= 2), None)
                if g is None and c > 0:
                    g = next((g for g in s.groups if g.prep is None and s.clause[g.start] == 0 and g.start <= 1
                              and g.end < s.n and s.lower[g.end] == ","), None)
            if g is None:
                # "hieß es aus Kiew", "Aus Belgrad hieß es": the place a report comes from names who reports
                g = next((g for g in s.groups if g.prep in lex.cue("speaker_prepositions")
                          and (0 < g.start - i <= 3 or 0 <= i - g.end <= 2)), None)
            if g is not None:
                return g.actors[0], s.text_of(min(i, g.start), max(i + 1, g.end)), c, i
    according, after = lex.cue("according_to"), lex.cue("according_to_after")
    phrases = lex.multiword_cues.get("according_to", ())
    for i in range(s.n):
        if s.lower[i] in according or s.lower[i] in after or (i > 0 and tuple(s.lower[i - 1:i + 1]) in phrases):
            # "according to X" names X after the cue; "X zufolge" before it
            g = None if s.lower[i] in after else next(
                (g for g in s.groups if 0 < g.start - i <= 4 and "," not in s.lower[i:g.start]), None)
            g = g or next((g for g in reversed(s.groups) if 0 <= i - g.end <= 2), None)
            if g is not None:
                return g.actors[0], s.text_of(min(i, g.start), max(i + 1, g.end)), None, None
    return None, None, None, None


def _named_together(s: _Sentence, ev: _Event) -> bool:
    """The sources are the two parties of one reference ("Beide Länder haben Soldaten stationiert", "both
    countries"): with no one else named, each acts on the other."""
    keys, at = {a.key for a in ev.sources}, ev.trigger.start
    if not (len(keys) == 2 and any(len(m.actors) == 2 and {a.key for a in m.actors} == keys
                                   and m.start < at and s.clause[m.start] == s.clause[at] for m in s.mentions)):
        return False
    if ev.trigger.entry.type in _FIELD_ACTS:
        return True  # deployments, fights: "Beide Länder haben Soldaten stationiert"
    # words and demands are aimed at each other only when the sentence says so ("gegenseitig", "each other");
    # "Die beiden verurteilten die Angriffe" is a joint condemnation
    lo, hi = s.clause_range(s.clause[at])
    return s.has_cue("mutual", lo, hi) is not None


def _trailing_report(s: _Sentence, speaker: Actor) -> bool:
    """The speaker opens a reporting clause after a comma ("..., Defence Minister X said")."""
    if speaker.span is None:
        return False
    return s.text[: speaker.span[0] - s.start_char].rstrip().endswith(",")


def _anaphor_target(s: _Sentence, ev: _Event, lo: int, hi: int, ctx: _DocContext) -> Actor | None:
    """"das Nachbarland" / "the neighbouring country": the last state named that is not the source."""
    words, plurals = s.lex.cue("anaphora"), s.lex.cue("anaphora_plurals")
    for k in range(lo, hi):
        if k != ev.trigger.start and (s.lemma[k] in words or s.lower[k] in words) and s.lower[k] not in plurals:
            if k in s.mention_at or s.prep_before(k) is not None:
                continue
            if k > 0 and s.lower[k - 1] in s.lex.cue("plural_quantifiers"):
                continue  # "other countries" points at no one state
            source_keys = {a.key for a in ev.sources}
            for st in reversed(ctx.states):
                if st.key not in source_keys:
                    return st.with_mention(s.words[k], s.char_span(k, k + 1),
                                           f"{s.words[k]} -> anaphor -> {st.label}")
    return None


def _to_statements(doc: Doc, s: _Sentence, ev: _Event, ctx: _DocContext, lo: int, hi: int) -> list[Statement]:
    trig = ev.trigger
    entry = trig.entry
    t_start, t_end = s.char_span(trig.start, trig.end)
    trigger_text = s.text_of(trig.start, trig.end)
    if trig.particle is not None and trig.particle >= trig.end:
        trigger_text += " ... " + s.words[trig.particle]
    # places and dates: nearest to the trigger, preferring its own clause
    c_start, c_end = s.char_span(lo, hi)
    sent_text = s.text
    places = s.places()
    dates = s.dates(True if ev.modality == "planned" else (False if _past_form(s, trig) else None))
    place = _nearest(places, t_start, c_start, c_end)
    date = _nearest([d for d in dates if not _date_of_another_noun(s, d, trig)], t_start, c_start, c_end)
    # a bare sector with no state or organisation ("military aid", "the government") is no one to act upon
    targets = [t for t in ev.targets if t is None or t.country or t.org or not t.role or t.kind in ("person", "group")]
    tf = ev.target_factor
    mutual = not any(targets) and not ev.pairwise and _named_together(s, ev)
    # the source's own state may be the target of a domestic act: a protest, crackdown or concession, or an
    # attack the home rule below placed in the source's own state
    domestic = entry.type in _DOMESTIC_TYPES
    if entry.need_own_target and not any(targets) and not mutual and not ev.pairwise:
        return []  # "warned of a famine in Sudan" warns no one
    ceasefire = "ceasefire" in entry.flags  # aimed only at the other side of a fight, never at home or an ally
    if not any(targets) and not mutual:
        anaphor = _anaphor_target(s, ev, lo, hi, ctx)
        if anaphor is not None:
            targets, tf = [anaphor], 0.85
        elif entry.border and place is not None and place.kind == "border" and place.location.country:
            from .actors import resolve

            actor = resolve(place.location.country, "en", s.pub_date)
            if actor is not None:
                targets = [actor.with_mention(place.text, place.span, f"{place.text} -> border -> {actor.label}")]
                tf = 0.9
        elif ev.modality in ("negated", "claimed", "hypothetical") and _carried_target(ev, ctx) is not None:
            targets, tf = [_carried_target(ev, ctx)], 0.8
        elif (entry.obj or entry.target_preps) and (hit := _place_object(s, ev, lo, hi, s.pub_date)) is not None:
            targets, tf = [hit[0]], 0.85
            place = place or hit[1]
        elif (entry.type in _PLACED_TYPES or (("pledge" in entry.flags or entry.type == "THREATEN")
                                              and place is not None and place.span[0] > t_end)) \
                and (scene := _scene_actor(s, ev, lo, hi, place, s.pub_date)) is not None:
            # (a pledge's or threat's place is where what it promises happens: "ready to send troops to a force in
            # Liberia", "threatened to resume attacks in Israel")
            targets, tf = [scene], 0.75
        elif ceasefire and (counterpart := _opponent(ev, ctx)) is not None:
            targets, tf = [counterpart], 0.7  # "will das Feuer einseitig einstellen": towards the other side
        elif entry.type in _DOMESTIC_TYPES and not ceasefire \
                and (home := _scene_actor(s, ev, lo, hi, place, s.pub_date,
                                                                   home=True)) is not None:
            targets, tf = [home], 0.75
        elif not entry.need_target and not ceasefire and not ev.own_object \
                and (counterpart := _context_target(ev, ctx)) is not None:
            targets, tf = [counterpart], 0.7
        elif (claimant := _claimant_victim(s, ev)) is not None:
            targets, tf = [claimant], 0.7
        elif entry.type in _HOME_PLACE_TYPES and (home := _scene_actor(s, ev, lo, hi, place, s.pub_date,
                                                                     home=True)) is not None:
            targets, tf, domestic = [home], 0.75, True  # an attack at home, in a story with no counterpart
        elif entry.type in _HOME_FALLBACK_TYPES and not ev.pairwise and not ev.answers \
                and not ceasefire and (home := _home_state(s, ev, s.pub_date)) is not None \
                and (entry.type != "REJECT" or all(a.country == home.country for a in ctx.states)):
            # (a denial of an act it names stays open; a refusal is domestic only in a story of one state)
            targets, tf, domestic = [home], 0.7, True
    if entry.need_target and not any(targets) and not ev.pairwise and not mutual:
        return []
    if not any(targets) and _participle_adjunct(s, trig):
        return []  # "..., killing two people": the main clause's act, told again
    if _participle_of_noun(s, trig):
        return []  # "the attack targeting northern Israel": a description of the noun before it
    etype, label, rule = entry.type, entry.label, entry.rule
    if ev.modality == "negated" and "refusal" in entry.flags and not ev.governed:
        # not recognising, not accepting, not supporting is itself an act: a refusal
        etype, label, rule = "REJECT", f"refuses ({entry.label})", f"{entry.rule}.refusal"
        ev.modality = "asserted"
    date_value, date_basis = (date.value, "text") if date is not None else (None, None)
    if date is None and s.pub_date and ev.modality not in ("planned", "hypothetical") \
            and _told_as_current(s, ev, lo, hi):
        date_value, date_basis = s.pub_date, "publication"
    if date is not None and ev.modality == "asserted" and s.pub_date and (
            (date.value > s.pub_date and not str(s.pub_date).startswith(date.value))
            or (date.kind in _DAY_OF_WEEK and len(s.pub_date) < 10 and _present_act(s, trig, lo, hi, date))):
        ev.modality, ev.modality_cue = "planned", date.text
    pairs: list[tuple[Actor, Actor | None]] = []
    if ev.pairwise or mutual:
        members = _unique(ev.sources)
        pairs = [(a, b) for i, a in enumerate(members) for b in members[i + 1:]]
        if etype not in _UNORDERED:  # "A and B signed a treaty": each side did it to the other
            pairs += [(b, a) for a, b in pairs]
    else:
        pairs = [(a, b) for a in _unique(ev.sources) for b in (_unique(targets) if any(targets) else [None])]
    out = []
    if not domestic and pairs and all(t is not None and t.key == s_.key and not _distinct(s_, t) for s_, t in pairs):
        pairs = [(a, None) for a in _unique(a for a, _t in pairs)]  # "Russia met Moscow": one party
    for source, target in pairs:
        if target is not None and target.key == source.key and not _distinct(source, target) and not domestic:
            continue
        if source.kind != "person" and not (source.country or source.org) and source.role and source.kind != "group":
            continue  # a bare "die Armee" with no country is no actor an analyst can use
        conf = entry.weight * ev.source_factor * (tf if target is not None else 0.95)
        out.append(Statement(
            doc=ctx.doc_id or "doc",
            sentence=sent_text,
            span=(s.start_char, s.end_char),
            type=etype,
            label=label,
            source=source,
            target=target,
            modality=ev.modality,
            attributed_to=ev.attributed_to,
            date=date_value,
            location=place.location if place else None,
            confidence=round(min(conf, 1.0), 3),
            evidence=Evidence(
                trigger=trigger_text,
                trigger_span=(t_start, t_end),
                rule=rule,
                modality_cue=ev.modality_cue,
                attribution_cue=ev.attribution_cue,
                date_cue=date.text if date else None,
                location_cue=place.text if place else None,
                date_basis=date_basis,
            ),
            lang=s.lang,
        ))
    ctx.statements.extend(out)
    ctx.sentence_of.extend(ctx.sentence for _ in out)
    return out


def _distinct(a: Actor, b: Actor) -> bool:
    """Two actors of one state that are still two parties: a government and its opposition, police and
    protesters ("Uganda banned the opposition"); a state and its capital are not."""
    return a.role != b.role and bool({a.role, b.role} & _DOMESTIC_PARTIES)


def _scene_states(s: _Sentence, ev: _Event, lo: int, hi: int, place, date: str | None) -> Iterator[Actor]:  # type: ignore[no-untyped-def]
    """The states where the act takes place, as the clause names them after the trigger: states named
    after a locative preposition (a name before a demonym: "in den estnischen Luftraum"), then the
    state of the place found ("in Kirkuk" -> Iraq)."""
    locative = s.lex.cue("locative_prepositions")
    border = place.span if place is not None and place.kind == "border" else (0, 0)
    found = [m for m in s.mentions if lo <= m.start < hi and m.start > ev.trigger.start and m.prep in locative
             and not border[0] <= s.char_span(m.start, m.end)[0] < border[1]]  # ("near the Kenyan border")
    for m in sorted(found, key=lambda m: (m.adjectival, m.start)):
        actor = m.actors[0]
        if actor.kind in ("state", "other") and actor.country:
            yield actor
    if place is not None and place.location.country and place.kind != "border":
        # (a border is no scene: fighting "near the Thai border" may be on either side of it)
        from .actors import resolve

        actor = resolve(place.location.country, "en", date)
        if actor is not None:
            yield actor.with_mention(place.text, place.span, f"{place.text} -> place -> {actor.label}")


def _scene_actor(s: _Sentence, ev: _Event, lo: int, hi: int, place, date: str | None,  # type: ignore[no-untyped-def]
                 home: bool = False) -> Actor | None:
    """The state a protest, crackdown, deployment or attack with no named target is directed at, in the
    sense PLOVER codes it: where it takes place ("demonstrated in Kirkuk" -> Iraq).

    A place in another state than the source's makes that state the target; with ``home``, a place
    in the source's own state makes the act domestic ("imposed a curfew in Cizre" -> Turkey on Turkey).
    """
    own = {a.key for a in ev.sources}
    if home:
        if ev.trigger.entry.type not in _DOMESTIC_TYPES and not any(a.role in _FORCE_ROLES for a in ev.sources):
            return None  # an attack inside one's own state is domestic when its forces carry it out
        homes = {_home_key(a) for a in ev.sources} - {None}
        first = next(_scene_states(s, ev, lo, hi, place, date), None)
        return first if first is not None and first.country in homes else None
    return next((a for a in _scene_states(s, ev, lo, hi, place, date) if a.key not in own), None)


def _claimant_victim(s: _Sentence, ev: _Event) -> Actor | None:
    """A hostile act reported by another state with no target named ("Azerbaijani troops tried to push into
    Karabakh, the Armenian ministry said"): the state reporting it is the one it was aimed at.  Not when the
    sentence names another party the act may be aimed at ("fired at Kampuchean guerrilla camps near the Thai
    border, Thai military sources said")."""
    speaker = ev.attributed_to
    if ev.modality != "claimed" or ev.trigger.entry.type not in _HOSTILE_TYPES or speaker is None:
        return None
    if not speaker.country or speaker.org or speaker.role == "REB" or speaker.country in {
            a.country for a in ev.sources}:
        return None
    parties = {a.key for a in ev.sources} | {speaker.key}
    if any(a.key not in parties and a.country != speaker.country for m in s.mentions for a in m.actors):
        return None
    hi = s.clause_range(s.clause[ev.trigger.start])[1]
    if s.has_cue("open_water", ev.trigger.end, hi) is not None:
        return None  # "fired two missiles into the sea, South Korea's military said": aimed at no one
    return speaker.with_mention(speaker.mention, speaker.span, f"{speaker.label} -> reports the act aimed at it")


def _home_key(actor: Actor) -> str | None:
    """The ISO3 of the state an actor belongs to, when it is one (not an organisation or armed group)."""
    return actor.country if actor.country and not actor.org and actor.role != "REB" else None


def _home_state(s: _Sentence, ev: _Event, date: str | None) -> Actor | None:
    """The source's own state, for a protest, crackdown or concession whose sentence names no other state:
    PLOVER codes such an act as domestic ("Algerian landowners began a hunger strike" -> Algeria on Algeria);
    "lockerten ihre Sanktionen gegen Kuba" names Cuba, so it is not."""
    from .actors import resolve

    homes = [k for k in (_home_key(a) for a in ev.sources) if k]
    if len(set(homes)) != 1 or any(a.country and a.country != homes[0] for m in s.mentions for a in m.actors):
        return None
    state = resolve(homes[0], "en", date)
    return state.with_mention(state.label, None, f"{state.label} -> own state (a domestic act names no other "
                              "party)") if state is not None else None


def _participle_of_noun(s: _Sentence, trig: _Trigger) -> bool:
    """A progressive form right after a plain noun ("the early attack targeting Israel", "drones
    attacking the fleet") modifies that noun; it is no act of the clause's subject."""
    i = trig.start
    if trig.is_noun or i == 0 or not s.lower[i].endswith(tuple(s.lex.cue("progressive_endings")) or ("\0",)):
        return False
    if s.lower[i] in s.lex.nouns:  # "their first meeting", "heavy shelling": a noun, not a participle
        return False
    if not (s.is_alpha[i - 1] and s.is_lower[i - 1]) or (i - 1) in s.mention_at:
        return False
    word = s.lower[i - 1]
    lex = s.lex
    if s.lemma[i - 1] in lex.cue("document_nouns") or s.lemma[i - 1] in lex.cue("aspect_verbs"):
        return False  # "issued a statement demanding ...", "began launching rockets": the subject's act
    if s.has_cue("ruling_out", max(0, i - 2), i) is not None:
        return False  # "did not rule out attacking": the complement of the verb, not a noun's description
    return word not in lex.cue("verb_markers") and word not in lex.cue("passive_aux") and word not in lex.verbs \
        and s.lemma[i - 1] not in lex.verbs and word not in lex.cue("prepositions") \
        and word not in lex.cue("coordinators") and word not in lex.cue("modal_words")


#: Date forms that name a day of the week ("am Freitag", "this weekend").
_DAY_OF_WEEK = frozenset({"wd", "weekend"})


def _present_act(s: _Sentence, trig: _Trigger, lo: int, hi: int, date: DateMention) -> bool:
    """ "reist am Freitag nach Ankara", "travels to Moscow on Friday": a verb in the present with a weekday
    is the coming one, even when only the month of publication is known (a past act takes a past form or a
    perfect: "reiste", "ist ... gereist")."""
    verb: int | None = trig.start
    if trig.is_noun:  # "fliegt am Montag zu Verhandlungen": the tense of the verb that carries the noun
        carriers = s.lex.cue("motion_verbs") | s.lex.cue("light_verbs")
        verb = next((k for k in range(lo, trig.start) if s.lemma[k] in carriers and s.lower[k] != s.lemma[k]), None)
    return verb is not None and date.tense_hint != "past" and not _past_word(s, verb) \
        and not any(s.lower[k] in s.lex.cue("perfect_forms") for k in range(lo, hi)) \
        and s.has_cue("passive_aux", lo, hi) is None


def _told_as_current(s: _Sentence, ev: _Event, lo: int, hi: int) -> bool:
    """An act the article reports with no date of its own happened when its story was told: the event
    coders (GDELT, POLECAT) date such an act by its story, and an analyst's timeline needs it.  Not so when
    the past perfect ("hatte ... verlassen", "had withdrawn") or a word such as "damals"/"previously" puts
    it before the report, also in the clause that reports or governs it ("Zuvor hatten die USA angekündigt,
    ... abzuziehen"), or when it is a noun after a preposition of time ("nach dem Angriff")."""
    trig = ev.trigger
    c = s.clause[trig.start]
    if c > 0 and (ev.governed or ev.attributed_to is not None or ev.modality == "claimed"):
        lo = min(lo, s.clause_range(c - 1)[0])
    if s.has_cue("past_perfect_forms", lo, hi) is not None or s.has_cue("earlier_time", lo, hi) is not None:
        return False
    return not (trig.is_noun and _phrase_preposition(s, trig.start) in s.lex.cue("adjunct_prepositions"))


def _phrase_preposition(s: _Sentence, i: int) -> str | None:
    """The preposition of the phrase noun ``i`` stands in, also as the genitive of its head ("nach Beginn des
    Krieges", "nach dem Ende der Gespräche", "after the collapse of the talks")."""
    head = s.genitive_head(i)
    return s.prep_before(head if head is not None else i)


def _date_of_another_noun(s: _Sentence, date: DateMention, trig: _Trigger) -> bool:
    """A date that an attribute ties to a noun ("hat das für den 3. Juli angesetzte Treffen abgesagt", "cancelled
    the summit scheduled for June 12") dates that noun's event, not the act done to it."""
    first = bisect_right(s.idx, date.span[0]) - 1
    after = bisect_right(s.idx, date.span[1] - 1)
    for a in range(after, min(after + 3, s.n)):  # an attribute before its noun: the date stands before it
        if s.lower[a] in s.lex.cue("date_attributes_before_noun"):
            return trig.start != _attributed_noun(s, a)
        if s.lower[a] == ",":
            break
    for a in range(max(first - 2, 1), first):  # an attribute after its noun: the date follows it
        if s.lower[a] in s.lex.cue("date_attributes_after_noun") and s.lower[a - 1] not in s.lex.cue("passive_aux"):
            return trig.start != a - 1
    return False


def _attributed_noun(s: _Sentence, a: int) -> int | None:
    """The noun an attribute before it describes: the first word after it that is no lower-case adjective
    ("geplanten diplomatischen Gespräche")."""
    k = a + 1
    while k < s.n and s.is_lower[k] and s.is_alpha[k]:
        k += 1
    return k if k < s.n else None


def _past_form(s: _Sentence, trig: _Trigger) -> bool:
    """A trigger verb in a past form ("drohte", "rejected"): its weekday lies before the publication."""
    return not trig.is_noun and _past_word(s, trig.start)


def _past_word(s: _Sentence, i: int) -> bool:
    """Token ``i`` is a verb's past form: a past ending, or (German) a finite form without a present one."""
    word = s.lower[i]
    if word == s.lemma[i]:
        return False
    present = s.lex.cue("present_endings")  # a German finite form with none of these is a strong past ("wies")
    return word.endswith(tuple(s.lex.cue("past_endings")) or ("\0",)) or (
        bool(present) and not word.endswith(tuple(present)))


def _participle_adjunct(s: _Sentence, trig: _Trigger) -> bool:
    """A progressive form that opens a clause after a comma ("Rebels shelled Juba, killing 20 people"):
    it describes the main act, and with no target of its own it adds no statement."""
    if trig.is_noun or not s.lower[trig.start].endswith(tuple(s.lex.cue("progressive_endings")) or ("\0",)):
        return False
    lo, _hi = s.clause_range(s.clause[trig.start])
    return trig.start > 0 and (s.lower[trig.start - 1] == "," or trig.start == lo)


def _place_object(s: _Sentence, ev: _Event, lo: int, hi: int,
                  date: str | None) -> tuple[Actor, PlaceMention] | None:
    """A city or region as the object of the act ("beschoss Charkiw", "shelled Kharkiv", "a strike on
    Gaza"): its state.

    Only names that are no actor already, outside any prepositional phrase or in one that
    names the act's target ("on", "auf"), count; the state must differ from the source (an
    army shelling a city of its own state is not an act against another actor).
    """
    from .actors import resolve

    sources = {a.key for a in ev.sources}
    for k in range(lo, hi):
        if k == ev.trigger.start or k in s.mention_at or not s.is_title[k]:
            continue
        prep = s.prep_before(k)
        if prep in s.lex.cue("genitive_links") and k >= 2 and s.lemma[k - 2] in s.lex.cue("place_nouns"):
            prep = s.prep_before(k - 2)  # "from the Syrian town of Afrin": the phrase of "town" counts
        objgen = "objgen" in ev.trigger.entry.flags and prep in s.lex.cue("genitive_links")  # "Blockade des Gazas"
        if prep is not None and prep not in ev.trigger.entry.target_preps and not objgen:
            continue
        for width in (2, 1):
            name = s.text_of(k, min(k + width, hi))
            loc = named_place(name, s.lang) or next(  # a genitive form: "des Gazastreifens"
                (named_place(name[: -len(e)], s.lang) for e in s.lex.cue("genitive_endings") if name.endswith(e)), None)
            if loc is None or not loc.country:
                continue
            actor = resolve(loc.country, "en", date)
            if actor is None or actor.key in sources:
                return None
            span = s.char_span(k, min(k + width, hi))
            return (actor.with_mention(name, span, f"{name} -> place -> {actor.label}"),
                    PlaceMention(loc, name, span, "city"))
    return None


def _carried_target(ev: _Event, ctx: _DocContext) -> Actor | None:
    """An elided target ("dementiert jegliche Angriffspläne"): the last target of the same act by the same source."""
    keys = {a.key for a in ev.sources}
    for st in reversed(ctx.statements[-12:]):
        if st.type == ev.trigger.entry.type and st.source.key in keys and st.target is not None:
            return st.target
    return None


#: Acts of conflict: a ceasefire is aimed at the other party of one of them
_CONFLICT_TYPES = frozenset({"ASSAULT", "COERCE", "MOBILIZE", "THREATEN"})


def _opponent(ev: _Event, ctx: _DocContext, window: int = 5) -> Actor | None:
    """Whom the source last fought, in this or the ``window`` sentences before: the other side of a ceasefire
    ("will das Feuer einseitig einstellen"), never an ally that merely spoke last."""
    own = {a.key for a in ev.sources} | {a.country for a in ev.sources if a.country}
    for st in ctx.recent(window):
        if st.type not in _CONFLICT_TYPES or st.modality not in ("asserted", "claimed"):
            continue
        for mine, other in ((st.source, st.target), (st.target, st.source)):
            if mine is not None and other is not None and (mine.key in own or mine.country in own) \
                    and other.key not in own and (other.country or other.key) not in own:
                return other.with_mention(other.mention, None, f"{other.label} -> the other side of the fighting "
                                                               f"({st.type}, {st.evidence.trigger})")
    return None


def _context_target(ev: _Event, ctx: _DocContext, window: int = 2) -> Actor | None:
    """The counterpart of the story so far, for an act whose sentence names no target: the other party
    of the latest statement of this or the previous ``window`` sentences ("Peru signed a pact with
    Chile ... Peru then declined to ratify it" -> Chile).

    News reports tell one confrontation at a time, so the party last acted upon (else the last one
    acting) that is not this act's source is the likeliest target; the evidence says so and the
    confidence is lower than for a target the sentence names.
    """
    if ev.governed and ev.trigger.entry.type in ("SUPPORT", "AID", "COOPERATE"):
        return None  # "wirft Pakistan vor, den Terror zu unterstützen": whom it helps is not the accuser
    own = {a.key for a in ev.sources} | {a.country for a in ev.sources if a.country}
    recent = list(ctx.recent(window))

    def usable(a: Actor | None) -> TypeGuard[Actor]:
        return a is not None and a.key not in own and (a.country or a.key) not in own and (
            a.kind != "person" or bool(a.country or a.org))  # an office holder stands for his state

    def counterpart(other: Actor, st: Statement, how: str) -> Actor:
        return other.with_mention(other.mention, None, f"{other.label} -> {how} ({st.type}, {st.evidence.trigger})")

    if ev.trigger.entry.type == "REJECT":
        # a refusal or denial answers whoever accused, asked or pressed this source
        for st in recent:
            if st.target is not None and st.target.key in own and usable(st.source):
                return counterpart(st.source, st, "whose act on the source this answers")
            if st.source.key in own and st.modality == "claimed" and usable(st.attributed_to):
                return counterpart(st.attributed_to, st, "who claimed the act this answers")
            if st.source.key in own and st.modality == "claimed" and usable(st.target):
                # an alleged act with no one named as claiming it: its alleged victim is who alleges it
                return counterpart(st.target, st, "who is said to have suffered the act this answers")
        if ev.governs:
            return None  # "dementiert jegliche Angriffspläne": the denied act is its object; no one else is named
    elif ev.trigger.entry.type in _BLAMING_TYPES:
        # condemning or punishing "the attack" is aimed at whoever carried out the last hostile act
        for st in recent:
            if st.type in _HOSTILE_TYPES and usable(st.source):
                return counterpart(st.source, st, "who did the act this answers")
        for st in recent:  # "Obama drohte Putin ... Die USA setzten ihre Teilnahme aus": the same campaign
            if st.source.key in own and st.type in _HOSTILE_TYPES | _BLAMING_TYPES and usable(st.target):
                return counterpart(st.target, st, "whom the source acted against before")
    for st in recent:  # "Die Länder kappten die Beziehungen zu Katar ... Die Länder stellten 13 Bedingungen"
        if st.source.key in own and st.modality != "claimed" and usable(st.target):
            return counterpart(st.target, st, "whom the source acted on before")
    for st in recent:
        for other in (st.target, st.source):
            if other is not None and usable(other):
                return counterpart(other, st, "counterpart of the statement before")
    return None


def _nearest(items: Sequence, anchor: int, lo: int, hi: int):  # type: ignore[no-untyped-def]
    if not items:
        return None
    inside = [x for x in items if lo <= x.span[0] < hi]
    pool = inside or items
    return min(pool, key=lambda x: abs(x.span[0] - anchor))


def _unique(actors: Iterable[Actor | None]) -> list[Actor]:
    seen: set[str] = set()
    out = []
    for a in actors:
        if a is not None and a.key not in seen:
            seen.add(a.key)
            out.append(a)
    return out
