"""The entity network: who is connected to whom, each connection derived from a fact and carrying its evidence.

``build_network(engine)`` reads the dataset through ``engine.select`` (plain SPARQL 1.1, no bindings) into a
networkx ``MultiDiGraph`` whose nodes are entities (persons, organisations, groups, offices, awards, events,
places, regions) keyed by IRI, and whose edges are relations:

============================  =====================================  =============================================
relation                      edge                                   from
============================  =====================================  =============================================
``conferred``                 conferrer → recipient                  a recognition's agr:conferredBy (as stated)
``presented``                 presenter → recipient                  its presenter participation
``received``                  award → recipient                      its agr:award (read: recipient received award)
``handed_to``                 presenter → nominal receiver           its presenter and nominal-receiver
``accepted_on_behalf_of``     proxy accepter → principal             a participation's agr:onBehalfOf
``at_event``                  recipient → event                      its agr:atEvent
``held_office``               holder → office                        a tenure
``opened`` (or the role)      participant → event                    an event's participation
``organised``                 organiser → event                      an event's agr:organizer
``located_in``                event, place or region → place/region  agr:venue, agr:locatedIn
``unit_of``                   agency → government                    org:unitOf, org:subOrganizationOf
``post_in``                   office → organisation                  org:postIn
============================  =====================================  =============================================

Every edge has ``relation``, ``fact`` (the fact node's IRI, or the subject of a reference statement),
``source`` and ``evidence``. An edge derived from a source's fact has ``source`` = the first evidence's article
URL and ``evidence`` = the quotes (url, quote, start, end, name as stated, and the node each supports). Reference
data (``unit_of``, ``post_in``, ``located_in`` between places) has ``source`` = ``"reference data"`` and no
evidence. Optional attributes appear only when known: ``date``, ``year``, ``award``, ``award_label``,
``event``, ``participation``, ``capacity``, ``role``, ``grade``, ``quantity``. Node attributes: ``label``,
``label_id``, ``label_en``, ``type`` (CURIE), ``kind``, and when known ``aliases`` (a tuple of other names) and
``jurisdiction`` (the region IRI the data states, agr:jurisdiction).

``connections(graph, a, b)`` gives the shortest relationship paths between two entities, ignoring direction.
``filter_network`` and ``ego_network`` select a sub-network (by year range, award, region, kind, relation) for a
view, ``node_regions`` says which regions each entity lies in (for the region filter), and ``to_elements`` turns a
view into Cytoscape.js elements. Layout, measures, exports and drawings live in the ``network_*`` modules.
"""

from __future__ import annotations

import hashlib
import itertools
import weakref
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from .entities import EntityRecord, _date_year, curie, entity_index, evidence_by_fact, select
from .namespaces import Base

__all__ = [
    "ENTITY_KINDS",
    "REFERENCE",
    "RELATIONS",
    "Path",
    "Step",
    "build_network",
    "connections",
    "edge_id",
    "ego_network",
    "filter_network",
    "is_reference",
    "node_regions",
    "to_elements",
]

REFERENCE = "reference data"

RELATIONS: dict[str, str] = {
    "conferred": "conferrer → recipient: the source says this institution conferred the recognition",
    "presented": "presenter → recipient: the official who handed the recognition over",
    "received": "award → recipient: the recipient received the award",
    "handed_to": "presenter → nominal receiver: handed to this person (who may have been represented)",
    "accepted_on_behalf_of": "proxy accepter → principal: accepted on the principal's behalf",
    "at_event": "recipient → event: recognised at this event",
    "held_office": "holder → office: from a tenure (a term, or an attestation on a date)",
    "opened": "participant → event: opened the event",
    "organised": "organiser → event",
    "located_in": "event, venue or region → place or region",
    "unit_of": "agency → government (reference data)",
    "post_in": "office → organisation (reference data)",
}

ENTITY_KINDS = ("person", "organisation", "group", "office", "award", "event", "place", "region")

