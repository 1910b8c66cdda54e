"""The terminal adapter: ``factcheck check``, ``generate``, ``new``, ``archive`` and ``schema``.

Exit codes: 0 when all is well, 1 when the claims have problems (each printed as
``file:line: field: message``), 2 for a usage error.
"""

from __future__ import annotations

import codecs
import datetime as dt
import os
import shutil
import sys
import tempfile
from collections.abc import Mapping
from pathlib import Path

import click

from .model import Settings
from .problems import FILE, Problem, report
from .project import Project, build_date, load_project, settings_from_options

MANIFEST = ".factcheck-generated"
#: The end of the name of a file being written; one left by a crash is removed next time.
TEMP_SUFFIX = ".factcheck-tmp"


def _settings(config_file: str) -> tuple[Path, Settings]:
    """The project root and settings, read from the factcheck plugin in ``mkdocs.yml``."""
    from mkdocs.config import load_config
    from mkdocs.exceptions import ConfigurationError

    path = Path(config_file)
    if not path.is_file():
        raise click.UsageError(f"there is no {config_file}; run factcheck in the project "
                               "folder or name the file with --config")
    try:
        config = load_config(str(path))
    except (ConfigurationError, SystemExit) as err:
        raise click.ClickException(f"{config_file} has a problem: {err}") from None
    options = config.plugins["factcheck"].config if "factcheck" in config.plugins else {}
    settings, problems = settings_from_options(
        {**dict(options), "site_name": config.site_name, "site_url": config.site_url or "",
         "directory_urls": config.use_directory_urls},
        str(path))
    if problems:
        click.echo(report(problems))
        sys.exit(1)
    return path.resolve().parent, settings


def _today() -> dt.date:
    """Today, or the day ``SOURCE_DATE_EPOCH`` names (see :func:`generator.project.build_date`)."""
    try:
        return build_date()
    except ValueError as err:
        raise click.UsageError(str(err)) from None


def _page_block_problems(root: Path, config_file: str, settings: Settings) -> list[Problem]:
    """Problems with the ``<!-- factcheck: ... -->`` blocks of the site's own pages."""
    from mkdocs.config import load_config

    from .render import block_problems

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
    project = load_project(root, settings, today=_today(), only=only)
    if only is None:  # the whole site: the blocks its hand-written pages ask for, too
        project.problems.extend(_page_block_problems(root, config_file, settings))
    _fail_on_problems(project)
    seeds = len(project.seeds)
    click.echo(f"Checked {len(project.claims)} claim{'s' if len(project.claims) != 1 else ''}"
               f" and {seeds} seed{'s' if seeds != 1 else ''}: no problems.")


@cli.command()
@click.option("--out", "out", required=True, type=click.Path(file_okay=False),
              help="Folder to write the pages into; created if missing.")
@click.option("--drafts/--no-drafts", default=False, help="Include draft claims.")
@config_option
def generate(out: str, drafts: bool, config_file: str) -> None:
    """Write the generated pages as Markdown files into a folder.

    The folder must be new, empty, or one this command wrote before: files it did not
    write are never overwritten or deleted.
    """
    from .render import render_site

    root, settings = _settings(config_file)
    project = load_project(root, settings, today=_today(), include_drafts=drafts)
    _fail_on_problems(project)
    pages = render_site(project.claims, project.seeds, settings)
    written = write_pages(Path(out), pages)
    click.echo(f"Wrote {written} pages for {len(project.claims)} claims to {out}.")


@cli.command()
@click.option("--format", "fmt", type=click.Choice(["json", "csv"]), default="json",
              show_default=True, help="json: as the site's claims.json; csv: one row a claim.")
@click.option("--out", "out", type=click.Path(dir_okay=False, writable=True), default="-",
              help="File to write; standard output when not given.")
@config_option
def export(fmt: str, out: str, config_file: str) -> None:
    """Export every published claim, with all its fields, as JSON or CSV.

    The JSON is the same as the built site's claims.json. An existing file is replaced
    only if factcheck wrote it (it must hold a previous export).
    """
    from .export import claims_csv, claims_json

    root, settings = _settings(config_file)
    project = load_project(root, settings, today=_today(), include_drafts=False)
    _fail_on_problems(project)
    text = (claims_json if fmt == "json" else claims_csv)(project.claims, settings)
    if out == "-":
        click.echo(text, nl=False)
        return
    target = Path(out)
    if target.exists() and not _is_export(target):
        raise click.ClickException(f"{out} exists and is not a factcheck export; "
                                   "choose another file name")
    _atomic_write(target, text)
    click.echo(f"Wrote {len(project.claims)} claims to {out}.", err=True)


