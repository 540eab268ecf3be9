"""The machinery behind render.py: options, workers, manifest, captions, joining, the lecture page."""
