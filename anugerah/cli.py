"""The ``anugerah`` command: one entry point, one subcommand per job."""

from __future__ import annotations

import argparse
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

    p = sub.add_parser("anchor", help="print the character offset(s) of a quote in an article text")
    p.add_argument("text", type=Path, help="the article text file")
    p.add_argument("quote", help="the exact quote")
    p.set_defaults(func=cmd_anchor)
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


if __name__ == "__main__":
    sys.exit(main())
