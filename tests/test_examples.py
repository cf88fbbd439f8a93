"""End to end: the MindSpore user scripts in ../shared/examples, run unchanged through
`python -m mindspore_jax`, must print what real MindSpore 2.10 printed; and the tutorial trains."""

import os
import subprocess
import sys

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
EXAMPLES = os.path.join(ROOT, "..", "shared", "examples")


@pytest.mark.skipif(
    not os.path.exists(os.path.join(EXAMPLES, "check_examples.py")),
    reason="../shared/examples is not beside this checkout",
)
def test_shared_examples_match_mindspore():
    env = dict(os.environ, PYTHONPATH=ROOT)
    r = subprocess.run(
        [sys.executable, os.path.join(EXAMPLES, "check_examples.py"), "--python", sys.executable, "-v"],
        capture_output=True,
        text=True,
        env=env,
        timeout=1200,
    )
    assert r.returncode == 0, r.stdout[-4000:] + r.stderr[-2000:]
    assert "12 passed, 0 failed" in r.stdout or ", 0 failed" in r.stdout


def test_quickstart_tutorial_trains(tmp_path):
    pytest.importorskip("sklearn")
    env = dict(os.environ, PYTHONPATH=ROOT)
    r = subprocess.run(
        [sys.executable, "-m", "mindspore_jax", os.path.join(ROOT, "tutorials", "quickstart.py")],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=600,
    )
    assert r.returncode == 0, r.stderr[-3000:]
    assert "predictions identical: True" in r.stdout
    acc = float(r.stdout.split("test accuracy: ")[1].split()[0])
    assert acc > 0.85
