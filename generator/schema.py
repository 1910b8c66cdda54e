"""The claim contract: every field a claim, source, correction or seed file may have.

This module is the one place that says what a claim file holds. Validation
(:mod:`generator.validate`), the commented template and the documentation are checked
against it by tests, so they cannot drift apart.

Each field type *cleans* a raw YAML value: it returns the typed value (a ``date``, a
tuple of unique tags) or raises :class:`Invalid` with a message that says what is wrong
and how to fix it.

>>> DateType().clean("2017-02-01")
datetime.date(2017, 2, 1)
>>> DateType().clean("2017-02-30")
Traceback (most recent call last):
...
generator.schema.Invalid: '2017-02-30' is not a real date; check the day and the month
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")  # use fullmatch: `$` allows a final "\n"
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_COLOR = re.compile(r"^#[0-9a-fA-F]{6}$")
#: A language tag as BCP 47 writes it: a language, then subtags (``pt-BR``, ``zh-Hant-TW``).
LANGUAGE = re.compile(r"^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*$")
_SPACE = re.compile(r"\s")
# Embeddings and overrides (U+202A-U+202E) reorder text on screen: the "Trojan Source"
# family, which can make a line say something else than it holds. The direction marks
# (U+200E, U+200F, U+061C) and the isolates (U+2066-U+2069) are ordinary in Arabic or
# Hebrew text; an isolate is refused only when it is not closed within its line, or a
# closing one (U+2069) closes nothing, since either leaks into the text around it.
_OVERRIDES = re.compile("[\u202a-\u202e]")
_ISOLATES = re.compile("[\u2066-\u2069\n\r\u2029\u0085\u001c-\u001e]")
_OPEN_ISOLATE, _CLOSE_ISOLATE = "\u2066\u2067\u2068", "\u2069"
#: Invisible characters that only steer direction: text made of them alone is empty.
DIRECTION_MARKS = "\u200e\u200f\u061c\u2066\u2067\u2068\u2069"
BIDI_MESSAGE = ("contains invisible characters that change the direction of text (Unicode "
                "bidirectional controls); retype the text without them")


_NO_MARKS = str.maketrans("", "", DIRECTION_MARKS)


def hidden_direction(text: str) -> int | None:
    """Where ``text`` has a direction control that could disguise it, or ``None``.

    Marks and balanced isolates are fine; embeddings, overrides, an isolate left open at
    the end of its line and a closing isolate with nothing to close are not.

    >>> hidden_direction("\u200fمرحبا\u200f, \u2068Paul\u2069") is None
    True
    >>> hidden_direction("a \u202eb"), hidden_direction("a \u2067b"), hidden_direction("a\u2069")
    (2, 2, 1)
    """
    override = _OVERRIDES.search(text)
    first = override.start() if override else None
    opened: list[int] = []
    for match in _ISOLATES.finditer(text):
        char = match[0]
        if char in _OPEN_ISOLATE:
            opened.append(match.start())
        elif char == _CLOSE_ISOLATE:
            if not opened:
                first = match.start() if first is None else min(first, match.start())
                break
            opened.pop()
        elif opened:  # a line (a paragraph, to the bidi algorithm) ends any isolate
            break
    if opened:
        first = opened[0] if first is None else min(first, opened[0])
    return first


class Invalid(ValueError):
    """A value does not fit its field; the message says why and what to do."""


def _describe(value: Any) -> str:
    """How a wrong value is named in a message: its kind, and the value when short."""
    kinds = {bool: "true/false", int: "a number", float: "a number", list: "a list",
             dict: "a set of fields", type(None): "nothing"}
    kind = kinds.get(type(value))
    if kind is None:
        text = repr(value)
        return text if len(text) <= 60 else text[:57] + "...'"
    return kind


class FieldType:
    """Base of the field types; ``clean`` turns a raw value into a typed one."""

    #: Shown in messages and docs: what a value of this type looks like.
    expects = "a value"

    def clean(self, value: Any) -> Any:
        raise NotImplementedError


@dataclass(frozen=True)
class TextType(FieldType):
    """Text. One line unless ``multiline``; surrounding space trimmed; never empty."""

    multiline: bool = False
    max_length: int = 10_000

    @property
    def expects(self) -> str:  # type: ignore[override]
        return "text" if self.multiline else "one line of text"

    def clean(self, value: Any) -> str:
        if isinstance(value, int | float) and not isinstance(value, bool):
            value = str(value)  # `claimant: 1984` is plainly meant as text
        if not isinstance(value, str):
            raise Invalid(f"expected {self.expects}, got {_describe(value)}; "
                          "write the text after the colon, in double quotes if it has a `:` or `#`")
        if hidden_direction(value) is not None:
            raise Invalid(BIDI_MESSAGE)
        text = value.strip() if self.multiline else " ".join(value.split())
        if not text.translate(_NO_MARKS).strip():
            raise Invalid("is empty; write the text after the colon, or delete the line "
                          "if the field is optional")
        if len(text) > self.max_length:
            raise Invalid(f"is {len(text):,} characters long; keep it under "
                          f"{self.max_length:,}")
        return text


@dataclass(frozen=True)
class DateType(FieldType):
    """A calendar date written ``YYYY-MM-DD``."""

    expects = "a date written YYYY-MM-DD"

    def clean(self, value: Any) -> dt.date:
        if isinstance(value, dt.date):  # pragma: no cover - the loader keeps dates as text
            return value
        text = str(value).strip() if isinstance(value, str | int) else None
        if text is None or not _DATE.match(text):
            raise Invalid(f"{_describe(value)} is not a date; write it as YYYY-MM-DD, "
                          "e.g. 2017-02-01")
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            raise Invalid(f"'{text}' is not a real date; check the day and the month") from None


@dataclass(frozen=True)
class UrlType(FieldType):
    """A web address: http or https, with a host."""

    expects = "a web address starting with https://"

    def clean(self, value: Any) -> str:
        if not isinstance(value, str) or not value.strip():
            raise Invalid(f"expected {self.expects}, got {_describe(value)}; write one "
                          "address after the colon")
        url = value.strip()
        try:
            parts = urlsplit(url)
        except ValueError:
            parts = None
        if parts is None or parts.scheme not in ("http", "https") or not parts.hostname \
                or _SPACE.search(url):
            # repr: a line break in the value must not break the message's one line.
            shown = repr(url if len(url) <= 60 else url[:57] + "...")
            raise Invalid(f"{shown} is not a web address; start it with https:// "
                          "and leave no spaces in it")
        return url


@dataclass(frozen=True)
class LanguageType(FieldType):
    """A language tag (BCP 47): ``en``, ``fr``, ``pt-BR``."""

    expects = "a language code such as en, fr or pt-BR"

    def clean(self, value: Any) -> str:
        text = value.strip() if isinstance(value, str) else value
        if isinstance(text, str) and not LANGUAGE.fullmatch(text):
            text = None  # the shape the JSON Schema gives editors, before asking CLDR
        return language_code(text)


@dataclass(frozen=True)
class SlugType(FieldType):
    """A lowercase word or words joined by hyphens: ``sanctuary-cities``."""

    expects = "lowercase letters, digits and hyphens"
    #: Shown in the message about a wrong value.
    examples = "'sanctuary-cities'"

    def clean(self, value: Any) -> str:
        text = value if isinstance(value, str) else str(value) if isinstance(value, int) else None
        cleaned = self.cleaned(text) if text is not None else None
        if cleaned is None:
            suggestion = self.suggest(text) if text is not None else ""
            fix = f"write it as '{suggestion}'" if suggestion else \
                "write one word, or words joined by hyphens"
            raise Invalid(f"{_describe(value)} is not {self.expects} (like {self.examples}); "
                          f"{fix}")
        return cleaned

    def cleaned(self, text: str) -> str | None:
        """``text`` as the field keeps it, or ``None`` if it is not one."""
        return text if SLUG.fullmatch(text) else None

    def suggest(self, text: str) -> str:
        """What to write instead of ``text``."""
        return slugify(text)


@dataclass(frozen=True)
class TagType(SlugType):
    """A topic in any script: words joined by hyphens (``bibliothèques``, ``الهجرة``).

    Case and Unicode normalisation are folded away, so ``Bibliothèques`` and
    ``bibliothèques`` are one tag, with one page.
    """

    expects = "letters and digits of any script, joined by hyphens"
    examples = "'sanctuary-cities' or 'bibliothèques'"

    def cleaned(self, text: str) -> str | None:
        tag = fold(text)
        return tag if is_tag(tag) else None

    def suggest(self, text: str) -> str:
        return name_slug(text)


@dataclass(frozen=True)
class TextsType(FieldType):
    """Text, or the text in each language: ``{en: "Mostly false", fr: "Plutôt faux"}``.

    Cleans to ``((language, text), ...)``, with ``""`` as the language of plain text.
    """

    text: TextType

    @property
    def expects(self) -> str:  # type: ignore[override]
        return f"{self.text.expects}, or one per language"

    def clean(self, value: Any) -> tuple[tuple[str, str], ...]:
        if not isinstance(value, dict):
            return (("", self.text.clean(value)),)
        if not value:
            raise Invalid("is empty; write the text, or `language: text` lines such as "
                          "`fr: Plutôt faux`")
        out = []
        for code, text in value.items():
            language = language_code(code)
            try:
                out.append((language, self.text.clean(text)))
            except Invalid as err:
                raise Invalid(f"{code}: {err}") from None
        return tuple(out)


def language_code(code: Any) -> str:
    """A language code as ``theme.language`` takes it (``fr``, ``pt-BR``), checked with CLDR.

    >>> language_code("pt_BR")
    'pt-BR'
    """
    import babel

    try:
        if not isinstance(code, str):
            raise ValueError
        babel.Locale.parse(code.replace("-", "_"))
    except (ValueError, babel.UnknownLocaleError):
        raise Invalid(f"{_describe(code)} is not a language code; write one such as en, fr "
                      "or pt-BR") from None
    return code.replace("_", "-")


@dataclass(frozen=True)
class ChoiceType(FieldType):
    """One of a fixed set of words."""

    choices: tuple[str, ...]

    @property
    def expects(self) -> str:  # type: ignore[override]
        return "one of " + ", ".join(self.choices)

    def clean(self, value: Any) -> str:
        if isinstance(value, bool):  # `verdict: true` in YAML is the boolean
            value = str(value).lower()
        if isinstance(value, str) and value.strip() in self.choices:
            return value.strip()
        hint = ""
        if isinstance(value, str):
            from difflib import get_close_matches
            close = get_close_matches(value.strip().lower(), self.choices, n=1, cutoff=0.6)
            hint = f" (did you mean '{close[0]}'?)" if close else ""
        raise Invalid(f"{_describe(value)} is not a valid choice{hint}; use {self.expects}")


@dataclass(frozen=True)
class IntType(FieldType):
    """A whole number, at least ``minimum`` when that is set."""

    minimum: int | None = None
    expects = "a whole number"

    def clean(self, value: Any) -> int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise Invalid(f"expected {self.expects}, got {_describe(value)}; write it in "
                          "digits, such as 2")
        if self.minimum is not None and value < self.minimum:
            raise Invalid(f"{value} is too small; use {self.minimum} or more")
        return value


@dataclass(frozen=True)
class BoolType(FieldType):
    """``true`` or ``false``."""

    expects = "true or false"

    def clean(self, value: Any) -> bool:
        if not isinstance(value, bool):
            raise Invalid(f"expected {self.expects}, got {_describe(value)}; write true to "
                          "set it, or false")
        return value


@dataclass(frozen=True)
class ColorType(FieldType):
    """A colour written ``#rrggbb``."""

    expects = "a colour written #rrggbb"

    def clean(self, value: Any) -> str:
        if not isinstance(value, str) or not _COLOR.match(value.strip()):
            raise Invalid(f"{_describe(value)} is not {self.expects}, e.g. '#1a7f37'")
        return value.strip().lower()