_PREFIXES = """\
PREFIX agr: <https://w3id.org/anugerah/def/core#>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX prole: <https://w3id.org/anugerah/def/participation-role/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
"""

_RECOGNITIONS = (
    _PREFIXES
    + """
SELECT ?recognition ?recipient ?conferrer ?award ?awardLabel ?edition ?grade ?quantity ?date ?event
WHERE {
  ?recognition agr:recipient ?recipient .
  OPTIONAL { ?recognition agr:conferredBy ?conferrer }
  OPTIONAL { ?recognition agr:award ?award
    OPTIONAL { ?award skos:prefLabel ?awardLabel FILTER (LANG(?awardLabel) = "id") } }
  OPTIONAL { ?recognition agr:awardEdition ?edition }
  OPTIONAL { ?recognition agr:grade ?grade }
  OPTIONAL { ?recognition agr:quantity ?quantity }
  OPTIONAL { ?recognition agr:date ?date }
  OPTIONAL { ?recognition agr:atEvent ?event }
}
"""
)

_PARTICIPATIONS = (
    _PREFIXES
    + """
SELECT ?fact ?participation ?role ?agent ?capacity ?principal
WHERE {
  ?fact agr:hasParticipation ?participation .
  ?participation agr:agent ?agent ;
    agr:participationRole ?roleConcept .
  BIND (STRAFTER(STR(?roleConcept), STR(prole:)) AS ?role)
  OPTIONAL { ?participation agr:inCapacityOf ?capacity }
  OPTIONAL { ?participation agr:onBehalfOf ?principal }
}
"""
)

# Start dates of events (and tenures), kept apart: joined to the queries above they would multiply their rows.
_START_DATES = (
    _PREFIXES
    + """
SELECT ?fact ?startDate
WHERE {
  ?fact agr:startDate ?startDate .
}
"""
)

_TENURES = (
    _PREFIXES
    + """
SELECT ?tenure ?holder ?office ?startDate ?endDate ?attestedOn
WHERE {
  ?tenure agr:holder ?holder ;
    agr:post ?office .
  OPTIONAL { ?tenure agr:startDate ?startDate }
  OPTIONAL { ?tenure agr:endDate ?endDate }
  OPTIONAL { ?tenure agr:attestedOn ?attestedOn }
}
"""
)

_STRUCTURE = (
    _PREFIXES
    + """
SELECT ?subject ?property ?object
WHERE {
  VALUES ?property { org:unitOf org:subOrganizationOf org:postIn agr:locatedIn agr:venue agr:organizer }
  ?subject ?property ?object .
}
"""
)

_JURISDICTIONS = (
    _PREFIXES
    + """
SELECT ?entity ?region
WHERE {
  ?entity agr:jurisdiction ?region .
}
"""
)

_STRUCTURE_RELATION = {
    "http://www.w3.org/ns/org#unitOf": "unit_of",
    "http://www.w3.org/ns/org#subOrganizationOf": "unit_of",
    "http://www.w3.org/ns/org#postIn": "post_in",
    "https://w3id.org/anugerah/def/core#locatedIn": "located_in",
    "https://w3id.org/anugerah/def/core#venue": "located_in",
    "https://w3id.org/anugerah/def/core#organizer": "organised",
}

_ROLE_RELATION = {"opener": "opened"}


def _str(row: Mapping[str, Any], name: str) -> str | None:
    value = row.get(name)
    return None if value is None else str(value)


