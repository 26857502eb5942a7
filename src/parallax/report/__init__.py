"""Reports: the ``Report`` API, renderers (HTML, Markdown) and exports."""
from .api import SCHEMA, Report

__all__ = ["Report", "SCHEMA"]
