"""The two SQL dialects of the report: DuckDB and ClickHouse (a server or the in-process chdb).

In:  what a query needs that the two spell differently: reading a field of a JSON text, a
     number from text, epoch milliseconds of an ISO timestamp, a regex group, the median, the
     argument of a minimum, splitting a list.
Out: SQL fragments; ``queries`` writes every query once with them, so both engines run the same
     query and give the same figures (the median is the interpolated one in both:
     ``quantile_cont`` / ``quantileExactInclusive``).
Reported: nothing.
"""

from __future__ import annotations

from typing import Protocol


def quote(text: str) -> str:
    """A SQL string literal: single quotes doubled. Never holds a backslash (DuckDB keeps one
    as it is, ClickHouse reads it as an escape): patterns use ``[0-9]`` and ``[.]``, ids and
    IRIs have none (a backslash in one is dropped)."""
    return "'" + text.replace("\\", "").replace("'", "''") + "'"


class Dialect(Protocol):
    name: str

    def text(self, col: str, *path: str, raw: bool = False) -> str:
        """The field at ``path`` of the JSON text ``col``: a string unquoted (``raw``: a
        number, a boolean or an object, as its JSON text), NULL when missing or empty."""
        ...

    def extract(self, raw: str, fields: list[tuple[str, bool, tuple[str, ...]]]) -> str:
        """``SELECT`` of every ``(name, raw, path)`` field of the JSON texts ``j`` of ``raw``
        (DuckDB parses each text once for all the fields)."""
        ...

    def num(self, expr: str) -> str: ...

    def starts(self, expr: str, prefix: str) -> str: ...

    def epoch_ms(self, expr: str) -> str: ...

    def regex(self, expr: str, pattern: str) -> str: ...

    def median(self, expr: str) -> str: ...

    def argmin(self, value: str, by: str) -> str: ...

    def explode(self, expr: str, sep: str) -> str: ...


class DuckDialect:
    name = "duckdb"

    def text(self, col: str, *path: str, raw: bool = False) -> str:
        return f"nullif(json_extract_string({col}, {quote(_path(path))}), '')"

    def extract(self, raw: str, fields: list[tuple[str, bool, tuple[str, ...]]]) -> str:
        paths = ", ".join(quote(_path(path)) for _, _, path in fields)
        cols = ", ".join(f"nullif(v[{i}], '') AS {name}"
                         for i, (name, _, _) in enumerate(fields, 1))
        return f"SELECT {cols} FROM (SELECT json_extract_string(j, [{paths}]) AS v FROM {raw}) AS r"

    def num(self, expr: str) -> str:
        return f"TRY_CAST({expr} AS DOUBLE)"

    def starts(self, expr: str, prefix: str) -> str:
        return f"starts_with({expr}, {quote(prefix)})"

    def epoch_ms(self, expr: str) -> str:
        return f"epoch_ms(TRY_CAST({expr} AS TIMESTAMPTZ))"

    def regex(self, expr: str, pattern: str) -> str:
        return f"regexp_extract({expr}, {quote(pattern)}, 1)"

    def median(self, expr: str) -> str:
        return f"quantile_cont({expr}, 0.5)"

    def argmin(self, value: str, by: str) -> str:
        return f"arg_min({value}, {by})"

    def explode(self, expr: str, sep: str) -> str:
        return f"unnest(string_split({expr}, {quote(sep)}))"


#: DuckDB reads statement files straight into these types (much faster than parsing JSON texts)
_DUCK_COLUMNS = (
    "{id: 'VARCHAR', actor: 'STRUCT(mbox VARCHAR, mbox_sha1sum VARCHAR, openid VARCHAR, "
    "account STRUCT(homePage VARCHAR, name VARCHAR))', verb: 'STRUCT(id VARCHAR)', "
    "object: 'STRUCT(id VARCHAR)', context: 'STRUCT(language VARCHAR, registration VARCHAR)', "
    "result: 'STRUCT(success VARCHAR, response VARCHAR, duration VARCHAR, "
    "score STRUCT(raw VARCHAR), extensions JSON)', timestamp: 'VARCHAR'}"
)


def duck_read(files: list[tuple[str, str]], fields: list[tuple[str, bool, tuple[str, ...]]]
              ) -> str:
    """A DuckDB relation with the ``fields`` columns from statement files ``(path, format)``
    (format ``newline_delimited`` or ``array``)."""
    cols = []
    ext_paths = []
    for name, _, path in fields:
        if path[:2] == ("result", "extensions"):
            ext_paths.append((name, _path(path[2:])))
        else:
            cols.append(f"nullif(CAST({'.'.join(_ident(p) for p in path)} AS VARCHAR), '') "
                        f"AS {name}")
    paths = ", ".join(quote(p) for _, p in ext_paths)
    cols.append(f"json_extract_string(result.extensions, [{paths}]) AS ext")
    parts = [f"SELECT {', '.join(cols)} FROM read_json({quote(f)}, format={quote(fmt)}, "
             f"columns={_DUCK_COLUMNS})" for f, fmt in files]
    outer = ", ".join(
        [name for name, _, path in fields if path[:2] != ("result", "extensions")]
        + [f"nullif(ext[{i}], '') AS {name}" for i, (name, _) in enumerate(ext_paths, 1)])
    return f"SELECT {outer} FROM ({' UNION ALL '.join(parts)}) AS e"


def _ident(name: str) -> str:
    return '"' + name + '"'


class ClickHouseDialect:
    name = "clickhouse"

    def text(self, col: str, *path: str, raw: bool = False) -> str:
        keys = ", ".join(quote(p) for p in path)
        if raw:
            return f"nullIf(nullIf(JSONExtractRaw({col}, {keys}), ''), 'null')"
        return f"nullIf(JSONExtractString({col}, {keys}), '')"

    def extract(self, raw: str, fields: list[tuple[str, bool, tuple[str, ...]]]) -> str:
        cols = ", ".join(f"{self.text('j', *path, raw=is_raw)} AS {name}"
                         for name, is_raw, path in fields)
        return f"SELECT {cols} FROM {raw} AS r"

    def num(self, expr: str) -> str:
        return f"toFloat64OrNull({expr})"

    def starts(self, expr: str, prefix: str) -> str:
        return f"startsWith({expr}, {quote(prefix)})"

    def epoch_ms(self, expr: str) -> str:
        return f"toUnixTimestamp64Milli(parseDateTime64BestEffortOrNull({expr}, 3, 'UTC'))"

    def regex(self, expr: str, pattern: str) -> str:
        return f"extract(ifNull({expr}, ''), {quote(pattern)})"

    def median(self, expr: str) -> str:
        return f"quantileExactInclusive(0.5)({expr})"

    def argmin(self, value: str, by: str) -> str:
        return f"argMin({value}, {by})"

    def explode(self, expr: str, sep: str) -> str:
        return f"arrayJoin(splitByString({quote(sep)}, ifNull({expr}, '')))"


def _path(path: tuple[str, ...]) -> str:
    return "$" + "".join('."' + key.replace('"', '\\"') + '"' for key in path)
