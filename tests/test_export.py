"""`anugerah export`: the static publication — its tree, dumps that parse back to the same dataset, checksums that
match, reproducible bytes, releases that accumulate, and nothing half-written when it fails.

Expectations come from the data (the dataset ``anugerah build`` makes of data/), never from hard-coded counts.
"""

from __future__ import annotations

import csv
import gzip
import hashlib
import io
import json
import shutil
from pathlib import Path

from rdflib import Dataset, Graph, URIRef

from .conftest import DATA, run_cli
from .server import REPO, seed_dataset, temp_dir

BASE = "https://w3id.org/anugerah/"
DATE = "2024-01-31"
RDF_DUMPS = ("anugerah.trig.gz", "anugerah.nq.gz", "anugerah.nt.gz", "anugerah.ttl.gz", "anugerah.jsonld.gz")
_published: dict[str, Path] = {}


def seed_publication() -> Path:
    """The seed dataset exported once per test session (``anugerah export --dataset``): the publication root."""
    if "seed" not in _published:
        out = temp_dir("anugerah-publication-") / "publication"
        result = run_cli("export", "--dataset", str(seed_dataset()), "--out", str(out), "--date", DATE, "-q",
                         cwd=REPO)
        assert result.returncode == 0, result.stderr
        _published["seed"] = out
    return _published["seed"]


def current_release(root: Path) -> Path:
    return root / "data" / (root / "data" / "LATEST").read_text(encoding="utf-8").strip()


def _quads(dataset: Dataset) -> set[tuple]:
    out = set()
    for s, p, o, g in dataset.quads((None, None, None, None)):
        name = g.identifier if isinstance(g, Graph) else g
        out.add((s, p, o, str(name)))
    return out


def _built() -> Dataset:
    dataset = Dataset()
    dataset.parse(seed_dataset(), format="nquads")
    return dataset


def test_the_publication_tree() -> None:
    root = seed_publication()
    release = current_release(root)
    assert (root / "data" / "latest").is_symlink() and (root / "data" / "latest").resolve() == release.resolve()
    for name in ("index.html", "catalog.ttl", "catalog.jsonld", "catalog.rdf", "void.ttl", "context.jsonld"):
        assert (root / "data" / name).is_file(), name
    for name in (*RDF_DUMPS, "recognitions.csv", "recognitions.csv.gz", "recognitions.csv-metadata.json",
                 "SHA256SUMS", "release.json"):
        assert (release / name).is_file(), name
    assert release.name.startswith(DATE + "-")
    for name in (".htaccess", "README.txt", "index.html", "static/app/anugerah.css", "static/app/entity.css"):
        assert (root / name).is_file(), name
    for ext in ("html", "ttl", "jsonld", "nt", "rdf"):
        assert (root / "doc" / "org" / f"pemprov-jatim.{ext}").is_file()
        assert (root / "doc" / "def" / f"core.{ext}").is_file()


def test_checksums_and_sizes_match_the_files() -> None:
    release = current_release(seed_publication())
    listed = {}
    for line in (release / "SHA256SUMS").read_text(encoding="utf-8").splitlines():
        digest, name = line.split("  ", 1)
        listed[name] = digest
    info = json.loads((release / "release.json").read_text(encoding="utf-8"))
    assert set(listed) == set(info["files"]) and set(RDF_DUMPS) <= set(listed)
    for name, digest in listed.items():
        data = (release / name).read_bytes()
        assert hashlib.sha256(data).hexdigest() == digest == info["files"][name]["sha256"], name
        assert len(data) == info["files"][name]["size"], name


def test_dumps_parse_back_to_the_same_dataset() -> None:
    release = current_release(seed_publication())
    built = _built()
    expected_quads = _quads(built)
    expected_triples = {(s, p, o) for s, p, o, _g in expected_quads}
    assert expected_quads
    for name, rdf_format in (("anugerah.trig.gz", "trig"), ("anugerah.nq.gz", "nquads"),
                             ("anugerah.jsonld.gz", "json-ld")):
        dataset = Dataset()
        dataset.parse(data=gzip.decompress((release / name).read_bytes()).decode("utf-8"), format=rdf_format)
        assert _quads(dataset) == expected_quads, name
    for name, rdf_format in (("anugerah.nt.gz", "nt"), ("anugerah.ttl.gz", "turtle")):
        graph = Graph().parse(data=gzip.decompress((release / name).read_bytes()).decode("utf-8"), format=rdf_format)
        assert set(graph) == expected_triples, name
    nt = gzip.decompress((release / "anugerah.nt.gz").read_bytes()).decode("utf-8").splitlines()
    assert nt == sorted(nt) and len(nt) == len(set(nt))


