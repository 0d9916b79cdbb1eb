"""Compile the curated YAML in ``data/`` into an RDF dataset: one named graph per source, plus reference data.

Every problem found is collected with its file and line; compilation fails as a whole or not at all.
"""

from __future__ import annotations

import datetime as dt
import difflib
import hashlib
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import PROV, RDF, XSD

from .curation_schema import (
    ENTITY_TYPES,
    EVIDENCE_KEYS,
    FACT_TYPES,
    FIELDS,
    PARTICIPANT_FIELDS,
    RECOGNITION_TYPES,
    SOURCE_FIELDS,
    SOURCE_STRUCTURAL_KEYS,
    STRUCTURAL_KEYS,
    VOCABULARIES,
    Field,
    Kind,
)
from .errors import CurationError, Problem
from .evidence import anchor_problem, selector_context
from .namespaces import AGR, OA, SCHEMA, Base
from .ontology_files import ontology_graphs
from .yamlfile import Located, load_yaml

LOCAL_ID = re.compile(r"^[a-z][a-z0-9-]*/[A-Za-z0-9][A-Za-z0-9._~-]*(/[A-Za-z0-9._~-]+)*$")
LANG_TAG = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{1,8})*$")
HASH_LEN = 16


@dataclass(frozen=True)
class Location:
    path: Path
    line: int


@dataclass(frozen=True)
class SourceInfo:
    iri: URIRef
    graph: URIRef
    url: str
    yaml_path: Path
    text_path: Path
    text: str


@dataclass
class Compiled:
    dataset: Dataset
    base: Base
    locations: dict[URIRef, Location]
    sources: list[SourceInfo]
    files: list[Path]


@dataclass
class _Ref:
    target: URIRef
    written: str
    path: Path
    line: int
    key: str


@dataclass
class _State:
    base: Base
    dataset: Dataset
    problems: list[Problem] = field(default_factory=list)
    locations: dict[URIRef, Location] = field(default_factory=dict)
    refs: list[_Ref] = field(default_factory=list)
    entity_defs: dict[URIRef, Location] = field(default_factory=dict)

    def problem(self, path: Path, line: int | None, message: str) -> None:
        self.problems.append(Problem(path, line, message))


def data_files(data_dir: Path) -> tuple[list[Path], list[Path]]:
    reference = sorted([*(data_dir / "reference").glob("*.yaml"), *(data_dir / "reference").glob("*.ttl")])
    sources = sorted((data_dir / "sources").glob("*.yaml"))
    return reference, sources


def compile_data(data_dir: Path, base: Base, progress: Any = None) -> Compiled:
    """Read every curated file under ``data_dir`` and return the dataset, or raise CurationError."""
    if not data_dir.is_dir():
        raise CurationError.single(data_dir, None, "data directory not found")
    reference_files, source_files = data_files(data_dir)
    if not reference_files and not source_files:
        raise CurationError.single(data_dir, None, "no curated files (expected reference/*.yaml, sources/*.yaml)")

    dataset = Dataset()
    for graph_local, graph in ontology_graphs().items():
        target = dataset.graph(URIRef(base.named_graph(graph_local)))
        for triple in graph:
            target.add(triple)
    state = _State(base=base, dataset=dataset)

    ref_graph = dataset.graph(URIRef(base.named_graph("reference")))
    for path in reference_files:
        if progress:
            progress(f"reading {path.name}")
        if path.suffix == ".ttl":
            _compile_turtle(path, state, ref_graph)
            continue
        document = _load(path, state)
        if document is None:
            continue
        if not isinstance(document, list):
            state.problem(path, 1, "a reference file holds a list of entities (each starting with '- id:')")
            continue
        for node in document:
            _compile_node(node, path, state, ref_graph, allowed=ENTITY_TYPES, source=None)

    sources: list[SourceInfo] = []
    for path in source_files:
        if progress:
            progress(f"reading {path.name}")
        info = _compile_source_file(path, state)
        if info is not None:
            sources.append(info)

    _check_sources_unique(sources, state)
    _check_refs(state)
    if state.problems:
        raise CurationError(_sorted_problems(state.problems))
    return Compiled(dataset, base, state.locations, sources, [*reference_files, *source_files])


def _load(path: Path, state: _State) -> Any:
    try:
        return load_yaml(path)
    except CurationError as exc:
        state.problems.extend(exc.problems)
        return None


