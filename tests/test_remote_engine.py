"""RemoteEngine against a live Oxigraph server: the named queries answer as on the embedded store.

The seed data is built, loaded into ``oxigraph serve --union-default-graph`` through the Graph Store Protocol
(load_dataset), and every named query, with every parameter set tests/test_queries.py uses, is run on both the
remote engine and the embedded Store: the answers must be the same multiset of rows.
"""

from __future__ import annotations

import json
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from anugerah.graph.engine import EngineError, QueryRefused, QuerySyntaxError, QueryTimeout, SparqlRequest
from anugerah.graph.load import load_dataset
from anugerah.graph.named_queries import NamedQuery, load_named_queries, parse_named_query
from anugerah.graph.remote import EndpointUnavailable, RemoteEngine
from anugerah.graph.store import Store
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

from .oxigraph_server import OxigraphServer, build_seed, free_port, oxigraph_server
from .test_queries import (
    ANAS_TO_DISHUB,
    BASE,
    DISHUB_ROWS,
    EXPO,
    ID,
    KIPP,
    LABEL_QUERY,
    PPP,
    PPP_ROW,
    TENURES,
    answer,
)

XSD = "http://www.w3.org/2001/XMLSchema#"
SERVER_TIMEOUT_S = 2  # the server's own limit (oxigraph serve --timeout-s): the runaway queries below stop there
ONTOLOGY = "https://w3id.org/anugerah/graph/ontology"
# Three scans of the whole store joined: far beyond any timeout here.
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"

# Every named query with every parameter set tests/test_queries.py runs it with.
CASES: list[tuple[str, dict[str, str]]] = [
    ("who-awarded-whom", {}),
    ("who-awarded-whom", {"conferrer": "org/kemenpanrb"}),
    ("who-awarded-whom", {"conferrer": "org/pemprov-jatim"}),
    ("who-awarded-whom", {"recipient": "org/dishub-jatim", "conferrer": "org/kemenpanrb"}),
    ("who-awarded-whom", {"year": "2022"}),
    ("who-awarded-whom", {"year": "2023"}),
    ("who-awarded-whom", {"recipient": "org/dishub-jatim"}),
    ("who-awarded-whom", {"recipient": ID + "org/pemprov-jatim"}),
    ("who-awarded-whom", {"recipient": "org/pemprov-jatim"}),
    ("who-awarded-whom", {"recipient": "org/kemenpanrb"}),
    *[("recognitions-of", {"entity": entity}) for entity in (
        "org/dishub-jatim", "org/pemprov-jatim", "person/abdullah-azwar-anas", "person/khofifah-indar-parawansa",
        "group/2023-11-21-ppp-kepala-opd", "person/emil-elestianto-dardak", "org/kemenpanrb",
    )],
    *[("events-at", {"place": place}) for place in (
        "wilayah/35", "wilayah/35.79", "place/hotel-bidakara", "wilayah/31", "wilayah/99",
    )],
    ("office-holder-on-date", {"office": "post/gubernur-jatim", "date": "2023-11-21"}),
    ("office-holder-on-date", {"office": "post/gubernur-jatim", "date": "2023-11-22"}),
    ("office-holder-on-date", {"office": "post/wakil-gubernur-jatim", "date": "2023-11-23"}),
    *[("evidence-for", {"fact": fact}) for fact in (
        PPP, EXPO, KIPP, "tenure/menteri-panrb/abdullah-azwar-anas", "tenure/gubernur-jatim/khofifah-indar-parawansa",
    )],
    *[("connection", {"from": start, "to": end}) for start, end in (
        ("person/abdullah-azwar-anas", "org/dishub-jatim"),
        ("org/dishub-jatim", "person/abdullah-azwar-anas"),
        ("org/pemprov-jatim", "org/dishub-jatim"),
        ("person/khofifah-indar-parawansa", "org/kemenpanrb"),
        ("publisher/viva-jatim", "org/pemprov-jatim"),
    )],
]
HOSTILE = [
    'Hotel Bidakara" } ; DROP ALL ; #',
    "} ; DROP ALL ; {",
    "x' || true || '",
    "} UNION { ?thing ?p ?l }",
    '\\"}',
    'line one\nline "two" } ; DROP ALL ; {',
    'ends with a quote\n"',
    '"""',
    "'''\n'",
    "# not a comment\n} WHERE {",
    "\r\n\t\\n",
    "Jawa Timur — ✓ 東",
]
# The embedded store reports every xsd:integer-derived literal (xsd:positiveInteger in the data) as xsd:integer,
# and so does an Oxigraph server; another server keeps the derived type. Rows are compared with integer-valued
# literals written as xsd:integer, everything else by its exact N3 form.
INTEGER_TYPES = {
    XSD + name for name in (
        "integer", "positiveInteger", "nonNegativeInteger", "negativeInteger", "nonPositiveInteger", "long", "int",
        "short", "byte", "unsignedLong", "unsignedInt", "unsignedShort", "unsignedByte",
    )
}


