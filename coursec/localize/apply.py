"""``localize``: the course as one region sees it, and what the region still lacks.

In:  the checked course model, a ``Region`` (its chain of region files) and the Reporter.
Out: ``localize(course, region, reporter)`` -> a translated deep copy of the course: every
     segment replaced by the first translation found along the region's chain (own file, then
     fallbacks, then the source), ``{{values}}`` formatted for the region, overridden blocks
     swapped in, ``config.language`` set to the region and the course title and description
     translated (the targets write them into the manifests). Ids, correct answers and targets
     are never touched by a translation. The input course is not changed (it is returned as
     it is for the source language when no ``{{value}}`` needs substituting).
     ``audit(...)`` -> per-region counts for ``coursec l10n status``, with nothing reported.
     ``Source(course)``: what every region's ``localize`` of one course shares (its segments
     and its pickled form), made once (``coursec.localize.localize_regions``).
Reported: CS601 missing, CS602 extra keys, CS603 stale translations, CS615 stale overrides,
     CS608 unknown ``{{names}}`` (in the source or a translation), and what
     ``coursec.localize.checks``, ``.values`` and ``.overrides`` report.
"""

from __future__ import annotations

import functools
import pickle
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from markdown_it import MarkdownIt

from coursec.config import RegionalValue
from coursec.diagnostics import Code, Reporter, Span, did_you_mean
from coursec.localize.catalog import Entry, Override, RegionFile
from coursec.localize.checks import check_translation
from coursec.localize.overrides import OverrideApplier
from coursec.localize.regions import Region, config_span
from coursec.localize.segments import Segment, rewrite, segments, source_hash
from coursec.localize.values import (
    format_values,
    merge,
    numeric_value,
    placeholder_span,
    placeholders,
    substitute,
)
from coursec.model import Course
from coursec.parse.markdown import make_markdown


@dataclass
class Audit:
    """Where every source segment of one region comes from."""

    region: str
    chain: list[str]
    total: int = 0
    translated: list[str] = field(default_factory=list)  # in the region's own file, current
    fallback: list[str] = field(default_factory=list)  # from a fallback file or the source
    missing: list[Segment] = field(default_factory=list)
    stale: list[tuple[Segment, Entry, RegionFile]] = field(default_factory=list)
    extra: list[tuple[Entry, RegionFile]] = field(default_factory=list)
    overridden: list[str] = field(default_factory=list)

    @property
    def complete(self) -> float:
        if not self.total:
            return 100.0
        return 100.0 * (self.total - len(self.missing) - len(self.stale)) / self.total


def find(region: Region, key: str) -> tuple[Entry, RegionFile] | None:
    for file in region.files:
        entry = file.entries.get(key)
        if entry is not None and entry.text.strip():
            return entry, file
    return None


def overrides_of(region: Region) -> dict[str, tuple[Override, RegionFile]]:
    found: dict[str, tuple[Override, RegionFile]] = {}
    for file in region.files:
        for key, override in file.overrides.items():
            found.setdefault(key, (override, file))
    return found


def block_hash(source: Iterable[Segment], block: str) -> str:
    return source_hash("\n".join(f"{s.key}={s.text}" for s in source if s.block == block))


def audit(source: list[Segment], region: Region) -> Audit:
    result = Audit(region.tag, region.chain, total=len(source))
    if region.is_source:
        result.translated = [s.key for s in source]
        return result
    overridden = overrides_of(region)
    keys = {s.key for s in source}
    for segment in source:
        if segment.block in overridden:
            result.overridden.append(segment.key)
            result.translated.append(segment.key)
            continue
        found = find(region, segment.key)
        if found is None:
            if region.same_language:
                result.fallback.append(segment.key)
            else:
                result.missing.append(segment)
            continue
        entry, file = found
        if entry.hash is not None and entry.hash != segment.hash:
            result.stale.append((segment, entry, file))
        elif file is region.own:
            result.translated.append(segment.key)
        else:
            result.fallback.append(segment.key)
    if region.own is not None:
        result.extra = [(e, region.own) for k, e in region.own.entries.items() if k not in keys]
    return result


