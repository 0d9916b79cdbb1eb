"""Sentence rules: who received which award from whom, who handed it over, which event, where and when.

Each rule reads one ``SentenceView`` and records statements with the ``Builder``; the document-level
assembly (``extractor``) then expands groups and lists, merges repeated mentions and shares the ceremony's
context. A rule fills a slot only from words that say so; anything else stays empty.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from rapidfuzz import fuzz

from .dates import DateMention
from .mentions import Mention, is_date_word
from .model import Agent, EventRec, Recognition, Span
from .sentence import ADVERBS, ANAPHORA, LIST_OPENERS, SentenceView

if TYPE_CHECKING:
    from .extractor import Builder

ITEM_WORDS = {"lainnya", "berikutnya", "selanjutnya", "terakhir", "lain"}
ITEM_LEADS = {"selanjutnya", "berikutnya", "kemudian", "terakhir", "lalu"}
SUPERLATIVE = re.compile(r"\b(?:ter[a-z]{3,}|juara|peringkat|pemenang|kategori|predikat|terbaik)\b", re.IGNORECASE)
AGENT_KINDS = ("person", "org", "region", "group", "office-group")


@dataclass
class Handover:
    presenter: Agent | None
    presenter_span: Span | None
    receivers: list[tuple[Agent, Span]]
    proxy: Agent | None
    proxy_span: Span | None
    award_ref: str | None  # the award's name when the sentence names it; None for "penghargaan tersebut"
    evidence: Span
    sentence: int
    venue: tuple[str, Span] | None = None
    date: DateMention | None = None
    event: EventRec | None = None
    recs: list[Recognition] = field(default_factory=list)  # recognitions stated in the same sentence


# ---------------------------------------------------------------------------------------------- helpers


def sentence_span(view: SentenceView) -> Span:
    return view.sentence.start, view.sentence.end


def ceremony_venue(view: SentenceView, after: int = 0) -> tuple[str, Span] | None:
    """ "di Hotel Bidakara Jakarta" in a clause that places the ceremony (not where someone spoke)."""
    for i in range(after, len(view.tokens)):
        if view.low(i) == "di" and not view.speech_before(i):
            venue = view.venue_after(i)
            if venue is not None:
                return venue.text, (venue.start, venue.end)
    return None


def ceremony_date(view: SentenceView, after: int = 0) -> DateMention | None:
    for d in view.dates:
        t = view.token_of(d.start)
        if t >= after and not view.speech_before(t) and d.precision in ("day", "daymonth", "weekday"):
            return d
    return None


def is_ceremony(view: SentenceView) -> bool:
    return any(view.g.verbs["ceremony"].match(view.tokens, i) for i in range(len(view.tokens)))


def clean(text: str) -> str:
    return text.strip(" ,.;:")


def conferrer_after(view: SentenceView, start: int, stop: int) -> Mention | None:
    """ "dari Kementerian ..." / "oleh Kementerian ..." between ``start`` and ``stop``: the conferring body."""
    for i in range(start, min(stop, len(view.tokens))):
        if view.low(i) in ("dari", "oleh") and i not in view.quoted:
            if view.low(i + 1) in ("acara", "ajang", "upacara", "kegiatan"):
                continue
            agent = view.agent_at(i + 1, ("org", "person"))
            if agent is not None and (agent.kind == "org" or agent.role_vocab in ("presiden", "menteri")
                                      or (agent.kind == "person" and agent.role)):
                return agent
    return None


def clause_end(view: SentenceView, i: int) -> int:
    for k in range(i, len(view.tokens)):
        if view.tokens[k].text in (";",) or (view.tokens[k].text == "," and view.low(k + 1) in (
                "sementara", "sedangkan", "sehingga", "namun", "tetapi")):
            return k
    return len(view.tokens)


def grade_after(view: SentenceView, i: int, stop: int) -> tuple[str, Span] | None:
    """ "(dengan) predikat Wilayah Bebas dari Korupsi (WBK)" → the grade's name."""
    for k in range(i, min(stop, len(view.tokens))):
        if view.low(k) == "predikat" and k + 1 < len(view.tokens):
            if view.tokens[k + 1].cap or view.tokens[k + 1].acronym:
                end = view.phrase(k + 1, allow=frozenset({"dari"}))
                s, e, t = view.span(k + 1, end)
                return _strip_year(t), (s, e)
            cat = next((c for c in range(k + 1, min(stop, len(view.tokens))) if view.category_at(c)), None)
            if cat is not None:
                a, b = view.category_at(cat)
                s, e, t = view.span(a, b)
                return _strip_year(t), (s, e)
    return None


