"""Mentions in one sentence: officials (title, office, name), organisations, regions, counted groups, venues,
and the phrases that name awards and events. Each knows its character span in the article text."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from .dates import MONTHS, WEEKDAYS
from .gazetteer import HONORIFICS, PARTICLES, Gazetteer, Lexicon, Token, gazetteer

CONNECT = {"dan", "&"}
TRAILING_HEADS = {"institute", "center", "centre", "foundation", "association", "council", "agency", "corporation"}
AWARD_ADJ = {"tertinggi", "bergengsi", "terbaik", "utama", "tertinggi,", "khusus", "istimewa"}
AGENCY_ACRONYM = re.compile(
    r"^(?:Dis|Din)(?!as$)[a-z]{2,}$|^(?:Bapenda|Bappeda|Bakesbangpol|BPBD|BKD|BPKAD|BKPSDM|DPMPTSP)$")
LEGAL_FORMS = {"persero", "tbk", "perum", "perseroda", "persero tbk"}
CAP_FUNCTION = {"dengan", "dan", "yang", "di", "ke", "dari", "untuk", "pada", "dalam", "bersama", "tingkat", "terbaik",
                "besar", "kecil", "sedang", "raya", "madya", "metropolitan", "kategori", "klasifikasi", "para",
                "sebanyak", "adapun", "selain", "sementara", "menurut", "bagi", "atas", "no", "nomor", "tentang"}
NOT_NAME = {"ini", "itu", "tersebut", "kini", "juga", "pun", "saat", "yang", "di", "ke", "dari", "pada", "dalam"}


@dataclass
class Mention:
    kind: str  # person, org, region, group, office-group, venue
    start: int
    end: int
    text: str
    t0: int
    t1: int
    name: str | None = None
    name_span: tuple[int, int] | None = None
    role: str | None = None
    role_vocab: str | None = None
    tenure: str | None = None
    org: str | None = None
    region: str | None = None
    level: str | None = None
    org_kind: str | None = None
    count: int | None = None
    noun: str | None = None
    alias: str | None = None
    extra: dict = field(default_factory=dict)


def span_text(text: str, tokens: list[Token], a: int, b: int) -> tuple[int, int, str]:
    start, end = tokens[a].start, tokens[b - 1].end
    return start, end, text[start:end]


def is_date_word(token: Token) -> bool:
    return token.low.replace("’", "'") in WEEKDAYS or (token.low in MONTHS and token.cap and len(token.text) > 3)


def close_paren(tokens: list[Token], i: int, limit: int = 8) -> int | None:
    """Index after the ')' closing the '(' at ``i``."""
    if i >= len(tokens) or tokens[i].text != "(":
        return None
    for k in range(i + 1, min(len(tokens), i + limit)):
        if tokens[k].text == ")":
            return k + 1
        if tokens[k].text == "(":
            return None
    return None


def acronym_in_parens(tokens: list[Token], i: int) -> int | None:
    """Index after "(ACR)" at ``i`` when it holds one short capitalised name."""
    end = close_paren(tokens, i, 5)
    if end is None:
        return None
    inner = tokens[i + 1 : end - 1]
    if inner and all(t.cap or t.acronym or t.text in "-/" for t in inner) and len(inner) <= 3:
        return end
    return None


class Finder:
    """All mention finders for one gazetteer and a lexicon of names already known to the graph."""

    def __init__(self, gaz: Gazetteer | None = None, known_orgs: Lexicon | None = None,
                 known_places: Lexicon | None = None) -> None:
        self.g = gaz or gazetteer()
        self.known_orgs = known_orgs or Lexicon()
        self.known_places = known_places or Lexicon()

    # ------------------------------------------------------------------------------------------- words

    def title_at(self, tokens: list[Token], i: int) -> bool:
        return bool(self.g.titles.match(tokens, i) or self.g.acting.match(tokens, i))

    def office_word(self, token: Token) -> bool:
        parts = token.low.replace("-", "/").split("/")
        return all(p in self.g.office_words for p in parts if p)

    def nameish(self, token: Token) -> bool:
        """A capitalised word that can be part of a person's name."""
        if not token.cap or not token.word or (token.text.isupper() and len(token.text) > 1):
            return False
        if token.text.endswith(".") and token.low not in HONORIFICS and len(token.text) > 2:
            return False
        if token.low in CAP_FUNCTION or token.low.startswith("se-"):
            return False
        if self.office_word(token) or token.low in self.g.compass or is_date_word(token) or token.number:
            return False
        return not (self.g.provinces.match([token], 0) or self.g.titles.match([token], 0))

    def read_region(self, tokens: list[Token], i: int, known_only: bool = False) -> tuple[int, str] | None:
        """A region's name at ``tokens[i]``: a province, a known regency/city, or a word and its compass words."""
        for lexicon in (self.g.provinces, self.g.multiword_regions, self.g.cities, self.known_places):
            found = lexicon.match(tokens, i)
            if found:
                n = found[0]
                while i + n < len(tokens) and tokens[i + n].low in self.g.compass and tokens[i + n].cap:
                    n += 1
                return n, " ".join(t.text for t in tokens[i : i + n])
        if i >= len(tokens):
            return None
        tok = tokens[i]
        if tok.cap and len(tok.text) >= 5 and (fuzzy := self._fuzzy_province(tok)):
            return 1, fuzzy
        if known_only:
            return None
        if not tok.cap or not tok.word or tok.number or self.office_word(tok) or is_date_word(tok):
            return None
        if tok.low in CAP_FUNCTION or tok.low.startswith("se-") or (tok.text.isupper() and len(tok.text) > 4):
            return None
        if self.g.titles.match(tokens, i) or self.g.org_heads.match(tokens, i):
            return None
        n = 1
        while i + n < len(tokens) and tokens[i + n].low in self.g.compass and tokens[i + n].cap:
            n += 1
        return n, " ".join(t.text for t in tokens[i : i + n])

    def _fuzzy_province(self, token: Token) -> str | None:
        """A province's one-word name or short form, misspelt by one letter ("Jatiim")."""
        for entry in self.g.data["provinces"]:
            for form in [entry["name"], *entry["short"]]:
                if " " not in form and len(form) >= 4 and fuzz.ratio(token.text.lower(), form.lower()) >= 90:
                    return entry["name"]
        return None

    def read_person_name(self, tokens: list[Token], i: int) -> int:
        """Number of tokens of a person's name at ``tokens[i]`` (0 if none)."""
        j = i
        while j < len(tokens) and tokens[j].low in HONORIFICS:
            j += 1
        start = j
        while j < len(tokens) and j - start < 5:
            tok = tokens[j]
            initial = (len(tok.text) == 1 and tok.text.isupper()) or (
                len(tok.text) == 2 and tok.text.endswith(".") and tok.text[0].isupper())
            particle = tok.low in PARTICLES and j + 1 < len(tokens) and tokens[j + 1].cap
            if self.nameish(tok) or initial or particle:
                j += 1
            else:
                break
        real = [t for t in tokens[start:j] if len(t.text.rstrip(".")) > 1]
        if real and j < len(tokens) and _lowercase_surname(tokens, j):
            j += 1  # "Tito karnavian menyerahkan": a surname the source forgot to capitalise
        return j - i if real else 0

    # ------------------------------------------------------------------------------------------ persons

    def persons(self, text: str, tokens: list[Token]) -> list[Mention]:
        found: list[Mention] = []
        i = 0
        while i < len(tokens):
            mention = self.person_at(text, tokens, i)
            if mention is None:
                i += 1
                continue
            found.append(mention)
            i = mention.t1
        return found

    def person_at(self, text: str, tokens: list[Token], i: int) -> Mention | None:
        g = self.g
        j = i
        tenure = None
        acting = g.acting.match(tokens, j)
        if acting:
            tenure = acting[1]
            j += acting[0]
        title_match = g.titles.match(tokens, j)
        if title_match is None:
            if tenure and (n := self.read_person_name(tokens, j)):
                s, e, t = span_text(text, tokens, i, j + n)
                ns, ne, nt = span_text(text, tokens, j, j + n)
                return Mention("person", s, e, t, i, j + n, name=nt, name_span=(ns, ne), tenure=tenure)
            return None
        if not tokens[j].cap:
            return None
        n_title, title = title_match
        role_start = j
        j += n_title
        org = region = None
        scope_end = j
        if title.scope in ("region",):
            k = j
            typed = g.region_types.match(tokens, k)
            if typed:
                k += typed[0]
            found = self.read_region(tokens, k, known_only=title.role in ("gubernur", "wakil-gubernur", None)
                                     or title.role == "sekretaris-daerah")
            after = _skip_period(tokens, k + found[0]) if found else k
            if found and (self.read_person_name(tokens, after) or _comma_name(self, tokens, after)):
                region = found[1]
                j = k + found[0]
            elif typed:
                j = k
            if j + 2 < len(tokens) and tokens[j].low == "periode" and tokens[j + 1].number:
                j += 2
                while j < len(tokens) and (tokens[j].number or tokens[j].text in "-–"):
                    j += 1
            scope_end = j
        elif title.scope == "ministry":
            field_match = g.ministry_fields.match(tokens, j)
            if field_match:
                org = field_match[1]
                j += field_match[0]
            else:
                while j < len(tokens) and (tokens[j].acronym or self.office_word(tokens[j])
                                           or (tokens[j].low == "dan" and j + 1 < len(tokens)
                                               and self.office_word(tokens[j + 1]))):
                    j += 1
            if (end := acronym_in_parens(tokens, j)) is not None:
                j = end
            if j < len(tokens) and tokens[j].text in ("RI",):
                j += 1
            scope_end = j
        elif title.scope == "minister-short":
            if (end := acronym_in_parens(tokens, j)) is not None:
                j = end
            scope_end = j
        elif title.scope == "organisation":
            j, scope_end, org = self._org_scope(tokens, j, title)
        elif title.scope == "none":
            if j < len(tokens) and tokens[j].text == "RI":
                j += 1
            scope_end = j
        k = j
        if k < len(tokens) and tokens[k].text == ",":
            k += 1
        n_name = self.read_person_name(tokens, k)
        if n_name == 0:
            return self._office_group(text, tokens, i, role_start, scope_end, title)
        name_start = k
        while tokens[name_start].low in HONORIFICS and title.scope != "organisation":
            name_start += 1
        end = k + n_name
        alias = None
        if (close := acronym_in_parens(tokens, end)) is not None:
            alias = text[tokens[end + 1].start : tokens[close - 2].end]
        s, e, t = span_text(text, tokens, i, end)
        t1 = close if close is not None else end
        ns, ne, nt = span_text(text, tokens, k, end)
        _rs, re_, rt = span_text(text, tokens, role_start, scope_end)
        role = rt.rstrip(" ,")
        if tenure:
            role = text[tokens[i].start : re_].rstrip(" ,")
        if org is None and title.scope == "organisation" and scope_end > role_start + 1:
            org = text[tokens[role_start + n_title].start : re_].strip(" ,") or None
        return Mention("person", s, e, t, i, t1, name=nt, name_span=(ns, ne), role=role, role_vocab=title.role,
                       tenure=tenure, org=org, region=region, alias=alias,
                       extra={"title": title.form, "scope": title.scope, "role_span": (tokens[i].start, re_)})

    def _org_scope(self, tokens: list[Token], j: int, title) -> tuple[int, int, str | None]:
        """After a title like "Kepala Dinas" or "Direktur": the organisation's words, then where the name is."""
        run_end = j
        k = j
        while k < len(tokens):
            tok = tokens[k]
            if tok.low in HONORIFICS and tok.text[:1].islower():
                break
            if tok.text == "(":
                close = acronym_in_parens(tokens, k)
                if close is None:
                    break
                k = close
                run_end = k
                continue
            if tok.text == ",":
                nxt = tokens[k + 1] if k + 1 < len(tokens) else None
                if nxt is not None and (self.office_word(nxt) or nxt.acronym or nxt.low == "dan") and \
                        not self.title_at(tokens, k + 1):
                    k += 1
                    continue
                break
            if tok.low in CONNECT and k + 1 < len(tokens) and (tokens[k + 1].cap or tokens[k + 1].number):
                k += 1
                continue
            if (tok.cap or tok.acronym or (tok.number and k > j)) and not is_date_word(tok):
                if self.title_at(tokens, k) and k > j:
                    break
                k += 1
                run_end = k
                continue
            break
        # the person's name: from an honorific, else the trailing capitalised words that are not office words
        honor = next((x for x in range(j, min(k + 2, len(tokens))) if tokens[x].low in HONORIFICS
                      and tokens[x].text[:1].islower()), None)
        if honor is not None:
            return honor, honor, None
        name_start = run_end
        while name_start > j and self.nameish(tokens[name_start - 1]) and run_end - name_start < 4:
            name_start -= 1
        if name_start > j and tokens[name_start - 1].low in HONORIFICS:
            name_start -= 1
        if name_start == run_end:
            return run_end, run_end, None
        scope_end = name_start
        while scope_end > j and tokens[scope_end - 1].text == ",":
            scope_end -= 1
        return name_start, scope_end, None

    def _office_group(self, text: str, tokens: list[Token], i: int, role_start: int, scope_end: int,
                      title) -> Mention | None:
        """ "masing-masing Kepala OPD", "para kepala daerah": office holders the text does not name."""
        if i == 0 or tokens[i - 1].low not in ("masing-masing", "para", "seluruh", "semua"):
            return None
        s, e, t = span_text(text, tokens, i - 1, scope_end)
        rt = span_text(text, tokens, role_start, scope_end)[2]
        return Mention("office-group", s, e, t, i - 1, scope_end, name=t, role=rt, role_vocab=title.role or (
            "kepala-opd" if "opd" in rt.lower() else None))

    # ------------------------------------------------------------------------------------- organisations

    def orgs(self, text: str, tokens: list[Token], taken: set[int]) -> list[Mention]:
        found: list[Mention] = []
        i = 0
        while i < len(tokens):
            if i in taken:
                i += 1
                continue
            mention = self.org_at(text, tokens, i, taken)
            if mention is None:
                i += 1
                continue
            found.append(mention)
            i = mention.t1
        return _join_units(text, tokens, found)

    def org_at(self, text: str, tokens: list[Token], i: int, taken: set[int]) -> Mention | None:
        g = self.g
        tok = tokens[i]
        if not (tok.cap or tok.acronym) or (i > 0 and tokens[i - 1].text == "("):
            return None
        if AGENCY_ACRONYM.match(tok.text) and (region := self.read_region(tokens, i + 1, known_only=True)):
            return self._org(text, tokens, i, i + 1 + region[0], "RegionalAgency", region=region[1])
        # regional government: "Pemerintah Provinsi (Pemprov) Jawa Timur", "Pemkot Batu"
        gov = g.regional_government.match(tokens, i)
        if gov:
            j = i + gov[0]
            if (end := acronym_in_parens(tokens, j)) is not None:
                j = end
            typed = g.region_types.match(tokens, j)
            if typed and gov[1] == "daerah":
                j += typed[0]
            region = self.read_region(tokens, j, known_only=gov[1] == "daerah" and not typed)
            if region is None:
                return None
            j += region[0]
            return self._org(text, tokens, i, j, "RegionalGovernment", region=region[1], level=gov[1])
        known = self.known_orgs.match(tokens, i)
        ministry = g.ministries.match(tokens, i)
        if ministry and (known is None or ministry[0] >= known[0]):
            j = self._tail(tokens, i + ministry[0], after_acronym=False)
            return self._org(text, tokens, i, j, "Ministry", canonical=ministry[1])
        if known:
            j = self._tail(tokens, i + known[0], after_acronym=False)
            return self._org(text, tokens, i, j, known[1], canonical=None)
        head = g.org_heads.match(tokens, i)
        if head is None:
            return None
        kind = head[1]
        if i > 0 and tokens[i - 1].cap and tokens[i - 1].word and not self.title_at(tokens, i - 1) and \
                tokens[i - 1].low not in TRAILING_HEADS and tokens[i].low not in TRAILING_HEADS and \
                not self.office_word(tokens[i - 1]) and (i - 1) not in taken:
            return None  # the head word inside a longer name ("Klinik Badan Usaha Milik Desa")
        if g.group_nouns.match(tokens, i) and g.group_nouns.match(tokens, i)[0] > 1:
            return None  # "badan publik", "unit kerja": a kind of body, not one
        j = i + head[0]
        fields = 0
        while j < len(tokens) and j not in taken:
            t = tokens[j]
            if t.text == "(":
                close = acronym_in_parens(tokens, j)
                if close is None:
                    break
                j = close
                if j < len(tokens) and (typed := g.region_types.match(tokens, j)) and (
                        region := self.read_region(tokens, j + typed[0])):
                    j += typed[0] + region[0]
                    fields += 1
                elif j < len(tokens) and g.provinces.match(tokens, j):
                    j += g.provinces.match(tokens, j)[0]
                break
            if t.low in CONNECT and j + 1 < len(tokens) and tokens[j + 1].cap and not g.org_heads.match(
                    tokens, j + 1) and not g.ministries.match(tokens, j + 1):
                j += 1
                continue
            if t.low in ("pemprov", "pemkab", "pemkot", "pemerintah") and (gov := self.org_at(text, tokens, j, taken)):
                j = gov.t1
                break
            typed = g.region_types.match(tokens, j)
            if typed and (region := self.read_region(tokens, j + typed[0])):
                j += typed[0] + region[0]
                break
            if fields and (province := g.provinces.match(tokens, j)):
                j += province[0]
                break
            if (t.cap or t.acronym or t.number or t.low == "dr") and not is_date_word(t) and not self.title_at(
                    tokens, j):
                if not g.org_heads.match(tokens, j):
                    fields += 1
                j += 1
                continue
            break
        j = self._tail(tokens, j, after_acronym=True)
        if fields == 0 and not tokens[i].acronym and not (kind == "PublicOrganisation" and head[0] > 1):
            return None
        if kind == "RegionalAgency" and not any(
                g.provinces.match(tokens, x) or g.region_types.match(tokens, x) or g.regional_government.match(
                    tokens, x) for x in range(i, j)):
            kind = "PublicOrganisation"
        start = i
        if tokens[i].low in TRAILING_HEADS or any(tokens[x].low in TRAILING_HEADS for x in range(i, j)):
            while start > 0 and tokens[start - 1].cap and not self.title_at(tokens, start - 1) and (
                    start - 1) not in taken and not self.office_word(tokens[start - 1]):
                start -= 1
        return self._org(text, tokens, start, j, kind)

    def _tail(self, tokens: list[Token], j: int, after_acronym: bool) -> int:
        """Acronym, "RI", "(Persero)" and a province after an organisation's name."""
        for _ in range(3):
            if j < len(tokens) and tokens[j].text == "(" and (end := acronym_in_parens(tokens, j)) is not None:
                j = end
                continue
            if j < len(tokens) and tokens[j].text in ("RI", "Tbk", "Tbk."):
                j += 1
                continue
            if j + 1 < len(tokens) and tokens[j].text == "Republik" and tokens[j + 1].text == "Indonesia":
                j += 2
                continue
            break
        return j

    def _org(self, text: str, tokens: list[Token], a: int, b: int, kind: str, region: str | None = None,
             level: str | None = None, canonical: str | None = None) -> Mention:
        while b > a + 1 and tokens[b - 1].text in (",", "dan", "&"):
            b -= 1
        s, e, t = span_text(text, tokens, a, b)
        alias = None
        for x in range(a, b):
            if tokens[x].text == "(" and (end := acronym_in_parens(tokens, x)) is not None and end <= b:
                inner = text[tokens[x + 1].start : tokens[end - 2].end]
                if inner.lower() not in LEGAL_FORMS:
                    alias = inner
        return Mention("org", s, e, t, a, b, name=t, org_kind=kind, region=region, level=level, alias=alias,
                       extra={"canonical": canonical} if canonical else {})

    # --------------------------------------------------------------------------------------------- regions

    def regions(self, text: str, tokens: list[Token], taken: set[int]) -> list[Mention]:
        """ "Kota Surabaya", "Kabupaten Badung", "Kab. Banyuwangi", "Provinsi DKI Jakarta"."""
        found = []
        i = 0
        while i < len(tokens):
            typed = self.g.region_types.match(tokens, i) if i not in taken and tokens[i].cap else None
            region = self.read_region(tokens, i + typed[0]) if typed else None
            if typed and region:
                end = i + typed[0] + region[0]
                s, e, t = span_text(text, tokens, i, end)
                found.append(Mention("region", s, e, t, i, end, name=t, region=region[1], level=typed[1]))
                i = end
                continue
            i += 1
        return found

    # ---------------------------------------------------------------------------------------------- groups

    def groups(self, text: str, tokens: list[Token]) -> list[Mention]:
        """ "139 badan publik", "dua unit kerja Pemprov Jatim", "kesepuluh daerah", "Keduanya"."""
        found = []
        for i, tok in enumerate(tokens):
            count = None
            j = i
            number = self.g.number_at(tokens, i)
            if number:
                count, j = number[1], i + number[0]
            elif tok.low in self.g.ordinals and tok.low != "pertama":
                count, j = self.g.ordinals[tok.low], i + 1
            elif tok.low.endswith("nya") and tok.low[:-3] in self.g.ordinals:
                s, e, t = span_text(text, tokens, i, i + 1)
                found.append(Mention("group", s, e, t, i, i + 1, name=t, count=self.g.ordinals[tok.low[:-3]],
                                     extra={"reference": True}))
                continue
            if count is None:
                continue
            noun = self.g.group_nouns.match(tokens, j)
            if noun is None:
                continue
            end = j + noun[0]
            start = i - 1 if i > 0 and tokens[i - 1].low == "sebanyak" else i
            s, e, t = span_text(text, tokens, i, end)
            owner = self.org_at(text, tokens, end, set()) if end < len(tokens) else None
            if owner is not None:  # "dua unit kerja Pemprov Jatim": the group and whose it is
                end = owner.t1
            reference = tok.low in self.g.ordinals or tok.low == "kedua"
            found.append(Mention("group", s, e, t, start, end, name=t, count=count, noun=noun[1],
                                 extra={"reference": reference}))
        return found

    # ---------------------------------------------------------------------------------------------- venues

    def venue_at(self, text: str, tokens: list[Token], i: int) -> Mention | None:
        """The place after "di" / "bertempat di": "Hotel Bidakara Jakarta", "halaman Balai Kota Surabaya, ..." """
        g = self.g
        j = i
        lower_head = j < len(tokens) and tokens[j].low in g.venue_lower
        if lower_head:
            j += 1
        start_names = j
        has_head = lower_head
        while j < len(tokens):
            tok = tokens[j]
            if g.venue_heads.match(tokens, j):
                has_head = True
            if (tok.cap or tok.acronym) and not is_date_word(tok) and not self.title_at(tokens, j):
                j += 1
                continue
            if tok.text == "," and j + 1 < len(tokens) and tokens[j + 1].cap and not is_date_word(tokens[j + 1]) \
                    and not self.title_at(tokens, j + 1) and (tokens[j + 1].low not in ("kemudian", "sementara")):
                j += 1
                continue
            if tok.text == "-" and j + 1 < len(tokens) and tokens[j + 1].cap:
                j += 1
                continue
            break
        while j > start_names and tokens[j - 1].text in (",", "-"):
            j -= 1
        if j == start_names:
            return None
        place = tokens[start_names:j]
        known = (self.read_region(tokens, start_names, known_only=True) is not None
                 or g.region_types.match(tokens, start_names) is not None
                 or self.known_places.match(tokens, start_names) is not None)
        if not (has_head or known):
            return None
        if len(place) == 1 and place[0].low in ("indonesia", "tanah"):
            return None
        s, e, t = span_text(text, tokens, i, j)
        return Mention("venue", s, e, t, i, j, name=t)

    # ------------------------------------------------------------------------------------- name phrases

    def phrase(self, tokens: list[Token], i: int, *, stop_lower: bool = True, allow: frozenset[str] = frozenset(),
               max_len: int = 30) -> int:
        """End index of a capitalised name phrase at ``tokens[i]`` ("Penghargaan Pelayanan Publik Tahun 2023")."""
        j = i
        while j < len(tokens) and j - i < max_len:
            tok = tokens[j]
            if tok.text == "(":
                close = close_paren(tokens, j, 10)
                if close is None:
                    break
                j = close
                continue
            if (tok.cap or tok.acronym or tok.number) and not is_date_word(tok) and not (
                    j > i and self.title_at(tokens, j) and self.person_at("", tokens, j) is not None):
                j += 1
                continue
            if tok.low in ("tahun",) and j + 1 < len(tokens) and tokens[j + 1].number:
                j += 2
                continue
            if tok.low.startswith("ke-"):
                j += 1
                continue
            if tok.low in CONNECT | allow and j + 1 < len(tokens) and (tokens[j + 1].cap or tokens[j + 1].number) \
                    and not is_date_word(tokens[j + 1]):
                j += 1
                continue
            if tok.text in ("-", "–", "/") and j + 1 < len(tokens) and tokens[j + 1].cap:
                j += 1
                continue
            if not stop_lower and tok.word and tok.low not in NOT_NAME:
                j += 1
                continue
            break
        while (j > i and tokens[j - 1].text in (",", "-", "–", "/")) or (j > i and tokens[j - 1].low in CONNECT):
            j -= 1
        return j


