"""The reader's language: every word of the generated pages, and CLDR dates and numbers.

Every word the generator writes comes from a gettext message catalog
(``generator/locales/<language>.po``), chosen by the site's ``theme.language``; dates,
numbers, lists and plural forms come from CLDR through Babel, never from an English
table. English is the source language: it has no catalog, and the message ids are the
English words. A language with no catalog is written in English (:attr:`Words.found`
says so; the adapters warn once per build), never an error. A regional language
(``pt-BR``) uses its own catalog when there is one, else its language's (``pt``).

The language is always a parameter (a :class:`Words`), never a global: one process can
write pages in several languages.

Python code asks a :class:`Words` for plain text (``words.gettext("All claims")``);
templates call ``_()`` and ``ngettext()`` (see :mod:`generator.templating`), which also
escape the values put into a message.

>>> en = words("en")
>>> en.gettext("Claims by %(name)s", name="Jo")
'Claims by Jo'
>>> en.ngettext("%(num)s claim", "%(num)s claims", 1_234)
'1,234 claims'
>>> import datetime as dt
>>> en.date(dt.date(2017, 2, 1)), en.direction
('February 1, 2017', 'ltr')
>>> fr = words("fr")
>>> fr.date(dt.date(2017, 2, 1)), fr.ngettext("%(num)s claim", "%(num)s claims", 2)
('1 février 2017', '2 affirmations')
>>> fr.language_name("en"), en.language_name("pt-BR")
('anglais', 'Portuguese')
>>> words("ar").direction, words("pt-BR").gettext("All claims")
('rtl', 'Todas as afirmações')
"""

from __future__ import annotations

import datetime as dt
import functools
import gettext as _gettext
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import babel
from babel.dates import format_date
from babel.lists import format_list
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_decimal
from babel.support import Translations

#: The language of the message ids, and the fallback for a language with no catalog.
SOURCE_LANGUAGE = "en"
#: Where the shipped catalogs are: one ``<language>.po`` file per language.
CATALOGS = Path(__file__).parent / "locales"
#: The template every catalog is made from (``make messages`` extracts it).
TEMPLATE = CATALOGS / "messages.pot"
PLACEHOLDER = re.compile(r"%\((\w+)\)s")


@dataclass(frozen=True, eq=False)
class Words:
    """The messages, plural rules, dates and numbers of one language."""

    language: str
    """The language asked for, as in ``theme.language`` (``fr``, ``pt-BR``)."""
    locale: babel.Locale
    translations: _gettext.NullTranslations
    found: bool = True
    """Whether a catalog was found for the language (else English words are used)."""

    def gettext(self, message: str, **values: object) -> str:
        """``message`` in this language, with ``%(name)s`` filled in from ``values``."""
        return fill(self.translations.gettext(message), values)

    def ngettext(self, singular: str, plural: str, n: int, **values: object) -> str:
        """The form of a message for the number ``n``, which fills ``%(num)s``."""
        return fill(self.translations.ngettext(singular, plural, n),
                    {"num": self.number(n), **values})

    def date(self, value: dt.date) -> str:
        """A date as readers of this language write it: ``1 février 2017``."""
        return format_date(value, "long", locale=self.locale)

    def number(self, value: int) -> str:
        """A number with this language's digits' grouping: ``10 000`` in French."""
        return format_decimal(value, locale=self.locale)

    def list(self, items: Sequence[str]) -> str:
        """Items joined as this language joins a list: ``a, b et c`` in French."""
        return format_list(list(items), locale=self.locale) if items else ""

    def language_name(self, language: str) -> str:
        """The name of another language in this one (CLDR): ``anglais`` in French."""
        try:
            name = self.locale.languages.get(babel.Locale.parse(language.replace("-", "_"))
                                             .language)
        except (ValueError, babel.UnknownLocaleError):
            name = None
        return name or language

    @property
    def direction(self) -> str:
        """``rtl`` for languages written right to left (Arabic, Hebrew...), else ``ltr``."""
        return "rtl" if self.locale.character_order == "right-to-left" else "ltr"

    @property
    def code(self) -> str:
        """The language as HTML's ``lang`` writes it: ``pt-BR``."""
        return str(self.locale).replace("_", "-")


def fill(message: str, values: dict[str, object]) -> str:
    """Put ``values`` into the ``%(name)s`` places of ``message``; other text is left alone.

    >>> fill("%(n)s of %(m)s, 100%", {"n": 1, "m": 2})
    '1 of 2, 100%'
    """
    if not values:
        return message
    return PLACEHOLDER.sub(lambda m: str(values[m[1]]) if m[1] in values else m[0], message)


@functools.cache
def words(language: str) -> Words:
    """The :class:`Words` of ``language``; English words when it has no catalog.

    Cached: each language's catalog is read and compiled once per process.
    """
    try:
        locale = babel.Locale.parse(language.replace("-", "_"))
    except (ValueError, TypeError, babel.UnknownLocaleError):  # not a language CLDR knows
        return Words(language, babel.Locale.parse(SOURCE_LANGUAGE),
                     _gettext.NullTranslations(), found=False)
    if locale.language == SOURCE_LANGUAGE:
        return Words(language, locale, _gettext.NullTranslations())
    for name in dict.fromkeys((language, str(locale), str(locale).replace("_", "-"),
                               locale.language)):
        translations = _catalog(name)
        if translations is not None:
            return Words(language, locale, translations)
    return Words(language, locale, _gettext.NullTranslations(), found=False)


def missing_catalog(language: str, setting: str = "theme.language is") -> str | None:
    """What to tell the desk when ``language`` has no catalog (its pages are in English);
    ``setting`` names where the language is given.

    >>> print(missing_catalog("xx"))
    theme.language is 'xx', but the generator has no catalog for it (generator/locales/xx.po), \
so its own words are in English; add the catalog as the README's "Languages" section says
    >>> missing_catalog("fr") is None
    True
    """
    if words(language).found:
        return None
    return (f"{setting} '{language}', but the generator has no catalog for it "
            f"(generator/locales/{language}.po), so its own words are in English; add the "
            "catalog as the README's \"Languages\" section says")


def catalog_path(name: str) -> Path:
    """Where the catalog of the language ``name`` (``fr``, ``pt-BR``) is."""
    return CATALOGS / f"{name}.po"


def _catalog(name: str) -> Translations | None:
    """The compiled catalog ``<name>.po``, compiled in memory (no ``.mo`` files to keep)."""
    path = catalog_path(name)
    if not path.is_file():
        return None
    with path.open("rb") as fh:
        catalog = read_po(fh, locale=name.replace("-", "_"))
    compiled = io.BytesIO()
    write_mo(compiled, catalog)  # fuzzy entries are left out: they fall back to English
    compiled.seek(0)
    return Translations(compiled)
