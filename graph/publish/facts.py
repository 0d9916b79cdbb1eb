"""The facts around one resource, for its page: every fact node that names it, whole, with its evidence.

A fact node is a node with ``agr:supportedBy`` (a recognition, a tenure, an event, a group), other than a
participation (which belongs to its fact). A fact "names" the resource when one of its properties, or one of
its participations' properties, has the resource as value; the resource's own node counts when it is a fact.
Four queries, whatever the number of facts: the facts' triples, their participations' triples, the triples of
the events they happen at, and the evidence of the facts and their participations with its source.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from rdflib import Literal, URIRef
from rdflib.namespace import RDF
from rdflib.term import Node

from ..entities import select, term_value
from ..namespaces import AGR

__all__ = ["Evidence", "Fact", "Participation", "facts_about"]

_PREFIXES = """\
PREFIX agr: <https://w3id.org/anugerah/def/core#>
PREFIX oa: <http://www.w3.org/ns/oa#>
PREFIX dct: <http://purl.org/dc/terms/>
PREFIX schema: <https://schema.org/>
"""

# The facts naming ?entity (directly, through a participation, or ?entity itself).
_FACTS_OF = """
  {
    { ?fact ?x ?entity . }
    UNION { ?fact agr:hasParticipation ?part0 . ?part0 ?y ?entity . }
    UNION { ?entity agr:supportedBy ?e0 . BIND (?entity AS ?fact) }
  }
  FILTER EXISTS { ?fact agr:supportedBy ?anyEvidence }
  FILTER NOT EXISTS { ?parent agr:hasParticipation ?fact }
"""

_FACT_TRIPLES = _PREFIXES + "SELECT DISTINCT ?entity ?fact ?p ?o WHERE {\n" + _FACTS_OF + "  ?fact ?p ?o .\n}\n"

_PART_TRIPLES = (
    _PREFIXES
    + "SELECT DISTINCT ?entity ?fact ?part ?p ?o WHERE {\n"
    + _FACTS_OF
    + "  ?fact agr:hasParticipation ?part .\n  ?part ?p ?o .\n}\n"
)

_EVENT_TRIPLES = (
    _PREFIXES
    + "SELECT DISTINCT ?entity ?event ?p ?o WHERE {\n"
    + _FACTS_OF
    + "  ?fact agr:atEvent ?event .\n  ?event ?p ?o .\n}\n"
)

_EVIDENCE = (
    _PREFIXES
    + """SELECT DISTINCT ?entity ?fact ?node ?evidence ?source ?url ?title ?publisher ?published ?quote ?start ?end
       ?nameAsStated WHERE {
"""
    + _FACTS_OF
    + """  ?fact agr:hasParticipation? ?node .
  ?node agr:supportedBy ?evidence .
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
  OPTIONAL { ?source schema:publisher ?publisher }
  OPTIONAL { ?source schema:datePublished ?published }
}
"""
)


@dataclass(frozen=True)
class Evidence:
    iri: str
    source: str
    url: str | None
    title: str | None
    publisher: str | None
    published: str | None
    quote: str
    start: int
    end: int
    name_as_stated: str | None


@dataclass
class Participation:
    iri: str
    values: dict[str, list[Node]] = field(default_factory=dict)
    evidence: list[Evidence] = field(default_factory=list)

    def one(self, prop: URIRef) -> str | None:
        return _one(self.values, prop)

    @property
    def role(self) -> str | None:
        """The role's local name (``presenter``, ``opener``…)."""
        role = self.one(AGR.participationRole)
        return role.rstrip("/").rsplit("/", 1)[-1] if role else None


