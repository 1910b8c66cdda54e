"""The build cache (generator/build_cache.py): a warm build writes the site a cold build
writes, byte for byte, and a change to anything a page is made from reaches the page.

Real `mkdocs build --strict` runs of the fixture project, each in a subprocess: one builds
twice with its cache (warm), the other once without (cold), and the two sites compare.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from generator import build_cache, model
from generator.build_cache import claim_from_json, claim_to_json
from generator.model import Settings
from generator.project import ClaimCache, load_project
from tests.conftest import FIXTURE, TODAY
from tests.test_languages import copy_fixture

CLAIM = "claims/lepage-called-portland-sanctuary-city.yaml"
RELATED = "claims/birmingham-passed-sanctuary-resolution.yaml"
SEED = "seeds/press-herald-2017-02-01.txt"
PAGE = "claims/lepage-called-portland-sanctuary-city/index.html"


def run_build(project: Path, *extra: str, env: dict[str, str] | None = None,
              engine: str = "mkdocs") -> str:
    """A real strict build of ``project`` by ``engine`` (mkdocs or properdocs); its log."""
    result = subprocess.run(
        [sys.executable, "-m", engine, "build", "--strict", *extra], cwd=project,
        capture_output=True, text=True, timeout=300,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})})
    assert result.returncode == 0, result.stderr
    return result.stderr


def files_of(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes()
            for p in sorted(site.rglob("*")) if p.is_file()}


def reused(log: str) -> tuple[int, int]:
    """(pages taken from the cache, generated pages) as the build reported them."""
    line = next(line for line in log.splitlines() if "pages as built before" in line)
    words = line.split("factcheck: ", 1)[1].split()
    return int(words[0]), int(words[2])


def cold_site(project: Path, tmp_path: Path) -> dict[str, bytes]:
    """The site a build of a copy of ``project`` with no cache writes."""
    cold = tmp_path / "cold"
    shutil.rmtree(cold, ignore_errors=True)
    shutil.copytree(project, cold, ignore=shutil.ignore_patterns("site", ".cache"))
    run_build(cold)
    return files_of(cold / "site")


@pytest.fixture
def warm(site: Path) -> Path:
    """The fixture project, built once so that its cache holds every page."""
    log = run_build(site)
    pages = reused(log)
    assert pages[0] == 0 and pages[1] > 10
    assert (site / ".cache" / "factcheck" / "build.sqlite").is_file()
    return site


def test_a_warm_build_writes_what_a_cold_build_writes(warm: Path, tmp_path: Path) -> None:
    cold = files_of(warm / "site")
    log = run_build(warm)
    taken, total = reused(log)
    assert taken == total  # nothing changed: every generated page comes from the cache
    assert files_of(warm / "site") == cold
    assert files_of(warm / "site") == cold_site(warm, tmp_path)


def _edit(path: str, old: str, new: str) -> Callable[[Path], None]:
    def change(project: Path) -> None:
        text = (project / path).read_text(encoding="utf-8")
        assert old in text, (path, old)
        (project / path).write_text(text.replace(old, new, 1), encoding="utf-8")
    return change


def _override(project: Path) -> None:
    partial = project / "overrides" / "main.html"
    partial.parent.mkdir(exist_ok=True)
    partial.write_text('{% extends "base.html" %}\n{% block announce %}Overridden{% endblock %}\n',
                       encoding="utf-8")
    _edit("mkdocs.yml", "  name: material\n", "  name: material\n  custom_dir: overrides\n")(
        project)


def _commit(project: Path) -> None:
    """Put the project in git: the claim's page then shows its history from it."""
    for args in (["init", "-q"], ["add", "claims", "seeds", "mkdocs.yml"],
                 ["commit", "-q", "-m", "The first claims"]):
        subprocess.run(["git", *args], cwd=project, check=True, capture_output=True)


