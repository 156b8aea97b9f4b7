/* fuzz_items.c - libFuzzer harness: the fuzz input is items.csv, loaded with
   op_inputs_load beside a fixed valid team.csv and gates.csv.

   Build and run through tests/fuzz/fuzz.mk. Every call rewrites one
   per-process temporary file (created at start-up under /dev/shm, $TMPDIR or
   /tmp, removed at exit), loads the plan, checks what a loader promises
   (a failure is always reported through op_diag; a plan that loads is
   consistent) and frees everything, so LeakSanitizer sees every leak. */
#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "inputs/inputs.h"

static const char TEAM_CSV[] =
    "role,headcount,hours_per_week,from_week,to_week,cost_per_hour\n"
    "Security,2,40,1,1,120\n"
    "Security,1,40,4,4,120\n"
    "Security,1,40,9,9,\n"
    "Backend,1,40,2,2,\n"
    "Backend,1,40,4,8,95.5\n"
    "Performance,1,40,2,2,\n"
    "Performance,1,40,4,4,\n"
    "Operations,1,40,2,2,\n"
    "Operations,2,40,3,3,\n"
    "Compliance,1,40,11,14,\n"
    "Testing,1,40,1,1,\n"
    "Testing,2,40,10,10,\n"
    "Testing,0.5,20,11,,\n"
    "Documentation,1,40,13,14,\n";

static const char GATES_CSV[] =
    "gate,name,deadline_week,requires,items\n"
    "M1,Foundation,3,,P0-001;P0-002;P0-003;P0-011;P0-015;P1-026;P1-019\n"
    "M2,High Availability,8,M1,P0-005;P0-006;P0-008;P0-012;P0-013\n"
    "M3,Compliance,12,M2,P0-009;P0-010;P1-001;P1-002\n"
    "M4,Production,14,M3,P1-015;P1-016;P1-020\n";

static char dir[512], items_path[600], team_path[600], gates_path[600];

static void die(const char *what, const char *path)
{
    fprintf(stderr, "fuzz_items: %s %s\n", what, path);
    abort();
}

static void write_file(const char *path, const void *data, size_t n)
{
    FILE *f = fopen(path, "wb");
    if (!f)
        die("cannot create", path);
    if ((n && fwrite(data, 1, n, f) != n) | (fclose(f) != 0))
        die("cannot write", path);
}

static void cleanup(void)
{
    unlink(items_path);
    unlink(team_path);
    unlink(gates_path);
    rmdir(dir);
}

static void setup(void)
{
    struct stat sb;
    const char *base = getenv("TMPDIR");
    if (stat("/dev/shm", &sb) == 0 && S_ISDIR(sb.st_mode) && access("/dev/shm", W_OK) == 0)
        base = "/dev/shm";
    else if (!base || !base[0])
        base = "/tmp";
    snprintf(dir, sizeof dir, "%s/optplan-fuzz-items.%ld.XXXXXX", base, (long)getpid());
    if (!mkdtemp(dir))
        die("cannot create a directory from", dir);
    snprintf(items_path, sizeof items_path, "%s/items.csv", dir);
    snprintf(team_path, sizeof team_path, "%s/team.csv", dir);
    snprintf(gates_path, sizeof gates_path, "%s/gates.csv", dir);
    write_file(team_path, TEAM_CSV, sizeof TEAM_CSV - 1);
    write_file(gates_path, GATES_CSV, sizeof GATES_CSV - 1);
    atexit(cleanup);
}

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    setup();
    return 0;
}

/* Every message is a readable string; a failure always says why. */
static void check_diag(const op_diag *d, op_status st)
{
    int kept = op_diag_kept(d);
    if (kept > op_diag_count(d) || kept > OP_MAX_ERRORS)
        die("diagnostics count is inconsistent", "");
    for (int i = 0; i < kept; i++)
        if (!op_diag_message(d, i) || !op_diag_message(d, i)[0])
            die("empty diagnostic message", "");
    if (st != OP_OK && st != OP_ENOMEM && op_diag_count(d) == 0)
        die("loader failed without a diagnostic", "");
    if (st == OP_OK && op_diag_count(d) != 0)
        die("loader succeeded with diagnostics", op_diag_message(d, 0));
}

/* FILE:LINE:FIELD messages about the fuzzed file name a line it has (the
   line after the last one at most: "no data rows after the header"). */
