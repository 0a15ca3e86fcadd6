"""CS900-CS907, each from a real sequence of commands on a copy of the sample course; the exact
stderr is golden (tests/release/golden/diagnostics/<code>.expected, which
tests/test_diagnostics.py counts as the code's case). COURSEC_UPDATE_GOLDEN=1 rewrites them."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from coursec.cli import main

from .release_edits import EDITS, copy_sample

GOLDEN = Path(__file__).parent / "golden" / "diagnostics"


def _release(version: str = "1") -> None:
    assert main(["release", "new", "--version", version]) == 0


def _check(*extra: str) -> list[str]:
    return ["check", "new", "--target", "web", "--region", "en-US", *extra]


def cs900(root: Path) -> list[str]:
    _release()
    EDITS["answer-key"](root)
    return _check()


def cs901(root: Path) -> list[str]:
    _release()
    text = (root / "course.yaml").read_text(encoding="utf-8")
    (root / "course.yaml").write_text(text.replace("id: customer-service", "id: service-101"),
                                      encoding="utf-8")
    return _check("--since", "1")


def cs902(root: Path) -> list[str]:
    _release()
    EDITS["renamed-lesson"](root)
    return _check("--since", "1")


def cs903(root: Path) -> list[str]:
    _release()
    EDITS["answer-key"](root)
    _release("2")
    return _check("--since", "1")


def cs904(root: Path) -> list[str]:
    _release()
    EDITS["policy-change"](root)
    _release("2")
    return _check("--since", "1")


def cs905(root: Path) -> list[str]:
    _release()
    EDITS["pool"](root)
    _release("2")
    return _check("--since", "1")


def cs906(root: Path) -> list[str]:
    _release()
    (root / "releases" / "0.9.json").write_text("{\"format\": 0}\n", encoding="utf-8")
    return _check("--since", "3")


def cs907(root: Path) -> list[str]:
    _release()
    EDITS["typo"](root)
    _release()  # same layout: no-op
    EDITS["answer-key"](root)
    return ["release", "new", "--version", "1"]


CASES: dict[str, Callable[[Path], list[str]]] = {
    "CS900": cs900, "CS901": cs901, "CS902": cs902, "CS903": cs903, "CS904": cs904,
    "CS905": cs905, "CS906": cs906, "CS907": cs907,
}


@pytest.mark.parametrize("code", sorted(CASES))
def test_code(code: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
              capsys: pytest.CaptureFixture[str]) -> None:
    copy_sample(tmp_path / "new")
    monkeypatch.chdir(tmp_path)
    argv = CASES[code](tmp_path / "new")
    capsys.readouterr()
    status = main(argv)
    err = capsys.readouterr().err
    assert f"[{code}]" in err
    golden = GOLDEN / f"{code}.expected"
    if os.environ.get("COURSEC_UPDATE_GOLDEN"):
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(err, encoding="utf-8")
    assert err == golden.read_text(encoding="utf-8")
    assert status == (1 if "error[" in err else 0)
