/* fuzz_items.c - libFuzzer harness: the fuzz input is items.csv, loaded with
   op_inputs_load beside a fixed valid team.csv and gates.csv. Build and run it
   through tests/fuzz/fuzz.mk; the harness itself is in fuzzutil.h (FUZZ_LOADER). */
#define FUZZ_NAME "items"
#define FUZZ_LOADER
#include "fuzzutil.h"
