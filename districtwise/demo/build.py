"""Builds the demo district in the database from the generated files (Django side).

The files come from ``districtwise.demo.files`` (no Django there); this module turns the
manifest and ``staff.csv`` into the district's organisation, people and one log-in per role.
"""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pyarrow.compute as pc
import pyarrow.csv as pacsv
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction

from districtwise.core.audit import audit_created
from districtwise.core.models import Membership, StudentRecordGrant
from districtwise.core.roles import Role
from districtwise.demo.adaptations import adaptations_build  # adaptations
from districtwise.demo.allocation import allocation_build
from districtwise.demo.files import SIZES, generate_district_files
from districtwise.demo.plan import plan_build
from districtwise.demo.support_logs import support_logs_build
from districtwise.demo.supports import supports_build
from districtwise.demo.workload_requests import workload_requests_build
from districtwise.demo.workload_tasks import workload_tasks_build
from districtwise.demo.workload_time import workload_time_build  # time use
from districtwise.improvement.models import Cycle, ImprovementNetwork
from districtwise.organization.models import (
    Department,
    District,
    Network,
    Partner,
    Person,
    School,
    SchoolYear,
)
from districtwise.supports.models import Support

DEMO_CODE = "demo"
SECOND_CODE = "demo-lakeview"
DEMO_PASSWORD = "districtwise-demo"
MAX_STUDENTS = 1_000_000
Progress = Callable[[str, float], None]

GIVEN = "Avery Blake Casey Devon Emerson Finley Harper Jordan Kendall Logan Morgan Parker Quinn "
GIVEN += "Reese Riley Rowan Sawyer Skyler Taylor Jamie Alex Sam Robin Drew Shay Lane Ellis Hayden"
FAMILY = "Ashgrove Birchfield Cedarholm Dunmore Elmstead Fernvale Glenwood Hollowell Ironside "
FAMILY += "Juniper Kestrel Larkspur Millbrook Northcote Oakhurst Pinecrest Quarry Redfern "
FAMILY += "Stonebridge Thornbury Underhill Valewood Westbrook Yarrow Alderley Brambleton"
TITLES = {
    "teacher": "Teacher",
    "principal": "Principal",
    "assistant_principal": "Assistant principal",
    "coach": "Instructional coach",
    "counselor": "Counselor",
    "specialist": "Specialist",
    "paraprofessional": "Paraprofessional",
    "central_office": "Central office staff",
    "other": "Staff",
}


class DemoExists(Exception):
    """The demo district is already there and neither --replace nor --if-missing was given."""


@dataclass
class DemoResult:
    district: District
    files_dir: Path
    built: bool
    logins: list[tuple[str, str, str]] = field(default_factory=list)

    def describe(self) -> str:
        """What ``districtwise demo`` prints: where, and one log-in per role."""
        head = "Built" if self.built else "Already built (use --replace to rebuild)"
        lines = [
            f"{head}: {self.district.name}; its data files are in {self.files_dir}",
            f"Log in at http://127.0.0.1:8000/ with password {DEMO_PASSWORD!r} as:",
        ]
        lines += [f"  {user:<20} {role} · {scope}" for user, role, scope in self.logins]
        return "\n".join(lines)


def parse_size(size: str) -> int:
    """``small``, ``default``, ``large`` or a number of students (up to 1,000,000)."""
    if size in SIZES:
        return SIZES[size]
    try:
        students = int(size.replace("_", "").replace(",", ""))
    except ValueError:
        raise ValueError(
            f"--size {size!r}: use small, default, large or a number of students."
        ) from None
    if not 100 <= students <= MAX_STUDENTS:
        raise ValueError(f"--size {size!r}: the number of students must be 100 to 1,000,000.")
    return students


