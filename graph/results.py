"""SPARQL result serialisation: SELECT/ASK as SPARQL JSON, XML, CSV, TSV; CONSTRUCT/DESCRIBE as RDF.

The tabular writers are written here (not pyoxigraph's ``QuerySolutions.serialize``) because the endpoint
caps the rows it returns and says so: in SPARQL JSON a truncated result carries a top-level member
``"anugerah": {"truncated": true, "rowLimit": N}`` (clients ignore unknown members); the other formats have no
place for it and rely on the HTTP header the API adds. Formats follow the W3C Recommendations
"SPARQL 1.1 Query Results JSON Format", "SPARQL Query Results XML Format (Second Edition)" and
"SPARQL 1.1 Query Results CSV and TSV Formats". Graphs are written by pyoxigraph.

Terms are pyoxigraph terms (``NamedNode``, ``BlankNode``, ``Literal``, ``Triple``); an unbound value is None.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping, Sequence

import pyoxigraph as ox

__all__ = [
    "BOOLEAN_MEDIA_TYPES",
    "FORMAT_IRIS",
    "RDF_MEDIA_TYPES",
    "SOLUTIONS_MEDIA_TYPES",
    "media_types_for",
    "serialize_boolean",
    "serialize_graph",
    "serialize_solutions",
]

JSON = "application/sparql-results+json"
XML = "application/sparql-results+xml"
CSV = "text/csv"
TSV = "text/tab-separated-values"
TURTLE = "text/turtle"
NTRIPLES = "application/n-triples"
JSONLD = "application/ld+json"
RDFXML = "application/rdf+xml"
TRIG = "application/trig"
NQUADS = "application/n-quads"

# In order of preference: the first is the default.
SOLUTIONS_MEDIA_TYPES: tuple[str, ...] = (JSON, XML, CSV, TSV)
BOOLEAN_MEDIA_TYPES: tuple[str, ...] = (JSON, XML)
RDF_MEDIA_TYPES: tuple[str, ...] = (TURTLE, NTRIPLES, JSONLD, RDFXML, TRIG, NQUADS)

_RDF_FORMATS: dict[str, ox.RdfFormat] = {
    TURTLE: ox.RdfFormat.TURTLE,
    NTRIPLES: ox.RdfFormat.N_TRIPLES,
    JSONLD: ox.RdfFormat.JSON_LD,
    RDFXML: ox.RdfFormat.RDF_XML,
    TRIG: ox.RdfFormat.TRIG,
    NQUADS: ox.RdfFormat.N_QUADS,
}

# The W3C "Unique URIs for File Formats" (https://www.w3.org/ns/formats/), for sd:resultFormat.
FORMAT_IRIS: dict[str, str] = {
    JSON: "http://www.w3.org/ns/formats/SPARQL_Results_JSON",
    XML: "http://www.w3.org/ns/formats/SPARQL_Results_XML",
    CSV: "http://www.w3.org/ns/formats/SPARQL_Results_CSV",
    TSV: "http://www.w3.org/ns/formats/SPARQL_Results_TSV",
    TURTLE: "http://www.w3.org/ns/formats/Turtle",
    NTRIPLES: "http://www.w3.org/ns/formats/N-Triples",
    JSONLD: "http://www.w3.org/ns/formats/JSON-LD",
    RDFXML: "http://www.w3.org/ns/formats/RDF_XML",
    TRIG: "http://www.w3.org/ns/formats/TriG",
    NQUADS: "http://www.w3.org/ns/formats/N-Quads",
}

_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"
_RDF_DIR_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#dirLangString"
_PLAIN_DATATYPES = {_XSD_STRING, _RDF_LANG_STRING, _RDF_DIR_LANG_STRING}
# Characters XML 1.0 cannot carry at all (not even as character references).
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_CSV_NEEDS_QUOTES = re.compile(r'[",\r\n]')


def media_types_for(form: str) -> tuple[str, ...]:
    """The media types offered for a query form ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE"), default first."""
    if form == "SELECT":
        return SOLUTIONS_MEDIA_TYPES
    if form == "ASK":
        return BOOLEAN_MEDIA_TYPES
    if form in ("CONSTRUCT", "DESCRIBE"):
        return RDF_MEDIA_TYPES
    raise ValueError(f"unknown query form {form!r}")


