import pytest


@pytest.fixture(scope="module", autouse=True)
def benchmarks_run_on_the_demo_data(demo_data):
    """`make bench` measures the portal on the seed papers' data, as the README's
    Benchmarks section reports it: each benchmark module loads it (tests/conftest.py)."""
