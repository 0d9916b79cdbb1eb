"""`anugerah build`: deterministic dumps that parse back to the same dataset, written atomically."""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from pathlib import Path

import pytest
import yaml
from anugerah.graph.compiler import compile_data
from anugerah.graph.namespaces import Base
from anugerah.graph.serialize import graphs_in_order
from rdflib import Dataset, Graph
from rdflib.compare import isomorphic

from .conftest import DATA, SEED_SOURCES, run_cli


def digest(directory: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(directory.iterdir())}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("built")
    result = run_cli("build", "--data", str(DATA), "--out", str(root / "dist"), cwd=root)
    assert result.returncode == 0, result.stderr
    return root / "dist"


def test_build_writes_every_dump(built: Path) -> None:
    assert {p.name for p in built.iterdir()} == {
        "anugerah.trig", "anugerah.nq", "anugerah.ttl", "anugerah.jsonld", "build-info.json", "validation.txt",
    }


def test_build_is_byte_identical_across_runs_and_hash_seeds(built: Path, tmp_path: Path) -> None:
    again = tmp_path / "again"
    result = run_cli("build", "--data", str(DATA), "--out", str(again), "-q", cwd=tmp_path,
                     env={"PYTHONHASHSEED": "12345"})
    assert result.returncode == 0, result.stderr
    assert digest(again) == digest(built)


@pytest.mark.parametrize("name,fmt", [("anugerah.trig", "trig"), ("anugerah.nq", "nquads"),
                                      ("anugerah.jsonld", "json-ld")])
def test_dataset_dumps_parse_back_to_the_same_named_graphs(built: Path, name: str, fmt: str) -> None:
    expected = compile_data(DATA, Base()).dataset
    parsed = Dataset()
    parsed.parse(built / name, format=fmt)
    want = dict(graphs_in_order(expected))
    got = dict(graphs_in_order(parsed))
    assert set(got) == set(want)
    for graph_name, graph in want.items():
        assert isomorphic(got[graph_name], graph), graph_name


def test_turtle_dump_is_the_union_of_all_graphs(built: Path) -> None:
    expected = Graph()
    for _, graph in graphs_in_order(compile_data(DATA, Base()).dataset):
        expected += graph
    assert isomorphic(Graph().parse(built / "anugerah.ttl", format="turtle"), expected)


def test_one_named_graph_per_source_plus_reference_data(built: Path) -> None:
    info = json.loads((built / "build-info.json").read_text())
    graphs = set(info["graphs"])
    sources = {s["graph"] for s in info["sources"]}
    assert len(sources) == len(list((DATA / "sources").glob("*.yaml")))
    assert {s["file"] for s in info["sources"]} >= {f"{name}.yaml" for name in SEED_SOURCES}
    base = "https://w3id.org/anugerah/graph/"
    assert graphs == sources | {base + "reference", base + "ontology", base + "vocabulary"}
    assert info["files"]["anugerah.nq"] == hashlib.sha256((built / "anugerah.nq").read_bytes()).hexdigest()


def test_base_is_configurable(tmp_path: Path) -> None:
    result = run_cli("build", "--data", str(DATA), "--out", "dist", "-q", cwd=tmp_path,
                     env={"ANUGERAH_BASE": "https://data.example.org/kg/"})
    assert result.returncode == 0, result.stderr
    nquads = (tmp_path / "dist" / "anugerah.nq").read_text()
    assert "<https://data.example.org/kg/id/org/dishub-jatim>" in nquads
    assert "<https://data.example.org/kg/graph/reference>" in nquads
    assert "https://w3id.org/anugerah/id/" not in nquads
    # the vocabulary keeps its identity under any base
    assert "<https://w3id.org/anugerah/def/core#AwardConferral>" in nquads


def test_bad_base_is_a_usage_error(tmp_path: Path) -> None:
    result = run_cli("validate", "--data", str(DATA), "--base", "ftp://x", cwd=tmp_path)
    assert result.returncode != 0
    assert "--base" in result.stderr and "Traceback" not in result.stderr


def test_progress_is_reported_on_stderr(tmp_path: Path) -> None:
    result = run_cli("build", "--data", str(DATA), "--out", "dist", cwd=tmp_path)
    assert result.returncode == 0
    assert "compiling" in result.stderr and "validating with SHACL" in result.stderr
    assert "writing" in result.stderr
    assert result.stdout == ""


def test_validate_writes_nothing(tmp_path: Path) -> None:
    result = run_cli("validate", "--data", str(DATA), "--warnings", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "valid:" in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_every_evidence_quote_sits_at_its_offsets_in_the_dump(built: Path) -> None:
    """Re-anchor every quote of the published dump against the stored article texts."""
    info = json.loads((built / "build-info.json").read_text())
    texts = {}
    for source in info["sources"]:
        yaml_path = DATA / "sources" / source["file"]
        texts[source["iri"]] = yaml_path.with_suffix(".txt").read_text(encoding="utf-8")
    dataset = Dataset()
    dataset.parse(built / "anugerah.nq", format="nquads")
    rows = dataset.query("""
        PREFIX oa: <http://www.w3.org/ns/oa#>
        SELECT ?src ?exact ?start ?end WHERE { GRAPH ?g {
          ?ev oa:hasSource ?src ; oa:hasSelector ?q , ?p .
          ?q oa:exact ?exact . ?p oa:start ?start ; oa:end ?end . } }""")
    count: Counter[str] = Counter()
    for src, exact, start, end in rows:
        assert texts[str(src)][int(start):int(end)] == str(exact)
        count[str(src)] += 1
    # One evidence node per distinct quoted span (and name as stated) of each source file.
    expected = {source["iri"]: len(evidence_spans(DATA / "sources" / source["file"])) for source in info["sources"]}
    assert count == expected
    seeds = {source["iri"] for source in info["sources"] if source["file"][: -len(".yaml")] in SEED_SOURCES}
    assert sum(count[iri] for iri in seeds) == 15  # distinct spans quoted in the two seed files (7 + 8)


def evidence_spans(yaml_path: Path) -> set[tuple[int, int, str | None]]:
    """The (start, end, name) of every evidence entry of a source file, read from the YAML itself."""
    spans: set[tuple[int, int, str | None]] = set()

    def walk(node: object) -> None:
        if isinstance(node, dict):
            for entry in node.get("evidence", []):
                spans.add((entry["start"], entry["start"] + len(entry["quote"]), entry.get("name")))
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(yaml.safe_load(yaml_path.read_text(encoding="utf-8"))["facts"])
    return spans
