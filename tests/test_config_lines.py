"""Problems in the plugin's settings name their line of mkdocs.yml, whatever tags it uses."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.config_lines import plugin_lines
from tests.test_build import build
from tests.test_cli import run

SCALE = """\
      ratings:
        - {key: accurate, label: Accurate, description: Right., icon: material/check, color: "#1a7f37", value: 2}
        - key: inaccurate
          label: Inaccurate
          description: Wrong.
          icon: material/no-such-icon
          color: "#cf222e"
          value: 1
        - {key: accurate, label: Again, description: Twice., icon: material/check, color: "#1a7f37"}
"""  # noqa: E501
#: Settings MkDocs allows that no YAML loader of ours may act on: a Python name, an
#: environment variable, anchors and aliases.
TAGGED = """\
markdown_extensions:
  - pymdownx.emoji:
      emoji_index: !!python/name:material.extensions.emoji.twemoji
      emoji_generator: !!python/name:material.extensions.emoji.to_svg
  - toc: &toc
      permalink: !ENV [FACTCHECK_PERMALINK, true]
"""


@pytest.mark.parametrize(("text", "path", "line"), [
    ("plugins:\n  - search\n  - factcheck:\n      per_page: 3\n", ("per_page",), 4),
    ("plugins:\n  search: {}\n  factcheck:\n    per_page: 3\n", ("per_page",), 4),
    ("plugins:\n  - search\n  - factcheck\n", ("ratings", 0, "icon"), 3),  # not written
    ("INHERIT: base.yml\n", ("ratings",), 1),  # the plugin is in another file
    ("plugins: [\n", ("ratings",), 1),  # not YAML: MkDocs itself says so
    (TAGGED + "plugins:\n  - factcheck:\n      ratings: x\n", ("ratings",), 9),
])
def test_plugin_lines(text: str, path: tuple[str | int, ...], line: int) -> None:
    assert plugin_lines(text).line(path) == line


def test_aliases_are_walked_once() -> None:
    lol = "\n".join(['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'] + [
        f"a{i}: &a{i} [" + ",".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 10)])
    assert plugin_lines(lol + "\nplugins: [factcheck]\n").line(("x",)) == 1


def with_scale(site: Path) -> list[str]:
    """Put SCALE and TAGGED into the site's mkdocs.yml; the problems, on their lines."""
    config = site / "mkdocs.yml"
    text = config.read_text().replace("      per_page: 2\n", "      per_page: 2\n" + SCALE)
    text = text.replace("markdown_extensions:\n  - toc:\n      permalink: true\n", TAGGED)
    config.write_text(text)
    lines = text.splitlines()
    icon = lines.index("          icon: material/no-such-icon") + 1
    again = next(i for i, x in enumerate(lines) if "label: Again" in x) + 1
    return [f"mkdocs.yml:{icon}: ratings[1].icon: there is no icon 'material/no-such-icon'; "
            "use a Material icon name such as 'material/check-circle'",
            f"mkdocs.yml:{again}: ratings[2].key: 'accurate' is used twice; give each rating "
            "its own key"]


def test_check_and_build_give_the_line_of_each_rating_problem(site: Path) -> None:
    expected = with_scale(site)
    result = run("check", cwd=site)
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        *expected, "2 problems in 1 file; fix them and run `factcheck check` again."]
    result = build(site)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    for line in expected:
        assert line in result.stderr
