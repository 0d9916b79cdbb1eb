"""``anugerah export``: the complete static publication, which any web server can host at the root of the base.

    DIR/
      index.html                 a pointer to the downloads and the ontology
      .htaccess                  Apache: /id/ → 303 → /doc/, content negotiation, media types, CORS
      README.txt                 how to host it (Apache, nginx)
      data/
        index.html               the downloads page (the dataset's landing page, schema.org Dataset inside)
        catalog.ttl .jsonld .rdf DCAT-AP 3.0.1 catalog
        void.ttl                 VoID (also /.well-known/void)
        context.jsonld           the JSON-LD context of the dumps and documents
        latest → {version}       symlink (LATEST holds the name too)
        {version}/               immutable: the dumps (gzipped), recognitions.csv, CSVW, SHA256SUMS, release.json
      doc/{path}.{html,ttl,jsonld,nt,rdf}   the document of every IRI of the dataset (and the ontology's)
      static/app/*.css           the pages' stylesheets

Releases accumulate: exporting into an existing DIR keeps its earlier ``data/{version}/`` folders. The version is
``{date}-{hash}`` (the date of the export, ``--date`` or ``SOURCE_DATE_EPOCH`` or today; the hash of the dataset's
sorted N-Quads) unless given; exporting the same dataset again reuses its release, date included, so the output
is byte-identical. Everything is written to a sibling directory and swapped in at the end: on any failure DIR
is left as it was.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
import shutil
import tempfile
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from rdflib import Dataset, Graph

from ..build import swap_in
from ..entities import select
from ..namespaces import Base
from ..serialize import to_nquads
from ..store import Store
from .catalog import CatalogFacts, Region, catalog_graph, catalog_prefixes
from .documents import DocumentService, UnknownDocument
from .downloads_page import Release, render_downloads_page
from .dumps import DumpFile, checksums_text, gzip_bytes, rdf_dumps
from .html import esc, page
from .jsonld_context import context
from .rdf_formats import canonical_json, rdf_xml
from .recognitions_csv import csvw_metadata, recognitions_csv
from .site import FORMATS, Site
from .void import void_graph

__all__ = ["ExportResult", "export", "load_dataset", "publication_is_current"]

Progress = Callable[[str], None]
RELEASE_FILE = "release.json"
SOURCE_STAMP = ".source-sha256"
_VERSION = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")

_TEMPORAL = """
PREFIX agr: <https://w3id.org/anugerah/def/core#>
SELECT (MIN(?d) AS ?start) (MAX(?d) AS ?end) WHERE {
  VALUES ?p { agr:date agr:startDate agr:endDate agr:attestedOn }
  ?s ?p ?value .
  BIND (STR(?value) AS ?d)
  FILTER (REGEX(?d, "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"))
}
"""

_REGIONS = """
PREFIX agr: <https://w3id.org/anugerah/def/core#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?region (SAMPLE(?code0) AS ?code) (SAMPLE(?label0) AS ?label) WHERE {
  ?region a agr:Region .
  OPTIONAL { ?region agr:kemendagriCode ?code0 }
  OPTIONAL { ?region skos:prefLabel ?label0 FILTER (LANG(?label0) = "id") }
}
GROUP BY ?region
ORDER BY ?region
"""


@dataclass(frozen=True)
class ExportResult:
    out_dir: Path
    version: str
    date: str
    reused: bool  # the dataset was already published under this version
    documents: int  # document paths written (each in every format)
    files: tuple[str, ...]  # the release's files


def load_dataset(path: Path) -> Dataset:
    """A TriG or N-Quads file as an rdflib Dataset (named graphs kept)."""
    formats = {".trig": "trig", ".nq": "nquads", ".nquads": "nquads"}
    rdf_format = formats.get(path.suffix.lower())
    if rdf_format is None:
        raise ValueError(f"{path}: export needs the named graphs: a TriG (.trig) or N-Quads (.nq) file")
    dataset = Dataset()
    dataset.parse(path, format=rdf_format)
    return dataset


def _today() -> str:
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC).date().isoformat()
    return dt.datetime.now(dt.UTC).date().isoformat()


def _releases(out_dir: Path) -> list[dict]:
    found = []
    for info in sorted((out_dir / "data").glob(f"*/{RELEASE_FILE}")):
        if info.parent.is_symlink():
            continue
        try:
            found.append(json.loads(info.read_text(encoding="utf-8")))
        except (OSError, ValueError):
            continue
    return found


def publication_is_current(out_dir: Path, source: Path) -> bool:
    """Whether ``out_dir`` was exported from exactly this dataset file (``anugerah serve`` re-exports if not)."""
    stamp = out_dir / SOURCE_STAMP
    if not stamp.is_file() or not source.is_file():
        return False
    digest = hashlib.sha256(source.read_bytes()).hexdigest()
    return stamp.read_text(encoding="utf-8").strip() == digest


def _catalog_texts(catalog: Graph) -> dict[str, str]:
    graph = Graph(bind_namespaces="core")  # rdf: and xml: bound, or RDF/XML comes out broken
    for prefix, iri in catalog_prefixes().items():
        graph.bind(prefix, iri)
    for triple in sorted(catalog, key=lambda t: tuple(x.n3() for x in t)):
        graph.add(triple)
    jsonld = json.loads(graph.serialize(format="json-ld", context=catalog_prefixes(), auto_compact=True))
    return {
        "catalog.ttl": graph.serialize(format="turtle"),
        "catalog.jsonld": json.dumps(canonical_json(jsonld), ensure_ascii=False, indent=1, sort_keys=True) + "\n",
        "catalog.rdf": rdf_xml(graph, catalog_prefixes()),
    }


class _Writer:
    def __init__(self, root: Path) -> None:
        self.root = root

    def write(self, relative: str, data: bytes | str) -> Path:
        path = self.root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, str):
            data = data.encode("utf-8")
        path.write_bytes(data)
        return path


def export(
    out_dir: Path,
    base: Base,
    dataset: Dataset,
    *,
    version: str | None = None,
    date: str | None = None,
    static_files: Mapping[str, Path] | None = None,
    source_digest: str | None = None,
    progress: Progress | None = None,
) -> ExportResult:
    """Write the publication of ``dataset`` to ``out_dir`` (see the module docstring)."""
    say = progress or (lambda _msg: None)
    started = time.monotonic()
    out_dir = out_dir.resolve()
    site = Site(base)
    nquads = to_nquads(dataset)
    content = hashlib.sha256(nquads.encode("utf-8")).hexdigest()
    previous = _releases(out_dir)
    same = next((r for r in previous if r.get("content_sha256") == content and r.get("base") == base.root
                 and (version is None or r.get("version") == version)), None)
    if same is not None and date is None:
        version, date = same["version"], same["date"]
    date = date or _today()
    dt.date.fromisoformat(date)  # ValueError on a malformed date
    version = version or f"{date}-{content[:8]}"
    if not _VERSION.match(version) or version in ("latest", "LATEST"):
        raise ValueError(f"version {version!r}: letters, digits, '.', '_' and '-' only (and not 'latest')")
    clash = next((r for r in previous if r.get("version") == version and r.get("content_sha256") != content), None)
    if clash is not None:
        raise ValueError(f"release {version} already exists in {out_dir}/data/ with other content; releases are "
                         "immutable: choose another --version")
    say(f"exporting release {version} of {len(nquads.splitlines())} quads to {out_dir}/")

    store = Store.from_dataset(dataset)
    files: list[DumpFile] = rdf_dumps(dataset, base)
    csv_text = recognitions_csv(store).encode("utf-8")
    csv_name = "recognitions.csv"
    csv_url = site.download_url(version, csv_name)
    tabular = dict(
        media_type="text/csv", file_type="CSV", conforms_to=site.download_url(version, f"{csv_name}-metadata.json"),
        title_id="Penghargaan dan predikat (CSV)", title_en="Recognitions (CSV)",
        description_id="Satu baris per pengakuan dan penerima, dengan label, URL sumber dan kutipannya.",
        description_en="One row per recognition and recipient, with labels, the source URL and the quote.",
        rdf=False,
    )
    files.append(DumpFile(csv_name, csv_text, compressed=False, **tabular))
    files.append(DumpFile(csv_name + ".gz", gzip_bytes(csv_text), **tabular))
    say(f"  {len(files)} dump files")

    releases = {r["version"]: Release(r["version"], r["date"]) for r in previous if r.get("version") != version}
    releases[version] = Release(version, date)
    ordered = sorted(releases.values(), key=lambda r: (r.date, r.version), reverse=True)
    issued = min(r.date for r in ordered)
    temporal = select(store, _TEMPORAL)
    start = str(temporal[0]["start"]) if temporal and "start" in temporal[0] else None
    end = str(temporal[0]["end"]) if temporal and "end" in temporal[0] else None
    regions = [Region(str(r["region"]), str(r["code"]) if "code" in r else None,
                      str(r["label"]) if "label" in r else None) for r in select(store, _REGIONS)]
    facts = CatalogFacts(version, issued, date, start, end, regions, files)
    catalog = catalog_graph(site, facts)
    void = void_graph(site, dataset, version, date, files)
    for prefix, iri in (("void", "http://rdfs.org/ns/void#"),):
        void.bind(prefix, iri)
    say("  catalog and VoID")

    staging = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.new-", dir=_parent(out_dir)))
    try:
        writer = _Writer(staging)
        release_dir = f"data/{version}"
        for f in files:
            writer.write(f"{release_dir}/{f.name}", f.data)
        writer.write(f"{release_dir}/{csv_name}-metadata.json", csvw_metadata(csv_name, csv_url))
        writer.write(f"{release_dir}/SHA256SUMS", checksums_text(files))
        release = {
            "version": version, "date": date, "base": base.root, "content_sha256": content,
            "files": {f.name: {"sha256": f.sha256, "size": f.size, "media_type": f.media_type} for f in files},
        }
        writer.write(f"{release_dir}/{RELEASE_FILE}", json.dumps(release, indent=1, sort_keys=True) + "\n")
        for name, text in _catalog_texts(catalog).items():
            writer.write(f"data/{name}", text)
        writer.write("data/void.ttl", void.serialize(format="turtle"))
        writer.write("data/context.jsonld",
                     json.dumps({"@context": context(base)}, ensure_ascii=False, indent=1) + "\n")
        writer.write("data/LATEST", version + "\n")
        os.symlink(version, staging / "data" / "latest")
        counts = {"quads": len(nquads.splitlines()), "graphs": len({g for *_t, g in dataset.quads()})}
        period = f"{start[:4]}/{end[:4]}" if start and end else None
        writer.write("data/index.html", render_downloads_page(site, Release(version, date), files, ordered, period,
                                                              counts))
        documents = _write_documents(writer, store, site, catalog + void, say)
        for relative, source in (static_files or {}).items():
            writer.write(relative, source.read_bytes())
        writer.write(".htaccess", _htaccess(version))
        writer.write("README.txt", _readme(site, version))
        writer.write("index.html", _index(site, version))
        if source_digest:
            writer.write(SOURCE_STAMP, source_digest + "\n")
        for old in previous:
            name = old.get("version")
            if name and name != version and (out_dir / "data" / name).is_dir():
                shutil.copytree(out_dir / "data" / name, staging / "data" / name, copy_function=_link_or_copy)
        swap_in(staging, out_dir)
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)
    say(f"  {documents} documents × {len(FORMATS)} formats; done in {time.monotonic() - started:.1f} s")
    return ExportResult(out_dir, version, date, same is not None, documents, tuple(f.name for f in files))


def _parent(out_dir: Path) -> Path:
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    return out_dir.parent


def _link_or_copy(source: str, target: str) -> None:
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


def _write_documents(writer: _Writer, store: Store, site: Site, extra: Graph, say: Progress) -> int:
    service = DocumentService(store, site, extra)
    paths = service.paths()
    say(f"  writing the documents of {len(paths)} resources")
    written = 0
    for path in paths:
        try:
            for ext in FORMATS:
                writer.write(f"doc/{path}.{ext}", service.document(path, ext).body)
        except UnknownDocument:
            continue
        written += 1
    return written


def _htaccess(version: str) -> str:
    rules = [
        "# Apache (mod_rewrite, mod_headers, mod_mime) for the Anugerah publication at the root of the base.",
        "AddType text/turtle .ttl",
        "AddType application/ld+json .jsonld",
        "AddType application/n-triples .nt",
        "AddType application/rdf+xml .rdf",
        "AddType text/csv .csv",
        "AddCharset utf-8 .ttl .nt .html .csv .jsonld",
        'Header set Access-Control-Allow-Origin "*"',
        'Header set Access-Control-Expose-Headers "ETag, Link, Content-Location"',
        "Options -MultiViews",
        "RewriteEngine On",
        "RewriteRule ^\\.well-known/void$ /data/void.ttl [R=303,L]",
        "RewriteRule ^catalog\\.(ttl|jsonld|rdf)$ /data/catalog.$1 [L]",
        f"RewriteRule ^data/latest/(.*)$ /data/{version}/$1 [R=302,L]",
        "RewriteRule ^id/(.+)$ /doc/$1 [R=303,L]",
        "RewriteRule ^(def|graph)/(.+)$ /doc/$1/$2 [R=303,L]",
    ]
    for ext, media in (("ttl", "text/turtle"), ("jsonld", "application/ld\\+json"),
                       ("nt", "application/n-triples"), ("rdf", "application/rdf\\+xml")):
        rules += [
            f"RewriteCond %{{HTTP_ACCEPT}} {media}",
            "RewriteCond %{HTTP_ACCEPT} !text/html",
            f"RewriteCond %{{DOCUMENT_ROOT}}/doc/$1.{ext} -f",
            f"RewriteRule ^doc/(.+)$ /doc/$1.{ext} [L,E=VARY_ACCEPT:1]",
        ]
    rules += [
        "RewriteCond %{DOCUMENT_ROOT}/doc/$1.html -f",
        "RewriteRule ^doc/(.+)$ /doc/$1.html [L,E=VARY_ACCEPT:1]",
        'Header append Vary Accept env=REDIRECT_VARY_ACCEPT',
    ]
    return "\n".join(rules) + "\n"


def _readme(site: Site, version: str) -> str:
    return f"""Anugerah — linked-data publication, release {version}
