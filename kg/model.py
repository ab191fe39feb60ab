"""The records that flow between geokg's stages.

Every stage speaks these frozen dataclasses and nothing else: documents are read
into :class:`Document`, extraction yields :class:`Statement` (with :class:`Actor`,
:class:`Location` and :class:`Evidence`), the store keeps them and the view reads
them back.  ``Statement.to_record`` is the public JSON form defined in
``CONTRACT.md``; ``Statement.from_record`` reads it back, so the JSON Lines output
is a lossless interchange format.

This module sits at the bottom of the import line: it imports no other geokg
module except :mod:`kg.namespaces`.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from .namespaces import PERSON, STATEMENT, actor_iri

__all__ = [
    "EVENT_TYPES",
    "MODALITIES",
    "QUAD_CLASS",
    "ROLES",
    "Actor",
    "Document",
    "Evidence",
    "Location",
    "Run",
    "Statement",
    "slug",
]

#: PLOVER 2021 event types (plus the two the contract allows "where used").
EVENT_TYPES: tuple[str, ...] = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT",
    "REQUEST", "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE",
    "COERCE", "ASSAULT", "INVESTIGATE", "CRIME",
)  # fmt: skip

#: PLOVER quad class of each type: verbal/material x cooperation/conflict.
QUAD_CLASS: dict[str, str] = {
    "AGREE": "verbal-cooperation", "CONSULT": "verbal-cooperation",
    "SUPPORT": "verbal-cooperation", "CONCEDE": "verbal-cooperation",
    "COOPERATE": "material-cooperation", "AID": "material-cooperation",
    "RETREAT": "material-cooperation",
    "REQUEST": "verbal-conflict", "ACCUSE": "verbal-conflict", "REJECT": "verbal-conflict",
    "THREATEN": "verbal-conflict", "INVESTIGATE": "verbal-conflict",
    "PROTEST": "material-conflict", "SANCTION": "material-conflict",
    "MOBILIZE": "material-conflict", "COERCE": "material-conflict",
    "ASSAULT": "material-conflict", "CRIME": "material-conflict",
}  # fmt: skip

#: The statement modalities of the contract.  Only ``asserted`` is reported as fact.
MODALITIES: tuple[str, ...] = ("asserted", "negated", "hypothetical", "planned", "claimed")

#: CAMEO-style sector roles the contract allows on an actor.
ROLES: tuple[str, ...] = ("GOV", "MIL", "REB", "OPP", "COP", "JUD", "LEG", "MED", "BUS", "CVL")


def slug(text: str) -> str:
    """A lowercase ASCII identifier for ``text``: ``"al-Qaeda"`` -> ``"al_qaeda"``.

    Used for actor keys and IRIs of actors that have no code, so that the same
    name always mints the same IRI and nothing unsafe reaches an IRI.
    """
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "_", ascii_text.lower()).strip("_") or "unknown"


@dataclass(frozen=True, slots=True)
class Actor:
    """Who acts, is acted upon or speaks: a state, organisation, group or person.

    ``country``/``org``/``role`` follow the contract; ``kind`` is one of ``state``,
    ``organisation``, ``group``, ``person`` or ``other``.  ``resolution`` is the
    evidence of how the mention was resolved (``"Kreml-Sprecher -> kremlin
    spokesperson -> Russia"``).  ``mention`` and ``span`` describe the words in the
    text; they do not take part in equality of the actor *entity* (see :attr:`key`).
    """

    label: str
    mention: str = ""
    country: str | None = None
    org: str | None = None
    role: str | None = None
    wikidata: str | None = None
    kind: str = "other"
    resolution: str = ""
    span: tuple[int, int] | None = None

    @property
    def key(self) -> str:
        """The entity an analyst aggregates by: org code, else ISO3 (``_REB`` for rebels), else a slug.

        A leader in office stands for his state here (Biden -> ``USA``), as in the
        contract and the gold data; the person stays visible in ``label``.
        """
        if self.org:
            return self.org.upper()
        if self.country:
            return self.country.upper() + ("_REB" if self.role == "REB" else "")
        return slug(self.label)

    @property
    def id(self) -> str:
        """The actor's IRI: a person with a QID gets its own IRI, everything else its key's."""
        if self.kind == "person" and self.wikidata:
            return str(PERSON[self.wikidata])
        if self.kind == "person":
            return str(PERSON[slug(self.label)])
        return str(actor_iri(self.key))

    def with_mention(self, mention: str, span: tuple[int, int] | None, resolution: str) -> Actor:
        """A copy of this actor as named by ``mention`` at ``span``."""
        return Actor(self.label, mention, self.country, self.org, self.role, self.wikidata,
                     self.kind, resolution, span)

    def to_record(self) -> dict[str, Any]:
        return {"label": self.label, "mention": self.mention, "country": self.country,
                "org": self.org, "role": self.role, "wikidata": self.wikidata,
                "kind": self.kind, "id": self.id}

    @classmethod
    def from_record(cls, rec: dict[str, Any], resolution: str = "") -> Actor:
        return cls(label=rec["label"], mention=rec.get("mention") or "", country=rec.get("country"),
                   org=rec.get("org"), role=rec.get("role"), wikidata=rec.get("wikidata"),
                   kind=rec.get("kind") or "other", resolution=resolution)


@dataclass(frozen=True, slots=True)
class Location:
    """Where an event takes place, as the text gives it."""

    label: str
    country: str | None = None
    wikidata: str | None = None

    def to_record(self) -> dict[str, Any]:
        return {"label": self.label, "country": self.country, "wikidata": self.wikidata}


@dataclass(frozen=True, slots=True)
class Evidence:
    """Why the extractor made a statement: the words and the rule behind it.

    Offsets are character offsets into the document text.  ``rule`` is a stable,
    versioned id (``de.mobilize.troop_buildup.v1``): a change of behaviour gets a
    new version so that old outputs stay explainable.
    """

    trigger: str
    trigger_span: tuple[int, int]
    rule: str
    modality_cue: str | None = None
    attribution_cue: str | None = None
    date_cue: str | None = None
    location_cue: str | None = None
    #: where ``date`` came from: ``"text"`` (the words in ``date_cue``), ``"publication"`` (an act the article
    #: reports with no date of its own is dated by its story, as the event coders do), or None (undated)
    date_basis: str | None = None


@dataclass(frozen=True, slots=True)
class Document:
    """One article: its text and what we know about it.

    ``date`` is the publication date as precise as known (``2021-12-29`` or
    ``2021-12``); ``date_source`` says where it came from (``byline``, ``header``,
    ``metadata`` or ``None``).  ``sha256`` of the text lets a rebuild skip
    unchanged documents and lets the store detect a changed one.
    """

    id: str
    text: str
    lang: str
    date: str | None = None
    date_source: str | None = None
    url: str | None = None
    title: str | None = None
    path: str | None = None

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8", "surrogatepass")).hexdigest()


@dataclass(frozen=True, slots=True)
class Statement:
    """One event statement read from one sentence: the unit geokg stores and shows.

    ``modality`` keeps feared, denied, planned and one-sided events apart from
    those reported as fact: only ``asserted`` statements become direct
    actor-to-actor edges in the store.
    """

    doc: str
    sentence: str
    span: tuple[int, int]
    type: str
    label: str
    source: Actor
    target: Actor | None
    modality: str
    evidence: Evidence
    attributed_to: Actor | None = None
    date: str | None = None
    location: Location | None = None
    confidence: float = 0.5
    lang: str | None = field(default=None, compare=False)

    def __post_init__(self) -> None:
        if self.type not in QUAD_CLASS:
            raise ValueError(f"unknown event type {self.type!r}")
        if self.modality not in MODALITIES:
            raise ValueError(f"unknown modality {self.modality!r}")

    @property
    def id(self) -> str:
        """A content-derived IRI: the same reading of the same words always gets the same IRI.

        That makes ingestion idempotent and lets parallel builds give identical output.
        """
        target = self.target.key if self.target else "-"
        basis = "|".join([self.doc, str(self.evidence.trigger_span[0]), self.type,
                          self.source.key, target, self.modality])
        digest = hashlib.sha1(basis.encode("utf-8", "surrogatepass")).hexdigest()[:16]
        return str(STATEMENT[f"{slug(self.doc)}-{digest}"])

    @property
    def quad_class(self) -> str:
        return QUAD_CLASS[self.type]

    def to_record(self) -> dict[str, Any]:
        """The statement record of ``CONTRACT.md``."""
        ev = self.evidence
        return {
            "id": self.id,
            "doc": self.doc,
            "type": self.type,
            "label": self.label,
            "source": self.source.to_record(),
            "target": self.target.to_record() if self.target else None,
            "modality": self.modality,
            "attributed_to": self.attributed_to.to_record() if self.attributed_to else None,
            "date": self.date,
            "location": self.location.to_record() if self.location else None,
            "confidence": round(self.confidence, 3),
            "evidence": {
                "trigger": {"text": ev.trigger, "span": list(ev.trigger_span)},
                "rule": ev.rule,
                "modality_cue": ev.modality_cue,
                "attribution_cue": ev.attribution_cue,
                "date_cue": ev.date_cue,
                "date_basis": ev.date_basis,
                "location_cue": ev.location_cue,
                "source": self.source.resolution or None,
                "target": self.target.resolution if self.target else None,
                "attributed_to": self.attributed_to.resolution if self.attributed_to else None,
            },
            "sentence": self.sentence,
            "span": list(self.span),
            "lang": self.lang,
        }

    @classmethod
    def from_record(cls, rec: dict[str, Any]) -> Statement:
        """Read a statement record (as written by :meth:`to_record`) back."""
        ev = rec.get("evidence") or {}
        trig = ev.get("trigger") or {}
        loc = rec.get("location")
        return cls(
            doc=str(rec["doc"]),
            sentence=rec["sentence"],
            span=tuple(rec["span"]),  # type: ignore[arg-type]
            type=rec["type"],
            label=rec.get("label") or rec["type"].lower(),
            source=Actor.from_record(rec["source"], ev.get("source") or ""),
            target=Actor.from_record(rec["target"], ev.get("target") or "") if rec.get("target") else None,
            modality=rec["modality"],
            attributed_to=(Actor.from_record(rec["attributed_to"], ev.get("attributed_to") or "")
                           if rec.get("attributed_to") else None),
            date=rec.get("date"),
            location=Location(**loc) if loc else None,
            confidence=float(rec.get("confidence", 0.5)),
            evidence=Evidence(
                trigger=trig.get("text", ""),
                trigger_span=tuple(trig.get("span") or rec["span"]),  # type: ignore[arg-type]
                rule=ev.get("rule", ""),
                modality_cue=ev.get("modality_cue"),
                attribution_cue=ev.get("attribution_cue"),
                date_cue=ev.get("date_cue"),
                location_cue=ev.get("location_cue"),
                date_basis=ev.get("date_basis"),
            ),
            lang=rec.get("lang"),
        )


@dataclass(frozen=True, slots=True)
class Run:
    """One extraction run (a ``prov:Activity``): which software made the statements, and when."""

    id: str
    software: str
    version: str
    started: str  # ISO 8601 timestamp, UTC
    model: str = "blank"  # the spaCy pipeline(s) used, e.g. "blank" or "en_core_web_sm-3.8.0"
