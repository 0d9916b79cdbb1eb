"""What the public endpoint must never do, checked over real HTTP: read local files, call other servers, change
the data, let one query stall the others, or answer 500 to hostile input. Plus the lexical analyser the
refusals rest on.

One server for the module (seed data, a 2 s query limit, 2 workers), and a tiny TCP listener on 127.0.0.1 that
records every connection: a SERVICE or FROM pointing at it must be refused without it ever being called.
"""

from __future__ import annotations

import random
import socket
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest
from anugerah.api.settings import Settings
from anugerah.graph.query_pool import EmbeddedEngine, QueryResourceError
from anugerah.graph.sparql_text import analyse, keywords, tokenize

from .server import SPARQL_APP, run_server, seed_dataset, temp_dir

TIMEOUT_S = 2.0
# Counting a 5-fold cross join of the ~1100 quads: about 1.5e15 rows, i.e. hours; constant memory.
FOREVER = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?o ?p }"
SECRET = "anugerah-secret-marker-3f9c"


# --- the lexical analyser ------------------------------------------------------------------------------------


def test_keywords_are_found_only_where_the_grammar_has_them() -> None:
    text = """PREFIX ex: <http://ex/SERVICE#> PREFIX service: <http://s/>
    # SERVICE <http://commented.out/>
    select ?service $from ?FROM WHERE {
      ?service ex:service $from ; ex:FROM "SERVICE <http://in.a/string>" ; service:x 'FROM <x>' .
      ?x ex:p '''a long
      string with SERVICE <http://x/> and FROM <y>''' , \"\"\"another "SERVICE" \"\"\"@service .
      FILTER (?from != <http://ex/service>)
    }"""
    info = analyse(text)
    assert info.form == "SELECT"
    assert not info.uses_service
    assert not info.has_dataset_clause
    assert "SERVICE" not in keywords(text) and "FROM" not in keywords(text)
    assert keywords(text)[:4] == ["PREFIX", "PREFIX", "SELECT", "WHERE"]


@pytest.mark.parametrize(
    ("text", "form", "update"),
    [
        ("SELECT * WHERE { ?s ?p ?o }", "SELECT", None),
        ("  # c\n  ask {}", "ASK", None),
        ("PREFIX : <http://e/> BASE <http://b/> construct where { ?s ?p ?o }", "CONSTRUCT", None),
        ("DESCRIBE <http://e/x>", "DESCRIBE", None),
        ("INSERT DATA { <a> <b> <c> }", "UPDATE", "INSERT"),
        ("PREFIX : <http://e/> delete where { ?s ?p ?o }", "UPDATE", "DELETE"),
        ("load <http://e/x>", "UPDATE", "LOAD"),
        ("CLEAR ALL", "UPDATE", "CLEAR"),
        ("create graph <http://e/g>", "UPDATE", "CREATE"),
        ("DROP SILENT GRAPH <http://e/g>", "UPDATE", "DROP"),
        ("COPY DEFAULT TO <http://e/g>", "UPDATE", "COPY"),
        ("MOVE <http://e/a> TO <http://e/b>", "UPDATE", "MOVE"),
        ("ADD <http://e/a> TO <http://e/b>", "UPDATE", "ADD"),
        ("WITH <http://e/g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }", "UPDATE", "WITH"),
        ("", None, None),
        ("{{{", None, None),
        ("?select", None, None),
        ('"SELECT"', None, None),
    ],
)
def test_query_form(text: str, form: str | None, update: str | None) -> None:
    info = analyse(text)
    assert info.form == form
    assert info.update_keyword == update
    assert info.is_update is (form == "UPDATE")


def test_service_targets() -> None:
    text = """PREFIX l: <http://127.0.0.1:1/>
    SELECT * { SERVICE <http://a/> {} service silent l:b {} SeRvIcE ?v {} SERVICE#c
    <http://c/> {} }"""
    assert analyse(text).services == ("http://a/", "l:b", "?v", "http://c/")


