"""Score extractions against gold annotations, as ``shared/corpus/README.md`` prescribes.

Strings are compared lower-cased, without punctuation, spaces collapsed; a predicted value matches a gold value
when one contains the other or their token-set similarity is at least 85. Dates match exactly. Officials and
organisations are matched one-to-one by name; awards one-to-one, best pair first. A field of a matched award
is a true positive when it matches, a false positive when predicted but wrong or when gold is null, a false
negative when gold has a value and nothing matching was predicted; the fields of an unmatched award count
as false positives (predicted) or false negatives (gold).

The scored fields: officials and organisations (the lists), and of each award its name (``awards``),
recipient, conferrer, handed_by, received_by, event, venue and date.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from rapidfuzz import fuzz

FIELDS = ("officials", "organisations", "awards", "recipients", "conferrers", "handed_by", "received_by", "events",
          "venues", "dates")
AWARD_FIELDS = {"awards": "name", "recipients": "recipient", "conferrers": "conferrer", "handed_by": "handed_by",
                "received_by": "received_by", "events": "event", "venues": "venue", "dates": "date"}
THRESHOLD = 85


def norm(value: Any) -> str:
    text = "".join(c for c in str(value).lower() if not unicodedata.category(c).startswith(("P", "S")))
    return re.sub(r"\s+", " ", text).strip()


def matches(predicted: Any, gold: Any, exact: bool = False) -> bool:
    if predicted is None or gold is None:
        return False
    if exact:
        return str(predicted) == str(gold)
    p, g = norm(predicted), norm(gold)
    if not p or not g:
        return False
    return p in g or g in p or fuzz.token_set_ratio(p, g) >= THRESHOLD


def closeness(predicted: Any, gold: Any) -> float:
    """How alike two matching values are, to pair the closest first."""
    if predicted is None or gold is None:
        return 0.0
    return fuzz.ratio(norm(predicted), norm(gold)) / 100


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, other: Counts) -> None:
        self.tp, self.fp, self.fn = self.tp + other.tp, self.fp + other.fp, self.fn + other.fn

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, float | int]:
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn, "precision": round(self.precision, 4),
                "recall": round(self.recall, 4), "f1": round(self.f1, 4)}


@dataclass
class Score:
    fields: dict[str, Counts] = field(default_factory=lambda: {f: Counts() for f in FIELDS})

    def add(self, other: Score) -> None:
        for name in FIELDS:
            self.fields[name].add(other.fields[name])

    @property
    def overall(self) -> Counts:
        total = Counts()
        for counts in self.fields.values():
            total.add(counts)
        return total


def match_one_to_one(predicted: list[str], gold: list[str]) -> Counts:
    pairs = sorted(((closeness(p, g), i, j) for i, p in enumerate(predicted) for j, g in enumerate(gold)
                    if matches(p, g)), reverse=True)
    used_p: set[int] = set()
    used_g: set[int] = set()
    for _score, i, j in pairs:
        if i not in used_p and j not in used_g:
            used_p.add(i)
            used_g.add(j)
    return Counts(len(used_p), len(predicted) - len(used_p), len(gold) - len(used_g))


def _award_similarity(p: dict[str, Any], g: dict[str, Any]) -> float | None:
    name = matches(p.get("name"), g.get("name"))
    recipient = matches(p.get("recipient"), g.get("recipient"))
    if not name and not recipient:
        return None
    score = 2.0 * name + 3.0 * recipient + closeness(p.get("name"), g.get("name")) + closeness(
        p.get("recipient"), g.get("recipient"))
    for key in ("conferrer", "handed_by", "received_by", "event", "venue"):
        score += 0.5 * matches(p.get(key), g.get(key))
    score += 0.5 * matches(p.get("date"), g.get("date"), exact=True)
    return score


def score_document(predicted: dict[str, Any], gold: dict[str, Any]) -> Score:
    score = Score()
    score.fields["officials"] = match_one_to_one(
        [o["name"] for o in predicted.get("officials", []) if o.get("name")],
        [o["name"] for o in gold.get("officials", []) if o.get("name")])
    score.fields["organisations"] = match_one_to_one(
        [o for o in predicted.get("organizations", []) if o], [o for o in gold.get("organizations", []) if o])
    p_awards, g_awards = predicted.get("awards", []), gold.get("awards", [])
    pairs = sorted(((s, i, j) for i, p in enumerate(p_awards) for j, g in enumerate(g_awards)
                    if (s := _award_similarity(p, g)) is not None), reverse=True)
    used_p: dict[int, int] = {}
    used_g: set[int] = set()
    for _s, i, j in pairs:
        if i not in used_p and j not in used_g:
            used_p[i] = j
            used_g.add(j)
    for name, key in AWARD_FIELDS.items():
        counts = score.fields[name]
        exact = key == "date"
        for i, p in enumerate(p_awards):
            value = p.get(key)
            if i in used_p:
                gold_value = g_awards[used_p[i]].get(key)
                if value is not None and gold_value is not None:
                    if matches(value, gold_value, exact):
                        counts.tp += 1
                    else:
                        counts.fp += 1
                        counts.fn += 1
                elif value is not None:
                    counts.fp += 1
                elif gold_value is not None:
                    counts.fn += 1
            elif value is not None:
                counts.fp += 1
        for j, g in enumerate(g_awards):
            if j not in used_g and g.get(key) is not None:
                counts.fn += 1
    return score


def render(score: Score, per_document: dict[str, Score] | None = None) -> str:
    lines = [f"{'field':<14} {'tp':>5} {'fp':>5} {'fn':>5} {'precision':>9} {'recall':>7} {'f1':>6}"]
    for name in FIELDS:
        c = score.fields[name]
        lines.append(f"{name:<14} {c.tp:>5} {c.fp:>5} {c.fn:>5} {c.precision:>9.2f} {c.recall:>7.2f} {c.f1:>6.2f}")
    o = score.overall
    lines.append(f"overall: precision={o.precision:.2f} recall={o.recall:.2f} f1={o.f1:.2f}")
    return "\n".join(lines)


def as_json(score: Score, per_document: dict[str, Score]) -> dict[str, Any]:
    return {
        "fields": {name: score.fields[name].as_dict() for name in FIELDS},
        "overall": score.overall.as_dict(),
        "documents": {doc: {"overall": s.overall.as_dict(), "fields": {n: s.fields[n].as_dict() for n in FIELDS}}
                      for doc, s in per_document.items()},
    }
