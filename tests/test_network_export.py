"""Network exports: each file reads back with networkx with the same nodes, edges and attributes as the view it
was written from; GEXF is dynamic by year; drawings are real SVG and PNG."""

from __future__ import annotations

import io
import json
import xml.etree.ElementTree as ET
from functools import lru_cache
from typing import Any

import networkx as nx
import pytest
from anugerah.graph.namespaces import Base
from anugerah.graph.network import REFERENCE
from anugerah.graph.network_draw import draw
from anugerah.graph.network_export import QUOTE_SEPARATOR, flatten, to_cytoscape, to_gexf, to_graphml
from anugerah.graph.network_layout import Positions, layout
from anugerah.graph.network_view import Selection, select

from .test_network import DISHUB_JATIM, seed_network

ID = Base().id
TRANSJATIM_QUOTE = ("Penghargaan kedua untuk Transjatim - ajaib yang masuk top 30 kompetisi inovasi pelayanan publik "
                    "Provinsi Jatim 2023.")


@lru_cache(maxsize=1)
def positions() -> Positions:
    return layout(seed_network())


def views() -> dict[str, nx.MultiDiGraph]:
    graph = seed_network()
    return {
        "all": select(graph, Selection()),
        "2023 without undated": select(graph, Selection(year_from=2023, year_to=2023, undated=False)),
        "Dishub Jatim, 2 hops": select(graph, Selection(focus=DISHUB_JATIM, hops=2)),
        "recognitions in Jatim": select(graph, Selection(regions=(ID + "wilayah/35",), relations=(
            "conferred", "received", "presented", "handed_to", "accepted_on_behalf_of"))),
    }


VIEWS = list(views())


def _edges_by_id(graph: nx.MultiDiGraph) -> dict[str, tuple[str, str, dict[str, Any]]]:
    out = {}
    for u, v, data in graph.edges(data=True):
        out[data["id"]] = (u, v, data)
    assert len(out) == graph.number_of_edges(), "edge ids are unique"
    return out


def test_the_flattened_graph_has_the_views_nodes_and_edges_and_only_scalar_values() -> None:
    for name, view in views().items():
        flat = flatten(view, positions())
        assert set(flat.nodes) == set(view.nodes), name
        assert sorted(flat.edges(keys=True)) == sorted(view.edges(keys=True)), name
        for _n, data in flat.nodes(data=True):
            assert all(isinstance(v, (str, int, float, bool)) for v in data.values()), data
        for _u, _v, data in flat.edges(data=True):
            assert all(isinstance(v, (str, int, float, bool)) for v in data.values()), data


def test_every_edge_keeps_its_fact_document_and_quotes() -> None:
    flat = flatten(views()["all"], positions())
    transjatim = [d for u, v, d in flat.edges(data=True)
                  if v == DISHUB_JATIM and d["relation"] == "received" and TRANSJATIM_QUOTE in d.get("quotes", "")]
    assert len(transjatim) == 1
    [edge] = transjatim
    assert edge["award"] == ID + "award/kompetisi-inovasi-pelayanan-publik-jatim"
    assert edge["year"] == 2023 and edge["date"] == "2023-11-23"
    assert edge["document"].startswith("https://dishub.jatimprov.go.id/")
    assert edge["reference"] is False and edge["evidence_count"] == len(edge["quotes"].split(QUOTE_SEPARATOR))
    unit_of = [d for u, v, d in flat.edges(data=True) if u == DISHUB_JATIM and d["relation"] == "unit_of"]
    assert unit_of and all(d["reference"] and d["document"] == REFERENCE and d["evidence_count"] == 0
                           and "quote" not in d for d in unit_of)
    dishub = flat.nodes[DISHUB_JATIM]
    assert dishub["short_label"] == "Dishub Jatim" and dishub["kind"] == "organisation"
    assert dishub["received"] >= 4 and ID + "wilayah/35" in dishub["regions"].split("; ")


@pytest.mark.parametrize("name", VIEWS)
def test_gexf_reads_back_with_the_same_nodes_edges_and_attributes(name: str) -> None:
    view = views()[name]
    flat = flatten(view, positions())
    back = nx.read_gexf(io.BytesIO(to_gexf(view, positions())))
    assert set(back.nodes) == set(flat.nodes)
    for node, expected in flat.nodes(data=True):
        got = dict(back.nodes[node])
        viz = got.pop("viz")
        expected = dict(expected)
        x, y = expected.pop("x"), expected.pop("y")
        assert got == expected, node
        assert viz["position"] == {"x": x, "y": -y, "z": 0.0}
        assert set(viz) == {"position", "size", "color"}
    expected_edges = _edges_by_id(flat)
    got_edges = {}
    for u, v, data in back.edges(data=True):
        got_edges[data["id"]] = (u, v, data)
    assert set(got_edges) == set(expected_edges)
    for edge_id, (u, v, expected) in expected_edges.items():
        gu, gv, got = got_edges[edge_id]
        assert (gu, gv) == (u, v)
        got = dict(got)
        start, end = got.pop("start", None), got.pop("end", None)
        got.pop("networkx_key", None)
        assert got == expected, edge_id
        assert (start, end) == ((expected["year"], expected["year"]) if "year" in expected else (None, None))


