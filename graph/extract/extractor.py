"""Extract an article's recognitions: read each sentence with the rules, then assemble the document.

Assembly expands counted groups into the members the article lists, replaces an aggregate ("empat
penghargaan") by the awards the article itemises, merges repeated statements of one award, and shares what
the article says of its one ceremony (who presented, where, when) with the awards presented there. Nothing is
shared across ceremonies, and a conferrer is shared only with awards named after the same programme.
"""

from __future__ import annotations

import copy
import datetime as dt
import re
from pathlib import Path

from rapidfuzz import fuzz

from ..search import normalise
from .document import Document, read_document
from .gazetteer import Lexicon
from .linking import ORG_TYPES, PLACE_TYPES, EntityIndex, expand
from .mentions import Finder, Mention
from .model import Agent, EventRec, Extraction, Recognition, Span
from .rules import (
    Handover,
    read_award_source,
    read_confer_active,
    read_events,
    read_group_members,
    read_handovers,
    read_itemisation,
    read_list,
    read_list_continuation,
    read_nobat,
    read_openers,
    read_receive_active,
    read_receive_passive,
)
from .sentence import SentenceView

QUALIFIER = re.compile(r"\b(?:provinsi|prov|pemprov|pemerintah provinsi|kabupaten|kab|kota|pemkab|pemkot|ri|"
                       r"republik indonesia)\b")


