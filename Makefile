# Two commands on a fresh machine: `make site` builds the site, `make test` runs every test.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# Material prints a banner about MkDocs 2.0 on every build; we pin MkDocs below 2.
export NO_MKDOCS_2_WARNING := 1
# Extra pytest arguments, e.g. `make test PYTEST_ARGS="-m 'not browser'"`.
PYTEST_ARGS ?=
# The engine that builds the site: mkdocs, or properdocs (the maintained MkDocs 1.x fork,
# which reads the same mkdocs.yml), e.g. `make site ENGINE=properdocs`.
ENGINE ?= mkdocs

# The browser tests check pages with the axe-core accessibility engine, fetched from the
# npm registry at this version and checked against this digest (`npm view
# axe-core@VERSION dist.integrity`) before use. Tests find it at .venv/axe-core/axe.min.js.
AXE_VERSION := 4.14.1
AXE_INTEGRITY := sha512-FHfa+lmNjQZfJz1q8wKqIDwC6DExcHt/pkjNQb09a3NPjCKg2rhu5qb2S4r76ASyFNNtuFooJpZe37OgudVGtQ==
AXE_DIR := $(VENV)/axe-core
AXE_STAMP := $(AXE_DIR)/.installed-$(AXE_VERSION)
# Debian packages the tests need and pip cannot bring: root runs apt-get itself, anyone
# else through sudo without a password prompt. Lists are refreshed only if a first try fails.
APT_GET := $(if $(filter 0,$(shell id -u)),,sudo -n )env DEBIAN_FRONTEND=noninteractive apt-get
apt_install = $(APT_GET) install -y -q $(1) || { $(APT_GET) update -q && $(APT_GET) install -y -q $(1); } \
	|| { echo "make: could not install $(1); install it with apt-get as root" >&2; exit 1; }

.PHONY: site test serve check clean browser messages lint

$(STAMP): pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c requirements.lock -e '.[test,bench]'
	touch $@

# Debian's Chromium, which Playwright drives; a no-op where it is installed. (Playwright's
# own browser download is never used.)
browser:
	@command -v chromium >/dev/null 2>&1 || { $(call apt_install,chromium); }

$(AXE_STAMP): | $(STAMP)
	@command -v npm >/dev/null 2>&1 || { $(call apt_install,npm); }
	rm -rf $(AXE_DIR) && mkdir -p $(AXE_DIR)
	cd $(AXE_DIR) && npm pack --silent axe-core@$(AXE_VERSION) >/dev/null
	$(BIN)/python -c 'import base64, hashlib, sys; \
	    got = "sha512-" + base64.b64encode(hashlib.sha512(open(sys.argv[1], "rb").read()).digest()).decode(); \
	    sys.exit(None if got == sys.argv[2] else f"{sys.argv[1]}: digest {got} is not the pinned {sys.argv[2]}")' \
	    $(AXE_DIR)/axe-core-$(AXE_VERSION).tgz '$(AXE_INTEGRITY)'
	tar -xzf $(AXE_DIR)/axe-core-$(AXE_VERSION).tgz -C $(AXE_DIR) --strip-components=1 \
	    package/axe.min.js package/LICENSE
	rm $(AXE_DIR)/axe-core-$(AXE_VERSION).tgz
	touch $@

site: $(STAMP)  ## Build the site into site/
	$(BIN)/$(ENGINE) build --strict

test: $(STAMP) $(AXE_STAMP) browser lint  ## Run every test, the browser tests included
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: $(STAMP)  ## Check the code's style (ruff, as pinned in pyproject.toml)
	$(BIN)/ruff check generator tests bench

serve: $(STAMP)  ## Preview at http://127.0.0.1:8000, reloading on save
	$(BIN)/$(ENGINE) serve --livereload --dirty

check: $(STAMP)  ## Check every claim file
	$(BIN)/factcheck check

# The generator's words (README, "Languages"): `make messages` extracts them from the code
# and templates into the catalogs' template, then adds new ones, empty, to every catalog
# and drops those no longer used. Translate the empty entries; tests/test_i18n.py checks.
LOCALES := generator/locales
EXTRACT := extract --mapping-file=babel.cfg --add-comments=Translators: --strip-comments \
	--no-location --sort-output --no-wrap --project=factcheck \
	--copyright-holder="the factcheck authors"
UPDATE := update --input-file=$(LOCALES)/messages.pot --no-wrap --no-fuzzy-matching \
	--ignore-obsolete --ignore-pot-creation-date

messages: $(STAMP)  ## Extract the generator's words and add new ones to every catalog
	$(BIN)/pybabel --quiet $(EXTRACT) --output-file=$(LOCALES)/messages.pot generator
	for po in $(LOCALES)/*.po; do [ -e "$$po" ] || continue; \
	    language=$$(basename $$po .po); \
	    $(BIN)/pybabel --quiet $(UPDATE) --output-file=$$po --locale=$$(echo $$language | tr - _) \
	        || exit 1; \
	done

clean:  ## Remove the built site and the build cache, share cards included (the virtual environment stays)
	rm -rf site .cache/factcheck