def canonical(term: Node) -> str:
    if isinstance(term, Literal) and term.datatype is not None and str(term.datatype) in INTEGER_TYPES:
        return Literal(int(str(term)), datatype=URIRef(XSD + "integer")).n3()
    return term.n3()


def rows_of(rows: list[dict[str, Node]]) -> Counter[tuple[tuple[str, str], ...]]:
    return Counter(tuple(sorted((name, canonical(term)) for name, term in row.items())) for row in rows)


@pytest.fixture(scope="module")
def dataset_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_seed(tmp_path_factory.mktemp("dist"))


@pytest.fixture(scope="module")
def server(dataset_file: Path) -> Iterator[OxigraphServer]:
    with oxigraph_server(timeout_s=SERVER_TIMEOUT_S) as running:
        load_dataset(dataset_file, running.store_url)
        yield running


@pytest.fixture(scope="module")
def remote(server: OxigraphServer) -> Iterator[RemoteEngine]:
    engine = RemoteEngine(server.query_url, timeout_s=20)
    yield engine
    engine.close()


@pytest.fixture(scope="module")
def embedded(dataset_file: Path) -> Store:
    return Store.from_file(dataset_file)


@pytest.fixture(scope="module")
def queries() -> dict[str, NamedQuery]:
    return load_named_queries()


