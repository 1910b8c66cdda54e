"""What to tell a writer about a YAML syntax error: the line to change, and the likely cause.

PyYAML says where its parser gave up, in the parser's words. That is not always the
line to change, nor the reason a person would give: a field indented too far is "mapping
values are not allowed", a body line that lost its indentation is reported on the line
after it, a missing space after a colon on the line after that. This module reads the
lines around the error, as a colleague would, and names the likely cause.

>>> text = "sources:\\n  - title: A\\n      url: https://a.example\\n"
>>> err = None
>>> try:
...     yaml.compose(text, Loader=yaml.SafeLoader)
... except yaml.MarkedYAMLError as error:
...     err = error
>>> print(syntax_problem(err, text, "claims/x.yaml"))  # doctest: +NORMALIZE_WHITESPACE
claims/x.yaml:3: file: is not valid YAML: mapping values are not allowed here; the likely
cause is indentation: `url:` is indented more than `title:` on line 2; start both in the
same column
"""

from __future__ import annotations

import re

import yaml

from .problems import FILE, Problem

#: A line that starts a field: indentation, maybe a list item's `- `, a one-word name.
_FIELD = re.compile(r"^( *)(- +)?([A-Za-z_][\w-]*):(?: |$)")
#: A line that starts a list item.
_ITEM = re.compile(r"^( *)- ")
#: A field whose value is a block of text on the lines below it: `body: |`.
_BLOCK_TEXT = re.compile(r"^ *(?:- +)?([A-Za-z_][\w-]*): *[|>][-+0-9]*[ \t]*(?:#.*)?$")
#: A field with no space after its colon, `claim:Portland`, which YAML reads as text.
_NO_SPACE = re.compile(r"^ *(?:- +)?([A-Za-z_][\w-]*):(?=[^\s/])")

INDENTATION = "the likely cause is indentation"


def syntax_problem(err: yaml.MarkedYAMLError, text: str, shown: str) -> Problem:
    """The problem to report for a file YAML cannot parse: its line and what to do."""
    mark = err.problem_mark or err.context_mark
    line = mark.line + 1 if mark else 1
    column = mark.column if mark else 0
    what = str(err.problem or err.context or "cannot be parsed")
    lines = text.splitlines()
    source_line = lines[line - 1] if 0 < line <= len(lines) else ""
    if "expected a single document" in what or "but found another document" in what:
        return _file(shown, line, "holds more than one YAML document (a line of `---` starts "
                                  "another); keep one claim per file and remove the extra `---`")
    if "maximum nesting depth" in what:
        return _file(shown, line, "nests values too deeply; a claim file needs three levels "
                                  "at most")
    if "\t" in source_line and "cannot start any token" in what:
        return _file(shown, line, "has a tab character where YAML expects spaces; indent with "
                                  "spaces, not tabs")
    scanning_key = "could not find expected ':'" in what and err.context_mark is not None
    if scanning_key:
        # The scanner gives up on the line after the one that is wrong (often a line of
        # `body: |` text that lost its indentation): report the line it started on.
        line = err.context_mark.line + 1  # type: ignore[union-attr]
    found = (_no_space(lines, line) or _misplaced_item(lines, line)
             or _misplaced_field(lines, line, column) or _unindented_text(lines, line))
    if found is not None:
        line, hint = found
    elif scanning_key:
        hint = (f"{INDENTATION}: indent this line like the value it belongs to, or write it "
                "as `name: value`")
    elif "mapping values are not allowed" in what:
        hint = "a value that contains `: ` must be put in double quotes"
    elif "found character" in what and "cannot start any token" in what:
        hint = "put the value in double quotes"
    else:
        hint = "check the quotes, colons and indentation on this line and the one before"
    return _file(shown, line, f"is not valid YAML: {what}; {hint}")


def _file(shown: str, line: int, message: str) -> Problem:
    return Problem(shown, line, FILE, message)


def _line(lines: list[str], number: int) -> str:
    return lines[number - 1] if 0 < number <= len(lines) else ""


def _indent(text: str) -> int:
    return len(text) - len(text.lstrip(" "))


def _content_above(lines: list[str], line: int) -> int:
    """The number of the nearest line above ``line`` that is neither blank nor a comment."""
    for number in range(line - 1, 0, -1):
        text = lines[number - 1].strip()
        if text and not text.startswith("#"):
            return number
    return 0


def _no_space(lines: list[str], line: int) -> tuple[int, str] | None:
    """`claim:Portland` on this line or the one above: YAML reads it as text, not a field."""
    above = _content_above(lines, line)
    # The line above counts only if it is not indented further: else it is a value's text.
    for number in (line, above) if _indent(_line(lines, above)) <= _indent(_line(lines, line)) \
            else (line,):
        match = _NO_SPACE.match(_line(lines, number))
        if match:
            return number, (f"the likely cause is a missing space: write `{match[1]}: ` with a "
                            "space after the colon")
    return None


def _misplaced_item(lines: list[str], line: int) -> tuple[int, str] | None:
    """A list item whose `-` is not lined up with the item before it."""
    item = _ITEM.match(_line(lines, line))
    if item is None:
        return None
    for number in range(line - 1, 0, -1):
        above = _ITEM.match(lines[number - 1])
        if above is None:
            continue
        if len(above[1]) == len(item[1]):
            return None
        how = "more" if len(item[1]) > len(above[1]) else "less"
        return line, (f"{INDENTATION}: this item's `-` is indented {how} than the one on line "
                      f"{number}; start both in the same column")
    return None


def _misplaced_field(lines: list[str], line: int, column: int) -> tuple[int, str] | None:
    """A field not lined up with the field above it.

    A field indented further than the one above reads, to YAML, as more of that field's
    value, so its colon is "not allowed"; one indented less ends the list item early.
    """
    match = _FIELD.match(_line(lines, line))
    if match is None or column > match.end():
        return None  # the error is further along the line than the field's own colon
    number = _content_above(lines, line)
    above = _FIELD.match(_line(lines, number))
    if above is None:
        return None  # the text of a value: indentation cannot be judged from it
    indent, above_indent = len(match[0]) - len(match[0].lstrip(" -")), \
        len(above[0]) - len(above[0].lstrip(" -"))
    has_value = _line(lines, number)[above.end():].split(" #", 1)[0].strip()
    if not has_value or indent == above_indent:
        return None  # a field that opens a nested block, or a line already lined up
    how = "more" if indent > above_indent else "less"
    return line, (f"{INDENTATION}: `{match[3]}:` is indented {how} than `{above[3]}:` on line "
                  f"{number}; start both in the same column")


def _unindented_text(lines: list[str], line: int) -> tuple[int, str] | None:
    """A line that is not a field, below `body: |` text: it lost its indentation."""
    text = _line(lines, line)
    if _FIELD.match(text) or _ITEM.match(text):
        return None
    for number in range(line - 1, 0, -1):
        block = _BLOCK_TEXT.match(lines[number - 1])
        if block:
            return line, (f"{INDENTATION}: if this line is part of `{block[1]}` (line "
                          f"{number}), indent it like the lines above it; if it starts a "
                          "field, write it as `name: value`")
        if _FIELD.match(lines[number - 1]) and not lines[number - 1].startswith(" "):
            return None  # another field began since: not the text of a block
    return None
