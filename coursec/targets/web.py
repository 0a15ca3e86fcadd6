"""The ``web`` target: the rendered site as it is, no manifest (progress in localStorage).

In:  the site rendered with the ``local`` runtime adapter.
Out: the same file map; unsafe file names are reported as CS505.
"""

from __future__ import annotations

from coursec.content import ContentMap, FileMap
from coursec.diagnostics import Reporter
from coursec.model import Course
from coursec.targets.base import PackageTarget


class WebTarget(PackageTarget):
    def files(self, course: Course, site: ContentMap, reporter: Reporter) -> FileMap:
        return dict(site)
