# Two commands do all set-up on a fresh machine (Python 3.11 with venv):
#   make demo   load the bundled corpus (data/seeds) into news.db and serve it with Datasette
#   make test   run the test suite
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8001

.PHONY: demo test install evaluate clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Reinstall when setup.py changes; everything comes from PyPI, nothing at run time.
$(VENV)/.installed: setup.py $(BIN)/python
	$(BIN)/pip install --quiet --disable-pip-version-check -e '.[test]'
	touch $@

install: $(VENV)/.installed

news.db: install $(wildcard data/seeds/*) $(wildcard data/lexicon/*)
	$(BIN)/media-bias load news.db data/seeds --no-progress

demo: news.db
	@echo "Open http://127.0.0.1:$(PORT)/news/-/media-bias"
	$(BIN)/datasette serve news.db --metadata metadata.yml --port $(PORT) --host 127.0.0.1

test: install
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# the development data sets beside the checkout (../shared/data); `media-bias evaluate` itself
# takes its data only by explicit paths
SHARED ?= ../shared/data
evaluate: install
	$(BIN)/media-bias evaluate --golden-rules $(SHARED)/golden_rules_en.jsonl \
	  --polnear $(SHARED)/polnear_quotes_dev.jsonl --babe $(SHARED)/babe_sentences_dev.jsonl \
	  --basil $(SHARED)/basil_sentences_dev.jsonl --ecbplus $(SHARED)/ecbplus.jsonl.gz \
	  --speakers $(SHARED)/speakers_dev.jsonl --coverage $(SHARED)/coverage_dev.jsonl \
	  --articles $(SHARED)/articles_dev.jsonl --aeb $(SHARED)/aeb \
	  --stories $(SHARED)/articles_dev.jsonl --distractors $(SHARED)/baly_articles_10k.jsonl.gz \
	  --outlet-intervals $(SHARED)/articles_dev.jsonl \
	  $(EVALUATE_ARGS)

clean:
	rm -rf $(VENV) news.db news.db-shm news.db-wal *.egg-info
