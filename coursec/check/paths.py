"""Package paths an LMS or the zip writer would choke on (every target's package check).

In:  a package file map ({package path: bytes | SourceFile}).
Out: ``check_paths`` reports CS505 at each unsafe path (``coursec.content.path_problem``:
     relative, ASCII, URL-safe). A module of its own, without lxml: the web and xAPI targets
     check only their paths (``coursec.check.manifest`` checks the SCORM manifests too).
"""

from __future__ import annotations

from coursec.content import ContentMap, path_problem
from coursec.diagnostics import Code, Reporter, Span


def check_paths(files: ContentMap, reporter: Reporter) -> None:
    """Report CS505 for every package path an LMS or the zip writer would choke on."""
    for name in sorted(files):
        problem = path_problem(name)
        if problem:
            reporter.report(Code.CS505, Span(path=name), f"package file {problem}",
                            help="rename the file using letters, digits, '-', '_' and '.'")
