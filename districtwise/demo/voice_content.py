"""The texts of the demo's voice and guidance: needs, answers, a meeting, a dilemma and
guidance documents. Written for the demo; synthetic; no student names anywhere."""

from __future__ import annotations

from districtwise.voice.models import NeedCategory as C
from districtwise.voice.models import Urgency as U

# Where each category goes (department codes of ``districtwise.demo.names.DEPARTMENTS``).
ROUTES: dict[str, str] = {
    C.STAFFING: "human-resources",
    C.SAFETY: "operations",
    C.FACILITIES: "operations",
    C.STUDENTS_FAMILIES: "family-engagement",
    C.INSTRUCTION: "teaching-and-learning",
    C.BUDGET: "operations",
    C.POLICY_CONFLICT: "teaching-and-learning",
    C.OTHER: "operations",
}
# The network's past meeting was this many days ago; its follow-up need came a day later.
MEETING_DAYS_AGO = 16
# The district's own response targets (days to answer), a little tighter than the defaults.
TARGETS: dict[str, int] = {U.ROUTINE: 15, U.SOON: 5, U.URGENT: 2, U.ALARM: 1}

# (title, description) per category; descriptions carry counts, never names.
NEEDS: dict[str, list[tuple[str, str]]] = {
    C.STAFFING: [
        (
            "Two classrooms without a teacher since the term began",
            "Two posts are still vacant and daily substitutes change every few days. "
            "The grade team is splitting the lesson planning between them.",
        ),
        (
            "No substitute cover on Fridays",
            "Friday absences are not being filled by the cover pool; the office splits "
            "classes across other rooms, which stops small-group work.",
        ),
        (
            "Special education aide post unfilled",
            "The aide post approved in the spring has not been advertised. Students with "
            "support plans are losing the minutes their plans promise.",
        ),
        (
            "Hiring freeze blocks a bilingual clerk",
            "The front office has no one who speaks the second language most of our "
            "families use at home; calls go unanswered.",
        ),
        (
            "Coach shared across three schools",
            "Our instructional coach now covers three campuses and is here one day a week; "
            "new teachers get no regular feedback.",
        ),
        (
            "Counsellor on long leave with no cover",
            "The counsellor's leave began this month; no cover has been arranged and "
            "referrals are waiting.",
        ),
        (
            "Background checks slow for new volunteers",
            "Volunteer checks are taking over six weeks; the reading-buddy programme cannot start.",
        ),
        (
            "Late payroll for hourly tutors",
            "Tutors hired for the after-school programme have not been paid for October; "
            "two have said they will stop coming.",
        ),
    ],
    C.SAFETY: [
        (
            "Side gate does not latch",
            "The side gate by the playground swings open in the wind; staff are posted "
            "there at recess until it is fixed.",
        ),
        (
            "Radio dead spots in the new wing",
            "Staff radios do not reach the office from the new classroom wing, which "
            "matters during drills and lockdowns.",
        ),
        (
            "Crossing guard post empty in the mornings",
            "The crossing at the main road has had no guard for two weeks; staff stand in "
            "when they can.",
        ),
        (
            "Fire alarm panel shows a fault",
            "The panel reports a fault in zone 3 every morning; the fire marshal asked for a "
            "repair before the next drill.",
        ),
        (
            "Visitor sign-in system down",
            "The visitor badge printer has been down for a week; visitors sign a paper log "
            "we cannot check against the banned list.",
        ),
        (
            "Lighting out in the rear car park",
            "Staff leaving after evening events walk through an unlit car park.",
        ),
    ],
    C.FACILITIES: [
        (
            "Heating off in four classrooms",
            "Four rooms on the north side stay below 15 degrees until mid-morning; classes "
            "move to the library when they can.",
        ),
        (
            "Roof leak over the gym",
            "Buckets catch water over the gym floor after rain; PE is held in the cafeteria.",
        ),
        (
            "Broken water fountains",
            "Three of five fountains are out; students queue at the remaining two at lunch.",
        ),
        (
            "Work order open for three months",
            "A work order for the accessible toilet door closer has been open since summer; "
            "the door is too heavy for some students.",
        ),
        (
            "Portable classroom steps rotting",
            "The steps to the portable have soft boards; we have taped off the worst one.",
        ),
        (
            "Kitchen freezer failing",
            "The freezer alarm sounds overnight; kitchen staff throw food away most weeks.",
        ),
        (
            "Wi-Fi drops in the upstairs rooms",
            "Online assessments fail in the upstairs rooms; students retake them downstairs.",
        ),
        (
            "Pest control needed in the cafeteria",
            "Signs of mice in the cafeteria storage; the last treatment was in spring.",
        ),
    ],
    C.STUDENTS_FAMILIES: [
        (
            "Families asking for help with winter coats",
            "Several families have asked the office for coats and boots; our closet is empty.",
        ),
        (
            "Interpreter for parent conferences",
            "We need interpreters for conference week; the district pool was booked up.",
        ),
        (
            "Food pantry referrals rising",
            "More families are asking for food pantry referrals than last year; the "
            "partner pantry can take them only on Thursdays.",
        ),
        (
            "Housing instability among new enrolments",
            "Several new enrolments are living in temporary housing; we need the liaison "
            "to visit and arrange school supplies.",
        ),
        (
            "Family workshop room needed",
            "The evening family workshops have outgrown the library; we ask to use the "
            "district hall once a month.",
        ),
        (
            "Mental health referrals waiting",
            "Referrals to the community clinic are waiting over a month for a first visit.",
        ),
    ],
    C.INSTRUCTION: [
        (
            "Maths kits not delivered",
            "The hands-on maths kits for the new units have not arrived; teachers are "
            "improvising with paper cut-outs.",
        ),
        (
            "Reading intervention licences expired",
            "The reading intervention software licences lapsed; students lost their "
            "progress records.",
        ),
        (
            "No training dates for the new science units",
            "Teachers start the new science units next month and have had no training "
            "dates offered.",
        ),
        (
            "Pacing guide out of step with the assessments",
            "The interim assessment tests units the pacing guide places after it.",
        ),
        (
            "Newcomer students need language materials",
            "A group of newcomer students arrived this term; we have no beginner "
            "language materials for content classes.",
        ),
        (
            "Library books for the new reading list",
            "The required reading list changed; the library has one copy of most titles.",
        ),
        (
            "Graphing calculators for the algebra classes",
            "Half of the algebra students have no calculator for the state-approved model.",
        ),
    ],
    C.BUDGET: [
        (
            "Field trip buses over budget",
            "Bus prices for trips doubled; we cannot run the science centre trip within "
            "our allocation.",
        ),
        (
            "Grant funds not released",
            "The literacy grant awarded in August has not reached our school account.",
        ),
        (
            "Copier lease charged twice",
            "Our budget shows the copier lease charged twice for September.",
        ),
        (
            "Substitute costs exceeding allocation",
            "Cover costs will use the whole year's allocation by January.",
        ),
        (
            "Purchase orders stuck in approval",
            "Five purchase orders have waited over three weeks for approval.",
        ),
    ],
    C.POLICY_CONFLICT: [
        (
            "Grading policy clashes with the late-work rule",
            "The grading guardrail says no zeros; the handbook's late-work rule caps late "
            "work at half marks. Teachers ask which applies.",
        ),
        (
            "Testing window overlaps the make-up days",
            "The winter testing window falls on the snow make-up days; rooms and staff "
            "are double-booked.",
        ),
        (
            "Attendance rule and the field trip policy",
            "Students on approved trips are being marked absent under the new attendance rule.",
        ),
        (
            "Phone policy differs from the network's",
            "Our network agreed phones-away for the whole day; the district draft says "
            "lunch is free time. Families are confused.",
        ),
    ],
    C.OTHER: [
        (
            "Website still lists the old bell times",
            "The district website shows last year's bell times for our school.",
        ),
        (
            "Uniform supplier closed",
            "The uniform supplier closed; families ask where to buy the required shirts.",
        ),
        (
            "Yearbook contract question",
            "The yearbook vendor asks us to sign a three-year contract; can we?",
        ),
        (
            "Data request deadlines pile up in December",
            "Four data requests are due the same week in December.",
        ),
    ],
}

