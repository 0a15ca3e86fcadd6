"""Matching: ``- term -> match`` pairs; the learner picks each term's match from a list.

In/Out: ``SPEC``. The response is, for each term (source order), the index of the pair whose
match was picked (-1: none); right when every term has its own. The form lists the matches in
a scrambled order (``scramble``), shuffled again at run time with ``:shuffle:``. Reported while
filling: CS208 (a line without ``->``), CS213 (fewer than 2 pairs), CS101/CS102 (pair ids).
"""

from __future__ import annotations

from typing import Any

from coursec.contract.facts import AdapterFacts
from coursec.contract.state import Response
from coursec.diagnostics import Code
from coursec.model import Pair, Quiz
from coursec.parse import ids
from coursec.quizkinds import choices
from coursec.quizkinds.base import (
    CORRECT,
    INCORRECT,
    Body,
    Describe,
    KindSpec,
    Line,
    Markdown,
    Rid,
    choice_ids,
    identity,
    no_key,
    scramble,
)


def infer(lines: list[Line]) -> bool:
    return lines[0].style == "bullet" and all("->" in line.text for line in lines)


def fill(quiz: Quiz, body: Body) -> None:
    scope = ids.IdScope()
    for line in body.lines:
        span = line.span
        term, sep, match = line.text.partition("->")
        if not sep or not term.strip() or not match.strip():
            body.reporter.report(Code.CS208, span, "a matching line is written '- term -> match'")
            continue
        text, given = ids.split_leading_id(term.strip())
        pair_id = choices.item_id(given, "pair", text, scope, span, body.reporter)
        quiz.pairs.append(Pair(pair_id, text.strip(), match.strip(), span))
    if len(quiz.pairs) < 2:
        body.reporter.report(
            Code.CS213, quiz.span, f"matching quiz '{quiz.id}' needs at least 2 pairs"
        )


def rid(quiz: Quiz, facts: AdapterFacts) -> Rid:
    if not quiz.pairs:
        return Rid()
    pairs = choice_ids([p.id for p in quiz.pairs], facts)
    return Rid(s=pairs, t=pairs)


def patterns(quiz: Quiz, facts: AdapterFacts) -> list[str]:
    ids_ = rid(quiz, facts)
    sources, targets, sep = ids_.s or [], ids_.t or [], facts.format
    return [sep.list.join(s + sep.pair + t for s, t in zip(sources, targets, strict=True))]


def definition(quiz: Quiz, describe: Describe) -> dict[str, Any]:
    return {
        "source": [{"id": p.id, "description": describe(p.term_md)} for p in quiz.pairs],
        "target": [{"id": p.id, "description": describe(p.match_md)} for p in quiz.pairs],
    }


def grade(quiz: Quiz, response: Response) -> int:
    ok = isinstance(response, list) and len(response) == len(quiz.pairs) and identity(response)
    return CORRECT if ok else INCORRECT


def right(quiz: Quiz) -> Response | None:
    return list(range(len(quiz.pairs)))


def worst(quiz: Quiz) -> Response:
    count = len(quiz.pairs)
    widest = count - 1 if len(str(count - 1)) > 2 else -1  # "-1" (unanswered) is 2 characters
    return [widest] * count


def samples(quiz: Quiz) -> list[Response]:
    order = list(range(len(quiz.pairs)))
    swapped = [1, 0, *order[2:]] if len(order) > 1 else [-1]
    return [order, swapped, list(reversed(order)), [*order[:-1], -1]]


def context(quiz: Quiz, md: Markdown) -> dict[str, Any]:
    return {
        "pairs": [{**md.fields(pair), "id": pair.id} for pair in quiz.pairs],
        "options": [
            {"id": quiz.pairs[i].id, "text": md.plain(md.inline(quiz.pairs[i].match_md))}
            for i in scramble(quiz.id, [p.id for p in quiz.pairs])
        ],
    }


SPEC = KindSpec(
    name="matching",
    interaction="matching",
    lines=frozenset({"bullet"}),
    graded=True,
    markup="matching",
    infer=infer,
    fill=fill,
    key=no_key,
    rid=rid,
    patterns=patterns,
    definition=definition,
    grade=grade,
    right=right,
    worst=worst,
    samples=samples,
    context=context,
)
