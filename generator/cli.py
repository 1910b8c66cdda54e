"""The terminal adapter: ``factcheck check``, ``generate``, ``export``, ``new``, ``import``,
``archive``, ``schema`` and ``changes``.

Exit codes: 0 when all is well, 1 when the claims have problems (each printed as
``file:line: field: message``), 2 for a usage error.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import click

from .archive_run import ArchiveRun
from .files import ForeignFiles, atomic_write, create_new, shown_path, write_pages
from .i18n import missing_catalog
from .model import Settings
from .problems import Problem, report
from .project import (
    Project,
    build_date,
    config_lines,
    drafts_note,
    load_project,
    settings_from_options,
    stale_note,
)


def _settings(config_file: str) -> tuple[Path, Settings]:
    """The project root and settings, read from the factcheck plugin in ``mkdocs.yml``."""
    from mkdocs.config import load_config
    from mkdocs.exceptions import ConfigurationError

    from .plugin_options import site_options

    path = Path(config_file)
    if not path.is_file():
        raise click.UsageError(f"there is no {config_file}; run factcheck in the project "
                               "folder or name the file with --config")
    try:
        config = load_config(str(path))
    except (ConfigurationError, SystemExit) as err:
        raise click.ClickException(f"{config_file} has a problem: {err}") from None
    options = config.plugins["factcheck"].config if "factcheck" in config.plugins else {}
    settings, problems = settings_from_options(site_options(options, config), str(path),
                                               config_lines(path))
    if problems:
        click.echo(report(problems))
        sys.exit(1)
    return path.resolve().parent, settings


def _today() -> dt.date:
    """Today, or the day ``SOURCE_DATE_EPOCH`` names (:func:`~generator.project.build_date`)."""
    try:
        return build_date()
    except ValueError as err:
        raise click.UsageError(str(err)) from None


def _page_block_problems(root: Path, config_file: str, settings: Settings) -> list[Problem]:
    """Problems with the ``<!-- factcheck: ... -->`` blocks of the site's own pages."""
    from mkdocs.config import load_config

    from .blocks import block_problems

    config = load_config(config_file)
    docs = Path(config.docs_dir)
    problems = []
    for page in sorted(docs.rglob("*.md")):
        text = page.read_text(encoding="utf-8", errors="replace")
        if "factcheck:" in text:
            real = page.resolve()
            shown = real.relative_to(root).as_posix() if real.is_relative_to(root) else str(page)
            problems.extend(block_problems(shown, text, settings))
    return problems


def _warn_of_missing_catalog(settings: Settings) -> None:
    """Say once, on standard error, that some pages' own words will be in English."""
    missing = [missing_catalog(settings.language)] + [
        missing_catalog(language, "languages lists") for language in settings.languages]
    for message in filter(None, missing):
        click.echo(f"warning: {message}", err=True)


def _fail_on_problems(project: Project) -> None:
    if project.problems:
        click.echo(report(project.problems))
        sys.exit(1)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="factcheck-site", prog_name="factcheck")
def cli() -> None:
    """Validate fact-check claim files and turn them into pages."""