class Builder:
    def __init__(self, doc: Document, index: EntityIndex, finder: Finder) -> None:
        self.doc = doc
        self.index = index
        self.finder = finder
        self.agents: dict[str, Agent] = {}
        self._alias: dict[str, str] = {}
        self.events: list[EventRec] = []
        self.recs: list[Recognition] = []
        self.handovers: list[Handover] = []
        self.context_conferrers: list[tuple[Agent, Span | None]] = []
        self.context_recipients: list[tuple[Agent, Span]] = []
        self.group_items: dict[str, list[tuple[Mention, Span]]] = {}
        self.open_list: tuple[Agent, list] | None = None
        self.aggregate: Recognition | None = None
        self.current_award: Recognition | None = None
        self.list_template: Recognition | None = None
        self.list_category: str | None = None
        self.list_heading: Span | None = None
        self.unnamed_event: EventRec | None = None
        self.notes: list[str] = []

    # -------------------------------------------------------------------------------------------- agents

    def agent(self, m: Mention) -> Agent:
        key = self._key(m)
        key = self._alias.get(key, key)
        found = self.agents.get(key)
        if found is None and m.kind == "person":
            found = self._same_person(m)
        if found is None:
            found = Agent(key=key, kind="org" if m.kind == "region" else m.kind)
            self.agents[key] = found
        name_span = m.name_span or (m.start, m.end)
        found.add(m.name or m.text, name_span, (m.start, m.end))
        if m.kind == "person" and m.role:
            if not found.titled or len(m.role) > len(found.role or ""):
                found.role, found.role_span, found.role_vocab = m.role, m.extra.get("role_span"), m.role_vocab
                found.tenure, found.office_org, found.region = m.tenure, m.org, m.region
            found.titled = True
        if m.kind in ("org", "region"):
            found.org_kind = found.org_kind or (m.org_kind or "RegionalGovernment")
            found.region = found.region or m.region
            found.level = found.level or m.level
            if m.alias:
                self._alias.setdefault("alias:" + normalise(m.alias).replace(" ", ""), found.key)
        if m.kind == "group":
            found.count, found.noun = m.count, m.noun
        if m.kind == "office-group":
            found.role, found.role_vocab = m.role, m.role_vocab
        return found

    def _key(self, m: Mention) -> str:
        if m.kind == "person":
            return "person:" + _person_norm(m.name or m.text)
        if m.kind == "group":
            if m.extra.get("reference"):
                same = [a for a in self.agents.values() if a.kind == "group" and a.count == m.count]
                if same:
                    return same[-1].key
            return f"group:{m.count}:{normalise(m.noun or m.text)}"
        if m.kind == "office-group":
            return "office-group:" + normalise(m.role or m.text)
        if m.kind == "region" or m.org_kind == "RegionalGovernment":
            level = m.level or ("provinsi" if self.finder.g.provinces.match(
                self.finder_tokens(m.region or ""), 0) else "?")
            if level == "daerah":
                level = "provinsi" if self.finder.g.provinces.match(self.finder_tokens(m.region or ""), 0) else "?"
            return f"gov:{level}:{_region_norm(self, m.region or m.text)}"
        canonical = m.extra.get("canonical")
        if m.alias:
            alias = self.finder.g.ministries.match(self.finder_tokens(m.alias), 0)
            if alias:
                canonical = alias[1]
            alias_key = "alias:" + normalise(m.alias).replace(" ", "")
            if alias_key in self._alias:
                return self._alias[alias_key]
        if canonical:
            return "org:" + normalise(canonical)
        alias_key = "alias:" + normalise(m.text).replace(" ", "")
        if alias_key in self._alias:
            return self._alias[alias_key]
        name = re.sub(r"\([^)]*\)", " ", m.text)
        region = _region_norm(self, m.region) if m.region else ""
        core = QUALIFIER.sub(" ", expand(normalise(name)))
        if region:
            core = re.sub(rf"\b{re.escape(region)}\b", " ", core)
        core = " ".join(w for w in core.split() if w not in ("jawa", "timur") or not region)
        for key, agent in self.agents.items():
            if key.startswith("org:") and key.split("|")[0] == "org:" + core and (
                    not region or not agent.region or _region_norm(self, agent.region) == region):
                return key
        return f"org:{core}|{region}"

    def finder_tokens(self, text: str):
        from .gazetteer import tokenize

        return tokenize(text)

    def _same_person(self, m: Mention) -> Agent | None:
        words = _person_norm(m.name or m.text).split()
        for agent in self.agents.values():
            if agent.kind != "person":
                continue
            for name in agent.names:
                other = _person_norm(name).split()
                if not words or not other:
                    continue
                if set(words) <= set(other) or set(other) <= set(words):
                    return agent
                if len(words) == len(other) and fuzz.ratio(" ".join(words), " ".join(other)) >= 88:
                    return agent
        return None

    # -------------------------------------------------------------------------------------------- events

    def event(self, name: str, event_type: str, span: Span) -> EventRec:
        for event in self.events:
            if event.name and (normalise(event.name) == normalise(name) or fuzz.token_set_ratio(
                    normalise(event.name), normalise(name)) >= 95):
                return event
        event = EventRec(key=f"event-{len(self.events)}", name=name, type=event_type, name_span=span)
        self.events.append(event)
        return event

    def refer_event(self, view: SentenceView, i: int) -> EventRec:
        """ "acara itu", "Upacara tersebut", "dalam acara yang digelar di ...": the last event, or an unnamed one."""
        if self.events:
            event = self.events[-1]
        else:
            if self.unnamed_event is None:
                self.unnamed_event = EventRec(key="event-unnamed", name=None, type="AwardCeremony")
                self.events.append(self.unnamed_event)
            event = self.unnamed_event
        from .rules import _place_event

        _place_event(self, view, event, i)
        span = (view.sentence.start, view.sentence.end)
        if span not in event.evidence and (event.venue or event.date):
            event.evidence.append(span)
        return event

    # -------------------------------------------------------------------------------------- recognitions

    def add(self, rec: Recognition, view: SentenceView, current: bool = True) -> None:
        self.recs.append(rec)
        if rec.named and current and rec.name and not rec.itemised and rec.rule != "list":
            self.current_award = rec
        if rec.quantity and rec.quantity > 1 and not rec.itemised:
            self.aggregate = rec

    def copy_rec(self, rec: Recognition) -> Recognition:
        one = copy.copy(rec)
        one.evidence = list(rec.evidence)
        one.receivers = list(rec.receivers)
        return one

    def expand_group(self, group: Mention | Agent, items: list[Mention], view: SentenceView,
                     extend: bool = False) -> None:
        agent = group if isinstance(group, Agent) else self.agent(group)
        listed = self.group_items.setdefault(agent.key, [])
        span = (view.sentence.start, view.sentence.end)
        for item in items:
            listed.append((item, span))
        self.open_list = (agent, listed)

    def context_recipient(self, mention: Mention, view: SentenceView) -> None:
        self.context_recipients.append((self.agent(mention), (mention.start, mention.end)))

    def context_conferrer(self, agent: Agent | None, span: Span | None, view: SentenceView) -> None:
        if agent is not None:
            self.context_conferrers.append((agent, span))

    def recognition_of(self, subject: Mention | None, region: str | None) -> Recognition | None:
        for rec in reversed(self.recs):
            if rec.recipient is None or not rec.named:
                continue
            if subject is not None and rec.recipient is self.agent_if_known(subject):
                return rec
            wanted = _region_norm(self, region) if region else None
            if wanted and rec.recipient.region and _region_norm(self, rec.recipient.region) == wanted:
                return rec
        return None

    def agent_if_known(self, m: Mention) -> Agent | None:
        key = self._alias.get(self._key(m), self._key(m))
        return self.agents.get(key)


