"""The preview's last good version of each broken claim file, and the notices on its pages.

``mkdocs serve`` never stops for a broken claim: the page keeps the claim's last good
version, marked with the file's problems, until the file is fixed; a valid claim below
the desk's standards is shown as it is, marked too. A build stops instead.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

from .model import Claim, Seed, Settings
from .problems import Problem, report
from .project import Project
from .sanitize import md_text
from .templating import strong

log = logging.getLogger("mkdocs.plugins.factcheck")

# The last good claims and seeds of each project, by project folder and file. `mkdocs
# serve` keeps this plugin between rebuilds (it has `on_startup`), but reloads it when
# mkdocs.yml changes; kept at module level, the preview's last good state survives that.
_LAST_GOOD: dict[str, tuple[dict[str, Claim], dict[str, Seed]]] = {}


def keep_last_good(root: str, project: Project) -> None:
    """Log problems, and stand in the last good version of each broken file."""
    claims, seeds = _LAST_GOOD.setdefault(root, ({}, {}))
    if project.problems:
        log.error("The claims have problems (the preview shows their last good "
                  "version):\n%s", report(project.problems))
    broken = {p.path for p in project.problems}
    good = {c.path for c in project.claims}
    for path in list(claims):
        if path not in broken and path not in good:
            del claims[path]  # a deleted file is gone from the preview too
    claims.update({c.path: c for c in project.claims})
    seeds.update(project.seeds)
    project.claims.extend(c for path, c in claims.items() if path in broken
                          and path not in good)
    for seed_id, seed in seeds.items():
        project.seeds.setdefault(seed_id, seed)


def remember_good(root: str, claims: Iterable[Claim]) -> None:
    """Claims the preview showed without a whole build (generator/quick_preview.py):
    each is now the last good version of its file."""
    kept, _ = _LAST_GOOD.setdefault(root, ({}, {}))
    kept.update((claim.path, claim) for claim in claims)


def by_file(problems: list[Problem]) -> dict[str, list[Problem]]:
    out: dict[str, list[Problem]] = {}
    for problem in problems:
        out.setdefault(problem.path, []).append(problem)
    return out


def with_notice(page: str, problems: list[Problem], settings: Settings,
                 current: bool = False) -> str:
    """Mark a preview page as the last good version of a file that now has problems, or
    (``current``) as a valid claim that does not meet the desk's standards.

    The notice is in the site's language; the problems, like `factcheck check`'s, in
    English.
    """
    front, sep, rest = page.partition("\n---\n")
    words = settings.words
    if current:  # valid, and shown as it is now
        lead = words.gettext("Preview only: this claim does not meet the desk's standards, so "
                             "the site cannot be built with it.")
    else:
        lead = words.gettext("Preview only: this claim file has problems, so this is its "
                             "last good version.")
    heading = strong(lead)
    fix = md_text(words.gettext("Fix them and save:"))
    notice = "\n".join(
        [f"> {heading} {fix}", ">",
         *(f"> - {md_text(str(p))}" for p in problems)])
    return f"{front}{sep}\n{notice}\n{rest}"