Data licence: CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/)

Host this folder at the root of {site.root} (the base of every IRI in the data).

  data/      downloads: catalog.ttl (DCAT-AP 3), void.ttl, context.jsonld, {version}/ (dumps, SHA256SUMS)
  doc/       one document per resource: doc/PATH.html, .ttl, .jsonld, .nt, .rdf
  .htaccess  Apache: 303 from /id/PATH to /doc/PATH, content negotiation on /doc/PATH, media types, CORS

nginx equivalent:

  types {{ text/turtle ttl; application/ld+json jsonld; application/n-triples nt; application/rdf+xml rdf; }}
  location ~ ^/id/(.+)$            {{ return 303 /doc/$1; }}
  location ~ ^/(def|graph)/(.+)$   {{ return 303 /doc/$1/$2; }}
  location = /.well-known/void     {{ return 303 /data/void.ttl; }}
  location ~ ^/data/latest/(.*)$   {{ return 302 /data/{version}/$1; }}
  location /doc/ {{ add_header Vary Accept; add_header Access-Control-Allow-Origin *;
                   try_files $uri $uri.$doc_ext $uri.html =404; }}
  # with: map $http_accept $doc_ext {{ default html; ~text/turtle ttl; ~application/ld\\+json jsonld;
  #                                    ~application/n-triples nt; ~application/rdf\\+xml rdf; }}

Check the downloads: cd data/{version} && sha256sum -c SHA256SUMS
"""


def _index(site: Site, version: str) -> str:
    body = f"""<h1>Anugerah</h1>
<p>Graf pengetahuan aktor birokrasi Indonesia dan penghargaan yang mereka berikan dan terima.</p>
<p lang="en">A linked-data knowledge graph of Indonesian bureaucracy actors and the awards they give and receive.</p>
<ul>
<li><a href="/data/">Unduh data <span lang="en">/ Downloads</span></a> (versi {esc(version)})</li>
<li><a href="/doc/def/core">Ontologi <span lang="en">/ Ontology</span></a></li>
<li>IRI: <code>{esc(site.base.id)}…</code></li>
</ul>"""
    return page("Anugerah", body)
