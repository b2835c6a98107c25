"""The word-level diff on edge cases."""

from convention.rules.diff import Run, changed_words, tokens, word_diff


def text_of(runs, kinds):
    return "".join(r.text for r in runs if r.kind in kinds)


def test_joining_the_tokens_gives_the_text_back():
    text = "Les caméras — 20 % de plus ?\n\n- **Non**, dit-elle."
    assert "".join(tokens(text)) == text


def test_both_sides_can_be_rebuilt_from_the_runs():
    old, new = "The city publishes its code.", "The city publishes all its source code."
    runs = word_diff(old, new)
    assert text_of(runs, {"equal", "delete"}) == old
    assert text_of(runs, {"equal", "insert"}) == new
    assert changed_words(runs) == (2, 0)


def test_empty_texts():
    assert word_diff("", "") == []
    assert word_diff("", "New text") == [Run("insert", "New text")]
    assert word_diff("Old text", "") == [Run("delete", "Old text")]


def test_a_replaced_word_is_a_deletion_then_an_insertion():
    runs = word_diff("We want cameras.", "We want fewer cameras.")
    assert Run("insert", "fewer ") in runs or any(r.kind == "insert" for r in runs)
    assert [r.kind for r in word_diff("red car", "blue car")][:2] == ["delete", "insert"]


def test_unicode_words_are_compared_whole():
    runs = word_diff("Réduire l'empreinte énergétique", "Réduire l'empreinte numérique")
    assert Run("delete", "énergétique") in runs and Run("insert", "numérique") in runs


def test_markdown_marks_are_their_own_tokens():
    runs = word_diff("A *bold* idea", "A **bold** idea")
    assert text_of(runs, {"insert"}) == "*" * 2 or "*" in text_of(runs, {"insert"})
    assert "bold" not in text_of(runs, {"insert", "delete"})


def test_a_moved_paragraph_shows_as_deleted_and_inserted():
    old, new = "First.\n\nSecond.", "Second.\n\nFirst."
    runs = word_diff(old, new)
    assert text_of(runs, {"equal", "delete"}) == old
    assert text_of(runs, {"equal", "insert"}) == new
    assert changed_words(runs) == (1, 1)


def test_html_is_kept_as_text_for_the_template_to_escape():
    runs = word_diff("safe", "<script>alert(1)</script>")
    assert "<script>" in text_of(runs, {"insert"})
