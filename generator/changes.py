"""What a pull request does to the site, in Markdown, for its reviewers.

``factcheck changes`` compares the claim files of the working tree with those of a base
commit (:mod:`generator.git_history` finds them) and writes one Markdown report: claims
added, removed and changed, each change of verdict with both verdicts' words, sources
added and removed, and the problems ``factcheck check`` finds. The pull-request workflow
posts it as the run's summary and as one comment, found again by :data:`MARKER`. Like
``factcheck check``'s messages it is for the desk, in English.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from markupsafe import Markup

from .git_log import Change
from .history import Snapshot
from .i18n import words
from .model import Claim, Settings
from .paths import claim_path
from .problems import Problem
from .sanitize import link_target, md_text
from .schema import Invalid, UrlType
from .templating import render_template

#: The first line of every report: an HTML comment GitHub does not show, by which the
#: workflow finds its own comment on a pull request to edit it.
MARKER = "<!-- factcheck-changes -->"


@dataclass(frozen=True)
class ClaimChange:
    """One claim file that the pull request adds, removes or changes."""

    path: str
    """The file (the old one, for a file removed)."""
    old: Snapshot | None
    """The version at the base, ``None`` for a file added."""
    new: Snapshot | None
    """The version now, ``None`` for a file removed."""
    old_path: str | None = None
    """The file's name at the base, when it was renamed."""


def claim_changes(changes: Sequence[Change], snapshots: Mapping[str, Snapshot | None],
                  strip: str = "") -> list[ClaimChange]:
    """Changes of claim files as git lists them, with each side's snapshot.

    ``strip`` is taken off the front of git's paths (the project's folder in the
    repository), so that paths read as in ``factcheck check``.
    """
    out = []
    for change in changes:
        old = snapshots.get(change.old_blob or "") if change.old_blob else None
        new = snapshots.get(change.new_blob or "") if change.new_blob else None
        path = (change.new_path or change.old_path or "").removeprefix(strip)
        renamed = change.old_path.removeprefix(strip) if change.status == "R" and \
            change.old_path else None
        out.append(ClaimChange(path, old, new, renamed))
    return sorted(out, key=lambda c: c.path)


def changes_report(changes: Sequence[ClaimChange], claims: Mapping[str, Claim],
                   settings: Settings, base: str, problems: Sequence[Problem],
                   warnings: Sequence[Problem], preview_url: str = "") -> str:
    """The report: what ``changes`` do, with links into the preview at ``preview_url``.

    ``claims`` are the current, valid claims by file path (for their text and page);
    ``problems`` and ``warnings`` come from the checks of ``factcheck check``.
    """
    site = replace(settings, site_url=preview_url.rstrip("/") + "/") if preview_url else None
    added, removed, changed = [], [], []
    for change in changes:
        item = _item(change, claims.get(change.path), settings, site)
        if change.old is None:
            added.append(item)
        elif change.new is None:
            removed.append(item)
        else:
            changed.append(item)
    changed.sort(key=lambda item: not item["verdict"])  # changes of verdict first
    return MARKER + "\n" + render_template(
        "changes.md.j2", words("en"), base=base, added=added, removed=removed,
        changed=changed, problems=sorted(problems), warnings=sorted(warnings))


def _item(change: ClaimChange, claim: Claim | None, settings: Settings,
          site: Settings | None) -> dict[str, Any]:
    """What the report says of one changed file."""
    now = change.new or change.old
    text = claim.claim if claim is not None else (now.claim if now else "") or change.path
    link = None
    if claim is not None and site is not None:
        link = Markup(f"[{md_text(text)}]({link_target(site.page_url(claim_path(claim.id)))})")
    item: dict[str, Any] = {"path": change.path, "old_path": change.old_path,
                            "title": link or text, "verdict": None, "details": [],
                            "added": [], "removed": [], "label": ""}
    old, new = change.old, change.new
    if new is not None and old is None:
        item["label"] = _label(new.verdict, settings)
    if old is not None and new is None:
        item["label"] = _label(old.verdict, settings)
    if old is None or new is None:
        return item
    if not (old.readable and new.readable):
        item["details"].append("cannot be compared: a version cannot be read (see the "
                               "problems below)")
        return item
    if old.differs(new, "verdict"):
        item["verdict"] = (_label(old.verdict, settings), _label(new.verdict, settings))
    if old.differs(new, "summary"):
        item["details"].append("short answer revised")
    if old.differs(new, "sources"):
        old_urls = {url for url, _ in old.sources}
        new_urls = {url for url, _ in new.sources}
        item["added"] = [_url(url) for url, _ in new.sources if url not in old_urls]
        item["removed"] = [_url(url) for url, _ in old.sources if url not in new_urls]
    if old.differs(new, "corrections"):
        item["details"].append("corrections entry added" if len(new.corrections) >
                               len(old.corrections) else "corrections edited")
    if old.differs(new, "status"):
        item["details"].append("now a draft" if not new.published else "now published")
    return item


def _url(url: str) -> Markup | str:
    """A source's address as a link, or as text if it is no web address."""
    try:
        return Markup(f"[{md_text(url)}]({link_target(UrlType().clean(url))})")
    except Invalid:
        return url


def _label(key: str, settings: Settings) -> str:
    rating = settings.rating(key)
    return rating.label if rating else key or "(none)"


def pull_request_warnings(changes: Sequence[ClaimChange]) -> list[Problem]:
    """Changes of verdict in the pull request that add no corrections entry."""
    found = []
    for change in changes:
        old, new = change.old, change.new
        if old is None or new is None or not (old.readable and new.readable) or \
                not old.differs(new, "verdict"):
            continue
        if not set(new.corrections) - set(old.corrections):
            found.append(Problem(change.path, new.verdict_line, "verdict",
                                 f"changed from {old.verdict} to {new.verdict} in this pull "
                                 "request with no correction; add a corrections entry "
                                 "saying why"))
    return found
