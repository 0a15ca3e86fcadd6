"""Regions and localization: region files, fallback chains, regional values, block overrides.

In:  the checked course model and the regions to build (None: the source language and every
     region listed in course.yaml).
Out: ``localize_regions`` -> ``[(region tag, localized course)]`` in build order, each a copy of
     the model as that region's learners see it (``coursec.localize.apply.localize``); the
     renderer and the targets then need nothing but the copy.
Reported: everything the modules of this package report (CS601-CS615, CS320-CS324).

Modules: ``segments`` (stable keys and source hashes), ``catalog`` (region files), ``regions``
(tags and fallback chains), ``values`` (``{{name}}`` formatted with Babel), ``checks`` (one
translation against its source), ``overrides`` (whole blocks replaced, contract checked),
``apply`` (``localize`` and ``audit``), ``status`` / ``sync`` / ``exchange`` (the ``coursec
l10n`` commands), ``ui`` (the theme's interface catalogs), ``ui_entries`` (a locale file's
``ui:`` section), ``ui_strings`` (a region's interface strings: catalog under the course's own),
``ui_strings_l10n`` (interface strings in ``l10n status/export/import``).
"""

from __future__ import annotations

from coursec.diagnostics import Reporter
from coursec.localize.apply import Source, localize
from coursec.localize.regions import Region, resolve_regions
from coursec.model import Course

__all__ = ["Region", "localize", "localize_regions", "resolve_regions"]


def localize_regions(
    course: Course, requested: list[str] | None, reporter: Reporter
) -> list[tuple[str, Course]]:
    shared = Source(course)  # its segments and pickled copy: made once for every region
    return [
        (region.tag, localize(course, region, reporter, shared))
        for region in resolve_regions(course, requested, reporter)
    ]
