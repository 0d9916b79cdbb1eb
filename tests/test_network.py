"""The entity network: which relations the seed facts give, with their evidence, and the paths between entities.

The network is built from the reference data and the seed sources (``conftest.seed_data``); the reference data
grows while these tests stand, so expectations are either computed from the curated files (every conferrer,
award, presenter and proxy the YAML states, and nothing else) or seed facts that stay true (the edges of the two
seed articles and of the curated reference data are all there).
"""

from __future__ import annotations

from collections import Counter
from functools import lru_cache
from typing import Any

import networkx as nx
import pytest
import yaml
from anugerah.graph.entities import awards, entity_facts
from anugerah.graph.namespaces import Base
from anugerah.graph.network import (
    REFERENCE,
    build_network,
    connections,
    ego_network,
    filter_network,
    is_reference,
    node_regions,
    to_elements,
)

from .conftest import seed_data
from .test_search import StoreEngine, seed_engine, seed_store

ID = Base().id
VIVA = "https://jatim.viva.co.id/kabar/8854-pemprov-jatim-borong-4-penghargaan-pelayanan-publik-dari-kemenpan-rb-ri"
DISHUB = "https://dishub.jatimprov.go.id/pameran-inovasi-pelayanan-publik-2023-dishub-jatim-borong-penghargaan/"
PPP = ID + "recognition/bc6b67aba84e4a20"
ANAS, DISHUB_JATIM, PEMPROV = ID + "person/abdullah-azwar-anas", ID + "org/dishub-jatim", ID + "org/pemprov-jatim"


@lru_cache(maxsize=1)
def seed_network() -> nx.MultiDiGraph:
    return build_network(seed_engine())


def short(iri: str) -> str:
    return iri[len(ID) :]


EDGES = Counter(
    {
        # The PPP conferral (viva article): conferrer, award, event, and its participations.
        ("org/kemenpanrb", "conferred", "org/pemprov-jatim"): 1,
        ("award/penghargaan-pelayanan-publik", "received", "org/pemprov-jatim"): 1,
        ("org/pemprov-jatim", "at_event", "event/2023-11-21-penghargaan-pelayanan-publik"): 1,
        ("person/abdullah-azwar-anas", "presented", "org/pemprov-jatim"): 1,
        ("person/abdullah-azwar-anas", "handed_to", "person/khofifah-indar-parawansa"): 1,
        ("group/2023-11-21-ppp-kepala-opd", "accepted_on_behalf_of", "person/khofifah-indar-parawansa"): 1,
        ("person/abdullah-azwar-anas", "held_office", "post/menteri-panrb"): 1,
        ("person/khofifah-indar-parawansa", "held_office", "post/gubernur-jatim"): 1,
        ("event/2023-11-21-penghargaan-pelayanan-publik", "located_in", "place/hotel-bidakara"): 1,
        # Dishub Jatim's four recognitions at the exhibition (no conferrer, no presenter named).
        ("award/penilaian-budaya-kerja-cettar", "received", "org/dishub-jatim"): 1,
        ("award/kompetisi-inovasi-pelayanan-publik-jatim", "received", "org/dishub-jatim"): 1,
        ("award/evaluasi-sakip", "received", "org/dishub-jatim"): 1,
        ("award/evaluasi-percepatan-reformasi-birokrasi", "received", "org/dishub-jatim"): 1,
        ("org/dishub-jatim", "at_event", "event/2023-11-23-pameran-inovasi-jatim-bureaucracy-fest"): 4,
        ("person/emil-elestianto-dardak", "opened", "event/2023-11-23-pameran-inovasi-jatim-bureaucracy-fest"): 1,
        ("person/emil-elestianto-dardak", "held_office", "post/wakil-gubernur-jatim"): 1,
        ("event/2023-11-23-pameran-inovasi-jatim-bureaucracy-fest", "located_in", "wilayah/35.79"): 1,
        # Reference data.
        ("org/dishub-jatim", "unit_of", "org/pemprov-jatim"): 1,
        ("post/menteri-panrb", "post_in", "org/kemenpanrb"): 1,
        ("post/gubernur-jatim", "post_in", "org/pemprov-jatim"): 1,
        ("post/wakil-gubernur-jatim", "post_in", "org/pemprov-jatim"): 1,
        ("place/hotel-bidakara", "located_in", "wilayah/31"): 1,
        ("wilayah/35.79", "located_in", "wilayah/35"): 1,
    }
)