def _compile_turtle(path: Path, state: _State, graph: Any) -> None:
    """Reference data written directly in Turtle: parsed as is; each subject located by its first mention."""
    text = path.read_text(encoding="utf-8")
    parsed = Graph()
    try:
        parsed.parse(data=text, format="turtle", publicID=state.base.id)
    except Exception as exc:  # rdflib raises several types for syntax errors
        match = re.search(r"line (\d+)", str(exc))
        detail = " ".join(str(exc).split()).split(" at ^ in:")[0]
        detail = re.sub(r"^at line \d+ of <[^>]*>:\s*", "", detail)
        state.problem(path, int(match.group(1)) if match else None, f"malformed Turtle: {detail}")
        return
    lines = text.splitlines()
    for subject in sorted({s for s in parsed.subjects() if isinstance(s, URIRef)}, key=str):
        local = _local(state, subject)
        needles = (f"<{subject}>", f"<{local}>", f":{local}")
        line = next((n for n, content in enumerate(lines, 1) if any(x in content for x in needles)), 1)
        if (subject, RDF.type, None) in parsed:
            if subject in state.entity_defs:
                first = state.entity_defs[subject]
                state.problem(path, line, f"{local} is already defined at {first.path.name}:{first.line}")
            state.entity_defs[subject] = Location(path, line)
        state.locations.setdefault(subject, Location(path, line))
    for s, p, o in parsed:
        if isinstance(o, URIRef) and str(o).startswith(state.base.id) and p != RDF.type:
            line = state.locations.get(s, Location(path, 1)).line if isinstance(s, URIRef) else 1
            state.refs.append(_Ref(o, _local(state, o), path, line, _local(state, URIRef(p))))
        graph.add((s, p, o))


# --------------------------------------------------------------------------------------------- sources


def _compile_source_file(path: Path, state: _State) -> SourceInfo | None:
    document = _load(path, state)
    if document is None:
        return None
    if not isinstance(document, Located) or "source" not in document:
        state.problem(path, 1, "a source file is a mapping with 'source:' (metadata) and 'facts:' (a list)")
        return None
    unknown = set(document) - {"source", "facts"}
    for key in sorted(unknown):
        state.problem(path, document.line_of(key), f"unknown top-level key {key!r} (expected 'source', 'facts')")
    meta = document["source"]
    if not isinstance(meta, Located):
        state.problem(path, document.line_of("source"), "'source:' must be a mapping")
        return None
    url = meta.get("url")
    if not isinstance(url, str) or not url.startswith(("http://", "https://")) or " " in url:
        state.problem(path, meta.line_of("url"), "source 'url' must be an absolute http(s) URL")
        return None
    text_name = meta.get("text")
    if not isinstance(text_name, str):
        state.problem(path, meta.line_of("text"), "source 'text' must name the file holding the article text")
        return None
    text_path = (path.parent / text_name).resolve()
    try:
        text = text_path.read_text(encoding="utf-8")
    except FileNotFoundError:
        state.problem(path, meta.line_of("text"), f"source text file {text_name!r} not found next to it")
        return None
    except UnicodeDecodeError:
        state.problem(path, meta.line_of("text"), f"source text file {text_name!r} is not UTF-8")
        return None

    key = hashlib.sha1(url.encode()).hexdigest()[:HASH_LEN]
    source_iri = URIRef(state.base.thing(f"source/{key}"))
    graph_iri = URIRef(state.base.named_graph(f"source/{key}"))
    info = SourceInfo(source_iri, graph_iri, url, path, text_path, text)
    graph = state.dataset.graph(graph_iri)
    state.locations[source_iri] = Location(path, meta.line)
    state.locations[graph_iri] = Location(path, meta.line)

    graph.add((source_iri, RDF.type, AGR.NewsArticle))
    graph.add((source_iri, SCHEMA.url, URIRef(url)))
    graph.add((source_iri, AGR.contentSha256, Literal(hashlib.sha256(text.encode()).hexdigest())))
    graph.add((graph_iri, PROV.wasDerivedFrom, source_iri))
    if "language" not in meta:
        graph.add((source_iri, SCHEMA.inLanguage, Literal("id")))
    for key_name, value in meta.items():
        if key_name in SOURCE_STRUCTURAL_KEYS:
            continue
        spec = SOURCE_FIELDS.get(key_name)
        if spec is None:
            _unknown_key(state, path, meta.line_of(key_name), key_name, [*SOURCE_FIELDS, *SOURCE_STRUCTURAL_KEYS])
            continue
        _emit_field(state, graph, source_iri, key_name, spec, value, path, meta.line_of(key_name))
    if "note" in meta:
        _emit_field(state, graph, source_iri, "note", FIELDS["note"], meta["note"], path, meta.line_of("note"))

    boilerplate = _boilerplate_spans(meta, info, state)
    facts = document.get("facts", [])
    if not isinstance(facts, list):
        state.problem(path, document.line_of("facts"), "'facts:' must be a list")
        return info
    seen: set[URIRef] = set()
    for node in facts:
        iri = _compile_node(node, path, state, graph, allowed=FACT_TYPES, source=(info, boilerplate))
        if iri is not None:
            if iri in seen:
                state.problem(path, node.line, f"{_local(state, iri)} is stated twice in this source")
            seen.add(iri)
    return info


