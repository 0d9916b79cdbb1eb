"""Network measures and layout: the answers follow from the facts (counted by recognition, not by edge), the
broker between a ministry and a regional agency is the government in between, and positions are complete, finite,
spread out and stable."""

from __future__ import annotations

import math

import networkx as nx
from anugerah.graph.namespaces import Base
from anugerah.graph.network_layout import EDGE_LENGTH, cached_layout, layout
from anugerah.graph.network_measures import brokerage, node_measures, rankings
from anugerah.graph.network_view import Selection, select

from .test_network import ANAS, DISHUB_JATIM, PEMPROV, seed_network

ID = Base().id
KEMENPANRB = ID + "org/kemenpanrb"


def _recognitions(graph: nx.MultiDiGraph, node: str, relations: tuple[str, ...], incoming: bool) -> set[str]:
    edges = graph.in_edges(node, data=True) if incoming else graph.out_edges(node, data=True)
    return {d["fact"] for _u, _v, d in edges if d["relation"] in relations}


def test_counts_are_of_recognitions_as_the_sources_state_them() -> None:
    graph = seed_network()
    measures = node_measures(select(graph, Selection()))
    assert measures[KEMENPANRB]["conferred"] == len(_recognitions(graph, KEMENPANRB, ("conferred",), False)) >= 1
    assert measures[ANAS]["presented"] == len(_recognitions(graph, ANAS, ("presented",), False)) >= 1
    assert measures[ANAS]["conferred"] == len(_recognitions(graph, ANAS, ("conferred",), False))  # presenter ≠ giver
    received = _recognitions(graph, DISHUB_JATIM, ("received", "conferred", "presented"), True)
    assert measures[DISHUB_JATIM]["received"] == len(received) >= 4
    # "won four awards" is one recognition with quantity 4: one recognition, four awards.
    ppp = ID + "recognition/bc6b67aba84e4a20"
    assert ppp in _recognitions(graph, PEMPROV, ("conferred",), True)
    assert measures[PEMPROV]["awards_received"] - measures[PEMPROV]["received"] >= 3


def test_rankings_answer_who_confers_receives_presents_and_brokers() -> None:
    view = select(seed_network(), Selection())
    top = rankings(view, limit=50)
    assert KEMENPANRB in [x["iri"] for x in top["conferrers"]]
    assert DISHUB_JATIM in [x["iri"] for x in top["recipients"]]
    assert ANAS in [x["iri"] for x in top["presenters"]]
    assert ID + "group/2023-11-21-ppp-kepala-opd" in [x["iri"] for x in top["proxies"]]
    for name, items in top.items():
        figures = [x.get("count", x.get("score")) for x in items]
        assert figures == sorted(figures, reverse=True) and all(f > 0 for f in figures), name
    assert len(rankings(view, limit=1)["recipients"]) == 1


def test_the_government_brokers_between_the_ministry_and_its_agency() -> None:
    scores = brokerage(select(seed_network(), Selection()))
    # KemenPAN-RB → Pemprov Jatim (conferred) → Dishub Jatim (unit_of): Pemprov Jatim lies between them.
    assert scores.get(PEMPROV, 0) >= 1
    # A path's ends are not its brokers: on the seed facts alone, the ministry and the agency broker nothing.
    seed = seed_network().subgraph([KEMENPANRB, PEMPROV, DISHUB_JATIM])
    assert brokerage(seed) == {PEMPROV: 1.0}
    # Awards and events are not actors: they broker nothing.
    kinds = dict(seed_network().nodes(data="kind"))
    assert all(kinds[n] in ("organisation", "person", "office", "group") for n in scores)


def test_brokerage_is_empty_without_ministries() -> None:
    view = select(seed_network(), Selection(kinds=("person", "office")))
    assert brokerage(view) == {}


def test_positions_cover_every_node_and_are_spread_out() -> None:
    graph = seed_network()
    positions = layout(graph)
    assert set(positions) == set(graph.nodes)
    assert all(math.isfinite(x) and math.isfinite(y) for x, y in positions.values())
    points = list(positions.values())
    closest = min(math.dist(a, b) for i, a in enumerate(points) for b in points[i + 1 :])
    assert closest > EDGE_LENGTH / 20  # no two nodes on top of each other
    assert layout(graph) == positions  # deterministic


def test_the_layout_is_cached_per_network() -> None:
    graph = seed_network()
    first = cached_layout(graph)
    assert cached_layout(graph) is first
    other = nx.MultiDiGraph(graph)
    assert cached_layout(other) is not first and cached_layout(other) == first


def test_components_are_laid_out_apart() -> None:
    graph = nx.MultiDiGraph()
    nx.add_path(graph, ["a", "b", "c", "d"])
    nx.add_path(graph, ["x", "y"])
    graph.add_node("lonely")
    positions = layout(graph)
    assert set(positions) == {"a", "b", "c", "d", "x", "y", "lonely"}
    assert min(math.dist(positions[p], positions[q]) for p in "abcd" for q in ("x", "y", "lonely")) > EDGE_LENGTH / 2
