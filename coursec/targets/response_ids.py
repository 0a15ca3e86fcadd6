"""Response identifiers for SCORM 2004, as the targets and their tests name them.

In:  one coursec id.
Out: ``response_id(id)``: the id as a SCORM 2004 ``short_identifier_type`` the way Moodle checks
     it (``SHORT_IDENTIFIER``, ``^[\\w.]{1,250}$``). Nothing is reported.

The rule lives in ``coursec.contract.patterns`` (the runtime receives the mapped ids in
``cs-data``, ``quizzes[i].rid`` and the scenario nodes' ``rid``); this module re-exports it
for the target side.
"""

from __future__ import annotations

from coursec.contract.patterns import SHORT_IDENTIFIER, response_id

__all__ = ["SHORT_IDENTIFIER", "response_id"]
