# Two commands on a fresh machine: `make site` builds the site, `make test` runs every test.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# Material prints a banner about MkDocs 2.0 on every build; we pin MkDocs below 2.
export NO_MKDOCS_2_WARNING := 1

.PHONY: site test serve check clean

$(STAMP): pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c requirements.lock -e '.[test,bench]'
	touch $@

site: $(STAMP)  ## Build the site into site/
	$(BIN)/mkdocs build --strict

test: $(STAMP)  ## Run every test
	$(BIN)/python -m pytest

serve: $(STAMP)  ## Preview at http://127.0.0.1:8000, reloading on save
	$(BIN)/mkdocs serve --livereload --dirty

check: $(STAMP)  ## Check every claim file
	$(BIN)/factcheck check

clean:  ## Remove the built site (the virtual environment stays)
	rm -rf site
