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
from itertools import groupby

import numpy as np

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


# Rows compared at once: a block of this many needs against all needs of its category
# keeps memory at (block times needs) floats however many needs a category has.
_BLOCK = 512
# Sums of float products may differ from the exact cosine in the last bits; a pair this
# close to the threshold counts as reaching it, the same either way it is computed.
_EPSILON = 1e-9


def _components(vectors: Sequence[dict[str, float]], threshold: float) -> np.ndarray:
    """Each vector's group label (single linkage at ``threshold``): one matrix product per
    block of rows over the words of these vectors only, and components merged with array
    operations, so that thousands of needs of one category take a moment, not minutes."""
    vocabulary = {w: k for k, w in enumerate(sorted({w for v in vectors for w in v}))}
    matrix = np.zeros((len(vectors), len(vocabulary)), dtype=np.float64)
    for row, vector in enumerate(vectors):
        for word, weight in vector.items():
            matrix[row, vocabulary[word]] = weight
    label = np.arange(len(vectors))
    for start in range(0, len(vectors), _BLOCK):
        similar = (matrix[start : start + _BLOCK] @ matrix.T) >= threshold - _EPSILON
        for row in similar:
            found = label[row]
            # Most rows find needs already joined: only a row reaching two groups merges.
            if found.size and (found != found[0]).any():
                joined = np.unique(found)
                label[np.isin(label, joined)] = joined[0]
    return label


def similar_groups(
    items: Iterable[NeedText], *, threshold: float = DEFAULT_THRESHOLD, min_schools: int = 2
) -> list[list[Hashable]]:
    """Groups of similar needs (keys), each of one category and at least ``min_schools``
    schools; largest group first, then by category and first key. The weights are computed
    over all ``items`` at once so that words common to every need weigh little."""
    ordered = sorted(items, key=lambda i: (i.category, str(i.key)))
    vectors = _vectors(ordered)
    groups: list[list[NeedText]] = []
    for _category, members in groupby(range(len(ordered)), key=lambda i: ordered[i].category):
        indices = list(members)
        labels = _components([vectors[k] for k in indices], threshold)
        by_label: dict[int, list[NeedText]] = {}
        for position, label in enumerate(labels.tolist()):
            by_label.setdefault(label, []).append(ordered[indices[position]])
        groups += [
            group
            for group in by_label.values()
            if len({item.school for item in group}) >= min_schools
        ]
    groups.sort(key=lambda g: (-len(g), g[0].category, str(g[0].key)))
    return [[item.key for item in group] for group in groups]
