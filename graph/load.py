"""Push a built dataset to a triple store through the SPARQL 1.1 Graph Store HTTP Protocol.

One request per graph of the file: ``PUT {store_url}?graph=<g>`` (replace that graph) or ``POST`` (add to it),
with the graph as N-Triples. Triples of the file's default graph, if any, go to ``?default``. The store URL is
the server's Graph Store endpoint, given explicitly: Oxigraph ``http://host:7878/store``, Fuseki
``http://host:3030/DATASET/data``, GraphDB ``http://host:7200/repositories/REPO/rdf-graphs/service``, Virtuoso
``http://host:8890/sparql-graph-crud-auth``.

Graphs on the server that the file does not have are left alone: load into an empty store (or drop them) to
publish exactly the file. Blank nodes are scoped to one request by the protocol, so a blank node shared by two
graphs would become two; the datasets ``anugerah build`` writes have none.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import httpx
import pyoxigraph as ox

__all__ = ["DEFAULT_GRAPH", "LoadError", "load_dataset"]

DEFAULT_GRAPH = "default"  # the key of the default graph's triples in load_dataset's answer (IRIs are absolute)

_FORMATS: dict[str, ox.RdfFormat] = {
    ".trig": ox.RdfFormat.TRIG,
    ".nq": ox.RdfFormat.N_QUADS,
    ".nquads": ox.RdfFormat.N_QUADS,
    ".ttl": ox.RdfFormat.TURTLE,
    ".nt": ox.RdfFormat.N_TRIPLES,
}
_BODY_LIMIT = 500


class LoadError(Exception):
    """A dataset that cannot be read, or a graph the store did not take; the message says which and why."""

    def __init__(self, message: str) -> None:
        self.message = message
        super().__init__(message)


def load_dataset(
    dataset_file: str | os.PathLike[str],
    store_url: str,
    *,
    replace: bool = True,
    progress: Callable[[str, int], None] | None = None,
    timeout_s: float = 300.0,
) -> dict[str, int]:
    """Send every graph of a TriG or N-Quads file (Turtle, N-Triples: the default graph) to a Graph Store endpoint.

    ``replace``: PUT (each graph's content becomes the file's) or POST (the file's triples are added).
    ``progress(graph, triples)`` is called after each graph is stored. Returns the triples sent per graph IRI
    (``DEFAULT_GRAPH`` for the default graph), in the file's order. Stops at the first failure with a LoadError
    naming the graph, the HTTP status and the server's message; the graphs before it stay stored.
    """
    if not store_url.startswith(("http://", "https://")):
        raise LoadError(f"the Graph Store URL must be an http(s) URL, got {store_url!r}")
    graphs = _read_graphs(Path(dataset_file))
    sizes: dict[str, int] = {}
    method = "PUT" if replace else "POST"
    with httpx.Client(timeout=httpx.Timeout(timeout_s), follow_redirects=False) as client:
        for graph, triples in graphs.items():
            body = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)
            params = {"default": ""} if graph == DEFAULT_GRAPH else {"graph": graph}
            where = "the default graph" if graph == DEFAULT_GRAPH else f"graph <{graph}>"
            try:
                answer = client.request(
                    method, store_url, params=params, content=body,
                    headers={"Content-Type": "application/n-triples"},
                )
            except httpx.TimeoutException as exc:
                raise LoadError(f"{where}: {store_url} did not answer within {timeout_s:g} s") from exc
            except httpx.TransportError as exc:
                reason = "connection refused" if isinstance(exc, httpx.ConnectError) else str(exc) or repr(exc)
                raise LoadError(f"{where}: cannot reach the Graph Store endpoint {store_url}: {reason}") from exc
            if not answer.is_success:
                message = answer.text.strip()
                if len(message) > _BODY_LIMIT:
                    message = message[:_BODY_LIMIT] + " …"
                raise LoadError(
                    f"{where}: {method} {store_url} answered HTTP {answer.status_code} {answer.reason_phrase}"
                    + (f": {message}" if message else "")
                )
            sizes[graph] = len(triples)
            if progress is not None:
                progress(graph, len(triples))
    return sizes


def _read_graphs(path: Path) -> dict[str, list[ox.Triple]]:
    """The file's triples by graph (named graph IRI or DEFAULT_GRAPH), graphs in the order they first appear."""
    rdf_format = _FORMATS.get(path.suffix.lower())
    if rdf_format is None:
        known = ", ".join(sorted(_FORMATS))
        raise LoadError(f"{path.name}: unknown RDF file extension {path.suffix!r} (expected one of {known})")
    graphs: dict[str, dict[ox.Triple, None]] = {}  # an ordered set: a repeated triple is sent and counted once
    try:
        for quad in ox.parse(path=str(path), format=rdf_format):
            name = quad.graph_name
            key = name.value if isinstance(name, ox.NamedNode) else DEFAULT_GRAPH
            if isinstance(name, ox.BlankNode):
                raise LoadError(f"{path}: a graph named by a blank node ({name}) cannot be addressed in a store")
            graphs.setdefault(key, {})[quad.triple] = None
    except OSError as exc:
        raise LoadError(f"{path}: cannot read: {exc}") from exc
    except SyntaxError as exc:
        raise LoadError(f"{path}: not valid {rdf_format.name}: {exc}") from exc
    return {key: list(triples) for key, triples in graphs.items()}
