"""An entity's page, for people: its names and type, its facts as sentences in Indonesian with English beside,
each with the quote of the source that states it and a link to the article, its tenures, what else points at it,
a link into the graph view, and schema.org JSON-LD for search engines.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, SKOS
from rdflib.term import Node

from ..namespaces import AGR, OA, SCHEMA
from .facts import Evidence, Fact
from .html import LICENSE_IRI, esc, json_script, page
from .names import Names
from .sentences import Ref, Sentence, format_date, sentence
from .site import FORMATS, Site

__all__ = ["EntityView", "render_entity_page"]

MAX_INCOMING_SHOWN = 200
_HIDDEN = {str(RDF.type), str(SKOS.prefLabel), str(SKOS.altLabel)}
_FACT_SECTIONS = (
    ("received", "Penghargaan dan predikat yang diterima", "Awards and grades received"),
    ("conferred", "Penghargaan dan predikat yang diberikan", "Awards and grades conferred"),
    ("recognition", "Penghargaan terkait", "Related awards and grades"),
    ("tenure", "Jabatan", "Offices"),
    ("event", "Acara", "Events"),
    ("other", "Fakta lain", "Other facts"),
)
_SCHEMA_TYPES: tuple[tuple[str, str], ...] = (
    (str(AGR.Person), "Person"),
    (str(AGR.Publisher), "NewsMediaOrganization"),
    (str(AGR.Ministry), "GovernmentOrganization"),
    (str(AGR.RegionalGovernment), "GovernmentOrganization"),
    (str(AGR.RegionalAgency), "GovernmentOrganization"),
    (str(AGR.PublicOrganisation), "GovernmentOrganization"),
    (str(AGR.AwardCeremony), "Event"),
    (str(AGR.Exhibition), "ExhibitionEvent"),
    (str(AGR.Event), "Event"),
    (str(AGR.Region), "AdministrativeArea"),
    (str(AGR.Place), "Place"),
    (str(AGR.NewsArticle), "NewsArticle"),
)


@dataclass
class EntityView:
    """Everything the page shows, read from the engine by ``documents.DocumentService``."""

    site: Site
    path: str
    iri: str
    names: Names
    description: Graph
    facts: list[Fact] = field(default_factory=list)
    events: dict[str, dict[str, list[Node]]] = field(default_factory=dict)

    @property
    def types(self) -> list[str]:
        return sorted(str(t) for t in self.description.objects(URIRef(self.iri), RDF.type))


def _href(site: Site, iri: str) -> str | None:
    path = site.doc_path(iri)
    if path is None:
        return None
    fragment = iri.split("#", 1)[1] if "#" in iri else ""
    return site.doc_href(path) + (f"#{fragment}" if fragment else "")


def _sentence_html(view: EntityView, parts: Sentence) -> str:
    out = []
    for part in parts:
        if isinstance(part, Ref):
            if part.iri == view.iri:
                out.append(f"<strong>{esc(part.text)}</strong>")
                continue
            href = _href(view.site, part.iri)
            out.append(f'<a href="{esc(href)}">{esc(part.text)}</a>' if href else esc(part.text))
        else:
            out.append(esc(part))
    text = "".join(out)
    return text[:1].upper() + text[1:] if text[:1].islower() else text


def _maximal(evidence: Iterable[Evidence]) -> list[Evidence]:
    """Drop a quote that lies inside another quote of the same source (a participant's name within the sentence)."""
    items = list(dict.fromkeys(evidence))
    keep = []
    for item in items:
        inside = any(
            other is not item and other.source == item.source and other.start <= item.start and other.end >= item.end
            and (other.start, other.end) != (item.start, item.end)
            for other in items
        )
        if not inside:
            keep.append(item)
    return keep


def _evidence_html(view: EntityView, evidence: Evidence) -> str:
    names, site = view.names, view.site
    title = evidence.title or evidence.url or names.label(evidence.source)
    article = f'<a href="{esc(evidence.url)}">{esc(title)}</a>' if evidence.url else esc(title)
    bits = [article]
    if evidence.publisher:
        bits.append(esc(names.label(evidence.publisher)))
    published = format_date(evidence.published, "id")
    if published:
        bits.append(esc(published))
    source_href = _href(site, evidence.source)
    evidence_href = _href(site, evidence.iri)
    links = []
    if source_href:
        links.append(f'<a href="{esc(source_href)}">sumber <span lang="en">/ source</span></a>')
    if evidence_href:
        links.append(f'<a href="{esc(evidence_href)}">bukti <span lang="en">/ evidence</span></a>')
    cite = f' cite="{esc(evidence.url)}"' if evidence.url else ""
    return (
        f'<li class="evidence"><blockquote{cite} lang="id">{esc(evidence.quote)}</blockquote>\n'
        f'<p class="source">Sumber <span lang="en">/ Source</span>: {", ".join(bits)}'
        f' <span class="offsets">(karakter {evidence.start}–{evidence.end})</span> · {" · ".join(links)}</p></li>'
    )


def _fact_html(view: EntityView, fact: Fact) -> str:
    id_text = _sentence_html(view, sentence(fact, view.names, "id", view.events))
    en_text = _sentence_html(view, sentence(fact, view.names, "en", view.events))
    evidence = _maximal([*fact.evidence, *(e for p in fact.participations for e in p.evidence)])
    quotes = "\n".join(_evidence_html(view, e) for e in evidence)
    if not quotes:
        quotes = '<li class="evidence none">Tidak ada kutipan <span lang="en">/ no quote</span></li>'
    href = _href(view.site, fact.iri)
    local = view.site.doc_path(fact.iri) or fact.iri
    return (
        f'<article class="fact" id="{esc(local.replace("/", "-"))}">\n'
        f'<p class="sentence" lang="id">{id_text}</p>\n<p class="sentence" lang="en">{en_text}</p>\n'
        f'<ul class="quotes">\n{quotes}\n</ul>\n'
        f'<p class="fact-link"><a href="{esc(href)}">{esc(local)}</a></p>\n</article>'
    )


def _value_html(view: EntityView, value: Node) -> str:
    if isinstance(value, Literal):
        text = esc(str(value))
        lang = f' lang="{esc(value.language)}"' if value.language else ""
        return f"<span{lang}>{text}</span>"
    if isinstance(value, BNode):
        return "<span>[…]</span>"
    iri = str(value)
    href = _href(view.site, iri)
    label = view.names.label(iri) if iri in view.names else None
    if href:
        return f'<a href="{esc(href)}">{esc(label or view.site.doc_path(iri) or iri)}</a>'
    return f'<a href="{esc(iri)}">{esc(label or iri)}</a>'


def _property_html(view: EntityView, prop: str) -> str:
    label_id, label_en = view.names.own(prop, "id"), view.names.own(prop, "en")
    if label_id and label_en and label_id != label_en:
        return f'{esc(label_id)} <span lang="en">/ {esc(label_en)}</span>'
    return esc(label_id or label_en or view.names.label(prop))


def _statements_html(view: EntityView) -> str:
    subject = URIRef(view.iri)
    by_property: dict[str, list[Node]] = {}
    for prop, value in view.description.predicate_objects(subject):
        if str(prop) not in _HIDDEN:
            by_property.setdefault(str(prop), []).append(value)
    if not by_property:
        return ""
    rows = []
    for prop in sorted(by_property, key=lambda p: (view.names.label(p), p)):
        values = sorted(by_property[prop], key=lambda v: (str(v), v.n3()))
        cells = "<br>".join(_value_html(view, v) for v in values)
        rows.append(f"<tr><th scope=\"row\">{_property_html(view, prop)}</th><td>{cells}</td></tr>")
    return (
        '<section class="statements"><h2>Keterangan <span lang="en">/ Details</span></h2>\n'
        f'<table>\n{chr(10).join(rows)}\n</table></section>'
    )


def _incoming_html(view: EntityView) -> str:
    shown = {f.iri for f in view.facts} | {p.iri for f in view.facts for p in f.participations}
    obj = URIRef(view.iri)
    items = sorted(
        ((str(s), str(p)) for s, p in view.description.subject_predicates(obj) if str(s) not in shown),
        key=lambda sp: (view.names.label(sp[1]), view.names.label(sp[0]), sp),
    )
    if not items:
        return ""
    lines = []
    for subject, prop in items[:MAX_INCOMING_SHOWN]:
        lines.append(f"<li>{_value_html(view, URIRef(subject))} — {_property_html(view, prop)}</li>")
    more = ""
    if len(items) > MAX_INCOMING_SHOWN:
        more = (f"<p>… {len(items) - MAX_INCOMING_SHOWN} lagi <span lang=\"en\">more</span>: "
                f'<a href="{esc(view.site.doc_href(view.path, "ttl"))}">Turtle</a></p>')
    return (
        '<section class="incoming"><h2>Disebut oleh <span lang="en">/ Referred to by</span></h2>\n'
        f'<ul>\n{chr(10).join(lines)}\n</ul>{more}</section>'
    )


def _quote_block(view: EntityView) -> str:
    """For an evidence node: the quote itself, large."""
    subject = URIRef(view.iri)
    exact = None
    for selector in view.description.objects(subject, OA.hasSelector):
        for value in view.description.objects(selector, OA.exact):
            exact = str(value)
    if exact is None:
        return ""
    return f'<blockquote class="exact" lang="id">{esc(exact)}</blockquote>'


def _schema_org(view: EntityView, sentences_id: list[str]) -> dict[str, Any]:
    types = view.types
    schema_type = next((name for cls, name in _SCHEMA_TYPES if cls in types), "Thing")
    names = view.names
    thing: dict[str, Any] = {
        "@type": schema_type,
        "@id": view.iri,
        "name": names.label(view.iri, "id"),
        "url": view.site.doc_url(view.path),
    }
    alternates = [*names.alt(view.iri, "id"), *names.alt(view.iri, "en")]
    english = names.own(view.iri, "en")
    if english and english != thing["name"]:
        alternates.insert(0, english)
    if alternates:
        thing["alternateName"] = sorted(set(alternates))
    description = view.description
    subject = URIRef(view.iri)
    qids = sorted(str(v) for v in description.objects(subject, AGR.wikidata))
    homepages = sorted(str(v) for v in description.objects(subject, URIRef(str(SCHEMA) + "url")))
    same_as = [f"http://www.wikidata.org/entity/{q}" for q in qids if q.startswith("Q")]
    if same_as:
        thing["sameAs"] = same_as
    if schema_type == "NewsArticle" and homepages:
        thing["url"] = homepages[0]
    if schema_type in ("Person", "GovernmentOrganization") and sentences_id:
        thing["award"] = sentences_id
    if schema_type in ("Event", "ExhibitionEvent"):
        start = next(iter(sorted(str(v) for v in description.objects(subject, AGR.startDate))), None)
        if start:
            thing["startDate"] = start
        places = sorted(str(v) for p in (AGR.venue, AGR.locatedIn) for v in description.objects(subject, p))
        if places:
            thing["location"] = {"@type": "Place", "@id": places[0], "name": names.label(places[0])}
    webpage = {
        "@type": "WebPage",
        "@id": view.site.doc_url(view.path),
        "name": names.label(view.iri, "id"),
        "inLanguage": ["id", "en"],
        "license": LICENSE_IRI,
        "about": {"@id": view.iri},
        "isPartOf": {"@type": "Dataset", "@id": view.site.dataset_iri, "name": "Anugerah",
                     "url": view.site.data_url, "license": LICENSE_IRI},
    }
    return {"@context": "https://schema.org/", "@graph": [thing, webpage]}


def _section(fact: Fact, iri: str) -> str:
    """Where a fact goes on the page of ``iri``: recognitions it received or conferred apart from the rest."""
    if fact.kind != "recognition":
        return fact.kind
    if iri in fact.all(AGR.recipient):
        return "received"
    if iri in fact.all(AGR.conferredBy):
        return "conferred"
    return "recognition"


def _plain(parts: Sentence) -> str:
    return "".join(p.text if isinstance(p, Ref) else p for p in parts)


def render_entity_page(view: EntityView) -> str:
    names, site = view.names, view.site
    label_id = names.label(view.iri, "id")
    label_en = names.own(view.iri, "en")
    types = view.types
    type_text = ", ".join(esc(names.label(t, "id")) for t in types) or "—"
    type_en = ", ".join(esc(names.label(t, "en")) for t in types)
    alt = names.alt(view.iri, "id") + names.alt(view.iri, "en")

    formats = " · ".join(
        f'<a href="{esc(site.doc_href(view.path, f.ext))}" type="{f.media_type}">{f.title}</a>'
        for f in FORMATS.values() if f.ext != "html"
    )
    head_links = "\n".join(
        f'<link rel="alternate" type="{f.media_type}" href="{esc(site.doc_href(view.path, f.ext))}">'
        for f in FORMATS.values() if f.ext != "html"
    )
    canonical = f'<link rel="canonical" href="{esc(site.doc_url(view.path))}">'

    sections = []
    plain_sentences: list[str] = []
    for kind, title_id, title_en in _FACT_SECTIONS:
        facts = [f for f in view.facts if _section(f, view.iri) == kind]
        if not facts:
            continue
        if kind == "received":
            plain_sentences = [_plain(sentence(f, names, "id", view.events)) for f in facts]
        cards = "\n".join(_fact_html(view, f) for f in facts)
        sections.append(
            f'<section class="facts {kind}"><h2>{esc(title_id)} <span lang="en">/ {esc(title_en)}</span>'
            f' <span class="count">({len(facts)})</span></h2>\n{cards}\n</section>'
        )

    heading_en = f'<p class="name-en" lang="en">{esc(label_en)}</p>' if label_en and label_en != label_id else ""
    alt_line = (f'<p class="aliases">Juga disebut <span lang="en">/ also known as</span>: {esc(", ".join(alt))}</p>'
                if alt else "")
    graph_link = ""
    if not site.is_ontology(view.path) and view.path.split("/", 1)[0] not in ("def", "graph"):
        graph_link = (f' · <a class="graph-link" href="{esc(site.graph_view_href(view.path))}">Lihat di graf '
                      '<span lang="en">/ show in the graph</span></a>')
    body = f"""<article class="entity">
<div class="entity-head">
<p class="kind">{type_text} <span lang="en">/ {type_en}</span></p>
<h1>{esc(label_id)}</h1>
{heading_en}
{alt_line}
<p class="iri">IRI: <code>{esc(view.iri)}</code></p>
<p class="formats">Data: {formats}{graph_link}</p>
</div>
{_quote_block(view)}
{chr(10).join(sections)}
{_statements_html(view)}
{_incoming_html(view)}
<p class="cite">Kutip <span lang="en">/ Cite</span>: Anugerah, “{esc(label_id)}”, <code>{esc(view.iri)}</code>,
CC BY 4.0.</p>
</article>"""
    head = "\n".join([
        canonical,
        head_links,
        f'<script type="application/ld+json">\n{json_script(_schema_org(view, plain_sentences))}\n</script>',
    ])
    return page(f"{label_id} — Anugerah", body, head=head)
