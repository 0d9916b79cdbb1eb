"""SHACL shapes (ontology/shapes.ttl): the shipped data conforms, and every rule fires on a minimal break.

The shipped data (all of data/) is compiled and flattened once per module: it must conform, and its Warnings and
Infos must be exactly the open slots and curation hints computed from it. The rule tests break a private copy of
the seed data (the reference data with the two seed sources, seed_data()), whose nodes they name, and validate it
with the real shapes through ``validate_graph``.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from anugerah.graph.compiler import Compiled, compile_data
from anugerah.graph.namespaces import AGR, OA, ORG, PROLE, SH, TTYPE, Base
from anugerah.graph.ontology_files import shapes
from anugerah.graph.validation import Report, Result, Severity, flatten, validate_graph
from rdflib import RDF, BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import OWL, RDFS, SKOS

from .conftest import DATA, seed_data

# A plain Namespace: rdflib's closed XSD namespace warns when pytest probes module attributes.
XSD = Namespace("http://www.w3.org/2001/XMLSchema#")
ID = Namespace(Base().id)
AGRSH = Namespace("https://w3id.org/anugerah/def/shapes#")
SCHEMA_DATE_PUBLISHED = URIRef("https://schema.org/datePublished")

MINISTER_TENURE = ID["tenure/menteri-panrb/abdullah-azwar-anas"]
GOVERNOR_TENURE = ID["tenure/gubernur-jatim/khofifah-indar-parawansa"]
VICE_GOVERNOR_TENURE = ID["tenure/wakil-gubernur-jatim/emil-elestianto-dardak"]
GOVERNOR_OFFICE = ID["post/gubernur-jatim"]
EXHIBITION = ID["event/2023-11-23-pameran-inovasi-jatim-bureaucracy-fest"]
CEREMONY = ID["event/2023-11-21-penghargaan-pelayanan-publik"]
DISHUB = ID["org/dishub-jatim"]
EMIL = ID["person/emil-elestianto-dardak"]


def date(text: str) -> Literal:
    return Literal(text, datatype=XSD.date)


# ------------------------------------------------------------------------------------------- fixtures


@pytest.fixture(scope="module")
def compiled() -> Compiled:
    return compile_data(DATA, Base())


@pytest.fixture(scope="module")
def shipped(compiled: Compiled) -> Graph:
    return flatten(compiled.dataset)


@pytest.fixture(scope="module")
def shipped_report(compiled: Compiled, shipped: Graph) -> Report:
    return validate_graph(shipped, compiled.locations)


@pytest.fixture(scope="module")
def seed() -> Compiled:
    return compile_data(seed_data(), Base())


@pytest.fixture(scope="module")
def seed_graph(seed: Compiled) -> Graph:
    return flatten(seed.dataset)


@pytest.fixture
def graph(seed_graph: Graph) -> Graph:
    """A private copy of the seed data for one test to break."""
    copy = Graph()
    copy += seed_graph
    return copy


@pytest.fixture
def check(seed: Compiled) -> Callable[[Graph], Report]:
    return lambda g: validate_graph(g, seed.locations)


# -------------------------------------------------------------------------------------------- helpers


def recognition(g: Graph, award_local: str) -> URIRef:
    """The single recognition of an award programme (recognition IRIs are content hashes)."""
    (node,) = set(g.subjects(AGR.award, ID[award_local]))
    return node


def participation(g: Graph, role: URIRef) -> URIRef:
    (node,) = set(g.subjects(AGR.participationRole, role))
    return node


def set_value(g: Graph, subject: URIRef, predicate: URIRef, value: object | None) -> None:
    g.remove((subject, predicate, None))
    if value is not None:
        g.add((subject, predicate, value))


def found(report: Report, severity: Severity = Severity.VIOLATION, *, focus: URIRef | None = None,
          path: URIRef | None = None, shape: URIRef | None = None) -> list[Result]:
    return [
        r for r in report.results
        if r.severity is severity
        and (focus is None or r.focus == str(focus))
        and (path is None or r.path == str(path))
        and (shape is None or r.shape == str(shape))
    ]


def _template_patterns(lang: str) -> list[re.Pattern[str]]:
    patterns = []
    for message in shapes().objects(None, SH.message):
        if isinstance(message, Literal) and message.language == lang:
            parts = re.split(r"\{[?$][A-Za-z_][A-Za-z0-9_]*\}", str(message))
            patterns.append(re.compile("^" + "(.+?)".join(re.escape(p) for p in parts) + "$", re.S))
    return patterns


TEMPLATES = {lang: _template_patterns(lang) for lang in ("id", "en")}


def languages_of(text: str) -> set[str]:
    return {lang for lang, patterns in TEMPLATES.items() if any(p.match(text) for p in patterns)}


def assert_bilingual(result: Result) -> None:
    """message_id is one of the shapes' Indonesian messages and message_en one of the English ones."""
    assert result.message_id and result.message_en
    assert result.message_id != result.message_en
    assert languages_of(result.message_id) == {"id"}, result.message_id
    assert languages_of(result.message_en) == {"en"}, result.message_en


