"""Entities and their facts, read through an engine: the index behind search, an entity's page, who awarded whom.

Everything here uses only ``engine.select`` with plain SPARQL 1.1, so it runs on the embedded engine and on a
remote endpoint alike. Values are passed as RDF terms in ``bindings`` (never pasted into query text), and
every bound variable is projected and used in a mandatory triple pattern, so the answer is the same whether the
engine substitutes the term or joins it in as ``VALUES``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from rdflib import Literal, URIRef
from rdflib.namespace import RDF, SKOS, XSD
from rdflib.term import Node

from .namespaces import AGR, PREFIXES, Base

__all__ = [
    "AWARD_COLUMNS",
    "KINDS",
    "EntityRecord",
    "UnknownEntity",
    "all_labels",
    "award_rows",
    "awards",
    "awards_query",
    "curie",
    "entity_facts",
    "entity_index",
    "evidence_by_fact",
    "kind_of",
    "select",
    "term_value",
]

_PREFIX_BLOCK = """\
PREFIX agr: <https://w3id.org/anugerah/def/core#>
PREFIX dct: <http://purl.org/dc/terms/>
PREFIX oa: <http://www.w3.org/ns/oa#>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX prole: <https://w3id.org/anugerah/def/participation-role/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX schema: <https://schema.org/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
"""

# The kind of an entity, from its most specific known class. Order matters: the first class that matches wins.
_KIND_OF_CLASS: dict[str, str] = {
    str(AGR.Person): "person",
    str(AGR.AgentGroup): "group",
    str(AGR.Ministry): "organisation",
    str(AGR.RegionalGovernment): "organisation",
    str(AGR.RegionalAgency): "organisation",
    str(AGR.PublicOrganisation): "organisation",
    str(AGR.Publisher): "organisation",
    str(AGR.Office): "office",
    str(AGR.AwardEdition): "award",
    str(AGR.Award): "award",
    str(AGR.AwardCeremony): "event",
    str(AGR.Exhibition): "event",
    str(AGR.Event): "event",
    str(AGR.Place): "place",
    str(AGR.Region): "region",
    str(AGR.Grade): "grade",
    str(AGR.AwardCategory): "category",
    str(AGR.Innovation): "work",
    str(AGR.EvaluationInstrument): "instrument",
    str(SKOS.ConceptScheme): "scheme",
    "http://www.w3.org/ns/org#Organization": "organisation",
    "http://xmlns.com/foaf/0.1/Person": "person",
    "http://xmlns.com/foaf/0.1/Group": "group",
    "http://www.w3.org/ns/org#Post": "office",
}
KINDS: tuple[str, ...] = (*dict.fromkeys(_KIND_OF_CLASS.values()), "other")


class UnknownEntity(LookupError):
    """No statement in the dataset has this IRI as subject or object."""


def select(
    engine: Any, query: str, bindings: Mapping[str, Node] | None = None, timeout_s: float | None = None
) -> list[dict[str, Node]]:
    """``engine.select`` passing ``timeout_s`` only when given (so a bare ``Store`` works as an engine too)."""
    if timeout_s is None:
        return engine.select(query, dict(bindings) if bindings else None)
    return engine.select(query, dict(bindings) if bindings else None, timeout_s=timeout_s)


def curie(iri: str) -> str:
    """``agr:Person`` for a vocabulary IRI under a known prefix; otherwise the IRI itself."""
    best, name = "", iri
    for prefix, namespace in PREFIXES.items():
        if iri.startswith(namespace) and len(namespace) > len(best) and len(iri) > len(namespace):
            best, name = namespace, f"{prefix}:{iri[len(namespace):]}"
    return name


def term_value(term: Node | None) -> Any:
    """A JSON-friendly value: an IRI as its string, a number as a number, a boolean, anything else as text."""
    if term is None:
        return None
    if isinstance(term, Literal):
        datatype = str(term.datatype) if term.datatype else ""
        if datatype.startswith(str(XSD)):
            local = datatype[len(str(XSD)) :]
            if local in _INTEGER_TYPES:
                try:
                    return int(str(term))
                except ValueError:
                    return str(term)
            if local in ("decimal", "double", "float"):
                try:
                    return float(str(term))
                except ValueError:
                    return str(term)
            if local == "boolean":
                return str(term) in ("true", "1")
        return str(term)
    return str(term)


_INTEGER_TYPES = {
    "integer", "int", "long", "short", "byte", "nonNegativeInteger", "positiveInteger", "nonPositiveInteger",
    "negativeInteger", "unsignedLong", "unsignedInt", "unsignedShort", "unsignedByte",
}


def _s(row: Mapping[str, Node], name: str) -> str | None:
    value = row.get(name)
    return None if value is None else str(value)


def _lang(term: Node | None) -> str | None:
    return term.language if isinstance(term, Literal) else None


# --------------------------------------------------------------------------------------------------------------
# The entity index
# --------------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class EntityRecord:
    """One named entity: its IRI, classes (most specific first), kind, and names in Indonesian and English."""

    iri: str
    types: tuple[str, ...]
    kind: str
    label_id: str | None = None
    label_en: str | None = None
    alt_id: tuple[str, ...] = ()
    alt_en: tuple[str, ...] = ()

    @property
    def type(self) -> str | None:
        """The most specific class, as a CURIE (``agr:RegionalAgency``)."""
        return curie(self.types[0]) if self.types else None

    @property
    def label(self) -> str:
        return self.label_id or self.label_en or self.iri

    def local_id(self, base: Base | None = None) -> str | None:
        prefix = (base or Base()).id
        return self.iri[len(prefix) :] if self.iri.startswith(prefix) else None

    def names(self) -> list[tuple[str, str]]:
        """Every name with where it comes from: ``label_id``, ``label_en``, ``alt_id`` or ``alt_en``."""
        out: list[tuple[str, str]] = []
        if self.label_id:
            out.append((self.label_id, "label_id"))
        if self.label_en:
            out.append((self.label_en, "label_en"))
        out += [(name, "alt_id") for name in self.alt_id]
        out += [(name, "alt_en") for name in self.alt_en]
        return out

    def to_dict(self, base: Base | None = None) -> dict[str, Any]:
        return {
            "iri": self.iri,
            "id": self.local_id(base),
            "type": self.type,
            "types": [curie(t) for t in self.types],
            "kind": self.kind,
            "label_id": self.label_id,
            "label_en": self.label_en,
            "alt_id": list(self.alt_id),
            "alt_en": list(self.alt_en),
        }


_INDEX_NAMES = (
    _PREFIX_BLOCK
    + """
