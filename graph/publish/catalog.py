"""The DCAT 3 / DCAT-AP 3.0.1 catalog of the publication: what an open-data portal (CKAN with ckanext-dcat, the
regional portals behind Satu Data Indonesia) harvests.

One ``dcat:Catalog`` → one ``dcat:Dataset`` (the knowledge graph, also a ``void:Dataset``; its IRI never changes,
it is the harvester's GUID) → one ``dcat:Distribution`` per dump file and one for the SPARQL endpoint, which is
also described as a ``dcat:DataService``. Every object is typed explicitly (DCAT-AP's range shapes check classes
without inference); the licence is CC BY 4.0 on every distribution, titled exactly as CKAN's register does;
titles and descriptions are in Indonesian and English. Blank nodes get ids derived from their content, so the
same release always serialises to the same bytes.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass

from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, FOAF, RDF, RDFS, SKOS, XSD

from .dumps import IANA, DumpFile
from .html import LICENSE_IRI
from .site import Site

__all__ = ["DCAT", "DCATAP", "SPDX", "VCARD", "CatalogFacts", "catalog_graph", "catalog_prefixes"]

DCAT = Namespace("http://www.w3.org/ns/dcat#")  # DCAT 3 (rdflib's DCAT is DCAT 2)
DCATAP = Namespace("http://data.europa.eu/r5r/")
SPDX = Namespace("http://spdx.org/rdf/terms#")
VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
ADMS = Namespace("http://www.w3.org/ns/adms#")
VOID = Namespace("http://rdfs.org/ns/void#")
EU = "http://publications.europa.eu/resource/authority/"

LICENSE_TITLE_CKAN = "Creative Commons Attribution"  # CKAN's register title: a harvester matches it exactly
KEYWORDS_ID = ("penghargaan", "birokrasi", "pelayanan publik", "pemerintah daerah", "pejabat", "data tertaut")
KEYWORDS_EN = ("awards", "bureaucracy", "public service", "regional government", "officials", "linked data")
TITLE = {
    "id": "Anugerah: graf pengetahuan penghargaan birokrasi Indonesia",
    "en": "Anugerah: knowledge graph of Indonesian bureaucracy awards",
}
DESCRIPTION = {
    "id": "Aktor birokrasi Indonesia (pejabat, jabatan, kementerian, pemerintah daerah dan perangkat daerahnya) "
          "serta penghargaan, predikat dan peringkat yang mereka berikan dan terima, sebagai data tertaut (RDF). "
          "Setiap fakta ditautkan ke kalimat sumber yang menyatakannya: kutipan persisnya dan posisinya dalam "
          "teks artikel.",
    "en": "Indonesian bureaucracy actors (officials, offices, ministries, regional governments and their agencies) "
          "and the awards, grades and rankings they give and receive, as linked data (RDF). Every fact links to "
          "the sentence of the source that states it: its exact quote and its position in the article text.",
}
PUBLISHER_NAME = {"id": "Tim Anugerah", "en": "The Anugerah team"}
# ADMS publisher type; a government body adopting the data (a walidata) would be a National/RegionalAuthority.
PUBLISHER_TYPE = "http://purl.org/adms/publishertype/NonProfitOrganisation"


@dataclass(frozen=True)
class Region:
    iri: str
    code: str | None
    label: str | None


@dataclass(frozen=True)
class CatalogFacts:
    """What the catalog says about one release, computed by the export from the data and the dumps."""

    version: str
    issued: str  # the first release's date (YYYY-MM-DD)
    modified: str  # this release's date
    temporal_start: str | None
    temporal_end: str | None
    regions: Sequence[Region]
    files: Sequence[DumpFile]
    csvw_url: str | None = None


def catalog_prefixes() -> dict[str, str]:
    return {
        "dcat": str(DCAT), "dcatap": str(DCATAP), "dct": str(DCTERMS), "foaf": str(FOAF), "spdx": str(SPDX),
        "vcard": str(VCARD), "skos": str(SKOS), "xsd": str(XSD), "rdfs": str(RDFS), "adms": str(ADMS),
        "void": str(VOID),
    }


def _node(kind: str, *parts: str) -> BNode:
    """A blank node whose id depends only on what it stands for (reproducible serialisations)."""
    return BNode(kind + hashlib.sha1("\x1f".join(parts).encode()).hexdigest()[:16])


class _Builder:
    def __init__(self, site: Site, facts: CatalogFacts) -> None:
        self.site = site
        self.facts = facts
        self.g = Graph(bind_namespaces="none")
        for prefix, iri in catalog_prefixes().items():
            self.g.bind(prefix, iri)

    def add(self, s: URIRef | BNode, p: URIRef, o: URIRef | BNode | Literal) -> None:
        self.g.add((s, p, o))

    def typed(self, iri: str, cls: URIRef, label: str | None = None, label_prop: URIRef = SKOS.prefLabel) -> URIRef:
        node = URIRef(iri)
        self.add(node, RDF.type, cls)
        if label:
            self.add(node, label_prop, Literal(label, lang="en"))
        return node

    def both(self, s: URIRef | BNode, p: URIRef, texts: dict[str, str]) -> None:
        for lang, text in texts.items():
            self.add(s, p, Literal(text, lang=lang))

    def date(self, value: str) -> Literal:
        return Literal(value, datatype=XSD.date)

    # -- shared nodes ------------------------------------------------------------------------------------------

    def licence(self) -> URIRef:
        node = self.typed(LICENSE_IRI, DCTERMS.LicenseDocument)
        self.add(node, DCTERMS.title, Literal(LICENSE_TITLE_CKAN))
        self.add(node, RDFS.label, Literal("Creative Commons Attribution 4.0 International", lang="en"))
        self.add(node, DCTERMS.identifier, Literal("CC-BY-4.0"))
        kind = self.typed("http://purl.org/adms/licencetype/Attribution", SKOS.Concept, "Attribution")
        self.add(node, DCTERMS.type, kind)
        return node

    def publisher(self) -> URIRef:
        node = self.typed(self.site.publisher_iri, FOAF.Agent)
        self.add(node, RDF.type, FOAF.Organization)
        self.both(node, FOAF.name, PUBLISHER_NAME)
        kind = self.typed(PUBLISHER_TYPE, SKOS.Concept, "Non-Profit Organisation")
        self.add(kind, SKOS.inScheme, self.typed("http://purl.org/adms/publishertype/1.0", SKOS.ConceptScheme))
        self.add(URIRef("http://purl.org/adms/publishertype/1.0"), DCTERMS.title, Literal("Publisher type", lang="en"))
        self.add(node, DCTERMS.type, kind)
        self.add(node, FOAF.homepage, self.document(self.site.root))
        return node

    def document(self, iri: str) -> URIRef:
        return self.typed(iri, FOAF.Document)

    def contact(self) -> URIRef:
        # An IRI, not a blank node: rdflib's RDF/XML writer drops a blank node that two subjects share.
        node = URIRef(self.site.publisher_iri + "#contact")
        self.add(node, RDF.type, VCARD.Kind)
        self.add(node, VCARD.fn, Literal(PUBLISHER_NAME["en"], lang="en"))
        self.add(node, VCARD.hasURL, URIRef(self.site.data_url))
        return node

    def theme(self) -> URIRef:
        node = self.typed(EU + "data-theme/GOVE", SKOS.Concept, "Government and public sector")
        self.add(node, SKOS.prefLabel, Literal("Pemerintahan dan sektor publik", lang="id"))
        scheme = self.typed(EU + "data-theme", SKOS.ConceptScheme)
        self.add(scheme, DCTERMS.title, Literal("Data theme", lang="en"))
        self.add(node, SKOS.inScheme, scheme)
        return node

    def languages(self) -> list[URIRef]:
        return [
            self.typed(EU + "language/IND", DCTERMS.LinguisticSystem, "Indonesian"),
            self.typed(EU + "language/ENG", DCTERMS.LinguisticSystem, "English"),
        ]

    def indonesia(self) -> URIRef:
        return self.typed(EU + "country/IDN", DCTERMS.Location, "Indonesia")

    def standard(self, iri: str, label: str | None = None) -> URIRef:
        return self.typed(iri, DCTERMS.Standard, label, RDFS.label)

    def media_type(self, media_type: str) -> URIRef:
        return self.typed(IANA + media_type, DCTERMS.MediaType)

    # -- the catalog -------------------------------------------------------------------------------------------

    def build(self) -> Graph:
        site, facts = self.site, self.facts
        licence, publisher, contact, theme = self.licence(), self.publisher(), self.contact(), self.theme()
        languages = self.languages()
        indonesia = self.indonesia()
        dataset = URIRef(site.dataset_iri)
        service = URIRef(site.service_iri)

        catalog = self.typed(site.catalog_iri, DCAT.Catalog)
        self.both(catalog, DCTERMS.title, {"id": "Katalog data Anugerah", "en": "Anugerah data catalogue"})
        self.both(catalog, DCTERMS.description, {
            "id": "Katalog data tertaut Anugerah: graf pengetahuan, unduhan dan titik akhir SPARQL.",
            "en": "The Anugerah linked-data catalogue: the knowledge graph, its downloads and its SPARQL endpoint.",
        })
        self.add(catalog, DCTERMS.publisher, publisher)
        self.add(catalog, FOAF.homepage, self.document(site.root))
        for language in languages:
            self.add(catalog, DCTERMS.language, language)
        self.add(catalog, DCTERMS.license, licence)
        self.add(catalog, DCTERMS.issued, self.date(facts.issued))
        self.add(catalog, DCTERMS.modified, self.date(facts.modified))
        self.add(catalog, DCTERMS.spatial, indonesia)
        self.add(catalog, DCAT.themeTaxonomy, URIRef(EU + "data-theme"))
        self.add(catalog, DCAT.dataset, dataset)
        self.add(catalog, DCAT.service, service)

        self.add(dataset, RDF.type, DCAT.Dataset)
        self.add(dataset, RDF.type, VOID.Dataset)
        self.both(dataset, DCTERMS.title, TITLE)
        self.both(dataset, DCTERMS.description, DESCRIPTION)
        self.add(dataset, DCTERMS.identifier, Literal(site.dataset_iri))
        for keyword in KEYWORDS_ID:
            self.add(dataset, DCAT.keyword, Literal(keyword, lang="id"))
        for keyword in KEYWORDS_EN:
            self.add(dataset, DCAT.keyword, Literal(keyword, lang="en"))
        self.add(dataset, DCAT.theme, theme)
        self.add(dataset, DCTERMS.publisher, publisher)
        self.add(dataset, DCTERMS.creator, publisher)
        self.add(dataset, DCAT.contactPoint, contact)
        self.add(dataset, DCTERMS.spatial, indonesia)
        for region in facts.regions:
            node = self.typed(region.iri, DCTERMS.Location)
            if region.label:
                self.add(node, SKOS.prefLabel, Literal(region.label, lang="id"))
            if region.code:
                self.add(node, SKOS.notation, Literal(region.code))
            self.add(dataset, DCTERMS.spatial, node)
        if facts.temporal_start or facts.temporal_end:
            period = _node("period", facts.temporal_start or "", facts.temporal_end or "")
            self.add(period, RDF.type, DCTERMS.PeriodOfTime)
            if facts.temporal_start:
                self.add(period, DCAT.startDate, self.date(facts.temporal_start))
            if facts.temporal_end:
                self.add(period, DCAT.endDate, self.date(facts.temporal_end))
            self.add(dataset, DCTERMS.temporal, period)
        self.add(dataset, DCTERMS.issued, self.date(facts.issued))
        self.add(dataset, DCTERMS.modified, self.date(facts.modified))
        self.add(dataset, DCAT.version, Literal(facts.version))
        self.add(dataset, DCTERMS.accrualPeriodicity,
                 self.typed(EU + "frequency/IRREG", DCTERMS.Frequency, "irregular"))
        self.add(dataset, DCTERMS.conformsTo, self.standard(site.ontology_iri, "Anugerah ontology"))
        self.add(dataset, DCAT.landingPage, self.document(site.data_url))
        for language in languages:
            self.add(dataset, DCTERMS.language, language)
        provenance = _node("provenance", site.dataset_iri)
        self.add(provenance, RDF.type, DCTERMS.ProvenanceStatement)
        self.both(provenance, RDFS.label, {
            "id": "Dikurasi dari artikel berita dan situs pemerintah; setiap fakta menunjuk kutipan persis dan "
                  "posisi karakternya dalam teks sumber yang disimpan, dan divalidasi dengan bentuk SHACL.",
            "en": "Curated from news articles and government websites; every fact points to the exact quote and "
                  "its character offsets in the stored source text, and is validated with SHACL shapes.",
        })
        self.add(dataset, DCTERMS.provenance, provenance)
        self.add(dataset, DCTERMS.bibliographicCitation, Literal(
            f"Anugerah: knowledge graph of Indonesian bureaucracy awards, version {facts.version}. "
            f"{site.dataset_iri}. CC BY 4.0."))

        for dump in facts.files:
            self.add(dataset, DCAT.distribution, self.distribution(dump, licence))
        self.add(dataset, DCAT.distribution, self.sparql_distribution(licence, service))
        self.data_service(service, dataset, publisher, contact, theme, licence)
        return self.g

    def distribution(self, dump: DumpFile, licence: URIRef) -> URIRef:
        site, facts = self.site, self.facts
        node = self.typed(f"{site.dataset_iri}/distribution/{dump.name}", DCAT.Distribution)
        url = URIRef(site.download_url(facts.version, dump.name))
        self.add(node, DCTERMS.title, Literal(dump.title_id, lang="id"))
        self.add(node, DCTERMS.title, Literal(dump.title_en, lang="en"))
        self.add(node, DCTERMS.description, Literal(dump.description_id, lang="id"))
        self.add(node, DCTERMS.description, Literal(dump.description_en, lang="en"))
        self.add(node, DCAT.accessURL, url)
        self.add(node, DCAT.downloadURL, url)
        self.add(node, DCAT.mediaType, self.media_type(dump.media_type))
        if dump.compressed:
            self.add(node, DCAT.compressFormat, self.media_type("application/gzip"))
        self.add(node, DCTERMS.format, self.typed(dump.file_type_iri, DCTERMS.MediaTypeOrExtent))
        self.add(node, DCTERMS.license, licence)
        self.add(node, DCTERMS.conformsTo, self.standard(dump.conforms_to))
        self.add(node, DCAT.byteSize, Literal(dump.size, datatype=XSD.nonNegativeInteger))
        checksum = _node("checksum", dump.name, dump.sha256)
        self.add(checksum, RDF.type, SPDX.Checksum)
        self.add(checksum, SPDX.algorithm, SPDX.checksumAlgorithm_sha256)
        self.add(checksum, SPDX.checksumValue, Literal(dump.sha256, datatype=XSD.hexBinary))
        self.add(node, SPDX.checksum, checksum)
        self.add(node, DCATAP.availability,
                 self.typed(EU + "planned-availability/STABLE", SKOS.Concept, "stable"))
        self.add(node, DCTERMS.issued, self.date(facts.modified))
        self.add(node, DCTERMS.modified, self.date(facts.modified))
        return node

    def sparql_distribution(self, licence: URIRef, service: URIRef) -> URIRef:
        node = self.typed(f"{self.site.dataset_iri}/distribution/sparql", DCAT.Distribution)
        self.both(node, DCTERMS.title, {"id": "Titik akhir SPARQL", "en": "SPARQL endpoint"})
        self.both(node, DCTERMS.description, {
            "id": "Kueri SPARQL 1.1 hanya-baca atas seluruh graf (graf bawaan = gabungan graf bernama).",
            "en": "Read-only SPARQL 1.1 queries over the whole graph (default graph = union of the named graphs).",
        })
        self.add(node, DCAT.accessURL, URIRef(self.site.sparql_url))
        self.add(node, DCAT.accessService, service)
        self.add(node, DCTERMS.license, licence)
        self.add(node, DCTERMS.format, self.typed(EU + "file-type/SPARQLQ", DCTERMS.MediaTypeOrExtent))
        self.add(node, DCTERMS.conformsTo, self.standard("https://www.w3.org/TR/sparql11-protocol/"))
        self.add(node, DCATAP.availability,
                 self.typed(EU + "planned-availability/AVAILABLE", SKOS.Concept, "available"))
        return node

    def data_service(
        self, service: URIRef, dataset: URIRef, publisher: URIRef, contact: URIRef, theme: URIRef, licence: URIRef
    ) -> None:
        self.add(service, RDF.type, DCAT.DataService)
        self.both(service, DCTERMS.title, {"id": "Titik akhir SPARQL Anugerah", "en": "Anugerah SPARQL endpoint"})
        self.both(service, DCTERMS.description, {
            "id": "SPARQL 1.1 Protocol, hanya-baca; hasil JSON, XML, CSV, TSV; graf dalam Turtle, JSON-LD, "
                  "N-Triples, RDF/XML, TriG, N-Quads.",
            "en": "SPARQL 1.1 Protocol, read-only; results as JSON, XML, CSV, TSV; graphs as Turtle, JSON-LD, "
                  "N-Triples, RDF/XML, TriG, N-Quads.",
        })
        self.add(service, DCAT.endpointURL, URIRef(self.site.sparql_url))
        self.add(service, DCAT.endpointDescription, URIRef(self.site.sparql_url))
        self.add(service, DCAT.servesDataset, dataset)
        self.add(service, DCTERMS.conformsTo, self.standard("https://www.w3.org/TR/sparql11-protocol/"))
        self.add(service, DCTERMS.publisher, publisher)
        self.add(service, DCAT.contactPoint, contact)
        self.add(service, DCAT.theme, theme)
        self.add(service, DCTERMS.license, licence)
        for keyword in ("SPARQL", "data tertaut"):
            self.add(service, DCAT.keyword, Literal(keyword, lang="id"))
        for keyword in ("SPARQL", "linked data"):
            self.add(service, DCAT.keyword, Literal(keyword, lang="en"))


def catalog_graph(site: Site, facts: CatalogFacts) -> Graph:
    """The catalog of one release as an rdflib Graph."""
    return _Builder(site, facts).build()
