"""``coursec report`` as a user runs it: the files it writes, its summary, its diagnostics for
bad input (file:line, unknown ids counted, LRS errors), never a traceback."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from coursec.cli import main
from coursec.model import Course

from .simulate import SAMPLE, Simulator, write_ndjson

TABLES = ("funnel", "questions", "choices", "question_regions", "scenario_edges",
          "scenario_nodes", "scenario_endings", "competencies", "to_pass",
          "choices_by_region", "scenario_edges_by_region", "competencies_by_region")


@pytest.fixture(scope="module")
def small(sample: Course, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Simulator]:
    sim = Simulator(sample, seed=3)
    path = tmp_path_factory.mktemp("small") / "s.ndjson"
    write_ndjson(sim.statements(60), path)
    return path, sim


def test_writes_html_csv_json_and_a_summary(small: tuple[Path, Simulator], tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    path, _ = small
    assert main(["report", str(SAMPLE), "--statements", str(path), "--out",
                 str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "60 learners" in out and "engine duckdb" in out
    for name in TABLES:
        rows = json.loads((tmp_path / f"{name}.json").read_text())["rows"]
        header = (tmp_path / f"{name}.csv").read_text().splitlines()[0]
        assert rows and set(header.split(",")) == set(rows[0]), name
    html = (tmp_path / "report.html").read_text()
    assert "<script" not in html and "http://" not in html.replace(
        "http://www.w3.org", "")  # self-contained: nothing to fetch
    assert html.count("data:image/svg+xml;base64,") >= 4
    # the same statements, the same bytes
    again = tmp_path.parent / (tmp_path.name + "-again")  # as deep: the same relative links
    assert main(["report", str(SAMPLE), "--statements", str(path), "--out", str(again)]) == 0
    for name in ("report.html", "questions.csv", "funnel.json"):
        assert (again / name).read_bytes() == (tmp_path / name).read_bytes(), name


def test_a_json_array_export_reads_like_ndjson(small: tuple[Path, Simulator], tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    path, _ = small
    lines = path.read_text().splitlines()
    array = tmp_path / "export.json"
    array.write_text("[\n" + ",\n".join(lines) + "\n]\n")
    assert main(["report", str(SAMPLE), "--statements", str(array), "--out",
                 str(tmp_path / "a"), "--format", "json"]) == 0
    assert main(["report", str(SAMPLE), "--statements", str(path), "--out",
                 str(tmp_path / "b"), "--format", "json"]) == 0
    for name in TABLES:
        assert (tmp_path / "a" / f"{name}.json").read_bytes() == \
            (tmp_path / "b" / f"{name}.json").read_bytes()


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    code = main(["report", str(SAMPLE), *args])
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err
    return code, captured.err


def test_a_broken_line_is_reported_at_its_place(small: tuple[Path, Simulator], tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    path, _ = small
    lines = path.read_text().splitlines()
    lines[2] = lines[2][:40]  # cut off mid-statement
    bad = tmp_path / "bad.ndjson"
    bad.write_text("\n".join(lines) + "\n")
    code, err = _run(capsys, "--statements", str(bad), "--out", str(tmp_path / "o"))
    assert code == 1
    assert f"{bad}:3:" in err and "error[CS801]" in err
    assert not (tmp_path / "o").exists()


def test_missing_and_non_json_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, err = _run(capsys, "--statements", str(tmp_path / "nope.json"))
    assert code == 1 and "error[CS800]" in err and "nope.json" in err
    text = tmp_path / "notes.txt"
    text.write_text("hello\n")
    code, err = _run(capsys, "--statements", str(text))
    assert code == 1 and f"{text}:1:1: error[CS801]" in err


def test_unknown_ids_are_counted_and_old_versions_reported_apart(
        small: tuple[Path, Simulator], tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    path, sim = small
    statements = [json.loads(line) for line in path.read_text().splitlines()]
    course = sim.ids.course
    extra = []
    for i, obj in enumerate([course + "/no-such-lesson/page", course + "/no-such-lesson/page",
                             sim.iris[("empathy", "specific-empathy")][:-8] + "0123abcd"]):
        s = json.loads(json.dumps(statements[5]))
        s["id"] = f"00000000-0000-4000-8000-{i:012d}"
        s["verb"]["id"] = "http://adlnet.gov/expapi/verbs/answered"
        s["object"] = {"objectType": "Activity", "id": obj}
        s["result"] = {"success": True, "response": "x", "duration": "PT3S"}
        extra.append(s)
    out = tmp_path / "more.ndjson"
    out.write_text("".join(json.dumps(s) + "\n" for s in statements + extra))
    code, err = _run(capsys, "--statements", str(out), "--out", str(tmp_path / "r"))
    assert code == 0
    assert "warning[CS802]: 2 statements name 1 activity ids" in err
    unknown = json.loads((tmp_path / "r" / "unknown.json").read_text())
    assert unknown == {course + "/no-such-lesson/page": 2}
    rows = json.loads((tmp_path / "r" / "questions.json").read_text())["rows"]
    old = [r for r in rows if r["key"] == "empathy/specific-empathy" and not r["current"]]
    assert [(r["version"], r["responses"]) for r in old] == [("0123abcd", 1)]


def test_bad_since_and_unreachable_lrs(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    code, err = _run(capsys, "--statements", "x.json", "--since", "last tuesday")
    assert code == 1 and "error[CS806]" in err
    monkeypatch.delenv("COURSEC_LRS_AUTH", raising=False)
    monkeypatch.delenv("COURSEC_LRS_USER", raising=False)
    monkeypatch.delenv("COURSEC_LRS_PASSWORD", raising=False)
    code, err = _run(capsys, "--lrs", "http://127.0.0.1:9/xAPI/")
    assert code == 1 and "error[CS804]" in err and "COURSEC_LRS_USER" in err
    monkeypatch.setenv("COURSEC_LRS_USER", "u")
    monkeypatch.setenv("COURSEC_LRS_PASSWORD", "p")
    code, err = _run(capsys, "--lrs", "http://127.0.0.1:9/xAPI/")
    assert code == 1 and "error[CS803]" in err and "cannot reach the LRS" in err


def test_without_its_packages_it_says_how_to_install(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    from coursec.commands import report as command

    monkeypatch.setattr(command, "_missing", lambda names: ["duckdb"])
    code, err = _run(capsys, "--statements", "x.json")
    assert code == 1 and "error[CS805]: missing Python packages: duckdb" in err
    assert "pip install 'coursec[report]'" in err


def test_an_empty_source_and_no_output_folder(small: tuple[Path, Simulator], tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    empty = tmp_path / "empty.ndjson"
    empty.write_text("\n")
    code, err = _run(capsys, "--statements", str(empty))
    assert code == 1 and "error[CS801]" in err and "empty" in err
    blocker = tmp_path / "file"
    blocker.write_text("")
    code, err = _run(capsys, "--statements", str(small[0]), "--out", str(blocker / "r"))
    assert code == 1 and "error[CS809]" in err
    other = tmp_path / "other.ndjson"
    other.write_text('{"id": "x", "actor": {"mbox": "mailto:a@b"}, "verb": {"id": "v"}, '
                     '"object": {"id": "https://elsewhere.example/c"}}\n')
    code, err = _run(capsys, "--statements", str(other), "--out", str(tmp_path / "o"))
    assert code == 0 and "warning[CS807]" in err


def test_since_keeps_the_later_statements(small: tuple[Path, Simulator], tmp_path: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    path, _ = small
    stamps = sorted(json.loads(line)["timestamp"] for line in path.read_text().splitlines())
    middle = stamps[len(stamps) // 2]
    later = sum(1 for s in stamps if s >= middle)
    assert main(["report", str(SAMPLE), "--statements", str(path), "--since", middle,
                 "--out", str(tmp_path / "a"), "--format", "json"]) == 0
    assert capsys.readouterr().out.startswith(f"{later} statements")
    code, err = _run(capsys, "--statements", str(path), "--since", "2099-01-01",
                     "--out", str(tmp_path / "b"))
    assert code == 0 and "warning[CS807]" in err
