"""Argument types shared by the subcommands: comma-separated lists and target names.

In:  the text of one command-line argument.
Out: the parsed value; an unknown target name raises ``argparse.ArgumentTypeError``, which
     argparse turns into a usage error (exit 2) that lists the targets of the registry.
     ``EDITIONS``: the choices of ``--edition``.
"""

from __future__ import annotations

import argparse

from coursec.diagnostics import did_you_mean
from coursec.targets.registry import TARGET_NAMES, TARGETS

VERBOSE_HELP = "list every untranslated text (CS601) instead of one line per region"
#: the editions ``--edition`` takes: every edition a target of the registry can write
EDITIONS = tuple(sorted({edition for entry in TARGETS.values() for edition in entry.editions}))


def csv(value: str) -> list[str]:
    """``a, b,,c`` -> ``["a", "b", "c"]``."""
    return [part.strip() for part in value.split(",") if part.strip()]


def target(name: str) -> str:
    """A target name given on the command line; an unknown one is a usage error (exit 2)."""
    if name not in TARGET_NAMES:
        hint = did_you_mean(name, TARGET_NAMES)
        raise argparse.ArgumentTypeError(
            f"unknown target '{name}'{f' ({hint})' if hint else ''}; "
            f"targets: {', '.join(TARGET_NAMES)}"
        )
    return name


def target_list(value: str) -> list[str]:
    """Comma-separated target names, each checked by ``target``."""
    return [target(name) for name in csv(value)]
