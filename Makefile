# The two commands: `make run` (install, build the demo if missing, start the app) and `make test`.
PY      ?= python3
VENV    ?= .venv
BIN     := $(VENV)/bin
STAMP   := $(VENV)/.installed
export HM_DATA_DIR ?= hm_data

.PHONY: run dev test install demo lint bench clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

demo: install
	$(BIN)/health-monitor demo --if-missing

run: demo
	$(BIN)/streamlit run app.py --server.headless true

dev: demo
	$(BIN)/streamlit run app.py --server.headless true --server.fileWatcherType auto --client.toolbarMode developer

test: install
	bash scripts/install-system-deps.sh
	$(BIN)/ruff check .
	$(BIN)/python -m pytest -n 2 --timeout 900 -m "" tests

lint: install
	$(BIN)/ruff check .

bench: install
	$(BIN)/health-monitor bench --quick

clean:
	rm -rf $(VENV) hm_data .pytest_cache
