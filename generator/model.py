"""The validated model: plain, typed, immutable values that later code never re-checks.

Everything here has already passed validation (see :mod:`generator.validate`): dates are
``datetime.date``, a claim's verdict is its :class:`Rating`, tags are de-duplicated.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field

from .i18n import SOURCE_LANGUAGE, Words, words
from .schema import STANDARD_RULES


@dataclass(frozen=True)
class Rating:
    """One step of the rating scale, e.g. ``mostly-false``."""

    key: str
    """The word used in claim files (``verdict: mostly-false``) and in addresses."""
    label: str
    """How readers see it, in the site's language: ``Mostly false``."""
    description: str
    """One paragraph: what this verdict means, in the site's language."""
    icon: str
    """A Material icon name, e.g. ``material/close-circle``."""
    color: str
    """The badge colour, ``#rrggbb``; never the only way the verdict is shown."""
    value: int | None = None
    """Position on the truth scale (higher is truer), or ``None`` for verdicts off the scale."""
    svg: str = ""
    """The icon as inline SVG markup, resolved from ``icon`` when settings are loaded."""
    labels: tuple[tuple[str, str], ...] = ()
    """Every label given, by language (``("fr", "Plutôt faux")``); ``""`` for any language."""
    descriptions: tuple[tuple[str, str], ...] = ()
    """Every description given, by language, like :attr:`labels`."""
    catalog: bool = False
    """Whether the message catalogs translate it (the default scale); see
    :func:`generator.ratings.in_language`."""


@dataclass(frozen=True)
class Standards:
    """The desk's editorial standards, from ``standards:`` in ``mkdocs.yml``; each is off
    (``None`` or ``False``) unless the desk sets it. :mod:`generator.standards` applies them.

    >>> Standards(min_sources=2).active
    ('min_sources',)
    """

    min_sources: int | None = None
    """The fewest sources a check may cite."""
    source_beyond_seed: bool = False
    """At least one source is not the claim's own seed."""
    primary_source: bool = False
    """At least one source is ``kind: primary``, unless the verdict is exempt."""
    primary_source_exempt: tuple[str, ...] = ()
    """Verdict keys that need no primary source, e.g. ``("unproven", "opinion")``."""
    reviewer: bool = False
    """A reviewer is named, and is not the author."""
    min_explanation_words: int | None = None
    """The fewest words of the explanation (``body``)."""
    quote_from_seed: bool = False
    """The claim names its seed and quotes it."""
    source_kind: bool = False
    """Every source says whether it is primary or secondary."""
    verdict_change_needs_correction: str = "warn"
    """What a committed change of verdict with no corrections entry is: ``warn``,
    ``error`` (a problem) or ``off`` (see :mod:`generator.history`)."""

    @property
    def active(self) -> tuple[str, ...]:
        """The names of the rules that are set, in the order of the fields."""
        return tuple(name for name in STANDARD_RULES if getattr(self, name))


@dataclass(frozen=True)
class Settings:
    """What the generator needs to know about the site, from ``mkdocs.yml``."""

    ratings: tuple[Rating, ...]
    """The rating scale, in the order readers see it."""
    claims_dir: str = "claims"
    """Folder of claim files, relative to the project root."""
    seeds_dir: str = "seeds"
    """Folder of seed documents, relative to the project root."""
    edit_url: str = ""
    """Start of the address for editing a file, e.g. ``https://github.com/o/r/edit/main/``."""
    per_page: int = 50
    """Claims per listing page."""
    site_name: str = "Fact check"
    """The publishing organisation's name."""
    site_url: str = ""
    """The site's public address (``site_url`` in ``mkdocs.yml``), ending in ``/``."""
    directory_urls: bool = True
    """Pages live at ``claims/<id>/`` (MkDocs' ``use_directory_urls``), else ``.html``."""
    language: str = SOURCE_LANGUAGE
    """The language readers read the site in: ``theme.language`` in ``mkdocs.yml``."""
    import_verdicts: str = ""
    """The newsroom's verdict labels for ``factcheck import``, relative to ``mkdocs.yml``."""
    standards: Standards = Standards()
    """The desk's editorial standards; none are set by default."""
    languages: tuple[str, ...] = ()
    """The site's other languages (the plugin's ``languages:``): each has its pages under
    ``<language>/``, with the claims translated into it."""
    translations_dir: str = "translations"
    """Folder of translations, ``<language>/<id>.yaml``, relative to the project root."""
    original_language: str | None = None
    """In the settings of an edition in another language (:mod:`generator.editions`),
    the site's own language: that of the originals and of the seeds."""
    nav_titles: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = ()
    """Titles of the navigation in each other language: ``(("fr", (("About", "À propos"),
    ...)), ...)``."""

    @property
    def words(self) -> Words:
        """The messages, dates and numbers of the site's language."""
        return words(self.language)

    def page_url(self, path: str) -> str:
        """The public address of a generated page such as ``claims/x.md``.

        >>> Settings(ratings=(), site_url="https://f.org/").page_url("claims/x.md")
        'https://f.org/claims/x/'
        >>> Settings(ratings=(), site_url="https://f.org/").page_url("claims/index.md")
        'https://f.org/claims/'
        >>> Settings(ratings=(), directory_urls=False).page_url("claims/index.md")
        'claims/index.html'
        """
        stem = path[:-3]
        if not self.directory_urls:
            return f"{self.site_url}{stem}.html"
        if stem == "index" or stem.endswith("/index"):
            stem = stem[:-6]
        return f"{self.site_url}{stem}/" if stem else self.site_url

    def rating(self, key: str) -> Rating | None:
        """The rating with this key, if the scale has one."""
        return next((r for r in self.ratings if r.key == key), None)

    @functools.cached_property
    def key(self) -> str:
        """The fingerprint of these settings, made once (see :func:`fingerprint`)."""
        return fingerprint(self)


