"""Views of the network for the graph page and the exports: which part to show, and how to hand it to a browser.

``Selection`` holds the filters (year range, awards, regions, kinds, relations, undated edges) and an optional
focus (an entity and a number of hops); ``select(graph, selection)`` applies them: first the filters
(``network.filter_network``), then, with a focus, the focus and the entities within ``hops`` steps of it in the
filtered view (either direction). The administrative hierarchy between regions (a regency in its province:
reference data, and most of it unrelated to any award) is left out unless ``hierarchy`` is set; the region filter
follows it all the same. Entities without any relation in the view are left out (an award edition no recognition
points at, a publisher), except the focus. The page applies the same rules in the browser, so what it
shows and what the export of the same selection contains are the same.

``page_data`` turns the whole network into the compact JSON the page loads once (elements with precomputed
positions, the legend, the years, awards and regions to filter by); ``edge_detail`` and ``node_detail`` give what a
click shows: the facts with their quotes and sources.
"""

from __future__ import annotations

from collections import Counter, deque
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import networkx as nx

from .network import RELATIONS, edge_id, filter_network, is_reference, node_regions
from .network_layout import Positions
from .network_style import legend, node_size, short_label

__all__ = ["Selection", "edge_detail", "edge_index", "is_hierarchy", "node_detail", "page_data", "select"]

MAX_NODE_EDGES = 200  # the facts a node's panel lists at most (the rest are counted)


@dataclass(frozen=True)
class Selection:
    """What to show. ``None`` means no filter of that kind; IRIs throughout."""

    year_from: int | None = None
    year_to: int | None = None
    undated: bool = True  # keep undated edges (reference data, undated tenures) when a year range is given
    awards: tuple[str, ...] | None = None
    regions: tuple[str, ...] | None = None
    kinds: tuple[str, ...] | None = None
    relations: tuple[str, ...] | None = None
    focus: str | None = None
    hops: int = 1
    hierarchy: bool = False  # also the administrative hierarchy between regions (reference data)

    @property
    def filtered(self) -> bool:
        return any(x is not None for x in (self.year_from, self.year_to, self.awards, self.regions, self.kinds,
                                            self.relations))

    def describe(self, label: Callable[[str], str] = str) -> str:
        """A one-line description of the selection, for titles."""
        parts = []
        if self.year_from is not None or self.year_to is not None:
            parts.append(f"{self.year_from or '…'}–{self.year_to or '…'}")
        for name, values in (("award", self.awards), ("region", self.regions)):
            if values:
                parts.append(f"{name}: " + ", ".join(label(v) for v in values))
        if self.kinds:
            parts.append("kinds: " + ", ".join(self.kinds))
        if self.relations:
            parts.append("relations: " + ", ".join(self.relations))
        if self.focus:
            parts.append(f"{self.hops} hop(s) around {label(self.focus)}")
        return "; ".join(parts)


def select(graph: nx.MultiDiGraph, selection: Selection) -> nx.MultiDiGraph:
    """The part of ``graph`` that ``selection`` describes, as a new graph sharing the attribute values (a copy is
    cheaper than stacked networkx views for everything done with it afterwards). A focus not in the network is a
    KeyError; a focus the filters leave without relations is shown alone."""
    if selection.focus is not None and selection.focus not in graph:
        raise KeyError(selection.focus)
    years = (selection.year_from, selection.year_to)
    view = filter_network(
        graph,
        years=years if years != (None, None) else None,
        awards=selection.awards,
        regions=selection.regions,
        kinds=selection.kinds,
        relations=selection.relations,
        keep_undated=selection.undated,
    )
    edges = [(u, v, k) for u, v, k in view.edges(keys=True)
             if selection.hierarchy or not is_hierarchy(graph, u, v, k)]
    if selection.focus is None:
        nodes = {n for u, v, _k in edges for n in (u, v)}
    else:
        nodes = _within_hops(edges, selection.focus, selection.hops)
        edges = [(u, v, k) for u, v, k in edges if u in nodes and v in nodes]
    out = nx.MultiDiGraph()
    out.graph.update(graph.graph)
    out.add_nodes_from((n, graph.nodes[n]) for n in sorted(nodes))
    out.add_edges_from((u, v, k, graph.edges[u, v, k]) for u, v, k in edges)
    return out


