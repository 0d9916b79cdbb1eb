"""The exported publication over HTTP: ``/data/`` (downloads page, catalog, VoID, releases), ``/data/latest/…``
(302 to the current release), the CKAN-shaped ``/catalog.{ttl,jsonld,rdf}`` and ``/.well-known/void``.

The files are those ``anugerah export`` wrote (``anugerah serve`` exports next to the dataset it serves, into
``{dataset dir}/publication``; ``ANUGERAH_PUBLICATION`` names another directory). Release folders are immutable and
served as such; every file has a strong ETag (its SHA-256) and Last-Modified, and answers 304 to a repeat. Paths
are checked segment by segment and resolved inside the publication: nothing else on disk is reachable.
"""

from __future__ import annotations

import hashlib
import json
import os
import threading
from dataclasses import dataclass
from email.utils import formatdate, parsedate_to_datetime
from pathlib import Path

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from rdflib import Graph

from ..graph.publish.html import esc, page
from ..graph.publish.site import FORMATS, safe_path
from .ld_http import CORS, choose_format, conditional, preflight
from .settings import Settings

__all__ = ["Locator", "Publication", "find_publication", "router"]

PUBLICATION_ENV = "ANUGERAH_PUBLICATION"
MEDIA_TYPES: dict[str, str] = {
    ".ttl": "text/turtle; charset=utf-8",
    ".jsonld": "application/ld+json",
    ".rdf": "application/rdf+xml",
    ".nt": "application/n-triples; charset=utf-8",
    ".gz": "application/gzip",
    ".csv": "text/csv; charset=utf-8; header=present",
    ".json": "application/json",
    ".html": "text/html; charset=utf-8",
}
CATALOG_FORMATS = {"ttl": "catalog.ttl", "jsonld": "catalog.jsonld", "rdf": "catalog.rdf"}


def _media_type(path: Path) -> str:
    if path.name.endswith("-metadata.json"):
        return "application/csvm+json"
    if path.name in ("SHA256SUMS", "LATEST"):
        return "text/plain; charset=utf-8"
    return MEDIA_TYPES.get(path.suffix, "application/octet-stream")


def find_publication(settings: Settings) -> Path | None:
    """``$ANUGERAH_PUBLICATION``, else ``publication/`` next to the served dataset, if it holds an export."""
    explicit = os.environ.get(PUBLICATION_ENV)
    candidates = [Path(explicit)] if explicit else []
    if settings.dataset is not None:
        candidates.append(settings.dataset.resolve().parent / "publication")
    for candidate in candidates:
        if (candidate / "data" / "index.html").is_file():
            return candidate.resolve()
    return None


@dataclass
class _Stamp:
    key: tuple[int, int]
    etag: str


class Publication:
    """An export directory: its files, its current release, and its catalog + VoID graph (read once)."""

    def __init__(self, root: Path) -> None:
        self.root = root.resolve()
        self.data = self.root / "data"
        self._etags: dict[Path, _Stamp] = {}
        self._graph: tuple[tuple[float, float], Graph] | None = None
        self._lock = threading.Lock()

    @property
    def version(self) -> str | None:
        try:
            return (self.data / "LATEST").read_text(encoding="utf-8").strip() or None
        except OSError:
            return None

    def file(self, relative: str) -> Path | None:
        """The file at ``relative`` under ``data/`` (``latest`` not resolved here), or None."""
        if relative and safe_path(relative) is None:
            return None
        path = (self.data / relative) if relative else self.data
        if path.is_dir():
            path = path / "index.html"
        try:
            resolved = path.resolve(strict=True)
        except (OSError, RuntimeError):
            return None
        if not resolved.is_file() or not resolved.is_relative_to(self.root):
            return None
        return resolved

    def etag(self, path: Path) -> str:
        stat = path.stat()
        key = (stat.st_mtime_ns, stat.st_size)
        with self._lock:
            stamp = self._etags.get(path)
            if stamp is not None and stamp.key == key:
                return stamp.etag
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        etag = f'"{digest[:32]}"'
        with self._lock:
            self._etags[path] = _Stamp(key, etag)
        return etag

    def graph(self) -> Graph:
        """The catalog and the VoID description: the documents of the dataset, distribution and service IRIs."""
        files = (self.data / "catalog.ttl", self.data / "void.ttl")
        try:
            key = tuple(f.stat().st_mtime for f in files)
        except OSError:
            return Graph()
        with self._lock:
            if self._graph is not None and self._graph[0] == key:
                return self._graph[1]
        graph = Graph()
        for f in files:
            graph.parse(f, format="turtle")
        with self._lock:
            self._graph = (key, graph)  # type: ignore[assignment]
        return graph


def _file_response(request: Request, publication: Publication, path: Path, immutable: bool) -> Response:
    etag = publication.etag(path)
    stat = path.stat()
    headers = {
        **CORS,
        "ETag": etag,
        "Last-Modified": formatdate(stat.st_mtime, usegmt=True),
        "Cache-Control": "public, max-age=31536000, immutable" if immutable else "public, max-age=300",
    }
    not_modified = conditional(request, etag, headers)
    if not_modified is not None:
        return not_modified
    since = request.headers.get("if-modified-since")
    if since and not request.headers.get("if-none-match"):
        try:
            if int(stat.st_mtime) <= parsedate_to_datetime(since).timestamp():
                return Response(status_code=304, headers=headers)
        except (TypeError, ValueError, IndexError, OverflowError):
            pass
    body = b"" if request.method == "HEAD" else path.read_bytes()
    headers["Content-Length"] = str(stat.st_size)
    return Response(body, media_type=_media_type(path), headers=headers)


