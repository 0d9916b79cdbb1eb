"""Errors a curator can act on: each names the file and, where known, the line."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Problem:
    path: Path | None
    line: int | None
    message: str

    def __str__(self) -> str:
        where = ""
        if self.path is not None:
            where = f"{_display(self.path)}:{self.line}: " if self.line else f"{_display(self.path)}: "
        return where + self.message


class CurationError(Exception):
    """One or more problems in the curated data; nothing was written."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))

    @classmethod
    def single(cls, path: Path | None, line: int | None, message: str) -> CurationError:
        return cls([Problem(path, line, message)])


def _display(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)