@dataclass
class Fact:
    iri: str
    values: dict[str, list[Node]] = field(default_factory=dict)
    participations: list[Participation] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)

    @property
    def types(self) -> list[str]:
        return sorted(str(t) for t in self.values.get(str(RDF.type), []))

    def one(self, prop: URIRef) -> str | None:
        return _one(self.values, prop)

    def all(self, prop: URIRef) -> list[str]:
        return sorted(str(v) for v in self.values.get(str(prop), []))

    def number(self, prop: URIRef) -> Any:
        values = self.values.get(str(prop), [])
        return term_value(values[0]) if values else None

    @property
    def kind(self) -> str:
        """``recognition``, ``tenure``, ``event`` or ``other``: what sentence tells it."""
        if str(AGR.recipient) in self.values:
            return "recognition"
        if str(AGR.holder) in self.values and str(AGR.post) in self.values:
            return "tenure"
        if any(str(AGR[p]) in self.values for p in ("startDate", "venue", "organizer")) or any(
            t in (str(AGR.Event), str(AGR.AwardCeremony), str(AGR.Exhibition)) for t in self.types
        ):
            return "event"
        return "other"

    @property
    def sort_key(self) -> tuple[bool, str, str]:
        """By date (undated facts last), then IRI."""
        date = self.one(AGR.date) or self.one(AGR.startDate) or min(self.all(AGR.attestedOn) or [""])
        return (not date, date, self.iri)


def _one(values: Mapping[str, list[Node]], prop: URIRef) -> str | None:
    items = sorted(str(v) for v in values.get(str(prop), []))
    return items[0] if items else None


def facts_about(
    engine: Any, iri: str, timeout_s: float | None = None
) -> tuple[list[Fact], dict[str, dict[str, list[Node]]]]:
    """The facts naming ``iri``, by date then IRI, and the triples of the events they happen at (by event IRI)."""
    bind = {"entity": URIRef(iri)}
    facts: dict[str, Fact] = {}
    for row in select(engine, _FACT_TRIPLES, bind, timeout_s):
        fact = facts.setdefault(str(row["fact"]), Fact(str(row["fact"])))
        _add(fact.values, row["p"], row["o"])
    parts: dict[tuple[str, str], Participation] = {}
    for row in select(engine, _PART_TRIPLES, bind, timeout_s):
        key = (str(row["fact"]), str(row["part"]))
        if key not in parts:
            parts[key] = Participation(key[1])
        _add(parts[key].values, row["p"], row["o"])
    events: dict[str, dict[str, list[Node]]] = {}
    for row in select(engine, _EVENT_TRIPLES, bind, timeout_s):
        _add(events.setdefault(str(row["event"]), {}), row["p"], row["o"])
    evidence_of: dict[str, dict[str, Evidence]] = {}
    for row in select(engine, _EVIDENCE, bind, timeout_s):
        item = _evidence(row)
        evidence_of.setdefault(str(row["node"]), {})[item.iri] = item
    for (fact_iri, part_iri), part in sorted(parts.items()):
        part.evidence = _sorted(evidence_of.get(part_iri, {}).values())
        if fact_iri in facts:
            facts[fact_iri].participations.append(part)
    for fact in facts.values():
        fact.evidence = _sorted(evidence_of.get(fact.iri, {}).values())
    return sorted(facts.values(), key=lambda f: f.sort_key), events


def _add(values: dict[str, list[Node]], prop: Node, obj: Node) -> None:
    items = values.setdefault(str(prop), [])
    if obj not in items:
        items.append(obj)


def _text(row: Mapping[str, Node], name: str) -> str | None:
    value = row.get(name)
    return None if value is None else str(value)


def _evidence(row: Mapping[str, Node]) -> Evidence:
    start, end = row["start"], row["end"]
    return Evidence(
        iri=str(row["evidence"]),
        source=str(row["source"]),
        url=_text(row, "url"),
        title=_text(row, "title"),
        publisher=_text(row, "publisher"),
        published=_text(row, "published"),
        quote=str(row["quote"]),
        start=int(str(start)) if isinstance(start, Literal) else 0,
        end=int(str(end)) if isinstance(end, Literal) else 0,
        name_as_stated=_text(row, "nameAsStated"),
    )


def _sorted(items: Iterable[Evidence]) -> list[Evidence]:
    return sorted(items, key=lambda e: (e.url or e.source, e.start, e.end, e.iri))