def size(engine: RemoteEngine | Store) -> int:
    [row] = engine.select("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    return int(str(row["n"]))


# ------------------------------------------------------------------------- the same answers as embedded


def test_the_cases_cover_every_named_query(queries: dict[str, NamedQuery]) -> None:
    assert {name for name, _ in CASES} == set(queries)


@pytest.mark.parametrize(("name", "values"), CASES, ids=[f"{n}:{','.join(v.values())}" for n, v in CASES])
def test_named_query_answers_equal_the_embedded_ones(
    queries: dict[str, NamedQuery], remote: RemoteEngine, embedded: Store, name: str, values: dict[str, str]
) -> None:
    query = queries[name]
    expected = query.run(embedded, values, BASE)
    got = query.run(remote, values, BASE)  # NamedQuery.run only needs .select(text, bindings)
    assert rows_of(got) == rows_of(expected)


def test_the_written_answers_come_back_in_order(
    queries: dict[str, NamedQuery], remote: RemoteEngine, embedded: Store
) -> None:
    # The server holds all of data/: the rows written out for the seed articles (tests/test_queries.py) are
    # part of longer answers, which come back from the server in the embedded store's order.
    path = {"from": "person/abdullah-azwar-anas", "to": "org/dishub-jatim"}
    for name, values in (("who-awarded-whom", {}), ("connection", path)):
        assert answer(queries, remote, name, **values) == answer(queries, embedded, name, **values), name
    rows = answer(queries, remote, "who-awarded-whom")
    assert [row for row in rows if row in (PPP_ROW, *DISHUB_ROWS)] == [PPP_ROW, *DISHUB_ROWS]
    assert answer(queries, remote, "who-awarded-whom", recipient="org/dishub-jatim") == DISHUB_ROWS
    assert ANAS_TO_DISHUB in answer(queries, remote, "connection", **path)
    [row] = [r for r in queries["who-awarded-whom"].run(remote, {"recipient": "org/pemprov-jatim"}, BASE)
             if r["recognition"] == URIRef(ID + PPP)]
    assert row["date"] == Literal("2023-11-21", datatype=URIRef(XSD + "date"))
    # xsd:positiveInteger in the data: xsd:integer from Oxigraph, embedded or served.
    assert row["quantity"] == Literal("4", datatype=URIRef(XSD + "integer"))
    assert row["recipientLabel"] == Literal("Pemerintah Provinsi Jawa Timur", lang="id")
    assert row["recognition"] == URIRef(ID + PPP)


@pytest.fixture(scope="module")
def tenures(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[RemoteEngine, Store]]:
    path = tmp_path_factory.mktemp("tenures") / "tenures.trig"
    path.write_text(TENURES, encoding="utf-8")
    with oxigraph_server() as running:
        load_dataset(path, running.store_url)
        engine = RemoteEngine(running.query_url)
        yield engine, Store.from_file(path)
        engine.close()


@pytest.mark.parametrize(
    ("day", "expected"),
    [("2019-02-12", []), ("2019-02-13", ["a"]), ("2024-02-14", []), ("2024-06-01", ["c"]), ("2030-01-01", ["b"])],
)
def test_a_parameter_in_a_union_branch_filter_is_seen(
    queries: dict[str, NamedQuery], tenures: tuple[RemoteEngine, Store], day: str, expected: list[str]
) -> None:
    # office-holder-on-date compares ?date in a FILTER inside a UNION branch: a VALUES block in the outer group
    # alone would leave ?date unbound there (groups are evaluated bottom-up) and lose every term of office.
    remote, embedded = tenures
    values = {"office": "http://example.org/office", "date": day}
    rows = queries["office-holder-on-date"].run(remote, values)
    assert [str(r["holder"]).rsplit("/", 1)[-1] for r in rows] == expected
    assert rows_of(rows) == rows_of(queries["office-holder-on-date"].run(embedded, values))


ONE = {"x": Literal(1)}


@pytest.mark.parametrize(
    ("query", "bindings"),
    [
        # A FILTER on the parameter inside one UNION branch, and none in the other.
        ('SELECT ?x ?ok WHERE { { FILTER (?x = 1) BIND ("yes" AS ?ok) } UNION { BIND ("no" AS ?ok) } }', ONE),
        # Braces, WHERE and quotes in comments, strings and IRIs before and inside the WHERE group.
        ('# WHERE { ?x } "\nPREFIX ex: <http://example.org/WHERE#>\nSELECT ?x ?note $ok # { \nWHERE\n'
         '# {\n{ BIND ("} { WHERE \\" {" AS ?note) BIND (\'\'\'{\n}\'\'\' AS ?ok) FILTER (?x > 0) }', ONE),
        # A sub-SELECT as the whole WHERE group, and inside a group: its own variables are not the parameter.
        ("SELECT ?x ?n WHERE { SELECT ?x (COUNT(*) AS ?n) WHERE { VALUES ?x { 1 2 } } GROUP BY ?x }", ONE),
        ("SELECT ?x ?n WHERE { { SELECT (COUNT(*) AS ?n) WHERE { VALUES ?x { 1 2 3 } } } }", ONE),
        # OPTIONAL, MINUS and EXISTS groups that use the parameter.
        ("SELECT ?x ?y WHERE { VALUES ?y { 1 2 } OPTIONAL { BIND (?x AS ?z) FILTER (?y = ?x) } "
         "MINUS { VALUES ?y { 2 } FILTER (?x = 1) } }", ONE),
        ("SELECT ?x ?y WHERE { VALUES ?y { 1 2 } FILTER EXISTS { FILTER (?y = ?x) } }", ONE),
        # A GRAPH group over the data, two parameters, one only in a nested group.
        ("SELECT ?x ?k ?g ?r ?kind WHERE { GRAPH ?g { ?r ?p ?x } OPTIONAL { ?r a ?kind FILTER (?kind = ?k) } }",
         {"x": Literal(4), "k": URIRef("https://w3id.org/anugerah/def/core#AwardConferral")}),
    ],
)
def test_bindings_apply_as_the_embedded_substitution_does(
    remote: RemoteEngine, embedded: Store, query: str, bindings: dict[str, Node]
) -> None:
    got = remote.select(query, bindings)
    assert got and rows_of(got) == rows_of(embedded.select(query, bindings))


# --------------------------------------------------------------------------------------- hostile values


def test_a_hostile_value_comes_back_verbatim_and_changes_nothing(remote: RemoteEngine, embedded: Store) -> None:
    before = size(remote)
    query = "SELECT ?value ?length WHERE { BIND (STRLEN(STR(?value)) AS ?length) }"
    for hostile in HOSTILE:
        for term in (Literal(hostile), Literal(hostile, lang="id"), Literal(hostile, datatype=URIRef(XSD + "token"))):
            [row] = remote.select(query, {"value": term})
            assert row["value"] == term and row["value"].n3() == term.n3()
            assert int(str(row["length"])) == len(str(term))  # rdflib collapses an xsd:token's whitespace
    label = parse_named_query("label", LABEL_QUERY)
    assert [str(r["thing"]) for r in label.run(remote, {"label": "Hotel Bidakara"})] == [ID + "place/hotel-bidakara"]
    for hostile in HOSTILE:
        assert label.run(remote, {"label": hostile}) == [] == label.run(embedded, {"label": hostile})
    assert size(remote) == before == size(embedded)


def test_a_value_that_is_no_rdf_term_is_refused_before_sending(remote: RemoteEngine) -> None:
    query = "SELECT ?x WHERE { ?x ?p ?o }"
    with pytest.raises(QuerySyntaxError, match=r"binding \?x: .*does not look like a valid URI"):
        remote.select(query, {"x": URIRef("http://example.org/x> } ; DROP ALL ; {")})
    with pytest.raises(QuerySyntaxError, match=r"binding \?x: only IRIs and literals"):
        remote.select(query, {"x": BNode("b0")})
    with pytest.raises(QuerySyntaxError, match="not a SPARQL variable name"):
        remote.select(query, {"x) } DROP ALL {": Literal(1)})


# ------------------------------------------------------------------------------- the raw passthrough


def test_select_passthrough_in_json_and_the_other_result_formats(
    remote: RemoteEngine, embedded: Store, dataset_file: Path
) -> None:
    query = f"SELECT ?s ?p ?o WHERE {{ GRAPH <{ONTOLOGY}> {{ ?s ?p ?o }} }}"
    total = len(embedded.select(query))
    response = remote.sparql(SparqlRequest(query))
    assert (response.query_form, response.media_type, response.truncated) == (
        "SELECT", "application/sparql-results+json", False
    )
    data = json.loads(response.body)
    assert data["head"]["vars"] == ["s", "p", "o"] and len(data["results"]["bindings"]) == total == response.row_count
    # The row cap: one row fewer than the answer cuts it (and says so), exactly the answer does not.
    for media_type in (
        "application/sparql-results+json", "application/sparql-results+xml", "text/csv", "text/tab-separated-values"
    ):
        capped = remote.sparql(SparqlRequest(query, media_type=media_type, row_limit=total - 1))
        assert (capped.media_type, capped.row_count, capped.truncated) == (media_type, total - 1, True)
        whole = remote.sparql(SparqlRequest(query, media_type=media_type, row_limit=total))
        assert (whole.row_count, whole.truncated) == (total, False)
    cut = json.loads(remote.sparql(SparqlRequest(query, row_limit=3)).body)
    assert len(cut["results"]["bindings"]) == 3
    own_limit = remote.sparql(SparqlRequest(query + " LIMIT 2", row_limit=3))
    assert (own_limit.row_count, own_limit.truncated) == (2, False)
    # The dataset of the request: the ontology graph as the default graph.
    counted = remote.sparql(SparqlRequest(
        "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", default_graph_uris=[ONTOLOGY]
    ))
    assert json.loads(counted.body)["results"]["bindings"][0]["n"]["value"] == str(total)


def test_construct_and_ask_passthrough(remote: RemoteEngine, embedded: Store) -> None:
    query = f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{ONTOLOGY}> {{ ?s ?p ?o }} }}"
    response = remote.sparql(SparqlRequest(query, media_type="text/turtle"))
    assert (response.query_form, response.media_type, response.row_count) == ("CONSTRUCT", "text/turtle", None)
    graph = Graph().parse(data=response.body, format="turtle")
    assert len(graph) == len(embedded.select(query.replace("CONSTRUCT { ?s ?p ?o }", "SELECT *"))) > 100
    asked = remote.sparql(SparqlRequest(f"ASK {{ GRAPH <{ONTOLOGY}> {{ ?s ?p ?o }} }}"))
    assert asked.query_form == "ASK" and json.loads(asked.body)["boolean"] is True
    assert remote.ask("ASK { ?s ?p ?o }") is True
    assert remote.ask("ASK { ?s ?p ?value }", {"value": Literal("no such value")}) is False