SELECT ?entity ?property ?name
WHERE {
  VALUES ?property { skos:prefLabel skos:altLabel }
  ?entity ?property ?name .
}
"""
)

_INDEX_TYPES = (
    _PREFIX_BLOCK
    + """
SELECT DISTINCT ?entity ?type
WHERE {
  ?entity skos:prefLabel ?name .
  ?entity a ?type .
}
"""
)

# The class hierarchy (from the ontology graph, when the engine serves it): which class is more specific.
_HIERARCHY = (
    _PREFIX_BLOCK
    + """
SELECT DISTINCT ?class ?super
WHERE {
  ?class rdfs:subClassOf+ ?super .
  FILTER (isIRI(?class) && isIRI(?super))
}
"""
)


def _hierarchy(engine: Any, timeout_s: float | None) -> dict[str, set[str]]:
    supers: dict[str, set[str]] = {}
    for row in select(engine, _HIERARCHY, timeout_s=timeout_s):
        supers.setdefault(str(row["class"]), set()).add(str(row["super"]))
    return supers


def kind_of(types: Iterable[str], supers: Mapping[str, set[str]] | None = None) -> str:
    """The entity kind (``person``, ``organisation``, ``office``, ``award``, ``event``, ...) of a set of classes."""
    types = list(types)
    for cls in _KIND_OF_CLASS:
        if cls in types:
            return _KIND_OF_CLASS[cls]
    for cls in _KIND_OF_CLASS:
        if any(cls in (supers or {}).get(t, ()) for t in types):
            return _KIND_OF_CLASS[cls]
    return "other"


def _order_types(types: Iterable[str], supers: Mapping[str, set[str]]) -> tuple[str, ...]:
    """Most specific first (a class before its superclasses), then agr: classes, then by IRI."""
    types = sorted(set(types))

    def key(t: str) -> tuple[int, int, str]:
        depth = len(supers.get(t, ()))
        return (-depth, 0 if t.startswith(str(AGR)) else 1, t)

    return tuple(sorted(types, key=key))


def entity_index(engine: Any, base: Base | None = None, timeout_s: float | None = None) -> list[EntityRecord]:
    """Every typed entity under the data base that has a ``skos:prefLabel``, with its names, sorted by IRI.

    Fact and provenance nodes (recognitions, participations, tenures, evidence, sources) carry no label and are
    not entities here; events and unnamed groups are (they have labels).
    """
    prefix = (base or Base()).id
    supers = _hierarchy(engine, timeout_s)
    types: dict[str, set[str]] = {}
    for row in select(engine, _INDEX_TYPES, timeout_s=timeout_s):
        iri = str(row["entity"])
        if isinstance(row["entity"], URIRef) and iri.startswith(prefix):
            types.setdefault(iri, set()).add(str(row["type"]))
    names: dict[str, dict[str, list[str]]] = {}
    for row in select(engine, _INDEX_NAMES, timeout_s=timeout_s):
        iri = str(row["entity"])
        if iri not in types:
            continue
        lang = _lang(row["name"]) or ""
        slot = ("pref_" if row["property"] == SKOS.prefLabel else "alt_") + lang
        names.setdefault(iri, {}).setdefault(slot, []).append(str(row["name"]))
    records = []
    for iri in sorted(types):
        n = names.get(iri, {})
        ordered = _order_types(types[iri], supers)
        label_id = min(n.get("pref_id", []) or [""]) or None
        label_en = min(n.get("pref_en", []) or [""]) or None
        if label_id is None and label_en is None:  # a label without a language tag
            label_id = min(n.get("pref_", []) or [""]) or None
        records.append(
            EntityRecord(
                iri=iri,
                types=ordered,
                kind=kind_of(ordered, supers),
                label_id=label_id,
                label_en=label_en,
                alt_id=tuple(sorted(set(n.get("alt_id", []) + n.get("alt_", [])))),
                alt_en=tuple(sorted(set(n.get("alt_en", [])))),
            )
        )
    return records


_ALL_LABELS = (
    _PREFIX_BLOCK
    + """
