"""The /sparql endpoint's protocol behaviour over real HTTP: negotiation, service description, headers, limits,
the dataset parameters; plus the negotiation and result-format functions and the engine's Python API.

One server for the module, over the seed data built by ``anugerah build``, with a row cap of 5.
"""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from collections.abc import Iterator

import httpx
import pyoxigraph as ox
import pytest
from anugerah.api.negotiation import negotiate, parse_accept
from anugerah.api.settings import Settings
from anugerah.graph.engine import NotAcceptable, QueryRefused, QuerySyntaxError, SparqlRequest
from anugerah.graph.query_pool import EmbeddedEngine
from anugerah.graph.results import serialize_boolean, serialize_solutions
from rdflib import Dataset, Graph, Literal, Namespace, URIRef

from .server import SPARQL_APP, run_server, seed_dataset

ROW_LIMIT = 5
BASE = "https://w3id.org/anugerah/"
GRAPH = BASE + "graph/"
DISHUB = f"<{BASE}id/org/dishub-jatim>"
AGR = "https://w3id.org/anugerah/def/core#"
SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
SRX = "{http://www.w3.org/2005/sparql-results#}"
SEED_GRAPHS = {
    GRAPH + "ontology",
    GRAPH + "reference",
    GRAPH + "vocabulary",
    GRAPH + "source/681783f449430bdf",
    GRAPH + "source/db41a91a74f613aa",
}
COUNT_DISHUB = f"SELECT (COUNT(DISTINCT ?r) AS ?n) WHERE {{ ?r <{AGR}recipient> {DISHUB} }}"
CONSTRUCT_DISHUB = f"CONSTRUCT {{ {DISHUB} ?p ?o }} WHERE {{ {DISHUB} ?p ?o }}"
RDF_PARSERS = {
    "text/turtle": "turtle",
    "application/n-triples": "nt",
    "application/ld+json": "json-ld",
    "application/rdf+xml": "xml",
    "application/trig": "trig",
    "application/n-quads": "nquads",
}


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    env = {"ANUGERAH_DATASET": str(seed_dataset()), "ANUGERAH_ROW_LIMIT": str(ROW_LIMIT), "ANUGERAH_TIMEOUT_S": "20"}
    with run_server(SPARQL_APP, env=env) as base_url:
        yield base_url


@pytest.fixture(scope="module")
def client(server: str) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=server, timeout=30) as http:
        yield http


def media(response: httpx.Response) -> str:
    return response.headers["content-type"].split(";")[0].strip()


def get(client: httpx.Client, query: str, accept: str | None = None, **params: str | list[str]) -> httpx.Response:
    headers = {"Accept": accept} if accept is not None else {}
    return client.get("/sparql", params={"query": query, **params}, headers=headers)


def count_of(response: httpx.Response) -> int:
    assert response.status_code == 200, response.text
    return int(json.loads(response.content)["results"]["bindings"][0]["n"]["value"])


def ask(client: httpx.Client, query: str, **params: str | list[str]) -> bool:
    response = get(client, query, **params)
    assert response.status_code == 200, response.text
    return bool(json.loads(response.content)["boolean"])


# --- content negotiation over HTTP ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "accept", "expected"),
    [
        (COUNT_DISHUB, None, "application/sparql-results+json"),
        (COUNT_DISHUB, "*/*", "application/sparql-results+json"),
        (COUNT_DISHUB, "application/sparql-results+xml", "application/sparql-results+xml"),
        (COUNT_DISHUB, "application/sparql-results+json;q=0.5, text/csv", "text/csv"),
        (COUNT_DISHUB, "text/csv;q=0.2, text/tab-separated-values;q=0.9, */*;q=0.1", "text/tab-separated-values"),
        (COUNT_DISHUB, "text/*", "text/csv"),
        (COUNT_DISHUB, "application/*", "application/sparql-results+json"),
        (COUNT_DISHUB, "text/csv; charset=utf-8", "text/csv"),
        (COUNT_DISHUB, "application/json", "application/sparql-results+json"),
        (COUNT_DISHUB, "application/sparql-results+json;q=0, */*", "application/sparql-results+xml"),
        (COUNT_DISHUB, "application/sparql-results+json,*/*;q=0.9", "application/sparql-results+json"),  # YASGUI
        ("ASK {}", None, "application/sparql-results+json"),
        ("ASK {}", "application/sparql-results+xml", "application/sparql-results+xml"),
        (CONSTRUCT_DISHUB, None, "text/turtle"),
        (CONSTRUCT_DISHUB, "*/*", "text/turtle"),
        (CONSTRUCT_DISHUB, "application/n-triples,*/*;q=0.9", "application/n-triples"),  # YASGUI
        (CONSTRUCT_DISHUB, "application/json", "application/ld+json"),
        (CONSTRUCT_DISHUB, "application/turtle,text/turtle", "text/turtle"),  # SPARQLWrapper TURTLE
        (f"DESCRIBE {DISHUB}", "application/rdf+xml", "application/rdf+xml"),
    ],
)
def test_accept_negotiation(client: httpx.Client, query: str, accept: str | None, expected: str) -> None:
    response = get(client, query, accept)
    assert response.status_code == 200, response.text
    assert media(response) == expected
    assert response.headers["vary"] == "Accept"


