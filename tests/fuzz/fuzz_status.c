/* fuzz_status.c - libFuzzer harness: the fuzz input is status.csv, read with
   op_inputs_load_status into a fixed valid plan (loaded once at start-up,
   planning from week FIRST_WEEK, its progress reset before every input); a
   status that loads is then used to evaluate the fixed baseline schedule, as
   `optplan check --week N --status FILE` does.

   Build and run through tests/fuzz/fuzz.mk. Every call rewrites one
   per-process temporary file (created at start-up under /dev/shm, $TMPDIR or
   /tmp, removed at exit), loads it, checks what the loader and the evaluator
   promise and frees everything, so LeakSanitizer sees every leak.
   The shared code (files, fixed inputs, checks) is in fuzzutil.h. */
#define FUZZ_NAME "status"
#include "fuzzutil.h"

static const char BASELINE_CSV[] =
    "id,week,hours\n"
    "P0-001,1,4\n"
    "P1-004,1,16\n"
    "P1-003,1,8\n"
    "P0-003,1,12\n"
    "P0-003,1,12\n"
    "P1-023,1,16\n"
    "P0-004,2,12\n"
    "P0-007,2,8\n"
    "P0-014,2,12\n"
    "P1-012,2,8\n"
    "P1-013,2,4\n"
    "P1-006,2,4\n"
    "P0-015,3,16\n"
    "P0-011,3,16\n"
    "P1-017,3,8\n"
    "P1-018,3,8\n"
    "P1-026,3,4\n"
    "P1-027,3,8\n"
    "P1-028,3,8\n"
    "P0-002,4,16\n"
    "P1-005,4,12\n"
    "P1-008,4,8\n"
    "P0-005,5,32\n"
    "P1-011,6,16\n"
    "P0-006,7,40\n"
    "P0-008,8,40\n"
    "P1-001,9,24\n"
    "P1-002,9,32\n"
    "P0-012,10,16\n"
    "P0-013,10,20\n"
    "P1-021,10,24\n"
    "P1-022,10,12\n"
    "P0-009,11,24\n"
    "P0-010,11,20\n"
    "P1-014,12,32\n"
    "P1-015,13,24\n"
    "P1-016,13,24\n"
    "P1-019,14,16\n"
    "P1-020,14,12\n";

static op_schedule *baseline;

#define FIRST_WEEK 5

static void free_baseline(void)
{
    op_schedule_free(baseline);
    baseline = NULL;
}

/* The fixed plan and the baseline schedule of it (read from status.csv before
   any input overwrites it); the plan then plans from week FIRST_WEEK. */
static void harness_init(void)
{
    fuzz_load_plan();
    atexit(free_baseline); /* at exit before the plan and the files go */
    write_file(input_path, BASELINE_CSV, sizeof BASELINE_CSV - 1);
    op_diag *d = op_diag_new(OP_MAX_ERRORS);
    if (!d)
        die("out of memory", "");
    if (op_inputs_load_schedule(input_path, plan, min_weeks, 0, &baseline, d) != OP_OK)
        die("the fixed baseline does not load:", op_diag_kept(d) ? op_diag_message(d, 0) : "");
    op_diag_free(d);
    op_plan_set_first_week(plan, FIRST_WEEK);
}

/* What a status that loads promises: consistent progress, history done first. */
static void check_progress(const op_plan *p)
{
    for (int i = 0; i < op_plan_item_count(p); i++) {
        const op_item *it = op_plan_item(p, i);
        if (it->done && (it->started || it->remaining != 0))
            die("done item with hours left or started", it->id);
        if (!it->done && (!isfinite(it->remaining) || it->remaining < 0 ||
                          (it->started && !(it->remaining > 0))))
            die("remaining hours out of range", it->id);
        if (it->done || it->started)
            for (int k = 0; k < it->ndeps; k++)
                if (!op_plan_item(p, it->deps[k].index)->done)
                    die("started or done before its dependency", it->id);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    write_file(input_path, data, size);
    for (int i = 0; i < op_plan_item_count(plan); i++)
        op_plan_set_progress(plan, i, 0, 0, op_plan_item(plan, i)->effort);
    op_diag *d = op_diag_new(OP_MAX_ERRORS);
    if (!d)
        die("out of memory", "");
    op_status st = op_inputs_load_status(input_path, plan, d);
    check_diag(d, st);
    check_locations(d, input_path, data, size);
    if (st == OP_OK) {
        check_progress(plan);
        check_evals(plan, baseline);
    }
    op_diag_free(d);
    return 0;
}