def _many(value: Any) -> list[str]:
    return [] if value is None else list(value) if isinstance(value, list) else [value]


def stated_recognition_edges() -> set[tuple[str, str, str]]:
    """(from, relation, to) for every conferrer, award, presenter, nominal receiver and proxy the curated sources
    the network is built from state, read from the YAML itself."""
    expected: set[tuple[str, str, str]] = set()
    for path in sorted((seed_data() / "sources").glob("*.yaml")):
        for fact in yaml.safe_load(path.read_text(encoding="utf-8")).get("facts") or []:
            parts = fact.get("participants") or []
            for part in parts:
                for principal in _many(part.get("onBehalfOf")):
                    expected.add((part["agent"], "accepted_on_behalf_of", principal))
            if fact.get("type") not in ("AwardConferral", "EvaluationResult"):
                continue
            presenters = [p["agent"] for p in parts if p.get("role") == "presenter"]
            receivers = [p["agent"] for p in parts if p.get("role") == "nominal-receiver"]
            for recipient in _many(fact.get("recipient")):
                expected |= {(c, "conferred", recipient) for c in _many(fact.get("conferredBy"))}
                expected |= {(a, "received", recipient) for a in _many(fact.get("award"))}
                expected |= {(p, "presented", recipient) for p in presenters}
            expected |= {(p, "handed_to", r) for p in presenters for r in receivers}
    return expected


RECOGNITION_RELATIONS = ("conferred", "received", "presented", "handed_to", "accepted_on_behalf_of")


def test_the_network_has_exactly_the_recognition_relations_the_sources_state() -> None:
    found = {(short(u), r, short(v)) for u, v, r in seed_network().edges(data="relation")
             if r in RECOGNITION_RELATIONS}
    assert found == stated_recognition_edges()


def test_the_seed_articles_and_reference_data_give_their_relations() -> None:
    graph = seed_network()
    found = Counter((short(u), d["relation"], short(v)) for u, v, d in graph.edges(data=True))
    assert {edge: min(found[edge], count) for edge, count in EDGES.items()} == dict(EDGES)


def test_nodes_are_entities_with_labels_never_fact_or_provenance_nodes() -> None:
    graph = seed_network()
    kinds = {short(n): d["kind"] for n, d in graph.nodes(data=True)}
    assert set(kinds.values()) == {"person", "organisation", "group", "office", "award", "event", "place", "region"}
    assert not [n for n in kinds if n.split("/")[0] in {"recognition", "evidence", "source", "tenure"}]
    assert graph.nodes[ANAS] == {
        "label": "Abdullah Azwar Anas",
        "label_id": "Abdullah Azwar Anas",
        "label_en": "Abdullah Azwar Anas",
        "type": "agr:Person",
        "kind": "person",
        "aliases": ("Azwar Anas",),
    }
    assert graph.nodes[DISHUB_JATIM]["jurisdiction"] == ID + "wilayah/35"
    assert "Dishub Jatim" in graph.nodes[DISHUB_JATIM]["aliases"]


def test_no_conferrer_is_invented() -> None:
    graph = seed_network()
    conferred = {(short(u), short(v)) for u, v, r in graph.edges(data="relation") if r == "conferred"}
    assert ("org/kemenpanrb", "org/pemprov-jatim") in conferred
    # The exhibition article names no conferrer for Dishub Jatim's four recognitions: none is recorded, and the
    # official who opened the exhibition is not made one.
    dishub_facts = {d["fact"] for _u, _v, d in graph.in_edges(DISHUB_JATIM, data=True) if d["relation"] == "received"}
    assert len(dishub_facts) >= 4
    assert not [d for _u, _v, d in graph.in_edges(DISHUB_JATIM, data=True)
                if d["relation"] == "conferred" and d["fact"] in dishub_facts and d.get("date") == "2023-11-23"]
    # A presenter is not a conferrer.
    assert ("person/abdullah-azwar-anas", "org/pemprov-jatim") not in conferred


