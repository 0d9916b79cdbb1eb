"""Anchoring quotes in source texts (offsets are Unicode code points over the stored text)."""

from __future__ import annotations

CONTEXT_CHARS = 32


def find_all(text: str, quote: str) -> list[int]:
    found, at = [], text.find(quote)
    while at != -1:
        found.append(at)
        at = text.find(quote, at + 1)
    return found


def anchor_problem(text: str, quote: str, start: int | None) -> str | None:
    """None when ``quote`` sits at ``start``; otherwise a sentence saying where it is, if anywhere."""
    if start is not None and text[start : start + len(quote)] == quote:
        return None
    found = find_all(text, quote)
    if not found:
        return "the quote does not occur in the text at all (it must be copied exactly, typos included)"
    where = ", ".join(str(i) for i in found[:5])
    return f"the quote occurs at offset {where}" if len(found) == 1 else f"the quote occurs at offsets {where}"


def selector_context(text: str, start: int, end: int) -> tuple[str, str]:
    """The prefix and suffix of a Web Annotation TextQuoteSelector."""
    return text[max(0, start - CONTEXT_CHARS) : start], text[end : end + CONTEXT_CHARS]
