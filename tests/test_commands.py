"""Subcommands: one module each in ``coursec/commands``, listed once in ``COMMANDS``.

The CLI's behaviour itself (messages, exit codes) is ``tests/test_cli.py``'s; this checks the
registry: every listed module adds the subparser of its own name and has ``run``, and every
module of the package is a listed subcommand or one of the shared helpers.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from coursec.cli import main
from coursec.commands import COMMANDS, load_commands

HELPERS = {"__init__", "arguments", "console"}  # shared by the subcommands, not subcommands


def test_every_module_is_listed_once() -> None:
    folder = Path(__file__).resolve().parents[1] / "coursec" / "commands"
    modules = {path.stem for path in folder.glob("*.py")} - HELPERS
    assert sorted(modules) == sorted(COMMANDS)
    assert len(set(COMMANDS)) == len(COMMANDS)


def test_each_module_adds_its_own_subparser() -> None:
    for name, command in load_commands().items():
        parser = argparse.ArgumentParser()
        sub = parser.add_subparsers(dest="command")
        command.add_parser(sub)
        assert list(sub.choices) == [name]
        assert callable(command.run)


def test_no_command_is_a_usage_error() -> None:
    assert main([]) == 2
