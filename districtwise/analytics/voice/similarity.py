"""Similar needs: which needs raised by different schools read like the same problem.

Each need's words (its title counted twice, then its description) become a TF-IDF vector
over the needs compared; two needs of the same category whose vectors' cosine is at or over
``threshold`` are similar, and similar needs chain into one group (single linkage). Only
groups spanning at least ``min_schools`` schools are kept: one school's repeated needs are
its own business, several schools with the same need point at a district-wide issue.

Pure and deterministic: the same needs in any order give the same groups, ordered.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass

# Words too common in a need to say what it is about.
_STOP_WORDS_TEXT = """
    a about after again all also am an and any are as at be been before being both but by
    can could did do does doing for from had has have having he her here him his how i if
    in into is it its just me more most my no nor not now of off on once only or other our
    out over own same she should so some still such than that the their them then there
    these they this those through to too under until up very was we were what when where
    which while who why will with would you your
    need needs school schools please since week weeks day days get got us
    """
STOP_WORDS = frozenset(_STOP_WORDS_TEXT.split())
DEFAULT_THRESHOLD = 0.3
_WORD = re.compile(r"[a-z0-9]+")


@dataclass(frozen=True)
class NeedText:
    """What the grouping reads of a need: its key, category, school and words."""

    key: Hashable
    category: str
    school: Hashable
    title: str
    description: str


def words(text: str) -> list[str]:
    """The words of ``text`` that carry meaning: lower case, no stop words, no one- or
    two-letter words, a plural 's' dropped (so 'buses' and 'bus' meet, as do 'routes'
    and 'route')."""
    found = []
    for word in _WORD.findall(text.lower()):
        if len(word) < 3 or word in STOP_WORDS:
            continue
        if word.endswith("es") and len(word) > 4 and word[-3] in "sxz":
            word = word[:-2]
        elif word.endswith("s") and not word.endswith("ss") and len(word) > 3:
            word = word[:-1]
        found.append(word)
    return found


def _vectors(items: Sequence[NeedText]) -> list[dict[str, float]]:
    """TF-IDF vectors, unit length; idf smoothed as log((1 + n) / (1 + df)) + 1."""
    counts = [Counter(words(f"{i.title} {i.title} {i.description}")) for i in items]
    df: Counter[str] = Counter()
    for count in counts:
        df.update(count.keys())
    n = len(items)
    vectors = []
    for count in counts:
        vector = {w: tf * (math.log((1 + n) / (1 + df[w])) + 1) for w, tf in count.items()}
        norm = math.sqrt(sum(v * v for v in vector.values())) or 1.0
        vectors.append({w: v / norm for w, v in vector.items()})
    return vectors


def cosine(a: dict[str, float], b: dict[str, float]) -> float:
    """Cosine of two unit vectors."""
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b.get(w, 0.0) for w, v in a.items())


def similar_groups(
    items: Iterable[NeedText], *, threshold: float = DEFAULT_THRESHOLD, min_schools: int = 2
) -> list[list[Hashable]]:
    """Groups of similar needs (keys), each of one category and at least ``min_schools``
    schools; largest group first, then by category and first key. The weights are computed
    over all ``items`` at once so that words common to every need weigh little."""
    ordered = sorted(items, key=lambda i: (i.category, str(i.key)))
    vectors = _vectors(ordered)
    parent = list(range(len(ordered)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i in range(len(ordered)):
        for j in range(i + 1, len(ordered)):
            if ordered[i].category != ordered[j].category:
                break  # sorted by category: no later item shares it
            if cosine(vectors[i], vectors[j]) >= threshold:
                parent[root(j)] = root(i)
    members: dict[int, list[int]] = {}
    for i in range(len(ordered)):
        members.setdefault(root(i), []).append(i)
    groups = [
        [ordered[i] for i in indices]
        for indices in members.values()
        if len({ordered[i].school for i in indices}) >= min_schools
    ]
    groups.sort(key=lambda g: (-len(g), g[0].category, str(g[0].key)))
    return [[item.key for item in group] for group in groups]