# Each input of a claim's page, changed; what the claim's page must then show.
CHANGES = {
    "the claim": (_edit(CLAIM, "in 2015 and 2016.", "in 2015, 2016 and later."), "and later."),
    "a claim it links to": (_edit(RELATED, "claim: ", "claim: Renamed, "), "Renamed, "),
    "its seed": (_edit("seeds/press-herald-2017-02-01.yaml", "title: Groups press",
                       "title: Groups urge"), "Groups urge"),
    "the settings": (_edit("mkdocs.yml", "edit_url: https://github.com/example/site/",
                           "edit_url: https://git.example.org/site/"), "git.example.org"),
    "the theme's overrides": (_override, "Overridden"),
    "the navigation": (_edit("mkdocs.yml", "  - All claims: claims/index.md",
                             "  - Every claim: claims/index.md"), "Every claim"),
    "the site's configuration": (_edit("mkdocs.yml", "site_name: Test Fact Check",
                                       "site_name: Other Fact Check"), "Other Fact Check"),
    "the site's language (its words)": (_edit("mkdocs.yml", "  name: material\n",
                                              "  name: material\n  language: fr\n"), "En bref"),
    "its history in git": (_commit, "First published"),
}


@pytest.mark.usefixtures("isolated_git")
@pytest.mark.parametrize("change", sorted(CHANGES))
def test_a_change_to_each_input_reaches_the_page(change: str, warm: Path,
                                                 tmp_path: Path) -> None:
    edit, shown = CHANGES[change]
    before = (warm / "site" / PAGE).read_text(encoding="utf-8")
    assert shown not in before
    edit(warm)
    run_build(warm)
    after = files_of(warm / "site")
    assert shown.encode() in after[PAGE]
    assert after == cold_site(warm, tmp_path)


def test_a_changed_share_card_reaches_the_page(warm: Path, tmp_path: Path) -> None:
    """The page names its card by what the card shows: a new claimant, a new card."""
    card = re.compile(rb'<meta property="og:image" content="([^"]+)"')
    before = card.findall(files_of(warm / "site")[PAGE])
    _edit(CLAIM, "claimant: ", "claimant: Gov. ")(warm)
    run_build(warm)
    after = files_of(warm / "site")
    assert card.findall(after[PAGE]) and card.findall(after[PAGE]) != before
    assert after == cold_site(warm, tmp_path)


def test_in_several_languages_a_page_knows_its_versions(tmp_path: Path) -> None:
    """A page of a site in several languages links to its versions (the head's hreflang
    links, the language switcher): a translation removed reaches its original's page,
    and the warm site is still the cold one."""
    project = copy_fixture("editions", tmp_path / "editions")
    assert reused(run_build(project))[0] == 0
    page = project / "site" / "claims" / "birmingham-passed-sanctuary-resolution" / "index.html"
    assert '<link rel="alternate " hreflang="fr"' in page.read_text(encoding="utf-8")
    (project / "translations" / "fr" / "birmingham-passed-sanctuary-resolution.yaml").unlink()
    taken, total = reused(run_build(project))
    assert 0 < taken < total
    assert '<link rel="alternate " hreflang="fr"' not in page.read_text(encoding="utf-8")
    assert files_of(project / "site") == cold_site(project, tmp_path)


OTHER = "claims/birmingham-passed-sanctuary-resolution/index.html"


def test_a_warm_build_leaves_unchanged_pages_where_they_are(warm: Path, tmp_path: Path) -> None:
    """An unchanged page's file stays the one the last build wrote (not written again);
    a changed page, a deleted claim's page and everything else are as a cold build's."""
    site = warm / "site"
    before = {path: os.stat(site / path) for path in (PAGE, OTHER)}
    _edit(CLAIM, "in 2015 and 2016.", "in 2015, 2016 and later.")(warm)
    gone = sorted((warm / "claims").glob("*.yaml"))[-1]
    assert gone.name != Path(CLAIM).name and gone.name != Path(RELATED).name
    gone.unlink()
    run_build(warm)
    after = os.stat(site / OTHER)
    assert (after.st_ino, after.st_mtime_ns) == (before[OTHER].st_ino,
                                                before[OTHER].st_mtime_ns)
    assert os.stat(site / PAGE).st_mtime_ns != before[PAGE].st_mtime_ns
    assert not (site / "claims" / gone.stem).exists()
    assert files_of(site) == cold_site(warm, tmp_path)


def _forked(log: str) -> str:
    """Beside what the forked process wrote claims.json and the search index."""
    line = next(line for line in log.splitlines() if "written by a forked process" in line)
    return line.rsplit(" beside ", 1)[1]


