"""An article as the extractor reads it: its text, metadata, boilerplate, and the sentences worth reading."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from .boilerplate import Boilerplate, find_boilerplate, lines_with_offsets

HEADER_SOURCE = re.compile(r"^source:\s*(\S+)\s*$")
HEADER_TITLE = re.compile(r"^title:\s*(.*)$")
# "Surabaya - ", "Jakarta (ANTARA) - ", "TRIBUNJATIM.COM, SURABAYA - ", "jpnn.com - JAKARTA - ", "JAKARTA – ",
# "BATU, MEMORANDUM.CO.ID - ", "Surabaya, Jatiminside.com – ", "Jakarta, VIVA Jatim- "
DATELINE = re.compile(
    r"^(?P<head>[A-Za-z][\w.]*(?:[ ,]+[\w.]+){0,4}?(?:\s*\([^)\n]{1,40}\))?)\s*[-–—]\s*"
    r"(?:[A-Z][A-Z .]{2,30}\s*[-–—]\s*)?(?=\S)")
# Abbreviations after which a full stop does not end a sentence.
ABBREV = {"dr", "drs", "dra", "ir", "h", "hj", "prof", "no", "kab", "pt", "st", "jl", "jln", "m", "s", "sp", "tbk",
          "dll", "dsb", "kec", "kel", "ds", "drg", "kh", "ny", "tn", "bpk", "sdr", "mr", "mrs", "dkk", "nomor", "vol",
          "hal", "tgl", "rp", "a.n", "u.p", "a", "b", "c", "d", "e", "f", "g", "i", "j", "k", "l", "n", "o", "p", "q",
          "r", "t", "u", "v", "w", "x", "y", "z", "sh", "se", "mm", "msi", "si", "mt", "mpd", "spd", "skm"}
QUOTE_PAIRS = (("“", "”"), ('"', '"'))


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str
    paragraph: int  # index of the line it sits on
    kind: str = "body"  # body, list-item, heading (ends with ':'), lead (before the dateline)


@dataclass
class Document:
    text: str
    url: str | None = None
    title: str | None = None
    published: dt.date | None = None
    boilerplate: list[Boilerplate] = field(default_factory=list)
    body_start: int = 0
    dateline: tuple[int, int] | None = None
    sentences: list[Sentence] = field(default_factory=list)
    quotes: list[tuple[int, int]] = field(default_factory=list)  # direct speech

    def in_boilerplate(self, start: int, end: int) -> bool:
        return any(start < b.end and b.start < end for b in self.boilerplate)

    def in_quote(self, start: int, end: int) -> bool:
        return any(a <= start and end <= b for a, b in self.quotes)


def split_header(raw: str) -> tuple[str | None, str | None, str]:
    """A corpus file's ``source:`` and ``title:`` lines (if it has them) and the article text after them."""
    lines = raw.split("\n")
    url = title = None
    index = 0
    if lines and (m := HEADER_SOURCE.match(lines[0])):
        url = m.group(1)
        index = 1
        if len(lines) > 1 and (t := HEADER_TITLE.match(lines[1])):
            title = t.group(1).strip() or None
            index = 2
        while index < len(lines) and not lines[index].strip():
            index += 1
    if title and title.startswith("(headline not in excerpt"):
        title = None
    return url, title, "\n".join(lines[index:])


def read_document(text: str, url: str | None = None, title: str | None = None,
                  published: dt.date | None = None) -> Document:
    doc = Document(text=text, url=url, title=title, published=published)
    doc.dateline, doc.body_start = _find_dateline(text)
    doc.boilerplate = find_boilerplate(text, doc.body_start, doc.dateline[0] if doc.dateline else None, title)
    doc.quotes = _quotes(text)
    doc.sentences = _sentences(doc)
    return doc


def _find_dateline(text: str) -> tuple[tuple[int, int] | None, int]:
    """The "CITY (Publisher) – " lead-in of the first paragraph: where the article body begins."""
    lines = lines_with_offsets(text)
    for start, end in lines[:25]:
        line = text[start:end]
        match = DATELINE.match(line)
        if not match or len(line) < 60:
            continue
        head = match.group("head")
        if len(head.split()) > 6 or head.strip().lower() in {"baca juga", "foto"}:
            continue
        first = head.split(",")[0].split("(")[0].strip()
        if not first or not (first[0].isupper() or "." in first):
            continue
        return (start, start + match.end()), start
    return None, 0


def _quotes(text: str) -> list[tuple[int, int]]:
    spans = []
    for match in re.finditer(r"“[^”\n]*(?:”|$)|\"[^\"\n]*(?:\"|$)", text, re.MULTILINE):
        spans.append(match.span())
    return spans


def _sentences(doc: Document) -> list[Sentence]:
    text = doc.text
    out: list[Sentence] = []
    for index, (start, end) in enumerate(lines_with_offsets(text)):
        if not text[start:end].strip():
            continue
        if doc.dateline and doc.dateline[0] <= start < doc.dateline[1]:
            start = doc.dateline[1]
        kind = "lead" if start < doc.body_start else "body"
        line = text[start:end]
        if re.match(r"^\s*(?:\d{1,3}[.)]|[-•·*])\s+\S", line):
            kind = "list-item" if kind == "body" else kind
        elif line.rstrip().endswith(":") and kind == "body":
            kind = "heading" if len(line.strip()) < 80 else "intro"
        for a, b in _split_line(text, start, end):
            if doc.in_boilerplate(a, b):
                continue
            if doc.title and text[a:b].strip() == doc.title.strip():
                continue
            out.append(Sentence(a, b, text[a:b], index, kind))
    return out


def _split_line(text: str, start: int, end: int) -> list[tuple[int, int]]:
    pieces: list[tuple[int, int]] = []
    at = start
    for match in re.finditer(r"[.!?]+[\"”’)]?(?=\s+[\"“(]?[A-Z0-9])", text[start:end]):
        cut = start + match.end()
        word = re.search(r"([\w.]+)\.$", text[at:start + match.start() + 1])
        if word and match.group().startswith(".") and word.group(1).lower().rstrip(".") in ABBREV:
            continue
        if re.search(r"\d\.$", text[at:start + match.start() + 1]) and re.match(r"\s*\d", text[cut:end]):
            continue
        if _inside_quote(text, at, cut) or re.fullmatch(r"\s*\d{1,3}[.)]", text[at:cut]):
            continue
        pieces.append((at, cut))
        at = cut
    pieces.append((at, end))
    out = []
    for a, b in pieces:
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if b > a:
            out.append((a, b))
    return out


def _inside_quote(text: str, start: int, cut: int) -> bool:
    segment = text[start:cut]
    return segment.count("“") > segment.count("”") or segment.count('"') % 2 == 1