config_option = click.option("--config", "config_file", default="mkdocs.yml",
                             show_default=True, help="The site's MkDocs configuration.")


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(exists=True, dir_okay=True))
@config_option
def check(paths: tuple[str, ...], config_file: str) -> None:
    """Check claim and seed files and report every problem.

    With no PATHS, checks every claim; with PATHS (files or folders), only those claim
    files, against all the project's seeds and claim ids.
    """
    root, settings = _settings(config_file)
    only = None
    if paths:
        only = []
        for given in map(Path, paths):
            only.extend(sorted(given.glob("*.yaml")) if given.is_dir() else [given])
    today = _today()
    project = load_project(root, settings, today=today, only=only)
    if only is None:  # the whole site: its pages' blocks and its editors' schema, too
        project.problems.extend(_page_block_problems(root, config_file, settings))
        project.problems.extend(_schema_problems(root, settings))
    if project.drafts:
        click.echo(drafts_note(project.drafts))
    warnings = _history_problems(root, settings, project, today,
                                 None if only is None else {shown_path(p) for p in only})
    for warning in sorted(warnings):
        click.echo(f"{warning}")
    if project.stale:  # warnings: the site is built, each stale page says so to readers
        click.echo("\n".join(map(str, sorted(project.stale))))
        click.echo(stale_note(project.stale))
    _fail_on_problems(project)
    seeds = len(project.seeds)
    translations = sum(map(len, project.translations.values()))
    checked = f"{translations} translation{'s' if translations != 1 else ''} and " \
        if translations else ""
    also = f", {len(warnings)} warning{'s' if len(warnings) != 1 else ''}" if warnings else ""
    click.echo(f"Checked {len(project.claims)} claim{'s' if len(project.claims) != 1 else ''}"
               f"{', ' if translations else ' and '}{checked}{seeds} "
               f"seed{'s' if seeds != 1 else ''}: no problems{also}.")


def _history_problems(root: Path, settings: Settings, project: Project, today: dt.date,
                      only: set[str] | None) -> list[Problem]:
    """Committed verdict changes with no corrections entry: added to the project's
    problems, or returned as warnings, as ``standards.verdict_change_needs_correction``
    says."""
    from .git_history import HistoryReader
    from .history import check_corrections

    rule = settings.standards.verdict_change_needs_correction
    if rule == "off":
        return []
    history = HistoryReader(root, settings).read(project.claims, today)
    if history.note:
        click.echo(f"note: {history.note}; verdict changes were not checked"
                   if not history.claims else f"note: {history.note}", err=True)
    paths = None if only is None else {c.path for c in project.claims
                                       if shown_path(root / c.path) in only}
    problems, warnings = check_corrections(history, rule, paths)
    project.problems.extend(problems)
    return warnings


def _schema_problems(root: Path, settings: Settings) -> list[Problem]:
    """A written ``schema/claim.schema.json`` that no longer matches the rating scale."""
    from .json_schema import SCHEMA_PATH, stale_problem

    path = root / SCHEMA_PATH
    if not path.is_file():  # a project that does not use it
        return []
    problem = stale_problem(path.read_text(encoding="utf-8", errors="replace"),
                            settings.ratings, shown_path(path))
    return [problem] if problem else []


@cli.command()
@click.option("--out", "out", required=True, type=click.Path(file_okay=False),
              help="Folder to write the pages into; created if missing.")
@click.option("--drafts/--no-drafts", default=False, help="Include draft claims.")
@config_option
def generate(out: str, drafts: bool, config_file: str) -> None:
    """Write the generated pages as Markdown files into a folder.

    The pages are the site's, each claim's history from git included. The folder must
    be new, empty, or one this command wrote before: files it did not write are never
    overwritten or deleted.
    """
    from .editions import editions, render_editions
    from .git_history import HistoryReader

    root, settings = _settings(config_file)
    _warn_of_missing_catalog(settings)
    today = _today()
    project = load_project(root, settings, today=today, include_drafts=drafts)
    _fail_on_problems(project)
    history = HistoryReader(root, settings).read(project.claims, today)  # none without git
    pages = render_editions(editions(project.claims, project.translations, settings),
                            project.seeds, history=history.claims)
    try:
        written = write_pages(Path(out), pages)
    except ForeignFiles as err:
        raise click.ClickException(str(err)) from None
    click.echo(f"Wrote {written} pages for {len(project.claims)} claims to {out}.")
    if project.drafts and not drafts:
        click.echo(f"{drafts_note(project.drafts)}; add --drafts to include them.", err=True)


@cli.command()
@click.option("--format", "fmt", type=click.Choice(["json", "csv"]), default="json",
              show_default=True, help="json: as the site's claims.json; csv: one row a claim.")
