"""Malformed and hostile region files never crash the compiler: a coded diagnostic every time.

Hypothesis writes region files for the fixture course (tests/fixtures/l10n/course) from the real
segment keys and from noise: translations with Markdown, braces, answer syntax, broken YAML,
overrides with random blocks. ``localize`` must return a course or report; it never raises.
Every diagnostic is a known code at a line of a file that exists; a file that is not YAML gets
CS001 (or CS612), YAML that is not a mapping CS612, in the region file.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
import yaml
from fuzzcourse import diagnostic_problems
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from coursec.build import BuildOptions, load_and_check
from coursec.diagnostics import Reporter
from coursec.localize import localize_regions
from coursec.localize.segments import segments
from coursec.model import Course

COURSE = Path(__file__).parent / "fixtures" / "l10n" / "course"
_checked = load_and_check(BuildOptions(course_dir=COURSE, targets=["web"]), Reporter())
assert _checked is not None
KEYS = [s.key for s in segments(_checked[0])]

pieces = st.sampled_from([
    "**", "*", "`", "[", "](", ")", "![", "{{", "}}", "{{fee}}", "{{nope}}", "-> ", "[x] ",
    "{empathy +1}", ":::", "::::{scenario} x", "\n", "|", "#", "<b>", "https://x.example",
    "02-practice.md", "Geld", " ", "ü", "ع", "\t",
])
texts = st.lists(pieces, max_size=12).map("".join)
keys = st.one_of(st.sampled_from(KEYS), st.text(max_size=12))
entries = st.one_of(
    texts,
    st.fixed_dictionaries({"text": texts}, optional={"hash": st.text(max_size=9),
                                                     "note": texts}),
    st.integers(), st.none(), st.lists(texts, max_size=2),
)
overrides = st.dictionaries(
    st.sampled_from(["refund-call.node.opening", "refund-call.ending.lost", "fee-check",
                     "refund-call.node.nowhere", "x.y.z"]),
    st.fixed_dictionaries({"markdown": texts},
                          optional={"changes": st.sampled_from([["targets"], "scoring", 3])}),
    max_size=2,
)
region_files = st.one_of(
    st.fixed_dictionaries(
        {"strings": st.dictionaries(keys, entries, max_size=8)},
        optional={"values": st.dictionaries(st.sampled_from(["fee", "hotline", "zzz"]),
                                            st.one_of(texts, st.integers(), st.dictionaries(
                                                st.sampled_from(["value", "currency", "type"]),
                                                texts, max_size=2)), max_size=2),
                  "overrides": overrides, "region": st.sampled_from(["de-DE", "xx"])},
    ).map(lambda d: yaml.safe_dump(d, allow_unicode=True)),
    texts,  # not YAML at all, or not a mapping
)


@settings(max_examples=int(os.environ.get("COURSEC_L10N_FUZZ_EXAMPLES", "60")), deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(text=region_files)
@example(text="strings: {}\nvalues:\n  fee: 100000000000000000000000000\n")  # was a crash
def test_any_region_file_gives_diagnostics_not_a_crash(
    tmp_path_factory: pytest.TempPathFactory, text: str
) -> None:
    root = tmp_path_factory.mktemp("fuzz") / "course"
    shutil.copytree(COURSE, root)
    (root / "locales" / "de-DE.yaml").write_text(text, encoding="utf-8")
    reporter = Reporter()
    checked = load_and_check(BuildOptions(course_dir=root, targets=["web"]), reporter)
    assert checked is not None
    built = localize_regions(checked[0], ["de-DE"], reporter)
    assert all(isinstance(course, Course) for _, course in built)
    # each diagnostic a known code with a message, at a line its file has
    assert diagnostic_problems(reporter.diagnostics, root) == []
    codes = [(d.code.name, Path(d.span.path).name) for d in reporter.diagnostics]
    try:
        loaded = yaml.safe_load(text)
    except yaml.YAMLError:  # not YAML to PyYAML (coursec may read a stray tab): refused
        assert {("CS001", "de-DE.yaml"), ("CS612", "de-DE.yaml")} & set(codes), codes
        return
    if loaded is not None and not isinstance(loaded, dict):  # YAML, but not a mapping
        assert ("CS612", "de-DE.yaml") in codes, codes
    elif isinstance(loaded, dict) and not reporter.has_errors:
        assert [r for r, _ in built] == ["de-DE"]  # a region file that loads gives its region