def demo_build(
    *,
    seed: int,
    students: int,
    replace: bool = False,
    if_missing: bool = False,
    daily_attendance: bool = False,
    load_data: bool = True,
    progress: Progress | None = None,
) -> DemoResult:
    """Generate the demo files and build the demo district from them (deterministic)."""
    report = progress or (lambda text, done: None)
    files_dir = settings.DATA_DIR / "demo" / f"seed-{seed}-students-{students}"
    existing = District.objects.filter(code=DEMO_CODE).first()
    if existing is not None and if_missing:
        return DemoResult(existing, files_dir, False, _logins(existing))
    if existing is not None and not replace:
        raise DemoExists("The demo district exists: add --replace to rebuild it.")
    manifest = _generate(files_dir, seed, students, daily_attendance, report)
    report("Building the organisation", 0.85)
    with transaction.atomic():
        if existing is not None:
            _delete_district(existing)
        _delete_district(District.objects.filter(code=SECOND_CODE).first())
        district = _build(manifest, files_dir, seed)
    if load_data:
        report("Importing the data files", 0.9)
        _import_files(district, files_dir)
    # tiers: the default tier rules; with the data, the audit and the schools placed
    report("Auditing the data and placing the schools in support tiers", 0.95)
    _support_tiers(district, with_data=load_data)
    # ---- after the data is live (the teaching roster comes with it) ----
    if load_data:
        from districtwise.demo.coverage import demo_coverage

        report("Writing a school year of delivery logs", 0.97)
        support_logs_build(district=district)  # with its planted gaps
        # Coverage last: it reads the roster and the logs made above.
        report("Computing who receives the teacher supports", 0.98)
        demo_coverage(district)
    # ---- end after the data is live ----
    report("Done", 1.0)
    return DemoResult(district, files_dir, True, _logins(district))


def _import_files(district: District, files_dir: Path) -> None:
    """Import the generated files like a data steward would, so the data is live."""
    from districtwise.data import services

    # The import moves the files under the data directory; the folder around them goes.
    with tempfile.TemporaryDirectory(prefix="districtwise-demo-") as folder:
        copy = Path(folder) / "files"
        shutil.copytree(files_dir, copy, ignore=shutil.ignore_patterns("manifest.json"))
        job = services.import_queue(
            actor=None, district=district, source=copy, source_name="demo district files"
        )
    services.job_claim(job)
    batch = services.import_run(job=job)
    if batch.status != "live":
        raise RuntimeError(f"The demo files did not import: {batch.message}")


def _support_tiers(district: District, *, with_data: bool) -> None:
    """Give the district the default tier rules; with its data live, compute the equity
    audit now (the worker would) so that the schools are placed when it finishes."""
    from districtwise.equity.services import audit_compute
    from districtwise.strategy.services.tiers import tier_rules_seed_default

    tier_rules_seed_default(actor=None, district=district)
    if with_data:
        audit_compute(district=district)


def _generate(
    files_dir: Path, seed: int, students: int, daily_attendance: bool, report: Progress
) -> dict:
    partial = files_dir.with_name(files_dir.name + ".partial")
    shutil.rmtree(partial, ignore_errors=True)
    partial.mkdir(parents=True)
    manifest = generate_district_files(
        partial,
        seed=seed,
        students=students,
        daily_attendance=daily_attendance,
        progress=lambda text, done: report(text, done * 0.85),
    )
    shutil.rmtree(files_dir, ignore_errors=True)
    partial.rename(files_dir)
    return manifest


def _delete_district(district: District | None) -> None:
    if district is None:
        return
    # The demo's log-ins belong to the demo: rebuilding it makes them anew.
    from districtwise.data import warehouse
    from districtwise.data.models import DatasetVersion

    StudentRecordGrant.objects.filter(district=district).delete()
    DatasetVersion.objects.filter(district=district).delete()
    shutil.rmtree(warehouse.district_dir(district), ignore_errors=True)
    # ---- partners, community and leadership: what protects schools, people, users ----
    from districtwise.demo.community_needs import needs_remove
    from districtwise.demo.community_partners import partners_remove
    from districtwise.demo.community_stakeholders import stakeholders_remove
    from districtwise.demo.leadership_assessment import assessment_remove
    from districtwise.demo.leadership_succession import succession_remove
    from districtwise.demo.leadership_supervision import supervision_remove

    needs_remove(district)
    partners_remove(district)
    stakeholders_remove(district)
    assessment_remove(district)
    supervision_remove(district)
    succession_remove(district)
    # ---- end partners, community and leadership ----
    get_user_model().objects.filter(people__district=district).delete()
    # Cycles protect their change ideas and teams protect their schools: networks go first.
    Cycle.objects.filter(team__network__district=district).delete()
    ImprovementNetwork.objects.filter(district=district).delete()
    # ---- voice and guidance: needs and meetings protect schools, people and departments ----
    from districtwise.demo.voice import voice_remove

    voice_remove(district)
    # ---- end voice and guidance ----
    School.objects.filter(district=district).delete()  # with their delivery logs
    # Protected from a department's deletion, so removed before the district's.
    Support.objects.filter(district=district).delete()
    district.delete()


