"""The default rating scale, and how a verdict's icon is found.

A site can replace the scale under the plugin's ``ratings:`` setting in ``mkdocs.yml``.
Colours are chosen so white text on them passes WCAG AA contrast (4.5:1); a verdict is
always shown as words and an icon too, never by colour alone.
"""

from __future__ import annotations

from .model import Rating

DEFAULT_RATINGS: tuple[Rating, ...] = (
    Rating("true", "True", "The claim is accurate and nothing significant is missing.",
           "material/check-circle", "#1a7f37", 5),
    Rating("mostly-true", "Mostly true",
           "The claim is accurate but needs clarification or additional information.",
           "material/check-circle-outline", "#3f7d20", 4),
    Rating("half-true", "Half true",
           "The claim is partially accurate but leaves out important details or takes "
           "things out of context.", "material/circle-half-full", "#9a6700", 3),
    Rating("mostly-false", "Mostly false",
           "The claim contains an element of truth but ignores critical facts that would "
           "give a different impression.", "material/close-circle-outline", "#bc4c00", 2),
    Rating("false", "False", "The claim is not accurate.", "material/close-circle",
           "#cf222e", 1),
    Rating("misleading", "Misleading",
           "The claim is accurate as worded but leaves a false impression.",
           "material/alert", "#8250df"),
    Rating("unproven", "Unproven",
           "The evidence available does not settle the claim either way; the explanation "
           "says what would.", "material/help-circle", "#57606a"),
    Rating("opinion", "Opinion",
           "A statement of opinion or prediction that cannot be checked as fact; the "
           "explanation sets out the facts around it.", "material/comment-quote", "#0969da"),
)