def _boilerplate_spans(meta: Located, info: SourceInfo, state: _State) -> list[tuple[int, int]]:
    """Spans the curator marked as scraped boilerplate (related headlines, captions): never evidence."""
    spans: list[tuple[int, int]] = []
    entries = meta.get("boilerplate", [])
    if not isinstance(entries, list):
        state.problem(info.yaml_path, meta.line_of("boilerplate"), "'boilerplate:' must be a list of quotes")
        return spans
    for entry in entries:
        span = _anchor(entry, info, state, what="boilerplate")
        if span is not None:
            spans.append(span)
    return spans


def _check_sources_unique(sources: list[SourceInfo], state: _State) -> None:
    by_iri: dict[URIRef, SourceInfo] = {}
    for info in sources:
        if info.iri in by_iri:
            state.problem(info.yaml_path, 1, f"same url as {by_iri[info.iri].yaml_path.name}: {info.url}")
        by_iri[info.iri] = info


# ----------------------------------------------------------------------------------------------- nodes


def _compile_node(
    node: Any,
    path: Path,
    state: _State,
    graph: Any,
    *,
    allowed: dict[str, URIRef],
    source: tuple[SourceInfo, list[tuple[int, int]]] | None,
) -> URIRef | None:
    if not isinstance(node, Located):
        state.problem(path, None, f"each entry must be a mapping with 'type:', got {type(node).__name__}")
        return None
    type_name = node.get("type")
    if not isinstance(type_name, str):
        state.problem(path, node.line, "entry has no 'type:'")
        return None
    if type_name not in allowed:
        other = FACT_TYPES if allowed is ENTITY_TYPES else ENTITY_TYPES
        if type_name in other:
            where = "a source file's 'facts:'" if other is FACT_TYPES else "data/reference/"
            state.problem(path, node.line_of("type"), f"type {type_name!r} belongs in {where}")
        else:
            _unknown(state, path, node.line_of("type"), "type", type_name, [*ENTITY_TYPES, *FACT_TYPES])
        return None

    iri = _node_iri(node, type_name, path, state, source)
    if iri is None:
        return None
    location = Location(path, node.line)
    if source is None:
        if iri in state.entity_defs:
            first = state.entity_defs[iri]
            state.problem(path, node.line, f"{_local(state, iri)} is already defined at {first.path.name}:{first.line}")
            return None
        state.entity_defs[iri] = location
    state.locations.setdefault(iri, location)
    graph.add((iri, RDF.type, allowed[type_name]))

    for key, value in node.items():
        line = node.line_of(key)
        if key in STRUCTURAL_KEYS:
            continue
        spec = FIELDS.get(key)
        if spec is None:
            _unknown_key(state, path, line, key, [*FIELDS, *STRUCTURAL_KEYS])
            continue
        _emit_field(state, graph, iri, key, spec, value, path, line)

    if source is None:
        for key in ("evidence", "participants"):
            if key in node:
                message = f"'{key}:' belongs to facts in a source file, not to reference data"
                state.problem(path, node.line_of(key), message)
        return iri

    info, boilerplate = source
    _emit_evidence(state, graph, iri, node, info, boilerplate)
    _emit_participants(state, graph, iri, node, info, boilerplate)
    return iri