@click.option("--out", "out", type=click.Path(dir_okay=False, writable=True), default="-",
              help="File to write; standard output when not given.")
@click.option("--lang", "language", default=None,
              help="Export the claims translated into this language (one of the site's "
                   "`languages:`), as the site's <language>/claims.json.")
@config_option
def export(fmt: str, out: str, language: str | None, config_file: str) -> None:
    """Export every published claim, with all its fields, as JSON or CSV.

    The JSON is the same as the built site's claims.json (with --lang, its
    <language>/claims.json). An existing file is replaced only if factcheck wrote it (it
    must hold a previous export).
    """
    from .editions import editions
    from .export import claims_csv, claims_json

    root, settings = _settings(config_file)
    if language is not None and language not in settings.languages:
        listed = ", ".join(settings.languages) or "none"
        raise click.BadParameter(f"'{language}' is not one of the site's other languages "
                                 f"({listed})", param_hint="'--lang'")
    project = load_project(root, settings, today=_today(), include_drafts=False)
    _fail_on_problems(project)
    edition = next(e for e in editions(project.claims, project.translations, settings)
                   if e.language == (language or settings.language))
    text = (claims_json if fmt == "json" else claims_csv)(edition.claims, edition.settings)
    if project.drafts:
        click.echo(f"{drafts_note(project.drafts)}.", err=True)
    if out == "-":
        click.echo(text, nl=False)
        return
    target = Path(out)
    if target.exists() and not _is_export(target):
        raise click.ClickException(f"{out} exists and is not a factcheck export; "
                                   "choose another file name")
    atomic_write(target, text)
    click.echo(f"Wrote {len(edition.claims)} claims to {out}.", err=True)


def _is_export(path: Path) -> bool:
    """Whether ``path`` holds an earlier ``factcheck export`` (JSON or CSV)."""
    from .export import CSV_COLUMNS

    with path.open(encoding="utf-8", errors="replace") as fh:
        start = fh.read(200)
    return start.startswith(('{\n "schema_version"', ",".join(CSV_COLUMNS[:3])))


@cli.command()
@click.option("--check", "check_only", is_flag=True,
              help="Change nothing; exit 1 if the file is missing or out of date.")
@click.option("--out", type=click.Path(dir_okay=False),
              help="Where to write it (default: schema/claim.schema.json beside the config).")
@config_option
def schema(check_only: bool, out: str | None, config_file: str) -> None:
    """Write the JSON Schema of claim files, made from the claim contract.

    Editors that read it point out a misspelt field or a wrong value as a claim is
    typed. Its verdicts are the site's rating scale; run it again after changing it.
    """
    from .json_schema import SCHEMA_PATH, claim_schema, dumps

    root, settings = _settings(config_file)
    path = Path(out) if out else root / SCHEMA_PATH
    shown = out or shown_path(path)
    text = dumps(claim_schema(settings.ratings))
    current = path.read_text(encoding="utf-8") if path.is_file() else None
    if check_only:
        if current != text:
            state = "missing" if current is None else "out of date"
            raise click.ClickException(f"{shown} is {state}; run `factcheck schema` to write it")
        click.echo(f"{shown} is up to date.")
    elif current == text:
        click.echo(f"{shown} is up to date.")
    else:
        atomic_write(path, text)
        click.echo(f"Wrote {shown}.")


@cli.command()
@click.argument("claim")
@click.option("--claimant", help="Who made the claim: a person or an organisation.")
@click.option("--claim-date", type=click.DateTime(formats=["%Y-%m-%d"]),
              help="When the claim was made, YYYY-MM-DD (default: left empty for you to "
                   "fill in).")
@click.option("--slug", help="The file name, without .yaml: the claim's address on the site. "
                             "Made from the claim's words when not given.")
