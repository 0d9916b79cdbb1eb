"""Subcommands that live in their own module: each module here has ``register(sub)`` adding its parser(s).

``anugerah.cli`` discovers them, so a new job is a new file here, not an edit of the CLI's core.
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil


def register_all(sub: argparse._SubParsersAction) -> None:
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda i: i.name):
        module = importlib.import_module(f"{__name__}.{info.name}")
        module.register(sub)
