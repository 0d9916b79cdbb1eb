"""SPARQLWrapper, the Python client researchers copy from notebooks, against the live endpoint.

Every result format SPARQLWrapper supports, by GET, POST (form) and POST (direct), over the seed data: the
recognitions of org/dishub-jatim number 4. SPARQLWrapper sends its format as ``format``/``output``/``results``
parameters and an Accept header; any mismatch between what it asked for and what it got is a RuntimeWarning,
which these tests turn into an error.
"""

from __future__ import annotations

import csv
import io
import json
import warnings
from collections.abc import Iterator

import pytest
from rdflib import Graph, URIRef
from SPARQLWrapper import (
    CSV,
    GET,
    JSON,
    JSONLD,
    N3,
    POST,
    POSTDIRECTLY,
    RDFXML,
    TSV,
    TURTLE,
    URLENCODED,
    XML,
    SPARQLWrapper,
)
from SPARQLWrapper.SPARQLExceptions import QueryBadFormed

from .server import SPARQL_APP, run_server, seed_dataset

BASE = "https://w3id.org/anugerah/"
DISHUB = BASE + "id/org/dishub-jatim"
AGR = "https://w3id.org/anugerah/def/core#"
PREFIX = f"PREFIX agr: <{AGR}>\nPREFIX id: <{BASE}id/>\n"
RECOGNITIONS = (
    PREFIX + "SELECT ?recognition WHERE { ?recognition agr:recipient id:org\\/dishub-jatim } ORDER BY ?recognition"
)
COUNT = PREFIX + "SELECT (COUNT(DISTINCT ?r) AS ?n) WHERE { ?r agr:recipient id:org\\/dishub-jatim }"
ASK_YES = PREFIX + "ASK { ?r agr:recipient id:org\\/dishub-jatim }"
ASK_NO = PREFIX + "ASK { ?r agr:recipient id:org\\/no-such-agency }"
CONSTRUCT = (
    PREFIX + "CONSTRUCT { ?r agr:recipient ?who } WHERE { ?r agr:recipient ?who FILTER (?who = id:org\\/dishub-jatim) }"
)
DESCRIBE = f"DESCRIBE <{DISHUB}>"

# SPARQLWrapper's own converters still build rdflib's deprecated ConjunctiveGraph.
pytestmark = pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")

METHODS = {
    "GET": (GET, URLENCODED),
    "POST-form": (POST, URLENCODED),
    "POST-direct": (POST, POSTDIRECTLY),
}


@pytest.fixture(scope="module")
def endpoint() -> Iterator[str]:
    with run_server(SPARQL_APP, env={"ANUGERAH_DATASET": str(seed_dataset()), "ANUGERAH_TIMEOUT_S": "20"}) as base:
        yield base + "/sparql"


def run(endpoint: str, query: str, return_format: str | None, method: str) -> object:
    sparql = SPARQLWrapper(endpoint)
    http_method, request_method = METHODS[method]
    sparql.setMethod(http_method)
    sparql.setRequestMethod(request_method)
    if return_format is not None:
        sparql.setReturnFormat(return_format)
    sparql.setQuery(query)
    with warnings.catch_warnings():
        warnings.simplefilter("error", RuntimeWarning)
        return sparql.queryAndConvert()


@pytest.mark.parametrize("method", METHODS)
def test_select_json(endpoint: str, method: str) -> None:
    result = run(endpoint, RECOGNITIONS, JSON, method)
    assert isinstance(result, dict)
    recognitions = [b["recognition"]["value"] for b in result["results"]["bindings"]]
    assert len(recognitions) == 4
    assert all(r.startswith(BASE + "id/recognition/") for r in recognitions)
    count = run(endpoint, COUNT, JSON, method)
    assert count["results"]["bindings"][0]["n"]["value"] == "4"  # type: ignore[index]


@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize("return_format", [XML, None], ids=["XML", "default"])
def test_select_xml(endpoint: str, method: str, return_format: str | None) -> None:
    document = run(endpoint, RECOGNITIONS, return_format, method)  # SPARQLWrapper's default format is XML
    uris = [node.firstChild.data for node in document.getElementsByTagName("uri")]  # type: ignore[attr-defined]
    assert len(uris) == 4


@pytest.mark.parametrize("method", METHODS)
def test_select_csv(endpoint: str, method: str) -> None:
    data = run(endpoint, RECOGNITIONS, CSV, method)
    rows = list(csv.reader(io.StringIO(data.decode("utf-8"))))  # type: ignore[attr-defined]
    assert rows[0] == ["recognition"]
    assert len(rows) == 5
    count = list(csv.reader(io.StringIO(run(endpoint, COUNT, CSV, method).decode("utf-8"))))  # type: ignore[attr-defined]
    assert count == [["n"], ["4"]]