def test_the_whole_files_are_written_beside_the_whole_warm_build(warm: Path,
                                                               tmp_path: Path) -> None:
    """After a few changed claims, claims.json and the search index are written by a
    process forked as soon as the claims are known; but not where a hand-written page
    stands in the search index's folder, which putting back the last build's pages could
    meet: then only beside the pages, as a build with many pages to write does."""
    _edit(CLAIM, "in 2015 and 2016.", "in 2015, 2016 and later.")(warm)
    assert _forked(run_build(warm, "--verbose")) == "the whole build"
    assert files_of(warm / "site") == cold_site(warm, tmp_path)
    help_page = warm / "content" / "search" / "tips.md"
    help_page.parent.mkdir()
    help_page.write_text("# Search tips\n\nQuote a name to find it whole.\n", encoding="utf-8")
    run_build(warm)
    _edit(CLAIM, "2016 and later.", "2016 and since.")(warm)
    assert _forked(run_build(warm, "--verbose")) == "the pages"
    assert (warm / "site" / "search" / "tips" / "index.html").is_file()
    assert files_of(warm / "site") == cold_site(warm, tmp_path)


#: `mkdocs build --strict --verbose`, its forked writer failing as soon as it starts.
FAILING_FORK = """\
import os, sys
from generator import forked_files
from mkdocs.__main__ import cli

start = forked_files.ForkedFiles.__init__

def failing(self, write, store):
    def fail():
        raise OSError("no space left on the device")
    start(self, fail, store)

forked_files.ForkedFiles.__init__ = failing
sys.argv = ["mkdocs", "build", "--strict", "--verbose"]
cli()
"""


