"""base/record/choice_labels.py gives the labels Django's get_<field>_display() gives, in the
active language, for instances and for rows read as values."""

from django.utils.translation import override

from base.record.choice_labels import choice_label, choice_labels
from meetings.models import Document, DocumentKind, Intervention, InterventionKind


def test_the_labels_of_values_are_those_of_the_display_methods():
    for language in ("en", "fr", "es"):
        with override(language):
            for model, kinds in ((Document, DocumentKind), (Intervention, InterventionKind)):
                labels = choice_labels(model, "kind")
                assert set(labels) == set(kinds.values)
                for value in kinds.values:
                    row = model(kind=value)
                    assert labels[value] == row.get_kind_display()
                    assert choice_label(row, "kind") == row.get_kind_display()


def test_a_value_outside_the_choices_is_shown_as_itself():
    assert choice_label(Document(kind="unheard-of"), "kind") == "unheard-of"
    assert "unheard-of" not in choice_labels(Document, "kind")


def test_the_labels_follow_the_language():
    with override("en"):
        english = dict(choice_labels(Intervention, "kind"))
    with override("fr"):
        french = choice_labels(Intervention, "kind")
    assert english != french
