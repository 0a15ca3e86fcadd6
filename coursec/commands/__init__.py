"""The subcommands of ``coursec``: one module each, listed in ``COMMANDS``.

In:  the argparse sub-parsers action of the ``coursec`` parser (``coursec.cli``).
Out: ``load_commands()`` -> {name: the subcommand's module}, in ``COMMANDS`` order (the order
     ``coursec --help`` lists them). Nothing is reported here.

Adding a subcommand ``NAME``: write ``coursec/commands/NAME.py`` (its docstring says what goes
in, what comes out and the exit codes) with

    def add_parser(sub) -> None: ...   # sub.add_parser("NAME", help=...) and its arguments
    def run(args: argparse.Namespace) -> int: ...  # the work; returns the exit code

and add ``"NAME"`` to ``COMMANDS``. That is all: ``coursec.cli`` parses and dispatches. A
module may also define ``adopt(args, extra) -> list[str]`` to take arguments argparse left
over (``l10n import``); whatever it returns is a usage error. Import heavy libraries inside
``run``, so that the other subcommands start fast. Shared pieces: ``arguments`` (argument
types such as ``--target``) and ``console`` (printing diagnostics).
"""

from __future__ import annotations

import argparse
import importlib
from typing import Any, Protocol, cast

#: every subcommand, in the order ``coursec --help`` lists them (module coursec.commands.<name>)
COMMANDS = ("build", "check", "l10n", "graph", "new", "preview", "report", "release", "diff",
            "schema", "codes")


class Command(Protocol):
    """What a subcommand module provides."""

    def add_parser(self, sub: Any) -> None: ...

    def run(self, args: argparse.Namespace) -> int: ...


def load_commands() -> dict[str, Command]:
    """Every subcommand module by its name."""
    return {
        name: cast("Command", importlib.import_module(f"{__name__}.{name}")) for name in COMMANDS
    }
