"""What-changed between versions, without the database."""

from kwaliteit.diff import items_diff, side, text_diff


def test_changed_word_is_marked_removed_and_added():
    chunks = text_diff("Wij leren samen.", "Wij leren samen en met plezier.")
    inserted = "".join(c.text for c in chunks if c.op == "insert")
    assert "met plezier" in inserted
    assert "".join(c.text for c in chunks if c.op != "insert") == "Wij leren samen."


def test_identical_texts_have_no_changes():
    assert all(chunk.op == "equal" for chunk in text_diff("Samen.", "Samen."))


def test_core_values_added_removed_and_changed():
    changes = items_diff(
        {"Samen": "Met elkaar", "Moed": "Durven"},
        {"samen": "Met en van elkaar", "Nieuwsgierigheid": "Vragen stellen"},
    )
    by_status = {change.status: change for change in changes}
    assert by_status["changed"].old_text == "Met elkaar"
    assert by_status["changed"].new_text == "Met en van elkaar"
    assert by_status["added"].name == "Nieuwsgierigheid"
    assert by_status["removed"].name == "Moed"


def test_each_side_marks_only_its_own_changes_and_joins_a_run_of_words():
    chunks = text_diff("Elke les een doel.", "Elke les een helder en gedeeld doel.")
    old, new = side(chunks, "delete"), side(chunks, "insert")
    assert [c.op for c in old] == ["equal"]
    assert [c.text for c in new if c.op == "insert"] == ["helder en gedeeld "]
    assert "".join(c.text for c in new) == "Elke les een helder en gedeeld doel."