def only(results: list[Result]) -> Result:
    assert len(results) == 1, results
    return results[0]


# ----------------------------------------------------------------------------------- shipped data


def test_shipped_data_has_no_violation(shipped_report: Report) -> None:
    assert shipped_report.conforms, "\n".join(r.render(Base()) for r in found(shipped_report))
    assert shipped_report.count(Severity.VIOLATION) == 0


def instances(g: Graph, *classes: URIRef) -> set[URIRef]:
    """Nodes typed with one of ``classes`` or a subclass of it (the ontology is part of the flattened graph)."""
    found_classes = set(classes)
    for cls in classes:
        found_classes |= set(g.transitive_subjects(RDFS.subClassOf, cls))
    return {s for c in found_classes for s in g.subjects(RDF.type, c) if isinstance(s, URIRef)}


def open_slots(g: Graph) -> set[tuple[str, str]]:
    """Every slot the shipped data leaves open, computed from the graph: what the Warnings must be."""
    recognitions = instances(g, AGR.Recognition)
    events = instances(g, AGR.Event)
    slots = {(str(r), "conferrer unknown") for r in recognitions if (r, AGR.conferredBy, None) not in g}
    slots |= {(str(a), "date published missing") for a in instances(g, AGR.NewsArticle)
              if (a, SCHEMA_DATE_PUBLISHED, None) not in g}
    slots |= {(str(e), "event date missing") for e in events if (e, AGR.startDate, None) not in g}
    slots |= {(str(r), "recognition date missing") for r in recognitions
              if (r, AGR.date, None) not in g
              and not any((e, AGR.startDate, None) in g for e in g.objects(r, AGR.atEvent))}
    slots |= {(str(t), "tenure date missing") for t in instances(g, AGR.Tenure)
              if (t, AGR.startDate, None) not in g and (t, AGR.attestedOn, None) not in g}
    slots |= {(str(r), "region code missing") for r in instances(g, AGR.Region)
              if (r, AGR.kemendagriCode, None) not in g}
    labelled = {s for s in g.subjects(SKOS.prefLabel, None) if isinstance(s, URIRef) and str(s).startswith(str(ID))}
    slots |= {(str(s), "English label missing") for s in labelled
              if not any(lbl.language == "en" for lbl in g.objects(s, SKOS.prefLabel))}
    return slots


def test_shipped_warnings_are_exactly_the_open_slots(shipped: Graph, shipped_report: Report) -> None:
    # The seeds: the Dishub article names no conferrer for any of its four recognitions (CETTAR, SAKIP and RB
    # predikat, and the KIPP top-30 conferral); the VIVA aggregate names KemenPAN-RB and is not flagged.
    dishub_recognitions = set(shipped.subjects(AGR.recipient, DISHUB))
    assert len(dishub_recognitions) == 4
    expected = open_slots(shipped)
    assert {(str(r), "conferrer unknown") for r in dishub_recognitions} <= expected
    assert (str(recognition(shipped, "award/penghargaan-pelayanan-publik")), "conferrer unknown") not in expected

    kinds = {
        str(AGR.conferredBy): "conferrer unknown",
        str(SCHEMA_DATE_PUBLISHED): "date published missing",
        str(AGR.startDate): "event date missing",
        str(AGR.kemendagriCode): "region code missing",
        str(SKOS.prefLabel): "English label missing",
        str(AGRSH.RecognitionDateWarningShape): "recognition date missing",
        str(AGRSH.TenureDatesWarningShape): "tenure date missing",
    }
    warnings = found(shipped_report, Severity.WARNING)
    assert {(w.focus, kinds.get(w.path or w.shape or "", w.message_en)) for w in warnings} == expected
    assert len(warnings) == len(expected)  # each open slot once
    for w in warnings:
        assert_bilingual(w)
        assert w.location is not None and w.location.path.suffix == ".yaml"


def test_shipped_infos_are_the_curation_hints(shipped: Graph, shipped_report: Report) -> None:
    # Aggregate claims (the seed's "memborong empat penghargaan", quantity 4) and the tenures that articles
    # attest on a day without giving term dates (the seeds' minister, governor and vice-governor among them).
    aggregate = recognition(shipped, "award/penghargaan-pelayanan-publik")
    assert shipped.value(aggregate, AGR.quantity) == Literal(4, datatype=XSD.positiveInteger)
    aggregates = {r for r in instances(shipped, AGR.Recognition)
                  if any(int(q) > 1 for q in shipped.objects(r, AGR.quantity))}
    attested_only = {t for t in instances(shipped, AGR.Tenure)
                     if (t, AGR.attestedOn, None) in shipped and (t, AGR.startDate, None) not in shipped}
    assert aggregate in aggregates
    assert {MINISTER_TENURE, GOVERNOR_TENURE, VICE_GOVERNOR_TENURE} <= attested_only
    infos = found(shipped_report, Severity.INFO)
    assert {(i.focus, i.shape) for i in infos} == (
        {(str(r), None) for r in aggregates}
        | {(str(t), str(AGRSH.TenureAttestedOnlyInfoShape)) for t in attested_only}
    )
    assert only(found(shipped_report, Severity.INFO, focus=aggregate)).path == str(AGR.quantity)
    # The dates a tenure is attested on, in date order (several sources attest the minister).
    minister = only(found(shipped_report, Severity.INFO, focus=MINISTER_TENURE))
    dates = ", ".join(sorted(str(d) for d in shipped.objects(MINISTER_TENURE, AGR.attestedOn)))
    assert "2023-11-21" in dates
    assert minister.message_en == f"Term dates unknown; only attested on {dates}."
    assert minister.message_id == f"Tanggal masa jabatan tidak diketahui; hanya tercatat menjabat pada {dates}."
    for i in infos:
        assert_bilingual(i)


