"""The Dutch catalogue is complete, current, compiled and keeps every placeholder.

Dutch is the default language, so an untranslated or stale entry is a visible bug. The .po file is
read with a small parser (no extra dependency); freshness is checked by running makemessages on a
copy of the sources, so the committed catalogue is never touched.
"""

import ast
import gettext
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.utils import translation

CATALOGUE = Path(settings.BASE_DIR) / "locale" / "nl" / "LC_MESSAGES" / "django.po"
COMPILED = CATALOGUE.with_suffix(".mo")

# The same folders the Makefile's `translations` target leaves out.
IGNORED = ["bench", "tests", "var", ".venv"]
SOURCE_SUFFIXES = {".py", ".html", ".txt"}

PLACEHOLDER = re.compile(r"%\([^)]+\)[sdifr]|%[sdifr]|\{[^{}\s]*\}")

MAKE_MESSAGES_HINT = (
    "run `make translations` (manage.py makemessages -l nl --no-obsolete ...) and translate"
)


@dataclass
class Entry:
    msgid: str = ""
    msgid_plural: str | None = None
    msgctxt: str | None = None
    msgstr: dict[int, str] = field(default_factory=dict)
    flags: set[str] = field(default_factory=set)
    line: int = 0

    @property
    def key(self):
        return (self.msgctxt, self.msgid, self.msgid_plural)

    @property
    def label(self):
        context = f" (context {self.msgctxt!r})" if self.msgctxt else ""
        return f"line {self.line}: {self.msgid!r}{context}"


def _unquote(text, path, number):
    text = text.strip()
    if not (len(text) >= 2 and text.startswith('"') and text.endswith('"')):
        raise ValueError(f"{path}:{number}: expected a quoted string, got {text!r}")
    return ast.literal_eval(text)  # a PO string is a valid Python string literal


def parse_po(path):
    """Entries of a .po file, header included (msgid ""); obsolete (#~) entries are skipped."""
    entries = []
    entry = None
    target = None  # (attribute, plural index or None) that continuation lines extend
    pending_flags = set()

    def finish():
        nonlocal entry
        if entry is not None:
            entries.append(entry)
        entry = None

    for number, raw in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        line = raw.strip()
        if not line:
            continue
        if line.startswith("#"):
            if entry is not None and entry.msgstr:
                finish()
            if line.startswith("#,"):
                pending_flags |= {flag.strip() for flag in line[2:].split(",") if flag.strip()}
            continue
        keyword, _, rest = line.partition(" ")
        if line.startswith('"'):
            if target is None:
                raise ValueError(f"{path}:{number}: continuation line without a keyword")
            name, index = target
            text = _unquote(line, path, number)
            if index is None:
                setattr(entry, name, getattr(entry, name) + text)
            else:
                entry.msgstr[index] += text
        elif keyword in ("msgctxt", "msgid"):
            if entry is None or entry.msgstr or (keyword == "msgid" and entry.msgid):
                finish()
                entry = Entry(line=number, flags=pending_flags)
                pending_flags = set()
            if keyword == "msgctxt":
                entry.msgctxt = _unquote(rest, path, number)
            else:
                entry.msgid = _unquote(rest, path, number)
            target = (keyword, None)
        elif keyword == "msgid_plural":
            entry.msgid_plural = _unquote(rest, path, number)
            target = ("msgid_plural", None)
        elif keyword == "msgstr" or keyword.startswith("msgstr["):
            index = int(keyword[7:-1]) if keyword != "msgstr" else 0
            entry.msgstr[index] = _unquote(rest, path, number)
            target = ("msgstr", index)
        else:
            raise ValueError(f"{path}:{number}: cannot read {raw!r}")
    finish()
    return entries


def _header(entries):
    return next(entry for entry in entries if entry.msgid == "" and entry.msgctxt is None)


def _messages(entries):
    return [entry for entry in entries if entry.msgid != "" or entry.msgctxt is not None]


@pytest.fixture(scope="module")
def catalogue():
    return parse_po(CATALOGUE)


def test_header_declares_dutch_with_two_plural_forms(catalogue):
    header = _header(catalogue)
    fields = dict(line.split(": ", 1) for line in header.msgstr[0].splitlines() if ": " in line)
    assert fields.get("Language") == "nl"
    assert fields.get("Plural-Forms") == "nplurals=2; plural=(n != 1);"
    assert "charset=UTF-8" in fields.get("Content-Type", "")
    assert "fuzzy" not in header.flags, "remove the '#, fuzzy' flag from the header"


def test_every_entry_is_translated_and_not_fuzzy(catalogue):
    problems = []
    for entry in _messages(catalogue):
        forms = 2 if entry.msgid_plural is not None else 1
        if "fuzzy" in entry.flags:
            problems.append(f"fuzzy: {entry.label}")
        if any(not entry.msgstr.get(index) for index in range(forms)):
            problems.append(f"untranslated: {entry.label}")
    assert not problems, f"{CATALOGUE.name} needs work:\n" + "\n".join(problems)