# ------------------------------------------------------------------------------------------------ helpers


def _person_norm(name: str) -> str:
    name = re.sub(r"^(?:(?:dr|drs|dra|ir|h|hj|prof|kh)\.\s*)+", "", name.strip(), flags=re.IGNORECASE)
    return normalise(name)


def _region_norm(builder: Builder, region: str | None) -> str:
    if not region:
        return ""
    tokens = builder.finder_tokens(region)
    found = builder.finder.g.provinces.match(tokens, 0)
    if found and found[0] == len(tokens):
        return normalise(found[1])
    fuzzy = builder.finder._fuzzy_province(tokens[0]) if len(tokens) == 1 else None
    return normalise(fuzzy or region)


def _names_compatible(a: Recognition, b: Recognition) -> bool:
    if not a.named or not b.named or not a.name or not b.name:
        return True
    x, y = normalise(a.name), normalise(b.name)
    if a.category != b.category and a.category and b.category:
        return False
    return x in y or y in x or fuzz.token_set_ratio(x, y) >= 90


# ---------------------------------------------------------------------------------------------- assembly


def extract(text: str, *, url: str | None = None, title: str | None = None, published: dt.date | None = None,
            index: EntityIndex | None = None) -> Extraction:
    """Everything the article states about recognitions, read from ``text`` (the stored article text)."""
    doc = read_document(text, url=url, title=title, published=published)
    index = index or EntityIndex([])
    known_orgs = index.lexicon(ORG_TYPES)
    known_places = Lexicon()
    for entity in index.of_types(PLACE_TYPES):
        for label in entity.labels:
            if len(label) >= 4 and label[0].isupper():
                known_places.add(label, entity.id)
    finder = Finder(known_orgs=known_orgs, known_places=known_places)
    builder = Builder(doc, index, finder)
    for position, sentence in enumerate(doc.sentences):
        if sentence.kind == "lead":
            continue
        view = SentenceView(doc, sentence, position, finder)
        for m in view.persons:
            builder.agent(m)
        for m in view.orgs:
            agent = builder.agent(m)
            if sentence.kind != "heading" and not doc.in_quote(m.start, m.end):
                agent.standalone = True
        for m in view.regions:
            if m.level == "provinsi":
                agent = builder.agent(m)
                if not doc.in_quote(m.start, m.end):
                    agent.standalone = True
        if read_list(builder, view):
            continue
        if read_list_continuation(builder, view) or read_group_members(builder, view):
            continue
        events = read_events(builder, view)
        read_openers(builder, view)
        handovers = read_handovers(builder, view, events)
        before = len(builder.recs)
        if not read_itemisation(builder, view, events):
            read_nobat(builder, view)
            read_receive_passive(builder, view, events)
            read_confer_active(builder, view)
            read_receive_active(builder, view, events)
            read_award_source(builder, view)
        _penganugerahan(builder, view, events)
        new = builder.recs[before:]
        for rec in new:
            _own_sentence_context(view, rec, events)
        for handover in handovers:
            handover.recs = new
        builder.handovers.extend(handovers)
        if sentence.kind == "intro":
            _start_list(builder, handovers, new)
    _assemble(builder)
    _link(builder)
    agents = list({id(a): a for a in builder.agents.values()}.values())
    return Extraction(doc, agents, [e for e in builder.events if e.name or e.venue or e.date],
                      builder.recs, builder.notes)


def _own_sentence_context(view: SentenceView, rec: Recognition, events: list[EventRec]) -> None:
    from .rules import ceremony_date, ceremony_venue

    if events and rec.event is None:
        rec.event = events[0]
    if rec.venue is None and (venue := ceremony_venue(view)) and _ceremony_sentence(view):
        rec.venue, rec.venue_span = venue
    if rec.date is None and _ceremony_sentence(view) and (date := ceremony_date(view)):
        rec.date = date


