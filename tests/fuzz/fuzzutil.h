/* fuzzutil.h - shared code of the libFuzzer harnesses: temporary files, the fixed valid plan, invariant checks. */
/* Each harness defines FUZZ_NAME (items, team, gates, plan or status) and then
   includes this header once; everything in it is static. The fuzz input of
   harness NAME is written to NAME.csv in a per-process temporary directory
   (created by fuzz_setup under /dev/shm, $TMPDIR or /tmp, removed at exit),
   beside fixed valid items.csv, team.csv and gates.csv (all three, less the
   one being fuzzed). Failures print "fuzz_NAME: ..." and abort. The header
   defines LLVMFuzzerInitialize, which calls fuzz_setup and then the
   harness's own harness_init; the harness defines LLVMFuzzerTestOneInput.
   A harness that defines FUZZ_LOADER as well (items, team, gates) gets both
   from here: each input is loaded with op_inputs_load. */
#ifndef FUZZUTIL_H
#define FUZZUTIL_H

#ifndef FUZZ_NAME
#error "define FUZZ_NAME (the fuzzed file without .csv) before including fuzzutil.h"
#endif

#include <ctype.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "inputs/inputs.h"

static const char ITEMS_CSV[] =
    "id,title,category,priority,effort_hours,role,impact,quick_win,decision,depends_on,earliest_week,due_week,max_people,duration_weeks,crew\n"
    "P0-001,Insecure Cookie Management,Security,P0,4,Security,HIGH,YES,must,,,3,,,\n"
    "P0-002,Missing TLS Configuration,Security,P0,16,Security,HIGH,NO,must,P0-001,,,,,\n"
    "P0-003,Insufficient Secrets Management,Security,P0,24,Security,HIGH,NO,must,P0-001,,,2,,\n"
    "P0-004,Memory Leak in Connections,Performance,P0,12,Performance,HIGH,NO,must,,,,,,\n"
    "P0-005,Single Point of Failure (Registry),Scalability,P0,32,Backend,HIGH,NO,must,,,,,,\n"
    "P0-006,No Horizontal Scaling,Scalability,P0,40,Backend,HIGH,NO,must,P0-005,,,,,\n"
    "P0-007,No Graceful Shutdown,Reliability,P0,8,Backend,HIGH,YES,must,,,,,,\n"
    "P0-008,Missing Split-Brain Resolution,Reliability,P0,40,Backend,HIGH,NO,must,P0-005;P0-006,,,2,,\n"
    "P0-009,No SOC2 Type II Controls,Compliance,P0,24,Compliance,HIGH,NO,should,,,,,,\n"
    "P0-010,Missing GDPR Rights,Compliance,P0,20,Compliance,HIGH,NO,should,,,,,,\n"
    "P0-011,No Distributed Tracing,Observability,P0,16,Operations,HIGH,NO,must,,,,,,\n"
    "P0-012,No 100K Load Testing,Testing,P0,16,Testing,HIGH,NO,should,,,,,,\n"
    "P0-013,No Chaos Engineering,Testing,P0,20,Testing,MEDIUM,NO,should,P0-012,,12,,,\n"
    "P0-014,No Automated Backup/Restore,Operations,P0,12,Operations,HIGH,NO,must,,,,,,\n"
    "P0-015,No Deployment Automation,Operations,P0,16,Operations,HIGH,NO,must,,,,,,\n"
    "P1-001,No SAML/LDAP Auth,Security,P1,24,Security,HIGH,NO,should,,,,,,\n"
    "P1-002,No RBAC/ABAC Framework,Security,P1,32,Security,HIGH,NO,should,P1-001,,,,,\n"
    "P1-003,No API Rate Limiting,Security,P1,8,Security,HIGH,YES,,,,,,,\n"
    "P1-004,Missing Input Validation,Security,P1,16,Security,HIGH,YES,,,,,,,\n"
    "P1-005,No Connection Pooling,Performance,P1,12,Performance,MEDIUM,YES,,,,,,,\n"
    "P1-006,Suboptimal JSON Encoding,Performance,P1,4,Performance,MEDIUM,YES,,,,,,,\n"
    "P1-007,No Request Batching,Performance,P1,8,Performance,MEDIUM,YES,,,,,,,\n"
    "P1-008,No DB Connection Pooling,Scalability,P1,8,Backend,MEDIUM,YES,,,,,,,\n"
    "P1-009,No Request Queueing,Scalability,P1,12,Backend,MEDIUM,YES,,,,,,,\n"
    "P1-010,No Shard Rebalancing,Scalability,P1,16,Backend,MEDIUM,YES,,,,,,,\n"
    "P1-011,No Cache Coherency,Scalability,P1,16,Backend,MEDIUM,YES,should,,,,,,\n"
    "P1-012,Insufficient Circuit Breaker,Reliability,P1,8,Backend,MEDIUM,YES,,,,,,,\n"
    "P1-013,No Exponential Backoff,Reliability,P1,4,Backend,MEDIUM,YES,,,,,,,\n"
    "P1-014,No ISO 27001 Controls,Compliance,P1,32,Compliance,HIGH,NO,should,,10,,,,\n"
    "P1-015,No PCI DSS Controls,Compliance,P1,24,Compliance,MEDIUM,NO,nice,P0-009; P0-010,,,,,\n"
    "P1-016,No HIPAA Compliance,Compliance,P1,24,Compliance,MEDIUM,NO,nice,P1-015,,,,,\n"
    "P1-017,No Prometheus Metrics,Observability,P1,8,Operations,HIGH,YES,should,,,,,,\n"
    "P1-018,No Alerting Integration,Observability,P1,8,Operations,HIGH,YES,should,,,,,,\n"
    "P1-019,No Production Runbook,Documentation,P1,16,Documentation,MEDIUM,YES,,,,,,,\n"
    "P1-020,Incomplete API Docs,Documentation,P1,12,Documentation,MEDIUM,YES,,,13,14,,,\n"
    "P1-021,Low Integration Coverage,Testing,P1,24,Testing,HIGH,NO,,,,,,,\n"
    "P1-022,No Contract Testing,Testing,P1,12,Testing,MEDIUM,YES,,,,,,,\n"
    "P1-023,No Security Testing,Testing,P1,16,Testing,HIGH,YES,,,,,,,\n"
    "P1-024,No Performance Regression,Testing,P1,12,Testing,MEDIUM,YES,,,,,,,\n"
    "P1-025,Insufficient Error Injection,Testing,P1,16,Testing,MEDIUM,YES,,,,,,,\n"
    "P1-026,No Health Check Endpoints,Operations,P1,4,Operations,HIGH,YES,,,,,,,\n"
    "P1-027,No Config Validation,Operations,P1,8,Operations,MEDIUM,YES,,,,,,,\n"
    "P1-028,No Log Aggregation,Operations,P1,8,Operations,MEDIUM,YES,,,,,,,\n"
    "P2-001,Geographic Distribution,Scalability,P2,40,Backend,LOW,NO,nice,,,,,,\n"
    "P2-004,FedRAMP Compliance,Compliance,P2,40,Compliance,LOW,NO,nice,,,,,,\n"
    "P2-010,Failover drill,Reliability,P2,,,LOW,NO,nice,P0-008,,,,2,Backend=1;Operations=1\n"
    "P2-011,Pen test window,Security,P1,,Security,MEDIUM,NO,should,,4,9,,1,Security=1; Testing=0.5\n";

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