def build_network(
    engine: Any,
    records: Iterable[EntityRecord] | None = None,
    *,
    base: Base | None = None,
    timeout_s: float | None = None,
) -> nx.MultiDiGraph:
    """The entity network of the whole dataset (see the module docstring). ``records``: the entity index, if
    already built (otherwise it is read from the engine)."""
    records = list(records) if records is not None else entity_index(engine, base, timeout_s)
    by_iri = {r.iri: r for r in records}
    graph = nx.MultiDiGraph()
    jurisdictions: dict[str, str] = {}
    for row in select(engine, _JURISDICTIONS, timeout_s=timeout_s):
        entity, region = str(row["entity"]), str(row["region"])
        if entity not in jurisdictions or region < jurisdictions[entity]:
            jurisdictions[entity] = region

    def add_node(iri: str, record: EntityRecord | None) -> None:
        _add_node(graph, iri, record)
        if iri in jurisdictions:
            graph.nodes[iri]["jurisdiction"] = jurisdictions[iri]

    for record in records:
        if record.kind in ENTITY_KINDS:
            add_node(record.iri, record)
    evidence = evidence_by_fact(engine, timeout_s)
    start_dates: dict[str, str] = {}
    for row in select(engine, _START_DATES, timeout_s=timeout_s):
        fact, date = str(row["fact"]), str(row["startDate"])
        if fact not in start_dates or date < start_dates[fact]:
            start_dates[fact] = date

    def node(iri: str) -> str:
        if iri not in graph:
            add_node(iri, by_iri.get(iri))
        return iri

    def edge(source: str, target: str, relation: str, fact: str, facts: Sequence[str], **attrs: Any) -> None:
        quotes = [e for f in facts for e in evidence.get(f, [])]
        data: dict[str, Any] = {
            "relation": relation,
            "fact": fact,
            "source": (quotes[0]["url"] or quotes[0]["source"]) if quotes else REFERENCE,
            "evidence": quotes,
        }
        data.update({k: v for k, v in attrs.items() if v is not None})
        graph.add_edge(node(source), node(target), key=f"{relation} {fact} {attrs.get('participation') or ''}",
                       **data)

    # Recognitions: conferred, received, at_event.
    recognitions: dict[str, dict[str, Any]] = {}
    for row in select(engine, _RECOGNITIONS, timeout_s=timeout_s):
        rec = str(row["recognition"])
        item = recognitions.setdefault(rec, {"recipients": set(), "conferrers": set(), "awards": {}, "event": set()})
        item["recipients"].add(str(row["recipient"]))
        if row.get("conferrer") is not None:
            item["conferrers"].add(str(row["conferrer"]))
        if row.get("award") is not None:
            item["awards"][str(row["award"])] = _str(row, "awardLabel")
        if row.get("event") is not None:
            item["event"].add(str(row["event"]))
        for name in ("edition", "grade", "date"):
            if row.get(name) is not None:
                item[name] = str(row[name])
        if row.get("quantity") is not None:
            item["quantity"] = int(str(row["quantity"])) if str(row["quantity"]).isdigit() else str(row["quantity"])
    for rec, item in sorted(recognitions.items()):
        award, award_label = next(iter(sorted(item["awards"].items())), (None, None))
        common = {
            "date": item.get("date"),
            "year": _date_year(item.get("date")),
            "award": award,
            "award_label": award_label,
            "edition": item.get("edition"),
            "grade": item.get("grade"),
            "quantity": item.get("quantity"),
            "event": next(iter(sorted(item["event"])), None),
        }
        item["common"] = common
        for recipient in sorted(item["recipients"]):
            for conferrer in sorted(item["conferrers"]):
                edge(conferrer, recipient, "conferred", rec, [rec], **common)
            for aw in sorted(item["awards"]):
                edge(aw, recipient, "received", rec, [rec], **common)
            for event in sorted(item["event"]):
                edge(recipient, event, "at_event", rec, [rec], **common)

    # Participations: presented, handed_to, accepted_on_behalf_of (recognitions); opened and other roles (events).
    participations: dict[str, list[dict[str, Any]]] = {}
    for row in select(engine, _PARTICIPATIONS, timeout_s=timeout_s):
        participations.setdefault(str(row["fact"]), []).append(
            {
                "participation": str(row["participation"]),
                "role": _str(row, "role"),
                "agent": str(row["agent"]),
                "capacity": _str(row, "capacity"),
                "principal": _str(row, "principal"),
            }
        )
    for fact, parts in sorted(participations.items()):
        parts.sort(key=lambda p: (p["participation"], p["agent"], p["principal"] or ""))
        rec = recognitions.get(fact)
        if rec is not None:
            common = rec["common"]
            presenters = [p for p in parts if p["role"] == "presenter"]
            receivers = [p for p in parts if p["role"] == "nominal-receiver"]
            for p in presenters:
                for recipient in sorted(rec["recipients"]):
                    edge(p["agent"], recipient, "presented", fact, [p["participation"], fact],
                         participation=p["participation"], capacity=p["capacity"], role=p["role"], **common)
                for r in receivers:
                    edge(p["agent"], r["agent"], "handed_to", fact, [p["participation"], r["participation"], fact],
                         participation=p["participation"], capacity=p["capacity"], role=p["role"], **common)
            for p in parts:
                if p["principal"]:
                    edge(p["agent"], p["principal"], "accepted_on_behalf_of", fact, [p["participation"], fact],
                         participation=p["participation"], capacity=p["capacity"], role=p["role"], **common)
        else:
            start = start_dates.get(fact)
            for p in parts:
                relation = _ROLE_RELATION.get(p["role"] or "", (p["role"] or "took_part").replace("-", "_"))
                edge(p["agent"], fact, relation, fact, [p["participation"], fact], participation=p["participation"],
                     capacity=p["capacity"], role=p["role"], date=start, year=_date_year(start))
                if p["principal"]:
                    edge(p["agent"], p["principal"], "accepted_on_behalf_of", fact, [p["participation"], fact],
                         participation=p["participation"], role=p["role"], date=start, year=_date_year(start))

    # Tenures: held_office.
    tenures: dict[str, dict[str, Any]] = {}
    for row in select(engine, _TENURES, timeout_s=timeout_s):
        item = tenures.setdefault(
            str(row["tenure"]),
            {"holder": str(row["holder"]), "office": str(row["office"]), "start": _str(row, "startDate"),
             "end": _str(row, "endDate"), "attested": set()},
        )
        if row.get("attestedOn") is not None:
            item["attested"].add(str(row["attestedOn"]))
    for tenure, item in sorted(tenures.items()):
        date = item["start"] or min(item["attested"], default=None)
        edge(item["holder"], item["office"], "held_office", tenure, [tenure], date=date, year=_date_year(date),
             start_date=item["start"], end_date=item["end"],
             attested_on=", ".join(sorted(item["attested"])) or None)

    # Structure: unit_of, post_in, located_in, organised. Stated by a source when the subject is a fact node
    # with evidence (an event's venue), otherwise reference data.
    for row in sorted(select(engine, _STRUCTURE, timeout_s=timeout_s), key=lambda r: (str(r["subject"]),
                                                                                        str(r["property"]),
                                                                                        str(r["object"]))):
        subject, obj = str(row["subject"]), str(row["object"])
        relation = _STRUCTURE_RELATION[str(row["property"])]
        if subject not in graph and subject not in by_iri:
            continue  # e.g. a source's or evidence's statement: not between entities
        start = start_dates.get(subject)
        attrs = {"via": curie(str(row["property"])), "date": start, "year": _date_year(start)}
        if relation == "organised":
            edge(obj, subject, relation, subject, [subject], **attrs)
        else:
            edge(subject, obj, relation, subject, [subject], **attrs)
    return graph


