"""Chapter 2: Chapter 2 · The network, one scene per module."""
