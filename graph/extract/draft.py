"""Turn an extraction into a draft in the curation format: a source file with its facts and evidence, the
article text, and the new entities it needs, for a curator to review and move into ``data/``.

Every fact quotes the sentence(s) that state it, with offsets into the stored text and a confidence. Entities
the graph already has are referred to by their ids; the others are proposed in a reference file of their own,
each marked NEW so the curator checks it (and merges it with an existing entity where the linker missed one).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, field
from typing import Any

from ..search import normalise
from .linking import Entity, EntityIndex, slug
from .model import Agent, EventRec, Extraction, Recognition, Span

GENERIC = {"penghargaan", "penilaian", "evaluasi", "kompetisi", "inovasi", "pelayanan", "publik", "provinsi", "jawa",
           "timur", "tahun", "award", "anugerah", "predikat", "dan", "di", "dalam", "pada", "kategori", "top",
           "nasional", "daerah", "pemerintah", "kota", "kabupaten", "indonesia", "ri"}
ORG_TYPE = {"Ministry": "Ministry", "RegionalGovernment": "RegionalGovernment", "RegionalAgency": "RegionalAgency",
            "PublicOrganisation": "PublicOrganisation", "Publisher": "PublicOrganisation"}


@dataclass
class Draft:
    source: dict[str, Any]
    facts: list[dict[str, Any]]
    new_entities: list[dict[str, Any]]
    text: str
    review: list[str] = field(default_factory=list)  # what the curator should check
    summary: list[str] = field(default_factory=list)


class _Ids:
    """Entity ids for one draft: existing ones from the index, new ones proposed once each."""

    def __init__(self, index: EntityIndex) -> None:
        self.index = index
        self.new: dict[str, dict[str, Any]] = {}
        self.taken = set(index.entities)

    def propose(self, kind: str, name: str, entity: dict[str, Any], note: str) -> str:
        base = f"{kind}/{slug(name)}"
        candidate = base
        for existing_id, existing in self.new.items():
            if existing.get("_key") == (kind, normalise(name)):
                return existing_id
        n = 2
        while candidate in self.taken:
            candidate = f"{base}-{n}"
            n += 1
        self.taken.add(candidate)
        self.new[candidate] = {"_key": (kind, normalise(name)), "_note": note, "id": candidate, **entity}
        return candidate


def build_draft(extraction: Extraction, index: EntityIndex, *, url: str, text_name: str,
                title: str | None = None, published: dt.date | None = None) -> Draft:
    doc = extraction.doc
    ids = _Ids(index)
    drafter = _Drafter(extraction, index, ids)
    source: dict[str, Any] = {"url": url, "text": text_name}
    if title:
        source["title"] = title
    if published:
        source["published"] = published
    source["language"] = "id"
    boiler = [{"quote": b.quote(doc.text), "start": b.start, "_comment": b.kind} for b in doc.boilerplate]
    if boiler:
        source["boilerplate"] = boiler
    facts = drafter.facts()
    new_entities = []
    for entity in ids.new.values():
        entity = dict(entity)
        entity.pop("_key")
        new_entities.append(entity)
    draft = Draft(source, facts, new_entities, doc.text, drafter.review)
    draft.summary = drafter.summary(new_entities)
    return draft


class _Drafter:
    def __init__(self, extraction: Extraction, index: EntityIndex, ids: _Ids) -> None:
        self.x = extraction
        self.text = extraction.doc.text
        self.index = index
        self.ids = ids
        self.review: list[str] = []
        self.tenures: dict[str, dict[str, Any]] = {}
        self.agent_ids: dict[str, str] = {}
        self.groups: dict[str, dict[str, Any]] = {}
        self.event_ids: dict[str, str] = {}
        self.event_facts: list[dict[str, Any]] = []
        self.skipped: list[Recognition] = []

    # --------------------------------------------------------------------------------------------- quotes

    def quote(self, span: Span | None, name: str | None = None, confidence: float | None = None
              ) -> dict[str, Any] | None:
        if span is None:
            return None
        start, end = span
        quote = self.text[start:end]
        if not quote.strip() or self.x.doc.in_boilerplate(start, end):
            return None
        entry: dict[str, Any] = {"quote": quote, "start": start}
        if name and name in quote:
            entry["name"] = name
        if confidence is not None:
            entry["confidence"] = round(confidence, 2)
        return entry

    def quotes(self, spans: list[Span], name: str | None = None, confidence: float | None = None
               ) -> list[dict[str, Any]]:
        out = []
        seen = set()
        for span in spans:
            if span in seen:
                continue
            seen.add(span)
            entry = self.quote(span, name, confidence)
            if entry:
                out.append(entry)
        return out

    # --------------------------------------------------------------------------------------------- agents

    def agent_id(self, agent: Agent) -> str | None:
        if agent.key in self.agent_ids:
            return self.agent_ids[agent.key]
        if agent.kind in ("group", "office-group"):
            found = self._group(agent)
        elif agent.link:
            found = agent.link
            if agent.link_score < 95:
                self.review.append(f"{agent.name!r} linked to {found} (score {agent.link_score:.0f}): check")
        elif agent.kind == "person":
            found = self.ids.propose("person", agent.name, {
                "type": "Person", "label": {"id": agent.name, "en": agent.name}}, "NEW person: check the spelling "
                "and whether the graph already has them under another name")
        else:
            name = re.sub(r"\s*\([^)]*\)", "", agent.name).strip()
            kind = ORG_TYPE.get(agent.org_kind or "", "PublicOrganisation")
            region = re.match(r"^(Kota|Kabupaten|Kab\.|Provinsi)\s+(.+)$", name)
            if region:  # a region named as the one that received: its government
                level = {"Kab.": "Kabupaten"}.get(region.group(1), region.group(1))
                name = f"Pemerintah {level} {region.group(2)}"
            entity: dict[str, Any] = {"type": kind, "label": {"id": name}}
            aliases = [n for n in agent.names if n != name and "(" not in n]
            acronyms = re.findall(r"\(([^)]+)\)", agent.name)
            aliases += [a for a in acronyms if a not in aliases]
            if aliases:
                entity["altLabel"] = {"id": aliases}
            if kind == "RegionalAgency":
                entity["type"] = "PublicOrganisation"  # its parent government is for the curator to add
            found = self.ids.propose("org", name, entity, "NEW organisation: check the name and type (a body "
                                     "outside government is typed org:Organization in Turtle, see data/reference/"
                                     "*.ttl); link a regional agency to its government with unitOf")
        self.agent_ids[agent.key] = found
        return found

    def _group(self, agent: Agent) -> str:
        name = agent.name
        gid = f"group/{slug(name)}"
        if gid not in self.groups:
            fact: dict[str, Any] = {"id": gid, "type": "AgentGroup", "label": {"id": name}}
            if agent.role_vocab:
                fact["role"] = agent.role_vocab
            fact["evidence"] = self.quotes(agent.mention_spans[:1])
            fact["_comment"] = "a group the article does not name one by one"
            self.groups[gid] = fact
        return gid

    def office_id(self, agent: Agent) -> str | None:
        """The office a person acted in, when the graph has it (or can be given a valid one)."""
        if agent.kind != "person" or not agent.role:
            return None
        role = re.sub(r"^(?:Penjabat \(Pj\)|Penjabat|Pj\.?|Plt\.?|Plh\.?|Pelaksana Tugas|Pelaksana Harian)\s+", "",
                      agent.role)
        found = self.index.link(role, {"Office"}, threshold=92)
        if found:
            return found.entity.id
        return None

    # ---------------------------------------------------------------------------------------------- awards

    def award_ids(self, rec: Recognition) -> tuple[str | None, str | None]:
        texts = [t for t in (rec.activity, rec.programme, rec.name) if t]
        best: tuple[float, Entity] | None = None
        for text in texts:
            for entity in self.index.of_types({"Award", "AwardEdition"}):
                score = _coverage(entity.labels, text)
                if score and (best is None or score > best[0]):
                    best = (score, entity)
        if best is not None:
            entity = best[1]
            if entity.type == "AwardEdition":
                award_id = entity.fields.get("editionOf")
                return award_id, entity.id
            edition = None
            if rec.year:
                edition = next((e.id for e in self.index.editions_of(entity.id)
                                if str(e.fields.get("year")) == str(rec.year)), None)
            return entity.id, edition
        programme = rec.programme or rec.name
        if not programme:
            return None, None
        label = re.sub(r"^(?:penghargaan|anugerah|predikat)\s+(?=[A-Z])", "", programme)
        award_id = self.ids.propose("award", label, {"type": "Award", "label": {"id": label}},
                                    "NEW award programme: check the name")
        edition_id = None
        if rec.year:
            edition_id = self.ids.propose("award", f"{label} {rec.year}", {
                "type": "AwardEdition", "label": {"id": f"{label} {rec.year}"}, "editionOf": award_id,
                "year": rec.year}, "NEW edition")
        return award_id, edition_id

    def grade_id(self, rec: Recognition, award_id: str | None) -> str | None:
        if not rec.grade:
            return None
        award = self.index.get(award_id)
        wanted = normalise(rec.grade)
        best = None
        for grade in self.index.of_types({"Grade"}):
            if not any(normalise(label) == wanted for label in grade.labels):
                continue
            scheme = self.index.get(grade.fields.get("scheme"))
            overlap = 0
            if award is not None and scheme is not None:
                a = {w for label in award.labels for w in normalise(label).split()} - GENERIC
                s = {w for label in scheme.labels for w in normalise(label).split()} - GENERIC
                overlap = len(a & s)
            if best is None or overlap > best[0]:
                best = (overlap, grade.id)
        if best is not None and (best[0] > 0 or award is None):
            return best[1]
        scheme_name = (award.label if award else (rec.programme or rec.name or "penilaian"))
        scheme_id = self.ids.propose("grade", scheme_name, {
            "type": "GradeScheme", "label": {"id": f"Predikat {scheme_name}"}}, "NEW grade scheme")
        grade_id = f"{scheme_id}/{slug(rec.grade)}"
        if grade_id not in self.ids.new:
            self.ids.taken.add(grade_id)
            self.ids.new[grade_id] = {"_key": ("grade", grade_id), "_note": "NEW grade", "id": grade_id,
                                      "type": "Grade", "scheme": scheme_id, "label": {"id": rec.grade}}
        return grade_id

    def category_id(self, rec: Recognition, award_id: str) -> str:
        found = self.index.link(rec.category or "", {"AwardCategory"}, threshold=95)
        if found:
            return found.entity.id
        award = award_id.split("/", 1)[1]
        return self.ids.propose("category", f"{award} {rec.category}", {
            "type": "AwardCategory", "label": {"id": rec.category}}, "NEW award category")

    def known_in_text(self, rec: Recognition, types: set[str]) -> str | None:
        """An instrument the graph knows, named in the award's own sentences ("(SIBEKISAR)")."""
        quoted = " ".join(self.text[s:e] for s, e in rec.evidence[:2])
        words = set(normalise(quoted).split())
        for entity in self.index.of_types(types):
            for label in entity.labels:
                norm = normalise(label)
                if norm and " " not in norm and norm in words and len(norm) >= 4:
                    return entity.id
        return None

    def work_id(self, rec: Recognition) -> str | None:
        if not rec.work:
            return None
        found = self.index.link(rec.work, {"Innovation"}, threshold=88)
        if found:
            return found.entity.id
        return self.ids.propose("innovation", rec.work, {"type": "Innovation", "label": {"id": rec.work}},
                                "NEW innovation")

    # ---------------------------------------------------------------------------------------------- places

    def place(self, name: str | None) -> tuple[str | None, str | None]:
        """(venue id, locatedIn id): a region named as the place is where the event was, not a venue."""
        if not name:
            return None, None
        region = self.index.link(name, {"Region"}, threshold=95)
        if region:
            return None, region.entity.id
        place = self.index.link(name, {"Place"}, threshold=92)
        if place:
            return place.entity.id, None
        return self.ids.propose("place", name, {"type": "Place", "label": {"id": name}}, "NEW venue"), None

    # ---------------------------------------------------------------------------------------------- events

    def event_id(self, event: EventRec | None, date: dt.date | None) -> str | None:
        if event is None or not event.name:
            return None
        if event.key in self.event_ids:
            return self.event_ids[event.key]
        when = date or (event.date.value if event.date and event.date.value else None)
        eid = f"event/{when.isoformat() + '-' if when else ''}{slug(event.name, 50)}"
        event_type = event.type if event.type in ("AwardCeremony", "Exhibition") else "Event"
        known = self.index.get(event.link)
        if known is not None:  # another source states this event too: the same node, this article's evidence
            eid, event_type = known.id, known.type
        self.event_ids[event.key] = eid
        fact: dict[str, Any] = {"id": eid, "type": event_type, "label": {"id": event.name}}
        if known is not None:
            fact["_comment"] = f"the event {eid} that another source states too"
            label = known.fields.get("label")
            if isinstance(label, dict):
                fact["label"] = label
        venue, located = self.place(event.venue)
        if venue:
            fact["venue"] = venue
        if located:
            fact["locatedIn"] = located
        if when:
            fact["startDate"] = when
        if event.from_award:
            fact["_comment"] = ("the article refers to 'the event' without naming it; named here after its award: "
                                "check")
        spans = list(event.evidence)
        if event.name_span and not any(a <= event.name_span[0] < b for a, b in spans):
            spans.insert(0, self._sentence(event.name_span))
        fact["evidence"] = self.quotes([s for s in spans if s], confidence=0.8 if not event.from_award else 0.6)
        if event.opener is not None:
            person = self.agent_id(event.opener)
            participant: dict[str, Any] = {"role": "opener", "agent": person}
            office = self.office_id(event.opener)
            if office and when:
                participant["capacity"] = office
                self._tenure(event.opener, person, office, when, event.opener_span)
            participant["evidence"] = self.quotes([event.opener_span], event.opener.name) if event.opener_span \
                else []
            fact["participants"] = [participant]
        if not fact["evidence"]:
            return None
        self.event_facts.append(fact)
        return eid

    def _sentence(self, span: Span) -> Span | None:
        for s in self.x.doc.sentences:
            if s.start <= span[0] < s.end:
                return s.start, s.end
        return None

    # --------------------------------------------------------------------------------------------- tenures

    def _tenure(self, agent: Agent, person: str | None, office: str, when: dt.date, span: Span | None) -> None:
        if person is None:
            return
        tid = f"tenure/{office.split('/', 1)[1]}/{person.split('/', 1)[1]}"
        fact = self.tenures.get(tid)
        if fact is None:
            fact = {"id": tid, "type": "Tenure", "holder": person, "post": office, "attestedOn": [],
                    "evidence": []}
            if agent.tenure:
                fact["tenureType"] = agent.tenure
            self.tenures[tid] = fact
        if when not in fact["attestedOn"]:
            fact["attestedOn"].append(when)
        for entry in self.quotes([span] if span else [], agent.name):
            if entry not in fact["evidence"]:
                fact["evidence"].append(entry)

    # ------------------------------------------------------------------------------------------ recognitions

    def recognition(self, rec: Recognition) -> dict[str, Any] | None:
        if rec.recipient is None:
            self.skipped.append(rec)
            return None
        award_id, edition_id = self.award_ids(rec)
        if award_id is None:
            self.skipped.append(rec)
            return None
        grade_id = self.grade_id(rec, award_id)
        fact: dict[str, Any] = {"type": "EvaluationResult" if grade_id else "AwardConferral"}
        recipient = self.agent_id(rec.recipient)
        fact["recipient"] = recipient
        comments = []
        if rec.conferrer is not None:
            fact["conferredBy"] = self.agent_id(rec.conferrer)
            if rec.conferrer_basis == "organiser":
                comments.append("conferrer: the organiser of the event where it was presented (inferred): check")
            elif rec.conferrer_inferred:
                comments.append("conferrer taken from another sentence of the article about the same award(s)")
        else:
            comments.append("the article does not say who conferred it: left open")
        fact["award"] = award_id
        if edition_id:
            fact["edition"] = edition_id
        if grade_id:
            fact["grade"] = grade_id
        if rec.category:
            fact["category"] = self.category_id(rec, award_id)
        if rec.placement and not grade_id:
            fact["placement"] = rec.placement
        elif rec.placement and grade_id:
            comments.append(f"also described as {rec.placement!r}")
        if rec.rank:
            fact["rankUpperBound"] = rec.rank
        if (work := self.work_id(rec)) is not None:
            fact["forWork"] = work
        if (instrument := self.known_in_text(rec, {"EvaluationInstrument"})) is not None:
            fact["instrument"] = instrument
        if rec.quantity and rec.quantity > 1:
            fact["quantity"] = rec.quantity
        when = rec.date.value if rec.date and rec.date.value else None
        if rec.date and rec.date.resolved:
            comments.append(f"date {when}: {rec.date.note}")
        elif rec.date and not rec.date.value:
            self.review.append(f"date {rec.date.text!r} left out: {rec.date.note}")
        if when:
            fact["date"] = when
        event_id = self.event_id(rec.event, when)
        if event_id:
            fact["atEvent"] = event_id
        name = self.text[rec.recipient_span[0]:rec.recipient_span[1]] if rec.recipient_span else None
        fact["evidence"] = self.quotes(rec.evidence, name, rec.confidence)
        participants = self.participants(rec, when)
        if participants:
            fact["participants"] = participants
        if comments:
            fact["_comment"] = "; ".join(comments)
        return fact

    def participants(self, rec: Recognition, when: dt.date | None) -> list[dict[str, Any]]:
        out: list[dict[str, Any]] = []
        nominal = None
        if rec.presenter is not None:
            out.append(self._participant("presenter", rec.presenter, rec.presenter_span, when))
        for agent, span in rec.receivers[:1]:
            if agent.kind == "person":
                nominal = agent
                out.append(self._participant("nominal-receiver", agent, span, when))
        if rec.proxy is not None:
            behalf = nominal or rec.recipient
            entry = self._participant("proxy-accepter", rec.proxy, rec.proxy_span, when)
            if behalf is not None:
                entry["onBehalfOf"] = self.agent_id(behalf)
                out.append(entry)
        return [p for p in out if p.get("agent")]

    def _participant(self, role: str, agent: Agent, span: Span | None, when: dt.date | None) -> dict[str, Any]:
        person = self.agent_id(agent)
        entry: dict[str, Any] = {"role": role, "agent": person}
        office = self.office_id(agent)
        if office and when:
            entry["capacity"] = office
            self._tenure(agent, person, office, when, span)
        evidence = self.quotes([span] if span else [], agent.name if agent.kind == "person" else None)
        entry["evidence"] = evidence
        return entry

    # --------------------------------------------------------------------------------------------- facts

    def facts(self) -> list[dict[str, Any]]:
        recognitions = [f for rec in self.x.recognitions if (f := self.recognition(rec)) is not None]
        for event in self.x.events:
            if event.name and event.key not in self.event_ids and event.evidence:
                self.event_id(event, None)
        for rec in self.skipped:
            what = rec.name or rec.programme or "an award"
            why = "no recipient" if rec.recipient is None else "no award name"
            self.review.append(f"mentioned but not drafted ({why}): {what!r}")
        facts = [*self.event_facts, *recognitions, *self.groups.values()]
        for tenure in self.tenures.values():
            if len(tenure["attestedOn"]) == 1:
                tenure["attestedOn"] = tenure["attestedOn"][0]
            facts.append(tenure)
        return facts

    def summary(self, new_entities: list[dict[str, Any]]) -> list[str]:
        x = self.x
        lines = [f"{len(x.recognitions)} recognition(s), {len([e for e in x.events if e.name])} event(s), "
                 f"{len([a for a in x.agents if a.kind == 'person' and a.titled])} official(s), "
                 f"{len([a for a in x.agents if a.kind == 'org' and a.standalone])} organisation(s); "
                 f"{len(x.doc.boilerplate)} boilerplate span(s) left out"]
        for rec in x.recognitions:
            who = rec.recipient.name if rec.recipient else "?"
            by = f" from {rec.conferrer.name}" if rec.conferrer else ""
            when = f" on {rec.date.value}" if rec.date and rec.date.value else ""
            lines.append(f"  - {rec.name or rec.programme or 'penghargaan'} → {who}{by}{when}")
        if new_entities:
            lines.append(f"{len(new_entities)} new entit{'y' if len(new_entities) == 1 else 'ies'} proposed: "
                         + ", ".join(e["id"] for e in new_entities))
        return lines


