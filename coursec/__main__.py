"""``python -m coursec`` runs the command line."""

from coursec.cli import main

raise SystemExit(main())