@dataclass(frozen=True)
class Source:
    """A document the check rests on."""

    title: str
    url: str
    publisher: str | None = None
    date: dt.date | None = None
    archive_url: str | None = None
    kind: str | None = None
    """``primary`` (the document itself), ``secondary`` (reporting about it), or not said."""


@dataclass(frozen=True)
class Correction:
    """A change made to a check after it was published."""

    date: dt.date
    note: str


@dataclass(frozen=True)
class StandardException:
    """A deliberate exception to one of the desk's standards, written in the claim file."""

    rule: str
    """The standard's name in ``mkdocs.yml``, e.g. ``primary_source``."""
    reason: str
    """Why; readers see it on the claim's page."""


@dataclass(frozen=True)
class Seed:
    """A document claims are drawn from, such as a news article."""

    id: str
    path: str
    title: str
    publisher: str
    date: dt.date
    url: str
    text: str
    """The document itself: the file's text up to ``ends_with`` when that is given."""
    author: str | None = None
    archive_url: str | None = None

    @functools.cached_property
    def key(self) -> str:
        """The fingerprint of this seed, made once (see :func:`fingerprint`)."""
        return fingerprint(self)


@dataclass(frozen=True)
class Translated:
    """What a claim's page in another language says of its translation."""

    language: str
    """The language of the original."""
    original_path: str
    """The original claim file (``claims/x.yaml``)."""
    original_href: str
    """The link from the translated page to the original's page."""
    translator: str
    reviewer: str | None = None
    stale: bool = False
    """Whether the original has changed since it was translated."""
    kept_titles: tuple[str, ...] = ()
    """The urls of the sources whose titles are the original's (a document's own title):
    they are in the original's language."""
    kept_reasons: tuple[str, ...] = ()
    """The rules of the exceptions whose reasons are not translated: they are shown in the
    original's language."""


@dataclass(frozen=True)
class Claim:
    """One checked claim."""

    id: str
    """The file name without ``.yaml``: the page's address."""
    path: str
    """The claim file, relative to the project root."""
    claim: str
    claimant: str
    verdict: Rating
    summary: str
    body: str
    sources: tuple[Source, ...]
    author: str
    published: dt.date
    claimant_role: str | None = None
    claimant_type: str = "person"
    """``person`` or ``organization``."""
    claim_date: dt.date | None = None
    seed: str | None = None
    quote: str | None = None
    quote_span: tuple[int, int] | None = None
    """Where the quote stands in its seed's ``text`` (start, end), found by validation."""
    tags: tuple[str, ...] = ()
    reviewer: str | None = None
    updated: dt.date | None = None
    status: str = "published"
    corrections: tuple[Correction, ...] = ()
    related: tuple[str, ...] = ()
    original_url: str | None = None
    """Where the check was first published, when it came from another site."""
    language: str | None = None
    """The language of the claim and the check (``fr``), when the file says it."""
    exceptions: tuple[StandardException, ...] = ()
    lines: Mapping[str, int] = field(default_factory=dict, compare=False, repr=False)
    """The line of each field in the claim file (``sources``, ``sources[1]``,
    ``exceptions[0].rule``), for the messages of checks made after validation."""

    translation: Translated | None = None
    """Set on the claim as shown in another language than its original's."""

    def line(self, key: str) -> int:
        """The line of the field ``key`` (``key_path`` form), or 1 when it is not written."""
        return self.lines.get(key, 1)

    @property
    def draft(self) -> bool:
        return self.status == "draft"

    @functools.cached_property
    def key(self) -> str:
        """The fingerprint of this claim, made once (see :func:`fingerprint`)."""
        return fingerprint(self)

    @functools.cached_property
    def latest_date(self) -> dt.date:
        """The latest of its dates (:func:`claim_dates`), made once."""
        return max(claim_dates(self))


def fingerprint(value: object) -> str:
    """A digest of a model value, for keying what is made from it.

    Model values are frozen dataclasses of strings, numbers, dates and tuples, whose
    ``repr`` holds every field, the same in every run.

    >>> fingerprint(Correction(dt.date(2017, 1, 2), "x")) == fingerprint(
    ...     Correction(dt.date(2017, 1, 2), "x"))
    True
    """
    return hashlib.blake2b(repr(value).encode("utf-8"), digest_size=20).hexdigest()


def claim_dates(claim: Claim) -> list[dt.date]:
    """Every date of a claim that validation checks against today."""
    return [d for d in (claim.claim_date, claim.published, claim.updated,
                        *(s.date for s in claim.sources), *(c.date for c in claim.corrections))
            if d is not None]


def seed_key(seed: Seed | None) -> str:
    """The fingerprint of a seed, made once: its text is long, and many claims quote it."""
    return "" if seed is None else seed.key


def claim_key(claim: Claim) -> str:
    """The fingerprint of a claim, made once: a claim is on its page and on several
    listings, and in the pages of the claims that name it as related."""
    return claim.key


def settings_key(settings: Settings) -> str:
    """The fingerprint of the settings (with the whole rating scale), made once."""
    return settings.key
