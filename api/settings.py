"""Server settings, from the command line or ANUGERAH_* environment variables."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from ..graph.namespaces import Base


@dataclass(frozen=True)
class Settings:
    base: Base = field(default_factory=Base)
    dataset: Path | None = None  # an RDF file to serve; None: the build in dist/
    endpoint: str | None = None  # a remote SPARQL 1.1 query endpoint instead of the embedded store
    timeout_s: float = 30.0  # per-query wall-clock limit (a request may ask for less, never more)
    row_limit: int = 10_000  # SELECT rows returned at most; the response says when it cuts
    max_request_bytes: int = 64 * 1024  # query text / request body cap
    workers: int = 2  # query worker processes of the embedded engine

    @classmethod
    def from_env(cls, **overrides: object) -> Settings:
        env = os.environ
        values: dict[str, object] = {
            "base": Base.from_env(),
            "dataset": Path(env["ANUGERAH_DATASET"]) if env.get("ANUGERAH_DATASET") else None,
            "endpoint": env.get("ANUGERAH_ENDPOINT") or None,
            "timeout_s": float(env.get("ANUGERAH_TIMEOUT_S", cls.timeout_s)),
            "row_limit": int(env.get("ANUGERAH_ROW_LIMIT", cls.row_limit)),
            "workers": int(env.get("ANUGERAH_WORKERS", cls.workers)),
            "max_request_bytes": int(env.get("ANUGERAH_MAX_REQUEST_BYTES", cls.max_request_bytes)),
        }
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)  # type: ignore[arg-type]