# The planted rise: in the last four weeks the new bus stops (stops merged to cut routes)
# left families without a safe or workable way to get their children to school.
SURGE: list[tuple[str, str]] = [
    (
        "Families cannot reach the merged bus stop",
        "Since the stops were merged, many families live over a mile from the new stop. "
        "Parents without cars are keeping younger children home.",
    ),
    (
        "Morning bus now arrives after the bell",
        "The longer route brings the bus after first period starts; students miss breakfast "
        "and the start of class.",
    ),
    (
        "After-school programme students stranded",
        "The late bus was cut with the route change; students in the after-school "
        "programme have no ride home and parents cannot pick up before six.",
    ),
    (
        "Families asking for transport help in the office",
        "The office fields calls every morning from parents asking how to get their "
        "children in now that the stop moved.",
    ),
    (
        "Absences up since the bus change",
        "Daily absences have doubled on the affected routes since the stop change; "
        "families tell us it is the walk.",
    ),
    (
        "Kindergarten pick-up point unclear",
        "Kindergarten families were not told where the afternoon bus now drops off; "
        "children wait with staff until a parent is reached.",
    ),
    (
        "Students with disabilities lost door-to-door stops",
        "Students whose plans call for a close stop were moved to the merged stop; the "
        "plans and the routes no longer agree.",
    ),
    (
        "Older siblings missing class to walk younger ones",
        "Secondary students tell us they walk their younger siblings to the new stop and "
        "arrive late to their own school.",
    ),
    (
        "No notice to families in their home language",
        "The stop-change letter went out in English only; many families learnt of it "
        "when the bus did not come.",
    ),
    (
        "Bus passes for families off the routes",
        "Families now beyond walking distance ask whether the district will give city bus "
        "passes, as it did last year.",
    ),
]
# Near-duplicates from several schools about one problem: the merged stop on the ring road.
DUPLICATES: list[tuple[str, str]] = [
    (
        "New bus stop on the ring road has no sidewalk",
        "The merged bus stop is on the ring road, which has no sidewalk; children walk on the "
        "verge beside fast traffic in the dark.",
    ),
    (
        "Ring road bus stop has no sidewalk",
        "Our children now walk to the merged bus stop on the ring road, with no sidewalk, "
        "beside fast traffic in the dark mornings.",
    ),
    (
        "Merged bus stop on the ring road: no sidewalk",
        "The new merged stop on the ring road has no sidewalk; children walk on the verge "
        "next to fast traffic before sunrise.",
    ),
    (
        "Children walking the ring road to the new bus stop",
        "Children walk to the merged bus stop on the ring road on the verge, with no "
        "sidewalk and fast traffic, in the dark.",
    ),
    (
        "No sidewalk to the ring road bus stop",
        "The merged ring road bus stop has no sidewalk; our children walk beside fast "
        "traffic on the verge in the dark.",
    ),
]
ISSUE = (
    "Merged bus stop on the ring road has no safe walking route",
    "Schools on the east side report the same stop: children walk the ring road's verge "
    "in the dark to reach it. Operations and Family Engagement are looking at the stop "
    "together with the transport contractor.",
)

