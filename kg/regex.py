"""Regular expressions built from word lists (shared by the date and place finders)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

__all__ = ["trie_pattern"]


def trie_pattern(words: Iterable[str]) -> str:
    """A regex group matching any of ``words``, compiled from a character trie.

    Python's ``re`` tries alternatives one by one; a trie shares prefixes, which makes
    "is any of these thousand words here?" about ten times faster.  A space in a word
    matches any run of white space.  No words: a pattern that never matches.
    """
    trie: dict[str, Any] = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict[str, Any]) -> str:
        alts = [(r"\s+" if ch == " " else re.escape(ch)) + build(sub) for ch, sub in sorted(node.items()) if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return f"(?:{body})?" if "" in node else body

    return "(?:" + build(trie) + ")" if trie else "(?!x)x"
