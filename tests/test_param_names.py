"""Parameter naming as MindSpore builds it: re-run the fixture's own generator script
(tests/fixtures/gen_param_names.py, written for real MindSpore) through the drop-in runner and
compare its table row by row with the one real MindSpore 2.10 wrote."""

import os
import shutil
import subprocess
import sys

from conftest import FIXTURES

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def _rows(path):
    with open(path) as f:
        lines = f.read().splitlines()[1:]
    return [tuple(line.split("\t")) for line in lines]


def test_param_names_match_mindspore(tmp_path):
    shutil.copy(os.path.join(FIXTURES, "gen_param_names.py"), tmp_path)
    env = dict(os.environ, PYTHONPATH=ROOT)
    r = subprocess.run([sys.executable, "-m", "mindspore_jax", "gen_param_names.py"], cwd=tmp_path,
                       capture_output=True, text=True, env=env, timeout=600)
    assert r.returncode == 0, r.stderr[-3000:]
    ours = _rows(tmp_path / "param_names.tsv")
    theirs = _rows(os.path.join(FIXTURES, "param_names.tsv"))
    # same models, same order of parameters, same names/shapes/dtypes/requires_grad
    by_model = {}
    for row in theirs:
        by_model.setdefault(row[0], []).append(row)
    for model, rows in by_model.items():
        mine = [row for row in ours if row[0] == model]
        if rows[0][1].startswith("save_checkpoint"):
            # checkpoint keys: compare as sets (the dict order is the file's order)
            assert sorted(mine) == sorted(rows), model
        else:
            assert mine == rows, model
