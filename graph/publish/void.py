"""The VoID description of the dataset: what linked-data crawlers and federated query planners read.

The ``void:Dataset`` is the catalog's dataset (the same IRI): access (SPARQL endpoint, data dumps, URI space,
example resources, formats), vocabularies, statistics over the union of the named graphs, a class partition and
a property partition, and a linkset for each kind of link to Wikidata. Served as ``data/void.ttl`` and at
``/.well-known/void``.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Sequence

from rdflib import BNode, Dataset, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, SKOS, XSD

from ..namespaces import AGR
from .catalog import DESCRIPTION, TITLE, VOID
from .dumps import DumpFile
from .html import LICENSE_IRI
from .site import Site

__all__ = ["EXAMPLES", "void_graph"]

FORMATS_NS = Namespace("http://www.w3.org/ns/formats/")
WIKIDATA = "http://www.wikidata.org/entity/"
LINK_PREDICATES = (OWL.sameAs, SKOS.exactMatch, SKOS.closeMatch)
EXAMPLES = 5
_FEATURES = ("Turtle", "N-Triples", "N-Quads", "TriG", "JSON-LD", "RDF_XML")


def _node(kind: str, key: str) -> BNode:
    return BNode(kind + hashlib.sha1(key.encode()).hexdigest()[:16])


def _namespace(iri: str) -> str:
    cut = max(iri.rfind("#"), iri.rfind("/"))
    return iri[: cut + 1]


def void_graph(site: Site, dataset: Dataset, version: str, modified: str, dumps: Sequence[DumpFile]) -> Graph:
    triples = set()
    for s, p, o, _g in dataset.quads((None, None, None, None)):
        triples.add((s, p, o))
    g = Graph(bind_namespaces="none")
    for prefix, iri in (("void", str(VOID)), ("dct", str(DCTERMS)), ("formats", str(FORMATS_NS)),
                        ("xsd", str(XSD)), ("skos", str(SKOS)), ("owl", str(OWL))):
        g.bind(prefix, iri)
    ds = URIRef(site.dataset_iri)
    g.add((ds, RDF.type, VOID.Dataset))
    for lang, text in TITLE.items():
        g.add((ds, DCTERMS.title, Literal(text, lang=lang)))
    for lang, text in DESCRIPTION.items():
        g.add((ds, DCTERMS.description, Literal(text, lang=lang)))
    g.add((ds, DCTERMS.license, URIRef(LICENSE_IRI)))
    g.add((ds, DCTERMS.publisher, URIRef(site.publisher_iri)))
    g.add((ds, DCTERMS.modified, Literal(modified, datatype=XSD.date)))
    g.add((ds, VOID.sparqlEndpoint, URIRef(site.sparql_url)))
    for dump in dumps:
        if dump.rdf:
            g.add((ds, VOID.dataDump, URIRef(site.download_url(version, dump.name))))
    g.add((ds, VOID.uriSpace, Literal(site.base.id)))
    for feature in _FEATURES:
        g.add((ds, VOID.feature, FORMATS_NS[feature]))

    def integer(n: int) -> Literal:
        return Literal(n, datatype=XSD.integer)

    classes: dict[URIRef, set] = {}
    properties: Counter[URIRef] = Counter()
    subjects, objects = set(), set()
    for s, p, o in triples:
        properties[p] += 1
        subjects.add(s)
        objects.add(o)
        if p == RDF.type and isinstance(o, URIRef):
            classes.setdefault(o, set()).add(s)
    entities = {s for s in subjects if isinstance(s, URIRef) and str(s).startswith(site.base.id)}
    g.add((ds, VOID.triples, integer(len(triples))))
    g.add((ds, VOID.entities, integer(len(entities))))
    g.add((ds, VOID.classes, integer(len(classes))))
    g.add((ds, VOID.properties, integer(len(properties))))
    g.add((ds, VOID.distinctSubjects, integer(len(subjects))))
    g.add((ds, VOID.distinctObjects, integer(len(objects))))
    vocabularies = {_namespace(str(p)) for p in properties} | {_namespace(str(c)) for c in classes}
    for vocabulary in sorted(vocabularies):
        g.add((ds, VOID.vocabulary, URIRef(vocabulary)))
    for cls, members in sorted(classes.items()):
        part = _node("class", str(cls))
        g.add((ds, VOID.classPartition, part))
        g.add((part, VOID["class"], cls))
        g.add((part, VOID.entities, integer(len(members))))
    for prop, count in sorted(properties.items()):
        part = _node("property", str(prop))
        g.add((ds, VOID.propertyPartition, part))
        g.add((part, VOID.property, prop))
        g.add((part, VOID.triples, integer(count)))
    for predicate in LINK_PREDICATES:
        count = sum(1 for s, p, o in triples if p == predicate and str(o).startswith(WIKIDATA))
        if count:
            linkset = _node("linkset", str(predicate))
            g.add((ds, VOID.subset, linkset))
            g.add((linkset, RDF.type, VOID.Linkset))
            g.add((linkset, VOID.linkPredicate, predicate))
            g.add((linkset, VOID.subjectsTarget, ds))
            g.add((linkset, VOID.objectsTarget, URIRef("http://www.wikidata.org/")))
            g.add((linkset, VOID.triples, integer(count)))
    received = Counter(o for s, p, o in triples if p == AGR.recipient and isinstance(o, URIRef))
    examples = [iri for iri, _n in sorted(received.items(), key=lambda item: (-item[1], str(item[0])))][:EXAMPLES]
    for example in examples:
        g.add((ds, VOID.exampleResource, example))
    return g
