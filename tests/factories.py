"""factory_boy factories that keep related objects in the same district."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import factory
from django.contrib.auth import get_user_model

from districtwise.core.models import Membership, StudentRecordGrant
from districtwise.organization.models import (
    Department,
    District,
    Network,
    Partner,
    Person,
    School,
    SchoolYear,
)

PASSWORD = "correct-horse-battery-staple"


class DistrictFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = District

    code = factory.Sequence(lambda n: f"district-{n}")
    name = factory.Sequence(lambda n: f"Test District {n}")


class SchoolYearFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SchoolYear

    district = factory.SubFactory(DistrictFactory)
    year = 2026
    starts_on = factory.LazyAttribute(lambda o: dt.date(o.year - 1, 7, 1))
    ends_on = factory.LazyAttribute(lambda o: dt.date(o.year, 6, 30))
    is_current = True


class NetworkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Network

    district = factory.SubFactory(DistrictFactory)
    code = factory.Sequence(lambda n: f"N{n}")
    name = factory.Sequence(lambda n: f"Network {n}")


class SchoolFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = School

    district = factory.SubFactory(DistrictFactory)
    network = factory.SubFactory(NetworkFactory, district=factory.SelfAttribute("..district"))
    code = factory.Sequence(lambda n: f"{n:04d}")
    name = factory.Sequence(lambda n: f"School {n} Elementary")
    level = School.Level.ELEMENTARY
    grade_low = "KG"
    grade_high = "05"
    title_i = False


class DepartmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Department

    district = factory.SubFactory(DistrictFactory)
    code = factory.Sequence(lambda n: f"dept-{n}")
    name = factory.Sequence(lambda n: f"Department {n}")


class PartnerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Partner

    district = factory.SubFactory(DistrictFactory)
    name = factory.Sequence(lambda n: f"Partner Organisation {n}")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def saved(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    district = factory.SubFactory(DistrictFactory)
    user = factory.SubFactory(UserFactory)
    given_name = factory.Sequence(lambda n: f"Given{n}")
    family_name = factory.Sequence(lambda n: f"Family{n}")


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    person = factory.SubFactory(PersonFactory)
    district = factory.SelfAttribute("person.district")
    role = "superintendent"


class StudentRecordGrantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StudentRecordGrant

    person = factory.SubFactory(PersonFactory)
    district = factory.SelfAttribute("person.district")
    purpose = "Data steward: imports and checks the district's records"
    granted_by = factory.SelfAttribute("person.user")


# Strategy and coherence: a plan, its goals and initiatives, kept in one district.
class PlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "strategy.Plan"

    district = factory.SubFactory(DistrictFactory)
    title = "Strategic plan 2025-2028"


class IndicatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "strategy.Indicator"

    district = factory.SubFactory(DistrictFactory)
    name = factory.Sequence(lambda n: f"Indicator {n}")


class GoalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "strategy.Goal"

    plan = factory.SubFactory(PlanFactory)
    code = factory.Sequence(lambda n: f"G{n}")
    title = factory.Sequence(lambda n: f"Goal {n}")


class InitiativeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "strategy.Initiative"

    plan = factory.SubFactory(PlanFactory)
    code = factory.Sequence(lambda n: f"I{n}")
    name = factory.Sequence(lambda n: f"Initiative {n}")


# ---- teacher supports ----


class SupportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "supports.Support"

    district = factory.SubFactory(DistrictFactory)
    code = factory.Sequence(lambda n: f"support-{n}")
    name = factory.Sequence(lambda n: f"Support {n}")
    kind = "plc"
    owner_department = factory.SubFactory(
        DepartmentFactory, district=factory.SelfAttribute("..district")
    )
    min_occurrences = 1
    period = "week"
    min_minutes = 45


class TeacherFactory(PersonFactory):
    """A teacher: a staff record with no log-in."""

    user = None
    staff_id = factory.Sequence(lambda n: f"T{n:06d}")
    title = "Teacher"


class TeacherAssignmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "supports.TeacherAssignment"

    school = factory.SubFactory(SchoolFactory)
    district = factory.SelfAttribute("school.district")
    teacher = factory.SubFactory(
        TeacherFactory,
        district=factory.SelfAttribute("..district"),
        school=factory.SelfAttribute("..school"),
    )
    school_year = 2026
    starts_on = dt.date(2025, 8, 18)
    years_experience = 5
    source = "files"


class DeliveryLogFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "supports.DeliveryLog"

    school = factory.SubFactory(SchoolFactory)
    district = factory.SelfAttribute("school.district")
    support = factory.SubFactory(SupportFactory, district=factory.SelfAttribute("..district"))
    delivered_on = dt.date(2025, 10, 6)
    minutes = 45


# ---- time use ----
class TimeEntryFactory(factory.django.DjangoModelFactory):
    """A daily total (no times) of a principal at their school."""

    class Meta:
        model = "workload.TimeEntry"

    school = factory.SubFactory(SchoolFactory)
    district = factory.SelfAttribute("school.district")
    principal = factory.SubFactory(
        PersonFactory,
        district=factory.SelfAttribute("..district"),
        school=factory.SelfAttribute("..school"),
    )
    entered_by = factory.SelfAttribute("principal")
    on = dt.date(2026, 3, 2)
    minutes = 60
    category = "instructional"


# ---- end time use ----
# ---- area: tasks (principal task audit and redistribution) ----


class PrincipalTaskFactory(factory.django.DjangoModelFactory):
    """A task of a school's audit (``school=None`` for the starter list), hours a week."""

    class Meta:
        model = "workload.PrincipalTask"

    school = factory.SubFactory(SchoolFactory)
    district = factory.SelfAttribute("school.district")
    name = factory.Sequence(lambda n: f"Task {n}")
    category = "operations"
    hours = Decimal("2")
    hours_unit = "week"
    hours_per_week = factory.SelfAttribute("hours")


class TaskDecisionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "workload.TaskDecision"

    task = factory.SubFactory(PrincipalTaskFactory)
    decision = "central"
    starts_on = dt.date(2026, 1, 5)
    status = "proposed"


# ---- end area: tasks ----
# ---- requests: the data-request registry ----
class RequestFieldFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "workload.RequestField"

    district = factory.SubFactory(DistrictFactory)
    name = factory.Sequence(lambda n: f"Field {n}")
    minutes_per_school = 15
    synonyms: list[str] = []


class DataRequestFactory(factory.django.DjangoModelFactory):
    """A request to every school of the district, due a month from today."""

    class Meta:
        model = "workload.DataRequest"

    department = factory.SubFactory(DepartmentFactory)
    district = factory.SelfAttribute("department.district")
    title = factory.Sequence(lambda n: f"Request {n}")
    frequency = "monthly"
    due_on = factory.LazyFunction(lambda: dt.date.today() + dt.timedelta(days=30))
    audience = "all"


class DataRequestLineFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "workload.DataRequestLine"

    request = factory.SubFactory(DataRequestFactory)
    text = factory.LazyAttribute(lambda o: o.field.name if o.field else "A field")
    field = None


# ---- end requests ----


# ---- improvement networks (core) ----
class ImprovementNetworkFactory(factory.django.DjangoModelFactory):
    """A network working through the 2025-26 school year."""

    class Meta:
        model = "improvement.ImprovementNetwork"

    district = factory.SubFactory(DistrictFactory)
    name = factory.Sequence(lambda n: f"Improvement network {n}")
    aim_what = "Ninth graders passing all their courses on time"
    aim_how_much = "from 71% to 85%"
    aim_by_when = dt.date(2026, 6, 15)
    aim_for_whom = "ninth graders of the member schools"
    starts_on = dt.date(2025, 8, 1)
    ends_on = dt.date(2026, 7, 31)


class TeamFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "improvement.Team"

    network = factory.SubFactory(ImprovementNetworkFactory)
    school = factory.SubFactory(SchoolFactory, district=factory.SelfAttribute("..network.district"))


class TeamMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "improvement.TeamMember"

    team = factory.SubFactory(TeamFactory)
    person = factory.SubFactory(
        PersonFactory, district=factory.SelfAttribute("..team.network.district")
    )
    kind = "staff"


class ChangeIdeaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "improvement.ChangeIdea"

    network = factory.SubFactory(ImprovementNetworkFactory)
    title = factory.Sequence(lambda n: f"Change idea {n}")


class MeasureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "improvement.Measure"

    network = factory.SubFactory(ImprovementNetworkFactory)
    name = factory.Sequence(lambda n: f"Measure {n}")
    kind = "outcome"
    definition = "Share of ninth graders passing every course at the grading period."
    frequency = "weekly"


class CycleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "improvement.Cycle"

    team = factory.SubFactory(TeamFactory)
    change_idea = factory.SubFactory(
        ChangeIdeaFactory, network=factory.SelfAttribute("..team.network")
    )
    title = factory.Sequence(lambda n: f"Cycle {n}")
    question = "Will a weekly grade check catch failing students early?"
    prediction = "Half of the students flagged will raise a grade within two weeks."
    planned_start = dt.date(2025, 10, 6)