def test_several_accept_headers_are_combined(client: httpx.Client) -> None:
    headers = [("Accept", "text/csv;q=0.1"), ("Accept", "text/tab-separated-values")]
    response = client.get("/sparql", params={"query": COUNT_DISHUB}, headers=headers)
    assert media(response) == "text/tab-separated-values"


@pytest.mark.parametrize(
    ("query", "fmt", "expected"),
    [
        (COUNT_DISHUB, "csv", "text/csv"),
        (COUNT_DISHUB, "tsv", "text/tab-separated-values"),
        (COUNT_DISHUB, "xml", "application/sparql-results+xml"),
        (COUNT_DISHUB, "json", "application/sparql-results+json"),
        (COUNT_DISHUB, "application/sparql-results+xml", "application/sparql-results+xml"),
        (CONSTRUCT_DISHUB, "turtle", "text/turtle"),
        (CONSTRUCT_DISHUB, "ntriples", "application/n-triples"),
        (CONSTRUCT_DISHUB, "jsonld", "application/ld+json"),
        (CONSTRUCT_DISHUB, "json", "application/ld+json"),
        (CONSTRUCT_DISHUB, "rdfxml", "application/rdf+xml"),
        (CONSTRUCT_DISHUB, "xml", "application/rdf+xml"),
        (CONSTRUCT_DISHUB, "trig", "application/trig"),
        (CONSTRUCT_DISHUB, "nquads", "application/n-quads"),
    ],
)
def test_format_parameter_overrides_accept(client: httpx.Client, query: str, fmt: str, expected: str) -> None:
    response = get(client, query, "text/html", format=fmt)
    assert response.status_code == 200, response.text
    assert media(response) == expected


def test_output_and_unknown_format_values(client: httpx.Client) -> None:
    assert media(get(client, COUNT_DISHUB, None, output="csv")) == "text/csv"
    # SPARQLWrapper sends format, output and results; an unknown value is ignored and Accept decides.
    response = get(client, COUNT_DISHUB, "text/tab-separated-values", format="bogus", output="bogus")
    assert media(response) == "text/tab-separated-values"


@pytest.mark.parametrize(
    ("query", "accept", "params"),
    [
        (COUNT_DISHUB, "text/html", {}),
        (COUNT_DISHUB, "text/turtle", {}),
        ("ASK {}", "text/csv", {}),
        (CONSTRUCT_DISHUB, "application/sparql-results+json", {}),
        (CONSTRUCT_DISHUB, None, {"format": "csv"}),
    ],
)
def test_nothing_acceptable_is_406_listing_the_offered_types(
    client: httpx.Client, query: str, accept: str | None, params: dict[str, str]
) -> None:
    response = get(client, query, accept, **params)
    assert response.status_code == 406
    assert media(response) == "text/plain"
    offered = "application/sparql-results+json" if not query.startswith("CONSTRUCT") else "text/turtle"
    assert offered in response.text


def test_select_in_every_format_says_the_same(client: httpx.Client) -> None:
    query = f"SELECT ?r WHERE {{ ?r <{AGR}recipient> {DISHUB} }} ORDER BY ?r"
    by_json = get(client, query, "application/sparql-results+json")
    expected = [b["r"]["value"] for b in json.loads(by_json.content)["results"]["bindings"]]
    assert len(expected) == 4
    by_xml = ET.fromstring(get(client, query, "application/sparql-results+xml").content)
    assert [u.text for u in by_xml.iter(f"{SRX}uri")] == expected
    by_csv = list(csv.reader(io.StringIO(get(client, query, "text/csv").text)))
    assert by_csv == [["r"], *([r] for r in expected)]
    by_tsv = get(client, query, "text/tab-separated-values").text.splitlines()
    assert by_tsv == ["?r", *(f"<{r}>" for r in expected)]


