"""Indonesian dates as the press writes them."""

from __future__ import annotations

import datetime as dt

import pytest
from anugerah.graph.extract.dates import find_dates, parse_date

D = dt.date

FULL = [
    ("Selasa, 21 Nopember 2023", D(2023, 11, 21)),
    ("Kamis (23/11/2023)", D(2023, 11, 23)),
    ("Selasa (8/3/2022)", D(2022, 3, 8)),
    ("Kamis 5 September 2024", D(2024, 9, 5)),
    ("12 Desember 2023 07:10 WIB", D(2023, 12, 12)),
    ("Rabu (6/12/2023), Menteri", D(2023, 12, 6)),
    ("pada 17 Agustus 2024", D(2024, 8, 17)),
    ("1 Pebruari 2021", D(2021, 2, 1)),
    ("3 Okt 2023", D(2023, 10, 3)),
    ("30 Sept 2022", D(2022, 9, 30)),
    ("Jum'at, 1 Maret 2024", D(2024, 3, 1)),
    ("Jumat (1/3/24)", D(2024, 3, 1)),
    ("23-11-2023", D(2023, 11, 23)),
    ("2023-11-21", D(2023, 11, 21)),
    ("Minggu, 7 Januari 2024", D(2024, 1, 7)),
]


@pytest.mark.parametrize(("text", "expected"), FULL)
def test_full_dates(text: str, expected: dt.date) -> None:
    found = find_dates(text)
    assert found and found[0].value == expected and found[0].full


PARTIAL = [
    # text, publication date, expected (None: left out)
    ("Selasa (8/3)", D(2022, 3, 10), D(2022, 3, 8)),
    ("Selasa (8/3)", None, None),
    ("(21/11)", D(2023, 11, 22), D(2023, 11, 21)),
    ("Selasa (21/11)", D(2024, 1, 5), D(2023, 11, 21)),  # the last such day before publication: last year
    ("di Jakarta, Selasa.", D(2023, 11, 23), D(2023, 11, 21)),  # a weekday alone: that week's
    ("di Jakarta, Selasa.", None, None),
    ("Jumat.", D(2023, 11, 24), D(2023, 11, 24)),
    ("Rabu (8/3)", D(2022, 3, 10), None),  # 8 March 2022 was a Tuesday: not guessed
]


@pytest.mark.parametrize(("text", "published", "expected"), PARTIAL)
def test_partial_dates_resolve_against_the_publication_date(text: str, published, expected) -> None:
    found = find_dates(text, published)
    assert found, text
    assert found[0].value == expected
    if expected is not None:
        assert found[0].resolved and not found[0].full
    else:
        assert found[0].note  # says why it was left out


def test_a_weekday_that_contradicts_the_date_is_noted() -> None:
    found = find_dates("Senin (8/3/2022)")[0]
    assert found.value == D(2022, 3, 8) and "Selasa" in (found.note or "")


def test_month_and_year_alone_is_not_a_day() -> None:
    found = find_dates("sejak Agustus 2023")[0]
    assert found.value is None and found.precision == "month"


def test_not_dates() -> None:
    assert find_dates("periode 2019-2024, Pedoman No. 5/2022, 50,2 persen, 24/TK/tahun 2024") == []
    assert parse_date("kategori Kota Sedang") is None


def test_offsets_point_into_the_text() -> None:
    text = "Acara di Hotel Bidakara Jakarta, Selasa, 21 Nopember 2023. Lalu Rabu (22/11/2023)."
    found = find_dates(text)
    assert [text[d.start:d.end] for d in found] == ["Selasa, 21 Nopember 2023", "Rabu (22/11/2023)"]