def _strip_year(text: str) -> str:
    return re.sub(r"\s+(?:[Tt]ahun\s+)?(?:19|20)\d{2}$", "", clean(text)).strip()


def placement_after(view: SentenceView, i: int, stop: int) -> tuple[str, int | None] | None:
    """ "sebagai provinsi terbaik kedua", "masuk top 30", "peringkat 2"."""
    for k in range(i, min(stop, len(view.tokens))):
        low = view.low(k)
        if low in ("top", "peringkat", "juara", "ranking") and k + 1 < len(view.tokens) and view.tokens[k + 1].number:
            return f"{view.tokens[k].text} {view.tokens[k + 1].text}", int(re.sub(r"\D.*", "", view.tokens[k + 1].text))
        if low == "sebagai" and k + 1 < len(view.tokens):
            end = k + 1
            while end < min(stop, len(view.tokens)) and view.tokens[end].text not in (",", ".", ";") and \
                    view.low(end) not in ("dalam", "atas", "dari", "kepada", "oleh", "yang", "di", "pada"):
                end += 1
            _s, _e, t = view.span(k + 1, end) if end > k + 1 else (0, 0, "")
            if (t and SUPERLATIVE.search(t)) or (t and view.tokens[k + 1].cap):
                return clean(t), None
    return None


def name_parts(name: str) -> tuple[str, str | None, int | None]:
    """(programme, category, year) of an award's name as written."""
    year_match = re.search(r"(?:[Tt]ahun\s+)?((?:19|20)\d{2})\b", name)
    year = int(year_match.group(1)) if year_match else None
    category = None
    cat = re.search(r"\b(?:Kategori|kategori|Klasifikasi)\s+(.+)$", name)
    programme = name
    if cat:
        category = re.sub(r"\s+(?:[Tt]ahun\s+)?(?:19|20)\d{2}$", "", cat.group(1)).strip()
        programme = name[: cat.start()].strip(" -–,")
    programme = re.split(r"\s+(?:bagi|untuk)\s+", programme)[0]
    programme = re.sub(r"\s+(?:[Tt]ahun\s+)?(?:19|20)\d{2}$", "", programme).strip(" -–,")
    programme = re.sub(r"^(?:penghargaan|anugerah penghargaan)\s+", "", programme, flags=re.IGNORECASE)
    return programme, category, year


def new_rec(builder: Builder, view: SentenceView, award: tuple[int, int, dict] | None, rule: str) -> Recognition:
    rec = Recognition(name=None, sentence=view.index, rule=rule)
    rec.cite(sentence_span(view))
    if award is not None:
        a, b, info = award
        if info.get("anaphoric"):
            rec.anaphoric = True
            rec.named = False
        else:
            s, e, t = view.span(a, b)
            rec.name, rec.name_span = clean(t), (s, e)
            rec.programme, rec.category, rec.year = name_parts(rec.name)
        if info.get("count", 1) > 1:
            rec.quantity = info["count"]
        if info.get("adjective"):
            rec.placement = f"penghargaan {info['adjective']}"
    else:
        rec.named = False
    return rec


def set_recipient(builder: Builder, rec: Recognition, mention: Mention | None) -> None:
    if mention is None:
        return
    if mention.kind == "group" and not mention.extra.get("reference"):
        rec.group = builder.agent(mention)
        rec.recipient = rec.group
    elif mention.kind == "region" and mention.extra.get("bare") and not mention.level:
        rec.recipient = builder.agent(mention)
    else:
        rec.recipient = builder.agent(mention)
    rec.recipient_span = (mention.start, mention.end)


def set_conferrer(builder: Builder, rec: Recognition, mention: Mention | None) -> None:
    if mention is not None:
        rec.conferrer = builder.agent(mention)
        rec.conferrer_span = (mention.start, mention.end)


def award_before(view: SentenceView, v: int) -> tuple[int, int, dict] | None:
    """The award named as the subject of a passive verb at ``v`` (nearest award words before it)."""
    start = 0
    for k in range(v - 1, -1, -1):
        if view.tokens[k].text in (";",) or view.low(k) in ("sementara", "sedangkan"):
            start = k + 1
            break
    k = start
    while k < v:
        found = view.award_phrase(k)
        if found is not None and found[1] <= v + 1:
            return found
        k += 1
    return None


