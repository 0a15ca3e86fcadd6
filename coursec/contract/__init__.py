"""The compiler/runtime contract: what the Python side promises the browser runtime.

Modules, by what they may import (the package is imported module by module, never as a whole):

- below ``check/`` (the model, ``coursec.condition``, the target registry, pydantic):
  ``facts`` (per-adapter facts read from the target registry: suspend-data limit, response
  alphabet, delimiters and text limit, whether it sends xAPI), ``base`` (the record base
  class), ``state`` (the resume state as records, and its codec, byte-identical to
  ``player.js``), ``patterns`` (interaction types, response ids, correct-response patterns of
  SCORM 1.2, 2004 and xAPI), ``grading`` (the answer key), ``records`` (``cs-data`` as records
  and its JSON Schema), ``expr_cases`` (condition-language cases, with ``parse.expr``);
- check phase: ``walks`` (traces of the Python scenario rules, ``check/scenario_states.py``);
- render phase: ``verbs`` (xAPI verb displays from the theme's catalogs, ``localize.ui``);
- on top of the pipeline: ``fixtures`` (``python3 -m coursec.contract.fixtures DIR`` writes
  ``tests/fixtures/contract``, the files the node and pytest tests share).
"""
