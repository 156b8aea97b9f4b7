# fuzz.mk - libFuzzer harnesses for the CSV loaders (not part of make check)
#
#   make -f tests/fuzz/fuzz.mk srcdir=. [builddir=.] [FUZZ_SECONDS=60] [FUZZ_OUT=fuzz-build]
#
# Compiles model/ and inputs/ with each tests/fuzz/fuzz_*.c harness using
# clang -fsanitize=fuzzer,address,undefined (UB is fatal), replays the saved
# regressions (tests/fuzz/regressions/<harness>-<n>), then runs every harness
# for FUZZ_SECONDS seconds from its seed corpus (tests/fuzz/corpus/<harness>/,
# never written to: new units go to $(FUZZ_OUT)/corpus/<harness>/).
# A crash, leak, UB report or timeout fails the run; the input that did it is
# saved as $(FUZZ_OUT)/artifacts/<harness>-crash-..., the log is
# $(FUZZ_OUT)/<harness>.log. The last step prints the executions per harness
# and fails when any harness found something.
#
# Other targets: build (harnesses only), regress (replay regressions only),
# clean. FUZZ_FLAGS adds libFuzzer options (e.g. FUZZ_FLAGS=-jobs=2).

srcdir = .
builddir = .
FUZZ_SECONDS = 60
FUZZ_OUT = fuzz-build
FUZZ_MAX_LEN = 16384
FUZZ_TIMEOUT = 10
FUZZ_FLAGS =

CC = clang
FUZZ_CFLAGS = -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
	-fno-omit-frame-pointer -std=c11
FUZZ_CPPFLAGS = -DHAVE_CONFIG_H -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE \
	-I$(srcdir) -I$(builddir)
FUZZ_LIBS = -lcsv -lglpk -lm

HARNESSES = fuzz_items fuzz_team fuzz_gates fuzz_plan fuzz_status fuzz_jira
LIB_SRCS = $(sort $(wildcard $(srcdir)/model/*.c $(srcdir)/inputs/*.c))
LIB_OBJS = $(patsubst $(srcdir)/%.c,$(FUZZ_OUT)/obj/%.o,$(LIB_SRCS))
HEADERS = $(wildcard $(srcdir)/model/*.h $(srcdir)/inputs/*.h)
BINS = $(HARNESSES:%=$(FUZZ_OUT)/%)

all: summary

build: $(BINS)

$(FUZZ_OUT)/obj/%.o: $(srcdir)/%.c $(HEADERS)
	@mkdir -p $(@D)
	$(CC) $(FUZZ_CPPFLAGS) $(FUZZ_CFLAGS) -c -o $@ $<

$(FUZZ_OUT)/%: $(srcdir)/tests/fuzz/%.c $(srcdir)/tests/fuzz/fuzzutil.h $(LIB_OBJS) $(HEADERS)
	@mkdir -p $(@D)
	$(CC) $(FUZZ_CPPFLAGS) $(FUZZ_CFLAGS) -o $@ $< $(LIB_OBJS) $(FUZZ_LIBS)

# Replays every saved regression input of every harness; fails on the first
# that still crashes.
regress: $(BINS)
	@status=0; for h in $(HARNESSES); do \
	    set -- $(srcdir)/tests/fuzz/regressions/$$h-*; \
	    [ -e "$$1" ] || continue; \
	    if $(FUZZ_OUT)/$$h -error_exitcode=1 -timeout=$(FUZZ_TIMEOUT) "$$@" \
	        >$(FUZZ_OUT)/$$h.regress.log 2>&1; then \
	        echo "regress $$h: $$# input(s) pass"; \
	    else \
	        echo "regress $$h: FAILED (see $(FUZZ_OUT)/$$h.regress.log)"; status=1; \
	    fi; \
	done; exit $$status

# One fuzzing session per harness. The recipe always succeeds and records the
# exit code, so that every harness runs and the summary reports them all.
RUNS = $(HARNESSES:%=$(FUZZ_OUT)/%.rc)
$(RUNS): $(FUZZ_OUT)/%.rc: $(FUZZ_OUT)/% regress FORCE
	@mkdir -p $(FUZZ_OUT)/corpus/$* $(FUZZ_OUT)/artifacts
	@echo "fuzzing $* for $(FUZZ_SECONDS) s"
	@$(FUZZ_OUT)/$* -max_total_time=$(FUZZ_SECONDS) -error_exitcode=1 \
	    -timeout=$(FUZZ_TIMEOUT) -max_len=$(FUZZ_MAX_LEN) -print_final_stats=1 \
	    -artifact_prefix=$(FUZZ_OUT)/artifacts/$*- $(FUZZ_FLAGS) \
	    $(FUZZ_OUT)/corpus/$* $(srcdir)/tests/fuzz/corpus/$* \
	    >$(FUZZ_OUT)/$*.log 2>&1; echo $$? >$@

summary: $(RUNS)
	@status=0; printf '%-12s %12s  %s\n' harness execs result; \
	for h in $(HARNESSES); do \
	    rc=$$(cat $(FUZZ_OUT)/$$h.rc); \
	    n=$$(sed -n 's/^stat::number_of_executed_units: *//p' $(FUZZ_OUT)/$$h.log | tail -n 1); \
	    if [ "$$rc" = 0 ]; then r=ok; else r="FINDING (exit $$rc, see $(FUZZ_OUT)/$$h.log)"; status=1; fi; \
	    printf '%-12s %12s  %s\n' $$h "$${n:-?}" "$$r"; \
	done; \
	for f in $(FUZZ_OUT)/artifacts/*; do [ -e "$$f" ] && echo "artifact: $$f"; done; \
	exit $$status

clean:
	rm -rf $(FUZZ_OUT)

FORCE:
.PHONY: all build regress summary clean FORCE
.SECONDARY: $(LIB_OBJS) $(BINS)
