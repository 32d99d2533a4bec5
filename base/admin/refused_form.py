"""A change form given back refused, with the reason as its own error: the admin then shows it as
any invalid form, everything the officer typed still in it (base.admin.locking for a stale save,
base.admin.no_room for a full disk)."""


def refused(form_class, error):
    """`form_class`, whose validation adds `error` (a ValidationError or messages) to the form's
    non-field errors."""

    class Refused(form_class):
        def clean(self):
            cleaned_data = super().clean()
            self.add_error(None, error)
            return cleaned_data

    Refused.__name__ = form_class.__name__
    return Refused
