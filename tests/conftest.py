"""Shared fixtures. The example corpus is analysed once per test session: several test files
check different layers of the same report."""
from pathlib import Path

import pytest
from hypothesis import settings

# The suite explores the same generated inputs on every run, so CI is repeatable; the long
# randomised search lives in benchmarks/fuzz_inputs.py.
settings.register_profile("repeatable", derandomize=True, deadline=None)
settings.load_profile("repeatable")

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples" / "corpus"


@pytest.fixture(scope="session")
def example_report():
    """The Report for the bundled example corpus (analysed once per session)."""
    from parallax import analyze

    return analyze([str(EXAMPLES)])