def test_translations_keep_every_placeholder(catalogue):
    problems = []
    for entry in _messages(catalogue):
        sources = [entry.msgid] if entry.msgid_plural is None else [entry.msgid, entry.msgid_plural]
        for index, translated in sorted(entry.msgstr.items()):
            source = sources[min(index, len(sources) - 1)]
            expected = sorted(PLACEHOLDER.findall(source))
            found = sorted(PLACEHOLDER.findall(translated))
            if translated and found != expected:
                problems.append(f"{entry.label} msgstr[{index}]: expected {expected}, got {found}")
    assert not problems, "placeholders differ:\n" + "\n".join(problems)


def _edges(text):
    return text[: len(text) - len(text.lstrip())], text[len(text.rstrip()) :]


def test_translations_keep_surrounding_whitespace(catalogue):
    problems = []
    for entry in _messages(catalogue):
        for index, translated in entry.msgstr.items():
            source = entry.msgid if index == 0 else (entry.msgid_plural or entry.msgid)
            if translated and _edges(translated) != _edges(source):
                problems.append(f"{entry.label} msgstr[{index}]")
    assert not problems, "leading or trailing whitespace differs from the msgid:\n" + "\n".join(
        problems
    )


def _copy_sources(destination):
    """The files makemessages would read, at the same relative paths."""

    def ignore(directory, names):
        ignored = set()
        for name in names:
            path = Path(directory) / name
            if path.is_dir():
                if name.startswith(".") or name in IGNORED or name in ("locale", "__pycache__"):
                    ignored.add(name)
            elif path.suffix not in SOURCE_SUFFIXES:
                ignored.add(name)
        return ignored

    shutil.copytree(settings.BASE_DIR, destination, ignore=ignore, symlinks=True)


def test_catalogue_is_up_to_date_with_the_sources(catalogue, tmp_path, monkeypatch, settings):
    project = tmp_path / "project"
    _copy_sources(project)
    (project / "locale").mkdir()
    settings.LOCALE_PATHS = []  # only the copy's own locale folder, never the committed one
    monkeypatch.chdir(project)
    call_command(
        "makemessages",
        locale=["nl"],
        no_obsolete=True,
        ignore_patterns=IGNORED,
        verbosity=0,
    )
    fresh = _messages(parse_po(project / "locale" / "nl" / "LC_MESSAGES" / "django.po"))
    committed = {entry.key for entry in _messages(catalogue)}
    current = {entry.key for entry in fresh}

    missing = [entry.label.split(": ", 1)[1] for entry in fresh if entry.key not in committed]
    stale = [entry.label for entry in _messages(catalogue) if entry.key not in current]
    report = []
    if missing:
        report.append(f"new in the source, missing from {CATALOGUE.name}:")
        report += [f"  {label}" for label in missing]
    if stale:
        report.append(f"in {CATALOGUE.name} but no longer in the source:")
        report += [f"  {label}" for label in stale]
    assert not report, f"the catalogue is out of date; {MAKE_MESSAGES_HINT}.\n" + "\n".join(report)


def test_compiled_catalogue_matches_the_po_file(catalogue):
    assert COMPILED.exists(), "run `make messages` (manage.py compilemessages)"
    with COMPILED.open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    stale = set()
    for entry in _messages(catalogue):
        if not all(entry.msgstr.values()) or "fuzzy" in entry.flags:
            continue  # msgfmt leaves these out; the completeness test reports them
        context = entry.msgctxt
        if entry.msgid_plural is None:
            got = [
                compiled.gettext(entry.msgid)
                if context is None
                else compiled.pgettext(context, entry.msgid)
            ]
        else:
            got = [
                compiled.ngettext(entry.msgid, entry.msgid_plural, count)
                if context is None
                else compiled.npgettext(context, entry.msgid, entry.msgid_plural, count)
                for count in (1, 2)
            ]
        if got != [entry.msgstr.get(index) for index in range(len(got))]:
            stale.add(entry.label)
    assert not stale, "django.mo does not match django.po; run `make messages`:\n" + "\n".join(
        sorted(stale)
    )


@pytest.mark.parametrize(
    ("english", "dutch"),
    [
        ("Vision", "Visie"),
        ("Core values", "Kernwaarden"),
        ("Log in", "Inloggen"),
        ("Members", "Leden"),
        ("quality coordinator", "kwaliteitscoördinator"),
        ("board member", "bestuurder"),
    ],
)
def test_dutch_is_served_from_the_compiled_catalogue(english, dutch):
    with translation.override("nl"):
        assert translation.gettext(english) == dutch
    with translation.override("en"):
        assert translation.gettext(english) == english


def test_dutch_plural_forms_are_used():
    with translation.override("nl"):
        one = translation.ngettext("%(count)s day overdue", "%(count)s days overdue", 1)
        many = translation.ngettext("%(count)s day overdue", "%(count)s days overdue", 3)
    assert one % {"count": 1} == "1 dag te laat"
    assert many % {"count": 3} == "3 dagen te laat"