def _build(manifest: dict, files_dir: Path, seed: int) -> District:
    district = District.objects.create(
        code=DEMO_CODE,
        name=manifest["district"]["name"],
        state="",
        vision="Every student known, every teacher supported, every school improving.",
    )
    audit_created(actor=None, district=district, obj=district)
    _school_years(district, manifest["school_years"])
    networks = {
        n["network_id"]: Network.objects.create(
            district=district, code=n["network_id"], name=n["name"]
        )
        for n in manifest["networks"]
    }
    schools = _schools(district, manifest["schools"], networks)
    departments = {
        d["code"]: Department.objects.create(
            district=district, code=d["code"], name=d["name"], domain=d["domain"]
        )
        for d in manifest["departments"]
    }
    names = _NameDeck(seed)
    people = _staff_people(district, files_dir, manifest, schools, departments, names)
    _leader_memberships(district, manifest["staff_leaders"], people, schools, departments)
    _demo_logins(district, manifest, people, schools, networks, departments, names)
    plan_build(district=district, manifest=manifest, seed=seed)
    allocation_build(
        district=district, files_dir=files_dir, school_year=max(manifest["school_years"])
    )
    # ---- teacher supports: the catalogue (later parts add theirs below) ----
    supports_build(district=district)
    adaptations_build(district=district)  # adaptations
    # ---- end teacher supports ----
    # ---- principal workload ----
    workload_time_build(district=district, seed=seed)  # time use
    workload_tasks_build(district=district, seed=seed)  # area: tasks
    workload_requests_build(district=district)  # requests: the data-request registry
    # ---- end principal workload ----
    # ---- improvement networks ----
    from districtwise.demo.improvement import improvement_build

    improvement_build(district=district, seed=seed)
    # ---- end improvement networks ----
    # ---- voice and guidance ----
    from districtwise.demo.voice import voice_build

    voice_build(district=district, seed=seed)
    # ---- end voice and guidance ----
    # ---- partners and community: partners before needs, which read their services ----
    from districtwise.demo.community_needs import needs_build
    from districtwise.demo.community_partners import partners_build
    from districtwise.demo.community_stakeholders import stakeholders_build
    from districtwise.demo.community_surveys import surveys_build

    partners_build(district=district, seed=seed)
    needs_build(district=district, seed=seed)
    surveys_build(district=district, seed=seed)
    stakeholders_build(district=district, seed=seed)
    # ---- end partners and community ----
    # ---- leadership ----
    from districtwise.demo.leadership_assessment import assessment_build
    from districtwise.demo.leadership_succession import succession_build
    from districtwise.demo.leadership_supervision import supervision_build

    assessment_build(district=district, seed=seed)
    supervision_build(district=district, seed=seed)
    succession_build(district=district, seed=seed)
    # ---- end leadership ----
    _second_district()
    return district


def _school_years(district: District, years: list[int]) -> None:
    for year in years:
        SchoolYear.objects.create(
            district=district,
            year=year,
            starts_on=dt.date(year - 1, 7, 1),
            ends_on=dt.date(year, 6, 30),
            is_current=year == max(years),
        )


def _schools(district: District, rows: list[dict], networks: dict) -> dict[str, School]:
    flag = {"Y": True, "N": False}
    schools = [
        School(
            district=district,
            network=networks.get(r["network_id"]),
            code=r["school_id"],
            name=r["name"],
            level=r["level"],
            grade_low=r["grade_low"],
            grade_high=r["grade_high"],
            title_i=flag.get(r["title_i"]),
            latitude=round(r["latitude"], 6),
            longitude=round(r["longitude"], 6),
        )
        for r in rows
    ]
    School.objects.bulk_create(schools)
    return {s.code: s for s in School.objects.filter(district=district)}


class _NameDeck:
    """Plainly synthetic names, drawn deterministically from the seed."""

    def __init__(self, seed: int):
        self.rng = np.random.default_rng(seed + 7919)
        self.given = GIVEN.split()
        self.family = FAMILY.split()

    def draw(self, count: int) -> list[tuple[str, str]]:
        g = self.rng.integers(0, len(self.given), count)
        f = self.rng.integers(0, len(self.family), count)
        return [(self.given[i], self.family[j]) for i, j in zip(g, f, strict=True)]


