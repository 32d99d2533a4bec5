"""What a visitor typed, checked before anything is searched: a clear message for what cannot be
searched, never an error."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from partners import names

LONGEST = 200  # characters; a longer query is refused with a message


@dataclass(frozen=True)
class Checked:
    text: str = ""
    problem: str = ""

    @property
    def searchable(self):
        return bool(self.text) and not self.problem


def check(raw):
    text = " ".join((raw or "").split())
    if not text:
        return Checked()
    if any(char == "\x00" or "\ud800" <= char <= "\udfff" or char == "\ufffd" for char in text):
        return Checked(problem=_("The search contains characters that cannot be searched for."))
    if len(text) > LONGEST:
        return Checked(
            problem=_("The search is too long: use at most %(limit)s characters.")
            % {"limit": LONGEST}
        )
    if not any(char.isalnum() for char in text):
        return Checked(text=text, problem=_("There is nothing to search for: type a word."))
    return Checked(text=text)


def without_titles(text):
    """`text` without the titles before a name ("Mme Karvar" -> "Karvar", "Dr. Andrees" ->
    "Andrees"), unless nothing else is left ("Mr" alone is searched for)."""
    pieces = text.split()
    kept = [piece for piece in pieces if not _is_title(piece)]
    return " ".join(kept) if any(names.words(piece) for piece in kept) else text


def _is_title(piece):
    """A title, with or without its full stop; not when quoted (a phrase is searched as typed)."""
    return names.normalised(piece).removesuffix(".") in names.TITLES
