"""YAML with source positions (course.yaml and lesson front matter).

In:  YAML text, its display path and the line it starts on.
Out: the loaded data and a ``Locator`` that maps a key path such as ``("completion", "pages")``
     to the ``Span`` of that key (or of the nearest existing parent). YAML syntax errors are
     reported as CS001 in an author's words (``coursec.parse.yamlerrors``) at the line to fix;
     the data is then None.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import yaml

from coursec.diagnostics import Code, Reporter, Span
from coursec.parse.control import check_yaml_strings
from coursec.parse.yamlerrors import explain


@dataclass
class Locator:
    path: str
    root: yaml.Node | None
    line_offset: int
    #: each mapping's keys (the first of a repeated key), made when the mapping is first
    #: looked into: a region file looks up each of its hundreds of keys
    _keys: dict[int, dict[str, tuple[yaml.Node, yaml.Node]]] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    def _pair(self, node: yaml.MappingNode, key: str) -> tuple[yaml.Node, yaml.Node] | None:
        keys = self._keys.get(id(node))
        if keys is None:
            keys = {}
            for k, v in node.value:
                if isinstance(k, yaml.ScalarNode):
                    keys.setdefault(k.value, (k, v))
            self._keys[id(node)] = keys
        return keys.get(key)

    def span(self, keys: Sequence[str | int]) -> Span:
        node = self.root
        best = self._span_of(node) if node is not None else Span(self.path, 1 + self.line_offset, 1)
        for key in keys:
            if isinstance(node, yaml.MappingNode):
                pair = self._pair(node, str(key))
                if pair is not None:
                    best = self._span_of(pair[0])
                node = pair[1] if pair is not None else None
            elif isinstance(node, yaml.SequenceNode) and isinstance(key, int):
                if key < len(node.value):
                    node = node.value[key]
                    best = self._span_of(node)
                else:
                    node = None
            else:
                node = None
            if node is None:
                break
        return best

    def value_span(self, keys: Sequence[str | int]) -> Span:
        """Span of the value at ``keys`` (falls back to the key's span)."""
        node = self.root
        for key in keys:
            if isinstance(node, yaml.MappingNode):
                pair = self._pair(node, str(key))
                node = pair[1] if pair is not None else None
            elif (
                isinstance(node, yaml.SequenceNode)
                and isinstance(key, int)
                and key < len(node.value)
            ):
                node = node.value[key]
            else:
                node = None
            if node is None:
                return self.span(keys)
        return self._span_of(node) if node is not None else self.span(keys)

    def _span_of(self, node: yaml.Node) -> Span:
        start, end = node.start_mark, node.end_mark
        length = end.column - start.column if end.line == start.line else 1
        return Span(self.path, start.line + 1 + self.line_offset, start.column + 1, max(1, length))


def _timestamp_or_text(loader: Any, node: yaml.ScalarNode) -> Any:
    """A YAML timestamp as a date, or as the text written when it is no date (``2026-02-30``):
    the checks that want a date then report it, and nothing crashes on it."""
    try:
        return loader.construct_yaml_timestamp(node)
    except (ValueError, OverflowError):
        return loader.construct_scalar(node)


class _Construct:
    """A value its tag cannot take (``!!float x``, ``!!int x``, ``!!timestamp nope``) is a
    YAML error at that value, not a Python exception."""

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        try:
            return super().construct_object(node, deep=deep)  # type: ignore[misc]
        except (ValueError, TypeError, AttributeError, OverflowError) as exc:
            raise yaml.constructor.ConstructorError(
                None, None, f"cannot read {node.value!r} as {node.tag.rsplit(':', 1)[-1]}"
                if isinstance(node, yaml.ScalarNode) else f"invalid value ({exc})",
                node.start_mark) from exc


class _SafeLoader(_Construct, yaml.SafeLoader):
    pass


class _CSafeLoader(_Construct, getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    pass


for _loader in (_SafeLoader, _CSafeLoader):
    _loader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp_or_text)

#: libyaml when installed (PyYAML's C loader, several times faster), else the pure-Python loader;
#: both keep node positions and report errors with their mark
LOADER: Any = _CSafeLoader


def load_data(text: str) -> Any:
    """YAML whose positions nobody needs (theme files): parsed once, fast. Raises YAMLError."""
    return yaml.load(text, Loader=LOADER)


def load_yaml(
    text: str, path: str, reporter: Reporter, line_offset: int = 0
) -> tuple[Any, Locator]:
    """Parse ``text`` once; on a syntax error report CS001 and return ``(None, locator)``.

    The error is taken from the pure-Python loader, whose messages and positions are the more
    helpful ones (libyaml points past the end of an unclosed ``[`` instead of at it)."""
    try:
        data, locator = _parse(text, LOADER, path, line_offset)
    except yaml.YAMLError:
        pass
    else:
        check_yaml_strings(data, locator, reporter)  # "\x01" escapes: CS411 at the value
        return data, locator
    try:
        return _parse(text, _SafeLoader, path, line_offset)
    except yaml.MarkedYAMLError as exc:
        line, col, message, help = explain(exc, text.split("\n"))
        reporter.report(Code.CS001, Span(path, line + 1 + line_offset, col + 1), message, help)
        return None, Locator(path, None, line_offset)
    except yaml.YAMLError as exc:
        reporter.report(Code.CS001, Span(path, 1 + line_offset, 1), f"YAML error: {exc}")
        return None, Locator(path, None, line_offset)


def _parse(text: str, loader_class: Any, path: str, line_offset: int) -> tuple[Any, Locator]:
    loader = loader_class(text)
    try:
        root = loader.get_single_node()
        data = loader.construct_document(root) if root is not None else None
    finally:
        loader.dispose()
    return data, Locator(path, root, line_offset)