@pytest.mark.parametrize("media_type", sorted(RDF_PARSERS))
def test_construct_in_every_rdf_format_parses_to_the_same_graph(client: httpx.Client, media_type: str) -> None:
    reference = Graph().parse(data=get(client, CONSTRUCT_DISHUB, "application/n-triples").text, format="nt")
    assert len(reference) > 3
    response = get(client, CONSTRUCT_DISHUB, media_type)
    assert response.status_code == 200
    assert media(response) == media_type
    parsed = Dataset()
    parsed.parse(data=response.content, format=RDF_PARSERS[media_type])
    assert {(s, p, o) for s, p, o, _g in parsed.quads((None, None, None, None))} == set(reference)


# --- service description, headers, methods, limits -----------------------------------------------------------


def served_graphs() -> set[str]:
    """The named graphs of the dataset the server loads, as its build recorded them (build-info.json)."""
    info = json.loads((seed_dataset().parent / "build-info.json").read_text(encoding="utf-8"))
    return set(info["graphs"])


def test_service_description(server: str, client: httpx.Client) -> None:
    response = client.get("/sparql")
    assert response.status_code == 200
    assert media(response) == "text/turtle"
    graph = Graph().parse(data=response.text, format="turtle")
    service = graph.value(predicate=SD.endpoint, object=URIRef(server + "/sparql"))
    assert service is not None
    assert (service, SD.supportedLanguage, SD.SPARQL11Query) in graph
    assert (service, SD.feature, SD.UnionDefaultGraph) in graph
    formats = {str(f) for f in graph.objects(service, SD.resultFormat)}
    assert "http://www.w3.org/ns/formats/SPARQL_Results_JSON" in formats
    assert "http://www.w3.org/ns/formats/SPARQL_Results_TSV" in formats
    assert "http://www.w3.org/ns/formats/Turtle" in formats
    dataset = graph.value(service, SD.defaultDataset)
    names = {str(graph.value(g, SD.name)) for g in graph.objects(dataset, SD.namedGraph)}
    assert names == served_graphs()
    assert names >= SEED_GRAPHS


def test_service_description_negotiated(client: httpx.Client) -> None:
    response = client.get("/sparql", headers={"Accept": "application/ld+json"})
    assert media(response) == "application/ld+json"
    assert len(Graph().parse(data=response.text, format="json-ld")) > 10
    browser = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
    assert media(client.get("/sparql", headers={"Accept": browser})) == "text/turtle"
    assert client.get("/sparql", headers={"Accept": "text/html"}).status_code == 406


def test_cors_and_vary_on_answers_and_errors(client: httpx.Client) -> None:
    for response in (get(client, "ASK {}"), get(client, "ASK {"), client.get("/sparql")):
        assert response.headers["access-control-allow-origin"] == "*"
        assert response.headers["vary"] == "Accept"
    preflight = client.options(
        "/sparql", headers={"Origin": "https://example.org", "Access-Control-Request-Method": "POST"}
    )
    assert preflight.status_code in (200, 204)
    assert preflight.headers["access-control-allow-origin"] == "*"
    assert "POST" in preflight.headers["access-control-allow-methods"]


@pytest.mark.parametrize("method", ["PUT", "DELETE", "PATCH"])
def test_other_methods_are_405_with_allow(client: httpx.Client, method: str) -> None:
    response = client.request(
        method, "/sparql", content=b"ASK {}", headers={"Content-Type": "application/sparql-query"}
    )
    assert response.status_code == 405
    assert set(response.headers["allow"].replace(" ", "").split(",")) >= {"GET", "POST"}


def test_huge_body_is_413(client: httpx.Client) -> None:
    filler = "#" + "x" * (100 * 1024) + "\n"
    direct = client.post(
        "/sparql", content=(filler + "ASK {}").encode(), headers={"Content-Type": "application/sparql-query"}
    )
    assert direct.status_code == 413
    form = client.post("/sparql", data={"query": filler + "ASK {}"})
    assert form.status_code == 413
    # A chunked body (no Content-Length) is counted as it arrives.
    chunks = (filler.encode()[i : i + 8192] for i in range(0, len(filler), 8192))
    streamed = client.post("/sparql", content=chunks, headers={"Content-Type": "application/sparql-query"})
    assert streamed.status_code == 413