@config_option
def new(claim: str, claimant: str | None, claim_date: dt.datetime | None, slug: str | None,
        config_file: str) -> None:
    """Start a claim file from the template: claims/<slug>.yaml, as a draft.

    Fills in the claim, the claimant (and --claim-date), today's date as the date of the
    check and `status: draft`, and leaves every other field empty for you to write;
    `factcheck check` lists what is still missing. The comment above `verdict:` lists
    the site's rating scale. Prints the path of the new file. An existing file is never
    replaced.
    """
    from .new_claim import claim_slug, new_claim, template_text
    from .schema import CLAIM_FIELDS, SLUG, Invalid, slugify

    types = {f.name: f.type for f in CLAIM_FIELDS}
    for name, value in (("claim", claim), ("claimant", claimant)):
        try:
            if value is not None:
                types[name].clean(value)
        except Invalid as err:
            message = str(err).split(";")[0]
            raise click.BadParameter(f"the {name} {message}", param_hint=name.upper()
                                     if name == "claim" else "'--claimant'") from None
    today = _today()
    day = claim_date.date() if claim_date else None
    if day and day > today:
        raise click.BadParameter(f"{day.isoformat()} is in the future", param_hint="'--claim-date'")
    if slug is not None and not SLUG.fullmatch(slug):
        hint = f"; try --slug {slugify(slug)}" if slugify(slug) else ""
        raise click.BadParameter(f"'{slug}' is not lowercase letters, digits and hyphens{hint}",
                                 param_hint="'--slug'")
    slug = slug or claim_slug(claim)
    if not slug:
        raise click.UsageError("the claim's words make no file name (they have no letters "
                               "or digits from a-z and 0-9); give one with --slug")
    root, settings = _settings(config_file)
    path = root / settings.claims_dir / f"{slug}.yaml"
    text = new_claim(template_text(), claim, today, claimant=claimant, claim_date=day,
                     verdicts=[r.key for r in settings.ratings])
    shown = shown_path(path)
    if not create_new(path, text):
        raise click.ClickException(f"{shown} already exists, and factcheck never replaces a "
                                   "file; choose another name with --slug, e.g. --slug "
                                   f"{slug[:55]}-2")
    click.echo(shown)
    click.echo(f"Fill in the empty fields, then run `factcheck check {shown}`. It is a draft, "
               "shown only in the preview: set `status: published` when it is ready.", err=True)


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(exists=True, dir_okay=True))
@click.option("--dry-run", is_flag=True, help="Ask the archive and show what would be added; "
                                             "change no file.")
@click.option("--service", default=None, metavar="URL",
              help="The availability API to ask (default: the Wayback Machine's, "
                   "https://archive.org/wayback/available).")
@click.option("--timeout", default=20.0, show_default=True, type=click.FloatRange(min=0.1),
              help="Seconds to wait for each answer.")
@config_option
def archive(paths: tuple[str, ...], dry_run: bool, service: str | None, timeout: float,
            config_file: str) -> None:
    """Add archive_url to sources that lack one, from the Wayback Machine.

    Asks the Internet Archive, once per source without archive_url, for the saved copy
    closest to the source's date (or the check's published date), and adds its address
    to the claim file, changing nothing else in it. It uses the network, so it is never
    part of a build: run it by hand. With no PATHS, every claim file.
    """
    from .archive import WAYBACK
    from .schema import Invalid, UrlType

    try:
        service = UrlType().clean(service) if service else WAYBACK
    except Invalid:
        raise click.BadParameter(f"'{service}' is not a web address starting with http:// or "
                                 "https://", param_hint="'--service'") from None
    if paths:
        files = _yaml_files(paths)
    else:
        root, settings = _settings(config_file)
        files = sorted((root / settings.claims_dir).glob("*.yaml"))
    counts = ArchiveRun(dry_run, click.echo)
    cache: dict[tuple[str, str], str | Exception] = {}
    for path in files:
        counts.file(path, service, timeout, cache)
    click.echo(counts.summary())
    if counts.failed:
        sys.exit(1)


