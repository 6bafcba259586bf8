"""Does a text look like it names students?

Needs, dilemmas and the needs raised from meetings carry numbers of students and
situations, never students' names (FERPA: a name in a record read across the central office
or by peers makes it an education record about that student). No check can know every
name, so this one only *warns*; the writer looks again and may save the text as written (a
street, a building called after someone, an adult).

What is flagged:
- two or more capitalised words in a row ("Jordan Ellis", "Dear Maria Lopez" gives
  "Maria Lopez"), once the words every school text writes with a capital are set aside
  (sentence openers such as "The", "We"; days and months; school words such as "Grade",
  "Elementary", "Department");
- a common given name followed by a capitalised word, even one of those common words
  ("Jordan May"), unless it names a place ("Jordan Street", "Maria Hall");
- a capitalised word followed by an initial ("Jordan E.");
- a capitalised word after "student named", "a boy called", "my son" and the like;
- roster-like text: two or more lines of "Family, Given", or three or more common given
  names anywhere in the text.

What is never flagged:
- the district's own names, passed in as ``known`` (see ``KnownNames`` and
  ``district_known_names``): the words of its schools, networks, departments and partners,
  and its staff's full names (set aside as a whole, so a student who shares a teacher's
  first or family name is still flagged);
- words after a courtesy title ("Ms. Rivera", "Mr. Lee Park"): adults.

Every phrase returned is a stretch of the text itself, each once, in the order it appears;
a phrase inside a longer one is not returned on its own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise

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

# Words written with a capital that are not names (compared lowercased).
_COMMON_CAPITALISED_TEXT = """
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
    street avenue road lane drive boulevard hall center centre campus building library
"""
COMMON_CAPITALISED = frozenset(_COMMON_CAPITALISED_TEXT.split())
# Words that follow a given name in a place's or a thing's name, not a family name.
_PLACE_WORDS_TEXT = """
    elementary middle high school academy street avenue road lane drive boulevard hall
    center centre campus building library department office district network
"""
PLACE_WORDS = frozenset(_PLACE_WORDS_TEXT.split())
COURTESY_TITLES = frozenset({"mr", "mrs", "ms", "miss", "dr", "mx", "coach", "principal"})

_APOSTROPHES = "'\u2019"  # straight and curly
_CAPITALISED = rf"[A-Z][a-z]+(?:[{_APOSTROPHES}-][A-Za-z]+)?"
_POSSESSIVE = re.compile(rf"[{_APOSTROPHES}]s$")
_TOKEN = re.compile(rf"{_CAPITALISED}\.?|[A-Z]\.|\S+")
_WORD = r"[A-Z][a-z'\u2019-]+"
# "a student named Jamal Reyes", "children called ...": the keyword in any case.
_NAMED = re.compile(
    r"\b(?i:students?|pupils?|child|children|kids?|boy|girl|son|daughter|brother|sister"
    r"|learner)"
    r",?\s+(?i:named|called|by the name of)\s+(" + _WORD + r"(?:[ \t]+" + _WORD + r")?)"
)
# "my son Tyler", "the student Kayla", "the girl is Odette": the keyword in lower case.
_AFTER = re.compile(
    r"\b(?:student|child|pupil|boy|girl|kid|son|daughter|brother|sister)\s+"
    r"(?:named|called|is|was)?\s*([A-Z][a-z]{2,})",
)
_ROSTER_LINE = re.compile(
    r"^[ \t]*(?:\d+[.)][ \t]*)?(" + _WORD + r",[ \t]*" + _WORD + r")[ \t]*$", re.MULTILINE
)


@dataclass(frozen=True)
class KnownNames:
    """The district's own proper names: the words of its schools, networks, departments
    and partners (never flagged), and its staff's full names (set aside wherever they
    appear, as a whole)."""

    words: frozenset[str] = frozenset()
    phrases: tuple[str, ...] = ()


@dataclass(frozen=True)
class _Token:
    start: int
    end: int  # without a possessive "'s" or a closing full stop
    bare: str  # the word as written, without them

    @property
    def initial(self) -> bool:
        return len(self.bare) == 1


def find_student_names(text: str, *, known: KnownNames | None = None) -> list[str]:
    """The stretches of ``text`` that may be students' names, each once, in the order they
    appear; the district's ``known`` names are never among them."""
    known = known or KnownNames()
    text = _mask(text or "", known.phrases)
    ignore = COMMON_CAPITALISED | known.words
    spans: list[tuple[int, int]] = []
    tokens: list[_Token] = []
    for run in _runs(text):
        run = _after_titles_dropped(run)
        tokens += run
        spans += _in_run(run, ignore, known.words)
    spans += _after_keywords(text, ignore)
    spans += _roster(text, tokens, known.words)
    return _phrases(text, spans)


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


