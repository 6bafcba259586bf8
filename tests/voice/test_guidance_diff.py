"""The difference between two versions of a text, and a text shown as paragraphs and lists,
on texts built by hand."""

from __future__ import annotations

from districtwise.voice.guidance_diff import Piece, has_changes, text_diff, word_diff
from districtwise.voice.selectors.guidance import text_blocks


def test_an_unchanged_text_has_no_changes():
    lines = text_diff("One.\nTwo.", "One.\nTwo.")
    assert [line.change for line in lines] == ["same", "same"]
    assert not has_changes(lines)


def test_a_changed_word_in_a_paragraph_is_marked_word_by_word():
    old = "Schools send the letter home within five days."
    new = "Schools send the letter home within ten days."
    [line] = text_diff(old, new)
    assert line.change == "changed"
    assert line.pieces == [
        Piece("same", "Schools send the letter home within "),
        Piece("removed", "five "),
        Piece("added", "ten "),
        Piece("same", "days."),
    ]


def test_added_and_removed_lines_are_whole():
    old = "Intro.\n- Call families.\n- Post the letter."
    new = "Intro.\n- Post the letter.\n- Translate it.\nClosing."
    lines = text_diff(old, new)
    assert [(line.change, line.text) for line in lines] == [
        ("same", "Intro."),
        ("removed", "- Call families."),
        ("same", "- Post the letter."),
        ("added", "- Translate it."),
        ("added", "Closing."),
    ]


def test_replaced_lines_pair_in_order_and_the_rest_is_added():
    lines = text_diff("Alpha beta.", "Alpha gamma.\nDelta.")
    assert [line.change for line in lines] == ["changed", "added"]
    assert lines[0].pieces == [
        Piece("same", "Alpha "),
        Piece("removed", "beta."),
        Piece("added", "gamma."),
    ]
    assert lines[1].text == "Delta."


def test_the_pieces_of_a_changed_line_give_back_both_texts():
    old, new = "a b c d e f", "a x c d y f z"
    pieces = word_diff(old, new)
    assert "".join(p.text for p in pieces if p.change != "added") == old
    assert "".join(p.text for p in pieces if p.change != "removed") == new


def test_windows_line_ends_do_not_count_as_changes():
    assert not has_changes(text_diff("One.\r\nTwo.", "One.\nTwo."))


def test_text_becomes_paragraphs_and_lists():
    text = "First line\ncontinues.\n\n- one\n- two\n\n1. first\n2) second\n\nLast."
    blocks = [(b.kind, b.lines) for b in text_blocks(text)]
    assert blocks == [
        ("p", ["First line continues."]),
        ("ul", ["one", "two"]),
        ("ol", ["first", "second"]),
        ("p", ["Last."]),
    ]
