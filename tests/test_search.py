"""Entity search: names in Indonesian and English, aliases and acronyms, typos, bad input; and the entity index.

Expected answers come from the curated reference data (data/reference/*.yaml) and the two seed sources, written
out by hand: the seed store holds the reference data with only the seed sources (seed_data()). The index of the
full curated data is checked against what the data itself defines.
"""

from __future__ import annotations

import time
from functools import lru_cache
from typing import Any

import pytest
from anugerah.graph.compiler import compile_data
from anugerah.graph.entities import EntityRecord, entity_index
from anugerah.graph.namespaces import Base
from anugerah.graph.search import EntitySearch, normalise
from anugerah.graph.store import Store
from rdflib import RDF
from rdflib.namespace import SKOS

from .conftest import DATA, seed_data

ID = Base().id


class StoreEngine:
    """The Engine protocol's select/ask over the test Store (which takes no ``timeout_s``); counts queries."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.queries = 0

    def select(self, query: str, bindings: Any = None, *, timeout_s: float | None = None) -> list[dict]:
        self.queries += 1
        return self.store.select(query, bindings)

    def ask(self, query: str, bindings: Any = None, *, timeout_s: float | None = None) -> bool:
        self.queries += 1
        return self.store.ask(query, bindings)


@lru_cache(maxsize=1)
def seed_store() -> Store:
    return Store.from_dataset(compile_data(seed_data(), Base()).dataset)


def seed_engine() -> StoreEngine:
    return StoreEngine(seed_store())


@lru_cache(maxsize=1)
def seed_search() -> EntitySearch:
    return EntitySearch(entity_index(seed_engine()))


def top(q: str, **kwargs: Any) -> str | None:
    hits = seed_search().search(q, **kwargs)
    return hits[0].iri[len(ID) :] if hits else None


# --- the index ------------------------------------------------------------------------------------------------

ENTITIES = {
    "award/evaluasi-percepatan-reformasi-birokrasi": ("agr:Award", "award"),
    "award/evaluasi-sakip": ("agr:Award", "award"),
    "award/kompetisi-inovasi-pelayanan-publik-jatim": ("agr:Award", "award"),
    "award/kompetisi-inovasi-pelayanan-publik-jatim-2023": ("agr:AwardEdition", "award"),
    "award/penghargaan-pelayanan-publik": ("agr:Award", "award"),
    "award/penghargaan-pelayanan-publik-2023": ("agr:AwardEdition", "award"),
    "award/penilaian-budaya-kerja-cettar": ("agr:Award", "award"),
    "award/penilaian-budaya-kerja-cettar-2023": ("agr:AwardEdition", "award"),
    "event/2023-11-21-penghargaan-pelayanan-publik": ("agr:AwardCeremony", "event"),
    "event/2023-11-23-pameran-inovasi-jatim-bureaucracy-fest": ("agr:Exhibition", "event"),
    "grade/cettar": ("skos:ConceptScheme", "scheme"),
    "grade/cettar/cettar": ("agr:Grade", "grade"),
    "grade/reformasi-birokrasi": ("skos:ConceptScheme", "scheme"),
    "grade/reformasi-birokrasi/sangat-baik": ("agr:Grade", "grade"),
    "grade/sakip": ("skos:ConceptScheme", "scheme"),
    "grade/sakip/memuaskan": ("agr:Grade", "grade"),
    "group/2023-11-21-ppp-kepala-opd": ("agr:AgentGroup", "group"),
    "innovation/transjatim-ajaib": ("agr:Innovation", "work"),
    "instrument/sibekisar": ("agr:EvaluationInstrument", "instrument"),
    "org/dishub-jatim": ("agr:RegionalAgency", "organisation"),
    "org/kemenpanrb": ("agr:Ministry", "organisation"),
    "org/pemprov-jatim": ("agr:RegionalGovernment", "organisation"),
    "person/abdullah-azwar-anas": ("agr:Person", "person"),
    "person/emil-elestianto-dardak": ("agr:Person", "person"),
    "person/khofifah-indar-parawansa": ("agr:Person", "person"),
    "place/hotel-bidakara": ("agr:Place", "place"),
    "post/gubernur-jatim": ("agr:Office", "office"),
    "post/menteri-panrb": ("agr:Office", "office"),
    "post/wakil-gubernur-jatim": ("agr:Office", "office"),
    "publisher/viva-jatim": ("agr:Publisher", "organisation"),
    "wilayah/31": ("agr:Region", "region"),
    "wilayah/35": ("agr:Region", "region"),
    "wilayah/35.79": ("agr:Region", "region"),
}


def test_the_index_holds_every_named_entity_and_no_fact_or_provenance_node() -> None:
    records = entity_index(seed_engine())
    # The seeds' entities with their type and kind; that the index holds every labelled entity and nothing
    # else is checked on the full data (test_the_full_index_holds_every_labelled_entity_of_the_data).
    indexed = {r.local_id(): (r.type, r.kind) for r in records}
    assert {local: indexed.get(local) for local in ENTITIES} == ENTITIES
    # Recognitions, participations, tenures, evidence and sources carry no label: not entities.
    assert not [r for r in records if r.local_id().split("/")[0] in {"recognition", "evidence", "source", "tenure"}]


def test_the_full_index_holds_every_labelled_entity_of_the_data() -> None:
    # Every typed IRI of the data with a skos:prefLabel, whichever graph states it (reference data, or an event
    # or unnamed group of a source), once, with a known kind; no fact or provenance node.
    dataset = compile_data(DATA, Base()).dataset
    typed = {str(s) for s, _p, _o, _g in dataset.quads((None, RDF.type, None, None))}
    labelled = {str(s) for s, _p, _o, _g in dataset.quads((None, SKOS.prefLabel, None, None))
                if str(s).startswith(ID) and str(s) in typed}
    records = entity_index(StoreEngine(Store.from_dataset(dataset)))
    assert [r.iri for r in records] == sorted(labelled)
    assert len(labelled) > len(ENTITIES)
    assert not [r for r in records if r.kind == "other" or not (r.label_id and r.label_en)]
    assert not [r for r in records if r.local_id().split("/")[0] in {"recognition", "evidence", "source", "tenure"}]


def test_an_index_record_has_both_languages_and_its_aliases() -> None:
    records = {r.local_id(): r for r in entity_index(seed_engine())}
    assert records["org/kemenpanrb"] == EntityRecord(
        iri=ID + "org/kemenpanrb",
        types=("https://w3id.org/anugerah/def/core#Ministry",),
        kind="organisation",
        label_id="Kementerian Pendayagunaan Aparatur Negara dan Reformasi Birokrasi",
        label_en="Ministry of State Apparatus Utilization and Bureaucratic Reform",
        alt_id=("KemenPAN RB", "KemenPAN-RB", "KemenPANRB", "Kementerian PAN-RB", "Kementerian PANRB"),
        alt_en=("MenPAN-RB ministry",),
    )
    assert records["wilayah/35"].alt_en == ("East Java",)
    assert records["wilayah/35"].alt_id == ("Jatim", "Jawa Timur")


# --- names, aliases, acronyms ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Pemprov Jatim", "org/pemprov-jatim"),
        ("Pemerintah Provinsi Jawa Timur", "org/pemprov-jatim"),
        ("pemprov jawa timur", "org/pemprov-jatim"),
        ("KemenPAN-RB", "org/kemenpanrb"),
        ("KemenPAN RB", "org/kemenpanrb"),
        ("Kementerian PANRB", "org/kemenpanrb"),
        ("kemenpanrb", "org/kemenpanrb"),
        ("Kementerian PAN RB", "org/kemenpanrb"),
        ("Dishub Jatim", "org/dishub-jatim"),
        ("DISHUB-JATIM", "org/dishub-jatim"),
        ("Dinas Perhubungan Jawa Timur", "org/dishub-jatim"),
        ("Menteri PAN-RB", "post/menteri-panrb"),
        ("Wagub Jatim", "post/wakil-gubernur-jatim"),
        ("KOVABLIK", "award/kompetisi-inovasi-pelayanan-publik-jatim"),
        ("SAKIP", "award/evaluasi-sakip"),
        ("Kota Batu", "wilayah/35.79"),
        ("Jatim", "wilayah/35"),
        ("Azwar Anas", "person/abdullah-azwar-anas"),
    ],
)
def test_names_aliases_and_acronyms_find_the_entity_first_as_an_exact_match(query: str, expected: str) -> None:
    hits = seed_search().search(query)
    assert hits[0].iri == ID + expected
    assert hits[0].match == "exact"
    assert hits[0].score >= 99.5


def test_the_hit_says_which_name_matched_as_written() -> None:
    hit = seed_search().search("Pemprov Jatim", limit=1)[0]
    assert hit.to_dict() == {
        "iri": ID + "org/pemprov-jatim",
        "label_id": "Pemerintah Provinsi Jawa Timur",
        "label_en": "East Java Provincial Government",
        "type": "agr:RegionalGovernment",
        "kind": "organisation",
        "matched": "Pemprov Jatim",
        "score": 100.0,
        "match": "exact",
    }
    assert seed_search().search("KemenPAN-RB", limit=1)[0].matched == "KemenPAN-RB"
    assert seed_search().search("kemenpan rb", limit=1)[0].matched == "KemenPAN RB"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("East Java Provincial Transportation Agency", "org/dishub-jatim"),
        ("Public Service Awards", "award/penghargaan-pelayanan-publik"),
        ("East Java", "wilayah/35"),
        ("Governor of East Java", "post/gubernur-jatim"),
        ("Bidakara Hotel", "place/hotel-bidakara"),
        ("MenPAN-RB ministry", "org/kemenpanrb"),
    ],
)
def test_english_names(query: str, expected: str) -> None:
    assert top(query) == expected


def test_exact_then_prefix_then_the_rest() -> None:
    hits = seed_search().search("Public Service Awards", limit=4)
    assert [(h.iri[len(ID) :], h.match) for h in hits[:3]] == [
        ("award/penghargaan-pelayanan-publik", "exact"),
        ("award/penghargaan-pelayanan-publik-2023", "prefix"),  # "Public Service Awards 2023"
        ("event/2023-11-21-penghargaan-pelayanan-publik", "prefix"),  # "... 2023 ceremony"
    ]
    assert hits[0].score > hits[1].score > hits[2].score > hits[3].score
    assert top("Azwar") == "person/abdullah-azwar-anas"  # a prefix of the alias "Azwar Anas"
    assert top("Bidakara") == "place/hotel-bidakara"  # a prefix of "Bidakara Hotel"
    assert top("anas") == "person/abdullah-azwar-anas"  # a whole word


# --- typos --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Emi Elestianto Dardak", "person/emil-elestianto-dardak"),  # as the Dishub article misspelled him
        ("Jatiim", "wilayah/35"),
        ("Dishub Jatiim", "org/dishub-jatim"),  # as the same article wrote it
        ("kofifah", "person/khofifah-indar-parawansa"),
        ("Abdulah Azwar Anas", "person/abdullah-azwar-anas"),
        ("Pemprov Jatm", "org/pemprov-jatim"),
    ],
)
def test_typos_are_tolerated(query: str, expected: str) -> None:
    hits = seed_search().search(query)
    assert hits[0].iri == ID + expected
    assert hits[0].match in ("fuzzy", "word", "prefix")
    assert hits[0].score < 99.5  # a typo is never reported as an exact match


def test_a_typo_ranks_the_right_person_well_ahead() -> None:
    hits = seed_search().search("Emi Elestianto Dardak", limit=3)
    assert hits[0].matched == "Emil Elestianto Dardak"
    assert all(h.score < hits[0].score - 20 for h in hits[1:])


def test_honorifics_and_degrees_are_not_part_of_the_name() -> None:
    assert top("Dr. H. Emil Dardak, M.Sc.") == "person/emil-elestianto-dardak"
    assert top("Hj. Khofifah Indar Parawansa") == "person/khofifah-indar-parawansa"


# --- filters and bad input --------------------------------------------------------------------------------


def test_types_restrict_the_hits_by_kind_or_class() -> None:
    search = seed_search()
    # Restricting to a kind keeps exactly the hits of that kind (no organisation or region called Jatim among
    # the persons; a person may still be a weak fuzzy match).
    everything = search.search("jatim", limit=100)
    persons = search.search("jatim", types=["person"], limit=100)
    assert {h.iri for h in persons} == {h.iri for h in everything if h.kind == "person"}
    assert not [h for h in persons if h.kind != "person" or h.match == "exact"]
    organisations = search.search("jatim", types=["organisation"])
    assert organisations and {h.kind for h in organisations} == {"organisation"}
    assert [h.iri for h in search.search("jatim", types=["agr:Region"])][:1] == [ID + "wilayah/35"]
    agencies = search.search("Jawa Timur", types=["RegionalAgency"])
    assert agencies and {h.type for h in agencies} == {"agr:RegionalAgency"}
    assert ID + "org/dishub-jatim" in {h.iri for h in agencies}


@pytest.mark.parametrize("query", ["", "   ", "!!! --- ???", "\x00", "x" * 10_000, "é" * 10_000, '"} DROP ALL {'])
def test_bad_input_gives_no_hits_without_raising(query: str) -> None:
    started = time.perf_counter()
    hits = seed_search().search(query)
    assert time.perf_counter() - started < 1.0
    assert isinstance(hits, list)
    if not normalise(query):
        assert hits == []


def test_a_very_long_query_is_cut_not_refused() -> None:
    assert top("Dishub Jatim" + " " * 10_000) == "org/dishub-jatim"
    assert top(" - ".join(["Dishub Jatim"] * 1000), limit=3) is not None


@pytest.mark.parametrize("query", [None, 42, b"Dishub", ["Dishub"]])
def test_a_non_string_query_gives_no_hits(query: Any) -> None:
    assert seed_search().search(query) == []


def test_limit_is_clamped() -> None:
    search = seed_search()
    assert len(search.search("jatim", limit=0)) == 1
    assert len(search.search("jatim", limit=2)) == 2
    assert len(search.search("a", limit=10**9)) <= 100
    assert len(search.search("jatim", limit="many")) <= 10  # type: ignore[arg-type]


def test_an_empty_index_answers_nothing() -> None:
    assert EntitySearch([]).search("Dishub Jatim") == []


def test_normalise() -> None:
    assert normalise("KemenPAN-RB") == normalise("kemenpan rb") == "kemenpan rb"
    assert normalise("  Dinas   Perhubungan,  Prov. Jatim ") == "dinas perhubungan prov jatim"
    assert normalise("Bàtú") == "batu"
