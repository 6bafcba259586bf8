"""The district's organisation: networks, schools, attendance zones and feeder patterns."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from districtwise.demo import names
from districtwise.demo.files.codes import ELEMENTARY, HIGH, K8, LEVELS, MIDDLE, PK, SIX12

CENTER = (41.62, -88.34)  # an arbitrary inland point; the district spans ~0.5 degrees
GRADE_RANGE = {ELEMENTARY: (PK, 5), MIDDLE: (6, 8), HIGH: (9, 12), K8: (PK, 8), SIX12: (6, 12)}


@dataclass
class Plan:
    """Static facts about networks and schools (index i = school number i)."""

    network_names: list[str]
    school_ids: list[str]
    school_names: list[str]
    network: np.ndarray  # network index per school
    level: np.ndarray  # LEVELS index per school
    grade_low: np.ndarray
    grade_high: np.ndarray
    lat: np.ndarray
    lon: np.ndarray
    zone_poverty: np.ndarray  # designed poverty of zone schools (nan for others)
    zones: np.ndarray  # school index of each attendance zone (elementary / k8)
    zone_weight: np.ndarray
    school_of: np.ndarray  # [zone, grade + 1] -> school index, -1 if not offered

    @property
    def n_schools(self) -> int:
        """Number of schools."""
        return len(self.school_ids)

    def serving(self, grade: int) -> np.ndarray:
        """Indices of the schools offering ``grade``."""
        return np.flatnonzero((self.grade_low <= grade) & (self.grade_high >= grade))


def school_count(students: int) -> int:
    """About 40 schools per 25,000 students, growing a little slower than enrolment."""
    return max(7, round(40 * (students / 25_000) ** 0.9))


def level_counts(n: int) -> dict[int, int]:
    """Schools per level: ~60% elementary, 20% middle, 15% high, 5% k8 / 6-12."""
    high, middle, other = max(1, round(0.15 * n)), max(1, round(0.20 * n)), round(0.05 * n)
    six12 = other // 3
    return {
        HIGH: high,
        MIDDLE: middle,
        K8: other - six12,
        SIX12: six12,
        ELEMENTARY: n - high - middle - other,
    }


def build_plan(rng: np.random.Generator, students: int) -> Plan:
    """Lay out networks, schools, zones and feeders for a district of ``students``."""
    n = school_count(students)
    n_networks = max(2, round(n / 10))
    level = np.concatenate([np.full(c, lv) for lv, c in sorted(level_counts(n).items())])
    network = _assign_networks(level, n_networks)
    order = np.lexsort((level, network))
    level, network = level[order], network[order]
    lat, lon = _coordinates(rng, network, n_networks)
    low = np.array([GRADE_RANGE[lv][0] for lv in level])
    high = np.array([GRADE_RANGE[lv][1] for lv in level])
    low[(level == ELEMENTARY) & (rng.random(n) < 0.3)] = 0  # some elementaries start at KG
    zones = np.flatnonzero((level == ELEMENTARY) | (level == K8))
    zone_poverty = _zone_poverty(rng, network, zones, n_networks)
    return Plan(
        network_names=[names.network_name(i) for i in range(n_networks)],
        school_ids=_school_ids(network),
        school_names=_school_names(rng, level),
        network=network,
        level=level,
        grade_low=low,
        grade_high=high,
        lat=lat,
        lon=lon,
        zone_poverty=zone_poverty,
        zones=zones,
        zone_weight=rng.uniform(0.7, 1.3, len(zones)),
        school_of=_feeders(level, low, high, zones),
    )


def _assign_networks(level: np.ndarray, n_networks: int) -> np.ndarray:
    """Deal the schools of each level round-robin over the networks."""
    network = np.empty(len(level), dtype=np.int64)
    dealt = 0
    for lv in np.unique(level):
        idx = np.flatnonzero(level == lv)
        network[idx] = (np.arange(len(idx)) + dealt) % n_networks
        dealt += len(idx)
    return network


def _coordinates(
    rng: np.random.Generator, network: np.ndarray, n_networks: int
) -> tuple[np.ndarray, np.ndarray]:
    """Schools scattered around their network's centre, networks around the district's."""
    angle = 2 * np.pi * (np.arange(n_networks) + 0.5) / n_networks
    radius = 0.06 + 0.01 * np.sqrt(n_networks)
    lat = CENTER[0] + radius * np.cos(angle)[network] + rng.normal(0, 0.025, len(network))
    lon = CENTER[1] + 1.3 * radius * np.sin(angle)[network] + rng.normal(0, 0.03, len(network))
    return np.round(lat, 5), np.round(lon, 5)


def _zone_poverty(
    rng: np.random.Generator, network: np.ndarray, zones: np.ndarray, n_networks: int
) -> np.ndarray:
    """Poverty share of each zone school, spread evenly over 0.15..0.90, clustered by network."""
    network_level = rng.permutation(np.linspace(-1.0, 1.0, n_networks))
    noisy = network_level[network[zones]] + rng.normal(0, 0.6, len(zones))
    ranks = np.argsort(np.argsort(noisy, kind="stable"), kind="stable")
    poverty = np.full(len(network), np.nan)
    poverty[zones] = 0.15 + 0.75 * ranks / max(1, len(zones) - 1)
    return poverty


def _school_ids(network: np.ndarray) -> list[str]:
    """Opaque ids with leading zeros: network number then a serial, e.g. '0103'."""
    serial = np.zeros(len(network), dtype=np.int64)
    for net in np.unique(network):
        idx = np.flatnonzero(network == net)
        serial[idx] = np.arange(1, len(idx) + 1)
    net_width = max(2, len(str(network.max() + 1)))
    serial_width = max(2, len(str(serial.max())))
    return [
        f"{n + 1:0{net_width}d}{s:0{serial_width}d}" for n, s in zip(network, serial, strict=True)
    ]


def _school_names(rng: np.random.Generator, level: np.ndarray) -> list[str]:
    """Distinct synthetic names, e.g. 'Maple Grove Elementary'."""
    pool = names.school_names(max(600, len(level)))
    first = rng.permutation(min(600, len(pool)))
    picks = list(first[: len(level)]) + list(range(600, len(level)))
    return [
        f"{pool[p]} {names.LEVEL_SUFFIX[LEVELS[lv]]}" for p, lv in zip(picks, level, strict=True)
    ]


def _feeders(level: np.ndarray, low: np.ndarray, high: np.ndarray, zones: np.ndarray) -> np.ndarray:
    """school_of[zone, grade + 1]: the zone school, then its feeder middle and high school."""
    table = np.full((len(zones), 14), -1, dtype=np.int64)
    middles = np.flatnonzero((level == MIDDLE) | (level == SIX12))
    highs = np.flatnonzero((level == HIGH) | (level == SIX12))
    plain = np.flatnonzero(level[zones] == ELEMENTARY)
    for g in range(PK, 13):
        own = (low[zones] <= g) & (high[zones] >= g)
        table[own, g + 1] = zones[own]
    for g in range(6, 9):
        table[plain, g + 1] = middles[np.arange(len(plain)) * len(middles) // len(plain)]
    feed_high = highs[np.arange(len(zones)) * len(highs) // len(zones)]
    table[:, 10:14] = feed_high[:, None]
    return table
