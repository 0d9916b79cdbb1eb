"""``anugerah bench``: the same named queries on rdflib's in-memory store and on pyoxigraph, side by side.

Figures are printed, never asserted: on a shared machine only the ratios in one run mean much.
"""

from __future__ import annotations

import random
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

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


# --------------------------------------------------------------------------------------------------------------
# The network: build, layout, measures and exports at scale (``anugerah viz --bench``)
# --------------------------------------------------------------------------------------------------------------


def synthetic_network_dataset(nodes: int, base: Base, seed: int = 11) -> Dataset:
    """A dataset whose network has about ``nodes`` entities, shaped like ours: ministries (with ministers and
    their offices) confer on provincial governments and their agencies at events, presented by the minister;
    some recognitions name no conferrer or are handed to the governor; one recognition per entity, dated over ten
    years, each fact with a quoted evidence span in its own source graph."""
    from rdflib.namespace import DCTERMS

    org = URIRef("http://www.w3.org/ns/org#unitOf"), URIRef("http://www.w3.org/ns/org#postIn")
    schema_url = URIRef("https://schema.org/url")
    rng = random.Random(seed)
    ds = Dataset()
    ref = ds.graph(URIRef(base.named_graph("reference")))
    thing = base.thing
    n_ministries = max(4, nodes // 150)
    n_provinces = min(38, max(3, nodes // 120))
    n_awards = max(8, nodes // 60)
    n_events = max(4, nodes // 30)
    n_agencies = max(n_provinces, nodes - 3 * n_ministries - 4 * n_provinces - n_awards - n_events)

    def entity(iri: URIRef, cls: URIRef, label: str) -> URIRef:
        ref.add((iri, RDF.type, cls))
        ref.add((iri, SKOS.prefLabel, Literal(label, lang="id")))
        return iri

    ministries = [entity(URIRef(thing(f"org/kementerian-{i}")), AGR.Ministry, f"Kementerian {i}")
                  for i in range(n_ministries)]
    ministers = [entity(URIRef(thing(f"person/menteri-{i}")), AGR.Person, f"Menteri {i}") for i in range(n_ministries)]
    minister_posts = [entity(URIRef(thing(f"post/menteri-{i}")), AGR.Office, f"Jabatan Menteri {i}")
                      for i in range(n_ministries)]
    provinces = [entity(URIRef(thing(f"wilayah/{11 + i}")), AGR.Region, f"Provinsi {i}") for i in range(n_provinces)]
    governments = [entity(URIRef(thing(f"org/pemprov-{i}")), AGR.RegionalGovernment, f"Pemprov {i}")
                   for i in range(n_provinces)]
    governors = [entity(URIRef(thing(f"person/gubernur-{i}")), AGR.Person, f"Gubernur {i}") for i in range(n_provinces)]
    governor_posts = [entity(URIRef(thing(f"post/gubernur-{i}")), AGR.Office, f"Jabatan Gubernur {i}")
                      for i in range(n_provinces)]
    awards = [entity(URIRef(thing(f"award/penghargaan-{i}")), AGR.Award, f"Penghargaan {i}") for i in range(n_awards)]
    agencies = []
    for i in range(n_agencies):
        g = i % n_provinces
        agency = entity(URIRef(thing(f"org/dinas-{g}-{i}")), AGR.RegionalAgency, f"Dinas {i} Provinsi {g}")
        ref.add((agency, org[0], governments[g]))
        ref.add((agency, AGR.jurisdiction, provinces[g]))
        agencies.append(agency)
    for i, government in enumerate(governments):
        ref.add((government, AGR.jurisdiction, provinces[i]))
        ref.add((governor_posts[i], org[1], government))
    for post, ministry in zip(minister_posts, ministries, strict=True):
        ref.add((post, org[1], ministry))

    counter = iter(range(10**9))

    def fact_graph(n: int) -> tuple[Any, URIRef]:
        source = URIRef(thing(f"source/s{n // 4}"))
        graph = ds.graph(URIRef(base.named_graph(f"source/s{n // 4}")))
        graph.add((source, RDF.type, AGR.NewsArticle))
        graph.add((source, schema_url, URIRef(f"https://example.org/berita/{n // 4}")))
        graph.add((source, DCTERMS.title, Literal(f"Berita {n // 4}")))
        return graph, source

    def evidence(graph: Any, source: URIRef, fact: URIRef, quote: str) -> None:
        e = URIRef(thing(f"evidence/v{next(counter)}"))
        quote_selector, position = URIRef(f"{e}-q"), URIRef(f"{e}-p")
        start = rng.randrange(2000)
        graph.add((fact, AGR.supportedBy, e))
        graph.add((e, RDF.type, AGR.Evidence))
        graph.add((e, OA.hasSource, source))
        graph.add((e, OA.hasSelector, quote_selector))
        graph.add((e, OA.hasSelector, position))
        graph.add((quote_selector, RDF.type, OA.TextQuoteSelector))
        graph.add((quote_selector, OA.exact, Literal(quote)))
        graph.add((position, RDF.type, OA.TextPositionSelector))
        graph.add((position, OA.start, Literal(start)))
        graph.add((position, OA.end, Literal(start + len(quote))))

    events = []
    for i in range(n_events):
        graph, source = fact_graph(i)
        event = URIRef(thing(f"event/acara-{i}"))
        date = Literal(f"{2015 + i % 10}-{1 + i % 12:02d}-{1 + i % 28:02d}", datatype=XSD.date)
        graph.add((event, RDF.type, AGR.AwardCeremony))
        graph.add((event, SKOS.prefLabel, Literal(f"Acara penghargaan {i}", lang="id")))
        graph.add((event, AGR.startDate, date))
        graph.add((event, AGR.locatedIn, rng.choice(provinces)))
        evidence(graph, source, event, f"acara penghargaan {i}")
        events.append((event, date))
    for k, (minister, post) in enumerate(zip(ministers, minister_posts, strict=True)):
        graph, source = fact_graph(k)
        tenure = URIRef(thing(f"tenure/menteri-{k}"))
        graph.add((tenure, RDF.type, AGR.Tenure))
        graph.add((tenure, AGR.holder, minister))
        graph.add((tenure, AGR.post, post))
        graph.add((tenure, AGR.attestedOn, Literal("2020-01-01", datatype=XSD.date)))
        evidence(graph, source, tenure, f"Menteri {k}")
    recipients = governments + agencies
    for n in range(nodes):
        graph, source = fact_graph(n)
        rec = URIRef(thing(f"recognition/r{n}"))
        recipient = recipients[n % len(recipients)] if n < len(recipients) else rng.choice(recipients)
        event, date = rng.choice(events)
        k = rng.randrange(n_ministries)
        graph.add((rec, RDF.type, AGR.AwardConferral))
        graph.add((rec, AGR.recipient, recipient))
        graph.add((rec, AGR.award, rng.choice(awards)))
        graph.add((rec, AGR.date, date))
        graph.add((rec, AGR.atEvent, event))
        evidence(graph, source, rec, f"Penerima {n} meraih penghargaan")
        if rng.random() < 0.85:  # the rest: the source names no conferrer, and none is recorded
            graph.add((rec, AGR.conferredBy, ministries[k]))
            if rng.random() < 0.7:
                presenter = URIRef(f"{rec}-presenter")
                graph.add((rec, AGR.hasParticipation, presenter))
                graph.add((presenter, RDF.type, AGR.Participation))
                graph.add((presenter, AGR.agent, ministers[k]))
                graph.add((presenter, AGR.participationRole, PROLE.presenter))
                graph.add((presenter, AGR.inCapacityOf, minister_posts[k]))
                evidence(graph, source, presenter, f"diserahkan oleh Menteri {k}")
        if recipient in governments and rng.random() < 0.3:
            g = governments.index(recipient)
            receiver = URIRef(f"{rec}-receiver")
            graph.add((rec, AGR.hasParticipation, receiver))
            graph.add((receiver, RDF.type, AGR.Participation))
            graph.add((receiver, AGR.agent, governors[g]))
            graph.add((receiver, AGR.participationRole, PROLE["nominal-receiver"]))
            evidence(graph, source, receiver, f"kepada Gubernur {g}")
    return ds


def run_network_benchmark(
    sizes: list[int], out: Callable[[str], None], browser: Callable[[Path], dict[str, float]] | None = None
) -> None:
    """Time, per network size: building the network from the store, the layout, the measures, the page's JSON
    and each export; with ``browser`` (a function serving a dataset file and timing the /graph page in a real
    browser, from ``anugerah viz --bench --browser``), also the time from navigation to the first painted frame:
    cold (the server builds the network and its layout on that request) and warm. Printed, never asserted."""
    import json
    import tempfile

    from .network import build_network
    from .network_draw import draw
    from .network_export import WRITERS
    from .network_layout import layout
    from .network_measures import node_measures, rankings
    from .network_view import Selection, page_data, select

    base = Base()
    out(f"{'nodes':>7} {'edges':>7} {'step':<28} {'ms':>10} {'size':>10}")
    for size in sizes:
        ds = synthetic_network_dataset(size, base)
        store = Store.from_dataset(ds)

        def row(step: str, ms: float, extra: str = "", g: Any = None) -> None:
            out(f"{g.number_of_nodes():>7} {g.number_of_edges():>7} {step:<28} {ms:>10.0f} {extra:>10}")

        started = time.perf_counter()
        graph = build_network(store, base=base)
        row("build network (SPARQL)", (time.perf_counter() - started) * 1000, g=graph)
        view = select(graph, Selection())
        started = time.perf_counter()
        positions = layout(graph)
        row("layout", (time.perf_counter() - started) * 1000, g=view)
        for name, fn in (("measures (all nodes)", node_measures), ("rankings (top 10)", rankings)):
            started = time.perf_counter()
            fn(view)
            row(name, (time.perf_counter() - started) * 1000, g=view)
        started = time.perf_counter()
        body = json.dumps(page_data(view, positions, lambda iri: iri[len(base.id):], graph), separators=(",", ":"))
        row("page JSON", (time.perf_counter() - started) * 1000, f"{len(body) / 1e6:.1f} MB", g=view)
        for fmt, writer in WRITERS.items():
            started = time.perf_counter()
            data = writer(view, positions, graph)
            row(f"export {fmt}", (time.perf_counter() - started) * 1000, f"{len(data) / 1e6:.1f} MB", g=view)
        for fmt in ("svg", "png"):
            started = time.perf_counter()
            data = draw(view, positions, fmt)
            row(f"draw {fmt}", (time.perf_counter() - started) * 1000, f"{len(data) / 1e6:.1f} MB", g=view)
        if browser is not None:
            with tempfile.TemporaryDirectory(prefix="anugerah-bench-") as tmp:
                path = Path(tmp) / "network.nq"
                path.write_text(ds.serialize(format="nquads"), encoding="utf-8")
                figures = browser(path)
            row("browser: first paint, cold", figures["cold_ms"], "(+server)", g=view)
            row("browser: first paint, warm", figures["warm_ms"], g=view)
            row("  JSON loaded at", figures["fetch_ms"], g=view)
            row("  Cytoscape start-up", figures["build_ms"], g=view)
