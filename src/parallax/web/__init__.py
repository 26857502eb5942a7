"""The web app (FastAPI): stories, story, article and entity pages, each with a JSON twin."""

__all__ = ["create_app", "API_SCHEMA"]


def __getattr__(name: str):
    # loaded on first use: the CLI imports parallax.web.cli for every command, and FastAPI alone
    # takes a third of a second to import
    if name == "create_app":
        from .app import create_app

        return create_app
    if name == "API_SCHEMA":
        from .pages import API_SCHEMA

        return API_SCHEMA
    raise AttributeError(name)
