"""``coursec preview``: a live-reloading local preview with a built-in LMS panel.

In:  a course folder and the region/target to show first (``PreviewOptions``).
Out: ``run(options)`` serves the course on 127.0.0.1 until Ctrl-C: the LMS panel hosts the
     package the way an LMS does (scorm-again for SCORM), shows what it receives, and on every
     save patches the changed pages into the running SCO (prose, question texts) or, when the
     tracking structure changed, reloads it (resuming the learner); a broken save shows the
     diagnostics as an overlay while the last good build stays served. Nothing is written to
     ``build/``.
Reported: the build's own diagnostics (``incremental``), on the terminal and in the overlay.

Modules: ``incremental`` (per-lesson parse cache and builds in memory), ``repaint`` (whether a
save can be patched into the live page, and the patch), ``server`` (the routes and server-sent
events), ``httpd`` (the HTTP transport and its limits), ``guard`` (the Host and Origin checks),
``lrs`` (the bounded statement sink), ``scormagain`` (where the SCORM runtime is found), ``app``
(watching and the Ctrl-C lifecycle), ``static/`` (the panel page ``panel.*``, its launch data
``launch.js``, the patcher ``patch.js`` and ``hook.js``, the one script the preview adds to the
course page it serves).
"""

from coursec.preview.app import PreviewOptions, run

__all__ = ["PreviewOptions", "run"]