@dataclass(frozen=True)
class ListType(FieldType):
    """A YAML list of values of one type; duplicates dropped (for words) or refused."""

    item: FieldType | Sequence[Field]
    min_items: int = 0
    max_items: int = 1_000

    @property
    def expects(self) -> str:  # type: ignore[override]
        return "a list"


@dataclass(frozen=True)
class Field:
    """One field of a claim (or of a source, a correction, a seed)."""

    name: str
    type: FieldType | ListType
    required: bool = False
    doc: str = ""
    example: Any = None


def slugify(text: str, join_apostrophes: bool = True) -> str:
    """A slug for a name or a claim: ``"Paul LePage" -> "paul-lepage"``.

    An apostrophe inside a word joins it, straight or curly: ``Portland's`` gives
    ``portlands``, not ``portland-s``. (Claimant pages keep their older addresses, made
    with ``join_apostrophes=False``: there only a curly one joins.)

    >>> slugify("Portland's mayor"), slugify("Portland’s mayor"), slugify("'Quoted'")
    ('portlands-mayor', 'portlands-mayor', 'quoted')
    >>> slugify("O'Brien", join_apostrophes=False)
    'o-brien'
    """
    import unicodedata

    if join_apostrophes:
        text = _APOSTROPHE.sub("", text)
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "-".join(re.findall(r"[a-z0-9]+", ascii_text.lower()))


