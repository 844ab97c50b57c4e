# Set-up and everyday commands. `make run` and `make test` each do all set-up first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install run test test-quick lint clean

# pip first (the machine's old pip resolves this set for minutes), then the CPU torch,
# then the project with versions pinned by requirements.lock.
$(STAMP): pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet torch==2.13.0
	$(BIN)/pip install --quiet --constraint requirements.lock --editable '.[dev]'
	touch $(STAMP)

install: $(STAMP)

run: install
	$(BIN)/policy-assistant ingest

test: install
	HF_HUB_OFFLINE=1 $(BIN)/pytest

test-quick: install
	HF_HUB_OFFLINE=1 $(BIN)/pytest -m "not slow and not browser"

lint: install
	$(BIN)/ruff check . && $(BIN)/ruff format --check .

clean:
	rm -rf $(VENV) data