def test_jsonld_dump_is_friendly() -> None:
    release = current_release(seed_publication())
    document = json.loads(gzip.decompress((release / "anugerah.jsonld.gz").read_bytes()))
    context = document["@context"]
    assert context["@vocab"] == "https://w3id.org/anugerah/def/core#"
    assert context["prefLabel"] == {"@id": "skos:prefLabel", "@container": "@language"}
    graphs = {g["@id"]: g["@graph"] for g in document["@graph"]}
    reference = graphs[BASE + "graph/reference"]
    jatim = next(node for node in reference if node["@id"] == BASE + "id/org/pemprov-jatim")
    assert jatim["prefLabel"]["id"] == "Pemerintah Provinsi Jawa Timur"  # a language map
    assert jatim["type"] == "RegionalGovernment"
    published = json.loads((seed_publication() / "data" / "context.jsonld").read_text(encoding="utf-8"))
    assert published["@context"] == context


def test_recognitions_csv_has_a_row_per_recognition_with_labels_and_quotes() -> None:
    from anugerah.graph.store import Store

    release = current_release(seed_publication())
    data = (release / "recognitions.csv").read_bytes()
    assert gzip.decompress((release / "recognitions.csv.gz").read_bytes()) == data
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8"), newline="")))
    store = Store.from_file(seed_dataset())
    expected = store.select("""PREFIX agr: <https://w3id.org/anugerah/def/core#>
        SELECT DISTINCT ?r ?recipient WHERE { ?r agr:recipient ?recipient }""")
    assert {(r["recognition"], r["recipient"]) for r in rows} == {(str(e["r"]), str(e["recipient"])) for e in expected}
    jatim = [r for r in rows if r["recipient"] == BASE + "id/org/pemprov-jatim"]
    assert jatim and all(r["recipient_label"] == "Pemerintah Provinsi Jawa Timur" for r in jatim)
    ppp = next(r for r in jatim if r["award"] == BASE + "id/award/penghargaan-pelayanan-publik")
    assert "Pemerintah Provinsi Jatim berhasil memborong empat penghargaan" in ppp["quote"]
    assert ppp["source_url"].startswith("https://jatim.viva.co.id/")
    metadata = json.loads((release / "recognitions.csv-metadata.json").read_text(encoding="utf-8"))
    assert [c["name"] for c in metadata["tableSchema"]["columns"]] == list(rows[0].keys())


def test_every_iri_of_the_dumps_has_a_document() -> None:
    from anugerah.graph.namespaces import Base
    from anugerah.graph.publish.site import Site

    root = seed_publication()
    site = Site(Base(BASE))
    iris = set()
    for s, p, o, g in _built().quads((None, None, None, None)):
        for term in (s, p, o, g.identifier if isinstance(g, Graph) else g):
            if isinstance(term, URIRef):
                iris.add(str(term))
    ours = {iri: site.doc_path(iri) for iri in iris if site.doc_path(iri)}
    assert any(p.startswith("recognition/") for p in ours.values())
    assert any(p.startswith("graph/source/") for p in ours.values())
    missing = sorted(iri for iri, path in ours.items() if not (root / "doc" / f"{path}.html").is_file())
    assert missing == []


def test_export_is_reproducible_and_reuses_an_unchanged_release(tmp_path: Path) -> None:
    first, second = seed_publication(), tmp_path / "two"
    result = run_cli("export", "--dataset", str(seed_dataset()), "--out", str(second), "--date", DATE, "-q",
                     cwd=REPO, env={"PYTHONHASHSEED": "12345"})  # another process, another hash order
    assert result.returncode == 0, result.stderr
    files = sorted(p.relative_to(first) for p in first.rglob("*") if p.is_file() and not p.is_symlink())
    assert files == sorted(p.relative_to(second) for p in second.rglob("*") if p.is_file() and not p.is_symlink())
    different = [str(f) for f in files if (first / f).read_bytes() != (second / f).read_bytes()]
    assert different == []
    again = run_cli("export", "--dataset", str(seed_dataset()), "--out", str(second), cwd=REPO)  # no --date
    assert again.returncode == 0 and "release reused" in again.stderr
    releases = (second / "data").iterdir()
    assert [p.name for p in releases if (p / "release.json").is_file() and not p.is_symlink()] == [
        current_release(first).name
    ]
    assert (second / "data" / "index.html").read_bytes() == (first / "data" / "index.html").read_bytes()