#: An apostrophe between two letters or digits: straight, curly, or the modifier letter.
_APOSTROPHE = re.compile("(?<=\\w)['\u2019\u02bc](?=\\w)")
def fold(text: str) -> str:
    """``text`` as one spelling: Unicode compatibility normalisation and case folding, so
    that two spellings which differ only in case or in how an accent is encoded (``é`` as
    one character or as ``e`` and a combining accent) are the same.

    Case folding writes a Greek final sigma as a plain one; it is put back, since a word
    that ends in "σ" is misspelt.

    >>> fold("Bibliothe\u0300ques") == fold("BIBLIOTHÈQUES") == "bibliothèques"
    True
    >>> fold("ΕΚΛΟΓΕΣ"), fold("Straße")
    ('εκλογες', 'strasse')
    """
    folded = unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", text).casefold())
    return _FINAL_SIGMA.sub("\u03c2", folded)


_FINAL_SIGMA = re.compile(r"(?<=\w)\u03c3(?!\w)")


def _word_char(char: str) -> bool:
    # Letters, marks (accents, vowel signs) and digits of any script; the zero-width
    # (non-)joiners are part of how Persian and Indic words are spelt.
    return unicodedata.category(char)[0] in "LMN" or char in "\u200c\u200d"


def _word_start(char: str) -> bool:
    return unicodedata.category(char)[0] in "LN"