@dataclass
class Source:
    """What every region's ``localize`` reads of one course, made once for all of them: its
    segments and its pickled form (each region's copy is loaded from it). The course must not
    change while it is localized."""

    course: Course
    _segments: list[Segment] | None = None
    _pickled: bytes | None = None

    @property
    def segments(self) -> list[Segment]:
        if self._segments is None:
            self._segments = segments(self.course)
        return self._segments

    def copy(self) -> Course:
        # a deep copy (a third faster than copy.deepcopy on a course's markdown-it tokens)
        if self._pickled is None:
            self._pickled = pickle.dumps(self.course, pickle.HIGHEST_PROTOCOL)
        copied: Course = pickle.loads(self._pickled)
        return copied


def localize(course: Course, region: Region, reporter: Reporter,
             shared: Source | None = None) -> Course:
    """``course`` as ``region`` sees it (``shared``: what several regions of it read)."""
    shared = shared if shared is not None and shared.course is course else Source(course)
    source = shared.segments
    if region.is_source and not any("{{" in s.text for s in source):
        return course  # nothing to translate or substitute: the model as it is
    localized = shared.copy()
    md = _markdown(course.config.allow_html)
    formatted, merged, value_spans = _values(course, region, reporter)
    # a source text naming an unknown value is reported once, at the value (CS608); its
    # translations are not compared with it (CS603, CS604) until the source is fixed
    broken = {
        s.key for s in source if any(n not in course.config.values for n in placeholders(s.text))
    }
    result = audit(source, region)
    result.stale = [item for item in result.stale if item[0].key not in broken]
    _report_audit(result, region, source, reporter)

    applier = OverrideApplier(localized, md, region.tag, reporter)
    overridden = overrides_of(region)
    for key, (override, file) in overridden.items():
        current = block_hash(source, key)
        if override.hash is not None and override.hash != current and any(
            s.block == key for s in source
        ):
            reporter.report(
                Code.CS615,
                override.span,
                f"{region.tag} override of '{key}' was made from an older version of the block",
                help=f"review the source block, then set 'hash: {current}'",
            )
        applier.apply(override, file.shown)
    applier.finish()

    node_ids = {
        s.id: frozenset(s.node_ids()) for s in course.scenarios()
    }

    def translate(segment: Segment) -> str | None:
        text, where = segment.text, segment.span
        if not region.is_source and segment.block not in overridden and segment.key not in broken:
            found = find(region, segment.key)
            if found is not None:
                entry = found[0]
                ok = check_translation(
                    segment,
                    entry.text,
                    entry.span,
                    region.tag,
                    md,
                    reporter,
                    node_ids.get(segment.key.split(".", 1)[0], frozenset()),
                )
                if ok:
                    text, where = entry.text, entry.span
        for name in placeholders(text):
            if name not in formatted:
                reporter.report(
                    Code.CS608,
                    placeholder_span(where, name),
                    f"unknown value '{{{{{name}}}}}'",
                    help=did_you_mean(name, formatted)
                    or "declare it under 'values:' in course.yaml",
                )
        return substitute(text, formatted, markdown=segment.kind != "plain")

    rewrite(localized, translate, md)
    _numeric_answers(localized, merged, value_spans, region.tag, reporter)
    localized.config = localized.config.model_copy(update={"language": region.tag})
    return localized


@functools.cache
def _markdown(allow_html: bool) -> MarkdownIt:
    """One parser per HTML setting for every region: ``checks._shape`` caches a source text's
    links and markup per parser, so each source text is parsed once, not once per region.
    Parsing keeps no state in the parser (each call has its own environment)."""
    return make_markdown(allow_html)


def _numeric_answers(
    course: Course, values: dict[str, RegionalValue], spans: dict[str, Span], region: str,
    reporter: Reporter,
) -> None:
    """``= {{name}}`` answers of numeric quizzes take the region's number."""
    for quiz in course.quizzes():
        for answer in quiz.ranges:
            if answer.value is None or answer.value not in values:
                continue  # unknown names are reported by coursec.parse.answers
            number = numeric_value(values[answer.value])
            if number is None:
                reporter.report(
                    Code.CS630,
                    spans[answer.value],
                    f"'{answer.value}' is not a number in {region}, but it is the answer of "
                    f"numeric quiz '{quiz.id}'",
                    help="give the region a number (e.g. 'refund-window: 14'), not a text",
                )
                continue
            answer.low = answer.high = number


