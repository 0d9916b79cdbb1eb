"""The ontology's documentation (pyLODE) and its RDF serialisations, made once per process.

``https://w3id.org/anugerah/def/core`` is a hash namespace: a client dereferencing ``agr:Person`` strips the
fragment and gets this one document. pyLODE 3.3.x renders the ``owl:Ontology`` header (title, version IRI,
licence, creator, namespace and prefix) and every class and property as static HTML without JavaScript.
"""

from __future__ import annotations

import logging
import os
import subprocess
import sys
import threading
from functools import cache

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, RDFS, SKOS

from ..namespaces import ONTOLOGY_IRI
from ..ontology_files import ontology
from .site import FORMATS

__all__ = ["ontology_graph", "ontology_html", "ontology_version", "version_paths"]

_LOCK = threading.Lock()


def ontology_graph() -> Graph:
    return ontology()


def ontology_version() -> str | None:
    value = ontology().value(URIRef(ONTOLOGY_IRI), OWL.versionInfo)
    return str(value) if isinstance(value, Literal) else None


def version_paths() -> tuple[str, ...]:
    """Document paths of the ontology: ``def/core`` and its version IRI's ``def/core/{version}``."""
    paths = ["def/core"]
    version_iri = ontology().value(URIRef(ONTOLOGY_IRI), OWL.versionIRI)
    prefix = ONTOLOGY_IRI + "/"
    if version_iri is not None and str(version_iri).startswith(prefix):
        paths.append("def/core/" + str(version_iri)[len(prefix) :])
    return tuple(paths)


def _pylode_html(graph: Graph) -> str:
    # Importing pyLODE configures the root logger (DEBUG, to stderr): keep the host's logging as it was.
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    try:
        from pylode import OntPub
    finally:
        for handler in list(root.handlers):
            if handler not in handlers:
                root.removeHandler(handler)
        root.setLevel(level)
    return str(OntPub(ontology=graph).make_html())


_MERGED = (RDFS.label, RDFS.comment, SKOS.definition, DCTERMS.title, DCTERMS.description)


def _for_pylode() -> Graph:
    """A copy of the ontology for pyLODE, which runs the labels of all languages together ("AwardPenghargaan"):
    each text in English and Indonesian becomes one English literal "English / Indonesia"."""
    source = ontology()
    copy = Graph()  # pyLODE adds its own triples to the graph it is given: never the shared one
    for triple in source:
        copy.add(triple)
    for prop in _MERGED:
        for subject in sorted(set(source.subjects(prop, None)), key=str):
            values = {v.language: str(v) for v in source.objects(subject, prop) if isinstance(v, Literal)}
            if "en" in values and "id" in values:
                for value in list(copy.objects(subject, prop)):
                    if isinstance(value, Literal) and value.language in ("en", "id"):
                        copy.remove((subject, prop, value))
                copy.add((subject, prop, Literal(f"{values['en']} / {values['id']}", lang="en")))
    ontology_node = URIRef(ONTOLOGY_IRI)
    if (ontology_node, DCTERMS.title, None) in copy:
        copy.remove((ontology_node, RDFS.label, None))  # pyLODE would append it to the title
    return copy


def render_here() -> str:
    """pyLODE's HTML, rendered in this process (its output follows the hash order of this process)."""
    with _LOCK:
        return _pylode_html(_for_pylode())


@cache
def _rendered() -> str:
    """pyLODE's HTML, rendered in a child process with a fixed hash seed: the same ontology, the same bytes."""
    command = [sys.executable, "-m", "anugerah.graph.publish.ontology_docs"]
    try:
        done = subprocess.run(command, capture_output=True, timeout=300, check=True,
                              env={**os.environ, "PYTHONHASHSEED": "0"})
        return done.stdout.decode("utf-8")
    except (OSError, subprocess.SubprocessError):
        return render_here()


@cache
def ontology_html(path: str = "def/core") -> str:
    """pyLODE's page for the ontology, with links to its RDF forms and back to the site."""
    html = _rendered()
    alternates = "\n".join(
        f'<link rel="alternate" type="{f.media_type}" href="/doc/{path}.{f.ext}">'
        for f in FORMATS.values() if f.ext != "html"
    )
    head = (
        f'<link rel="license" href="https://creativecommons.org/licenses/by/4.0/">\n{alternates}\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        "<style>a, code, dd, td { overflow-wrap: anywhere; }</style>\n"
    )
    html = html.replace("<head>", "<head>\n" + head, 1)
    back = (
        '<p style="margin:1em"><a href="/">Anugerah</a> · <a href="/data/">Unduh data / Downloads</a> · '
        + " · ".join(f'<a href="/doc/{path}.{f.ext}">{f.title}</a>' for f in FORMATS.values() if f.ext != "html")
        + "</p>"
    )
    return html.replace("<body>", "<body>\n" + back, 1)


if __name__ == "__main__":
    sys.stdout.buffer.write(render_here().encode("utf-8"))
