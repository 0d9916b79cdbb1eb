"""load_dataset pushes every named graph of the built dataset to a real Oxigraph server (Graph Store Protocol)."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import httpx
import pytest
from anugerah.graph.load import DEFAULT_GRAPH, LoadError, load_dataset
from rdflib import Dataset, URIRef

from .oxigraph_server import build_seed, free_port, oxigraph_server

GRAPH_SIZES = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"


@pytest.fixture(scope="module")
def dataset_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_seed(tmp_path_factory.mktemp("dist"))


def file_graph_sizes(path: Path) -> dict[str, int]:
    """Triples per named graph, read with rdflib (independently of the loader, which uses pyoxigraph)."""
    dataset = Dataset()
    dataset.parse(path, format="trig")
    sizes = Counter(str(graph) for _s, _p, _o, graph in dataset.quads((None, None, None, None)) if graph)
    return dict(sizes)


def server_graph_sizes(query_url: str) -> dict[str, int]:
    answer = httpx.post(query_url, data={"query": GRAPH_SIZES}, headers={"Accept": "application/sparql-results+json"})
    answer.raise_for_status()
    return {row["g"]["value"]: int(row["n"]["value"]) for row in answer.json()["results"]["bindings"]}


def count(query_url: str, pattern: str) -> int:
    query = f"SELECT (COUNT(*) AS ?n) WHERE {{ {pattern} }}"
    answer = httpx.post(query_url, data={"query": query}, headers={"Accept": "application/sparql-results+json"})
    answer.raise_for_status()
    return int(answer.json()["results"]["bindings"][0]["n"]["value"])


def test_every_named_graph_arrives_whole(dataset_file: Path) -> None:
    expected = file_graph_sizes(dataset_file)
    assert len(expected) > 4 and URIRef("https://w3id.org/anugerah/graph/ontology") in map(URIRef, expected)
    reported: list[tuple[str, int]] = []
    with oxigraph_server() as server:
        sizes = load_dataset(dataset_file, server.store_url, progress=lambda g, n: reported.append((g, n)))
        assert sizes == expected
        assert reported == list(sizes.items())  # one request per graph, each reported once
        assert server_graph_sizes(server.query_url) == expected
        assert count(server.query_url, "?s ?p ?o") == sum(expected.values())  # the union default graph
        # Replacing is idempotent; adding the same triples again changes nothing either (RDF graphs are sets).
        assert load_dataset(dataset_file, server.store_url) == expected
        assert load_dataset(dataset_file, server.store_url, replace=False) == expected
        assert server_graph_sizes(server.query_url) == expected


def test_put_replaces_a_graph_and_post_adds_to_it(tmp_path: Path) -> None:
    first, second = tmp_path / "first.trig", tmp_path / "second.nq"
    first.write_text(
        "<http://ex.org/g1> { <http://ex.org/a> <http://ex.org/p> 1, 2, 3 . }\n"
        "<http://ex.org/g2> { <http://ex.org/a> <http://ex.org/p> 1 . }\n"
        "<http://ex.org/a> <http://ex.org/p> 0 .\n",
        encoding="utf-8",
    )
    second.write_text('<http://ex.org/a> <http://ex.org/p> "new" <http://ex.org/g1> .\n', encoding="utf-8")
    with oxigraph_server() as server:
        assert load_dataset(first, server.store_url) == {"http://ex.org/g1": 3, "http://ex.org/g2": 1, DEFAULT_GRAPH: 1}
        assert load_dataset(second, server.store_url, replace=False) == {"http://ex.org/g1": 1}
        assert server_graph_sizes(server.query_url) == {"http://ex.org/g1": 4, "http://ex.org/g2": 1}
        assert load_dataset(second, server.store_url) == {"http://ex.org/g1": 1}
        assert server_graph_sizes(server.query_url) == {"http://ex.org/g1": 1, "http://ex.org/g2": 1}
        # The default graph was loaded too, and only once: the union does not duplicate it.
        assert count(server.query_url, "?s ?p ?o") == 3


def test_an_unreachable_store_names_the_url(dataset_file: Path) -> None:
    url = f"http://127.0.0.1:{free_port()}/store"
    with pytest.raises(LoadError, match=rf"cannot reach the Graph Store endpoint {url}: connection refused"):
        load_dataset(dataset_file, url)
    with pytest.raises(LoadError, match="must be an http"):
        load_dataset(dataset_file, "localhost:7878/store")


def test_a_refusing_server_names_the_graph_and_status(dataset_file: Path, tmp_path: Path) -> None:
    graphs = file_graph_sizes(dataset_file)
    stored: list[str] = []

    def named_graph(message: str) -> str:
        match = re.match(r"graph <([^>]+)>: PUT ", message)
        assert match is not None, message
        return match.group(1)

    with oxigraph_server() as server:
        with pytest.raises(LoadError) as wrong_path:
            load_dataset(dataset_file, f"{server.url}/nowhere", progress=lambda g, n: stored.append(g))
        message = wrong_path.value.message
        assert named_graph(message) in graphs
        assert f"PUT {server.url}/nowhere answered HTTP 404" in message
        assert stored == [] and server_graph_sizes(server.query_url) == {}  # it stopped at the first graph
    # A read-only server refuses the first graph; the load stops there.
    location = tmp_path / "db"
    with oxigraph_server(location):
        pass
    with oxigraph_server(location, read_only=True) as server:
        with pytest.raises(LoadError) as refused:
            load_dataset(dataset_file, server.store_url, progress=lambda g, n: stored.append(g))
        message = refused.value.message
        assert named_graph(message) in graphs
        assert re.search(rf"PUT {re.escape(server.store_url)} answered HTTP 4\d\d", message), message
        assert stored == [] and server_graph_sizes(server.query_url) == {}


def test_an_unreadable_file_is_named(tmp_path: Path) -> None:
    broken = tmp_path / "broken.trig"
    broken.write_text("<http://ex.org/g> { <http://ex.org/a> <http://ex.org/p> . }\n", encoding="utf-8")
    with pytest.raises(LoadError, match=r"broken\.trig: not valid TriG"):
        load_dataset(broken, "http://127.0.0.1:9/store")
    with pytest.raises(LoadError, match=r"unknown RDF file extension '\.json'"):
        load_dataset(tmp_path / "x.json", "http://127.0.0.1:9/store")
