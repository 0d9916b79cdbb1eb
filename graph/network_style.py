"""How the network looks, in one place: colours and shapes per entity kind, colour and line per relation, short
labels. The graph page (through the JSON legend), the SVG/PNG drawings and the GEXF ``viz`` colours all read it.

Colours are the Okabe–Ito palette (distinguishable with the common colour-vision deficiencies). Edges that rest
on reference data rather than on a source's sentence are drawn dashed and grey, whatever their relation.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

__all__ = [
    "KIND_STYLES",
    "REFERENCE_COLOR",
    "RELATION_GROUPS",
    "RELATION_STYLES",
    "KindStyle",
    "RelationStyle",
    "legend",
    "node_size",
    "relation_style",
    "rgb",
    "short_label",
]


@dataclass(frozen=True)
class KindStyle:
    kind: str
    label_id: str
    label_en: str
    color: str  # #rrggbb
    shape: str  # a Cytoscape.js node shape; drawings map it to a matplotlib marker
    marker: str  # the matplotlib marker


@dataclass(frozen=True)
class RelationStyle:
    relation: str
    label_id: str
    label_en: str
    color: str
    width: float
    line: str  # solid, dashed, dotted
    group: str  # recognition, structure, context


KIND_STYLES: dict[str, KindStyle] = {
    s.kind: s
    for s in (
        KindStyle("organisation", "Organisasi", "Organisation", "#0072B2", "round-rectangle", "s"),
        KindStyle("person", "Orang", "Person", "#E69F00", "ellipse", "o"),
        KindStyle("group", "Kelompok", "Group", "#CC79A7", "hexagon", "h"),
        KindStyle("award", "Penghargaan", "Award", "#D55E00", "star", "*"),
        KindStyle("office", "Jabatan", "Office", "#8C8C8C", "tag", "p"),
        KindStyle("event", "Acara", "Event", "#009E73", "diamond", "D"),
        KindStyle("place", "Tempat", "Place", "#56B4E9", "triangle", "^"),
        KindStyle("region", "Wilayah", "Region", "#C9B400", "vee", "v"),
        KindStyle("other", "Lainnya", "Other", "#777777", "ellipse", "o"),
    )
}

RELATION_GROUPS: dict[str, tuple[str, str]] = {
    "recognition": ("Siapa memberi siapa", "Who awarded whom"),
    "structure": ("Struktur dan jabatan", "Structure and offices"),
    "context": ("Acara dan tempat", "Events and places"),
}

RELATION_STYLES: dict[str, RelationStyle] = {
    s.relation: s
    for s in (
        RelationStyle("conferred", "memberikan", "conferred", "#A4161A", 3.0, "solid", "recognition"),
        RelationStyle("presented", "menyerahkan", "presented", "#E69F00", 2.0, "solid", "recognition"),
        RelationStyle("received", "diterima oleh", "received by", "#D55E00", 1.5, "solid", "recognition"),
        RelationStyle("handed_to", "diserahkan kepada", "handed to", "#CC79A7", 1.5, "dotted", "recognition"),
        RelationStyle("accepted_on_behalf_of", "menerima atas nama", "accepted on behalf of", "#CC79A7", 2.0,
                      "dashed", "recognition"),
        RelationStyle("unit_of", "bagian dari", "part of", "#0072B2", 1.5, "dashed", "structure"),
        RelationStyle("post_in", "jabatan di", "office in", "#8C8C8C", 1.0, "dashed", "structure"),
        RelationStyle("held_office", "menjabat", "held office", "#8C8C8C", 1.0, "solid", "structure"),
        RelationStyle("at_event", "di acara", "at event", "#009E73", 1.0, "solid", "context"),
        RelationStyle("opened", "membuka", "opened", "#009E73", 1.5, "solid", "context"),
        RelationStyle("organised", "menyelenggarakan", "organised", "#009E73", 1.5, "solid", "context"),
        RelationStyle("located_in", "terletak di", "located in", "#56B4E9", 1.0, "solid", "context"),
    )
}
_OTHER_RELATION = RelationStyle("other", "peran lain", "other role", "#009E73", 1.0, "solid", "context")
REFERENCE_COLOR = "#9A9A9A"


def relation_style(relation: str) -> RelationStyle:
    """The style of a relation; participation roles without their own entry (``juror``…) share one."""
    return RELATION_STYLES.get(relation) or RelationStyle(
        relation, relation.replace("_", " "), relation.replace("_", " "), _OTHER_RELATION.color,
        _OTHER_RELATION.width, _OTHER_RELATION.line, "context",
    )


def rgb(color: str) -> tuple[int, int, int]:
    value = color.lstrip("#")
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


def legend(relations: list[str] | None = None) -> dict[str, Any]:
    """The legend as JSON: kinds (colour, shape), relations (colour, width, line, group) and the reference style.
    ``relations``: the relations to list (default: the known ones)."""
    names = list(RELATION_STYLES) if relations is None else relations
    return {
        "kinds": [
            {"kind": s.kind, "label_id": s.label_id, "label_en": s.label_en, "color": s.color, "shape": s.shape}
            for s in KIND_STYLES.values()
        ],
        "relations": [
            {"relation": s.relation, "label_id": s.label_id, "label_en": s.label_en, "color": s.color,
             "width": s.width, "line": s.line, "group": s.group}
            for s in (relation_style(r) for r in names)
        ],
        "groups": [{"group": g, "label_id": i, "label_en": e} for g, (i, e) in RELATION_GROUPS.items()],
        "reference": {"color": REFERENCE_COLOR, "line": "dashed", "label_id": "data rujukan",
                      "label_en": "reference data"},
    }


SHORT_LABEL_MAX = 26


def short_label(attrs: Mapping[str, Any], limit: int = SHORT_LABEL_MAX) -> str:
    """A label that fits on the canvas: the name when short enough, else the shortest alias of at least three
    characters (an acronym like "Dishub Jatim"), else the name cut at a word boundary with an ellipsis."""
    label = str(attrs.get("label") or "")
    if len(label) <= limit:
        return label
    aliases = [a for a in attrs.get("aliases") or () if 3 <= len(a) <= limit]
    if aliases:
        return min(aliases, key=lambda a: (len(a), a))
    cut = label[: limit - 1]
    if " " in cut[limit // 2 :]:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,.-") + "…"


def node_size(degree: int, smallest: float = 14.0, largest: float = 56.0) -> float:
    """A node's diameter in pixels from its number of relations (logarithmic, so hubs do not swallow the view)."""
    return round(min(largest, smallest + 8.0 * math.log2(1 + max(0, degree))), 1)
