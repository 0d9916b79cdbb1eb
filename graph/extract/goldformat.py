"""An extraction in the corpus's gold-annotation shape (``shared/corpus/README.md``), for scoring."""

from __future__ import annotations

from typing import Any

from .model import Agent, Extraction, Recognition


def _as_written(extraction: Extraction, agent: Agent | None, span: tuple[int, int] | None) -> str | None:
    if agent is None:
        return None
    if agent.kind in ("person",):
        return agent.name
    defining = [n for n in agent.names if "(" in n]
    if defining:  # "Pemerintah Provinsi (Pemprov) Jawa Timur": the name the article defines, with its short form
        return max(defining, key=len)
    if span is not None:
        return extraction.doc.text[span[0] : span[1]]
    return agent.name


def received_by(rec: Recognition) -> str | None:
    """Who physically received it: the proxy, else the named receiver, else a person recipient handed it."""
    if rec.proxy is not None:
        return rec.proxy.name
    people = [a for a, _s in rec.receivers if a.kind in ("person", "office-group")]
    if people:
        return people[0].name
    if rec.recipient is not None and rec.recipient.kind == "person" and rec.presenter is not None:
        return rec.recipient.name
    return None


def award_record(extraction: Extraction, rec: Recognition) -> dict[str, Any]:
    recipient = _as_written(extraction, rec.recipient, rec.recipient_span)
    if rec.work and recipient:
        recipient = f"{rec.work} ({recipient})"
    return {
        "name": rec.name or rec.programme,
        "recipient": recipient,
        "conferrer": _as_written(extraction, rec.conferrer, rec.conferrer_span),
        "predicate_or_rank": rec.grade or rec.placement or rec.category,
        "event": rec.event.name if rec.event else None,
        "venue": rec.venue,
        "date": rec.date.value.isoformat() if rec.date and rec.date.value else None,
        "handed_by": rec.presenter.name if rec.presenter else None,
        "received_by": received_by(rec),
    }


def to_gold(extraction: Extraction) -> dict[str, Any]:
    officials = [
        {"name": a.name, "role": a.role, "org": a.office_org}
        for a in extraction.agents if a.kind == "person" and a.titled
    ]
    organisations = [max(a.names, key=len) for a in extraction.agents if a.kind == "org" and a.standalone]
    awards = [award_record(extraction, r) for r in extraction.recognitions]
    events = [{"name": e.name, "venue": e.venue, "date": e.date.value.isoformat() if e.date and e.date.value else None}
              for e in extraction.events]
    venues = list(dict.fromkeys([*(a["venue"] for a in awards if a["venue"]), *(e["venue"] for e in events
                                                                                 if e["venue"])]))
    return {"officials": officials, "organizations": organisations, "awards": awards, "events": events,
            "venues": venues}
