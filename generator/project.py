"""Read a whole project from disk: settings, seeds and claims, validated together.

This is the only module of the core that reads files; it writes none. Both adapters
(the CLI and the MkDocs plugin) call :func:`load_project` and hand the result on.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from .config_lines import plugin_lines
from .editions import language_settings
from .i18n import SOURCE_LANGUAGE, words
from .load import Document, parse_yaml, read_text
from .model import Claim, Rating, Seed, Settings, Standards, seed_key
from .parallel_check import check_all
from .problems import FILE, Problem
from .ratings import DEFAULT_RATINGS, in_language
from .standards import claim_problems
from .translations import Translation, stale_message, validate_translation
from .validate import validate_claim, validate_ratings, validate_seed, validate_standards

SEED_SUFFIXES = (".txt", ".md")


@dataclass
class Project:
    """Everything loaded from a project: the valid parts and every problem found."""

    settings: Settings
    claims: list[Claim] = field(default_factory=list)
    seeds: dict[str, Seed] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    drafts: list[str] = field(default_factory=list)
    """The files of valid claims with ``status: draft``, whether loaded or left out."""
    translations: dict[str, list[Translation]] = field(default_factory=dict)
    """The valid translations, by language (drafts only if drafts are loaded)."""
    stale: list[Problem] = field(default_factory=list)
    """A warning for each translation whose original has changed since it was made."""
    claim_ids: frozenset[str] = frozenset()
    """The id of every claim file, valid or not (a ``related`` claim must be one)."""


def settings_from_options(options: Mapping[str, Any], shown: str = "mkdocs.yml",
                          lines: Document | None = None) -> tuple[Settings, list[Problem]]:
    """Settings from the plugin's options in ``mkdocs.yml`` (already type-checked by MkDocs).

    ``lines`` (:func:`config_lines`) places each problem on its line of ``mkdocs.yml``.
    """
    lines = lines or Document(None)
    problems: list[Problem] = []
    language = options.get("language") or SOURCE_LANGUAGE
    ratings: tuple[Rating, ...] = DEFAULT_RATINGS
    if options.get("ratings"):
        ratings, problems = validate_ratings(options["ratings"], shown, lines, language=language)
        ratings = ratings or DEFAULT_RATINGS
    ratings = tuple(in_language(r, words(language)) for r in ratings)
    resolved = []
    for i, rating in enumerate(ratings):
        svg = icon_svg(rating.icon)
        if svg is None:
            problems.append(Problem(shown, lines.line(("ratings", i, "icon")),
                                    f"ratings[{i}].icon",
                                    f"there is no icon '{rating.icon}'; use a Material icon "
                                    "name such as 'material/check-circle'"))
        resolved.append(replace(rating, svg=svg or ""))
    standards = Standards()
    if options.get("standards") is not None:
        standards, standards_problems = validate_standards(
            options["standards"], shown, lines, [r.key for r in resolved])
        problems += standards_problems
    editions, edition_problems = language_settings(options, language, resolved, lines, shown)
    problems.extend(edition_problems)
    known = {f for f in Settings.__dataclass_fields__ if f not in ("ratings", "standards")}
    plain = {k: v for k, v in options.items() if k in known and v is not None}
    settings = Settings(ratings=tuple(resolved), standards=standards, **{**plain, **editions})
    return settings, problems


def config_lines(config_file: str | os.PathLike[str]) -> Document:
    """Where each of the plugin's options stands in ``config_file`` (``mkdocs.yml``).

    For :func:`settings_from_options`, and for any message about a setting: ``.line(path)``
    gives the line of ``("ratings", 2, "icon")``, or the nearest written line above it.
    """
    text, _ = read_text(os.fspath(config_file), os.fspath(config_file))
    return plugin_lines(text or "")


def icon_svg(name: str) -> str | None:
    """The SVG markup of a Material for MkDocs icon such as ``material/check-circle``."""
    try:
        import material
    except ImportError:  # pragma: no cover - mkdocs-material is a dependency
        return None
    base = Path(material.__file__).parent / "templates" / ".icons"
    path = (base / f"{name}.svg").resolve()
    if base.resolve() not in path.parents or not path.is_file():
        return None
    return path.read_text(encoding="utf-8").strip()


#: The environment variable that tells a build which day it is (reproducible-builds.org).
BUILD_DATE_VARIABLE = "SOURCE_DATE_EPOCH"


def build_date(environ: Mapping[str, str] | None = None) -> dt.date:
    """The day a check or build counts as today: the UTC date of ``SOURCE_DATE_EPOCH``.

    ``SOURCE_DATE_EPOCH`` (seconds since 1970, the reproducible-builds convention) pins
    the day, so that a build or a test gives the same result on any date; without it,
    the machine's own date. A date after this day is refused as a typing mistake.

    >>> build_date({"SOURCE_DATE_EPOCH": "1485907200"})
    datetime.date(2017, 2, 1)
    >>> build_date({"SOURCE_DATE_EPOCH": "yesterday"})
    Traceback (most recent call last):
    ...
    ValueError: SOURCE_DATE_EPOCH is 'yesterday', not a number of seconds since 1970; \
