# Build and test toolchain for commerceops.magento. `make help` lists the targets; `make test` runs
# every gate from a fresh clone. Overridable: VENV, PYTHON, BUILD, EMULATOR_PORT.
SHELL := bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := help

ROOT := $(patsubst %/,%,$(dir $(abspath $(lastword $(MAKEFILE_LIST)))))
VENV ?= $(ROOT)/.venv
BUILD ?= $(ROOT)/build
PYTHON ?=
EMULATOR_PORT ?= 8080
OLDEST_MODULE_PYTHON ?= 3.9

CI_DIR := $(ROOT)/tests/ci
COLLECTIONS := $(BUILD)/collections
# ansible-test only works inside .../ansible_collections/<namespace>/<name>, and resolves symlinks.
STAGE := $(COLLECTIONS)/ansible_collections/commerceops/magento
VENV_PYTHON := $(VENV)/bin/python
VENV_STAMP := $(VENV)/.requirements-dev.stamp
# Recursively expanded on purpose: the venv may not exist yet when the Makefile is read.
PYTHON_VERSION = $(shell $(VENV_PYTHON) -c 'import sys; print("%d.%d" % sys.version_info[:2])')

# ansible-test looks interpreters up by name (python3.X); pyenv shims of inactive versions exit 127,
# so the venv and then pyenv's real interpreter directories go before anything else on PATH.
# Kept from the outermost make: nested makes (make test runs one per gate) inherit the altered PATH.
ifndef COMMERCEOPS_OUTER_PATH
COMMERCEOPS_OUTER_PATH := $(PATH)
endif
export COMMERCEOPS_OUTER_PATH
PYENV_ROOT_DIR := $(shell pyenv root 2>/dev/null || echo "$${PYENV_ROOT:-$$HOME/.pyenv}")
REAL_PYTHON_DIRS := $(sort $(wildcard $(PYENV_ROOT_DIR)/versions/3.9*/bin $(PYENV_ROOT_DIR)/versions/3.1[0-9]*/bin))
empty :=
space := $(empty) $(empty)
export PATH := $(subst $(space),:,$(strip $(VENV)/bin $(REAL_PYTHON_DIRS))):$(COMMERCEOPS_OUTER_PATH)

STAGE_EXCLUDES := .git .venv .venv-compat $(patsubst $(ROOT)/%,%,$(VENV)) $(patsubst $(ROOT)/%,%,$(BUILD)) \
	build docs/build tests/output .ansible .cache
GATES := system-deps venv lint docs-lint changelog-lint sanity units emulator-tests integration \
	molecule build importer ee package-test docs compat-integration compat-molecule