def _coverage(labels: list[str], text: str) -> float:
    """How well one of an award's names is covered by ``text``: all its distinctive words, most of the rest."""
    words = set(normalise(text).split())
    best = 0.0
    for label in labels:
        norm = normalise(label)
        tokens = norm.split()
        if not tokens:
            continue
        if len(tokens) == 1:
            if len(tokens[0]) >= 4 and tokens[0] in words and tokens[0] not in GENERIC:
                best = max(best, 0.9)
            continue
        hit = [t for t in tokens if t in words]
        distinctive = [t for t in tokens if t not in GENERIC]
        if len(hit) < 2 or (distinctive and not any(t in words for t in distinctive)):
            continue
        score = len(hit) / len(tokens)
        if score >= 0.75:
            best = max(best, score + (0.05 if norm in normalise(text) else 0.0))
    return best


# ------------------------------------------------------------------------------------------------ writing


def render_yaml(value: Any, indent: int = 0) -> str:
    """YAML for a draft: strings JSON-quoted (valid YAML), dates plain, '_comment' keys as comments."""
    return "".join(_emit(value, indent))


def _scalar(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return json.dumps(str(value), ensure_ascii=False)


def _simple(value: Any) -> bool:
    return not isinstance(value, (dict, list))


def _emit(value: Any, indent: int) -> list[str]:
    pad = " " * indent
    lines: list[str] = []
    if isinstance(value, dict):
        if value.get("_comment"):
            lines.append(f"{pad}# {value['_comment']}\n")
        for key, item in value.items():
            if key.startswith("_"):
                continue
            if isinstance(item, dict) and all(_simple(v) for v in item.values()) and len(item) <= 3 and not any(
                    k.startswith("_") for k in item):
                inner = ", ".join(f"{k}: {_flow(v)}" for k, v in item.items())
                lines.append(f"{pad}{key}: {{{inner}}}\n")
            elif isinstance(item, list) and item and all(_simple(v) for v in item):
                lines.append(f"{pad}{key}: [{', '.join(_scalar(v) for v in item)}]\n")
            elif isinstance(item, (dict, list)):
                if isinstance(item, list) and not item:
                    lines.append(f"{pad}{key}: []\n")
                    continue
                lines.append(f"{pad}{key}:\n")
                lines += _emit(item, indent + 2)
            else:
                lines.append(f"{pad}{key}: {_scalar(item)}\n")
    elif isinstance(value, list):
        for item in value:
            if isinstance(item, dict):
                body = _emit(item, indent + 2)
                comment = [line for line in body if line.lstrip().startswith("#")][:1]
                rest = [line for line in body if line not in comment]
                lines += comment
                if rest:
                    lines.append(f"{pad}- {rest[0][indent + 2:]}")
                    lines += rest[1:]
            else:
                lines.append(f"{pad}- {_scalar(item)}\n")
    return lines


def _flow(value: Any) -> str:
    if isinstance(value, list):
        return "[" + ", ".join(_scalar(v) for v in value) + "]"
    return _scalar(value)


def source_yaml(draft: Draft, header: list[str]) -> str:
    lines = [f"# {h}\n" for h in header]
    for item in draft.review:
        lines.append(f"# REVIEW: {item}\n")
    lines.append("source:\n")
    lines += _emit(draft.source, 2)
    lines.append("\nfacts:\n")
    for fact in draft.facts:
        lines += _emit([fact], 2)
        lines.append("\n")
    if not draft.facts:
        lines[-1] = "facts: []\n"
    return "".join(lines)


def reference_yaml(draft: Draft, header: list[str]) -> str:
    lines = [f"# {h}\n" for h in header]
    for entity in draft.new_entities:
        note = entity.pop("_note", None)
        if note:
            entity["_comment"] = note
        lines += _emit([entity], 0)
        lines.append("\n")
    return "".join(lines)
