"""The target registry: one module per output format behind the ``Target`` interface.

In:  a target name from course.yaml or the command line (and the SCORM 2004 edition).
Out: a ``Target`` whose ``adapter`` tells the renderer which runtime adapter to embed and
     whose ``package()`` turns the rendered site into the package file map.
"""

from __future__ import annotations

from coursec.targets.base import Target
from coursec.targets.cmi5 import Cmi5Target
from coursec.targets.scorm12 import Scorm12Target
from coursec.targets.scorm2004 import Scorm2004Target
from coursec.targets.web import WebTarget
from coursec.targets.xapi import XapiTarget

TARGET_NAMES = ("scorm12", "scorm2004", "web", "xapi", "cmi5")

__all__ = ["TARGET_NAMES", "Target", "get_target"]


def get_target(name: str, *, edition: int = 4) -> Target:
    """The target called ``name``; ``edition`` (3 or 4) applies to ``scorm2004`` only.

    Raises ``KeyError`` for an unknown name (the caller reports CS502).
    """
    if name == "scorm12":
        return Scorm12Target()
    if name == "scorm2004":
        return Scorm2004Target(edition)
    if name == "web":
        return WebTarget()
    if name == "xapi":
        return XapiTarget()
    if name == "cmi5":
        return Cmi5Target()
    raise KeyError(name)