def test_attested_only_info_lists_every_attestation(graph: Graph, check: Callable[[Graph], Report]) -> None:
    graph.add((MINISTER_TENURE, AGR.attestedOn, date("2023-10-02")))
    result = only(found(check(graph), Severity.INFO, focus=MINISTER_TENURE))
    # Listed in date order, so that the report (dist/validation.txt) is the same on every run.
    assert result.message_en == "Term dates unknown; only attested on 2023-10-02, 2023-11-21."
    assert_bilingual(result)


# ------------------------------------------------------------------------------ rule 1: tenure coverage


def _move_attestation(g: Graph) -> None:
    set_value(g, MINISTER_TENURE, AGR.attestedOn, date("2023-11-20"))


def _term_ends_before(g: Graph) -> None:
    set_value(g, MINISTER_TENURE, AGR.attestedOn, None)
    g.add((MINISTER_TENURE, AGR.startDate, date("2022-09-07")))
    g.add((MINISTER_TENURE, AGR.endDate, date("2023-11-20")))


def _term_starts_after(g: Graph) -> None:
    set_value(g, MINISTER_TENURE, AGR.attestedOn, None)
    g.add((MINISTER_TENURE, AGR.startDate, date("2023-11-22")))


def _no_tenure_at_all(g: Graph) -> None:
    g.remove((MINISTER_TENURE, None, None))


def _date_from_event(g: Graph) -> None:
    # The recognition loses its own date; the event's start date (moved to the 22nd) is used instead.
    set_value(g, recognition(g, "award/penghargaan-pelayanan-publik"), AGR.date, None)
    set_value(g, CEREMONY, AGR.startDate, date("2023-11-22"))


def _opener_not_attested(g: Graph) -> None:
    set_value(g, VICE_GOVERNOR_TENURE, AGR.attestedOn, date("2023-11-24"))


@pytest.mark.parametrize(
    ("edit", "role", "day"),
    [
        pytest.param(_move_attestation, PROLE.presenter, "2023-11-21", id="attestation-on-another-day"),
        pytest.param(_term_ends_before, PROLE.presenter, "2023-11-21", id="dated-term-ends-before"),
        pytest.param(_term_starts_after, PROLE.presenter, "2023-11-21", id="dated-term-starts-after"),
        pytest.param(_no_tenure_at_all, PROLE.presenter, "2023-11-21", id="no-tenure-recorded"),
        pytest.param(_date_from_event, PROLE.presenter, "2023-11-22", id="date-taken-from-the-event"),
        pytest.param(_opener_not_attested, PROLE.opener, "2023-11-23", id="event-participation"),
    ],
)
def test_tenure_coverage_violation(graph: Graph, check: Callable[[Graph], Report], edit: Callable[[Graph], None],
                                   role: URIRef, day: str) -> None:
    edit(graph)
    acting = participation(graph, role)
    result = only(found(check(graph), focus=acting, shape=AGRSH.TenureCoverageShape))
    assert_bilingual(result)
    agent = str(graph.value(graph.value(acting, AGR.agent), SKOS.prefLabel))
    office = graph.value(acting, AGR.inCapacityOf)
    office_id = next(str(lbl) for lbl in graph.objects(office, SKOS.prefLabel) if lbl.language == "id")
    office_en = next(str(lbl) for lbl in graph.objects(office, SKOS.prefLabel) if lbl.language == "en")
    assert result.message_id.startswith(f"{agent} bertindak sebagai {office_id} pada {day}, tetapi")
    assert result.message_en.startswith(f"{agent} acted as {office_en} on {day}, but no tenure")
    assert result.value == str(office)


def test_tenure_coverage_message_is_indonesian_and_english(graph: Graph, check: Callable[[Graph], Report]) -> None:
    _move_attestation(graph)
    result = only(found(check(graph), focus=participation(graph, PROLE.presenter)))
    assert result.message_id == (
        "Abdullah Azwar Anas bertindak sebagai Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi "
        "pada 2023-11-21, tetapi tidak ada masa jabatan Abdullah Azwar Anas pada jabatan itu yang mencakup "
        "tanggal tersebut (tanggal mulai/selesai atau agr:attestedOn)."
    )
    assert result.message_en == (
        "Abdullah Azwar Anas acted as Minister of State Apparatus Utilization and Bureaucratic Reform on "
        "2023-11-21, but no tenure of that agent in that office covers the date (by start/end dates or by "
        "agr:attestedOn)."
    )


