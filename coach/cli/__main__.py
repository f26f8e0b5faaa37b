"""``python -m coach.cli``: the same as the ``coach`` command."""

from coach.cli.main import main

raise SystemExit(main())
