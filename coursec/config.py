"""course.yaml as a pydantic model (the published JSON Schema is this model's schema).

In:  the mapping read from course.yaml (``coursec.parse.yamlsrc``).
Out: ``CourseConfig``; validation errors are turned into CS002/CS003 diagnostics with the line
     of the offending key by ``coursec.parse.course.load_config``.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

TargetName = Literal["scorm12", "scorm2004", "web"]
ALL_TARGETS: tuple[TargetName, ...] = ("scorm12", "scorm2004", "web")
ID_PATTERN = r"^[A-Za-z][A-Za-z0-9_-]{0,63}$"


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Completion(Strict):
    """When the course counts as completed."""

    pages: Literal["all", "none"] = Field(
        "all", description="'all': every page must be viewed; 'none': viewing is not required."
    )
    assessment: bool = Field(
        True,
        description="The final assessment must be submitted (passed or not) for completion.",
    )


class ThemeRef(Strict):
    """Which theme renders the course, and its options (see the theme's theme.yaml)."""

    name: str = Field("default", description="A folder under themes/ (or a path to one).")
    brand_color: str | None = Field(
        None,
        pattern=r"^#[0-9A-Fa-f]{6}$",
        description="Brand colour as #RRGGBB; overrides the theme's default.",
    )
    logo: str | None = Field(None, description="Path of a logo image, relative to course.yaml.")


class CourseConfig(Strict):
    """The course: identity, lessons, targets, completion and mastery rules."""

    id: str = Field(
        pattern=ID_PATTERN,
        description="Stable course id: a letter, then letters, digits, '-' or '_' (<= 64).",
    )
    title: str = Field(min_length=1, description="Course title shown to learners and in the LMS.")
    description: str = Field("", description="One or two sentences for the LMS catalogue.")
    version: str = Field(
        "1.0",
        pattern=r"^[0-9A-Za-z][0-9A-Za-z._-]{0,31}$",
        description="Course version; part of the manifest identifier.",
    )
    language: str = Field(
        "en-US",
        pattern=r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$",
        description="BCP 47 tag of the source language.",
    )
    author: str = Field("", description="Author or owning team, for the manifest metadata.")
    lessons: list[str] | None = Field(
        None,
        description="Lesson files in order, relative to lessons/. Default: every *.md there, "
        "sorted by file name.",
    )
    targets: list[TargetName] = Field(
        default_factory=lambda: list(ALL_TARGETS),
        description="Targets built by default: scorm12, scorm2004, web.",
    )
    mastery: float | None = Field(
        None,
        ge=0,
        le=100,
        description="Pass mark in percent written to manifests. Default: the assessment's pass.",
    )
    completion: Completion = Field(
        default_factory=Completion,
        description="When the course is complete.",
    )
    failed_status: Literal["failed", "incomplete"] = Field(
        "failed",
        description="SCORM 1.2 status reported when the learner fails the assessment and has "
        "attempts left: 'failed', or 'incomplete' for LMSs that block retakes after 'failed'.",
    )
    scorm2004_edition: Literal[3, 4] = Field(
        4, description="SCORM 2004 edition of the scorm2004 target (--edition overrides)."
    )
    allow_html: bool = Field(
        False, description="Allow raw HTML in lessons (sanitized with nh3). Off by default."
    )
    theme: ThemeRef = Field(
        default_factory=ThemeRef,
        description="Theme and theme options.",
    )
