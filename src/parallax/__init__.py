"""Parallax: how one news story looks from different outlets, claim by claim.

    import parallax
    report = parallax.analyze(["articles/"])   # a parallax.report.Report
"""
__version__ = "0.1.0"
SCHEMA = "parallax.report/1"


def analyze(paths, **options):
    """Analyse files, folders and URLs into a :class:`parallax.report.Report` (see pipeline.analyze)."""
    from .pipeline import analyze as run

    return run(paths, **options)


def __getattr__(name):
    if name == "Report":  # imported on first use: `import parallax` stays light for the CLI's --help
        from .report import Report

        return Report
    raise AttributeError(name)
