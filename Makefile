# Two commands do everything on a fresh machine with Python 3.11 and make:
#   make handbook   creates .venv, installs, builds build/handbook.pdf from protocols/
#   make test       installs if needed, runs the whole suite
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
PIP := $(BIN)/python -m pip --disable-pip-version-check --quiet

.PHONY: handbook test bench lock messages rules clean

handbook: $(INSTALLED)
	$(BIN)/handbook build protocols -o build/handbook.pdf
	@echo "The command is $(BIN)/handbook (or run: source $(BIN)/activate, then: handbook --help)."

# The live-preview test drives a browser: installed here where it can be, as .ci/run does
# (tools/install-browser.sh says so when it cannot, and the test then says why it skips).
test: $(INSTALLED)
	tools/install-browser.sh
	$(BIN)/python -m pytest

bench: $(INSTALLED)
	$(BIN)/python bench/run.py
	$(BIN)/python bench/batch.py

$(INSTALLED): pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(PIP) install -r requirements.lock
	$(PIP) install --no-deps --editable .
	touch $@

# Extract the fixed words of templates and code into handbook/locale/ and update every
# language's catalogue; translate what it reports as "to translate".
messages: $(INSTALLED)
	$(BIN)/python tools/messages.py

rules: $(INSTALLED)
	$(BIN)/python tools/rules.py

# Re-pin every dependency after a change to pyproject.toml.
lock:
	rm -rf .venv-lock
	$(PYTHON) -m venv .venv-lock
	.venv-lock/bin/python -m pip --disable-pip-version-check --quiet install ".[test]"
	{ echo "# Exact versions for make installs; regenerate with: make lock"; \
	  .venv-lock/bin/python -m pip freeze --all --exclude handbook --exclude pip; } > requirements.lock
	rm -rf .venv-lock

clean:
	rm -rf $(VENV) build .pytest_cache