def award_object(view: SentenceView, v_end: int) -> tuple[int, int, dict] | None:
    """The award that is the object of a verb ending at ``v_end`` ("meraih penghargaan X", "memborong empat
    penghargaan dalam ajang X", "memberikan apresiasi berupa penghargaan")."""
    k = view.skip(v_end, ADVERBS)
    if view.low(k) == "apresiasi" and view.low(k + 1) == "berupa":
        k += 2
    found = view.award_phrase(k)
    if found is None:
        return None
    a, b, info = found
    if info.get("bare") or info.get("count"):
        # "empat penghargaan dalam ajang Penghargaan Pelayanan Publik 2023": the programme after "ajang"
        for j in range(b, min(b + 3, len(view.tokens))):
            if view.low(j) in ("dalam", "pada") and view.low(j + 1) == "ajang" and j + 2 < len(view.tokens) \
                    and view.tokens[j + 2].cap:
                end = view.phrase(j + 2)
                info = {k2: v2 for k2, v2 in info.items() if k2 not in ("bare", "anaphoric")}
                return j + 2, end, info
    if not info.get("anaphoric") and b < len(view.tokens) and view.low(b) == "bagi" and b + 1 < len(view.tokens) \
            and view.tokens[b + 1].cap and view.agent_at(b + 1) is None:
        end = view.phrase(b + 1)
        return a, end, info
    return found


def find_kepada(view: SentenceView, start: int, stop: int | None = None) -> int | None:
    stop = len(view.tokens) if stop is None else stop
    for k in range(start, stop):
        if view.low(k) in ("kepada", "untuk", "bagi") and view.agent_at(k + 1) is not None:
            return k
        if view.low(k) in ("yang",) and k > start:
            return None
    return None


def proxy_after(builder: Builder, view: SentenceView, start: int) -> tuple[Agent, Span] | None:
    """ ", yang (dalam acara itu) diwakili (oleh) X" / "diwakilkan kepada X"."""
    for verb in view.verbs_of("proxy"):
        if verb.t0 < start or verb.text.lower() in ("mewakili", "atas nama"):
            continue
        k = view.skip(verb.t1, {"oleh", "kepada"})
        agent = view.agent_at(k, ("person", "office-group", "org"))
        if agent is None and view.low(k) in ("masing-masing", "para", "seluruh"):
            agent = view.agent_at(k, ("office-group",))
        if agent is not None:
            s = view.tokens[verb.t0 - 1].start if verb.t0 > 0 and view.low(verb.t0 - 1) == "yang" else \
                view.tokens[verb.t0].start
            return builder.agent(agent), (s, agent.end) if agent.kind == "office-group" else (agent.start, agent.end)
    return None


# ------------------------------------------------------------------------------------------------ rules


def read_events(builder: Builder, view: SentenceView) -> list[EventRec]:
    """Events the sentence names or refers back to, with their venue, date, opener and organiser."""
    found: list[EventRec] = []
    toks = view.tokens
    same_series = any(view.low(i) == "sama" and view.low(i - 1) == "yang" and view.low(i - 2) == "acara"
                      for i in range(2, len(toks)))
    i = 0
    while i < len(toks):
        low = view.low(i)
        start = None
        event_type = None
        if low in ("acara", "upacara", "gelaran", "perhelatan") and i + 1 < len(toks):
            nxt = toks[i + 1]
            if (nxt.cap or nxt.acronym) and not is_date_word(nxt) and view.agent_at(i + 1) is None:
                start = i + 1
            elif view.low(i + 1) in ANAPHORA or view.low(i + 1) == "yang" or (
                    low in ("acara", "upacara") and view.low(i - 1) in ("dalam", "saat", "pada")):
                ref = builder.refer_event(view, i)
                if ref is not None and ref not in found:
                    found.append(ref)
                i += 1
                continue
        elif toks[i].cap and (head := view.g.event_heads.match(toks, i)) and head[1] != "Event" and (
                i == 0 or view.low(i - 1) in ("pula", "digelar", "juga", "yaitu", "dan") or view.low(i - 1) in (
                "menggelar", "menyelenggarakan", "membuka", "meresmikan")):
            start = i
        elif toks[i].cap and low in ("ajang", "kegiatan") and view.low(i + 1) in ("yang", *ANAPHORA):
            ref = builder.refer_event(view, i)
            if ref is not None and ref not in found:
                found.append(ref)
            i += 1
            continue
        if start is None:
            i += 1
            continue
        end = event_phrase_end(view, start)
        if end <= start or (end - start < 2 and view.low(i) not in ("acara", "upacara", "gelaran", "perhelatan")):
            i += 1
            continue
        s, e, name = view.span(start, end)
        head = view.g.event_heads.match(toks, start)
        event_type = head[1] if head else ("AwardCeremony" if re.search(
            r"\b(?:Penghargaan|Anugerah|Award|Penganugerahan)\b", name) else "Event")
        event = builder.event(clean(name), event_type, (s, e))
        event.evidence.append(sentence_span(view))
        if same_series and builder.events and builder.events[0] is not event:
            prior = next((ev for ev in builder.events if ev is not event and ev.date), None)
            if prior is not None:
                event.venue = event.venue or prior.venue
                event.venue_span = event.venue_span or prior.venue_span
                event.date = event.date or prior.date
                event.evidence.extend(x for x in prior.evidence if x not in event.evidence)
        _place_event(builder, view, event, end)
        found.append(event)
        i = end
    return found