def _staff_people(district, files_dir, manifest, schools, departments, names) -> dict:
    """One person per staff member of the last year's staff.csv, by staff_id."""
    table = pacsv.read_csv(
        files_dir / "staff.csv",
        convert_options=pacsv.ConvertOptions(
            column_types={c: "string" for c in ("staff_id", "school_id", "school_year")},
            strings_can_be_null=False,
        ),
    )
    last = str(max(manifest["school_years"]))
    table = table.filter(pc.equal(table["school_year"], last))
    by_name = {d.name.lower(): d for d in departments.values()} | departments
    rows = table.select(["staff_id", "school_id", "department", "role"]).to_pylist()
    people = [
        Person(
            district=district,
            staff_id=r["staff_id"],
            given_name=given,
            family_name=family,
            title=TITLES.get(r["role"], "Staff"),
            school=schools.get(r["school_id"]),
            department=by_name.get((r["department"] or "").lower()),
        )
        for r, (given, family) in zip(rows, names.draw(len(rows)), strict=True)
    ]
    Person.objects.bulk_create(people, batch_size=2000)
    return {p.staff_id: p for p in Person.objects.filter(district=district)}


def _leader_memberships(district, leaders, people, schools, departments) -> None:
    memberships = []
    for row in leaders["schools"]:
        school = schools[row["school_id"]]
        pairs = [(row["principal"], Role.PRINCIPAL), (row["coach"], Role.TEACHER_LEADER)]
        pairs += [(ap, Role.ASSISTANT_PRINCIPAL) for ap in row["assistant_principals"]]
        memberships += [
            Membership(person=people[sid], district=district, role=role, school=school)
            for sid, role in pairs
            if sid in people
        ]
    for row in leaders["departments"]:
        person = people[row["staff_id"]]
        department = departments[row["code"]]
        person.title = f"Head of {department.name}"
        person.department = department
        person.save(update_fields=["title", "department"])
        memberships.append(
            Membership(
                person=person, district=district, role=Role.DEPARTMENT_LEAD, department=department
            )
        )
    Membership.objects.bulk_create(memberships, batch_size=2000)


ROLE_ORDER = [
    (Role.SUPERINTENDENT, "superintendent"),
    (Role.DEPARTMENT_LEAD, "dept_lead"),
    (Role.DEPARTMENT_STAFF, "dept_staff"),
    (Role.NETWORK_LEAD, "network_lead"),
    (Role.PRINCIPAL, "principal"),
    (Role.ASSISTANT_PRINCIPAL, "assistant_principal"),
    (Role.TEACHER_LEADER, "coach"),
    (Role.DATA_STEWARD, "data_steward"),
    (Role.PARTNER, "partner"),
    (Role.FAMILY_MEMBER, "family"),
    (Role.SYSTEM_ADMIN, "admin"),
]


# Leaders whose memberships come from the staff file (or the network loop) already.
ROLES_ALREADY_HELD = {
    Role.NETWORK_LEAD,
    Role.DEPARTMENT_LEAD,
    Role.PRINCIPAL,
    Role.ASSISTANT_PRINCIPAL,
    Role.TEACHER_LEADER,
}


def _account(person: Person, username: str, password_hash: str) -> None:
    user = get_user_model().objects.create(
        username=username,
        password=password_hash,
        first_name=person.given_name,
        last_name=person.family_name,
        email=f"{username}@example.org",
    )
    person.user = user
    person.email = user.email
    person.save(update_fields=["user", "email"])


def _new_person(district, title, names, **where) -> Person:
    ((given, family),) = names.draw(1)
    return Person.objects.create(
        district=district, given_name=given, family_name=family, title=title, **where
    )


