"""``coursec l10n status``: how complete each region is.

In:  the checked course and its regions: every region course.yaml lists plus every other file
     under ``locales/`` (fallback-only files such as ``es``), or the regions asked for.
Out: ``region_status`` -> one ``Audit`` per region; ``status_text`` (an aligned table: region,
     fallback chain, translated, fallback, missing, stale, extra, overridden, complete, and the
     interface strings: ui-course, the course's own ``ui:`` texts, and ui-missing, those shown
     in English for want of a theme catalog, ``coursec.localize.ui_strings_l10n``) and
     ``status_json``. Nothing is reported here beyond what reading the region files reports.
"""

from __future__ import annotations

import json

from coursec.diagnostics import Reporter
from coursec.localize.apply import Audit, audit
from coursec.localize.regions import RegionLoader, config_span, region_files
from coursec.localize.segments import segments
from coursec.localize.ui_strings_l10n import UiCoverage, ui_coverage
from coursec.model import Course
from coursec.parse.course import display_path

COLUMNS = ("region", "chain", "translated", "fallback", "missing", "stale", "extra",
           "overridden", "complete", "ui-course", "ui-missing")


def status_tags(course: Course, requested: list[str] | None) -> list[str]:
    if requested is not None:
        return list(dict.fromkeys(requested))
    listed = list(course.config.regions)
    source = course.config.language  # its locale file may hold its own interface strings
    others = [t for t in region_files(course.root) if t not in listed and t != source]
    return [source, *listed, *others]


def region_status(course: Course, requested: list[str] | None, reporter: Reporter) -> list[Audit]:
    loader = RegionLoader(course, reporter)
    source = segments(course)
    audits = []
    for tag in status_tags(course, requested):
        region = loader.region(tag, config_span(course, tag))
        if region is not None:
            audits.append(audit(source, region))
            ui_coverage(course, tag, reporter)  # reports what is wrong with its ui: strings
    return audits


def _ui(course: Course, audits: list[Audit]) -> dict[str, UiCoverage]:
    return {a.region: ui_coverage(course, a.region, Reporter()) for a in audits}


def _row(result: Audit, source: str, ui: UiCoverage) -> list[str]:
    chain = " > ".join([*result.chain, source]) if result.chain else "(source)"
    return [
        result.region,
        chain,
        str(len(result.translated)),
        str(len(result.fallback)),
        str(len(result.missing)),
        str(len(result.stale)),
        str(len(result.extra)),
        str(len(result.overridden)),
        f"{result.complete:.1f}%",
        str(len(ui.given)),
        str(len(ui.missing)),
    ]


def status_text(course: Course, audits: list[Audit]) -> str:
    ui = _ui(course, audits)
    rows = [list(COLUMNS)] + [_row(a, course.config.language, ui[a.region]) for a in audits]
    widths = [max(len(row[i]) for row in rows) for i in range(len(COLUMNS))]
    lines = []
    for row in rows:
        cells = [
            cell.ljust(widths[i]) if i < 2 else cell.rjust(widths[i])
            for i, cell in enumerate(row)
        ]
        lines.append("  ".join(cells).rstrip())
    total = audits[0].total if audits else 0
    lines.append(f"{total} strings in the source ({course.config.language}); "
                 f"region files in {display_path(course.root / 'locales')}")
    lines.append("ui-course: interface strings the course gives under 'ui:'; ui-missing: "
                 "interface strings in English (the theme has no catalog for the language)")
    return "\n".join(lines) + "\n"


def status_json(course: Course, audits: list[Audit]) -> str:
    ui = _ui(course, audits)
    data = {
        "course": course.id,
        "source": course.config.language,
        "strings": audits[0].total if audits else 0,
        "regions": [
            {
                "region": a.region,
                "chain": [*a.chain, course.config.language],
                "translated": len(a.translated),
                "fallback": len(a.fallback),
                "missing": len(a.missing),
                "stale": len(a.stale),
                "extra": len(a.extra),
                "overridden": len(a.overridden),
                "complete": round(a.complete, 1),
                "missing_keys": [s.key for s in a.missing],
                "stale_keys": [s.key for s, _, _ in a.stale],
                "extra_keys": [e.key for e, _ in a.extra],
                "ui": {
                    "catalog": ui[a.region].catalog,
                    "course": len(ui[a.region].given),
                    "missing": len(ui[a.region].missing),
                    "course_keys": ui[a.region].given,
                    "missing_keys": ui[a.region].missing,
                },
            }
            for a in audits
        ],
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
