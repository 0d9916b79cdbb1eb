"""Lexical analysis of SPARQL text and binding values into it as VALUES blocks.

Values are RDF terms serialised by rdflib (``.n3()`` escapes quotes and newlines), never pasted raw. The block
goes first in the outermost WHERE group and in every nested group (OPTIONAL, UNION branch, MINUS, EXISTS,
GRAPH) that mentions the variable, but not inside a sub-SELECT: a FILTER in a UNION branch is evaluated on that
branch alone, so an outer block alone would not reach it.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from rdflib import BNode, Literal, URIRef
from rdflib.term import Node

from .engine import QuerySyntaxError

FORMS = ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")
_VARIABLE_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")

_TOKEN = re.compile(
    r'(?P<string>"""(?:[^"\\]|\\.|"(?!""))*"""'
    r"|'''(?:[^'\\]|\\.|'(?!''))*'''"
    r'|"(?:[^"\\\n\r]|\\.)*"'
    r"|'(?:[^'\\\n\r]|\\.)*')"
    r'|(?P<iri><[^<>"{}|^`\\\x00-\x20]*>)'
    r"|(?P<comment>#[^\n\r]*)"
    r"|(?P<var>[?$]\w+)"
    r"|(?P<langtag>@[A-Za-z]+(?:-[A-Za-z0-9]+)*)"
    r"|(?P<word>[^\W\d][\w\-.]*(?::[\w\-.:%]*)?|:[\w\-.:%]*)"
    r"|(?P<number>\d+(?:\.\d*)?(?:[eE][+-]?\d+)?)"
    r"|(?P<open>\{)|(?P<close>\})"
    r"|(?P<space>\s+)"
    r"|(?P<other>.)",
    re.S,
)


@dataclass
class Token:
    kind: str
    text: str
    start: int
    end: int

    @property
    def keyword(self) -> str | None:
        """The upper-cased word if this is a bare word (a keyword), not a prefixed name or blank node."""
        return self.text.upper() if self.kind == "word" and ":" not in self.text else None


@dataclass
class Group:
    """A pair of braces: a group graph pattern, a VALUES data block, a CONSTRUCT template or a sub-SELECT."""

    kind: str  # "group", "subquery" (a group holding a sub-SELECT), "data", "template"
    open: int  # offset of "{"
    depth: int
    inside_subquery: bool
    close: int = -1  # offset of "}"


@dataclass
class QueryShape:
    form: str | None
    keywords: set[str]
    groups: list[Group]
    outer: Group | None  # the WHERE group
    limit: Token | None  # the number of a top-level LIMIT after the WHERE group
    trailing_values: int | None  # offset of a top-level VALUES clause after the WHERE group
    has_from: bool
    variables: dict[str, list[int]]  # each variable's offsets, in order
    problem: str | None  # braces that do not pair up

    def mentions(self, group: Group, name: str) -> bool:
        """Whether ``?name`` (or ``$name``) occurs between the group's braces."""
        offsets = self.variables.get(name, [])
        at = bisect.bisect_right(offsets, group.open)
        return at < len(offsets) and offsets[at] < group.close


def lex(query: str) -> Iterator[Token]:
    for match in _TOKEN.finditer(query):
        kind = match.lastgroup or "other"
        if kind not in ("space", "comment"):
            yield Token(kind, match.group(), match.start(), match.end())


def query_shape(query: str) -> QueryShape:
    """What the lexer sees in a query."""
    tokens = list(lex(query))
    stack: list[Group] = []
    groups: list[Group] = []
    keywords: set[str] = set()
    form: str | None = None
    pending_data = pending_template = False
    outer: Group | None = None
    limit: Token | None = None
    trailing_values: int | None = None
    has_from = False
    variables: dict[str, list[int]] = {}
    subqueries = 0  # sub-SELECT groups open
    problem: str | None = None
    for index, token in enumerate(tokens):
        keyword = token.keyword
        if keyword is not None:
            keywords.add(keyword)
            if keyword == "VALUES":
                pending_data = True
                if not stack and outer is not None and outer.close >= 0 and trailing_values is None:
                    trailing_values = token.start
            elif keyword in FORMS and form is None and not stack:
                form = keyword
                pending_template = keyword == "CONSTRUCT"
            elif keyword == "FROM" and not stack:
                has_from = True
            elif keyword == "LIMIT" and not stack and outer is not None and outer.close >= 0:
                following = tokens[index + 1] if index + 1 < len(tokens) else None
                if following is not None and following.kind == "number":
                    limit = following
        elif token.kind == "var":
            variables.setdefault(token.text[1:], []).append(token.start)
        elif token.kind == "open":
            if pending_data:
                kind = "data"
            elif pending_template:
                kind = "template"
            else:
                following = tokens[index + 1] if index + 1 < len(tokens) else None
                kind = "subquery" if following is not None and following.keyword == "SELECT" else "group"
            pending_data = pending_template = False
            group = Group(kind, token.start, len(stack), subqueries > 0)
            subqueries += kind == "subquery"
            if outer is None and not stack and kind in ("group", "subquery"):
                outer = group
            stack.append(group)
        elif token.kind == "close":
            if not stack:
                problem = problem or f"SPARQL syntax error: unbalanced '}}' at offset {token.start}"
                continue
            group = stack.pop()
            group.close = token.start
            subqueries -= group.kind == "subquery"
            groups.append(group)
    if stack:
        problem = problem or f"SPARQL syntax error: unclosed '{{' at offset {stack[-1].open}"
    return QueryShape(form, keywords, groups, outer, limit, trailing_values, has_from, variables, problem)


def _values_block(names: list[str], bindings: Mapping[str, Node]) -> str:
    variables = " ".join(f"?{name}" for name in names)
    row = " ".join(_n3(name, bindings[name]) for name in names)
    return f" VALUES ({variables}) {{ ({row}) }} "


def _n3(name: str, term: Node) -> str:
    if isinstance(term, BNode) or not isinstance(term, URIRef | Literal):
        raise QuerySyntaxError(f"binding ?{name}: only IRIs and literals can be bound, got {term!r}")
    try:
        return term.n3()
    except Exception as exc:  # rdflib raises a bare Exception for an IRI it cannot write
        raise QuerySyntaxError(f"binding ?{name}: {exc}") from exc


def _inject_values(query: str, shape: QueryShape, bindings: Mapping[str, Node]) -> str:
    """The query with the bindings as VALUES blocks (see the module notes); the text is otherwise unchanged."""
    if not bindings:
        return query
    for name in bindings:
        if not _VARIABLE_NAME.fullmatch(name):
            raise QuerySyntaxError(f"not a SPARQL variable name: {name!r}")
    if shape.problem is not None:
        raise QuerySyntaxError(shape.problem)
    outer = shape.outer
    if outer is None:
        raise QuerySyntaxError("SPARQL syntax error: the query has no WHERE group '{ … }'")
    names = list(bindings)
    inserts: list[tuple[int, str]] = []
    if outer.kind == "subquery":  # "{ SELECT … }": wrap the sub-SELECT in a group after the VALUES block
        inserts += [(outer.open + 1, _values_block(names, bindings) + "{ "), (outer.close, " } ")]
    else:
        inserts.append((outer.open + 1, _values_block(names, bindings)))
    for group in shape.groups:
        if group is outer or group.kind != "group" or group.inside_subquery:
            continue
        used = [name for name in names if shape.mentions(group, name)]
        if used:
            inserts.append((group.open + 1, _values_block(used, bindings)))
    pieces: list[str] = []
    done = 0
    for offset, insert in sorted(inserts, key=lambda item: item[0]):
        pieces += [query[done:offset], insert]
        done = offset
    pieces.append(query[done:])
    return "".join(pieces)




def with_values(query: str, bindings: Mapping[str, Node], shape: QueryShape | None = None) -> str:
    """``query`` with each binding in a VALUES block (see the module notes); unchanged when there are none."""
    if not bindings:
        return query
    return _inject_values(query, shape or query_shape(query), bindings)
