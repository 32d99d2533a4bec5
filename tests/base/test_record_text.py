from base.templatetags.record_text import record_text


def test_paragraphs_and_bullets():
    text = "The Secretariat gave an update:\n- The Note has been approved;\n- 15 countries\n\nEnd."
    assert record_text(text) == (
        "<p>The Secretariat gave an update:</p>"
        "<ul><li>The Note has been approved;</li><li>15 countries</li></ul>"
        "<p>End.</p>"
    )


def test_lines_within_a_paragraph_keep_their_breaks():
    assert record_text("one\ntwo") == "<p>one<br>two</p>"


def test_hostile_text_is_escaped():
    html = record_text('<script>alert(1)</script>\n- "><img src=x onerror=alert(1)>')
    assert "<script>" not in html and "<img" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<li>&quot;&gt;&lt;img src=x onerror=alert(1)&gt;</li>" in html


def test_empty_text_gives_nothing():
    assert record_text("") == ""
