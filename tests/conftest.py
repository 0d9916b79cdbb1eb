from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "data"
SHARED = REPO.parent / "shared"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A scratch project directory holding a copy of the curated data."""
    shutil.copytree(DATA, tmp_path / "data")
    return tmp_path


def run_cli(*args: str, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run the real `anugerah` command in a subprocess, as a user would."""
    full_env = {**os.environ, **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "anugerah", *args], cwd=cwd, env=full_env, capture_output=True, text=True,
        timeout=300,
    )
