"""What is derived once from one engine's read-only dataset and shared by every view of it.

The relationship API, the graph view and anything else that needs the entity index, the search index, the
network or the label table asks ``derived(engine, base)``: each is computed once per engine, not once per view.
``PerEngine`` is the small registry behind it, reused for other per-engine state.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable
from typing import Any, Generic, TypeVar

import networkx as nx

from . import entities as ent
from .namespaces import Base
from .network import build_network
from .search import EntitySearch

T = TypeVar("T")
MAX_ENGINES = 4


class PerEngine(Generic[T]):
    """One ``make(engine)`` per engine (and per ``variant``), made on first use; the oldest dropped past ``size``."""

    def __init__(self, make: Callable[[Any], T], size: int = MAX_ENGINES) -> None:
        self._make = make
        self._size = size
        self._entries: dict[tuple[int, Hashable], tuple[Any, T]] = {}
        self._lock = threading.Lock()

    def get(self, engine: Any, variant: Hashable = None) -> T:
        key = (id(engine), variant)
        with self._lock:
            entry = self._entries.get(key)
            if entry is None or entry[0] is not engine:
                while len(self._entries) >= self._size:
                    self._entries.pop(next(iter(self._entries)))
                entry = self._entries[key] = (engine, self._make(engine))
            return entry[1]


class EngineDerived:
    def __init__(self, engine: Any, base: Base) -> None:
        self.engine = engine
        self.base = base
        self._lock = threading.RLock()
        self._records: list[ent.EntityRecord] | None = None
        self._search: EntitySearch | None = None
        self._network: nx.MultiDiGraph | None = None
        self._labels: dict[str, str] | None = None

    def records(self) -> list[ent.EntityRecord]:
        with self._lock:
            if self._records is None:
                self._records = ent.entity_index(self.engine, self.base)
            return self._records

    def search(self) -> EntitySearch:
        with self._lock:
            if self._search is None:
                self._search = EntitySearch(self.records())
            return self._search

    def network(self) -> nx.MultiDiGraph:
        with self._lock:
            if self._network is None:
                self._network = build_network(self.engine, self.records(), base=self.base)
            return self._network

    def labels(self) -> dict[str, str]:
        with self._lock:
            if self._labels is None:
                self._labels = ent.all_labels(self.engine)
            return self._labels


_derived: dict[str, PerEngine[EngineDerived]] = {}
_derived_lock = threading.Lock()


def derived(engine: Any, base: Base) -> EngineDerived:
    with _derived_lock:
        registry = _derived.setdefault(base.root, PerEngine(lambda e: EngineDerived(e, base)))
    return registry.get(engine)
