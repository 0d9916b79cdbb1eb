"""``anugerah export``: write the static linked-data publication (dumps, catalog, VoID, documents)."""

from __future__ import annotations

import argparse
import atexit
import hashlib
import subprocess
import sys
from pathlib import Path

STATIC_DIR = Path(__file__).resolve().parents[2] / "api" / "static"
STYLESHEETS = ("anugerah.css", "entity.css")


def static_files() -> dict[str, Path]:
    """The stylesheets the pages link (``/static/app/…``), copied into the publication."""
    return {f"static/app/{name}": STATIC_DIR / name for name in STYLESHEETS if (STATIC_DIR / name).is_file()}


def run_export(
    out: Path, base: object, *, data: Path | None = None, dataset: Path | None = None, version: str | None = None,
    date: str | None = None, progress=None,
):
    """Export from a dataset file (TriG/N-Quads) or from curated data (compiled and validated first)."""
    from ..graph.publish.export import export, load_dataset

    digest = None
    if dataset is not None:
        rdf = load_dataset(dataset)
        digest = hashlib.sha256(dataset.read_bytes()).hexdigest()
    else:
        from ..graph.build import check

        rdf = check(data or Path("data"), base, progress).compiled.dataset  # type: ignore[arg-type]
    return export(out, base, rdf, version=version, date=date, static_files=static_files(),  # type: ignore[arg-type]
                  source_digest=digest, progress=progress)


def export_in_background(dataset: Path, out: Path, base_root: str) -> subprocess.Popen | None:
    """``anugerah serve``: export ``dataset`` into ``out`` in a child process, unless ``out`` already holds its
    export. The server answers meanwhile (``/data/`` says so until the export is swapped in); the child is
    stopped if the server exits first (the export is staged, so nothing half-written remains)."""
    from ..graph.publish.export import publication_is_current

    if publication_is_current(out, dataset):
        return None
    command = [sys.executable, "-m", "anugerah", "export", "--dataset", str(dataset), "--out", str(out),
               "--base", base_root, "-q"]
    child = subprocess.Popen(command, stdin=subprocess.DEVNULL)
    atexit.register(_stop, child)
    return child


def _stop(child: subprocess.Popen) -> None:
    if child.poll() is None:
        child.terminate()
        try:
            child.wait(timeout=10)
        except subprocess.TimeoutExpired:
            child.kill()


def cmd_export(args: argparse.Namespace) -> int:
    from ..cli import EXIT_INVALID, EXIT_OK, EXIT_USAGE, _base, _progress

    say = _progress(args.quiet)
    if args.dataset is not None and not args.dataset.is_file():
        print(f"anugerah: --dataset {args.dataset}: not found", file=sys.stderr)
        return EXIT_USAGE
    try:
        result = run_export(args.out, _base(args), data=args.data, dataset=args.dataset, version=args.version,
                            date=args.date, progress=say)
    except ValueError as exc:
        print(f"anugerah: export failed, nothing was written: {exc}", file=sys.stderr)
        return EXIT_INVALID
    state = "unchanged, release reused" if result.reused else "new release"
    print(f"exported {result.out_dir}/ (release {result.version}, {state}; {result.documents} documents)",
          file=sys.stderr)
    return EXIT_OK


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("export", help="write the static publication: dumps, DCAT-AP catalog, VoID, entity pages")
    p.add_argument("--out", type=Path, required=True, help="the publication directory (releases accumulate in it)")
    p.add_argument("--data", type=Path, default=Path("data"), help="curated data directory (default: data)")
    p.add_argument("--dataset", type=Path, help="export this built TriG/N-Quads file instead of compiling --data")
    p.add_argument("--base", help="base IRI for things and graphs (default: $ANUGERAH_BASE or "
                   "https://w3id.org/anugerah/)")
    p.add_argument("--version", dest="version", help="release name (default: DATE-HASH of the dataset)")
    p.add_argument("--date", help="release date YYYY-MM-DD (default: $SOURCE_DATE_EPOCH or today, UTC)")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress on stderr")
    p.set_defaults(func=cmd_export)
