"""Manim scenes of the explainer series; `catalog` lists them without importing manim."""