def _values(
    course: Course, region: Region, reporter: Reporter
) -> tuple[dict[str, str], dict[str, RegionalValue], dict[str, Span]]:
    """The region's values formatted, and as merged along its chain (with where each is set)."""
    values: dict[str, RegionalValue] = dict(course.config.values)
    spans: dict[str, Span] = {name: config_span(course, f"{name}:") for name in values}
    for file in reversed(region.files):  # fallbacks first: the region's own file wins
        for name, raw in file.values.items():
            if name not in values:
                reporter.report(
                    Code.CS608,
                    file.value_spans[name],
                    f"unknown value '{name}' in {file.tag}",
                    help=did_you_mean(name, values) or "declare it under 'values:' in course.yaml",
                )
                continue
            try:
                values[name] = merge(values[name], raw)
            except (ValueError, TypeError) as error:
                reporter.report(Code.CS609, file.value_spans[name], f"value '{name}': {error}")
                continue
            spans[name] = file.value_spans[name]
    return format_values(values, region.tag, spans, reporter), values, spans


def _report_missing(missing: list[Segment], region: Region, reporter: Reporter) -> None:
    """CS601: one summary line per region, or (``reporter.verbose``, or a single text) one line
    per text, at its key in the region file when the key is there but empty, else at the source
    line the text comes from."""
    if not missing:
        return
    own = region.own
    shown = own.shown if own is not None else f"locales/{region.tag}.yaml"
    sync = f"`coursec l10n sync --region {region.tag}` adds every key, with the source as a comment"
    if len(missing) > 1 and not reporter.verbose:
        first = missing[0]
        reporter.report(
            Code.CS601,
            Span(shown),
            f"{region.tag}: {len(missing)} texts have no translation (the first: "
            f"'{first.key}', {first.span.path}:{first.span.line})",
            help=f"--verbose lists each one with its line; {sync}",
        )
        return
    for segment in missing:
        entry = own.entries.get(segment.key) if own is not None else None
        if entry is not None:
            reporter.report(
                Code.CS601,
                entry.span,
                f"{region.tag}: '{segment.key}' has no translation "
                f"(source: {segment.span.path}:{segment.span.line})",
            )
        else:
            reporter.report(
                Code.CS601,
                segment.span,
                f"{region.tag}: no translation for '{segment.key}' in {shown}",
                help=sync if own is None else None,
            )


def _report_audit(
    result: Audit, region: Region, source: list[Segment], reporter: Reporter
) -> None:
    missing_keys = [segment.key for segment in result.missing]
    # a misspelt key is one problem: the extra key names the missing one (did you mean)
    # (not paragraph numbers: p9 for p3 is a shifted paragraph, both worth reporting)
    renamed = {entry.key: did_you_mean(entry.key, missing_keys) for entry, _ in result.extra}
    explained = {
        hint.split("'")[1]
        for key, hint in renamed.items()
        if hint and re.sub(r"\d+", "", hint.split("'")[1]) != re.sub(r"\d+", "", key)
    }
    missing = [segment for segment in result.missing if segment.key not in explained]
    _report_missing(missing, region, reporter)
    for segment, entry, file in result.stale:
        reporter.report(
            Code.CS603,
            entry.span,
            f"{file.tag} translation of '{segment.key}' is stale: the source changed "
            f"(hash {entry.hash}, now {segment.hash})",
            help=f"review it against the source, then set 'hash: {segment.hash}'",
        )
    keys = [segment.key for segment in source]
    for entry, file in result.extra:
        near = renamed[entry.key] or did_you_mean(entry.key, keys)
        reporter.report(
            Code.CS602,
            entry.span,
            f"'{entry.key}' in {file.tag} matches no text of the course",
            help=(f"{near} " if near else "")
            + "the source was removed or its id changed; `coursec l10n sync` moves "
            "translations whose source moved",
        )
