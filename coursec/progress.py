"""The progress display of ``coursec build``: one line per pipeline step, with its time.

In:  the step messages the pipeline sends to its ``progress`` callback (``coursec.build``).
Out: ``build_progress(quiet, stream)`` is a context manager giving that callback (or None):
     on a terminal, a rich live display where each finished step shows a tick and how long it
     took, in seconds with two decimals (``0.12 s``: most steps take well under a second), and
     the running one a spinner; nothing at all with ``--quiet`` or when the stream is
     not a terminal (CI logs, pipes), where only the diagnostics and the package paths print.
     rich is imported only when the display is shown (the CLI starts faster without it).
Reported: nothing.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TextIO

Step = Callable[[str], None]


@contextmanager
def build_progress(quiet: bool = False, stream: TextIO | None = None) -> Iterator[Step | None]:
    out = stream or sys.stderr
    if quiet or not out.isatty():
        yield None
        return
    from rich.console import Console
    from rich.progress import Progress, ProgressColumn, SpinnerColumn, Task, TaskID, TextColumn
    from rich.text import Text

    class Seconds(ProgressColumn):
        """How long the step took (or has taken so far), as ``seconds()`` writes it."""

        def render(self, task: Task) -> Text:
            return Text(seconds(task.elapsed or 0.0), style="progress.elapsed")

    console = Console(file=out, force_terminal=True)
    progress = Progress(
        SpinnerColumn(finished_text="[green]✓[/]"),
        TextColumn("{task.description}"),
        Seconds(),
        console=console,
        transient=False,
    )
    current: list[TaskID] = []

    def finish() -> None:
        progress.update(current[-1], total=1, completed=1)
        progress.stop_task(current[-1])

    def step(message: str) -> None:
        if current:
            finish()
        current.append(progress.add_task(message, total=None))

    with progress:
        yield step
        if current:
            finish()


def seconds(elapsed: float) -> str:
    """A step's time as the display shows it: ``0.12 s``, ``3.40 s``."""
    return f"{elapsed:.2f} s"
