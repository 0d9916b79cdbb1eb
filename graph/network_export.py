"""The network as files for Gephi, Cytoscape and other tools: GEXF (dynamic by year), GraphML and Cytoscape JSON.

``flatten(view, positions)`` gives the exported graph: a ``MultiDiGraph`` with scalar attributes only (networkx's
GEXF and GraphML writers reject lists and ``None``), the same nodes and edges as the view, and:

- nodes: ``label``, ``short_label``, ``kind``, ``type``, ``iri``, ``label_id``/``label_en``, ``aliases`` (joined
  with "; "), ``jurisdiction``, ``regions`` (IRIs, "; "), the measures of ``network_measures.node_measures``
  (conferred, received, awards_received, presented, accepted_on_behalf, degree, brokerage) and ``x``/``y``;
- edges: ``id`` (``network.edge_id``), ``relation``, ``fact``, ``document`` (the article URL, or "reference data"),
  ``reference`` (true when the edge rests on reference data, not on a sentence), ``year``, ``date``, ``award``,
  ``award_label``, ``event``, …, the first quote (``quote``, ``quote_start``, ``quote_end``, ``name_as_stated``),
  every quote (``quotes``, joined with " | ") and ``evidence_count``. (The network's own ``source`` attribute is
  renamed ``document``: Cytoscape JSON uses ``source`` for the edge's start node.)

In GEXF, dated edges get ``start``/``end`` = their year, so the file is dynamic and Gephi's timeline filters it by
year (undated edges, like reference data, stay visible at every time); positions, sizes and colours are GEXF
``viz`` elements. GEXF 1.2draft is written: networkx's 1.3 header misspells the XML Schema instance namespace.
"""

from __future__ import annotations

import io
import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import networkx as nx

from .network import edge_id, is_reference, node_regions
from .network_layout import Positions
from .network_measures import node_measures
from .network_style import KIND_STYLES, node_size, rgb, short_label

__all__ = ["DATA_FORMATS", "WRITERS", "Format", "cytoscape_data", "flatten", "to_cytoscape", "to_gexf", "to_graphml"]

GEXF_VERSION = "1.2draft"
QUOTE_SEPARATOR = " | "

_NODE_KEYS = ("label", "label_id", "label_en", "kind", "type", "jurisdiction")
_EDGE_SKIP = {"source", "evidence"}


@dataclass(frozen=True)
class Format:
    name: str
    extension: str
    media_type: str
    description: str


DATA_FORMATS: dict[str, Format] = {
    f.name: f
    for f in (
        Format("gexf", "gexf", "application/gexf+xml", "GEXF 1.2 for Gephi, dynamic by year"),
        Format("graphml", "graphml", "application/graphml+xml", "GraphML (Gephi, Cytoscape, igraph, yEd)"),
        Format("cyjs", "cyjs", "application/json", "Cytoscape JSON (Cytoscape desktop, Cytoscape.js)"),
    )
}


def _scalar(value: Any) -> Any:
    if isinstance(value, (list, tuple, set, frozenset)):
        return "; ".join(str(v) for v in value)
    return value


