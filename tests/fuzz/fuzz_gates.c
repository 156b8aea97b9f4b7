/* fuzz_gates.c - libFuzzer harness: the fuzz input is gates.csv, loaded with
   op_inputs_load beside a fixed valid items.csv and team.csv. Build and run it
   through tests/fuzz/fuzz.mk; the harness itself is in fuzzutil.h (FUZZ_LOADER). */
#define FUZZ_NAME "gates"
#define FUZZ_LOADER
#include "fuzzutil.h"
