"""The default rating scale, and a verdict's words in the reader's language.

A site can replace the scale under the plugin's ``ratings:`` setting in ``mkdocs.yml``,
and give each label and description per language (``label: {en: False, fr: Faux}``).
The default scale's words are in the message catalogs, so it reads in every language
that has a catalog. Colours are chosen so white text on them passes WCAG AA contrast
(4.5:1); a verdict is always shown as words and an icon too, never by colour alone.

>>> from generator.i18n import words
>>> [in_language(r, words("fr")).label for r in DEFAULT_RATINGS[:5]]
['Vrai', 'Plutôt vrai', 'À moitié vrai', 'Plutôt faux', 'Faux']
"""

from __future__ import annotations

from dataclasses import replace

from .i18n import Words
from .model import Rating


def N_(message: str) -> str:  # the name gettext's tools look for
    """Marks ``message`` for the catalogs (``make messages``); it is translated when shown."""
    return message


def _rating(key: str, label: str, description: str, icon: str, color: str,
            value: int | None = None) -> Rating:
    return Rating(key, label, description, icon, color, value, labels=(("", label),),
                  descriptions=(("", description),), catalog=True)


# The verdicts' words are messages of the catalogs: translators see the comment above
# each label.
DEFAULT_RATINGS: tuple[Rating, ...] = (
    _rating("true",
            # Translators: a verdict, step 5 of 5 on the truth scale (True, Mostly true,
            # Half true, Mostly false, False). Name each step as fact-checkers of your
            # language do, keep the five distinct and in order, and never soften or
            # sharpen a verdict.
            N_("True"),
            N_("The claim is accurate and nothing significant is missing."),
            "material/check-circle", "#1a7f37", 5),
    _rating("mostly-true",
            # Translators: a verdict, step 4 of 5 on the truth scale (see "True").
            N_("Mostly true"),
            N_("The claim is accurate but needs clarification or additional information."),
            "material/check-circle-outline", "#3f7d20", 4),
    _rating("half-true",
            # Translators: a verdict, step 3 of 5 on the truth scale (see "True").
            N_("Half true"),
            N_("The claim is partially accurate but leaves out important details or takes "
               "things out of context."), "material/circle-half-full", "#9a6700", 3),
    _rating("mostly-false",
            # Translators: a verdict, step 2 of 5 on the truth scale (see "True"); not
            # the same as "Misleading".
            N_("Mostly false"),
            N_("The claim contains an element of truth but ignores critical facts that "
               "would give a different impression."),
            "material/close-circle-outline", "#bc4c00", 2),
    _rating("false",
            # Translators: a verdict, step 1 of 5 on the truth scale (see "True").
            N_("False"),
            N_("The claim is not accurate."),
            "material/close-circle", "#cf222e", 1),
    _rating("misleading",
            # Translators: a verdict off the truth scale: accurate words, false impression.
            N_("Misleading"),
            N_("The claim is accurate as worded but leaves a false impression."),
            "material/alert", "#8250df"),
    _rating("unproven",
            # Translators: a verdict off the truth scale: the evidence does not settle it.
            N_("Unproven"),
            N_("The evidence available does not settle the claim either way; the "
               "explanation says what would."), "material/help-circle", "#57606a"),
    _rating("opinion",
            # Translators: a verdict off the truth scale: an opinion, not a checkable fact.
            N_("Opinion"),
            N_("A statement of opinion or prediction that cannot be checked as fact; the "
               "explanation sets out the facts around it."),
            "material/comment-quote", "#0969da"),
)


def given_in(texts: tuple[tuple[str, str], ...], language: str) -> str | None:
    """The text given for ``language``: for it (``pt-BR``), its language (``pt``), or any.

    >>> given_in((("en", "False"), ("pt", "Falso")), "pt-BR")
    'Falso'
    >>> given_in((("en", "False"),), "fr") is None
    True
    """
    given = dict(texts)
    base = language.replace("_", "-").split("-")[0]
    for name in (language, language.replace("_", "-"), base, ""):
        if name in given:
            return given[name]
    return None


def in_language(rating: Rating, words: Words) -> Rating:
    """``rating`` with its label and description in the language of ``words``.

    Words given for the language in ``mkdocs.yml`` come first; the default scale's are
    otherwise translated by the catalog. The rating keeps every text it was given, so it
    can be put in another language later.
    """
    label = given_in(rating.labels, words.language) or rating.label
    description = given_in(rating.descriptions, words.language) or rating.description
    if rating.catalog:  # the default scale: its English words are message ids
        label, description = words.gettext(label), words.gettext(description)
    return replace(rating, label=label, description=description)
