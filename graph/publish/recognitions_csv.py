"""The recognitions as a spreadsheet: one row per recognition and recipient, with labels, the article and the
quote behind it (UTF-8, header row, RFC 4180), and its CSVW description (``recognitions.csv-metadata.json``).
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from ..entities import AWARD_COLUMNS, award_rows, awards, evidence_by_fact
from .html import LICENSE_IRI

__all__ = ["COLUMNS", "csvw_metadata", "recognitions_csv"]

COLUMNS = (*AWARD_COLUMNS, "source_url", "source_title", "quote")
_DATATYPES = {"date": "date", "year": "gYear", "quantity": "positiveInteger"}
_TITLES: dict[str, tuple[str, str]] = {
    "recognition": ("IRI pengakuan", "recognition IRI"),
    "type": ("jenis", "type"),
    "recipient": ("IRI penerima", "recipient IRI"),
    "recipient_label": ("penerima", "recipient"),
    "conferrer": ("IRI pemberi", "conferrer IRI"),
    "conferrer_label": ("pemberi", "conferrer"),
    "presenter": ("IRI penyerah", "presenter IRI"),
    "presenter_label": ("penyerah", "presenter"),
    "award": ("IRI penghargaan", "award IRI"),
    "award_label": ("penghargaan", "award"),
    "edition": ("IRI edisi", "edition IRI"),
    "edition_label": ("edisi", "edition"),
    "grade": ("IRI predikat", "grade IRI"),
    "grade_label": ("predikat", "grade"),
    "placement": ("peringkat", "placement"),
    "quantity": ("jumlah", "quantity"),
    "work": ("IRI karya/inovasi", "work IRI"),
    "work_label": ("karya/inovasi", "work"),
    "date": ("tanggal", "date"),
    "year": ("tahun", "year"),
    "event": ("IRI acara", "event IRI"),
    "event_label": ("acara", "event"),
    "source_url": ("URL sumber", "source URL"),
    "source_title": ("judul sumber", "source title"),
    "quote": ("kutipan", "quote"),
}


def _cell(value: Any) -> str:
    return "" if value is None else str(value)


def recognitions_csv(engine: Any) -> str:
    """The CSV text; rows sorted by date, recipient and recognition (as ``entities.awards`` returns them)."""
    items = awards(engine)
    evidence = evidence_by_fact(engine)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for row in award_rows(items):
        quotes = evidence.get(row["recognition"], [])
        urls = list(dict.fromkeys(e["url"] for e in quotes if e["url"]))
        titles = list(dict.fromkeys(e["title"] for e in quotes if e["title"]))
        values = [_cell(row[c]) for c in AWARD_COLUMNS]
        values += [" ".join(urls), " | ".join(titles), " | ".join(e["quote"] for e in quotes if e["quote"])]
        writer.writerow(values)
    return out.getvalue()


def csvw_metadata(csv_name: str, csv_url: str) -> str:
    """The CSV on the Web description of the table: columns, titles in both languages, datatypes, licence."""
    columns = []
    for name in COLUMNS:
        title_id, title_en = _TITLES.get(name, (name, name))
        column: dict[str, Any] = {"name": name, "titles": {"und": name, "id": title_id, "en": title_en}}
        datatype = _DATATYPES.get(name)
        column["datatype"] = datatype or ("anyURI" if name in _IRI_COLUMNS else "string")
        columns.append(column)
    document = {
        "@context": ["http://www.w3.org/ns/csvw", {"@language": "en"}],
        "url": csv_url,
        "dc:title": [{"@value": "Penghargaan dan predikat (Anugerah)", "@language": "id"},
                     {"@value": "Recognitions (Anugerah)", "@language": "en"}],
        "dc:license": {"@id": LICENSE_IRI},
        "dialect": {"header": True, "encoding": "utf-8", "lineTerminators": ["\r\n"]},
        "tableSchema": {"columns": columns, "aboutUrl": "{+recognition}"},
        "rdfs:comment": f"{csv_name}: one row per recognition and recipient.",
    }
    return json.dumps(document, ensure_ascii=False, indent=1) + "\n"


_IRI_COLUMNS = {"recognition", "recipient", "award", "edition", "grade", "work", "event"}