def test_from_graphs_are_resolved() -> None:
    text = r"""BASE <http://b/dir/> PREFIX e: <http://e/> PREFIX : <rel/>
    SELECT * FROM e:g1 FROM NAMED <g2> from named :g3 FROM <http://e/g\u0034> FROM e:with\/slash
    FROM <file:///etc/passwd> FROM _:b FROM u:undeclared WHERE {}"""
    info = analyse(text)
    assert info.from_graphs == ("http://e/g1", "http://e/g4", "http://e/with/slash", "file:///etc/passwd")
    assert info.from_named_graphs == ("http://b/dir/g2", "http://b/dir/rel/g3")
    assert info.unresolved_from == ("_:b", "u:undeclared")
    assert analyse("SELECT * FROM <g> {}", base="http://base/").from_graphs == ("http://base/g",)
    assert analyse("SELECT * FROM <g> {}").unresolved_from == ("<g>",)


def test_tokens_and_depth() -> None:
    kinds = [t.kind for t in tokenize("SELECT ?x $y ex:z _:b <i> 'a' 1.5e3 @en-GB { } # c")]
    assert kinds == ["name", "var", "var", "name", "name", "iri", "string", "number", "lang", "punct", "punct"]
    assert analyse("SELECT * { { ?s ?p ( ( 1 ) ) } FILTER('((((') }").depth == 4
    assert analyse("}}}{").depth == 1


def test_lexer_is_linear_on_hostile_text() -> None:
    for text in ("'''" + "''x" * 20000, '"' * 60000, "<" * 60000, "\\" * 60000, "?" * 60000, "'''" + "\\" * 60001):
        started = time.monotonic()
        analyse(text)
        assert time.monotonic() - started < 1.0


# --- the live server -----------------------------------------------------------------------------------------


class Listener:
    """A TCP listener on 127.0.0.1 that records each connection (and answers an empty SPARQL JSON result)."""

    def __init__(self) -> None:
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self.connections: list[bytes] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            with conn:
                conn.settimeout(1)
                try:
                    data = conn.recv(65536)
                except OSError:
                    data = b""
                self.connections.append(data)
                body = b'{"head":{"vars":[]},"results":{"bindings":[{}]}}'
                head = b"HTTP/1.1 200 OK\r\nContent-Type: application/sparql-results+json\r\nContent-Length: "
                conn.sendall(head + str(len(body)).encode() + b"\r\nConnection: close\r\n\r\n" + body)

    def close(self) -> None:
        self._stop.set()
        self._thread.join(timeout=2)
        self.sock.close()


@pytest.fixture(scope="module")
def listener() -> Iterator[Listener]:
    listening = Listener()
    yield listening
    listening.close()


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    env = {"ANUGERAH_DATASET": str(seed_dataset()), "ANUGERAH_TIMEOUT_S": str(TIMEOUT_S), "ANUGERAH_WORKERS": "2"}
    with run_server(SPARQL_APP, env=env) as base_url:
        yield base_url


@pytest.fixture(scope="module")
def client(server: str) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=server, timeout=60) as http:
        yield http


def get(client: httpx.Client, query: str, **params: str) -> httpx.Response:
    return client.get("/sparql", params={"query": query, **params})


def post_direct(client: httpx.Client, body: bytes | str) -> httpx.Response:
    data = body.encode("utf-8") if isinstance(body, str) else body
    return client.post("/sparql", content=data, headers={"Content-Type": "application/sparql-query"})


def post_form(client: httpx.Client, body: bytes | str) -> httpx.Response:
    data = body.encode("utf-8") if isinstance(body, str) else body
    return client.post("/sparql", content=data, headers={"Content-Type": "application/x-www-form-urlencoded"})


def test_from_local_file_is_refused(client: httpx.Client) -> None:
    secret = temp_dir("anugerah-secret-") / "secret.ttl"
    secret.write_text(f'<http://e/s> <http://e/p> "{SECRET}" .\n', encoding="utf-8")
    attempts = [
        ("SELECT * FROM <file:///etc/passwd> WHERE { ?s ?p ?o }", {}),
        ("SELECT * FROM NAMED <file:///etc/passwd> WHERE { GRAPH ?g { ?s ?p ?o } }", {}),
        (f"SELECT * FROM <{secret.as_uri()}> WHERE {{ ?s ?p ?o }}", {}),
        ("BASE <file:///etc/> SELECT * FROM <passwd> WHERE { ?s ?p ?o }", {}),
        ("PREFIX f: <file:///etc/> SELECT * FROM f:passwd WHERE { ?s ?p ?o }", {}),
        ("SELECT * FROM <file:///etc/pass\\u0077d> WHERE { ?s ?p ?o }", {}),
        ("SELECT * WHERE { ?s ?p ?o }", {"default-graph-uri": "file:///etc/passwd"}),
        ("SELECT * WHERE { GRAPH ?g { ?s ?p ?o } }", {"named-graph-uri": secret.as_uri()}),
    ]
    for query, params in attempts:
        for response in (
            get(client, query, **params),
            post_form(client, str(httpx.QueryParams({"query": query, **params}))),
        ):
            assert 400 <= response.status_code < 500, (query, response.status_code, response.text)
            assert "root:" not in response.text and SECRET not in response.text
            assert "never fetches" in response.text


