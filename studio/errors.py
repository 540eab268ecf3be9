"""The errors a user sees: one line each, with the exit code the README promises.

2: bad usage (raised where the bad value is found, before any work starts); 1: a render failed.
"""
from __future__ import annotations

import click


class BadInput(click.UsageError):
    """Bad usage: one line `Error: ...`, exit 2 (click's UsageError would add a usage block)."""

    def show(self, file=None) -> None:
        click.echo(f"Error: {self.format_message()}", err=True, file=file)


class RenderFailed(click.ClickException):
    exit_code = 1


def one_line(e: click.UsageError) -> BadInput:
    """Any click usage error (a bad option value, an unknown command) as a one-line BadInput."""
    return e if isinstance(e, BadInput) else BadInput(e.format_message(), e.ctx)
