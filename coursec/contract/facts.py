"""What each runtime adapter can store and how it writes responses, in one table.

In:  an adapter name (``coursec.runtime.ADAPTERS``: scorm12, scorm2004, local, xapi, cmi5).
Out: ``facts(adapter)`` -> ``AdapterFacts``: the suspend-data limit (characters, None when the
     adapter has none), the single-character response alphabet (SCORM 1.2) or None, the longest
     learner-response text, the response-string delimiters, which ids a response names
     (``alphabet``, ``short`` SCORM 2004 short identifiers, ``choice`` the coursec ids) and
     whether the adapter sends xAPI statements. Nothing is reported.

This is the one place these facts live until the target capability registry
(``coursec/targets/``) carries them; ``check/limits.py``, ``check/responses.py``,
``contract/patterns.py`` and ``render/data.py`` read them from here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

IdScheme = Literal["alphabet", "short", "choice"]


@dataclass(frozen=True)
class Delimiters:
    list: str  # between the items of a multiple-choice, sequencing or matching response
    pair: str  # between the source and the target of a matching pair
    range: str  # between the bounds of a numeric range


@dataclass(frozen=True)
class AdapterFacts:
    suspend: int | None  # the suspend-data limit in characters
    alphabet: str | None  # choice k is written as alphabet[k] (so at most len(alphabet) choices)
    text: int | None  # longest learner-response text (fill-in) and fill-in pattern
    format: Delimiters
    ids: IdScheme
    xapi: bool  # sends xAPI statements (verb displays are shipped in cs-data)


#: SCORM 1.2 responses are single characters: a-z, then 0-9 (36 choices at most)
SCORM12_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789"
SCORM_FORMAT = Delimiters(",", ".", ":")
XAPI_FORMAT = Delimiters("[,]", "[.]", "[:]")

FACTS: dict[str, AdapterFacts] = {
    "scorm12": AdapterFacts(4096, SCORM12_ALPHABET, 255, SCORM_FORMAT, "alphabet", False),
    "scorm2004": AdapterFacts(64000, None, 250, XAPI_FORMAT, "short", False),
    "local": AdapterFacts(None, None, None, XAPI_FORMAT, "choice", True),
    "xapi": AdapterFacts(None, None, None, XAPI_FORMAT, "choice", True),
    "cmi5": AdapterFacts(None, None, None, XAPI_FORMAT, "choice", True),
}

def facts(adapter: str) -> AdapterFacts:
    return FACTS[adapter]


#: adapter -> suspend-data limit, for the adapters that have one (their target names are the
#: same: ``scorm12``, ``scorm2004``)
SUSPEND_LIMITS = {name: f.suspend for name, f in FACTS.items() if f.suspend is not None}