def test_from_remote_iri_is_refused_and_never_fetched(client: httpx.Client, listener: Listener) -> None:
    before = len(listener.connections)
    for query, params in [
        (f"SELECT * FROM <{listener.url}/data.ttl> WHERE {{ ?s ?p ?o }}", {}),
        (f"ASK FROM NAMED <{listener.url}/data.ttl> {{ GRAPH ?g {{ ?s ?p ?o }} }}", {}),
        ("ASK { ?s ?p ?o }", {"default-graph-uri": f"{listener.url}/data.ttl"}),
    ]:
        response = get(client, query, **params)
        assert response.status_code == 400, response.text
        assert "not a named graph of this dataset" in response.text
    time.sleep(0.3)
    assert len(listener.connections) == before


def test_service_is_refused_and_never_called(client: httpx.Client, listener: Listener) -> None:
    url = listener.url + "/sparql"
    queries = [
        f"SELECT * WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}",
        f"select * where {{ service silent <{url}> {{ ?s ?p ?o }} }}",
        f"PREFIX l: <{listener.url}/> SELECT * WHERE {{ ?s ?p ?o OPTIONAL {{ SERVICE l:sparql {{ ?s ?p ?x }} }} }}",
        f"SELECT * WHERE {{ SeRvIcE#comment\n<{url}> {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ BIND(<{url}> AS ?e) SERVICE ?e {{ ?s ?p ?o }} }}",
        f"ASK {{ SERVICE <{url}> {{ }} }}",
        f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ {{ SELECT * WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }} }} }}",
        f"SELECT * WHERE {{ SERVIC\\u0045 <{url}> {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ SERVICE <{url.replace('/sparql', '/spar')}\\u0071l> {{ ?s ?p ?o }} }}",
    ]
    before = len(listener.connections)
    for query in queries:
        for response in (get(client, query), post_direct(client, query)):
            assert 400 <= response.status_code < 500, (query, response.status_code, response.text)
    refused = get(client, queries[0])
    assert "SERVICE" in refused.text and "disabled" in refused.text
    time.sleep(0.5)
    assert listener.connections[before:] == []


def test_updates_are_refused_and_change_nothing(client: httpx.Client, listener: Listener) -> None:
    before = len(listener.connections)
    triple = "<http://e/s> <http://e/p> <http://e/o>"
    updates = [
        f"INSERT DATA {{ {triple} }}",
        f"INSERT DATA {{ GRAPH <https://w3id.org/anugerah/graph/reference> {{ {triple} }} }}",
        f"LOAD <{listener.url}/data.ttl>",
        "CLEAR ALL",
        "DROP ALL",
        "DELETE WHERE { ?s ?p ?o }",
    ]
    for update in updates:
        as_query = get(client, update)
        assert 400 <= as_query.status_code < 500 and "read-only" in as_query.text
        as_direct_query = post_direct(client, update)
        assert 400 <= as_direct_query.status_code < 500
        as_update = client.post("/sparql", data={"update": update})
        assert as_update.status_code == 403 and "read-only" in as_update.text
        as_update_body = client.post(
            "/sparql", content=update.encode(), headers={"Content-Type": "application/sparql-update"}
        )
        assert as_update_body.status_code == 403
        assert client.get("/sparql", params={"update": update}).status_code == 403
    assert get(client, f"ASK {{ {triple} }}").json()["boolean"] is False
    count = get(client, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }").json()
    assert int(count["results"]["bindings"][0]["n"]["value"]) > 1000
    time.sleep(0.3)
    assert len(listener.connections) == before


