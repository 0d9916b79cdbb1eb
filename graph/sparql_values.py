"""Bind values into SPARQL text as a VALUES block: RDF terms serialised by rdflib, never pasted raw."""

from __future__ import annotations

import re
from collections.abc import Mapping

from rdflib.term import Node

_TOKEN = re.compile(
    r'(?P<long>"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^\'\\]|\\.|\'(?!\'\'))*\'\'\')'
    r'|(?P<string>"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\')'
    r'|(?P<iri><[^<>"{}|^`\\\s]*>)'
    r"|(?P<comment>#[^\n]*)"
    r"|(?P<open>\{)|(?P<close>\})"
    r"|(?P<word>[?$]?[A-Za-z_][A-Za-z0-9_\-]*:?)",
    re.S,
)


def outer_group_start(query: str) -> int:
    """Offset just after the '{' that opens the query's WHERE clause (the outermost group pattern)."""
    depth = 0
    first_brace: int | None = None
    seen_where = False
    for match in _TOKEN.finditer(query):
        kind = match.lastgroup
        if kind == "open":
            if depth == 0:
                if seen_where:
                    return match.end()
                if first_brace is None:
                    first_brace = match.end()
            depth += 1
        elif kind == "close":
            depth -= 1
        elif kind == "word" and depth == 0 and match.group().upper() == "WHERE":
            seen_where = True
    if first_brace is None:
        raise ValueError("the query has no group pattern '{ … }'")
    return first_brace


def with_values(query: str, bindings: Mapping[str, Node]) -> str:
    """``query`` with a VALUES block binding each variable, first in its WHERE clause."""
    if not bindings:
        return query
    names = list(bindings)
    for name in names:
        if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name):
            raise ValueError(f"not a SPARQL variable name: {name!r}")
    variables = " ".join(f"?{name}" for name in names)
    row = " ".join(bindings[name].n3() for name in names)
    at = outer_group_start(query)
    return f"{query[:at]}\n  VALUES ({variables}) {{ ({row}) }}{query[at:]}"
