"""Named SPARQL queries: one ``queries/*.rq`` file per competency question, with a grlc-style header.

The header is the block of ``#+ `` comment lines at the top of the file, read as YAML::

    #+ summary: Who awarded whom ...
    #+ description: (optional)
    #+ params:
    #+   - name: year
    #+     type: xsd:gYear        # iri, xsd:string, xsd:date, xsd:gYear or xsd:integer
    #+     required: false
    #+     description: Only recognitions dated in this year.

Parameter values arrive as strings (an HTTP query string, a command line) and are turned into typed RDF terms
that the store binds to the query variable of the same name: a value is never pasted into the query text.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from importlib.resources import files
from typing import Any

import yaml
from pyoxigraph import NamedNode
from rdflib import Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Node

from .compiler import LOCAL_ID
from .namespaces import Base
from .store import Store

__all__ = [
    "PARAM_TYPES",
    "NamedQuery",
    "NamedQueryError",
    "Param",
    "ParameterError",
    "load_named_queries",
    "parse_named_query",
]

PARAM_TYPES = ("iri", "xsd:string", "xsd:date", "xsd:gYear", "xsd:integer")
HEADER_PREFIX = "#+"
VARIABLE_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
# An absolute http(s) IRI without the characters SPARQL and N-Triples forbid in an IRI.
ABSOLUTE_IRI = re.compile(r"^https?://[^\s<>\"{}|\\^`\x00-\x20]+$")
MAX_STRING_LENGTH = 1000


class NamedQueryError(Exception):
    """A .rq file whose header cannot be read; the message names the file."""


class ParameterError(ValueError):
    """A parameter value the query cannot take: unknown name, missing required value, or a bad value."""

    def __init__(self, param: str, message: str) -> None:
        self.param = param
        self.message = message
        super().__init__(f"{param}: {message}")


@dataclass(frozen=True)
class Param:
    name: str
    type: str
    required: bool = False
    description: str = ""
    example: str | None = None  # a value that gives a meaningful answer on the shipped data


@dataclass(frozen=True)
class NamedQuery:
    name: str
    summary: str
    description: str
    params: list[Param] = field(default_factory=list)
    text: str = ""

    def param(self, name: str) -> Param | None:
        return next((p for p in self.params if p.name == name), None)

    def bind(
        self, values: Mapping[str, str | list[str]], base: Base | None = None
    ) -> dict[str, Node]:
        """Typed RDF terms for the given string values, keyed by parameter (= query variable) name.

        An empty value counts as not given. Raises ParameterError for an unknown parameter, a missing required
        one, several values for one parameter, or a value that is not of the parameter's type.
        """
        base = base or Base()
        known = {p.name: p for p in self.params}
        for name in values:
            if name not in known:
                expected = ", ".join(known) or "none"
                raise ParameterError(name, f"unknown parameter of {self.name} (expected: {expected})")
        bound: dict[str, Node] = {}
        for param in self.params:
            raw = values.get(param.name)
            if isinstance(raw, list | tuple):
                given = [v for v in raw if v != ""]
                if len(given) > 1:
                    raise ParameterError(param.name, "takes a single value")
                raw = given[0] if given else None
            if raw is None or raw == "":
                if param.required:
                    raise ParameterError(param.name, "is required")
                continue
            if not isinstance(raw, str):
                raise ParameterError(param.name, f"must be given as text, got {type(raw).__name__}")
            bound[param.name] = _term(param, raw, base)
        return bound

    def run(
        self, store: Store, values: Mapping[str, str | list[str]] | None = None, base: Base | None = None
    ) -> list[dict[str, Node]]:
        """Bind the values and run the query on the store."""
        return store.select(self.text, self.bind(values or {}, base))


def _term(param: Param, value: str, base: Base) -> Node:
    if param.type == "iri":
        iri = base.thing(value) if LOCAL_ID.match(value) else value if ABSOLUTE_IRI.match(value) else None
        if iri is not None:
            try:
                NamedNode(iri)  # the store's own IRI check (e.g. a malformed %-escape or port)
            except ValueError:
                pass
            else:
                return URIRef(iri)
        raise ParameterError(
            param.name, f"must be an absolute http(s) IRI or a local id like 'org/dishub-jatim', got {value!r}"
        )
    if param.type == "xsd:date":
        if re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value):
            try:
                dt.date.fromisoformat(value)
            except ValueError:
                pass
            else:
                return Literal(value, datatype=XSD.date)
        raise ParameterError(param.name, f"must be a date YYYY-MM-DD, got {value!r}")
    if param.type == "xsd:gYear":
        if re.fullmatch(r"[0-9]{4}", value):
            return Literal(value, datatype=XSD.gYear)
        raise ParameterError(param.name, f"must be a year YYYY, got {value!r}")
    if param.type == "xsd:integer":
        if re.fullmatch(r"[+-]?[0-9]{1,18}", value):
            return Literal(str(int(value)), datatype=XSD.integer)
        raise ParameterError(param.name, f"must be a whole number, got {value!r}")
    if param.type == "xsd:string":
        if len(value) > MAX_STRING_LENGTH:
            raise ParameterError(param.name, f"is longer than {MAX_STRING_LENGTH} characters")
        return Literal(value)
    raise ParameterError(param.name, f"has an unsupported type {param.type!r}")  # excluded at load time


def parse_named_query(name: str, text: str, origin: str | None = None) -> NamedQuery:
    """Read the ``#+`` header of a query text; raise NamedQueryError naming ``origin`` (the file)."""
    where = origin or f"{name}.rq"
    header_lines: list[str] = []
    for line in text.splitlines():
        if line.startswith(HEADER_PREFIX):
            body = line[len(HEADER_PREFIX) :]
            header_lines.append(body[1:] if body.startswith(" ") else body)
        elif header_lines or line.strip():
            break
    if not header_lines:
        raise NamedQueryError(f"{where}: no '#+ summary:' header at the top")
    try:
        header = yaml.safe_load("\n".join(header_lines))
    except yaml.YAMLError as exc:
        raise NamedQueryError(f"{where}: the '#+' header is not valid YAML: {exc}") from exc
    if not isinstance(header, dict):
        raise NamedQueryError(f"{where}: the '#+' header must be a mapping with 'summary:'")
    unknown = set(header) - {"summary", "description", "params"}
    if unknown:
        raise NamedQueryError(
            f"{where}: unknown header keys {sorted(unknown)} (expected summary, description, params)"
        )
    summary = header.get("summary")
    if not isinstance(summary, str) or not summary.strip():
        raise NamedQueryError(f"{where}: the header needs a 'summary:' text")
    description = header.get("description") or ""
    if not isinstance(description, str):
        raise NamedQueryError(f"{where}: 'description:' must be text")
    params = [_param(entry, where) for entry in _list(header.get("params"), where)]
    names = [p.name for p in params]
    duplicates = sorted({n for n in names if names.count(n) > 1})
    if duplicates:
        raise NamedQueryError(f"{where}: parameters declared twice: {duplicates}")
    return NamedQuery(name, summary.strip(), description.strip(), params, text)


