"""``anugerah bench``: the same named queries on rdflib's in-memory store and on pyoxigraph, side by side.

Figures are printed, never asserted: on a shared machine only the ratios in one run mean much.
"""

from __future__ import annotations

import random
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass

from rdflib import Dataset, Literal, URIRef
from rdflib.namespace import RDF, SKOS, XSD

from .named_queries import load_named_queries
from .namespaces import AGR, OA, PROLE, Base
from .store import Store


def synthetic_dataset(recognitions: int, base: Base, seed: int = 7) -> Dataset:
    """A dataset shaped like the real one: ministries confer on governments and their agencies at events,
    presented by ministers, each fact with an evidence span in its own source graph."""
    rng = random.Random(seed)
    ds = Dataset()
    ref = ds.graph(URIRef(base.named_graph("reference")))
    thing = base.thing
    provinces = [URIRef(thing(f"wilayah/{i:02d}")) for i in range(11, 49)]
    ministries = [URIRef(thing(f"org/ministry-{i}")) for i in range(30)]
    ministers = [URIRef(thing(f"person/minister-{i}")) for i in range(30)]
    governments = [URIRef(thing(f"org/pemprov-{i}")) for i in range(len(provinces))]
    agencies = [URIRef(thing(f"org/agency-{g}-{a}")) for g in range(len(governments)) for a in range(25)]
    awards = [URIRef(thing(f"award/programme-{i}")) for i in range(40)]
    for i, region in enumerate(provinces):
        ref.add((region, RDF.type, AGR.Region))
        ref.add((region, SKOS.prefLabel, Literal(f"Provinsi {i}", lang="id")))
    for i, (ministry, minister) in enumerate(zip(ministries, ministers, strict=True)):
        ref.add((ministry, RDF.type, AGR.Ministry))
        ref.add((ministry, SKOS.prefLabel, Literal(f"Kementerian {i}", lang="id")))
        ref.add((minister, RDF.type, AGR.Person))
        ref.add((minister, SKOS.prefLabel, Literal(f"Menteri {i}", lang="id")))
    for i, government in enumerate(governments):
        ref.add((government, RDF.type, AGR.RegionalGovernment))
        ref.add((government, AGR.jurisdiction, provinces[i]))
        ref.add((government, SKOS.prefLabel, Literal(f"Pemerintah Provinsi {i}", lang="id")))
    for agency in agencies:
        government = governments[int(str(agency).rsplit("-", 2)[1])]
        ref.add((agency, RDF.type, AGR.RegionalAgency))
        ref.add((agency, URIRef("http://www.w3.org/ns/org#unitOf"), government))
        ref.add((agency, SKOS.prefLabel, Literal(f"Dinas {agency.rsplit('/', 1)[-1]}", lang="id")))
    for i, award in enumerate(awards):
        ref.add((award, RDF.type, AGR.Award))
        ref.add((award, SKOS.prefLabel, Literal(f"Penghargaan {i}", lang="id")))
    recipients = governments + agencies
    for n in range(recognitions):
        source = URIRef(thing(f"source/s{n // 5}"))
        graph = ds.graph(URIRef(base.named_graph(f"source/s{n // 5}")))
        graph.add((source, RDF.type, AGR.NewsArticle))
        k = rng.randrange(len(ministries))
        rec = URIRef(thing(f"recognition/r{n}"))
        event = URIRef(thing(f"event/e{n // 20}"))
        date = Literal(f"{2015 + n % 10}-{1 + n % 12:02d}-{1 + n % 28:02d}", datatype=XSD.date)
        evidence = URIRef(thing(f"evidence/v{n}"))
        presenter = URIRef(f"{rec}-presenter")
        graph.add((rec, RDF.type, AGR.AwardConferral))
        graph.add((rec, AGR.recipient, rng.choice(recipients)))
        graph.add((rec, AGR.conferredBy, ministries[k]))
        graph.add((rec, AGR.award, rng.choice(awards)))
        graph.add((rec, AGR.date, date))
        graph.add((rec, AGR.atEvent, event))
        graph.add((event, RDF.type, AGR.AwardCeremony))
        graph.add((event, AGR.startDate, date))
        graph.add((event, AGR.locatedIn, rng.choice(provinces)))
        graph.add((rec, AGR.hasParticipation, presenter))
        graph.add((presenter, RDF.type, AGR.Participation))
        graph.add((presenter, AGR.agent, ministers[k]))
        graph.add((presenter, AGR.participationRole, PROLE.presenter))
        for fact in (rec, presenter, event):
            graph.add((fact, AGR.supportedBy, evidence))
        graph.add((evidence, RDF.type, AGR.Evidence))
        graph.add((evidence, OA.hasSource, source))
    return ds


@dataclass(frozen=True)
class Case:
    name: str
    query: str
    values: dict[str, str]


def cases() -> list[Case]:
    return [
        Case("who-awarded-whom", "who-awarded-whom", {"year": "2019"}),
        Case("recognitions-of (agency)", "recognitions-of", {"entity": "org/agency-3-4"}),
        Case("events-at (province)", "events-at", {"place": "wilayah/12"}),
        Case("connection (minister-agency)", "connection", {"from": "person/minister-1", "to": "org/agency-3-4"}),
    ]


def _median_ms(run: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        run()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def run_benchmark(scales: list[int], repeat: int, rdflib_limit_s: float, out: Callable[[str], None]) -> None:
    base = Base()
    queries = load_named_queries()
    out(f"{'recognitions':>12} {'quads':>8} {'case':<30} {'rdflib ms':>11} {'oxigraph ms':>12} {'ratio':>8}")
    for scale in scales:
        ds = synthetic_dataset(scale, base)
        quads = sum(1 for _ in ds.quads((None, None, None, None)))
        load_rdf = _median_ms(lambda ds=ds: Dataset(default_union=True).parse(
            data=ds.serialize(format="nquads"), format="nquads"), 1)
        started = time.perf_counter()
        store = Store.from_dataset(ds)
        load_ox = (time.perf_counter() - started) * 1000
        out(f"{scale:>12} {quads:>8} {'load (N-Quads)':<30} {load_rdf:>11.1f} {load_ox:>12.1f} "
            f"{load_rdf / max(load_ox, 1e-6):>7.0f}x")
        union = Dataset(default_union=True)
        for quad in ds.quads((None, None, None, None)):
            union.add(quad)
        for case in cases():
            named = queries[case.query]
            bindings = named.bind(case.values, base)
            ox_ms = _median_ms(
                lambda named=named, bindings=bindings, store=store: store.select(named.text, bindings), repeat)
            started = time.perf_counter()
            list(union.query(named.text, initBindings=bindings))
            first = (time.perf_counter() - started) * 1000
            if first / 1000 > rdflib_limit_s:
                rdf_text, ratio = f">{first:.0f}", f">{first / max(ox_ms, 1e-6):.0f}x"
            else:
                def run_rdflib(named=named, bindings=bindings, union=union) -> object:
                    return list(union.query(named.text, initBindings=bindings))

                rdf_ms = min(first, _median_ms(run_rdflib, max(1, repeat // 2)))
                rdf_text, ratio = f"{rdf_ms:.1f}", f"{rdf_ms / max(ox_ms, 1e-6):.0f}x"
            out(f"{scale:>12} {quads:>8} {case.name:<30} {rdf_text:>11} {ox_ms:>12.2f} {ratio:>8}")