def _node_iri(
    node: Located, type_name: str, path: Path, state: _State, source: tuple[SourceInfo, Any] | None
) -> URIRef | None:
    local = node.get("id")
    if local is None and type_name in RECOGNITION_TYPES and source is not None:
        return URIRef(state.base.thing(f"recognition/{_recognition_key(node, source[0])}"))
    if not isinstance(local, str) or not LOCAL_ID.match(local):
        state.problem(
            path,
            node.line_of("id"),
            f"'id:' must be a local IRI like 'org/dishub-jatim' (lowercase type, '/', a slug), got {local!r}",
        )
        return None
    return URIRef(state.base.thing(local))


def _recognition_key(node: Located, info: SourceInfo) -> str:
    """Deterministic id: the same recognition stated by two sources lands on one node.

    An aggregate ('won four awards') or a recognition without an award is scoped to its source, because
    nothing says that another source's aggregate is the same one.
    """
    fields = ("type", "award", "edition", "category", "recipient", "grade", "forWork", "placement", "date")
    key: dict[str, Any] = {name: _canonical(node.get(name)) for name in fields}
    if (isinstance(node.get("quantity"), int) and node["quantity"] > 1) or "award" not in node:
        key["source"] = info.url
    digest = hashlib.sha1(json.dumps(key, sort_keys=True, ensure_ascii=False).encode()).hexdigest()
    return digest[:HASH_LEN]


