#!/usr/bin/env python
"""Render the neural-network explainer: `python render.py --help`."""
from studio.cli import main

if __name__ == "__main__":
    main()
