"""The runtime as it ships (modules stripped of comments and whitespace by coursec.runtime):
the node unit tests pass on the stripped modules too, the stripping is deterministic, and a
page's one script carries each module once."""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

from coursec.runtime import ADAPTERS, HERE, SCRIPTS, page_file, page_script, shipped, source

ROOT = Path(__file__).resolve().parents[1]
MODULES = sorted(p.name for p in HERE.glob("*.js"))
_HEADER = re.compile(rb"\(root\.coursec=root\.coursec\|\|\{\}\)\.(\w+)=factory")


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


def test_a_page_loads_one_script_with_each_module_once() -> None:
    for adapter in ADAPTERS:
        for scenarios in (False, True):
            script = page_script(adapter, scenarios)
            parts = [page_file(f"{adapter}.js"), page_file("player.js")]
            if scenarios:
                parts.insert(1, page_file("scenario.js"))
            assert script == b"\n".join(parts)
            names = _HEADER.findall(script)
            assert len(names) == len(set(names)), adapter  # no module shipped twice
            assert (b"scenario" in names) == scenarios
