"""The directives a lesson may hold at its top level, by name: ``{name: Spec(options, parse)}``.

In:  nothing (a table). Out: ``DIRECTIVES``, read by ``coursec.parse.lesson`` (dispatch, the
CS201 did-you-mean list, CS202 unknown options) and by whatever needs the names of the
directives. A new directive is one module with its parser (signature
``coursec.parse.directives.Parser``) and one line here. Nested directives (a quiz inside an
assessment, a node inside a scenario) are read by the parser of their container.
"""

from __future__ import annotations

from coursec.parse.assessment import ASSESSMENT_OPTIONS, parse_assessment
from coursec.parse.directives import Spec
from coursec.parse.quiz import QUIZ_OPTIONS, parse_quiz
from coursec.parse.scenario import SCENARIO_OPTIONS, parse_scenario

DIRECTIVES: dict[str, Spec] = {
    "quiz": Spec(QUIZ_OPTIONS, parse_quiz),
    "assessment": Spec(ASSESSMENT_OPTIONS, parse_assessment),
    "scenario": Spec(SCENARIO_OPTIONS, parse_scenario),
}
