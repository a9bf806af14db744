# Two commands: `make run` and `make test`. Everything else here serves them.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
# What WeasyPrint and the documents' fonts need, and gettext for translations.
SYSTEM_PACKAGES := fonts-liberation2 libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 shared-mime-info gettext
# Debian's own Python needs python3-venv to make a virtualenv.
SYSTEM_PACKAGES += $(shell $(PYTHON) -c "import ensurepip" 2>/dev/null || echo python3-venv)
# What the browser tests need besides.
TEST_PACKAGES := chromium

.PHONY: run test system-deps test-system-deps venv prepare clean bench

define apt_install
	@missing=""; for p in $(1); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "Cài các gói Debian còn thiếu:$$missing"; \
	  SUDO=""; [ "$$(id -u)" -ne 0 ] && SUDO=sudo; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing; \
	fi
endef

system-deps:
	$(call apt_install,$(SYSTEM_PACKAGES))

test-system-deps: system-deps
	$(call apt_install,$(TEST_PACKAGES))

$(VENV)/.installed: requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -r requirements.txt
	touch $@

venv: $(VENV)/.installed

prepare: system-deps venv
	$(PY) manage.py migrate --noinput
	$(PY) manage.py collectstatic --noinput -v 0

run: prepare
	$(PY) manage.py load_demo
	$(PY) manage.py runserver --noreload 127.0.0.1:8000

test: test-system-deps venv
	$(PY) -m pytest

clean:
	rm -rf $(VENV) var staticfiles

bench: venv
	$(PY) bench/bench_pages.py
	$(PY) bench/bench_awards.py
