"""Chapter 4: Chapter 4 · Backpropagation, one scene per module."""
