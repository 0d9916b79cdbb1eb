"""The page of a named graph: what it is derived from, how many triples it holds, and the resources it describes."""

from __future__ import annotations

from rdflib import Graph, URIRef
from rdflib.namespace import RDF

from .html import esc, page
from .names import Names
from .site import FORMATS, Site

__all__ = ["render_graph_page"]

MAX_LISTED = 1000


def render_graph_page(
    site: Site, path: str, iri: str, graph: Graph, names: Names, derived: list[str], triples: int
) -> str:
    formats = " · ".join(
        f'<a href="{esc(site.doc_href(path, f.ext))}" type="{f.media_type}">{f.title}</a>'
        for f in FORMATS.values() if f.ext != "html"
    )
    head = "\n".join(
        f'<link rel="alternate" type="{f.media_type}" href="{esc(site.doc_href(path, f.ext))}">'
        for f in FORMATS.values() if f.ext != "html"
    )
    sources = ""
    for source in derived:
        source_path = site.doc_path(source)
        link = f'<a href="{esc(site.doc_href(source_path))}">{esc(names.label(source))}</a>' if source_path else esc(
            source
        )
        sources += f"<p>Diturunkan dari <span lang=\"en\">/ derived from</span>: {link}</p>\n"
    subjects = sorted({s for s in graph.subjects() if isinstance(s, URIRef) and s != URIRef(iri)}, key=str)
    items = []
    for subject in subjects[:MAX_LISTED]:
        subject_path = site.doc_path(str(subject))
        if subject_path is None:
            continue
        kinds = sorted(names.label(str(t)) for t in graph.objects(subject, RDF.type))
        kind = f' <span class="kind">({esc(", ".join(kinds))})</span>' if kinds else ""
        label = names.label(str(subject)) if str(subject) in names else subject_path
        items.append(f'<li><a href="{esc(site.doc_href(subject_path))}">{esc(label)}</a>{kind}</li>')
    more = f"<p>… {len(subjects) - MAX_LISTED} more</p>" if len(subjects) > MAX_LISTED else ""
    body = f"""<article class="entity">
<div class="entity-head">
<p class="kind">Graf bernama <span lang="en">/ Named graph</span></p>
<h1>{esc(path[len("graph/"):])}</h1>
<p class="iri">IRI: <code>{esc(iri)}</code></p>
<p class="formats">Data: {formats}</p>
</div>
{sources}<p>{triples:,} tripel <span lang="en">/ triples</span></p>
<section class="incoming"><h2>Isi <span lang="en">/ Resources described</span></h2>
<ul>
{chr(10).join(items)}
</ul>{more}</section>
</article>"""
    return page(f"{path} — Anugerah", body, head=head)