def read_openers(builder: Builder, view: SentenceView) -> None:
    """ "Wakil Gubernur X saat membuka pameran tersebut": who opened the event the article is about."""
    for verb in view.verbs_of("open_active"):
        person = view.subject_of(verb.t0)
        if person is None and verb.t0 > 0 and view.low(verb.t0 - 1) == "saat":
            person = view.agent_ending_at(verb.t0 - 1)
        if person is None or person.kind != "person":
            continue
        k = view.skip(verb.t1, ADVERBS)
        if (view.low(k + 1) not in ANAPHORA and not view.tokens[k:k + 1]) or not (
                view.low(k + 1) in ANAPHORA or (k < len(view.tokens) and view.tokens[k].cap)):
            continue
        named = [e for e in builder.events if e.name]
        if not named or named[-1].opener is not None:
            continue
        event = named[-1]
        event.opener = builder.agent(person)
        event.opener_span = (person.start, view.tokens[min(verb.t1 + 1, len(view.tokens) - 1)].end)


def event_phrase_end(view: SentenceView, start: int) -> int:
    """An event's name may list several parts ("Peresmian Bersama MPP, Peluncuran JIPPNas, dan Pemberian ...")."""
    end = view.phrase(start)
    toks = view.tokens
    while end < len(toks):
        k = end
        if toks[k].text == "," and k + 1 < len(toks):
            k += 1
            if view.low(k) == "dan":
                k += 1
        elif view.low(k) in ("dalam", "dan") and k + 1 < len(toks):
            k += 1
        else:
            break
        if k < len(toks) and (toks[k].cap or toks[k].acronym) and not is_date_word(toks[k]) and \
                view.agent_at(k) is None and not view.finder.title_at(toks, k):
            nxt = view.phrase(k)
            if nxt <= k:
                break
            end = nxt
            continue
        break
    return end


def _place_event(builder: Builder, view: SentenceView, event: EventRec, after: int) -> None:
    venue = ceremony_venue(view, after) if not view.speech_before(after) or view.low(after) == "di" else None
    if venue is None:
        for k in range(after, len(view.tokens)):
            if view.low(k) in ("berlangsung", "digelar", "diselenggarakan", "bertempat") and view.low(k + 1) == "di":
                v = view.venue_after(k + 1)
                if v is not None:
                    venue = v.text, (v.start, v.end)
                break
    if venue is not None and event.venue is None:
        event.venue, event.venue_span = venue
    date = ceremony_date(view, 0)
    if date is None:
        for d in view.dates:
            if view.token_of(d.start) >= after and d.precision != "month":
                date = d
                break
    if date is not None and event.date is None:
        event.date = date
    for verb in view.verbs_of("open_passive"):
        opener = view.agent_at(view.skip(verb.t1, ADVERBS), ("person",))
        if opener is not None:
            event.opener = builder.agent(opener)
            event.opener_span = (opener.start, opener.end)
    for verb in view.verbs_of("organise"):
        organiser = view.agent_at(verb.t1, ("org",))
        if organiser is not None and event.organizer is None:
            event.organizer = builder.agent(organiser)


