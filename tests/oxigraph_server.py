"""A real Oxigraph server for the tests: ``oxigraph serve`` in a subprocess on a free local port.

The binary comes with the ``oxigraph`` PyPI package (a test dependency), next to the Python executable.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx


@dataclass(frozen=True)
class OxigraphServer:
    url: str  # http://127.0.0.1:PORT
    pid: int

    @property
    def query_url(self) -> str:
        return f"{self.url}/query"

    @property
    def update_url(self) -> str:
        return f"{self.url}/update"

    @property
    def store_url(self) -> str:
        return f"{self.url}/store"


def build_seed(out: Path) -> Path:
    """Build the seed data (``python -m anugerah build``) into ``out``; the TriG file it wrote."""
    data = Path(__file__).resolve().parents[1] / "data"
    built = subprocess.run(
        [sys.executable, "-m", "anugerah", "build", "--data", str(data), "--out", str(out), "-q"],
        capture_output=True, text=True, timeout=300,
    )
    if built.returncode != 0:
        raise RuntimeError(f"anugerah build failed: {built.stderr or built.stdout}")
    return out / "anugerah.trig"


def oxigraph_binary() -> str:
    """The ``oxigraph`` executable: next to sys.executable (a venv's bin/), else on PATH."""
    beside = Path(sys.executable).parent / ("oxigraph.exe" if os.name == "nt" else "oxigraph")
    if beside.is_file():
        return str(beside)
    found = shutil.which("oxigraph")
    if found is None:
        raise FileNotFoundError("no 'oxigraph' executable next to Python or on PATH: pip install oxigraph")
    return found


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def oxigraph_server(
    location: Path | None = None,
    *,
    union_default_graph: bool = True,
    timeout_s: float | None = None,
    read_only: bool = False,
    startup_s: float = 15.0,
) -> Iterator[OxigraphServer]:
    """Run ``oxigraph serve`` (or ``serve-read-only``) until the block ends; stop it by its PID.

    ``location`` None: a fresh temporary directory, removed afterwards. Retries on another port if the chosen one
    was taken in the meantime.
    """
    with tempfile.TemporaryDirectory(prefix="oxigraph-") as scratch:
        directory = location if location is not None else Path(scratch) / "db"
        directory.mkdir(parents=True, exist_ok=True)
        last_error = ""
        for _attempt in range(3):
            port = free_port()
            command = [oxigraph_binary(), "serve-read-only" if read_only else "serve",
                       "--location", str(directory), "--bind", f"127.0.0.1:{port}"]
            if union_default_graph:
                command.append("--union-default-graph")
            if timeout_s is not None:
                command += ["--timeout-s", f"{timeout_s:g}"]
            log = Path(scratch) / f"server-{port}.log"
            with log.open("wb") as output:
                process = subprocess.Popen(command, stdout=output, stderr=subprocess.STDOUT)
            try:
                server = OxigraphServer(f"http://127.0.0.1:{port}", process.pid)
                if _wait_until_up(server, process, startup_s):
                    yield server
                    return
                last_error = log.read_text(encoding="utf-8", errors="replace")
            finally:
                _stop(process)
        raise RuntimeError(f"oxigraph serve did not start: {last_error.strip() or 'no output'}")


def _wait_until_up(server: OxigraphServer, process: subprocess.Popen[bytes], startup_s: float) -> bool:
    deadline = time.monotonic() + startup_s
    while time.monotonic() < deadline:
        if process.poll() is not None:
            return False
        try:
            answer = httpx.get(server.query_url, params={"query": "ASK {}"}, timeout=1.0,
                               headers={"Accept": "application/sparql-results+json"})
            if answer.status_code == 200:
                return True
        except httpx.TransportError:
            pass
        time.sleep(0.05)
    return False


def _stop(process: subprocess.Popen[bytes]) -> None:
    """Terminate the server by its PID, then kill it if it lingers."""
    if process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=5)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=5)
