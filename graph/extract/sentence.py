"""One sentence, read once: its tokens, mentions, verbs and dates, and the small parsers the rules share."""

from __future__ import annotations

from dataclasses import dataclass

from .dates import DateMention, find_dates
from .document import Document, Sentence
from .gazetteer import Token, tokenize
from .mentions import CONNECT, Finder, Mention, acronym_in_parens, close_paren, is_date_word, span_text

ADVERBS = {"berhasil", "sukses", "kembali", "juga", "pun", "telah", "sudah", "akhirnya", "turut", "resmi", "langsung",
           "sendiri", "secara", "lagi", "pula", "berhak", "layak", "mampu", "dapat", "kini", "baru",
           "sekaligus", "masih", "tetap", "akan", "hanya", "bahkan", "lantas", "lalu", "kemudian", "pertama"}
SEPARATORS = {",", ";", "dan", "serta", "&", "maupun"}
LIST_OPENERS = {"berikut", "yakni", "yaitu", "ialah", "adalah", "antara", ":", "lain", "diantaranya", "di antaranya"}
ANAPHORA = {"tersebut", "itu", "ini"}
VERB_ORDER = ("hand_passive", "hand_active", "proxy", "open_passive", "receive_passive", "confer_active",
              "receive_active", "open_active", "organise", "speech")


@dataclass(frozen=True)
class Verb:
    kind: str
    t0: int
    t1: int
    text: str


