"""The embedded SPARQL engine: pyoxigraph in a pool of killable worker processes.

Each worker process loads the dataset file into its own in-memory pyoxigraph store once, at start
(``graph.store.Store.from_file``), then answers queries sent over a pipe. A query that exceeds its time limit
is stopped for real: the worker is killed (SIGKILL) and replaced in the background, and the caller gets
``QueryTimeout``; the other workers keep serving meanwhile. A request waiting for a free worker waits within
its own deadline. Each worker runs under an address-space limit (``RLIMIT_AS``): a query that exhausts it
makes pyoxigraph abort the worker, which is replaced, and the caller gets ``QueryResourceError`` (503).

Before anything runs, the engine refuses (``QueryRefused``) what a public read-only endpoint must never run:
updates, ``SERVICE`` (pyoxigraph would call the remote endpoint), and a dataset (FROM / FROM NAMED or the
protocol's ``default-graph-uri`` / ``named-graph-uri``) naming a graph that is not a named graph of the loaded
dataset, so ``FROM <file:///etc/passwd>`` or ``FROM <http://…>`` get a clear message (pyoxigraph would not
fetch them either: it would quietly query an empty graph).

Dataset: the protocol's ``default-graph-uri`` / ``named-graph-uri`` override the query's FROM / FROM NAMED
(SPARQL 1.1 Protocol §2.1.4); with neither, the query's own FROM / FROM NAMED apply; without any dataset
description the default graph is the union of all graphs and every named graph is available to GRAPH.

Limits: ``sparql()`` returns at most ``row_limit`` SELECT rows (and CONSTRUCT/DESCRIBE triples) and says when
it cut (``SparqlResponse.truncated``); ``select()`` / ``ask()`` serve the application's own (trusted) queries
and return every row, under the same time and memory limits. Brackets nested deeper than ``MAX_NESTING`` are
refused before parsing, and queries run on a thread with a large stack, because pyoxigraph's recursive parser
otherwise crashes its process on deeply nested text.

Workers start with the ``forkserver`` method (``spawn`` where there is none), so the program's main module
must guard its start-up code with ``if __name__ == "__main__":`` (uvicorn, pytest and console scripts do).
"""

from __future__ import annotations

import contextlib
import logging
import multiprocessing
import os
import queue
import threading
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyoxigraph as ox

from . import results as _results
from .engine import (
    EngineError,
    NotAcceptable,
    QueryRefused,
    QuerySyntaxError,
    QueryTimeout,
    SparqlRequest,
    SparqlResponse,
)
from .sparql_text import QueryText, analyse

if TYPE_CHECKING:
    from rdflib.term import Node

    from ..api.settings import Settings

__all__ = ["DEFAULT_MEMORY_LIMIT", "EmbeddedEngine", "QueryEvaluationError", "QueryResourceError"]

log = logging.getLogger(__name__)

DEFAULT_MEMORY_LIMIT = 4 * 1024**3  # bytes of address space per worker process
MAX_NESTING = 100  # brackets deeper than this are refused (pyoxigraph's parser recurses; see _STACK_BYTES)
# Queries run on a thread with a large stack: pyoxigraph's recursive-descent parser overflows an 8 MiB stack
# (SIGSEGV) at a few thousand levels of nested brackets or a ~10 000-term operator chain, which fit in 64 KiB.
_STACK_BYTES = 512 * 1024**2
_START_TIMEOUT_S = 120.0
_MAX_GRAPHS_LISTED = 12


class QueryResourceError(EngineError):
    """The query could not be answered for lack of resources: its worker died (memory limit) or the pool is closed."""

    status = 503


class QueryEvaluationError(EngineError):
    """The query parsed but its evaluation failed (e.g. a type error pyoxigraph reports as an error)."""

    status = 400


# ---------------------------------------------------------------------------------------------------------------
# The worker process


