"""The README's ten-line example must keep working as printed."""

import os
import re
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def test_readme_example_runs(tmp_path):
    text = open(os.path.join(ROOT, "README.md")).read()
    code = re.search(r"```python\n(.*?)```", text, re.S).group(1)
    script = tmp_path / "readme_example.py"
    script.write_text(code)
    r = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=300,
                       env=dict(os.environ, PYTHONPATH=ROOT), cwd=tmp_path)
    assert r.returncode == 0, r.stderr[-2000:]
    loss, shape = r.stdout.strip().rsplit(" ", 2)[0], r.stdout.strip().split(" ", 1)[1]
    assert float(loss) < 0.1 and shape == "(1, 3)"
