"""The read-only Oxigraph store: loading files and datasets, the union default graph, bindings, errors."""

from __future__ import annotations

from pathlib import Path

import pytest
from anugerah.graph.store import QueryError, Store
from rdflib import BNode, Dataset, Literal, URIRef

EX = "http://example.org/"
XSD_DATE = URIRef("http://www.w3.org/2001/XMLSchema#date")

TRIG = """\
@prefix ex: <http://example.org/> .
ex:g1 { ex:a ex:p ex:b . ex:a ex:name "A"@id . }
ex:g2 { ex:b ex:p ex:c . ex:b ex:when "2023-11-21"^^<http://www.w3.org/2001/XMLSchema#date> . }
"""

NQUADS = """\
<http://example.org/a> <http://example.org/p> <http://example.org/b> <http://example.org/g1> .
<http://example.org/b> <http://example.org/p> <http://example.org/c> <http://example.org/g2> .
<http://example.org/c> <http://example.org/p> _:x <http://example.org/g2> .
"""

CHAIN = f"SELECT ?x ?z WHERE {{ ?x <{EX}p> ?y . ?y <{EX}p> ?z }}"


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_loads_trig_and_sees_the_union_of_named_graphs(tmp_path: Path) -> None:
    store = Store.from_file(write(tmp_path / "tiny.trig", TRIG))
    assert len(store) == 4
    # ex:a ex:p ex:b is in graph g1 and ex:b ex:p ex:c in g2: the join needs the union default graph.
    assert store.select(CHAIN) == [{"x": URIRef(EX + "a"), "z": URIRef(EX + "c")}]
    assert store.ask(f"ASK {{ <{EX}a> <{EX}p> <{EX}b> . <{EX}b> <{EX}p> <{EX}c> }}")
    graphs = store.select("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } } ORDER BY ?g")
    assert graphs == [{"g": URIRef(EX + "g1")}, {"g": URIRef(EX + "g2")}]


def test_loads_nquads_and_converts_every_kind_of_term(tmp_path: Path) -> None:
    store = Store.from_file(write(tmp_path / "tiny.nq", NQUADS))
    assert len(store) == 3
    rows = store.select(CHAIN + " ORDER BY ?x")
    assert [row["x"] for row in rows] == [URIRef(EX + "a"), URIRef(EX + "b")]
    assert rows[0]["z"] == URIRef(EX + "c")
    assert isinstance(rows[1]["z"], BNode)


def test_literals_keep_datatype_and_language(tmp_path: Path) -> None:
    store = Store.from_file(write(tmp_path / "tiny.trig", TRIG))
    [row] = store.select(f"SELECT ?name ?when ?plain ?n WHERE {{ <{EX}a> <{EX}name> ?name . "
                         f"<{EX}b> <{EX}when> ?when . BIND(\"x\" AS ?plain) BIND(1 AS ?n) }}")
    assert row["name"] == Literal("A", lang="id")
    assert row["when"] == Literal("2023-11-21", datatype=XSD_DATE)
    assert row["plain"] == Literal("x") and row["plain"].datatype is None
    assert row["n"] == Literal(1)


def test_loads_turtle_and_ntriples_into_the_default_graph(tmp_path: Path) -> None:
    ttl = write(tmp_path / "tiny.ttl", f"<{EX}a> <{EX}p> <{EX}b> . <{EX}b> <{EX}p> <{EX}c> .\n")
    nt = write(tmp_path / "tiny.nt", f"<{EX}a> <{EX}p> <{EX}b> .\n<{EX}b> <{EX}p> <{EX}c> .\n")
    for path in (ttl, nt):
        store = Store.from_file(path)
        assert len(store) == 2
        assert store.select(CHAIN) == [{"x": URIRef(EX + "a"), "z": URIRef(EX + "c")}]


def test_unknown_extension_and_bad_file_are_rejected(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="extension"):
        Store.from_file(write(tmp_path / "data.xyz", TRIG))
    with pytest.raises(ValueError, match="not valid"):
        Store.from_file(write(tmp_path / "broken.trig", "ex:g1 { this is not trig"))


def test_from_dataset_keeps_named_graphs() -> None:
    dataset = Dataset()
    dataset.graph(URIRef(EX + "g1")).add((URIRef(EX + "a"), URIRef(EX + "p"), URIRef(EX + "b")))
    dataset.graph(URIRef(EX + "g2")).add((URIRef(EX + "b"), URIRef(EX + "p"), URIRef(EX + "c")))
    store = Store.from_dataset(dataset)
    assert len(store) == 2
    assert store.select(CHAIN) == [{"x": URIRef(EX + "a"), "z": URIRef(EX + "c")}]


def test_bindings_are_terms_not_text(tmp_path: Path) -> None:
    store = Store.from_file(write(tmp_path / "tiny.trig", TRIG))
    query = f"SELECT ?x ?y WHERE {{ ?x <{EX}p> ?y }}"
    assert store.select(query, {"x": URIRef(EX + "b")}) == [{"x": URIRef(EX + "b"), "y": URIRef(EX + "c")}]
    hostile = Literal('"} . ?x ?p ?y } #')
    assert store.select(query, {"y": hostile}) == []
    assert store.ask(f"ASK {{ <{EX}a> <{EX}name> ?n }}", {"n": Literal("A", lang="id")})
    assert not store.ask(f"ASK {{ <{EX}a> <{EX}name> ?n }}", {"n": Literal("A")})


def test_errors_are_query_errors(tmp_path: Path) -> None:
    store = Store.from_file(write(tmp_path / "tiny.trig", TRIG))
    with pytest.raises(QueryError, match="syntax"):
        store.select("SELECT ?x WHERE { ?x ?p }")
    with pytest.raises(QueryError, match="SELECT"):
        store.select("ASK { ?s ?p ?o }")
    with pytest.raises(QueryError, match="ASK"):
        store.ask("SELECT * WHERE { ?s ?p ?o }")
    with pytest.raises(QueryError):
        store.select("SELECT ?x WHERE { ?x ?p ?o }", {"nope": URIRef(EX + "a")})
    with pytest.raises(QueryError, match="binding"):
        store.select("SELECT ?x WHERE { ?x ?p ?o }", {"x": URIRef("not an iri")})