def flatten(
    view: nx.MultiDiGraph,
    positions: Positions | None = None,
    network: nx.MultiDiGraph | None = None,
    name: str = "Anugerah",
) -> nx.MultiDiGraph:
    """The exported graph of a network or a view (see the module docstring). ``network``: the whole network the
    view was selected from, whose region hierarchy gives each entity's ``regions`` (default: the view itself)."""
    measures = node_measures(view)
    regions = node_regions(view if network is None else network)
    flat = nx.MultiDiGraph(name=name)
    for node, data in sorted(view.nodes(data=True)):
        attrs: dict[str, Any] = {k: data[k] for k in _NODE_KEYS if data.get(k) is not None}
        attrs["label"] = str(data.get("label") or node)
        attrs["short_label"] = short_label(data)
        attrs["iri"] = node
        if data.get("aliases"):
            attrs["aliases"] = _scalar(data["aliases"])
        if regions.get(node):
            attrs["regions"] = _scalar(sorted(regions[node]))
        attrs.update(measures[node])
        if positions is not None and node in positions:
            attrs["x"], attrs["y"] = positions[node]
        flat.add_node(node, **attrs)
    for u, v, key, data in sorted(view.edges(keys=True, data=True), key=lambda e: (e[0], e[1], e[2])):
        attrs = {k: _scalar(value) for k, value in data.items() if k not in _EDGE_SKIP and value is not None}
        attrs["id"] = edge_id(u, key, v)
        attrs["document"] = data.get("source")
        attrs["reference"] = is_reference(data)
        evidence = data.get("evidence") or []
        attrs["evidence_count"] = len(evidence)
        if evidence:
            first = evidence[0]
            attrs["quote"] = first["quote"]
            attrs["quote_start"], attrs["quote_end"] = first["start"], first["end"]
            if first.get("name_as_stated"):
                attrs["name_as_stated"] = first["name_as_stated"]
            attrs["quotes"] = QUOTE_SEPARATOR.join(e["quote"] for e in evidence if e.get("quote"))
        flat.add_edge(u, v, key=key, **{k: value for k, value in attrs.items() if value is not None})
    return flat


def to_gexf(
    view: nx.MultiDiGraph, positions: Positions | None = None, network: nx.MultiDiGraph | None = None
) -> bytes:
    """GEXF 1.2draft, dynamic by year, with ``viz`` position (y up, as Gephi draws it), size and colour."""
    flat = flatten(view, positions, network)
    for _node, data in flat.nodes(data=True):
        viz: dict[str, Any] = {"size": node_size(int(data.get("degree", 0))) / 2}
        r, g, b = rgb(KIND_STYLES.get(str(data.get("kind")), KIND_STYLES["other"]).color)
        viz["color"] = {"r": r, "g": g, "b": b, "a": 1.0}
        if "x" in data:
            viz["position"] = {"x": float(data.pop("x")), "y": -float(data.pop("y")), "z": 0.0}
        data["viz"] = viz
    for _u, _v, data in flat.edges(data=True):
        if isinstance(data.get("year"), int):
            data["start"] = data["end"] = data["year"]
    buffer = io.BytesIO()
    nx.write_gexf(flat, buffer, version=GEXF_VERSION)
    return buffer.getvalue()


def to_graphml(
    view: nx.MultiDiGraph, positions: Positions | None = None, network: nx.MultiDiGraph | None = None
) -> bytes:
    """GraphML with typed keys; the MultiDiGraph key is the edge's GraphML id."""
    buffer = io.BytesIO()
    nx.write_graphml(flatten(view, positions, network), buffer)
    return buffer.getvalue()


def cytoscape_data(
    view: nx.MultiDiGraph, positions: Positions | None = None, network: nx.MultiDiGraph | None = None
) -> dict[str, Any]:
    """``nx.cytoscape_data`` of the flattened view (``name`` = label), with ``position`` on each node: what
    Cytoscape desktop imports as .cyjs and what ``cytoscape({elements})`` takes."""
    flat = flatten(view, positions, network)
    data = nx.cytoscape_data(flat, name="label")
    for element in data["elements"]["nodes"]:
        node = element["data"]
        if "x" in node:
            element["position"] = {"x": node["x"], "y": node["y"]}
    return data


def to_cytoscape(
    view: nx.MultiDiGraph, positions: Positions | None = None, network: nx.MultiDiGraph | None = None
) -> bytes:
    return json.dumps(cytoscape_data(view, positions, network), ensure_ascii=False, indent=1).encode("utf-8")


WRITERS: Mapping[str, Any] = {"gexf": to_gexf, "graphml": to_graphml, "cyjs": to_cytoscape}
