"""HTML pages: the landing page and the SPARQL query page (YASGUI, served from npm-installed files)."""

from __future__ import annotations

import json
from html import escape

from fastapi import APIRouter
from fastapi.responses import HTMLResponse

from ..graph.named_queries import NamedQuery, load_named_queries
from ..graph.publish.html import page
from ..graph.sparql_values import with_values
from .settings import Settings


def example_text(query: NamedQuery, settings: Settings) -> str:
    """The named query with its example values bound in a VALUES block, ready to run as is."""
    values = {p.name: p.example for p in query.params if p.example is not None}
    return with_values(query.text, query.bind(values, settings.base))


def router(settings: Settings, *, yasgui_available: bool) -> APIRouter:
    routes = APIRouter(include_in_schema=False)
    queries = load_named_queries()

    @routes.get("/", response_class=HTMLResponse)
    def landing() -> str:
        items = "\n".join(
            f'<li><a href="/query#{escape(q.name)}">{escape(q.name)}</a>: {escape(q.summary)}'
            f' (<a href="/api/queries/{escape(q.name)}">JSON</a>)</li>'
            for q in queries.values()
        )
        body = f"""
<h1>Anugerah</h1>
<p>Graf pengetahuan aktor birokrasi Indonesia dan penghargaan yang mereka berikan dan terima. Setiap fakta
ditautkan ke kalimat sumber yang menyatakannya.</p>
<p lang="en">A linked-data knowledge graph of Indonesian bureaucracy actors and the recognitions they give and
receive. Every fact links to the sentence of the source that states it.</p>
<h2>Akses <span lang="en">/ Access</span></h2>
<ul>
<li>SPARQL 1.1 endpoint: <code>/sparql</code> (read-only; union default graph) — <a href="/query">query page</a></li>
<li>Relationship API: <a href="/api/search?q=Dishub%20Jatim">/api/search</a>,
 <a href="/api/connections?from=Abdullah%20Azwar%20Anas&amp;to=Dishub%20Jatim">/api/connections</a>,
 <a href="/api/awards">/api/awards</a> — <a href="/docs">OpenAPI</a></li>
</ul>
<h2>Kueri bernama <span lang="en">/ Named queries</span></h2>
<ul>{items}</ul>"""
        return page("Anugerah", body)

    @routes.get("/query", response_class=HTMLResponse)
    def query_page() -> str:
        examples = [
            {"name": q.name, "summary": q.summary, "query": example_text(q, settings)} for q in queries.values()
        ]
        if not yasgui_available:
            body = (
                "<h1>Kueri SPARQL</h1><p>The query editor's files are not installed: run <code>make run</code> "
                "(it installs them from npm). The endpoint itself works: <code>/sparql?query=…</code></p>"
            )
            return page("Anugerah — SPARQL", body)
        head = (
            '<link rel="stylesheet" href="/static/vendor/yasgui/yasgui.min.css">\n'
            '<script src="/static/vendor/yasgui/yasgui.min.js"></script>'
        )
        options = "\n".join(
            f'<option value="{i}">{escape(e["name"])} — {escape(e["summary"])}</option>'
            for i, e in enumerate(examples)
        )
        data = json.dumps(examples, ensure_ascii=False).replace("</", "<\\/")
        body = f"""
<h1>Kueri SPARQL <span lang="en">/ SPARQL query</span></h1>
<p><label for="examples">Contoh <span lang="en">/ Examples</span>:</label>
<select id="examples"><option value="">—</option>{options}</select></p>
<div id="yasgui"></div>
<script id="example-data" type="application/json">{data}</script>
<script src="/static/app/query-page.js"></script>"""
        return page("Anugerah — SPARQL", body, head)

    return routes
