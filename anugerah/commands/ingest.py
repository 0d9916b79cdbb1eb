"""``anugerah ingest`` (an article → a draft source to review), ``anugerah validate-draft`` (check a draft
against the curated data) and ``anugerah eval-extract`` (score the extractor on an annotated corpus)."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import shutil
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlparse

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("ingest", help="extract an Indonesian news article into a draft source for a curator to review")
    p.add_argument("article", type=Path, help="the article text (UTF-8); a 'source:'/'title:' header is accepted")
    p.add_argument("--url", help="the article's URL (required unless the file starts with 'source: URL')")
    p.add_argument("--published", type=_date, help="publication date YYYY-MM-DD: resolves dates like 'Selasa (8/3)'")
    p.add_argument("--title", help="the article's headline")
    p.add_argument("--name", help="file name of the draft (default: from the URL)")
    p.add_argument("--out", type=Path, default=Path("drafts"), help="draft directory (default: drafts)")
    p.add_argument("--data", type=Path, default=Path("data"), help="curated data to link against (default: data)")
    p.add_argument("--base", help="base IRI used when validating (default: $ANUGERAH_BASE or the project's)")
    p.add_argument("--force", action="store_true", help="overwrite an existing draft (never anything in --data)")
    p.add_argument("--no-validate", action="store_true", help="do not validate the draft against --data")
    p.set_defaults(func=cmd_ingest)

    p = sub.add_parser("validate-draft", help="validate a draft (after editing it) together with the curated data")
    p.add_argument("name", help="the draft's name (drafts/sources/NAME.yaml) or the path of its .yaml")
    p.add_argument("--out", type=Path, default=Path("drafts"), help="draft directory (default: drafts)")
    p.add_argument("--data", type=Path, default=Path("data"), help="curated data (default: data)")
    p.add_argument("--base", help="base IRI (default: $ANUGERAH_BASE or the project's)")
    p.set_defaults(func=cmd_validate_draft)

    p = sub.add_parser("eval-extract", help="score the extractor on NNN.txt articles with NNN.gold.json annotations")
    p.add_argument("corpus", type=Path, help="directory of NNN.txt + NNN.gold.json")
    p.add_argument("--json", action="store_true", help="the same figures as JSON")
    p.add_argument("--data", type=Path, default=Path("data"),
                   help="curated data to link against (default: data; sources of the corpus's own URLs are ignored)")
    p.add_argument("--documents", action="store_true", help="also print each document's scores")
    p.set_defaults(func=cmd_eval)


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a date YYYY-MM-DD, got {text!r}") from None


def _fail(message: str, code: int = EXIT_INVALID) -> int:
    print(f"anugerah: {message}", file=sys.stderr)
    return code


# ------------------------------------------------------------------------------------------------- ingest


def cmd_ingest(args: argparse.Namespace) -> int:
    from ..graph.extract.corpus import CorpusError, read_text
    from ..graph.extract.document import split_header
    from ..graph.extract.draft import build_draft, reference_yaml, source_yaml
    from ..graph.extract.extractor import extract
    from ..graph.extract.linking import EntityIndex, slug

    try:
        raw = read_text(args.article)
    except CorpusError as exc:
        return _fail(str(exc))
    header_url, header_title, text = split_header(raw)
    url = args.url or header_url
    if not url:
        return _fail(f"{args.article}: give the article's URL with --url", EXIT_USAGE)
    if urlparse(url).scheme not in ("http", "https") or not urlparse(url).netloc or " " in url:
        return _fail(f"--url: expected an absolute http(s) URL, got {url!r}", EXIT_USAGE)
    name = args.name or slug(_url_name(url), 70)
    if not name or "/" in name or name.startswith("."):
        return _fail(f"--name: {name!r} is not a plain file name", EXIT_USAGE)
    out = args.out
    data = args.data
    if _inside(out, data) or _inside(out, Path(__file__).resolve().parents[2] / "data"):
        return _fail(f"--out {out}: a draft is never written into the curated data ({data}); review it, then move "
                     "it there yourself", EXIT_USAGE)
    targets = {
        "source": out / "sources" / f"{name}.yaml",
        "text": out / "sources" / f"{name}.txt",
        "reference": out / "reference" / f"{name}.yaml",
    }
    existing = [p for p in targets.values() if p.exists()]
    if existing and not args.force:
        return _fail(f"{existing[0]} exists; choose another --name, or --force to overwrite the draft", EXIT_USAGE)

    index = EntityIndex.from_data(data if data.is_dir() else None, exclude_urls={url})
    for problem in index.skipped:
        print(f"anugerah: warning: not read for linking: {problem}", file=sys.stderr)
    curated = _curated_with_url(data, url)
    extraction = extract(text, url=url, title=args.title or header_title, published=args.published, index=index)
    draft = build_draft(extraction, index, url=url, text_name=f"{name}.txt", title=args.title or header_title,
                        published=args.published)
    header = [
        f"DRAFT made by `anugerah ingest` on {dt.date.today().isoformat()} from {args.article.name}: every fact below",
        "was extracted by rules and needs a curator's review. Each quote is the sentence that states the fact;",
        "'confidence' is the extractor's. Check names, ids and open slots, then move this file, its .txt and the",
        f"new entities in ../reference/{name}.yaml into data/ (merging entities the graph already has).",
    ]
    if curated:
        header.append(f"NOTE: this URL is already curated as {curated}; compare before replacing it.")
    files = {targets["source"]: source_yaml(draft, header), targets["text"]: draft.text}
    if draft.new_entities:
        files[targets["reference"]] = reference_yaml(draft, [
            f"New entities proposed by `anugerah ingest` for {name}: check each (spelling, type, whether the graph",
            "already has it under another name), complete it (English label, unitOf, jurisdiction...) and move it",
            "into data/reference/.",
        ])
    elif targets["reference"].exists():
        files[targets["reference"]] = None
    _write_all(files)
    print(f"draft: {targets['source']}")
    for line in draft.summary:
        print(line)
    for item in draft.review:
        print(f"review: {item}")
    if args.no_validate:
        return EXIT_OK
    return _validate(targets["source"], targets["reference"], data, args.base, url)


def _url_name(url: str) -> str:
    parts = [p for p in urlparse(url).path.split("/") if p]
    host = urlparse(url).netloc.split(":")[0].removeprefix("www.")
    return parts[-1] if parts else host


def _inside(path: Path, parent: Path) -> bool:
    try:
        path.resolve().relative_to(parent.resolve())
        return True
    except ValueError:
        return False


def _curated_with_url(data: Path, url: str) -> str | None:
    import yaml

    for path in sorted((data / "sources").glob("*.yaml")) if data.is_dir() else []:
        try:
            document = yaml.safe_load(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, yaml.YAMLError):
            continue
        if isinstance(document, dict) and isinstance(document.get("source"), dict) and \
                document["source"].get("url") == url:
            return str(path)
    return None


def _write_all(files: dict[Path, str | None]) -> None:
    """Write every file beside its target first, then move them all into place."""
    staged: list[tuple[Path, Path]] = []
    try:
        for target, content in files.items():
            if content is None:
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
            with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
                handle.write(content)
            staged.append((Path(tmp), target))
        for tmp, target in staged:
            os.replace(tmp, target)
        for target, content in files.items():
            if content is None and target.exists():
                target.unlink()
    finally:
        for tmp, _target in staged:
            if tmp.exists():
                tmp.unlink()


# ------------------------------------------------------------------------------------------- validation


def cmd_validate_draft(args: argparse.Namespace) -> int:
    candidate = Path(args.name)
    source = candidate if candidate.suffix == ".yaml" else args.out / "sources" / f"{args.name}.yaml"
    if not source.is_file():
        return _fail(f"{source}: no such draft", EXIT_USAGE)
    reference = source.parent.parent / "reference" / source.name
    import yaml

    try:
        document = yaml.safe_load(source.read_text(encoding="utf-8"))
        url = document["source"]["url"]
    except Exception:  # the compiler reports malformed drafts with file and line below
        url = None
    return _validate(source, reference, args.data, args.base, url)


def _validate(source: Path, reference: Path, data: Path, base_arg: str | None, url: str | None) -> int:
    """Compile and validate the draft together with the curated data, in a scratch copy; report, write nothing."""
    from ..graph.build import ValidationFailed, check
    from ..graph.errors import CurationError
    from ..graph.namespaces import Base
    from ..graph.validation import Severity

    try:
        base = Base.from_env(base_arg)
    except ValueError as exc:
        return _fail(f"--base: {exc}", EXIT_USAGE)
    with tempfile.TemporaryDirectory(prefix="anugerah-draft-") as tmp:
        merged = Path(tmp) / "data"
        (merged / "reference").mkdir(parents=True)
        (merged / "sources").mkdir()
        if data.is_dir():
            for path in sorted((data / "reference").glob("*")):
                if path.suffix in (".yaml", ".ttl"):
                    shutil.copy(path, merged / "reference" / path.name)
            replaced = _curated_with_url(data, url) if url else None
            for path in sorted((data / "sources").glob("*")):
                if replaced and path.with_suffix(".yaml") == Path(replaced):
                    continue
                shutil.copy(path, merged / "sources" / path.name)
        if reference.is_file():
            shutil.copy(reference, merged / "reference" / f"zz-draft-{reference.name}")
        shutil.copy(source, merged / "sources" / source.name)
        text = source.with_suffix(".txt")
        if text.is_file():
            shutil.copy(text, merged / "sources" / text.name)
        mapping = {str(merged / "sources" / source.name): str(source),
                   str(merged / "reference" / f"zz-draft-{reference.name}"): str(reference)}
        try:
            checked = check(merged, base)
        except CurationError as exc:
            print(f"the draft does not validate yet ({len(exc.problems)} problem(s)):", file=sys.stderr)
            for problem in exc.problems:
                print(f"  {_remap(str(problem), mapping, merged, data)}", file=sys.stderr)
            return EXIT_INVALID
        except ValidationFailed as exc:
            report = exc.report.render(exc.compiled.base, (Severity.VIOLATION,))
            print(_remap(report, mapping, merged, data), file=sys.stderr)
            print(f"the draft does not validate yet: SHACL {exc.report.summary()}", file=sys.stderr)
            return EXIT_INVALID
        warnings = checked.report.render(checked.compiled.base, (Severity.WARNING,))
        own = [_remap(line, mapping, merged, data) for line in warnings.splitlines()
               if any(scratch in line for scratch in mapping)]
    print(f"the draft is valid together with {data}/ (open slots of its own: {len(own)} warning(s))")
    for line in own:
        print(f"  {line.strip()}")
    return EXIT_OK


def _remap(text: str, mapping: dict[str, str], merged: Path, data: Path) -> str:
    for scratch, real in mapping.items():
        text = text.replace(scratch, real)
    return text.replace(str(merged), str(data))


# -------------------------------------------------------------------------------------------------- eval


def cmd_eval(args: argparse.Namespace) -> int:
    from ..graph.extract.corpus import CorpusError, read_corpus
    from ..graph.extract.extractor import extract
    from ..graph.extract.goldformat import to_gold
    from ..graph.extract.linking import EntityIndex
    from ..graph.extract.scoring import Score, as_json, render, score_document

    try:
        items = read_corpus(args.corpus)
    except CorpusError as exc:
        return _fail(str(exc))
    index = EntityIndex.from_data(args.data if args.data.is_dir() else None,
                                  exclude_urls={i.url for i in items if i.url})
    total = Score()
    per_document: dict[str, Score] = {}
    for item in items:
        extraction = extract(item.text, url=item.url, title=item.title, index=index)
        score = score_document(to_gold(extraction), item.gold)
        per_document[item.name] = score
        total.add(score)
    if args.json:
        print(json.dumps(as_json(total, per_document), indent=2, ensure_ascii=False))
        return EXIT_OK
    if args.documents:
        for name, score in per_document.items():
            o = score.overall
            print(f"{name}: precision={o.precision:.2f} recall={o.recall:.2f} f1={o.f1:.2f}")
        print()
    print(f"{len(items)} documents from {args.corpus}")
    print(render(total))
    return EXIT_OK
