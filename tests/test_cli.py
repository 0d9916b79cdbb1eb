"""The `anugerah` command's query and curation helpers, run as a user would."""

from __future__ import annotations

import json
from pathlib import Path

from anugerah.graph.compiler import compile_data
from anugerah.graph.namespaces import AGR, Base
from rdflib import URIRef

from .conftest import DATA, REPO, run_cli


def test_queries_lists_every_named_query_with_its_parameters(tmp_path: Path) -> None:
    result = run_cli("queries", cwd=tmp_path)
    assert result.returncode == 0
    names = {p.stem for p in (REPO / "queries").glob("*.rq")}
    listed = {line.split(":", 1)[0] for line in result.stdout.splitlines() if not line.startswith(" ")}
    assert listed == names
    assert "--param office=" in result.stdout


def test_query_answers_from_the_curated_data(tmp_path: Path) -> None:
    result = run_cli("query", "office-holder-on-date", "--data", str(DATA), "--format", "json",
                     "--param", "office=post/wakil-gubernur-jatim", "--param", "date=2023-11-23", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)
    assert [r["holder"] for r in rows] == ["https://w3id.org/anugerah/id/person/emil-elestianto-dardak"]
    assert rows[0]["basis"] == "attestation"


def test_query_on_a_dataset_file_as_csv(tmp_path: Path) -> None:
    built = run_cli("build", "--data", str(DATA), "-q", cwd=tmp_path)
    assert built.returncode == 0, built.stderr
    result = run_cli("query", "who-awarded-whom", "--dataset", "dist/anugerah.trig", "--format", "csv",
                     "--param", "recipient=org/pemprov-jatim", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert "quantity" in lines[0]
    # One row per recognition of the provincial government (each has at most one presenter).
    pemprov = URIRef(Base().id + "org/pemprov-jatim")
    dataset = compile_data(DATA, Base()).dataset
    recognitions = {s for s, _p, _o, _g in dataset.quads((None, AGR.recipient, pemprov, None))}
    assert len(lines) == 1 + len(recognitions)
    # The seed's aggregate: four awards from KemenPAN-RB, handed over by the minister.
    [ppp] = [line for line in lines if "recognition/bc6b67aba84e4a20" in line]
    assert "Abdullah Azwar Anas" in ppp


def test_bad_parameter_is_a_usage_error_naming_it(tmp_path: Path) -> None:
    result = run_cli("query", "who-awarded-whom", "--data", str(DATA), "--param", "year=20x3", cwd=tmp_path)
    assert result.returncode == 2
    assert "year" in result.stderr and "Traceback" not in result.stderr
    unknown = run_cli("query", "no-such-query", cwd=tmp_path)
    assert unknown.returncode == 2 and "no named query" in unknown.stderr


def test_anchor_prints_the_offset_of_a_quote() -> None:
    text = DATA / "sources" / "dishub-jatim-2023-pameran-inovasi-borong-penghargaan.txt"
    result = run_cli("anchor", str(text), "Emi Elestianto Dardak", cwd=REPO)
    assert result.returncode == 0
    offset = int(result.stdout.strip())
    assert text.read_text(encoding="utf-8")[offset:offset + 21] == "Emi Elestianto Dardak"
    missing = run_cli("anchor", str(text), "Emil Elestianto Dardak", cwd=REPO)
    assert missing.returncode == 1 and "does not occur" in missing.stderr