def _ceremony_sentence(view: SentenceView) -> bool:
    from .rules import is_ceremony

    return is_ceremony(view)


def _start_list(builder: Builder, handovers: list[Handover], new: list[Recognition]) -> None:
    """A sentence ending in "sebagai berikut:" opens a list of the award's recipients."""
    ref = next((h for h in handovers if h.award_ref), None)
    if ref is not None:
        template = Recognition(name=ref.award_ref, rule="list", sentence=ref.sentence)
        from .rules import name_parts

        template.programme, template.category, template.year = name_parts(ref.award_ref)
        template.cite(ref.evidence)
        template.presenter, template.presenter_span = ref.presenter, ref.presenter_span
        template.event = ref.event
        builder.list_template = template
        builder.list_category = None
    elif new:
        builder.list_template = new[-1]
        builder.recs.remove(new[-1])


def _penganugerahan(builder: Builder, view: SentenceView, events: list[EventRec]) -> None:
    """ "digelar pula Penganugerahan A, B, C, dan D": the awards presented at that ceremony."""
    for event in events:
        if not event.name or not re.match(r"(?:Penganugerahan|Pemberian Penghargaan)\s", event.name):
            continue
        if event.name_span is None or not (view.sentence.start <= event.name_span[0] < view.sentence.end):
            continue
        if any(r.event is event for r in builder.recs):
            continue
        body = re.sub(r"^(?:Penganugerahan|Pemberian Penghargaan)\s+", "", event.name)
        parts = [p.strip() for p in re.split(r",\s*(?:dan\s+)?|\s+dan\s+(?=[A-Z])", body) if p.strip()]
        if len(parts) < 2:
            continue
        offset = event.name_span[0] + event.name.index(body)
        for part in parts:
            start = builder.doc.text.find(part, offset)
            rec = Recognition(name=part, name_span=(start, start + len(part)) if start >= 0 else None,
                              sentence=view.index, rule="penganugerahan", event=event, confidence=0.7)
            rec.programme, rec.category, rec.year = _parts(part)
            rec.cite((view.sentence.start, view.sentence.end))
            builder.recs.append(rec)


def _parts(name: str):
    from .rules import name_parts

    return name_parts(name)


def _assemble(builder: Builder) -> None:
    recs = builder.recs
    # 1. one statement per group recipient, then its members as the article lists them
    recs = _merge(recs, lambda a, b: a.group is not None and a.group is b.group)
    expanded: list[Recognition] = []
    derived_bases = {id(getattr(r, "derived_from", None)) for r in recs}
    for rec in recs:
        items = builder.group_items.get(rec.group.key, []) if rec.group is not None else []
        if rec.group is not None and (items or id(rec) in derived_bases):
            for item, span in items:
                one = builder.copy_rec(rec)
                one.recipient = builder.agent(item)
                one.recipient_span = (item.start, item.end)
                one.group = None
                one.cite(span)
                expanded.append(one)
            continue
        expanded.append(rec)
    recs = expanded
    # 2. an aggregate the article itemises gives way to its items
    recs = [r for r in recs if not (r.quantity and r.itemised)]
    # 3. the same award stated twice
    recs = _merge(recs, lambda a, b: a.recipient is not None and a.recipient is b.recipient and
                  _names_compatible(a, b) and a.rank == b.rank and (a.group is None or a.group is b.group))
    # 4. awards named only as "penghargaan": context for named ones, or the award itself when none is named
    named = [r for r in recs if r.named]
    unnamed = [r for r in recs if not r.named]
    if named:
        for rec in unnamed:
            if rec.conferrer is not None:
                builder.context_conferrers.append((rec.conferrer, rec.conferrer_span))
        lacking = [r for r in named if r.recipient is None and r.rule != "penganugerahan"]
        donors = [r for r in unnamed if r.recipient is not None] + [
            Recognition(name=None, recipient=a, recipient_span=s) for a, s in builder.context_recipients]
        if len(lacking) == 1 and donors:
            lacking[0].recipient, lacking[0].recipient_span = donors[-1].recipient, donors[-1].recipient_span
            lacking[0].cite(_sentence_of(builder, donors[-1].recipient_span))
        recs = named
    else:
        recs = unnamed
        for rec in recs:
            if rec.name is None:
                rec.name = _name_from_group_modifier(builder, rec)
    # 5. conferrers: the same programme named again, what the article says of "the award(s)", the organiser
    explicit = [r for r in recs if r.conferrer is not None]
    for rec in recs:
        if rec.conferrer is not None:
            continue
        for source in explicit:
            if source.programme and rec.name and normalise(source.programme) and \
                    normalise(source.programme) in normalise(rec.name):
                rec.conferrer, rec.conferrer_span = source.conferrer, source.conferrer_span
                rec.conferrer_inferred = True
                break
    context = {a.key: (a, s) for a, s in builder.context_conferrers}
    if len(context) == 1:
        agent, span = next(iter(context.values()))
        for rec in recs:
            if rec.conferrer is None and rec.rule not in ("penganugerahan",):
                rec.conferrer, rec.conferrer_span, rec.conferrer_inferred = agent, span, True
                rec.cite(_sentence_of(builder, span))
    # 6. events: the one ceremony of the article, or the one named after its award
    _assign_events(builder, recs)
    # 7. who handed the awards over, to whom, on whose behalf
    _apply_handovers(builder, recs)
    for rec in recs:
        if rec.conferrer is None and rec.event is not None and rec.event.organizer is not None and \
                rec.event.organizer.kind == "org":
            rec.conferrer, rec.conferrer_inferred = rec.event.organizer, True
            rec.conferrer_basis = "organiser"
            rec.confidence = min(rec.confidence, 0.6)
    # 8. where and when: the award's own sentence, its event, else the article's one ceremony
    _share_place_and_date(builder, recs)
    builder.recs = recs


