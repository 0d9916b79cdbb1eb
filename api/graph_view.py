"""The graph view: the ``/graph`` page, the network it draws (``/api/network``), what a click shows, the measures,
and exports of any filtered view (GEXF, GraphML, Cytoscape JSON, SVG, PNG). A thin layer over
``anugerah.graph.network*``: the network, its positions and the page's JSON are built once per engine and cached.

Every route that shows a part of the network takes the same selection parameters: ``year_from``/``year_to``
(inclusive), ``undated`` (keep relations without a date, default true), ``award`` and ``region`` (repeatable;
a local id, an IRI or a name), ``kind`` and ``relation`` (repeatable), ``focus`` (an entity: its neighbourhood)
and ``hops``. Errors are JSON ``{"detail": {"parameter": NAME, "message": TEXT}}`` with a 4xx status; FastAPI's
own validation errors are 422 with the parameter in ``loc``.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path as FilePath
from typing import Annotated, Any, Literal

import networkx as nx
from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request
from fastapi.responses import HTMLResponse, Response

from ..graph.compiler import LOCAL_ID
from ..graph.derived import PerEngine, derived
from ..graph.engine import EngineError
from ..graph.named_queries import ABSOLUTE_IRI
from ..graph.network import ENTITY_KINDS, RELATIONS
from ..graph.network_draw import IMAGE_FORMATS, draw
from ..graph.network_export import DATA_FORMATS, WRITERS
from ..graph.network_layout import Positions, cached_layout, layout
from ..graph.network_measures import node_measures, rankings
from ..graph.network_view import Selection, edge_detail, edge_index, node_detail, page_data, select
from ..graph.publish.html import page
from ..graph.search import EntitySearch
from ..graph.store import QueryError
from .settings import Settings

__all__ = ["CYTOSCAPE_DIST", "router"]

CYTOSCAPE_DIST = FilePath(__file__).resolve().parents[1] / "web" / "node_modules" / "cytoscape" / "dist"
EXPORT_FORMATS = ("gexf", "graphml", "cyjs", "svg", "png")
RESOLVE_MIN_SCORE = 90.0
MAX_VALUES = 50  # values of one repeatable parameter
_DRAW_LOCK = threading.Lock()


def _error(status: int, parameter: str | None, message: str, **extra: Any) -> HTTPException:
    detail: dict[str, Any] = {"parameter": parameter, "message": message}
    detail.update({k: v for k, v in extra.items() if v is not None})
    return HTTPException(status_code=status, detail=detail)


ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"description": "A parameter value the route cannot take (the detail names the parameter)"},
    404: {"description": "No such entity, edge or award in the network (the detail names the parameter)"},
    503: {"description": "The engine could not answer"},
}


# --------------------------------------------------------------------------------------------------------------
# Per-engine cache
# --------------------------------------------------------------------------------------------------------------


@dataclass
class _Payload:
    body: bytes
    gzipped: bytes
    etag: str


class _Cache:
    """What is derived once from one engine's read-only dataset: the network, its positions, the page's JSON."""

    def __init__(self, engine: Any, settings: Settings) -> None:
        self.engine = engine
        self.settings = settings
        self.lock = threading.RLock()
        self._positions: Positions | None = None
        self._edges: dict[str, tuple[str, str, str]] | None = None
        self._pages: dict[Selection, _Payload] = {}
        self._measures: dict[str, Any] | None = None

    def network(self) -> nx.MultiDiGraph:
        return derived(self.engine, self.settings.base).network()

    def search(self) -> EntitySearch:
        return derived(self.engine, self.settings.base).search()

    def positions(self) -> Positions:
        with self.lock:
            if self._positions is None:
                self._positions = cached_layout(self.network())
            return self._positions

    def edges(self) -> dict[str, tuple[str, str, str]]:
        with self.lock:
            if self._edges is None:
                self._edges = edge_index(self.network())
            return self._edges

    def page(self, selection: Selection, local_id: Callable[[str], str | None]) -> _Payload:
        """The JSON of an unfiltered view (with or without the region hierarchy), built once."""
        with self.lock:
            if selection not in self._pages:
                graph = self.network()
                data = page_data(select(graph, selection), self.positions(), local_id, graph)
                data["selection"] = {"hierarchy": selection.hierarchy}
                body = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
                self._pages[selection] = _Payload(body, gzip.compress(body, 6, mtime=0),
                                                  '"' + hashlib.sha256(body).hexdigest()[:32] + '"')
            return self._pages[selection]

    def measures(self) -> dict[str, Any]:
        with self.lock:
            if self._measures is None:
                self._measures = node_measures(select(self.network(), Selection()))
            return self._measures


class _State:
    def __init__(self, get_engine: Any, settings: Settings) -> None:
        self.get_engine = get_engine
        self.settings = settings
        self._caches = PerEngine(lambda engine: _Cache(engine, settings))

    def cache(self) -> _Cache:
        return self._caches.get(self.get_engine if hasattr(self.get_engine, "select") else self.get_engine())

    def local_id(self, iri: str) -> str | None:
        prefix = self.settings.base.id
        return iri[len(prefix) :] if iri.startswith(prefix) and LOCAL_ID.match(iri[len(prefix) :]) else None


def _engine_call(fn: Callable[[], Any]) -> Any:
    """Engine work; an engine failure becomes a 4xx/503 with a JSON detail, never a 500."""
    try:
        return fn()
    except (EngineError, QueryError) as exc:
        status = getattr(exc, "status", 503)
        if not 400 <= status < 600 or status == 500:
            status = 503
        raise _error(status, None, f"the query engine could not answer: {exc.message}") from exc


# --------------------------------------------------------------------------------------------------------------
# The selection parameters
# --------------------------------------------------------------------------------------------------------------

Kind = Literal["person", "organisation", "group", "office", "award", "event", "place", "region", "other"]
assert set(Kind.__args__) == {*ENTITY_KINDS, "other"}  # type: ignore[attr-defined]


@dataclass(frozen=True)
class SelectionParams:
    year_from: int | None
    year_to: int | None
    undated: bool
    award: list[str] | None
    region: list[str] | None
    kind: list[str] | None
    relation: list[str] | None
    focus: str | None
    hops: int
    hierarchy: bool


def selection_params(
    year_from: Annotated[
        int | None, Query(ge=1000, le=9999, description="Only relations dated in or after this year.")
    ] = None,
    year_to: Annotated[
        int | None, Query(ge=1000, le=9999, description="Only relations dated in or before this year.")
    ] = None,
    undated: Annotated[
        bool, Query(description="With a year range, keep relations without a date (reference data such as "
                    "agency → government, undated tenures). Default true.")
    ] = True,
    award: Annotated[
        list[str] | None,
        Query(max_length=MAX_VALUES, description="Only recognitions of this award programme (local id such as "
              "award/evaluasi-sakip, IRI or name); repeat for several. Relations without an award are kept."),
    ] = None,
    region: Annotated[
        list[str] | None,
        Query(max_length=MAX_VALUES, description="Only relations touching an entity in this region (its jurisdiction, "
              "its government's, its venue's or its office's; local id such as wilayah/35, IRI or name)."),
    ] = None,
    kind: Annotated[
        list[Kind] | None, Query(max_length=MAX_VALUES, description="Only relations between entities of these kinds.")
    ] = None,
    relation: Annotated[
        list[str] | None,
        Query(max_length=MAX_VALUES, description="Only these relations: " + ", ".join(RELATIONS) + "."),
    ] = None,
    focus: Annotated[
        str | None,
        Query(max_length=500, description="Show this entity's neighbourhood (local id such as org/dishub-jatim, "
              "IRI or name)."),
    ] = None,
    hops: Annotated[int, Query(ge=1, le=3, description="With focus: how many steps around it.")] = 1,
    hierarchy: Annotated[
        bool, Query(description="Also the administrative hierarchy between regions (a regency located in its "
                    "province; reference data). Default false.")
    ] = False,
) -> SelectionParams:
    return SelectionParams(year_from, year_to, undated, award, region, list(kind) if kind else None, relation,
                           focus, hops, hierarchy)


def _resolve(state: _State, cache: _Cache, parameter: str, value: str, kinds: list[str] | None = None) -> str:
    """The network node a parameter names: a local id, an IRI, or a name (label or alias, typo-tolerant)."""
    value = value.strip()
    if not value:
        raise _error(400, parameter, "must not be empty")
    if len(value) > 500:
        raise _error(400, parameter, "too long (at most 500 characters)")
    graph = cache.network()
    if LOCAL_ID.match(value) or ABSOLUTE_IRI.match(value):
        iri = state.settings.base.thing(value) if LOCAL_ID.match(value) else value
        if iri in graph and (kinds is None or graph.nodes[iri].get("kind") in kinds):
            return iri
        raise _error(404, parameter, f"no {'/'.join(kinds) if kinds else 'entity'} {value[:200]!r} in the network")
    hits = [h for h in cache.search().search(value, limit=5, types=kinds) if h.iri in graph]
    candidates = [{"iri": h.iri, "id": state.local_id(h.iri), "label": h.label_id or h.label_en} for h in hits]
    if hits and hits[0].score >= RESOLVE_MIN_SCORE and (len(hits) == 1 or hits[0].score > hits[1].score):
        return hits[0].iri
    raise _error(404, parameter, f"no single entity in the network is named {value[:200]!r}",
                 candidates=candidates or None)


def _selection(state: _State, params: SelectionParams) -> tuple[_Cache, Selection]:
    cache = state.cache()
    graph = _engine_call(cache.network)
    if params.year_from is not None and params.year_to is not None and params.year_from > params.year_to:
        raise _error(400, "year_to", f"year_to ({params.year_to}) is before year_from ({params.year_from})")
    relations = None
    if params.relation:
        known = set(RELATIONS) | {r for _u, _v, r in graph.edges(data="relation")}
        unknown = [r for r in params.relation if r not in known]
        if unknown:
            raise _error(400, "relation", f"unknown relation {unknown[0][:100]!r}",
                         candidates=[{"relation": r} for r in sorted(known)])
        relations = tuple(dict.fromkeys(params.relation))
    awards = tuple(_resolve(state, cache, "award", a, ["award"]) for a in params.award) if params.award else None
    regions = (tuple(_resolve(state, cache, "region", r, ["region", "place"]) for r in params.region)
               if params.region else None)
    focus = _resolve(state, cache, "focus", params.focus) if params.focus is not None else None
    selection = Selection(
        year_from=params.year_from, year_to=params.year_to, undated=params.undated, awards=awards, regions=regions,
        kinds=tuple(dict.fromkeys(params.kind)) if params.kind else None, relations=relations, focus=focus,
        hops=params.hops, hierarchy=params.hierarchy,
    )
    return cache, selection


# --------------------------------------------------------------------------------------------------------------
# The router
# --------------------------------------------------------------------------------------------------------------


def router(get_engine: Any, settings: Settings, *, cytoscape_available: bool | None = None) -> APIRouter:
    """The graph page and the network API over ``get_engine()`` (the engine, or a callable returning it)."""
    state = _State(get_engine, settings)
    available = CYTOSCAPE_DIST.is_dir() if cytoscape_available is None else cytoscape_available
    api = APIRouter()

    @api.get("/graph", response_class=HTMLResponse, include_in_schema=False)
    def graph_page() -> str:
        return _page_html(available)

    @api.get(
        "/api/network",
        responses=ERRORS,
        summary="The network of who awarded whom, with positions",
        description="Cytoscape.js elements of the network or of a selection of it: nodes (entities) with "
        "precomputed positions, label, short label, kind, aliases and the regions they lie in; edges (relations) "
        "with relation, year, award, whether they rest on reference data and their number of quotes. Also the "
        "legend, the years, awards and regions to filter by. Without parameters it is the whole network; with "
        "hierarchy=true alone, the whole network with the regions' hierarchy (what the /graph page loads and filters "
        "in the browser; both with ETag and gzip).",
        tags=["network"],
    )
    def network(request: Request, params: Annotated[SelectionParams, Depends(selection_params)]) -> Response:
        cache, selection = _selection(state, params)
        if selection in (Selection(), Selection(hierarchy=True)):
            payload = _engine_call(lambda: cache.page(selection, state.local_id))
            if request.headers.get("if-none-match") == payload.etag:
                return Response(status_code=304, headers={"ETag": payload.etag})
            headers = {"ETag": payload.etag, "Cache-Control": "no-cache", "Vary": "Accept-Encoding"}
            if "gzip" in request.headers.get("accept-encoding", ""):
                return Response(payload.gzipped, media_type="application/json",
                                headers={**headers, "Content-Encoding": "gzip"})
            return Response(payload.body, media_type="application/json", headers=headers)
        view = select(cache.network(), selection)
        data = page_data(view, cache.positions(), state.local_id, cache.network())
        data["selection"] = _selection_json(state, selection)
        return Response(json.dumps(data, ensure_ascii=False, separators=(",", ":")), media_type="application/json")

    @api.get(
        "/api/network/measures",
        responses=ERRORS,
        summary="Who confers most, who receives most, who brokers",
        description="For the network or a selection of it: the top conferrers (recognitions the sources say "
        "they conferred), recipients (recognitions received; awards adds up stated quantities), presenters, "
        "proxies (accepted on someone's behalf) and brokers between ministries and regional organisations "
        "(shortest ministry → regional-organisation paths through them, over relations between actors).",
        tags=["network"],
    )
    def measures(
        params: Annotated[SelectionParams, Depends(selection_params)],
        limit: Annotated[int, Query(ge=1, le=100, description="At most this many per question.")] = 10,
    ) -> dict[str, Any]:
        cache, selection = _selection(state, params)
        view = select(cache.network(), selection)

        def describe(iri: str) -> dict[str, Any]:
            data = view.nodes[iri]
            return {"iri": iri, "doc": state.local_id(iri), "label": data.get("label", iri), "kind": data.get("kind")}

        return {"selection": _selection_json(state, selection), "nodes": view.number_of_nodes(),
                "edges": view.number_of_edges(), **rankings(view, limit, describe)}

    @api.get(
        "/api/network/export",
        responses={**ERRORS, 200: {"content": {"application/gexf+xml": {}, "application/graphml+xml": {},
                                               "application/json": {}, "image/svg+xml": {}, "image/png": {}},
                                   "description": "The file, as an attachment"}},
        summary="The network or a selection of it as a file",
        description="gexf: GEXF 1.2 for Gephi, dynamic by year (Gephi's timeline filters it), with positions and "
        "colours; graphml: GraphML; cyjs: Cytoscape JSON (Cytoscape desktop, Cytoscape.js) with positions; svg/png: "
        "a drawing for reports. Nodes carry label, kind, type, IRI, aliases, regions and the measures; edges carry "
        "relation, fact, year, date, award, event, the article URL, the first quote and all quotes.",
        tags=["network"],
    )
    def export(
        params: Annotated[SelectionParams, Depends(selection_params)],
        format: Annotated[Literal["gexf", "graphml", "cyjs", "svg", "png"], Query(description="The file format.")],
    ) -> Response:
        cache, selection = _selection(state, params)
        view = select(cache.network(), selection)
        positions = cache.positions()
        with _DRAW_LOCK:  # one drawing at a time: they are the heavy requests
            if format in IMAGE_FORMATS:
                if selection.focus is not None and view.number_of_nodes() <= 2000:
                    positions = layout(view)  # a neighbourhood reads better laid out on its own
                subtitle = selection.describe(lambda iri: str(cache.network().nodes[iri].get("label", iri)))
                body = draw(view, positions, format, subtitle=subtitle or None)
                media_type = IMAGE_FORMATS[format]
            else:
                body = WRITERS[format](view, positions, cache.network())
                media_type = DATA_FORMATS[format].media_type
        focus = re.sub(r"[^A-Za-z0-9._-]", "", selection.focus.rsplit("/", 1)[-1])[:80] if selection.focus else ""
        name = "anugerah-network" + (f"-{focus}" if focus else "")
        return Response(body, media_type=media_type,
                        headers={"Content-Disposition": f'attachment; filename="{name}.{format}"'})

    @api.get(
        "/api/network/edges/{edge_id}",
        responses=ERRORS,
        summary="One relation with its facts and quotes",
        description="A relation of the network by its id (from /api/network): its ends, the fact behind it (with "
        "its /doc/ path), year, date, award, event, capacity, and every quote that states it with the article URL "
        "and character offsets; reference-data relations say so and have no quote.",
        tags=["network"],
    )
    def edge(edge_id: Annotated[str, Path(description="The edge id, e.g. e0123456789ab.")]) -> dict[str, Any]:
        cache = state.cache()
        edges = _engine_call(cache.edges)
        if edge_id not in edges:
            raise _error(404, "edge_id", f"no relation {edge_id[:100]!r} in the network")
        u, v, key = edges[edge_id]
        return edge_detail(cache.network(), u, v, key, state.local_id)

    @api.get(
        "/api/network/nodes/{path:path}",
        responses=ERRORS,
        summary="One entity's relations, with quotes",
        description="An entity of the network (local id such as org/dishub-jatim) with its relations in the "
        "selection given by the other parameters (at most 200, recognitions first), each with its quotes, and its "
        "measures over the whole network.",
        tags=["network"],
    )
    def node(
        path: Annotated[str, Path(description="The entity's local id, e.g. org/dishub-jatim.")],
        params: Annotated[SelectionParams, Depends(selection_params)],
    ) -> dict[str, Any]:
        cache, selection = _selection(state, params)
        graph = cache.network()
        iri = settings.base.thing(path) if LOCAL_ID.match(path) else None
        if iri is None or iri not in graph:
            raise _error(404, "path", f"no entity {path[:200]!r} in the network")
        view = select(graph, selection)
        return node_detail(graph, view, iri, state.local_id, cache.measures().get(iri))

    return api


def _selection_json(state: _State, selection: Selection) -> dict[str, Any]:
    def ids(values: tuple[str, ...] | None) -> list[str | None] | None:
        return [state.local_id(v) or v for v in values] if values is not None else None

    return {
        "year_from": selection.year_from, "year_to": selection.year_to, "undated": selection.undated,
        "award": ids(selection.awards), "region": ids(selection.regions), "kind": selection.kinds and list(
            selection.kinds), "relation": selection.relations and list(selection.relations),
        "focus": (state.local_id(selection.focus) or selection.focus) if selection.focus else None,
        "hops": selection.hops, "hierarchy": selection.hierarchy,
    }


def _page_html(available: bool) -> str:
    title = "Anugerah — Graf siapa memberi siapa"
    if not available:
        body = (
            "<h1>Graf <span lang=\"en\">/ Graph</span></h1><p>The graph view's browser library (Cytoscape.js) is not "
            "installed: run <code>make run</code> (it installs it from npm). The data is available without it: "
            '<a href="/api/network">/api/network</a>, <a href="/api/network/export?format=gexf">GEXF</a>.</p>'
        )
        return page(title, body)
    head = (
        '<link rel="stylesheet" href="/static/app/graph-view.css">\n'
        '<script src="/static/vendor/cytoscape/cytoscape.min.js" defer></script>\n'
        '<script src="/static/app/graph-view.js" defer></script>'
    )
    return page(title, _BODY, head)


_BODY = """
<div id="graph-view" class="graph-view" data-state="loading">
<form id="gv-controls" class="gv-controls" autocomplete="off" onsubmit="return false">
  <div class="gv-search">
    <label for="gv-search">Cari <span lang="en">/ Search</span></label>
    <input id="gv-search" type="search" placeholder="Nama atau singkatan, mis. Dishub Jatim" aria-autocomplete="list"
      aria-controls="gv-suggestions" role="combobox" aria-expanded="false">
    <ul id="gv-suggestions" class="gv-suggestions" role="listbox" hidden></ul>
  </div>
  <div class="gv-years" role="group" aria-labelledby="gv-years-label">
    <span id="gv-years-label" class="gv-label">Tahun <span lang="en">/ Year</span></span>
    <span><input id="gv-year-from" type="number" inputmode="numeric" aria-label="dari / from" placeholder="dari">
    – <input id="gv-year-to" type="number" inputmode="numeric" aria-label="sampai / to" placeholder="sampai">
    <label class="gv-check"><input id="gv-undated" type="checkbox" checked> tanpa tanggal
      <span lang="en">/ undated</span></label></span>
  </div>
  <label class="gv-select"><span class="gv-label">Penghargaan <span lang="en">/ Award</span></span>
    <select id="gv-award"><option value="">— semua / all —</option></select></label>
  <label class="gv-select"><span class="gv-label">Wilayah <span lang="en">/ Region</span></span>
    <select id="gv-region"><option value="">— semua / all —</option></select></label>
  <div class="gv-actions">
    <button id="gv-reset" type="button">Atur ulang <span lang="en">/ Reset</span></button>
    <button id="gv-fit" type="button">Paskan <span lang="en">/ Fit</span></button>
  </div>
</form>
<div class="gv-main">
  <div id="gv-canvas" class="gv-canvas" role="img" aria-label="Graf jaringan penghargaan / network of awards"></div>
  <aside id="gv-side" class="gv-side">
    <p id="gv-status" class="gv-status" aria-live="polite">Memuat… <span lang="en">/ Loading…</span></p>
    <div id="gv-focus" class="gv-focus" hidden></div>
    <section id="gv-detail" class="gv-detail" aria-live="polite">
      <p class="gv-hint">Klik simpul atau garis untuk melihat faktanya dan kutipan sumbernya.
      <span lang="en">Click a node or an edge for its facts and the source's quote.</span></p>
    </section>
    <details id="gv-legend-box" class="gv-box" open>
      <summary>Legenda dan saringan <span lang="en">/ Legend and filters</span></summary>
      <div id="gv-legend"></div></details>
    <details id="gv-measures-box" class="gv-box" open><summary>Ringkasan <span lang="en">/ Who stands out</span>
      </summary><div id="gv-measures"></div></details>
    <details class="gv-box" open><summary>Unduh tampilan ini <span lang="en">/ Download this view</span></summary>
      <p id="gv-exports" class="gv-exports"></p></details>
  </aside>
</div>
</div>
"""