@pytest.mark.parametrize(
    ("start", "end"),
    [
        pytest.param("2022-09-07", "2024-10-20", id="closed-term-contains-the-date"),
        pytest.param("2022-09-07", None, id="open-term-started-before"),
        pytest.param("2023-11-21", "2023-11-21", id="bounds-are-inclusive"),
    ],
)
def test_tenure_coverage_accepts_a_dated_term(graph: Graph, check: Callable[[Graph], Report], start: str,
                                              end: str | None) -> None:
    set_value(graph, MINISTER_TENURE, AGR.attestedOn, None)
    graph.add((MINISTER_TENURE, AGR.startDate, date(start)))
    if end:
        graph.add((MINISTER_TENURE, AGR.endDate, date(end)))
    report = check(graph)
    assert report.conforms, report.render(Base())
    # With a start date the tenure is no longer "attested only".
    assert not found(report, Severity.INFO, focus=MINISTER_TENURE)


# ---------------------------------------------------------------------------------- rule 2: no overlap

RIVAL = ID["tenure/gubernur-jatim/rival"]


def _governor_term(g: Graph, start: str | None, end: str | None, attested: str | None = None,
                   kind: URIRef = TTYPE.definitif) -> None:
    set_value(g, GOVERNOR_TENURE, AGR.tenureType, TTYPE.definitif)
    if start:
        g.add((GOVERNOR_TENURE, AGR.startDate, date(start)))
    if end:
        g.add((GOVERNOR_TENURE, AGR.endDate, date(end)))
    g.add((RIVAL, RDF.type, AGR.Tenure))
    g.add((RIVAL, AGR.holder, EMIL))
    g.add((RIVAL, AGR.post, GOVERNOR_OFFICE))
    g.add((RIVAL, AGR.tenureType, kind))
    g.add((RIVAL, AGR.supportedBy, g.value(GOVERNOR_TENURE, AGR.supportedBy)))


def test_overlapping_substantive_tenures(graph: Graph, check: Callable[[Graph], Report]) -> None:
    _governor_term(graph, "2019-02-13", "2024-02-13")
    # Without the attestation, which the rival's open term would also contradict (tested below).
    set_value(graph, GOVERNOR_TENURE, AGR.attestedOn, None)
    graph.add((RIVAL, AGR.startDate, date("2023-06-01")))
    report = check(graph)
    this = only(found(report, focus=GOVERNOR_TENURE, shape=AGRSH.TenureOverlapShape))
    other = only(found(report, focus=RIVAL, shape=AGRSH.TenureOverlapShape))
    assert this.value == str(RIVAL) and other.value == str(GOVERNOR_TENURE)
    assert this.message_en == (
        f"Two substantive tenures of Governor of East Java overlap: this one (2019-02-13 to 2024-02-13) and "
        f"{RIVAL} (2023-06-01 to …)."
    )
    assert this.message_id.startswith("Dua masa jabatan definitif Gubernur Jawa Timur tumpang tindih")
    assert_bilingual(this)
    assert_bilingual(other)


@pytest.mark.parametrize(
    ("governor", "rival_attested"),
    [
        pytest.param(("2019-02-13", "2024-02-13"), "2023-12-01", id="attested-inside-another-term"),
        pytest.param((None, None), "2023-11-21", id="two-holders-attested-the-same-day"),
    ],
)
def test_conflicting_substantive_attestation(graph: Graph, check: Callable[[Graph], Report],
                                             governor: tuple[str | None, str | None], rival_attested: str) -> None:
    _governor_term(graph, *governor)
    graph.add((RIVAL, AGR.attestedOn, date(rival_attested)))
    report = check(graph)
    for focus, other in ((GOVERNOR_TENURE, RIVAL), (RIVAL, GOVERNOR_TENURE)):
        result = only(found(report, focus=focus, shape=AGRSH.TenureOverlapShape))
        assert result.value == str(other)
        assert result.message_en == (
            f"Conflicting substantive tenures of Governor of East Java on {rival_attested}: this one and "
            f"{other} (another holder) both apply on that date."
        )
        assert_bilingual(result)


@pytest.mark.parametrize(
    ("rival", "kind"),
    [
        pytest.param({"start": "2024-02-13"}, TTYPE.definitif, id="handover-on-the-boundary-day"),
        pytest.param({"start": "2023-06-01"}, TTYPE.plt, id="acting-alongside-substantive"),
        pytest.param({"attested": "2024-02-13"}, TTYPE.definitif, id="attested-on-the-handover-day"),
    ],
)
def test_tenures_that_do_not_conflict(graph: Graph, check: Callable[[Graph], Report], rival: dict[str, str],
                                      kind: URIRef) -> None:
    _governor_term(graph, "2019-02-13", "2024-02-13", kind=kind)
    if "start" in rival:
        graph.add((RIVAL, AGR.startDate, date(rival["start"])))
    if "attested" in rival:
        graph.add((RIVAL, AGR.attestedOn, date(rival["attested"])))
    report = check(graph)
    assert report.conforms, report.render(Base())


# ------------------------------------------------------------------- rule 3: recognition date vs event


