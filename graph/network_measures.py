"""Measures that answer the questions people ask of the network, over the whole network or any view of it.

- **Who confers most**: conferrers by the recognitions the sources say they conferred (``conferred`` edges).
- **Who receives most**: recipients by the recognitions they received (the fact behind a ``conferred``,
  ``received``, ``presented`` or ``at_event`` edge of theirs), with ``awards`` adding up a stated quantity ("won
  four awards" is one recognition and four awards).
- **Who hands awards over**: presenters (``presented``); who accepts on someone's behalf (``accepted_on_behalf_of``).
- **Who brokers between ministries and regions**: betweenness restricted to the shortest paths from a ministry to
  a regional government or agency (``betweenness_centrality_subset``), over the relations between actors only
  (conferred, presented, handed_to, accepted_on_behalf_of, unit_of, held_office, post_in), so that an award or an
  event shared by many recipients is not counted as a broker.

Counts are of distinct fact nodes, so parallel edges of one recognition are counted once.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from typing import Any

import networkx as nx

__all__ = ["ACTOR_RELATIONS", "MINISTRY_TYPES", "REGIONAL_TYPES", "brokerage", "node_measures", "rankings"]

ACTOR_RELATIONS = frozenset(
    {"conferred", "presented", "handed_to", "accepted_on_behalf_of", "unit_of", "held_office", "post_in"}
)
MINISTRY_TYPES = frozenset({"agr:Ministry"})
REGIONAL_TYPES = frozenset({"agr:RegionalGovernment", "agr:RegionalAgency"})
_RECIPIENT_IN = ("conferred", "received", "presented")


def _facts(graph: nx.MultiDiGraph) -> dict[str, dict[str, dict[str, Any]]]:
    """Per measure, node → {fact: quantity}."""
    out: dict[str, dict[str, dict[str, Any]]] = {
        name: defaultdict(dict) for name in ("conferred", "received", "presented", "accepted")
    }
    for u, v, d in graph.edges(data=True):
        relation, fact = d["relation"], d["fact"]
        quantity = d.get("quantity") if isinstance(d.get("quantity"), int) else 1
        if relation == "conferred":
            out["conferred"][u][fact] = quantity
        if relation in _RECIPIENT_IN:
            out["received"][v][fact] = quantity
        elif relation == "at_event":  # only recognitions give at_event edges: recipient → event
            out["received"][u][fact] = quantity
        if relation == "presented":
            out["presented"][u][fact] = quantity
        elif relation == "accepted_on_behalf_of":
            out["accepted"][u][fact] = quantity
    return out


def brokerage(graph: nx.MultiDiGraph) -> dict[str, float]:
    """Each actor's share of the shortest ministry → regional-organisation paths that pass through it (the number
    of such pairs it lies between, fractionally when several shortest paths tie). Zero when the view holds no
    ministry or no regional organisation."""
    simple = nx.Graph()
    simple.add_edges_from((u, v) for u, v, r in graph.edges(data="relation") if r in ACTOR_RELATIONS and u != v)
    types = graph.nodes(data="type")
    sources = sorted(n for n in simple if types[n] in MINISTRY_TYPES)
    targets = sorted(n for n in simple if types[n] in REGIONAL_TYPES)
    if not sources or not targets:
        return {}
    scores = nx.betweenness_centrality_subset(simple, sources, targets, normalized=False)
    # Unnormalised on an undirected graph, networkx halves each pair's share: doubled, one pair counts 1.
    return {n: round(s * 2, 4) for n, s in scores.items() if s > 0}


def node_measures(graph: nx.MultiDiGraph) -> dict[str, dict[str, float | int]]:
    """Per node: ``conferred``, ``received``, ``awards_received`` (quantities added up), ``presented``,
    ``accepted_on_behalf`` (recognitions), ``degree`` (relations in the view, either direction) and
    ``brokerage``. Every node of the view appears, with zeros where nothing applies."""
    facts = _facts(graph)
    broker = brokerage(graph)
    out: dict[str, dict[str, float | int]] = {}
    for node in graph:
        out[node] = {
            "conferred": len(facts["conferred"].get(node, {})),
            "received": len(facts["received"].get(node, {})),
            "awards_received": sum(facts["received"].get(node, {}).values()),
            "presented": len(facts["presented"].get(node, {})),
            "accepted_on_behalf": len(facts["accepted"].get(node, {})),
            "degree": graph.degree(node),
            "brokerage": broker.get(node, 0.0),
        }
    return out


def rankings(
    graph: nx.MultiDiGraph, limit: int = 10, describe: Callable[[str], dict[str, Any]] | None = None
) -> dict[str, list[dict[str, Any]]]:
    """The top ``limit`` entities per question (ties broken by label): ``conferrers``, ``recipients``,
    ``presenters``, ``proxies`` (accepted on someone's behalf) and ``brokers``. Each entry has the entity's iri,
    label and kind (or what ``describe(iri)`` returns) and its ``count`` (recognitions; ``awards`` for recipients,
    ``score`` for brokers). Entities with a zero count are left out."""
    facts = _facts(graph)

    def entry(node: str) -> dict[str, Any]:
        if describe is not None:
            return describe(node)
        data = graph.nodes[node]
        return {"iri": node, "label": data.get("label", node), "kind": data.get("kind")}

    def top(items: Iterable[tuple[str, float]], field: str = "count") -> list[dict[str, Any]]:
        ranked = sorted(((n, c) for n, c in items if c), key=lambda x: (-x[1], str(graph.nodes[x[0]].get("label"))))
        return [{**entry(n), field: c} for n, c in ranked[:limit]]

    recipients = top((n, len(f)) for n, f in facts["received"].items())
    for item in recipients:
        item["awards"] = sum(facts["received"][item["iri"]].values())
    return {
        "conferrers": top((n, len(f)) for n, f in facts["conferred"].items()),
        "recipients": recipients,
        "presenters": top((n, len(f)) for n, f in facts["presented"].items()),
        "proxies": top((n, len(f)) for n, f in facts["accepted"].items()),
        "brokers": top(brokerage(graph).items(), "score"),
    }
