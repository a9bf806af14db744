"""What the acting forms of nominations and screening share: the batch's version the page was built from (a page
posted over a stale copy of the batch is refused by the service)."""

from django import forms


def version_field():
    return forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class VersionForm(forms.Form):
    """Only the batch's version (a button that acts on the batch)."""

    version = version_field()


class VersionedMixin:
    """Adds the hidden ``version`` field to a form of another base (a ModelForm, a form with its own fields)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["version"] = version_field()