def is_hierarchy(graph: nx.MultiDiGraph, u: str, v: str, key: str) -> bool:
    """Whether an edge is a region lying in a region (the administrative hierarchy, reference data): left out of
    views unless asked for, though the region filter always follows it."""
    nodes = graph.nodes
    return (graph.edges[u, v, key]["relation"] == "located_in" and nodes[u].get("kind") == "region"
            and nodes[v].get("kind") == "region")


def _within_hops(edges: list[tuple[str, str, str]], center: str, hops: int) -> set[str]:
    """The center and the nodes within ``hops`` steps of it along ``edges``, in either direction."""
    neighbours: dict[str, set[str]] = {}
    for u, v, _k in edges:
        neighbours.setdefault(u, set()).add(v)
        neighbours.setdefault(v, set()).add(u)
    seen = {center: 0}
    queue = deque([center])
    while queue:
        node = queue.popleft()
        if seen[node] >= hops:
            continue
        for other in neighbours.get(node, ()):
            if other not in seen:
                seen[other] = seen[node] + 1
                queue.append(other)
    return set(seen)


# --------------------------------------------------------------------------------------------------------------
# The page's data
# --------------------------------------------------------------------------------------------------------------


def page_data(
    graph: nx.MultiDiGraph,
    positions: Positions,
    local_id: Callable[[str], str | None],
    network: nx.MultiDiGraph | None = None,
) -> dict[str, Any]:
    """Everything the page needs, loaded once: ``elements`` (nodes with ``position``; compact edges), ``legend``,
    ``years`` [first, last], ``awards`` and ``regions`` to filter by (those that occur), ``relations``, ``counts``.

    Node data: id (IRI), doc (local id for /doc/…, when under the base), label, short, kind, type, aliases, within
    (region IRIs), size (px), and per-question counts (conferred, received). Edge data: id (``edge_id``), source,
    target, relation, year, award, ref (1 for reference data), n (number of quotes). ``relations``: each relation
present with its number of edges, and how many of them rest on reference data. ``network``: the whole network
    ``graph`` was selected from, whose region hierarchy says which regions each entity lies in (default: ``graph``)."""
    network = graph if network is None else network
    regions = node_regions(network)
    degree = dict(graph.degree())
    conferred: Counter[str] = Counter()
    received: Counter[str] = Counter()
    nodes = []
    for node, data in sorted(graph.nodes(data=True)):
        item: dict[str, Any] = {"id": node, "doc": local_id(node), "label": str(data.get("label") or node),
                                "short": short_label(data), "kind": data.get("kind", "other"),
                                "size": node_size(degree.get(node, 0))}
        if data.get("type"):
            item["type"] = data["type"]
        if data.get("aliases"):
            item["aliases"] = list(data["aliases"])
        if regions.get(node):
            item["within"] = sorted(regions[node])
        x, y = positions.get(node, (0.0, 0.0))
        nodes.append({"data": item, "position": {"x": x, "y": y}})
    edges = []
    awards: dict[str, str] = {}
    years: list[int] = []
    relations: Counter[str] = Counter()
    reference: Counter[str] = Counter()
    for u, v, key, data in sorted(graph.edges(keys=True, data=True), key=lambda e: (e[0], e[1], e[2])):
        item = {"id": edge_id(u, key, v), "source": u, "target": v, "relation": data["relation"]}
        relations[data["relation"]] += 1
        if data.get("year") is not None:
            item["year"] = data["year"]
            years.append(int(data["year"]))
        if data.get("award"):
            item["award"] = data["award"]
            awards.setdefault(data["award"], str(data.get("award_label") or graph.nodes.get(data["award"], {})
                                                 .get("label") or data["award"]))
        if is_reference(data):
            item["ref"] = 1
            reference[data["relation"]] += 1
        item["n"] = len(data.get("evidence") or ())
        if data["relation"] == "conferred":
            conferred[u] += 1
        if data["relation"] in ("conferred", "received"):
            received[v] += 1
        edges.append({"data": item})
    region_ids = sorted({r for n in graph for r in regions.get(n, ()) if r in network})
    known = [r for r in RELATIONS if r in relations] + sorted(r for r in relations if r not in RELATIONS)
    return {
        "counts": {"nodes": len(nodes), "edges": len(edges)},
        "years": [min(years), max(years)] if years else None,
        "awards": sorted(({"iri": a, "doc": local_id(a), "label": label} for a, label in awards.items()),
                         key=lambda a: a["label"].casefold()),
        "regions": sorted(({"iri": r, "doc": local_id(r), "label": str(network.nodes[r].get("label") or r)}
                           for r in region_ids), key=lambda r: r["label"].casefold()),
        "relations": [{"relation": r, "count": relations[r], "reference": reference[r]} for r in known],
        "legend": legend(known),
        "elements": {"nodes": nodes, "edges": edges},
    }


