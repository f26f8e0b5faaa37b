"""``coach users``: the administrator's accounts for a shared deployment (add, remove, list).

Passwords are never taken from the command line (it ends up in shell history and ``ps``): they
are typed at a prompt, or piped in with ``--password-stdin``.
"""

from __future__ import annotations

import argparse
import getpass
import sys

from coach.core.accounts import AccountStore, workspace_of
from coach.core.errors import CoachError


def register(sub: argparse._SubParsersAction) -> None:
    users = sub.add_parser("users", help="accounts for a shared deployment: add, remove, list")
    actions = users.add_subparsers(dest="action", required=True)
    add = actions.add_parser("add", help="create an account (asks for its password)")
    add.add_argument("name")
    add.add_argument("--password-stdin", action="store_true",
                     help="read the password from the first line of standard input")  # fmt: skip
    remove = actions.add_parser("remove", help="delete an account (its folder is kept)")
    remove.add_argument("name")
    actions.add_parser("list", help="list the accounts")
    users.set_defaults(func=cmd_users)


def _password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\n")
    if not sys.stdin.isatty():
        raise CoachError("Type the password at a prompt, or pipe it in with --password-stdin.")
    first = getpass.getpass("Password: ")
    if getpass.getpass("Again: ") != first:
        raise CoachError("The two passwords differ; nothing was changed.")
    return first


def cmd_users(args: argparse.Namespace) -> int:
    store = AccountStore()
    if args.action == "list":
        names = store.names()
        print("\n".join(names) if names else "No accounts: the app is single-user.")
    elif args.action == "add":
        store.add(args.name, _password(args.password_stdin))
        print(f"Added '{args.name}'; their workspace is {workspace_of(args.name)}. The app asks "
              "everyone to sign in from its next start.")  # fmt: skip
    else:
        store.remove(args.name)
        print(f"Removed '{args.name}'; their folder {workspace_of(args.name)} is kept (delete "
              "it yourself if you mean to).")  # fmt: skip
    return 0
