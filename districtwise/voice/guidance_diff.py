"""A readable difference between two versions of a guidance text.

Lines are compared first (a paragraph or a list item is one line); a line that was
changed rather than added or removed is then compared word by word, so a reader sees the
two words that changed in a long paragraph instead of the whole paragraph twice. The
result is plain data; the template marks each part with ``<ins>``/``<del>`` and says
"added"/"removed" in words, so the difference does not rest on colour alone.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from typing import Literal

Change = Literal["same", "added", "removed"]
# Words with the spaces after them: joining the pieces gives back the line exactly.
_WORDS = re.compile(r"\S+\s*|\s+")


@dataclass(frozen=True)
class Piece:
    """A run of text that is the same in both versions, or added, or removed."""

    change: Change
    text: str


@dataclass
class DiffLine:
    """One line of the difference: unchanged, added, removed, or changed within."""

    change: Literal["same", "added", "removed", "changed"]
    pieces: list[Piece] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "".join(piece.text for piece in self.pieces)


def _lines(text: str) -> list[str]:
    return [line.rstrip() for line in text.replace("\r\n", "\n").split("\n")]


def _merged(pieces: list[Piece]) -> list[Piece]:
    """Neighbouring pieces of the same kind as one."""
    out: list[Piece] = []
    for piece in pieces:
        if out and out[-1].change == piece.change:
            out[-1] = Piece(piece.change, out[-1].text + piece.text)
        elif piece.text:
            out.append(piece)
    return out


def word_diff(old: str, new: str) -> list[Piece]:
    """The pieces of one changed line, word by word."""
    before, after = _WORDS.findall(old), _WORDS.findall(new)
    pieces: list[Piece] = []
    matcher = difflib.SequenceMatcher(a=before, b=after, autojunk=False)
    for op, a0, a1, b0, b1 in matcher.get_opcodes():
        if op == "equal":
            pieces.append(Piece("same", "".join(before[a0:a1])))
            continue
        if op in ("delete", "replace"):
            pieces.append(Piece("removed", "".join(before[a0:a1])))
        if op in ("insert", "replace"):
            pieces.append(Piece("added", "".join(after[b0:b1])))
    return _merged(pieces)


def text_diff(old: str, new: str) -> list[DiffLine]:
    """The difference from ``old`` to ``new``, line by line, changed lines word by word."""
    before, after = _lines(old), _lines(new)
    result: list[DiffLine] = []
    matcher = difflib.SequenceMatcher(a=before, b=after, autojunk=False)
    for op, a0, a1, b0, b1 in matcher.get_opcodes():
        if op == "equal":
            result += [DiffLine("same", [Piece("same", line)]) for line in before[a0:a1]]
        elif op == "delete":
            result += [DiffLine("removed", [Piece("removed", line)]) for line in before[a0:a1]]
        elif op == "insert":
            result += [DiffLine("added", [Piece("added", line)]) for line in after[b0:b1]]
        else:
            result += _replaced(before[a0:a1], after[b0:b1])
    return result


def _replaced(old_lines: list[str], new_lines: list[str]) -> list[DiffLine]:
    """Lines replaced by others: paired in order and compared word by word; what is left
    over on either side is wholly removed or added."""
    paired = list(zip(old_lines, new_lines, strict=False))
    lines = [DiffLine("changed", word_diff(old, new)) for old, new in paired]
    lines += [DiffLine("removed", [Piece("removed", o)]) for o in old_lines[len(paired) :]]
    lines += [DiffLine("added", [Piece("added", n)]) for n in new_lines[len(paired) :]]
    return lines


def has_changes(lines: list[DiffLine]) -> bool:
    return any(line.change != "same" for line in lines)
