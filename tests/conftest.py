import contextlib
import os

import jax
import pytest

import mindspore_jax as ms

HAS_GPU = any(d.platform == "gpu" for d in jax.devices())
if HAS_GPU:
    # The goldens come from MindSpore's CPU kernels: on a GPU the suite checks the same numbers
    # with full-FP32 convolutions (MindSpore's GPU default allows TF32; test_gpu.py covers that).
    ms.device_context.gpu.op_precision.conv_allow_tf32(False)

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


@contextlib.contextmanager
def cpu_target():
    """Runs a block on the CPU target: for goldens that pin a CPU kernel's own behaviour."""
    old = ms.get_context("device_target")
    ms.set_device("CPU")
    try:
        yield
    finally:
        ms.set_device(old)
