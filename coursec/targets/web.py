"""The ``web`` target: the rendered site as it is, no manifest (progress in localStorage).

In:  the site rendered with the ``local`` runtime adapter.
Out: the same file map; unsafe file names are reported as CS505.
"""

from __future__ import annotations

from coursec.check.manifest import check_paths
from coursec.content import ContentMap, FileMap
from coursec.diagnostics import Reporter
from coursec.model import Course


class WebTarget:
    name = "web"
    adapter = "local"

    def package(
        self, course: Course, site: ContentMap, reporter: Reporter
    ) -> FileMap:
        files: FileMap = dict(site)
        check_paths(files, reporter)
        return files
