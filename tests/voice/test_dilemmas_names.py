"""The warning for students' names: it flags what reads like a person's name and leaves
alone the capitalised words every school text uses and the district's own names."""

from __future__ import annotations

import pytest

from districtwise.voice.names import (
    KnownNames,
    district_known_names,
    possible_student_names,
)


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        ("Jordan Ellis keeps missing the first bus.", ["Jordan Ellis"]),
        ("Jordan Ellis's class loses the most time.", ["Jordan Ellis"]),
        ("Since March, Jordan E. has been absent on Mondays.", ["Jordan E."]),
        ("A student named Kayla refuses to come to class.", ["Kayla"]),
        ("My son Tyler is in the same grade.", ["Tyler"]),
        ("I spoke with Priya Natarajan-Shah after school.", ["Priya Natarajan-Shah"]),
    ],
)
def test_it_flags_what_reads_like_a_name(text, flagged):
    assert possible_student_names(text) == flagged


@pytest.mark.parametrize(
    "text",
    [
        "We met on Monday. The Grade Five team tried a new schedule in September.",
        "Twelve students in Grade 4 are affected; attendance dropped by 8 points.",
        "Our PLC met with the Math Department and the IEP team.",
        "Ms. Rivera asked Mr. Lee Park to cover the class.",
        "",
    ],
)
def test_it_leaves_ordinary_school_text_alone(text):
    assert possible_student_names(text) == []


def test_the_districts_own_names_are_not_flagged_but_a_students_still_is(cast):
    known = district_known_names(cast.district)
    text = (
        "North Two Middle and Riverside Youth Services asked North Lead Testperson; "
        "Teaching and Learning agreed. Then Kayla Bell arrived late again."
    )
    # "North Lead Testperson" is staff; "Kayla Bell" is not anyone the district knows.
    assert possible_student_names(text, known=known) == ["Kayla Bell"]


def test_a_staff_name_is_set_aside_as_a_whole_not_word_by_word():
    known = KnownNames(phrases=("Dana Cole",))
    assert possible_student_names("Dana Cole met Jordan Cole.", known=known) == ["Jordan Cole"]
