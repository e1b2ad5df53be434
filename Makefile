# The two commands of the README: `make run` starts the app, `make test` runs every test.
# Each sets itself up: a virtual environment in .venv on a supported Python (scripts/find-python),
# with the project installed in it; the install is redone only when pyproject.toml changes.

VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run test bench bench-gui screenshots clean-venv

$(PY):
	"$$(scripts/find-python)" -m venv $(VENV)

$(STAMP): pyproject.toml | $(PY)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[test]"
	touch $(STAMP)

run: $(STAMP)
	$(PY) main.py $(ARGS)

test: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest $(PYTEST_ARGS)

bench: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) bench/import_speed.py

bench-gui: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) bench/gui_speed.py

screenshots: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) scripts/screenshots.py

clean-venv:
	rm -rf $(VENV)
