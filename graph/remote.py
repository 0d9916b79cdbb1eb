"""The Engine protocol over a remote SPARQL 1.1 query endpoint: Oxigraph server, Fuseki, Virtuoso, GraphDB.

``select`` and ``ask`` (the named queries) go through SPARQLWrapper, as a researcher's notebook would;
``sparql`` (the raw endpoint passthrough) forwards the query with httpx and returns the remote's bytes.

**The default graph must be the union of the named graphs.** Every query here, like the embedded store, expects
the default graph to be the union of all named graphs. Stores differ:

- Oxigraph server: start it with ``oxigraph serve --union-default-graph`` (what the tests do), or pass
  ``union_default_graph=True`` to send Oxigraph's ``union-default-graph`` request parameter with every query
  that names no dataset of its own (no ``default-graph-uri``/``named-graph-uri``, no ``FROM``: with the union
  option Oxigraph ignores ``FROM``).
- Fuseki/TDB2: set ``tdb2:unionDefaultGraph true`` on the dataset in the server configuration.
- Virtuoso and GraphDB: a query without ``FROM`` already sees every graph.

``check_union_default_graph()`` tells whether the server does it. Loading the union into the default graph as
well is not an option: every triple would be there twice.

**Parameters** are RDF terms, never pasted text: each is serialised by rdflib's ``.n3()`` (which escapes quotes,
backslashes and newlines, and refuses an IRI with characters an IRI cannot hold) into a
``VALUES (?a ?b) { (<iri> "lit"^^<dt>) }`` block placed first in the query's outermost WHERE group, and again
in every nested group (OPTIONAL, UNION branch, MINUS, GRAPH, EXISTS …) that mentions the variable. SPARQL
evaluates groups bottom-up, so a FILTER inside a UNION branch would not see a value bound only outside it; the
repeated block gives the answers of the embedded store's substitution (``?x`` is replaced throughout the query,
but not inside a sub-SELECT, whose variables are its own). As there, a parameter should be in the projection,
and ``BOUND(?x)`` is true here where it is false under substitution (the named queries never use it). Blank
nodes cannot be bound (SPARQL has no syntax for them in VALUES). The query text is read by a small lexer that
skips strings, IRIs and comments, so a ``{`` or ``WHERE`` inside them does not mislead it.

**Read-only.** Before anything is sent, a query whose tokens (outside strings, IRIs and comments) hold an update
keyword (INSERT, DELETE, LOAD, CLEAR, CREATE, DROP, COPY, MOVE, ADD) or SERVICE is refused with QueryRefused.
This keyword check is conservative and simple; the remote should be a read-only endpoint anyway (for Oxigraph,
``oxigraph serve-read-only``, or keep the server's ``/update`` off the network).

**Limits.** A call's timeout is at most the engine's; ``sparql`` holds it as a wall-clock deadline on the whole
answer, ``select``/``ask`` as the socket timeout of SPARQLWrapper's urllib (no byte for that long). Set the
server's own timeout too (``oxigraph serve --timeout-s``, Fuseki ``arq:queryTimeout``): a query the client gave up
on otherwise runs on. An Oxigraph timeout arrives as a 200 whose body stops with "The SPARQL operation has been
cancelled"; it is recognised and reported as QueryTimeout. ``sparql`` caps SELECT answers at the row limit: it
asks the remote for ``LIMIT cap + 1`` (replacing a larger LIMIT of the query's own), and if one row too many comes
back it cuts the answer to ``cap`` rows (JSON, XML, CSV and TSV results) and says so (``truncated=True``).
``select`` returns every row: it serves the curated named queries.
"""

from __future__ import annotations

import csv
import http.client
import io
import json
import re
import time
import urllib.error
import urllib.request
import xml.etree.ElementTree as ET
from collections.abc import Mapping

import httpx
from rdflib import BNode, Literal, URIRef
from rdflib.term import Node
from SPARQLWrapper import JSON, POST, SPARQLWrapper

from .engine import (
    EngineError,
    NotAcceptable,
    QueryRefused,
    QuerySyntaxError,
    QueryTimeout,
    SparqlRequest,
    SparqlResponse,
)
from .sparql_values import QueryShape, query_shape, with_values

