"""Static fact-check site generator: claim files in, a searchable MkDocs site out.

The core (:mod:`~generator.load`, :mod:`~generator.schema`, :mod:`~generator.validate`,
:mod:`~generator.model`, :mod:`~generator.render`) is pure and never imports MkDocs or
click; :mod:`~generator.plugin` and :mod:`~generator.cli` are the thin adapters.
"""
