# Targets: release, test, grade, catalogue, bench, clean-venv (see README.md)
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
# The venv is rebuilt whenever requirements.txt is newer than this stamp.
STAMP := $(VENV)/.installed-requirements

.PHONY: release test grade catalogue bench venv clean-venv

venv: $(STAMP)

$(STAMP): requirements.txt
	@if [ -d $(VENV) ] && [ -f $(STAMP) ]; then echo "requirements.txt changed: rebuilding $(VENV)"; rm -rf $(VENV); fi
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	cp requirements.txt $(STAMP)

release: $(STAMP)
	$(PY) -m course.release

test: $(STAMP)
	$(PY) -m pytest course_tests --durations=8

# make grade [WORKERS=N] [SHARD=i/K] [CELL_TIMEOUT=seconds]  (see docs/grading.md)
grade: $(STAMP)
	$(PY) -m course.grade_course $(if $(WORKERS),--workers $(WORKERS)) $(if $(SHARD),--shard $(SHARD)) \
		$(if $(CELL_TIMEOUT),--cell-timeout $(CELL_TIMEOUT))

catalogue: $(STAMP)
	$(PY) -m course.catalogue_report

bench: $(STAMP)
	$(PY) -m benchmarks

clean-venv:
	rm -rf $(VENV)