# ------------------------------------------------------------------------------------------ errors


def test_a_malformed_query_gives_the_remote_message(remote: RemoteEngine) -> None:
    broken = "SELECT ?x WHERE { ?x ?p }"
    with pytest.raises(QuerySyntaxError) as raw:
        remote.sparql(SparqlRequest(broken))
    assert raw.value.status == 400 and raw.value.message.startswith("error at 1:")  # Oxigraph's own words
    with pytest.raises(QuerySyntaxError) as selected:
        remote.select(broken, {"x": Literal(1)})
    assert selected.value.message.startswith("error at 1:")
    with pytest.raises(QuerySyntaxError, match="unclosed"):  # no place for the VALUES block
        remote.select("SELECT ?x WHERE { ?x ?p ?o", {"x": Literal(1)})
    for unbalanced in ("SELECT ?x WHERE { ?x ?p ?o", "SELECT ?x WHERE { ?x ?p ?o } }"):  # sent as written
        with pytest.raises(QuerySyntaxError, match=r"^error at 1:"):
            remote.sparql(SparqlRequest(unbalanced))
    with pytest.raises(QuerySyntaxError, match=r"select\(\) needs a SELECT query"):
        remote.select("ASK { ?s ?p ?o }")


@pytest.mark.parametrize(
    "query",
    [
        "INSERT DATA { <http://ex.org/a> <http://ex.org/b> <http://ex.org/c> }",
        "DROP ALL",
        "PREFIX ex: <http://ex.org/>\nDELETE WHERE { ?s ?p ?o }",
        "LOAD <http://ex.org/data.ttl>",
        "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
    ],
)
def test_updates_and_service_are_refused_before_sending(remote: RemoteEngine, query: str) -> None:
    with pytest.raises(QueryRefused):
        remote.sparql(SparqlRequest(query))
    with pytest.raises(QueryRefused):
        remote.select(query)