def test_when_the_forked_writer_fails_the_build_writes_the_same_files(
        warm: Path, tmp_path: Path) -> None:
    """The forked process fails: the build writes claims.json and the search index
    itself at its end, of the pages as they were before MkDocs read any."""
    _edit(CLAIM, "in 2015 and 2016.", "in 2015, 2016 and later.")(warm)
    result = subprocess.run([sys.executable, "-c", FAILING_FORK], cwd=warm,
                            capture_output=True, text=True, timeout=300,
                            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert result.returncode == 0, result.stderr
    assert _forked(result.stderr) == "the whole build"
    assert files_of(warm / "site") == cold_site(warm, tmp_path)


def test_a_page_changed_in_the_site_folder_is_written_again(warm: Path,
                                                           tmp_path: Path) -> None:
    """A page changed, replaced or deleted by hand after a build is not taken as the
    build left it: the next build writes it again, as does one after the whole folder
    is gone."""
    site = warm / "site"
    text = (site / OTHER).read_text(encoding="utf-8")
    stat = os.stat(site / OTHER)
    (site / OTHER).write_text(text.replace("<html", "<HTML", 1), encoding="utf-8")
    os.utime(site / OTHER, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # same size and time
    (site / PAGE).unlink()
    run_build(warm)
    assert files_of(site) == cold_site(warm, tmp_path)
    shutil.rmtree(site)
    assert reused(run_build(warm))[0] > 0  # from the cache, though not from the folder
    assert files_of(site) == cold_site(warm, tmp_path)


def test_a_claim_file_changed_with_its_size_and_time_kept_is_read_again(
        warm: Path, tmp_path: Path) -> None:
    """A build takes a claim file whose size, times and inode are unchanged as unchanged;
    a change that keeps the size and sets the old modification time back still shows."""
    path = warm / CLAIM
    text = path.read_text(encoding="utf-8")
    stat = os.stat(path)
    assert "in 2015 and 2016." in text
    with open(path, "r+", encoding="utf-8") as out:  # the same file (inode), rewritten
        out.write(text.replace("in 2015 and 2016.", "in 2013 and 2014."))
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert os.stat(path).st_size == stat.st_size and os.stat(path).st_ino == stat.st_ino
    run_build(warm)
    assert "in 2013 and 2014." in (warm / "site" / PAGE).read_text(encoding="utf-8")
    assert files_of(warm / "site") == cold_site(warm, tmp_path)


def test_the_environment_is_in_every_key(warm: Path, tmp_path: Path) -> None:
    """Another installed package (or version) and the generator's own files are in the key:
    no page is taken from the cache when they differ."""
    dist = tmp_path / "packages" / "newsroom_extra-1.0.dist-info"
    dist.mkdir(parents=True)
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: newsroom-extra\n"
                                   "Version: 1.0\n", encoding="utf-8")
    log = run_build(warm, env={"PYTHONPATH": str(tmp_path / "packages")})
    assert reused(log)[0] == 0

    build_cache.environment.cache_clear()
    before = build_cache.environment()
    package = tmp_path / "generator"
    shutil.copytree(Path(build_cache.__file__).parent, package)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(build_cache, "_PACKAGE", package)
        build_cache.environment.cache_clear()
        assert build_cache.environment() == before
        template = package / "templates" / "claim.md.j2"
        template.write_text(template.read_text() + "\n", encoding="utf-8")
        build_cache.environment.cache_clear()
        assert build_cache.environment() != before
    build_cache.environment.cache_clear()


def test_a_build_with_a_warning_keeps_nothing(warm: Path) -> None:
    """Pages made by a build that warned are not kept: the next build makes them again."""
    _edit(CLAIM, "in 2015 and 2016.", "in 2015 and 2016!")(warm)
    (warm / "content" / "extra.md").write_text("# Extra\n\n[x](nowhere.md)\n", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build"], cwd=warm,
                            capture_output=True, text=True, timeout=300,
                            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert result.returncode == 0 and "nowhere.md" in result.stderr
    (warm / "content" / "extra.md").unlink()
    taken, total = reused(run_build(warm))
    assert 0 < taken < total  # the changed claim's pages are made again
    taken, total = reused(run_build(warm))
    assert taken == total  # and kept by this build, which did not warn


def test_the_cache_can_be_turned_off(site: Path) -> None:
    _edit("mkdocs.yml", "  - factcheck:\n", "  - factcheck:\n      cache: false\n")(site)
    log = run_build(site)
    assert "pages as built before" not in log
    # (The share cards and git's history keep their own caches beside it.)
    assert not (site / ".cache" / "factcheck" / "build.sqlite").exists()


# -- checked claims, kept between runs ----------------------------------------------------

def _project(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    shutil.copytree(FIXTURE, root)
    return root


def test_claims_come_back_from_json_unchanged(settings: Settings) -> None:
    loaded = load_project(FIXTURE, settings, today=TODAY)
    assert loaded.claims and not loaded.problems
    # Every field filled in by one claim or another, an exception to a standard too.
    excepted = dataclasses.replace(loaded.claims[0], exceptions=(model.StandardException(
        "primary_source", "The council's minutes are not online."),))
    for field in ("corrections", "quote_span", "updated", "claim_date", "related", "tags"):
        assert any(getattr(claim, field) for claim in loaded.claims), field
    for claim in [*loaded.claims, excepted]:
        back = claim_from_json(claim_to_json(claim), settings)
        assert back == claim
        assert vars(back) == vars(claim)  # the same types too (tuples, dates)
        assert back.key == claim.key == model.fingerprint(back)  # kept, and still true


def test_a_kept_claim_is_checked_again_when_what_it_depends_on_changes(
        tmp_path: Path, settings: Settings) -> None:
    root = _project(tmp_path)
    cache = ClaimCache()
    assert load_project(root, settings, today=TODAY, cache=cache).problems == []
    assert len(cache.valid) == 3

    # Unchanged: every claim is taken as it was (not even parsed).
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("generator.project.validate_claim", lambda *a: pytest.fail("checked"))
        assert len(load_project(root, settings, today=TODAY, cache=cache).claims) == 3

    # The claim it names as related is gone.
    (root / RELATED).unlink()
    problems = load_project(root, settings, today=TODAY, cache=cache).problems
    assert [p.field for p in problems] == ["related[0]"]
    shutil.copy(FIXTURE / RELATED, root / RELATED)

    # Today is earlier than one of its dates.
    problems = load_project(root, settings, today=dt.date(2017, 2, 2), cache=cache).problems
    assert any(p.path == CLAIM and p.field == "published" for p in problems)

    # Its seed no longer has the quoted words.
    seed = root / SEED
    seed.write_text(seed.read_text().replace("criticized Portland", "praised Portland"))
    problems = load_project(root, settings, today=TODAY, cache=cache).problems
    assert [(p.path, p.field) for p in problems] == [(CLAIM, "quote")]

    # The settings changed: everything is checked again.
    other = dataclasses.replace(settings, per_page=7)
    with pytest.MonkeyPatch.context() as patch:
        checked: list[str] = []
        real = load_project.__globals__["validate_claim"]
        patch.setattr("generator.project.validate_claim",
                      lambda *a, **k: checked.append(a[0]) or real(*a, **k))
        load_project(root, other, today=TODAY, cache=cache)
        assert len(checked) == 3