@cli.command("import")
@click.argument("files", nargs=-1, required=True,
                type=click.Path(exists=True, dir_okay=False))
@click.option("--map", "maps", multiple=True, metavar="COLUMN=FIELD",
              help="Say which claim field a column holds, e.g. --map \"Notes=body\"; "
                   "--map \"Notes=\" leaves the column out. Repeat for more columns.")
@click.option("--verdicts", "verdicts_file", type=click.Path(exists=True, dir_okay=False),
              help="A YAML file of verdict labels and the keys they become, read over the "
                   "shipped ones (default: the plugin's import_verdicts setting).")
@click.option("--publish", is_flag=True,
              help="Write a claim as published when it passes every check; otherwise, and "
                   "without this, as a draft.")
@click.option("--update", is_flag=True,
              help="Bring changes into files an earlier import made, leaving every field a "
                   "person has changed since.")
@click.option("--dry-run", is_flag=True, help="Show what would be written; write nothing.")
@click.option("--encoding", metavar="NAME",
              help="The encoding of files that are not UTF-8 or UTF-16, e.g. cp1252.")
@click.option("--date-format", metavar="FORMAT",
              help="How dates are written when not YYYY-MM-DD, e.g. %m/%d/%Y (Python's "
                   "strptime codes).")
@config_option
def import_(files: tuple[str, ...], maps: tuple[str, ...], verdicts_file: str | None,
            publish: bool, update: bool, dry_run: bool, encoding: str | None,
            date_format: str | None, config_file: str) -> None:
    """Write a claim file for each fact-check in CSV, TSV, ClaimReview JSON or web pages.

    Reads spreadsheets (CSV or TSV, columns matched by name), ClaimReview JSON-LD (one,
    a list, a @graph, or a Fact Check Tools API answer) and web pages saved from
    fact-check sites. Claims are written as drafts, with what the source lacks left
    empty for `factcheck check` to list. No file is ever replaced; bad records are
    reported as FILE:line: column: message, and the others are written.
    """
    import codecs

    from .import_run import run
    from .importing import Planner, plan_import
    from .importing.columns import parse_map
    from .importing.verdicts import VerdictFileError, read_table
    from .project import load_seeds

    mapping, errors = parse_map(maps)
    if errors:
        raise click.BadParameter("; ".join(errors), param_hint="'--map'")
    if encoding:
        try:
            codecs.lookup(encoding)
        except LookupError:
            raise click.BadParameter(f"there is no encoding '{encoding}'; try utf-8, cp1252, "
                                     "latin-1 or utf-16", param_hint="'--encoding'") from None
    root, settings = _settings(config_file)
    today = _today()
    verdicts = Path(verdicts_file) if verdicts_file else \
        root / settings.import_verdicts if settings.import_verdicts else None
    try:
        table = read_table(settings.ratings, verdicts, shown_path(verdicts) if verdicts else "")
    except VerdictFileError as err:
        click.echo("\n".join([*map(str, sorted(err.problems)),
                              "Nothing was imported; fix the verdict file and run it again."]))
        sys.exit(1)
    # A broken seed is `factcheck check`'s to report; a claim quoting it is refused here.
    seeds = load_seeds(root, settings, today, [])
    planner = Planner(root, settings, seeds, today, publish=publish, update=update)
    imported = plan_import([(Path(f), f) for f in files], planner, table, encoding, mapping,
                           date_format)
    if not run(imported, dry_run, click.echo):
        sys.exit(1)
@cli.command()
@click.argument("claim_id", metavar="ID")
@click.option("--lang", "language", required=True,
              help="The language to translate into: one of the site's `languages:`.")
