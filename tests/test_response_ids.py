"""SCORM 2004 response identifiers: every coursec id maps to one Moodle accepts, collision-free."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from coursec.parse.ids import ID_RE
from coursec.targets.response_ids import SHORT_IDENTIFIER, response_id

IDS = st.from_regex(ID_RE, fullmatch=True)


@given(IDS)
def test_every_id_is_a_short_identifier(identifier: str) -> None:
    assert SHORT_IDENTIFIER.match(response_id(identifier)), response_id(identifier)


@given(IDS, IDS)
def test_mapping_is_collision_free(a: str, b: str) -> None:
    assert (response_id(a) == response_id(b)) == (a == b)


def test_hyphens_and_underscores_stay_apart() -> None:
    assert response_id("calm-down") == "calm.down"
    assert response_id("calm_down") == "calm_down"
    assert not re.match(r"^[\w.]{1,250}$", "calm-down", re.ASCII)  # what Moodle refused (406)
