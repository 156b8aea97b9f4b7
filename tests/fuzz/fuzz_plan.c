/* fuzz_plan.c - libFuzzer harness: the fuzz input is a schedule in plan.csv
   form (id, week, hours), read with op_inputs_load_schedule for a fixed valid
   plan (loaded once at start-up) and then evaluated with op_eval_new, as
   `optplan check --plan FILE` does.

   Build and run through tests/fuzz/fuzz.mk. Every call rewrites one
   per-process temporary file (created at start-up under /dev/shm, $TMPDIR or
   /tmp, removed at exit), loads it twice (unknown ids errors, and skipped as
   for --previous), checks what the loader and the evaluator promise and frees
   everything, so LeakSanitizer sees every leak.
   The shared code (files, fixed inputs, checks) is in fuzzutil.h. */
#define FUZZ_NAME "plan"
#include "fuzzutil.h"

static void harness_init(void)
{
    fuzz_load_plan();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    write_file(input_path, data, size);
    for (int skip_unknown = 0; skip_unknown <= 1; skip_unknown++) {
        op_diag *d = op_diag_new(OP_MAX_ERRORS);
        if (!d)
            die("out of memory", "");
        static char sentinel;
        op_schedule *s = (op_schedule *)(void *)&sentinel; /* the loader must set it */
        op_status st = op_inputs_load_schedule(input_path, plan, min_weeks, skip_unknown, &s, d);
        check_diag(d, st);
        check_locations(d, input_path, data, size);
        if ((st == OP_OK) != (s != NULL))
            die("schedule returned does not match the status", "");
        if (s) {
            if (op_schedule_items(s) != op_plan_item_count(plan) || op_schedule_weeks(s) < min_weeks ||
                op_schedule_weeks(s) > OP_MAX_WEEK)
                die("schedule dimensions out of range", "");
            check_evals(plan, s);
            op_schedule_free(s);
        }
        op_diag_free(d);
    }
    return 0;
}
