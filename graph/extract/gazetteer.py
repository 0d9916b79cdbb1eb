"""The extractor's vocabulary (``gazetteer.yaml``) as word-sequence lexicons, and the tokenizer they match on."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import yaml

from .document import ABBREV

_WORD = r"[0-9A-Za-zÀ-ÿ]+(?:['’][A-Za-z]+)?(?:[-/][0-9A-Za-zÀ-ÿ]+(?:['’][A-Za-z]+)?)*"
_TOKEN = re.compile(rf"{_WORD}|[^\s0-9A-Za-zÀ-ÿ]")
HONORIFICS = {"dr.", "drs.", "dra.", "ir.", "h.", "hj.", "prof.", "drg.", "kh.", "ny.", "dr", "prof", "hj", "drh."}
PARTICLES = {"bin", "binti", "van", "de", "al"}


@dataclass(frozen=True)
class Token:
    text: str
    start: int
    end: int

    @property
    def low(self) -> str:
        return self.text.lower()

    @property
    def cap(self) -> bool:
        return self.text[:1].isupper()

    @property
    def word(self) -> bool:
        return self.text[:1].isalnum()

    @property
    def number(self) -> bool:
        return bool(re.fullmatch(r"\d+(?:[.,/-]\d+)*", self.text))

    @property
    def acronym(self) -> bool:
        """BPOM, KemenPAN-RB, JIPPNas, PANRB: two or more capitals."""
        letters = [c for c in self.text if c.isalpha()]
        return len(letters) >= 2 and sum(c.isupper() for c in letters) >= 2 and self.text[:1].isupper()


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    end = len(text) if end is None else end
    tokens: list[Token] = []
    for match in _TOKEN.finditer(text, start, end):
        tok = Token(match.group(), match.start(), match.end())
        if tok.text == "." and tokens and tokens[-1].end == tok.start:
            prev = tokens[-1]
            if prev.low in ABBREV or (len(prev.text) == 1 and prev.text.isupper()) or prev.text == "PT":
                tokens[-1] = Token(text[prev.start : tok.end], prev.start, tok.end)
                continue
        tokens.append(tok)
    return tokens


class Lexicon:
    """Word sequences (case-insensitive) with a payload; finds the longest one starting at a token."""

    def __init__(self) -> None:
        self._by_first: dict[str, list[tuple[tuple[str, ...], Any]]] = {}

    def add(self, phrase: str, payload: Any = True) -> None:
        words = tuple(t.low for t in tokenize(phrase))
        if not words:
            return
        entries = self._by_first.setdefault(words[0], [])
        entries.append((words, payload))
        entries.sort(key=lambda e: -len(e[0]))

    def match(self, tokens: list[Token], i: int) -> tuple[int, Any] | None:
        """(number of tokens, payload) of the longest entry at ``tokens[i]``."""
        if i >= len(tokens):
            return None
        for words, payload in self._by_first.get(tokens[i].low, ()):
            if len(words) <= len(tokens) - i and all(tokens[i + k].low == w for k, w in enumerate(words)):
                return len(words), payload
        return None

    def __contains__(self, phrase: str) -> bool:
        words = tuple(t.low for t in tokenize(phrase))
        return any(w == words for w, _p in self._by_first.get(words[0] if words else "", ()))


@dataclass
class Title:
    form: str
    role: str | None
    scope: str
    head: str | None


class Gazetteer:
    def __init__(self, data: dict[str, Any]) -> None:
        self.data = data
        self.acting = Lexicon()
        for kind, forms in data["acting"].items():
            for form in forms:
                self.acting.add(form, kind)
        self.titles = Lexicon()
        for entry in data["titles"]:
            for form in entry["forms"]:
                self.titles.add(form, Title(form, entry.get("role"), entry["scope"], entry.get("head")))
        for form in data["minister_short"]:
            self.titles.add(form, Title(form, "menteri", "minister-short", None))
        self.ministries = Lexicon()
        self.ministry_fields = Lexicon()
        for entry in data["ministries"]:
            for form in [entry["name"], *entry["short"]]:
                self.ministries.add(form, entry["name"])
            for form in entry["field"]:
                self.ministry_fields.add(form, entry["name"])
        self.provinces = Lexicon()
        for entry in data["provinces"]:
            for form in [entry["name"], *entry["short"]]:
                self.provinces.add(form, entry["name"])
        self.multiword_regions = Lexicon()
        for name in data["multiword_regions"]:
            self.multiword_regions.add(name, name)
        self.compass = {w.lower() for w in data["compass"]}
        self.cities = Lexicon()
        for name in data["cities"]:
            self.cities.add(name, name)
        self.region_types = Lexicon()
        for kind, forms in data["region_types"].items():
            for form in forms:
                self.region_types.add(form, kind)
        self.regional_government = Lexicon()
        for form, level in data["regional_government"].items():
            self.regional_government.add(form, level)
        self.org_heads = Lexicon()
        for entry in data["org_heads"]:
            for word in entry["words"]:
                self.org_heads.add(word, entry["kind"])
        self.office_words = {w.lower() for w in data["office_words"]}
        self.venue_heads = Lexicon()
        for word in data["venue_heads"]:
            self.venue_heads.add(word)
        self.venue_lower = {w.lower() for w in data["venue_lower"]}
        self.award_heads = Lexicon()
        for word in data["award_heads"]:
            self.award_heads.add(word)
        self.award_name_starts = Lexicon()
        for word in data["award_name_starts"]:
            self.award_name_starts.add(word)
        self.event_heads = Lexicon()
        for entry in data["event_heads"]:
            for word in entry["words"]:
                self.event_heads.add(word, entry["type"])
        self.event_words = Lexicon()
        for word in data["event_words"]:
            self.event_words.add(word)
        self.verbs: dict[str, Lexicon] = {}
        for kind, words in data["verbs"].items():
            lexicon = Lexicon()
            for word in words:
                lexicon.add(word, kind)
            self.verbs[kind] = lexicon
        self.numbers = Lexicon()
        for word, value in data["numbers"].items():
            self.numbers.add(word, value)
        self.ordinals = {w: v for w, v in data["ordinals"].items()}
        self.group_nouns = Lexicon()
        for word in data["group_nouns"]:
            self.group_nouns.add(word, word)
        self.grade_words = Lexicon()
        for word in data["grade_words"]:
            self.grade_words.add(word, word)

    def number_at(self, tokens: list[Token], i: int) -> tuple[int, int] | None:
        """(tokens used, value) of a cardinal number at ``tokens[i]``: "150", "empat", "dua belas"."""
        if i >= len(tokens):
            return None
        if tokens[i].text.isdigit():
            return 1, int(tokens[i].text)
        found = self.numbers.match(tokens, i)
        if found and tokens[i].low != "se":
            return found
        return None

    def is_region_word(self, token: Token) -> bool:
        return bool(self.provinces.match([token], 0)) or token.low in self.compass


@cache
def gazetteer() -> Gazetteer:
    text = resources.files(__package__).joinpath("gazetteer.yaml").read_text(encoding="utf-8")
    return Gazetteer(yaml.safe_load(text))