def test_a_new_release_keeps_the_earlier_ones(project: Path) -> None:
    out = project / "site"
    shutil.copytree(seed_publication(), out, symlinks=True)  # the release of data/ as it is
    first = current_release(out).name
    regions = project / "data" / "reference" / "regions.yaml"
    regions.write_text(regions.read_text(encoding="utf-8") + "\n- id: wilayah/99\n  type: Region\n  code: \"99\"\n"
                       "  label: {id: Provinsi Uji, en: Test Province}\n", encoding="utf-8")
    result = run_cli("export", "--out", str(out), "--date", "2024-02-01", "-q", cwd=project)
    assert result.returncode == 0, result.stderr
    second = current_release(out).name
    assert second != first and second.startswith("2024-02-01-")
    assert (out / "data" / first / "release.json").is_file()  # the earlier release stays, unchanged
    catalog = Graph().parse(out / "data" / "catalog.ttl")
    dcat = "http://www.w3.org/ns/dcat#"
    assert {str(v) for v in catalog.objects(URIRef(BASE + "id/dataset/anugerah"), URIRef(dcat + "version"))} == {
        second
    }
    assert second in (out / "data" / "index.html").read_text(encoding="utf-8")
    assert first in (out / "data" / "index.html").read_text(encoding="utf-8")  # listed as an earlier release


def test_a_failed_export_leaves_the_publication_as_it_was(project: Path) -> None:
    out = project / "site"
    shutil.copytree(seed_publication(), out, symlinks=True)
    before = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    broken = project / "data" / "sources" / "viva-jatim-2023-pemprov-jatim-borong-4-penghargaan.yaml"
    broken.write_text(broken.read_text(encoding="utf-8").replace("org/pemprov-jatim", "org/pemprov-jatimm"),
                      encoding="utf-8")
    result = run_cli("export", "--out", str(out), "--date", "2024-03-01", cwd=project)
    assert result.returncode == 1 and "pemprov-jatimm" in result.stderr
    other = project / "other.nq"
    extra = f'<{BASE}id/x> <{BASE}id/y> "z" <{BASE}graph/x> .\n'
    other.write_text(seed_dataset().read_text(encoding="utf-8") + extra, encoding="utf-8")
    clash = run_cli("export", "--out", str(out), "--version", current_release(out).name, "--dataset", str(other),
                    cwd=project)
    assert clash.returncode == 1 and "immutable" in clash.stderr
    after = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    assert after == before
    assert not [p for p in out.parent.iterdir() if p.name.startswith(".site.")]  # no staging left behind


def test_export_under_another_base(tmp_path: Path) -> None:
    base = "https://data.example.id/kg/"
    out = tmp_path / "pub"
    result = run_cli("export", "--out", str(out), "--base", base, "--date", DATE, "-q", "--data", str(DATA),
                     cwd=REPO)
    assert result.returncode == 0, result.stderr
    catalog = Graph().parse(out / "data" / "catalog.ttl")
    assert (URIRef(base + "id/dataset/anugerah"), None, None) in catalog
    urls = {str(o) for o in catalog.objects(None, URIRef("http://www.w3.org/ns/dcat#downloadURL"))}
    assert urls and all(u.startswith(base + "data/") for u in urls)
    page = (out / "doc" / "org" / "pemprov-jatim.html").read_text(encoding="utf-8")
    assert f"{base}id/org/pemprov-jatim" in page
    # The vocabulary keeps its identity under any base.
    assert (out / "doc" / "def" / "core.ttl").is_file()


def test_bad_arguments_are_refused_cleanly(tmp_path: Path) -> None:
    missing = run_cli("export", "--out", str(tmp_path / "x"), "--dataset", str(tmp_path / "none.nq"), cwd=REPO)
    assert missing.returncode == 2 and "not found" in missing.stderr
    turtle = tmp_path / "data.ttl"
    turtle.write_text("<urn:a> <urn:b> <urn:c> .\n", encoding="utf-8")
    wrong = run_cli("export", "--out", str(tmp_path / "x"), "--dataset", str(turtle), cwd=REPO)
    assert wrong.returncode == 1 and "named graphs" in wrong.stderr
    version = run_cli("export", "--out", str(tmp_path / "x"), "--dataset", str(seed_dataset()),
                      "--version", "../evil", cwd=REPO)
    assert version.returncode == 1 and "version" in version.stderr
    assert not (tmp_path / "x").exists()
