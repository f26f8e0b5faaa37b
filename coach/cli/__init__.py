"""The ``coach`` command line: argument parsing, one thin command per subcommand, and terminal
rendering; exit codes per CONTRACT.md.
"""

from coach.cli.main import main

__all__ = ["main"]
