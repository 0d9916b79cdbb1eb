"""The ``anugerah`` command: one entry point, one subcommand per job."""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

from . import __version__

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2


def _progress(quiet: bool) -> Callable[[str], None]:
    started = time.monotonic()

    def say(message: str) -> None:
        if not quiet:
            print(f"[{time.monotonic() - started:6.2f}s] {message}", file=sys.stderr, flush=True)

    return say


def _base(args: argparse.Namespace):
    from .graph.namespaces import Base

    try:
        return Base.from_env(args.base)
    except ValueError as exc:
        raise SystemExit(f"anugerah: --base: {exc}") from None


def cmd_build(args: argparse.Namespace) -> int:
    from .graph.build import build

    build(args.data, args.out, _base(args), _progress(args.quiet))
    print(f"built {args.out}/", file=sys.stderr)
    return EXIT_OK


def cmd_validate(args: argparse.Namespace) -> int:
    from .graph.build import check
    from .graph.validation import Severity

    checked = check(args.data, _base(args), _progress(args.quiet))
    if args.warnings:
        text = checked.report.render(checked.compiled.base, (Severity.WARNING, Severity.INFO))
        if text:
            print(text)
    print(f"valid: {checked.report.summary()}", file=sys.stderr)
    return EXIT_OK


def cmd_anchor(args: argparse.Namespace) -> int:
    from .graph.evidence import find_all

    text = args.text.read_text(encoding="utf-8")
    offsets = find_all(text, args.quote)
    if not offsets:
        print(f"anugerah: the quote does not occur in {args.text}", file=sys.stderr)
        return EXIT_INVALID
    for offset in offsets:
        print(offset)
    return EXIT_OK


def _needs_build(data: Path, out: Path) -> bool:
    dump = out / "anugerah.nq"
    if not dump.exists():
        return True
    built = dump.stat().st_mtime
    package = Path(__file__).resolve().parents[1]
    inputs = [*data.rglob("*"), *(package / "ontology").glob("*.ttl")]
    return any(p.is_file() and p.stat().st_mtime > built for p in inputs)


def cmd_serve(args: argparse.Namespace) -> int:
    import uvicorn

    from .api.app import create_app
    from .api.settings import Settings
    from .graph.build import build

    say = _progress(args.quiet)
    dataset = args.dataset
    if dataset is None and args.endpoint is None:
        if _needs_build(args.data, args.out):
            build(args.data, args.out, _base(args), say)
        dataset = args.out / "anugerah.nq"
        from .commands.export import export_in_background

        export_in_background(dataset, args.out / "publication", _base(args).root)  # served at /data/
    if dataset is not None and not dataset.is_file():
        print(f"anugerah: --dataset {dataset}: not found", file=sys.stderr)
        return EXIT_USAGE
    settings = Settings.from_env(
        base=_base(args), dataset=dataset, endpoint=args.endpoint, timeout_s=args.timeout,
        row_limit=args.row_limit, workers=args.workers,
    )
    source = settings.endpoint or str(settings.dataset)
    say(f"serving {source} on http://{args.host}:{args.port}/ (SPARQL: /sparql, query page: /query, API: /docs)")
    uvicorn.run(create_app(settings), host=args.host, port=args.port, log_level="warning" if args.quiet else "info")
    return EXIT_OK


def cmd_load(args: argparse.Namespace) -> int:
    from .graph.load import LoadError, load_dataset

    say = _progress(args.quiet)
    dataset = args.dataset or args.out / "anugerah.trig"
    if args.dataset is None:
        from .graph.build import build

        build(args.data, args.out, _base(args), say)
    try:
        counts = load_dataset(dataset, args.store, replace=not args.add,
                              progress=lambda graph, triples: say(f"  {graph}: {triples} triples"))
    except LoadError as exc:
        print(f"anugerah: load failed: {exc}", file=sys.stderr)
        return EXIT_INVALID
    print(f"loaded {sum(counts.values())} triples in {len(counts)} graphs into {args.store}", file=sys.stderr)
    return EXIT_OK