def read_handovers(builder: Builder, view: SentenceView, events: list[EventRec]) -> list[Handover]:
    out: list[Handover] = []
    for verb in view.verbs_of("hand_active", "hand_passive"):
        if verb.kind == "hand_active":
            presenter = view.subject_of(verb.t0)
            award = award_object(view, verb.t1)
            after = award[1] if award else verb.t1
        else:
            award = award_before(view, verb.t0)
            k = view.skip(verb.t1, ADVERBS | {"oleh"})
            presenter = view.agent_at(k, ("person",))
            if presenter is None and view.low(k - 1) == "oleh" and (n := view.finder.read_person_name(
                    view.tokens, k)) >= 2:  # "diserahkan oleh Nurdin Halid": a name without an office
                s, e, t = view.span(k, k + n)
                presenter = Mention("person", s, e, t, k, k + n, name=t, name_span=(s, e))
            after = presenter.t1 if presenter else verb.t1
        if award is None and view.low(view.skip(verb.t1, ADVERBS)) not in ("piala", "piagam", "trofi", "plakat"):
            continue
        if presenter is not None and presenter.kind != "person":
            presenter = None
        kepada = find_kepada(view, after)
        receivers: list[tuple[Agent, Span]] = []
        if kepada is not None:
            items, _end = view.agent_list(kepada + 1)
            receivers = [(builder.agent(m), (m.start, m.end)) for m in items]
        proxy = proxy_after(builder, view, verb.t1)
        ref = None
        if award is not None and not award[2].get("anaphoric"):
            ref = clean(view.span(award[0], award[1])[2])
        handover = Handover(
            presenter=builder.agent(presenter) if presenter else None,
            presenter_span=(presenter.start, presenter.end) if presenter else None,
            receivers=receivers, proxy=proxy[0] if proxy else None, proxy_span=proxy[1] if proxy else None,
            award_ref=ref, evidence=sentence_span(view), sentence=view.index,
            venue=ceremony_venue(view), date=ceremony_date(view), event=events[0] if events else None)
        out.append(handover)
    return out


def read_itemisation(builder: Builder, view: SentenceView, events: list[EventRec]) -> bool:
    """ "Penghargaan pertama adalah Predikat Cettar, atas prestasi Dishub Jatim ...", "Adapun penghargaan kedua
    ialah ...", "Selanjutnya Predikat Memuaskan atas ...": one of the awards an earlier sentence counted."""
    aggregate = builder.aggregate
    if aggregate is None or view.sentence.kind not in ("body", "intro"):
        return False
    toks = view.tokens
    i = view.skip(0, {"adapun", "sementara", "itu", ","})
    start = None
    if view.low(i) in ("penghargaan", "anugerah", "predikat") and i + 1 < len(toks):
        word = view.low(i + 1)
        if word in builder.finder.g.ordinals or word in ITEM_WORDS or fuzz.ratio(word, "lainnya") >= 85:
            start = i + 2
    elif view.low(i) in ITEM_LEADS and view.low(view.skip(i + 1, {","})) in ("predikat", "penghargaan", "anugerah"):
        start = view.skip(i + 1, {","})
    if start is None:
        return False
    stop = len(toks)
    rec = Recognition(name=None, sentence=view.index, rule="itemised", itemised=True, confidence=0.8)
    rec.cite(sentence_span(view))
    for span in aggregate.evidence[:1]:
        rec.cite(span)
    # who: "yang diterima X", "atas prestasi X", else the aggregate's recipient
    recipient = None
    for k in range(start, stop):
        if view.low(k) == "diterima" and view.low(k - 1) == "yang":
            recipient = view.agent_at(k + 1, ("org", "person", "region"))
            break
        if view.low(k) == "atas":
            for j in range(k + 1, min(k + 7, stop)):
                agent = view.agent_at(j, ("org", "person", "region"))
                if agent is not None:
                    recipient = agent
                    break
            break
    if recipient is not None:
        set_recipient(builder, rec, recipient)
    else:
        rec.recipient, rec.recipient_span = aggregate.recipient, aggregate.recipient_span
        rec.group = aggregate.group
    # what
    grade = None
    k = start
    if view.low(k) in ("adalah", "ialah", "yaitu", "berupa", "untuk"):
        k += 1
    if view.low(k) == "predikat" or (view.low(start - 1) == "predikat" and k == start):
        g_start = k + 1 if view.low(k) == "predikat" else k
        g_end = view.phrase(g_start)
        if g_end > g_start:
            grade = clean(view.span(g_start, g_end)[2])
    elif view.low(start - 1) == "predikat":
        g_end = view.phrase(start)
        if g_end > start:
            grade = clean(view.span(start, g_end)[2])
    placement = placement_after(view, start, stop)
    if placement and placement[1] is not None:
        rec.placement, rec.rank = placement
    category = next((view.category_at(c) for c in range(start, stop) if view.category_at(c)), None)
    activity = None
    for j in range(start, stop):
        if view.low(j) == "dalam" and j + 1 < stop and (grade or view.low(j + 1) not in ("acara",)):
            a = j + 1
            end = a
            while end < stop and toks[end].text not in (".", ";") and not (
                    toks[end].text == "," and view.low(end + 1) in ("yang", "dengan")) and not (
                    view.low(end) in ("dengan", "tahun") and view.low(end + 1) in ("predikat",)):
                end += 1
            activity = clean(view.span(a, end)[2])
            break
    work = None
    for j in range(start, stop):
        if view.low(j) in ("untuk", "lewat", "melalui") and j + 1 < stop:
            a = j + 1 + (1 if view.low(j + 1) == "inovasi" else 0)
            if a < stop and toks[a].cap:
                end = a
                while end < stop and toks[end].text not in (",", ".") and toks[end].text not in (
                        "yang", "gagasan", "milik", "karya", "dari", "oleh"):
                    end += 1
                s, e, t = view.span(a, end)
                work, rec.work_span = clean(t), (s, e)
                break
    if placement and placement[1] is not None:
        p_tok = next(j for j in range(start, stop) if view.low(j) in ("top", "peringkat", "juara", "ranking"))
        a = p_tok + 2
        end = a
        while end < stop and toks[end].text not in (".", ";", ","):
            end += 1
        if end > a:
            s, e, t = view.span(a, end)
            rec.name, rec.name_span = clean(t), (s, e)
            activity = activity or rec.name
    if rec.name is None and view.low(view.skip(start, {"adalah", "ialah", "yaitu", "berupa"})) != "predikat":
        a = view.skip(start, {"adalah", "ialah", "yaitu", "berupa"})
        if a < stop and toks[a].cap and not grade:
            end = view.phrase(a)
            if end > a:
                s, e, t = view.span(a, end)
                rec.name, rec.name_span = clean(t), (s, e)
    if category is not None and rec.name is None:
        s, e, t = view.span(category[0], category[1])
        rec.name, rec.name_span = clean(t), (s, e)
    rec.grade = grade
    rec.activity = activity
    rec.work = work
    if rec.name is None and grade:
        rec.name = f"Predikat {grade}" + (f" {activity}" if activity else "")
    if rec.name:
        rec.programme, rec.category, rec.year = name_parts(activity or rec.name)
        if category is None:
            rec.category = None
    rec.conferrer, rec.conferrer_span = aggregate.conferrer, aggregate.conferrer_span
    rec.event = events[0] if events else aggregate.event
    rec.venue, rec.venue_span, rec.date = aggregate.venue, aggregate.venue_span, aggregate.date
    builder.add(rec, view)
    aggregate.itemised = True
    return True


