"""Bad curated input gives a short error naming the file and line, exit 1, and leaves dist/ as it was."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

import pytest

from .conftest import run_cli

VIVA = "sources/viva-jatim-2023-pemprov-jatim-borong-4-penghargaan.yaml"
DISHUB = "sources/dishub-jatim-2023-pameran-inovasi-borong-penghargaan.yaml"


def edit(relative: str, old: str, new: str, count: int = 1) -> Callable[[Path], None]:
    def apply(data: Path) -> None:
        path = data / relative
        text = path.read_text(encoding="utf-8")
        assert old in text, f"fixture text not found in {relative}: {old!r}"
        path.write_text(text.replace(old, new, count), encoding="utf-8")

    return apply


def write(relative: str, content: str) -> Callable[[Path], None]:
    def apply(data: Path) -> None:
        (data / relative).write_text(content, encoding="utf-8")

    return apply


def line_of(data: Path, relative: str, needle: str) -> int:
    for number, line in enumerate((data / relative).read_text(encoding="utf-8").splitlines(), 1):
        if needle in line:
            return number
    raise AssertionError(needle)


CASES: dict[str, tuple[Callable[[Path], None], str, list[str]]] = {
    # name: (mutation, file the error must name, words the message must contain)
    "yaml syntax": (edit(VIVA, "  title: Pemprov", "  title: [Pemprov"), VIVA, ["malformed YAML"]),
    "duplicate key": (edit(VIVA, "  author: Nur Faisal\n", "  author: Nur Faisal\n  author: X\n"), VIVA,
                      ["duplicate key 'author'"]),
    "unknown key with suggestion": (edit(VIVA, "    recipient: org/pemprov-jatim", "    recipent: org/pemprov-jatim"),
                                    VIVA, ["unknown key 'recipent'", "did you mean 'recipient'"]),
    "unknown entity": (edit(VIVA, "    recipient: org/pemprov-jatim", "    recipient: org/pemprov-jatimm"), VIVA,
                       ["org/pemprov-jatimm", "no data file defines", "did you mean 'org/pemprov-jatim'"]),
    "quote moved": (edit(VIVA, "        start: 525\n", "        start: 526\n"), VIVA,
                    ["not found at offset 526", "occurs at offset 525"]),
    "quote not in text": (edit(DISHUB, "saat membuka pameran tersebut", "ketika membuka pameran"), DISHUB,
                          ["does not occur in the text"]),
    "evidence on boilerplate": (edit(VIVA, "      - quote: acara Penghargaan Pelayanan Publik Tahun 2023 di",
                                     "      - {quote: Pemprov Jatim Raih Sertifikasi 13 Warisan Budaya, start: 1028}\n"
                                     "      - quote: acara Penghargaan Pelayanan Publik Tahun 2023 di"), VIVA,
                                ["boilerplate"]),
    "bad date": (edit(VIVA, "    date: 2023-11-21", "    date: 21-11-2023"), VIVA, ["'date' must be a date"]),
    "unknown type": (edit(VIVA, "  - type: AwardConferral", "  - type: AwardConferal"), VIVA,
                     ["unknown type 'AwardConferal'", "did you mean 'AwardConferral'"]),
    "entity type in a source": (edit(VIVA, "    type: AgentGroup", "    type: Person"), VIVA,
                                ["belongs in data/reference/"]),
    "unquoted boolean as text": (edit(VIVA, "  author: Nur Faisal", "  author: yes"), VIVA, ["must be text"]),
    "missing text file": (edit(VIVA, "  text: viva-jatim", "  text: missing-viva-jatim"), VIVA, ["not found"]),
    "duplicate entity": (edit("reference/places.yaml", "- id: place/hotel-bidakara",
                              "- id: place/hotel-bidakara\n  type: Place\n  label: {id: X}\n"
                              "- id: place/hotel-bidakara"),
                         "reference/places.yaml", ["already defined"]),
    "bad turtle": (write("reference/extra.ttl", "<place/x> a <y> ;\n  <z> \"open string .\n"),
                   "reference/extra.ttl", ["malformed Turtle"]),
    # A file of its own: garbling places.yaml would also leave every venue reference of every source
    # unresolved, a list that grows with the data.
    "not utf-8": (lambda data: (data / "reference" / "extra.yaml").write_bytes(b"- id: place/\xff\n"),
                  "reference/extra.yaml", ["not UTF-8"]),
}


@pytest.fixture
def published(project: Path) -> tuple[Path, dict[str, str]]:
    result = run_cli("build", "-q", cwd=project)
    assert result.returncode == 0, result.stderr
    dist = project / "dist"
    return dist, {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in dist.iterdir()}


@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_input_is_reported_and_dist_is_untouched(case: str, project: Path, published) -> None:
    mutate, relative, words = CASES[case]
    dist, before = published
    mutate(project / "data")
    result = run_cli("build", "-q", cwd=project)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert f"data/{relative}" in result.stderr, result.stderr
    for word in words:
        assert word in result.stderr, result.stderr
    assert "nothing was written" in result.stderr
    assert len(result.stderr.splitlines()) <= 6, result.stderr  # one short paragraph, not a dump
    after = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in dist.iterdir()}
    assert after == before
    assert sorted(p.name for p in project.iterdir()) == ["data", "dist"]  # no staging directory left behind


def test_error_names_the_line(project: Path) -> None:
    edit(VIVA, "    recipient: org/pemprov-jatim", "    recipient: org/nowhere")(project / "data")
    line = line_of(project / "data", VIVA, "recipient: org/nowhere")
    result = run_cli("validate", "-q", cwd=project)
    assert result.returncode == 1
    assert f"data/{VIVA}:{line}:" in result.stderr


def test_shacl_violation_fails_the_build_with_file_and_line(project: Path, published) -> None:
    dist, before = published
    # a proxy accepter that says on nobody's behalf: compiles, but SHACL refuses it
    edit(VIVA, "        onBehalfOf: person/khofifah-indar-parawansa\n", "")(project / "data")
    line = line_of(project / "data", VIVA, "role: proxy-accepter")
    result = run_cli("build", "-q", cwd=project)
    assert result.returncode == 1
    assert "[Violation]" in result.stderr
    assert f"data/{VIVA}:{line}:" in result.stderr, result.stderr
    assert "SHACL validation failed" in result.stderr and "Traceback" not in result.stderr
    assert {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in dist.iterdir()} == before


def test_missing_data_directory(tmp_path: Path) -> None:
    result = run_cli("build", "--data", "nowhere", cwd=tmp_path)
    assert result.returncode == 1
    assert "nowhere" in result.stderr and "not found" in result.stderr
    assert not (tmp_path / "dist").exists()