def _sentence_of(builder: Builder, span: Span | None) -> Span | None:
    if span is None:
        return None
    for s in builder.doc.sentences:
        if s.start <= span[0] < s.end:
            return s.start, s.end
    return None


def _name_from_group_modifier(builder: Builder, rec: Recognition) -> str | None:
    """An award the article names only through its winners ("pemilik MPP berkinerja prima")."""
    if rec.evidence:
        s, e = rec.evidence[0]
        match = re.search(r"\b(?:pemilik|peraih|penerima)\s+((?:[A-Z][\w-]*|\([^)]*\)|[a-z]+)(?:\s+(?:[A-Z][\w-]*|"
                          r"\([^)]*\)|[a-z]+)){0,8}?)\s+(?:mendapat|meraih|menerima|memperoleh)", builder.doc.text[s:e])
        if match:
            return match.group(1)
    return rec.name


def _merge(recs: list[Recognition], same) -> list[Recognition]:
    out: list[Recognition] = []
    for rec in recs:
        target = next((r for r in out if same(r, rec)), None)
        if target is None:
            out.append(rec)
            continue
        for field_name in ("name", "name_span", "programme", "category", "year", "grade", "placement", "rank",
                           "quantity", "work", "work_span", "activity", "conferrer", "conferrer_span", "event",
                           "venue", "venue_span", "date", "presenter", "presenter_span", "proxy", "proxy_span"):
            if getattr(target, field_name) is None and getattr(rec, field_name) is not None:
                setattr(target, field_name, getattr(rec, field_name))
        if not target.named and rec.named:
            target.named, target.anaphoric = True, False
        for span in rec.evidence:
            target.cite(span)
    return out


def _assign_events(builder: Builder, recs: list[Recognition]) -> None:
    named = [e for e in builder.events if e.name]
    unnamed = [e for e in builder.events if not e.name]
    anchor = next((r for r in recs if r.named and r.name and r.name.lower().startswith("anugerah")), None)
    if not named and unnamed and anchor is not None:
        event = unnamed[0]
        programme = re.split(r"\s+(?:Kategori|kategori|bagi|dari)\s+", anchor.name)[0]
        event.name, event.from_award = programme.strip(), True
        event.name_span = anchor.name_span
        named = [event]
    ceremonies = [e for e in builder.events if e.name or e.venue or e.date]
    used = {id(r.event) for r in recs if r.event is not None}
    main = None
    if len(ceremonies) == 1:
        main = ceremonies[0]
    elif len(used) == 1:
        main = next(r.event for r in recs if r.event is not None)
    for rec in recs:
        if rec.event is None and main is not None:
            rec.event = main
        if rec.event is not None and not rec.event.name and not (rec.event.venue or rec.event.date):
            rec.event = None


