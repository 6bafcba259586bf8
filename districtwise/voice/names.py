"""A warning, before saving, for text that seems to name a student.

Needs and dilemmas carry numbers and situations, never students' names: what a principal
writes is read by the central office and by peers. No check can know every name, so this
one only *warns*; the writer looks again and may save the text as written.

The heuristic, kept small on purpose:
- two or more capitalised words in a row ("Jordan Ellis") once the words every text
  uses with a capital are set aside (sentence openers such as "The", "We"; days and months;
  school words such as "Grade", "Elementary", "Department"; the district's own schools,
  networks, departments and staff, passed in as ``known``: see ``KnownNames``);
- a capitalised word followed by an initial ("Jordan E.");
- a capitalised word after "student named", "a boy called", "my son" and the like.
Words after a courtesy title ("Ms. Ellis") are taken for adults and not flagged.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Words written with a capital that are not names (compared lowercased).
_COMMON_CAPITALISED = """
    a an the this that these those our my we i it he she they you his her their its there
    in on at for to from of by with and or but if when while after before during since
    as so then also yet all any each every some most many more no not one two three four
    five six seven eight nine ten first second third last next what which who how why where
    is are was were be been do does did have has had can could should would will may might
    please thanks thank hello dear
    monday tuesday wednesday thursday friday saturday sunday
    january february march april may june july august september october november december
    spring summer fall autumn winter
    school schools elementary middle high academy district network department office
    central board grade grades kindergarten pre-k class team teams principal principals
    assistant superintendent teacher teachers coach counselor nurse staff parent parents
    family families student students english spanish math maths science history reading
    writing art music ela esl ell iep ieps sped plc plcs pto pta covid
    north south east west new
"""
COMMON_CAPITALISED = frozenset(_COMMON_CAPITALISED.split())
COURTESY_TITLES = frozenset({"mr", "mrs", "ms", "miss", "dr", "mx", "coach", "principal"})
APOSTROPHES = "'\u2019"  # straight and curly
CAPITALISED = rf"[A-Z][a-z]+(?:[{APOSTROPHES}-][A-Za-z]+)?"
POSSESSIVE = re.compile(rf"[{APOSTROPHES}]s$")
WORD = re.compile(rf"{CAPITALISED}\.?|[A-Z]\.|\S+")
NAMED_AFTER = re.compile(
    r"\b(?:student|child|pupil|boy|girl|kid|son|daughter|brother|sister)\s+"
    r"(?:named|called|is|was)?\s*([A-Z][a-z]{2,})",
)


def _is_capitalised(token: str) -> bool:
    return bool(re.fullmatch(CAPITALISED, token.rstrip(".")))


def _runs(text: str) -> list[list[str]]:
    """Runs of consecutive capitalised words (initials included), split at punctuation."""
    runs: list[list[str]] = []
    current: list[str] = []
    for token in WORD.findall(text):
        if _is_capitalised(token) or re.fullmatch(r"[A-Z]\.", token):
            current.append(token)
            ends_sentence = token.endswith(".") and len(token) > 2
            if ends_sentence and token[:-1].lower() not in COURTESY_TITLES:  # "Ellis."
                runs.append(current)
                current = []
            continue
        if current:
            runs.append(current)
        current = []
    if current:
        runs.append(current)
    return runs


def _suspects_in_run(run: list[str], ignore: frozenset[str]) -> list[str]:
    found: list[str] = []
    words: list[str] = []
    after_title = False
    for token in run:
        bare = POSSESSIVE.sub("", token.rstrip("."))
        if bare.lower() in COURTESY_TITLES:
            after_title = True
            continue
        if after_title:
            continue  # an adult named with a courtesy title
        if len(bare) == 1:  # an initial: names the word before it
            if words:
                found.append(f"{words[-1]} {bare}.")
            continue
        if bare.lower() not in ignore:
            words.append(bare)
    if len(words) >= 2:
        found.append(" ".join(words))
    return found


@dataclass(frozen=True)
class KnownNames:
    """The district's own proper names: the words of its schools, networks and departments
    (never flagged), and its staff's full names (set aside wherever they appear, so a
    student who shares a teacher's first name is still flagged)."""

    words: frozenset[str] = frozenset()
    phrases: tuple[str, ...] = ()


def possible_student_names(text: str, *, known: KnownNames | None = None) -> list[str]:
    """The phrases of ``text`` that may be students' names, in the order they appear (each
    once); the district's ``known`` names are never flagged."""
    known = known or KnownNames()
    text = text or ""
    for phrase in sorted(known.phrases, key=len, reverse=True):
        text = text.replace(phrase, " · ")
    ignore = COMMON_CAPITALISED | known.words
    found: list[str] = []
    for run in _runs(text):
        found += _suspects_in_run(run, ignore)
    for match in NAMED_AFTER.finditer(text):
        if match[1].lower() not in ignore:
            found.append(match[1])
    return list(dict.fromkeys(found))


def district_known_names(district) -> KnownNames:
    """The names of the district, its schools, networks, departments and partners, and of
    its staff."""
    from districtwise.organization.models import Department, Network, Partner, Person, School

    places = [district.name]
    places += School.objects.filter(district=district).values_list("name", flat=True)
    places += Network.objects.filter(district=district).values_list("name", flat=True)
    places += Department.objects.filter(district=district).values_list("name", flat=True)
    places += Partner.objects.filter(district=district).values_list("name", flat=True)
    people = Person.objects.filter(district=district).values_list("given_name", "family_name")
    return KnownNames(
        words=frozenset(w.lower() for place in places for w in re.findall(r"[A-Za-z]+", place)),
        phrases=tuple(f"{given} {family}" for given, family in people),
    )