def _add_node(graph: nx.MultiDiGraph, iri: str, record: EntityRecord | None) -> None:
    if record is None:
        graph.add_node(iri, label=iri.rsplit("/", 1)[-1], kind="other")
        return
    aliases = tuple(dict.fromkeys(n for n in (*record.alt_id, *record.alt_en) if n != record.label))
    attrs = {"label": record.label, "label_id": record.label_id, "label_en": record.label_en,
             "type": record.type, "kind": record.kind, "aliases": aliases or None}
    graph.add_node(iri, **{k: v for k, v in attrs.items() if v is not None})


# --------------------------------------------------------------------------------------------------------------
# Paths
# --------------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Step:
    """One hop of a path: ``source`` → ``target`` in path order; ``direction`` is "forward" when the relation
    runs that way, "backward" when it runs from ``target`` to ``source``. ``facts``: the edges' fact IRIs, with
    date, award, event and evidence (quotes with url, offsets and name as stated)."""

    source: str
    source_label: str
    relation: str
    target: str
    target_label: str
    direction: str
    facts: tuple[dict[str, Any], ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "from": self.source,
            "from_label": self.source_label,
            "relation": self.relation,
            "to": self.target,
            "to_label": self.target_label,
            "direction": self.direction,
            "facts": [dict(f) for f in self.facts],
        }


