"""Hostile text that validation refuses outright, with the usual file:line messages.

The text fields that accept anything are opened in Chromium by
tests/browser/test_hostile.py; these are the fields and characters that never get that far.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

REJECTED = Path(__file__).parent / "fixtures" / "hostile" / "rejected" / "unsafe-fields.yaml"
BIDI = ("contains invisible characters that change the direction of text (Unicode "
        "bidirectional controls); retype the text without them")


def test_direction_overrides_html_slugs_and_script_addresses_are_refused(site: Path) -> None:
    shutil.copy(REJECTED, site / "claims" / REJECTED.name)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run([sys.executable, "-c", "from generator.cli import main; main()",
                             "check"], cwd=site, capture_output=True, text=True, env=env,
                            timeout=120)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    assert result.stdout.splitlines() == [
        f"claims/unsafe-fields.yaml:3: claim: {BIDI}",
        f"claims/unsafe-fields.yaml:4: claimant: {BIDI}",
        "claims/unsafe-fields.yaml:10: sources[0].url: 'javascript:alert(1)' is not a web "
        "address; start it with https:// and leave no spaces in it",
        "claims/unsafe-fields.yaml:12: sources[1].url: 'data:text/html,<script>alert(1)</script>'"
        " is not a web address; start it with https:// and leave no spaces in it",
        "claims/unsafe-fields.yaml:13: tags[0]: '<script>alert(1)</script>' is not letters and "
        "digits of any script, joined by hyphens (like 'sanctuary-cities' or 'bibliothèques'); "
        "write it as 'script-alert-1-script'",
        "5 problems in 1 file; fix them and run `factcheck check` again.",
    ]
