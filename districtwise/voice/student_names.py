"""Does a need's text look like it names students?

Needs travel across the central office and feed district-wide patterns, so they carry
numbers of students, never names (FERPA: a name in a record shared this widely makes it
an education record about that student). The check cannot know every name; it looks for
the usual shapes and asks the person to look again before saving:

- a common given name followed by a capitalised word ("Maria Lopez");
- "student named X", "a pupil called X", "my son X";
- roster-like text: lines of "Family, Given", or three or more common given names.

A hit is a warning, not a refusal: the person may confirm there are no names (a staff
member's name, a street, a building called after someone).
"""

from __future__ import annotations

import re

# A small list of common given names (synthetic check data; not a roster of anyone).
_GIVEN_NAMES_TEXT = """
    aaliyah aiden alex alexander alicia amelia ana andre angel anthony ava benjamin brandon
    carlos charlotte chloe chris christopher daniel david diego dylan elijah elizabeth ella
    emily emma ethan evelyn gabriel grace hannah harper isabella isaac jack jacob james
    jasmine jayden jesus john jordan jose joseph joshua juan julia justin kayla kevin liam
    logan lucas luis madison maria mason matthew mia michael mohammed muhammad nathan noah
    olivia omar priya ryan samuel sarah sofia sophia taylor tyler victoria william zoe
"""
COMMON_GIVEN_NAMES = frozenset(_GIVEN_NAMES_TEXT.split())
_WORD = r"[A-Z][a-z'\u2019-]+"
_NAMED = re.compile(
    r"\b(?i:students?|pupils?|child|children|kids?|boy|girl|son|daughter|learner)"
    r",?\s+(?i:named|called|by the name of)\s+(" + _WORD + r"(?:\s+" + _WORD + r")?)"
)
_RELATION = re.compile(r"\b(?i:my|our|his|her|their)\s+(?i:son|daughter|child)\s+(" + _WORD + r")")
# A lookahead, so "Dear Maria Lopez" finds "Maria Lopez" after "Dear Maria".
_PAIR = re.compile(r"\b(?=(" + _WORD + r")[ \t]+(" + _WORD + r")\b)")
_ROSTER_LINE = re.compile(r"^\s*(?:\d+[.)]\s*)?" + _WORD + r",\s*" + _WORD + r"\s*$", re.MULTILINE)
# Words that follow a given name in a place's or a thing's name, not a family name.
_NOT_FAMILY = frozenset(
    {"Elementary", "Middle", "High", "School", "Academy", "Street", "Avenue", "Road", "Hall"}
)


def student_name_hints(text: str) -> list[str]:
    """The stretches of ``text`` that look like students' names, each once, in order."""
    found: list[str] = []
    for match in _NAMED.finditer(text):
        found.append(match.group(1))
    for match in _RELATION.finditer(text):
        found.append(match.group(1))
    for match in _PAIR.finditer(text):
        given, family = match.groups()
        if given.lower() in COMMON_GIVEN_NAMES and family not in _NOT_FAMILY:
            found.append(f"{given} {family}")
    roster = [line.strip() for line in _ROSTER_LINE.findall(text)]
    if len(roster) >= 2:
        found.extend(roster)
    given_names = {w for w in re.findall(_WORD, text) if w.lower() in COMMON_GIVEN_NAMES}
    if len(given_names) >= 3:
        found.extend(sorted(given_names, key=text.index))
    return _unique(found)


def _unique(items: list[str]) -> list[str]:
    seen: dict[str, None] = {}
    for item in items:
        seen.setdefault(item, None)
    return list(seen)
