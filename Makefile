# Two commands for a new user: `make demo` (set up and train) and `make test` (set up and test).
PY ?= python3
VENV := .venv
VPY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: setup test demo bench examples lint clean

$(STAMP): pyproject.toml
	test -x $(VPY) || $(PY) -m venv $(VENV)
	$(VPY) -m pip install -q --upgrade pip
	$(VPY) -m pip install -q -e ".[test,demo,text]"
	touch $(STAMP)

setup: $(STAMP)

test: $(STAMP)
	$(VPY) -m pytest -n 2 tests

demo: $(STAMP)
	$(VPY) -m mindspore_jax tutorials/quickstart.py

examples: $(STAMP)
	$(VPY) ../shared/examples/check_examples.py --python $(VPY)

bench: $(STAMP)
	$(VPY) bench/run.py

lint: $(STAMP)
	$(VPY) -m ruff check mindspore_jax tests bench tools

clean:
	rm -rf $(VENV) build *.egg-info
