"""The check for students' names in a need: the usual shapes are caught, numbers and
places are not."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from districtwise.voice.student_names import student_name_hints


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Dear team, Maria Lopez has missed nine days.", ["Maria Lopez"]),
        ("A student named Jamal Reyes was hurt at recess.", ["Jamal Reyes"]),
        ("The pupil called Odette needs a plan.", ["Odette"]),
        ("My son Tyler cannot get on the bus.", ["Tyler"]),
        ("Absent all week:\nOkafor, Chidi\nBrandt, Lena\n", ["Okafor, Chidi", "Brandt, Lena"]),
        ("Emma, Liam and Noah have no laptops.", ["Emma", "Liam", "Noah"]),
    ],
)
def test_it_finds_what_looks_like_a_students_name(text, found):
    assert student_name_hints(text) == found


@pytest.mark.parametrize(
    "text",
    [
        "Two classrooms have had no substitute cover for three weeks; 48 students affected.",
        "The boiler at North One Elementary failed on Jordan Street side.",
        "A student named in the report was not from our school.",
        "Grade 3 has one set of readers for 72 students.",
    ],
)
def test_numbers_places_and_plain_words_pass(text):
    assert student_name_hints(text) == []


@given(st.text(max_size=400))
def test_any_text_gives_only_stretches_of_itself_each_once(text):
    hints = student_name_hints(text)
    assert len(hints) == len(set(hints))
    assert all(hint in text for hint in hints)
