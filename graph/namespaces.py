"""IRIs of the project: the fixed vocabulary namespace and the configurable base for things and graphs."""

from __future__ import annotations

import os
from dataclasses import dataclass

from rdflib import Namespace
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD, NamespaceManager

DEFAULT_BASE = "https://w3id.org/anugerah/"
BASE_ENV = "ANUGERAH_BASE"

# The vocabulary keeps its identity whatever base a deployment mints its data under.
DEF = "https://w3id.org/anugerah/def/"
AGR = Namespace(DEF + "core#")
ROLE = Namespace(DEF + "role/")
PROLE = Namespace(DEF + "participation-role/")
TTYPE = Namespace(DEF + "tenure-type/")
ONTOLOGY_IRI = DEF + "core"

ORG = Namespace("http://www.w3.org/ns/org#")
CV = Namespace("http://data.europa.eu/m8g/")
SCHEMA = Namespace("https://schema.org/")
FOAF = Namespace("http://xmlns.com/foaf/0.1/")
OA = Namespace("http://www.w3.org/ns/oa#")
DC = Namespace("http://purl.org/dc/elements/1.1/")
TIME = Namespace("http://www.w3.org/2006/time#")
SH = Namespace("http://www.w3.org/ns/shacl#")

PREFIXES: dict[str, str] = {
    "agr": str(AGR),
    "role": str(ROLE),
    "prole": str(PROLE),
    "ttype": str(TTYPE),
    "org": str(ORG),
    "cv": str(CV),
    "schema": str(SCHEMA),
    "foaf": str(FOAF),
    "prov": str(PROV),
    "oa": str(OA),
    "dct": str(DCTERMS),
    "dc": str(DC),
    "skos": str(SKOS),
    "time": str(TIME),
    "owl": str(OWL),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "xsd": str(XSD),
}


@dataclass(frozen=True)
class Base:
    """Where the data's IRIs live: ``{root}id/…`` for things and ``{root}graph/…`` for named graphs."""

    root: str = DEFAULT_BASE

    def __post_init__(self) -> None:
        if not self.root.startswith(("http://", "https://")) or not self.root.endswith("/"):
            raise ValueError(f"base IRI must be an http(s) IRI ending in '/': {self.root!r}")

    @classmethod
    def from_env(cls, explicit: str | None = None) -> Base:
        return cls(explicit or os.environ.get(BASE_ENV) or DEFAULT_BASE)

    @property
    def id(self) -> str:
        return self.root + "id/"

    @property
    def graph(self) -> str:
        return self.root + "graph/"

    def thing(self, local: str) -> str:
        return self.id + local

    def named_graph(self, local: str) -> str:
        return self.graph + local

    def prefixes(self) -> dict[str, str]:
        return {**PREFIXES, "id": self.id, "g": self.graph}

    def namespace_manager(self) -> NamespaceManager:
        from rdflib import Graph

        nm = NamespaceManager(Graph(), bind_namespaces="none")
        for prefix, iri in self.prefixes().items():
            nm.bind(prefix, iri, override=True, replace=True)
        return nm