set it to e.g. 1485907200 (1 February 2017), or unset it to use today's date
    """
    environ = os.environ if environ is None else environ
    raw = environ.get(BUILD_DATE_VARIABLE, "").strip()
    if not raw:
        return dt.date.today()
    try:
        return dt.datetime.fromtimestamp(int(raw), dt.UTC).date()
    except (ValueError, OverflowError, OSError):
        raise ValueError(f"{BUILD_DATE_VARIABLE} is {raw!r}, not a number of seconds since "
                         "1970; set it to e.g. 1485907200 (1 February 2017), or unset it to "
                         "use today's date") from None


@dataclass
class ClaimCache:
    """What :func:`load_project` keeps of each claim file from one run to the next, so that
    an unchanged file is neither parsed nor checked again.

    A valid claim is taken as it is while its file's text, the settings and its seed are
    the same, the claims it names as related still exist, and none of its dates is after
    today: that is everything its checks depend on. A file with problems is checked again
    unless nothing at all changed (its messages name other files, and today's date).
    The preview keeps one in memory; the build keeps one on disk (generator/build_cache.py).
    """

    settings: Settings | None = None
    trust_stat: bool = False
    """Take a file whose size, times and inode are unchanged as unchanged, without
    reading it. Writing a file, or renaming one into its place, changes its change time
    (``st_ctime``), which no program can set back."""
    stamps: dict[str, tuple[tuple[int, ...], str]] = field(default_factory=dict)
    """By file: its size, times and inode when last read, and the digest of its text."""
    valid: dict[str, tuple[str, str, Claim]] = field(default_factory=dict)
    """By file: the digest of its text, the fingerprint of its seed, the claim."""
    invalid: dict[str, tuple[str, Any, Claim | None, list[Problem]]] = field(
        default_factory=dict)
    """By file: the digest of its text, everything else it was checked against, the claim
    if it is valid but below the desk's standards, and the problems."""

    def start(self, settings: Settings) -> None:
        """Forget everything if the settings changed (the rating scale, the folders)."""
        if self.settings != settings:
            self.valid.clear()
            self.invalid.clear()
            self.stamps.clear()
            self.settings = settings

    def reuse(self, shown: str, digest: str, seeds: Mapping[str, Seed],
              claim_ids: frozenset[str], today: dt.date
              ) -> tuple[Claim | None, list[Problem]] | None:
        """The kept result for this file, if it still holds."""
        kept = self.valid.get(shown)
        if kept is not None and kept[0] == digest:
            claim = kept[2]
            if (seed_key(seeds.get(claim.seed)) if claim.seed else "") == kept[1] and \
                    all(r in claim_ids for r in claim.related) and claim.latest_date <= today:
                return claim, []
        bad = self.invalid.get(shown)
        if bad is not None and bad[:2] == (digest, (seeds, claim_ids, today)):
            return bad[2], bad[3]
        return None

    def keep(self, shown: str, digest: str, claim: Claim | None, problems: list[Problem],
             seeds: Mapping[str, Seed], claim_ids: frozenset[str], today: dt.date) -> None:
        self.valid.pop(shown, None)
        self.invalid.pop(shown, None)
        if claim is not None and not problems:
            self.valid[shown] = (digest, seed_key(seeds.get(claim.seed)) if claim.seed else "",
                                 claim)
        else:
            self.invalid[shown] = (digest, (dict(seeds), claim_ids, today), claim, problems)

    def drop_others(self, shown: set[str]) -> None:
        """Forget the files that are gone."""
        for kept in (self.valid, self.invalid, self.stamps):
            for gone in set(kept) - shown:
                del kept[gone]


def text_digest(text: str) -> str:
    """The digest by which a claim file's text is known to :class:`ClaimCache`."""
    return hashlib.blake2b(text.encode("utf-8"), digest_size=16).hexdigest()


def load_project(root: str | os.PathLike[str], settings: Settings,
                 today: dt.date | None = None, only: Iterable[str] | None = None,
                 include_drafts: bool = True, cache: ClaimCache | None = None,
                 processes: int = 1) -> Project:
    """Load and validate every seed and claim under ``root``.

    ``only`` limits which claim files are validated (all claim ids are still known, so
    ``related`` can be checked); ``today`` is the date after which dates are refused
    (:func:`build_date` when not given). ``cache``, kept by the caller between calls,
    saves parsing and checking the files that did not change (:class:`ClaimCache`).
    ``processes``: the files to check are shared out over up to that many processes
    (generator/parallel_check.py), by a caller with no threads of its own running.
    """
    root = Path(root)
    today = today or build_date()
    project = Project(settings)
    project.seeds = load_seeds(root, settings, today, project.problems)

    claims_dir = root / settings.claims_dir
    files = sorted(claims_dir.glob("*.yaml")) if claims_dir.is_dir() else []
    for odd in sorted(claims_dir.glob("*.yml")) if claims_dir.is_dir() else []:
        project.problems.append(Problem(_shown(root, odd), 1, FILE,
                                        "claim files end in .yaml; rename it to "
                                        f"{odd.stem}.yaml"))
    files = _without_case_clashes(files, root, project.problems)
    claim_ids = project.claim_ids = frozenset(p.stem for p in files)
    wanted = None if only is None else {Path(p).resolve() for p in only}
    if cache is not None:
        cache.start(settings)
    seen = set()
    # A translation named alone is checked against its original, loaded but not reported.
    quiet = set() if wanted is None else {
        (claims_dir / f"{p.stem}.yaml").resolve() for p in wanted
        if (root / settings.translations_dir).resolve() in p.parents} - wanted
    originals: dict[str, Claim] = {}
    for path, shown, claim, problems in _checked_claims(
            root, files, project, cache, None if wanted is None else wanted | quiet,
            today, processes):
        seen.add(shown)
        if quiet and path.resolve() in quiet:
            if claim is not None:
                originals[claim.id] = claim
            continue
        if claim is not None and claim.draft:
            project.drafts.append(shown)
        if claim is not None and (include_drafts or not claim.draft):
            project.claims.append(claim)
        project.problems.extend(problems)
    originals.update((c.id, c) for c in project.claims)
    _load_translations(root, project, originals, claim_ids, wanted, include_drafts)
    if cache is not None and wanted is None:
        cache.drop_others(seen)
    return project


def _checked_claims(root: Path, files: list[Path], project: Project, cache: ClaimCache | None,
                    wanted: set[Path] | None, today: dt.date, processes: int
                    ) -> Iterator[tuple[Path, str, Claim | None, list[Problem]]]:
    """Each claim file (of ``wanted``, if given): its name, its claim if valid, and its
    problems, in order. What the cache still holds is taken as it is; the other files are
    read and checked on up to ``processes`` cores (generator/parallel_check.py), each
    read by the process that checks it, unless the cache needed its text to know."""
    settings, seeds, claim_ids = project.settings, project.seeds, project.claim_ids
    folder = _shown(root, root / settings.claims_dir)
    found: list[tuple[Path, str, tuple[Claim | None, list[Problem]] | None,
                      tuple[int, ...] | None]] = []
    jobs: list[tuple[Path, str, str | None]] = []  # a file to check, its text if read
    for path in files:
        if wanted is not None and path.resolve() not in wanted:
            continue
        shown = _shown(root, path) if os.path.isabs(folder) or folder == "." else \
            f"{folder}/{path.name}"  # the same, without a path's arithmetic for each file
        stamp = _stamp(path) if cache is not None and cache.trust_stat else None
        reused = None
        if cache is not None and (shown in cache.valid or shown in cache.invalid):
            known = cache.stamps.get(shown)
            if known is not None and known[0] == stamp:  # not even read: as last time
                reused = cache.reuse(shown, known[1], seeds, claim_ids, today)
            if reused is None:
                text, problems = _read(path, shown, root)
                if text is None:
                    reused = (None, problems)
                else:
                    digest = _stamped(cache, shown, stamp, text_digest(text))
                    reused = cache.reuse(shown, digest, seeds, claim_ids, today)
                    if reused is None:
                        jobs.append((path, shown, text))
        else:
            jobs.append((path, shown, None))
        found.append((path, shown, reused, stamp))

    def check(job: tuple[Path, str, str | None]) -> tuple[Claim | None, list[Problem],
                                                          str | None]:
        path, shown, text = job
        if text is None:
            text, problems = _read(path, shown, root)
            if text is None:
                return None, problems, None
        return (*check_claim_text(path.stem, shown, text, settings, seeds, claim_ids, today),
                text_digest(text) if cache is not None else None)

    checked = iter(check_all(jobs, check, processes))
    for path, shown, reused, stamp in found:
        if reused is not None:
            claim, problems = reused
        else:
            claim, problems, read = next(checked)  # read: the digest of the text checked
            if cache is not None and read is not None:
                cache.keep(shown, _stamped(cache, shown, stamp, read), claim, problems, seeds,
                           claim_ids, today)
        yield path, shown, claim, problems


def _stamped(cache: ClaimCache, shown: str, stamp: tuple[int, ...] | None,
             digest: str) -> str:
    """``digest``, the digest of a file's text, noted in ``cache`` with the file's stamp."""
    if stamp is not None:
        cache.stamps[shown] = (stamp, digest)
    return digest


def _load_translations(root: Path, project: Project, originals: Mapping[str, Claim],
                       claim_ids: frozenset[str], wanted: set[Path] | None,
                       include_drafts: bool) -> None:
    """Load and check ``translations/<language>/<id>.yaml`` for each of the site's other
    languages, against the valid ``originals`` (``wanted``: only those files)."""
    settings = project.settings
    folder = root / settings.translations_dir
    if not folder.is_dir():
        return
    for odd in sorted(folder.iterdir()):
        if odd.name not in settings.languages and not odd.name.startswith("."):
            what = "folder" if odd.is_dir() else "file"
            project.problems.append(Problem(
                _shown(root, odd), 1, FILE,
                f"is not the folder of one of the site's other languages (languages: "
                f"[{', '.join(settings.languages)}]); translations go in "
                f"{settings.translations_dir}/<language>/<id>.yaml: move this {what}, or add "
                "its language to `languages:` in mkdocs.yml"))
    ids = sorted(claim_ids)
    for language in settings.languages:
        files = sorted((folder / language).glob("*.yaml")) if (folder / language).is_dir() \
            else []
        for path in _without_case_clashes(files, root, project.problems):
            if wanted is not None and path.resolve() not in wanted:
                continue
            shown = _shown(root, path)
            doc, problems = _read_yaml(path, shown, root)
            translation = None
            if doc is not None:
                translation, problems = validate_translation(
                    path.stem, language, shown, doc, originals.get(path.stem), ids,
                    settings.claims_dir)
            project.problems.extend(problems)
            if translation is None:
                continue
            if translation.stale:
                project.stale.append(stale_message(translation, originals[path.stem]))
            if translation.status == "draft":
                project.drafts.append(shown)
                if not include_drafts:
                    continue
            project.translations.setdefault(language, []).append(translation)


def drafts_note(drafts: list[str], shown: int = 10) -> str:
    """One line for the desk naming the drafts a build or export leaves out.

    >>> drafts_note(["claims/a.yaml", "claims/b.yaml"])
    '2 drafts (status: draft) left out of the site: claims/a.yaml, claims/b.yaml'
    >>> drafts_note([f"claims/{n}.yaml" for n in range(12)], shown=2)
    '12 drafts (status: draft) left out of the site: claims/0.yaml, claims/1.yaml and 10 more'
    """
    names = ", ".join(drafts[:shown])
    more = f" and {len(drafts) - shown} more" if len(drafts) > shown else ""
    return (f"{len(drafts)} draft{'s' if len(drafts) != 1 else ''} (status: draft) left out "
            f"of the site: {names}{more}")


def check_claim_text(claim_id: str, shown: str, text: str, settings: Settings,
                     seeds: Mapping[str, Seed], claim_ids: frozenset[str],
                     today: dt.date) -> tuple[Claim | None, list[Problem]]:
    """Every check ``factcheck check`` makes of one claim file, given its text.

    The one place a claim file's text is judged: the project's loader calls it for each
    file, and ``factcheck import`` for each file it would write, before writing it.
    """
    doc, problems = parse_yaml(text, shown)
    if doc is None:
        return None, problems
    claim, problems = validate_claim(claim_id, shown, doc, settings, seeds, claim_ids, today)
    if claim is None:
        return None, problems
    return claim, claim_problems(claim, settings.standards, seeds.get(claim.seed or ""))


def check_claim_file(root: str | os.PathLike[str], shown: str, settings: Settings,
                     seeds: Mapping[str, Seed], claim_ids: frozenset[str],
                     today: dt.date) -> tuple[Claim | None, list[Problem]]:
    """Read one claim file (``shown``, its path from ``root``) and make every check of
    :func:`check_claim_text`; what the loader does for each file, for one alone."""
    root = Path(root)
    path = root / shown
    text, problems = _read(path, shown, root)
    if text is None:
        return None, problems
    return check_claim_text(path.stem, shown, text, settings, seeds, claim_ids, today)


def stale_note(stale: list[Problem], shown: int = 10) -> str:
    """One line for the desk naming the translations older than their originals.

    >>> stale_note([Problem("translations/fr/a.yaml", 2, "translated_from", "...")])
    '1 translation is older than its original, and published with a notice to readers: \
translations/fr/a.yaml'
    """
    names = ", ".join(p.path for p in stale[:shown])
    more = f" and {len(stale) - shown} more" if len(stale) > shown else ""
    if len(stale) == 1:
        return ("1 translation is older than its original, and published with a notice to "
                f"readers: {names}")
    return (f"{len(stale)} translations are older than their originals, and published with a "
            f"notice to readers: {names}{more}")


def _without_case_clashes(files: list[Path], root: Path,
                          problems: list[Problem]) -> list[Path]:
    """Drop, with a problem each, files whose names differ from another's only in case.

    On Windows and macOS such files are one file, and their pages would share an address.
    """
    first: dict[str, Path] = {}
    kept = []
    # The all-lowercase name (the valid address) is kept; the order is fixed, so the
    # report names the same file each run.
    for path in sorted(files, key=lambda p: (p.stem.lower(), p.stem != p.stem.lower(),
                                             p.stem)):
        other = first.setdefault(path.stem.lower(), path)
        if other is path:
            kept.append(path)
            continue
        problems.append(Problem(_shown(root, path), 1, FILE,
                                f"has the same name as {_shown(root, other)} but for capital "
                                "letters; on Windows and macOS they would be one file, and "
                                "their pages one address, so rename or merge them"))
    return sorted(kept)


def load_seeds(root: Path, settings: Settings, today: dt.date,
               problems: list[Problem]) -> dict[str, Seed]:
    """The project's valid seeds, by id; the problems of the others go into ``problems``."""
    seeds_dir = root / settings.seeds_dir
    if not seeds_dir.is_dir():
        return {}
    seeds = {}
    texts = {p.stem: p for p in sorted(seeds_dir.iterdir()) if p.suffix in SEED_SUFFIXES}
    for meta_path in sorted(seeds_dir.glob("*.yaml")):
        if meta_path.stem not in texts:
            problems.append(Problem(_shown(root, meta_path), 1, FILE,
                                    f"has no document beside it; add {meta_path.stem}.txt (or "
                                    ".md) with the document's text, or remove this file"))
    for seed_id, text_path in texts.items():
        shown = _shown(root, text_path)
        meta_path = text_path.with_suffix(".yaml")
        meta_shown = _shown(root, meta_path)
        if not meta_path.is_file():
            problems.append(Problem(shown, 1, FILE,
                                    f"has no metadata; create {meta_shown} with its title, "
                                    "publisher, date and url"))
            continue
        text, text_problems = _read(text_path, shown, root)
        meta, meta_problems = _read_yaml(meta_path, meta_shown, root)
        problems.extend(text_problems + meta_problems)
        if text is None or meta is None:
            continue
        seed, seed_problems = validate_seed(seed_id, shown, text, meta_shown, meta, today)
        problems.extend(seed_problems)
        if seed is not None:
            seeds[seed_id] = seed
    return seeds


def _shown(root: Path, path: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return str(path)


def _stamp(path: Path) -> tuple[int, ...]:
    """A file's size, modification and change times and inode, of the link itself if it
    is one."""
    try:
        stat = os.lstat(path)
    except OSError:
        return (-1, -1, -1, -1)
    return (stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns, stat.st_ino)


def _read(path: Path, shown: str, root: Path) -> tuple[str | None, list[Problem]]:
    # A link that leads out of the project could expose any file on the machine.
    if path.is_symlink() and root.resolve() not in path.resolve().parents:
        return None, [Problem(shown, 1, FILE, "is a link to a file outside the project; "
                                              "copy the file into the project instead")]
    return read_text(str(path), shown)


def _read_yaml(path: Path, shown: str, root: Path) -> tuple[Document | None, list[Problem]]:
    text, problems = _read(path, shown, root)
    if text is None:
        return None, problems
    return parse_yaml(text, shown)
