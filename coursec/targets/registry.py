"""The target registry: every target and what it can do, one entry per target, in one table.

In:  nothing (the table below is the knowledge; this module imports nothing of coursec, so
     ``coursec.config``, ``coursec.check`` and the renderer may all read it).
Out: ``TARGETS`` {name: ``Capabilities``} in the order targets are listed (help texts, error
     messages), ``TARGET_NAMES``, ``DEFAULT_TARGETS`` (built when course.yaml lists none) and
     ``capabilities(name)``. Nothing is reported here: an unknown name is reported by its user
     (CS502 in ``coursec.build``, a usage error in ``coursec.commands``).

Adding a target: one module ``coursec/targets/<name>.py`` whose class (a
``coursec.targets.base.PackageTarget``) turns the rendered site into the package files, one
entry in ``TARGETS`` below naming that class, and a runtime adapter (``coursec/runtime``). The
rest follows from the entry: course.yaml's ``targets`` (``coursec.config.TargetName``) and its
JSON Schema, ``--target``, the resume-state limit (CS501), the choice limit (CS503), the base IRI
requirement (CS701) and the package checks (CS505).
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass, field


class PackageCheck(enum.Enum):
    """What ``coursec.check.manifest`` checks in a target's package."""

    PATHS = "paths"  # every file name is safe in a zip and in a URL
    MANIFEST = "manifest"  # PATHS, and imsmanifest.xml follows the SCORM rules (schemaversion)


@dataclass(frozen=True)
class Capabilities:
    """One target as the rest of coursec sees it."""

    name: str  # as written in course.yaml ``targets`` and ``--target``
    title: str  # the standard as messages name it
    target: str  # ``module:Class`` of the ``PackageTarget`` that packages it
    adapter: str  # the runtime adapter the renderer embeds (``coursec/runtime/<adapter>.js``)
    #: the editions it can write (``--edition``, course.yaml ``scorm2004_edition``), each with
    #: the schemaversion its manifest then has; empty: one edition, the edition is ignored
    editions: Mapping[int, str] = field(default_factory=dict)
    schemaversion: str | None = None  # the manifest's schemaversion when it has no editions
    checks: tuple[PackageCheck, ...] = (PackageCheck.PATHS,)
    #: characters of suspend_data the LMS keeps for the resume state (CS501); None: unlimited
    suspend_limit: int | None = None
    #: the end of CS501's help "... or build <suspend_hint>": the way out when the state is too big
    suspend_hint: str = ""
    #: responses are single characters of this alphabet, choice k is character k (so a quiz
    #: has at most ``len(response_alphabet)`` choices, CS503); "": responses are choice ids
    response_alphabet: str = ""
    #: choice ids are written as SCORM 2004 short identifiers (``coursec.targets.response_ids``)
    short_identifiers: bool = False
    #: the longest learner-response text it keeps (fill-in responses and patterns are cut
    #: there, in UTF-16 units); None: no limit
    response_text_limit: int | None = None
    #: its response strings' delimiters: between list items, a pair's sides, a range's bounds
    response_delimiters: tuple[str, str, str] = ("[,]", "[.]", "[:]")
    needs_base_iri: bool = False  # its activity ids are IRIs under ``xapi.base_iri`` (CS701)

    @property
    def choice_limit(self) -> int | None:
        """The most choices (or pairs) a quiz may have for this target; None: no limit."""
        return len(self.response_alphabet) or None

    def schemaversion_of(self, edition: int) -> str | None:
        """The schemaversion of the manifest written for ``edition`` (None: no manifest)."""
        return self.editions.get(edition, self.schemaversion)


TARGETS: dict[str, Capabilities] = {
    entry.name: entry
    for entry in (
        Capabilities(
            name="scorm12",
            title="SCORM 1.2",
            target="coursec.targets.scorm12:Scorm12Target",
            adapter="scorm12",
            schemaversion="1.2",
            checks=(PackageCheck.MANIFEST,),
            suspend_limit=4096,
            suspend_hint="scorm2004 instead",
            response_alphabet="abcdefghijklmnopqrstuvwxyz0123456789",
            response_text_limit=255,
            response_delimiters=(",", ".", ":"),
        ),
        Capabilities(
            name="scorm2004",
            title="SCORM 2004",
            target="coursec.targets.scorm2004:Scorm2004Target",
            adapter="scorm2004",
            editions={3: "2004 3rd Edition", 4: "2004 4th Edition"},
            checks=(PackageCheck.MANIFEST,),
            suspend_limit=64000,
            suspend_hint="fewer lessons per package",
            short_identifiers=True,
            response_text_limit=250,
        ),
        Capabilities(
            name="web",
            title="web",
            target="coursec.targets.web:WebTarget",
            adapter="local",
        ),
        Capabilities(
            name="xapi",
            title="xAPI",
            target="coursec.targets.xapi:XapiTarget",
            adapter="xapi",
            needs_base_iri=True,
        ),
        Capabilities(
            name="cmi5",
            title="cmi5",
            target="coursec.targets.cmi5:Cmi5Target",
            adapter="cmi5",
            needs_base_iri=True,
        ),
    )
}

TARGET_NAMES: tuple[str, ...] = tuple(TARGETS)
DEFAULT_TARGETS: tuple[str, ...] = ("scorm12", "scorm2004", "web")


def capabilities(name: str) -> Capabilities | None:
    """The capabilities of the target called ``name``; None for an unknown name."""
    return TARGETS.get(name)
