"""``coursec new``: copy the scaffold course (``coursec/scaffold/``) into a new folder.

In:  the folder to create and an optional title.
Out: a course that builds as it is; ``course.yaml`` and ``README.md`` get the id and title
     (rendered with Jinja2); the scaffold's ``gitignore`` becomes the course's ``.gitignore``
     (build output, caches; a dot file would be lost by package-data globs).
Reported: CS003 when the folder exists and is not empty or its name cannot give a valid
     course id.
"""

from __future__ import annotations

import json
from pathlib import Path

import jinja2

from coursec.diagnostics import Code, Reporter, Span
from coursec.parse import ids

SCAFFOLD = Path(__file__).parent / "scaffold"
RENDERED = {"course.yaml", "README.md"}
RENAMED = {"gitignore": ".gitignore"}


def create_course(dest: Path, title: str | None, reporter: Reporter) -> None:
    if dest.exists() and any(dest.iterdir()):
        reporter.report(Code.CS003, Span(str(dest)), f"'{dest}' exists and is not empty")
        return
    course_id = ids.slugify(dest.name, "course", max_words=8)
    course_title = title or dest.name.replace("-", " ").replace("_", " ").strip().capitalize()
    env = jinja2.Environment(autoescape=False, keep_trailing_newline=True)
    for source in sorted(SCAFFOLD.rglob("*")):
        if source.is_dir() or "__pycache__" in source.parts:
            continue
        relative = source.relative_to(SCAFFOLD)
        target = dest / RENAMED.get(relative.as_posix(), relative.as_posix())
        target.parent.mkdir(parents=True, exist_ok=True)
        if relative.as_posix() in RENDERED:
            text = env.from_string(source.read_text(encoding="utf-8")).render(
                course_id=course_id, course_title=_yaml_safe(course_title)
            )
            target.write_text(text, encoding="utf-8")
        else:
            target.write_bytes(source.read_bytes())


def _yaml_safe(title: str) -> str:
    """The title inside the template's double quotes: a JSON string body is valid YAML."""
    return json.dumps(title)[1:-1]
