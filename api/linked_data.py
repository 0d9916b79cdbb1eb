"""Dereferenceable IRIs: ``/id/…``, ``/def/…`` and ``/graph/…`` answer 303 See Other to their document under
``/doc/…``, which answers HTML to browsers and Turtle, JSON-LD, N-Triples or RDF/XML to machines.

| request | answer |
|---|---|
| ``GET /id/{path}`` | 303 → ``/doc/{path}`` (``?format=ttl``: ``/doc/{path}.ttl``); 404 unknown; 406 unacceptable |
| ``GET /def/{path}``, ``/graph/{path}`` | the same, to ``/doc/def/{path}``, ``/doc/graph/{path}`` |
| ``GET /doc/{path}`` | 200, negotiated by Accept (q-values) or ``format``; ``Content-Location: /doc/{path}.{ext}`` |
| ``GET /doc/{path}.{html,ttl,jsonld,nt,rdf}`` | 200 in that format |

Every document carries ``Vary: Accept``, a strong ``ETag`` (304 on ``If-None-Match``), ``Cache-Control``, a
``Link`` header (every format as ``alternate``, the licence, the VoID description, the dataset) and CORS. The
documents come from ``graph.publish.documents.DocumentService``, one per engine, which caches what it built.
An engine failure is a 503, never a 500.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from ..graph.engine import EngineError
from ..graph.publish.documents import Document, DocumentService, UnknownDocument
from ..graph.publish.html import esc, page
from ..graph.publish.site import FORMATS, RESERVED_SPACES, Site, safe_path
from ..graph.store import QueryError
from .ld_http import CORS, choose_format, conditional, doc_links, preflight
from .settings import Settings

__all__ = ["router", "routers"]

MAX_CACHED_ENGINES = 4
DOC_MAX_AGE = 3600


class _Services:
    """One DocumentService per engine (and per publication graph), built on first use."""

    def __init__(self, get_engine: Any, settings: Settings, extra: Callable[[], Any]) -> None:
        self.get_engine = get_engine
        self.site = Site(settings.base)
        self.extra = extra
        self._services: dict[int, tuple[Any, Any, DocumentService]] = {}
        self._lock = threading.Lock()

    def service(self) -> DocumentService:
        engine = self.get_engine if hasattr(self.get_engine, "select") else self.get_engine()
        extra = self.extra()
        with self._lock:
            entry = self._services.get(id(engine))
            if entry is None or entry[0] is not engine or entry[1] is not extra:
                while len(self._services) >= MAX_CACHED_ENGINES:
                    self._services.pop(next(iter(self._services)))
                entry = (engine, extra, DocumentService(engine, self.site, extra))
                self._services[id(engine)] = entry
            return entry[2]


def _not_found(path: str) -> HTTPException:
    return HTTPException(404, f"no resource of this dataset is described at {path}", headers=CORS)


def _wants_html(request: Request) -> bool:
    accept = request.headers.get("accept", "")
    return "text/html" in accept and request.query_params.get("format") is None


def _guarded(request: Request, answer: Callable[[], Response]) -> Response:
    """``answer()``; a 404 for a browser becomes a small page in the site's frame (machines keep the JSON)."""
    try:
        return answer()
    except HTTPException as exc:
        if exc.status_code != 404 or not _wants_html(request):
            raise
        body = (
            "<h1>Tidak ditemukan <span lang=\"en\">/ Not found</span></h1>"
            f"<p>Tidak ada sumber daya di <code>{esc(request.url.path)}</code>. "
            "<span lang=\"en\">No resource of this dataset is described here.</span></p>"
            '<p><a href="/data/">Unduh data / Downloads</a> · <a href="/query">SPARQL</a></p>'
        )
        return HTMLResponse(page("Anugerah — tidak ditemukan / not found", body), status_code=404, headers=CORS)


def _engine_failure(exc: Exception) -> HTTPException:
    message = getattr(exc, "message", str(exc))
    return HTTPException(503, f"the query engine could not answer: {message}", headers=CORS)


