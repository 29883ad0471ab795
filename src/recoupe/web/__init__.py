"""Server-rendered pages (Jinja2 templates, a little plain JS and CSS, no build step)."""

from pathlib import Path

TEMPLATE_DIR = Path(__file__).parent / "templates"
STATIC_DIR = Path(__file__).parent / "static"

__all__ = ["STATIC_DIR", "TEMPLATE_DIR"]
