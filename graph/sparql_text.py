"""A small lexical analyser of SPARQL text: the query form, updates, SERVICE, FROM / FROM NAMED.

It does not parse SPARQL; it splits the text into tokens the way the SPARQL grammar's terminals do (comments,
string literals including long strings, IRIs in ``<>``, variables, language tags, prefixed names, keywords) so
that a keyword is only ever found where the grammar could see one: ``?service``, ``$from``, ``ex:service``,
``service:x``, ``"FROM"`` and ``<http://ex/SERVICE>`` are not keywords. Keywords are case-insensitive.

The public endpoint uses it to refuse, before anything runs, what it never executes (updates, SERVICE, a FROM
naming a graph outside the store) with a clear message, and to learn the query form before content
negotiation. The real parser (pyoxigraph) still has the last word on syntax.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import urljoin

__all__ = [
    "QUERY_FORMS",
    "UPDATE_KEYWORDS",
    "QueryText",
    "Token",
    "analyse",
    "keywords",
    "nesting_depth",
    "tokenize",
]

QUERY_FORMS = frozenset({"SELECT", "ASK", "CONSTRUCT", "DESCRIBE"})
# The keywords an update operation can start with (SPARQL 1.1 Update grammar, rule [29] Update1 and Modify).
UPDATE_KEYWORDS = frozenset({"INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH"})

_UCHAR = r"\\u[0-9A-Fa-f]{4}|\\U[0-9A-Fa-f]{8}"
# PN_CHARS_BASE of the grammar, as a character class body (without the brackets).
_PN_BASE = (
    "A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u02ff\u0370-\u037d\u037f-\u1fff\u200c-\u200d\u2070-\u218f"
    "\u2c00-\u2fef\u3001-\ud7ff\uf900-\ufdcf\ufdf0-\ufffd\U00010000-\U000effff"
)
_PN_CHARS = _PN_BASE + "_0-9\u00b7\u0300-\u036f\u203f-\u2040\\-"
_PLX = r"%[0-9A-Fa-f]{2}|\\[_~.\-!$&'()*+,;=/?#@%]"

_TOKEN = re.compile(
    rf"""
    (?P<ws>\s+)
  | (?P<comment>\#[^\n\r]*)
  | (?P<string>
        '''(?:(?:'|'')?(?:[^'\\]|\\.))*(?:'''|\Z)
      | \"\"\"(?:(?:"|"")?(?:[^"\\]|\\.))*(?:\"\"\"|\Z)
      | '(?:[^'\\\n\r]|\\.)*'
      | "(?:[^"\\\n\r]|\\.)*"
    )
  | (?P<iri><(?:[^<>"{{}}|^`\\\x00-\x20]|{_UCHAR})*>)
  | (?P<var>[?$][{_PN_BASE}_0-9\u00b7\u0300-\u036f\u203f-\u2040]+)
  | (?P<lang>@[A-Za-z]+(?:-[A-Za-z0-9]+)*)
  | (?P<number>[0-9]+(?:\.[0-9]*)?(?:[eE][+-]?[0-9]+)?|\.[0-9]+(?:[eE][+-]?[0-9]+)?)
  | (?P<name>
        (?:[{_PN_BASE}_][{_PN_CHARS}.]*)?:(?:[{_PN_CHARS}.:]|{_PLX})*   # prefixed name or blank node label
      | [{_PN_BASE}_][{_PN_CHARS}.]*                                    # keyword (or a bare word)
    )
  | (?P<punct>.)
    """,
    re.VERBOSE | re.DOTALL,
)
_ABSOLUTE_IRI = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:")
_ESCAPED_UCHAR = re.compile(_UCHAR)
_LOCAL_ESCAPE = re.compile(r"\\(.)")


@dataclass(frozen=True)
class Token:
    kind: str  # "string", "iri", "var", "lang", "number", "name" (keyword or prefixed name), "punct"
    text: str
    offset: int

    @property
    def keyword(self) -> str | None:
        """The upper-cased keyword this token is, or None (a prefixed name, a variable, a literal…)."""
        if self.kind == "name" and ":" not in self.text:
            return self.text.rstrip(".").upper()
        return None


@dataclass(frozen=True)
class QueryText:
    """What the text says about itself, before any parsing."""

    form: str | None  # "SELECT", "ASK", "CONSTRUCT", "DESCRIBE", "UPDATE", or None (not recognisable)
    update_keyword: str | None = None  # the update operation's first keyword, e.g. "INSERT"
    services: tuple[str, ...] = ()  # the target of each SERVICE keyword: an IRI, a variable or "?"
    from_graphs: tuple[str, ...] = ()  # FROM IRIs (resolved against PREFIX / BASE when possible)
    from_named_graphs: tuple[str, ...] = ()  # FROM NAMED IRIs
    unresolved_from: tuple[str, ...] = ()  # a FROM target that is not an IRI this analyser can resolve
    depth: int = 0  # the deepest nesting of (), [] and {} brackets
    base: str | None = None
    prefixes: dict[str, str] = field(default_factory=dict)

    @property
    def is_update(self) -> bool:
        return self.form == "UPDATE"

    @property
    def uses_service(self) -> bool:
        return bool(self.services)

    @property
    def has_dataset_clause(self) -> bool:
        """The query names its own dataset with FROM or FROM NAMED."""
        return bool(self.from_graphs or self.from_named_graphs or self.unresolved_from)


def tokenize(text: str) -> list[Token]:
    """The significant tokens of a SPARQL text (no whitespace, no comments)."""
    tokens: list[Token] = []
    for match in _TOKEN.finditer(text):
        kind = match.lastgroup or "punct"
        if kind in ("ws", "comment"):
            continue
        tokens.append(Token(kind, match.group(), match.start()))
    return tokens


def nesting_depth(tokens: list[Token]) -> int:
    """The deepest nesting of ``(``, ``[`` and ``{`` (brackets inside strings, IRIs and comments do not count)."""
    depth = deepest = 0
    for token in tokens:
        if token.kind != "punct":
            continue
        if token.text in "([{":
            depth += 1
            deepest = max(deepest, depth)
        elif token.text in ")]}":
            depth = max(0, depth - 1)
    return deepest


def keywords(text: str) -> list[str]:
    """The keywords of a SPARQL text, upper-cased, in order."""
    return [kw for kw in (token.keyword for token in tokenize(text)) if kw is not None]


def _iri_value(token: Token) -> str:
    inner = token.text[1:-1]
    return _ESCAPED_UCHAR.sub(lambda m: chr(int(m.group()[2:], 16)), inner)


def _resolve(token: Token, base: str | None, prefixes: dict[str, str]) -> str | None:
    """The IRI an IRI token or prefixed name stands for; None when it cannot be told."""
    if token.kind == "iri":
        value = _iri_value(token)
        if _ABSOLUTE_IRI.match(value):
            return value
        return urljoin(base, value) if base else None
    if token.kind == "name" and ":" in token.text:
        prefix, _, local = token.text.partition(":")
        if prefix == "_" or prefix not in prefixes:
            return None
        return prefixes[prefix] + _LOCAL_ESCAPE.sub(r"\1", local)
    return None


def analyse(text: str, base: str | None = None) -> QueryText:
    """The query form, update keyword, SERVICE targets and FROM / FROM NAMED IRIs of a SPARQL text.

    ``base``: the base IRI relative IRIs resolve against when the text declares no BASE (the engine's).
    """
    tokens = tokenize(text)
    prefixes: dict[str, str] = {}
    i = 0
    # The prologue: BASE <iri> and PREFIX pname: <iri>, in any order (SPARQL Update repeats it between operations).
    while i < len(tokens):
        kw = tokens[i].keyword
        if kw == "BASE" and i + 1 < len(tokens) and tokens[i + 1].kind == "iri":
            value = _iri_value(tokens[i + 1])
            base = urljoin(base, value) if base and not _ABSOLUTE_IRI.match(value) else value
            i += 2
        elif (
            kw == "PREFIX"
            and i + 2 < len(tokens)
            and tokens[i + 1].kind == "name"
            and tokens[i + 1].text.endswith(":")
            and tokens[i + 2].kind == "iri"
        ):
            value = _iri_value(tokens[i + 2])
            if base and not _ABSOLUTE_IRI.match(value):
                value = urljoin(base, value)
            prefixes[tokens[i + 1].text[:-1]] = value
            i += 3
        else:
            break

    form: str | None = None
    update_keyword: str | None = None
    first = next((t.keyword for t in tokens[i:] if t.keyword is not None), None)
    if first in QUERY_FORMS:
        form = first
    elif first in UPDATE_KEYWORDS:
        form, update_keyword = "UPDATE", first

    services: list[str] = []
    from_graphs: list[str] = []
    from_named: list[str] = []
    unresolved: list[str] = []
    for j in range(i, len(tokens)):
        kw = tokens[j].keyword
        if kw == "SERVICE":
            k = j + 1
            if k < len(tokens) and tokens[k].keyword == "SILENT":
                k += 1
            target = tokens[k] if k < len(tokens) else None
            if target is not None and target.kind == "iri":
                services.append(_iri_value(target))
            elif target is not None and target.kind in ("var", "name"):
                services.append(target.text)
            else:
                services.append("?")
        elif kw == "FROM":
            k = j + 1
            named = k < len(tokens) and tokens[k].keyword == "NAMED"
            if named:
                k += 1
            target = tokens[k] if k < len(tokens) else None
            iri = _resolve(target, base, prefixes) if target is not None else None
            if iri is None:
                unresolved.append(target.text if target is not None else "")
            elif named:
                from_named.append(iri)
            else:
                from_graphs.append(iri)
    return QueryText(
        form=form,
        update_keyword=update_keyword,
        services=tuple(services),
        from_graphs=tuple(from_graphs),
        from_named_graphs=tuple(from_named),
        unresolved_from=tuple(unresolved),
        depth=nesting_depth(tokens),
        base=base,
        prefixes=prefixes,
    )