@dataclass(frozen=True)
class Path:
    steps: tuple[Step, ...]
    nodes: tuple[str, ...] = field(default=())

    @property
    def length(self) -> int:
        return len(self.steps)

    @property
    def sourced(self) -> bool:
        """Every step has at least one fact with evidence from a source (none rests on reference data only)."""
        return all(any(f["evidence"] for f in s.facts) for s in self.steps)

    def to_dict(self) -> dict[str, Any]:
        return {"length": self.length, "nodes": list(self.nodes), "sourced": self.sourced,
                "steps": [s.to_dict() for s in self.steps]}


_UNDIRECTED: weakref.WeakKeyDictionary[nx.MultiDiGraph, tuple[int, int, nx.Graph]] = weakref.WeakKeyDictionary()


def _undirected(graph: nx.MultiDiGraph) -> nx.Graph:
    """A simple undirected graph with one edge per connected pair, cached per network (rebuilt if the network's
    size changed; networks are not meant to change after they are built)."""
    size = (graph.number_of_nodes(), graph.number_of_edges())
    cached = _UNDIRECTED.get(graph)
    if cached is not None and cached[:2] == size:
        return cached[2]
    simple = nx.Graph()
    simple.add_nodes_from(graph.nodes)
    simple.add_edges_from((u, v) for u, v in graph.edges() if u != v)
    _UNDIRECTED[graph] = (*size, simple)
    return simple


def _fact(data: Mapping[str, Any]) -> dict[str, Any]:
    keys = ("fact", "participation", "date", "year", "award", "award_label", "event", "capacity", "role",
            "source", "evidence")
    return {k: data[k] for k in keys if k in data}


def _hop_options(graph: nx.MultiDiGraph, u: str, v: str, relations: set[str] | None) -> list[Step]:
    """Every (relation, direction) linking u and v, as a Step with its facts; sourced ones first."""
    groups: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for a, b, direction in ((u, v, "forward"), (v, u, "backward")):
        for _key, data in sorted((graph.get_edge_data(a, b) or {}).items()):
            if relations is not None and data["relation"] not in relations:
                continue
            groups.setdefault((data["relation"], direction), []).append(_fact(data))
    label_u = graph.nodes[u].get("label", u)
    label_v = graph.nodes[v].get("label", v)
    options = [
        Step(u, label_u, relation, v, label_v, direction, tuple(facts))
        for (relation, direction), facts in groups.items()
    ]
    options.sort(key=lambda s: (not any(f["evidence"] for f in s.facts), _RELATION_ORDER.get(s.relation, 99),
                                s.relation, s.direction))
    return options


_RELATION_ORDER = {name: index for index, name in enumerate(RELATIONS)}


