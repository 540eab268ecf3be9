"""Chapter 5: Chapter 5 · Can a network solve any problem?, one scene per module."""