SELECT ?thing ?property ?label
WHERE {
  VALUES ?property { skos:prefLabel rdfs:label }
  ?thing ?property ?label .
  FILTER (isIRI(?thing))
}
"""
)


def all_labels(engine: Any, lang: str = "id", timeout_s: float | None = None) -> dict[str, str]:
    """One label per IRI, in one query: skos:prefLabel before rdfs:label, ``lang`` before English before none."""
    ranked: dict[str, tuple[int, str]] = {}
    order = {lang: 0, "en": 1, None: 2}
    for row in select(engine, _ALL_LABELS, timeout_s=timeout_s):
        iri = str(row["thing"])
        rank = order.get(_lang(row["label"]), 3) + (0 if row["property"] == SKOS.prefLabel else 10)
        value = str(row["label"])
        if iri not in ranked or (rank, value) < ranked[iri]:
            ranked[iri] = (rank, value)
    return {iri: value for iri, (_rank, value) in ranked.items()}


# --------------------------------------------------------------------------------------------------------------
# Evidence
# --------------------------------------------------------------------------------------------------------------

_EVIDENCE_TAIL = """
  ?evidence oa:hasSource ?source ;
    oa:hasSelector ?quoteSelector, ?positionSelector .
  ?quoteSelector a oa:TextQuoteSelector ;
    oa:exact ?quote .
  ?positionSelector a oa:TextPositionSelector ;
    oa:start ?start ;
    oa:end ?end .
  OPTIONAL { ?evidence agr:nameAsStated ?nameAsStated }
  OPTIONAL { ?source schema:url ?url }
  OPTIONAL { ?source dct:title ?title }
"""

_ALL_EVIDENCE = (
    _PREFIX_BLOCK
    + """
