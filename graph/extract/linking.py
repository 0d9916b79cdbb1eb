"""Link names found in an article to entities the graph already has; propose ids for the rest.

The index is read from the curated YAML (``data/reference`` and the facts with ids in ``data/sources``) at run
time, so entities curated since are found too. Matching is tolerant of case, punctuation, acronyms written
with or without hyphens ("KemenPAN-RB" = "KemenPAN RB"), common abbreviations ("Pemprov Jatim" =
"Pemerintah Provinsi Jawa Timur") and one-letter typos ("Emi Elestianto Dardak").
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from rapidfuzz import fuzz

from ..search import ABBREVIATIONS, PHRASES, normalise
from .gazetteer import Lexicon

ORG_TYPES = {"Ministry", "RegionalGovernment", "RegionalAgency", "PublicOrganisation", "Publisher", "Organization"}
ID_BASE = "https://w3id.org/anugerah/id/"
PLACE_TYPES = {"Place", "Region"}
AWARD_TYPES = {"Award", "AwardEdition"}
KIND_OF_TYPE = {
    **{t: "org" for t in ("Ministry", "RegionalGovernment", "RegionalAgency", "PublicOrganisation", "Publisher",
                          "Organization")},
    "Person": "person", "Office": "office", "Place": "place", "Region": "region", "Award": "award",
    "AwardEdition": "edition", "Grade": "grade", "GradeScheme": "scheme", "Innovation": "innovation",
    "EvaluationInstrument": "instrument", "AgentGroup": "group", "Event": "event", "AwardCeremony": "event",
    "Exhibition": "event", "AwardCategory": "category",
}
REGION_LIKE = re.compile(r"^(?:Kota|Kabupaten|Kab\.|Provinsi|Prov\.)\s|^(?:Jawa|Sumatera|Kalimantan|Sulawesi|"
                         r"Nusa|Papua|Maluku)\s\w+$")
EXTRA_ABBREVIATIONS = {"kemendagri": "kementerian dalam negeri", "kemenhub": "kementerian perhubungan",
                       "kemenkes": "kementerian kesehatan", "kemenkeu": "kementerian keuangan",
                       "prov": "provinsi", "pemrov": "pemerintah provinsi"}


@dataclass
class Entity:
    id: str
    type: str
    labels: list[str]
    fields: dict[str, Any] = field(default_factory=dict)
    file: str | None = None

    @property
    def kind(self) -> str:
        return KIND_OF_TYPE.get(self.type, self.type.lower())

    @property
    def label(self) -> str:
        return self.labels[0] if self.labels else self.id


@dataclass(frozen=True)
class Link:
    entity: Entity
    score: float  # 0–100
    matched: str


def expand(norm: str) -> str:
    words = [EXTRA_ABBREVIATIONS.get(w, ABBREVIATIONS.get(w, w)) for w in norm.split()]
    text = " ".join(words)
    for phrase, full in PHRASES.items():
        text = re.sub(rf"\b{re.escape(phrase)}\b", full, text)
    return text


def forms(name: str) -> set[str]:
    """The ways a name is compared: normalised, abbreviations spelled out, and without spaces."""
    norm = normalise(name)
    norm = re.sub(r"\b(ri|republik indonesia)\b", "", norm).strip()
    long = expand(norm)
    return {f for f in (norm, long, norm.replace(" ", ""), long.replace(" ", "")) if f}


def slug(text: str, limit: int = 60) -> str:
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    text = re.sub(r"[^a-z0-9]+", "-", text).strip("-")
    if len(text) > limit:
        text = text[:limit].rsplit("-", 1)[0]
    return text or "x"


class EntityIndex:
    def __init__(self, entities: Iterable[Entity]) -> None:
        self.entities: dict[str, Entity] = {}
        for entity in entities:
            self.entities.setdefault(entity.id, entity)
        self._forms: list[tuple[str, Entity, str]] = []
        for entity in self.entities.values():
            for label in entity.labels:
                for form in forms(label):
                    self._forms.append((form, entity, label))
        self._exact: dict[str, list[tuple[Entity, str]]] = {}
        for form, entity, label in self._forms:
            self._exact.setdefault(form, []).append((entity, label))
        self.skipped: list[str] = []

    @classmethod
    def from_data(cls, data_dir: Path | None, exclude_urls: set[str] | None = None) -> EntityIndex:
        entities: list[Entity] = []
        skipped: list[str] = []
        if data_dir is not None and data_dir.is_dir():
            for path in sorted((data_dir / "reference").glob("*.yaml")):
                document = _safe_load(path, skipped)
                if isinstance(document, list):
                    entities += [e for node in document if (e := _entity(node, path))]
            for path in sorted((data_dir / "reference").glob("*.ttl")):
                entities += _turtle_entities(path, skipped)
            for path in sorted((data_dir / "sources").glob("*.yaml")):
                document = _safe_load(path, skipped)
                if not isinstance(document, dict):
                    continue
                source = document.get("source") or {}
                if exclude_urls and isinstance(source, dict) and source.get("url") in exclude_urls:
                    continue
                for node in document.get("facts") or []:
                    if isinstance(node, dict) and node.get("id"):
                        entity = _entity(node, path)
                        if entity:
                            entities.append(entity)
        index = cls(entities)
        index.skipped = skipped
        return index

    def get(self, entity_id: str | None) -> Entity | None:
        return self.entities.get(entity_id) if entity_id else None

    def of_types(self, types: set[str]) -> list[Entity]:
        return [e for e in self.entities.values() if e.type in types]

    def lexicon(self, types: set[str]) -> Lexicon:
        """Labels and aliases of entities of these types that are names of their own, for finding them verbatim
        in a text; an alias that is just a region's name ("Kota Batu" for the city's government) is left to the
        region rules."""
        lexicon = Lexicon()
        for entity in self.of_types(types):
            for label in entity.labels:
                if (len(label) >= 4 and not REGION_LIKE.match(label) and len(label.split()) > 1) or label.isupper():
                    lexicon.add(label, entity.type)
        return lexicon

    def link(self, name: str, types: set[str], threshold: float = 90.0) -> Link | None:
        """The best entity of these types for ``name``, if it scores at least ``threshold``."""
        wanted = forms(name)
        if not wanted:
            return None
        best: Link | None = None
        for form in wanted:
            for entity, label in self._exact.get(form, ()):
                if entity.type in types:
                    return Link(entity, 100.0, label)
        for form, entity, label in self._forms:
            if entity.type not in types or (" " not in form and len(form) < 6):
                continue
            for want in wanted:
                if " " not in want or abs(len(want) - len(form)) > max(4, len(form) // 5):
                    continue
                score = fuzz.ratio(want, form)
                if score >= threshold and (best is None or score > best.score):
                    best = Link(entity, score, label)
        return best

    def link_person(self, name: str, threshold: float = 88.0) -> Link | None:
        """A person by full name, typo-tolerant; a single word links only to one person's name word."""
        found = self.link(name, {"Person"}, threshold)
        if found:
            return found
        words = normalise(name).split()
        if len(words) == 1 and len(words[0]) >= 4:
            owners = {e.id: e for e in self.of_types({"Person"})
                      for label in e.labels if words[0] in normalise(label).split()}
            if len(owners) == 1:
                entity = next(iter(owners.values()))
                return Link(entity, 75.0, entity.label)
        return None

    def editions_of(self, award_id: str) -> list[Entity]:
        return [e for e in self.of_types({"AwardEdition"}) if e.fields.get("editionOf") == award_id]

    def grades_in(self, scheme_id: str) -> list[Entity]:
        return [e for e in self.of_types({"Grade"}) if e.fields.get("scheme") == scheme_id]


