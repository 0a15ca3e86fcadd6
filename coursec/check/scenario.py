"""Scenario checks: the graph is verified before anything ships, with file:line and did-you-mean.

In:  every ``Scenario`` of the course.
Out: ``ScenarioReport``s (counts, paths, score ranges per ending) for ``coursec check
     --scenarios``. Reported: CS301 unknown target, CS302 unknown competency, CS303 node no path
     reaches, CS304 node with no way to an ending (no choices, only unknown targets, a way that
     ends at such a dead end, a loop with no exit, or choices closed by conditions), CS305
     ending no path reaches, CS306 pass rule no path satisfies, CS307 condition never true,
     CS308 competency never scored, CS312 bad start, CS313 no passing ending, CS314 the state
     search stopped at a limit (says what was and was not checked), CS315 flag never set,
     CS316 a score farmable on a loop.
Three layers, each run whatever the previous found (one pass reports every problem): names and
targets (an unknown target is a dead edge from then on); the node graph
(``coursec.check.scenario_graph``: reachability, dead ends, traps; always complete, at any size);
the learner states (``coursec.check.scenario_stats``: conditions, pass rule, score farming;
exact, bounded in time and memory). Only a missing start stops the analysis.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from coursec.check import scenario_findings as findings
from coursec.check.scenario_graph import node_graph
from coursec.check.scenario_states import LIMITS, Limits
from coursec.check.scenario_stats import PATH_CAP, EndingStats, analyse, count_paths, ending_stats
from coursec.diagnostics import Code, Reporter, Span, did_you_mean
from coursec.model import Course, Scenario
from coursec.parse.expr import TOTAL, names


@dataclass
class ScenarioReport:
    id: str
    title: str
    nodes: int
    endings: int
    states: int
    paths: int
    paths_capped: bool
    per_ending: dict[str, EndingStats] = field(default_factory=dict)
    path_cap: int = PATH_CAP
    states_capped: bool = False  # the learner states were not all counted: more than ``states``

    def to_json(self) -> dict[str, object]:
        out: dict[str, object] = {
            "id": self.id,
            "title": self.title,
            "nodes": self.nodes,
            "endings": self.endings,
            "states": self.states,
            "paths": self.paths,
            "paths_capped": self.paths_capped,
            "path_cap": self.path_cap,
            "per_ending": {
                ending: {
                    "shortest": s.shortest,
                    "longest": s.longest,
                    "min_scores": s.min_scores,
                    "max_scores": s.max_scores,
                    "passes": s.passes,
                }
                for ending, s in sorted(self.per_ending.items())
            },
        }
        if self.states_capped:  # only then, so that the usual report stays as it was
            out["states_capped"] = True
        return out


def check_scenarios(course: Course, reporter: Reporter) -> list[ScenarioReport]:
    return [
        report
        for scenario in course.scenarios()
        if (report := check_scenario(scenario, reporter, report=True)) is not None
    ]


def check_scenario(
    scenario: Scenario, reporter: Reporter, limits: Limits = LIMITS, report: bool = False
) -> ScenarioReport | None:
    """Every check, in one pass; with ``report``, the report when the analysis completed (it
    costs a count of the learner states that no check needs)."""
    _structure(scenario, reporter)
    if scenario.start not in scenario.nodes:
        return None  # CS312: nothing to explore from
    graph = node_graph(scenario)
    result = analyse(scenario, limits)
    findings.from_graph(scenario, graph, result, reporter)
    findings.from_states(scenario, graph, result, reporter)
    if not report or not result.complete or result.unchecked():
        return None
    paths, capped = count_paths(result)
    states, exact = result.states()
    return ScenarioReport(
        id=scenario.id,
        title=scenario.title,
        nodes=len(scenario.nodes),
        endings=len(scenario.endings),
        states=states,
        paths=paths,
        paths_capped=capped,
        per_ending=ending_stats(result),
        states_capped=not exact,
    )


def _structure(scenario: Scenario, reporter: Reporter) -> None:
    known = scenario.node_ids()
    declared = set(scenario.competencies)
    if not scenario.start:
        reporter.report(
            Code.CS312,
            scenario.span,
            f"scenario '{scenario.id}' has no ':start:' node",
            help=f"add ':start: {next(iter(scenario.nodes), 'node-id')}'",
        )
    elif scenario.start not in scenario.nodes:
        reporter.report(
            Code.CS312,
            scenario.start_span or scenario.span,
            f"start node '{scenario.start}' is not a node of scenario '{scenario.id}'",
            help=did_you_mean(scenario.start, scenario.nodes),
        )
    flags_set = {flag for node in scenario.nodes.values() for c in node.choices for flag in c.sets}
    scored: set[str] = set()
    for node in scenario.nodes.values():
        for choice in node.choices:
            if choice.target not in known:
                reporter.report(
                    Code.CS301,
                    choice.target_span,
                    f"choice leads to unknown node '{choice.target}'",
                    help=did_you_mean(choice.target, known),
                )
            for name, span in choice.delta_spans.items():
                scored.add(name)
                if name not in declared:
                    _unknown_competency(scenario, name, span, reporter)
            if choice.condition is not None and choice.condition_span is not None:
                compared, flags = names(choice.condition)
                for name in sorted(compared - declared - {TOTAL}):
                    _unknown_competency(scenario, name, choice.condition_span, reporter)
                for flag in sorted(flags - flags_set):
                    reporter.report(
                        Code.CS315,
                        choice.condition_span,
                        f"flag '{flag}' is never set by any choice",
                        help=did_you_mean(flag, flags_set)
                        or "set it with '{set " + flag + "}' on an earlier choice",
                    )
    if scenario.pass_rule is not None and scenario.pass_span is not None:
        compared, _ = names(scenario.pass_rule)
        for name in sorted(compared - declared - {TOTAL}):
            _unknown_competency(scenario, name, scenario.pass_span, reporter)
    for name in scenario.competencies:
        if name not in scored:
            reporter.report(
                Code.CS308,
                scenario.competency_spans[name],
                f"competency '{name}' is declared but no choice changes it",
            )
    if not any(ending.outcome.value == "pass" for ending in scenario.endings.values()):
        reporter.report(
            Code.CS313,
            scenario.span,
            f"scenario '{scenario.id}' has no ending with ':outcome: pass'",
        )


def _unknown_competency(scenario: Scenario, name: str, span: Span, reporter: Reporter) -> None:
    reporter.report(
        Code.CS302,
        span,
        f"unknown competency '{name}' in scenario '{scenario.id}'",
        help=did_you_mean(name, scenario.competencies)
        or f"declare it in ':competencies:' ({', '.join(scenario.competencies) or 'none yet'})",
    )