static char dir[512], items_path[600], team_path[600], gates_path[600], other_path[600];
static const char *input_path; /* where every fuzz input is written: FUZZ_NAME.csv */
static op_plan *plan;          /* the fixed plan, once fuzz_load_plan has loaded it */

static void die(const char *what, const char *detail)
{
    fprintf(stderr, "fuzz_" FUZZ_NAME ": %s %s\n", what, detail);
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
    op_plan_free(plan);
    plan = NULL;
    unlink(items_path);
    unlink(team_path);
    unlink(gates_path);
    if (other_path[0])
        unlink(other_path);
    rmdir(dir);
}

/* Creates the directory, names the files and writes the fixed partner files. */
static void fuzz_setup(void)
{
    struct stat sb;
    const char *base = getenv("TMPDIR");
    if (stat("/dev/shm", &sb) == 0 && S_ISDIR(sb.st_mode) && access("/dev/shm", W_OK) == 0)
        base = "/dev/shm";
    else if (!base || !base[0])
        base = "/tmp";
    snprintf(dir, sizeof dir, "%s/optplan-fuzz-" FUZZ_NAME ".%ld.XXXXXX", base, (long)getpid());
    if (!mkdtemp(dir))
        die("cannot create a directory from", dir);
    snprintf(items_path, sizeof items_path, "%s/items.csv", dir);
    snprintf(team_path, sizeof team_path, "%s/team.csv", dir);
    snprintf(gates_path, sizeof gates_path, "%s/gates.csv", dir);
    if (strcmp(FUZZ_NAME, "items") == 0)
        input_path = items_path;
    else if (strcmp(FUZZ_NAME, "team") == 0)
        input_path = team_path;
    else if (strcmp(FUZZ_NAME, "gates") == 0)
        input_path = gates_path;
    else {
        snprintf(other_path, sizeof other_path, "%s/" FUZZ_NAME ".csv", dir);
        input_path = other_path;
    }
    atexit(cleanup);
    if (input_path != items_path)
        write_file(items_path, ITEMS_CSV, sizeof ITEMS_CSV - 1);
    if (input_path != team_path)
        write_file(team_path, TEAM_CSV, sizeof TEAM_CSV - 1);
    if (input_path != gates_path)
        write_file(gates_path, GATES_CSV, sizeof GATES_CSV - 1);
}

