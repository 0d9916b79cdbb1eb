"""Find entities by name: Indonesian or English labels, aliases and acronyms, tolerant of typos.

Built once from the entity index (``entities.entity_index``) and read-only after that; safe to share between
threads. Every name is normalised (case, accents, punctuation, hyphens and spaces), also in a compact form
without spaces ("KemenPAN-RB" = "KemenPAN RB" = "kemenpanrb") and with common Indonesian bureaucratic
abbreviations spelled out ("Dishub Jatim" ~ "Dinas Perhubungan ... Jawa Timur").

A query is scored against every name:

- an exact match ranks first (100; 99.5 when only the spelled-out forms agree);
- then a name that starts with the query (90–99.9);
- then a match of whole words (88–90);
- then rapidfuzz similarity (the larger of WRatio and 0.95 × token-set ratio, scaled into 0–88).

An entity's score is its best name's; ties go to the name spelled exactly as asked, then the preferred label,
then the shorter name, then the IRI.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import asdict, dataclass

from rapidfuzz import fuzz, process

from .entities import EntityRecord, curie

__all__ = ["MAX_QUERY_LENGTH", "EntitySearch", "Hit", "normalise"]

MAX_QUERY_LENGTH = 200  # characters of a query that are looked at; the rest is ignored
MAX_LIMIT = 100
FUZZY_CUTOFF = 60.0  # rapidfuzz score (0–100) below which a name is not a candidate
FUZZY_SCALE = 0.88
PREFIX_MIN = 2  # a prefix match needs at least this many characters

# Single-word abbreviations, and their spelled-out form. Both names and queries are expanded, so either
# spelling finds the other.
ABBREVIATIONS: dict[str, str] = {
    "pemprov": "pemerintah provinsi",
    "pemkab": "pemerintah kabupaten",
    "pemkot": "pemerintah kota",
    "pemda": "pemerintah daerah",
    "prov": "provinsi",
    "kab": "kabupaten",
    "kemen": "kementerian",
    "kementrian": "kementerian",
    "kemenpan": "kementerian pan",
    "kemenpanrb": "kementerian pan rb",
    "menpan": "menteri pan",
    "menpanrb": "menteri pan rb",
    "panrb": "pan rb",
    "dishub": "dinas perhubungan",
    "dinkes": "dinas kesehatan",
    "disdik": "dinas pendidikan",
    "dispendik": "dinas pendidikan",
    "diskominfo": "dinas komunikasi dan informatika",
    "dukcapil": "kependudukan dan pencatatan sipil",
    "bappeda": "badan perencanaan pembangunan daerah",
    "wagub": "wakil gubernur",
    "gub": "gubernur",
    "jatim": "jawa timur",
    "jateng": "jawa tengah",
    "jabar": "jawa barat",
    "kalbar": "kalimantan barat",
    "kalteng": "kalimantan tengah",
    "kalsel": "kalimantan selatan",
    "kaltim": "kalimantan timur",
    "kaltara": "kalimantan utara",
    "sulut": "sulawesi utara",
    "sulteng": "sulawesi tengah",
    "sulsel": "sulawesi selatan",
    "sultra": "sulawesi tenggara",
    "sulbar": "sulawesi barat",
    "sumut": "sumatera utara",
    "sumbar": "sumatera barat",
    "sumsel": "sumatera selatan",
    "ntb": "nusa tenggara barat",
    "ntt": "nusa tenggara timur",
    "diy": "daerah istimewa yogyakarta",
    "jogja": "yogyakarta",
    "jogjakarta": "yogyakarta",
}
# Multi-word phrases (after the words above are expanded).
PHRASES: dict[str, str] = {
    "pan rb": "pendayagunaan aparatur negara dan reformasi birokrasi",
    "dki": "daerah khusus ibukota",
}
# Leading honorifics and trailing academic degrees are not part of a name ("Dr. H. Emil Dardak, M.Sc.").
_HONORIFIC = re.compile(r"^\s*(?:(?:prof|dr|drs|dra|ir|h|hj|kh|ny|tn)\.\s*)+", re.IGNORECASE)
_DEGREES = re.compile(r",\s*(?:[A-Za-z]{1,4}\.(?:[A-Za-z]{1,4}\.?)*\s*,?\s*)+$")
_NON_WORD = re.compile(r"[^0-9a-z]+")


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c)).casefold()


def normalise(text: str) -> str:
    """Lower case, accents removed, every run of punctuation, hyphens or spaces made one space."""
    return _NON_WORD.sub(" ", _fold(text)).strip()


def _expand(norm: str) -> str:
    words = [ABBREVIATIONS.get(w, w) for w in norm.split()]
    text = " ".join(words)
    for phrase, full in PHRASES.items():
        text = re.sub(rf"\b{re.escape(phrase)}\b", full, text)
    return text


@dataclass(frozen=True)
class Hit:
    iri: str
    label_id: str | None
    label_en: str | None
    type: str | None  # the most specific class as a CURIE, e.g. agr:RegionalAgency
    kind: str  # person, organisation, office, award, event, place, region, group, ...
    matched: str  # the name that matched, as written in the data
    score: float  # 0–100; 100 = exact
    match: str  # "exact", "prefix", "word" or "fuzzy"

    def to_dict(self) -> dict[str, object]:
        return asdict(self)


@dataclass(frozen=True)
class _Name:
    record: int
    original: str
    source: str  # label_id, label_en, alt_id, alt_en
    forms: tuple[str, ...]  # normalised, expanded (distinct)
    compact: str


class EntitySearch:
    """Search entity records by name. ``search(q, limit, types)`` → ``list[Hit]``, best first."""

    def __init__(self, records: Iterable[EntityRecord]) -> None:
        self.records: list[EntityRecord] = list(records)
        self._by_iri = {r.iri: r for r in self.records}
        self._names: list[_Name] = []
        self._exact: dict[str, list[int]] = {}
        choices: list[str] = []
        self._choice_owner: list[int] = []  # choice index → name index
        for r_index, record in enumerate(self.records):
            for original, source in record.names():
                norm = normalise(original)
                if not norm:
                    continue
                expanded = _expand(norm)
                forms = tuple(dict.fromkeys((norm, expanded)))
                compact = norm.replace(" ", "")
                n_index = len(self._names)
                self._names.append(_Name(r_index, original, source, forms, compact))
                for key in {*forms, compact, expanded.replace(" ", "")}:
                    self._exact.setdefault(key, []).append(n_index)
                for form in forms:
                    choices.append(form)
                    self._choice_owner.append(n_index)
        self._choices = choices
        # Sorted (form, name index) pairs for prefix lookups by bisection.
        self._sorted = sorted(
            {(key, n) for n, name in enumerate(self._names) for key in (*name.forms, name.compact)}
        )
        self._sorted_keys = [key for key, _n in self._sorted]

    def __len__(self) -> int:
        return len(self.records)

    @property
    def kinds(self) -> set[str]:
        return {r.kind for r in self.records}

    @property
    def type_names(self) -> set[str]:
        """Every class of an indexed entity, as a CURIE."""
        return {curie(t) for r in self.records for t in r.types}

    def record(self, iri: str) -> EntityRecord | None:
        """The indexed entity with this IRI, if any."""
        return self._by_iri.get(iri)

    def search(self, q: object, limit: int = 10, types: Iterable[str] | None = None) -> list[Hit]:
        """The best entities for the query, at most ``limit`` (1–100). ``types``: kinds (``person``), CURIEs
        (``agr:Ministry``) or class IRIs; an entity matches if its kind or any of its classes is listed.

        Never raises for bad input: a non-string, an empty or blank query, or punctuation only give [].
        """
        if not isinstance(q, str):
            return []
        try:
            limit = max(1, min(int(limit), MAX_LIMIT))
        except (TypeError, ValueError):
            limit = 10
        queries = _query_forms(q[: MAX_QUERY_LENGTH * 2])
        if not queries:
            return []
        allowed = self._allowed(types)
        best: dict[int, tuple[float, str, int]] = {}  # record → (score, match, name index)

        raw = q.strip().casefold()

        def preference(score: float, n_index: int) -> tuple[float, bool, int]:
            # Equal scores: the name spelled exactly as asked, then the preferred label.
            return (score, self._names[n_index].original.casefold() == raw, -self._rank(n_index))

        def offer(n_index: int, score: float, match: str) -> None:
            record = self._names[n_index].record
            if allowed is not None and record not in allowed:
                return
            current = best.get(record)
            if current is None or preference(score, n_index) > preference(current[0], current[2]):
                best[record] = (score, match, n_index)

        for position, query in enumerate(queries):
            compact = query.replace(" ", "")
            for key in {query, compact}:
                for n_index in self._exact.get(key, ()):
                    # The name as written beats the same name reached only by spelling out abbreviations.
                    name = self._names[n_index]
                    literal = position == 0 and key in (name.forms[0], name.compact)
                    offer(n_index, 100.0 if literal else 99.5, "exact")
            if len(compact) >= PREFIX_MIN:
                for key in {query, compact}:
                    for n_index, form in self._prefixed(key):
                        offer(n_index, 90.0 + 9.9 * len(key) / max(len(form), 1), "prefix")
            for n_index, form in self._fuzzy(query):
                pass_score = self._word_score(query, form)
                if pass_score is not None:
                    offer(n_index, pass_score, "word")
                fuzzy = max(fuzz.WRatio(query, form), fuzz.token_set_ratio(query, form) * 0.95)
                offer(n_index, round(fuzzy * FUZZY_SCALE, 2), "fuzzy")

        ranked = sorted(
            best.items(),
            key=lambda item: (
                -item[1][0],
                self._rank(item[1][2]),
                len(self._names[item[1][2]].original),
                self.records[item[0]].iri,
            ),
        )
        hits = []
        for r_index, (score, match, n_index) in ranked[:limit]:
            record = self.records[r_index]
            hits.append(
                Hit(
                    iri=record.iri,
                    label_id=record.label_id,
                    label_en=record.label_en,
                    type=record.type,
                    kind=record.kind,
                    matched=self._names[n_index].original,
                    score=round(min(score, 100.0), 2),
                    match=match,
                )
            )
        return hits

    # ----------------------------------------------------------------------------------------------------------

    def _rank(self, n_index: int) -> int:
        return {"label_id": 0, "label_en": 1, "alt_id": 2, "alt_en": 3}.get(self._names[n_index].source, 4)

    def _allowed(self, types: Iterable[str] | None) -> set[int] | None:
        if types is None:
            return None
        wanted = {t for t in types if isinstance(t, str) and t}
        if not wanted:
            return None
        lowered = {t.casefold() for t in wanted}
        allowed = set()
        for index, record in enumerate(self.records):
            names = {record.kind} | set(record.types) | {curie(t) for t in record.types}
            names |= {curie(t).split(":", 1)[-1] for t in record.types}
            if {n.casefold() for n in names} & lowered:
                allowed.add(index)
        return allowed

    def _prefixed(self, key: str) -> Iterable[tuple[int, str]]:
        start = bisect.bisect_left(self._sorted_keys, key)
        end = bisect.bisect_left(self._sorted_keys, key + "\uffff")
        for form, n_index in self._sorted[start : min(end, start + 500)]:
            if form != key:
                yield n_index, form

    def _fuzzy(self, query: str) -> Iterable[tuple[int, str]]:
        if not self._choices:
            return []
        found = process.extract(
            query, self._choices, scorer=fuzz.WRatio, processor=None, limit=200, score_cutoff=FUZZY_CUTOFF
        )
        return [(self._choice_owner[index], choice) for choice, _score, index in found]

    @staticmethod
    def _word_score(query: str, form: str) -> float | None:
        """88–90 when the query's words are whole words (the last one may be a word prefix) of the name, in
        order and adjacent; more of the name covered scores higher."""
        q_words, f_words = query.split(), form.split()
        if not q_words or len(q_words) > len(f_words):
            return None
        for start in range(len(f_words) - len(q_words) + 1):
            window = f_words[start : start + len(q_words)]
            if window[:-1] == q_words[:-1] and window[-1].startswith(q_words[-1]):
                if len(q_words[-1]) < PREFIX_MIN and window[-1] != q_words[-1]:
                    continue
                return 88.0 + 2.0 * len(query) / max(len(form), 1)
        return None


def _query_forms(q: str) -> list[str]:
    """The normalised query, without honorifics and degrees, and with abbreviations spelled out (distinct)."""
    stripped = _DEGREES.sub("", _HONORIFIC.sub("", q))
    forms = []
    for text in (q, stripped):
        norm = normalise(text)[:MAX_QUERY_LENGTH].strip()
        if norm:
            forms += [norm, _expand(norm)]
    return list(dict.fromkeys(forms))
