"""Targets: one module per output format behind the ``Target`` interface, listed in the registry.

In:  a target name from course.yaml or the command line (and the SCORM 2004 edition).
Out: ``get_target(name)`` -> a ``Target`` whose ``capabilities`` (``coursec.targets.registry``)
     say what it can do (the renderer embeds ``capabilities.adapter``), and whose ``package()``
     turns the rendered site into the package file map, checked as the registry says.

This module and the registry import only the leaf modules (model, content, diagnostics): a
target's own module (lxml, the manifest checks) is imported when the target is asked for, by
the ``module:Class`` its registry entry names.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Protocol, cast

from coursec.content import ContentMap, FileMap
from coursec.diagnostics import Reporter
from coursec.model import Course
from coursec.targets.registry import TARGET_NAMES, Capabilities, capabilities

__all__ = ["TARGET_NAMES", "Target", "capabilities", "get_target"]


class Target(Protocol):
    """One output format (a ``coursec.targets.base.PackageTarget``)."""

    name: str
    adapter: str
    capabilities: Capabilities
    edition: int

    def package(self, course: Course, site: ContentMap, reporter: Reporter) -> FileMap:
        """Return the complete package file map: ``site`` plus manifest and extra files."""
        ...


def get_target(name: str, *, edition: int = 4) -> Target:
    """The target called ``name``; ``edition`` applies to targets with editions only.

    Raises ``KeyError`` for an unknown name (the caller reports CS502), ``ValueError`` for an
    edition the target cannot write.
    """
    entry = capabilities(name)
    if entry is None:
        raise KeyError(name)
    module, _, attribute = entry.target.partition(":")
    make = cast("Callable[[Capabilities, int], Target]",
                getattr(importlib.import_module(module), attribute))
    return make(entry, edition)