def test_recognition_date_outside_its_event(graph: Graph, check: Callable[[Graph], Report]) -> None:
    sakip = recognition(graph, "award/evaluasi-sakip")
    set_value(graph, sakip, AGR.date, date("2023-11-24"))
    result = only(found(check(graph), focus=sakip))
    assert result.shape == str(AGRSH.RecognitionEventDateShape)
    assert result.message_en == (
        f"Recognition date 2023-11-24 lies outside the dates of its event {EXHIBITION} (2023-11-23 to 2023-11-23)."
    )
    assert result.message_id == (
        f"Tanggal pengakuan 2023-11-24 berada di luar tanggal acaranya {EXHIBITION} (2023-11-23 s.d. 2023-11-23)."
    )


def test_recognition_date_within_a_multi_day_event(graph: Graph, check: Callable[[Graph], Report]) -> None:
    set_value(graph, recognition(graph, "award/evaluasi-sakip"), AGR.date, date("2023-11-24"))
    graph.add((EXHIBITION, AGR.endDate, date("2023-11-25")))
    report = check(graph)
    assert report.conforms, report.render(Base())


# ---------------------------------------------------------------------- rule 4: evidence and typing


@pytest.mark.parametrize(
    "fact",
    [
        pytest.param(lambda g: recognition(g, "award/evaluasi-sakip"), id="recognition"),
        pytest.param(lambda g: participation(g, PROLE.presenter), id="participation"),
        pytest.param(lambda g: CEREMONY, id="event"),
        pytest.param(lambda g: MINISTER_TENURE, id="tenure"),
        pytest.param(lambda g: ID["group/2023-11-21-ppp-kepala-opd"], id="agent-group"),
    ],
)
def test_fact_without_evidence(graph: Graph, check: Callable[[Graph], Report],
                               fact: Callable[[Graph], URIRef]) -> None:
    node = fact(graph)
    graph.remove((node, AGR.supportedBy, None))
    result = only(found(check(graph), focus=node, path=AGR.supportedBy))
    assert result.shape == str(AGRSH.FactEvidence)
    assert result.message_en.startswith("This fact cites no evidence")
    assert_bilingual(result)


def test_evidence_link_to_something_else(graph: Graph, check: Callable[[Graph], Report]) -> None:
    sakip = recognition(graph, "award/evaluasi-sakip")
    graph.remove((sakip, AGR.supportedBy, None))
    graph.add((sakip, AGR.supportedBy, DISHUB))
    report = check(graph)
    assert found(report, focus=sakip, shape=AGRSH.FactEvidence)
    assert_bilingual(only(found(report, focus=DISHUB, shape=AGRSH.SupportedByTargetShape)))


@pytest.mark.parametrize(
    "types",
    [
        pytest.param([], id="untyped"),
        pytest.param([AGR.Recognition], id="abstract-class"),
        pytest.param([AGR.Event], id="mistyped"),
    ],
)
def test_node_with_recipient_must_be_a_recognition_subclass(graph: Graph, check: Callable[[Graph], Report],
                                                            types: list[URIRef]) -> None:
    node = ID["recognition/stray"]
    graph.add((node, AGR.recipient, DISHUB))
    for cls in types:
        graph.add((node, RDF.type, cls))
    result = only(found(check(graph), focus=node, shape=AGRSH.RecipientSubjectShape))
    assert "agr:AwardConferral or agr:EvaluationResult" in result.message_en
    assert_bilingual(result)


# -------------------------------------------------------------------------------- core constraints


def test_proxy_accepter_without_on_behalf_of(graph: Graph, check: Callable[[Graph], Report]) -> None:
    proxy = participation(graph, PROLE["proxy-accepter"])
    graph.remove((proxy, AGR.onBehalfOf, None))
    result = only(found(check(graph), focus=proxy))
    assert result.shape == str(AGRSH.ProxyAccepterShape)
    assert result.message_en == "A proxy accepter must state on whose behalf it accepted (agr:onBehalfOf)."
    assert_bilingual(result)


PERSON = ID["person/khofifah-indar-parawansa"]


@pytest.mark.parametrize(
    ("edit", "severity", "shape"),
    [
        pytest.param(lambda g: g.remove((PERSON, SKOS.prefLabel, Literal("Khofifah Indar Parawansa", lang="id"))),
                     Severity.VIOLATION, AGRSH.PrefLabelIndonesian, id="missing-id-label"),
        pytest.param(lambda g: g.add((PERSON, SKOS.prefLabel, Literal("Khofifah", lang="id"))),
                     Severity.VIOLATION, AGRSH.PrefLabelLanguages, id="two-id-labels"),
        pytest.param(lambda g: g.add((PERSON, SKOS.prefLabel, Literal("Khofifah", lang="fr"))),
                     Severity.VIOLATION, AGRSH.PrefLabelLanguages, id="label-in-another-language"),
        pytest.param(lambda g: g.remove((PERSON, SKOS.prefLabel, Literal("Khofifah Indar Parawansa", lang="en"))),
                     Severity.WARNING, AGRSH.PrefLabelEnglish, id="missing-en-label"),
    ],
)
def test_labels(graph: Graph, check: Callable[[Graph], Report], edit: Callable[[Graph], None],
                severity: Severity, shape: URIRef) -> None:
    edit(graph)
    report = check(graph)
    result = only(found(report, severity, focus=PERSON, path=SKOS.prefLabel))
    assert result.shape == str(shape)
    assert_bilingual(result)
    if severity is Severity.WARNING:
        assert report.conforms


