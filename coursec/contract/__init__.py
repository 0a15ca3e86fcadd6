"""The compiler/runtime contract: what the Python side promises the browser runtime.

Modules, by what they may import (the package is imported module by module, never as a whole):

- below ``check/`` (model, ``parse.expr``, pydantic only): ``facts`` (per-adapter facts:
  suspend-data limit, response alphabet, delimiters and text limit, whether it sends xAPI; one
  table until the target registry carries them), ``base`` (the record base class), ``state``
  (the resume state as records, and its codec, byte-identical to ``player.js``), ``patterns``
  (interaction types, response ids, correct-response patterns of SCORM 1.2, 2004 and xAPI),
  ``grading`` (the answer key), ``records`` (``cs-data`` as records and its JSON Schema);
- render phase: ``verbs`` (xAPI verb displays from the theme's catalogs, ``localize.ui``);
- tools on top of the pipeline: ``walks`` and ``expr_cases`` (traces of the Python scenario
  rules and the condition language), ``fixtures`` (``python3 -m coursec.contract.fixtures DIR``
  writes ``tests/fixtures/contract``, the files the node and pytest tests share).
"""