@pytest.mark.parametrize(
    ("content_type", "status"),
    [
        ("text/plain", 415),
        ("application/json", 415),
        ("application/sparql-query; charset=ISO-8859-1", 415),
        ("application/x-www-form-urlencoded; charset=utf-16", 415),
        ("application/sparql-query; charset=UTF-8", 200),
        ("application/sparql-query;charset=utf-8", 200),
    ],
)
def test_post_media_types(client: httpx.Client, content_type: str, status: int) -> None:
    response = client.post("/sparql", content=b"ASK {}", headers={"Content-Type": content_type})
    assert response.status_code == status, response.text


def test_post_without_content_type_is_a_client_error(client: httpx.Client) -> None:
    response = client.post("/sparql", content=b"query=ASK%20%7B%7D")
    assert response.status_code in (400, 415)
    assert "Content-Type" in response.text


def test_request_errors(client: httpx.Client) -> None:
    twice = client.get("/sparql?query=ASK%20%7B%7D&query=ASK%20%7B%7D")
    assert twice.status_code == 400 and "exactly one" in twice.text
    both = client.post(
        "/sparql?query=ASK%20%7B%7D", content=b"ASK {}", headers={"Content-Type": "application/sparql-query"}
    )
    assert both.status_code == 400
    empty_form = client.post("/sparql", data={"default-graph-uri": GRAPH + "reference"})
    assert empty_form.status_code == 400 and "missing query" in empty_form.text
    syntax = get(client, "SELECT * WHERE { ?s ?p }")
    assert syntax.status_code == 400
    assert media(syntax) == "text/plain"
    assert "syntax error" in syntax.text and "1:" in syntax.text  # the parser's message, with its position
    for bad in ("abc", "-1", "0", "nan", "inf", ""):
        response = get(client, "ASK {}", timeout=bad)
        assert response.status_code == 400 and "timeout" in response.text
    assert get(client, "ASK {}", timeout="2.5").status_code == 200


def test_row_cap_is_said_in_the_header_and_the_json(client: httpx.Client) -> None:
    everything = "SELECT ?s ?p ?o WHERE { ?s ?p ?o }"
    response = get(client, everything)
    assert response.status_code == 200
    assert response.headers["anugerah-truncated"] == str(ROW_LIMIT)
    assert "Anugerah-Truncated" in response.headers["access-control-expose-headers"]
    document = json.loads(response.content)
    assert len(document["results"]["bindings"]) == ROW_LIMIT
    assert document["anugerah"] == {"truncated": True, "rowLimit": ROW_LIMIT}
    as_csv = get(client, everything, "text/csv")
    assert as_csv.headers["anugerah-truncated"] == str(ROW_LIMIT)
    assert len(list(csv.reader(io.StringIO(as_csv.text)))) == ROW_LIMIT + 1
    graph = get(client, "CONSTRUCT WHERE { ?s ?p ?o }", "application/n-triples")
    assert graph.headers["anugerah-truncated"] == str(ROW_LIMIT)
    assert len(graph.text.splitlines()) == ROW_LIMIT
    exact = get(client, f"SELECT ?s WHERE {{ ?s ?p ?o }} LIMIT {ROW_LIMIT}")
    assert "anugerah-truncated" not in exact.headers
    assert "anugerah" not in json.loads(exact.content)


def test_post_form_and_direct_with_dataset_parameters(client: httpx.Client) -> None:
    form = client.post(
        "/sparql?default-graph-uri=" + GRAPH + "reference",
        data={"query": f"ASK {{ {DISHUB} ?p ?o }}"},
    )
    assert json.loads(form.content)["boolean"] is True
    direct = client.post(
        "/sparql",
        params={"default-graph-uri": GRAPH + "ontology"},
        content=f"ASK {{ {DISHUB} ?p ?o }}".encode(),
        headers={"Content-Type": "application/sparql-query"},
    )
    assert json.loads(direct.content)["boolean"] is False


