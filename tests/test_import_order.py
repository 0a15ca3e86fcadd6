"""Every module of coursec can be the first one imported.

tests/test_imports.py reads the import graph statically; two things it cannot see make a cycle
at import time all the same: a package's ``__init__`` that Python runs before a submodule
(``from coursec.parse import ids`` runs ``coursec/parse/__init__.py``), and modules loaded by
name (the quiz kinds' registry, ``importlib.import_module``). So each module is imported for
real, first, in a child of one clean interpreter (forked: the third-party libraries are loaded
once, coursec never before the child's import).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from test_imports import PACKAGE, module_name

SCRIPT = r"""
import importlib, os, sys, traceback
for lib in ("pydantic", "markdown_it", "mdit_py_plugins", "jinja2", "lxml.etree", "yaml",
            "babel", "markupsafe"):
    try:
        importlib.import_module(lib)
    except ImportError:
        pass
assert not any(m == "coursec" or m.startswith("coursec.") for m in sys.modules)
failed = []
for name in sys.argv[1:]:
    pid = os.fork()
    if pid == 0:
        try:
            importlib.import_module(name)
        except BaseException:
            sys.stdout.write(name + ":\n" + traceback.format_exc(limit=-3) + "\n")
            sys.stdout.flush()
            os._exit(1)
        os._exit(0)
    _, status = os.waitpid(pid, 0)
    if status:
        failed.append(name)
print("FAILED " + " ".join(failed) if failed else "OK")
"""


SHARDS = 4  # the modules in four runs, which the test workers share


@pytest.mark.parametrize("shard", range(SHARDS))
def test_every_module_imports_first(shard: int) -> None:
    names = sorted(module_name(p) for p in PACKAGE.rglob("*.py") if p.name != "__main__.py")
    assert "coursec.quizkinds.registry" in names and "coursec.check.limits" in names
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, *names[shard::SHARDS]],
        capture_output=True, text=True, timeout=600,
        cwd=Path(PACKAGE).parent,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.rstrip().endswith("OK"), done.stdout