# ---- end improvement networks (core) ----


# ---- diagram ----
class DiagramVersionFactory(factory.django.DjangoModelFactory):
    """A working (unrecorded) version of a network's driver diagram."""

    class Meta:
        model = "improvement.DiagramVersion"

    network = factory.SubFactory(ImprovementNetworkFactory)
    number = factory.Sequence(lambda n: n + 1)


class DriverFactory(factory.django.DjangoModelFactory):
    """A primary driver; pass ``parent`` (and kind="secondary") for a secondary one."""

    class Meta:
        model = "improvement.Driver"

    version = factory.SubFactory(DiagramVersionFactory)
    kind = "primary"
    text = factory.Sequence(lambda n: f"Driver {n}")
    position = factory.Sequence(lambda n: n + 1)


class IdeaPlacementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "improvement.IdeaPlacement"

    driver = factory.SubFactory(DriverFactory)
    idea = factory.SubFactory(
        ChangeIdeaFactory, network=factory.SelfAttribute("..driver.version.network")
    )


# ---- end diagram ----


# ---- voice and guidance (core) ----
class NeedFactory(factory.django.DjangoModelFactory):
    """A need raised a day ago by a leader of its school, due a week after."""

    class Meta:
        model = "voice.Need"

    district = factory.SubFactory(DistrictFactory)
    school = factory.SubFactory(SchoolFactory, district=factory.SelfAttribute("..district"))
    raised_by = factory.SubFactory(
        PersonFactory, district=factory.SelfAttribute("..district"), user=None
    )
    title = factory.Sequence(lambda n: f"Need {n}")
    description = "Two classrooms have had no substitute cover for three weeks."
    category = "staffing"
    urgency = "soon"
    students_affected = 48
    raised_at = factory.LazyFunction(lambda: _now() - dt.timedelta(days=1))
    due_at = factory.LazyAttribute(lambda o: o.raised_at + dt.timedelta(days=7))


class NeedRouteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "voice.NeedRoute"

    district = factory.SubFactory(DistrictFactory)
    category = "staffing"
    department = factory.SubFactory(DepartmentFactory, district=factory.SelfAttribute("..district"))


class PrincipalMeetingFactory(factory.django.DjangoModelFactory):
    """A meeting a week from now, convened by a person of its district."""

    class Meta:
        model = "voice.PrincipalMeeting"

    district = factory.SubFactory(DistrictFactory)
    title = factory.Sequence(lambda n: f"Principal meeting {n}")
    starts_at = factory.LazyFunction(lambda: _now() + dt.timedelta(days=7))
    location = "Central office, room 2"
    convened_by = factory.SubFactory(
        PersonFactory, district=factory.SelfAttribute("..district"), user=None
    )


class MeetingParticipantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "voice.MeetingParticipant"

    meeting = factory.SubFactory(PrincipalMeetingFactory)
    person = factory.SubFactory(
        PersonFactory, district=factory.SelfAttribute("..meeting.district"), user=None
    )


class AgendaItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "voice.AgendaItem"

    meeting = factory.SubFactory(PrincipalMeetingFactory)
    title = factory.Sequence(lambda n: f"Agenda item {n}")
    direction = "inform"
    proposed_by = factory.SelfAttribute("meeting.convened_by")


class DilemmaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "voice.Dilemma"

    meeting = factory.SubFactory(PrincipalMeetingFactory)
    presenter = factory.SubFactory(
        PersonFactory, district=factory.SelfAttribute("..meeting.district"), user=None
    )
    title = factory.Sequence(lambda n: f"Dilemma {n}")
    context = "Grade-level teams meet weekly but planning time is spent on logistics."
    question = "How do I protect planning time without taking over the teams?"
    tried = "A shared agenda template."


class GuidanceDocumentFactory(factory.django.DjangoModelFactory):
    """Guidance of a department for the principals of every school."""

    class Meta:
        model = "voice.GuidanceDocument"

    district = factory.SubFactory(DistrictFactory)
    department = factory.SubFactory(DepartmentFactory, district=factory.SelfAttribute("..district"))
    kind = "guidance"
    title = factory.Sequence(lambda n: f"Guidance {n}")
    roles = factory.LazyFunction(lambda: ["principal"])


class GuidanceVersionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "voice.GuidanceVersion"

    document = factory.SubFactory(GuidanceDocumentFactory)
    number = factory.Sequence(lambda n: n + 1)
    body = "Schools post the family safety letter in every language of their families."
    change_summary = ""
    effective_on = factory.LazyFunction(lambda: dt.date.today())
    review_on = factory.LazyAttribute(lambda o: o.effective_on + dt.timedelta(days=365))


