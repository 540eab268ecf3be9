"""The errors a user sees: one line each, with the exit code the README promises.

2: bad usage (raised where the bad value is found, before any work starts); 1: a render failed.
Every such line goes through `one_line`: a value pasted in by mistake (100k characters) is cut,
never echoed whole.
"""
from __future__ import annotations

import re

import click

LONGEST_WORD = 120   # characters of one value shown; longer ones are cut in the middle
LONGEST_LINE = 600   # characters of a whole message


def _cut(match: re.Match) -> str:
    word = match.group(0)
    return f"{word[:60]}…{word[-20:]} [{len(word)} characters]"


def one_line(text: str) -> str:
    """`text` as one line a user can read: its first non-empty line, long values cut."""
    first = next((line.strip() for line in str(text).splitlines() if line.strip()), "")
    first = re.sub(r"[^\s'\"(),;:]{%d,}" % (LONGEST_WORD + 1), _cut, first)  # a value, not its quotes
    return first if len(first) <= LONGEST_LINE else first[:LONGEST_LINE - 1] + "…"


def describe(exc: BaseException) -> str:
    """An exception as `Type: first line` (or just its type when it says nothing)."""
    text = one_line(str(exc))
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


class BadInput(click.UsageError):
    """Bad usage: one line `Error: ...`, exit 2 (click's UsageError would add a usage block)."""

    def format_message(self) -> str:
        return one_line(super().format_message())

    def show(self, file=None) -> None:
        click.echo(f"Error: {self.format_message()}", err=True, file=file)


class RenderFailed(click.ClickException):
    exit_code = 1

    def format_message(self) -> str:
        return one_line(super().format_message())


def as_bad_input(e: click.UsageError) -> BadInput:
    """Any click usage error (a bad option value, an unknown command) as a one-line BadInput."""
    return e if isinstance(e, BadInput) else BadInput(e.format_message(), e.ctx)
