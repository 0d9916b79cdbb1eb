"""CSV for spreadsheet users: one header row, then the rows; a ``{column}_label`` column next to each IRI column.

Datasette's ``_labels=on`` model: a column whose values are IRIs gets a human label column right after it
(``recipient``, ``recipient_label``, ...), filled from a label map fetched once (``entities.all_labels``: one
query for every label of the dataset, cached per engine by the API), never one query per IRI.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from rdflib import Literal, URIRef

__all__ = ["CSV_MEDIA_TYPE", "iri_columns", "projection", "to_csv", "with_label_columns"]

CSV_MEDIA_TYPE = "text/csv; charset=utf-8"
LABEL_SUFFIX = "_label"

_COMMENT_LINE = re.compile(r"^\s*#.*$", re.MULTILINE)
_SELECT = re.compile(
    r"(?<![?$\w])SELECT\s+(?:DISTINCT\s+|REDUCED\s+)?(.*?)\s*(?:(?<![?$\w])WHERE\b|\{)", re.IGNORECASE | re.DOTALL
)
_EXPRESSION = re.compile(r"\([^()]*(?:\([^()]*\)[^()]*)*\bAS\s+\?(\w+)\s*\)", re.IGNORECASE)
_VARIABLE = re.compile(r"[?$](\w+)")


def projection(query: str) -> list[str]:
    """The variable names a SELECT query projects, in order ([] for ``SELECT *`` or a query it cannot read)."""
    match = _SELECT.search(_COMMENT_LINE.sub("", query))
    if match is None:
        return []
    clause = _EXPRESSION.sub(lambda m: f" ?{m.group(1)} ", match.group(1))
    if clause.strip() == "*":
        return []
    return list(dict.fromkeys(_VARIABLE.findall(clause)))


def _is_iri(value: Any) -> bool:
    return isinstance(value, URIRef)


def iri_columns(columns: Sequence[str], rows: Iterable[Mapping[str, Any]]) -> list[str]:
    """The columns holding at least one IRI (rdflib ``URIRef``), in column order."""
    found: set[str] = set()
    for row in rows:
        for column in columns:
            if column not in found and _is_iri(row.get(column)):
                found.add(column)
    return [c for c in columns if c in found]


def with_label_columns(
    columns: Sequence[str], rows: Sequence[Mapping[str, Any]], labels: Mapping[str, str]
) -> tuple[list[str], list[dict[str, Any]]]:
    """Columns and rows with ``{column}_label`` inserted after each IRI column (unless a column of that name
    exists already). A label is the map's entry for the IRI, or empty."""
    targets = [c for c in iri_columns(columns, rows) if c + LABEL_SUFFIX not in columns]
    out_columns: list[str] = []
    for column in columns:
        out_columns.append(column)
        if column in targets:
            out_columns.append(column + LABEL_SUFFIX)
    out_rows = []
    for row in rows:
        new = dict(row)
        for column in targets:
            value = row.get(column)
            new[column + LABEL_SUFFIX] = labels.get(str(value)) if _is_iri(value) else None
        out_rows.append(new)
    return out_columns, out_rows


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Literal | URIRef):
        return str(value)
    return str(value)


def to_csv(columns: Sequence[str], rows: Iterable[Mapping[str, Any]]) -> str:
    """RFC 4180 CSV (CRLF line ends, quoted where needed); an unbound or missing value is an empty cell."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_cell(row.get(column)) for column in columns])
    return buffer.getvalue()