def _missing() -> HTMLResponse:
    body = ("<h1>Belum ada publikasi <span lang=\"en\">/ Nothing published yet</span></h1>"
            "<p>Run <code>anugerah export --out DIR</code> and serve with <code>ANUGERAH_PUBLICATION=DIR</code> "
            "(<code>anugerah serve</code> does this by itself when it builds from <code>data/</code>).</p>")
    return HTMLResponse(page("Anugerah — downloads", body), status_code=404, headers=CORS)


def _release_listing(publication: Publication, version: str) -> str:
    folder = publication.data / version
    info = json.loads((folder / "release.json").read_text(encoding="utf-8"))
    rows = "\n".join(
        f'<li><a href="/data/{esc(version)}/{esc(name)}">{esc(name)}</a> — {meta["size"]:,} B — '
        f'<code class="sha">{esc(meta["sha256"])}</code></li>'
        for name, meta in sorted(info.get("files", {}).items())
    )
    body = (f"<h1>Rilis <span lang=\"en\">/ Release</span> {esc(version)}</h1><p>{esc(info.get('date', ''))} · "
            f'<a href="/data/">semua unduhan / all downloads</a> · <a href="/data/{esc(version)}/SHA256SUMS">'
            f"SHA256SUMS</a></p>\n<ul>\n{rows}\n</ul>")
    return page(f"Anugerah — {version}", body)


class Locator:
    """Finds the publication on first use (and again while there is none: an export may appear later)."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._publication: Publication | None = None
        self._lock = threading.Lock()

    def __call__(self) -> Publication | None:
        with self._lock:
            if self._publication is None:
                root = find_publication(self.settings)
                self._publication = Publication(root) if root is not None else None
            return self._publication

    def graph(self) -> Graph | None:
        publication = self()
        return publication.graph() if publication is not None else None


def router(settings: Settings, locator: Locator | None = None) -> APIRouter:
    routes = APIRouter(include_in_schema=False)
    publication = locator or Locator(settings)

    @routes.api_route("/data", methods=["GET", "HEAD"])
    def data_root() -> Response:
        return RedirectResponse("/data/", status_code=301, headers=CORS)

    @routes.api_route("/data/{relative:path}", methods=["GET", "HEAD"])
    def data_file(relative: str, request: Request) -> Response:
        pub = publication()
        if pub is None:
            return _missing()
        relative = relative.rstrip("/") if relative.endswith("/") else relative
        head, _, rest = relative.partition("/")
        if head == "latest":
            if rest and safe_path(rest.rstrip("/")) is None:
                raise HTTPException(404, f"no such file in the publication: /data/{relative}", headers=CORS)
            version = pub.version
            if version is None:
                raise HTTPException(404, "no current release", headers=CORS)
            target = f"{request.scope.get('root_path', '')}/data/{version}/{rest}"
            return RedirectResponse(target, status_code=302, headers={**CORS, "Cache-Control": "no-cache"})
        if rest == "" and head and (pub.data / head / "release.json").is_file() and request.url.path.endswith("/"):
            html = _release_listing(pub, head)
            return HTMLResponse("" if request.method == "HEAD" else html, headers=CORS)
        path = pub.file(relative)
        if path is None:
            raise HTTPException(404, f"no such file in the publication: /data/{relative}", headers=CORS)
        immutable = rest != "" and (pub.data / head / "release.json").is_file()
        return _file_response(request, pub, path, immutable)

    @routes.api_route("/catalog", methods=["GET", "HEAD"])
    def catalog(request: Request) -> Response:
        fmt = choose_format(request, [FORMATS["ttl"], FORMATS["jsonld"], FORMATS["rdf"]])
        response = catalog_file(fmt.ext, request)
        response.headers["Vary"] = "Accept"
        response.headers["Content-Location"] = f"/catalog.{fmt.ext}"
        return response

    @routes.api_route("/catalog.{ext}", methods=["GET", "HEAD"])
    def catalog_file(ext: str, request: Request) -> Response:
        pub = publication()
        name = CATALOG_FORMATS.get(ext)
        if name is None:
            raise HTTPException(404, "the catalog is /catalog.ttl, /catalog.jsonld or /catalog.rdf", headers=CORS)
        if pub is None or pub.file(name) is None:
            return _missing()
        return _file_response(request, pub, pub.file(name), immutable=False)  # type: ignore[arg-type]

    @routes.api_route("/.well-known/void", methods=["GET", "HEAD"])
    def well_known_void(request: Request) -> Response:
        target = f"{request.scope.get('root_path', '')}/data/void.ttl"
        return RedirectResponse(target, status_code=303, headers=CORS)

    for path in ("/data/{relative:path}", "/catalog", "/catalog.{ext}", "/.well-known/void"):
        routes.add_api_route(path, preflight, methods=["OPTIONS"])

    return routes
