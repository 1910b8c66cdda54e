"""Parsing YAML into plain values with lines, and refusing what is unsafe or ambiguous."""

from __future__ import annotations

import pytest

from generator.load import decode, parse_yaml


@pytest.mark.parametrize(("text", "expected"), [
    ("", "f.yaml:1: file: is empty; start from the claim template, "
         "generator/data/claim-template.yaml"),
    ("a: 1\nb: [\n", "f.yaml:3: file: is not valid YAML: did not find expected node content; "
                     "check the quotes, colons and indentation on this line "
                     "and the one before"),
    ("claim: x\nclaim: y\n", "f.yaml:2: claim: is given twice (first on line 1); keep one "
                             "of them"),
    ("a: 1\n---\nb: 2\n", "f.yaml:2: file: holds more than one YAML document (a line of `---` "
                          "starts another); keep one claim per file and remove the extra `---`"),
    ("a:\n\t- 1\n", "f.yaml:2: file: has a tab character where YAML expects spaces; indent "
                    "with spaces, not tabs"),
    ("claim: Portland: a city\n", "f.yaml:1: file: is not valid YAML: mapping values are not "
                                  "allowed in this context; a value that contains `: ` must be "
                                  "put in double quotes"),
    ("a: &x [1]\nb: *x\n", "f.yaml:2: b: uses a YAML alias (*name); anchors and aliases are "
                           "not allowed in claim files, so write the value out in full"),
    ("a: !!python/object/apply:os.system [echo]\n",
     "f.yaml:1: a: uses the YAML tag !!python/object/apply:os.system, which is not allowed; "
     "remove the tag and write plain text, lists and fields"),
    ("a: !custom x\n", "f.yaml:1: a: uses the YAML tag !custom, which is not allowed; remove "
                       "the tag and write plain text, lists and fields"),
    ("base: &b {x: 1}\nc:\n  <<: *b\n", "f.yaml:3: c: uses a YAML merge key (<<); write the "
                                         "fields out in full"),
])
def test_yaml_problems(text: str, expected: str) -> None:
    doc, problems = parse_yaml(text, "f.yaml")
    assert doc is None
    assert expected in [str(p) for p in problems]


def test_billion_laughs_is_refused_without_expanding() -> None:
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    lines += [f"a{i}: &a{i} [" + ",".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 10)]
    doc, problems = parse_yaml("\n".join(lines), "f.yaml")
    assert doc is None
    assert problems[0].field == "a1[0]" and "alias" in problems[0].message


def test_dates_stay_text_and_lines_are_kept() -> None:
    doc, problems = parse_yaml("claim: x\npublished: 2017-02-30\nsources:\n  - url: y\n",
                               "f.yaml")
    assert problems == []
    assert doc is not None
    assert doc.data["published"] == "2017-02-30"
    assert doc.line(("sources", 0, "url")) == 4
    assert doc.line(("sources", 0, "title")) == 4  # a missing value: its mapping's line
    assert doc.line(("nothing",)) == 1


@pytest.mark.parametrize(("raw", "expected"), [
    (b"\xef\xbb\xbfclaim: x\n", None),
    (b"claim: caf\xe9\n", "f.yaml:1: file: is not UTF-8 text (byte 0xe9 cannot be read); "
                          "save the file with UTF-8 encoding"),
    (b"a: 1\n\x00\x01\x02", "f.yaml:2: file: looks like a binary file, not text; a claim "
                            "file must be YAML text saved as UTF-8"),
])
def test_decoding(raw: bytes, expected: str | None) -> None:
    text, problems = decode(raw, "f.yaml")
    if expected is None:
        assert text == "claim: x\n" and problems == []
    else:
        assert text is None and [str(p) for p in problems] == [expected]
