"""Who leads each school and central-office department in the last generated year."""

from __future__ import annotations

from typing import Any

import numpy as np
import pyarrow as pa

from districtwise.demo import names
from districtwise.demo.files.codes import ASSISTANT_PRINCIPAL, COACH, PRINCIPAL
from districtwise.demo.files.staff import R, Roster
from districtwise.demo.files.world import World


def leaders(world: World, roster: Roster, staff_ids: pa.Array) -> dict[str, Any]:
    """School leaders (principal, assistant principals, coach) and department leads."""
    n = world.plan.n_schools
    sid = staff_ids.to_pylist() if len(staff_ids) < 50_000 else None

    def label(i: int) -> str:
        return sid[i] if sid is not None else str(staff_ids[i])

    schools = []
    for s in range(n):
        members = {
            role: roster.sid[roster.key == s * R + role]
            for role in (PRINCIPAL, ASSISTANT_PRINCIPAL, COACH)
        }
        schools.append(
            {
                "school_id": world.plan.school_ids[s],
                "principal": label(int(members[PRINCIPAL][0])),
                "assistant_principals": [label(int(i)) for i in members[ASSISTANT_PRINCIPAL][:2]],
                "coach": label(int(members[COACH][0])),
            }
        )
    return {"schools": schools, "departments": _department_leads(roster, n, label)}


def _department_leads(roster: Roster, n: int, label: Any) -> list[dict[str, str]]:
    """The most experienced member of each department (ties: lowest staff id)."""
    out = []
    for d, (code, _name, _domain) in enumerate(names.DEPARTMENTS):
        idx = np.flatnonzero(roster.key == n * R + d)
        best = idx[np.lexsort((roster.sid[idx], -roster.exp[idx]))[0]]
        out.append({"code": code, "staff_id": label(int(roster.sid[best]))})
    return out