def _apply_handovers(builder: Builder, recs: list[Recognition]) -> None:
    for handover in builder.handovers:
        if handover.award_ref:
            ref = normalise(handover.award_ref)
            targets = [r for r in recs if r.name and (ref in normalise(r.name) or normalise(r.name) in ref or
                                                      (r.programme and normalise(r.programme) in ref))]
            targets += [r for r in handover.recs if r in recs and r not in targets]
        else:
            targets = [r for r in recs if r.presenter is None and not r.receivers]
        if not targets:
            continue
        for rec in targets:
            if handover.presenter and rec.presenter is None:
                rec.presenter, rec.presenter_span = handover.presenter, handover.presenter_span
                rec.cite(handover.evidence)
            if handover.proxy and rec.proxy is None:
                rec.proxy, rec.proxy_span = handover.proxy, handover.proxy_span
            if handover.event and rec.event is None:
                rec.event = handover.event
            if handover.venue and rec.venue is None:
                rec.venue, rec.venue_span = handover.venue
            if handover.date and rec.date is None:
                rec.date = handover.date
        people = [(a, s) for a, s in handover.receivers if a.kind in ("person", "office-group")]
        if not people:
            continue
        if len(people) == 1:
            for rec in targets:
                if not rec.receivers:
                    rec.receivers = list(people)
            continue
        for rec in targets:  # several receivers: each with the recipient their office belongs to
            if rec.recipient is None:
                continue
            best = max(people, key=lambda p: fuzz.token_set_ratio(
                normalise(p[0].role or ""), normalise(rec.recipient.name)))
            rec.receivers = [best]


def _share_place_and_date(builder: Builder, recs: list[Recognition]) -> None:
    for rec in recs:
        if rec.event is not None:
            if rec.venue is None and rec.event.venue:
                rec.venue, rec.venue_span = rec.event.venue, rec.event.venue_span
            if rec.date is None and rec.event.date:
                rec.date = rec.event.date
            for span in rec.event.evidence[:1]:
                if rec.date or rec.venue:
                    rec.cite(span)
    venues = {r.venue for r in recs if r.venue}
    dates = {r.date.value for r in recs if r.date and r.date.value}
    handover_dates = {h.date.value for h in builder.handovers if h.date and h.date.value}
    if len(venues) == 1 and len({id(r.event) for r in recs if r.event}) <= 1:
        source = next(r for r in recs if r.venue)
        for rec in recs:
            if rec.venue is None and rec.rule != "penganugerahan":
                rec.venue, rec.venue_span = source.venue, source.venue_span
    if len(dates | handover_dates) == 1 and len({id(r.event) for r in recs if r.event}) <= 1:
        source_date = next((r.date for r in recs if r.date and r.date.value), None) or next(
            h.date for h in builder.handovers if h.date and h.date.value)
        for rec in recs:
            if rec.date is None:
                rec.date = source_date


def _link(builder: Builder) -> None:
    index = builder.index
    for agent in builder.agents.values():
        link = None
        if agent.kind == "person":
            for name in sorted(agent.names, key=len, reverse=True):
                link = index.link_person(name)
                if link:
                    break
        elif agent.kind == "org":
            types = ORG_TYPES
            candidates = list(agent.names)
            if agent.org_kind == "RegionalGovernment" and agent.region:
                level = {"provinsi": "Provinsi", "kabupaten": "Kabupaten", "kota": "Kota"}.get(agent.level or "")
                if level:
                    candidates.append(f"Pemerintah {level} {agent.region}")
            for name in candidates:
                link = index.link(re.sub(r"\([^)]*\)", " ", name), types) or index.link(name, types)
                if link:
                    break
        if link is not None:
            agent.link, agent.link_score = link.entity.id, link.score
    for event in builder.events:
        if not event.name:
            continue
        found = index.link(event.name, {"Event", "AwardCeremony", "Exhibition"}, threshold=92)
        if found and (event.date is None or str(found.entity.fields.get("startDate")) == str(
                event.date.value if event.date else None)):
            event.link = found.entity.id


def extract_file(path: Path, url: str | None = None, published: dt.date | None = None,
                 data_dir: Path | None = None) -> Extraction:
    from .document import split_header

    raw = path.read_text(encoding="utf-8")
    header_url, title, text = split_header(raw)
    index = EntityIndex.from_data(data_dir)
    return extract(text, url=url or header_url, title=title, published=published, index=index)
