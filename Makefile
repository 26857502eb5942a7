VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: install demo test bench bench-all dev-score clean

$(STAMP): pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(VENV)/bin/parallax demo

test: $(STAMP)
	$(PY) -m pytest

bench: $(STAMP)
	$(PY) benchmarks/bench_analyze.py

# every quality and speed benchmark (long: run them one by one while working)
bench-all: $(STAMP)
	$(PY) benchmarks/bench_analyze.py
	$(PY) benchmarks/bench_repair.py
	$(PY) benchmarks/bench_annotate.py
	$(PY) benchmarks/bench_compare.py
	$(PY) benchmarks/bench_report.py

dev-score: $(STAMP)
	$(VENV)/bin/parallax analyze ../shared/devset/articles -o out/devset
	python3 ../shared/devset/score_dev.py ../shared/devset/gold.json out/devset

clean:
	rm -rf $(VENV) out
