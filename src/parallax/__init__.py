"""Parallax: how one news story looks from different outlets, claim by claim."""
__version__ = "0.1.0"
SCHEMA = "parallax.report/1"