# --------------------------------------------------------------------------------------------------------------
# What a click shows
# --------------------------------------------------------------------------------------------------------------


def edge_index(graph: nx.MultiDiGraph) -> dict[str, tuple[str, str, str]]:
    """``edge_id`` → (u, v, key) for every edge."""
    return {edge_id(u, key, v): (u, v, key) for u, v, key in graph.edges(keys=True)}


def _ref(graph: nx.MultiDiGraph, iri: str | None, local_id: Callable[[str], str | None]) -> dict[str, Any] | None:
    if iri is None:
        return None
    data = graph.nodes[iri] if iri in graph else {}
    return {"iri": iri, "doc": local_id(iri), "label": str(data.get("label") or iri.rsplit("/", 1)[-1]),
            "kind": data.get("kind")}


def edge_detail(
    graph: nx.MultiDiGraph, u: str, v: str, key: str, local_id: Callable[[str], str | None]
) -> dict[str, Any]:
    """One edge with its ends, its fact and every quote behind it (url, title, quote, offsets, name as stated)."""
    data = graph.edges[u, v, key]
    out: dict[str, Any] = {
        "id": edge_id(u, key, v),
        "relation": data["relation"],
        "description": RELATIONS.get(data["relation"], ""),
        "from": _ref(graph, u, local_id),
        "to": _ref(graph, v, local_id),
        "fact": {"iri": data["fact"], "doc": local_id(data["fact"])},
        "reference": is_reference(data),
        "document": data.get("source"),
        "evidence": list(data.get("evidence") or ()),
    }
    for name in ("year", "date", "grade", "quantity", "role", "start_date", "end_date", "attested_on", "via"):
        if data.get(name) is not None:
            out[name] = data[name]
    for name in ("award", "edition", "event", "capacity"):
        if data.get(name):
            out[name] = _ref(graph, data[name], local_id)
    if out.get("award") and data.get("award_label"):
        out["award"]["label"] = data["award_label"]
    return out


def node_detail(
    graph: nx.MultiDiGraph, view: nx.MultiDiGraph, node: str, local_id: Callable[[str], str | None],
    measures: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """A node of ``graph`` with the edges it has in ``view`` (at most ``MAX_NODE_EDGES``, recognitions first,
    then by date), each with its quotes; ``counts`` per relation and direction over all of them."""
    data = graph.nodes[node]
    incident: list[tuple[str, str, str, str]] = []
    if node in view:
        incident += [(node, v, k, "out") for _u, v, k in view.out_edges(node, keys=True)]
        incident += [(u, node, k, "in") for u, _v, k in view.in_edges(node, keys=True) if u != node]
    counts = Counter(f"{graph.edges[u, v, k]['relation']} {d}" for u, v, k, d in incident)
    order = {r: i for i, r in enumerate(RELATIONS)}

    def sort_key(item: tuple[str, str, str, str]) -> tuple[Any, ...]:
        u, v, k, _d = item
        e = graph.edges[u, v, k]
        return (is_reference(e), order.get(e["relation"], 99), e.get("date") or "", u, v, k)

    shown = sorted(incident, key=sort_key)[:MAX_NODE_EDGES]
    regions = node_regions(graph).get(node, frozenset())
    return {
        **(_ref(graph, node, local_id) or {}),
        "type": data.get("type"),
        "label_id": data.get("label_id"),
        "label_en": data.get("label_en"),
        "aliases": list(data.get("aliases") or ()),
        "jurisdiction": _ref(graph, data.get("jurisdiction"), local_id),
        "within": [_ref(graph, r, local_id) for r in sorted(regions)],
        "measures": dict(measures or {}),
        "counts": [{"relation": key.split(" ")[0], "direction": key.split(" ")[1], "count": c}
                   for key, c in sorted(counts.items())],
        "edge_count": len(incident),
        "edges": [{**edge_detail(graph, u, v, k, local_id), "direction": d} for u, v, k, d in shown],
    }
