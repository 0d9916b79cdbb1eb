"""The network as a picture for reports and papers: SVG (text kept as text) or PNG, drawn with matplotlib.

Nodes are coloured and shaped by kind and sized by their number of relations, edges coloured by relation with an
arrowhead pointing from giver to receiver (reference-data edges grey and dashed), the busiest nodes labelled
with short names on a white halo, and a legend of what appears. The figure uses matplotlib's object API (no
pyplot state), so drawing is safe in a server thread.
"""

from __future__ import annotations

import io
from collections import defaultdict
from collections.abc import Sequence
from typing import Any

import networkx as nx
from matplotlib import rc_context
from matplotlib.collections import LineCollection
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import FancyArrowPatch

from .network import is_reference
from .network_layout import Positions
from .network_style import KIND_STYLES, REFERENCE_COLOR, node_size, relation_style, short_label

__all__ = ["IMAGE_FORMATS", "draw"]

IMAGE_FORMATS = {"svg": "image/svg+xml", "png": "image/png"}
ARROWS_UP_TO = 600  # edges drawn one by one with arrowheads (and curved when parallel); beyond, as line batches
_LINESTYLE = {"solid": "-", "dashed": "--", "dotted": ":"}
TITLE = "Anugerah — siapa memberi penghargaan kepada siapa / who awarded whom"


def draw(
    view: nx.MultiDiGraph,
    positions: Positions,
    fmt: str = "svg",
    *,
    title: str = TITLE,
    subtitle: str | None = None,
    labels: int | None = None,
) -> bytes:
    """The view drawn at ``positions`` as SVG or PNG bytes. ``labels``: how many of the busiest nodes get a label
    (default: all when there are at most 60 nodes, else 30)."""
    if fmt not in IMAGE_FORMATS:
        raise ValueError(f"unknown image format {fmt!r} (svg or png)")
    nodes = sorted(n for n in view if n in positions)
    n = len(nodes)
    width = min(24.0, 10.0 + n / 25)
    if nodes:
        xs = [positions[m][0] for m in nodes]
        ys = [positions[m][1] for m in nodes]
        span_x, span_y = max(xs) - min(xs) + 120, max(ys) - min(ys) + 120
    else:
        span_x, span_y = 1000.0, 600.0
    height = width * min(1.1, max(0.5, span_y / span_x * 0.8)) + 1.0
    fig = Figure(figsize=(width, height), layout="constrained")
    ax = fig.add_subplot()
    ax.set_axis_off()
    ax.set_aspect("equal")
    ax.invert_yaxis()  # positions grow downwards, as on the page
    degree = dict(view.degree())
    # Markers in proportion to the layout, as on the page (the axes take about 70% of the width, 80% of the height).
    points_per_pixel = min(width * 72 * 0.7 / span_x, (height - 1.0) * 72 * 0.8 / span_y)
    radius_pt = {node: min(14.0, max(1.5, node_size(degree.get(node, 0)) / 2 * points_per_pixel)) for node in nodes}

    _draw_edges(ax, view, positions, radius_pt)
    kinds_seen = _draw_nodes(ax, view, nodes, positions, radius_pt)
    _draw_labels(ax, view, nodes, positions, radius_pt, degree,
                 labels if labels is not None else (n if n <= 60 else 30))
    _legend(ax, view, kinds_seen)
    fig.suptitle(title, fontsize=13, fontweight="bold", x=0.01, ha="left")
    counts = f"{n} simpul / nodes, {view.number_of_edges()} relasi / relations"
    ax.set_title(" — ".join(x for x in (subtitle, counts) if x), fontsize=9, loc="left", color="#5b6676")
    fig.text(0.01, 0.005, "Data: Anugerah, CC BY 4.0 — every relation links to the sentence of its source",
             fontsize=7, color="#5b6676")
    if n == 0:
        ax.text(0.5, 0.5, "(kosong / empty)", transform=ax.transAxes, ha="center", color="#5b6676")
    buffer = io.BytesIO()
    with rc_context({"svg.fonttype": "none", "svg.hashsalt": "anugerah"}):
        metadata: dict[str, Any] = {"Date": None} if fmt == "svg" else {}
        fig.savefig(buffer, format=fmt, dpi=150, metadata=metadata, facecolor="white")
    return buffer.getvalue()


def _edge_style(data: dict[str, Any]) -> tuple[str, float, str]:
    style = relation_style(data["relation"])
    if is_reference(data):
        return REFERENCE_COLOR, 1.0, "--"
    return style.color, style.width * 0.6, _LINESTYLE.get(style.line, "-")


