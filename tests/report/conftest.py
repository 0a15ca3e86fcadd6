"""Report fixtures: one simulated cohort of the sample course per test session, reported once
with DuckDB and once with chdb (the in-process ClickHouse engine)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from coursec.model import Course
from coursec.report.course_map import CourseMap, course_map
from coursec.report.engine import ClickHouseEngine, DuckEngine, Engine
from coursec.report.figures import Report, compute

from .simulate import Simulator, Truth, load_sample, write_ndjson

COHORT = 2000


@dataclass
class Cohort:
    path: Path
    truth: Truth
    sim: Simulator


def report_of(engine: Engine, cmap: CourseMap, region: str | None = None) -> Report:
    engine.prepare(cmap.course_iri, None)
    return compute(engine, cmap, region)


@pytest.fixture(scope="session")
def sample() -> Course:
    return load_sample()


@pytest.fixture(scope="session")
def cmap(sample: Course) -> CourseMap:
    return course_map(sample)


@pytest.fixture(scope="session")
def cohort(sample: Course, tmp_path_factory: pytest.TempPathFactory) -> Cohort:
    sim = Simulator(sample, seed=7, definitions=False)
    path = tmp_path_factory.mktemp("cohort") / "statements.ndjson"
    write_ndjson(sim.statements(COHORT), path)
    return Cohort(path, sim.truth, sim)


@pytest.fixture(scope="session")
def duck(cohort: Cohort, cmap: CourseMap) -> Report:
    return report_of(DuckEngine([(cohort.path, "newline_delimited")]), cmap)


@pytest.fixture(scope="session")
def clickhouse(cohort: Cohort, cmap: CourseMap) -> Report:
    return report_of(ClickHouseEngine.chdb([(cohort.path, "newline_delimited")]), cmap)