/* Defined by the harness: its own start-up after fuzz_setup (may be empty). */
static void harness_init(void);

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    fuzz_setup();
    harness_init();
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

#ifdef FUZZ_LOADER
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

/* A loader harness (items, team, gates) is no more than its FUZZ_NAME: no
   start-up of its own, and every call rewrites its file (the one per-process
   temporary file), loads the plan with op_inputs_load beside the fixed
   partner files, checks what a loader promises (a failure is always reported
   through op_diag; a plan that loads is consistent, and an empty schedule of
   it has nothing scheduled and no hard violation) and frees everything, so
   LeakSanitizer sees every leak. */
static void harness_init(void)
{
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    write_file(input_path, data, size);
    op_input_paths in = {items_path, team_path, gates_path, NULL};
    op_diag *d = op_diag_new(OP_MAX_ERRORS);
    op_plan *p = op_plan_new();
    if (!d || !p)
        die("out of memory", "");
    /* a start date (2027-01-04), so that dates in week cells are read too */
    op_plan_set_start(p, 20822);
    op_status st = op_inputs_load(&in, p, d);
    check_diag(d, st);
    check_locations(d, input_path, data, size);
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

#else /* the harness loads the fixed plan and defines its own harness_init */

static int min_weeks; /* the weeks optplan check gives a schedule of the plan */

/* Loads the fixed plan from the partner files into plan (freed at exit) and
   sets min_weeks: its deadlines and the team's weeks. */
static void fuzz_load_plan(void)
{
    op_input_paths in = {items_path, team_path, gates_path, NULL};
    op_diag *d = op_diag_new(OP_MAX_ERRORS);
    if (!d || !(plan = op_plan_new()))
        die("out of memory", "");
    if (op_inputs_load(&in, plan, d) != OP_OK)
        die("the fixed plan does not load:", op_diag_kept(d) ? op_diag_message(d, 0) : "");
    op_diag_free(d);
    min_weeks = op_plan_max_deadline(plan);
    int last = op_plan_last_capacity_week(plan);
    if (last < OP_MAX_WEEK && last > min_weeks)
        min_weeks = last;
}

/* What op_eval promises about any schedule of the plan. */
static void check_eval(const op_plan *p, const op_schedule *s, const op_eval *e, unsigned rules)
{
    int ni = op_plan_item_count(p), nr = op_plan_role_count(p), ng = op_plan_gate_count(p);
    int weeks = op_eval_weeks(e);
    if (weeks != op_schedule_weeks(s))
        die("evaluation weeks differ from the schedule's", "");
    int scheduled = 0, last = 0, item_late = 0;
    for (int i = 0; i < ni; i++) {
        const op_item_eval *ie = op_eval_item(e, i);
        const op_item *it = op_plan_item(p, i);
        if (!isfinite(ie->hours) || ie->hours < 0)
            die("item hours negative or not finite", it->id);
        /* an item started in the history weeks starts there, wherever its hours are */
        if (ie->start_week < 0 || ie->start_week > weeks ||
            (ie->end_week < ie->start_week && !it->started) || ie->end_week > weeks ||
            (ie->start_week == 0) != (ie->end_week == 0))
            die("item weeks out of range", it->id);
        if (ie->start_week)
            scheduled++;
        if (ie->end_week > last && !it->done) /* done items get no hours */
            last = ie->end_week;
        /* a due week missed: weeks late for a done item, a violation instead when strict */
        int late = ie->done && it->due_week && ie->end_week > it->due_week && !it->done
                       ? ie->end_week - it->due_week
                       : 0;
        if (ie->late != ((rules & OP_EVAL_STRICT_DUE) ? 0 : late))
            die("item lateness inconsistent", it->id);
        item_late += ie->late;
    }
    if (scheduled != op_eval_scheduled_count(e) || last != op_eval_last_week(e))
        die("scheduled count or last week inconsistent", "");
    int lateness = 0, met = 0;
    for (int g = 0; g < ng; g++) {
        const op_gate_eval *ge = op_eval_gate(e, g);
        const op_gate *ga = op_plan_gate(p, g);
        if (ge->passed_week < 0 || ge->passed_week > weeks || ge->lateness < 0 ||
            ge->nlate_items < 0 || ge->nlate_items > 8)
            die("gate evaluation out of range", ga->id);
        for (int k = 0; k < ge->nlate_items; k++)
            if (ge->late_items[k] < 0 || ge->late_items[k] >= ni)
                die("late item out of range", ga->id);
        if (ge->passed_week && ge->lateness !=
                                   (ge->passed_week > ga->deadline_week ? ge->passed_week - ga->deadline_week : 0))
            die("gate lateness inconsistent", ga->id);
        if (!ge->passed_week &&
            ge->lateness != (weeks + 1 > ga->deadline_week ? weeks + 1 - ga->deadline_week : 0))
            die("lateness of a gate never passed inconsistent", ga->id);
        lateness += ge->lateness;
        met += ge->passed_week && !ge->lateness;
    }
    if (lateness != op_eval_gate_lateness(e) || met != op_eval_gates_met(e) ||
        item_late != op_eval_item_lateness(e) ||
        op_eval_total_lateness(e) != lateness + item_late)
        die("lateness totals inconsistent", "");
    int hard = 0;
    for (int k = 0; k < op_eval_violation_count(e); k++) {
        const op_violation *v = op_eval_violation(e, k);
        if ((int)v->kind < 0 || (int)v->kind >= OP_V_COUNT)
            die("violation kind out of range", "");
        if (v->item < -1 || v->item >= ni || v->role < -1 || v->role >= nr || v->week < 0 ||
            v->week > weeks)
            die("violation indices out of range", "");
        if ((v->kind == OP_V_DEPENDENCY || v->kind == OP_V_HANDOFF) &&
            (v->other < 0 || v->other >= ni))
            die("dependency violation without its dependency", "");
        if (v->kind == OP_V_GATE_ENTRY && (v->other < 0 || v->other >= ng))
            die("gate entry violation without its gate", "");
        hard += v->kind != OP_V_UNSCHEDULED;
    }
    if (hard != op_eval_hard_violations(e))
        die("hard violation count inconsistent", "");
    for (int r = 0; r < nr; r++)
        for (int t = 1; t <= weeks; t++)
            if (!isfinite(op_eval_load(e, r, t)) || op_eval_load(e, r, t) < 0)
                die("load negative or not finite", op_plan_role(p, r)->name);
}

/* The schedule evaluated under every set of rules (gate entry, next-week
   hand-offs, strict due weeks), each evaluation checked. */
static void check_evals(const op_plan *p, const op_schedule *s)
{
    unsigned all = OP_EVAL_GATE_ENTRY | OP_EVAL_NEXT_WEEK | OP_EVAL_STRICT_DUE;
    for (unsigned rules = 0; rules <= all; rules++) {
        op_eval *e = op_eval_new(p, s, rules);
        if (!e)
            die("out of memory", "");
        check_eval(p, s, e, rules);
        op_eval_free(e);
    }
}

#endif /* FUZZ_LOADER */

#endif /* FUZZUTIL_H */