VERB_PREFIX = re.compile(r"^(?:me|di|ber|ter|pe)[a-z]{3,}$")


def _lowercase_surname(tokens: list[Token], j: int) -> bool:
    tok = tokens[j]
    if not tok.text.isalpha() or not tok.text.islower() or len(tok.text) < 5 or VERB_PREFIX.match(tok.text):
        return False
    if tok.low in NOT_NAME or tok.low in CAP_FUNCTION or tok.low in ("sekali", "selaku", "sebagai", "bersama"):
        return False
    nxt = tokens[j + 1] if j + 1 < len(tokens) else None
    return nxt is None or nxt.text in (",", ".") or bool(VERB_PREFIX.match(nxt.low))


def _skip_period(tokens: list[Token], j: int) -> int:
    """Past "periode 2019-2024" after an office."""
    if j + 1 < len(tokens) and tokens[j].low == "periode" and tokens[j + 1].number:
        j += 2
        while j < len(tokens) and (tokens[j].number or tokens[j].text in "-–"):
            j += 1
    return j


def _comma_name(finder: Finder, tokens: list[Token], k: int) -> bool:
    return k < len(tokens) and tokens[k].text == "," and finder.read_person_name(tokens, k + 1) > 0


def _join_units(text: str, tokens: list[Token], found: list[Mention]) -> list[Mention]:
    """ "UPT Keselamatan Kerja, Dinas Tenaga Kerja ...": a unit and the agency it belongs to, one name."""
    out: list[Mention] = []
    for mention in found:
        if out and out[-1].t1 + 1 == mention.t0 and tokens[out[-1].t1].text == "," and \
                out[-1].text.split()[0].upper() in ("UPT", "UPTD", "UNIT", "BIDANG", "SEKSI", "BAGIAN"):
            prev = out.pop()
            s, e = prev.start, mention.end
            mention = Mention("org", s, e, text[s:e], prev.t0, mention.t1, name=text[s:e], org_kind=prev.org_kind,
                              region=mention.region, extra={"unit_of": mention.text})
        out.append(mention)
    return out
