"""course.yaml as a pydantic model (the published JSON Schema is this model's schema).

In:  the mapping read from course.yaml (``coursec.parse.yamlsrc``).
Out: ``CourseConfig``; validation errors are turned into CS002/CS003 diagnostics with the line
     of the offending key by ``coursec.parse.course.load_config``. The models validate strictly
     (no ``"80"`` taken for 80, no ``"yes"`` for true), so that the loader and the JSON Schema
     (``coursec schema``, what editors check course.yaml with) accept the same files; a
     shorthand the loader expands (a regional value written as a bare scalar) is in the schema.
"""

from __future__ import annotations

import datetime
import os
import re
from typing import TYPE_CHECKING, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    GetJsonSchemaHandler,
    field_validator,
    model_validator,
)
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema

from coursec.targets.registry import DEFAULT_TARGETS, TARGET_NAMES

# pydantic looks for plugins in the entry points of every installed distribution when the first
# model class is built (below); coursec uses none, and in a large environment that scan costs
# more than parsing a whole course. A value set by the user still wins.
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")

if TYPE_CHECKING:  # a name of the registry; checked when course.yaml is validated
    TargetName = str
else:  # Literal["scorm12", ...] built from the registry: pydantic and the JSON Schema agree
    TargetName = Literal[TARGET_NAMES]
ALL_TARGETS: tuple[TargetName, ...] = DEFAULT_TARGETS  # default when not listed
ID_PATTERN = r"^[A-Za-z][A-Za-z0-9_-]{0,63}$"
PERCENT_PATTERN = r"^\d+(\.\d+)?\s*%$"
# what the loader accepts for mastery as a string: 0 %, or 1 % to 100 % (a fraction is an error)
MASTERY_PERCENT_PATTERN = r"^(0(\.0+)?|[1-9]\d?(\.\d+)?|100(\.0+)?)\s*%$"


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)


class Completion(Strict):
    """When the course counts as completed."""

    pages: Literal["all", "none"] = Field(
        "all", description="'all': every page must be viewed; 'none': viewing is not required."
    )
    assessment: bool = Field(
        True,
        description="The final assessment must be submitted (passed or not) for completion.",
    )


COLOUR_PATTERN = r"^#([0-9A-Fa-f]{3}|[0-9A-Fa-f]{6})$"


class ThemeColors(Strict):
    """Brand colours (#RRGGBB or #RGB); the build checks every pair the page shows against
    WCAG AA (coursec.check.contrast). Left out: derived from the others."""

    primary: str | None = Field(
        None, pattern=COLOUR_PATTERN, description="Header, primary buttons (as brand_color)."
    )
    on_primary: str | None = Field(
        None, pattern=COLOUR_PATTERN, description="Text on the primary colour."
    )
    accent: str | None = Field(
        None, pattern=COLOUR_PATTERN,
        description="Links, page headings, outlined buttons and the focus ring.",
    )
    text: str | None = Field(None, pattern=COLOUR_PATTERN, description="Body text.")
    background: str | None = Field(None, pattern=COLOUR_PATTERN, description="Page background.")


class ThemeRef(Strict):
    """Which theme renders the course, and its options (see the theme's theme.yaml)."""

    name: str = Field("default", description="A folder under themes/ (or a path to one).")
    brand_color: str | None = Field(
        None,
        pattern=r"^#[0-9A-Fa-f]{6}$",
        description="Brand colour as #RRGGBB; overrides the theme's default.",
    )
    colors: ThemeColors | None = Field(None, description="Brand colours (primary, accent, ...).")
    font: str | None = Field(
        None, description="Font stack of the text, e.g. 'Source Sans 3, Arial, sans-serif' "
        "(fonts installed on the learner's device; nothing is downloaded).",
    )
    heading_font: str | None = Field(None, description="Font stack of the headings.")
    logo: str | None = Field(None, description="Path of a logo image, relative to course.yaml.")


MoveOn = Literal["NotApplicable", "Passed", "Completed", "CompletedAndPassed", "CompletedOrPassed"]


class Xapi(Strict):
    """xAPI and cmi5: activity ids and the cmi5 course structure (no credentials: they come
    from the launch, never from the course)."""

    base_iri: str | None = Field(
        None,
        pattern=r"^https?://[^\s/?#]+(/[^\s?#]*)?$",
        description="Base IRI of activity ids, e.g. https://courses.example.com: ids are "
        "<base>/<course-id>/<lesson-id>/<quiz-id>/v<hash>. Required for xapi and cmi5.",
    )
    au: Literal["course", "lesson"] = Field(
        "course", description="cmi5: one AU for the whole course, or one AU per lesson."
    )
    move_on: MoveOn | None = Field(
        None,
        description="cmi5 moveOn. Default: from the completion rules and the mastery score.",
    )


ValueType = Literal["text", "number", "currency", "date", "unit"]
REGION_PATTERN = r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$"


