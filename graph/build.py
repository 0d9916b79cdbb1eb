"""``anugerah build`` and ``anugerah validate``: compile, validate, and publish ``dist/`` atomically."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .compiler import Compiled, compile_data
from .namespaces import Base
from .serialize import graphs_in_order, serialize_all
from .validation import Report, Severity, validate

Progress = Callable[[str], None]


class ValidationFailed(Exception):
    """SHACL found Violations; the report says where."""

    def __init__(self, compiled: Compiled, report: Report) -> None:
        self.compiled = compiled
        self.report = report
        super().__init__(report.summary())


@dataclass(frozen=True)
class Checked:
    compiled: Compiled
    report: Report


def check(data_dir: Path, base: Base, progress: Progress | None = None) -> Checked:
    """Compile and validate; raise CurationError or ValidationFailed. Writes nothing."""
    say = progress or (lambda _msg: None)
    say(f"compiling {data_dir}/")
    compiled = compile_data(data_dir, base, progress=lambda msg: say(f"  {msg}"))
    quads = sum(1 for _ in compiled.dataset.quads((None, None, None, None)))
    say(f"  {len(compiled.files)} files, {len(compiled.sources)} sources, {quads} quads; all evidence quotes "
        "found at their offsets")
    say("validating with SHACL")
    report = validate(compiled)
    say(f"  {report.summary()}")
    if not report.conforms:
        raise ValidationFailed(compiled, report)
    return Checked(compiled, report)


def build(data_dir: Path, out_dir: Path, base: Base, progress: Progress | None = None) -> Checked:
    """Compile, validate and write the dumps to ``out_dir``; on any failure ``out_dir`` is left as it was."""
    say = progress or (lambda _msg: None)
    checked = check(data_dir, base, progress)
    say(f"writing {out_dir}/")
    files = serialize_all(checked.compiled.dataset, base)
    files["validation.txt"] = _validation_text(checked)
    files["build-info.json"] = _build_info(checked, files)
    _publish(out_dir, files)
    for name in sorted(files):
        say(f"  {name} ({len(files[name].encode()):,} bytes)")
    return checked


def _validation_text(checked: Checked) -> str:
    report = checked.report
    header = (
        "# SHACL report of this build: no Violation. Warnings mark slots the sources leave open;\n"
        "# Infos are curation hints. Neither is filled in by guessing.\n"
        f"# {report.summary()}\n\n"
    )
    return header + report.render(checked.compiled.base, (Severity.WARNING, Severity.INFO)) + "\n"


def _build_info(checked: Checked, files: dict[str, str]) -> str:
    compiled = checked.compiled
    info = {
        "base": compiled.base.root,
        "graphs": {str(name): len(graph) for name, graph in graphs_in_order(compiled.dataset)},
        "sources": sorted(
            ({"iri": str(s.iri), "graph": str(s.graph), "url": s.url, "file": s.yaml_path.name}
             for s in compiled.sources),
            key=lambda s: s["iri"],
        ),
        "validation": {s.value: checked.report.count(s) for s in Severity},
        "files": {name: hashlib.sha256(content.encode()).hexdigest() for name, content in sorted(files.items())},
    }
    return json.dumps(info, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def _publish(out_dir: Path, files: dict[str, str]) -> None:
    """Write every file into a fresh sibling directory, then swap it in place of ``out_dir``."""
    out_dir = out_dir.resolve()
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.new-", dir=out_dir.parent))
    try:
        for name, content in files.items():
            (staging / name).write_text(content, encoding="utf-8", newline="\n")
        swap_in(staging, out_dir)
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)


def swap_in(staging: Path, out_dir: Path) -> None:
    """Put the finished ``staging`` in place of its sibling ``out_dir``: readers see old or new, never half."""
    os.chmod(staging, 0o755)
    if out_dir.exists():
        retired = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.old-", dir=out_dir.parent))
        retired.rmdir()
        out_dir.rename(retired)
        staging.rename(out_dir)
        shutil.rmtree(retired, ignore_errors=True)
    else:
        staging.rename(out_dir)