def connections(
    graph: nx.MultiDiGraph,
    a: str,
    b: str,
    max_paths: int = 5,
    cutoff: int = 6,
    relations: Iterable[str] | None = None,
) -> list[Path]:
    """The shortest relationship paths between entities ``a`` and ``b`` (IRIs), ignoring edge direction.

    At most ``max_paths`` paths of at most ``cutoff`` steps, shortest first. Node paths come from networkx's
    ``shortest_simple_paths`` on an undirected view; where two entities are linked by several relations, each
    (relation, direction) gives its own path (sourced relations first). ``relations`` restricts the relations
    followed. Raises KeyError for an entity that is not in the network; [] when they are not connected.
    """
    for node in (a, b):
        if node not in graph:
            raise KeyError(node)
    max_paths = max(0, int(max_paths))
    cutoff = max(0, int(cutoff))
    if a == b or max_paths == 0:
        return []
    allowed = set(relations) if relations is not None else None
    if allowed is None:
        simple = _undirected(graph)
    else:
        simple = nx.Graph()
        simple.add_nodes_from(graph.nodes)
        simple.add_edges_from((u, v) for u, v, r in graph.edges(data="relation") if r in allowed and u != v)
    paths: list[Path] = []
    try:
        node_paths: Iterator[list[str]] = nx.shortest_simple_paths(simple, a, b)
        for node_path in node_paths:
            if len(node_path) - 1 > cutoff:
                break
            hops = [_hop_options(graph, u, v, allowed) for u, v in itertools.pairwise(node_path)]
            for combination in itertools.product(*hops):
                paths.append(Path(tuple(combination), tuple(node_path)))
                if len(paths) >= max_paths:
                    return paths
    except nx.NetworkXNoPath:
        return paths
    return paths


# --------------------------------------------------------------------------------------------------------------
# Views for a graph explorer
# --------------------------------------------------------------------------------------------------------------


def edge_id(u: str, key: str, v: str) -> str:
    """A short id for an edge, stable as long as its ends and its fact are (``e`` + 12 hex digits)."""
    return "e" + hashlib.sha1(f"{u}\x1f{key}\x1f{v}".encode()).hexdigest()[:12]


def is_reference(data: Mapping[str, Any]) -> bool:
    """Whether an edge rests on curated reference data (unit_of, post_in, a region's located_in) rather than on
    a source's sentence."""
    return data.get("source") == REFERENCE


# Relations along which an entity lies where its target lies: an agency where its government is, an office where
# its organisation is, a holder where the office is, an event or place where it is located.
_REGION_INHERITED = ("located_in", "unit_of", "post_in", "held_office")

_REGIONS: weakref.WeakKeyDictionary[nx.MultiDiGraph, tuple[int, int, dict[str, frozenset[str]]]] = (
    weakref.WeakKeyDictionary()
)


def node_regions(graph: nx.MultiDiGraph) -> dict[str, frozenset[str]]:
    """The regions each entity lies in: a region itself, the jurisdiction the data states, and what it inherits
    along located_in, unit_of, post_in and held_office (an agency lies where its government's jurisdiction is,
    an event where its venue is, a person where an office they held is), each with the regions containing it.
    Entities with no such link (an award, a ministry) lie in no region. Cached per network."""
    size = (graph.number_of_nodes(), graph.number_of_edges())
    cached = _REGIONS.get(graph)
    if cached is not None and cached[:2] == size:
        return cached[2]
    parents: dict[str, set[str]] = {n: set() for n in graph}
    for u, v, relation in graph.edges(data="relation"):
        if relation in _REGION_INHERITED and u != v:
            parents[u].add(v)
    own = {
        n: {x for x in (n if d.get("kind") == "region" else None, d.get("jurisdiction")) if x}
        for n, d in graph.nodes(data=True)
    }
    result: dict[str, frozenset[str]] = {}

    def resolve(node: str, visiting: set[str]) -> frozenset[str]:
        if node in result:
            return result[node]
        visiting.add(node)
        regions = set(own.get(node, ()))
        for region in list(regions):
            if region in graph and region != node and region not in visiting:
                regions |= resolve(region, visiting)
        for parent in sorted(parents.get(node, ())):
            if parent not in visiting:
                regions |= resolve(parent, visiting)
        visiting.discard(node)
        result[node] = frozenset(regions)
        return result[node]

    for node in sorted(graph):
        resolve(node, set())
    _REGIONS[graph] = (*size, result)
    return result


