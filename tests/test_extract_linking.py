"""Mentions link to entities the graph has, through aliases, acronyms and typos; new ones get proposed ids."""

from __future__ import annotations

from pathlib import Path

import pytest
from anugerah.graph.extract.extractor import extract
from anugerah.graph.extract.linking import EntityIndex, slug

FIXTURE = Path(__file__).parent / "fixtures" / "extract" / "data"


@pytest.fixture(scope="module")
def index() -> EntityIndex:
    return EntityIndex.from_data(FIXTURE)


ORGS = {"org": {"Ministry", "RegionalGovernment", "RegionalAgency", "PublicOrganisation"}}


@pytest.mark.parametrize(("name", "expected"), [
    ("Pemprov Jatim", "org/pemprov-jatim"),
    ("Pemerintah Provinsi Jawa Timur", "org/pemprov-jatim"),
    ("Pemerintah Provinsi Jatim", "org/pemprov-jatim"),
    ("KemenPAN-RB", "org/kemenpanrb"),
    ("KemenPAN RB", "org/kemenpanrb"),
    ("Kementerian PAN-RB", "org/kemenpanrb"),
    ("Kementerian Pendayagunaan Aparatur Negara dan Reformasi Birokrasi", "org/kemenpanrb"),
    ("Dishub Jatim", "org/dishub-jatim"),
    ("Dinas Perhubungan Provinsi Jawa Timur", "org/dishub-jatim"),
])
def test_organisations_by_name_alias_and_acronym(index: EntityIndex, name: str, expected: str) -> None:
    found = index.link(name, ORGS["org"])
    assert found is not None and found.entity.id == expected


@pytest.mark.parametrize(("name", "expected"), [
    ("Emil Elestianto Dardak", "person/emil-elestianto-dardak"),
    ("Emi Elestianto Dardak", "person/emil-elestianto-dardak"),  # the source's misspelling
    ("Emil Elistianto Dardak", "person/emil-elestianto-dardak"),
    ("Khofifah Indar Parawansa", "person/khofifah-indar-parawansa"),
    ("Abdullah Azwar Anas", "person/abdullah-azwar-anas"),
])
def test_persons_tolerate_typos(index: EntityIndex, name: str, expected: str) -> None:
    found = index.link_person(name)
    assert found is not None and found.entity.id == expected


def test_unrelated_names_do_not_link(index: EntityIndex) -> None:
    assert index.link("Pemerintah Provinsi Jawa Tengah", ORGS["org"]) is None
    assert index.link_person("Emil Salim") is None
    assert index.link("Dinas Kesehatan Provinsi Jawa Timur", ORGS["org"]) is None


def test_an_article_links_its_mentions(index: EntityIndex) -> None:
    text = ("Batu - Dishub Jatiim meraih penghargaan Top Inovasi 2023 dari KemenPAN RB. Wakil Gubernur Jawa Timur "
            "Emi Elestianto Dardak menyerahkan langsung penghargaan tersebut di Kota Batu, Kamis (23/11/2023).")
    extraction = extract(text, index=index)
    links = {a.name: a.link for a in extraction.agents}
    assert links["Dishub Jatiim"] == "org/dishub-jatim"  # acronym and a typo in the province
    assert links["KemenPAN RB"] == "org/kemenpanrb"
    assert links["Emi Elestianto Dardak"] == "person/emil-elestianto-dardak"
    rec = extraction.recognitions[0]
    assert rec.presenter is not None and rec.presenter.link == "person/emil-elestianto-dardak"


def test_short_names_corefer_within_an_article(index: EntityIndex) -> None:
    text = ("Jakarta - Pemerintah Kabupaten Sleman meraih penghargaan Anugerah Desa Wisata 2024 dari Kementerian "
            "Pariwisata. Menteri Pariwisata Widiyanti Putri menyerahkan penghargaan itu. Menurut Widiyanti, "
            "Sleman layak menerima penghargaan tersebut.")
    extraction = extract(text, index=index)
    people = [a for a in extraction.agents if a.kind == "person"]
    assert [p.name for p in people] == ["Widiyanti Putri"]
    assert people[0].link is None  # not in the graph: the draft proposes it


def test_proposed_ids_are_slugs() -> None:
    assert slug("Indonesian Institute Publik Governance (IIPG)") == "indonesian-institute-publik-governance-iipg"
    assert slug("Ma’ruf Amin") == "ma-ruf-amin"