@pytest.mark.parametrize("method", METHODS)
def test_select_tsv(endpoint: str, method: str) -> None:
    lines = run(endpoint, RECOGNITIONS, TSV, method).decode("utf-8").splitlines()  # type: ignore[attr-defined]
    assert lines[0] == "?recognition"
    assert len(lines) == 5 and all(line.startswith(f"<{BASE}id/recognition/") for line in lines[1:])


@pytest.mark.parametrize("method", METHODS)
def test_ask_json_and_xml(endpoint: str, method: str) -> None:
    assert run(endpoint, ASK_YES, JSON, method)["boolean"] is True  # type: ignore[index]
    assert run(endpoint, ASK_NO, JSON, method)["boolean"] is False  # type: ignore[index]
    document = run(endpoint, ASK_YES, XML, method)
    assert document.getElementsByTagName("boolean")[0].firstChild.data == "true"  # type: ignore[attr-defined]


def _graph(data: object, rdf_format: str) -> Graph:
    if isinstance(data, Graph):
        return data
    assert isinstance(data, bytes | str)
    return Graph().parse(data=data, format=rdf_format)


@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize(
    ("return_format", "parse_as"),
    [(TURTLE, "turtle"), (N3, "turtle"), (JSONLD, "json-ld"), (RDFXML, "xml"), (XML, "xml")],
)
def test_construct(endpoint: str, method: str, return_format: str, parse_as: str) -> None:
    graph = _graph(run(endpoint, CONSTRUCT, return_format, method), parse_as)
    assert len(graph) == 4
    assert set(graph.objects()) == {URIRef(DISHUB)}


@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize(("return_format", "parse_as"), [(TURTLE, "turtle"), (JSONLD, "json-ld"), (RDFXML, "xml")])
def test_describe(endpoint: str, method: str, return_format: str, parse_as: str) -> None:
    graph = _graph(run(endpoint, DESCRIBE, return_format, method), parse_as)
    assert (URIRef(DISHUB), None, None) in graph
    assert len(graph) > 3


@pytest.mark.parametrize("method", METHODS)
def test_construct_ntriples_by_conneg(endpoint: str, method: str) -> None:
    """SPARQLWrapper has no N-Triples constant: ask for it with a custom Accept, conneg only."""
    sparql = SPARQLWrapper(endpoint)
    sparql.setMethod(METHODS[method][0])
    sparql.setRequestMethod(METHODS[method][1])
    sparql.setOnlyConneg(True)
    sparql.addCustomHttpHeader("Accept", "application/n-triples")
    sparql.setQuery(CONSTRUCT)
    response = sparql.query()
    assert response.response.headers["Content-Type"].startswith("application/n-triples")
    lines = response.response.read().decode("utf-8").splitlines()
    assert len(lines) == 4 and all(line.endswith(f"<{DISHUB}> .") for line in lines)


def test_dataset_and_timeout_through_sparqlwrapper(endpoint: str) -> None:
    sparql = SPARQLWrapper(endpoint)
    sparql.setReturnFormat(JSON)
    sparql.addDefaultGraph(BASE + "graph/reference")
    sparql.addParameter("timeout", "5")
    sparql.setQuery(PREFIX + "ASK { id:org\\/dishub-jatim ?p ?o }")
    assert sparql.queryAndConvert()["boolean"] is True  # type: ignore[index]
    sparql.setQuery(ASK_YES)  # the recognitions are in the source graphs, not in the reference graph
    assert sparql.queryAndConvert()["boolean"] is False  # type: ignore[index]


def test_errors_reach_sparqlwrapper_as_its_exceptions(endpoint: str) -> None:
    sparql = SPARQLWrapper(endpoint)
    sparql.setReturnFormat(JSON)
    sparql.setQuery("SELECT * WHERE { ?s ?p }")
    with pytest.raises(QueryBadFormed, match="syntax error"):
        sparql.queryAndConvert()


def test_pandas_style_csv_download(endpoint: str) -> None:
    """What ``pd.read_csv(io.BytesIO(sparql.queryAndConvert()))`` does: a header row, then one row per result."""
    data = run(
        endpoint,
        PREFIX
        + "SELECT ?recognition ?award WHERE { ?recognition agr:recipient id:org\\/dishub-jatim ; agr:award ?award }",
        CSV,
        "GET",
    )
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8"))))  # type: ignore[attr-defined]
    assert len(rows) == 4 and set(rows[0]) == {"recognition", "award"}
    assert json.dumps(rows)  # plain strings all the way
