"""Command line: argument parsing and exit codes only; each subcommand is a module of
``coursec.commands`` (how to add one: that package's docstring).

Exit codes: 0 success, 1 the course has errors (all printed, sorted by file and line),
2 usage errors (argparse's own convention: an unknown option, an unknown ``--target`` name with
the list of targets), 130 interrupted, 141 (128 + SIGPIPE, as shell tools) when the reader of
stdout went away (``coursec codes | head``): no traceback, the rest of the output is dropped.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence

from coursec import __version__
from coursec.commands import Command, load_commands

EXIT_BROKEN_PIPE = 141


def main(argv: Sequence[str] | None = None) -> int:
    commands = load_commands()
    parser = _parser(commands)
    args, extra = parser.parse_known_args(argv)
    command = commands.get(args.command) if args.command else None
    adopt: Callable[[argparse.Namespace, list[str]], list[str]] | None = getattr(
        command, "adopt", None
    )
    if adopt is not None:
        extra = adopt(args, extra)
    if extra:
        parser.error(f"unrecognized arguments: {' '.join(extra)}")
    if command is None:
        parser.print_help()
        return 2
    try:
        code = command.run(args)
        sys.stdout.flush()  # a closed pipe shows here, not in the interpreter's exit
        return code
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        _drop_stdout()
        return EXIT_BROKEN_PIPE


def _drop_stdout() -> None:
    """Point stdout at /dev/null, so that the interpreter's final flush has nowhere to fail."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # stdout is not a file (tests capture it): nothing to flush
        pass


def _parser(commands: dict[str, Command]) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="coursec", description="Compile Markdown courses into SCORM and web packages."
    )
    parser.add_argument("--version", action="version", version=f"coursec {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for command in commands.values():
        command.add_parser(sub)
    return parser


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
