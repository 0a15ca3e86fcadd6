"""The runtime as it ships (modules stripped of comments and whitespace by coursec.runtime):
the node unit tests pass on the stripped modules too, and the stripping is deterministic."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from coursec.runtime import HERE, SCRIPTS, page_file, shipped, source

ROOT = Path(__file__).resolve().parents[1]
MODULES = sorted(p.name for p in HERE.glob("*.js"))


def test_stripped_modules_are_smaller_and_stable() -> None:
    for name in MODULES:
        out = shipped(name)
        assert out == shipped(name)
        assert b"/*" not in out.split(b"'")[0], name  # the header comment is gone
        assert len(out) < len(source(name)), name
    for script in SCRIPTS:
        assert page_file(script) == page_file(script)


def test_node_unit_tests_pass_on_the_shipped_modules(tmp_path: Path) -> None:
    for name in MODULES:
        (tmp_path / name).write_bytes(shipped(name))
    env = {**os.environ, "COURSEC_RUNTIME": str(tmp_path)}
    run = subprocess.run(
        ["node", "--test", "tests/js/unit/"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=300, check=False,
    )
    tail = run.stdout[-3000:] + run.stderr[-2000:]
    assert run.returncode == 0, tail
    assert "# fail 0" in run.stdout and "# skipped 0" in run.stdout, tail
