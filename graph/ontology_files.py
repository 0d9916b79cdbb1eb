"""The ontology, vocabularies and shapes shipped as package data."""

from __future__ import annotations

from functools import cache
from importlib.resources import files

from rdflib import Graph

ONTOLOGY_FILE = "anugerah.ttl"
VOCABULARY_FILE = "vocabularies.ttl"
SHAPES_FILE = "shapes.ttl"


def _read(name: str) -> Graph:
    resource = files("anugerah.ontology").joinpath(name)
    return Graph().parse(data=resource.read_text(encoding="utf-8"), format="turtle")


@cache
def ontology() -> Graph:
    return _read(ONTOLOGY_FILE)


@cache
def vocabularies() -> Graph:
    return _read(VOCABULARY_FILE)


@cache
def shapes() -> Graph:
    return _read(SHAPES_FILE)


def ontology_graphs() -> dict[str, Graph]:
    """Named-graph local name → graph, for the parts of the ontology that belong in the dataset."""
    return {"ontology": ontology(), "vocabulary": vocabularies()}
