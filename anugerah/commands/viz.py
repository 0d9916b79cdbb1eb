"""``anugerah viz``: the network of who awarded whom as files — SVG and PNG for reports and papers, GEXF (dynamic
by year) for Gephi, GraphML, and Cytoscape JSON — for the whole network or a selection of it (the same selection
as the /graph page and /api/network/export). ``anugerah viz --bench`` measures the network at scale instead.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import Any

FORMATS = ("svg", "png", "gexf", "graphml", "cyjs")
EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "viz",
        help="write the network as SVG, PNG, GEXF (Gephi, dynamic by year), GraphML and Cytoscape JSON",
        description="Write the network of who awarded whom (or a selection of it) as files. Entity options take a "
        "local id (org/dishub-jatim) or an IRI.",
    )
    source = p.add_mutually_exclusive_group()
    source.add_argument("--dataset", type=Path,
                        help="an RDF file (TriG, N-Quads, …) such as dist/anugerah.nq; default: compile --data")
    source.add_argument("--data", type=Path, default=Path("data"), help="curated data directory (default: data)")
    p.add_argument("--base", help="base IRI (default: $ANUGERAH_BASE or https://w3id.org/anugerah/)")
    p.add_argument("--out", type=Path, default=Path("viz"), help="output directory (default: viz)")
    p.add_argument("--name", default="anugerah-network", help="file name stem (default: anugerah-network)")
    p.add_argument("--format", nargs="+", choices=FORMATS, default=list(FORMATS), help="formats (default: all)")
    p.add_argument("--year-from", type=int, help="only relations dated in or after this year")
    p.add_argument("--year-to", type=int, help="only relations dated in or before this year")
    p.add_argument("--no-undated", action="store_true", help="with a year range, drop relations without a date")
    p.add_argument("--award", action="append", help="only recognitions of this award (repeatable)")
    p.add_argument("--region", action="append", help="only relations touching this region (repeatable)")
    p.add_argument("--kind", action="append", help="only relations between entities of these kinds (repeatable)")
    p.add_argument("--relation", action="append", help="only these relations (repeatable)")
    p.add_argument("--focus", help="only this entity's neighbourhood")
    p.add_argument("--hops", type=int, default=1, help="with --focus: steps around it (default 1)")
    p.add_argument("--hierarchy", action="store_true",
                   help="also the administrative hierarchy between regions (reference data)")
    p.add_argument("--title", help="the drawing's title")
    p.add_argument("--bench", type=int, nargs="+", metavar="NODES",
                   help="instead: time build, layout, measures and exports on synthetic networks of about NODES "
                   "entities (e.g. --bench 1000 5000)")
    p.add_argument("--browser", action="store_true",
                   help="with --bench: also time the /graph page's first render in headless chromium")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress on stderr")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if args.bench:
        from ..graph.benchmark import run_network_benchmark

        browser = _browser_timer() if args.browser else None
        run_network_benchmark(args.bench, print, browser=browser)
        return EXIT_OK
    return _write(args)


def _say(quiet: bool) -> Any:
    started = time.monotonic()

    def say(message: str) -> None:
        if not quiet:
            print(f"[{time.monotonic() - started:6.2f}s] {message}", file=sys.stderr, flush=True)

    return say


def _write(args: argparse.Namespace) -> int:
    from ..graph.namespaces import Base
    from ..graph.network import ENTITY_KINDS, RELATIONS, build_network
    from ..graph.network_draw import TITLE, draw
    from ..graph.network_export import WRITERS
    from ..graph.network_layout import cached_layout, layout
    from ..graph.network_view import Selection, select
    from ..graph.store import Store

    say = _say(args.quiet)
    try:
        base = Base.from_env(args.base)
    except ValueError as exc:
        print(f"anugerah: --base: {exc}", file=sys.stderr)
        return EXIT_USAGE
    if args.year_from and args.year_to and args.year_from > args.year_to:
        print("anugerah: --year-to is before --year-from", file=sys.stderr)
        return EXIT_USAGE
    unknown = [k for k in args.kind or () if k not in (*ENTITY_KINDS, "other")]
    if unknown:
        print(f"anugerah: --kind {unknown[0]!r}: one of {', '.join(ENTITY_KINDS)}", file=sys.stderr)
        return EXIT_USAGE
    if args.dataset:
        say(f"loading {args.dataset}")
        store = Store.from_file(args.dataset)
    else:
        from ..graph.compiler import compile_data

        say(f"compiling {args.data}")
        store = Store.from_dataset(compile_data(args.data, base).dataset)
    say("building the network")
    graph = build_network(store, base=base)
    known = set(RELATIONS) | {r for _u, _v, r in graph.edges(data="relation")}
    bad = [r for r in args.relation or () if r not in known]
    if bad:
        print(f"anugerah: --relation {bad[0]!r}: one of {', '.join(sorted(known))}", file=sys.stderr)
        return EXIT_USAGE

    def iri(option: str, value: str) -> str:
        full = value if value.startswith(("http://", "https://")) else base.thing(value)
        if full not in graph:
            raise SystemExit(f"anugerah: {option} {value!r}: not in the network")
        return full

    selection = Selection(
        year_from=args.year_from, year_to=args.year_to, undated=not args.no_undated,
        awards=tuple(iri("--award", a) for a in args.award) if args.award else None,
        regions=tuple(iri("--region", r) for r in args.region) if args.region else None,
        kinds=tuple(args.kind) if args.kind else None,
        relations=tuple(args.relation) if args.relation else None,
        focus=iri("--focus", args.focus) if args.focus else None, hops=max(1, args.hops),
        hierarchy=args.hierarchy,
    )
    view = select(graph, selection)
    say(f"laying out {graph.number_of_nodes()} nodes")
    positions = cached_layout(graph)
    args.out.mkdir(parents=True, exist_ok=True)
    for fmt in args.format:
        path = args.out / f"{args.name}.{fmt}"
        if fmt in ("svg", "png"):
            drawn = layout(view) if selection.focus else positions
            subtitle = selection.describe(lambda i: str(graph.nodes[i].get("label", i))) or None
            data = draw(view, drawn, fmt, title=args.title or TITLE, subtitle=subtitle)
        else:
            data = WRITERS[fmt](view, positions, graph)
        path.write_bytes(data)
        print(path)
    say(f"wrote {len(args.format)} file(s): {view.number_of_nodes()} nodes, {view.number_of_edges()} relations")
    return EXIT_OK


def _browser_timer() -> Any:
    """A function timing the /graph page's first render on an RDF file: serves it with uvicorn in a thread and
    opens the page in Debian's chromium (Playwright) three times; returns (cold ms, warm median ms)."""
    import contextlib
    import socket
    import threading

    def measure(dataset: Path) -> dict[str, float]:
        import uvicorn
        from playwright.sync_api import sync_playwright

        from ..api.app import create_app
        from ..api.settings import Settings

        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            port = sock.getsockname()[1]
        app = create_app(Settings(dataset=dataset, workers=1))
        server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
        thread = threading.Thread(target=server.run, daemon=True)
        thread.start()
        try:
            while not server.started:
                time.sleep(0.05)
            url = f"http://127.0.0.1:{port}/graph"
            runs: list[dict[str, float]] = []
            errors: list[str] = []
            with sync_playwright() as pw:
                browser = pw.chromium.launch(executable_path="/usr/bin/chromium",
                                             args=["--no-sandbox", "--disable-gpu"])
                try:
                    for _ in range(3):
                        page = browser.new_page(viewport={"width": 1400, "height": 900})
                        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
                        page.on("pageerror", lambda e: errors.append(str(e)))
                        page.goto(url)
                        page.wait_for_function("window.anugerahGraph && window.anugerahGraph.ready",
                                               timeout=600_000)
                        runs.append(page.evaluate("window.anugerahGraph.timings"))
                        page.close()
                finally:
                    browser.close()
        finally:
            server.should_exit = True
            with contextlib.suppress(Exception):
                thread.join(timeout=10)
        warm = sorted(r["painted"] for r in runs[1:])
        if errors:
            print(f"browser console errors: {errors[:3]}", file=sys.stderr)
        return {"cold_ms": runs[0]["painted"], "warm_ms": warm[len(warm) // 2],
                "fetch_ms": runs[-1]["fetched"], "build_ms": runs[-1]["built"] - runs[-1]["fetched"],
                "errors": float(len(errors))}

    return measure
