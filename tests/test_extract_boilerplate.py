"""Scraped page furniture is found and never read for facts."""

from __future__ import annotations

from anugerah.graph.extract.document import read_document, split_header
from anugerah.graph.extract.extractor import extract
from anugerah.graph.extract.goldformat import to_gold

from .conftest import SHARED

ARTICLE = """Pemkot Batu Raih Penghargaan

BATU, Contoh.id - Pemerintah Kota Batu meraih penghargaan Anugerah Tata Kelola 2024 dari Kementerian Dalam Negeri.

BACA JUGA:Bhumandala Award 2023 Diraih Pemkot Batu

Baca juga : Pemprov Jabar Diganjar Penghargaan Penanggulangan AIDS oleh Kemenkes

Kota Malang Sabet Penghargaan Adipura Kencana dari KLHK

Wali Kota menyampaikan terima kasih.
Penghargaan diterima Wali Kota Batu Ahmad Yani di Jakarta.--
Advertisement
SCROLL UNTUK LANJUT MEMBACA
Reporter: Rina / Editor: Budi
Halaman Selanjutnya
img_titleSurabaya - Pemkot Surabaya meraih penghargaan Kota Layak Anak dari KemenPPPA.
"""


def test_kinds_of_boilerplate() -> None:
    doc = read_document(ARTICLE, title="Pemkot Batu Raih Penghargaan")
    found = {b.quote(ARTICLE): b.kind for b in doc.boilerplate}
    assert found["BACA JUGA:Bhumandala Award 2023 Diraih Pemkot Batu"] == "related"
    assert found["Baca juga : Pemprov Jabar Diganjar Penghargaan Penanggulangan AIDS oleh Kemenkes"] == "related"
    assert found["Kota Malang Sabet Penghargaan Adipura Kencana dari KLHK"] == "related"  # no "BACA JUGA"
    assert found["Penghargaan diterima Wali Kota Batu Ahmad Yani di Jakarta.--"] == "caption"
    assert found["Advertisement"] == "ui" and found["SCROLL UNTUK LANJUT MEMBACA"] == "ui"
    assert found["Reporter: Rina / Editor: Budi"] == "byline"
    pager = next(q for q, kind in found.items() if kind == "pagination")
    assert pager.startswith("Halaman Selanjutnya") and "Kota Layak Anak" in pager  # the glued next article too
    assert "Pemkot Batu Raih Penghargaan" not in found  # the article's own headline is not boilerplate


def test_no_fact_comes_from_boilerplate() -> None:
    extraction = extract(ARTICLE, title="Pemkot Batu Raih Penghargaan")
    names = [r.name for r in extraction.recognitions]
    assert names == ["Anugerah Tata Kelola 2024"]
    for rec in extraction.recognitions:
        for start, end in rec.evidence:
            assert not extraction.doc.in_boilerplate(start, end)
    officials = [a.name for a in extraction.agents if a.kind == "person"]
    assert "Ahmad Yani" not in officials  # named only in a caption


def test_related_headlines_of_the_corpus_are_not_extracted() -> None:
    raw = (SHARED / "corpus" / "dev" / "033.txt").read_text(encoding="utf-8")
    url, title, text = split_header(raw)
    gold = to_gold(extract(text, url=url, title=title))
    names = " ".join(a["name"] for a in gold["awards"])
    assert "Anugerah Pandu Negeri" in names
    assert "Bhumandala" not in names and "TOP 45" not in names and "Kapolda" not in names


def test_a_caption_before_the_article_is_left_out() -> None:
    text = ("Suasana acara Penganugerahan Inovasi Daerah di Jakarta, Selasa (21/11).\n"
            "JAKARTA – Kota Bogor meraih penghargaan Inovasi Daerah 2023 dari Kementerian Dalam Negeri.\n")
    doc = read_document(text)
    assert [b.kind for b in doc.boilerplate] == ["caption"]
    assert doc.sentences[0].text.startswith("Kota Bogor")
