"""Dereferencing over real HTTP (uvicorn in a subprocess): 303 from /id/, /def/, /graph/ to /doc/, content
negotiation, ETag and 304, Link and CORS headers, the ontology, the catalog and the downloads, hostile input —
and that a linked-data client can follow every IRI of the dumps.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator

import httpx
import pytest
from anugerah.graph.namespaces import Base
from anugerah.graph.publish.site import Site
from rdflib import Dataset, Graph, URIRef
from rdflib.namespace import OWL, RDF

from .server import SPARQL_APP, run_server, seed_dataset
from .test_export import BASE, current_release, seed_publication

JATIM = "org/pemprov-jatim"
RDF_TYPES = {
    "text/turtle": "turtle",
    "application/ld+json": "json-ld",
    "application/n-triples": "nt",
    "application/rdf+xml": "xml",
}


@pytest.fixture(scope="module")
def url() -> Iterator[str]:
    env = {"ANUGERAH_DATASET": str(seed_dataset()), "ANUGERAH_PUBLICATION": str(seed_publication()),
           "ANUGERAH_BASE": BASE}
    with run_server(SPARQL_APP, env) as base_url:
        yield base_url


def get(url: str, path: str, **headers: str) -> httpx.Response:
    return httpx.get(url + path, headers=headers, timeout=30)


def test_an_entity_iri_303s_to_its_document(url: str) -> None:
    for accept in ("text/html", "text/turtle", "application/ld+json;q=0.9, text/turtle;q=0.5", "*/*"):
        answer = get(url, f"/id/{JATIM}", accept=accept)
        assert answer.status_code == 303, accept
        assert answer.headers["location"] == f"/doc/{JATIM}"
        assert "Accept" in answer.headers["vary"]
        assert answer.headers["access-control-allow-origin"] == "*"
    assert get(url, f"/id/{JATIM}?format=ttl").headers["location"] == f"/doc/{JATIM}.ttl"


@pytest.mark.parametrize(("accept", "media_type"), [
    ("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", "text/html"),  # a browser
    ("text/turtle", "text/turtle"),
    ("application/ld+json", "application/ld+json"),
    ("application/n-triples", "application/n-triples"),
    ("application/rdf+xml", "application/rdf+xml"),
    ("application/ld+json;q=0.9, text/turtle;q=0.5", "application/ld+json"),
    ("text/turtle;q=0.4, application/rdf+xml;q=0.8", "application/rdf+xml"),
])
def test_the_document_answers_by_accept(url: str, accept: str, media_type: str) -> None:
    answer = httpx.get(url + f"/id/{JATIM}", headers={"accept": accept}, follow_redirects=True, timeout=30)
    assert answer.status_code == 200
    assert answer.headers["content-type"].split(";")[0] == media_type
    ext = {"text/html": "html", "text/turtle": "ttl", "application/ld+json": "jsonld",
           "application/n-triples": "nt", "application/rdf+xml": "rdf"}[media_type]
    assert answer.headers["content-location"] == f"/doc/{JATIM}.{ext}"
    assert "Accept" in answer.headers["vary"]
    if media_type in RDF_TYPES:
        graph = Graph().parse(data=answer.text, format=RDF_TYPES[media_type])
        assert (URIRef(BASE + "id/" + JATIM), None, None) in graph


def test_extensions_and_format_override_accept(url: str) -> None:
    for ext, media_type in (("ttl", "text/turtle"), ("jsonld", "application/ld+json"), ("nt", "application/n-triples"),
                            ("rdf", "application/rdf+xml"), ("html", "text/html")):
        answer = get(url, f"/doc/{JATIM}.{ext}", accept="image/png")  # the extension wins
        assert answer.status_code == 200 and answer.headers["content-type"].startswith(media_type)
        assert "content-location" not in answer.headers
    answer = get(url, f"/doc/{JATIM}?format=jsonld", accept="text/html")
    assert answer.headers["content-type"].startswith("application/ld+json")
    assert json.loads(answer.text)["@context"]["prefLabel"]["@container"] == "@language"


def test_document_headers_etag_304_link_cors(url: str) -> None:
    first = get(url, f"/doc/{JATIM}.ttl")
    etag = first.headers["etag"]
    assert etag.startswith('"') and etag.endswith('"') and not etag.startswith("W/")
    assert first.headers["cache-control"].startswith("public")
    link = first.headers["link"]
    for ext in ("html", "ttl", "jsonld", "nt", "rdf"):
        assert f"</doc/{JATIM}.{ext}>; rel=\"alternate\"" in link
    assert '<https://creativecommons.org/licenses/by/4.0/>; rel="license"' in link
    assert '</data/void.ttl>; rel="describedby"' in link
    assert f"<{BASE}id/dataset/anugerah>; rel=\"http://rdfs.org/ns/void#inDataset\"" in link
    assert first.headers["access-control-allow-origin"] == "*"
    assert "ETag" in first.headers["access-control-expose-headers"]
    again = get(url, f"/doc/{JATIM}.ttl", **{"if-none-match": etag})
    assert again.status_code == 304 and again.content == b"" and again.headers["etag"] == etag
    assert get(url, f"/doc/{JATIM}.ttl", **{"if-none-match": '"other"'}).status_code == 200
    negotiated = get(url, f"/doc/{JATIM}", accept="text/turtle", **{"if-none-match": etag})
    assert negotiated.status_code == 304
    head = httpx.head(url + f"/doc/{JATIM}.ttl", timeout=30)
    assert head.status_code == 200 and head.content == b"" and head.headers["etag"] == etag
    assert int(head.headers["content-length"]) == len(first.content)
    preflight = httpx.options(url + f"/doc/{JATIM}", headers={"origin": "https://example.org",
                                                             "access-control-request-method": "GET"})
    assert preflight.status_code == 204 and preflight.headers["access-control-allow-origin"] == "*"


def test_the_document_holds_incoming_relations(url: str) -> None:
    graph = Graph().parse(data=get(url, f"/doc/{JATIM}.ttl").text, format="turtle")
    agr = "https://w3id.org/anugerah/def/core#"
    received = set(graph.subjects(URIRef(agr + "recipient"), URIRef(BASE + "id/" + JATIM)))
    from anugerah.graph.store import Store

    store = Store.from_file(seed_dataset())
    expected = {r["r"] for r in store.select(f"SELECT ?r WHERE {{ ?r <{agr}recipient> <{BASE}id/{JATIM}> }}")}
    assert received == expected and expected


def test_bad_requests_are_4xx(url: str) -> None:
    assert get(url, "/id/org/no-such-entity").status_code == 404
    browser = get(url, "/id/org/no-such-entity", accept="text/html,*/*;q=0.8")
    assert browser.status_code == 404 and browser.headers["content-type"].startswith("text/html")
    assert get(url, "/id/def/core").status_code == 404  # the vocabulary is not a thing under /id/
    assert get(url, "/doc/org/no-such-entity.ttl").status_code == 404
    refused = get(url, f"/id/{JATIM}", accept="image/png")
    assert refused.status_code == 406
    assert "text/turtle" in refused.text and "application/ld+json" in refused.text  # the offers are listed
    assert get(url, f"/doc/{JATIM}", accept="application/pdf").status_code == 406
    assert get(url, f"/doc/{JATIM}?format=exe").status_code == 406
    hostile_paths = (
        "/id/../../etc/passwd", "/doc/..%2f..%2fetc%2fpasswd", "/id/org/%00", "/doc/org/x%0d%0aSet-Cookie:1",
        "/data/../../etc/passwd", "/data/..%2f..%2fREADME.txt", "/data/latest/../../x", "/id/" + "a" * 5000,
        "/def/core/../../../etc/passwd", "/graph/%2e%2e/x", "/id/org/pemprov-jatim.ttl",
    )
    for hostile in hostile_paths:
        answer = httpx.get(url + hostile, timeout=30)
        assert 400 <= answer.status_code < 500, (hostile, answer.status_code)


def test_the_ontology_dereferences(url: str) -> None:
    answer = get(url, "/def/core", accept="text/html")
    assert answer.status_code == 303 and answer.headers["location"] == "/doc/def/core"
    html = httpx.get(url + "/def/core", follow_redirects=True, timeout=60)
    assert html.headers["content-type"].startswith("text/html")
    assert "pyLODE" in html.text and "agr" in html.text and "Person / Orang" in html.text
    turtle = httpx.get(url + "/def/core", headers={"accept": "text/turtle"}, follow_redirects=True, timeout=60)
    assert turtle.headers["content-type"].startswith("text/turtle")
    graph = Graph().parse(data=turtle.text, format="turtle")
    ontology = URIRef("https://w3id.org/anugerah/def/core")
    assert (ontology, RDF.type, OWL.Ontology) in graph
    vann = "http://purl.org/vocab/vann/"
    dct = "http://purl.org/dc/terms/"
    for prop in (vann + "preferredNamespacePrefix", vann + "preferredNamespaceUri", dct + "title", dct + "creator",
                 dct + "license", dct + "modified", str(OWL.versionInfo), str(OWL.versionIRI)):
        assert graph.value(ontology, URIRef(prop)) is not None, prop
    version = str(graph.value(ontology, OWL.versionIRI))
    assert get(url, "/def/core/" + version.rsplit("/", 1)[1]).status_code == 303
    term = get(url, "/def/role/kepala-opd", accept="text/turtle")  # a SKOS concept (slash IRI)
    assert term.status_code == 303 and term.headers["location"] == "/doc/def/role/kepala-opd"


def test_catalog_void_and_downloads(url: str) -> None:
    for path, media_type in (("/catalog.ttl", "text/turtle"), ("/catalog.jsonld", "application/ld+json"),
                             ("/catalog.rdf", "application/rdf+xml"), ("/data/catalog.ttl", "text/turtle")):
        answer = get(url, path)
        assert answer.status_code == 200 and answer.headers["content-type"].startswith(media_type), path
        assert answer.headers["etag"] and answer.headers["last-modified"]
        assert get(url, path, **{"if-none-match": answer.headers["etag"]}).status_code == 304
    negotiated = get(url, "/catalog", accept="application/rdf+xml")
    assert negotiated.headers["content-type"].startswith("application/rdf+xml")
    void = get(url, "/.well-known/void")
    assert void.status_code == 303 and void.headers["location"] == "/data/void.ttl"
    assert httpx.get(url + "/.well-known/void", follow_redirects=True).headers["content-type"].startswith("text/turtle")
    page = get(url, "/data/")
    assert page.status_code == 200 and "SHA256SUMS" in page.text and "catalog.ttl" in page.text
    version = current_release(seed_publication()).name
    latest = get(url, "/data/latest/SHA256SUMS")
    assert latest.status_code == 302 and latest.headers["location"] == f"/data/{version}/SHA256SUMS"
    dump = get(url, f"/data/{version}/anugerah.nt.gz")
    assert dump.headers["content-type"] == "application/gzip"
    assert "immutable" in dump.headers["cache-control"]
    sums = get(url, f"/data/{version}/SHA256SUMS").text
    import hashlib

    assert f"{hashlib.sha256(dump.content).hexdigest()}  anugerah.nt.gz" in sums
    csv = get(url, f"/data/{version}/recognitions.csv")
    assert csv.headers["content-type"].startswith("text/csv") and "header=present" in csv.headers["content-type"]
    dataset_doc = httpx.get(url + "/id/dataset/anugerah", headers={"accept": "text/turtle"}, follow_redirects=True)
    assert dataset_doc.status_code == 200
    assert "http://www.w3.org/ns/dcat#Dataset" in Graph().parse(data=dataset_doc.text).serialize(format="nt")


def test_a_client_can_follow_every_iri_in_the_dumps(url: str) -> None:
    """Every IRI of ours in the dataset (things, fragments, vocabulary, named graphs) dereferences to a document
    that says something about it."""
    dataset = Dataset()
    dataset.parse(seed_dataset(), format="nquads")
    site = Site(Base(BASE))
    iris: set[str] = set()
    for s, p, o, g in dataset.quads((None, None, None, None)):
        for term in (s, p, o, g.identifier if isinstance(g, Graph) else g):
            if isinstance(term, URIRef) and site.doc_path(str(term)):
                iris.add(str(term))
    assert len(iris) > 20
    started = time.monotonic()
    with httpx.Client(base_url=url, timeout=60, headers={"accept": "application/n-triples"}) as client:
        for iri in sorted(iris):
            resource = iri.split("#", 1)[0]
            local = "/" + resource[len(BASE):]
            if resource.startswith("https://w3id.org/anugerah/def/"):
                local = "/def/" + resource[len("https://w3id.org/anugerah/def/"):]
            answer = client.get(local)
            assert answer.status_code == 303, (iri, answer.status_code)
            document = client.get(answer.headers["location"])
            assert document.status_code == 200, (iri, document.status_code)
            assert f"<{iri}>" in document.text or resource.endswith("/def/core"), iri
    elapsed = time.monotonic() - started
    assert elapsed < 240, f"{len(iris)} IRIs took {elapsed:.1f} s"