def test_a_presented_edge_carries_the_fact_its_date_award_event_and_quotes() -> None:
    graph = seed_network()
    [edge] = [d for d in graph.get_edge_data(ANAS, PEMPROV).values()
              if d["fact"] == PPP and d["relation"] == "presented"]
    data = dict(edge)
    evidence = data.pop("evidence")
    assert data == {
        "relation": "presented",
        "fact": PPP,
        "source": VIVA,
        "participation": PPP + "-presenter",
        "capacity": ID + "post/menteri-panrb",
        "role": "presenter",
        "date": "2023-11-21",
        "year": 2023,
        "award": ID + "award/penghargaan-pelayanan-publik",
        "award_label": "Penghargaan Pelayanan Publik",
        "edition": ID + "award/penghargaan-pelayanan-publik-2023",
        "quantity": 4,
        "event": ID + "event/2023-11-21-penghargaan-pelayanan-publik",
    }
    # The participation's own quote first, then the recognition's.
    assert [(e["quote"][:40], e["start"], e["end"], e["url"]) for e in evidence] == [
        ("Menteri PAN RB, Abdullah Azwar Anas", 525, 560, VIVA),
        ("Pemerintah Provinsi Jatim berhasil membo", 187, 384, VIVA),
        ("Penghargaan tersebut diserahkan langsung", 479, 755, VIVA),
    ]
    assert evidence[0]["name_as_stated"] == "Abdullah Azwar Anas"
    assert evidence[0]["supports"] == PPP + "-presenter"


def test_every_edge_from_a_source_has_evidence_and_reference_edges_say_so() -> None:
    for u, v, data in seed_network().edges(data=True):
        if data["relation"] in ("unit_of", "post_in") or (data["relation"] == "located_in" and "event/" not in u):
            assert data["source"] == REFERENCE and is_reference(data), (u, v)
            assert data["evidence"] == []
        else:
            assert data["evidence"], (u, v, data["relation"])
            assert data["source"].startswith("http") and not is_reference(data)
            for quote in data["evidence"]:
                assert set(quote) == {"supports", "evidence", "source", "url", "title", "quote", "start", "end",
                                      "name_as_stated"}
                assert quote["end"] > quote["start"] >= 0


def test_an_opened_edge_keeps_the_name_as_the_source_misspelled_it() -> None:
    graph = seed_network()
    [data] = [d for d in graph.get_edge_data(
        ID + "person/emil-elestianto-dardak", ID + "event/2023-11-23-pameran-inovasi-jatim-bureaucracy-fest"
    ).values() if d["relation"] == "opened"]
    assert data["relation"] == "opened" and data["capacity"] == ID + "post/wakil-gubernur-jatim"
    quote = "Wakil Gubernur Jawa Timur Emi Elestianto Dardak saat membuka pameran tersebut"
    assert data["evidence"][0]["quote"] == quote
    assert data["evidence"][0]["name_as_stated"] == "Emi Elestianto Dardak"
    assert data["date"] == "2023-11-23"


# --- connections --------------------------------------------------------------------------------------------


def test_abdullah_azwar_anas_and_dishub_jatim_are_connected_through_the_ppp_recipient() -> None:
    paths = connections(seed_network(), ANAS, DISHUB_JATIM)
    first = paths[0]
    assert first.length == 2
    assert [(short(s.source), s.relation, s.direction, short(s.target)) for s in first.steps] == [
        ("person/abdullah-azwar-anas", "presented", "forward", "org/pemprov-jatim"),
        ("org/pemprov-jatim", "unit_of", "backward", "org/dishub-jatim"),
    ]
    presented, unit_of = first.steps
    [fact] = [f for f in presented.facts if f["fact"] == PPP]
    assert fact["fact"] == PPP and fact["award"] == ID + "award/penghargaan-pelayanan-publik"
    assert fact["evidence"][0]["quote"] == "Menteri PAN RB, Abdullah Azwar Anas"
    assert fact["evidence"][0]["url"] == VIVA
    assert [f["source"] for f in unit_of.facts] == [REFERENCE]
    assert unit_of.facts[0]["evidence"] == []
    assert not first.sourced  # one step rests on reference data only
    assert all(p.length >= 2 for p in paths) and [p.length for p in paths] == sorted(p.length for p in paths)


def test_a_path_as_json() -> None:
    path = connections(seed_network(), ANAS, DISHUB_JATIM, max_paths=1)[0].to_dict()
    assert path["length"] == 2
    assert path["nodes"] == [ANAS, PEMPROV, DISHUB_JATIM]
    step = path["steps"][0]
    assert {k: step[k] for k in ("from", "from_label", "relation", "to", "to_label", "direction")} == {
        "from": ANAS,
        "from_label": "Abdullah Azwar Anas",
        "relation": "presented",
        "to": PEMPROV,
        "to_label": "Pemerintah Provinsi Jawa Timur",
        "direction": "forward",
    }


