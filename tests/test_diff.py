"""What-changed between versions, without the database."""

from kwaliteit.diff import items_diff, text_diff


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