__all__ = ["EndpointError", "EndpointUnavailable", "RemoteEngine"]

_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"
_FORMS = ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")
_UPDATE_KEYWORDS = ("INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD")
_CANCELLED = ("cancelled", "canceled", "timed out", "timeout")
_OXIGRAPH_CANCELLED = b"The SPARQL operation has been cancelled"
_MESSAGE_LIMIT = 2000
_VARIABLE_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")

ET.register_namespace("", "http://www.w3.org/2005/sparql-results#")


class EndpointUnavailable(EngineError):
    """The remote endpoint cannot be reached (connection refused, unknown host) or says it is unavailable."""

    status = 503


class EndpointError(EngineError):
    """The remote endpoint answered with an error, or with something that is not a SPARQL result."""

    status = 502


# ------------------------------------------------------------------------------------------------ the lexer

def _refuse(shape: QueryShape) -> None:
    """QueryRefused for an update or a federated query (a keyword check; see the module notes)."""
    updates = sorted(k for k in shape.keywords if k in _UPDATE_KEYWORDS)
    if updates:
        raise QueryRefused(f"updates are not accepted here ({', '.join(updates)}): this is a read-only endpoint")
    if "SERVICE" in shape.keywords:
        raise QueryRefused("SERVICE (federated queries) is not accepted here")


def _with_limit(query: str, shape: QueryShape, limit: int) -> tuple[str, bool]:
    """The query asking for at most ``limit`` rows; and whether that is fewer than the query itself asks for."""
    if shape.limit is not None:
        own = int(shape.limit.text) if shape.limit.text.isdigit() else None
        if own is not None and own <= limit:
            return query, False
        return query[: shape.limit.start] + str(limit) + query[shape.limit.end :], True
    at = shape.trailing_values if shape.trailing_values is not None else len(query)
    return f"{query[:at]}\nLIMIT {limit}\n{query[at:]}", True


# ------------------------------------------------------------------------------------------ results


def _term(value: Mapping[str, str]) -> Node:
    kind = value.get("type")
    text = value.get("value", "")
    if kind == "uri":
        return URIRef(text)
    if kind == "bnode":
        return BNode(text)
    if kind in ("literal", "typed-literal"):
        language = value.get("xml:lang") or value.get("lang")
        datatype = value.get("datatype")
        if language:
            return Literal(text, lang=language)
        if datatype and datatype not in (_XSD_STRING, _RDF_LANG_STRING):
            return Literal(text, datatype=URIRef(datatype))
        return Literal(text)
    raise EndpointError(f"unsupported term in a query result: {dict(value)!r}")


def _message(body: bytes) -> str:
    text = body.decode("utf-8", errors="replace").strip()
    return text if len(text) <= _MESSAGE_LIMIT else text[:_MESSAGE_LIMIT] + " …"


def _looks_cancelled(body: bytes) -> bool:
    """An error message that speaks of a timeout (for a body that is known not to be a result)."""
    tail = body[-300:].decode("utf-8", errors="replace").lower()
    return any(marker in tail for marker in _CANCELLED)


def _cut_by_oxigraph(body: bytes) -> bool:
    """Oxigraph streams results with a 200 and, when its timeout strikes, ends the body with this message."""
    return body.rstrip().endswith(_OXIGRAPH_CANCELLED)


def _status_error(url: str, status: int, body: bytes) -> EngineError:
    message = _message(body)
    if status == 400:
        return QuerySyntaxError(message or f"the SPARQL endpoint {url} rejected the query (HTTP 400)")
    if status in (406, 415):
        return NotAcceptable(f"the SPARQL endpoint {url} cannot answer in that format (HTTP {status}): {message}")
    if status in (408, 504) or (status in (500, 503) and _looks_cancelled(body)):
        return QueryTimeout(f"the SPARQL endpoint {url} timed out (HTTP {status}): {message}")
    if status in (502, 503):
        return EndpointUnavailable(f"the SPARQL endpoint {url} is unavailable (HTTP {status}): {message}")
    if status == 404:
        return EndpointError(f"no SPARQL endpoint at {url} (HTTP 404)")
    return EndpointError(f"the SPARQL endpoint {url} answered HTTP {status}: {message}")