def read_nobat(builder: Builder, view: SentenceView) -> bool:
    """ "X dinobatkan sebagai Y": a title for an award X already got, or an award of its own."""
    done = False
    for verb in view.verbs:
        if verb.text.lower() != "dinobatkan" or view.low(verb.t1) != "sebagai":
            continue
        subject = view.subject_of(verb.t0)
        a = verb.t1 + 1
        end = a
        while end < len(view.tokens) and view.tokens[end].text not in (",", ".", ";"):
            end += 1
        if end <= a:
            continue
        s, e, title = view.span(a, end)
        title = clean(title)
        region = None
        if subject is None:
            k = verb.t0 - 1
            while k >= 0 and view.tokens[k].cap:
                k -= 1
            found = view.g.provinces.match(view.tokens, k + 1)
            region = found[1] if found else None
        target = builder.recognition_of(subject, region)
        if target is not None:
            target.placement = target.placement or title
            target.cite(sentence_span(view))
            done = True
            continue
        if subject is None:
            continue
        rec = Recognition(name=title, name_span=(s, e), sentence=view.index, rule="dinobatkan")
        rec.cite(sentence_span(view))
        rec.programme, rec.category, rec.year = name_parts(title)
        set_recipient(builder, rec, subject)
        category = next((view.category_at(c) for c in range(a, end) if view.category_at(c)), None)
        if category is not None:
            rec.grade = _strip_year(view.span(*category)[2])
        builder.add(rec, view)
        done = True
    return done