def _watch_parent(parent_pid: int) -> None:
    """End this worker when the process that started it is gone (the pipe alone is not read during a query)."""
    while True:
        time.sleep(0.5)
        if os.getppid() != parent_pid:
            os._exit(0)


def _limit_resources(memory_limit: int | None) -> str | None:
    import resource

    with contextlib.suppress(ValueError, OSError):
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))  # an aborted worker must not leave core files
    if not memory_limit:
        return None
    try:
        _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        limit = memory_limit if hard == resource.RLIM_INFINITY else min(memory_limit, hard)
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    except (ValueError, OSError) as exc:
        return f"RLIMIT_AS not set: {exc}"
    return None


def _worker_main(conn: Connection, dataset_path: str, memory_limit: int | None) -> None:
    """Load the dataset, report ready, then answer requests until the pipe closes."""
    threading.Thread(target=_watch_parent, args=(os.getppid(),), daemon=True).start()
    warning = _limit_resources(memory_limit)
    started = time.monotonic()
    try:
        from .store import Store

        store = Store.from_file(dataset_path)
        raw = store._store  # the pyoxigraph store: dataset arguments are not part of Store's own API
        graphs = sorted(g.value for g in raw.named_graphs() if isinstance(g, ox.NamedNode))
        conn.send(("ready", graphs, len(raw), time.monotonic() - started, warning))
    except BaseException as exc:
        with contextlib.suppress(OSError):
            conn.send(("failed", f"{type(exc).__name__}: {exc}"))
        return
    # The stack counts against RLIMIT_AS: at most a quarter of the memory limit.
    stack = min(_STACK_BYTES, memory_limit // 4) if memory_limit else _STACK_BYTES
    try:
        threading.stack_size(stack)
        server = threading.Thread(target=_serve, args=(conn, raw), name="sparql-query")
        server.start()
    except (ValueError, RuntimeError):  # no such stack here: serve on the main thread (8 MiB, usually)
        _serve(conn, raw)
        return
    server.join()


def _serve(conn: Connection, raw: Any) -> None:
    while True:
        try:
            message = conn.recv()
        except (EOFError, OSError):
            return
        try:
            reply = _execute(raw, message)
        except EngineError as exc:
            reply = ("error", type(exc).__name__, exc.message)
        except MemoryError:
            reply = ("error", "QueryResourceError", "the query exceeded the memory limit of its worker")
        except Exception as exc:  # an engine bug must not take the worker down silently
            reply = ("error", "QueryEvaluationError", f"query evaluation failed: {type(exc).__name__}: {exc}")
        try:
            conn.send(reply)
        except (OSError, EOFError):
            return
        except Exception as exc:  # the reply could not be pickled (nothing was sent): say so instead
            conn.send(("error", "QueryEvaluationError", f"the result could not be returned: {exc}"))


def _query(
    raw: Any, query: str, dataset: tuple[Any, ...], base_iri: str | None, substitutions: dict[Any, Any] | None = None
) -> Any:
    kwargs: dict[str, Any] = {"base_iri": base_iri}
    mode = dataset[0]
    if mode == "union":
        kwargs["use_default_graph_as_union"] = True
    elif mode == "protocol":
        kwargs["default_graph"] = [ox.NamedNode(iri) for iri in dataset[1]]
        kwargs["named_graphs"] = [ox.NamedNode(iri) for iri in dataset[2]]
    try:
        return raw.query(query, substitutions=substitutions or None, **kwargs)
    except SyntaxError as exc:
        raise QuerySyntaxError(f"SPARQL syntax error: {exc}") from exc
    except (OSError, RuntimeError, ValueError, TypeError) as exc:
        raise QueryEvaluationError(f"query failed: {exc}") from exc


def _evaluation(exc: Exception) -> QueryEvaluationError:
    return QueryEvaluationError(f"query evaluation failed: {exc}")


def _execute(raw: Any, message: tuple[Any, ...]) -> tuple[Any, ...]:
    kind = message[0]
    if kind == "sparql":
        _, query, dataset, base_iri, media_type, row_limit, prefixes = message
        result = _query(raw, query, dataset, base_iri)
        try:
            if isinstance(result, ox.QuerySolutions):
                variables = [v.value for v in result.variables]
                rows: list[list[Any]] = []
                truncated = False
                for solution in result:
                    if len(rows) >= row_limit:
                        truncated = True
                        break
                    rows.append(list(solution))
                if media_type not in _results.SOLUTIONS_MEDIA_TYPES:
                    media_type = _results.SOLUTIONS_MEDIA_TYPES[0]
                body = _results.serialize_solutions(
                    variables, rows, media_type, truncated=truncated, row_limit=row_limit
                )
                return ("ok", body, media_type, "SELECT", truncated, len(rows))
            if isinstance(result, ox.QueryBoolean):
                if media_type not in _results.BOOLEAN_MEDIA_TYPES:
                    media_type = _results.BOOLEAN_MEDIA_TYPES[0]
                return ("ok", _results.serialize_boolean(bool(result), media_type), media_type, "ASK", False, None)
            triples: list[Any] = []
            truncated = False
            for triple in result:
                if len(triples) >= row_limit:
                    truncated = True
                    break
                triples.append(triple)
            if media_type not in _results.RDF_MEDIA_TYPES:
                media_type = _results.RDF_MEDIA_TYPES[0]
            body = _results.serialize_graph(triples, media_type, prefixes=prefixes)
            return ("ok", body, media_type, "GRAPH", truncated, len(triples))
        except (OSError, RuntimeError, ValueError, TypeError) as exc:
            raise _evaluation(exc) from exc
    if kind in ("select", "ask"):
        from .store import from_oxigraph_term, to_oxigraph_term

        _, query, dataset, base_iri, bindings = message
        substitutions: dict[Any, Any] = {}
        for name, term in (bindings or {}).items():
            try:
                substitutions[ox.Variable(name)] = to_oxigraph_term(term)
            except ValueError as exc:
                raise QueryRefused(f"binding ?{name}: {exc}") from exc
        result = _query(raw, query, dataset, base_iri, substitutions)
        if kind == "ask":
            if not isinstance(result, ox.QueryBoolean):
                raise QueryRefused("ask() needs an ASK query")
            return ("ok", bool(result))
        if not isinstance(result, ox.QuerySolutions):
            raise QueryRefused("select() needs a SELECT query")
        names = [v.value for v in result.variables]
        out: list[dict[str, Any]] = []
        try:
            for solution in result:
                row = zip(names, solution, strict=True)
                out.append({name: from_oxigraph_term(value) for name, value in row if value is not None})
        except (OSError, RuntimeError, ValueError, TypeError) as exc:
            raise _evaluation(exc) from exc
        return ("ok", out)
    if kind == "ping":
        return ("ok", "pong")
    raise QueryRefused(f"unknown worker request {kind!r}")


# ---------------------------------------------------------------------------------------------------------------
# The pool, in the server process


@dataclass(eq=False)
class _Worker:
    process: Any  # multiprocessing.Process
    conn: Connection
    started: float

    def kill(self) -> None:
        with contextlib.suppress(Exception):
            if self.process.is_alive():
                self.process.kill()
        with contextlib.suppress(Exception):
            self.conn.close()

    def reap(self) -> None:
        with contextlib.suppress(Exception):
            self.process.join(timeout=5)
        with contextlib.suppress(Exception):
            self.process.close()


_ERRORS: dict[str, type[EngineError]] = {
    "QuerySyntaxError": QuerySyntaxError,
    "QueryRefused": QueryRefused,
    "QueryTimeout": QueryTimeout,
    "QueryEvaluationError": QueryEvaluationError,
    "QueryResourceError": QueryResourceError,
}


def _context() -> Any:
    """forkserver where available (a replacement worker forks from a warm server: fast), else spawn."""
    if "forkserver" in multiprocessing.get_all_start_methods():
        ctx = multiprocessing.get_context("forkserver")
        # Imported once in the fork server, so that each worker starts with rdflib and pyoxigraph loaded.
        ctx.set_forkserver_preload([__name__])
        return ctx
    return multiprocessing.get_context("spawn")


class EmbeddedEngine:
    """A read-only SPARQL engine over one RDF file, with hard per-query time and memory limits.

    Implements ``graph.engine.Engine``. ``settings`` gives ``workers``, ``timeout_s``, ``row_limit`` and
    ``base`` (relative IRIs in queries resolve against ``base.root`` unless ``base_iri`` is given).
    ``memory_limit``: bytes of address space per worker (None: unlimited). ``prefixes``: the prefixes Turtle
    and TriG results are written with (default: the project's). The constructor returns once every worker has
    loaded the dataset (in parallel); ``startup_s`` says how long that took. Attributes ``named_graphs`` and
    ``quad_count`` describe the loaded dataset; ``replacements`` counts workers killed and replaced.
    """

    def __init__(
        self,
        dataset_path: str | os.PathLike[str],
        settings: Settings,
        *,
        memory_limit: int | None = DEFAULT_MEMORY_LIMIT,
        prefixes: Mapping[str, str] | None = None,
        base_iri: str | None = None,
        start_timeout_s: float = _START_TIMEOUT_S,
    ) -> None:
        self.dataset_path = Path(dataset_path)
        if not self.dataset_path.is_file():
            raise FileNotFoundError(f"{self.dataset_path}: no such dataset file")
        self.settings = settings
        self.size = max(1, int(settings.workers))
        self.timeout_s = float(settings.timeout_s)
        self.row_limit = int(settings.row_limit)
        self.memory_limit = memory_limit
        self.prefixes = dict(prefixes) if prefixes is not None else _default_prefixes()
        self.start_timeout_s = start_timeout_s
        # Relative IRIs in a query resolve against the deployment's base (the protocol leaves the base to the
        # service): ``<id/org/x>`` means the thing ``x`` of this dataset.
        self.base_iri = base_iri if base_iri is not None else settings.base.root
        self._ctx = _context()
        self._idle: queue.Queue[_Worker | None] = queue.Queue()
        self._lock = threading.Lock()
        self._workers: set[_Worker] = set()
        self._closed = False
        self.replacements = 0  # workers replaced after a timeout or a crash
        self.named_graphs: frozenset[str] = frozenset()
        self.quad_count = 0
        self.memory_limit_note: str | None = None

        started = time.monotonic()
        pending = [self._spawn() for _ in range(self.size)]  # all load in parallel
        try:
            for worker in pending:
                info = self._await_ready(worker)
                self.named_graphs = frozenset(info[1])
                self.quad_count = info[2]
                self.memory_limit_note = info[4]
                self._idle.put(worker)
        except BaseException:
            for worker in pending:
                worker.kill()
            raise
        self.startup_s = time.monotonic() - started
        if self.memory_limit_note:
            log.warning("query workers: %s", self.memory_limit_note)

    # -- worker lifecycle ----------------------------------------------------------------------------------------

    def _spawn(self) -> _Worker:
        parent_conn, child_conn = self._ctx.Pipe(duplex=True)
        process = self._ctx.Process(
            target=_worker_main,
            args=(child_conn, str(self.dataset_path), self.memory_limit),
            name="anugerah-sparql-worker",
            daemon=True,
        )
        process.start()
        child_conn.close()
        worker = _Worker(process, parent_conn, time.monotonic())
        with self._lock:
            self._workers.add(worker)
        return worker

    def _await_ready(self, worker: _Worker) -> tuple[Any, ...]:
        remaining = self.start_timeout_s - (time.monotonic() - worker.started)
        try:
            if not worker.conn.poll(max(0.0, remaining)):
                raise RuntimeError(f"query worker did not load {self.dataset_path} within {self.start_timeout_s:g} s")
            info = worker.conn.recv()
        except (EOFError, OSError) as exc:
            raise RuntimeError(f"query worker stopped while loading {self.dataset_path}") from exc
        if info[0] != "ready":
            raise RuntimeError(f"query worker could not load {self.dataset_path}: {info[1]}")
        return info

    def _retire(self, worker: _Worker) -> None:
        """Kill a worker and start its replacement in the background."""
        worker.kill()
        with self._lock:
            self._workers.discard(worker)
            closed = self._closed
            self.replacements += 1
        threading.Thread(target=worker.reap, daemon=True).start()
        if not closed:
            threading.Thread(target=self._replace, name="anugerah-sparql-respawn", daemon=True).start()

    def _replace(self) -> None:
        for attempt in range(3):
            try:
                worker = self._spawn()
                self._await_ready(worker)
            except Exception as exc:
                log.error("could not start a replacement query worker (attempt %d): %s", attempt + 1, exc)
                time.sleep(1.0)
                continue
            with self._lock:
                closed = self._closed
            if closed:
                worker.kill()
                worker.reap()
            else:
                self._idle.put(worker)
            return

    # -- running -------------------------------------------------------------------------------------------------

    def _limit(self, timeout_s: float | None) -> float:
        if timeout_s is None:
            return self.timeout_s
        return max(0.001, min(float(timeout_s), self.timeout_s))

    def _run(self, message: tuple[Any, ...], timeout_s: float | None) -> tuple[Any, ...]:
        limit = self._limit(timeout_s)
        deadline = time.monotonic() + limit
        while True:
            if self._closed:
                raise QueryResourceError("the SPARQL engine is closed")
            try:
                worker = self._idle.get(timeout=max(0.0, deadline - time.monotonic()))
            except queue.Empty:
                raise QueryTimeout(
                    f"query timed out after {limit:g} s waiting for a free query worker (all {self.size} busy)"
                ) from None
            if worker is None:  # close() was called: pass the news on to the next waiter
                self._idle.put(None)
                raise QueryResourceError("the SPARQL engine is closed")
            if worker.process.is_alive():
                break
            self._retire(worker)  # died while idle: replace it and take another
        try:
            worker.conn.send(message)
            if not worker.conn.poll(max(0.0, deadline - time.monotonic())):
                self._retire(worker)
                raise QueryTimeout(f"query timed out after {limit:g} s (the server's limit is {self.timeout_s:g} s)")
            reply = worker.conn.recv()
        except (EOFError, OSError, ValueError) as exc:
            self._retire(worker)
            if self._closed:
                raise QueryResourceError("the SPARQL engine is closed") from exc
            raise QueryResourceError(
                "the query's worker process stopped (it probably exceeded the memory limit); it was replaced"
            ) from exc
        self._idle.put(worker)
        if reply[0] == "error":
            raise _ERRORS.get(reply[1], QueryEvaluationError)(reply[2])
        return reply

    # -- safety --------------------------------------------------------------------------------------------------

    def _unknown(self, iris: Sequence[str]) -> list[str]:
        return [iri for iri in iris if iri not in self.named_graphs]

    def _graph_list(self) -> str:
        graphs = sorted(self.named_graphs)
        shown = ", ".join(f"<{g}>" for g in graphs[:_MAX_GRAPHS_LISTED])
        more = f" and {len(graphs) - _MAX_GRAPHS_LISTED} more" if len(graphs) > _MAX_GRAPHS_LISTED else ""
        return f"{shown}{more}" if graphs else "(none)"

    def check(
        self, query: str, default_graph_uris: Sequence[str] = (), named_graph_uris: Sequence[str] = ()
    ) -> tuple[QueryText, tuple[Any, ...]]:
        """Refuse what must not run; return the text analysis and the dataset the worker is to use."""
        text = analyse(query, self.base_iri)
        if text.is_update:
            raise QueryRefused(f"this SPARQL endpoint is read-only: updates ({text.update_keyword} …) are not accepted")
        if text.uses_service:
            targets = ", ".join(t if t.startswith(("?", "$")) else f"<{t}>" for t in text.services)
            raise QueryRefused(
                f"SERVICE (federated query) is disabled on this endpoint; the query calls {targets}. "
                "Run federated queries from your own SPARQL client or engine."
            )
        if text.depth > MAX_NESTING:
            raise QueryRefused(f"the query nests brackets {text.depth} levels deep; the limit is {MAX_NESTING}")
        never = "this endpoint never fetches graphs from the web or the file system"
        if default_graph_uris or named_graph_uris:
            for param, iris in (("default-graph-uri", default_graph_uris), ("named-graph-uri", named_graph_uris)):
                unknown = self._unknown(iris)
                if unknown:
                    raise QueryRefused(
                        f"{param} <{unknown[0]}> is not a named graph of this dataset ({never}). "
                        f"Named graphs: {self._graph_list()}"
                    )
            return text, ("protocol", tuple(default_graph_uris), tuple(named_graph_uris))
        if text.has_dataset_clause:
            for keyword, iris in (("FROM", text.from_graphs), ("FROM NAMED", text.from_named_graphs)):
                unknown = self._unknown(iris)
                if unknown:
                    raise QueryRefused(
                        f"{keyword} <{unknown[0]}> is not a named graph of this dataset ({never}). "
                        f"Named graphs: {self._graph_list()}"
                    )
            return text, ("query",)
        return text, ("union",)

    # -- Engine API ----------------------------------------------------------------------------------------------

    def sparql(self, request: SparqlRequest) -> SparqlResponse:
        text, dataset = self.check(request.query, request.default_graph_uris, request.named_graph_uris)
        if text.form in ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE"):
            offered = _results.media_types_for(text.form)
            if request.media_type not in offered:
                raise NotAcceptable(
                    f"{request.media_type} is not offered for a {text.form} query; offered: {', '.join(offered)}"
                )
        row_limit = self.row_limit if request.row_limit is None else max(0, min(request.row_limit, self.row_limit))
        reply = self._run(
            ("sparql", request.query, dataset, self.base_iri, request.media_type, row_limit, self.prefixes),
            request.timeout_s,
        )
        _, body, media_type, kind, truncated, count = reply
        form = kind
        if kind == "GRAPH":
            form = text.form if text.form in ("CONSTRUCT", "DESCRIBE") else "CONSTRUCT"
        headers = {"Anugerah-Truncated": str(row_limit)} if truncated else {}
        return SparqlResponse(
            body=body, media_type=media_type, query_form=form, truncated=truncated, row_count=count, headers=headers
        )

    def select(
        self, query: str, bindings: Mapping[str, Node] | None = None, *, timeout_s: float | None = None
    ) -> list[dict[str, Node]]:
        _text, dataset = self.check(query)
        return self._run(("select", query, dataset, self.base_iri, dict(bindings or {})), timeout_s)[1]

    def ask(self, query: str, bindings: Mapping[str, Node] | None = None, *, timeout_s: float | None = None) -> bool:
        _text, dataset = self.check(query)
        return bool(self._run(("ask", query, dataset, self.base_iri, dict(bindings or {})), timeout_s)[1])

    def close(self) -> None:
        with self._lock:
            if self._closed:
                return
            self._closed = True
            workers = list(self._workers)
            self._workers.clear()
        for worker in workers:
            worker.kill()
        for worker in workers:
            worker.reap()
        self._idle.put(None)

    def __enter__(self) -> EmbeddedEngine:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __del__(self) -> None:
        with contextlib.suppress(Exception):
            self.close()


def _default_prefixes() -> dict[str, str]:
    from .namespaces import PREFIXES

    return dict(PREFIXES)
