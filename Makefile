# The two commands (see README): `make run` launches the desk on the bundled data,
# `make test` runs the tests. Both set everything up on a fresh machine first.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint setup system-deps screenshot bench clean i18n

# Files that pass `ruff format --check` (ratchet: format a file, then add it here).
FORMATTED := app/__init__.py app/excel/preview.py app/labels.py app/prices/periods.py resources/__init__.py tools/i18n.py \
	widgets/__init__.py widgets/appearance.py widgets/chain.py widgets/common.py widgets/desk_table.py \
	widgets/excel_actions.py widgets/i18n.py widgets/prices.py widgets/print_charts.py widgets/screening.py \
	widgets/watchlists.py widgets/columns.py widgets/language.py widgets/edits.py widgets/copy_codes.py widgets/undo_actions.py \
	widgets/toolbar.py widgets/about.py widgets/window_geometry.py widgets/rating_editor.py tests/conftest.py tests/widgets/conftest.py tests/widgets/test_i18n.py tests/app/prices/test_periods.py

$(STAMP): pyproject.toml
	@bash scripts/system-deps.sh
	@test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e ".[test]"
	@touch $(STAMP)

setup: $(STAMP)

run: $(STAMP)
	$(BIN)/python main.py $(ARGS)

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check $(FORMATTED)
	$(BIN)/mypy

test: $(STAMP) lint
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q -n 2 $(PYTEST_ARGS)

# The interface translations: extract the strings (pyside6-lupdate) into resources/i18n/*.ts, compile the .qm.
i18n: $(STAMP)
	$(BIN)/python tools/i18n.py

screenshot: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python main.py --screenshot docs/screenshot.png

clean:
	rm -rf $(VENV) .pytest_cache build *.egg-info
