"""The runtime as it ships (modules stripped of comments and whitespace by coursec.runtime):
the node unit tests pass on the stripped modules too, the stripping is deterministic, and a
page's one script carries each module once."""

from __future__ import annotations

import itertools
import os
import re
import subprocess
from pathlib import Path

from coursec.runtime import (
    ADAPTERS,
    HERE,
    RELEASES_ONLY,
    SCRIPTS,
    adapter_file,
    page_file,
    page_script,
    shipped,
    source,
)

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
        for scenarios, releases in itertools.product((False, True), (False, True)):
            script = page_script(adapter, scenarios, releases)
            leave_out = () if releases else RELEASES_ONLY
            parts = [page_file(f"{adapter}.js", leave_out), page_file("player.js", leave_out)]
            if scenarios:
                parts.insert(1, page_file("scenario.js", leave_out))
            assert script == b"\n".join(parts)
            names = _HEADER.findall(script)
            assert len(names) == len(set(names)), adapter  # no module shipped twice
            assert (b"scenario" in names) == scenarios
            assert (b"migrate" in names) == releases  # the codec's migration: only with releases
            if releases:  # everything the adapter's script carries
                assert script.startswith(adapter_file(adapter) + b"\n")


_RESUME = r"""
const vm = require('vm');
const [script, data] = [process.argv[1], JSON.parse(process.argv[2])];
const root = {};
vm.runInNewContext(script, root);
const codec = root.coursec.codec, n = data.pages.length;
const own = codec.encode(codec.resume('', data, n).state || {
  r: 0, c: 0, p: [true], q: [], a: { n: 0, d: [], s: 0, b: -1, l: -1, p: 0 }, s: [] }, data, n);
const other = JSON.stringify(Object.assign(JSON.parse(own), { h: 'zzzzzz' }));
console.log(JSON.stringify({
  migrate: typeof root.coursec.migrate,
  own: codec.resume(own, data, n).actions,
  resumed: codec.resume(own, data, n).state !== null,
  other: codec.resume(other, data, n).actions,
}));
"""


def test_a_page_without_releases_resumes_without_the_migration(tmp_path: Path) -> None:
    """The modules a page without releases ships: the codec finds no migrate module and never
    needs one (its own state resumes; a state of an unknown structure starts afresh)."""
    import json

    from coursec.runtime import STATE_VERSION, modules

    codec = [name for name in modules(("codec.js",)) if name not in RELEASES_ONLY]
    assert "migrate.js" in modules(("codec.js",)) and "migrate.js" not in codec
    script = b"\n".join(shipped(name) for name in codec).decode("utf-8")
    data = {"v": STATE_VERSION, "hash": "abc123", "pages": [{"k": "a--a", "l": 0}], "quizzes": [],
            "assessment": None, "scenarios": []}
    run = subprocess.run(["node", "-e", _RESUME, script, json.dumps(data)], capture_output=True,
                         text=True, timeout=60, check=False)
    assert run.returncode == 0, run.stderr[-2000:]
    out = json.loads(run.stdout)
    assert out["migrate"] == "undefined"  # not shipped
    assert out["own"] == [] and out["resumed"]  # its own state: resumed as it is
    assert out["other"] == [{"do": "fresh", "why": "state of a release this package does not know"}]
