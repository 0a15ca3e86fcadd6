"""Every interface string of the default theme is shown somewhere: each key of ``en.yaml`` (the
catalogs have the same keys, tests/test_ui_catalogs.py) is read by a template of the theme
(``s.key``, ``s["key"]``, ``s["prefix_" ~ ...]``) or by the runtime (``S.key``, ``S['key']``,
``S['prefix_' + ...]``, ``fmt('key', ...)``, ``notify('key', ...)``, ``strings.key``, a
launch's ``notice: 'key'``). A string nothing reads is dead weight in every catalog and every
package's cs-data."""

from __future__ import annotations

import re
from pathlib import Path

from coursec.localize.ui import read_catalog

ROOT = Path(__file__).resolve().parents[1] / "coursec"
THEME = ROOT / "themes" / "default"
KEY = r"([a-z][a-z0-9_]*)"
TEMPLATE_READS: tuple[re.Pattern[str], ...] = (
    re.compile(r"\bs\." + KEY),
    re.compile(r"""\bs\[\s*["']""" + KEY + r"""["']\s*(~)?"""),
)
RUNTIME_READS: tuple[re.Pattern[str], ...] = (
    re.compile(r"(?<![.\w])(?:S|strings)\." + KEY),
    re.compile(r"""\bS\[\s*'""" + KEY + r"""'\s*(\+)?"""),
    re.compile(r"""\b(?:fmt|notify)\(\s*'""" + KEY + r"""'\s*(\+)?"""),
)

#: ``notice: 'key'`` / ``note: 'key'`` of a launch: the player shows ``S[info.notice]``
NOTICE = re.compile(r"\b(?:notice|note):\s*([^,}\n]*)")


def _reads() -> tuple[set[str], set[str]]:
    """(keys read whole, prefixes a key is read by)."""
    whole: set[str] = set()
    prefixes: set[str] = set()
    sources = [(p, TEMPLATE_READS) for p in (THEME / "templates").glob("*.j2")]
    sources += [(p, RUNTIME_READS) for p in (ROOT / "runtime").glob("*.js")]
    for path, patterns in sources:
        text = path.read_text(encoding="utf-8")
        for pattern in patterns:
            for match in pattern.finditer(text):
                joined = match.lastindex == 2 and match.group(2)
                (prefixes if joined else whole).add(match.group(1))
        if path.suffix == ".js":  # an adapter's launch names the notice the player shows
            for span in NOTICE.findall(text):
                whole.update(re.findall("'" + KEY + "'", span))
    return whole, prefixes


def test_every_interface_string_is_read_by_a_template_or_the_runtime() -> None:
    whole, prefixes = _reads()
    keys = read_catalog(THEME / "locales" / "en.yaml")
    unused = sorted(
        k for k in keys if k not in whole and not any(k.startswith(p) for p in prefixes))
    assert unused == []


def test_the_reads_found_are_real_keys() -> None:
    whole, prefixes = _reads()
    keys = set(read_catalog(THEME / "locales" / "en.yaml"))
    assert {"next", "check", "exam_score"} <= whole  # the patterns see both sides
    assert all(any(k.startswith(p) for k in keys) for p in prefixes)
