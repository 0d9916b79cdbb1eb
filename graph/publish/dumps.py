"""The dumps of one release: every serialisation of the dataset, gzipped reproducibly, with their SHA-256.

| file | what |
|---|---|
| ``anugerah.trig.gz`` | all named graphs, TriG |
| ``anugerah.nq.gz`` | all named graphs, N-Quads (sorted lines) |
| ``anugerah.nt.gz`` | the union of the graphs, N-Triples (sorted lines, each triple once) |
| ``anugerah.ttl.gz`` | the union of the graphs, Turtle |
| ``anugerah.jsonld.gz`` | all named graphs, JSON-LD with the friendly context (language maps, short names) |
| ``recognitions.csv`` (and ``.gz``) | one row per recognition and recipient, with labels and the quote behind it |

gzip headers carry no time and no file name, so the same dataset always gives the same bytes.
"""

from __future__ import annotations

import gzip
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass

from rdflib import Dataset

from ..namespaces import Base
from ..serialize import to_nquads, to_trig, to_turtle
from .rdf_formats import dataset_jsonld

__all__ = ["DumpFile", "checksums_text", "gzip_bytes", "rdf_dumps"]

IANA = "http://www.iana.org/assignments/media-types/"
FILE_TYPE = "http://publications.europa.eu/resource/authority/file-type/"


@dataclass(frozen=True)
class DumpFile:
    name: str
    data: bytes
    media_type: str  # of the content (before compression)
    file_type: str  # EU file-type authority code
    conforms_to: str  # the format's specification
    title_id: str
    title_en: str
    description_id: str
    description_en: str
    compressed: bool = True
    rdf: bool = True  # an RDF serialisation (VoID lists it as a data dump)

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()

    @property
    def size(self) -> int:
        return len(self.data)

    @property
    def media_type_iri(self) -> str:
        return IANA + self.media_type

    @property
    def file_type_iri(self) -> str:
        return FILE_TYPE + self.file_type


def gzip_bytes(data: bytes) -> bytes:
    """gzip with no time stamp and no file name in the header: reproducible."""
    return gzip.compress(data, compresslevel=9, mtime=0)


def _union_ntriples(nquads: str) -> str:
    """Sorted N-Triples of the union of the graphs, from sorted N-Quads lines (the graph term dropped)."""
    lines = set()
    for line in nquads.splitlines():
        if not line.strip():
            continue
        body = line.rstrip()
        assert body.endswith(" .")
        body = body[:-2].rstrip()
        # The graph name is the last term: an IRI in <…> (rdflib writes no blank-node graph names here).
        if body.endswith(">"):
            body = body[: body.rfind(" <")]
        lines.add(body + " .")
    return "\n".join(sorted(lines)) + "\n"


def rdf_dumps(dataset: Dataset, base: Base) -> list[DumpFile]:
    nquads = to_nquads(dataset)
    texts = [
        ("anugerah.trig.gz", to_trig(dataset, base), "application/trig", "RDF_TRIG",
         "https://www.w3.org/TR/trig/", "Graf bernama (TriG)", "Named graphs (TriG)",
         "Seluruh graf bernama: satu graf per sumber berita, graf referensi, ontologi dan kosakata.",
         "Every named graph: one graph per news source, the reference graph, the ontology and the vocabularies."),
        ("anugerah.nq.gz", nquads, "application/n-quads", "RDF_N_QUADS",
         "https://www.w3.org/TR/n-quads/", "Graf bernama (N-Quads)", "Named graphs (N-Quads)",
         "Seluruh graf bernama, satu quad per baris, baris terurut.",
         "Every named graph, one quad per line, lines sorted."),
        ("anugerah.nt.gz", _union_ntriples(nquads), "application/n-triples", "RDF_N_TRIPLES",
         "https://www.w3.org/TR/n-triples/", "Gabungan graf (N-Triples)", "Union graph (N-Triples)",
         "Gabungan seluruh graf, satu tripel per baris, baris terurut.",
         "The union of all graphs, one triple per line, lines sorted."),
        ("anugerah.ttl.gz", to_turtle(dataset, base), "text/turtle", "RDF_TURTLE",
         "https://www.w3.org/TR/turtle/", "Gabungan graf (Turtle)", "Union graph (Turtle)",
         "Gabungan seluruh graf dalam Turtle.", "The union of all graphs in Turtle."),
        ("anugerah.jsonld.gz", dataset_jsonld(dataset, base), "application/ld+json", "JSON_LD",
         "https://www.w3.org/TR/json-ld11/", "Graf bernama (JSON-LD)", "Named graphs (JSON-LD)",
         "Seluruh graf bernama dalam JSON-LD dengan konteks ramah: nama pendek dan label per bahasa.",
         "Every named graph in JSON-LD with a friendly context: short names and labels by language."),
    ]
    return [
        DumpFile(name, gzip_bytes(text.encode("utf-8")), media, code, spec, t_id, t_en, d_id, d_en)
        for name, text, media, code, spec, t_id, t_en, d_id, d_en in texts
    ]


def checksums_text(files: Iterable[DumpFile]) -> str:
    """``SHA256SUMS`` as ``sha256sum -c`` reads it."""
    return "".join(f"{f.sha256}  {f.name}\n" for f in sorted(files, key=lambda f: f.name))