# --- SPARQL JSON ---------------------------------------------------------------------------------------------


def _json_term(term: object) -> dict[str, object]:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        out: dict[str, object] = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
            direction = getattr(term, "direction", None)
            if direction is not None:
                out["its:dir"] = str(direction.value if hasattr(direction, "value") else direction).lower()
        elif term.datatype.value not in _PLAIN_DATATYPES:
            out["datatype"] = term.datatype.value
        return out
    if isinstance(term, ox.Triple):  # SPARQL 1.2 triple terms
        return {
            "type": "triple",
            "value": {
                "subject": _json_term(term.subject),
                "predicate": _json_term(term.predicate),
                "object": _json_term(term.object),
            },
        }
    raise TypeError(f"not an RDF term: {term!r}")


def _solutions_json(
    variables: Sequence[str], rows: Iterable[Sequence[object]], truncated: bool, limit: int | None
) -> bytes:
    bindings = [
        {name: _json_term(value) for name, value in zip(variables, row, strict=True) if value is not None}
        for row in rows
    ]
    document: dict[str, object] = {"head": {"vars": list(variables)}, "results": {"bindings": bindings}}
    if truncated:
        document["anugerah"] = {"truncated": True, "rowLimit": limit}
    return json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


# --- SPARQL XML ----------------------------------------------------------------------------------------------


def _xml_text(text: str) -> str:
    text = _XML_INVALID.sub("\ufffd", text)
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _xml_attr(text: str) -> str:
    return _xml_text(text).replace('"', "&quot;").replace("\r", "&#13;").replace("\n", "&#10;").replace("\t", "&#9;")


def _xml_term(term: object) -> str:
    if isinstance(term, ox.NamedNode):
        return f"<uri>{_xml_text(term.value)}</uri>"
    if isinstance(term, ox.BlankNode):
        return f"<bnode>{_xml_text(term.value)}</bnode>"
    if isinstance(term, ox.Literal):
        # Carriage returns would be normalised away by XML parsers: keep them as character references.
        value = _xml_text(term.value).replace("\r", "&#13;")
        if term.language:
            return f'<literal xml:lang="{_xml_attr(term.language)}">{value}</literal>'
        if term.datatype.value not in _PLAIN_DATATYPES:
            return f'<literal datatype="{_xml_attr(term.datatype.value)}">{value}</literal>'
        return f"<literal>{value}</literal>"
    if isinstance(term, ox.Triple):
        return (
            f"<triple><subject>{_xml_term(term.subject)}</subject><predicate>{_xml_term(term.predicate)}</predicate>"
            f"<object>{_xml_term(term.object)}</object></triple>"
        )
    raise TypeError(f"not an RDF term: {term!r}")


_XML_HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">\n'


def _solutions_xml(variables: Sequence[str], rows: Iterable[Sequence[object]]) -> bytes:
    parts = [_XML_HEAD, "<head>"]
    parts.extend(f'<variable name="{_xml_attr(name)}"/>' for name in variables)
    parts.append("</head>\n<results>\n")
    for row in rows:
        parts.append("<result>")
        for name, value in zip(variables, row, strict=True):
            if value is not None:
                parts.append(f'<binding name="{_xml_attr(name)}">{_xml_term(value)}</binding>')
        parts.append("</result>\n")
    parts.append("</results>\n</sparql>\n")
    return "".join(parts).encode("utf-8")


# --- CSV and TSV ---------------------------------------------------------------------------------------------