def is_tag(text: str) -> bool:
    """Whether ``text`` is a tag as written after :func:`fold`: words of letters and digits
    of any script, joined by single hyphens.

    >>> [is_tag(t) for t in ("sanctuary-cities", "bibliothèques", "الهجرة", "a--b", "a b")]
    [True, True, True, False, False]
    """
    parts = text.split("-")
    return all(part and _word_start(part[0]) and all(_word_char(c) for c in part)
               for part in parts)


#: The longest address made from a name, in bytes of UTF-8: file systems allow 255.
SLUG_BYTES = 200


def name_slug(text: str) -> str:
    """An address made from a name in any script: its words, folded, joined by hyphens.

    An apostrophe inside a word joins it, as in :func:`slugify`.

    >>> name_slug("Bibliothèques publiques"), name_slug("وزارة الداخلية")
    ('bibliothèques-publiques', 'وزارة-الداخلية')
    >>> name_slug("L'État")
    'létat'
    """
    text = fold(_APOSTROPHE.sub("", text))
    words: list[str] = []
    word = ""
    for char in text + " ":
        if _word_char(char) and (word or _word_start(char)):
            word += char
        elif word:
            words.append(word.strip("\u200c\u200d"))
            word = ""
    slug = "-".join(w for w in words if w)
    while len(slug.encode()) > SLUG_BYTES and "-" in slug:
        slug = slug.rsplit("-", 1)[0]
    return slug if len(slug.encode()) <= SLUG_BYTES else slug[: SLUG_BYTES // 4]


SOURCE_FIELDS: tuple[Field, ...] = (
    Field("title", TextType(max_length=500), True, "The document's title.",
          "Executive Order 13768"),
    Field("url", UrlType(), True, "Where to read it: an http or https address.",
          "https://www.federalregister.gov/documents/2017/01/30/2017-02102/"),
    Field("publisher", TextType(max_length=200), False, "Who published it.",
          "Office of the Federal Register"),
    Field("date", DateType(), False, "When it was published, YYYY-MM-DD.", "2017-01-30"),
    Field("archive_url", UrlType(), False, "A saved copy, e.g. on the Wayback Machine.",
          "https://web.archive.org/web/2017/https://example.org/"),
    Field("kind", ChoiceType(("primary", "secondary")), False,
          "primary: the document itself (a law, an order, a record, a ruling, an official "
          "statement); secondary: reporting or analysis about it.", "primary"),
)

CORRECTION_FIELDS: tuple[Field, ...] = (
    Field("date", DateType(), True, "When the correction was made.", "2017-02-05"),
    Field("note", TextType(multiline=True, max_length=2_000), True,
          "What was wrong and what was changed.", "An earlier version misstated the date."),
)

#: What ``standards.verdict_change_needs_correction`` can be (see :mod:`generator.history`).
CORRECTION_RULES = ("warn", "error", "off")

#: The desk's standards (the plugin's ``standards:`` setting in ``mkdocs.yml``). Each is off
#: unless set; :mod:`generator.standards` holds claims to those that are set.
STANDARD_FIELDS: tuple[Field, ...] = (
    Field("min_sources", IntType(minimum=1), False,
          "The fewest sources a check may cite.", 2),
    Field("source_beyond_seed", BoolType(), False,
          "A check cites at least one source other than its claim's seed (compared by "
          "address).", True),
    Field("primary_source", BoolType(), False,
          "A check cites at least one source with `kind: primary`.", True),
    Field("primary_source_exempt", ListType(SlugType(), max_items=50), False,
          "Verdicts that need no primary source, e.g. [unproven, opinion].",
          ["unproven", "opinion"]),
    Field("reviewer", BoolType(), False,
          "A check names a reviewer, who is not its author.", True),
    Field("min_explanation_words", IntType(minimum=1), False,
          "The fewest words an explanation (`body`) may have.", 60),
    Field("quote_from_seed", BoolType(), False,
          "A claim is quoted from a seed (`seed:` and `quote:`).", True),
    Field("source_kind", BoolType(), False,
          "Every source says whether it is primary or secondary (`kind:`).", True),
    Field("verdict_change_needs_correction", ChoiceType(CORRECTION_RULES), False,
          "What a committed change of verdict with no `corrections:` entry is: `warn` "
          "(the default), `error` (a problem) or `off`.", "error"),
)

#: The standards a claim's ``exceptions:`` can name: every one but the list of verdicts and
#: the rule for verdict changes (a matter of the claim's history, not of its file).
STANDARD_RULES: tuple[str, ...] = tuple(
    f.name for f in STANDARD_FIELDS
    if f.name not in ("primary_source_exempt", "verdict_change_needs_correction"))

EXCEPTION_FIELDS: tuple[Field, ...] = (
    Field("rule", ChoiceType(STANDARD_RULES), True,
          "The standard this claim departs from, as named in mkdocs.yml.", "primary_source"),
    Field("reason", TextType(multiline=True, max_length=2_000), True,
          "Why the claim departs from the standard; readers see it on the claim's page.",
          "The 2003 council order could not be obtained; its wording is known from news "
          "reports of the time."),
)

#: Placeholder: the verdict's choices come from the configured rating scale.
VERDICT = "verdict"

CLAIM_FIELDS: tuple[Field, ...] = (
    Field("claim", TextType(max_length=500), True, "The claim as checked, in one sentence.",
          "Portland is a sanctuary city."),
    Field("claimant", TextType(max_length=200), True,
          "Who made the claim: a person or an organisation.", "Paul LePage"),
    Field("claimant_role", TextType(max_length=200), False, "The claimant's role then.",
          "Governor of Maine"),
    Field("claimant_type", ChoiceType(("person", "organization")), False,
          "person (the default) or organization: how search engines are told who the "
          "claimant is.", "person"),
    Field("claim_date", DateType(), False, "When the claim was made.", "2017-01-29"),
    Field("seed", SlugType(), False,
          "The id of the document in seeds/ that the claim was drawn from.",
          "press-herald-2017-02-01"),
    Field("quote", TextType(multiline=True, max_length=2_000), False,
          "The seed's words, copied exactly; required when seed is given.",
          "Gov. Paul LePage, for one, criticized Portland as being a sanctuary city."),
    Field(VERDICT, ChoiceType(()), True, "The verdict: a key of the rating scale.",
          "half-true"),
    Field("summary", TextType(max_length=1_000), True,
          "The short answer, in one to three sentences.", "The short answer."),
    Field("body", TextType(multiline=True, max_length=100_000), True,
          "The reasoning, in Markdown.", "The explanation.\n"),
    Field("sources", ListType(SOURCE_FIELDS, min_items=1, max_items=100), True,
          "The documents the check rests on; at least one.", None),
    Field("tags", ListType(TagType(), max_items=30), False,
          "Topics: words of any script joined by hyphens; case does not count.",
          ["sanctuary-cities"]),
    Field("author", TextType(max_length=200), True, "Who wrote the check.", "Fact Desk"),
    Field("reviewer", TextType(max_length=200), False, "The editor who signed it off.",
          "Editor Name"),
    Field("published", DateType(), True, "The date of the check.", "2017-02-02"),
    Field("updated", DateType(), False, "The date of the last change.", "2017-02-05"),
    Field("status", ChoiceType(("published", "draft")), False,
          "published (the default) or draft: drafts show only in the preview.", "published"),
    Field("corrections", ListType(CORRECTION_FIELDS, max_items=100), False,
          "Corrections made after publication, each with a date and a note.", None),
    Field("related", ListType(SlugType(), max_items=50), False,
          "Ids of other claims to show as related; they must exist.", ["other-claim-id"]),
    Field("original_url", UrlType(), False,
          "Where the check was first published, when it comes from another site (as "
          "`factcheck import` brings it in).", "https://www.politifact.com/factchecks/2017/"),
    Field("language", LanguageType(), False,
          "The language of the claim and the check, when it is not the site's: en, fr, pt-BR.",
          "fr"),
    Field("exceptions", ListType(EXCEPTION_FIELDS, max_items=20), False,
          "Deliberate exceptions to the desk's standards, each with the rule and the reason; "
          "shown to readers.", None),
)

SEED_FIELDS: tuple[Field, ...] = (
    Field("title", TextType(max_length=500), True, "The document's title."),
    Field("publisher", TextType(max_length=200), True, "Who published it."),
    Field("author", TextType(max_length=200), False, "Who wrote it."),
    Field("date", DateType(), True, "When it was published."),
    Field("url", UrlType(), True, "Where it was published."),
    Field("archive_url", UrlType(), False, "A saved copy."),
    Field("ends_with", TextType(multiline=True, max_length=1_000), False,
          "The document's last words: anything after them in the file (a site's "
          "boilerplate) is not shown."),
)

RATING_FIELDS: tuple[Field, ...] = (
    Field("key", SlugType(), True, "The word used in claim files, e.g. mostly-false."),
    Field("label", TextsType(TextType(max_length=60)), True,
          "How readers see it: text, or text per language ({en: False, fr: Faux})."),
    Field("description", TextsType(TextType(max_length=1_000)), True,
          "What the verdict means: text, or text per language."),
    Field("icon", TextType(max_length=100), True, "A Material icon, e.g. material/close-circle."),
    Field("color", ColorType(), True, "The badge colour, #rrggbb."),
    Field("value", IntType(minimum=1), False,
          "Place on the truth scale, higher is truer; leave out for verdicts off the scale."),
)