def _draw_edges(ax: Any, view: nx.MultiDiGraph, positions: Positions, radius_pt: dict[str, float]) -> None:
    edges = [(u, v, d) for u, v, d in view.edges(data=True) if u in positions and v in positions and u != v]
    if len(edges) <= ARROWS_UP_TO:
        seen: dict[tuple[str, str], int] = defaultdict(int)
        for u, v, data in sorted(edges, key=lambda e: (e[0], e[1], e[2]["relation"], e[2]["fact"])):
            pair = (min(u, v), max(u, v))
            index = seen[pair]
            seen[pair] += 1
            rad = 0.0 if index == 0 else 0.12 * ((index + 1) // 2) * (1 if index % 2 else -1)
            color, width, line = _edge_style(data)
            ax.add_patch(FancyArrowPatch(
                positions[u], positions[v], arrowstyle="-|>", mutation_scale=9, color=color, linewidth=width,
                linestyle=line, connectionstyle=f"arc3,rad={rad}", shrinkA=radius_pt[u], shrinkB=radius_pt[v],
                alpha=0.85, zorder=1,
            ))
        return
    batches: dict[tuple[str, float, str], list[Sequence[tuple[float, float]]]] = defaultdict(list)
    for u, v, data in edges:
        batches[_edge_style(data)].append((positions[u], positions[v]))
    for (color, width, line), segments in sorted(batches.items()):
        ax.add_collection(LineCollection(segments, colors=color, linewidths=width * 0.7, linestyles=line,
                                         alpha=0.45, zorder=1))


def _draw_nodes(
    ax: Any, view: nx.MultiDiGraph, nodes: list[str], positions: Positions, radius_pt: dict[str, float]
) -> list[str]:
    by_kind: dict[str, list[str]] = defaultdict(list)
    for node in nodes:
        kind = view.nodes[node].get("kind", "other")
        by_kind[kind if kind in KIND_STYLES else "other"].append(node)
    for kind, members in by_kind.items():
        style = KIND_STYLES[kind]
        ax.scatter([positions[m][0] for m in members], [positions[m][1] for m in members],
                   s=[(2 * radius_pt[m]) ** 2 for m in members], c=style.color, marker=style.marker,
                   edgecolors="white", linewidths=0.8, zorder=2)
    if nodes:
        xs = [positions[m][0] for m in nodes]
        ys = [positions[m][1] for m in nodes]
        pad = 60.0
        ax.set_xlim(min(xs) - pad, max(xs) + pad)
        ax.set_ylim(max(ys) + pad, min(ys) - pad)
    return [k for k in KIND_STYLES if k in by_kind]


def _draw_labels(
    ax: Any, view: nx.MultiDiGraph, nodes: list[str], positions: Positions, radius_pt: dict[str, float],
    degree: dict[str, int], count: int,
) -> None:
    chosen = sorted(nodes, key=lambda n: (-degree.get(n, 0), n))[: max(0, count)]
    halo = {"boxstyle": "round,pad=0.15", "facecolor": "white", "edgecolor": "none", "alpha": 0.75}
    for node in chosen:
        x, y = positions[node]
        ax.annotate(short_label(view.nodes[node]), (x, y), xytext=(0, -radius_pt[node] - 2),
                    textcoords="offset points", ha="center", va="top", fontsize=8, color="#1d2430", bbox=halo,
                    zorder=3)


def _legend(ax: Any, view: nx.MultiDiGraph, kinds: list[str]) -> None:
    handles: list[Any] = [
        Line2D([], [], linestyle="", marker=KIND_STYLES[k].marker, markersize=8, color=KIND_STYLES[k].color,
               label=f"{KIND_STYLES[k].label_id} / {KIND_STYLES[k].label_en}")
        for k in kinds
    ]
    sourced = {d["relation"] for _u, _v, d in view.edges(data=True) if not is_reference(d)}
    reference = {d["relation"] for _u, _v, d in view.edges(data=True) if is_reference(d)}
    groups = ("recognition", "structure", "context")
    for relation in sorted(sourced, key=lambda r: (groups.index(relation_style(r).group), r)):
        style = relation_style(relation)
        handles.append(Line2D([], [], color=style.color, linewidth=style.width,
                              linestyle=_LINESTYLE.get(style.line, "-"),
                              label=f"{style.label_id} / {style.label_en}"))
    if reference:
        names = ", ".join(relation_style(r).label_en for r in sorted(reference))
        handles.append(Line2D([], [], color=REFERENCE_COLOR, linestyle="--",
                              label=f"data rujukan / reference data ({names})"))
    if handles:
        ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize=8, frameon=False)
