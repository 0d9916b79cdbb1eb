"""JSON (and CSV) routes over the knowledge graph: search, entity pages, who awarded whom, connections, named
queries. A thin layer: the work is in ``anugerah.graph.entities``, ``.search`` and ``.network``.

``router(get_engine, settings)`` returns an ``APIRouter`` for the app owner to mount (paths start with
``/api``). ``get_engine`` is a callable returning the engine (or the engine itself). The entity index, the search
index, the network and the label map are built lazily, once per engine, and cached: the dataset is read-only.

Errors are JSON ``{"detail": {"parameter": NAME, "message": TEXT}}`` (plus ``candidates`` when a name is
ambiguous or unknown) with a 4xx status; FastAPI's own validation errors (a non-integer ``limit``, a missing
required parameter) are 422 with the parameter in ``loc``. An engine failure keeps the engine error's 4xx status
(a refused or malformed query) or becomes 503 (a timeout, a dead worker, an unreachable endpoint): never 500.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Sequence
from typing import Annotated, Any, Literal

from fastapi import APIRouter, HTTPException, Path, Query, Request
from fastapi.responses import Response
from pydantic import BaseModel

from ..graph import entities as ent
from ..graph.compiler import LOCAL_ID
from ..graph.derived import EngineDerived, derived
from ..graph.engine import EngineError
from ..graph.named_queries import ABSOLUTE_IRI, NamedQuery, ParameterError, load_named_queries
from ..graph.network import RELATIONS, connections
from ..graph.search import Hit
from ..graph.store import QueryError
from .csv_output import CSV_MEDIA_TYPE, projection, to_csv, with_label_columns
from .settings import Settings

__all__ = ["router"]

RESOLVE_MIN_SCORE = 80.0  # a name resolves to an entity only from this search score
RESOLVE_MARGIN = 5.0  # ... and only this far ahead of the next candidate (unless it is the only exact match)


# --------------------------------------------------------------------------------------------------------------
# Response models (for the OpenAPI description)
# --------------------------------------------------------------------------------------------------------------


class ErrorDetail(BaseModel):
    parameter: str | None = None
    message: str
    candidates: list[dict[str, Any]] | None = None


class ErrorResponse(BaseModel):
    detail: ErrorDetail


class SearchHit(BaseModel):
    iri: str
    id: str | None
    label_id: str | None
    label_en: str | None
    type: str | None
    kind: str
    matched: str
    score: float
    match: str


class SearchResponse(BaseModel):
    q: str
    hits: list[SearchHit]


ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorResponse, "description": "A parameter value the route cannot take"},
    404: {"model": ErrorResponse, "description": "No such entity or query"},
    503: {"model": ErrorResponse, "description": "The engine could not answer"},
}
CSV_RESPONSE: dict[int | str, dict[str, Any]] = {
    200: {"content": {"application/json": {}, "text/csv": {"schema": {"type": "string"}}},
          "description": "JSON, or CSV with format=csv or Accept: text/csv"},
}


def _error(status: int, parameter: str | None, message: str, **extra: Any) -> HTTPException:
    detail: dict[str, Any] = {"parameter": parameter, "message": message}
    detail.update({k: v for k, v in extra.items() if v is not None})
    return HTTPException(status_code=status, detail=detail)


# --------------------------------------------------------------------------------------------------------------
# Per-engine cache
# --------------------------------------------------------------------------------------------------------------


class _State:
    def __init__(self, get_engine: Any, settings: Settings) -> None:
        self.get_engine = get_engine
        self.settings = settings

    def engine(self) -> Any:
        if hasattr(self.get_engine, "select"):
            return self.get_engine
        return self.get_engine()

    def cache(self) -> EngineDerived:
        return derived(self.engine(), self.settings.base)

    def local_id(self, iri: str) -> str | None:
        prefix = self.settings.base.id
        return iri[len(prefix) :] if iri.startswith(prefix) else None


def _engine_call(fn: Callable[[], Any]) -> Any:
    """Run engine work; an engine failure becomes a 4xx/503 with a JSON detail, never a 500."""
    try:
        return fn()
    except (EngineError, QueryError) as exc:
        status = getattr(exc, "status", 503)
        if not 400 <= status < 600 or status == 500:
            status = 503
        raise _error(status, None, f"the query engine could not answer: {exc.message}") from exc


def _hit_dict(state: _State, hit: Hit) -> dict[str, Any]:
    return {"iri": hit.iri, "id": state.local_id(hit.iri), **{k: v for k, v in hit.to_dict().items() if k != "iri"}}


def _wants_csv(request: Request, format: str | None) -> bool:
    if format is not None:
        return format == "csv"
    accept = request.headers.get("accept", "")
    best: tuple[float, int, str] | None = None
    for position, part in enumerate(accept.split(",")):
        media, *params = (p.strip() for p in part.split(";"))
        quality = 1.0
        for param in params:
            if param.startswith("q="):
                try:
                    quality = float(param[2:])
                except ValueError:
                    quality = 0.0
        if media in ("text/csv", "application/json") and (best is None or (quality, -position) > best[:2]):
            best = (quality, -position, media)
    return best is not None and best[2] == "text/csv" and best[0] > 0


def _csv_response(text: str, filename: str) -> Response:
    return Response(
        content=text,
        media_type=CSV_MEDIA_TYPE,
        headers={"Content-Disposition": f'inline; filename="{filename}.csv"'},
    )


# --------------------------------------------------------------------------------------------------------------
# Resolving entity parameters: a local id, an IRI, or a name
# --------------------------------------------------------------------------------------------------------------


def _resolve(state: _State, parameter: str, value: str, kinds: Sequence[str] | None = None) -> str:
    """The IRI an entity parameter names: a local id (``org/dishub-jatim``), an absolute IRI, or a name found by
    search. Unknown → 404; an ambiguous name → 422; both with candidates."""
    value = value.strip()
    if not value:
        raise _error(400, parameter, "must not be empty")
    cache = state.cache()
    search = _engine_call(cache.search)
    if LOCAL_ID.match(value) or ABSOLUTE_IRI.match(value):
        iri = state.settings.base.thing(value) if LOCAL_ID.match(value) else value
        if search.record(iri) is not None or iri in _engine_call(cache.network):
            return iri
        hits = search.search(value.rsplit("/", 1)[-1].replace("-", " "), limit=5, types=kinds)
        raise _error(404, parameter, f"no entity {value!r} in the dataset",
                     candidates=[_hit_dict(state, h) for h in hits])
    hits = search.search(value, limit=5, types=kinds)
    candidates = [_hit_dict(state, h) for h in hits]
    if not hits or hits[0].score < RESOLVE_MIN_SCORE:
        raise _error(404, parameter, f"no entity is named like {value[:200]!r}", candidates=candidates)
    top = hits[0]
    exact = [h for h in hits if h.match == "exact" and h.score >= top.score]
    if len(exact) == 1 or (not exact and (len(hits) == 1 or top.score - hits[1].score >= RESOLVE_MARGIN)):
        return top.iri
    raise _error(422, parameter, f"{value[:200]!r} names several entities: give an id or IRI",
                 candidates=candidates)


# --------------------------------------------------------------------------------------------------------------
# The router
# --------------------------------------------------------------------------------------------------------------


def router(get_engine: Any, settings: Settings) -> APIRouter:
    """The relations API (search, entities, awards, connections, named queries) over ``get_engine()``."""
    state = _State(get_engine, settings)
    api = APIRouter()

    @api.get(
        "/api/search",
        response_model=SearchResponse,
        responses=ERRORS,
        summary="Find entities by name",
        description="Search persons, organisations, offices, awards, events, places and regions by their "
        "Indonesian or English name, alias or acronym (\"Pemprov Jatim\", \"KemenPAN-RB\"), tolerant of typos. "
        "Exact matches rank first (score 100), then names starting with the query, then whole-word and fuzzy "
        "matches. An empty query gives no hits.",
        tags=["relations"],
    )
    def search_entities(
        q: Annotated[str, Query(description="The name to look for, in Indonesian or English.")],
        limit: Annotated[int, Query(ge=1, le=100, description="At most this many hits.")] = 10,
        type: Annotated[
            list[str] | None,
            Query(description="Only entities of this kind (person, organisation, office, award, event, place, "
                  "region, group, grade, work, ...) or class (agr:Ministry); repeat for several."),
        ] = None,
    ) -> dict[str, Any]:
        search = _engine_call(state.cache().search)
        if type:
            known = {k.casefold() for k in search.kinds} | {t.casefold() for t in search.type_names}
            known |= {t.split(":", 1)[-1].casefold() for t in search.type_names}
            unknown = [t for t in type if t.casefold() not in known]
            if unknown:
                raise _error(400, "type", f"unknown kind or class {unknown[0][:100]!r}",
                             candidates=[{"kind": k} for k in sorted(search.kinds)])
        hits = search.search(q, limit=limit, types=type)
        return {"q": q, "hits": [_hit_dict(state, h) for h in hits]}

    @api.get(
        "/api/entities/{path:path}",
        responses=ERRORS,
        summary="Everything about one entity, with evidence",
        description="The entity's labels, types and statements (outgoing and incoming), the recognitions it "
        "received, conferred or took part in (with its role), its tenures and events, each with the evidence: "
        "source URL, exact quote, character offsets and the name as the source wrote it.",
        tags=["relations"],
    )
    def entity(
        path: Annotated[str, Path(description="The entity's local id, e.g. org/dishub-jatim.")],
    ) -> dict[str, Any]:
        if not LOCAL_ID.match(path):
            raise _error(404, "path", f"not an entity id: {path[:200]!r} (expected e.g. 'org/dishub-jatim')")
        iri = settings.base.thing(path)
        try:
            facts = _engine_call(lambda: ent.entity_facts(state.engine(), iri))
        except ent.UnknownEntity as exc:
            raise _error(404, "path", f"no entity {path!r} in the dataset") from exc
        return {"id": path, **facts}

    @api.get(
        "/api/awards",
        responses={**ERRORS, **CSV_RESPONSE},
        summary="Who awarded whom",
        description="One row per recognition and recipient: the recipient, the conferring institution only as "
        "the source states it (empty when it names none, never guessed), the official who handed it over "
        "(presenter, a different column), award, edition, grade, placement, quantity, work, date and event. "
        "Entity filters take a local id, an IRI or a name.",
        tags=["relations"],
    )
    def awards_route(
        request: Request,
        year: Annotated[int | None, Query(ge=1000, le=9999, description="Only recognitions dated in this year.")]
        = None,
        award: Annotated[str | None, Query(description="Award programme or edition (id, IRI or name).")] = None,
        recipient: Annotated[str | None, Query(description="Recipient (id, IRI or name).")] = None,
        conferrer: Annotated[
            str | None, Query(description="Only recognitions the source says this institution conferred.")
        ] = None,
        region: Annotated[
            str | None,
            Query(description="Recipients whose jurisdiction, or whose parent organisation's, is this region or "
                  "inside it (id, IRI or name)."),
        ] = None,
        format: Annotated[Literal["json", "csv"] | None, Query(description="json (default) or csv.")] = None,
    ) -> Any:
        filters = {
            "award": _resolve(state, "award", award, ["award"]) if award is not None else None,
            "recipient": _resolve(state, "recipient", recipient) if recipient is not None else None,
            "conferrer": _resolve(state, "conferrer", conferrer) if conferrer is not None else None,
            "region": _resolve(state, "region", region, ["region", "place"]) if region is not None else None,
        }
        items = _engine_call(
            lambda: ent.awards(state.engine(), year=year, timeout_s=settings.timeout_s, **filters)  # type: ignore[arg-type]
        )
        if _wants_csv(request, format):
            return _csv_response(to_csv(ent.AWARD_COLUMNS, ent.award_rows(items)), "awards")
        return {"filters": {"year": year, **filters}, "count": len(items), "awards": items}

    @api.get(
        "/api/connections",
        responses=ERRORS,
        summary="How two entities are connected, with sources",
        description="The shortest relationship paths between two entities, ignoring the direction of the "
        "relations. Each step names the relation and its direction and lists the facts behind it with their "
        "quotes; reference-data steps (unit_of, post_in, located_in) say source 'reference data'. `from` and "
        "`to` take a local id, an IRI or a name. Relations: " + ", ".join(RELATIONS) + ".",
        tags=["relations"],
    )
    def connections_route(
        from_: Annotated[str, Query(alias="from", description="One entity (id, IRI or name).")],
        to: Annotated[str, Query(description="The other entity (id, IRI or name).")],
        max_paths: Annotated[int, Query(ge=1, le=50, description="At most this many paths.")] = 5,
        cutoff: Annotated[int, Query(ge=1, le=8, description="Paths of at most this many steps.")] = 6,
        relation: Annotated[
            list[str] | None, Query(description="Follow only these relations; repeat for several.")
        ] = None,
    ) -> dict[str, Any]:
        if relation:
            unknown = [r for r in relation if r not in RELATIONS]
            if unknown:
                raise _error(400, "relation", f"unknown relation {unknown[0][:100]!r}",
                             candidates=[{"relation": r} for r in RELATIONS])
        source = _resolve(state, "from", from_)
        target = _resolve(state, "to", to)
        graph = _engine_call(state.cache().network)
        for parameter, iri in (("from", source), ("to", target)):
            if iri not in graph:
                raise _error(404, parameter, f"{iri} takes part in no relation")
        paths = connections(graph, source, target, max_paths=max_paths, cutoff=cutoff, relations=relation)

        def end(iri: str) -> dict[str, Any]:
            return {"iri": iri, "id": state.local_id(iri), "label": graph.nodes[iri].get("label")}

        return {"from": end(source), "to": end(target), "count": len(paths), "paths": [p.to_dict() for p in paths]}

    # Named queries ---------------------------------------------------------------------------------------------

    queries = load_named_queries()

    @api.get(
        "/api/queries",
        summary="The named queries and their parameters",
        description="Each named query (one competency question, from queries/*.rq) with its parameters, their "
        "types and whether they are required; run one at /api/queries/{name}.",
        tags=["named queries"],
    )
    def list_queries() -> list[dict[str, Any]]:
        return [_describe(query) for query in queries.values()]

    for query in queries.values():
        api.add_api_route(
            f"/api/queries/{query.name}",
            _query_endpoint(state, query),
            methods=["GET"],
            name=f"query-{query.name}",
            operation_id=f"query_{query.name.replace('-', '_')}",
            summary=query.summary,
            description=_query_description(query),
            responses={**ERRORS, **CSV_RESPONSE},
            tags=["named queries"],
        )

    @api.get("/api/queries/{name}", include_in_schema=False)
    def unknown_query(name: str) -> None:
        raise _error(404, "name", f"no named query {name[:100]!r} (known: {', '.join(queries)})")

    return api


def _describe(query: NamedQuery) -> dict[str, Any]:
    return {
        "name": query.name,
        "url": f"/api/queries/{query.name}",
        "summary": query.summary,
        "description": query.description,
        "params": [
            {"name": p.name, "type": p.type, "required": p.required, "description": p.description,
             "example": getattr(p, "example", None), "multiple": bool(getattr(p, "multiple", False))}
            for p in query.params
        ],
        "columns": projection(query.text),
    }


_PARAM_SCHEMA: dict[str, dict[str, Any]] = {
    "iri": {"format": "iri-reference", "examples": ["org/dishub-jatim"]},
    "xsd:date": {"format": "date", "examples": ["2023-11-21"]},
    "xsd:gYear": {"pattern": "^[0-9]{4}$", "examples": ["2023"]},
    "xsd:integer": {"pattern": "^[+-]?[0-9]{1,18}$"},
    "xsd:string": {"maxLength": 1000},
}
_PARAM_HINT = {
    "iri": "A local id like 'org/dishub-jatim' or an absolute http(s) IRI.",
    "xsd:date": "A date YYYY-MM-DD.",
    "xsd:gYear": "A year YYYY.",
    "xsd:integer": "A whole number.",
    "xsd:string": "Text (at most 1000 characters).",
}


def _query_description(query: NamedQuery) -> str:
    body = "\n".join(line for line in query.text.splitlines() if not line.startswith("#+")).strip()
    return (
        f"{query.description}\n\nOutput: JSON (default) or CSV (`format=csv` or `Accept: text/csv`), where each "
        "IRI column gets a `{column}_label` column next to it. Parameters are bound as typed RDF terms, never "
        f"pasted into the query.\n\n```sparql\n{body}\n```"
    )


def _query_endpoint(state: _State, query: NamedQuery) -> Callable[..., Any]:
    """A GET endpoint for one named query, whose signature declares its parameters (for OpenAPI)."""
    reserved = {"format"} - {p.name for p in query.params}

    def endpoint(request: Request, **_declared: Any) -> Any:
        values: dict[str, str | list[str]] = {}
        for name in request.query_params:
            if name in reserved:
                continue
            values[name] = request.query_params.getlist(name)
        try:
            bindings = query.bind(values, state.settings.base)
        except ParameterError as exc:
            raise _error(400, exc.param, f"{exc.param}: {exc.message}") from exc
        output_format = request.query_params.get("format") if "format" in reserved else None
        if output_format not in (None, "json", "csv"):
            raise _error(400, "format", f"must be json or csv, got {output_format[:50]!r}")
        rows = _engine_call(
            lambda: ent.select(state.engine(), query.text, bindings, state.settings.timeout_s)
        )
        truncated = len(rows) > state.settings.row_limit
        rows = rows[: state.settings.row_limit]
        columns = projection(query.text) or sorted({k for row in rows for k in row})
        if _wants_csv(request, output_format):
            labels = _engine_call(state.cache().labels)
            out_columns, out_rows = with_label_columns(columns, rows, labels)
            response = _csv_response(to_csv(out_columns, out_rows), query.name)
            if truncated:
                response.headers["X-Anugerah-Truncated"] = "true"
            return response
        return {
            "query": query.name,
            "params": {name: value[0] if isinstance(value, list) and len(value) == 1 else value
                       for name, value in values.items()},
            "columns": columns,
            "rows": [{c: ent.term_value(row.get(c)) for c in columns} for row in rows],
            "row_count": len(rows),
            "truncated": truncated,
        }

    parameters = [inspect.Parameter("request", inspect.Parameter.POSITIONAL_OR_KEYWORD, annotation=Request)]
    for param in query.params:
        multiple = bool(getattr(param, "multiple", False))
        annotation: Any = list[str] if multiple else str
        description = " ".join(x for x in (param.description, _PARAM_HINT.get(param.type, "")) if x)
        if multiple:
            description += " Repeat the parameter for several values."
        schema = dict(_PARAM_SCHEMA.get(param.type, {}))
        example = getattr(param, "example", None)
        if example is not None:
            schema["examples"] = [example]
        marker = Query(alias=param.name, description=description, json_schema_extra=schema or None)
        # An optional parameter stays typed as a plain string (default None), so its schema is one type.
        default: Any = inspect.Parameter.empty if param.required else None
        parameters.append(
            inspect.Parameter(
                f"p_{param.name}",
                inspect.Parameter.KEYWORD_ONLY,
                annotation=Annotated[annotation, marker],
                default=default,
            )
        )
    if "format" in reserved:
        parameters.append(
            inspect.Parameter(
                "p__format",
                inspect.Parameter.KEYWORD_ONLY,
                annotation=Annotated[
                    Literal["json", "csv"] | None,
                    Query(alias="format", description="json (default) or csv; or send Accept: text/csv."),
                ],
                default=None,
            )
        )
    endpoint.__signature__ = inspect.Signature(parameters)  # type: ignore[attr-defined]
    endpoint.__name__ = f"query_{query.name.replace('-', '_')}"
    endpoint.__doc__ = query.summary
    return endpoint
