/* fuzz_jira.c - libFuzzer harness: the fuzz input is a Jira CSV export, read
   with op_inputs_load_jira into a fresh tracker (each run with the
   component, label or custom-field role mapping, chosen by the input's
   length, so that all three are exercised) and, when it loads, checked as a
   whole with op_tracker_check and op_tracker_check_versions, as
   `optplan import-jira --jira-gates` does before it writes anything.

   Build and run through tests/fuzz/fuzz.mk. Every call rewrites one
   per-process temporary file, loads it, checks what the loader and the
   checks promise (a failure is always reported with a line the file has; a
   tracker that passes has every link resolved, no cycle, every effort > 0)
   and frees everything, so LeakSanitizer sees every leak. */
#define FUZZ_NAME "jira"
#include "fuzzutil.h"

static void harness_init(void)
{
}

/* What a checked tracker promises: links resolved to other issues, in an
   order with no cycle (each issue's dependencies placed before it), efforts
   and hours in range. */
static void check_tracker(const op_tracker *t)
{
    int n = op_tracker_issue_count(t), placed = 0, progress = 1;
    char *done = calloc((size_t)n + 1, 1);
    if (!done)
        die("out of memory", "");
    for (int i = 0; i < n; i++) {
        const op_issue *is = op_tracker_issue(t, i);
        if (!(is->effort > 0) || is->priority < 0 || is->priority > 3 || !is->key[0])
            die("effort, priority or key out of range", is->key);
        if (op_tracker_find(t, is->key) != i)
            die("key not found at its own index", is->key);
        for (int k = 0; k < is->ndeps; k++)
            if (is->deps[k].index < 0 || is->deps[k].index >= n || is->deps[k].index == i)
                die("unresolved link", is->key);
    }
    while (placed < n && progress) { /* Kahn, slowly: inputs are small */
        progress = 0;
        for (int i = 0; i < n; i++) {
            const op_issue *is = op_tracker_issue(t, i);
            int ready = !done[i];
            for (int k = 0; ready && k < is->ndeps; k++)
                ready = done[is->deps[k].index];
            if (ready) {
                done[i] = 1;
                placed++;
                progress = 1;
            }
        }
    }
    free(done);
    if (placed < n)
        die("a dependency cycle passed the check", "");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    write_file(input_path, data, size);
    op_jira_opts o;
    op_jira_opts_init(&o);
    o.role_from = (op_jira_role)(size % 3);
    o.role_arg = o.role_from == OP_JIRA_ROLE_LABEL ? "role:" : "Custom field (Team)";
    o.default_effort = size % 2 ? 4 : 0;
    op_diag *d = op_diag_new(OP_MAX_ERRORS), *warn = op_diag_new(OP_MAX_ERRORS);
    op_tracker *t = op_tracker_new();
    if (!d || !warn || !t)
        die("out of memory", "");
    op_status st = op_inputs_load_jira(input_path, &o, t, d);
    if (st == OP_OK)
        st = op_tracker_check(t, size % 5 == 0, d, warn);
    if (st == OP_OK) {
        for (int v = 0; v < op_tracker_version_count(t); v++)
            op_tracker_set_version_date(t, op_tracker_version(t, v, NULL), 20822 + v);
        st = op_tracker_check_versions(t, d);
    }
    check_diag(d, st);
    check_locations(d, input_path, data, size);
    check_locations(warn, input_path, data, size);
    if (st == OP_OK)
        check_tracker(t);
    op_tracker_free(t);
    op_diag_free(warn);
    op_diag_free(d);
    return 0;
}
