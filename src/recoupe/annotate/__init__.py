"""Annotators: each adds spans to an article's spaCy ``Doc`` in place.

``nlp`` (sentences, tokens, NER) → ``entities`` (repairs, canonical names)
→ ``dates`` (resolved against the publication date) → ``numbers`` (value and
what is counted) → ``quotes`` (direct/indirect, with speaker).
See :mod:`recoupe.model` for the span attributes each one sets.
"""