static void check_locations(const op_diag *d, const char *path, const uint8_t *data, size_t size)
{
    unsigned long lines = 1;
    for (size_t i = 0; i < size; i++)
        if (data[i] == '\n' || (data[i] == '\r' && (i + 1 == size || data[i + 1] != '\n')))
            lines++;
    size_t n = strlen(path);
    for (int i = 0; i < op_diag_kept(d); i++) {
        const char *m = op_diag_message(d, i);
        if (strncmp(m, path, n) != 0 || m[n] != ':' || !isdigit((unsigned char)m[n + 1]))
            continue;
        unsigned long line = strtoul(m + n + 1, NULL, 10);
        if (line < 1 || line > lines + 1)
            die("diagnostic names a line the file does not have:", m);
    }
}

/* A plan op_plan_validate accepted: every reference resolved, orders complete. */
static void check_plan(const op_plan *p)
{
    int ni = op_plan_item_count(p), nr = op_plan_role_count(p), ng = op_plan_gate_count(p);
    if (ni < 1 || nr < 1)
        die("validated plan without items or roles", "");
    const int *topo = op_plan_topo_order(p);
    char *pos = calloc((size_t)ni + 1, sizeof *pos);
    if (!topo || !pos)
        die("no topological order", "");
    for (int k = 0; k < ni; k++) {
        const op_item *it = op_plan_item(p, topo[k]);
        if (topo[k] < 0 || topo[k] >= ni || pos[topo[k]])
            die("topological order is not a permutation", "");
        for (int m = 0; m < it->ndeps; m++)
            if (it->deps[m].index < 0 || it->deps[m].index >= ni || !pos[it->deps[m].index])
                die("dependency after its dependent in the order", it->id);
        pos[topo[k]] = 1;
        if (it->role.index < 0 || it->role.index >= nr)
            die("unresolved role", it->id);
        if (!(it->effort > 0) || it->max_people < 1)
            die("effort or max_people out of range", it->id);
        if ((it->duration > 0) != (it->ncrew > 0) || it->duration < 0 || it->duration > OP_MAX_WEEK)
            die("fixed duration without a crew, or a crew without one", it->id);
        for (int m = 0; m < it->ncrew; m++)
            if (it->crew[m].role.index < 0 || it->crew[m].role.index >= nr || !(it->crew[m].count > 0))
                die("crew role unresolved or crew count not positive", it->id);
    }
    free(pos);
    const int *gorder = op_plan_gate_order(p);
    if (ng && !gorder)
        die("no gate order", "");
    for (int g = 0; g < ng; g++) {
        const op_gate *ga = op_plan_gate(p, g);
        for (int m = 0; m < ga->nitems; m++)
            if (ga->items[m].index < 0 || ga->items[m].index >= ni)
                die("unresolved gate item", ga->id);
        for (int m = 0; m < ga->nrequires; m++)
            if (ga->requires[m].index < 0 || ga->requires[m].index >= ng)
                die("unresolved gate requirement", ga->id);
    }
    for (int r = 0; r < nr; r++)
        for (int t = 1; t <= OP_MAX_WEEK; t++)
            if (op_plan_capacity(p, r, t) < 0)
                die("negative capacity", op_plan_role(p, r)->name);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    write_file(items_path, data, size);
    op_input_paths in = {items_path, team_path, gates_path};
    op_diag *d = op_diag_new(OP_MAX_ERRORS);
    op_plan *p = op_plan_new();
    if (!d || !p)
        die("out of memory", "");
    op_status st = op_inputs_load(&in, p, d);
    check_diag(d, st);
    check_locations(d, items_path, data, size);
    if (st == OP_OK) {
        check_plan(p);
        /* an empty schedule evaluated: every item unscheduled, every gate missed */
        int weeks = op_plan_max_deadline(p) > 0 ? op_plan_max_deadline(p) : 1;
        op_schedule *s = op_schedule_new(op_plan_item_count(p), weeks);
        op_eval *e = s ? op_eval_new(p, s, 1) : NULL;
        if (!e)
            die("out of memory", "");
        if (op_eval_scheduled_count(e) != 0 || op_eval_hard_violations(e) != 0)
            die("an empty schedule has scheduled items or hard violations", "");
        op_eval_free(e);
        op_schedule_free(s);
    }
    op_plan_free(p);
    op_diag_free(d);
    return 0;
}
