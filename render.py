#!/usr/bin/env python
"""Render the neural-network explainer: `python render.py --help`."""
# Stop signals first: a Ctrl-C while the imports below load ends in one line, not a traceback.
import sys

from studio import stopping

if __name__ == "__main__":
    stopping.install()
else:   # a spawned worker runs this file as __mp_main__ (see stopping.before_worker)
    stopping.before_worker()
try:
    from studio.cli import main
except BaseException as e:  # noqa: BLE001 - a stop, even one Python wrapped, is one line
    if (stop := stopping.within(e)) is None:
        raise
    print(f"stopped ({stop})", file=sys.stderr)
    raise SystemExit(stop.exit_code) from None

if __name__ == "__main__":
    main()