def _is_export(path: Path) -> bool:
    """Whether ``path`` holds an earlier ``factcheck export`` (JSON or CSV)."""
    from .export import CSV_COLUMNS

    with path.open(encoding="utf-8", errors="replace") as fh:
        start = fh.read(200)
    return start.startswith(('{\n "schema_version"', ",".join(CSV_COLUMNS[:3])))


def write_pages(out: Path, pages: Mapping[str, str]) -> int:
    """Write ``pages`` under ``out``, each file atomically; remove only our own stale files."""
    manifest = out / MANIFEST
    ours: set[str] = set()
    if manifest.is_file():
        ours = set(manifest.read_text(encoding="utf-8").split("\n")) - {""}
    if out.exists():
        for leftover in out.rglob(f".*{TEMP_SUFFIX}"):  # from a write that was cut short
            leftover.unlink()
        foreign = sorted(p.relative_to(out).as_posix() for p in out.rglob("*")
                         if not p.is_dir() and p != manifest
                         and p.relative_to(out).as_posix() not in ours)
        if foreign:
            raise click.ClickException(
                f"{out} holds files that factcheck did not write ({', '.join(foreign[:3])}"
                f"{', ...' if len(foreign) > 3 else ''}); choose a new or empty folder")
    for path, content in pages.items():
        _atomic_write(out / path, content)
    for stale in sorted(ours - set(pages)):
        (out / stale).unlink(missing_ok=True)
    _atomic_write(manifest, "\n".join(sorted(pages)) + "\n")
    return len(pages)


def _temp_beside(path: Path, content: bytes) -> str:
    """A new temporary file in ``path``'s folder holding ``content``; its name."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=TEMP_SUFFIX)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(content)
    except BaseException:
        os.unlink(tmp)
        raise
    return tmp


def _atomic_write(path: Path, content: str) -> None:
    """Write to a temporary file beside ``path``, then rename it: all or nothing."""
    tmp = _temp_beside(path, content.encode("utf-8"))
    try:
        os.replace(tmp, path)
    except BaseException:
        os.unlink(tmp)
        raise


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
    shown = out or _shown(path)
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
        _atomic_write(path, text)
        click.echo(f"Wrote {shown}.")


@cli.command()
@click.argument("claim")
@click.option("--claimant", help="Who made the claim: a person or an organisation.")
@click.option("--claim-date", type=click.DateTime(formats=["%Y-%m-%d"]),
              help="When the claim was made, YYYY-MM-DD (default: today).")
@click.option("--slug", help="The file name, without .yaml: the claim's address on the site. "
                             "Made from the claim's words when not given.")
@config_option
def new(claim: str, claimant: str | None, claim_date: dt.datetime | None, slug: str | None,
        config_file: str) -> None:
    """Start a claim file from the template: claims/<slug>.yaml, as a draft.

    Fills in the claim, the claimant and today's date, and leaves every other field
    empty for you to write; `factcheck check` lists what is still missing. Prints the
    path of the new file. An existing file is never replaced.
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
    text = new_claim(template_text(), claim, today, claimant=claimant, claim_date=day)
    shown = _shown(path)
    if not _create_new(path, text):
        raise click.ClickException(f"{shown} already exists, and factcheck never replaces a "
                                   "file; choose another name with --slug, e.g. --slug "
                                   f"{slug[:55]}-2")
    click.echo(shown)
    click.echo(f"Fill in the empty fields, then run `factcheck check {shown}`.", err=True)


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
    counts = _Archived(dry_run)
    cache: dict[tuple[str, str], str | Exception] = {}
    for path in files:
        counts.file(path, service, timeout, cache)
    click.echo(counts.summary())
    if counts.failed:
        sys.exit(1)


