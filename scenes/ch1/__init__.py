"""Chapter 1: Chapter 1 · The neuron, one scene per module."""
