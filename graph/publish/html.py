"""The HTML frame of published pages: the same header, navigation and stylesheet as the served pages.

Links are root-relative (``/doc/…``, ``/static/app/…``): the publication is hosted at the root of its base, so
the same bytes work when ``anugerah serve`` renders a page and when a plain web server hosts the export.
No JavaScript: every page reads fully without it.
"""

from __future__ import annotations

import json
from html import escape
from typing import Any

__all__ = ["LICENSE_IRI", "LICENSE_TITLE", "STYLESHEETS", "esc", "json_script", "page"]

LICENSE_IRI = "https://creativecommons.org/licenses/by/4.0/"
LICENSE_TITLE = "Creative Commons Attribution 4.0 International"
STYLESHEETS = ("/static/app/anugerah.css", "/static/app/entity.css")

_PAGE = """<!doctype html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<link rel="icon" href="data:,">
{stylesheets}
<link rel="license" href="{license}">
{head}
</head>
<body>
<header><a class="brand" href="/">Anugerah</a>
<nav><a href="/query">Kueri SPARQL <span lang="en">/ SPARQL query</span></a>
<a href="/graph">Graf <span lang="en">/ Graph</span></a>
<a href="/data/">Unduh data <span lang="en">/ Downloads</span></a>
<a href="/docs">API</a><a href="/sparql">Service description</a></nav></header>
<main>
{body}
</main>
<footer class="site-footer">
<p>Data: <a rel="license" href="{license}">CC BY 4.0</a> — Anugerah.
Setiap fakta ditautkan ke kalimat sumbernya. <span lang="en">Every fact links to the sentence of its source.</span>
<a href="/data/">Unduh / <span lang="en">Download</span></a> · <a href="/doc/def/core">Ontologi /
<span lang="en">Ontology</span></a></p>
</footer>
</body>
</html>
"""


def esc(value: object) -> str:
    return escape(str(value), quote=True)


def json_script(data: Any) -> str:
    """JSON for a ``<script type="application/ld+json">`` element (``</`` escaped), keys sorted."""
    text = json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True)
    return text.replace("</", "<\\/")


def page(title: str, body: str, head: str = "", lang: str = "id") -> str:
    sheets = "\n".join(f'<link rel="stylesheet" href="{href}">' for href in STYLESHEETS)
    return _PAGE.format(title=esc(title), body=body, head=head, lang=lang, stylesheets=sheets, license=LICENSE_IRI)