def _list(value: Any, where: str) -> list[Any]:
    if value is None:
        return []
    if not isinstance(value, list):
        raise NamedQueryError(f"{where}: 'params:' must be a list")
    return value


def _param(entry: Any, where: str) -> Param:
    if not isinstance(entry, dict):
        raise NamedQueryError(f"{where}: each parameter must be a mapping with 'name:' and 'type:'")
    unknown = set(entry) - {"name", "type", "required", "description", "example"}
    if unknown:
        raise NamedQueryError(f"{where}: unknown parameter keys {sorted(unknown)}")
    name, kind = entry.get("name"), entry.get("type")
    if not isinstance(name, str) or not VARIABLE_NAME.match(name):
        raise NamedQueryError(f"{where}: parameter name {name!r} is not a SPARQL variable name")
    if kind not in PARAM_TYPES:
        expected = ", ".join(PARAM_TYPES)
        raise NamedQueryError(f"{where}: parameter {name!r} has type {kind!r} (expected one of {expected})")
    required = entry.get("required", False)
    if not isinstance(required, bool):
        raise NamedQueryError(f"{where}: parameter {name!r}: 'required' must be true or false")
    description = entry.get("description") or ""
    if not isinstance(description, str):
        raise NamedQueryError(f"{where}: parameter {name!r}: 'description' must be text")
    example = entry.get("example")
    if example is not None and not isinstance(example, str | int):
        raise NamedQueryError(f"{where}: parameter {name!r}: 'example' must be text")
    return Param(name, kind, required, description.strip(), None if example is None else str(example))


def load_named_queries() -> dict[str, NamedQuery]:
    """Every ``*.rq`` of the ``anugerah.queries`` package, by name (the file stem), sorted by name."""
    package = files("anugerah.queries")
    queries: dict[str, NamedQuery] = {}
    for resource in sorted(package.iterdir(), key=lambda r: r.name):
        if not resource.name.endswith(".rq") or not resource.is_file():
            continue
        name = resource.name[: -len(".rq")]
        queries[name] = parse_named_query(name, resource.read_text(encoding="utf-8"), origin=resource.name)
    return queries