def _mask(text: str, phrases: tuple[str, ...]) -> str:
    """The text with each known phrase blotted out, keeping every other character where it
    was (so what is found is still a stretch of the original)."""
    for phrase in sorted(phrases, key=len, reverse=True):
        if phrase.strip():
            pattern = re.compile(rf"(?<!\w){re.escape(phrase)}(?!\w)")
            text = pattern.sub(lambda m: "\u00b7" * len(m[0]), text)
    return text


def _runs(text: str) -> list[list[_Token]]:
    """Runs of consecutive capitalised words (initials included), split at punctuation, at
    line breaks and after a word closing a sentence ("Ellis.")."""
    runs: list[list[_Token]] = []
    for line in re.finditer(r"[^\n]+", text):
        current: list[_Token] = []
        for match in _TOKEN.finditer(line[0]):
            word = match[0]
            stem = word.rstrip(".")
            if re.fullmatch(_CAPITALISED, stem) or re.fullmatch(r"[A-Z]\.", word):
                bare = _POSSESSIVE.sub("", stem)
                start = line.start() + match.start()
                current.append(_Token(start, start + len(bare), bare))
                closes = word.endswith(".") and len(word) > 2
                if closes and stem.lower() not in COURTESY_TITLES:
                    runs.append(current)
                    current = []
                continue
            if current:
                runs.append(current)
            current = []
        if current:
            runs.append(current)
    return runs


def _after_titles_dropped(run: list[_Token]) -> list[_Token]:
    """The words of a run before any courtesy title: those after it name an adult."""
    for index, token in enumerate(run):
        if token.bare.lower() in COURTESY_TITLES:
            return run[:index]
    return run


def _in_run(run: list[_Token], ignore: frozenset[str], places: frozenset[str]):
    words = [t for t in run if not t.initial and t.bare.lower() not in ignore]
    if len(words) >= 2:
        yield words[0].start, words[-1].end
    for before, token in pairwise(run):
        named = [w for w in words if w.start <= before.start]
        if token.initial and named:
            yield named[-1].start, token.end + 1  # the word before, the initial and its stop
        given, family = before.bare, token.bare
        if (
            given.lower() in COMMON_GIVEN_NAMES
            and not token.initial
            and given.lower() not in places
            and family.lower() not in PLACE_WORDS | places
        ):
            yield before.start, token.end


def _after_keywords(text: str, ignore: frozenset[str]):
    for pattern in (_NAMED, _AFTER):
        for match in pattern.finditer(text):
            words = list(re.finditer(r"\S+", match[1]))
            while words and words[-1][0].lower() in ignore:
                words.pop()
            if words and words[0][0].lower() not in ignore:
                yield match.start(1), match.start(1) + words[-1].end()


def _roster(text: str, tokens: list[_Token], places: frozenset[str]):
    lines = [(m.start(1), m.end(1)) for m in _ROSTER_LINE.finditer(text)]
    if len(lines) >= 2:
        yield from lines
    first: dict[str, _Token] = {}
    for token in tokens:
        lowered = token.bare.lower()
        if lowered in COMMON_GIVEN_NAMES and lowered not in places:
            first.setdefault(lowered, token)
    if len(first) >= 3:
        yield from ((t.start, t.end) for t in first.values())


def _phrases(text: str, spans) -> list[str]:
    """Each span's text once, in order, leaving out spans inside longer ones."""
    spans = sorted(set(spans), key=lambda s: (s[0], -s[1]))
    kept: list[tuple[int, int]] = []
    for start, end in spans:
        if any(s <= start and end <= e for s, e in kept):
            continue
        kept.append((start, end))
    return list(dict.fromkeys(text[start:end] for start, end in kept))
