"""The exported catalog against the DCAT-AP 3.0.1 SHACL shapes (read from ../shared, not copied), and what a
harvesting portal relies on: every distribution's size and checksum match its file, the CKAN licence title, keywords
in both languages, temporal and spatial coverage computed from the data, and VoID with its partitions.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from anugerah.graph.store import Store
from pyshacl import validate
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, RDF, SKOS

from .server import SHARED, seed_dataset
from .test_export import BASE, current_release, seed_publication

SHAPES = SHARED / "conformance" / "dcat-ap-3.0.1"
DCAT = Namespace("http://www.w3.org/ns/dcat#")
SPDX = Namespace("http://spdx.org/rdf/terms#")
VOID = Namespace("http://rdfs.org/ns/void#")
SH = Namespace("http://www.w3.org/ns/shacl#")
DATASET = URIRef(BASE + "id/dataset/anugerah")
LICENCE = URIRef("https://creativecommons.org/licenses/by/4.0/")


def _shapes(*names: str) -> Graph:
    graph = Graph()
    for name in names:
        graph.parse(SHAPES / name, format="turtle")
    return graph


def _results(data: Graph, shapes: Graph, severity: URIRef) -> list[str]:
    _conforms, report, _text = validate(data, shacl_graph=shapes, inference="none", allow_warnings=True)
    out = []
    for result in report.subjects(RDF.type, SH.ValidationResult):
        if report.value(result, SH.resultSeverity) == severity:
            out.append(f"{report.value(result, SH.focusNode)} {report.value(result, SH.resultPath)}: "
                       f"{report.value(result, SH.resultMessage)}")
    return sorted(out)


@pytest.fixture(scope="module")
def catalog() -> Graph:
    return Graph().parse(seed_publication() / "data" / "catalog.ttl", format="turtle")


def test_the_shapes_are_the_shared_ones() -> None:
    assert (SHAPES / "shapes.ttl").is_file() and (SHAPES / "range.ttl").is_file(), f"missing {SHAPES}"


@pytest.mark.parametrize(("name", "rdf_format"), [("catalog.ttl", "turtle"), ("catalog.jsonld", "json-ld"),
                                                  ("catalog.rdf", "xml")])
def test_catalog_has_no_dcat_ap_violation(name: str, rdf_format: str) -> None:
    data = Graph().parse(seed_publication() / "data" / name, format=rdf_format)
    assert (None, RDF.type, DCAT.Dataset) in data
    assert _results(data, _shapes("shapes.ttl", "range.ttl"), SH.Violation) == []


def test_recommended_shapes_warn_only_about_coordinates(catalog: Graph) -> None:
    warnings = _results(catalog, _shapes("shapes_recommended.ttl"), SH.Warning)
    # Documented gap: the locations (Indonesia, the regions) carry no bounding box or centroid.
    assert [w for w in warnings if "dcat#bbox" not in w and "dcat#centroid" not in w] == []


def test_every_distribution_matches_its_file(catalog: Graph) -> None:
    release = current_release(seed_publication())
    distributions = list(catalog.objects(DATASET, DCAT.distribution))
    files = [d for d in distributions if catalog.value(d, DCAT.downloadURL) is not None]
    assert len(files) == len([p for p in release.iterdir() if p.name in _released_files(release)])
    for distribution in files:
        url = str(catalog.value(distribution, DCAT.downloadURL))
        assert url.startswith(f"{BASE}data/{release.name}/")
        data = (release / url.rsplit("/", 1)[1]).read_bytes()
        assert int(catalog.value(distribution, DCAT.byteSize)) == len(data)
        checksum = catalog.value(distribution, SPDX.checksum)
        assert catalog.value(checksum, SPDX.algorithm) == SPDX.checksumAlgorithm_sha256
        assert str(catalog.value(checksum, SPDX.checksumValue)) == hashlib.sha256(data).hexdigest()
        assert catalog.value(distribution, DCTERMS.license) == LICENCE
        assert catalog.value(distribution, DCAT.accessURL) == URIRef(url)
        media = str(catalog.value(distribution, DCAT.mediaType))
        assert media.startswith("http://www.iana.org/assignments/media-types/")
    services = list(catalog.subjects(RDF.type, DCAT.DataService))
    assert len(services) == 1 and catalog.value(services[0], DCAT.endpointURL) == URIRef(BASE + "sparql")
    assert (services[0], DCAT.servesDataset, DATASET) in catalog


def _released_files(release: Path) -> set[str]:
    return {line.split("  ", 1)[1] for line in (release / "SHA256SUMS").read_text(encoding="utf-8").splitlines()}


def test_what_a_portal_reads(catalog: Graph) -> None:
    assert catalog.value(LICENCE, DCTERMS.title) == Literal("Creative Commons Attribution")  # CKAN's exact title
    assert (LICENCE, RDF.type, DCTERMS.LicenseDocument) in catalog
    titles = {t.language for t in catalog.objects(DATASET, DCTERMS.title)}
    keywords = {k.language for k in catalog.objects(DATASET, DCAT.keyword)}
    assert titles == keywords == {"id", "en"}
    assert catalog.value(DATASET, DCTERMS.publisher) is not None
    assert (None, DCAT.dataset, DATASET) in catalog
    # Temporal coverage: the earliest and latest fact dates of the data.
    store = Store.from_file(seed_dataset())
    dates = sorted(str(r["d"]) for r in store.select("""PREFIX agr: <https://w3id.org/anugerah/def/core#>
        SELECT ?d WHERE { VALUES ?p { agr:date agr:startDate agr:endDate agr:attestedOn } ?s ?p ?d }"""))
    period = catalog.value(DATASET, DCTERMS.temporal)
    assert str(catalog.value(period, DCAT.startDate)) == dates[0]
    assert str(catalog.value(period, DCAT.endDate)) == dates[-1]
    # Spatial coverage: Indonesia and every region of the data, with its Kemendagri code.
    spatial = set(catalog.objects(DATASET, DCTERMS.spatial))
    assert URIRef("http://publications.europa.eu/resource/authority/country/IDN") in spatial
    jatim = URIRef(BASE + "id/wilayah/35")
    assert jatim in spatial and catalog.value(jatim, SKOS.notation) == Literal("35")


def test_void_describes_the_same_dataset_with_partitions() -> None:
    void = Graph().parse(seed_publication() / "data" / "void.ttl", format="turtle")
    assert (DATASET, RDF.type, VOID.Dataset) in void
    store = Store.from_file(seed_dataset())
    triples = store.select("SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o } }")
    assert int(void.value(DATASET, VOID.triples)) == int(triples[0]["n"])
    classes = {void.value(p, VOID["class"]): int(void.value(p, VOID.entities))
               for p in void.objects(DATASET, VOID.classPartition)}
    recognitions = store.select("""PREFIX agr: <https://w3id.org/anugerah/def/core#>
        SELECT (COUNT(DISTINCT ?r) AS ?n) WHERE { ?r a agr:AwardConferral }""")
    assert classes[URIRef("https://w3id.org/anugerah/def/core#AwardConferral")] == int(recognitions[0]["n"])
    properties = {void.value(p, VOID.property) for p in void.objects(DATASET, VOID.propertyPartition)}
    assert URIRef("https://w3id.org/anugerah/def/core#recipient") in properties
    assert void.value(DATASET, VOID.uriSpace) == Literal(BASE + "id/")
    assert void.value(DATASET, VOID.sparqlEndpoint) == URIRef(BASE + "sparql")
    assert len(set(void.objects(DATASET, VOID.dataDump))) == 5
    examples = set(void.objects(DATASET, VOID.exampleResource))
    recipients = {r["x"] for r in store.select("""PREFIX agr: <https://w3id.org/anugerah/def/core#>
        SELECT DISTINCT ?x WHERE { ?r agr:recipient ?x }""")}
    assert examples and examples <= recipients
