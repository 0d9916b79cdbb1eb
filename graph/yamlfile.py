"""YAML loading that remembers where every mapping and key came from, and refuses duplicate keys."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from .errors import CurationError


class Located(dict):
    """A YAML mapping that knows its file, its own line and the line of each key (1-based)."""

    path: Path
    line: int
    key_lines: dict[str, int]

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.line)


class _Loader(yaml.SafeLoader):
    path: Path


def _construct_mapping(loader: _Loader, node: yaml.MappingNode) -> Located:
    loader.flatten_mapping(node)
    mapping = Located()
    mapping.path = loader.path
    mapping.line = node.start_mark.line + 1
    mapping.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if not isinstance(key, str):
            raise CurationError.single(loader.path, key_node.start_mark.line + 1, f"key {key!r} is not text")
        if key in mapping:
            raise CurationError.single(
                loader.path,
                key_node.start_mark.line + 1,
                f"duplicate key {key!r} (first at line {mapping.key_lines[key]})",
            )
        mapping[key] = loader.construct_object(value_node, deep=True)
        mapping.key_lines[key] = key_node.start_mark.line + 1
    return mapping


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def load_yaml(path: Path) -> Any:
    """Parse one YAML file; a syntax error becomes a CurationError naming the file and line."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise CurationError.single(path, None, f"not UTF-8 text ({exc.reason} at byte {exc.start})") from None
    loader = _Loader(text)
    loader.path = path
    try:
        return loader.get_single_data()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        detail = " ".join(str(part) for part in (exc.context, exc.problem) if part)
        raise CurationError.single(path, line, f"malformed YAML: {detail}") from None
    except yaml.YAMLError as exc:
        raise CurationError.single(path, None, f"malformed YAML: {exc}") from None
    finally:
        loader.dispose()
