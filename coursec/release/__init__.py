"""Course releases: recorded layouts, semantic diffs and what an update does to learners.

``layout`` extracts the ids the resume state depends on, ``record`` writes and reads
``releases/<version>.json``, ``impact`` predicts (and performs, like ``runtime/migrate.js``)
the migration of a saved state, ``diff`` compares two versions of a course, ``report`` prints
a diff, ``source`` loads a version from a folder or a git revision, ``guard`` turns the impact
into diagnostics (``check --since``, the build warning) and ``commands`` runs the subcommands.
"""
