"""Run Ralph 5.1.0 (``ralph-malph``) as the tests' LRS: filesystem backend, one basic-auth user.

Usage: ``python ralph_server.py PORT DATA_DIR`` (started by ``tests/lrs/lms.py``, which waits for
``/__heartbeat__``). The two known 5.1.0 quirks of interop.md are handled here or by the caller:

* the filesystem backend's default write operation is CREATE, so every POST after the first
  fails: it is switched to APPEND before the app is imported;
* ``verb=`` / ``activity=`` filters never match (they compare an IRI object with a string): the
  tests query by ``registration`` only and filter verbs themselves.

It has no State or Agent Profile API: the test LMS (``lms.py``) serves those itself.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

USER, PASSWORD = "coursec-tests", "not-a-secret-only-for-127.0.0.1"


def main() -> None:
    port, data = int(sys.argv[1]), Path(sys.argv[2])
    data.mkdir(parents=True, exist_ok=True)
    import bcrypt

    auth = data / "auth.json"
    auth.write_text(json.dumps([{
        "agent": {"mbox": "mailto:coursec-tests@example.com", "objectType": "Agent"},
        "scopes": ["all"],
        "hash": bcrypt.hashpw(PASSWORD.encode(), bcrypt.gensalt(4)).decode(),
        "username": USER,
    }]))
    os.environ.update({
        "RALPH_AUTH_FILE": str(auth),
        # the fs backend appends to a history file on every read; Ralph's default is one file in
        # the user's home shared by every Ralph on the machine (parallel runs corrupt it)
        "RALPH_HISTORY_FILE": str(data / "history.json"),
        "RALPH_RUNSERVER_BACKEND": "fs",
        "RALPH_BACKENDS__LRS__FS__DEFAULT_DIRECTORY_PATH": str(data / "lrs"),
        "RALPH_RUNSERVER_MAX_SEARCH_HITS_COUNT": "1000",
        "RALPH_SENTRY_DSN": "",
    })
    from ralph.backends.data.base import BaseOperationType
    from ralph.backends.lrs.fs import FSLRSBackend

    FSLRSBackend.default_operation_type = BaseOperationType.APPEND  # quirk 1
    import uvicorn
    from ralph.api import app

    uvicorn.run(app, host="127.0.0.1", port=port, log_level="warning")


if __name__ == "__main__":
    main()