ANSWERS: dict[str, list[str]] = {
    C.STAFFING: [
        "Human Resources has placed a long-term substitute from Monday and reopened the post.",
        "We have added your school to the priority list of the cover pool.",
        "The post is advertised this week; interviews are scheduled for the week after.",
    ],
    C.SAFETY: [
        "Operations repaired it on Tuesday; please report again if it recurs.",
        "A contractor is booked; until then a staff member is covering as you proposed.",
    ],
    C.FACILITIES: [
        "A technician fixed it this week; the work order is closed.",
        "The repair is scheduled for the next school holiday, when the room is free.",
        "Parts are ordered; a temporary fix is in place until they arrive.",
    ],
    C.STUDENTS_FAMILIES: [
        "The family liaison will visit on Thursday and bring what the families asked for.",
        "We have arranged interpreters through the community partner for your dates.",
        "Family Engagement has added your school to the partner's weekly schedule.",
    ],
    C.INSTRUCTION: [
        "The materials ship this week; the curriculum team will help set them up.",
        "Licences are renewed and the vendor restored the progress records.",
        "Training dates are published; your teachers have seats reserved.",
    ],
    C.BUDGET: [
        "Finance corrected the charge; the credit shows in next month's statement.",
        "The funds are released to your school account.",
    ],
    C.POLICY_CONFLICT: [
        "The grading guardrail applies; the handbook will be corrected this term.",
        "The testing window moves one week later for all schools.",
    ],
    C.OTHER: [
        "Fixed; thank you for telling us.",
        "Yes, within the usual purchasing rules; the template contract is attached to the "
        "guidance library.",
    ],
}
SURGE_ANSWERS = [
    "Family Engagement is calling each family on the affected routes this week and "
    "arranging city bus passes where the walk is over a mile.",
    "Transport has restored a stop nearer the school from next Monday.",
    "The late bus is back for after-school programme students from next week.",
]
DECLINES = [
    "This is decided by the school within its own budget; no district action is needed.",
    "Covered by the district-wide answer already sent to all schools.",
    "Outside the district's remit: the city owns the road and we have passed it on.",
]
REOPEN_NOTE = "The answer did not settle it: the problem is back this week."
SCHOOL_COMMENTS = [
    "Thank you; is there a date we can tell the staff?",
    "It is getting worse this week, with more classes affected.",
    "Confirming it is fixed; we will close it once it holds for a week.",
]
DISTRICT_COMMENTS = [
    "We are on it; can you send the room numbers affected?",
    "We have asked the vendor for a date and will update you here.",
    "Could you tell us how many students this touches each day?",
]
CABINET_COMMENT = (
    "The cabinet is following these bus needs together; please keep raising each case."
)