def test_gexf_is_dynamic_by_year_for_gephis_timeline() -> None:
    root = ET.fromstring(to_gexf(views()["all"], positions()))
    ns = {"g": root.tag[1:].split("}")[0]}
    graph = root.find("g:graph", ns)
    assert graph.get("mode") == "dynamic" and graph.get("defaultedgetype") == "directed"
    dated = [e for e in graph.iterfind("g:edges/g:edge", ns) if e.get("start")]
    undated = [e for e in graph.iterfind("g:edges/g:edge", ns) if not e.get("start")]
    assert dated and undated  # recognitions have years; reference data stays at every time
    assert all(e.get("start") == e.get("end") and len(e.get("start")) == 4 for e in dated)


@pytest.mark.parametrize("name", VIEWS)
def test_graphml_reads_back_with_the_same_nodes_edges_and_attributes(name: str) -> None:
    view = views()[name]
    flat = flatten(view, positions())
    back = nx.read_graphml(io.BytesIO(to_graphml(view, positions())), force_multigraph=True)
    assert dict(back.nodes(data=True)) == dict(flat.nodes(data=True))
    assert sorted(back.edges(keys=True)) == sorted(flat.edges(keys=True))
    for u, v, key, data in flat.edges(keys=True, data=True):
        assert back.edges[u, v, key] == data


@pytest.mark.parametrize("name", VIEWS)
def test_cytoscape_json_reads_back_with_the_same_nodes_edges_and_attributes(name: str) -> None:
    view = views()[name]
    flat = flatten(view, positions())
    data = json.loads(to_cytoscape(view, positions()))
    assert data["directed"] and data["multigraph"]
    for element in data["elements"]["nodes"]:  # a preset layout for Cytoscape
        assert element["position"] == {"x": element["data"]["x"], "y": element["data"]["y"]}
    back = nx.cytoscape_graph(data, name="label")
    for node, expected in flat.nodes(data=True):
        got = dict(back.nodes[node])
        assert (got.pop("id"), got.pop("value"), got.pop("name")) == (node, node, expected["label"])
        assert got == expected
    assert sorted(back.edges(keys=True)) == sorted(flat.edges(keys=True))
    for u, v, key, expected in flat.edges(keys=True, data=True):
        got = dict(back.edges[u, v, key])
        assert (got.pop("source"), got.pop("target"), got.pop("key")) == (u, v, key)
        assert got == expected


def test_an_entitys_regions_follow_the_whole_networks_hierarchy() -> None:
    # The region hierarchy (Kota Batu in Jawa Timur) is not drawn, but it still says where things are.
    view = views()["all"]
    event = ID + "event/2023-11-23-pameran-inovasi-jatim-bureaucracy-fest"
    assert (ID + "wilayah/35.79", ID + "wilayah/35") not in set(view.edges())
    regions = flatten(view, positions(), seed_network()).nodes[event]["regions"].split("; ")
    assert {ID + "wilayah/35.79", ID + "wilayah/35"} <= set(regions)


def test_exports_of_an_empty_selection_are_valid() -> None:
    empty = select(seed_network(), Selection(year_from=1900, year_to=1900, undated=False))
    assert empty.number_of_nodes() == 0
    assert nx.read_gexf(io.BytesIO(to_gexf(empty, positions()))).number_of_nodes() == 0
    assert nx.read_graphml(io.BytesIO(to_graphml(empty, positions()))).number_of_nodes() == 0
    assert draw(empty, positions(), "png").startswith(b"\x89PNG")


def test_drawings_are_svg_with_text_and_png() -> None:
    view = views()["all"]
    svg = draw(view, positions(), "svg", subtitle="seed")
    root = ET.fromstring(svg)
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    texts = " ".join("".join(t.itertext()) for t in root.iter("{http://www.w3.org/2000/svg}text"))
    assert "Dishub Jatim" in texts and "who awarded whom" in texts
    assert "reference data" in texts  # the legend says which relations rest on reference data
    assert svg == draw(view, positions(), "svg", subtitle="seed")  # deterministic
    png = draw(view, positions(), "png")
    assert png.startswith(b"\x89PNG\r\n\x1a\n") and len(png) > 10_000
    with pytest.raises(ValueError):
        draw(view, positions(), "gif")
