# Fresh machine: `make demo` sets up and runs the main job; `make test` sets up and runs the tests.
PYTHON ?= python3.11
VENV   := .venv
BIN    := $(VENV)/bin
export HF_HUB_OFFLINE := 1

.PHONY: setup system-deps demo test lint typecheck template-lint bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

$(VENV)/.installed: pyproject.toml $(BIN)/python
	$(BIN)/pip install -q -e ".[dev]"
	touch $@

node_modules/.installed: package.json
	npm install --no-audit --no-fund --silent
	touch $@

# OS packages: tesseract (OCR of scanned pdfs, Vietnamese model) and chromium (dashboard tests).
system-deps:
	@bash scripts/install-system-deps.sh

setup: $(VENV)/.installed node_modules/.installed system-deps

demo: setup
	@bash scripts/demo.sh

test: setup
	$(BIN)/ruff check shared functions tests bench
	$(BIN)/mypy
	bash scripts/validate-template.sh
	$(BIN)/pytest -q

# cfn-lint and `sam validate --lint` (aws-sam-cli in its own .venv-sam, installed on first use).
template-lint: $(VENV)/.installed
	bash scripts/validate-template.sh

bench: setup
	$(BIN)/python bench/run_all.py

clean:
	rm -rf $(VENV) .venv-sam node_modules .pytest_cache .mypy_cache .ruff_cache