def _demo_logins(district, manifest, people, schools, networks, departments, names) -> None:
    """One log-in per role, for people in the first network's first school where possible."""
    from django.contrib.auth.hashers import make_password

    password_hash = make_password(DEMO_PASSWORD)
    first_network = next(iter(networks.values()))
    leaders = manifest["staff_leaders"]["schools"]
    in_network = [r for r in leaders if schools[r["school_id"]].network_id == first_network.pk]
    with_ap = next(r for r in in_network if r["assistant_principals"])
    home = in_network[0]
    teaching = departments[manifest["departments"][0]["code"]]
    data_dept = next((d for c, d in departments.items() if "data" in c), teaching)
    lead_id = manifest["staff_leaders"]["departments"][0]["staff_id"]
    partner = Partner.objects.create(
        district=district, name="Riverbend Youth Alliance (demo)", kind="nonprofit"
    )
    partner.schools.set([schools[r["school_id"]] for r in leaders[-3:]])
    chosen = {
        Role.SUPERINTENDENT: (_new_person(district, "Superintendent", names), {}),
        Role.DEPARTMENT_LEAD: (people[lead_id], {"department": teaching}),
        Role.DEPARTMENT_STAFF: (
            _new_person(district, "Curriculum specialist", names, department=teaching),
            {"department": teaching},
        ),
        Role.PRINCIPAL: (people[home["principal"]], {"school": schools[home["school_id"]]}),
        Role.ASSISTANT_PRINCIPAL: (
            people[with_ap["assistant_principals"][0]],
            {"school": schools[with_ap["school_id"]]},
        ),
        Role.TEACHER_LEADER: (people[home["coach"]], {"school": schools[home["school_id"]]}),
        Role.DATA_STEWARD: (
            _new_person(district, "Data steward", names, department=data_dept),
            {},
        ),
        Role.PARTNER: (_new_person(district, "Partner programme director", names), {}),
        Role.FAMILY_MEMBER: (_new_person(district, "Parent, improvement team member", names), {}),
        Role.SYSTEM_ADMIN: (_new_person(district, "System administrator", names), {}),
    }
    for code, network in networks.items():
        lead = _new_person(district, f"Network lead, {network.name}", names)
        Membership.objects.create(
            person=lead, district=district, role=Role.NETWORK_LEAD, network=network
        )
        if code == first_network.code:
            chosen[Role.NETWORK_LEAD] = (lead, {})
    chosen[Role.PARTNER][1]["partner"] = partner
    for role, username in ROLE_ORDER:
        person, scope = chosen[role]
        _account(person, username, password_hash)
        if role not in ROLES_ALREADY_HELD:
            Membership.objects.create(person=person, district=district, role=role, **scope)
    admin = chosen[Role.SYSTEM_ADMIN][0].user
    admin.is_staff = admin.is_superuser = True
    admin.save(update_fields=["is_staff", "is_superuser"])
    StudentRecordGrant.objects.create(
        person=chosen[Role.DATA_STEWARD][0],
        district=district,
        purpose="Data steward: imports, checks and corrects the district's student records",
        granted_by=admin,
    )


def _second_district() -> None:
    """A small second district, so the district switcher has something to switch to: the
    demo's system administrator and superintendent are members of both."""
    district = District.objects.create(code=SECOND_CODE, name="Lakeview Township Schools (demo)")
    network = Network.objects.create(district=district, code="L1", name="Lakeview Network")
    for code, name, level, low, high in [
        ("L001", "Lakeview Elementary", "elementary", "KG", "05"),
        ("L002", "Lakeview Middle", "middle", "06", "08"),
        ("L003", "Lakeview High", "high", "09", "12"),
    ]:
        School.objects.create(
            district=district,
            network=network,
            code=code,
            name=name,
            level=level,
            grade_low=low,
            grade_high=high,
            title_i=False,
        )
    users = get_user_model().objects.filter(username__in=["admin", "superintendent"])
    for user in users:
        role = Role.SYSTEM_ADMIN if user.username == "admin" else Role.SUPERINTENDENT
        person = Person.objects.create(
            district=district,
            user=user,
            given_name=user.first_name,
            family_name=user.last_name,
            title=Role(role).label,
        )
        Membership.objects.create(person=person, district=district, role=role)


def _logins(district: District) -> list[tuple[str, str, str]]:
    """(user name, role, scope) of each demo log-in, in the order of ROLE_ORDER."""
    found = {
        m.person.user.username: m  # type: ignore[union-attr]
        for m in Membership.objects.filter(
            district=district, person__user__isnull=False
        ).select_related("person__user", "school", "network", "department", "partner")
    }
    return [
        (username, Role(role).label, found[username].scope_name)
        for role, username in ROLE_ORDER
        if username in found
    ]
