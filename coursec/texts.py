"""Which fields of the model hold learner-visible text: the declaration and its one traversal.

In:  the model's dataclasses (``coursec.model``), whose fields carry ``text(...)`` or
     ``part(...)`` metadata.
Out: ``text_fields(cls)`` / ``parts(cls)`` read the declarations; ``walk_texts(obj)`` yields every
     declared text of an object and of its parts, recursively. Read by every stage that handles
     text: media checks (``coursec.parse.media``), translation segments
     (``coursec.localize.segments``), rendering (``coursec.render.markdown.fields``), the
     directive parsers (``text_options``/``set_text_options``: a text field written as a
     directive option, like ``:hint:``). Nothing is reported here.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any, Literal

TextKind = Literal["plain", "inline", "block", "tokens", "answers"]
_MARKDOWN_KINDS = ("inline", "block", "tokens")


@dataclass(frozen=True)
class _TextSpec:
    kind: TextKind
    key: str
    translatable: bool
    media: bool
    option: str | None


def text(
    kind: TextKind,
    key: str = "",
    *,
    translatable: bool = True,
    media: bool | None = None,
    option: str | None = None,
) -> dict[str, Any]:
    """The metadata declaring a dataclass field learner-visible text (``field(metadata=...)``).

    ``kind``: ``plain`` (shown as text), ``inline``/``block`` (a Markdown string rendered as
    phrasing / block content), ``tokens`` (Markdown already parsed into markdown-it block tokens)
    or ``answers`` (the accepted answers of a fill-in). ``key``: the localization key suffix
    ("" for the text of the thing itself, or the ``p<n>`` of each paragraph of tokens).
    ``translatable``: whether it is a translation segment. ``media``: whether its images and
    links are checked and copied into the package (default: every Markdown kind). ``option``:
    the directive option the source writes it in (``:hint:``), read by the directive's parser."""
    has_media = kind in _MARKDOWN_KINDS if media is None else media
    return {"text": _TextSpec(kind, key, translatable, has_media, option)}


@dataclass(frozen=True)
class TextField:
    """A declared text field of a model class (see ``text``)."""

    name: str
    kind: TextKind
    key: str
    optional: bool  # None when absent (a hint, a feedback); else always there (a prompt)
    translatable: bool
    media: bool
    option: str | None  # the directive option holding it, if any


_TEXT_FIELDS: dict[type, tuple[TextField, ...]] = {}
_PARTS: dict[type, tuple[Part, ...]] = {}


def text_fields(cls: type) -> tuple[TextField, ...]:
    """The declared text fields of a model class, in declaration order (read once per class)."""
    if cls not in _TEXT_FIELDS:
        _TEXT_FIELDS[cls] = _read_text_fields(cls)
    return _TEXT_FIELDS[cls]


def _read_text_fields(cls: type) -> tuple[TextField, ...]:
    found = []
    for f in dataclasses.fields(cls):
        spec = f.metadata.get("text")
        if isinstance(spec, _TextSpec):
            found.append(
                TextField(
                    f.name,
                    spec.kind,
                    spec.key,
                    f.default is None,
                    spec.translatable,
                    spec.media,
                    spec.option,
                )
            )
    return tuple(found)


@dataclass(frozen=True)
class Part:
    """A field holding model objects that carry text of their own (a quiz's choices, a
    scenario's nodes): ``key`` is the localization key part of each item (``choice`` gives
    ``<owner>.choice.<id>``); ``None`` when each item is a block keyed by its own course-wide
    id (the quizzes of an assessment). ``by_id`` False: items are not keyed by id but share one
    paragraph counter (``<owner>.intro.p<n>``). ``unit``: each item is a translation override
    unit of its own (a scenario node)."""

    name: str
    key: str | None
    by_id: bool
    unit: bool


def part(key: str | None, *, by_id: bool = True, unit: bool = False) -> dict[str, Any]:
    """The metadata declaring a field a ``Part`` (``field(default_factory=..., metadata=...)``)."""
    return {"part": (key, by_id, unit)}


def parts(cls: type) -> tuple[Part, ...]:
    """The declared parts of a model class, in declaration order (read once per class)."""
    if cls not in _PARTS:
        _PARTS[cls] = tuple(
            Part(f.name, *f.metadata["part"])
            for f in dataclasses.fields(cls)
            if "part" in f.metadata
        )
    return _PARTS[cls]


def part_items(owner: object, declared: Part) -> list[Any]:
    """The objects of a part (a list, or the values of a dict keyed by id)."""
    value = getattr(owner, declared.name)
    return list(value.values()) if isinstance(value, dict) else list(value)


def walk_texts(owner: object) -> Iterator[tuple[Any, TextField]]:
    """Every declared text field of ``owner`` and of the objects of its parts, recursively, that
    holds text (absent optional texts are left out): the owner's own fields first, then each
    part's objects in order. Media checks walk the model with it; the segment walker reads the
    same declarations (``text_fields``, ``parts``) to build its keys."""
    for declared in text_fields(type(owner)):
        if getattr(owner, declared.name) is not None:
            yield owner, declared
    for declared_part in parts(type(owner)):
        for item in part_items(owner, declared_part):
            yield from walk_texts(item)


def text_options(cls: type) -> tuple[str, ...]:
    """The directive options of ``cls``'s text fields declared with one (``:hint:``)."""
    return tuple(f.option for f in text_fields(cls) if f.option is not None)


def set_text_options(owner: object, options: Mapping[str, str]) -> None:
    """Set every text field of ``owner`` declared with an option from the directive's
    ``options`` (None when the option is absent or empty)."""
    for declared in text_fields(type(owner)):
        if declared.option is not None:
            setattr(owner, declared.name, options.get(declared.option) or None)