def _split(path: str) -> tuple[str, str | None]:
    """``org/x.ttl`` → (``org/x``, ``ttl``); a path without a document extension keeps it whole."""
    stem, dot, ext = path.rpartition(".")
    if dot and ext in FORMATS and "/" not in ext and stem:
        return stem, ext
    return path, None


def router(get_engine: Any, settings: Settings, publication_graph: Callable[[], Any] | None = None) -> APIRouter:
    routes = APIRouter(include_in_schema=False)
    services = _Services(get_engine, settings, publication_graph or (lambda: None))

    def build(path: str, ext: str) -> Document:
        try:
            return services.service().document(path, ext)
        except UnknownDocument:
            raise _not_found(f"/doc/{path}") from None
        except (EngineError, QueryError) as exc:
            raise _engine_failure(exc) from exc

    def see_other(request: Request, path: str) -> Response:
        if safe_path(path) is None:
            raise _not_found(request.url.path)
        fmt = choose_format(request)  # 406 here already when nothing is acceptable
        build(path, fmt.ext)  # 404 for an unknown resource (and the document is then cached for the next request)
        root = request.scope.get("root_path", "")
        explicit = request.query_params.get("format") is not None
        location = f"{root}/doc/{path}" + (f".{fmt.ext}" if explicit else "")
        return RedirectResponse(location, status_code=303, headers={**CORS, "Vary": "Accept"})

    @routes.api_route("/id/{path:path}", methods=["GET", "HEAD"])
    def thing(path: str, request: Request) -> Response:
        def answer() -> Response:
            if path.split("/", 1)[0] in RESERVED_SPACES:  # /id/def/…, /id/graph/…: not things
                raise _not_found(request.url.path)
            return see_other(request, path)

        return _guarded(request, answer)

    @routes.api_route("/def/{path:path}", methods=["GET", "HEAD"])
    def vocabulary(path: str, request: Request) -> Response:
        return _guarded(request, lambda: see_other(request, f"def/{path}"))

    @routes.api_route("/graph/{path:path}", methods=["GET", "HEAD"])
    def named_graph(path: str, request: Request) -> Response:
        return _guarded(request, lambda: see_other(request, f"graph/{path}"))

    @routes.api_route("/doc/{path:path}", methods=["GET", "HEAD"])
    def document(path: str, request: Request) -> Response:
        return _guarded(request, lambda: serve_document(path, request))

    def serve_document(path: str, request: Request) -> Response:
        stem, ext = _split(path)
        if safe_path(stem) is None:
            raise _not_found(request.url.path)
        negotiated = ext is None
        fmt = choose_format(request) if negotiated else FORMATS[ext]  # type: ignore[index]
        doc = build(stem, fmt.ext)
        root = request.scope.get("root_path", "")
        headers = {
            **CORS,
            "ETag": doc.etag,
            "Vary": "Accept",
            "Cache-Control": f"public, max-age={DOC_MAX_AGE}",
            "Link": doc_links(stem, root, services.site.dataset_iri),
        }
        if negotiated:
            headers["Content-Location"] = f"{root}/doc/{stem}.{fmt.ext}"
        not_modified = conditional(request, doc.etag, headers)
        if not_modified is not None:
            return not_modified
        body = b"" if request.method == "HEAD" else doc.body
        response = Response(body, media_type=doc.content_type, headers=headers)
        if request.method == "HEAD":
            response.headers["Content-Length"] = str(len(doc.body))
        return response

    for path in ("/id/{path:path}", "/def/{path:path}", "/graph/{path:path}", "/doc/{path:path}"):
        routes.add_api_route(path, preflight, methods=["OPTIONS"])
    return routes


def routers(get_engine: Any, settings: Settings) -> list[APIRouter]:
    """The linked-data routes and the publication's (downloads, catalog, VoID), sharing one publication."""
    from .downloads import Locator
    from .downloads import router as downloads_router

    locator = Locator(settings)
    return [downloads_router(settings, locator), router(get_engine, settings, locator.graph)]
