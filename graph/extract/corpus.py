"""An evaluation corpus: ``NNN.txt`` articles with ``NNN.gold.json`` annotations (and gold files whose ``text``
field points to their article elsewhere)."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .document import split_header


class CorpusError(Exception):
    """A corpus file that cannot be read; the message names it (and the line, where there is one)."""


@dataclass(frozen=True)
class Item:
    name: str
    text_path: Path
    gold_path: Path
    url: str | None
    title: str | None
    text: str  # the article, without the corpus header
    gold: dict[str, Any]


def read_text(path: Path) -> str:
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise CorpusError(f"{path}: not found") from None
    except OSError as exc:
        raise CorpusError(f"{path}: cannot be read ({exc.strerror})") from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise CorpusError(f"{path}:{line}: not UTF-8 text ({exc.reason} at byte {exc.start})") from None
    if not text.strip():
        raise CorpusError(f"{path}: the file is empty")
    return text.lstrip("\ufeff")


def read_gold(path: Path) -> dict[str, Any]:
    text = read_text(path)
    try:
        gold = json.loads(text)
    except json.JSONDecodeError as exc:
        raise CorpusError(f"{path}:{exc.lineno}:{exc.colno}: malformed JSON ({exc.msg})") from None
    if not isinstance(gold, dict):
        raise CorpusError(f"{path}:1: the gold annotation must be a JSON object")
    for key in ("officials", "organizations", "awards"):
        if key in gold and not isinstance(gold[key], list):
            raise CorpusError(f"{path}: '{key}' must be a list")
    for award in gold.get("awards", []):
        if not isinstance(award, dict):
            raise CorpusError(f"{path}: each entry of 'awards' must be an object")
    return gold


def read_corpus(directory: Path) -> list[Item]:
    if not directory.is_dir():
        raise CorpusError(f"{directory}: not a directory")
    items: list[Item] = []
    texts = sorted(p for p in directory.glob("*.txt") if re.fullmatch(r"\d+\.txt", p.name))
    for text_path in texts:
        gold_path = text_path.with_name(f"{text_path.stem}.gold.json")
        if not gold_path.exists():
            raise CorpusError(f"{gold_path}: missing (every NNN.txt needs its NNN.gold.json)")
        raw = read_text(text_path)
        url, title, body = split_header(raw)
        if url is None:
            raise CorpusError(f"{text_path}:1: expected the first line 'source: <URL>'")
        items.append(Item(text_path.stem, text_path, gold_path, url, title, body, read_gold(gold_path)))
    for gold_path in sorted(directory.glob("*.gold.json")):
        stem = gold_path.name[: -len(".gold.json")]
        if (directory / f"{stem}.txt").exists():
            continue
        gold = read_gold(gold_path)
        pointer = gold.get("text")
        if not isinstance(pointer, str):
            raise CorpusError(f"{gold_path}: no {stem}.txt next to it and no 'text' field pointing to the article")
        text_path = (gold_path.parent / pointer).resolve()
        raw = read_text(text_path)
        url, title, body = split_header(raw)
        items.append(Item(stem, text_path, gold_path, url or gold.get("source"), title, body, gold))
    if not items:
        raise CorpusError(f"{directory}: no NNN.txt articles with NNN.gold.json annotations")
    return items
