/* testutil.h - small helpers shared by the CUnit test programs */
#ifndef OPTPLAN_TESTUTIL_H
#define OPTPLAN_TESTUTIL_H

#include <CUnit/Basic.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define TU_PATH_MAX 4096

/* Makes a fresh directory under /tmp; returns its path (static storage) or
   NULL. One directory per test program. */
static inline const char *tu_mkdtemp(void)
{
    static char dir[] = "/tmp/optplan-test.XXXXXX";
    return mkdtemp(dir);
}

/* Removes dir and the plain files in it (the helpers create no subdirectory). */
static inline void tu_rmdir(const char *dir)
{
    if (!dir)
        return;
    DIR *dp = opendir(dir);
    if (dp) {
        struct dirent *e;
        char path[TU_PATH_MAX];
        while ((e = readdir(dp)) != NULL) {
            if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
                continue;
            snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
            unlink(path);
        }
        closedir(dp);
    }
    rmdir(dir);
}

/* Joins dir and name into out (size n). */
static inline const char *tu_join(char *out, size_t n, const char *dir, const char *name)
{
    snprintf(out, n, "%s/%s", dir, name);
    return out;
}

/* Writes content (exact bytes, no newline added) to dir/name and stores the
   path in out. Returns out, or NULL when the file cannot be written. */
static inline const char *tu_write_file(char *out, size_t n, const char *dir, const char *name,
                                        const char *content)
{
    tu_join(out, n, dir, name);
    FILE *f = fopen(out, "wb");
    if (!f)
        return NULL;
    size_t len = strlen(content);
    int ok = fwrite(content, 1, len, f) == len;
    ok &= fclose(f) == 0;
    return ok ? out : NULL;
}

/* Registers tests[0..] (NULL-terminated names) in one suite, runs them and
   returns the process exit status: 0 when every assertion passed. */
typedef struct tu_test {
    const char *name;
    void (*fn)(void);
} tu_test;

static inline int tu_run(const char *suite_name, int (*init)(void), int (*cleanup)(void),
                         const tu_test *tests)
{
    if (CU_initialize_registry() != CUE_SUCCESS)
        return 99;
    CU_pSuite s = CU_add_suite(suite_name, init, cleanup);
    if (!s) {
        CU_cleanup_registry();
        return 99;
    }
    for (const tu_test *t = tests; t->name; t++)
        if (!CU_add_test(s, t->name, t->fn)) {
            CU_cleanup_registry();
            return 99;
        }
    CU_basic_set_mode(CU_BRM_VERBOSE);
    CU_basic_run_tests();
    unsigned failures = CU_get_number_of_failures();
    unsigned failed_suites = CU_get_number_of_suites_failed();
    CU_cleanup_registry();
    return failures != 0 || failed_suites != 0;
}


/* ---- hand-built plans (test_model, test_solver) ---------------------- */
#ifdef OPTPLAN_MODEL_H

static inline op_loc hand_loc(unsigned line, unsigned col)
{
    op_loc l = {"hand.csv", line, col};
    return l;
}

/* An item of role role with the defaults a row of items.csv gets: P1, one
   person, no impact, quick_win not given; the caller sets the rest. */
static inline void tu_item_init(op_plan *p, op_item *it, const char *id, const char *role)
{
    memset(it, 0, sizeof *it);
    it->id = op_plan_intern(p, id);
    it->title = op_plan_intern(p, "");
    it->category = op_plan_intern(p, "");
    it->priority = 1;
    it->effort = 1;
    it->role.name = op_plan_intern(p, role);
    it->role.index = -1;
    it->role.loc = hand_loc(2, 6);
    it->quick_win = -1;
    it->max_people = 1;
    it->loc = hand_loc(2, 1);
}

/* Adds an item with the fields tests vary (earliest/due 0 = not given);
   returns its index, failing the test when it cannot. */
static inline int tu_add_item(op_plan *p, const char *id, const char *role, double effort,
                              int max_people, int earliest, int due, int priority,
                              op_impact impact)
{
    op_item it;
    tu_item_init(p, &it, id, role);
    it.priority = priority;
    it.effort = effort;
    it.impact = impact;
    it.max_people = max_people;
    it.earliest_week = earliest;
    it.due_week = due;
    int i = op_plan_add_item(p, &it, NULL);
    CU_ASSERT_FATAL(i >= 0);
    return i;
}