class SentenceView:
    def __init__(self, doc: Document, sentence: Sentence, index: int, finder: Finder) -> None:
        self.doc = doc
        self.text = doc.text
        self.sentence = sentence
        self.index = index
        self.finder = finder
        self.g = finder.g
        self.tokens: list[Token] = tokenize(doc.text, sentence.start, sentence.end)
        toks = self.tokens
        self.persons = [m for m in finder.persons(doc.text, toks)]
        taken = {i for m in self.persons for i in range(m.t0, m.t1)}
        self.orgs = finder.orgs(doc.text, toks, taken) if sentence.kind != "heading" else []
        taken |= {i for m in self.orgs for i in range(m.t0, m.t1)}
        self.regions = finder.regions(doc.text, toks, taken)
        self.groups = finder.groups(doc.text, toks)
        self.agents: list[Mention] = sorted([*self.persons, *self.orgs, *self.regions, *self.groups],
                                            key=lambda m: (m.t0, -m.t1))
        self.verbs = self._verbs()
        self.dates: list[DateMention] = find_dates(doc.text, doc.published, sentence.start, sentence.end)
        self.quoted = {i for i, t in enumerate(toks) if doc.in_quote(t.start, t.end)}

    # ------------------------------------------------------------------------------------------ basics

    def span(self, a: int, b: int) -> tuple[int, int, str]:
        return span_text(self.text, self.tokens, a, b)

    def low(self, i: int) -> str:
        return self.tokens[i].low if 0 <= i < len(self.tokens) else ""

    def _verbs(self) -> list[Verb]:
        found: list[Verb] = []
        i = 0
        while i < len(self.tokens):
            for kind in VERB_ORDER:
                match = self.g.verbs[kind].match(self.tokens, i)
                if match:
                    found.append(Verb(kind, i, i + match[0], " ".join(t.text for t in self.tokens[i:i + match[0]])))
                    i += match[0] - 1
                    break
            i += 1
        return found

    def verbs_of(self, *kinds: str) -> list[Verb]:
        return [v for v in self.verbs if v.kind in kinds and v.t0 not in self.quoted]

    def agent_at(self, i: int, kinds: tuple[str, ...] = ("person", "org", "region", "group", "office-group")
                 ) -> Mention | None:
        options = [m for m in self.agents if m.t0 == i and m.kind in kinds]
        return max(options, key=lambda m: m.t1) if options else None

    def agent_ending_at(self, i: int) -> Mention | None:
        options = sorted((m for m in self.agents if m.t1 == i), key=lambda m: (m.t0, m.kind != "group"))
        return options[0] if options else None

    def skip(self, i: int, words: set[str]) -> int:
        while i < len(self.tokens) and self.tokens[i].low in words:
            i += 1
        return i

    def speech_before(self, i: int) -> bool:
        """Token ``i`` sits in a clause that reports speech ("ujar Khofifah di Grahadi")."""
        if i in self.quoted:
            return True
        for verb in self.verbs:
            if verb.kind == "speech" and verb.t1 <= i:
                between = self.tokens[verb.t1 : i]
                if not any(t.low in ("acara", "upacara") for t in between):
                    return True
        return False

    # -------------------------------------------------------------------------------------- agents

    def subject_of(self, v: int) -> Mention | None:
        """The agent that is the subject of the verb at token ``v``."""
        i = v - 1
        while i >= 0 and self.tokens[i].low in ADVERBS:
            i -= 1
        if i >= 0 and self.tokens[i].text == "," and i > 0 and self.tokens[i - 1].low != "yang":
            i -= 1
        if i >= 0 and self.tokens[i].text == ")":
            k = i
            while k > 0 and self.tokens[k].text != "(" and i - k < 6:
                k -= 1
            if self.tokens[k].text == "(" and self.agent_ending_at(k) is not None:
                i = k - 1
        if i >= 0 and self.tokens[i].low == "yang":
            i -= 1
            if i >= 0 and self.tokens[i].text == ",":
                i -= 1
            # an apposition: "IIPG, lembaga independen yang telah memberikan ..."
            k = i
            while k >= 0 and not self.tokens[k].cap and self.tokens[k].word and i - k < 4:
                k -= 1
            if k >= 0 and self.tokens[k].text == "," and k < i and self.agent_ending_at(k) is not None:
                i = k - 1
        mention = self.agent_ending_at(i + 1)
        if mention is not None:
            return mention
        # a group and its modifiers: "139 badan publik berpredikat informatif menerima"
        for m in sorted(self.agents, key=lambda m: -m.t1):
            blockers = (",", ";") if m.kind == "group" else (",", ";", "(", ")")
            if m.t1 <= i + 1 and m.kind in ("group", "person", "org") and not any(
                    self.tokens[x].text in blockers for x in range(m.t1, v)) and v - m.t1 <= 14:
                if m.kind != "group" and v - m.t1 > 3:
                    continue
                return m
            if m.t1 <= i + 1:
                break
        return None

    def agent_list(self, i: int, max_items: int = 60) -> tuple[list[Mention], int]:
        """Agents listed from token ``i`` ("Kota Surabaya; Kabupaten Badung; ... dan Kota Bandung", "Kabupaten
        Tuban, Nganjuk, Gresik"), with the index after the list. Bare names count when the list has begun."""
        items: list[Mention] = []
        j = i
        while j < len(self.tokens) and len(items) < max_items:
            j = self.skip(j, SEPARATORS) if items else j
            mention = self.agent_at(j)
            if mention is None and items:
                mention = self._bare_item(j)
            if mention is None:
                break
            items.append(mention)
            j = mention.t1
            if j < len(self.tokens) and self.tokens[j].text == "(" and (end := close_paren(self.tokens, j, 12)):
                j = end
            if j >= len(self.tokens) or self.tokens[j].low not in SEPARATORS:
                break
        return items, j

    def _bare_item(self, j: int) -> Mention | None:
        """A list item written without its kind ("Nganjuk" after "Kabupaten Tuban,")."""
        if j >= len(self.tokens) or not self.tokens[j].cap or is_date_word(self.tokens[j]):
            return None
        region = self.finder.read_region(self.tokens, j)
        end = j + region[0] if region else None
        if end is None:
            return None
        s, e, t = self.span(j, end)
        return Mention("region", s, e, t, j, end, name=t, region=region[1] if region else t, level=None,
                       extra={"bare": True})

    # -------------------------------------------------------------------------------------- phrases

    def phrase(self, i: int, **kwargs) -> int:
        return self.finder.phrase(self.tokens, i, **kwargs)

    def award_phrase(self, i: int) -> tuple[int, int, dict] | None:
        """An award named at token ``i``: "penghargaan Wahana Tata Nugraha (WTN) Wiratama", "Anugerah Keterbukaan
        Informasi Publik", "tanda kehormatan Satyalancana ...", "penghargaan tertinggi Adipura Kencana".
        Returns (start, end, info) with the name's token range; info has 'count', 'adjective', 'anaphoric'."""
        g = self.g
        toks = self.tokens
        info: dict = {}
        j = i
        number = g.number_at(toks, j)
        if number and j + number[0] < len(toks) and g.award_heads.match(toks, j + number[0]):
            info["count"] = number[1]
            j += number[0]
        elif self.low(j) == "kedua" and g.award_heads.match(toks, j + 1):
            info["count"] = 2
            j += 1
        head = g.award_heads.match(toks, j)
        starts = g.award_name_starts.match(toks, j)
        if head is None and starts is None:
            return None
        if head and not (toks[j].cap and starts and self.phrase(j) - j > 1):
            k = j + head[0]
            if self.low(k) in g.ordinals or self.low(k).endswith("nya"):
                return None
            adjective = []
            while self.low(k) in ("tertinggi", "bergengsi", "utama", "khusus", "istimewa", "paling", "tinggi"):
                adjective.append(toks[k].text)
                k += 1
            if adjective:
                info["adjective"] = " ".join(adjective)
            if self.low(k) in ANAPHORA or (self.low(k) == "yang" and not adjective):
                info["anaphoric"] = True
                return j, k + (1 if self.low(k) in ANAPHORA else 0), info
            if k < len(toks) and (toks[k].cap or toks[k].acronym) and not is_date_word(toks[k]) and \
                    not self.finder.title_at(toks, k) and self.agent_at(k, ("person", "org")) is None:
                end = self.phrase(k, allow=frozenset({"dari"}) if self.low(j) == "predikat" else frozenset())
                for x in range(k, end):
                    if self.low(x) == "dari" and self.agent_at(x + 1, ("person", "org")) is not None:
                        end = x
                        break
                if end > k:
                    return k, end, info
            info["anaphoric"] = True
            info["bare"] = True
            return j, j + head[0], info
        end = self.phrase(j)
        if end <= j or (end - j == 1 and head is not None):
            return None
        return j, end, info

    def category_at(self, i: int) -> tuple[int, int] | None:
        """ "kategori Kota Kecil", "Klasifikasi Kota Raya": the category's name range after the word."""
        if self.low(i) in ("kategori", "klasifikasi", "kelas") and i + 1 < len(self.tokens) and \
                (self.tokens[i + 1].cap or self.tokens[i + 1].acronym):
            end = self.phrase(i + 1)
            return (i + 1, end) if end > i + 1 else None
        return None

    def venue_after(self, i: int) -> Mention | None:
        """A venue at "di X" / "bertempat di X" / "berlangsung di X" starting at token ``i`` (the "di")."""
        if self.low(i) != "di":
            return None
        return self.finder.venue_at(self.text, self.tokens, i + 1)

    def date_after(self, t: int, within: int = 14) -> DateMention | None:
        """The first date starting at or after token ``t`` (within a few tokens)."""
        if t >= len(self.tokens):
            return None
        start = self.tokens[t].start
        limit = self.tokens[min(len(self.tokens) - 1, t + within)].end
        for d in self.dates:
            if start <= d.start <= limit:
                return d
        return None

    def token_of(self, char: int) -> int:
        for i, tok in enumerate(self.tokens):
            if tok.start >= char:
                return i
        return len(self.tokens)

    def acronym_after(self, i: int) -> int | None:
        return acronym_in_parens(self.tokens, i)

    def connects(self, i: int) -> bool:
        return self.low(i) in CONNECT