def test_a_runaway_query_is_stopped_while_others_are_served(client: httpx.Client) -> None:
    assert get(client, "ASK {}").status_code == 200
    with ThreadPoolExecutor(max_workers=1) as pool:
        started = time.monotonic()
        runaway = pool.submit(lambda: (get(client, FOREVER), time.monotonic() - started))
        time.sleep(0.3)
        quick_started = time.monotonic()
        quick = get(client, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
        quick_latency = time.monotonic() - quick_started
        response, elapsed = runaway.result(timeout=30)
    assert quick.status_code == 200
    assert quick_latency < 2.0, quick_latency
    assert response.status_code == 503
    assert "timed out" in response.text
    assert TIMEOUT_S - 0.05 <= elapsed < TIMEOUT_S + 2.0, elapsed
    # The killed worker was replaced: the server goes on answering.
    assert get(client, "ASK {}").json()["boolean"] is True


def test_all_workers_stuck_then_replaced(client: httpx.Client) -> None:
    with ThreadPoolExecutor(max_workers=3) as pool:
        futures = [pool.submit(get, client, FOREVER) for _ in range(3)]  # two run, the third waits then times out
        statuses = [f.result(timeout=30).status_code for f in futures]
    assert statuses == [503, 503, 503]
    started = time.monotonic()
    assert get(client, "ASK {}").status_code == 200  # waits, within its deadline, for a replacement worker
    assert time.monotonic() - started < TIMEOUT_S
    assert [get(client, "ASK {}").status_code for _ in range(5)] == [200] * 5


def test_timeout_parameter_can_only_lower_the_limit(client: httpx.Client) -> None:
    started = time.monotonic()
    higher = get(client, FOREVER, timeout="600")
    assert higher.status_code == 503
    assert time.monotonic() - started < TIMEOUT_S + 2.0
    started = time.monotonic()
    lower = get(client, FOREVER, timeout="0.5")
    lowered_after = time.monotonic() - started
    assert lower.status_code == 503
    assert 0.45 <= lowered_after < 1.7, lowered_after
    assert get(client, "ASK {}", timeout="nope").status_code == 400


def _hostile_texts() -> list[str]:
    many_variables = "SELECT " + " ".join(f"?v{i}" for i in range(10_000)) + " WHERE { }"
    texts = [
        "{",
        "}",
        "SELECT * WHERE {",
        "SELECT * WHERE { ?s ?p ?o }}}}",
        "SELECT * WHERE { { { { ?s ?p ?o }",
        ")))(((",
        'SELECT * WHERE { ?s ?p "' + "x" * 50_000 + '" }',
        "SELECT * WHERE { ?s ?p '''" + "y" * 50_000 + "''' }",
        'SELECT * WHERE { ?s ?p "unterminated }',
        'SELECT * WHERE { ?s ?p "a\x00b" }',
        "SELECT * WHERE { ?s\x00?p ?o }",
        "\x00" * 100,
        "SELECT * WHERE " + "{" * 5_000 + "}" * 5_000,
        "SELECT * WHERE { FILTER(" + "(" * 20_000 + "1" + ")" * 20_000 + ") }",
        "SELECT * WHERE { ?s ?p ?o FILTER(" + "STR(" * 5_000 + "?o" + ")" * 5_000 + ") }",
        "SELECT * WHERE { ?s ?p ?o FILTER(" + "!" * 30_000 + "true) }",
        "ASK { ?s ?p " + "(" * 60 + ")" * 60 + " }",
        many_variables,
        "SELECT * WHERE { <http://exa mple.org/> ?p ?o }",
        "SELECT * WHERE { <\x01> ?p ?o }",
        "SELECT * WHERE { <> ?p ?o }",
        "SELECT * WHERE { <:::> ?p ?o }",
        "SELECT * WHERE { <http://e/\\u0000> ?p ?o }",
        "SELECT * WHERE { <http://e/\\uZZZZ> ?p ?o }",
        "SELECT * WHERE { ?s ?p ?o } LIMIT 999999999999999999999999999999",
        "SELECT * WHERE { ?s ?p ?o } OFFSET -1",
        "SELECT (1/0 AS ?x) (xsd:integer('a') AS ?y) WHERE { }",
        "PREFIX xsd: <http://www.w3.org/2001/XMLSchema#> SELECT (xsd:integer('a') AS ?y) (1/0 AS ?x) WHERE { }",
        "SELECT (REGEX('a', '(((((') AS ?r) WHERE { }",
        "SELECT (REPLACE('aaaa', '(a*)*b', '') AS ?r) WHERE { }",
        "SELECT * WHERE { ?s <http://e/p>{2,1000000} ?o }",
        "SELECT * WHERE { ?s (<http://e/p>|^<http://e/p>)* ?o } LIMIT 10",
        "DESCRIBE *",
        "DESCRIBE ?x",
        "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o } LIMIT 1",
        "SELECT ?x WHERE { BIND(<<( <http://e/a> <http://e/b> <http://e/c> )>> AS ?x) }",
        "SELECT * WHERE { VALUES ?x { " + " ".join(f'"{i}"' for i in range(5_000)) + " } }",
        "\ufeffSELECT * WHERE { }",
        "SÉLECT * WHERE { }",
        'SELECT * WHERE { ?s ?p "\U0001f600\ud7ff" }',
        "#" * 1000,
        " " * 60_000,
    ]
    rng = random.Random(20250101)
    pieces = [
        "SELECT", "ASK", "CONSTRUCT", "*", "WHERE", "{", "}", "?s", "?p", "?o", "<http://e/x>", '"lit"', "'''",
        "(", ")", "[", "]", "FILTER", "OPTIONAL", "UNION", "GRAPH", "FROM", "NAMED", "BIND", "AS", "VALUES",
        ".", ";", ",", "a", "1", "-", "!", "^^", "@en", "#", "\n", "\\", "\x00", "é", "ORDER BY", "LIMIT",
        "COUNT(*)", "||", "&&", "PREFIX e: <http://e/>", "e:x", "_:b", "$v", "<", ">", "'", '"', "{}",
    ]  # fmt: skip
    for _ in range(60):
        texts.append(" ".join(rng.choice(pieces) for _ in range(rng.randint(1, 40))))
    return texts


def test_hostile_sparql_never_yields_a_server_error(client: httpx.Client) -> None:
    sent = 0
    for index, text in enumerate(_hostile_texts()):
        body = text.encode("utf-8")
        responses = [post_direct(client, body), post_form(client, str(httpx.QueryParams({"query": text})))]
        if len(body) < 6000:
            responses.append(get(client, text))
        for response in responses:
            sent += 1
            assert response.status_code < 500, (index, text[:80], response.status_code, response.text[:300])
            sent_bytes = max(len(response.request.content), len(body))
            assert response.status_code != 413 or sent_bytes > 64 * 1024
    assert sent > 200
    assert get(client, "ASK {}").status_code == 200


@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        (b'SELECT * WHERE { ?s ?p "\xff\xfe" }', "application/sparql-query"),
        (b"SELECT * WHERE { ?s ?p ?o }\xc3", "application/sparql-query"),
        (b"\xed\xa0\x80", "application/sparql-query"),  # an encoded UTF-16 surrogate: not UTF-8
        (b"query=ASK \xff {}", "application/x-www-form-urlencoded"),
        (b"query=ASK%20%FF%FE%20%7B%7D", "application/x-www-form-urlencoded"),
        (b"query=%", "application/x-www-form-urlencoded"),
        (b"&&&=&=&query", "application/x-www-form-urlencoded"),
        (b"query=" + b"a=b&" * 2000, "application/x-www-form-urlencoded"),
        ("ASK {}".encode("utf-16"), "application/sparql-query"),
    ],
)
def test_invalid_bytes_in_a_post_body_are_client_errors(client: httpx.Client, body: bytes, content_type: str) -> None:
    response = client.post("/sparql", content=body, headers={"Content-Type": content_type})
    assert 400 <= response.status_code < 500, (response.status_code, response.text)


def test_memory_limit_stops_a_query_and_the_worker_is_replaced() -> None:
    """A worker under a small address-space limit: a huge sort aborts it; the caller gets 503, not a dead engine."""
    settings = Settings(timeout_s=60, row_limit=10, workers=1)
    with EmbeddedEngine(seed_dataset(), settings, memory_limit=512 * 1024**2) as engine:
        started = time.monotonic()
        with pytest.raises(QueryResourceError, match="memory"):
            engine.select("SELECT ?a ?d ?g WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i } ORDER BY ?a ?d ?g")
        assert time.monotonic() - started < 30
        assert engine.ask("ASK { ?s ?p ?o }") is True
        assert engine.replacements == 1