REGION = ID["wilayah/35.79"]


@pytest.mark.parametrize("code", ["35.7", "3579", "35.79.1", "35.79.01.101", "35-79", "ab"])
def test_bad_kemendagri_code(graph: Graph, check: Callable[[Graph], Report], code: str) -> None:
    set_value(graph, REGION, AGR.kemendagriCode, Literal(code))
    result = only(found(check(graph), focus=REGION, path=AGR.kemendagriCode))
    assert result.value == code
    assert result.message_en.startswith("Invalid Kemendagri region code")
    assert_bilingual(result)


@pytest.mark.parametrize("code", ["35.79", "35.79.01", "35.79.01.1001"])
def test_good_kemendagri_code(graph: Graph, check: Callable[[Graph], Report], code: str) -> None:
    set_value(graph, REGION, AGR.kemendagriCode, Literal(code))
    assert not found(check(graph), focus=REGION)


@pytest.mark.parametrize("offset", [0, 5], ids=["start-equals-end", "start-after-end"])
def test_evidence_start_not_before_end(graph: Graph, check: Callable[[Graph], Report], offset: int) -> None:
    selector = next(iter(graph.subjects(RDF.type, OA.TextPositionSelector)))
    end = int(graph.value(selector, OA.end))
    set_value(graph, selector, OA.start, Literal(end + offset, datatype=XSD.nonNegativeInteger))
    result = only(found(check(graph), focus=selector, path=OA.start))
    assert "smaller than oa:end" in result.message_en
    assert_bilingual(result)


def test_office_without_post_in(graph: Graph, check: Callable[[Graph], Report]) -> None:
    office = ID["post/menteri-panrb"]
    graph.remove((office, ORG.postIn, None))
    result = only(found(check(graph), focus=office, path=ORG.postIn))
    assert result.message_en == "An office must be a post in exactly one organisation (org:postIn)."
    assert_bilingual(result)


def _first(g: Graph, cls: URIRef) -> URIRef:
    return sorted(g.subjects(RDF.type, cls))[0]