def _media_type(content_type: str | None, fallback: str) -> str:
    if not content_type:
        return fallback
    return content_type.split(";", 1)[0].strip().lower() or fallback


def _count_and_cut(body: bytes, media_type: str, cap: int) -> tuple[bytes, int | None, bool] | None:
    """(body, rows, cut) for a SELECT answer of a known format, cut to ``cap`` rows; None if it does not parse."""
    try:
        if media_type in ("application/sparql-results+json", "application/json"):
            data = json.loads(body)
            rows = data["results"]["bindings"]
            if len(rows) <= cap:
                return body, len(rows), False
            data["results"]["bindings"] = rows[:cap]
            return json.dumps(data, ensure_ascii=False).encode("utf-8"), cap, True
        if media_type in ("application/sparql-results+xml", "application/xml"):
            root = ET.fromstring(body)
            results = next((e for e in root if e.tag.endswith("results")), None)
            if results is None:
                return None
            rows_xml = [e for e in results if e.tag.endswith("result")]
            if len(rows_xml) <= cap:
                return body, len(rows_xml), False
            for extra in rows_xml[cap:]:
                results.remove(extra)
            return ET.tostring(root, encoding="utf-8", xml_declaration=True), cap, True
        if media_type in ("text/tab-separated-values", "text/tsv"):
            lines = body.split(b"\n")
            if lines and lines[-1] == b"":
                lines.pop()
            rows = len(lines) - 1
            if rows <= cap:
                return body, max(rows, 0), False
            return b"\n".join(lines[: cap + 1]) + b"\n", cap, True
        if media_type == "text/csv":
            lines = io.StringIO(body.decode("utf-8"), newline="").readlines()
            reader = csv.reader(lines)
            ends: list[int] = []  # the physical lines read after each record (the header first)
            for _record in reader:
                ends.append(reader.line_num)
                if len(ends) > cap + 1:
                    break
            rows = max(len(ends) - 1, 0)
            if rows <= cap:
                return body, rows, False
            return "".join(lines[: ends[cap]]).encode("utf-8"), cap, True
    except (ValueError, KeyError, TypeError, ET.ParseError, csv.Error):
        return None
    return body, None, False


# ------------------------------------------------------------------------------------------ SPARQLWrapper


class _Wrapper(SPARQLWrapper):
    """SPARQLWrapper whose HTTP errors keep their status and body, and whose timeout may be a fraction.

    SPARQLWrapper 2.0 turns HTTP errors into exceptions carrying only a repr of the body, and rounds its timeout
    down to whole seconds (0.5 s would mean none at all).
    """

    def __init__(self, endpoint: str, timeout_s: float) -> None:
        super().__init__(endpoint)
        self._timeout_s = timeout_s

    def _query(self) -> tuple[http.client.HTTPResponse, str]:
        return urllib.request.urlopen(self._createRequest(), timeout=self._timeout_s), self.returnFormat


# ------------------------------------------------------------------------------------------ the engine


