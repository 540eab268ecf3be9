# Two commands on a fresh machine: `make video` and `make test`.
# Both run scripts/setup.sh first: it installs only what is missing.
PY := .venv/bin/python
QUALITY ?= high
JOBS ?=
# the bundled neural voice; VOICE=none for a silent series, VOICE=espeak for the light one
VOICE ?= piper

.PHONY: setup video test bench fresh-check clean

setup:
	@bash scripts/setup.sh

video: setup
	$(PY) render.py explainer --quality $(QUALITY) --voice $(VOICE) $(if $(JOBS),--jobs $(JOBS))

test: setup
	$(PY) -m pytest -q

bench: setup
	$(PY) bench/render_bench.py

# Not part of `make test`: needs root, builds a new Debian root and takes many minutes.
fresh-check:
	bash scripts/fresh-check.sh

clean:
	rm -rf media/*/ media/*.json
