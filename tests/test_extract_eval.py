"""`anugerah eval-extract`: the README's scoring rules, a fixture corpus with a hand-computed score, bad input."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from anugerah.graph.extract.scoring import matches, score_document

from .conftest import run_cli

FIXTURES = Path(__file__).parent / "fixtures" / "extract"
CORPUS = FIXTURES / "corpus"
DATA = FIXTURES / "data"


def test_string_matching_rules() -> None:
    assert matches("Emil Elestianto Dardak", "Emi Elestianto Dardak")  # token-set similarity ≥ 85
    assert matches("Tito", "Tito Karnavian")  # one contains the other
    assert matches("KemenPAN-RB", "kemenpanrb")  # case and punctuation do not count
    assert not matches("Kemendagri", "Kementerian Dalam Negeri")
    assert not matches("2023-11-21", "2023-11-22", exact=True)
    assert not matches(None, "x") and not matches("x", None)


def test_score_by_hand() -> None:
    gold = {
        "officials": [{"name": "Emi Elestianto Dardak"}, {"name": "Khofifah Indar Parawansa"}],
        "organizations": ["Pemerintah Provinsi Jawa Timur"],
        "awards": [
            {"name": "Anugerah Tata Kelola 2023", "recipient": "Pemerintah Kota Batu",
             "conferrer": "Kementerian Dalam Negeri", "event": None, "venue": "Jakarta", "date": "2023-11-21",
             "handed_by": "Tito Karnavian", "received_by": None},
            {"name": "Kabupaten Sehat Wiwerda", "recipient": "Kabupaten Gowa", "conferrer": None, "event": None,
             "venue": None, "date": None, "handed_by": None, "received_by": None},
        ],
    }
    predicted = {
        "officials": [{"name": "Emil Elestianto Dardak"}, {"name": "Budi Santoso"}],
        "organizations": ["Pemerintah Provinsi (Pemprov) Jawa Timur", "Pemprov Jatim"],
        "awards": [
            {"name": "Anugerah Tata Kelola", "recipient": "Pemerintah Kota Batu", "conferrer": "Kemendagri",
             "event": None, "venue": "Jakarta Pusat", "date": "2023-11-21", "handed_by": "Tito",
             "received_by": "Aries"},
            {"name": "Adipura Kencana", "recipient": "Kota Malang", "conferrer": None, "event": None,
             "venue": None, "date": None, "handed_by": None, "received_by": None},
        ],
    }
    score = score_document(predicted, gold)
    counts = {name: (c.tp, c.fp, c.fn) for name, c in score.fields.items()}
    assert counts == {
        "officials": (1, 1, 1),  # Emil = Emi; Budi added; Khofifah missed
        "organisations": (1, 1, 0),  # one-to-one: the second name of the same body counts as added
        "awards": (1, 1, 1),  # the first pair matches; Adipura Kencana matches no gold award
        "recipients": (1, 1, 1),
        "conferrers": (0, 1, 1),  # Kemendagri is not written like Kementerian Dalam Negeri
        "handed_by": (1, 0, 0),
        "received_by": (0, 1, 0),  # filled where gold is null: an invented fact
        "events": (0, 0, 0),
        "venues": (1, 0, 0),
        "dates": (1, 0, 0),
    }
    overall = score.overall
    assert (overall.tp, overall.fp, overall.fn) == (7, 6, 4)
    assert round(overall.precision, 4) == round(7 / 13, 4) and round(overall.recall, 4) == round(7 / 11, 4)


EXPECTED_TABLE = """\
field             tp    fp    fn precision  recall     f1
officials          3     0     1      1.00    0.75   0.86
organisations      2     0     0      1.00    1.00   1.00
awards             3     0     0      1.00    1.00   1.00
recipients         3     0     0      1.00    1.00   1.00
conferrers         1     0     0      1.00    1.00   1.00
handed_by          3     0     0      1.00    1.00   1.00
received_by        1     0     0      1.00    1.00   1.00
events             1     0     0      1.00    1.00   1.00
venues             3     0     0      1.00    1.00   1.00
dates              1     0     0      1.00    1.00   1.00
overall: precision=1.00 recall=0.95 f1=0.98"""


def test_eval_on_the_fixture_corpus(tmp_path: Path) -> None:
    # 001: every field right, the related headline and the date the regent spoke ignored.
    # 002: Nurdin Halid is named without an office, so he is not an official (1 missed); the date "Selasa (5/3)"
    # has no year and stays empty as the gold says. 21 of 22 gold values found, none invented: 21/22 = 0.95.
    result = run_cli("eval-extract", str(CORPUS), "--data", str(DATA), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.rstrip().endswith(EXPECTED_TABLE)
    as_json = run_cli("eval-extract", str(CORPUS), "--data", str(DATA), "--json", cwd=tmp_path)
    figures = json.loads(as_json.stdout)
    assert figures["overall"]["tp"] == 21 and figures["overall"]["fp"] == 0 and figures["overall"]["fn"] == 1
    assert figures["fields"]["officials"]["recall"] == 0.75
    assert set(figures["documents"]) == {"001", "002"}


def _corpus(tmp_path: Path) -> Path:
    target = tmp_path / "corpus"
    shutil.copytree(CORPUS, target)
    return target


def test_missing_gold_is_named(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path)
    (corpus / "002.gold.json").unlink()
    result = run_cli("eval-extract", str(corpus), cwd=tmp_path)
    assert result.returncode == 1 and "002.gold.json" in result.stderr and "missing" in result.stderr
    assert "Traceback" not in result.stderr


def test_malformed_gold_names_file_and_line(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path)
    (corpus / "001.gold.json").write_text('{\n  "officials": [\n    {"name": "x",}\n  ]\n}\n', encoding="utf-8")
    result = run_cli("eval-extract", str(corpus), cwd=tmp_path)
    assert result.returncode == 1 and "001.gold.json:3:" in result.stderr and "malformed JSON" in result.stderr


def test_non_utf8_and_empty_articles_are_named(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path)
    (corpus / "002.txt").write_bytes(b"source: https://contoh.example/x\n\nKota \xe9\xff Batu\n")
    result = run_cli("eval-extract", str(corpus), cwd=tmp_path)
    assert result.returncode == 1 and "002.txt:3: not UTF-8" in result.stderr
    (corpus / "002.txt").write_text("  \n", encoding="utf-8")
    result = run_cli("eval-extract", str(corpus), cwd=tmp_path)
    assert result.returncode == 1 and "002.txt: the file is empty" in result.stderr


def test_not_a_corpus(tmp_path: Path) -> None:
    result = run_cli("eval-extract", str(tmp_path), cwd=tmp_path)
    assert result.returncode == 1 and "no NNN.txt" in result.stderr