def test_keywords_inside_strings_iris_and_names_are_not_refused(remote: RemoteEngine) -> None:
    query = ('PREFIX drop: <http://ex.org/DROP/>\nSELECT ?x ?y ?add WHERE { BIND ("DROP ALL; INSERT" AS ?x) '
             'BIND (drop:service AS ?y) BIND ("Lamnso\'"@add AS ?add) } # DELETE')
    [row] = remote.select(query)
    assert row == {
        "x": Literal("DROP ALL; INSERT"),
        "y": URIRef("http://ex.org/DROP/service"),
        "add": Literal("Lamnso'", lang="add"),  # a language tag, not the ADD update
    }


def test_an_unreachable_endpoint_names_its_url() -> None:
    url = f"http://127.0.0.1:{free_port()}/query"
    engine = RemoteEngine(url)
    for call in (lambda: engine.select("SELECT * WHERE { ?s ?p ?o }"), lambda: engine.sparql(SparqlRequest("ASK {}"))):
        with pytest.raises(EndpointUnavailable) as error:
            call()
        assert isinstance(error.value, EngineError) and error.value.status == 503
        assert url in error.value.message
    engine.close()


def test_the_default_graph_must_be_the_union(tmp_path: Path) -> None:
    path = tmp_path / "one.trig"
    path.write_text("<http://ex.org/g> { <http://ex.org/a> <http://ex.org/p> 1 . }\n", encoding="utf-8")
    query = "SELECT ?s WHERE { ?s <http://ex.org/p> 1 }"
    with oxigraph_server(union_default_graph=False) as plain:
        load_dataset(path, plain.store_url)
        bare = RemoteEngine(plain.query_url)
        assert bare.check_union_default_graph() is False and bare.select(query) == []
        union = RemoteEngine(plain.query_url, union_default_graph=True)  # Oxigraph's per-query parameter
        assert union.check_union_default_graph() is True
        assert union.select(query) == [{"s": URIRef("http://ex.org/a")}]
        assert json.loads(union.sparql(SparqlRequest(query)).body)["results"]["bindings"]
        # A query naming its own dataset gets it: no union parameter is sent with FROM or default-graph-uri.
        from_graph = "SELECT ?s FROM <http://ex.org/none> WHERE { ?s ?p ?o }"
        assert union.select(from_graph) == []
        named = union.sparql(SparqlRequest(query, default_graph_uris=["http://ex.org/g"]))
        assert json.loads(named.body)["results"]["bindings"]
        for engine in (bare, union):
            engine.close()


# ------------------------------------------------------------------- timeouts (last: they load the server)


def test_a_client_timeout_is_a_query_timeout(remote: RemoteEngine, server: OxigraphServer) -> None:
    impatient = RemoteEngine(server.query_url, timeout_s=0.3)
    for call in (lambda: impatient.select(RUNAWAY), lambda: impatient.sparql(SparqlRequest(RUNAWAY))):
        started = time.monotonic()
        with pytest.raises(QueryTimeout, match=r"did not answer within 0\.3 s"):
            call()
        assert time.monotonic() - started < SERVER_TIMEOUT_S
    impatient.close()
    # A request may ask for less time than the engine's, never more.
    with pytest.raises(QueryTimeout, match=r"within 0\.3 s"):
        remote.sparql(SparqlRequest(RUNAWAY, timeout_s=0.3))


def test_the_servers_own_timeout_is_a_query_timeout(remote: RemoteEngine) -> None:
    # Oxigraph answers 200 and ends the streamed body with "The SPARQL operation has been cancelled".
    for call in (lambda: remote.select(RUNAWAY), lambda: remote.sparql(SparqlRequest(RUNAWAY))):
        started = time.monotonic()
        with pytest.raises(QueryTimeout, match="cancelled"):
            call()
        # Uncancelled, RUNAWAY runs for many minutes; the margin only absorbs a loaded CI machine.
        assert time.monotonic() - started < SERVER_TIMEOUT_S + 30