static inline void add_team(op_plan *p, const char *role, double headcount, double hours, int from, int to)
{
    op_team_row row;
    memset(&row, 0, sizeof row);
    row.role.name = op_plan_intern(p, role);
    row.role.index = -1;
    row.role.loc = hand_loc(1, 1);
    row.headcount = headcount;
    row.hours_per_week = hours;
    row.from_week = from;
    row.to_week = to;
    row.cost_per_hour = -1;
    row.loc = hand_loc(1, 1);
    CU_ASSERT_FATAL(op_plan_add_team_row(p, &row, NULL) >= 0);
}

static inline void add_dep(op_plan *p, int item, const char *dep)
{
    op_ref r = {op_plan_intern(p, dep), -1, {"hand.csv", 2, 10}};
    CU_ASSERT_FATAL(op_plan_item_add_dep(p, item, &r) == 0);
}

/* items and requires: space-separated names */
static inline int add_gate(op_plan *p, const char *id, int deadline, const char *items, const char *requires)
{
    op_gate g;
    memset(&g, 0, sizeof g);
    g.id = op_plan_intern(p, id);
    g.name = op_plan_intern(p, id);
    g.deadline_week = deadline;
    g.loc = hand_loc(3, 1);
    int k = op_plan_add_gate(p, &g, NULL);
    CU_ASSERT_FATAL(k >= 0);
    /* items and requires: space-separated names */
    char buf[256];
    for (int pass = 0; pass < 2; pass++) {
        snprintf(buf, sizeof buf, "%s", pass ? requires : items);
        for (char *tok = strtok(buf, " "); tok; tok = strtok(NULL, " ")) {
            op_ref r = {op_plan_intern(p, tok), -1, {"hand.csv", 3, pass ? 4u : 5u}};
            CU_ASSERT_FATAL((pass ? op_plan_gate_add_require(p, k, &r)
                                  : op_plan_gate_add_item(p, k, &r)) == 0);
        }
    }
    return k;
}

/* A random whole number 0..n-1 from r (the random-plan tests' draws). */
static inline int tu_rnd(op_rng *r, int n)
{
    return (int)((op_rng_next(r) >> 22) % (unsigned long)n);
}

/* Random-plan pieces: item k (named I<i>) depends on each earlier item
   I0..I<i-1> with chance 1/4. */
static inline void tu_random_deps(op_plan *p, op_rng *r, int k, int i)
{
    char name[32];
    for (int j = 0; j < i; j++)
        if (tu_rnd(r, 4) == 0) {
            snprintf(name, sizeof name, "I%d", j);
            add_dep(p, k, name);
        }
}

/* ng gates G<g> over items I0..I<ni-1> (each with chance 1/3, the last
   when none), half of them requiring the gate before, deadlines 1..maxdl. */
static inline void tu_random_gates(op_plan *p, op_rng *r, int ni, int ng, int maxdl)
{
    char name[32];
    for (int g = 0; g < ng; g++) {
        char items[128] = "", req[16] = "";
        for (int i = 0; i < ni; i++)
            if (tu_rnd(r, 3) == 0 || (i == ni - 1 && !items[0])) {
                snprintf(name, sizeof name, "I%d ", i);
                strcat(items, name);
            }
        if (g > 0 && tu_rnd(r, 2))
            snprintf(req, sizeof req, "G%d", g - 1);
        snprintf(name, sizeof name, "G%d", g);
        add_gate(p, name, 1 + tu_rnd(r, maxdl), items, req);
    }
}

static inline void validate_ok(op_plan *p)
{
    op_diag *d = op_diag_new(OP_MAX_ERRORS);
    CU_ASSERT_FATAL(d != NULL);
    op_status st = op_plan_validate(p, d);
    for (int i = 0; i < op_diag_kept(d); i++)
        fprintf(stderr, "\n  unexpected: %s", op_diag_message(d, i));
    CU_ASSERT_EQUAL_FATAL(st, OP_OK);
    op_diag_free(d);
}

#endif

#endif
