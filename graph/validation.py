"""SHACL validation of a compiled dataset, reported per result with the data file and line behind it."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum
from functools import lru_cache

from pyshacl import validate as shacl_validate
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import RDF
from rdflib.plugins.sparql import prepareQuery
from rdflib.plugins.sparql.sparql import Query

from .compiler import Compiled, Location
from .namespaces import SH, Base
from .ontology_files import shapes as default_shapes


class Severity(Enum):
    VIOLATION = "Violation"
    WARNING = "Warning"
    INFO = "Info"

    @property
    def rank(self) -> int:
        return {"Violation": 0, "Warning": 1, "Info": 2}[self.value]


@dataclass(frozen=True)
class Result:
    severity: Severity
    focus: str
    path: str | None
    value: str | None
    message_id: str
    message_en: str
    shape: str | None
    location: Location | None

    def render(self, base: Base) -> str:
        where = f"{self.location.path}:{self.location.line}" if self.location else "(no data file)"
        subject = _short(self.focus, base)
        path = f" {_short(self.path, base)}" if self.path else ""
        value = f" = {_short(self.value, base)}" if self.value and self.value != self.focus else ""
        lines = [f"[{self.severity.value}] {where}: {subject}{path}{value}", f"    id: {self.message_id}"]
        if self.message_en and self.message_en != self.message_id:
            lines.append(f"    en: {self.message_en}")
        return "\n".join(lines)


@dataclass(frozen=True)
class Report:
    results: list[Result]

    @property
    def conforms(self) -> bool:
        return not self.count(Severity.VIOLATION)

    def count(self, severity: Severity) -> int:
        return sum(1 for r in self.results if r.severity is severity)

    def summary(self) -> str:
        return ", ".join(f"{self.count(s)} {s.value.lower()}(s)" for s in Severity)

    def render(self, base: Base, severities: tuple[Severity, ...] = tuple(Severity)) -> str:
        return "\n".join(r.render(base) for r in self.results if r.severity in severities)


@lru_cache(maxsize=256)
def _prepared(text: str) -> Query:
    return prepareQuery(text)


class _DataGraph(Graph):
    """A graph that parses each SPARQL text once: pyshacl runs a SPARQL constraint's text once per focus node,
    and rdflib would parse it again each time (~60 ms per parse, most of the validation time)."""

    def query(self, query_object, *args, **kwargs):  # type: ignore[override]
        if isinstance(query_object, str):
            query_object = _prepared(query_object)
        return super().query(query_object, *args, **kwargs)


def flatten(dataset: Dataset) -> Graph:
    """The union of every named graph: SHACL 1.0 validates one graph, and cross-source rules need them all."""
    union = _DataGraph()
    for s, p, o, _ in dataset.quads((None, None, None, None)):
        union.add((s, p, o))
    return union


def validate(compiled: Compiled, shapes: Graph | None = None) -> Report:
    return validate_graph(flatten(compiled.dataset), compiled.locations, shapes)


def validate_graph(data: Graph, locations: dict[URIRef, Location], shapes: Graph | None = None) -> Report:
    shapes_graph = shapes if shapes is not None else default_shapes()
    _, report_graph, _ = shacl_validate(
        data,
        shacl_graph=shapes_graph,
        inference="none",
        allow_warnings=True,
        allow_infos=True,
        advanced=True,
        abort_on_first=False,
        inplace=True,  # ``data`` is a fresh union (see flatten) and no shape adds triples: no need to copy it
    )
    results = [_result(report_graph, node, shapes_graph, locations) for node in
               report_graph.subjects(RDF.type, SH.ValidationResult)]
    results.sort(key=lambda r: (r.severity.rank, str(r.location.path) if r.location else "~",
                                r.location.line if r.location else 0, r.focus, r.path or "", r.message_en))
    return Report(_dedupe(results))


def _dedupe(results: list[Result]) -> list[Result]:
    seen: set[tuple] = set()
    out = []
    for r in results:
        key = (r.severity, r.focus, r.path, r.value, r.message_en)
        if key not in seen:
            seen.add(key)
            out.append(r)
    return out


def _result(report: Graph, node: URIRef, shapes: Graph, locations: dict[URIRef, Location]) -> Result:
    focus = report.value(node, SH.focusNode)
    path = report.value(node, SH.resultPath)
    value = report.value(node, SH.value)
    severity = Severity(str(report.value(node, SH.resultSeverity)).rsplit("#", 1)[-1])
    shape = report.value(node, SH.sourceShape)
    message_id = _message(report, node, shapes, "id")
    message_en = _message(report, node, shapes, "en")
    location = locations.get(focus) if isinstance(focus, URIRef) else None
    if location is None and isinstance(focus, URIRef) and "#" in focus:
        location = locations.get(URIRef(str(focus).split("#", 1)[0]))
    return Result(
        severity=severity,
        focus=str(focus),
        path=str(path) if isinstance(path, URIRef) else None,
        value=str(value) if value is not None else None,
        message_id=message_id,
        message_en=message_en,
        shape=str(shape) if isinstance(shape, URIRef) else None,
        location=location,
    )


def _message(report: Graph, result: URIRef, shapes: Graph, lang: str) -> str:
    """The result message in ``lang``.

    pySHACL drops the language tags of SPARQL-constraint messages and emits every language; the tagged
    original is recovered from the shapes graph and matched against the emitted, substituted texts.
    """
    emitted = [m for m in report.objects(result, SH.resultMessage) if isinstance(m, Literal)]
    tagged = [str(m) for m in emitted if m.language == lang]
    if tagged:
        return tagged[0]
    for link in (SH.sourceConstraint, SH.sourceShape):
        origin = report.value(result, link)
        if origin is None:
            continue
        templates = [str(m) for m in shapes.objects(origin, SH.message) if getattr(m, "language", None) == lang]
        for template in templates:
            parts = re.split(r"\{[?$][A-Za-z_][A-Za-z0-9_]*\}", template)
            pattern = "^" + "(.+?)".join(re.escape(p) for p in parts) + "$"
            for text in emitted:
                if re.match(pattern, str(text), flags=re.S):
                    return str(text)
        if templates:
            return templates[0]
    untagged = [str(m) for m in emitted if not m.language]
    return untagged[0] if untagged else (str(emitted[0]) if emitted else "")


def _short(iri: str | None, base: Base) -> str:
    if iri is None:
        return ""
    for prefix, namespace in base.prefixes().items():
        if iri.startswith(namespace) and len(iri) > len(namespace):
            return f"{prefix}:{iri[len(namespace):]}"
    return iri
