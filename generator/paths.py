"""Where each generated page lives, and the links between pages.

Every generated page has a path relative to the docs folder (``claims/<id>.md``); links
between them are relative, as MkDocs resolves links between source files. Addresses are
string work only: no file system.

Addresses keep the letters of any script (``tags/bibliothèques.md``,
``claimants/سارة-بن-علي.md``): MkDocs writes the files under those names and
percent-encodes the links, and browsers show the letters again in the address bar.
"""

from __future__ import annotations

import functools
import hashlib
import posixpath
import unicodedata
from urllib.parse import quote

from markupsafe import Markup

from .schema import name_slug, slugify

CSS_PATH = "assets/factcheck.css"
CORRECTIONS_PATH = "corrections/index.md"
ARTICLES_PATH = "articles/index.md"
#: The generated pages that belong in the site's navigation: the first page of each index.
#: Every other generated page (a claim, a verdict's or a claimant's listing, an article,
#: a listing's later pages) is reached from these, and is kept out of it: MkDocs would
#: otherwise list thousands of claims in a site without `nav:`, and name each one in an
#: INFO line of every build of a site with one.
NAV_PAGES = ("claims/index.md", "verdicts/index.md", "claimants/index.md", "tags/index.md",
             ARTICLES_PATH, CORRECTIONS_PATH)


def href(from_page: str, to_page: str) -> Markup:
    """A relative link between two pages, as MkDocs resolves links between source files.

    Pages are plain relative paths (no ``.`` or ``..`` parts), so this is string work
    only, unlike :func:`posixpath.relpath`, which asks the file system for the working
    directory on every call.

    >>> href("claims/a.md", "claimants/b.md"), href("claims/a.md", "claims/c.md")
    (Markup('../claimants/b.md'), Markup('c.md'))
    >>> href("claims/page/2.md", "claims/page/3.md"), href("index.md", "tags/x.md")
    (Markup('3.md'), Markup('tags/x.md'))
    """
    start = from_page.split("/")[:-1]
    target = to_page.split("/")
    common = 0
    while common < min(len(start), len(target) - 1) and start[common] == target[common]:
        common += 1
    return Markup("/".join([".."] * (len(start) - common) + target[common:]))


@functools.lru_cache(maxsize=8192)  # every listing asks again for the same few names
def claimant_slug(name: str) -> str:
    """The address of a claimant's page; never empty, never a reserved name.

    A name written in letters that ASCII can spell (``José Martí``) gets the address it
    always had: ASCII, apostrophes parting words (``O'Brien`` is ``o-brien``), so that
    published claimant pages keep their addresses. Any other name keeps its own letters
    (``سارة بن علي``, ``Søren``), folded so that two spellings of one name share a page.

    >>> claimant_slug("Paul LePage"), claimant_slug("José Martí"), claimant_slug("O’Brien")
    ('paul-lepage', 'jose-marti', 'obrien')
    >>> claimant_slug("سارة بن علي"), claimant_slug("Søren Kierkegaard")
    ('سارة-بن-علي', 'søren-kierkegaard')
    """
    if all(_ascii_letter(char) for char in name if char.isalnum()):
        slug = slugify(name, join_apostrophes=False)
    else:
        slug = name_slug(name)
    if not slug:  # a name without a letter or a digit
        slug = "claimant-" + hashlib.sha1(name.encode()).hexdigest()[:8]
    return slug + "-claimant" if slug in ("index", "page") else slug


def _ascii_letter(char: str) -> bool:
    """Whether ASCII spells ``char``, perhaps without its accent (``é`` is ``e``)."""
    return unicodedata.normalize("NFKD", char)[:1].isascii()


def claim_path(claim_id: str) -> str:
    return f"claims/{claim_id}.md"


def tag_path(tag: str) -> str:
    return f"tags/{tag}.md" if tag not in ("index", "page") else f"tags/{tag}-tag.md"


def article_path(seed_id: str) -> str:
    """The annotated article of a seed; never the address of the articles index."""
    return f"articles/{seed_id}.md" if seed_id not in ("index", "page") else \
        f"articles/{seed_id}-article.md"


def page_path(first: str, number: int) -> str:
    """The path of page ``number`` of a listing whose first page is ``first``."""
    if number == 1:
        return first
    folder = first[: -len("/index.md")] if first.endswith("/index.md") else first[:-3]
    return f"{folder}/page/{number}.md"


def site_url(path: str, directory_urls: bool = True) -> str:
    """The address of a page in the built site, relative to its root, as MkDocs gives it.

    >>> site_url("claims/x.md"), site_url("claims/index.md"), site_url("claims/x.md", False)
    ('claims/x/', 'claims/', 'claims/x.html')
    """
    stem = path[:-3]
    if not directory_urls:
        return quote(f"{stem}.html")
    folder, name = posixpath.split(stem)
    if name != "index":
        folder = stem
    return quote(f"{folder or '.'}/")
