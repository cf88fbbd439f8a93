"""context.set_context/get_context and the drop-in runner (`python -m mindspore_jax`)."""

import os
import subprocess
import sys
import textwrap

import pytest

import mindspore_jax as ms
from mindspore_jax import context


def test_default_mode_is_pynative():
    out = subprocess.run(
        [sys.executable, "-c", "import mindspore_jax as ms; print(ms.get_context('mode'))"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert out.stdout.strip() == "1"


def test_set_context_errors_match_mindspore():
    with pytest.raises(ValueError, match="the keyword argument foo is not recognized"):
        context.set_context(foo=1)
    with pytest.raises(
        ValueError, match=r"should be context.GRAPH_MODE \(0\) or context.PYNATIVE_MODE \(1\), but got 5"
    ):
        context.set_context(mode=5)
    with pytest.raises(ValueError, match="device_target"):
        context.set_context(device_target="TPU")


def test_missing_device_says_what_was_found():
    import jax

    if any(d.platform == "gpu" for d in jax.devices()):
        pytest.skip("a GPU is present")
    with pytest.raises(RuntimeError, match=r"Devices found: \['cpu'\]"):
        context.set_context(device_target="GPU")
    assert context.get_context("device_target") == "CPU"


def test_accepted_keys_and_cpu():
    context.set_context(
        device_target="CPU", save_graphs=False, max_call_depth=2000, jit_syntax_level=2, device_id=0
    )
    assert context.get_context("max_call_depth") == 2000
    ms.set_device("CPU")
    assert context.get_context("device_target") == "CPU"


def _run(tmp_path, src, *args):
    script = tmp_path / "script.py"
    script.write_text(textwrap.dedent(src))
    env = dict(os.environ)
    env["PYTHONPATH"] = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    return subprocess.run(
        [sys.executable, "-m", "mindspore_jax", str(script), *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=120,
    )


def test_runner_readme_example(tmp_path):
    r = _run(
        tmp_path,
        """
        import sys
        import numpy as np
        import mindspore as ms
        import mindspore.nn as nn
        from mindspore import Tensor, context
        from mindspore.ops import operations as P
        import mindspore.ops.functional as F
        import mindspore.common.dtype as mstype

        context.set_context(mode=context.GRAPH_MODE)

        class Mul(nn.Cell):
            def __init__(self):
                super().__init__()
                self.mul = P.Mul()

            def construct(self, x, y):
                return self.mul(x, y)

        x = Tensor(np.array([1.0, 2.0, 3.0]).astype(np.float32))
        y = Tensor(np.array([4.0, 5.0, 6.0]).astype(np.float32))
        print(Mul()(x, y))
        context.set_context(mode=context.PYNATIVE_MODE)
        a = Tensor(np.ones((1, 3, 3, 4)), mstype.float32)
        print(F.tensor_add(a, a))
        print(sys.argv[1:], __name__)
        import mindspore_jax
        print(ms is mindspore_jax, ms.nn is mindspore_jax.nn)
        """,
        "--lr",
        "0.1",
    )
    assert r.returncode == 0, r.stderr
    lines = r.stdout.splitlines()
    assert lines[0] == "[ 4. 10. 18.]"
    assert "\n".join(lines[1:12]) == (
        "[[[[2. 2. 2. 2.]\n   [2. 2. 2. 2.]\n   [2. 2. 2. 2.]]\n\n"
        "  [[2. 2. 2. 2.]\n   [2. 2. 2. 2.]\n   [2. 2. 2. 2.]]\n\n"
        "  [[2. 2. 2. 2.]\n   [2. 2. 2. 2.]\n   [2. 2. 2. 2.]]]]"
    )
    assert lines[-2] == "['--lr', '0.1'] __main__"
    assert lines[-1] == "True True"


def test_runner_missing_submodule(tmp_path):
    r = _run(tmp_path, "import mindspore.no_such_module\n")
    assert r.returncode != 0
    assert "mindspore.no_such_module" in r.stderr and "ModuleNotFoundError" in r.stderr


def test_runner_missing_script(tmp_path):
    r = subprocess.run(
        [sys.executable, "-m", "mindspore_jax", str(tmp_path / "nope.py")], capture_output=True, text=True
    )
    assert r.returncode == 2 and "can't open file" in r.stderr
