"""Scenario checks: the graph is verified before anything ships, with file:line and did-you-mean.

In:  every ``Scenario`` of the course.
Out: ``ScenarioReport``s (counts, paths, score ranges per ending) for ``coursec check
     --scenarios``. Reported: CS301 unknown target, CS302 unknown competency, CS303 node no path
     reaches, CS304 node with no way to an ending (dead end, all choices closed, or a loop with
     no exit), CS305 ending no path reaches, CS306 pass rule no path satisfies, CS307 condition
     never true, CS308 competency never scored, CS312 bad start, CS313 no passing ending,
     CS314 state space over the cap, CS315 flag never set, CS316 a score farmable on a loop.
Structural problems (unknown targets, start, names) are reported first; the exact state-space
exploration of ``coursec.check.scenario_states`` then finds the rest.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from coursec.check import scenario_states as analysis
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
    per_ending: dict[str, analysis.EndingStats] = field(default_factory=dict)
    path_cap: int = analysis.PATH_CAP

    def to_json(self) -> dict[str, object]:
        return {
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


def check_scenarios(course: Course, reporter: Reporter) -> list[ScenarioReport]:
    return [
        report
        for scenario in course.scenarios()
        if (report := check_scenario(scenario, reporter)) is not None
    ]


def check_scenario(scenario: Scenario, reporter: Reporter) -> ScenarioReport | None:
    before = len(reporter.diagnostics)
    _structure(scenario, reporter)
    structural_errors = any(
        d.code in (Code.CS301, Code.CS312) for d in reporter.diagnostics[before:]
    )
    if structural_errors:
        return None
    exploration = analysis.explore(scenario)
    _from_states(scenario, exploration, reporter)
    if exploration.capped:
        return None
    paths, capped = analysis.count_paths(exploration)
    return ScenarioReport(
        id=scenario.id,
        title=scenario.title,
        nodes=len(scenario.nodes),
        endings=len(scenario.endings),
        states=len(exploration.states),
        paths=paths,
        paths_capped=capped,
        per_ending=analysis.ending_stats(exploration),
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


def _from_states(scenario: Scenario, exploration: analysis.Exploration, reporter: Reporter) -> None:
    if exploration.capped:
        reporter.report(
            Code.CS314,
            scenario.span,
            f"scenario '{scenario.id}' has more than {analysis.STATE_CAP} learner states; "
            "reachability, dead ends and pass rules were not checked",
            help="narrow ':range:' or use fewer flags",
        )
        return
    reached = exploration.reached_nodes()
    for node in scenario.nodes.values():
        if node.id not in reached:
            reporter.report(Code.CS303, node.span, f"no path reaches node '{node.id}'")
    for ending in scenario.endings.values():
        if ending.id not in reached:
            reporter.report(Code.CS305, ending.span, f"no path reaches ending '{ending.id}'")
    finishing = analysis.can_finish(exploration)
    stuck_nodes: dict[str, analysis.State] = {}
    for state in sorted(exploration.states, key=lambda s: exploration.depth[s]):
        if state not in finishing and state.node not in stuck_nodes:
            stuck_nodes[state.node] = state
    for node_id, state in stuck_nodes.items():
        node = scenario.nodes[node_id]
        path = _short_path(exploration.path_to(state))
        if not node.choices:
            message = f"node '{node_id}' has no choices and is not an ending"
        elif not analysis.available(scenario, state):
            message = f"no choice of node '{node_id}' is available after {path}"
        else:
            message = (
                f"from node '{node_id}' no ending can be reached (a loop with no exit), "
                f"after {path}"
            )
        reporter.report(Code.CS304, node.span, message)
    flags_set = {f for n in scenario.nodes.values() for c in n.choices for f in c.sets}
    for node in scenario.nodes.values():
        if node.id not in reached:
            continue
        for choice in node.choices:
            if choice.condition is None or id(choice) in exploration.condition_true:
                continue
            _, flags = names(choice.condition)
            if flags <= flags_set:  # otherwise CS315 already said why
                reporter.report(
                    Code.CS307,
                    choice.condition_span or choice.span,
                    f"condition '{choice.condition_text}' is never true when node "
                    f"'{node.id}' is reached",
                )
    for choice, name in analysis.looping_gains(exploration):
        reporter.report(
            Code.CS316,
            choice.delta_spans.get(name, choice.span),
            f"'{name}' rises on a loop the learner can repeat; repeating it pushes the score to "
            f"the range limit {scenario.score_range[1]}",
            help="make the loop cost something (a negative delta), or raise the score only once "
            "with a flag: '{set acknowledged}' and 'if not acknowledged'",
        )
    pass_endings = [e for e in scenario.endings.values() if e.outcome.value == "pass"]
    if pass_endings and not any(
        analysis.passes(scenario, exploration, state) for state in exploration.states
    ):
        reporter.report(
            Code.CS306,
            scenario.pass_span or scenario.span,
            f"no path through scenario '{scenario.id}' satisfies its pass rule"
            + (f" '{scenario.pass_text}'" if scenario.pass_text else ""),
        )


def _short_path(nodes: list[str], keep: int = 4) -> str:
    if len(nodes) > 2 * keep:
        nodes = [*nodes[:keep], f"... ({len(nodes) - 2 * keep} more)", *nodes[-keep:]]
    return " -> ".join(nodes)