def _now() -> dt.datetime:
    from django.utils import timezone

    return timezone.now()


class PartnershipFactory(factory.django.DjangoModelFactory):
    """An active partnership of a school year, with its partner in the same district."""

    class Meta:
        model = "community.Partnership"

    district = factory.SubFactory(DistrictFactory)
    partner = factory.SubFactory(PartnerFactory, district=factory.SelfAttribute("..district"))
    title = factory.Sequence(lambda n: f"Partnership {n}")
    shared_goals = "More students in school every day, ready to learn."
    starts_on = dt.date(2025, 8, 1)
    ends_on = dt.date(2027, 6, 30)


class PartnerServiceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "community.PartnerService"

    partnership = factory.SubFactory(PartnershipFactory)
    category = "tutoring"
    name = factory.Sequence(lambda n: f"Service {n}")
    committed_reach = 100
    committed_sessions = 40


class SchoolNeedFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "community.SchoolNeed"

    district = factory.SubFactory(DistrictFactory)
    school = factory.SubFactory(SchoolFactory, district=factory.SelfAttribute("..district"))
    category = "tutoring"
    description = "Reading help for students a grade behind."
    recorded_by = factory.SubFactory(UserFactory)


# ---- supervision ----
class SchoolVisitFactory(factory.django.DjangoModelFactory):
    """A planned visit; give the school, its principal and the supervisor."""

    class Meta:
        model = "leadership.SchoolVisit"

    district = factory.SelfAttribute("school.district")
    visit_on = dt.date(2026, 3, 10)
    focus = "instruction"


class GrowthGoalFactory(factory.django.DjangoModelFactory):
    """An active goal of the 2025-26 school year; give the principal and their school."""

    class Meta:
        model = "leadership.GrowthGoal"

    district = factory.SelfAttribute("school.district")
    school_year = 2026
    goal = "Lead teacher teams to look at student work every two weeks."
    area = "professional_community"
    status = "active"


# ---- end supervision ----
# ---- stakeholders ----
class StakeholderGroupFactory(factory.django.DjangoModelFactory):
    """A group on the stakeholder map: a parent group of middling interest and influence."""

    class Meta:
        model = "community.StakeholderGroup"

    district = factory.SubFactory(DistrictFactory)
    name = factory.Sequence(lambda n: f"Stakeholder group {n}")
    kind = "parent_group"
    interest = 3
    influence = 3


class StakeholderPositionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "community.StakeholderPosition"

    group = factory.SubFactory(StakeholderGroupFactory)
    priority = "Early literacy"
    stance = "neutral"
    as_of = dt.date(2026, 1, 15)


class EngagementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "community.Engagement"

    group = factory.SubFactory(StakeholderGroupFactory)
    held_on = dt.date(2026, 2, 3)
    kind = "meeting"
    summary = "Met the group's officers about the coming year."


# ---- end stakeholders ----
# ---- assessment ----


class AssessmentFactory(factory.django.DjangoModelFactory):
    """A school leadership team's self-assessment (give ``school`` and members)."""

    class Meta:
        model = "leadership.Assessment"
        skip_postgeneration_save = True

    district = factory.SubFactory(DistrictFactory)
    team_kind = "school"
    school = factory.SubFactory(SchoolFactory, district=factory.SelfAttribute("..district"))
    title = factory.Sequence(lambda n: f"Self-assessment {n}")
    period = "2025-26"

    @factory.post_generation
    def members(self, create, extracted, **kwargs):
        if create and extracted:
            self.members.set(extracted)


class AssessmentAnswerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "leadership.AssessmentAnswer"

    assessment = factory.SubFactory(AssessmentFactory)
    person = factory.SubFactory(
        PersonFactory, district=factory.SelfAttribute("..assessment.district")
    )
    item_key = "focus.1"
    section = factory.LazyAttribute(lambda o: o.item_key.split(".")[0])
    rating = 3
    dont_know = False


# ---- succession ----
class KeyPositionFactory(factory.django.DjangoModelFactory):
    """A principal post at a school of the position's district, held since 2020."""

    class Meta:
        model = "leadership.KeyPosition"

    district = factory.SubFactory(DistrictFactory)
    kind = "principal"
    title = factory.Sequence(lambda n: f"Principal post {n}")
    school = factory.SubFactory(SchoolFactory, district=factory.SelfAttribute("..district"))
    incumbent = factory.SubFactory(
        PersonFactory, district=factory.SelfAttribute("..district"), user=None
    )
    incumbent_since = dt.date(2020, 8, 1)


class CandidateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "leadership.Candidate"

    position = factory.SubFactory(KeyPositionFactory)
    person = factory.SubFactory(
        PersonFactory, district=factory.SelfAttribute("..position.district"), user=None
    )
    readiness = "developing"


class TeacherLeaderRoleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "leadership.TeacherLeaderRole"

    district = factory.SubFactory(DistrictFactory)
    school = factory.SubFactory(SchoolFactory, district=factory.SelfAttribute("..district"))
    person = factory.SubFactory(
        PersonFactory, district=factory.SelfAttribute("..district"), user=None
    )
    kind = "coach"
    hours_per_week = 5
    school_year = 2026


# ---- end succession ----
# ---- surveys ----
class SurveyFactory(factory.django.DjangoModelFactory):
    """A draft survey offered in English and Spanish (no questions: see ``open_survey``)."""

    class Meta:
        model = "community.Survey"

    district = factory.SubFactory(DistrictFactory)
    title = factory.Sequence(lambda n: f"Family survey {n}")
    languages = factory.LazyFunction(lambda: ["en", "es"])


class EngagementEventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "community.EngagementEvent"

    district = factory.SubFactory(DistrictFactory)
    title = factory.Sequence(lambda n: f"Family night {n}")
    held_on = dt.date(2026, 3, 12)
    attendance = 40
    languages = factory.LazyFunction(lambda: ["en", "es"])


SURVEY_WORDING = {
    "en": {
        "title": "How is our school doing?",
        "scale": ("I feel welcome at my child's school.", "Not at all", "Very much"),
        "choice": ("How do you hear from the school?", ["Text messages", "E-mail", "Paper"]),
        "text": "What one thing should the school do next?",
    },
    "es": {
        "title": "¿Cómo va nuestra escuela?",
        "scale": ("Me siento bienvenido en la escuela.", "Nada", "Mucho"),
        "choice": ("¿Cómo recibe noticias de la escuela?", ["Mensajes", "Correo", "Papel"]),
        "text": "¿Qué debería hacer la escuela a continuación?",
    },
}


def open_survey(district, *, title: str = "Family survey", shared: bool = False):
    """An open English and Spanish survey of ``district`` with a required scale question,
    a choice question and an optional text question, and a link for each school."""
    from districtwise.community.models import Question
    from districtwise.community.services import surveys as s

    survey = s.survey_create(
        actor=None,
        district=district,
        title=title,
        languages=["en", "es"],
        shared_with_partners=shared,
    )
    en = SURVEY_WORDING["en"]
    kinds = [
        (Question.Kind.SCALE, True),
        (Question.Kind.CHOICE, False),
        (Question.Kind.TEXT, False),
    ]
    questions = []
    for kind, required in kinds:
        questions.append(
            s.question_add(
                actor=None, survey=survey, kind=kind, required=required, wording=_wording(en, kind)
            )
        )
    for lang in ("en", "es"):
        words = SURVEY_WORDING[lang]
        s.survey_translate(
            actor=None,
            survey=survey,
            language=lang,
            title=words["title"],
            intro="",
            wordings={q.pk: _wording(words, q.kind) for q in questions},
        )
    return s.survey_open(actor=None, survey=survey)


def _wording(words: dict, kind: str):
    from districtwise.community.services.surveys import Wording

    if kind == "scale":
        text, low, high = words["scale"]
        return Wording(text=text, scale_low=low, scale_high=high)
    if kind == "choice":
        text, choices = words["choice"]
        return Wording(text=text, choices=choices)
    return Wording(text=words["text"])


def survey_responses(survey, school, count: int, *, group: str = "parent", language="en", **fixed):
    """``count`` responses at ``school`` (through its link), each answering the scale
    question with ``fixed.get('scale', 4)`` and the choice question with ``fixed.get(
    'choice', 0)``, and the text question with ``fixed.get('text', '')``."""
    from django.utils import timezone

    from districtwise.community.models import Answer, Response

    link = survey.links.get(school=school)
    questions = {q.kind: q for q in survey.questions.all()}
    for _ in range(count):
        response = Response.objects.create(
            survey=survey,
            link=link,
            school=school,
            language=language,
            group=group,
            submitted_at=timezone.now(),
        )
        answers = [
            Answer(
                response=response, question=questions["scale"], scale_value=fixed.get("scale", 4)
            ),
            Answer(response=response, question=questions["choice"], choice=fixed.get("choice", 0)),
        ]
        if fixed.get("text"):
            answers.append(
                Answer(response=response, question=questions["text"], text=fixed["text"])
            )
        Answer.objects.bulk_create(answers)