def test_the_reverse_question_gives_the_mirrored_path() -> None:
    first = connections(seed_network(), DISHUB_JATIM, ANAS)[0]
    assert [(short(s.source), s.relation, s.direction, short(s.target)) for s in first.steps] == [
        ("org/dishub-jatim", "unit_of", "forward", "org/pemprov-jatim"),
        ("org/pemprov-jatim", "presented", "backward", "person/abdullah-azwar-anas"),
    ]


def test_paths_are_bounded() -> None:
    graph = seed_network()
    assert len(connections(graph, ANAS, DISHUB_JATIM, max_paths=2)) == 2
    assert connections(graph, ANAS, DISHUB_JATIM, cutoff=1) == []
    assert all(p.length <= 3 for p in connections(graph, ANAS, DISHUB_JATIM, max_paths=50, cutoff=3))
    assert connections(graph, ANAS, ANAS) == []
    assert connections(graph, ANAS, DISHUB_JATIM, max_paths=0) == []


def test_parallel_relations_are_one_step_with_all_their_facts() -> None:
    event = ID + "event/2023-11-23-pameran-inovasi-jatim-bureaucracy-fest"
    [path] = connections(seed_network(), DISHUB_JATIM, event, max_paths=1)
    [step] = path.steps
    assert step.relation == "at_event" and len(step.facts) == 4
    assert len({f["fact"] for f in step.facts}) == 4


def test_relations_can_be_restricted() -> None:
    paths = connections(seed_network(), ANAS, DISHUB_JATIM, relations=["held_office", "post_in", "conferred",
                                                                        "unit_of"])
    assert [s.relation for s in paths[0].steps] == ["held_office", "post_in", "conferred", "unit_of"]


def test_unconnected_and_unknown_entities() -> None:
    graph = seed_network()
    # An award edition is an entity, but no relation reaches it (recognitions point at the programme).
    assert connections(graph, ANAS, ID + "award/penghargaan-pelayanan-publik-2023") == []
    with pytest.raises(KeyError):
        connections(graph, ANAS, ID + "person/nobody")


# --- views ----------------------------------------------------------------------------------------------------


def test_filter_by_year_award_kind_and_relation() -> None:
    graph = seed_network()
    assert filter_network(graph).number_of_edges() == graph.number_of_edges()
    assert filter_network(graph, years=(1900, 1900), keep_undated=False).number_of_edges() == 0
    in_2023 = filter_network(graph, years=(2023, 2023), keep_undated=False)
    assert set(in_2023.edges(keys=True)) == {(u, v, k) for u, v, k, y in graph.edges(keys=True, data="year")
                                             if y == 2023}
    with_undated = filter_network(graph, years=(2023, 2023))
    assert set(with_undated.edges(keys=True)) == {(u, v, k) for u, v, k, y in graph.edges(keys=True, data="year")
                                                  if y in (2023, None)}
    sakip = filter_network(graph, awards=[ID + "award/evaluasi-sakip"], relations=["received"])
    assert (ID + "award/evaluasi-sakip", DISHUB_JATIM) in set(sakip.edges())
    assert {u for u, _v in sakip.edges()} == {ID + "award/evaluasi-sakip"}
    people = filter_network(graph, kinds=["person", "office"])
    assert {r for _u, _v, r in people.edges(data="relation")} >= {"held_office", "handed_to"}
    assert (ANAS, ID + "post/menteri-panrb") in set(people.edges())
    assert (ANAS, ID + "person/khofifah-indar-parawansa") in set(people.edges())
    assert all(d["kind"] in ("person", "office") for _n, d in people.nodes(data=True))
    assert not [n for n in people if people.degree(n) == 0]  # isolated nodes are dropped when filtering


