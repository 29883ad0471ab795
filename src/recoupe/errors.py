"""The one exception tree of recoupe.

Every error that recoupe raises on purpose derives from :class:`RecoupeError`,
so callers can catch one type::

    RecoupeError
    ├── ConfigError                 bad option, unknown format, bad --db URL
    ├── MissingDependency           an optional extra or model is not installed
    ├── IngestError                 one input could not become an article
    │   ├── SourceNotFound          missing path
    │   ├── EmptyInput              nothing but whitespace
    │   ├── BinaryInput             not text (NUL bytes, image, archive)
    │   ├── InputTooLarge           over the size limit
    │   ├── NoArticleFound          a page or feed with no article text
    │   ├── MalformedInput          broken JSON line, broken XML, bad field
    │   └── FetchError              network failure, timeout, HTTP 4xx/5xx, redirect loop, robots.txt
    ├── AnnotationError             a pipeline stage failed on one article
    ├── BriefError                  a brief cannot be built
    │   └── NotEnoughArticles       fewer than two usable articles
    └── StoreError                  storage failure
        ├── MigrationError          schema cannot be brought up to date
        └── NotFound                unknown story or article id

Ingest and annotation errors carry the offending input (``source``) so the
batch can record them as rejects and go on.
"""

from __future__ import annotations


class RecoupeError(Exception):
    """Root of every error recoupe raises on purpose."""


class ConfigError(RecoupeError):
    """A bad option or configuration value."""


class MissingDependency(RecoupeError):
    """An optional extra, model or system component is missing."""

    def __init__(self, what: str, install: str) -> None:
        super().__init__(f"{what} is not installed: {install}")
        self.what = what
        self.install = install


class IngestError(RecoupeError):
    """One input could not be turned into an article."""

    reason = "unreadable input"

    def __init__(self, source: str, detail: str | None = None) -> None:
        self.source = source
        self.detail = detail or self.reason
        super().__init__(f"{source}: {self.detail}")


class SourceNotFound(IngestError):
    reason = "no such file or URL"


class EmptyInput(IngestError):
    reason = "empty input (no text)"


class BinaryInput(IngestError):
    reason = "binary data, not text"


class InputTooLarge(IngestError):
    reason = "input over the size limit"


class NoArticleFound(IngestError):
    reason = "no article text found"


class MalformedInput(IngestError):
    reason = "malformed input"


class FetchError(IngestError):
    reason = "could not fetch"


class AnnotationError(RecoupeError):
    """A pipeline stage failed on one article."""

    def __init__(self, article: str, stage: str, detail: str) -> None:
        self.article = article
        self.stage = stage
        self.detail = detail
        super().__init__(f"{article}: stage {stage!r} failed: {detail}")


class BriefError(RecoupeError):
    """A brief cannot be built."""


class NotEnoughArticles(BriefError):
    """Fewer than two usable articles were given."""


class StoreError(RecoupeError):
    """Storage failure."""


class MigrationError(StoreError):
    """The schema cannot be brought up to date."""


class NotFound(StoreError):
    """Unknown story or article id."""
