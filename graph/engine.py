"""What the rest of the system needs from a SPARQL engine, embedded or remote.

Two implementations: ``anugerah.graph.query_pool.EmbeddedEngine`` (pyoxigraph in killable worker processes)
and ``anugerah.graph.remote.RemoteEngine`` (any SPARQL 1.1 endpoint through SPARQLWrapper).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from rdflib.term import Node


class EngineError(Exception):
    """A query could not be answered. ``status`` is the HTTP status the API should answer with."""

    status = 500

    def __init__(self, message: str) -> None:
        self.message = message
        super().__init__(message)


class QuerySyntaxError(EngineError):
    status = 400


class QueryRefused(EngineError):
    """A query the public endpoint does not run: an update, SERVICE, LOAD, a dataset outside the store."""

    status = 400


class QueryTimeout(EngineError):
    status = 503


class NotAcceptable(EngineError):
    status = 406


@dataclass(frozen=True)
class SparqlRequest:
    query: str
    default_graph_uris: Sequence[str] = ()
    named_graph_uris: Sequence[str] = ()
    media_type: str = "application/sparql-results+json"  # already negotiated by the HTTP layer
    timeout_s: float | None = None  # None: the engine's default; never above it
    row_limit: int | None = None  # None: the engine's default cap


@dataclass(frozen=True)
class SparqlResponse:
    body: bytes
    media_type: str
    query_form: str  # "SELECT", "ASK", "CONSTRUCT", "DESCRIBE"
    truncated: bool = False  # the row cap cut the results
    row_count: int | None = None
    headers: Mapping[str, str] = field(default_factory=dict)


class Engine(Protocol):
    """A read-only SPARQL engine; the dataset's default graph is the union of its named graphs."""

    def select(
        self, query: str, bindings: Mapping[str, Node] | None = None, *, timeout_s: float | None = None
    ) -> list[dict[str, Node]]: ...

    def ask(
        self, query: str, bindings: Mapping[str, Node] | None = None, *, timeout_s: float | None = None
    ) -> bool: ...

    def sparql(self, request: SparqlRequest) -> SparqlResponse: ...

    def close(self) -> None: ...
