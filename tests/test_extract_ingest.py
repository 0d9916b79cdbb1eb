"""`anugerah ingest`: an article becomes a valid draft next to, never inside, the curated data."""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml

from .conftest import run_cli

FIXTURES = Path(__file__).parent / "fixtures" / "extract"
ARTICLE = FIXTURES / "corpus" / "001.txt"


def _data(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "data", data)
    (data / "sources").mkdir()
    return data


def test_ingest_writes_a_valid_draft(tmp_path: Path) -> None:
    data = _data(tmp_path)
    result = run_cli("ingest", str(ARTICLE), "--data", str(data), "--name", "banyuwangi",
                     "--published", "2024-02-15", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "the draft is valid" in result.stdout
    assert "Anugerah Layanan Prima 2024 → Pemerintah Kabupaten (Pemkab) Banyuwangi" in result.stdout
    source = tmp_path / "drafts" / "sources" / "banyuwangi.yaml"
    text = (tmp_path / "drafts" / "sources" / "banyuwangi.txt").read_text(encoding="utf-8")
    assert not text.startswith("source:")  # the corpus header is not part of the stored article
    draft = yaml.safe_load(source.read_text(encoding="utf-8"))
    assert draft["source"]["url"] == "https://contoh.example/berita/pemkab-banyuwangi-raih-anugerah-layanan-prima-2024"
    assert str(draft["source"]["published"]) == "2024-02-15"
    assert [b["quote"][:9] for b in draft["source"]["boilerplate"]] == ["BACA JUGA"]
    recognition = next(f for f in draft["facts"] if f["type"] == "AwardConferral")
    assert str(recognition["date"]) == "2024-02-14"
    assert recognition["recipient"].startswith("org/") and recognition["conferredBy"].startswith("org/")
    assert {p["role"] for p in recognition["participants"]} == {"presenter", "nominal-receiver"}
    new = yaml.safe_load((tmp_path / "drafts" / "reference" / "banyuwangi.yaml").read_text(encoding="utf-8"))
    assert {e["type"] for e in new} >= {"Person", "Award", "Place"}
    assert not list((data / "sources").iterdir())  # nothing written into the curated data

    again = run_cli("validate-draft", "banyuwangi", "--data", str(data), cwd=tmp_path)
    assert again.returncode == 0, again.stderr


def test_ingest_refuses_to_overwrite_or_write_into_data(tmp_path: Path) -> None:
    data = _data(tmp_path)
    first = run_cli("ingest", str(ARTICLE), "--data", str(data), "--name", "a", "--no-validate", cwd=tmp_path)
    assert first.returncode == 0, first.stderr
    second = run_cli("ingest", str(ARTICLE), "--data", str(data), "--name", "a", "--no-validate", cwd=tmp_path)
    assert second.returncode == 2 and "exists" in second.stderr
    forced = run_cli("ingest", str(ARTICLE), "--data", str(data), "--name", "a", "--no-validate", "--force",
                     cwd=tmp_path)
    assert forced.returncode == 0, forced.stderr
    inside = run_cli("ingest", str(ARTICLE), "--data", str(data), "--out", str(data / "sources"), "--no-validate",
                     cwd=tmp_path)
    assert inside.returncode == 2 and "never written into the curated data" in inside.stderr
    assert not list((data / "sources").iterdir())


def test_bad_input_writes_nothing(tmp_path: Path) -> None:
    data = _data(tmp_path)
    empty = tmp_path / "empty.txt"
    empty.write_text("\n", encoding="utf-8")
    result = run_cli("ingest", str(empty), "--url", "https://contoh.example/a", "--data", str(data), cwd=tmp_path)
    assert result.returncode == 1 and "empty.txt: the file is empty" in result.stderr
    latin = tmp_path / "latin.txt"
    latin.write_bytes("Jakarta - Pemkot Batu meraih penghargaan.\nCaf\xe9".encode("latin-1"))
    result = run_cli("ingest", str(latin), "--url", "https://contoh.example/b", "--data", str(data), cwd=tmp_path)
    assert result.returncode == 1 and "latin.txt:2: not UTF-8" in result.stderr
    no_url = tmp_path / "no-url.txt"
    no_url.write_text("Jakarta - Pemkot Batu meraih penghargaan Adipura.\n", encoding="utf-8")
    result = run_cli("ingest", str(no_url), "--data", str(data), cwd=tmp_path)
    assert result.returncode == 2 and "--url" in result.stderr
    missing = run_cli("ingest", str(tmp_path / "nope.txt"), "--url", "https://contoh.example/c", cwd=tmp_path)
    assert missing.returncode == 1 and "nope.txt: not found" in missing.stderr
    assert not (tmp_path / "drafts").exists()
