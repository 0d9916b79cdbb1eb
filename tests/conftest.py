from __future__ import annotations

import atexit
import functools
import os
import shutil
import subprocess
import sys
import tempfile
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


# The two seed articles. Tests that write exact answers out by hand (who awarded whom, the SHACL rule breaks,
# the entity index) are about these sources: they run on seed_data(), the curated reference data with only
# these two sources, so that the dev-corpus sources added to data/ do not change the answers they spell out.
SEED_SOURCES = (
    "dishub-jatim-2023-pameran-inovasi-borong-penghargaan",
    "viva-jatim-2023-pemprov-jatim-borong-4-penghargaan",
)


@functools.lru_cache(maxsize=1)
def seed_data() -> Path:
    """A copy of data/ with all the reference data and only the seed sources (made once per session)."""
    root = Path(tempfile.mkdtemp(prefix="anugerah-seed-data-"))
    atexit.register(shutil.rmtree, root, ignore_errors=True)
    data = root / "data"
    shutil.copytree(DATA / "reference", data / "reference")
    (data / "sources").mkdir()
    for name in SEED_SOURCES:
        for suffix in (".yaml", ".txt"):
            shutil.copy2(DATA / "sources" / f"{name}{suffix}", data / "sources")
    return data