def _canonical(value: Any) -> Any:
    if isinstance(value, list):
        return sorted(str(v) for v in value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return value if value is None else str(value)


# ------------------------------------------------------------------------------------------- fields


def _emit_field(
    state: _State, graph: Any, subject: URIRef, key: str, spec: Field, value: Any, path: Path, line: int
) -> None:
    values = value if isinstance(value, list) else [value]
    if isinstance(value, list) and not spec.many and spec.kind is not Kind.LANGMAP:
        state.problem(path, line, f"'{key}' takes a single value, got a list")
        return
    for item in values:
        for obj in _terms(state, key, spec, item, path, line):
            graph.add((subject, spec.predicate, obj))


def _terms(state: _State, key: str, spec: Field, value: Any, path: Path, line: int) -> Iterable[Any]:
    kind = spec.kind
    if value is None:
        state.problem(path, line, f"'{key}' is empty; leave the key out when the source does not say")
        return []
    if kind is Kind.LANGMAP:
        return _langmap(state, key, value, path, line)
    if kind is Kind.REF:
        if not isinstance(value, str) or not LOCAL_ID.match(value):
            state.problem(path, line, f"'{key}' must name an entity like 'org/dishub-jatim', got {value!r}")
            return []
        target = URIRef(state.base.thing(value))
        state.refs.append(_Ref(target, value, path, line, key))
        return [target]
    if kind is Kind.VOCAB:
        assert spec.vocabulary is not None
        concepts = VOCABULARIES[spec.vocabulary]
        if value not in concepts:
            _unknown(state, path, line, key, str(value), list(concepts))
            return []
        return [concepts[value]]
    if kind is Kind.TEXT:
        if not isinstance(value, str) or not value.strip():
            state.problem(path, line, f"'{key}' must be text, got {value!r} (quote it in YAML)")
            return []
        return [Literal(value)]
    if kind is Kind.URL:
        if not isinstance(value, str) or not re.match(r"^https?://\S+$", value):
            state.problem(path, line, f"'{key}' must be an absolute http(s) URL, got {value!r}")
            return []
        return [URIRef(value)]
    if kind is Kind.DATE:
        parsed = _date(value)
        if parsed is None:
            state.problem(path, line, f"'{key}' must be a date YYYY-MM-DD, got {value!r}")
            return []
        return [Literal(parsed.isoformat(), datatype=XSD.date)]
    if kind is Kind.YEAR:
        if not re.match(r"^[0-9]{4}$", str(value)):
            state.problem(path, line, f"'{key}' must be a year YYYY, got {value!r}")
            return []
        return [Literal(str(value), datatype=XSD.gYear)]
    if kind is Kind.POSITIVE_INT:
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            state.problem(path, line, f"'{key}' must be a whole number ≥ 1, got {value!r}")
            return []
        return [Literal(str(value), datatype=XSD.positiveInteger)]
    if kind is Kind.DECIMAL:
        number = _decimal(value)
        if number is None:
            state.problem(path, line, f"'{key}' must be a number, got {value!r}")
            return []
        return [Literal(str(number), datatype=XSD.decimal)]
    raise AssertionError(kind)


def _langmap(state: _State, key: str, value: Any, path: Path, line: int) -> list[Literal]:
    if not isinstance(value, dict) or not value:
        state.problem(path, line, f"'{key}' must map language tags to text, e.g. {{id: ..., en: ...}}")
        return []
    out: list[Literal] = []
    for tag, texts in value.items():
        if not isinstance(tag, str) or not LANG_TAG.match(tag):
            state.problem(path, line, f"'{key}' has {tag!r}, which is not a language tag like 'id' or 'en'")
            continue
        for text in texts if isinstance(texts, list) else [texts]:
            if not isinstance(text, str) or not text.strip():
                state.problem(path, line, f"'{key}.{tag}' must be text, got {text!r} (quote it in YAML)")
                continue
            out.append(Literal(text, lang=tag))
    return out


def _date(value: Any) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return None
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and re.match(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$", value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return None
    return None


def _decimal(value: Any) -> Decimal | None:
    if isinstance(value, bool):
        return None
    try:
        return Decimal(str(value)) if isinstance(value, int | float | str) else None
    except InvalidOperation:
        return None


# ------------------------------------------------------------------------------------ participations


def _emit_participants(
    state: _State, graph: Any, parent: URIRef, node: Located, info: SourceInfo, boilerplate: list[tuple[int, int]]
) -> None:
    entries = node.get("participants", [])
    if not isinstance(entries, list):
        state.problem(info.yaml_path, node.line_of("participants"), "'participants:' must be a list")
        return
    roles = [e.get("role") for e in entries if isinstance(e, Located)]
    for entry in entries:
        if not isinstance(entry, Located):
            state.problem(info.yaml_path, node.line_of("participants"), "each participant must be a mapping")
            continue
        role = entry.get("role")
        agent = entry.get("agent")
        if not isinstance(role, str) or not isinstance(agent, str):
            state.problem(info.yaml_path, entry.line, "a participant needs 'role:' and 'agent:'")
            continue
        suffix = role if roles.count(role) == 1 else f"{role}-{agent.rsplit('/', 1)[-1]}"
        iri = URIRef(f"{parent}-{suffix}")
        if (parent, AGR.hasParticipation, iri) in graph:
            state.problem(info.yaml_path, entry.line, f"participant {role} {agent} is listed twice")
            continue
        state.locations.setdefault(iri, Location(info.yaml_path, entry.line))
        graph.add((parent, AGR.hasParticipation, iri))
        graph.add((iri, RDF.type, AGR.Participation))
        for key, value in entry.items():
            if key == "evidence":
                continue
            spec = PARTICIPANT_FIELDS.get(key)
            if spec is None:
                _unknown_key(state, info.yaml_path, entry.line_of(key), key, [*PARTICIPANT_FIELDS, "evidence"])
                continue
            _emit_field(state, graph, iri, key, spec, value, info.yaml_path, entry.line_of(key))
        _emit_evidence(state, graph, iri, entry, info, boilerplate)


# ------------------------------------------------------------------------------------------ evidence


def _emit_evidence(
    state: _State, graph: Any, fact: URIRef, node: Located, info: SourceInfo, boilerplate: list[tuple[int, int]]
) -> None:
    entries = node.get("evidence", [])
    if isinstance(entries, Located):
        entries = [entries]
    if not isinstance(entries, list):
        state.problem(info.yaml_path, node.line_of("evidence"), "'evidence:' must be a list of quotes")
        return
    for entry in entries:
        span = _anchor(entry, info, state, what="evidence")
        if span is None:
            continue
        start, end = span
        for b_start, b_end in boilerplate:
            if start < b_end and b_start < end:
                state.problem(
                    info.yaml_path,
                    entry.line,
                    "this quote overlaps text marked as boilerplate (a scraped headline or caption is not a fact "
                    "of the article)",
                )
        name = entry.get("name")
        if name is not None and (not isinstance(name, str) or not name.strip()):
            state.problem(info.yaml_path, entry.line_of("name"), "'name' (the name as stated) must be text")
            name = None
        if isinstance(name, str) and name not in info.text[start:end]:
            state.problem(info.yaml_path, entry.line_of("name"), f"name {name!r} does not occur in the quote")
        confidence = entry.get("confidence")
        number = _decimal(confidence) if confidence is not None else None
        if confidence is not None and (number is None or not 0 <= number <= 1):
            state.problem(info.yaml_path, entry.line_of("confidence"), "'confidence' must be a number in [0, 1]")
            number = None
        key = f"{info.iri}|{start}|{end}|{name or ''}"
        iri = URIRef(state.base.thing(f"evidence/{hashlib.sha1(key.encode()).hexdigest()[:HASH_LEN]}"))
        graph.add((fact, AGR.supportedBy, iri))
        if (iri, RDF.type, AGR.Evidence) in graph:
            continue
        state.locations.setdefault(iri, Location(info.yaml_path, entry.line))
        quote_sel, position_sel = URIRef(f"{iri}#quote"), URIRef(f"{iri}#position")
        prefix, suffix = selector_context(info.text, start, end)
        graph.add((iri, RDF.type, AGR.Evidence))
        graph.add((iri, OA.hasSource, info.iri))
        graph.add((iri, OA.hasSelector, quote_sel))
        graph.add((iri, OA.hasSelector, position_sel))
        graph.add((quote_sel, RDF.type, OA.TextQuoteSelector))
        graph.add((quote_sel, OA.exact, Literal(info.text[start:end])))
        graph.add((quote_sel, OA.prefix, Literal(prefix)))
        graph.add((quote_sel, OA.suffix, Literal(suffix)))
        graph.add((position_sel, RDF.type, OA.TextPositionSelector))
        graph.add((position_sel, OA.start, Literal(str(start), datatype=XSD.nonNegativeInteger)))
        graph.add((position_sel, OA.end, Literal(str(end), datatype=XSD.nonNegativeInteger)))
        if isinstance(name, str):
            graph.add((iri, AGR.nameAsStated, Literal(name)))
        if number is not None:
            graph.add((iri, AGR.confidence, Literal(str(number), datatype=XSD.decimal)))


def _anchor(entry: Any, info: SourceInfo, state: _State, *, what: str) -> tuple[int, int] | None:
    path = info.yaml_path
    if not isinstance(entry, Located):
        state.problem(path, None, f"each {what} entry must be a mapping with 'quote:' and 'start:'")
        return None
    allowed = EVIDENCE_KEYS if what == "evidence" else {"quote", "start"}
    for key in entry:
        if key not in allowed:
            _unknown_key(state, path, entry.line_of(key), key, sorted(allowed))
    quote, start = entry.get("quote"), entry.get("start")
    if not isinstance(quote, str) or not quote:
        state.problem(path, entry.line_of("quote"), f"{what} needs 'quote:' with the exact text of the source")
        return None
    if isinstance(start, bool) or not isinstance(start, int) or start < 0:
        hint = anchor_problem(info.text, quote, None)
        state.problem(path, entry.line_of("start"), f"{what} needs 'start:', a character offset ≥ 0. {hint}")
        return None
    problem = anchor_problem(info.text, quote, start)
    if problem:
        state.problem(path, entry.line_of("quote"), f"{what} quote not found at offset {start} of "
                      f"{info.text_path.name}: {problem}")
        return None
    return start, start + len(quote)


# ----------------------------------------------------------------------------------------- references


def _check_refs(state: _State) -> None:
    defined = {s for s, _, _, _ in state.dataset.quads((None, RDF.type, None, None)) if isinstance(s, URIRef)}
    locals_known = sorted(_local(state, iri) for iri in defined if str(iri).startswith(state.base.id))
    for ref in state.refs:
        if ref.target in defined:
            continue
        close = difflib.get_close_matches(ref.written, locals_known, n=1, cutoff=0.6)
        hint = f" (did you mean {close[0]!r}?)" if close else ""
        state.problem(ref.path, ref.line, f"'{ref.key}' refers to {ref.written!r}, which no data file defines{hint}")


def _unknown_key(state: _State, path: Path, line: int, key: str, known: list[str]) -> None:
    _unknown(state, path, line, "key", key, known)


def _unknown(state: _State, path: Path, line: int | None, what: str, value: str, known: list[str]) -> None:
    close = difflib.get_close_matches(value, known, n=1, cutoff=0.6)
    hint = f" (did you mean {close[0]!r}?)" if close else f" (expected one of: {', '.join(sorted(known))})"
    state.problem(path, line, f"unknown {what} {value!r}{hint}")


def _local(state: _State, iri: URIRef) -> str:
    text = str(iri)
    return text[len(state.base.id) :] if text.startswith(state.base.id) else text


def _sorted_problems(problems: list[Problem]) -> list[Problem]:
    unique = {(str(p.path), p.line or 0, p.message): p for p in problems}
    return [unique[k] for k in sorted(unique)]