class RegionalValue(Strict):
    """A named value the lessons reference as ``{{name}}``; a region file can override it.

    Formatted for each region with Babel: numbers, currency amounts, dates and CLDR units."""

    type: ValueType = Field(
        "text",
        description="text (as written), number, currency (amount + ISO 4217 code), date "
        "(YYYY-MM-DD) or unit (a number with a CLDR unit such as duration-day).",
    )
    value: str | int | float | datetime.date = Field(description="The default value.")
    currency: str | None = Field(
        None, pattern=r"^[A-Z]{3}$", description="type currency: ISO 4217 code, e.g. USD."
    )
    unit: str | None = Field(
        None, description="type unit: a CLDR unit id, e.g. duration-day, length-kilometer."
    )
    format: str | None = Field(
        None,
        description="date: short | medium | long | full (default long); number and currency: "
        "a CLDR number pattern (default: the region's standard format).",
    )

    @model_validator(mode="before")
    @classmethod
    def _shorthand(cls, data: Any) -> Any:
        """``name: 14`` or ``name: some text`` is shorthand for ``{value: ...}``."""
        if isinstance(data, dict):
            return data
        if isinstance(data, bool):
            return {"type": "text", "value": str(data).lower()}
        if isinstance(data, int | float):
            return {"type": "number", "value": data}
        if isinstance(data, datetime.date):
            return {"type": "date", "value": data}
        return {"type": "text", "value": data}

    @classmethod
    def __get_pydantic_json_schema__(
        cls, core_schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        """The mapping, or the shorthand ``_shorthand`` expands: text, a number, true/false (a
        YAML date is text to a JSON Schema validator)."""
        mapping = handler(core_schema)
        return {
            "anyOf": [
                mapping,
                {"type": "string", "description": "Shorthand for {type: text, value: ...}."},
                {"type": "number", "description": "Shorthand for {type: number, value: ...}."},
                {"type": "boolean", "description": "Shorthand for a text value true or false."},
            ]
        }


def value_number(raw: object) -> float | int:
    """The number a regional value holds (written as a number or as its text)."""
    if isinstance(raw, bool) or not isinstance(raw, int | float | str):
        raise ValueError(f"'{raw}' is not a number")
    if isinstance(raw, str):
        try:
            return float(raw) if "." in raw else int(raw)
        except ValueError:
            raise ValueError(f"'{raw}' is not a number") from None
    return raw


NUMERIC_TYPES = ("number", "currency", "unit")


def numeric_value(value: RegionalValue) -> float | None:
    """The number of a number, currency or unit value (a numeric answer's), else None."""
    if value.type not in NUMERIC_TYPES:
        return None
    try:
        return float(value_number(value.value))
    except ValueError:
        return None


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
        description=f"Targets built by default: {', '.join(TARGET_NAMES)} "
        f"(default: {', '.join(DEFAULT_TARGETS)}).",
    )
    mastery: float | None = Field(
        None,
        ge=0,
        le=100,
        description="Pass mark in percent written to manifests (80 or '80%'). Default: the "
        "assessment's pass.",
        json_schema_extra={"anyOf": [
            {"const": 0},
            {"type": "number", "minimum": 1, "maximum": 100},
            {"type": "string", "pattern": MASTERY_PERCENT_PATTERN},
            {"type": "null"},
        ]},
    )

    @field_validator("mastery", mode="before")
    @classmethod
    def _mastery_percent(cls, value: Any) -> Any:
        """``80%`` as ``:pass: 80%`` is written; a fraction (0.8) would mean 0.8 %."""
        if isinstance(value, str) and re.fullmatch(PERCENT_PATTERN, value.strip()):
            value = float(value.strip().rstrip("%").strip())
        if isinstance(value, int | float) and not isinstance(value, bool) and 0 < value < 1:
            raise ValueError(
                f"a pass mark of {value} means {value} %; write {value * 100:g}% or {value * 100:g}"
            )
        return value

    completion: Completion = Field(
        default_factory=Completion,
        description="When the course is complete.",
    )
    failed_status: Literal["failed", "incomplete"] = Field(
        "incomplete",
        description="SCORM status while the learner has failed but still has tries: "
        "'incomplete' (the LMS attempt stays open, so the learner can try again in Moodle and "
        "most LMSs), or 'failed' (each failure reported at once; LMSs then close the attempt).",
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
    xapi: Xapi = Field(
        default_factory=Xapi,
        description="xAPI / cmi5 options: activity id base IRI, cmi5 AU layout, moveOn.",
    )
    regions: list[str] = Field(
        default_factory=list,
        description="Regions built besides the source language, as BCP 47 tags (e.g. de-DE, "
        "es-MX, ar-SA); each has a file locales/<tag>.yaml. `coursec build --region` picks some.",
    )
    fallback: dict[str, list[str]] = Field(
        default_factory=dict,
        description="Fallback chain per region, e.g. {es-MX: [es]}: a string missing in es-MX "
        "is taken from locales/es.yaml, then from the source. Default: the region's parent "
        "tags that have a file (es-MX -> es).",
    )
    values: dict[str, RegionalValue] = Field(
        default_factory=dict,
        description="Regional values referenced as {{name}} in the lessons, with their "
        "defaults; region files override them.",
    )