def cmd_bench(args: argparse.Namespace) -> int:
    from .graph.benchmark import run_benchmark

    if args.network:
        from .graph.benchmark import run_network_benchmark

        run_network_benchmark(args.network, print)  # with the browser's first paint: anugerah viz --bench --browser
        return EXIT_OK
    run_benchmark(args.scale, args.repeat, args.rdflib_limit, print)
    return EXIT_OK


def cmd_queries(args: argparse.Namespace) -> int:
    from .graph.named_queries import load_named_queries

    for query in load_named_queries().values():
        print(f"{query.name}: {query.summary}")
        for param in query.params:
            need = "required" if param.required else "optional"
            print(f"    --param {param.name}=…  ({param.type}, {need}) {param.description}".rstrip())
    return EXIT_OK


def cmd_query(args: argparse.Namespace) -> int:
    import csv
    import json

    from .graph.named_queries import ParameterError, load_named_queries
    from .graph.store import QueryError, Store

    queries = load_named_queries()
    query = queries.get(args.name)
    if query is None:
        print(f"anugerah: no named query {args.name!r} (see `anugerah queries`)", file=sys.stderr)
        return EXIT_USAGE
    values: dict[str, str] = {}
    for item in args.param:
        name, sep, value = item.partition("=")
        if not sep:
            print(f"anugerah: --param {item!r}: expected NAME=VALUE", file=sys.stderr)
            return EXIT_USAGE
        values[name] = value
    base = _base(args)
    if args.dataset:
        store = Store.from_file(args.dataset)
    else:
        from .graph.compiler import compile_data

        store = Store.from_dataset(compile_data(args.data, base).dataset)
    try:
        rows = query.run(store, values, base)
    except ParameterError as exc:
        print(f"anugerah: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except QueryError as exc:
        print(f"anugerah: query {query.name}: {exc}", file=sys.stderr)
        return EXIT_INVALID
    columns = sorted({name for row in rows for name in row})
    table = [{c: str(row[c]) if c in row else "" for c in columns} for row in rows]
    if args.format == "json":
        print(json.dumps(table, ensure_ascii=False, indent=1))
    else:
        writer = csv.DictWriter(sys.stdout, fieldnames=columns, delimiter="," if args.format == "csv" else "\t",
                                lineterminator="\n")
        writer.writeheader()
        writer.writerows(table)
    print(f"{len(rows)} row(s)", file=sys.stderr)
    return EXIT_OK


def _add_data_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--data", type=Path, default=Path("data"), help="curated data directory (default: data)")
    parser.add_argument("--base", help="base IRI for things and graphs (default: $ANUGERAH_BASE or "
                        "https://w3id.org/anugerah/)")
    parser.add_argument("-q", "--quiet", action="store_true", help="no progress on stderr")


def parser() -> argparse.ArgumentParser:
    root = argparse.ArgumentParser(
        prog="anugerah",
        description="Anugerah: a linked-data knowledge graph of Indonesian bureaucracy recognitions.",
    )
    root.add_argument("--version", action="version", version=f"anugerah {__version__}")
    sub = root.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("build", help="compile data/, validate it, and write dist/ (TriG, N-Quads, Turtle, JSON-LD)")
    _add_data_options(p)
    p.add_argument("--out", type=Path, default=Path("dist"), help="output directory (default: dist)")
    p.set_defaults(func=cmd_build)

    p = sub.add_parser("validate", help="compile and validate data/ without writing anything")
    _add_data_options(p)
    p.add_argument("--warnings", action="store_true", help="also list Warnings and Infos (open slots, hints)")
    p.set_defaults(func=cmd_validate)

    p = sub.add_parser("serve", help="build if needed, then serve the SPARQL endpoint, API and pages over HTTP")
    _add_data_options(p)
    p.add_argument("--out", type=Path, default=Path("dist"), help="build directory (default: dist)")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8000)
    p.add_argument("--dataset", type=Path, help="serve this RDF file (TriG, N-Quads, Turtle, N-Triples) instead")
    p.add_argument("--endpoint", default=os.environ.get("ANUGERAH_ENDPOINT"),
                   help="answer from this remote SPARQL 1.1 query endpoint instead (or $ANUGERAH_ENDPOINT)")
    p.add_argument("--timeout", type=float, help="per-query time limit in seconds (default 30)")
    p.add_argument("--row-limit", type=int, help="most SELECT rows per response (default 10000)")
    p.add_argument("--workers", type=int, help="query worker processes (default 2)")
    p.set_defaults(func=cmd_serve)

    p = sub.add_parser("load", help="build, then push every named graph to a Graph Store Protocol endpoint")
    _add_data_options(p)
    p.add_argument("--endpoint", required=True, dest="store",
                   help="the Graph Store Protocol URL to push to, e.g. http://127.0.0.1:7878/store")
    p.add_argument("--out", type=Path, default=Path("dist"), help="build directory (default: dist)")
    p.add_argument("--dataset", type=Path, help="load this TriG/N-Quads file instead of building")
    p.add_argument("--add", action="store_true", help="add to existing graphs instead of replacing them")
    p.set_defaults(func=cmd_load)

    p = sub.add_parser("bench", help="time the named queries on rdflib's store and on pyoxigraph, side by side")
    p.add_argument("--scale", type=int, nargs="+", default=[1000], help="synthetic recognitions per run")
    p.add_argument("--repeat", type=int, default=5, help="runs per query (median reported)")
    p.add_argument("--rdflib-limit", type=float, default=20.0,
                   help="skip repeating rdflib queries slower than this (s)")
    p.add_argument("--network", type=int, nargs="+", metavar="NODES",
                   help="instead: the who-awarded-whom network's build, layout and exports at about NODES entities")
    p.set_defaults(func=cmd_bench)

    p = sub.add_parser("queries", help="list the named queries and their parameters")
    p.set_defaults(func=cmd_queries)

    p = sub.add_parser("query", help="run a named query on a dataset file or on data/")
    p.add_argument("name", help="the query's name (see `anugerah queries`)")
    p.add_argument("--param", action="append", default=[], metavar="NAME=VALUE", help="a parameter value")
    p.add_argument("--format", choices=("table", "csv", "json"), default="table")
    p.add_argument("--dataset", type=Path,
                   help="an RDF file (TriG, N-Quads, Turtle, N-Triples); default: compile data/")
    _add_data_options(p)
    p.set_defaults(func=cmd_query)

    p = sub.add_parser("anchor", help="print the character offset(s) of a quote in an article text")
    p.add_argument("text", type=Path, help="the article text file")
    p.add_argument("quote", help="the exact quote")
    p.set_defaults(func=cmd_anchor)

    from .commands import register_all

    register_all(sub)
    return root


def main(argv: list[str] | None = None) -> int:
    from .graph.build import ValidationFailed
    from .graph.errors import CurationError

    args = parser().parse_args(argv)
    try:
        return args.func(args)
    except CurationError as exc:
        count = len(exc.problems)
        print(f"anugerah: {count} problem(s) in the curated data; nothing was written.", file=sys.stderr)
        for problem in exc.problems:
            print(f"  {problem}", file=sys.stderr)
        return EXIT_INVALID
    except ValidationFailed as exc:
        from .graph.validation import Severity

        print(exc.report.render(exc.compiled.base, (Severity.VIOLATION,)), file=sys.stderr)
        print(f"anugerah: SHACL validation failed ({exc.report.summary()}); nothing was written.",
              file=sys.stderr)
        return EXIT_INVALID
    except FileNotFoundError as exc:
        print(f"anugerah: {exc.filename}: not found", file=sys.stderr)
        return EXIT_INVALID
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # output piped into `head` and closed early
        return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
