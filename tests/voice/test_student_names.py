"""The one check for students' names (needs, dilemmas, needs raised from meetings): the
usual shapes of a name are caught; numbers, places, the words every school text writes with
a capital, adults with a title and the district's own names are not.

Merged from the needs check's tests and the dilemmas check's tests; every case of both is
kept, each now asked of the one function."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from districtwise.voice.student_names import (
    KnownNames,
    district_known_names,
    find_student_names,
)


@pytest.mark.parametrize(
    ("text", "found"),
    [
        # from the needs check
        ("Dear team, Maria Lopez has missed nine days.", ["Maria Lopez"]),
        ("A student named Jamal Reyes was hurt at recess.", ["Jamal Reyes"]),
        ("The pupil called Odette needs a plan.", ["Odette"]),
        ("My son Tyler cannot get on the bus.", ["Tyler"]),
        ("Absent all week:\nOkafor, Chidi\nBrandt, Lena\n", ["Okafor, Chidi", "Brandt, Lena"]),
        ("Emma, Liam and Noah have no laptops.", ["Emma", "Liam", "Noah"]),
        # from the dilemmas check
        ("Jordan Ellis keeps missing the first bus.", ["Jordan Ellis"]),
        ("Jordan Ellis's class loses the most time.", ["Jordan Ellis"]),
        ("Since March, Jordan E. has been absent on Mondays.", ["Jordan E."]),
        ("A student named Kayla refuses to come to class.", ["Kayla"]),
        ("My son Tyler is in the same grade.", ["Tyler"]),
        ("I spoke with Priya Natarajan-Shah after school.", ["Priya Natarajan-Shah"]),
        # shapes only one of the two caught before
        ("Jordan May has missed the bus twice.", ["Jordan May"]),  # "May" is a month too
        ("The student Dariusz stays in at lunch.", ["Dariusz"]),  # no "named"
        ("Children called Odette and Wren share a desk.", ["Odette"]),
        ("Kofi Mensah and Ines Duarte were late.", ["Kofi Mensah", "Ines Duarte"]),  # uncommon
    ],
)
def test_it_finds_what_looks_like_a_students_name(text, found):
    assert find_student_names(text) == found


@pytest.mark.parametrize(
    "text",
    [
        # from the needs check
        "Two classrooms have had no substitute cover for three weeks; 48 students affected.",
        "The boiler at North One Elementary failed on Jordan Street side.",
        "A student named in the report was not from our school.",
        "Grade 3 has one set of readers for 72 students.",
        # from the dilemmas check
        "We met on Monday. The Grade Five team tried a new schedule in September.",
        "Twelve students in Grade 4 are affected; attendance dropped by 8 points.",
        "Our PLC met with the Math Department and the IEP team.",
        "Ms. Rivera asked Mr. Lee Park to cover the class.",
        "",
        # the two checks' protections together
        "Mr. Jordan Ellis and Coach Maria Lopez ran the assembly.",  # adults, by their title
        "The Student Support Team met at Grace Hall on Mason Avenue.",
        "Spring testing starts in May; Grade Two sits it first.",
    ],
)
def test_numbers_places_adults_and_plain_words_pass(text):
    assert find_student_names(text) == []


def test_a_name_is_not_joined_across_a_line_break():
    assert find_student_names("Absent: Okafor\nChidi came later") == []


def test_the_districts_own_names_are_not_flagged_but_a_students_still_is(cast):
    known = district_known_names(cast.district)
    text = (
        "North Two Middle and Riverside Youth Services asked North Lead Testperson; "
        "Teaching and Learning agreed. Then Kayla Bell arrived late again."
    )
    # "North Lead Testperson" is staff; "Kayla Bell" is not anyone the district knows.
    assert find_student_names(text, known=known) == ["Kayla Bell"]


def test_a_staff_name_is_set_aside_as_a_whole_not_word_by_word():
    known = KnownNames(phrases=("Dana Cole",))
    assert find_student_names("Dana Cole met Jordan Cole.", known=known) == ["Jordan Cole"]
    # a longer name that only begins like a staff member's is still read
    assert find_student_names("Dana Coleman-Reyes Brown left.", known=known) == [
        "Dana Coleman-Reyes Brown"
    ]


def test_a_school_named_after_a_person_is_not_a_students_name():
    known = KnownNames(words=frozenset({"grace", "hopper", "elementary"}))
    assert find_student_names("Grace Hopper Elementary lost its nurse.", known=known) == []
    assert find_student_names("Grace Hopper Elementary lost its nurse.") == ["Grace Hopper"]


_names = st.sampled_from(["Maria", "Lopez", "Jordan", "E.", "Ms.", "The", "Grade", "Cole"])
_glue = st.sampled_from([" ", "  ", "\t", "\n", ", ", ". ", "'s ", " named ", " my son "])
_texts = st.text(max_size=400) | st.lists(st.tuples(_names, _glue)).map(
    lambda pairs: "".join(a + b for a, b in pairs)
)


@given(_texts)
def test_any_text_gives_only_stretches_of_itself_each_once(text):
    for known in (None, KnownNames(words=frozenset({"lopez"}), phrases=("Jordan Cole",))):
        hints = find_student_names(text, known=known)
        assert len(hints) == len(set(hints))
        assert all(hint in text for hint in hints)
        if known is not None:  # a staff member's full name is never a student's
            assert "Jordan Cole" not in hints
