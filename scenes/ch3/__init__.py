"""Chapter 3: Chapter 3 · Learning, one scene per module."""