def read_receive_passive(builder: Builder, view: SentenceView, events: list[EventRec]) -> None:
    """ "penghargaan ... diraih oleh X", "Kategori Kota Sedang diraih Kota Madiun, ...", "... jatuh kepada X"."""
    for verb in view.verbs_of("receive_passive"):
        k = view.skip(verb.t1, ADVERBS | {"oleh"})
        items, _end = view.agent_list(k)
        reference = items[0] if items and items[0].kind == "group" and items[0].extra.get("reference") else None
        if reference is not None:
            j = view.skip(reference.t1, LIST_OPENERS | {",", "sebagai"})
            items, _list_end = view.agent_list(j)
            builder.expand_group(reference, items, view)
            continue
        award = award_before(view, verb.t0)
        category = None
        for c in range(0, verb.t0):
            if view.category_at(c):
                category = view.category_at(c)
        if award is None and category is None:
            continue
        if award is not None and award[2].get("anaphoric") and category is None:
            if items:
                builder.context_recipient(items[0], view)
            continue
        base = builder.current_award if (award is None or award[2].get("anaphoric")) else None
        rec = new_rec(builder, view, None if base else award, "receive-passive")
        if base is not None:
            rec.name, rec.programme, rec.year = base.name, base.programme, base.year
            rec.name_span = base.name_span
            rec.named = True
            rec.cite(base.evidence[0])
            rec.derived_from = base  # type: ignore[attr-defined]
        if category is not None:
            _s, _e, t = view.span(*category)
            rec.category = clean(t)
            if base is not None or rec.name is None:
                rec.name = f"{rec.name or 'penghargaan'} Kategori {rec.category}"
        set_conferrer(builder, rec, conferrer_after(view, award[1] if award else 0, verb.t0))
        grade = grade_after(view, award[1] if award else 0, verb.t0)
        if grade and not rec.grade:
            rec.grade = grade[0]
        if not items:
            builder.add(rec, view, current=base is None)
            continue
        for item in items:
            one = builder.copy_rec(rec)
            set_recipient(builder, one, item)
            builder.add(one, view, current=base is None)


def read_confer_active(builder: Builder, view: SentenceView) -> None:
    """ "Kementerian X memberikan penghargaan Y kepada Z (sebagai ... dalam W)"."""
    for verb in view.verbs_of("confer_active"):
        conferrer = view.subject_of(verb.t0)
        k = view.skip(verb.t1, ADVERBS)
        recipient_first = view.agent_at(k) if verb.text.lower() == "menganugerahi" else None
        award = award_object(view, recipient_first.t1 if recipient_first else verb.t1)
        if award is None:
            continue
        after = award[1]
        recipients: list[Mention] = [recipient_first] if recipient_first else []
        kepada = find_kepada(view, after)
        if kepada is not None:
            recipients, after = view.agent_list(kepada + 1)
            # "kepada Gubernur Jawa Timur periode 2019-2024, Khofifah": the person, not a bare region
        if award[2].get("anaphoric") and not award[2].get("bare"):
            continue
        rec = new_rec(builder, view, award, "confer-active")
        stop = clause_end(view, after)
        placement = placement_after(view, after, stop)
        if placement:
            rec.placement = placement[0]
        for j in range(after, stop):
            if view.low(j) == "dalam" and j + 1 < stop and view.tokens[j + 1].cap and rec.name is None:
                end = view.phrase(j + 1)
                s, e, t = view.span(j + 1, end)
                rec.name, rec.name_span = clean(t), (s, e)
                rec.programme, rec.category, rec.year = name_parts(rec.name)
                rec.named = True
                rec.anaphoric = False
                break
        if conferrer is not None and (conferrer.kind == "org" or conferrer.role_vocab in ("presiden",)
                                      or (conferrer.kind == "person" and conferrer.role)):
            set_conferrer(builder, rec, conferrer)
        if not recipients:
            if rec.named:
                builder.add(rec, view)
            else:
                builder.context_conferrer(rec.conferrer, rec.conferrer_span, view)
            continue
        for item in recipients:
            one = builder.copy_rec(rec)
            set_recipient(builder, one, item)
            builder.add(one, view)