class _Archived:
    """``factcheck archive``'s work on each file, and its tally."""

    #: After this many failed lookups in a row, the archive is taken to be out of reach.
    GIVE_UP = 3

    def __init__(self, dry_run: bool):
        self.dry_run = dry_run
        self.added = self.files = self.missing = self.failed = 0
        self.failed_in_a_row = 0

    def file(self, path: Path, service: str, timeout: float,
             cache: dict[tuple[str, str], str | Exception]) -> None:
        """Look up one file's sources and add what was found; print its lines in order."""
        notes: list[Problem] = []
        self._file(path, service, timeout, cache, notes)
        for note in sorted(notes):
            click.echo(str(note))

    def _file(self, path: Path, service: str, timeout: float,
              cache: dict[tuple[str, str], str | Exception], notes: list[Problem]) -> None:
        from .archive import ArchiveError, NoCopy, lookup, save_url, wanted, with_archive_urls
        from .load import decode, parse_yaml

        shown = _shown(path)
        try:
            raw = path.read_bytes()
        except OSError as err:
            self.failed += 1
            notes.append(Problem(shown, 1, FILE, f"cannot be read ({err.strerror})"))
            return
        text, problems = decode(raw, shown)
        doc, more = parse_yaml(text, shown) if text is not None else (None, [])
        if text is None or doc is None:
            self.failed += 1
            notes.extend(problems + more)
            return
        todo, skipped = wanted(doc)
        notes.extend(Problem(shown, *note) for note in skipped)
        found: dict[int, str] = {}
        lines: dict[int, int] = {}
        for source in todo:
            key = (source.url, source.timestamp)
            if key in cache:  # the same document is often cited by several claims
                result = cache[key]
            elif self.failed_in_a_row >= self.GIVE_UP:
                # Waiting out a timeout for each of hundreds of sources helps no one.
                result = ArchiveError(f"not asked, as the last {self.GIVE_UP} lookups failed; "
                                      "run again later")
            else:
                try:
                    result = cache[key] = lookup(source.url, source.timestamp, service,
                                                 timeout)
                except NoCopy as err:
                    result = cache[key] = err
                except ArchiveError as err:
                    result = err  # not kept: it may work next time
                self.failed_in_a_row = self.failed_in_a_row + 1 \
                    if isinstance(result, ArchiveError) else 0
            field = f"sources[{source.index}].url"
            if isinstance(result, NoCopy):
                self.missing += 1
                notes.append(Problem(shown, source.line, field,
                                     f"{result}; save one at {save_url(source.url)}"))
            elif isinstance(result, Exception):
                self.failed += 1
                notes.append(Problem(shown, source.line, field, str(result)))
            else:
                found[source.index] = result
                lines[source.index] = source.line
        if not found:
            return
        if not self.dry_run:
            try:
                edited = with_archive_urls(text, found)
            except ValueError as err:
                self.failed += 1
                notes.append(Problem(shown, 1, FILE, "archive_url could not be added without "
                                                     f"changing anything else ({err}); add it "
                                                     "by hand"))
                return
            bom = codecs.BOM_UTF8 if raw.startswith(codecs.BOM_UTF8) else b""
            if not _replace_if_unchanged(path, raw, bom + edited.encode("utf-8")):
                self.failed += 1
                notes.append(Problem(shown, 1, FILE, "changed while the archive was being "
                                                     "asked, so nothing was added to it; run "
                                                     "`factcheck archive` again"))
                return
        verb = "would add" if self.dry_run else "added"
        notes.extend(Problem(shown, lines[i], f"sources[{i}].archive_url", f"{verb} {url}")
                     for i, url in found.items())
        self.added += len(found)
        self.files += 1

    def summary(self) -> str:
        verb = "Would add" if self.dry_run else "Added"
        parts = [f"{verb} {_count(self.added, 'archive_url')} in {_count(self.files, 'file')}"]
        if self.missing:
            parts.append(f"{_count(self.missing, 'source')} with no saved copy")
        if self.failed:
            parts.append(f"{_count(self.failed, 'failure')}: run again to retry")
        return "; ".join(parts) + "."


def _count(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _yaml_files(paths: tuple[str, ...]) -> list[Path]:
    files: list[Path] = []
    for given in map(Path, paths):
        files.extend(sorted(given.glob("*.yaml")) if given.is_dir() else [given])
    return files


def _shown(path: Path) -> str:
    """A path as the person will type it: relative to the current folder when inside it."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return str(path)


def _create_new(path: Path, content: str) -> bool:
    """Create ``path`` holding ``content``, all at once; False, changing nothing, if it exists.

    The text is written to a temporary file first and then linked into place, so no one
    (``mkdocs serve`` included) ever sees a half-written claim, and an existing file is
    never replaced: the link fails instead.
    """
    tmp = _temp_beside(path, content.encode("utf-8"))
    try:
        os.chmod(tmp, 0o644)
        try:
            os.link(tmp, path)
        except FileExistsError:
            return False
        except OSError:  # a file system without hard links: exclusive create instead
            try:
                out = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
            except FileExistsError:
                return False
            with os.fdopen(out, "w", encoding="utf-8", newline="\n") as fh:
                fh.write(content)
        return True
    finally:
        os.unlink(tmp)


def _replace_if_unchanged(path: Path, expected: bytes, content: bytes) -> bool:
    """Replace ``path`` with ``content`` atomically, unless it no longer holds ``expected``."""
    tmp = _temp_beside(path, content)
    try:
        shutil.copymode(path, tmp)
        # Someone may have saved the file while the archive was asked: their words win.
        if path.read_bytes() != expected:
            return False
        os.replace(tmp, path)
        return True
    except FileNotFoundError:
        return False
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def main() -> None:
    """Entry point of the ``factcheck`` command."""
    cli()
