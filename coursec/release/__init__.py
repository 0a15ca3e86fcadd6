"""Course releases: recorded layouts, semantic diffs and what an update does to learners.

``layout`` extracts the ids the resume state depends on; ``record`` writes and reads
``releases/<version>.json``; ``stamp`` gives manifests the release version; ``impact``
migrates a saved state (as ``runtime/migrate.js`` does) and ``predict`` states the same rules
for every learner; ``diff``, ``regional`` and ``textchanges`` compare two versions of a course
(one ``change.Change`` per difference) and ``report`` prints the comparison; ``source`` opens
a version (a folder or a git revision); ``guard`` turns the impact into diagnostics; ``embed``
makes the compact layouts a build will embed; ``commands`` runs ``coursec release``,
``coursec diff`` and ``check --since``.
"""