class RemoteEngine:
    """A read-only SPARQL engine over a remote SPARQL 1.1 query endpoint (see the module notes)."""

    def __init__(
        self,
        query_url: str,
        *,
        timeout_s: float = 30.0,
        row_limit: int = 10_000,
        union_default_graph: bool = False,
    ) -> None:
        if not re.match(r"^https?://", query_url):
            raise ValueError(f"the SPARQL endpoint must be an http(s) URL, got {query_url!r}")
        self.query_url = query_url
        self.timeout_s = timeout_s
        self.row_limit = row_limit
        self.union_default_graph = union_default_graph
        self._client = httpx.Client(follow_redirects=True)

    def __repr__(self) -> str:
        return f"RemoteEngine({self.query_url!r})"

    def __enter__(self) -> RemoteEngine:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    # -- the Engine protocol

    def select(
        self, query: str, bindings: Mapping[str, Node] | None = None, *, timeout_s: float | None = None
    ) -> list[dict[str, Node]]:
        """Run a SELECT query; each row maps the names of its bound variables to rdflib terms."""
        data = self._json(query, *self._prepare(query, bindings, "SELECT"), timeout_s)
        try:
            names = data["head"]["vars"]
            return [
                {name: _term(row[name]) for name in names if name in row} for row in data["results"]["bindings"]
            ]
        except (KeyError, TypeError) as exc:
            raise EndpointError(f"the SPARQL endpoint {self.query_url} sent a malformed SELECT result") from exc

    def ask(self, query: str, bindings: Mapping[str, Node] | None = None, *, timeout_s: float | None = None) -> bool:
        """Run an ASK query."""
        data = self._json(query, *self._prepare(query, bindings, "ASK"), timeout_s)
        answer = data.get("boolean") if isinstance(data, dict) else None
        if not isinstance(answer, bool):
            raise EndpointError(f"the SPARQL endpoint {self.query_url} sent a malformed ASK result")
        return answer

    def sparql(self, request: SparqlRequest) -> SparqlResponse:
        """Forward a query as it is (bar the row cap) and return the remote's answer in the negotiated format."""
        shape = query_shape(request.query)
        _refuse(shape)
        form = shape.form or "SELECT"
        query = request.query
        cap = self._row_cap(request.row_limit)
        capped = False
        if form == "SELECT" and shape.problem is None:
            query, capped = _with_limit(query, shape, cap + 1)
        params: list[tuple[str, str]] = [("query", query)]
        params += [("default-graph-uri", uri) for uri in request.default_graph_uris]
        params += [("named-graph-uri", uri) for uri in request.named_graph_uris]
        if self._wants_union(shape) and not request.default_graph_uris and not request.named_graph_uris:
            params.append(("union-default-graph", ""))
        timeout = self._timeout(request.timeout_s)
        status, content_type, body = self._post(params, request.media_type, timeout)
        if status >= 300:
            if status == 400 and query != request.query:
                body = self._own_error(request.query, params[1:], request.media_type, timeout, body)
            raise _status_error(self.query_url, status, body)
        if shape.problem is not None:  # sent as it is for the remote's message; it should not have passed
            raise QuerySyntaxError(shape.problem)
        if _cut_by_oxigraph(body):
            raise self._cancelled(body)
        media_type = _media_type(content_type, request.media_type)
        row_count: int | None = None
        truncated = False
        if form == "SELECT":
            counted = _count_and_cut(body, media_type, cap)
            if counted is None:
                raise self._broken_answer(body)
            body, row_count, truncated = counted
            truncated = truncated and capped
        elif form == "ASK" and "json" in media_type:
            try:
                json.loads(body)["boolean"]
            except (ValueError, KeyError, TypeError):
                raise self._broken_answer(body) from None
        return SparqlResponse(body, media_type, form, truncated=truncated, row_count=row_count)

    def close(self) -> None:
        self._client.close()

    # -- beyond the protocol

    def check_union_default_graph(self) -> bool:
        """Whether the remote's default graph shows the triples of its named graphs (True if it has none)."""
        rows = self.select("SELECT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } } LIMIT 1")
        if not rows:
            return True
        row = rows[0]
        if isinstance(row["s"], BNode) or isinstance(row["o"], BNode):
            return self.ask("ASK { ?s ?p ?o }")
        return self.ask("ASK { ?s ?p ?o }", {"s": row["s"], "p": row["p"], "o": row["o"]})

    # -- helpers

    def _row_cap(self, requested: int | None) -> int:
        return self.row_limit if requested is None else max(0, min(requested, self.row_limit))

    def _timeout(self, requested: float | None) -> float:
        return self.timeout_s if requested is None else min(requested, self.timeout_s)

    def _wants_union(self, shape: QueryShape) -> bool:
        return self.union_default_graph and not shape.has_from

    def _prepare(self, query: str, bindings: Mapping[str, Node] | None, form: str) -> tuple[str, QueryShape]:
        shape = query_shape(query)
        _refuse(shape)
        if shape.form is not None and shape.form != form:
            raise QuerySyntaxError(f"{form.lower()}() needs a {form} query, got {shape.form}")
        return with_values(query, bindings or {}, shape), shape

    def _json(self, original: str, query: str, shape: QueryShape, timeout_s: float | None) -> dict:
        """Run a SELECT or ASK through SPARQLWrapper; the JSON answer. ``original``: the text before the bindings."""
        timeout = self._timeout(timeout_s)
        wrapper = _Wrapper(self.query_url, timeout)
        wrapper.setQuery(query)
        wrapper.setMethod(POST)
        wrapper.setReturnFormat(JSON)
        wrapper.setOnlyConneg(True)
        if self._wants_union(shape):
            wrapper.addParameter("union-default-graph", "")
        try:
            response = wrapper.query().response
            body = response.read()
        except urllib.error.HTTPError as exc:
            error = exc.read()
            if exc.code == 400 and original != query:
                extra = [("union-default-graph", "")] if self._wants_union(shape) else []
                error = self._own_error(original, extra, "application/sparql-results+json", timeout, error)
            raise _status_error(self.query_url, exc.code, error) from exc
        except urllib.error.URLError as exc:
            if isinstance(exc.reason, TimeoutError):
                raise self._timed_out(timeout) from exc
            raise EndpointUnavailable(f"cannot reach the SPARQL endpoint {self.query_url}: {exc.reason}") from exc
        except TimeoutError as exc:
            raise self._timed_out(timeout) from exc
        except OSError as exc:
            raise EndpointUnavailable(f"cannot reach the SPARQL endpoint {self.query_url}: {exc}") from exc
        except http.client.HTTPException as exc:
            raise EndpointError(f"the SPARQL endpoint {self.query_url} broke off its answer: {exc!r}") from exc
        if _cut_by_oxigraph(body):
            raise self._cancelled(body)
        try:
            data = json.loads(body)
        except ValueError:
            raise self._broken_answer(body) from None
        if not isinstance(data, dict):
            raise self._broken_answer(body)
        return data

    def _own_error(
        self, original: str, params: list[tuple[str, str]], accept: str, timeout: float, error: bytes
    ) -> bytes:
        """The remote's message on the query as written, not on the text with bindings or the row cap added.

        Line and column numbers then point into the caller's text. Should the original text pass (the additions
        broke it, which they should not), the first message stays, marked as such.
        """
        status, _, body = self._post([("query", original), *params], accept, timeout, max_bytes=_MESSAGE_LIMIT)
        if status == 400:
            return body
        return error + b" (in the query with its parameters or row cap added)"

    def _post(
        self, params: list[tuple[str, str]], accept: str, timeout: float, max_bytes: int | None = None
    ) -> tuple[int, str | None, bytes]:
        """POST the form; (status, content type, body). ``max_bytes``: read no more than about that much."""
        deadline = time.monotonic() + timeout
        try:
            with self._client.stream(
                "POST", self.query_url, data=_form(params), headers={"Accept": accept},
                timeout=httpx.Timeout(timeout),
            ) as response:
                chunks: list[bytes] = []
                received = 0
                for chunk in response.iter_bytes():
                    chunks.append(chunk)
                    received += len(chunk)
                    if max_bytes is not None and received >= max_bytes:
                        break
                    if time.monotonic() > deadline:
                        raise self._timed_out(timeout)
                return response.status_code, response.headers.get("content-type"), b"".join(chunks)
        except httpx.TimeoutException as exc:
            raise self._timed_out(timeout) from exc
        except httpx.TransportError as exc:
            reason = "connection refused" if isinstance(exc, httpx.ConnectError) else str(exc) or type(exc).__name__
            raise EndpointUnavailable(f"cannot reach the SPARQL endpoint {self.query_url}: {reason}") from exc

    def _timed_out(self, timeout: float) -> QueryTimeout:
        return QueryTimeout(f"the SPARQL endpoint {self.query_url} did not answer within {timeout:g} s")

    def _cancelled(self, body: bytes) -> QueryTimeout:
        return QueryTimeout(f"the SPARQL endpoint {self.query_url} stopped the query: {_message(body[-200:])}")

    def _broken_answer(self, body: bytes) -> EngineError:
        if _looks_cancelled(body):
            return self._cancelled(body)
        return EndpointError(
            f"the SPARQL endpoint {self.query_url} sent an answer that does not parse: {_message(body[-300:])}"
        )


def _form(params: list[tuple[str, str]]) -> dict[str, list[str]]:
    """Form fields, keeping repeated names (httpx encodes a list value as repeated fields)."""
    fields: dict[str, list[str]] = {}
    for name, value in params:
        fields.setdefault(name, []).append(value)
    return fields
