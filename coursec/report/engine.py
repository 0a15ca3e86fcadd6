"""Where the report's SQL runs: DuckDB (default), chdb (in-process ClickHouse) or a ClickHouse
server (``--clickhouse URL``, through clickhouse-connect over HTTP).

In:  statement files (NDJSON or a JSON array; DuckDB and chdb read them themselves) or, for a
     server, the table that already holds the statements (Ralph's ClickHouse backend: one JSON
     text column per statement); the ``act`` rows of the course map; the region filter.
Out: ``Engine.rows(sql)``: result rows as tuples. DuckDB and chdb materialize ``facts``,
     ``act`` and the derived tables (``learners``, ``tries``, ``best``); a server gets them as
     ``WITH`` clauses in front of every query (pushed down: the statements never leave the
     server, only the figures do).
Reported: nothing; ``EngineError`` carries the database's message (the command reports it).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any, Protocol

from coursec.report import queries
from coursec.report.dialect import ClickHouseDialect, Dialect, DuckDialect, duck_read, quote

Row = tuple[Any, ...]


class EngineError(RuntimeError):
    pass


class Engine(Protocol):
    dialect: Dialect

    def prepare(self, course_iri: str, since_ms: int | None) -> None: ...

    def load_act(self, rows: Sequence[Row]) -> None: ...

    def define(self, name: str, sql: str) -> None: ...

    def rows(self, sql: str) -> list[Row]: ...


def _values(rows: Sequence[Row]) -> str:
    def lit(v: Any) -> str:
        return str(int(v)) if isinstance(v, int) else quote(str(v))

    return ", ".join("(" + ", ".join(lit(v) for v in row) + ")" for row in rows)


class DuckEngine:
    """DuckDB in memory (memory capped, spilling to a temporary folder beyond)."""

    def __init__(self, files: Sequence[tuple[Path, str]], memory: str = "1GB") -> None:
        import duckdb

        self.dialect: Dialect = DuckDialect()
        self._duckdb = duckdb
        self.con = duckdb.connect(config={"memory_limit": memory, "threads": 2})
        self.fields = duck_read([(str(p), fmt) for p, fmt in files], queries.FIELDS)

    def _run(self, sql: str) -> None:
        try:
            self.con.execute(sql)
        except self._duckdb.Error as exc:
            raise EngineError(str(exc).splitlines()[0]) from exc

    def prepare(self, course_iri: str, since_ms: int | None) -> None:
        self._run("CREATE TABLE facts AS "
                  + queries.flatten(self.dialect, self.fields, course_iri, since_ms))

    def load_act(self, rows: Sequence[Row]) -> None:
        cols = ", ".join(f"{n} {'BIGINT' if t == 'int' else 'VARCHAR'}"
                         for n, t in queries.ACT_COLUMNS)
        self._run(f"CREATE TABLE act ({cols})")
        if rows:
            self._run(f"INSERT INTO act VALUES {_values(rows)}")

    def define(self, name: str, sql: str) -> None:
        self._run(f"CREATE TABLE {name} AS {sql}")

    def rows(self, sql: str) -> list[Row]:
        try:
            return [tuple(r) for r in self.con.execute(sql).fetchall()]
        except self._duckdb.Error as exc:
            raise EngineError(str(exc).splitlines()[0]) from exc


class ClickHouseEngine:
    """ClickHouse: chdb in process (``files``) or a server (``client`` and ``table``).
    ``materialize``: tables in a chdb session; otherwise every query carries ``WITH`` clauses
    (what a server gets, so the tests can run the pushed-down queries in chdb too)."""

    SETTINGS = "SETTINGS join_use_nulls = 1"

    def __init__(self, raw: str, runner: Any, materialize: bool) -> None:
        self.dialect: Dialect = ClickHouseDialect()
        self.raw = raw
        self._runner = runner  # (sql) -> list of rows
        self.materialize = materialize
        self.ctes: list[str] = []

    @classmethod
    def chdb(cls, files: Sequence[tuple[Path, str]], materialize: bool = True
             ) -> ClickHouseEngine:
        from chdb import session

        sess = session.Session()  # type: ignore[no-untyped-call]
        parts = [f"SELECT json AS j FROM file({quote(str(p))}, 'JSONAsString')" for p, _ in files]

        def run(sql: str) -> list[Row]:
            import json

            try:
                out = sess.query(sql, "JSONCompact")  # type: ignore[no-untyped-call]
            except Exception as exc:
                raise EngineError(str(exc).strip().splitlines()[0]) from exc
            text = out.bytes().decode("utf-8") if out is not None else ""
            return [tuple(r) for r in json.loads(text)["data"]] if text.strip() else []

        return cls("(" + " UNION ALL ".join(parts) + ")", run, materialize)

    @classmethod
    def server(cls, url: str, table: str, column: str) -> ClickHouseEngine:
        import clickhouse_connect

        try:
            client = clickhouse_connect.get_client(dsn=url, settings={"join_use_nulls": 1})
        except Exception as exc:
            raise EngineError(f"cannot connect to {url.split('@')[-1]}: {exc}") from exc

        def run(sql: str) -> list[Row]:
            try:
                return [tuple(r) for r in client.query(sql).result_rows]
            except Exception as exc:
                raise EngineError(str(exc).strip().splitlines()[0]) from exc

        return cls(f"(SELECT {column} AS j FROM {table})", run, materialize=False)

    def _define(self, name: str, sql: str, engine: str = "Memory") -> None:
        if self.materialize:
            self._runner(f"CREATE TABLE {name} ENGINE = {engine} AS {sql} {self.SETTINGS}")
        else:
            self.ctes.append(f"{name} AS ({sql})")

    def prepare(self, course_iri: str, since_ms: int | None) -> None:
        fields = self.dialect.extract(self.raw, queries.FIELDS)
        self._define("facts", queries.flatten(self.dialect, fields, course_iri, since_ms))

    def load_act(self, rows: Sequence[Row]) -> None:
        structure = ", ".join(f"{n} {'Int64' if t == 'int' else 'String'}"
                              for n, t in queries.ACT_COLUMNS)
        names = ", ".join(n for n, _ in queries.ACT_COLUMNS)
        if rows:
            body = f"SELECT {names} FROM values({quote(structure)}, {_values(rows)})"
        else:
            body = f"SELECT {names} FROM values({quote(structure)}) WHERE 0"
        self._define("act", body)

    def define(self, name: str, sql: str) -> None:
        self._define(name, sql)

    def rows(self, sql: str) -> list[Row]:
        prefix = ("WITH " + ",\n".join(self.ctes) + "\n") if self.ctes else ""
        return list(self._runner(prefix + sql + " " + self.SETTINGS))