def test_default_graph_is_the_union_of_the_named_graphs(client: httpx.Client) -> None:
    assert count_of(get(client, COUNT_DISHUB)) == 4
    # Recognitions live in the source graphs; the organisation's own description in the reference graph.
    assert ask(client, f"ASK {{ ?r <{AGR}recipient> {DISHUB} . {DISHUB} ?p ?o }}")
    graphs = get(client, "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
    assert {b["g"]["value"] for b in json.loads(graphs.content)["results"]["bindings"]} >= {GRAPH + "reference"}


def test_default_graph_uri_selects_the_default_graph(client: httpx.Client) -> None:
    assert count_of(get(client, COUNT_DISHUB, **{"default-graph-uri": GRAPH + "reference"})) == 0
    sources = [GRAPH + "source/681783f449430bdf", GRAPH + "source/db41a91a74f613aa"]
    assert count_of(get(client, COUNT_DISHUB, **{"default-graph-uri": sources})) == 4
    assert ask(client, f"ASK {{ {DISHUB} ?p ?o }}", **{"default-graph-uri": GRAPH + "reference"})
    assert not ask(client, f"ASK {{ {DISHUB} ?p ?o }}", **{"default-graph-uri": GRAPH + "ontology"})


def test_named_graph_uri_selects_the_named_graphs(client: httpx.Client) -> None:
    query = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"
    response = get(client, query, **{"named-graph-uri": [GRAPH + "reference", GRAPH + "ontology"]})
    assert {b["g"]["value"] for b in json.loads(response.content)["results"]["bindings"]} == {
        GRAPH + "reference",
        GRAPH + "ontology",
    }
    # Only named graphs given: the default graph is empty.
    assert not ask(client, "ASK { ?s ?p ?o }", **{"named-graph-uri": GRAPH + "reference"})


def test_query_from_and_protocol_override(client: httpx.Client) -> None:
    from_reference = f"ASK FROM <{GRAPH}reference> {{ {DISHUB} ?p ?o }}"
    from_ontology = f"ASK FROM <{GRAPH}ontology> {{ {DISHUB} ?p ?o }}"
    assert ask(client, from_reference)
    assert not ask(client, from_ontology)
    # The protocol's dataset replaces the query's FROM (SPARQL 1.1 Protocol §2.1.4).
    assert ask(client, from_ontology, **{"default-graph-uri": GRAPH + "reference"})
    named = f"SELECT ?g FROM NAMED <{GRAPH}vocabulary> WHERE {{ GRAPH ?g {{ }} }}"
    rows = json.loads(get(client, named).content)["results"]["bindings"]
    assert [b["g"]["value"] for b in rows] == [GRAPH + "vocabulary"]


def test_unknown_dataset_graphs_are_refused(client: httpx.Client) -> None:
    for params in ({"default-graph-uri": "http://example.org/nope"}, {"named-graph-uri": GRAPH + "nope"}):
        response = get(client, "ASK { ?s ?p ?o }", **params)
        assert response.status_code == 400
        assert "not a named graph of this dataset" in response.text
        assert GRAPH + "reference" in response.text  # the message lists the graphs there are


def test_relative_iris_resolve_against_the_dataset_base(client: httpx.Client) -> None:
    assert ask(client, "ASK { <id/org/dishub-jatim> ?p ?o }")


# --- the functions behind the endpoint -----------------------------------------------------------------------


def test_parse_accept() -> None:
    ranges = parse_accept(["text/csv;q=0.5, application/json", "*/*;q=0.1;ext=1", "bad, /x, text/;q=1, x/y;q=2"])
    assert [(r.type, r.subtype, r.q) for r in ranges] == [
        ("text", "csv", 0.5),
        ("application", "json", 1.0),
        ("*", "*", 0.1),
    ]


def test_negotiate_functions() -> None:
    assert negotiate("SELECT", None) == "application/sparql-results+json"
    assert negotiate("DESCRIBE", "") == "text/turtle"
    assert negotiate("SD", "*/*") == "text/turtle"
    assert negotiate("SELECT", "*/*", ["tsv", "text/tab-separated-values"]) == "text/tab-separated-values"
    assert negotiate("CONSTRUCT", "*/*", ["json-ld", "application/ld+json,application/x-json+ld"]) == (
        "application/ld+json"
    )
    assert negotiate("CONSTRUCT", "application/x-turtle;q=0.4, application/n-quads;q=0.3") == "text/turtle"
    with pytest.raises(NotAcceptable, match="offered"):
        negotiate("ASK", "text/csv")


def test_csv_tsv_xml_json_serialisation_escapes() -> None:
    xsd_int = ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")
    row = [ox.Literal('a "b", c\nd\te'), ox.Literal("1", datatype=xsd_int), ox.Literal("x", language="id")]
    rows = [row, [ox.NamedNode("http://e/?a=1&b"), ox.BlankNode("b0"), None]]
    variables = ["a", "b", "c"]
    as_csv = serialize_solutions(variables, rows, "text/csv").decode()
    assert list(csv.reader(io.StringIO(as_csv))) == [
        variables,
        ['a "b", c\nd\te', "1", "x"],
        ["http://e/?a=1&b", "_:b0", ""],
    ]
    as_tsv = serialize_solutions(variables, rows, "text/tab-separated-values").decode().splitlines()
    assert as_tsv[1] == '"a \\"b\\", c\\nd\\te"\t"1"^^<http://www.w3.org/2001/XMLSchema#integer>\t"x"@id'
    assert as_tsv[2] == "<http://e/?a=1&b>\t_:b0\t"
    as_xml = ET.fromstring(serialize_solutions(variables, rows, "application/sparql-results+xml"))
    literals = [
        (e.text, e.get("datatype"), e.get("{http://www.w3.org/XML/1998/namespace}lang"))
        for e in as_xml.iter(f"{SRX}literal")
    ]
    assert literals == [('a "b", c\nd\te', None, None), ("1", str(xsd_int.value), None), ("x", None, "id")]
    as_json = json.loads(
        serialize_solutions(variables, rows, "application/sparql-results+json", truncated=True, row_limit=2)
    )
    assert as_json["results"]["bindings"][1] == {
        "a": {"type": "uri", "value": "http://e/?a=1&b"},
        "b": {"type": "bnode", "value": "b0"},
    }
    assert as_json["results"]["bindings"][0]["c"] == {"type": "literal", "value": "x", "xml:lang": "id"}
    assert as_json["anugerah"] == {"truncated": True, "rowLimit": 2}
    assert json.loads(serialize_boolean(True, "application/sparql-results+json")) == {"head": {}, "boolean": True}
    assert (
        ET.fromstring(serialize_boolean(False, "application/sparql-results+xml")).find(f"{SRX}boolean").text == "false"
    )


def test_engine_python_api_select_and_ask_with_bindings() -> None:
    settings = Settings(timeout_s=10, row_limit=ROW_LIMIT, workers=2)
    with EmbeddedEngine(seed_dataset(), settings) as engine:
        assert engine.named_graphs == served_graphs() and engine.named_graphs >= SEED_GRAPHS
        query = f"SELECT ?r ?who WHERE {{ ?r <{AGR}recipient> ?who }} ORDER BY ?r"
        rows = engine.select(query, {"who": URIRef(BASE + "id/org/dishub-jatim")})
        assert len(rows) == 4  # select() is for trusted callers: no row cap, only the time and memory limits
        assert all(isinstance(row["r"], URIRef) for row in rows)
        assert engine.ask(
            "ASK { ?s ?p ?label }", {"label": Literal("Dinas Perhubungan Provinsi Jawa Timur", lang="id")}
        )
        assert not engine.ask("ASK { ?s ?p ?o }", {"o": Literal("no such thing at all")})
        with pytest.raises(QuerySyntaxError):
            engine.select("SELECT ?x WHERE {")
        with pytest.raises(QueryRefused):
            engine.select("SELECT * WHERE { SERVICE <http://127.0.0.1:1/> { ?s ?p ?o } }")
        with pytest.raises(QueryRefused):
            engine.ask("SELECT * WHERE { ?s ?p ?o }")
        with pytest.raises(NotAcceptable):
            engine.sparql(SparqlRequest("ASK {}", media_type="text/csv"))
        response = engine.sparql(SparqlRequest("SELECT * WHERE { ?s ?p ?o }", media_type="text/csv", row_limit=2))
        assert response.truncated and response.row_count == 2 and response.query_form == "SELECT"


def test_head_answers_like_get_without_a_body(client: httpx.Client) -> None:
    for params in ({}, {"query": "ASK {}"}):
        response = client.head("/sparql", params=params)
        assert response.status_code == 200
        assert response.content == b""
        assert response.headers["access-control-allow-origin"] == "*"
