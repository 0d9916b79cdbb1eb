"""The W3C SPARQL 1.1 Protocol tests (shared/conformance/w3c-sparql11-protocol) against a live server.

The manifest is read with rdflib; every request of every query-side test (``query_*``, ``bad_query_*``,
``bad_multiple_queries``) is sent as written (method, headers, body bytes in the declared character encoding,
``/sparql/`` replaced by the endpoint path) and its response checked: status class, format (boolean / tabular /
RDF, by parsing the body) and the expected boolean. The endpoint is read-only, so the update-side tests
(``update_*``, ``bad_update_*``, ``bad_multiple_updates``) must be refused with a 4xx.

The server holds data1..3.nt as named graphs named by the manifest's ``rdfs:label`` (and data0, see
``server.w3c_protocol_dataset``).
"""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from rdflib import RDF, RDFS, Dataset, Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection

from .server import SPARQL_APP, W3C_PROTOCOL, run_server, temp_dir, w3c_protocol_dataset

MF = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
HT = Namespace("http://www.w3.org/2011/http#")
HTS = Namespace("http://www.w3.org/2011/http-statusCodes#")
CNT = Namespace("http://www.w3.org/2011/content#")
UT = Namespace("http://www.w3.org/2009/sparql/tests/test-update#")
SRX = "{http://www.w3.org/2005/sparql-results#}"
MANIFEST = W3C_PROTOCOL / "manifest.ttl"
ENDPOINT = "/sparql"
DATA0 = "http://kasei.us/2009/09/sparql/data/data0.rdf"

RDF_PARSERS = {
    "text/turtle": "turtle",
    "application/n-triples": "nt",
    "application/rdf+xml": "xml",
    "application/ld+json": "json-ld",
    "application/trig": "trig",
    "application/n-quads": "nquads",
}


@dataclass(frozen=True)
class ProtocolRequest:
    method: str
    path: str
    headers: tuple[tuple[str, str], ...]
    body: bytes | None
    statuses: frozenset[int]  # expected status classes: 2, 3, 4
    format: str | None
    boolean: bool | None


@dataclass(frozen=True)
class ProtocolTest:
    name: str
    requests: tuple[ProtocolRequest, ...]

    @property
    def update_side(self) -> bool:
        return self.name.startswith(("update_", "bad_update_")) or self.name == "bad_multiple_updates"


def _manifest() -> Graph:
    graph = Graph()
    graph.parse(MANIFEST, format="turtle")
    return graph


def _status_class(node: URIRef) -> int:
    return int(str(node).removeprefix(str(HTS)).removeprefix("StatusCode")[0])


def _request(graph: Graph, node: URIRef) -> ProtocolRequest:
    headers = []
    header_list = graph.value(node, HT.headers)
    if header_list is not None:
        for header in Collection(graph, header_list):
            headers.append((str(graph.value(header, HT.fieldName)), str(graph.value(header, HT.fieldValue))))
    body = None
    body_node = graph.value(node, HT.body)
    if body_node is not None:
        encoding = str(graph.value(body_node, CNT.characterEncoding) or "UTF-8")
        body = str(graph.value(body_node, CNT.chars)).encode(encoding)
    response = graph.value(node, HT.resp)
    statuses = frozenset(_status_class(s) for s in graph.objects(response, MF.expectedStatus))
    expected_format = graph.value(response, MF.expectedFormat)
    expected_boolean = graph.value(response, MF.expectedBoolean)
    return ProtocolRequest(
        method=str(graph.value(node, HT.methodName)),
        path=str(graph.value(node, HT.absolutePath)),
        headers=tuple(headers),
        body=body,
        statuses=statuses,
        format=str(expected_format) if expected_format is not None else None,
        boolean=bool(expected_boolean.toPython()) if isinstance(expected_boolean, Literal) else None,
    )


def protocol_tests() -> list[ProtocolTest]:
    graph = _manifest()
    manifest = next(graph.subjects(RDF.type, MF.Manifest))
    tests = []
    for entry in Collection(graph, graph.value(manifest, MF.entries)):
        action = graph.value(entry, MF.action)
        requests = tuple(_request(graph, r) for r in Collection(graph, graph.value(action, HT.requests)))
        tests.append(ProtocolTest(str(entry).rsplit("#", 1)[1], requests))
    return tests


