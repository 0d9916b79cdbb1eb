"""Names of everything, read once per engine: labels in Indonesian and English, and short names for sentences.

One query over ``skos:prefLabel``, ``skos:altLabel`` and ``rdfs:label`` of every IRI (things, classes,
properties, concepts) builds a ``Names`` table that every entity page of that engine reuses.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, RDFS, SKOS

from ..entities import select

__all__ = ["Name", "Names", "names_with_graph", "read_names"]

SHORT_NAME_CHARS = 40  # a preferred label longer than this is replaced by an abbreviation in sentences

_NAMES = """
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX dct: <http://purl.org/dc/terms/>
SELECT ?s ?p ?o WHERE {
  VALUES ?p { skos:prefLabel skos:altLabel rdfs:label dct:title }
  ?s ?p ?o .
  FILTER (isIRI(?s) && isLiteral(?o))
}
"""


@dataclass
class Name:
    """The names of one IRI: preferred labels by language (``""`` for untagged), alternative labels by language."""

    pref: dict[str, str] = field(default_factory=dict)
    alt: dict[str, list[str]] = field(default_factory=dict)

    def label(self, lang: str = "id") -> str | None:
        """The preferred label in ``lang``, else Indonesian, else English, else untagged."""
        for key in (lang, "id", "en", ""):
            if key in self.pref:
                return self.pref[key]
        return None

    def own(self, lang: str) -> str | None:
        """The preferred label in exactly ``lang`` (None when the data gives none)."""
        return self.pref.get(lang)

    def short(self, lang: str = "id") -> str | None:
        """A name for running text: the preferred label, or, when that is long, the abbreviation that keeps its
        first word ("Menteri PAN-RB" for "Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi")."""
        full = self.label(lang)
        if full is None or len(full) <= SHORT_NAME_CHARS:
            return full
        alts = self.alt.get(lang) or ([] if lang == "en" else self.alt.get("", []))
        if not alts and lang == "en":
            return self.short("id") if self.own("en") is None else full
        first = full.split()[0].lower()
        same_head = [a for a in alts if a.split() and a.split()[0].lower() == first and len(a) < len(full)]
        candidates = same_head or [a for a in alts if len(a) < len(full)]
        if not candidates:
            return full
        # Official abbreviations are written with a hyphen (PAN-RB); then the shorter, then alphabetical.
        return min(candidates, key=lambda a: ("-" not in a, len(a), a))


class Names:
    """Label lookups over a name table; an unknown IRI falls back to the last segment of its path."""

    def __init__(self, table: dict[str, Name]) -> None:
        self._table = table

    def __contains__(self, iri: object) -> bool:
        return iri in self._table

    def get(self, iri: str) -> Name:
        return self._table.get(iri, Name())

    def label(self, iri: str, lang: str = "id") -> str:
        return self.get(iri).label(lang) or _fallback(iri)

    def short(self, iri: str, lang: str = "id") -> str:
        return self.get(iri).short(lang) or _fallback(iri)

    def own(self, iri: str, lang: str) -> str | None:
        return self.get(iri).own(lang)

    def alt(self, iri: str, lang: str = "id") -> list[str]:
        return sorted(self.get(iri).alt.get(lang, []))


def _fallback(iri: str) -> str:
    tail = iri.rstrip("/").rsplit("#", 1)[-1]
    return tail.rsplit("/", 1)[-1] or iri


_RANK = {str(SKOS.prefLabel): 0, str(RDFS.label): 1, str(DCTERMS.title): 2}

# Labels for the properties of other vocabularies that pages show (the data carries the labels of its own terms).
_KNOWN: dict[str, tuple[str, str]] = {
    "https://schema.org/about": ("tentang", "about"),
    "https://schema.org/url": ("alamat web", "URL"),
    "https://schema.org/publisher": ("penerbit", "publisher"),
    "https://schema.org/inLanguage": ("bahasa", "language"),
    "https://schema.org/datePublished": ("tanggal terbit", "date published"),
    "https://schema.org/dateModified": ("tanggal diubah", "date modified"),
    "http://purl.org/dc/terms/title": ("judul", "title"),
    "http://purl.org/dc/terms/description": ("deskripsi", "description"),
    "http://purl.org/dc/elements/1.1/creator": ("penulis", "author"),
    "http://www.w3.org/ns/prov#wasDerivedFrom": ("diturunkan dari", "derived from"),
    "http://www.w3.org/ns/oa#hasSource": ("sumber", "source"),
    "http://www.w3.org/ns/oa#hasSelector": ("pemilih teks", "selector"),
    "http://www.w3.org/ns/oa#exact": ("kutipan", "quote"),
    "http://www.w3.org/ns/oa#prefix": ("teks sebelum", "text before"),
    "http://www.w3.org/ns/oa#suffix": ("teks sesudah", "text after"),
    "http://www.w3.org/ns/oa#start": ("awal", "start"),
    "http://www.w3.org/ns/oa#end": ("akhir", "end"),
    "http://www.w3.org/ns/org#postIn": ("jabatan di", "post in"),
    "http://www.w3.org/ns/org#unitOf": ("unit dari", "unit of"),
    "http://www.w3.org/ns/org#subOrganizationOf": ("bagian dari", "sub-organisation of"),
    "http://www.w3.org/ns/org#role": ("peran", "role"),
    "http://www.w3.org/ns/org#roleProperty": ("properti peran", "role property"),
    "http://xmlns.com/foaf/0.1/homepage": ("laman", "homepage"),
    "http://www.w3.org/2004/02/skos/core#inScheme": ("dalam skema", "in scheme"),
    "http://www.w3.org/2004/02/skos/core#topConceptOf": ("konsep puncak dari", "top concept of"),
    "http://www.w3.org/2004/02/skos/core#notation": ("notasi", "notation"),
    "http://www.w3.org/2004/02/skos/core#definition": ("definisi", "definition"),
    "http://www.w3.org/2004/02/skos/core#closeMatch": ("padanan dekat", "close match"),
    "http://www.w3.org/2004/02/skos/core#exactMatch": ("padanan tepat", "exact match"),
    "http://www.w3.org/2000/01/rdf-schema#isDefinedBy": ("didefinisikan oleh", "defined by"),
    "http://www.w3.org/2000/01/rdf-schema#subClassOf": ("subkelas dari", "subclass of"),
    "http://www.w3.org/2000/01/rdf-schema#subPropertyOf": ("subproperti dari", "subproperty of"),
    "http://www.w3.org/2000/01/rdf-schema#domain": ("domain", "domain"),
    "http://www.w3.org/2000/01/rdf-schema#range": ("jangkauan", "range"),
    "http://www.w3.org/2000/01/rdf-schema#comment": ("keterangan", "comment"),
    "http://www.w3.org/2002/07/owl#sameAs": ("sama dengan", "same as"),
}


def read_names(engine: Any, timeout_s: float | None = None) -> Names:
    table = _table(select(engine, _NAMES, timeout_s=timeout_s))
    for iri, (label_id, label_en) in _KNOWN.items():
        name = table.setdefault(iri, Name())
        name.pref.setdefault("id", label_id)
        name.pref.setdefault("en", label_en)
    return Names(table)


def _table(rows: Iterable[dict[str, Any]]) -> dict[str, Name]:
    table: dict[str, Name] = {}
    # skos:prefLabel wins over rdfs:label; the alphabetically first of several labels, for determinism.
    ranked: dict[tuple[str, str], tuple[int, str]] = {}
    for row in rows:
        iri, prop, value = str(row["s"]), row["p"], row["o"]
        lang = (value.language or "") if isinstance(value, Literal) else ""
        name = table.setdefault(iri, Name())
        if prop == SKOS.altLabel:
            alts = name.alt.setdefault(lang, [])
            if str(value) not in alts:
                alts.append(str(value))
            continue
        rank = (_RANK.get(str(prop), 3), str(value))
        if (iri, lang) not in ranked or rank < ranked[(iri, lang)]:
            ranked[(iri, lang)] = rank
            name.pref[lang] = str(value)
    for name in table.values():
        for alts in name.alt.values():
            alts.sort()
    return table


_TITLE_PROPERTIES = (
    "http://www.w3.org/2004/02/skos/core#prefLabel",
    "http://www.w3.org/2000/01/rdf-schema#label",
    "http://purl.org/dc/terms/title",
    "http://xmlns.com/foaf/0.1/name",
    "http://www.w3.org/2006/vcard/ns#fn",
)


def names_with_graph(names: Names, graph: Any) -> Names:
    """``names`` plus the titles and names a graph gives its IRIs (the catalog's dataset, distributions…)."""
    rows = []
    for prop in _TITLE_PROPERTIES:
        for subject, value in graph.subject_objects(URIRef(prop)):
            if isinstance(subject, URIRef) and isinstance(value, Literal):
                rows.append({"s": subject, "p": SKOS.prefLabel, "o": value})
    extra = _table(rows)
    merged = dict(names._table)
    for iri, name in extra.items():
        merged.setdefault(iri, name)
    return Names(merged)