def read_receive_active(builder: Builder, view: SentenceView, events: list[EventRec]) -> None:
    """ "X meraih/menerima/memborong ... penghargaan Y (dari Z)", "X diganjar penghargaan Y oleh Z"."""
    for verb in view.verbs_of("receive_active"):
        if verb.text.lower() == "dinobatkan":
            continue
        subject = view.subject_of(verb.t0)
        if subject is None or subject.kind not in AGENT_KINDS:
            continue
        if subject.kind == "region" and subject.extra.get("bare"):
            continue
        award = award_object(view, verb.t1)
        if award is None:
            continue
        stop = clause_end(view, award[1])
        rec = new_rec(builder, view, award, "receive-active")
        grade = grade_after(view, award[1] if not award[2].get("bare") else verb.t1, stop)
        if grade:
            rec.grade = grade[0]
            if not rec.named:
                k = next(j for j in range(verb.t1, stop) if view.low(j) == "predikat")
                end = k + 1
                while end < stop and view.tokens[end].text not in (".", ";") and view.low(end) not in (
                        "dari", "oleh", "kepada"):
                    end += 1
                s, e, t = view.span(k + 1, end)
                rec.name, rec.name_span, rec.named, rec.anaphoric = clean(t), (s, e), True, False
                rec.programme, rec.category, rec.year = name_parts(rec.name)
        set_conferrer(builder, rec, conferrer_after(view, award[1], stop))
        placement = placement_after(view, award[1], stop)
        if placement and not rec.placement:
            rec.placement = placement[0]
        if rec.anaphoric and not rec.quantity and not award[2].get("bare"):
            builder.context_recipient(subject, view)
            if rec.conferrer:
                builder.context_conferrer(rec.conferrer, rec.conferrer_span, view)
            continue
        set_recipient(builder, rec, subject)
        # "meraih penghargaan X, yakni A, B dan C": the counted group listed in the same sentence
        j = award[1]
        if j < len(view.tokens) and view.tokens[j].text == ",":
            j += 1
        if subject.kind == "group" and view.low(j) in LIST_OPENERS:
            items, _ = view.agent_list(view.skip(j, LIST_OPENERS | {","}))
            if items:
                builder.add(rec, view)
                builder.expand_group(subject, items, view)
                continue
        builder.add(rec, view)


def read_award_source(builder: Builder, view: SentenceView) -> None:
    """ "Kali ini, penghargaan datang dari Kementerian X": who gave the awards the article is about."""
    for i in range(len(view.tokens) - 2):
        if view.low(i) == "penghargaan" and view.low(i + 1) in ("datang", "berasal") and view.low(i + 2) == "dari":
            agent = view.agent_at(i + 3, ("org", "person"))
            if agent is not None:
                builder.context_conferrer(builder.agent(agent), (agent.start, agent.end), view)


def read_list(builder: Builder, view: SentenceView) -> bool:
    """Numbered lists under "Kategori X:" headings after an award's "sebagai berikut:"."""
    kind = view.sentence.kind
    if kind == "heading":
        category = view.category_at(0)
        if category is not None and builder.list_template is not None:
            builder.list_category = clean(view.span(*category)[2])
            builder.list_heading = (view.sentence.start, view.sentence.end)
            return True
        return False
    if kind != "list-item" or builder.list_template is None:
        return False
    m = re.match(r"\s*(\d{1,3})[.)]\s*", view.sentence.text)
    if not m:
        return False
    number = int(m.group(1))
    first = view.token_of(view.sentence.start + m.end())
    agent = view.agent_at(first)
    if agent is None:
        end = view.phrase(first)
        if end <= first:
            return False
        s, e, t = view.span(first, end)
        agent = Mention("org", s, e, clean(t), first, end, name=clean(t), org_kind="PublicOrganisation")
    template = builder.list_template
    rec = builder.copy_rec(template)
    rec.evidence = [template.evidence[0]]
    if builder.list_heading:
        rec.cite(builder.list_heading)
    rec.cite(sentence_span(view))
    if builder.list_category:
        rec.category = builder.list_category
        rec.name = f"{template.name} - Kategori {builder.list_category}"
    rec.rank = number
    rec.placement = f"peringkat {number}"
    rec.rule = "list"
    set_recipient(builder, rec, agent)
    builder.add(rec, view, current=False)
    return True


def read_group_members(builder: Builder, view: SentenceView) -> bool:
    """ "Keduanya ialah RSUD X serta UPT Y.": the members of a group counted before."""
    i = view.skip(0, {"adapun", ","})
    ref = view.agent_at(i, ("group",))
    if ref is None or not ref.extra.get("reference"):
        return False
    j = view.skip(ref.t1, LIST_OPENERS | {",", "berikut"})
    if j == ref.t1:
        return False
    items, _end = view.agent_list(j)
    if not items:
        return False
    builder.expand_group(ref, items, view)
    return True


def read_list_continuation(builder: Builder, view: SentenceView) -> bool:
    """ "Menyusul kemudian Kabupaten X; Kota Y; serta Provinsi Z.": more items of a list not yet complete."""
    pending = builder.open_list
    if pending is None or pending[0].count is None or len(pending[1]) >= pending[0].count:
        return False
    i = view.skip(0, {"menyusul", "kemudian", "disusul", "selanjutnya", "berikutnya", "lalu", "juga", ","})
    items, end = view.agent_list(i)
    if len(items) < 2 or end < len(view.tokens) - 2:
        return False
    builder.expand_group(pending[0], items, view, extend=True)
    return True
