"""Where each setting of the factcheck plugin stands in ``mkdocs.yml``, for messages.

MkDocs reads ``mkdocs.yml`` into plain values and forgets their lines. A problem with
a setting (a rating's icon, a standard) should still name the line to change, as a
problem in a claim file does: :func:`plugin_lines` finds them in the file's text, by
the same key paths as the options (``("ratings", 2, "icon")``).

>>> text = "site_name: X\\nplugins:\\n  - search\\n  - factcheck:\\n      ratings:\\n" \\
...        "        - key: a\\n          icon: material/nope\\n"
>>> lines = plugin_lines(text)
>>> lines.line(("ratings", 0, "icon")), lines.line(("ratings", 0, "color"))
(7, 6)
>>> lines.line(("per_page",))  # not given: the plugin's own line
4
"""

from __future__ import annotations

import re

from .load import Document, key_lines

PLUGIN = "factcheck"
_BARE = re.compile(rf"^[ \t]*-[ \t]+['\"]?{PLUGIN}['\"]?[ \t]*(?:#.*)?$", re.M)


def plugin_lines(text: str, plugin: str = PLUGIN) -> Document:
    """The lines of ``plugin``'s options in the text of ``mkdocs.yml``.

    ``.line(path)`` gives the line of an option, or of the nearest enclosing one that is
    written in the file (the plugin's own line when the option is not written; line 1 when
    the plugin is not found, for instance because it comes from an ``INHERIT`` file).
    Tags such as ``!!python/name:`` and ``!ENV`` are read past, never acted on.
    """
    lines = key_lines(text)
    # `plugins:` is a list of names and one-key mappings, or a mapping of names.
    starts = [path for path in lines
              if len(path) in (2, 3) and path[0] == "plugins" and path[-1] == plugin
              and (len(path) == 2 or isinstance(path[1], int))]
    if not starts:  # named without options, `- factcheck`, or not there at all
        bare = _BARE.search(text) if ("plugins",) in lines else None
        return Document(None, {(): text.count("\n", 0, bare.start()) + 1} if bare else {})
    start = starts[0]
    return Document(None, {path[len(start):]: line for path, line in lines.items()
                           if path[:len(start)] == start})
