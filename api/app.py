"""The FastAPI application: the SPARQL endpoint, the relationship API, and the pages, over one engine."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from .. import __version__
from ..graph.engine import Engine
from . import pages
from .settings import Settings

WEB_DIR = Path(__file__).resolve().parents[1] / "web"
YASGUI_BUILD = WEB_DIR / "node_modules" / "@zazuko" / "yasgui" / "build"
STATIC_DIR = Path(__file__).resolve().parent / "static"


def make_engine(settings: Settings) -> Engine:
    if settings.endpoint:
        from ..graph.remote import RemoteEngine

        return RemoteEngine(settings.endpoint, timeout_s=settings.timeout_s, row_limit=settings.row_limit)
    from ..graph.query_pool import EmbeddedEngine

    if settings.dataset is None:
        raise ValueError("no dataset to serve: give --dataset FILE, --endpoint URL, or build dist/ first")
    return EmbeddedEngine(settings.dataset, settings)


def create_app(settings: Settings, engine: Engine | None = None) -> FastAPI:
    """The app over ``engine`` (made from ``settings`` when not given); the app closes what it made."""
    owned = engine is None
    state: dict[str, Engine] = {}

    def get_engine() -> Engine:
        if "engine" not in state:
            state["engine"] = engine if engine is not None else make_engine(settings)
        return state["engine"]

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        get_engine()  # start the workers before the first request
        yield
        if owned and "engine" in state:
            state["engine"].close()

    app = FastAPI(
        title="Anugerah",
        version=__version__,
        description=(
            "Graf pengetahuan penghargaan birokrasi Indonesia. A linked-data knowledge graph of Indonesian "
            "bureaucracy recognitions: a read-only SPARQL 1.1 endpoint at /sparql, named queries, entity search "
            "and evidence-backed relationship paths. Every fact links to the quote of the source that states it."
        ),
        lifespan=lifespan,
        license_info={"name": "Data: CC BY 4.0", "url": "https://creativecommons.org/licenses/by/4.0/"},
    )
    from .graph_view import CYTOSCAPE_DIST
    from .graph_view import router as graph_view_router
    from .relations import router as relations_router
    from .sparql import router as sparql_router

    app.include_router(sparql_router(get_engine, settings))
    app.include_router(relations_router(get_engine, settings))
    app.include_router(pages.router(settings, yasgui_available=YASGUI_BUILD.is_dir()))
    app.include_router(graph_view_router(get_engine, settings))
    from .linked_data import routers as linked_data_routers

    for linked_data_router in linked_data_routers(get_engine, settings):
        app.include_router(linked_data_router)
    app.mount("/static/app", StaticFiles(directory=STATIC_DIR), name="static-app")
    if YASGUI_BUILD.is_dir():
        app.mount("/static/vendor/yasgui", StaticFiles(directory=YASGUI_BUILD), name="static-yasgui")
    if CYTOSCAPE_DIST.is_dir():
        app.mount("/static/vendor/cytoscape", StaticFiles(directory=CYTOSCAPE_DIST), name="static-cytoscape")
    return app


def app_from_env() -> FastAPI:
    """Factory for ``uvicorn --factory anugerah.api.app:app_from_env``: settings from ANUGERAH_* variables."""
    return create_app(Settings.from_env())