SELECT ?fact ?evidence ?source ?url ?title ?quote ?start ?end ?nameAsStated
WHERE {
  ?fact agr:supportedBy ?evidence .
"""
    + _EVIDENCE_TAIL
    + "}\n"
)

# The evidence of every fact that names the entity (a recognition, tenure, event or participation pointing at
# it), of the facts whose participation it is the agent of, and of the entity itself when it is a fact node
# (?fact unbound in that branch).
_ENTITY_EVIDENCE = (
    _PREFIX_BLOCK
    + """
SELECT DISTINCT ?entity ?fact ?evidence ?source ?url ?title ?quote ?start ?end ?nameAsStated
WHERE {
  {
    ?fact ?p ?entity .
    ?fact agr:supportedBy ?evidence .
  } UNION {
    ?participation agr:agent ?entity .
    ?fact agr:hasParticipation ?participation .
    ?fact agr:supportedBy ?evidence .
  } UNION {
    ?entity agr:supportedBy ?evidence .
  }
"""
    + _EVIDENCE_TAIL
    + "}\n"
)


def _evidence_item(row: Mapping[str, Node], supports: str) -> dict[str, Any]:
    return {
        "supports": supports,
        "evidence": _s(row, "evidence"),
        "source": _s(row, "source"),
        "url": _s(row, "url"),
        "title": _s(row, "title"),
        "quote": _s(row, "quote"),
        "start": term_value(row.get("start")),
        "end": term_value(row.get("end")),
        "name_as_stated": _s(row, "nameAsStated"),
    }


def _collect_evidence(rows: Iterable[Mapping[str, Node]], default_fact: str | None = None) -> dict[str, list]:
    out: dict[str, dict[str, dict[str, Any]]] = {}
    for row in rows:
        fact = _s(row, "fact") or default_fact
        if fact is None:
            continue
        item = _evidence_item(row, fact)
        out.setdefault(fact, {})[item["evidence"]] = item
    return {
        fact: sorted(items.values(), key=lambda e: (e["url"] or e["source"] or "", e["start"] or 0, e["end"] or 0))
        for fact, items in out.items()
    }


def evidence_by_fact(engine: Any, timeout_s: float | None = None) -> dict[str, list[dict[str, Any]]]:
    """The evidence of every fact node in the dataset, keyed by the fact's IRI, sorted by source and offset."""
    return _collect_evidence(select(engine, _ALL_EVIDENCE, timeout_s=timeout_s))


# --------------------------------------------------------------------------------------------------------------
# One entity's facts
# --------------------------------------------------------------------------------------------------------------

_OUTGOING = (
    _PREFIX_BLOCK
    + """
SELECT DISTINCT ?entity ?p ?o ?pLabel ?oLabel ?oLabelEn
WHERE {
  ?entity ?p ?o .
  OPTIONAL { ?p rdfs:label ?pLabel FILTER (LANG(?pLabel) = "en") }
  OPTIONAL { ?o skos:prefLabel ?oLabel FILTER (LANG(?oLabel) = "id") }
  OPTIONAL { ?o skos:prefLabel ?oLabelEn FILTER (LANG(?oLabelEn) = "en") }
  OPTIONAL { ?o rdfs:label ?oLabel FILTER (LANG(?oLabel) = "id") }
  OPTIONAL { ?o rdfs:label ?oLabelEn FILTER (LANG(?oLabelEn) = "en") }
}
"""
)

# LIMIT is filled in from an int (never from a request's text).
_INCOMING = (
    _PREFIX_BLOCK
    + """
SELECT DISTINCT ?entity ?s ?p ?pLabel ?sLabel ?sType
WHERE {
  ?s ?p ?entity .
  OPTIONAL { ?p rdfs:label ?pLabel FILTER (LANG(?pLabel) = "en") }
  OPTIONAL { ?s skos:prefLabel ?sLabel FILTER (LANG(?sLabel) = "id") }
  OPTIONAL { ?s a ?sType }
}
ORDER BY ?p ?s
LIMIT %d
"""
)

_RECOGNITIONS = (
    _PREFIX_BLOCK
    + """
SELECT DISTINCT ?entity ?role ?recognition ?recognitionType ?participation ?capacity ?capacityLabel ?principal
       ?principalLabel ?recipient ?recipientLabel ?conferrer ?conferrerLabel ?award ?awardLabel ?edition ?editionLabel
       ?grade ?gradeLabel ?placement ?quantity ?date ?event ?eventLabel
WHERE {
  {
    ?recognition agr:recipient ?entity .
    BIND ("recipient" AS ?role)
    ?recognition agr:recipient ?recipient .
  } UNION {
    ?recognition agr:conferredBy ?entity .
    BIND ("conferrer" AS ?role)
    ?recognition agr:recipient ?recipient .
  } UNION {
    ?participation agr:agent ?entity .
    ?recognition agr:hasParticipation ?participation .
    ?participation agr:participationRole ?roleConcept .
    ?recognition agr:recipient ?recipient .
    BIND (STRAFTER(STR(?roleConcept), STR(prole:)) AS ?role)
    OPTIONAL { ?participation agr:inCapacityOf ?capacity
      OPTIONAL { ?capacity skos:prefLabel ?capacityLabel FILTER (LANG(?capacityLabel) = "id") } }
    OPTIONAL { ?participation agr:onBehalfOf ?principal
      OPTIONAL { ?principal skos:prefLabel ?principalLabel FILTER (LANG(?principalLabel) = "id") } }
  } UNION {
    ?participation agr:onBehalfOf ?entity .
    ?recognition agr:hasParticipation ?participation .
    ?recognition agr:recipient ?recipient .
    BIND ("represented" AS ?role)
  }
  OPTIONAL { ?recognition a ?recognitionType }
  OPTIONAL { ?recipient skos:prefLabel ?recipientLabel FILTER (LANG(?recipientLabel) = "id") }
  OPTIONAL { ?recognition agr:conferredBy ?conferrer
    OPTIONAL { ?conferrer skos:prefLabel ?conferrerLabel FILTER (LANG(?conferrerLabel) = "id") } }
  OPTIONAL { ?recognition agr:award ?award
    OPTIONAL { ?award skos:prefLabel ?awardLabel FILTER (LANG(?awardLabel) = "id") } }
  OPTIONAL { ?recognition agr:awardEdition ?edition
    OPTIONAL { ?edition skos:prefLabel ?editionLabel FILTER (LANG(?editionLabel) = "id") } }
  OPTIONAL { ?recognition agr:grade ?grade
    OPTIONAL { ?grade skos:prefLabel ?gradeLabel FILTER (LANG(?gradeLabel) = "id") } }
  OPTIONAL { ?recognition agr:placement ?placement }
  OPTIONAL { ?recognition agr:quantity ?quantity }
  OPTIONAL { ?recognition agr:date ?date }
  OPTIONAL { ?recognition agr:atEvent ?event
    OPTIONAL { ?event skos:prefLabel ?eventLabel FILTER (LANG(?eventLabel) = "id") } }
}
"""
)

_TENURES = (
    _PREFIX_BLOCK
    + """
SELECT DISTINCT ?entity ?role ?tenure ?holder ?holderLabel ?office ?officeLabel ?startDate ?endDate ?attestedOn
       ?tenureType
WHERE {
  {
    ?tenure agr:holder ?entity .
    BIND ("holder" AS ?role)
  } UNION {
    ?tenure agr:post ?entity .
    BIND ("office" AS ?role)
  }
  ?tenure agr:holder ?holder ;
    agr:post ?office .
  OPTIONAL { ?holder skos:prefLabel ?holderLabel FILTER (LANG(?holderLabel) = "id") }
  OPTIONAL { ?office skos:prefLabel ?officeLabel FILTER (LANG(?officeLabel) = "id") }
  OPTIONAL { ?tenure agr:startDate ?startDate }
  OPTIONAL { ?tenure agr:endDate ?endDate }
  OPTIONAL { ?tenure agr:attestedOn ?attestedOn }
  OPTIONAL { ?tenure agr:tenureType ?tenureType }
}
"""
)

# Events the entity took part in (opened, organised, ...), not the ones where it only received a recognition
# (those are in the recognitions, with their event).
_EVENTS = (
    _PREFIX_BLOCK
    + """
SELECT DISTINCT ?entity ?role ?event ?eventLabel ?participation ?capacity ?capacityLabel ?startDate ?endDate
WHERE {
  {
    ?participation agr:agent ?entity .
    ?event agr:hasParticipation ?participation .
    ?event agr:startDate ?eventStart .
    ?participation agr:participationRole ?roleConcept .
    BIND (STRAFTER(STR(?roleConcept), STR(prole:)) AS ?role)
    OPTIONAL { ?participation agr:inCapacityOf ?capacity
      OPTIONAL { ?capacity skos:prefLabel ?capacityLabel FILTER (LANG(?capacityLabel) = "id") } }
  } UNION {
    ?event agr:organizer ?entity .
    BIND ("organizer" AS ?role)
  }
  OPTIONAL { ?event skos:prefLabel ?eventLabel FILTER (LANG(?eventLabel) = "id") }
  OPTIONAL { ?event agr:startDate ?startDate }
  OPTIONAL { ?event agr:endDate ?endDate }
}
"""
)

_HIDDEN_OUTGOING = {str(RDF.type), str(SKOS.prefLabel), str(SKOS.altLabel)}


def _ref(iri: str | None, label: str | None) -> dict[str, str | None] | None:
    return None if iri is None else {"iri": iri, "label": label}


def entity_facts(
    engine: Any, iri: str, *, incoming_limit: int = 500, timeout_s: float | None = None
) -> dict[str, Any]:
    """Everything the dataset says about one entity, each fact with its evidence.

    Keys: ``iri``, ``labels`` ({lang: label}), ``alt_labels`` ({lang: [names]}), ``types`` ([{iri, curie, label}]),
    ``kind``, ``statements`` (outgoing, without type and labels), ``incoming`` (at most ``incoming_limit``,
    ``incoming_truncated`` says when cut), ``recognitions`` (received, conferred or taken part in, with the
    role), ``tenures``, ``events`` (taken part in), ``evidence`` (the entity's own, when it is a fact node).
    Each recognition, tenure and event lists its ``evidence``: source, URL, quote, offsets, name as stated.
    Raises UnknownEntity when no statement mentions the IRI.
    """
    entity = URIRef(iri)
    bind = {"entity": entity}
    incoming_limit = max(0, int(incoming_limit))
    out_rows = select(engine, _OUTGOING, bind, timeout_s)
    in_rows = select(engine, _INCOMING % (incoming_limit + 1), bind, timeout_s)
    if not out_rows and not in_rows:
        raise UnknownEntity(iri)

    labels: dict[str, str] = {}
    alt: dict[str, list[str]] = {}
    type_rows: dict[str, dict[str, Any]] = {}
    statements: dict[tuple, dict[str, Any]] = {}
    for row in out_rows:
        p, o = str(row["p"]), row["o"]
        if p == str(SKOS.prefLabel):
            labels.setdefault(_lang(o) or "", str(o))
        elif p == str(SKOS.altLabel):
            alt.setdefault(_lang(o) or "", [])
            if str(o) not in alt[_lang(o) or ""]:
                alt[_lang(o) or ""].append(str(o))
        elif p == str(RDF.type):
            type_rows.setdefault(str(o), {"iri": str(o), "curie": curie(str(o)), "label": _s(row, "oLabelEn")})
        if p in _HIDDEN_OUTGOING:
            continue
        key = (p, o)
        if key in statements:
            continue
        statements[key] = {
            "property": p,
            "property_curie": curie(p),
            "property_label": _s(row, "pLabel"),
            **_value_dict(o),
            "value_label": _s(row, "oLabel") or _s(row, "oLabelEn"),
        }
    incoming = []
    seen_in: dict[tuple[str, str], dict[str, Any]] = {}
    for row in in_rows:
        key = (str(row["s"]), str(row["p"]))
        if key in seen_in:
            if row.get("sType") is not None and seen_in[key]["subject_type"] is None:
                seen_in[key]["subject_type"] = curie(str(row["sType"]))
            continue
        item = {
            "subject": str(row["s"]),
            "subject_label": _s(row, "sLabel"),
            "subject_type": curie(str(row["sType"])) if row.get("sType") is not None else None,
            "property": str(row["p"]),
            "property_curie": curie(str(row["p"])),
            "property_label": _s(row, "pLabel"),
        }
        seen_in[key] = item
        incoming.append(item)
    truncated = len(incoming) > incoming_limit
    incoming = incoming[:incoming_limit]

    evidence = _collect_evidence(select(engine, _ENTITY_EVIDENCE, bind, timeout_s), default_fact=iri)
    types = list(type_rows.values())
    return {
        "iri": iri,
        "labels": labels,
        "alt_labels": {lang: sorted(names) for lang, names in sorted(alt.items())},
        "types": types,
        "kind": kind_of([t["iri"] for t in types]),
        "statements": sorted(statements.values(), key=lambda s: (s["property"], str(s["value"]))),
        "incoming": incoming,
        "incoming_truncated": truncated,
        "recognitions": _recognitions(select(engine, _RECOGNITIONS, bind, timeout_s), evidence),
        "tenures": _tenures(select(engine, _TENURES, bind, timeout_s), evidence),
        "events": _events(select(engine, _EVENTS, bind, timeout_s), evidence),
        "evidence": evidence.get(iri, []),
    }


def _value_dict(term: Node) -> dict[str, Any]:
    if isinstance(term, Literal):
        return {
            "value": term_value(term),
            "value_kind": "literal",
            "datatype": str(term.datatype) if term.datatype else None,
            "lang": term.language,
        }
    return {"value": str(term), "value_kind": "iri" if isinstance(term, URIRef) else "bnode"}


def _recognitions(rows: list[dict[str, Node]], evidence: Mapping[str, list]) -> list[dict[str, Any]]:
    grouped: dict[tuple[str, str, str | None], dict[str, Any]] = {}
    for row in rows:
        rec = str(row["recognition"])
        key = (rec, str(row.get("role")), _s(row, "participation"))
        item = grouped.get(key)
        if item is None:
            participation = _s(row, "participation")
            facts = ([participation] if participation else []) + [rec]  # the most specific quote first
            item = grouped[key] = {
                "recognition": rec,
                "type": curie(str(row["recognitionType"])) if row.get("recognitionType") is not None else None,
                "role": _s(row, "role"),
                "participation": participation,
                "capacity": _ref(_s(row, "capacity"), _s(row, "capacityLabel")),
                "on_behalf_of": _ref(_s(row, "principal"), _s(row, "principalLabel")),
                "recipients": [],
                "conferrers": [],
                "award": _ref(_s(row, "award"), _s(row, "awardLabel")),
                "edition": _ref(_s(row, "edition"), _s(row, "editionLabel")),
                "grade": _ref(_s(row, "grade"), _s(row, "gradeLabel")),
                "placement": _s(row, "placement"),
                "quantity": term_value(row.get("quantity")),
                "date": _s(row, "date"),
                "event": _ref(_s(row, "event"), _s(row, "eventLabel")),
                "evidence": [e for f in facts for e in evidence.get(f, [])],
            }
        recipient = _ref(_s(row, "recipient"), _s(row, "recipientLabel"))
        if recipient and recipient not in item["recipients"]:
            item["recipients"].append(recipient)
        conferrer = _ref(_s(row, "conferrer"), _s(row, "conferrerLabel"))
        if conferrer and conferrer not in item["conferrers"]:
            item["conferrers"].append(conferrer)
    return sorted(grouped.values(), key=lambda r: (r["date"] or "", r["recognition"], r["role"] or ""))


def _tenures(rows: list[dict[str, Node]], evidence: Mapping[str, list]) -> list[dict[str, Any]]:
    grouped: dict[tuple[str, str], dict[str, Any]] = {}
    for row in rows:
        tenure = str(row["tenure"])
        key = (tenure, str(row["role"]))
        item = grouped.setdefault(
            key,
            {
                "tenure": tenure,
                "role": _s(row, "role"),
                "holder": _ref(_s(row, "holder"), _s(row, "holderLabel")),
                "office": _ref(_s(row, "office"), _s(row, "officeLabel")),
                "start_date": _s(row, "startDate"),
                "end_date": _s(row, "endDate"),
                "attested_on": [],
                "tenure_type": _s(row, "tenureType"),
                "evidence": evidence.get(tenure, []),
            },
        )
        attested = _s(row, "attestedOn")
        if attested and attested not in item["attested_on"]:
            item["attested_on"].append(attested)
    for item in grouped.values():
        item["attested_on"].sort()
    return sorted(
        grouped.values(),
        key=lambda t: (t["start_date"] or (t["attested_on"] or [""])[0], t["tenure"], t["role"]),
    )


def _events(rows: list[dict[str, Node]], evidence: Mapping[str, list]) -> list[dict[str, Any]]:
    grouped: dict[tuple[str, str, str | None], dict[str, Any]] = {}
    for row in rows:
        event = str(row["event"])
        participation = _s(row, "participation")
        key = (event, str(row.get("role")), participation)
        facts = ([participation] if participation else []) + [event]  # the most specific quote first
        grouped.setdefault(
            key,
            {
                "event": event,
                "label": _s(row, "eventLabel"),
                "role": _s(row, "role"),
                "participation": participation,
                "capacity": _ref(_s(row, "capacity"), _s(row, "capacityLabel")),
                "start_date": _s(row, "startDate"),
                "end_date": _s(row, "endDate"),
                "evidence": [e for f in facts for e in evidence.get(f, [])],
            },
        )
    return sorted(grouped.values(), key=lambda e: (e["start_date"] or "", e["event"], e["role"] or ""))


# --------------------------------------------------------------------------------------------------------------
# Who awarded whom
# --------------------------------------------------------------------------------------------------------------

_AWARDS_HEAD = (
    _PREFIX_BLOCK
    + """
SELECT DISTINCT ?recognition ?recognitionType ?recipient ?recipientLabel ?conferrer ?conferrerLabel ?presenter
       ?presenterLabel ?award ?awardLabel ?edition ?editionLabel ?grade ?gradeLabel ?placement ?quantity ?work
       ?workLabel ?date ?event ?eventLabel %(extra)s
WHERE {
  ?recognition agr:recipient ?recipient .
"""
)

# Filters are constant fragments; their values arrive as bindings of the (projected) filter variables.
_AWARD_FILTERS: dict[str, str] = {
    "award": "  ?recognition agr:award|agr:awardEdition ?awardFilter .\n",
    "conferrer": "  ?recognition agr:conferredBy ?conferrerFilter .\n",
    # The recipient's own jurisdiction, or its parent organisation's, is the region or inside it.
    "region": "  ?recipient (org:unitOf|org:subOrganizationOf)?/agr:jurisdiction/agr:locatedIn* ?region .\n",
}
_AWARD_FILTER_VARS = {"award": "awardFilter", "conferrer": "conferrerFilter", "region": "region"}

_AWARDS_TAIL = """\
  OPTIONAL { ?recognition a ?recognitionType }
  OPTIONAL { ?recipient skos:prefLabel ?recipientLabel FILTER (LANG(?recipientLabel) = "id") }
  OPTIONAL { ?recognition agr:conferredBy ?conferrer
    OPTIONAL { ?conferrer skos:prefLabel ?conferrerLabel FILTER (LANG(?conferrerLabel) = "id") } }
  OPTIONAL {
    ?recognition agr:hasParticipation ?presenting .
    ?presenting agr:participationRole prole:presenter ;
      agr:agent ?presenter .
    OPTIONAL { ?presenter skos:prefLabel ?presenterLabel FILTER (LANG(?presenterLabel) = "id") }
  }
  OPTIONAL { ?recognition agr:award ?award
    OPTIONAL { ?award skos:prefLabel ?awardLabel FILTER (LANG(?awardLabel) = "id") } }
  OPTIONAL { ?recognition agr:awardEdition ?edition
    OPTIONAL { ?edition skos:prefLabel ?editionLabel FILTER (LANG(?editionLabel) = "id") } }
  OPTIONAL { ?recognition agr:grade ?grade
    OPTIONAL { ?grade skos:prefLabel ?gradeLabel FILTER (LANG(?gradeLabel) = "id") } }
  OPTIONAL { ?recognition agr:forWork ?work
    OPTIONAL { ?work skos:prefLabel ?workLabel FILTER (LANG(?workLabel) = "id") } }
  OPTIONAL { ?recognition agr:atEvent ?event
    OPTIONAL { ?event skos:prefLabel ?eventLabel FILTER (LANG(?eventLabel) = "id") } }
  OPTIONAL { ?recognition agr:placement ?placement }
  OPTIONAL { ?recognition agr:quantity ?quantity }
  OPTIONAL { ?recognition agr:date ?date }
}
"""

AWARD_COLUMNS = (
    "recognition", "type", "recipient", "recipient_label", "conferrer", "conferrer_label", "presenter",
    "presenter_label", "award", "award_label", "edition", "edition_label", "grade", "grade_label", "placement",
    "quantity", "work", "work_label", "date", "year", "event", "event_label",
)


def awards_query(filters: Sequence[str]) -> str:
    """The who-awarded-whom query text with the mandatory patterns of the given filters (fixed fragments)."""
    extra = " ".join("?" + _AWARD_FILTER_VARS[f] for f in filters)
    return _AWARDS_HEAD % {"extra": extra} + "".join(_AWARD_FILTERS[f] for f in filters) + _AWARDS_TAIL


def _year(value: int | str | None) -> int | None:
    if value is None or value == "":
        return None
    text = str(value).strip()
    if not text.isdigit() or len(text) != 4:
        raise ValueError(f"year must be four digits YYYY, got {value!r}")
    return int(text)


def awards(
    engine: Any,
    year: int | str | None = None,
    award: str | None = None,
    recipient: str | None = None,
    conferrer: str | None = None,
    region: str | None = None,
    *,
    timeout_s: float | None = None,
) -> list[dict[str, Any]]:
    """Who awarded whom: one dict per recognition and recipient, sorted by date, recipient, recognition.

    Filters (IRIs; all optional): ``year`` of the recognition's date; ``award`` (programme or edition);
    ``recipient``; ``conferrer`` (only recognitions the source says it conferred); ``region`` (recipients whose
    jurisdiction, or whose parent organisation's jurisdiction, is the region or located in it).
    ``conferrers`` lists only the conferrers the sources name (empty when none is named, never guessed); the
    official who handed the award over is in ``presenters``, a different column.
    """
    wanted_year = _year(year)
    bindings: dict[str, Node] = {}
    filters = []
    if recipient:
        bindings["recipient"] = URIRef(recipient)
    for name, value in (("award", award), ("conferrer", conferrer), ("region", region)):
        if value:
            filters.append(name)
            bindings[_AWARD_FILTER_VARS[name]] = URIRef(value)
    rows = select(engine, awards_query(filters), bindings, timeout_s)
    grouped: dict[tuple[str, str], dict[str, Any]] = {}
    for row in rows:
        date = _s(row, "date")
        row_year = _date_year(date)
        if wanted_year is not None and row_year != wanted_year:
            continue
        key = (str(row["recognition"]), str(row["recipient"]))
        item = grouped.get(key)
        if item is None:
            item = grouped[key] = {
                "recognition": key[0],
                "type": curie(str(row["recognitionType"])) if row.get("recognitionType") is not None else None,
                "recipient": _ref(key[1], _s(row, "recipientLabel")),
                "conferrers": [],
                "presenters": [],
                "award": _ref(_s(row, "award"), _s(row, "awardLabel")),
                "edition": _ref(_s(row, "edition"), _s(row, "editionLabel")),
                "grade": _ref(_s(row, "grade"), _s(row, "gradeLabel")),
                "placement": _s(row, "placement"),
                "quantity": term_value(row.get("quantity")),
                "work": _ref(_s(row, "work"), _s(row, "workLabel")),
                "date": date,
                "year": row_year,
                "event": _ref(_s(row, "event"), _s(row, "eventLabel")),
            }
        for slot, var in (("conferrers", "conferrer"), ("presenters", "presenter")):
            ref = _ref(_s(row, var), _s(row, var + "Label"))
            if ref and ref not in item[slot]:
                item[slot].append(ref)
    for item in grouped.values():
        item["conferrers"].sort(key=lambda r: r["iri"])
        item["presenters"].sort(key=lambda r: r["iri"])
    return sorted(
        grouped.values(), key=lambda r: (r["date"] or "", r["recipient"]["iri"], r["recognition"])
    )


def award_rows(items: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Flat rows (``AWARD_COLUMNS``) for CSV: several conferrers or presenters joined with '; '."""

    def iri(ref: Any) -> str | None:
        return ref["iri"] if ref else None

    def label(ref: Any) -> str | None:
        return ref["label"] if ref else None

    out = []
    for item in items:
        out.append(
            {
                "recognition": item["recognition"],
                "type": item["type"],
                "recipient": iri(item["recipient"]),
                "recipient_label": label(item["recipient"]),
                "conferrer": "; ".join(r["iri"] for r in item["conferrers"]) or None,
                "conferrer_label": "; ".join(r["label"] or "" for r in item["conferrers"]) or None,
                "presenter": "; ".join(r["iri"] for r in item["presenters"]) or None,
                "presenter_label": "; ".join(r["label"] or "" for r in item["presenters"]) or None,
                "award": iri(item["award"]),
                "award_label": label(item["award"]),
                "edition": iri(item["edition"]),
                "edition_label": label(item["edition"]),
                "grade": iri(item["grade"]),
                "grade_label": label(item["grade"]),
                "placement": item["placement"],
                "quantity": item["quantity"],
                "work": iri(item["work"]),
                "work_label": label(item["work"]),
                "date": item["date"],
                "year": item["year"],
                "event": iri(item["event"]),
                "event_label": label(item["event"]),
            }
        )
    return out


def _date_year(date: str | None) -> int | None:
    if not date:
        return None
    try:
        return dt.date.fromisoformat(date[:10]).year
    except ValueError:
        head = date[:4]
        return int(head) if head.isdigit() else None
