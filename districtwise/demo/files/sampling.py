"""Vectorised sampling helpers: exact quotas, weighted selection, categorical draws."""

from __future__ import annotations

import numpy as np


def rank_within(groups: np.ndarray, keys: np.ndarray) -> np.ndarray:
    """Rank of each element inside its group, 0 = largest key (stable, deterministic)."""
    order = np.lexsort((-keys, groups))
    sorted_groups = groups[order]
    starts = np.r_[0, np.flatnonzero(np.diff(sorted_groups)) + 1]
    sizes = np.diff(np.r_[starts, len(order)])
    first = np.repeat(starts, sizes)
    ranks = np.empty(len(order), dtype=np.int64)
    ranks[order] = np.arange(len(order)) - first
    return ranks


def gumbel_keys(rng: np.random.Generator, weights: np.ndarray) -> np.ndarray:
    """Keys whose descending order is a weighted sample without replacement."""
    return np.log(np.maximum(weights, 1e-12)) + rng.gumbel(size=len(weights))


def quota_select(
    rng: np.random.Generator, groups: np.ndarray, quotas: np.ndarray, weights: np.ndarray
) -> np.ndarray:
    """Select exactly ``quotas[g]`` members of every group ``g``, weighted by ``weights``.

    ``groups`` holds non-negative group indices; the result is a boolean mask.
    """
    if len(groups) == 0:
        return np.zeros(0, dtype=bool)
    ranks = rank_within(groups, gumbel_keys(rng, weights))
    return ranks < quotas[groups]


def exact_rate_select(
    rng: np.random.Generator, groups: np.ndarray, rates: np.ndarray, weights: np.ndarray
) -> np.ndarray:
    """Select round(rate[g] * size[g]) members of every group g (weighted)."""
    sizes = np.bincount(groups, minlength=len(rates))
    quotas = np.rint(rates * sizes).astype(np.int64)
    return quota_select(rng, groups, quotas, weights)


def categorical(rng: np.random.Generator, probs: np.ndarray, rows: np.ndarray) -> np.ndarray:
    """Draw one category per row from ``probs[rows]`` (a table of row-normalised probabilities)."""
    cdf = np.cumsum(probs, axis=1)
    cdf /= cdf[:, -1:]
    u = rng.random(len(rows))
    out = (u[:, None] >= cdf[rows]).sum(axis=1)
    return np.minimum(out, probs.shape[1] - 1)


def choice_from(
    rng: np.random.Generator, values: np.ndarray, probs: np.ndarray, n: int
) -> np.ndarray:
    """Draw ``n`` values from ``values`` with fixed probabilities."""
    return values[rng.choice(len(values), size=n, p=probs / probs.sum())]