@pytest.mark.parametrize(
    ("edit", "focus", "path"),
    [
        pytest.param(lambda g: (g.add((MINISTER_TENURE, AGR.startDate, date("2024-01-01"))),
                                g.add((MINISTER_TENURE, AGR.endDate, date("2023-01-01")))),
                     lambda g: MINISTER_TENURE, AGR.startDate, id="tenure-start-after-end"),
        pytest.param(lambda g: set_value(g, MINISTER_TENURE, AGR.holder, None),
                     lambda g: MINISTER_TENURE, AGR.holder, id="tenure-without-holder"),
        pytest.param(lambda g: g.add((MINISTER_TENURE, AGR.post, GOVERNOR_OFFICE)),
                     lambda g: MINISTER_TENURE, AGR.post, id="tenure-with-two-posts"),
        pytest.param(lambda g: set_value(g, MINISTER_TENURE, AGR.attestedOn, Literal("21/11/2023")),
                     lambda g: MINISTER_TENURE, AGR.attestedOn, id="attestation-not-a-date"),
        pytest.param(lambda g: g.add((MINISTER_TENURE, AGR.startDate, date("2023-12-01"))),
                     lambda g: MINISTER_TENURE, AGR.startDate, id="attested-before-own-start"),
        pytest.param(lambda g: g.add((MINISTER_TENURE, AGR.tenureType, ID["org/kemenpanrb"])),
                     lambda g: MINISTER_TENURE, AGR.tenureType, id="tenure-type-not-a-concept"),
        pytest.param(lambda g: set_value(g, ID["post/gubernur-jatim"], ORG.role, ID["org/pemprov-jatim"]),
                     lambda g: ID["post/gubernur-jatim"], ORG.role, id="office-role-not-a-role-type"),
        pytest.param(lambda g: set_value(g, DISHUB, ORG.unitOf, None),
                     lambda g: DISHUB, ORG.unitOf, id="agency-not-a-unit"),
        pytest.param(lambda g: set_value(g, ID["award/penghargaan-pelayanan-publik-2023"], AGR.editionOf, None),
                     lambda g: ID["award/penghargaan-pelayanan-publik-2023"], AGR.editionOf,
                     id="edition-of-nothing"),
        pytest.param(lambda g: set_value(g, ID["grade/sakip/memuaskan"], SKOS.inScheme, None),
                     lambda g: ID["grade/sakip/memuaskan"], SKOS.inScheme, id="grade-without-scheme"),
        pytest.param(lambda g: set_value(g, recognition(g, "award/evaluasi-sakip"), AGR.award, None),
                     lambda g: recognition(g, "award/evaluasi-sakip"), AGR.award, id="recognition-without-award"),
        pytest.param(lambda g: set_value(g, recognition(g, "award/evaluasi-sakip"), AGR.recipient, ID["wilayah/35"]),
                     lambda g: recognition(g, "award/evaluasi-sakip"), AGR.recipient,
                     id="recipient-not-an-agent"),
        pytest.param(lambda g: set_value(g, recognition(g, "award/evaluasi-sakip"), AGR.quantity,
                                         Literal("2.5", datatype=XSD.decimal)),
                     lambda g: recognition(g, "award/evaluasi-sakip"), AGR.quantity, id="quantity-not-an-integer"),
        pytest.param(lambda g: g.add((_first(g, AGR.Evidence), AGR.confidence, Literal("1.5", datatype=XSD.decimal))),
                     lambda g: _first(g, AGR.Evidence), AGR.confidence, id="confidence-above-one"),
        pytest.param(lambda g: g.remove((_first(g, AGR.Evidence), OA.hasSource, None)),
                     lambda g: _first(g, AGR.Evidence), OA.hasSource, id="evidence-without-source"),
        pytest.param(lambda g: g.remove((URIRef(f"{_first(g, AGR.Evidence)}#quote"), RDF.type, None)),
                     lambda g: _first(g, AGR.Evidence), OA.hasSelector, id="evidence-without-quote-selector"),
        pytest.param(lambda g: set_value(g, _first(g, OA.TextPositionSelector), OA.end, Literal("12")),
                     lambda g: _first(g, OA.TextPositionSelector), OA.end, id="offset-not-an-integer"),
        pytest.param(lambda g: set_value(g, _first(g, AGR.NewsArticle), URIRef("https://schema.org/url"),
                                         Literal("https://example.org/")),
                     lambda g: _first(g, AGR.NewsArticle), URIRef("https://schema.org/url"), id="url-not-an-iri"),
        pytest.param(lambda g: set_value(g, _first(g, AGR.NewsArticle), AGR.contentSha256, None),
                     lambda g: _first(g, AGR.NewsArticle), AGR.contentSha256, id="article-without-hash"),
        pytest.param(lambda g: g.add((EXHIBITION, AGR.endDate, date("2023-11-22"))),
                     lambda g: EXHIBITION, AGR.startDate, id="event-ends-before-it-starts"),
        pytest.param(lambda g: g.remove((EXHIBITION, AGR.hasParticipation, None)),
                     lambda g: participation(g, PROLE.opener), None, id="participation-without-parent"),
        pytest.param(lambda g: g.add((participation(g, PROLE.presenter), AGR.participationRole, PROLE.opener)),
                     lambda g: participation(g, PROLE.presenter), AGR.participationRole, id="two-roles"),
    ],
)
def test_core_constraint(graph: Graph, check: Callable[[Graph], Report], edit: Callable[[Graph], object],
                         focus: Callable[[Graph], URIRef], path: URIRef | None) -> None:
    node = focus(graph)
    edit(graph)
    results = found(check(graph), focus=node, path=path)
    assert results, f"no violation on {node} {path}"
    for result in results:
        assert_bilingual(result)


def test_capacity_must_be_an_office(graph: Graph, check: Callable[[Graph], Report]) -> None:
    presenter = participation(graph, PROLE.presenter)
    org = ID["org/kemenpanrb"]
    set_value(graph, presenter, AGR.inCapacityOf, org)
    result = only(found(check(graph), focus=org, shape=AGRSH.CapacityTargetShape))
    assert_bilingual(result)


def test_edition_of_another_award(graph: Graph, check: Callable[[Graph], Report]) -> None:
    cettar = recognition(graph, "award/penilaian-budaya-kerja-cettar")
    set_value(graph, cettar, AGR.awardEdition, ID["award/penghargaan-pelayanan-publik-2023"])
    results = found(check(graph), focus=cettar)
    # sh:equals reports each value of the symmetric difference: the edition's programme and the award given.
    assert {r.value for r in results} == {str(ID["award/penghargaan-pelayanan-publik"]),
                                          str(ID["award/penilaian-budaya-kerja-cettar"])}
    for result in results:
        assert result.message_en == ("The edition (agr:awardEdition) is not an edition of the award programme "
                                     "given (agr:award).")
        assert_bilingual(result)


# ------------------------------------------------------------------------------- open slots (warnings)


UNDATED = ID["tenure/gubernur-jatim/emil-elestianto-dardak"]


def _undated_tenure(g: Graph) -> None:
    """A tenure a source states without any date (the shipped ones are all attested on their day)."""
    g.add((UNDATED, RDF.type, AGR.Tenure))
    g.add((UNDATED, AGR.holder, EMIL))
    g.add((UNDATED, AGR.post, GOVERNOR_OFFICE))
    g.add((UNDATED, AGR.supportedBy, g.value(VICE_GOVERNOR_TENURE, AGR.supportedBy)))


