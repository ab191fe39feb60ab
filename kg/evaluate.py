"""Scoring statements against gold statements (``kg eval``).

The definitions are those of the project's evaluation protocol (the gold format
of ``gold/README.md``), so figures from ``kg eval`` and from the reference scorer
agree:

- an actor is reduced to comparable keys: its org code, its country (``XXX_REB``
  for rebels), its label; a gold actor is a code (``SEP_UKR`` = ``UKR_REB``) or
  a snake_case label, compared blind to case, spaces and punctuation;
- both sides are reduced to distinct ``(doc, source, type, target, modality)``
  keys; a gold line may list several acceptable types; a gold target of null
  accepts any target; CONSULT, COOPERATE and AGREE match with the roles swapped;
- matching is one-to-one and maximal (a bipartite maximum matching), *lenient*
  ignoring modality, *strict* requiring it;
- *false assertions* count predictions stated as ``asserted`` that gold has only
  as hypothetical, negated or planned;
- *date accuracy* is the share of dated gold lines whose date some matching
  prediction gives (as a prefix).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import networkx as nx

__all__ = ["Score", "evaluate", "load_jsonl", "plover_view"]

_TYPE_ALIASES = {"DISAPPROVE": "ACCUSE", "DEMAND": "REQUEST", "FIGHT": "ASSAULT"}
_SYMMETRIC = {"CONSULT", "COOPERATE", "AGREE"}
_REBEL_ROLES = {"REB", "SEP", "REBELS"}
_LABEL_ALIASES = {"AL_QAIDA": "AL_QAEDA", "ISIS": "ISLAMIC_STATE", "ISIL": "ISLAMIC_STATE", "IS": "ISLAMIC_STATE",
                  "HIZBOLLAH": "HEZBOLLAH", "HISBOLLAH": "HEZBOLLAH", "SYRIAN_DEMOCRATIC_FORCES": "SDF",
                  "PEOPLE_S_PROTECTION_UNITS": "YPG", "PEOPLES_PROTECTION_UNITS": "YPG", "THE_TALIBAN": "TALIBAN"}
_NOT_ASSERTED = {"hypothetical", "negated", "planned"}


def _norm(text: str) -> str:
    cleaned = "".join(ch if ch.isalnum() else " " for ch in text.upper())
    key = "_".join(cleaned.split())
    if key.startswith("THE_"):
        key = key[4:]
    return _LABEL_ALIASES.get(key, key)


def _gold_key(code: str | None) -> str | None:
    if not code:
        return None
    key = _norm(code)
    return f"{key[4:]}_REB" if key.startswith("SEP_") else key or None


def _pred_keys(actor: Mapping[str, Any] | str | None) -> frozenset[str]:
    if actor is None:
        return frozenset()
    if isinstance(actor, str):
        key = _gold_key(actor)
        return frozenset({key} if key else ())
    keys: set[str] = set()
    rebel = (actor.get("role") or "").upper() in _REBEL_ROLES
    if actor.get("code"):
        keys.add(_gold_key(actor["code"]) or "")
    if actor.get("org"):
        keys.add(_norm(actor["org"]))
    if actor.get("country"):
        keys.add(actor["country"].upper() + ("_REB" if rebel else ""))
    if actor.get("label"):
        keys.add(_norm(actor["label"]))
    return frozenset(keys - {""})


def _types(value: str | list[str] | None) -> frozenset[str]:
    values = value if isinstance(value, list) else [value]
    return frozenset(_TYPE_ALIASES.get((v or "").upper(), (v or "").upper()) for v in values)


def _primary(actor: Mapping[str, Any] | str | None) -> str | None:
    """The single key a record is deduplicated by: org, else country(+_REB), else label."""
    if actor is None:
        return None
    if isinstance(actor, str):
        return _gold_key(actor)
    if actor.get("org"):
        return _norm(actor["org"])
    if actor.get("country"):
        rebel = (actor.get("role") or "").upper() in _REBEL_ROLES
        return actor["country"].upper() + ("_REB" if rebel else "")
    return _norm(actor.get("label") or "") or None


def _dedupe(records: Iterable[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    seen: set[tuple] = set()
    out = []
    for r in records:
        key = (str(r.get("doc")), _primary(r.get("source")), tuple(sorted(_types(r.get("type")))),
               _primary(r.get("target")), r.get("modality"))
        if key not in seen:
            seen.add(key)
            out.append(r)
    return out


def _matches(gold: Mapping[str, Any], pred: Mapping[str, Any], strict: bool) -> bool:
    if str(gold["doc"]) != str(pred.get("doc")):
        return False
    ptype = next(iter(_types(pred.get("type"))))
    if ptype not in _types(gold.get("type")):
        return False
    if strict and gold.get("modality") != pred.get("modality"):
        return False
    gs, gt = _gold_key(gold.get("source")), _gold_key(gold.get("target"))
    ps, pt = _pred_keys(pred.get("source")), _pred_keys(pred.get("target"))
    orders = [(ps, pt), (pt, ps)] if ptype in _SYMMETRIC else [(ps, pt)]
    return any(gs in s and (gt is None or gt in t) for s, t in orders)


def _matching(gold: list, pred: list, strict: bool) -> int:
    g = nx.Graph()
    by_doc: dict[str, list[int]] = {}
    for j, p in enumerate(pred):
        by_doc.setdefault(str(p.get("doc")), []).append(j)
    left = [("g", i) for i in range(len(gold))]
    g.add_nodes_from(left)
    g.add_nodes_from(("p", j) for j in range(len(pred)))
    for i, gl in enumerate(gold):
        for j in by_doc.get(str(gl["doc"]), []):
            if _matches(gl, pred[j], strict):
                g.add_edge(("g", i), ("p", j))
    matching = nx.bipartite.maximum_matching(g, top_nodes=left)
    return sum(1 for node in matching if node[0] == "g")


@dataclass(frozen=True)
class Score:
    gold: int
    pred: int
    hit: int

    @property
    def precision(self) -> float:
        return self.hit / self.pred if self.pred else 0.0

    @property
    def recall(self) -> float:
        return self.hit / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if self.hit else 0.0

    def line(self, name: str) -> str:
        return (f"{name:8} P={self.precision:.3f} R={self.recall:.3f} F1={self.f1:.3f} "
                f"(hit {self.hit} of gold {self.gold}, pred {self.pred})")


def _false_assertions(gold: list, pred: list) -> int:
    bad = 0
    for p in pred:
        if p.get("modality") != "asserted":
            continue
        hits = [g for g in gold if _matches(g, p, False)]
        if any(g.get("modality") in _NOT_ASSERTED for g in hits) and not any(
                g.get("modality") == "asserted" for g in hits):
            bad += 1
    return bad


def _date_accuracy(gold: list, pred: list) -> float | None:
    dated = [g for g in gold if g.get("date")]
    if not dated:
        return None
    ok = sum(1 for g in dated if any(_matches(g, p, False) and str(p.get("date") or "").startswith(str(g["date"]))
                                     for p in pred))
    return round(ok / len(dated), 3)


def evaluate(gold_records: list[Mapping[str, Any]], pred_records: list[Mapping[str, Any]]) -> dict[str, Any]:
    """Lenient and strict scores, false assertions and date accuracy, plus per-document lenient scores."""
    docs = sorted({str(g["doc"]) for g in gold_records})
    pred_records = [p for p in pred_records if str(p.get("doc")) in set(docs)]
    gold, pred = _dedupe(gold_records), _dedupe(pred_records)
    by_doc = {}
    for d in docs:
        gd = [g for g in gold if str(g["doc"]) == d]
        pd = [p for p in pred if str(p.get("doc")) == d]
        by_doc[d] = Score(len(gd), len(pd), _matching(gd, pd, False))
    return {
        "lenient": Score(len(gold), len(pred), _matching(gold, pred, False)),
        "strict": Score(len(gold), len(pred), _matching(gold, pred, True)),
        "false_assertions": _false_assertions(gold, pred),
        "date_accuracy": _date_accuracy(gold_records, pred_records),
        "by_doc": by_doc,
    }


# PLOVER's gold records name only these organisations (UN agencies count as the UN); any other
# organisation is a bare IGO/NGO there, and a transnational armed group a bare IMG.
_PLOVER_ORGS = {"UN": "UN", "UNHCR": "UN", "UNICEF": "UN", "EU": "EU", "NATO": "NATO", "OSCE": "OSCE",
                "IAEA": "IAEA", "APEC": "APEC", "ARAB_LEAGUE": "ARAB_LEAGUE", "AU": "AU", "ECOWAS": "ECOWAS"}


def _plover_actor(actor: Any) -> Any:
    """Give an organisation or stateless armed group the class key PLOVER codes it by (``code``)."""
    if not isinstance(actor, dict) or not actor.get("org") or actor.get("country"):
        return actor
    from .actors import index  # (lazily: scoring alone needs no language stack)

    known = index().orgs.get(actor["org"])
    if known is None:
        return actor
    if known.kind == "organisation":
        return {**actor, "code": _PLOVER_ORGS.get(actor["org"], "IGO")}
    if known.kind == "group" and (known.role or "") == "REB":
        return {**actor, "code": "IMG"}
    return actor


def _is_ceasefire(rule: str) -> bool:
    """Whether the lexicon entry behind a rule id is a ceasefire (flag ``ceasefire`` in kg/data/events)."""
    from .events import rule_flags  # (lazily, as above; a rule id of no language geokg has gives no flags)

    return "ceasefire" in rule_flags(rule)


def plover_view(record: dict[str, Any]) -> dict[str, Any]:
    """A statement record as PLOVER codes it: organisations it does not name are IGO, stateless armed
    groups IMG; a ceasefire RETREAT (CAMEO 0871); an intended or offered cooperation, concession or
    retreat ("will allow", "would allow", "agreed to withdraw", "will release") is AGREE, an announced
    coercion, attack or protest ("will extend the curfew", "would boycott") THREATEN; an announced
    sanction stays SANCTION (a decision, as PLOVER codes "announced it would prohibit all aid").

    geokg keeps the base type and says ``planned`` (or ``hypothetical`` for an offer in
    "would"); PLOVER's gold records code the intention itself, so scores against them use this view.
    """
    record = {**record, "source": _plover_actor(record.get("source")), "target": _plover_actor(record.get("target"))}
    modality, etype = record.get("modality"), record.get("type")
    if etype == "CONCEDE" and _is_ceasefire(str((record.get("evidence") or {}).get("rule") or "")):
        etype = "RETREAT"  # CAMEO 0871 "declare truce, ceasefire" is RETREAT in PLOVER
        record = {**record, "type": etype}
    if modality == "planned" and etype in ("COERCE", "ASSAULT", "PROTEST"):
        return {**record, "type": "THREATEN"}
    if modality in ("planned", "hypothetical") and etype in ("CONSULT", "SUPPORT", "COOPERATE", "AID", "CONCEDE",
                                                               "RETREAT"):
        return {**record, "type": "AGREE"}
    return record


def load_jsonl(path: str | Path) -> list[dict[str, Any]]:
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]
