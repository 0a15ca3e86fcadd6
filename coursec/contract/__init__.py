"""The compiler/runtime contract: what the Python side promises the browser runtime.

Modules (each imports only the model, ``parse.expr`` and ``coursec.runtime``'s constants, so
``check/`` and ``render/`` can both use them without an edge against the pipeline):

- ``facts``: per-adapter facts (suspend-data limit, response alphabet and delimiters, response
  text limit, whether the adapter sends xAPI), in one table until the target registry has them;
- ``state``: the resume state as typed records and its codec (byte-identical to ``player.js``);
- ``patterns``: interaction types, correct-response patterns and response ids per format;
- ``records``: ``cs-data`` as typed records (their JSON Schema is ``cs-data.schema.json``);
- ``verbs``: xAPI verb displays in the course language, from the theme's catalogs;
- ``fixtures``: ``python3 -m coursec.contract.fixtures DIR`` writes the agreement fixtures.

Nothing here imports ``coursec.contract`` as a whole: import the module you need.
"""
