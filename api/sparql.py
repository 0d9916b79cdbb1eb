"""The SPARQL 1.1 Protocol query endpoint ``/sparql``, read-only, as a FastAPI router factory.

Mount it with ``app.include_router(router(lambda: engine, settings))``.

* GET ``?query=``; POST ``application/x-www-form-urlencoded`` with ``query=``; POST ``application/sparql-query``
  with the query as the body. ``default-graph-uri`` / ``named-graph-uri`` (repeatable) from the URL or the form.
* Exactly one ``query`` (two → 400). An ``update`` parameter or an ``application/sparql-update`` body → 403: this
  endpoint is read-only. Other POST media types → 415; POST without Content-Type → 400; a charset other than
  UTF-8 → 415; a body over ``settings.max_request_bytes`` → 413; PUT/DELETE/PATCH → 405 with ``Allow``.
* GET without ``query`` → the SPARQL Service Description (Turtle by default, or any RDF format by Accept).
* ``timeout`` (seconds) may lower the server's limit, never raise it; a bad value → 400 naming the parameter.
  ``format`` / ``output`` / ``results`` override Accept (see ``api.negotiation``); unknown parameters are ignored.
* Every response: ``Vary: Accept`` and ``Access-Control-Allow-Origin: *``; a result cut by the row cap carries
  ``Anugerah-Truncated: <row limit>``. Errors are ``text/plain`` with the reason (the parser's message for a
  syntax error); an engine error is answered with its own status (400, 406, 503), never 500.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Awaitable, Callable, Sequence
from urllib.parse import parse_qsl

import pyoxigraph as ox
from fastapi import APIRouter, Request
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from ..graph.engine import Engine, EngineError, SparqlRequest
from ..graph.results import FORMAT_IRIS, RDF_MEDIA_TYPES, SOLUTIONS_MEDIA_TYPES, serialize_graph
from ..graph.sparql_text import analyse
from .negotiation import FORMAT_PARAMETERS, content_type, negotiate
from .settings import Settings

__all__ = ["router"]

log = logging.getLogger(__name__)

FORM = "application/x-www-form-urlencoded"
SPARQL_QUERY = "application/sparql-query"
SPARQL_UPDATE = "application/sparql-update"
ALLOW = "GET, HEAD, POST, OPTIONS"
_UTF8 = {"utf-8", "utf8"}
_MAX_FORM_FIELDS = 1000
_READ_ONLY = "this SPARQL endpoint is read-only: SPARQL Update is not accepted"

SD = "http://www.w3.org/ns/sparql-service-description#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
_SD_PREFIXES = {
    "sd": SD,
    "formats": "http://www.w3.org/ns/formats/",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
}


class _HttpError(Exception):
    def __init__(self, status: int, message: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.headers = headers or {}


def _common_headers() -> dict[str, str]:
    return {
        "Vary": "Accept",
        "Access-Control-Allow-Origin": "*",
        "Access-Control-Expose-Headers": "Anugerah-Truncated, Content-Type",
    }


def _error(status: int, message: str, headers: dict[str, str] | None = None) -> Response:
    return Response(
        content=(message.rstrip("\n") + "\n").encode("utf-8"),
        status_code=status,
        media_type="text/plain; charset=utf-8",
        headers={**_common_headers(), **(headers or {})},
    )


def _media_type(header: str) -> tuple[str, dict[str, str]]:
    """A Content-Type value as (type/subtype lower-cased, parameters)."""
    media, *raw_params = header.split(";")
    params: dict[str, str] = {}
    for raw in raw_params:
        name, _, value = raw.partition("=")
        params[name.strip().lower()] = value.strip().strip('"')
    return media.strip().lower(), params


async def _read_body(request: Request, limit: int) -> bytes:
    length = request.headers.get("content-length")
    if length is not None and length.strip().isdigit() and int(length) > limit:
        raise _HttpError(413, f"request body too large: {int(length)} bytes, the limit is {limit} bytes")
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise _HttpError(413, f"request body too large: more than {limit} bytes")
        chunks.append(chunk)
    return b"".join(chunks)


def _decode_utf8(data: bytes, what: str) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise _HttpError(400, f"{what} is not valid UTF-8 (byte {exc.start})") from exc


def _parse_form(body: bytes) -> list[tuple[str, str]]:
    text = _decode_utf8(body, "form body")
    try:
        return parse_qsl(
            text, keep_blank_values=True, encoding="utf-8", errors="strict", max_num_fields=_MAX_FORM_FIELDS
        )
    except UnicodeDecodeError as exc:
        raise _HttpError(400, "a form field is not valid UTF-8 once percent-decoded") from exc
    except ValueError as exc:
        raise _HttpError(400, f"malformed form body: {exc}") from exc


def _values(params: Sequence[tuple[str, str]], name: str) -> list[str]:
    return [value for key, value in params if key == name]


def _timeout(params: Sequence[tuple[str, str]], limit: float) -> float:
    timeout = limit
    for raw in _values(params, "timeout"):
        try:
            value = float(raw)
        except ValueError:
            value = math.nan
        if not math.isfinite(value) or value <= 0:
            raise _HttpError(400, f"parameter timeout: expected a positive number of seconds, got {raw!r}")
        timeout = min(timeout, value)  # a request may lower the server's limit, never raise it
    return timeout


def _service_description(endpoint: str, graphs: Sequence[str], media_type: str) -> bytes:
    service = ox.BlankNode("service")
    dataset = ox.BlankNode("dataset")
    default_graph = ox.BlankNode("defaultGraph")
    a = ox.NamedNode(RDF_TYPE)

    def sd(name: str) -> ox.NamedNode:
        return ox.NamedNode(SD + name)

    triples = [
        ox.Triple(service, a, sd("Service")),
        ox.Triple(service, sd("endpoint"), ox.NamedNode(endpoint)),
        ox.Triple(service, sd("supportedLanguage"), sd("SPARQL11Query")),
        ox.Triple(service, sd("feature"), sd("UnionDefaultGraph")),
        ox.Triple(service, sd("defaultEntailmentRegime"), ox.NamedNode("http://www.w3.org/ns/entailment/Simple")),
        ox.Triple(service, sd("defaultDataset"), dataset),
        ox.Triple(dataset, a, sd("Dataset")),
        ox.Triple(dataset, sd("defaultGraph"), default_graph),
        ox.Triple(default_graph, a, sd("Graph")),
    ]
    for media in (*SOLUTIONS_MEDIA_TYPES, *RDF_MEDIA_TYPES):
        triples.append(ox.Triple(service, sd("resultFormat"), ox.NamedNode(FORMAT_IRIS[media])))
    for index, name in enumerate(graphs):
        node = ox.BlankNode(f"namedGraph{index}")
        triples += [
            ox.Triple(dataset, sd("namedGraph"), node),
            ox.Triple(node, a, sd("NamedGraph")),
            ox.Triple(node, sd("name"), ox.NamedNode(name)),
        ]
    return serialize_graph(triples, media_type, prefixes=_SD_PREFIXES)


def router(get_engine: Callable[[], Engine], settings: Settings, *, path: str = "/sparql") -> APIRouter:
    """The ``/sparql`` routes over the engine ``get_engine()`` returns, with the limits of ``settings``."""
    api = APIRouter()
    max_bytes = int(settings.max_request_bytes)

    def graphs(engine: Engine) -> list[str]:
        known = getattr(engine, "named_graphs", None)
        if known is not None:
            return sorted(known)
        try:
            rows = engine.select("SELECT DISTINCT ?g WHERE { GRAPH ?g { } } ORDER BY ?g", timeout_s=5)
        except EngineError:
            return []
        return [str(row["g"]) for row in rows if "g" in row]

    async def describe(request: Request, params: Sequence[tuple[str, str]]) -> Response:
        media_type = negotiate("SD", request.headers.getlist("accept"), _format_values(params))
        engine = get_engine()
        names = await run_in_threadpool(graphs, engine)
        endpoint = str(request.url).split("?", 1)[0]
        body = await run_in_threadpool(_service_description, endpoint, names, media_type)
        return Response(content=body, media_type=content_type(media_type), headers=_common_headers())

    async def run_query(request: Request, query: str, params: Sequence[tuple[str, str]]) -> Response:
        if len(query.encode("utf-8")) > max_bytes:
            raise _HttpError(413, f"query too long: more than {max_bytes} bytes")
        timeout = _timeout(params, float(settings.timeout_s))
        form = analyse(query).form
        if form in ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE"):
            media_type = negotiate(form, request.headers.getlist("accept"), _format_values(params))
        else:  # an update or unrecognisable text: the engine refuses it or reports the parser's message
            media_type = SOLUTIONS_MEDIA_TYPES[0]
        sparql_request = SparqlRequest(
            query=query,
            default_graph_uris=tuple(_values(params, "default-graph-uri")),
            named_graph_uris=tuple(_values(params, "named-graph-uri")),
            media_type=media_type,
            timeout_s=timeout,
        )
        result = await run_in_threadpool(get_engine().sparql, sparql_request)
        headers = {**_common_headers(), **dict(result.headers)}
        if result.truncated:  # the engine says which limit it applied; else the server's
            headers.setdefault("Anugerah-Truncated", str(settings.row_limit))
        return Response(content=result.body, media_type=content_type(result.media_type), headers=headers)

    async def answer(request: Request, params: list[tuple[str, str]], from_body: str | None = None) -> Response:
        if _values(params, "update") or _values(params, "using-graph-uri") or _values(params, "using-named-graph-uri"):
            raise _HttpError(403, f"{_READ_ONLY} (the request carries an update parameter)")
        queries = _values(params, "query")
        if from_body is not None:
            if queries:
                raise _HttpError(400, "the query is given twice: as the request body and as a query parameter")
            queries = [from_body]
        if len(queries) > 1:
            raise _HttpError(400, f"exactly one query parameter is allowed, got {len(queries)}")
        if not queries:
            if request.method in ("GET", "HEAD"):
                return await describe(request, params)
            raise _HttpError(400, "missing query: send query=… (form) or the query as an application/sparql-query body")
        return await run_query(request, queries[0], params)

    async def guarded(request: Request, handler: Callable[[], Awaitable[Response]]) -> Response:
        try:
            response = await handler()
        except _HttpError as exc:
            return _error(exc.status, exc.message, exc.headers)
        except EngineError as exc:
            return _error(exc.status, exc.message)
        except Exception:  # a bug: log it, answer 500 without internals
            log.exception("SPARQL endpoint failure on %s %s", request.method, request.url.path)
            return _error(500, "internal error while answering the SPARQL request")
        if request.method == "HEAD":
            return Response(status_code=response.status_code, headers=dict(response.headers))
        return response

    @api.get(path, summary="SPARQL 1.1 query (GET), or the service description without a query")
    async def sparql_get(request: Request) -> Response:
        async def handle() -> Response:
            return await answer(request, list(request.query_params.multi_items()))

        return await guarded(request, handle)

    api.add_api_route(path, sparql_get, methods=["HEAD"], include_in_schema=False)

    @api.post(path, summary="SPARQL 1.1 query (POST form or application/sparql-query)")
    async def sparql_post(request: Request) -> Response:
        async def handle() -> Response:
            params = list(request.query_params.multi_items())
            header = request.headers.get("content-type")
            if header is None or not header.strip():
                raise _HttpError(
                    400, f"POST needs a Content-Type: {FORM} (query=…) or {SPARQL_QUERY} (the query as the body)"
                )
            media, media_params = _media_type(header)
            charset = media_params.get("charset")
            if charset is not None and charset.lower() not in _UTF8:
                raise _HttpError(415, f"unsupported charset {charset!r}: SPARQL requests must be UTF-8")
            if media == SPARQL_UPDATE:
                raise _HttpError(403, _READ_ONLY)
            if media not in (FORM, SPARQL_QUERY):
                raise _HttpError(
                    415,
                    f"unsupported Content-Type {media!r}: send {FORM} (query=…) or {SPARQL_QUERY}",
                )
            body = await _read_body(request, max_bytes)
            if media == FORM:
                return await answer(request, params + _parse_form(body))
            return await answer(request, params, from_body=_decode_utf8(body, "the query"))

        return await guarded(request, handle)

    @api.options(path, include_in_schema=False)
    async def sparql_options() -> Response:
        return Response(
            status_code=204,
            headers={
                **_common_headers(),
                "Allow": ALLOW,
                "Access-Control-Allow-Methods": ALLOW,
                "Access-Control-Allow-Headers": "Accept, Content-Type",
                "Access-Control-Max-Age": "86400",
            },
        )

    @api.api_route(path, methods=["PUT", "DELETE", "PATCH"], include_in_schema=False)
    async def sparql_not_allowed(request: Request) -> Response:
        return _error(
            405,
            f"{request.method} is not allowed on {path}: this read-only SPARQL endpoint answers queries by GET or POST",
            {"Allow": ALLOW},
        )

    return api


def _format_values(params: Sequence[tuple[str, str]]) -> list[str]:
    """The values of format, output and results, in that order of precedence."""
    return [value for name in FORMAT_PARAMETERS for value in _values(params, name)]