def _csv_field(text: str) -> str:
    return f'"{text.replace(chr(34), chr(34) * 2)}"' if _CSV_NEEDS_QUOTES.search(text) else text


def _csv_term(term: object) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode | ox.Literal):
        return _csv_field(term.value)
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    return _csv_field(_tsv_term(term))


def _solutions_csv(variables: Sequence[str], rows: Iterable[Sequence[object]]) -> bytes:
    lines = [",".join(_csv_field(name) for name in variables)]
    lines.extend(",".join(_csv_term(value) for value in row) for row in rows)
    return ("\r\n".join(lines) + "\r\n").encode("utf-8")


def _tsv_literal(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
    return '"' + escaped.replace("\t", "\\t") + '"'


def _tsv_term(term: object) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        return f"<{term.value}>"
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    if isinstance(term, ox.Literal):
        if term.language:
            return f"{_tsv_literal(term.value)}@{term.language}"
        if term.datatype.value not in _PLAIN_DATATYPES:
            return f"{_tsv_literal(term.value)}^^<{term.datatype.value}>"
        return _tsv_literal(term.value)
    if isinstance(term, ox.Triple):
        return f"<<( {_tsv_term(term.subject)} {_tsv_term(term.predicate)} {_tsv_term(term.object)} )>>"
    raise TypeError(f"not an RDF term: {term!r}")


def _solutions_tsv(variables: Sequence[str], rows: Iterable[Sequence[object]]) -> bytes:
    lines = ["\t".join(f"?{name}" for name in variables)]
    lines.extend("\t".join(_tsv_term(value) for value in row) for row in rows)
    return ("\n".join(lines) + "\n").encode("utf-8")


# --- entry points --------------------------------------------------------------------------------------------


def serialize_solutions(
    variables: Sequence[str],
    rows: Iterable[Sequence[object]],
    media_type: str,
    *,
    truncated: bool = False,
    row_limit: int | None = None,
) -> bytes:
    """A SELECT result (``rows`` aligned with ``variables``) in one of SOLUTIONS_MEDIA_TYPES."""
    if media_type == JSON:
        return _solutions_json(variables, rows, truncated, row_limit)
    if media_type == XML:
        return _solutions_xml(variables, rows)
    if media_type == CSV:
        return _solutions_csv(variables, rows)
    if media_type == TSV:
        return _solutions_tsv(variables, rows)
    raise ValueError(f"no SELECT result serialiser for {media_type!r}")


def serialize_boolean(value: bool, media_type: str) -> bytes:
    """An ASK result in one of BOOLEAN_MEDIA_TYPES."""
    if media_type == JSON:
        return json.dumps({"head": {}, "boolean": bool(value)}).encode("utf-8")
    if media_type == XML:
        return f"{_XML_HEAD}<head/>\n<boolean>{'true' if value else 'false'}</boolean>\n</sparql>\n".encode()
    raise ValueError(f"no ASK result serialiser for {media_type!r}")


def serialize_graph(
    triples: Iterable[ox.Triple], media_type: str, *, prefixes: Mapping[str, str] | None = None
) -> bytes:
    """A CONSTRUCT/DESCRIBE result in one of RDF_MEDIA_TYPES (TriG and N-Quads put it in the default graph)."""
    rdf_format = _RDF_FORMATS.get(media_type)
    if rdf_format is None:
        raise ValueError(f"no RDF serialiser for {media_type!r}")
    items: Iterable[ox.Triple | ox.Quad] = triples
    if rdf_format in (ox.RdfFormat.TRIG, ox.RdfFormat.N_QUADS):
        items = [ox.Quad(t.subject, t.predicate, t.object, ox.DefaultGraph()) for t in triples]
    use_prefixes = dict(prefixes) if prefixes and rdf_format in (ox.RdfFormat.TURTLE, ox.RdfFormat.TRIG) else None
    data = ox.serialize(items, format=rdf_format, prefixes=use_prefixes)
    assert data is not None
    return data
