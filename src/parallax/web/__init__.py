"""The web app (FastAPI): stories, story, article and entity pages, each with a JSON twin."""
from .app import create_app
from .pages import API_SCHEMA

__all__ = ["create_app", "API_SCHEMA"]
