"""Forms of the annual quality report."""

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .services_reports import NARRATIVE_MAX


class ReportStartForm(forms.Form):
    """Which school year to report on; the years offered run from the school's first here to
    this one (the service refuses any other, typed or not)."""

    year = forms.IntegerField(label=_("School year"), widget=forms.Select)

    def __init__(self, *args, years, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].widget.choices = [(y, f"{y}-{y + 1}") for y in years]


class NarrativeForm(forms.Form):
    chapter = forms.CharField(widget=forms.HiddenInput, max_length=60)
    text = forms.CharField(
        label=_("Our reflection"),
        required=False,
        max_length=NARRATIVE_MAX,
        strip=True,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "Plain text; an empty line starts a new paragraph. The figures stay generated."
        ),
    )

    def __init__(self, *args, chapter_title="", **kwargs):
        super().__init__(*args, **kwargs)
        if chapter_title:  # every chapter has a box: each label says which one it is
            label = gettext("Our reflection on “%(title)s”") % {"title": chapter_title}
            self.fields["text"].label = label


class ReportAdoptForm(forms.Form):
    # The draft's last-saved moment as the leader read it: a draft changed since is not adopted.
    seen = forms.DateTimeField(widget=forms.HiddenInput)
