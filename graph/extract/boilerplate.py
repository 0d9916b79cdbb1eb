"""Spans of scraped page furniture that are not the article: never read for facts, never quoted as evidence.

Kinds: ``related`` (related-article headlines, with or without "BACA JUGA"), ``pagination`` ("Halaman
Selanjutnya" and a next article glued after it), ``caption`` (photo captions), ``byline`` (reporter, editor,
source lines) and ``ui`` (advertising and page controls).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

RELATED = re.compile(
    r"^\s*(?:baca\s+(?:juga|pula)|simak\s+juga|lihat\s+juga|berita\s+terkait|artikel\s+terkait|"
    r"baca\s+selengkapnya|tonton\s+juga)\b", re.IGNORECASE)
PAGINATION = re.compile(r"^\s*(?:halaman\s+(?:selanjutnya|berikutnya|sebelumnya)|selanjutnya\s*>+|next\s+page)\b",
                        re.IGNORECASE)
UI_LINE = re.compile(
    r"^\s*(?:advertisement|iklan|scroll\s+(?:untuk|to)\s+\w+(?:\s+\w+)?|mode\s+gelap(?:/terang)?|img_title|"
    r"share|bagikan|komentar|dapatkan\s+update.*|ikuti\s+(?:kami|berita).*|download\s+aplikasi.*|"
    r"lanjutkan\s+membaca.*|\[?gambas:.*|loading\.*|tag(?:s)?\s*:.*)\s*$",
    re.IGNORECASE)
BYLINE = re.compile(
    r"^\s*(?:(?:reporter|penulis|editor|penyunting|pewarta|redaktur|fotografer|kontributor|sumber|foto|"
    r"video|dilaporkan\s+oleh|laporan|wartawan)\b\s*:?.*|[•·*-]\s*[A-Z][\w .'-]{1,40}/\s*[\w .-]{2,40}|"
    r"\((?:red|redaksi|ant|adv|\w{2,4}/\w{2,4})\)\.?)\s*$",
    re.IGNORECASE)
# A credit at the end of a caption: "(Foto: ...)", "(ANTARA/Name)", "(Dok. ...)", "(Istimewa)".
CAPTION_CREDIT = re.compile(
    r"\((?:foto|dok|dokumentasi|istimewa|ilustrasi|antara|antara\s+foto|humas|tangkapan\s+layar)\b[^()]{0,80}\)\s*"
    r"\.?\s*$|\s--\s*$|\.--\s*$", re.IGNORECASE)
CAPTION_START = re.compile(r"^\s*(?:foto\s*:|suasana\s|ilustrasi\s*:|tangkapan\s+layar)", re.IGNORECASE)
CAPTION_POSITION = re.compile(r"\((?:kiri|kanan|tengah|(?:kedua|ketiga|keempat)\s+(?:kiri|kanan))\)", re.IGNORECASE)
LIST_ITEM = re.compile(r"^\s*(?:\d{1,3}[.)]|[-•·*])\s+")
SENTENCE_END = re.compile(r"[.!?:;\"”’)]\s*$")
LOWER_WORDS = {"dan", "di", "ke", "dari", "untuk", "yang", "kian", "jadi", "ini", "itu", "dengan", "atau", "pada",
               "oleh", "dalam", "tak", "bagi", "serta"}


@dataclass(frozen=True)
class Boilerplate:
    start: int
    end: int
    kind: str

    def quote(self, text: str) -> str:
        return text[self.start : self.end]


def lines_with_offsets(text: str) -> list[tuple[int, int]]:
    """(start, end) of every line, without its newline."""
    spans, at = [], 0
    for line in text.split("\n"):
        spans.append((at, at + len(line)))
        at += len(line) + 1
    return spans


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _headline_like(line: str) -> bool:
    """A short line without closing punctuation, most of its words capitalised: a scraped headline."""
    if LIST_ITEM.match(line) or SENTENCE_END.search(line) or line.rstrip().endswith(","):
        return False
    words = re.findall(r"[\w'’-]+", line)
    if not 4 <= len(words) <= 22:
        return False
    content = [w for w in words if w.lower() not in LOWER_WORDS]
    capitalised = sum(1 for w in content if w[0].isupper() or w[0].isdigit())
    return capitalised >= 0.6 * len(content)


def find_boilerplate(text: str, body_start: int, dateline: int | None, title: str | None) -> list[Boilerplate]:
    """Boilerplate spans of ``text``; ``body_start`` is where the article's first paragraph (its dateline) is."""
    found: list[Boilerplate] = []
    lines = lines_with_offsets(text)
    tail_from: int | None = None
    for index, (start, end) in enumerate(lines):
        if tail_from is not None:
            break
        line = text[start:end]
        if not line.strip():
            continue
        a, b = _trimmed(text, start, end)
        if PAGINATION.match(line):
            rest = text[b : b + 240]
            # A new article glued after the pager (its own dateline follows): everything from here is not ours.
            if _glued_article(rest):
                tail_from = a
                found.append(Boilerplate(a, len(text.rstrip()), "pagination"))
            else:
                found.append(Boilerplate(a, b, "pagination"))
            continue
        if RELATED.match(line):
            found.append(Boilerplate(a, b, "related"))
        elif UI_LINE.match(line):
            found.append(Boilerplate(a, b, "ui"))
        elif BYLINE.match(line) and len(line) < 160:
            found.append(Boilerplate(a, b, "byline"))
        elif _is_caption(line, before_body=start < body_start):
            found.append(Boilerplate(a, b, "caption"))
        elif (start > body_start and _headline_like(line) and _isolated(text, lines, index)
              and not (title and line.strip() == title.strip())):
            found.append(Boilerplate(a, b, "related"))
    return _merge(found)


def _glued_article(rest: str) -> bool:
    rest = re.sub(r"^\s*(?:img_title|image|foto)\s*", "", rest, flags=re.IGNORECASE)
    return bool(re.match(r"^[A-Z][A-Za-z .]{1,40}?(?:\s*\([^)]{1,40}\))?\s*[-–—]\s+\S", rest))


def _is_caption(line: str, before_body: bool) -> bool:
    if CAPTION_CREDIT.search(line) or CAPTION_START.match(line):
        return True
    return before_body and bool(CAPTION_POSITION.search(line))


def _isolated(text: str, lines: list[tuple[int, int]], index: int) -> bool:
    """The line stands alone between paragraphs that end as sentences do."""
    prev = next((text[s:e] for s, e in reversed(lines[:index]) if text[s:e].strip() and not RELATED.match(
        text[s:e])), None)
    nxt = next((text[s:e] for s, e in lines[index + 1 :] if text[s:e].strip()), None)
    if prev is None or nxt is None:
        return False
    return bool(SENTENCE_END.search(prev.rstrip())) and not LIST_ITEM.match(nxt)


def _merge(spans: list[Boilerplate]) -> list[Boilerplate]:
    spans = sorted(spans, key=lambda s: (s.start, -s.end))
    out: list[Boilerplate] = []
    for span in spans:
        if out and span.start < out[-1].end:
            if span.end > out[-1].end:
                out[-1] = Boilerplate(out[-1].start, span.end, out[-1].kind)
            continue
        out.append(span)
    return out