UNIT_TESTS = $(shell find $(ROOT)/tests/unit -name 'test_*.py' 2>/dev/null)
EMULATOR_TESTS = $(shell find $(ROOT)/tests/emulator/tests -name 'test_*.py' 2>/dev/null)
INTEGRATION_TARGETS = $(filter-out setup_%,$(notdir $(wildcard $(ROOT)/tests/integration/targets/*)))
MOLECULE_SCENARIOS = $(wildcard $(ROOT)/extensions/molecule/*/molecule.yml)

.PHONY: help venv system-deps demo-deps ansible-test-cache stage lint docs-lint changelog-lint sanity units \
	emulator-tests integration molecule build importer test emulator demo clean

help:
	@echo 'make test            every gate (keeps going), a PASS/FAIL table and "N passed, N failed"'
	@echo 'make venv            $(VENV) from requirements-dev.txt (PYTHON=... to choose the interpreter)'
	@echo 'make system-deps     apt-get install php-cli and shellcheck when missing'
	@echo 'make stage           copy the tree to $(STAGE)'
	@echo 'make lint | docs-lint | changelog-lint | sanity | units | emulator-tests | integration'
	@echo 'make molecule | build | importer'
	@echo 'make package-test    install the built tarball in an empty path, run the tutorial from it'
	@echo 'make ee              ansible-builder create and introspect on the example execution environment (extensions/ee)'
	@echo 'make docs            the docs site (antsibull-docs + Sphinx) into docs/build/html'
	@echo 'make test-compat     integration and molecule on the oldest claimed ansible-core ($(COMPAT_VENV))'
	@echo 'make bench           benchmarks into docs/benchmarks.md; make bench-fleet: the fleet part alone'
	@echo 'make bench-items     source items at 1,000 to 100,000 into docs/benchmarks-source-items.md'
	@echo 'make emulator        the emulator in the foreground on EMULATOR_PORT=$(EMULATOR_PORT) (tutorial fixture)'
	@echo 'make demo            the tutorial playbooks against a throwaway emulator, then a rerun that changes nothing'
	@echo 'make clean           remove $(BUILD)'

venv: $(VENV_STAMP)

$(VENV_STAMP): $(ROOT)/requirements-dev.txt
	@if ! "$(VENV_PYTHON)" -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null; then \
		python='$(PYTHON)'; \
		if [ -z "$$python" ]; then python=$$(PATH='$(COMMERCEOPS_OUTER_PATH)' '$(CI_DIR)/find-python.sh'); fi; \
		echo "Creating $(VENV) with $$python"; \
		"$$python" -m venv --clear '$(VENV)'; \
	fi
	'$(VENV_PYTHON)' -m pip install --disable-pip-version-check --progress-bar off --quiet \
		-r '$(ROOT)/requirements-dev.txt'
	@touch '$@'

# The demo needs only php (the stand-in bin/magento); the tests also lint shell scripts.
system-deps: SYSTEM_COMMANDS ?= php:php-cli shellcheck:shellcheck
demo-deps: SYSTEM_COMMANDS = php:php-cli
system-deps demo-deps:
	@missing=(); \
	for entry in $(SYSTEM_COMMANDS); do command -v "$${entry%%:*}" >/dev/null || missing+=("$${entry#*:}"); done; \
	if [ $${#missing[@]} -eq 0 ]; then echo "Installed already: $(SYSTEM_COMMANDS)"; exit 0; fi; \
	if [ "$$(id -u)" -ne 0 ]; then \
		echo "Missing Debian packages: $${missing[*]}; install them as root (apt-get install $${missing[*]})" >&2; \
		exit 1; \
	fi; \
	echo "Installing $${missing[*]}"; \
	export DEBIAN_FRONTEND=noninteractive; \
	apt-get update -qq; \
	apt-get install -y -qq -o Dpkg::Use-Pty=0 --no-install-recommends "$${missing[@]}"

ansible-test-cache: venv
	@'$(CI_DIR)/install-get-pip-standin.sh' '$(VENV_PYTHON)'

# A fresh copy every time, so files deleted in the work tree disappear from the staged tree too.
# The copy sits in an ignored folder of this checkout: ansible-test and ansible-lint would walk up
# to this repository's .git and list no files at all, so the copy gets an empty repository of its
# own (they list untracked files that .gitignore does not exclude).
stage:
	@rm -rf '$(STAGE)'
	@mkdir -p '$(STAGE)'
	@tar -C '$(ROOT)' $(foreach path,$(STAGE_EXCLUDES),--exclude='./$(path)') \
		--exclude=__pycache__ --exclude=.pytest_cache -cf - . | tar -C '$(STAGE)' -xf -
	@git -c init.defaultBranch=main init -q '$(STAGE)'
	@echo "Staged the collection at $(STAGE)"

lint: venv stage
	cd '$(STAGE)' && ANSIBLE_COLLECTIONS_PATH='$(COLLECTIONS)' \
		ansible-lint --offline --profile production

docs-lint: venv stage
	cd '$(STAGE)' && ANSIBLE_COLLECTIONS_PATH='$(COLLECTIONS)' \
		antsibull-docs lint-collection-docs --plugin-docs .

changelog-lint: venv
	cd '$(ROOT)' && antsibull-changelog lint && \
		antsibull-changelog lint-changelog-yaml changelogs/changelog.yaml

# Modules run on the managed host, where Python 3.9 is still supported: compile and import them
# there too when that interpreter exists (pyenv provides it on this machine kind).
sanity: venv system-deps ansible-test-cache stage
	@cd '$(STAGE)'; status=0; \
	echo "ansible-test sanity --local --python $(PYTHON_VERSION)"; \
	ansible-test sanity --local --python $(PYTHON_VERSION) || status=$$?; \
	if python$(OLDEST_MODULE_PYTHON) -c 'import sys' 2>/dev/null; then \
		echo "ansible-test sanity --local --python $(OLDEST_MODULE_PYTHON) --test compile --test import"; \
		ansible-test sanity --local --python $(OLDEST_MODULE_PYTHON) --test compile --test import || status=$$?; \
	else \
		echo "NOTICE: no python$(OLDEST_MODULE_PYTHON) here; modules were not compiled and imported on it"; \
	fi; \
	exit $$status

units: venv ansible-test-cache stage
ifeq ($(strip $(UNIT_TESTS)),)
	@echo "SKIPPED: no unit tests yet (tests/unit/**/test_*.py)"
else
	cd '$(STAGE)' && ansible-test units --local --python $(PYTHON_VERSION)
endif

emulator-tests: venv
ifeq ($(strip $(EMULATOR_TESTS)),)
	@echo "SKIPPED: no emulator tests yet (tests/emulator/tests/test_*.py)"
else
	cd '$(ROOT)' && PYTHONPATH='$(ROOT)/tests/emulator' \
		'$(VENV_PYTHON)' -m pytest -p no:cacheprovider tests/emulator/tests
endif

integration: venv system-deps ansible-test-cache stage
ifeq ($(strip $(INTEGRATION_TARGETS)),)
	@echo "SKIPPED: no integration targets yet (tests/integration/targets/)"
else
	cd '$(STAGE)' && ansible-test integration --local --python $(PYTHON_VERSION) --continue-on-error
endif

molecule: venv system-deps stage
ifeq ($(strip $(MOLECULE_SCENARIOS)),)
	@echo "SKIPPED: no molecule scenarios yet (extensions/molecule/*/molecule.yml)"
else
	cd '$(STAGE)' && source '$(VENV)/bin/activate' && \
		MOLECULE_EPHEMERAL_DIRECTORY='$(BUILD)/molecule-default' \
		ANSIBLE_COLLECTIONS_PATH='$(COLLECTIONS)' molecule test --all
endif

build: venv stage
	rm -f '$(BUILD)'/*.tar.gz
	ansible-galaxy collection build '$(STAGE)' --output-path '$(BUILD)' --force

importer: build
	'$(CI_DIR)/run-importer.sh' '$(VENV_PYTHON)' "$$(ls '$(BUILD)'/commerceops-magento-*.tar.gz)"

# The example execution environment (extensions/ee/): a build context from the built tarball, the
# collection installed from it as the image build would, and its Python requirements found by
# introspection. No image is built (no container runtime here).
.PHONY: ee
ee: build
	'$(CI_DIR)/ee-check.sh' "$$(ls '$(BUILD)'/commerceops-magento-*.tar.gz)" '$(BUILD)/ee'

test:
	@MAKE='$(MAKE) -C $(ROOT)' '$(CI_DIR)/run-gates.sh' '$(BUILD)/gate-logs' $(GATES)

emulator: venv
	cd '$(ROOT)' && PYTHONPATH='$(ROOT)/tests/emulator' \
		'$(VENV_PYTHON)' -m magento_msi_emulator --port $(EMULATOR_PORT) --fixture tutorial

demo: venv demo-deps stage
	@'$(CI_DIR)/demo.sh' '$(VENV_PYTHON)' '$(COLLECTIONS)'

clean:
	rm -rf '$(BUILD)' '$(ROOT)/tests/output'

# Benchmarks (tests/bench/): not a gate. `make bench` rewrites docs/benchmarks.md and .png, and
# docs/benchmarks-fleet.md (`make bench-fleet` alone: 1, 10, 50 stores at forks 1, 5, 10);
# `make bench-smoke` asserts request counts only (also run by `make integration` as bench_smoke).
.PHONY: bench bench-fleet bench-smoke bench-items
bench: venv bench-fleet bench-items
	cd '$(ROOT)' && '$(VENV_PYTHON)' tests/bench/run_bench.py --output-dir '$(BUILD)/bench' --docs-dir docs

# Source items at 1,000 / 10,000 / 100,000 into docs/benchmarks-source-items.md (about 25 min; a subset:
# make bench-items BENCH_ITEMS_ARGS='--sizes 1000,10000').
bench-items: venv
	cd '$(ROOT)' && '$(VENV_PYTHON)' tests/bench/items_bench.py --output-dir '$(BUILD)/bench-items' --docs-dir docs $(BENCH_ITEMS_ARGS)

bench-fleet: venv
	cd '$(ROOT)' && '$(VENV_PYTHON)' tests/bench/fleet_bench.py --output-dir '$(BUILD)/bench-fleet' --docs-dir docs

bench-smoke: venv
	cd '$(ROOT)' && '$(VENV_PYTHON)' tests/bench/run_bench.py --smoke --output-dir '$(BUILD)/bench-smoke'
	cd '$(ROOT)' && '$(VENV_PYTHON)' tests/bench/fleet_bench.py --smoke --output-dir '$(BUILD)/bench-fleet-smoke'
	cd '$(ROOT)' && '$(VENV_PYTHON)' tests/bench/items_bench.py --smoke --output-dir '$(BUILD)/bench-items-smoke'

# Soak test (tests/soak/): not a gate. `make soak` runs the tutorial play 200 times at a 30% fault rate
# and rewrites the figures in docs/reliability.md; `make integration` runs 20 of them as soak_smoke.
.PHONY: soak
soak: venv stage
	cd '$(STAGE)' && ANSIBLE_COLLECTIONS_PATH='$(COLLECTIONS)' '$(VENV_PYTHON)' tests/soak/soak.py \
		--runs 200 --parallel 2 --seed 2026 --output-dir '$(BUILD)/soak' --report '$(ROOT)/docs/reliability.md'

# Release readiness: the installed tarball, the docs site, and the oldest ansible-core claimed in
# meta/runtime.yml (requirements-compat.txt, in its own venv on Python 3.10-3.12). `make test` runs
# these gates too; `make test-compat` runs only the compat ones.
COMPAT_VENV ?= $(ROOT)/.venv-compat
COMPAT_PYTHON ?=
COMPAT_STAMP := $(COMPAT_VENV)/.requirements-compat.stamp
COMPAT_COLLECTIONS := $(BUILD)/compat/collections
COMPAT_STAGE := $(COMPAT_COLLECTIONS)/ansible_collections/commerceops/magento
COMPAT_PYTHON_VERSION = $(shell '$(COMPAT_VENV)/bin/python' -c 'import sys; print("%d.%d" % sys.version_info[:2])')
COMPAT_GATES := compat-integration compat-molecule
# Load and benchmark targets repeat what tutorial_playbook and the module targets already run once; on
# 2.17 they would add minutes and test this collection's code, not its fit with ansible-core.
# awx_credential tests the credential type's injectors and ansible-runner (not in requirements-compat.txt);
# the tutorial it runs is tutorial_playbook's. The fleet target does run there: it drives the reindex role.
COMPAT_INTEGRATION_EXCLUDE ?= bench_smoke soak_smoke awx_credential
DOCS_STAMP := $(VENV)/.requirements-docs.stamp

.PHONY: package-test docs compat-venv compat-stage compat-integration compat-molecule test-compat

package-test: build system-deps
	'$(CI_DIR)/package-test.sh' '$(VENV)' "$$(ls '$(BUILD)'/commerceops-magento-*.tar.gz)"

$(DOCS_STAMP): $(ROOT)/requirements-docs.txt $(VENV_STAMP)
	'$(VENV_PYTHON)' -m pip install --disable-pip-version-check --progress-bar off --quiet \
		-r '$(ROOT)/requirements-docs.txt'
	@touch '$@'

docs: venv $(DOCS_STAMP) stage
	'$(CI_DIR)/build-docs.sh' '$(VENV)' '$(COLLECTIONS)' '$(ROOT)/docs/site' '$(BUILD)/docs-work' \
		'$(ROOT)/docs/build'

compat-venv: $(COMPAT_STAMP)

$(COMPAT_STAMP): $(ROOT)/requirements-compat.txt
	@python='$(COMPAT_PYTHON)'; \
	if [ -z "$$python" ]; then python=$$(PATH='$(COMMERCEOPS_OUTER_PATH)' '$(CI_DIR)/find-compat-python.sh'); fi; \
	echo "Creating $(COMPAT_VENV) with $$python"; \
	"$$python" -m venv --clear '$(COMPAT_VENV)'
	'$(COMPAT_VENV)/bin/python' -m pip install --disable-pip-version-check --progress-bar off --quiet \
		-r '$(ROOT)/requirements-compat.txt'
	@touch '$@'

# Its own copy of the stage: ansible-test keeps tests/output in the tree it runs in.
compat-stage: stage
	@rm -rf '$(COMPAT_STAGE)'
	@mkdir -p '$(COMPAT_STAGE)'
	@cp -a '$(STAGE)/.' '$(COMPAT_STAGE)'

compat-integration: compat-venv system-deps compat-stage
	@'$(CI_DIR)/install-get-pip-standin.sh' '$(COMPAT_VENV)/bin/python'
	cd '$(COMPAT_STAGE)' && PATH='$(COMPAT_VENV)/bin':"$$PATH" \
		ansible-test integration --local --python $(COMPAT_PYTHON_VERSION) --continue-on-error \
		$(foreach target,$(COMPAT_INTEGRATION_EXCLUDE),--exclude $(target))

# Molecule names its ephemeral directory after the scenario's parent folder ("magento"), which
# every staged copy shares: a private one keeps this run apart from another checkout's.
compat-molecule: compat-venv system-deps compat-stage
	cd '$(COMPAT_STAGE)' && source '$(COMPAT_VENV)/bin/activate' && \
		MOLECULE_EPHEMERAL_DIRECTORY='$(BUILD)/compat/molecule-default' \
		ANSIBLE_COLLECTIONS_PATH='$(COMPAT_COLLECTIONS)' molecule test --all

test-compat:
	@MAKE='$(MAKE) -C $(ROOT)' '$(CI_DIR)/run-gates.sh' '$(BUILD)/gate-logs-compat' $(COMPAT_GATES)