def filter_network(
    graph: nx.MultiDiGraph,
    *,
    years: tuple[int | None, int | None] | None = None,
    awards: Iterable[str] | None = None,
    regions: Iterable[str] | None = None,
    kinds: Iterable[str] | None = None,
    relations: Iterable[str] | None = None,
    keep_undated: bool = True,
) -> nx.MultiDiGraph:
    """A read-only sub-network: edges within the year range (inclusive; undated edges kept unless
    ``keep_undated`` is False), of the given awards (edges without an award, like unit_of, are kept), touching an
    entity that lies in one of the given regions (``node_regions``), of the given relations, between nodes of the
    given kinds. Isolated nodes are dropped when any filter is given."""
    award_set = set(awards) if awards is not None else None
    region_set = set(regions) if regions is not None else None
    kind_set = set(kinds) if kinds is not None else None
    relation_set = set(relations) if relations is not None else None
    low, high = years or (None, None)
    within = node_regions(graph) if region_set is not None else {}

    def keep_node(n: str) -> bool:
        return kind_set is None or graph.nodes[n].get("kind") in kind_set

    def keep_edge(u: str, v: str, k: str) -> bool:
        data = graph.edges[u, v, k]
        if relation_set is not None and data["relation"] not in relation_set:
            return False
        if award_set is not None and "award" in data and data["award"] not in award_set:
            return False
        if region_set is not None and not (within.get(u, frozenset()) | within.get(v, frozenset())) & region_set:
            return False
        year = data.get("year")
        if year is None:
            return keep_undated or (low is None and high is None)
        return (low is None or year >= low) and (high is None or year <= high)

    view = nx.subgraph_view(graph, filter_node=keep_node, filter_edge=keep_edge)
    if years is None and award_set is None and region_set is None and kind_set is None and relation_set is None:
        return view
    connected = {n for edge in view.edges() for n in edge}
    return nx.subgraph_view(view, filter_node=lambda n: n in connected)


def ego_network(graph: nx.MultiDiGraph, center: str, hops: int = 1) -> nx.MultiDiGraph:
    """The entities within ``hops`` steps of ``center`` (either direction) and every edge among them."""
    if center not in graph:
        raise KeyError(center)
    nodes = nx.single_source_shortest_path_length(_undirected(graph), center, cutoff=max(0, int(hops)))
    return graph.subgraph(nodes)


def to_elements(graph: nx.MultiDiGraph) -> dict[str, list[dict[str, Any]]]:
    """Cytoscape.js ``elements`` ({"nodes": [{"data": …}], "edges": [{"data": …}]}) for a network or a view of
    one: nodes with id (the IRI), label, kind and type; edges with id, source, target, relation, fact, year, date,
    award, ``document`` (the first article's URL, or "reference data") and the number of quotes. Sorted, so the
    output is stable."""
    nodes = [
        {"data": {"id": n, **{k: d[k] for k in ("label", "kind", "type") if k in d}}}
        for n, d in sorted(graph.nodes(data=True))
    ]
    edges = []
    for u, v, key, d in sorted(graph.edges(keys=True, data=True), key=lambda e: (e[0], e[1], e[2])):
        data = {"id": f"{u} {key} {v}", "source": u, "target": v}  # Cytoscape's own "source": the start node
        data.update({k: d[k] for k in ("relation", "fact", "year", "date", "award") if k in d})
        data["document"] = d.get("source")  # the first article's URL, or "reference data"
        data["evidence_count"] = len(d.get("evidence", ()))
        edges.append({"data": data})
    return {"nodes": nodes, "edges": edges}
