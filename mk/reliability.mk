# Reliability targets: fuzzing, hostile clients, valgrind, soak, rolling
# restart, hardening. Included by the Makefile; see docs/operations.md.
#
#   make fuzz          each libFuzzer target for FUZZ_SECONDS (60)
#   make fuzz-ci       each target for FUZZ_CI_SECONDS (20), then the regressions
#   make fuzz-regress  replay seeds and every crash kept in tests/fuzz/regress/
#   make fuzz-corpus   regenerate the seed corpora from $(SHARED)/corpus/dev
#   make hostile       hostile clients against the real binary (about 25 s)
#   make hostile-asan  the same against an ASan+UBSan server (about 60 s)
#   make valgrind      unit + HTTP tests, `analyze` on the dev articles and the
#                      hostile barrage, with the server under valgrind
#   make soak          wrk for SOAK_SECONDS (60) on /v1/enrich, RSS before/after
#   make ops           rolling restart of two instances behind haproxy (about 30 s)
#   make hardening     PIE, RELRO, BIND_NOW, stack protector, FORTIFY on build/enricher

.PHONY: fuzz fuzz-ci fuzz-regress fuzz-build fuzz-bins fuzz-corpus hostile hostile-bin hostile-asan \
	valgrind soak ops hardening

FUZZ_SECONDS ?= 60
FUZZ_CI_SECONDS ?= 20
FUZZ_TARGETS := fuzz_request fuzz_text fuzz_analyze
FUZZ_BUILD := build-fuzz

# The library objects are rebuilt by clang with coverage instrumentation and
# ASan+UBSan in build-fuzz/ (a sub-make with BUILD and SANITIZE set); only
# the fuzz binaries link libFuzzer's main.
fuzz-build: deps
	@# libFuzzer's runtime is in libclang-rt-14-dev, which clang only recommends
	@echo 'int LLVMFuzzerTestOneInput(const char *d, unsigned long n) { return 0; }' \
		| clang -x c -fsanitize=fuzzer -o /dev/null - 2>/dev/null \
		|| { apt-get update -qq && apt-get install -y -qq libclang-rt-14-dev >/dev/null; }
	@$(MAKE) --no-print-directory BUILD=$(FUZZ_BUILD) CC=clang \
		SANITIZE=fuzzer-no-link,address,undefined fuzz-bins

fuzz-bins: $(FUZZ_TARGETS:%=$(BUILD)/fuzz/%)

$(BUILD)/fuzz/%: tests/fuzz/%.c $(LIB_OBJ)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -fsanitize=fuzzer -MMD -MP -o $@ $< $(LIB_OBJ) $(LDFLAGS) $(LDLIBS)

fuzz-corpus:
	python3 tests/fuzz/make_corpus.py $(SHARED)/corpus/dev tests/fuzz/corpus

fuzz: fuzz-build
	@bash tests/fuzz/run.sh fuzz $(FUZZ_SECONDS)

fuzz-ci: fuzz-build
	@bash tests/fuzz/run.sh fuzz $(FUZZ_CI_SECONDS)
	@bash tests/fuzz/run.sh regress

fuzz-regress: fuzz-build
	@bash tests/fuzz/run.sh regress

# Hostile clients: Check tests driving the real binary over raw sockets.
HOSTILE_BIN := $(BUILD)/tests/test_hostile

$(HOSTILE_BIN): tests/hostile/test_hostile.c tests/http/harness.h
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(CHECK_CFLAGS) -MMD -MP -o $@ $< $(LDFLAGS) $(LDLIBS) $(CHECK_LIBS)

hostile-bin: $(BUILD)/enricher $(HOSTILE_BIN)

hostile: deps hostile-bin
	@ENRICHER_BIN=$(BUILD)/enricher bash tests/run_unit.sh $(HOSTILE_BIN)

# The same against a server built with ASan+UBSan (its quarantine holds freed
# memory, so the RSS bound is off); fails on any sanitizer report.
hostile-asan: deps
	@rm -f tests/out/server-*.log
	@$(MAKE) --no-print-directory BUILD=build-asan CC=clang SANITIZE=address,undefined \
		HOSTILE_RSS_SLACK_KB=1000000 hostile
	@! grep -l -E 'ERROR: (Address|Leak|UndefinedBehavior)Sanitizer|runtime error:' tests/out/server-*.log \
		|| (echo "hostile-asan: sanitizer reports in the server logs above"; exit 1)

# Valgrind: the servers the tests start run under tests/hostile/valgrind_server.sh,
# which writes one log per process to tests/out/valgrind-*.log.
VALGRIND = valgrind --quiet --leak-check=full --show-leak-kinds=definite,indirect \
	--errors-for-leak-kinds=definite,indirect --error-exitcode=99 \
	--suppressions=tests/hostile/valgrind.supp

valgrind: deps all $(UNIT_BIN) $(HTTP_BIN) $(HOSTILE_BIN)
	@command -v valgrind >/dev/null || apt-get install -y -qq valgrind >/dev/null
	@rm -f tests/out/valgrind-*.log
	@# every part runs, then the target fails if any part did; in the analyze
	@# loop exit 1 is an article the request rules refuse, 99 is valgrind's
	@st=0; \
	bash tests/hostile/valgrind_unit.sh $(UNIT_BIN) || st=1; \
	for f in $(SHARED)/corpus/dev/*.json; do \
		printf 'valgrind: analyze %s\n' "$$f"; \
		$(VALGRIND) $(BUILD)/enricher analyze "$$f" >/dev/null 2>tests/out/valgrind-analyze.err; \
		[ $$? -ne 99 ] || { cat tests/out/valgrind-analyze.err; st=1; }; done; \
	ENRICHER_BIN=tests/hostile/valgrind_server.sh ENRICHER_REAL_BIN=$(BUILD)/enricher \
		ENRICHER_UNDER_VALGRIND=1 bash tests/run_unit.sh $(HTTP_BIN) || st=1; \
	ENRICHER_BIN=tests/hostile/valgrind_server.sh ENRICHER_REAL_BIN=$(BUILD)/enricher \
		HOSTILE_UNDER_VALGRIND=1 CK_RUN_CASE=barrage bash tests/run_unit.sh $(HOSTILE_BIN) || st=1; \
	bash tests/hostile/valgrind_report.sh || st=1; \
	exit $$st

soak: deps all
	@BUILD=$(BUILD) SHARED=$(SHARED) bash scripts/soak.sh

ops: deps all
	@BUILD=$(BUILD) bash tests/ops/rolling_restart.sh

hardening: all
	@bash scripts/check_hardening.sh $(BUILD)/enricher
