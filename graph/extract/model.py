"""What the extractor finds in one article: agents, events and recognitions, each with its evidence spans."""

from __future__ import annotations

from dataclasses import dataclass, field

from .dates import DateMention
from .document import Document

Span = tuple[int, int]


@dataclass
class Agent:
    """A person, organisation, counted group or unnamed office holders, as one article refers to it."""

    key: str
    kind: str  # person, org, group, office-group
    names: list[str] = field(default_factory=list)
    name_spans: list[Span] = field(default_factory=list)
    mention_spans: list[Span] = field(default_factory=list)
    role: str | None = None  # the office as written ("Wakil Gubernur Jawa Timur")
    role_span: Span | None = None
    role_vocab: str | None = None
    tenure: str | None = None  # pj, plt, plh
    office_org: str | None = None
    org_kind: str | None = None
    region: str | None = None
    level: str | None = None
    count: int | None = None
    noun: str | None = None
    titled: bool = False
    standalone: bool = False
    link: str | None = None  # id of an entity the graph already has
    link_score: float = 0.0
    post_link: str | None = None  # id of the office, when the graph has it

    @property
    def name(self) -> str:
        """The fullest name the article gives."""
        if self.kind == "person":
            return max(self.names, key=lambda n: (len(n.split()), len(n)))
        return self.names[0]

    def add(self, name: str, name_span: Span, mention_span: Span) -> None:
        if name not in self.names:
            self.names.append(name)
        self.name_spans.append(name_span)
        self.mention_spans.append(mention_span)


@dataclass
class EventRec:
    key: str
    name: str | None
    type: str  # Event, AwardCeremony, Exhibition
    name_span: Span | None = None
    venue: str | None = None
    venue_span: Span | None = None
    date: DateMention | None = None
    opener: Agent | None = None
    opener_span: Span | None = None
    organizer: Agent | None = None
    evidence: list[Span] = field(default_factory=list)
    from_award: bool = False  # named after the award it presents ("Anugerah Pandu Negeri 2024")
    link: str | None = None


@dataclass
class Recognition:
    name: str | None
    name_span: Span | None = None
    programme: str | None = None  # the award's name without category and year
    category: str | None = None
    year: int | None = None
    grade: str | None = None
    placement: str | None = None
    rank: int | None = None
    quantity: int | None = None
    work: str | None = None
    work_span: Span | None = None
    activity: str | None = None  # what was evaluated ("implementasi ... (SAKIP)")
    recipient: Agent | None = None
    recipient_span: Span | None = None
    group: Agent | None = None  # a counted group the article lists later
    conferrer: Agent | None = None
    conferrer_span: Span | None = None
    conferrer_inferred: bool = False
    conferrer_basis: str = "stated"  # stated, same-programme, article, organiser
    event: EventRec | None = None
    venue: str | None = None
    venue_span: Span | None = None
    date: DateMention | None = None
    presenter: Agent | None = None
    presenter_span: Span | None = None
    receivers: list[tuple[Agent, Span]] = field(default_factory=list)
    proxy: Agent | None = None
    proxy_span: Span | None = None
    evidence: list[Span] = field(default_factory=list)
    sentence: int = 0
    rule: str = ""
    confidence: float = 0.8
    anaphoric: bool = False  # "penghargaan tersebut": refers to an award named elsewhere
    named: bool = True
    itemised: bool = False  # one of the awards an aggregate ("empat penghargaan") lists

    def cite(self, span: Span | None) -> None:
        if span and span not in self.evidence:
            self.evidence.append(span)


@dataclass
class Extraction:
    doc: Document
    agents: list[Agent]
    events: list[EventRec]
    recognitions: list[Recognition]
    notes: list[str] = field(default_factory=list)