def test_regions_an_entity_lies_in() -> None:
    graph = seed_network()
    regions = node_regions(graph)
    jatim, batu, jakarta = ID + "wilayah/35", ID + "wilayah/35.79", ID + "wilayah/31"
    assert regions[DISHUB_JATIM] >= {jatim}  # its jurisdiction
    assert regions[PEMPROV] >= {jatim}
    assert regions[ID + "event/2023-11-23-pameran-inovasi-jatim-bureaucracy-fest"] >= {batu, jatim}  # via Kota Batu
    assert regions[ID + "event/2023-11-21-penghargaan-pelayanan-publik"] >= {jakarta}  # via Hotel Bidakara
    assert regions[ID + "person/khofifah-indar-parawansa"] >= {jatim}  # the office she held
    assert regions[batu] >= {batu, jatim}
    assert ID + "award/evaluasi-sakip" not in regions or not regions[ID + "award/evaluasi-sakip"]


def test_filter_by_region_keeps_relations_touching_it() -> None:
    graph = seed_network()
    jatim, jakarta = ID + "wilayah/35", ID + "wilayah/31"
    in_jatim = filter_network(graph, regions=[jatim])
    within = node_regions(graph)
    assert (ID + "org/kemenpanrb", PEMPROV) in set(in_jatim.edges())  # a ministry recognising a Jatim government
    assert all(jatim in within[u] | within[v] for u, v in in_jatim.edges())
    in_jakarta = filter_network(graph, regions=[jakarta])
    assert (ID + "event/2023-11-21-penghargaan-pelayanan-publik", ID + "place/hotel-bidakara") in set(
        in_jakarta.edges())
    assert DISHUB_JATIM not in in_jakarta


def test_ego_network() -> None:
    graph = seed_network()
    ego = ego_network(graph, ANAS, hops=1)
    assert {short(n) for n in ego} >= {
        "person/abdullah-azwar-anas", "org/pemprov-jatim", "person/khofifah-indar-parawansa", "post/menteri-panrb",
    }
    assert all(n == ANAS or graph.has_edge(ANAS, n) or graph.has_edge(n, ANAS) for n in ego)


def test_cytoscape_elements_of_a_view() -> None:
    view = filter_network(seed_network().subgraph([ANAS, PEMPROV, DISHUB_JATIM]), relations=["presented", "unit_of"])
    elements = to_elements(view)
    assert [e["data"]["id"] for e in elements["nodes"]] == sorted([ANAS, PEMPROV, DISHUB_JATIM])
    assert elements["nodes"][-1]["data"] == {"id": ANAS, "label": "Abdullah Azwar Anas", "kind": "person",
                                            "type": "agr:Person"}
    edges = {(short(e["data"]["source"]), e["data"]["relation"], short(e["data"]["target"]), e["data"]["document"],
              e["data"]["evidence_count"]) for e in elements["edges"]}
    assert ("org/dishub-jatim", "unit_of", "org/pemprov-jatim", REFERENCE, 0) in edges
    assert ("person/abdullah-azwar-anas", "presented", "org/pemprov-jatim", VIVA, 3) in edges


# --- the same answers when bindings arrive as VALUES (as on a remote endpoint) ------------------------------


class ValuesEngine(StoreEngine):
    """Binds by a VALUES block at the start of the WHERE clause, as the remote engine does."""

    def select(self, query, bindings=None, *, timeout_s=None):  # type: ignore[no-untyped-def]
        values = pytest.importorskip("anugerah.graph.sparql_values")
        self.queries += 1
        return self.store.select(values.with_values(query, bindings or {}))


@pytest.mark.parametrize("iri", [DISHUB_JATIM, ANAS, PEMPROV, ID + "event/2023-11-21-penghargaan-pelayanan-publik",
                                 PPP, ID + "post/menteri-panrb"])
def test_entity_facts_are_the_same_with_values_bindings(iri: str) -> None:
    assert entity_facts(ValuesEngine(seed_store()), iri) == entity_facts(seed_engine(), iri)


@pytest.mark.parametrize(
    "filters",
    [
        {},
        {"region": ID + "wilayah/35"},
        {"region": ID + "wilayah/31"},
        {"conferrer": ID + "org/kemenpanrb"},
        {"award": ID + "award/penilaian-budaya-kerja-cettar-2023"},
        {"recipient": DISHUB_JATIM, "year": 2023},
    ],
)
def test_awards_are_the_same_with_values_bindings(filters: dict) -> None:
    assert awards(ValuesEngine(seed_store()), **filters) == awards(seed_engine(), **filters)


def test_the_network_is_built_with_a_few_queries() -> None:
    engine = StoreEngine(seed_store())
    build_network(engine)
    # index (3), evidence, start dates, jurisdictions, recognitions, participations, tenures, structure
    assert engine.queries <= 10