def graph_data() -> dict[str, Path]:
    """Every ut:graphData of the manifest: graph name (its rdfs:label) → data file."""
    graph = _manifest()
    return {
        str(graph.value(data, RDFS.label)): Path(str(graph.value(data, UT.graph)).removeprefix("file://"))
        for data in graph.objects(None, UT.graphData)
    }


TESTS = protocol_tests()
QUERY_TESTS = [t for t in TESTS if not t.update_side]
UPDATE_TESTS = [t for t in TESTS if t.update_side]


@pytest.fixture(scope="module")
def base_url() -> Iterator[str]:
    graphs = graph_data()
    data0 = temp_dir("anugerah-w3c-data0-") / "data0.nt"
    data0.write_text(f"<{DATA0}> <{RDF.type}> <http://xmlns.com/foaf/0.1/Document> .\n", encoding="utf-8")
    dataset = w3c_protocol_dataset({**graphs, DATA0: data0})
    with run_server(SPARQL_APP, env={"ANUGERAH_DATASET": str(dataset), "ANUGERAH_TIMEOUT_S": "10"}) as url:
        yield url


def send(client: httpx.Client, base_url: str, request: ProtocolRequest) -> httpx.Response:
    assert request.path.startswith("/sparql/")
    url = base_url + ENDPOINT + request.path.removeprefix("/sparql/")
    headers = dict(request.headers)
    return client.request(request.method, url, headers=headers, content=request.body)


def _media_type(response: httpx.Response) -> str:
    return response.headers.get("content-type", "").split(";")[0].strip().lower()


def boolean_of(response: httpx.Response) -> bool:
    media = _media_type(response)
    if media == "application/sparql-results+json":
        value = json.loads(response.content)["boolean"]
        assert isinstance(value, bool)
        return value
    if media == "application/sparql-results+xml":
        text = ET.fromstring(response.content).find(f"{SRX}boolean").text  # type: ignore[union-attr]
        assert text in ("true", "false")
        return text == "true"
    raise AssertionError(f"not a boolean result format: {media}")


def check_tabular(response: httpx.Response) -> None:
    media = _media_type(response)
    if media == "application/sparql-results+json":
        document = json.loads(response.content)
        assert isinstance(document["head"]["vars"], list)
        assert isinstance(document["results"]["bindings"], list)
    elif media == "application/sparql-results+xml":
        root = ET.fromstring(response.content)
        assert root.find(f"{SRX}head") is not None and root.find(f"{SRX}results") is not None
    elif media in ("text/csv", "text/tab-separated-values"):
        rows = list(csv.reader(io.StringIO(response.text), delimiter="," if media == "text/csv" else "\t"))
        assert rows and rows[0]
    else:
        raise AssertionError(f"not a tabular result format: {media}")


def check_rdf(response: httpx.Response) -> None:
    media = _media_type(response)
    assert media in RDF_PARSERS, f"not an RDF format: {media}"
    Dataset().parse(data=response.content, format=RDF_PARSERS[media])


@pytest.mark.parametrize("test", QUERY_TESTS, ids=[t.name for t in QUERY_TESTS])
def test_query_side(base_url: str, test: ProtocolTest) -> None:
    with httpx.Client(timeout=30) as client:
        for request in test.requests:
            response = send(client, base_url, request)
            assert response.status_code // 100 in request.statuses, (response.status_code, response.text)
            if request.format == "boolean":
                value = boolean_of(response)
                if request.boolean is not None:
                    assert value is request.boolean
            elif request.format == "tabular":
                check_tabular(response)
            elif request.format == "RDF":
                check_rdf(response)


@pytest.mark.parametrize("test", UPDATE_TESTS, ids=[t.name for t in UPDATE_TESTS])
def test_update_side_is_refused(base_url: str, test: ProtocolTest) -> None:
    """A read-only endpoint: the update request (each test's first) is refused with a 4xx and a reason."""
    with httpx.Client(timeout=30) as client:
        response = send(client, base_url, test.requests[0])
    assert response.status_code // 100 == 4, (response.status_code, response.text)
    assert response.text.strip()


def test_every_manifest_entry_is_run() -> None:
    assert len(TESTS) == 34
    assert len(QUERY_TESTS) == 20
    assert {t.name for t in QUERY_TESTS} >= {"bad_multiple_queries", "query_multiple_dataset", "bad_query_non_utf8"}