def _safe_load(path: Path, skipped: list[str]) -> Any:
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        skipped.append(f"{path}: {exc.__class__.__name__}")
        return None


def _turtle_entities(path: Path, skipped: list[str]) -> list[Entity]:
    """Entities written in Turtle: their labels and the most specific type this index knows."""
    from rdflib import Graph, URIRef
    from rdflib.namespace import RDF, SKOS

    graph = Graph()
    try:
        graph.parse(path, format="turtle", publicID=ID_BASE)
    except Exception as exc:  # rdflib raises several types for syntax errors
        skipped.append(f"{path}: {exc.__class__.__name__}")
        return []
    out = []
    for subject in set(graph.subjects(SKOS.prefLabel, None)):
        if not isinstance(subject, URIRef) or not str(subject).startswith(ID_BASE):
            continue
        types = {str(t).rsplit("#", 1)[-1].rsplit("/", 1)[-1] for t in graph.objects(subject, RDF.type)}
        known = [t for t in types if t in KIND_OF_TYPE]
        kind = known[0] if known else ("Organization" if types & {"Organization", "FormalOrganization"} else None)
        if kind is None:
            continue
        labels = [str(o) for o in graph.objects(subject, SKOS.prefLabel)]
        labels += [str(o) for o in graph.objects(subject, SKOS.altLabel) if str(o) not in labels]
        out.append(Entity(str(subject)[len(ID_BASE):], kind, labels, {}, str(path)))
    return out


def _entity(node: Any, path: Path) -> Entity | None:
    if not isinstance(node, dict) or not isinstance(node.get("id"), str) or not isinstance(node.get("type"), str):
        return None
    labels: list[str] = []
    for key in ("label", "altLabel"):
        value = node.get(key)
        if isinstance(value, dict):
            for lang in ("id", "en"):
                texts = value.get(lang)
                for text in texts if isinstance(texts, list) else [texts]:
                    if isinstance(text, str) and text.strip() and text not in labels:
                        labels.append(text)
    if node.get("notation"):
        labels.append(str(node["notation"]))
    fields = {k: v for k, v in node.items() if k not in ("id", "type", "label", "altLabel", "evidence")}
    return Entity(node["id"], node["type"], labels, fields, str(path))
