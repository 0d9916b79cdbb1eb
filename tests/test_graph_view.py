"""The graph view over real HTTP (uvicorn serving the built seed data): /api/network and its selections, what a
click shows, the measures, the exports of a filtered view, bad input; and the /graph page in Debian's chromium.

Expectations are computed from the data (the API's own answer for the same selection, the built network) or are seed
facts that stay true as the data grows: Dishub Jatim's Transjatim Ajaib top-30 recognition with its quote, and
Abdullah Azwar Anas presenting the 2023 Public Service Awards to Pemprov Jatim.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from typing import Any

import httpx
import networkx as nx
import pytest
import schemathesis
from anugerah.api.app import create_app
from anugerah.api.settings import Settings
from anugerah.graph.namespaces import Base
from hypothesis import HealthCheck, settings

from .browser import ARTIFACTS, open_page
from .server import SPARQL_APP, run_server, seed_dataset

ID = Base().id
DISHUB, PEMPROV, ANAS = ID + "org/dishub-jatim", ID + "org/pemprov-jatim", ID + "person/abdullah-azwar-anas"
TRANSJATIM_QUOTE = "Penghargaan kedua untuk Transjatim - ajaib yang masuk top 30"
ANAS_QUOTE = "Menteri PAN RB, Abdullah Azwar Anas"
VIVA = "https://jatim.viva.co.id/kabar/8854-pemprov-jatim-borong-4-penghargaan-pelayanan-publik-dari-kemenpan-rb-ri"


@pytest.fixture(scope="module")
def served() -> Iterator[str]:
    with run_server(SPARQL_APP, {"ANUGERAH_DATASET": str(seed_dataset()), "ANUGERAH_WORKERS": "1"}) as url:
        yield url


def get(served: str, path: str, **params: Any) -> httpx.Response:
    return httpx.get(served + path, params=params, timeout=60)


def network(served: str, **params: Any) -> dict[str, Any]:
    answer = get(served, "/api/network", **params)
    assert answer.status_code == 200, answer.text
    return answer.json()


def ids(data: dict[str, Any]) -> tuple[set[str], set[str]]:
    return ({n["data"]["id"] for n in data["elements"]["nodes"]}, {e["data"]["id"] for e in data["elements"]["edges"]})


# --- /api/network ---------------------------------------------------------------------------------------------


def test_the_network_has_positions_labels_and_no_dangling_or_isolated_elements(served: str) -> None:
    data = network(served)
    nodes, edges = data["elements"]["nodes"], data["elements"]["edges"]
    assert data["counts"] == {"nodes": len(nodes), "edges": len(edges)} and nodes and edges
    node_ids = {n["data"]["id"] for n in nodes}
    for node in nodes:
        assert set(node["position"]) == {"x", "y"} and node["data"]["label"] and node["data"]["short"]
    for edge in edges:
        assert edge["data"]["source"] in node_ids and edge["data"]["target"] in node_ids
    touched = {e["data"][end] for e in edges for end in ("source", "target")}
    assert touched == node_ids  # an entity without relations is not drawn
    dishub = next(n["data"] for n in nodes if n["data"]["id"] == DISHUB)
    assert dishub["short"] == "Dishub Jatim" and dishub["doc"] == "org/dishub-jatim"
    assert ID + "wilayah/35" in dishub["within"]
    assert {k["kind"] for k in data["legend"]["kinds"]} >= {n["data"]["kind"] for n in nodes}
    assert {a["doc"] for a in data["awards"]} >= {"award/kompetisi-inovasi-pelayanan-publik-jatim"}
    assert data["years"][0] <= 2023 <= data["years"][1]


def test_the_whole_network_is_cached_gzipped_and_revalidated(served: str) -> None:
    first = httpx.get(served + "/api/network", headers={"Accept-Encoding": "gzip"}, timeout=60)
    assert first.headers["content-encoding"] == "gzip" and first.headers["etag"]
    raw = httpx.get(served + "/api/network", headers={"Accept-Encoding": "identity"}, timeout=60)
    assert "content-encoding" not in raw.headers and raw.json() == first.json()
    again = httpx.get(served + "/api/network", headers={"If-None-Match": first.headers["etag"]}, timeout=60)
    assert again.status_code == 304


def test_a_year_range_keeps_dated_relations_in_it_and_undated_ones_on_request(served: str) -> None:
    everything = network(served)
    years = {e["data"]["year"] for e in everything["elements"]["edges"] if "year" in e["data"]}
    first = min(years)
    only = network(served, year_from=first, year_to=first, undated="false")
    assert only["elements"]["edges"] and all(e["data"].get("year") == first for e in only["elements"]["edges"])
    with_undated = network(served, year_from=first, year_to=first)
    assert {e["data"].get("year") for e in with_undated["elements"]["edges"]} <= {first, None}
    assert len(with_undated["elements"]["edges"]) >= len(only["elements"]["edges"])
    before = network(served, year_to=first - 1, undated="false")
    assert before["counts"] == {"nodes": 0, "edges": 0}


def test_award_region_kind_and_relation_filters(served: str) -> None:
    sakip = network(served, award="Evaluasi SAKIP")  # by name
    awards = {e["data"].get("award") for e in sakip["elements"]["edges"]} - {None}
    assert awards == {ID + "award/evaluasi-sakip"}
    assert sakip["selection"]["award"] == ["award/evaluasi-sakip"]
    jatim = network(served, region="wilayah/35", relation=["conferred", "unit_of"])
    pairs = {(e["data"]["source"], e["data"]["relation"], e["data"]["target"]) for e in jatim["elements"]["edges"]}
    assert (ID + "org/kemenpanrb", "conferred", PEMPROV) in pairs and (DISHUB, "unit_of", PEMPROV) in pairs
    people = network(served, kind=["person"])
    assert {n["data"]["kind"] for n in people["elements"]["nodes"]} == {"person"}


def test_focus_gives_the_neighbourhood_by_id_or_name(served: str) -> None:
    by_id = network(served, focus="org/dishub-jatim")
    by_name = network(served, focus="Dishub Jatim")
    assert ids(by_id) == ids(by_name)
    nodes, _edges = ids(by_id)
    assert DISHUB in nodes and PEMPROV in nodes  # part of its government
    assert ID + "award/kompetisi-inovasi-pelayanan-publik-jatim" in nodes
    neighbours = {e["data"][end] for e in network(served)["elements"]["edges"] for end in ("source", "target")
                  if DISHUB in (e["data"]["source"], e["data"]["target"])}
    assert nodes == neighbours  # itself and everything one relation away
    two = network(served, focus="org/dishub-jatim", hops=2)
    assert ids(two)[0] > nodes and ID + "org/kemenpanrb" in ids(two)[0]


# --- what a click shows -------------------------------------------------------------------------------------------


def test_a_node_lists_its_relations_with_quotes_and_links(served: str) -> None:
    answer = get(served, "/api/network/nodes/org/dishub-jatim")
    assert answer.status_code == 200, answer.text
    node = answer.json()
    assert node["label"] == "Dinas Perhubungan Provinsi Jawa Timur" and "Dishub Jatim" in node["aliases"]
    assert node["doc"] == "org/dishub-jatim" and node["measures"]["received"] >= 4
    transjatim = [e for e in node["edges"] if any(TRANSJATIM_QUOTE in q["quote"] for q in e["evidence"])]
    assert transjatim and transjatim[0]["relation"] == "received" and transjatim[0]["direction"] == "in"
    assert transjatim[0]["award"]["doc"] == "award/kompetisi-inovasi-pelayanan-publik-jatim"
    unit_of = [e for e in node["edges"] if e["relation"] == "unit_of"]
    assert unit_of and unit_of[0]["reference"] and unit_of[0]["evidence"] == []


def test_an_edge_has_its_fact_quotes_and_source(served: str) -> None:
    data = network(served, focus="person/abdullah-azwar-anas")
    [presented] = [e["data"]["id"] for e in data["elements"]["edges"]
                   if (e["data"]["source"], e["data"]["relation"], e["data"]["target"]) == (ANAS, "presented", PEMPROV)
                   and e["data"].get("year") == 2023]
    answer = get(served, f"/api/network/edges/{presented}")
    assert answer.status_code == 200, answer.text
    edge = answer.json()
    assert edge["from"]["doc"] == "person/abdullah-azwar-anas" and edge["to"]["doc"] == "org/pemprov-jatim"
    assert edge["award"]["doc"] == "award/penghargaan-pelayanan-publik" and edge["date"] == "2023-11-21"
    assert edge["fact"]["doc"].startswith("recognition/") and not edge["reference"]
    assert edge["evidence"][0]["quote"] == ANAS_QUOTE and edge["evidence"][0]["url"] == VIVA
    assert edge["capacity"]["doc"] == "post/menteri-panrb"


def test_measures_of_a_selection(served: str) -> None:
    answer = get(served, "/api/network/measures", limit=50)
    assert answer.status_code == 200, answer.text
    m = answer.json()
    assert ID + "org/kemenpanrb" in [x["iri"] for x in m["conferrers"]]
    assert DISHUB in [x["iri"] for x in m["recipients"]] and ANAS in [x["iri"] for x in m["presenters"]]
    assert PEMPROV in [x["iri"] for x in m["brokers"]]
    assert m["nodes"] == network(served)["counts"]["nodes"]
    none = get(served, "/api/network/measures", year_to=1900, undated="false").json()
    assert none["nodes"] == 0 and none["recipients"] == []


# --- exports of a filtered view -----------------------------------------------------------------------------------


@pytest.mark.parametrize("params", [{}, {"year_from": 2023, "year_to": 2023, "undated": "false"},
                                    {"focus": "org/dishub-jatim", "hops": 2}, {"region": "wilayah/35"}])
def test_exports_hold_the_same_nodes_and_edges_as_the_view(served: str, params: dict[str, Any]) -> None:
    expected_nodes, expected_edges = ids(network(served, **params))
    readers = {
        "gexf": lambda b: nx.read_gexf(io.BytesIO(b)),
        "graphml": lambda b: nx.read_graphml(io.BytesIO(b), force_multigraph=True),
        "cyjs": lambda b: nx.cytoscape_graph(json.loads(b), name="label"),
    }
    for fmt, read in readers.items():
        answer = get(served, "/api/network/export", format=fmt, **params)
        assert answer.status_code == 200, answer.text
        assert answer.headers["content-disposition"].startswith("attachment; filename=")
        graph = read(answer.content)
        assert set(graph.nodes) == expected_nodes, fmt
        assert {d["id"] for _u, _v, d in graph.edges(data=True)} == expected_edges, fmt
    svg = get(served, "/api/network/export", format="svg", **params)
    assert svg.headers["content-type"].startswith("image/svg+xml") and b"<svg" in svg.content[:2000]
    png = get(served, "/api/network/export", format="png", **params)
    assert png.headers["content-type"] == "image/png" and png.content.startswith(b"\x89PNG")


# --- bad input: 4xx naming the parameter ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "params", "status", "parameter"),
    [
        ("/api/network", {"year_from": 2024, "year_to": 2020}, 400, "year_to"),
        ("/api/network", {"year_from": 99}, 422, "year_from"),
        ("/api/network", {"relation": "bribed"}, 400, "relation"),
        ("/api/network", {"focus": "org/no-such-agency"}, 404, "focus"),
        ("/api/network", {"focus": "'; DROP TABLE --"}, 404, "focus"),
        ("/api/network", {"focus": "x" * 400}, 404, "focus"),
        ("/api/network", {"award": "org/dishub-jatim"}, 404, "award"),  # an organisation is not an award
        ("/api/network", {"region": "<script>alert(1)</script>"}, 404, "region"),
        ("/api/network", {"award": " "}, 400, "award"),
        ("/api/network", {"kind": "ghost"}, 422, "kind"),
        ("/api/network", {"hops": 9, "focus": "org/dishub-jatim"}, 422, "hops"),
        ("/api/network/export", {"format": "exe"}, 422, "format"),
        ("/api/network/export", {}, 422, "format"),
        ("/api/network/edges/e000000000000", {}, 404, "edge_id"),
        ("/api/network/nodes/org/nobody", {}, 404, "path"),
        ("/api/network/nodes/..%2F..%2Fetc%2Fpasswd", {}, 404, "path"),
        ("/api/network/measures", {"limit": 0}, 422, "limit"),
    ],
)
def test_bad_input_is_a_4xx_naming_the_parameter(
    served: str, path: str, params: dict[str, Any], status: int, parameter: str
) -> None:
    answer = get(served, path, **params)
    assert answer.status_code == status, answer.text
    detail = answer.json()["detail"]
    if status == 422:
        assert any(parameter in err["loc"] for err in detail), detail
    else:
        assert detail["parameter"] == parameter and detail["message"]


schema = schemathesis.openapi.from_dict(create_app(Settings()).openapi()).include(path_regex="^/api/network")


@schema.parametrize()
@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
def test_no_input_to_the_network_routes_yields_a_server_error(case, served: str) -> None:
    response = case.call(base_url=served, timeout=60)
    assert response.status_code < 500, f"{case.method} {case.path} → {response.status_code}: {response.text[:300]}"


# --- the page -------------------------------------------------------------------------------------------------------


def test_the_page_loads_its_library_from_the_server(served: str) -> None:
    page = get(served, "/graph")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert '<script src="/static/vendor/cytoscape/cytoscape.min.js"' in page.text
    assert "cdn" not in page.text.lower() and 'src="http' not in page.text
    library = get(served, "/static/vendor/cytoscape/cytoscape.min.js")
    assert library.status_code == 200 and len(library.content) > 100_000
    assert get(served, "/static/app/graph-view.js").status_code == 200


def _counts(page: Any) -> dict[str, int]:
    return page.evaluate("window.anugerahGraph.visibleCounts")


def _click_element(page: Any, element_id: str, padding: int = 120) -> None:
    """Zoom to an element and click it with the mouse, where Cytoscape drew it."""
    x, y = page.evaluate(
        """([id, padding]) => {
          const cy = window.anugerahGraph.cy;
          const ele = cy.getElementById(id);
          cy.fit(ele.isEdge() ? ele.union(ele.connectedNodes()) : ele.closedNeighborhood(), padding);
          const p = ele.isEdge() ? ele.renderedMidpoint() : ele.renderedPosition();
          const box = cy.container().getBoundingClientRect();
          return [box.left + p.x, box.top + p.y];
        }""",
        [element_id, padding],
    )
    page.wait_for_timeout(200)
    page.mouse.click(x, y)


def test_the_page_draws_searches_filters_and_shows_the_quote(served: str) -> None:
    whole = network(served)
    with open_page(served) as (page, problems):
        page.goto(served + "/graph")
        page.wait_for_function("window.anugerahGraph && window.anugerahGraph.ready", timeout=60_000)
        # It draws the nodes: every node of the network is on the canvas.
        assert _counts(page) == whole["counts"]
        assert page.evaluate("window.anugerahGraph.cy.nodes(':visible').length") == whole["counts"]["nodes"]

        # Search by alias.
        page.fill("#gv-search", "Dishub Jatim")
        page.wait_for_selector("#gv-suggestions li")
        assert "Dinas Perhubungan Provinsi Jawa Timur" in page.inner_text("#gv-suggestions")
        page.keyboard.press("Enter")
        page.wait_for_function(f"window.anugerahGraph.cy.$(':selected').map(e => e.id()).includes({DISHUB!r})")
        page.wait_for_selector("#gv-detail .gv-quote")
        detail = page.inner_text("#gv-detail")
        assert "Dinas Perhubungan Provinsi Jawa Timur" in detail and TRANSJATIM_QUOTE in detail
        assert page.get_attribute("#gv-detail a[href='/doc/org/dishub-jatim']", "href") == "/doc/org/dishub-jatim"

        # Narrow by year: what is shown is what the API gives for the same selection.
        years = whole["years"]
        page.fill("#gv-year-from", str(years[1]))
        page.fill("#gv-year-to", str(years[1]))
        page.uncheck("#gv-undated")
        page.press("#gv-year-to", "Tab")
        expected = network(served, year_from=years[1], year_to=years[1], undated="false")["counts"]
        page.wait_for_function(f"window.anugerahGraph.visibleCounts.edges === {expected['edges']}")
        assert _counts(page) == expected
        assert f"year_from={years[1]}" in page.url and "undated=false" in page.url
        export = page.get_attribute("#gv-exports a", "href")
        assert export.startswith("/api/network/export?") and f"year_to={years[1]}" in export
        page.fill("#gv-year-to", str(years[0] - 1))
        page.fill("#gv-year-from", "")
        page.press("#gv-year-to", "Tab")
        page.wait_for_function("window.anugerahGraph.visibleCounts.nodes === 0")
        page.click("#gv-reset")
        page.wait_for_function(f"window.anugerahGraph.visibleCounts.nodes === {whole['counts']['nodes']}")

        # Click a node: its relations with the source's quote.
        _click_element(page, DISHUB)
        page.wait_for_function(f"document.querySelector('#gv-detail').innerText.includes({TRANSJATIM_QUOTE!r})")
        # Click an edge: the presenter, the fact, the quote and the article.
        [presented] = [e["data"]["id"] for e in whole["elements"]["edges"]
                       if (e["data"]["source"], e["data"]["relation"], e["data"]["target"]) == (ANAS, "presented",
                                                                                               PEMPROV)
                       and e["data"].get("year") == 2023]
        _click_element(page, presented)
        page.wait_for_function(f"document.querySelector('#gv-detail').innerText.includes({ANAS_QUOTE!r})")
        assert page.locator(f"#gv-detail a[href='{VIVA}']").count() >= 1
        assert "menyerahkan" in page.inner_text("#gv-detail h2")
        page.click("#gv-fit")  # the whole network again, the quote still in the panel
        page.wait_for_timeout(300)
        page.screenshot(path=str(ARTIFACTS / "graph-view.png"))
    assert problems.external == []
    assert problems.errors == []


def test_the_page_opens_an_entitys_neighbourhood_from_the_url(served: str) -> None:
    expected = network(served, focus="org/dishub-jatim")["counts"]
    with open_page(served) as (page, problems):
        page.goto(served + "/graph?focus=org/dishub-jatim")
        page.wait_for_function("window.anugerahGraph && window.anugerahGraph.ready", timeout=60_000)
        assert _counts(page) == expected
        assert "Dinas Perhubungan Provinsi Jawa Timur" in page.inner_text("#gv-focus")
        page.select_option("#gv-focus select", "2")
        two = network(served, focus="org/dishub-jatim", hops=2)["counts"]
        page.wait_for_function(f"window.anugerahGraph.visibleCounts.nodes === {two['nodes']}")
        assert _counts(page) == two and "hops=2" in page.url
        page.screenshot(path=str(ARTIFACTS / "graph-view-focus.png"))
        page.click("#gv-focus button")
        whole = network(served)["counts"]
        page.wait_for_function(f"window.anugerahGraph.visibleCounts.nodes === {whole['nodes']}")
    assert problems.errors == [] and problems.external == []
