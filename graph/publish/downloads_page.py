"""The downloads page (``data/index.html``): the dataset's landing page, for people and for search engines.

It lists the current release's files with their sizes and SHA-256 checksums, the catalog in three formats, the
VoID description, the JSON-LD context, the SPARQL endpoint and the earlier releases, says how to cite, and
embeds a schema.org ``Dataset`` (what Google Dataset Search reads).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from .catalog import DESCRIPTION, KEYWORDS_EN, KEYWORDS_ID, PUBLISHER_NAME, TITLE
from .dumps import DumpFile
from .html import LICENSE_IRI, esc, json_script, page
from .site import Site

__all__ = ["Release", "human_size", "render_downloads_page"]


@dataclass(frozen=True)
class Release:
    version: str
    date: str


def human_size(size: int) -> str:
    value = float(size)
    for unit in ("B", "KB", "MB", "GB"):
        if value < 1024 or unit == "GB":
            return f"{value:.0f} {unit}" if unit == "B" else f"{value:.1f} {unit}"
        value /= 1024
    return f"{size} B"


def _schema_dataset(site: Site, current: Release, files: Sequence[DumpFile], temporal: str | None) -> dict[str, Any]:
    data: dict[str, Any] = {
        "@context": "https://schema.org/",
        "@type": "Dataset",
        "@id": site.dataset_iri,
        "name": TITLE["en"],
        "alternateName": TITLE["id"],
        "description": DESCRIPTION["en"] + " / " + DESCRIPTION["id"],
        "url": site.data_url,
        "identifier": site.dataset_iri,
        "license": LICENSE_IRI,
        "isAccessibleForFree": True,
        "version": current.version,
        "dateModified": current.date,
        "inLanguage": ["id", "en"],
        "keywords": [*KEYWORDS_ID, *KEYWORDS_EN],
        "creator": {"@type": "Organization", "name": PUBLISHER_NAME["en"], "url": site.root},
        "spatialCoverage": {"@type": "Place", "name": "Indonesia"},
        "includedInDataCatalog": {"@type": "DataCatalog", "name": "Anugerah", "url": site.data_url},
        "distribution": [
            {"@type": "DataDownload", "encodingFormat": f.media_type, "contentUrl": site.download_url(current.version,
                                                                                                        f.name)}
            for f in files
        ],
    }
    if temporal:
        data["temporalCoverage"] = temporal
    return data


def render_downloads_page(
    site: Site, current: Release, files: Sequence[DumpFile], releases: Sequence[Release], temporal: str | None,
    counts: dict[str, int],
) -> str:
    rows = []
    for f in files:
        href = f"/data/{current.version}/{f.name}"
        rows.append(
            f'<tr><td><a href="{esc(href)}">{esc(f.name)}</a></td>'
            f'<td>{esc(f.title_id)} <span lang="en">/ {esc(f.title_en)}</span></td>'
            f'<td class="num">{esc(human_size(f.size))}<br><small>{f.size:,} B</small></td>'
            f'<td><code class="sha">{esc(f.sha256)}</code></td></tr>'
        )
    older = [r for r in releases if r.version != current.version]
    older_html = ""
    if older:
        items = "\n".join(
            f'<li><a href="/data/{esc(r.version)}/">{esc(r.version)}</a> ({esc(r.date)}) — '
            f'<a href="/data/{esc(r.version)}/SHA256SUMS">SHA256SUMS</a></li>' for r in older
        )
        older_html = (f'<h2>Rilis sebelumnya <span lang="en">/ Earlier releases</span></h2>\n<ul>\n{items}\n</ul>')
    stats = " · ".join(f"{esc(name)}: {value:,}" for name, value in counts.items())
    body = f"""<h1>Unduh data <span lang="en">/ Downloads</span></h1>
<p>{esc(DESCRIPTION["id"])}</p>
<p lang="en">{esc(DESCRIPTION["en"])}</p>
<p>Versi <span lang="en">/ version</span> <strong>{esc(current.version)}</strong> ({esc(current.date)}) ·
<a href="/data/latest/">latest</a> · {stats}</p>
<p>Lisensi <span lang="en">/ licence</span>: <a rel="license" href="{LICENSE_IRI}">CC BY 4.0</a> ·
IRI dataset: <code>{esc(site.dataset_iri)}</code></p>
<h2>Berkas <span lang="en">/ Files</span></h2>
<div class="table-scroll"><table class="downloads">
<thead><tr><th>Berkas <span lang="en">/ file</span></th><th>Isi <span lang="en">/ content</span></th>
<th>Ukuran <span lang="en">/ size</span></th><th>SHA-256</th></tr></thead>
<tbody>
{chr(10).join(rows)}
</tbody></table></div>
<p><a href="/data/{esc(current.version)}/SHA256SUMS">SHA256SUMS</a> —
<code>sha256sum -c SHA256SUMS</code></p>
<h2>Metadata</h2>
<ul>
<li>DCAT-AP 3 catalog: <a href="/data/catalog.ttl" type="text/turtle">catalog.ttl</a> ·
<a href="/data/catalog.jsonld" type="application/ld+json">catalog.jsonld</a> ·
<a href="/data/catalog.rdf" type="application/rdf+xml">catalog.rdf</a></li>
<li>VoID: <a href="/data/void.ttl" type="text/turtle">void.ttl</a> (<code>/.well-known/void</code>)</li>
<li>JSON-LD context: <a href="/data/context.jsonld">context.jsonld</a></li>
<li>CSVW: <a href="/data/{esc(current.version)}/recognitions.csv-metadata.json">recognitions.csv-metadata.json</a></li>
<li>Ontologi <span lang="en">/ ontology</span>: <a href="/doc/def/core">{esc(site.ontology_iri)}</a></li>
<li>SPARQL: <code>{esc(site.sparql_url)}</code> — <a href="/query">kueri <span lang="en">/ query page</span></a></li>
</ul>
{older_html}
<h2>Kutip <span lang="en">/ How to cite</span></h2>
<p>Anugerah: knowledge graph of Indonesian bureaucracy awards, version {esc(current.version)}.
<code>{esc(site.dataset_iri)}</code>. CC BY 4.0.</p>"""
    head = "\n".join([
        '<link rel="alternate" type="text/turtle" href="/data/catalog.ttl">',
        '<link rel="alternate" type="application/ld+json" href="/data/catalog.jsonld">',
        '<link rel="alternate" type="application/rdf+xml" href="/data/catalog.rdf">',
        f'<script type="application/ld+json">\n{json_script(_schema_dataset(site, current, files, temporal))}\n'
        "</script>",
    ])
    return page("Anugerah — unduh data / downloads", body, head=head)
