"""``coursec schema`` and the course.yaml loader accept the same files.

Every course.yaml of the repository (the sample, the scaffold as ``coursec new`` writes it, the
test fixtures, the diagnostics cases) and a set of hand-written variants go through both: the
loader (``coursec.parse.course.load_config``) and the published JSON Schema (``jsonschema``,
the draft pydantic writes). Both must accept, or both reject, each one. A YAML date is text to
a JSON Schema validator (as in editors), so dates are compared as ISO strings.
"""

from __future__ import annotations

import datetime
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from coursec.cli import main
from coursec.diagnostics import Reporter
from coursec.new import create_course
from coursec.parse.course import load_config
from coursec.parse.yamlsrc import load_data

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
FILES = sorted(
    {
        *ROOT.glob("courses/*/course.yaml"),
        *FIXTURES.rglob("course.yaml"),
        *FIXTURES.rglob("*.course.yaml"),
        *(FIXTURES / "diagnostics").glob("*.yaml"),  # the course.yaml cases
    }
)
BASE = "id: variant\ntitle: A variant\n"
ACCEPTED = [
    'values:\n  hotline: "1-800-555-0134"\n',  # the documented shorthand for a text value
    "values:\n  hotline: 0800 555 0134\n",
    "values:\n  window: 14\n  rate: 2.5\n  launch: 2026-03-01\n  beta: true\n",
    "values:\n  fee: {type: currency, value: 20, currency: EUR}\n",
    "values:\n  window: {type: unit, value: 30, unit: duration-day}\n",
    "values:\n  launch: {type: date, value: 2026-03-01, format: short}\n",
    "mastery: 80\nlessons: null\ntargets: [scorm12, cmi5]\nxapi: {base_iri: https://x.example}\n",
    "regions: [de-DE, es-MX]\nfallback: {es-MX: [es]}\ntheme: {brand_color: '#1F5F8B'}\n",
]
REJECTED = [
    "values:\n  hotline: [1, 800]\n",
    "values:\n  hotline:\n",
    "values:\n  fee: {type: currency, currency: EUR}\n",  # no value
    "values:\n  fee: {value: 20, colour: red}\n",
    "values:\n  fee: {type: money, value: 20}\n",
    "values:\n  fee: {value: true}\n",
    'mastery: "80"\n',  # text, not a number
    "mastery: 120\n",
    "allow_html: 'yes'\n",
    'scorm2004_edition: "4"\n',
    "version: 1.0\n",  # a YAML float: write "1.0"
    "targets: scorm12\n",
    "targets: [moodle]\n",
    "completion: {pages: some}\n",
    "theme: {brand_color: blue}\n",
    "mastry: 80\n",
]


def _jsonable(data: Any) -> Any:
    if isinstance(data, dict):
        return {str(k): _jsonable(v) for k, v in data.items()}
    if isinstance(data, list):
        return [_jsonable(v) for v in data]
    if isinstance(data, datetime.date):
        return data.isoformat()
    return data


@pytest.fixture(scope="module")
def validator() -> jsonschema.protocols.Validator:
    schema = _schema()
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema)


def _schema() -> dict[str, Any]:
    import contextlib
    import io

    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert main(["schema"]) == 0
    schema: dict[str, Any] = json.loads(out.getvalue())
    return schema


def _verdicts(text: str, tmp_path: Path, validator: jsonschema.protocols.Validator) -> tuple[
    bool, bool
]:
    course = tmp_path / "course"
    course.mkdir(exist_ok=True)
    (course / "course.yaml").write_text(text, encoding="utf-8")
    loaded = load_config(course, Reporter()) is not None
    return loaded, validator.is_valid(_jsonable(load_data(text)))


def _parses(text: str) -> bool:
    try:
        load_data(text)
    except yaml.YAMLError:
        return False
    return True


@pytest.mark.parametrize("path", FILES, ids=[str(p.relative_to(ROOT)) for p in FILES])
def test_every_course_yaml_gets_the_same_verdict(
    path: Path, tmp_path: Path, validator: jsonschema.protocols.Validator
) -> None:
    text = path.read_text(encoding="utf-8")
    if not _parses(text):  # a YAML syntax case: neither the schema nor the model sees it
        assert path.stem.startswith("CS001"), path
        return
    loaded, valid = _verdicts(text, tmp_path, validator)
    assert loaded == valid, f"{path}: loader {'accepts' if loaded else 'rejects'}, schema " + (
        "accepts" if valid else "rejects"
    )


def test_the_files_include_valid_and_invalid_ones(
    tmp_path: Path, validator: jsonschema.protocols.Validator
) -> None:
    verdicts = {
        p.relative_to(ROOT).as_posix(): _verdicts(p.read_text("utf-8"), tmp_path, validator)
        for p in FILES
        if _parses(p.read_text("utf-8"))
    }
    assert verdicts["courses/customer-service/course.yaml"] == (True, True)
    assert verdicts["tests/fixtures/diagnostics/CS003-course-yaml.yaml"] == (False, False)
    assert verdicts["tests/fixtures/diagnostics/CS002-course-yaml.yaml"] == (False, False)


def test_the_scaffold_course_yaml(
    tmp_path: Path, validator: jsonschema.protocols.Validator
) -> None:
    reporter = Reporter()
    create_course(tmp_path / "new-course", "A title: with a colon", reporter)
    assert not reporter.diagnostics
    text = (tmp_path / "new-course" / "course.yaml").read_text(encoding="utf-8")
    assert _verdicts(text, tmp_path, validator) == (True, True)


@pytest.mark.parametrize("variant", ACCEPTED)
def test_accepted_by_both(
    variant: str, tmp_path: Path, validator: jsonschema.protocols.Validator
) -> None:
    assert _verdicts(BASE + variant, tmp_path, validator) == (True, True)


@pytest.mark.parametrize("variant", REJECTED)
def test_rejected_by_both(
    variant: str, tmp_path: Path, validator: jsonschema.protocols.Validator
) -> None:
    assert _verdicts(BASE + variant, tmp_path, validator) == (False, False)
