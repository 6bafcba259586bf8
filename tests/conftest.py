"""The named people of the whole suite, in two districts that must never mix.

District A ("Riverside"): networks North (schools north_1, north_2) and South (south_1);
a superintendent, a department lead, a data steward (with the student-record grant), a
system administrator, two network leads, principals of north_1, north_2 and south_1, a
coach at north_1, a partner serving south_1, a family member. District B ("Lakeside") has
its own principal: an outsider to everything in A.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field

import pytest
from django.contrib.auth.models import AbstractBaseUser
from hypothesis import settings as hypothesis_settings

from districtwise.core.roles import Role
from districtwise.organization.models import (
    Department,
    District,
    Network,
    Partner,
    Person,
    School,
)
from tests import factories as f

# The named people of district A, in the order the matrices list them.
NAMED_PEOPLE = [
    "superintendent",
    "department_lead",
    "data_steward",
    "sysadmin",
    "north_lead",
    "south_lead",
    "principal_north_1",
    "principal_north_2",
    "principal_south_1",
    "coach_north_1",
    "partner",
    "family",
]


@dataclass
class Cast:
    district: District
    other_district: District
    north: Network
    south: Network
    north_1: School
    north_2: School
    south_1: School
    other_school: School
    department: Department
    partner: Partner
    users: dict[str, AbstractBaseUser] = field(default_factory=dict)

    def __getitem__(self, name: str) -> AbstractBaseUser:
        return self.users[name]


def _member(cast: Cast, name: str, role: str, district: District, **scope) -> None:
    person = f.PersonFactory(
        district=district,
        user__username=name,
        given_name=name.replace("_", " ").title(),
        family_name="Testperson",
        school=scope.get("school"),
        department=scope.get("department"),
    )
    f.MembershipFactory(person=person, role=role, **scope)
    if role == Role.SYSTEM_ADMIN:
        person.user.is_staff = person.user.is_superuser = True
        person.user.save()
    cast.users[name] = person.user


# On CI the property tests draw the same examples every run, so a red build is
# reproducible; on a developer's machine they explore new ones each time.
# Neither profile has a per-example deadline: a time limit would fail on a busy machine
# for reasons that have nothing to do with the behaviour under test.
hypothesis_settings.register_profile("dev", deadline=None)
hypothesis_settings.register_profile("ci", derandomize=True, deadline=None)
hypothesis_settings.load_profile("ci" if os.environ.get("CI") else "dev")


def pytest_configure(config):
    from django.conf import settings

    # Hashing is not what these tests test; a fast hasher keeps the suite quick.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # WhiteNoise indexes every static file when a handler starts, and the test client
    # starts one per test; the live server of the browser tests serves static files itself.
    settings.MIDDLEWARE = [m for m in settings.MIDDLEWARE if "whitenoise" not in m]


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Files holding a test marked ``slow`` first, then the others by their number of
    tests, most first. With ``--dist loadfile --no-loadscope-reorder`` (the Makefile) the
    workers take files in this order, so the long ones start at once and the other worker
    works through the rest meanwhile, instead of one starting a long file at the end while
    the other sits idle. Within a file the order is kept."""
    slow = {item.path for item in items if item.get_closest_marker("slow")}
    count: dict = {}
    for item in items:
        count[item.path] = count.get(item.path, 0) + 1
    items.sort(key=lambda item: (item.path not in slow, -count[item.path]))


def build_cast() -> Cast:
    district = f.DistrictFactory(code="riverside", name="Riverside Unified (test)")
    other = f.DistrictFactory(code="lakeside", name="Lakeside Public Schools (test)")
    north = f.NetworkFactory(district=district, code="N", name="North Network")
    south = f.NetworkFactory(district=district, code="S", name="South Network")
    cast = Cast(
        district=district,
        other_district=other,
        north=north,
        south=south,
        north_1=f.SchoolFactory(district=district, network=north, name="North One Elementary"),
        north_2=f.SchoolFactory(district=district, network=north, name="North Two Middle"),
        south_1=f.SchoolFactory(district=district, network=south, name="South One High"),
        other_school=f.SchoolFactory(district=other, name="Lakeside Elementary"),
        department=f.DepartmentFactory(district=district, name="Teaching and Learning"),
        partner=f.PartnerFactory(district=district, name="Riverside Youth Services"),
    )
    cast.partner.schools.add(cast.south_1)
    _member(cast, "superintendent", Role.SUPERINTENDENT, district)
    _member(cast, "department_lead", Role.DEPARTMENT_LEAD, district, department=cast.department)
    _member(cast, "data_steward", Role.DATA_STEWARD, district)
    _member(cast, "sysadmin", Role.SYSTEM_ADMIN, district)
    _member(cast, "north_lead", Role.NETWORK_LEAD, district, network=north)
    _member(cast, "south_lead", Role.NETWORK_LEAD, district, network=south)
    _member(cast, "principal_north_1", Role.PRINCIPAL, district, school=cast.north_1)
    _member(cast, "principal_north_2", Role.PRINCIPAL, district, school=cast.north_2)
    _member(cast, "principal_south_1", Role.PRINCIPAL, district, school=cast.south_1)
    _member(cast, "coach_north_1", Role.TEACHER_LEADER, district, school=cast.north_1)
    _member(cast, "partner", Role.PARTNER, district, partner=cast.partner)
    _member(cast, "family", Role.FAMILY_MEMBER, district)
    _member(cast, "outsider", Role.PRINCIPAL, other, school=cast.other_school)
    steward = cast.users["data_steward"].people.get()  # type: ignore[attr-defined]
    f.StudentRecordGrantFactory(person=steward, granted_by=cast.users["superintendent"])
    return cast


def load_cast() -> Cast | None:
    """The cast as stored by ``build_cast``, or None when the database does not hold it."""
    district = District.objects.filter(code="riverside").first()
    if district is None:
        return None
    schools = {s.name: s for s in School.objects.all()}
    cast = Cast(
        district=district,
        other_district=District.objects.get(code="lakeside"),
        north=Network.objects.get(district=district, code="N"),
        south=Network.objects.get(district=district, code="S"),
        north_1=schools["North One Elementary"],
        north_2=schools["North Two Middle"],
        south_1=schools["South One High"],
        other_school=schools["Lakeside Elementary"],
        department=Department.objects.get(district=district),
        partner=Partner.objects.get(district=district),
    )
    for person in Person.objects.filter(user__isnull=False).select_related("user"):
        cast.users[person.user.username] = person.user
    return cast


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Build the cast once per test database; each test then runs in a transaction that
    is rolled back, so what one test changes no other test sees."""
    with django_db_blocker.unblock():
        build_cast()


@pytest.fixture(scope="session")
def cli_template(tmp_path_factory):
    """Databases migrated by ``districtwise migrate`` once per session (per xdist worker),
    for the CLI subprocess tests to copy (``tests.cli_env.cli_database``)."""
    from tests.cli_env import migrated_template

    with migrated_template(tmp_path_factory.mktemp("cli-template")) as template:
        yield template


@pytest.fixture
def cast(db) -> Cast:
    """The named people of the suite (see the module docstring). Tests on a flushed
    database (live-server browser tests) get it built again."""
    return load_cast() or build_cast()


@pytest.fixture
def client_as(client, cast):
    """Log the test client in as one of the named people: ``client_as("principal_north_1")``."""

    def login(name: str):
        client.force_login(cast[name])
        return client

    return login