@pytest.mark.parametrize(
    ("edit", "focus", "shape", "text"),
    [
        pytest.param(_undated_tenure, lambda g: UNDATED, AGRSH.TenureDatesWarningShape, "Tenure has no date",
                     id="tenure-without-dates"),
        pytest.param(lambda g: set_value(g, recognition(g, "award/evaluasi-sakip"), AGR.date, None)
                     or set_value(g, recognition(g, "award/evaluasi-sakip"), AGR.atEvent, None),
                     lambda g: recognition(g, "award/evaluasi-sakip"), AGRSH.RecognitionDateWarningShape,
                     "Recognition has no date", id="recognition-without-date"),
        pytest.param(lambda g: set_value(g, EXHIBITION, AGR.startDate, None) or set_value(
                         g, participation(g, PROLE.opener), AGR.inCapacityOf, None),
                     lambda g: EXHIBITION, None, "The source gives no date", id="event-without-date"),
        pytest.param(lambda g: set_value(g, REGION, AGR.kemendagriCode, None), lambda g: REGION, None,
                     "The Kemendagri region code is missing", id="region-without-code"),
    ],
)
def test_open_slot_is_a_warning(graph: Graph, check: Callable[[Graph], Report], edit: Callable[[Graph], object],
                                focus: Callable[[Graph], URIRef], shape: URIRef | None, text: str) -> None:
    node = focus(graph)
    edit(graph)
    report = check(graph)
    assert report.conforms, report.render(Base())
    result = only([r for r in found(report, Severity.WARNING, focus=node, shape=shape) if text in r.message_en])
    assert_bilingual(result)


# ------------------------------------------------------------------------------ the shapes themselves

CORE_NODE_PARAMETERS = (SH["class"], SH["or"], SH["and"], SH["not"], SH.xone, SH.node, SH.datatype, SH.nodeKind,
                        SH["in"], SH.hasValue, SH.pattern, SH.closed)


def _shapes_of(sg: Graph) -> tuple[set, set]:
    node_shapes = set(sg.subjects(RDF.type, SH.NodeShape))
    property_shapes = set(sg.objects(None, SH.property))
    return node_shapes, property_shapes


def _langs(sg: Graph, node: object, predicate: URIRef) -> set[str | None]:
    return {o.language for o in sg.objects(node, predicate) if isinstance(o, Literal)}


def test_every_shape_is_documented_with_an_explicit_severity() -> None:
    sg = shapes()
    node_shapes, property_shapes = _shapes_of(sg)
    assert len(node_shapes) >= 25
    for shape in node_shapes:
        assert _langs(sg, shape, RDFS.label) == {"id", "en"}, shape
        assert sg.value(shape, SH.severity) in (SH.Violation, SH.Warning, SH.Info), shape
    for shape in property_shapes:
        assert _langs(sg, shape, SH.name) == {"id", "en"}, shape
        assert sg.value(shape, SH.severity) in (SH.Violation, SH.Warning, SH.Info), shape


def test_every_constraint_has_an_indonesian_and_an_english_message() -> None:
    sg = shapes()
    node_shapes, property_shapes = _shapes_of(sg)
    sparql = set(sg.objects(None, SH.sparql))
    assert len(sparql) >= 5
    node_level = {s for s in node_shapes if any((s, p, None) in sg for p in CORE_NODE_PARAMETERS)}
    for node in property_shapes | sparql | node_level:
        assert _langs(sg, node, SH.message) == {"id", "en"}, node
    for shape in node_shapes:
        # pySHACL adds a node shape's own message to the results of its SPARQL constraints.
        if (shape, SH.sparql, None) in sg:
            assert (shape, SH.message, None) not in sg, shape
            assert not any((shape, p, None) in sg for p in CORE_NODE_PARAMETERS), shape


def test_sparql_constraints_use_the_declared_prefixes() -> None:
    sg = shapes()
    assert (AGRSH[""], RDF.type, OWL.Ontology) in sg
    declared = {str(sg.value(d, SH.prefix)) for d in sg.objects(AGRSH[""], SH.declare)}
    for constraint in sg.objects(None, SH.sparql):
        assert sg.value(constraint, SH.prefixes) == AGRSH[""]
        query = str(sg.value(constraint, SH.select))
        used = set(re.findall(r"\b([a-z]+):[A-Za-z]", query))
        assert used <= declared, used - declared


def test_every_class_of_ours_is_targeted() -> None:
    sg = shapes()
    targeted = set(sg.objects(None, SH.targetClass))
    ours = {
        AGR.Person, AGR.PublicOrganisation, AGR.RegionalAgency, AGR.Publisher, AGR.AgentGroup, AGR.Office,
        AGR.Tenure, AGR.Region, AGR.Place, AGR.Event, AGR.Participation, AGR.Award, AGR.AwardEdition, AGR.Grade,
        AGR.Innovation, AGR.EvaluationInstrument, AGR.Recognition, AGR.NewsArticle, AGR.Evidence,
        OA.TextQuoteSelector, OA.TextPositionSelector,
    }
    assert ours <= targeted, ours - targeted
    assert {AGR.recipient} <= set(sg.objects(None, SH.targetSubjectsOf))
    assert {AGR.inCapacityOf, AGR.supportedBy} <= set(sg.objects(None, SH.targetObjectsOf))
    assert not [s for s in sg.subjects(RDF.type, SH.NodeShape) if isinstance(s, BNode)]
