"""The friendly JSON-LD context: short names for the vocabulary, IRIs and dates as plain strings, labels as
language maps (``"prefLabel": {"id": "…", "en": "…"}``).

It is derived from the ontology: every ``agr:`` object property is coerced to an IRI and every ``agr:`` datatype
property to its declared datatype, so a value in the data compacts to a plain string exactly when it has the
declared type (anything else keeps its explicit form and still round-trips). ``@id`` is not aliased: ``id`` is
the Indonesian language tag inside the language maps.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from rdflib import URIRef
from rdflib.namespace import OWL, RDF, RDFS, XSD

from ..namespaces import AGR, Base
from ..ontology_files import ontology

__all__ = ["context"]

_LANGUAGE_MAPS = {
    "prefLabel": "skos:prefLabel",
    "altLabel": "skos:altLabel",
    "label": "rdfs:label",
    "comment": "rdfs:comment",
    "definition": "skos:definition",
}
_IRI_VALUED = {
    "inScheme": "skos:inScheme",
    "hasSource": "oa:hasSource",
    "hasSelector": "oa:hasSelector",
    "about": "schema:about",
    "publisher": "schema:publisher",
    "url": "schema:url",
    "wasDerivedFrom": "prov:wasDerivedFrom",
    "unitOf": "org:unitOf",
    "subOrganizationOf": "org:subOrganizationOf",
    "postIn": "org:postIn",
    "homepage": "foaf:homepage",
}


@cache
def _vocabulary_terms() -> tuple[tuple[str, dict[str, str]], ...]:
    graph = ontology()
    terms: dict[str, dict[str, str]] = {}
    for prop in sorted(set(graph.subjects(RDF.type, OWL.ObjectProperty))):
        if isinstance(prop, URIRef) and str(prop).startswith(str(AGR)):
            terms[str(prop)[len(str(AGR)) :]] = {"@type": "@id"}
    for prop in sorted(set(graph.subjects(RDF.type, OWL.DatatypeProperty))):
        if not (isinstance(prop, URIRef) and str(prop).startswith(str(AGR))):
            continue
        ranges = sorted(str(r) for r in graph.objects(prop, RDFS.range) if str(r).startswith(str(XSD)))
        if ranges and ranges[0] != str(XSD.string):
            terms[str(prop)[len(str(AGR)) :]] = {"@type": "xsd:" + ranges[0][len(str(XSD)) :]}
    return tuple(sorted(terms.items()))


def context(base: Base) -> dict[str, Any]:
    """The ``@context`` object (deterministic: same ontology and base, same context)."""
    ctx: dict[str, Any] = {"@version": 1.1, "@vocab": str(AGR), "type": "@type"}
    for prefix, iri in sorted(base.prefixes().items()):
        if iri not in (base.id, base.graph):  # things and graphs keep their full IRIs
            ctx[prefix] = iri
    for name, term in _LANGUAGE_MAPS.items():
        ctx[name] = {"@id": term, "@container": "@language"}
    for name, term in _IRI_VALUED.items():
        ctx[name] = {"@id": term, "@type": "@id"}
    for name, definition in _vocabulary_terms():
        ctx.setdefault(name, definition)  # a prefix keeps its name
    return dict(sorted(ctx.items(), key=lambda item: (not item[0].startswith("@"), item[0])))
