# ruff: noqa: E501
"""Issue 5's table of broken input: every way a claim file can be broken, and the exact
message each gets, with its file and line.

Each case is checked alone, then all of them together in one run of the real CLI and one
real `mkdocs build`: every problem of every file is reported, no traceback, exit 1.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from generator.model import Settings
from generator.project import load_project
from tests.conftest import TODAY
from tests.test_cli import FACTCHECK
from tests.test_validate import GOOD


def change(old: str, new: str) -> str:
    assert old in GOOD, old
    return GOOD.replace(old, new)


LOL = "\n".join(['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'] + [
    f"a{i}: &a{i} [" + ",".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 10)])

#: (file name without .yaml, its bytes, the exact problems it must get)
BROKEN: list[tuple[str, bytes, list[str]]] = [
    ('empty', b"",
     ['claims/empty.yaml:1: file: is empty; start from the claim template, generator/data/claim-template.yaml']),
    ('only-comments', b"# nothing here yet\n\n",
     ['claims/only-comments.yaml:1: file: is empty; start from the claim template, generator/data/claim-template.yaml']),
    ('a-list', b"- claim: x\n- claim: y\n",
     ['claims/a-list.yaml:1: file: is a list, but a claim file must be a set of `name: value` fields; start from the template']),
    ('a-scalar', b"just some text\n",
     ['claims/a-scalar.yaml:1: file: is a piece of text, but a claim file must be a set of `name: value` fields; start from the template']),
    ('two-documents', (GOOD + "---\nclaim: another\n").encode(),
     ['claims/two-documents.yaml:15: file: holds more than one YAML document (a line of `---` starts another); keep one claim per file and remove the extra `---`']),
    ('tabs', change("  - title: Executive", "\t- title: Executive").encode(),
     ['claims/tabs.yaml:11: file: has a tab character where YAML expects spaces; indent with spaces, not tabs']),
    ('bom-then-error', b"\xef\xbb\xbf" + change("author: Fact Desk\n", "").encode(),
     ['claims/bom-then-error.yaml:1: author: is missing; add `author:` with who wrote the check']),
    ('utf16', GOOD.encode("utf-16"),
     ['claims/utf16.yaml:1: file: is saved as UTF-16 text; save the file with UTF-8 encoding instead']),
    ('latin1', change("The governor said so.", "Caf\u00e9 owners said so.").encode("latin-1"),
     ['claims/latin1.yaml:9: file: is not UTF-8 text (byte 0xe9 cannot be read); save the file with UTF-8 encoding']),
    ('binary', b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)),
     ['claims/binary.yaml:3: file: looks like a binary file, not text; a claim file must be YAML text saved as UTF-8']),
    ('ten-megabytes', (GOOD + "# " + "x" * 10_000_000 + "\n").encode(),
     ['claims/ten-megabytes.yaml:1: file: is 10.0 MB, too large for a claim or seed file (the limit is 1 MB); check that this is the right file']),
    ('deep-nesting', ("claim: " + "[" * 5000 + "]" * 5000 + "\n").encode(),
     ['claims/deep-nesting.yaml:1: claim[0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0]: nests values more than 20 levels deep; a claim file needs three at most']),
    ('deep-mappings', ("claim:\n" + "".join("  " * i + f"k{i}:\n" for i in range(1, 60)) ).encode(),
     ['claims/deep-mappings.yaml:21: claim.k1.k2.k3.k4.k5.k6.k7.k8.k9.k10.k11.k12.k13.k14.k15.k16.k17.k18.k19.k20: nests values more than 20 levels deep; a claim file needs three at most']),
    ('billion-laughs', LOL.encode(),
     ['claims/billion-laughs.yaml:1: a1[0]: uses a YAML alias (*name) (and 80 more in this file); anchors and aliases are not allowed in claim files, so write the value out in full']),
    ('python-tag', change("claimant: Portland Press Herald", "claimant: !!python/object/apply:os.system [id]").encode(),
     ['claims/python-tag.yaml:2: claimant: uses the YAML tag !!python/object/apply:os.system, which is not allowed; remove the tag and write plain text, lists and fields']),
    ('custom-tag', change("verdict: \"true\"", "verdict: !rating true").encode(),
     ['claims/custom-tag.yaml:6: verdict: uses the YAML tag !rating, which is not allowed; remove the tag and write plain text, lists and fields']),
    ('duplicate-key', change("author: Fact Desk", "author: Fact Desk\nauthor: Someone Else").encode(),
     ['claims/duplicate-key.yaml:14: author: is given twice (first on line 13); keep one of them']),
    ('merge-key', (GOOD + "base: &b {x: 1}\nextra:\n  <<: *b\n").encode(),
     ['claims/merge-key.yaml:17: extra: uses a YAML merge key (<<); write the fields out in full']),
    ('alias', change("author: Fact Desk", "author: &who Fact Desk\nreviewer: *who").encode(),
     ['claims/alias.yaml:14: reviewer: uses a YAML alias (*name); anchors and aliases are not allowed in claim files, so write the value out in full']),
    ('unquoted-colon', change("summary: LePage repeatedly called Portland a sanctuary city.", "summary: Verdict: he did").encode(),
     ['claims/unquoted-colon.yaml:7: file: is not valid YAML: mapping values are not allowed in this context; a value that contains `: ` must be put in double quotes']),
    ('over-indented-field', change("    url: https://www.federalregister.gov/d/2017-02102", "        url: https://www.federalregister.gov/d/2017-02102").encode(),
     ['claims/over-indented-field.yaml:12: file: is not valid YAML: mapping values are not allowed in this context; the likely cause is indentation: `url:` is indented more than `title:` on line 11; start both in the same column']),
    ('under-indented-field', change("    url: https://www.federalregister.gov/d/2017-02102", "   url: https://www.federalregister.gov/d/2017-02102").encode(),
     ["claims/under-indented-field.yaml:12: file: is not valid YAML: did not find expected '-' indicator; the likely cause is indentation: `url:` is indented less than `title:` on line 11; start both in the same column"]),
    ('over-indented-top-field', change("claimant: Portland Press Herald", "  claimant: Portland Press Herald").encode(),
     ['claims/over-indented-top-field.yaml:2: file: is not valid YAML: mapping values are not allowed in this context; the likely cause is indentation: `claimant:` is indented more than `claim:` on line 1; start both in the same column']),
    ('unindented-body-line', change("  The governor said so.\n", "  The governor said so.\n\n  In three interviews.\nHe repeated it in 2016.\n").encode(),
     ["claims/unindented-body-line.yaml:12: file: is not valid YAML: could not find expected ':'; the likely cause is indentation: if this line is part of `body` (line 8), indent it like the lines above it; if it starts a field, write it as `name: value`"]),
    ('misaligned-item', change("    url: https://www.federalregister.gov/d/2017-02102\n", "    url: https://www.federalregister.gov/d/2017-02102\n - title: Another\n   url: https://example.org/\n").encode(),
     ["claims/misaligned-item.yaml:13: file: is not valid YAML: did not find expected key; the likely cause is indentation: this item's `-` is indented less than the one on line 11; start both in the same column"]),
    ('body-line-one-space', change("  The governor said so.\n", "  The governor said so.\n He said it twice.\n").encode(),
     ["claims/body-line-one-space.yaml:10: file: is not valid YAML: did not find expected key; the likely cause is indentation: if this line is part of `body` (line 8), indent it like the lines above it; if it starts a field, write it as `name: value`"]),
    ('no-space-after-colon', change("claimant: Portland Press Herald", "claimant:Portland Press Herald").encode(),
     ["claims/no-space-after-colon.yaml:2: file: is not valid YAML: could not find expected ':'; the likely cause is a missing space: write `claimant: ` with a space after the colon"]),
    ('unclosed-quote', change('quote: "Gov. Paul', 'quote: "Gov. Paul LePage\nverdict2: "x').encode(),
     ['claims/unclosed-quote.yaml:6: file: is not valid YAML: did not find expected key; check the quotes, colons and indentation on this line and the one before']),
    ('unclosed-bracket', (GOOD + "tags: [maine, portland\n").encode(),
     ["claims/unclosed-bracket.yaml:16: file: is not valid YAML: did not find expected ',' or ']'; check the quotes, colons and indentation on this line and the one before"]),
    ('all-missing', b"status: draft\n",
     ['claims/all-missing.yaml:1: author: is missing; add `author:` with who wrote the check', 'claims/all-missing.yaml:1: body: is missing; add `body:` with the reasoning, in Markdown', 'claims/all-missing.yaml:1: claim: is missing; add `claim:` with the claim as checked, in one sentence', 'claims/all-missing.yaml:1: claimant: is missing; add `claimant:` with who made the claim: a person or an organisation', 'claims/all-missing.yaml:1: published: is missing; add `published:` with the date of the check', 'claims/all-missing.yaml:1: sources: is missing; add `sources:` with the documents the check rests on; at least one', 'claims/all-missing.yaml:1: summary: is missing; add `summary:` with the short answer, in one to three sentences', 'claims/all-missing.yaml:1: verdict: is missing; add `verdict:` with the verdict: a key of the rating scale']),
    ('null-author', change("author: Fact Desk", "author: ~").encode(),
     ['claims/null-author.yaml:13: author: is empty; write who wrote the check']),
    ('claim-is-list', change("claim: Gov. Paul LePage has criticized Portland as a sanctuary city.", "claim: [a, b]").encode(),
     ['claims/claim-is-list.yaml:1: claim: expected one line of text, got a list; write the text after the colon, in double quotes if it has a `:` or `#`']),
    ('claimant-is-mapping', change("claimant: Portland Press Herald", "claimant: {name: Portland Press Herald}").encode(),
     ['claims/claimant-is-mapping.yaml:2: claimant: expected one line of text, got a set of fields; write the text after the colon, in double quotes if it has a `:` or `#`']),
    ('claim-too-long', change("claim: Gov. Paul LePage has criticized Portland as a sanctuary city.", "claim: " + "word " * 200).encode(),
     ['claims/claim-too-long.yaml:1: claim: is 999 characters long; keep it under 500']),
    ('unknown-verdict', change('verdict: "true"', "verdict: mostly-flase").encode(),
     ["claims/unknown-verdict.yaml:6: verdict: 'mostly-flase' is not a valid choice (did you mean 'mostly-false'?); use one of true, mostly-true, half-true, mostly-false, false, misleading, unproven, opinion"]),
    ('verdict-number', change('verdict: "true"', "verdict: 5").encode(),
     ['claims/verdict-number.yaml:6: verdict: a number is not a valid choice; use one of true, mostly-true, half-true, mostly-false, false, misleading, unproven, opinion']),
    ('feb-30', change("published: 2017-02-03", "published: 2017-02-30").encode(),
     ["claims/feb-30.yaml:14: published: '2017-02-30' is not a real date; check the day and the month"]),
    ('month-13', change("claim_date: 2017-02-01", "claim_date: 2017-13-01").encode(),
     ["claims/month-13.yaml:3: claim_date: '2017-13-01' is not a real date; check the day and the month"]),
    ('future-date', change("published: 2017-02-03", "published: 2031-01-01").encode(),
     ['claims/future-date.yaml:14: published: 2031-01-01 is in the future; check the year (today is 2026-11-25)']),
    ('date-words', change("claim_date: 2017-02-01", "claim_date: last Monday").encode(),
     ["claims/date-words.yaml:3: claim_date: 'last Monday' is not a date; write it as YYYY-MM-DD, e.g. 2017-02-01"]),
    ('claim-after-check', change("claim_date: 2017-02-01", "claim_date: 2017-02-09").encode(),
     ['claims/claim-after-check.yaml:3: claim_date: is after `published`; a claim is checked after it is made']),
    ('sources-empty', change("sources:\n  - title: Executive Order 13768\n    url: https://www.federalregister.gov/d/2017-02102\n", "sources: []\n").encode(),
     ['claims/sources-empty.yaml:10: sources: is empty; give at least 1']),
    ('sources-string', change("sources:\n  - title: Executive Order 13768\n    url: https://www.federalregister.gov/d/2017-02102\n", "sources: https://www.federalregister.gov/d/2017-02102\n").encode(),
     ['claims/sources-string.yaml:10: sources: must be a list, not a piece of text; write it as lines starting with `- `']),
    ('source-no-url', change("    url: https://www.federalregister.gov/d/2017-02102\n", "").encode(),
     ['claims/source-no-url.yaml:11: sources[0].url: is missing; add `url:` with where to read it: an http or https address']),
    ('url-no-scheme', change("https://www.federalregister.gov/d/2017-02102", "www.federalregister.gov/d/2017-02102").encode(),
     ["claims/url-no-scheme.yaml:12: sources[0].url: 'www.federalregister.gov/d/2017-02102' is not a web address; start it with https:// and leave no spaces in it"]),
    ('url-javascript', change("https://www.federalregister.gov/d/2017-02102", "javascript:alert(1)").encode(),
     ["claims/url-javascript.yaml:12: sources[0].url: 'javascript:alert(1)' is not a web address; start it with https:// and leave no spaces in it"]),
    ('url-data', change("https://www.federalregister.gov/d/2017-02102", "data:text/html,<script>alert(1)</script>").encode(),
     ["claims/url-data.yaml:12: sources[0].url: 'data:text/html,<script>alert(1)</script>' is not a web address; start it with https:// and leave no spaces in it"]),
    ('tag-not-slug', (GOOD + "tags: [Sanctuary Cities]\n").encode(),
     ["claims/tag-not-slug.yaml:15: tags[0]: 'Sanctuary Cities' is not letters and digits of any script, joined by hyphens (like 'sanctuary-cities' or 'bibliothèques'); write it as 'sanctuary-cities'"]),
    ('tags-string', (GOOD + "tags: maine\n").encode(),
     ['claims/tags-string.yaml:15: tags: must be a list, not a piece of text; write it as [first, second]']),
    ('misspelt-field', change("summary:", "sumary:").encode(),
     ['claims/misspelt-field.yaml:1: summary: is missing; add `summary:` with the short answer, in one to three sentences', "claims/misspelt-field.yaml:7: sumary: is not a field of a claim file; did you mean 'summary'?"]),
    ('quote-not-in-seed', change('"Gov. Paul LePage, for one, criticized Portland as being a sanctuary city."', '"Gov. Paul LePage criticized Portland as a sanctuary city."').encode(),
     ['claims/quote-not-in-seed.yaml:5: quote: does not occur in seed \'press-herald-2017-02-01\'; the closest passage is "Gov. Paul LePage, for one, criticized Portland as being a sanctuary city.": copy the words exactly']),
    ('unknown-seed', change("seed: press-herald-2017-02-01", "seed: press-herald-2017-02-02").encode(),
     ["claims/unknown-seed.yaml:4: seed: there is no seed 'press-herald-2017-02-02'; did you mean 'press-herald-2017-02-01'?"]),
    ('seed-without-quote', change('quote: "Gov. Paul LePage, for one, criticized Portland as being a sanctuary city."\n', "").encode(),
     ["claims/seed-without-quote.yaml:1: quote: is missing; a claim drawn from a seed needs `quote:`, the seed's words copied exactly"]),
    ('related-unknown', (GOOD + "related: [no-such-claim]\n").encode(),
     ["claims/related-unknown.yaml:15: related[0]: there is no claim 'no-such-claim'; check the file name in claims/"]),
    ('related-self', (GOOD + "related: [related-self]\n").encode(),
     ['claims/related-self.yaml:15: related[0]: names this claim itself; list other claims only']),
    ('bad-status', (GOOD + "status: publish\n").encode(),
     ["claims/bad-status.yaml:15: status: 'publish' is not a valid choice (did you mean 'published'?); use one of published, draft"]),
    ('correction-no-note', (GOOD + "corrections:\n  - date: 2017-02-04\n").encode(),
     ['claims/correction-no-note.yaml:16: corrections[0].note: is missing; add `note:` with what was wrong and what was changed']),
    ('bidi-override', change("claimant: Portland Press Herald", "claimant: \"Portland \u202eldareH sserP\"").encode(),
     ['claims/bidi-override.yaml:2: claimant: contains invisible characters that change the direction of text (Unicode bidirectional controls); retype the text without them']),
    ('Upper-Case-Name', GOOD.encode(),
     ["claims/Upper-Case-Name.yaml:1: file: the file name 'Upper-Case-Name.yaml' cannot be a claim's address; rename the file to 'upper-case-name.yaml' (lowercase letters, digits and hyphens)"]),
]


def required(field: str, value: str) -> bytes:
    """GOOD with one required field (and its indented lines) given ``value`` instead."""
    block = re.search(rf"^{field}:.*\n(?:[ ].*\n)*", GOOD, re.M)
    assert block, field
    return GOOD.replace(block[0], f"{field}:{value}\n").encode()


BROKEN += [
    ("empty-claim", required("claim", ""),
     ['claims/empty-claim.yaml:1: claim: is empty; write the claim as checked, in one sentence']),
    ("wrong-type-claim", required("claim", " {a: 1}"),
     ['claims/wrong-type-claim.yaml:1: claim: expected one line of text, got a set of fields; write the text after the colon, in double quotes if it has a `:` or `#`']),
    ("empty-claimant", required("claimant", ""),
     ['claims/empty-claimant.yaml:2: claimant: is empty; write who made the claim: a person or an organisation']),
    ("wrong-type-claimant", required("claimant", " {a: 1}"),
     ['claims/wrong-type-claimant.yaml:2: claimant: expected one line of text, got a set of fields; write the text after the colon, in double quotes if it has a `:` or `#`']),
    ("empty-verdict", required("verdict", ""),
     ['claims/empty-verdict.yaml:6: verdict: is empty; write the verdict: a key of the rating scale']),
    ("wrong-type-verdict", required("verdict", " {a: 1}"),
     ['claims/wrong-type-verdict.yaml:6: verdict: a set of fields is not a valid choice; use one of true, mostly-true, half-true, mostly-false, false, misleading, unproven, opinion']),
    ("empty-summary", required("summary", ""),
     ['claims/empty-summary.yaml:7: summary: is empty; write the short answer, in one to three sentences']),
    ("wrong-type-summary", required("summary", " {a: 1}"),
     ['claims/wrong-type-summary.yaml:7: summary: expected one line of text, got a set of fields; write the text after the colon, in double quotes if it has a `:` or `#`']),
    ("empty-body", required("body", ""),
     ['claims/empty-body.yaml:8: body: is empty; write the reasoning, in Markdown']),
    ("wrong-type-body", required("body", " {a: 1}"),
     ['claims/wrong-type-body.yaml:8: body: expected text, got a set of fields; write the text after the colon, in double quotes if it has a `:` or `#`']),
    ("empty-sources", required("sources", ""),
     ['claims/empty-sources.yaml:10: sources: is empty; write the documents the check rests on; at least one']),
    ("wrong-type-sources", required("sources", " {a: 1}"),
     ['claims/wrong-type-sources.yaml:10: sources: must be a list, not a set of fields; write it as lines starting with `- `']),
    ("empty-author", required("author", ""),
     ['claims/empty-author.yaml:13: author: is empty; write who wrote the check']),
    ("wrong-type-author", required("author", " {a: 1}"),
     ['claims/wrong-type-author.yaml:13: author: expected one line of text, got a set of fields; write the text after the colon, in double quotes if it has a `:` or `#`']),
    ("empty-published", required("published", ""),
     ['claims/empty-published.yaml:14: published: is empty; write the date of the check']),
    ("wrong-type-published", required("published", " {a: 1}"),
     ['claims/wrong-type-published.yaml:14: published: a set of fields is not a date; write it as YYYY-MM-DD, e.g. 2017-02-01']),
]

BROKEN += [
    ("tag-with-newline", (GOOD + 'tags: ["maine\\n"]\n').encode(),
     ["claims/tag-with-newline.yaml:15: tags[0]: 'maine\\n' is not letters and digits of any script, joined by hyphens (like 'sanctuary-cities' or 'bibliothèques'); write it as 'maine'"]),
]

CYCLE = GOOD + "related: [{other}]\n"

#: Files outside claims/, or that need more than bytes, with the problems they must get.
SPECIAL = [
    "claims/old-style.yml:1: file: claim files end in .yaml; rename it to old-style.yaml",
    "claims/outside.yaml:1: file: is a link to a file outside the project; copy the file into the project instead",
    "claims/Portland-Case.yaml:1: file: has the same name as claims/portland-case.yaml but for capital letters; on Windows and macOS they would be one file, and their pages one address, so rename or merge them",
    "seeds/lonely.yaml:1: file: has no document beside it; add lonely.txt (or .md) with the document's text, or remove this file",
    "seeds/orphan.txt:1: file: has no metadata; create seeds/orphan.yaml with its title, publisher, date and url",
    "seeds/untitled.yaml:1: title: is missing; add `title:` with the document's title",
]


def add_special(root: Path, outside: Path) -> None:
    claims, seeds = root / "claims", root / "seeds"
    (claims / "old-style.yml").write_text(GOOD, encoding="utf-8")
    outside.write_text(GOOD, encoding="utf-8")
    os.symlink(outside, claims / "outside.yaml")
    (claims / "portland-case.yaml").write_text(GOOD, encoding="utf-8")
    (claims / "Portland-Case.yaml").write_text(GOOD, encoding="utf-8")
    (seeds / "lonely.yaml").write_text("title: T\n", encoding="utf-8")
    (seeds / "orphan.txt").write_text("Some text.\n", encoding="utf-8")
    (seeds / "untitled.txt").write_text("Some text.\n", encoding="utf-8")
    (seeds / "untitled.yaml").write_text(
        "publisher: X\ndate: 2017-02-01\nurl: https://example.org/\n", encoding="utf-8")
    # Two claims that name each other: a cycle is allowed, and must not loop.
    (claims / "cycle-a.yaml").write_text(CYCLE.format(other="cycle-b"), encoding="utf-8")
    (claims / "cycle-b.yaml").write_text(CYCLE.format(other="cycle-a"), encoding="utf-8")


def test_the_table_is_big_enough() -> None:
    assert len(BROKEN) + len(SPECIAL) >= 40
    assert len({name for name, _, _ in BROKEN}) == len(BROKEN)


@pytest.mark.parametrize(("name", "content", "expected"), BROKEN, ids=[b[0] for b in BROKEN])
def test_each_broken_file(site: Path, settings: Settings, name: str, content: bytes,
                          expected: list[str]) -> None:
    (site / "claims" / f"{name}.yaml").write_bytes(content)
    project = load_project(site, settings, today=TODAY)
    assert sorted(map(str, project.problems)) == sorted(expected)
    assert name not in {c.id for c in project.claims}
    assert len(project.claims) == 3  # the good files still load


def test_special_cases_and_a_related_cycle(site: Path, settings: Settings,
                                           tmp_path: Path) -> None:
    add_special(site, tmp_path / "outside.yaml")
    project = load_project(site, settings, today=TODAY)
    assert sorted(map(str, project.problems)) == sorted(SPECIAL)
    cycle = {c.id: c for c in project.claims if c.id.startswith("cycle-")}
    assert cycle["cycle-a"].related == ("cycle-b",) and cycle["cycle-b"].related == ("cycle-a",)


@pytest.fixture
def all_broken(site: Path, tmp_path: Path) -> tuple[Path, list[str]]:
    for name, content, _ in BROKEN:
        (site / "claims" / f"{name}.yaml").write_bytes(content)
    add_special(site, tmp_path / "outside.yaml")
    expected = sorted({line for _, _, lines in BROKEN for line in lines} | set(SPECIAL))
    return site, expected


def test_one_cli_run_reports_every_problem(all_broken: tuple[Path, list[str]]) -> None:
    site, expected = all_broken
    result = subprocess.run([*FACTCHECK, "check"], cwd=site, capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    lines = result.stdout.splitlines()
    files = len({line.split(":", 1)[0] for line in expected})
    assert lines == [*expected, f"{len(expected)} problems in {files} files; fix them and "
                                "run `factcheck check` again."]


def test_one_build_reports_every_problem(all_broken: tuple[Path, list[str]]) -> None:
    site, expected = all_broken
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=site,
                            capture_output=True, text=True, timeout=300, env=env)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    for line in expected:
        assert line in result.stderr
    assert not (site / "site" / "index.html").exists()

