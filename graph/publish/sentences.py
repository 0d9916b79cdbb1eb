"""Facts told as sentences, in Indonesian and in English, for people reading an entity's page.

"Menteri PAN-RB Abdullah Azwar Anas menyerahkan 4 penghargaan pada Penghargaan Pelayanan Publik 2023 dari
Kementerian PAN-RB kepada Gubernur Jawa Timur Khofifah Indar Parawansa untuk Pemerintah Provinsi Jawa Timur,
diwakili oleh Masing-masing Kepala OPD, dalam acara Penghargaan Pelayanan Publik Tahun 2023, Hotel Bidakara,
21 November 2023."

A sentence is a list of parts: plain text, or a ``Ref`` to a resource (the page renders it as a link). Only what
the fact states is told; a slot the source leaves open is left out, never guessed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from rdflib.term import Node

from ..namespaces import AGR
from .facts import Fact, Participation
from .names import Names

__all__ = ["Ref", "Sentence", "format_date", "sentence"]

MONTHS = {
    "id": ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober",
           "November", "Desember"),
    "en": ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"),
}


@dataclass(frozen=True)
class Ref:
    iri: str
    text: str


Part = str | Ref
Sentence = list[Part]


def format_date(value: str | None, lang: str) -> str | None:
    """``2023-11-21`` → "21 November 2023"; a year-month or a year stays as precise as it is."""
    if not value:
        return None
    text = str(value)
    try:
        if len(text) >= 10:
            day = dt.date.fromisoformat(text[:10])
            return f"{day.day} {MONTHS[lang][day.month - 1]} {day.year}"
        if len(text) == 7 and text[4] == "-":
            return f"{MONTHS[lang][int(text[5:7]) - 1]} {text[:4]}"
    except (ValueError, IndexError):
        return text
    return text


class _Teller:
    def __init__(self, names: Names, lang: str) -> None:
        self.names = names
        self.lang = lang

    def ref(self, iri: str | None, short: bool = True) -> Ref | None:
        if iri is None:
            return None
        text = self.names.short(iri, self.lang) if short else self.names.label(iri, self.lang)
        return Ref(iri, text)

    def agent(self, part: Participation) -> Sentence:
        """"{capacity} {agent}": "Menteri PAN-RB Abdullah Azwar Anas"."""
        out: Sentence = []
        capacity = self.ref(part.one(AGR.inCapacityOf))
        if capacity is not None:
            out += [capacity, " "]
        agent = self.ref(part.one(AGR.agent))
        if agent is not None:
            out.append(agent)
        return out

    def refs(self, iris: list[str]) -> Sentence:
        out: Sentence = []
        items = [r for r in (self.ref(i) for i in iris) if r is not None]
        for index, item in enumerate(items):
            if index:
                out.append(" dan " if self.lang == "id" and index == len(items) - 1 else
                           " and " if index == len(items) - 1 else ", ")
            out.append(item)
        return out

    def role_label(self, part: Participation) -> str:
        role = part.one(AGR.participationRole)
        return self.names.label(role, self.lang) if role else ("peran" if self.lang == "id" else "role")


def _parts_by_role(fact: Fact) -> dict[str, list[Participation]]:
    out: dict[str, list[Participation]] = {}
    for part in sorted(fact.participations, key=lambda p: p.iri):
        out.setdefault(part.role or "", []).append(part)
    return out


def _where_when(t: _Teller, fact: Fact, events: Mapping[str, Mapping[str, list[Node]]]) -> Sentence:
    """", dalam acara {event}, {venue}, {date}"."""
    id_ = t.lang == "id"
    out: Sentence = []
    event = fact.one(AGR.atEvent)
    place: str | None = None
    date = fact.one(AGR.date)
    if event is not None:
        out += [", dalam acara " if id_ else ", at ", t.ref(event, short=False)]  # type: ignore[list-item]
        details = events.get(event, {})
        places = sorted(str(v) for v in [*details.get(str(AGR.venue), []), *details.get(str(AGR.locatedIn), [])])
        place = places[0] if places else None
        starts = sorted(str(v) for v in details.get(str(AGR.startDate), []))
        date = date or (starts[0] if starts else None)
    if place is not None:
        out += [", ", t.ref(place)]  # type: ignore[list-item]
    when = format_date(date, t.lang)
    if when:
        out += [", ", when]
    return out


def _award_phrase(t: _Teller, fact: Fact) -> Sentence:
    """What was given: "4 penghargaan pada {award}", "predikat {grade} pada {award}", "{award}"."""
    id_ = t.lang == "id"
    award = t.ref(fact.one(AGR.awardEdition) or fact.one(AGR.award), short=False)
    grade = t.ref(fact.one(AGR.grade), short=False)
    quantity = fact.number(AGR.quantity)
    out: Sentence = []
    if grade is not None:
        out += ["predikat " if id_ else "the grade ", grade]
        if award is not None:
            out += [" pada " if id_ else " in ", award]
    elif isinstance(quantity, int) and quantity > 1:
        out.append(f"{quantity} penghargaan" if id_ else f"{quantity} awards")
        if award is not None:
            out += [" pada " if id_ else " at ", award]
    elif award is not None:
        out.append(award)
    else:
        out.append("sebuah penghargaan" if id_ else "an award")
    placement = fact.one(AGR.placement)
    if placement:
        out.append(f" (peringkat {placement})" if id_ else f" (placement: “{placement}”)")
    work = t.ref(fact.one(AGR.forWork), short=False)
    if work is not None:
        out += [" untuk " if id_ else " for ", work]
    instrument = t.ref(fact.one(AGR.evaluationInstrument), short=False)
    if instrument is not None:
        out += [" melalui " if id_ else " through ", instrument]
    conferrers = t.refs(fact.all(AGR.conferredBy))
    if conferrers:
        out += [" dari " if id_ else " from ", *conferrers]
    return out


def _recognition(t: _Teller, fact: Fact, events: Mapping[str, Mapping[str, list[Node]]]) -> Sentence:
    id_ = t.lang == "id"
    roles = _parts_by_role(fact)
    recipients = t.refs(fact.all(AGR.recipient))
    what = _award_phrase(t, fact)
    graded = fact.one(AGR.grade) is not None
    out: Sentence = []
    presenters = roles.get("presenter", [])
    nominal = roles.get("nominal-receiver", [])
    if presenters:
        for index, part in enumerate(presenters):
            if index:
                out.append(" dan " if id_ else " and ")
            out += t.agent(part)
        out += [" menyerahkan " if id_ else " presented ", *what, " kepada " if id_ else " to "]
        if nominal:
            for index, part in enumerate(nominal):
                if index:
                    out.append(" dan " if id_ else " and ")
                out += t.agent(part)
            out += [" untuk " if id_ else " for ", *recipients]
        else:
            out += recipients
    else:
        verb = (" memperoleh " if graded else " menerima ") if id_ else (" obtained " if graded else " received ")
        out += [*recipients, verb, *what]
        if nominal:
            out.append(", diserahkan kepada " if id_ else ", handed to ")
            for index, part in enumerate(nominal):
                if index:
                    out.append(" dan " if id_ else " and ")
                out += t.agent(part)
    for part in roles.get("proxy-accepter", []):
        out += [", diwakili oleh " if id_ else ", represented by ", *t.agent(part)]
    out += _other_roles(t, roles, ("presenter", "nominal-receiver", "proxy-accepter"))
    out += _where_when(t, fact, events)
    out.append(".")
    return out


def _other_roles(t: _Teller, roles: Mapping[str, list[Participation]], told: tuple[str, ...]) -> Sentence:
    out: Sentence = []
    verbs = {"opener": ("dibuka oleh ", "opened by "), "presenter": ("diserahkan oleh ", "presented by ")}
    for role, parts in sorted(roles.items()):
        if role in told:
            continue
        for part in parts:
            verb = verbs.get(role)
            text = (verb[0] if t.lang == "id" else verb[1]) if verb else f"{t.role_label(part).lower()}: "
            out += [", ", text, *t.agent(part)]
            principal = t.ref(part.one(AGR.onBehalfOf))
            if principal is not None:
                out += [" atas nama " if t.lang == "id" else " on behalf of ", principal]
    return out


def _tenure(t: _Teller, fact: Fact) -> Sentence:
    id_ = t.lang == "id"
    holder, office = t.ref(fact.one(AGR.holder)), t.ref(fact.one(AGR.post), short=False)
    kind = t.ref(fact.one(AGR.tenureType), short=False)
    out: Sentence = [holder] if holder else []  # type: ignore[list-item]
    start, end = format_date(fact.one(AGR.startDate), t.lang), format_date(fact.one(AGR.endDate), t.lang)
    attested = [d for d in (format_date(a, t.lang) for a in fact.all(AGR.attestedOn)) if d]
    if start or end:
        out += [" menjabat sebagai " if id_ else " held the office of ", office]  # type: ignore[list-item]
        if kind is not None:
            out += [" (", kind, ")"]
        if start:
            out.append(f" sejak {start}" if id_ else f" from {start}")
        if end:
            out.append(f" hingga {end}" if id_ else f" to {end}")
    else:
        out += [" tercatat sebagai " if id_ else " is attested as ", office]  # type: ignore[list-item]
        if kind is not None:
            out += [" (", kind, ")"]
        if attested:
            out.append((" pada " if id_ else " on ") + ", ".join(attested))
    out.append(".")
    return out


def _event(t: _Teller, fact: Fact) -> Sentence:
    id_ = t.lang == "id"
    out: Sentence = [Ref(fact.iri, t.names.label(fact.iri, t.lang))]
    places = [*fact.all(AGR.venue), *fact.all(AGR.locatedIn)]
    for place in places[:2]:
        out += [", ", t.ref(place)]  # type: ignore[list-item]
    start, end = format_date(fact.one(AGR.startDate), t.lang), format_date(fact.one(AGR.endDate), t.lang)
    if start and end and end != start:
        out.append(f", {start} – {end}")
    elif start:
        out.append(f", {start}")
    organizers = t.refs(fact.all(AGR.organizer))
    if organizers:
        out += [", diselenggarakan oleh " if id_ else ", organised by ", *organizers]
    out += _other_roles(t, _parts_by_role(fact), ())
    out.append(".")
    return out


def sentence(fact: Fact, names: Names, lang: str, events: Mapping[str, Mapping[str, list[Node]]]) -> Sentence:
    """The fact told in ``lang`` (``id`` or ``en``); an unusual fact is told by its label or its types."""
    teller = _Teller(names, lang)
    if fact.kind == "recognition":
        return _recognition(teller, fact, events)
    if fact.kind == "tenure":
        return _tenure(teller, fact)
    if fact.kind == "event":
        return _event(teller, fact)
    label = names.get(fact.iri).label(lang)
    kinds = ", ".join(names.label(t, lang) for t in fact.types)
    return [Ref(fact.iri, label or kinds or fact.iri), "."]