@config_option
def translate(claim_id: str, language: str, config_file: str) -> None:
    """Start a translation of the claim ID: translations/<lang>/<ID>.yaml, as a draft.

    Every field to translate is left empty, with the original's text in a comment
    above it, and the original's digest is filled in as translated_from, so that
    `factcheck check` can tell when the original changes. Prints the path of the new
    file. An existing file is never replaced.
    """
    from difflib import get_close_matches

    from .new_translation import new_translation
    from .translations import digest

    root, settings = _settings(config_file)
    if language not in settings.languages:
        listed = ", ".join(settings.languages) or "none yet"
        raise click.BadParameter(f"'{language}' is not one of the site's other languages "
                                 f"({listed}); add it to `languages:` under the factcheck "
                                 "plugin in mkdocs.yml", param_hint="'--lang'")
    original = root / settings.claims_dir / f"{claim_id}.yaml"
    if not original.is_file():
        ids = [p.stem for p in (root / settings.claims_dir).glob("*.yaml")]
        close = sorted(i for i in ids if i.startswith(claim_id))[:1] or \
            get_close_matches(claim_id, ids, n=1, cutoff=0.6)
        hint = f"; did you mean '{close[0]}'?" if close else ""
        raise click.BadParameter(f"there is no claim {shown_path(original)}{hint}",
                                 param_hint="ID")
    project = load_project(root, settings, today=_today(), only=[original])
    _fail_on_problems(project)  # a broken original: fix it before translating it
    claim = next(c for c in project.claims if c.id == claim_id)
    path = root / settings.translations_dir / language / f"{claim_id}.yaml"
    shown = shown_path(path)
    if not create_new(path, new_translation(claim, language, _today())):
        raise click.ClickException(
            f"{shown} already exists, and factcheck never replaces a file; to bring it up to "
            f"date, compare it with {shown_path(original)} and write translated_from: "
            f'"{digest(claim)}"')
    click.echo(shown)
    click.echo(f"Translate the empty fields, then run `factcheck check {shown}`. It is a "
               "draft, shown only in the preview: set `status: published` when it is "
               "ready.", err=True)


@cli.command()
@click.argument("base", required=False)
@click.option("--preview-url", default="", metavar="URL",
              help="The address of this pull request's built preview; changed claims "
                   "link to their pages there.")
@config_option
def changes(base: str | None, preview_url: str, config_file: str) -> None:
    """Describe in Markdown what the working tree changes since BASE, for reviewers.

    Lists the claims added, removed and changed (each change of verdict with its old and
    new words, sources added and removed) and the problems `factcheck check` finds.
    BASE is a branch or commit, compared as a pull request is, from where the two parted;
    by default origin/main, else main. Exits 0 whatever it finds (1 if git cannot
    tell, 2 if BASE does not exist).
    """
    from .changes import changes_report, claim_changes, pull_request_warnings
    from .git_history import GitError, UnknownBase, changed_claims

    if preview_url and not preview_url.startswith(("https://", "http://")):
        raise click.BadParameter("give an address starting with https://",
                                 param_hint="'--preview-url'")
    root, settings = _settings(config_file)
    try:
        label, repo, found, snapshots = changed_claims(root, settings.claims_dir, base)
    except UnknownBase as err:
        raise click.UsageError(str(err)) from None
    except GitError as err:
        raise click.ClickException(f"cannot compare: {err}") from None
    project = load_project(root, settings, today=_today())
    project.problems.extend(_page_block_problems(root, config_file, settings))
    claimed = claim_changes(found, snapshots, strip=repo.prefix)
    problems, warnings = list(project.problems), []
    rule = settings.standards.verdict_change_needs_correction
    if rule != "off":
        (problems if rule == "error" else warnings).extend(pull_request_warnings(claimed))
    click.echo(changes_report(claimed, {c.path: c for c in project.claims}, settings, label,
                              problems, warnings, preview_url), nl=False)


def _yaml_files(paths: tuple[str, ...]) -> list[Path]:
    files: list[Path] = []
    for given in map(Path, paths):
        files.extend(sorted(given.glob("*.yaml")) if given.is_dir() else [given])
    return files


def main() -> None:
    """Entry point of the ``factcheck`` command."""
    cli()
