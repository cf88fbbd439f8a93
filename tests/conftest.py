import os

import pytest

import mindspore_jax as ms

SHARED = os.path.join(os.path.dirname(__file__), "..", "..", "shared")
FIXTURES = os.path.join(os.path.dirname(__file__), "fixtures")  # copied from ../shared/fixtures
GOLDEN = os.path.join(os.path.dirname(__file__), "golden")


@pytest.fixture(params=[ms.GRAPH_MODE, ms.PYNATIVE_MODE], ids=["graph", "pynative"])
def mode(request):
    """Runs a test once in GRAPH_MODE and once in PYNATIVE_MODE."""
    old = ms.get_context("mode")
    ms.set_context(mode=request.param)
    yield request.param
    ms.set_context(mode=old)


@pytest.fixture(autouse=True)
def _reset_mode():
    old = ms.get_context("mode")
    yield
    ms.set_context(mode=old)
