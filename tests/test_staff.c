/* test_staff.c - the cheapest team on random plans: adding a constraint never makes it cheaper */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/model.h"
#include "solver/solver.h"
#include "tests/testutil.h"

static op_rng rng_state;

static int rnd(int n) { return (int)((op_rng_next(&rng_state) >> 22) % (unsigned long)n); }

/* A small random plan (written to f as it is built): 1-2 roles with a
   current team, 2-5 effort items, dependencies, 1-2 gates. */
static op_plan *random_plan(FILE *f)
{
    op_plan *p = op_plan_new();
    CU_ASSERT_FATAL(p != NULL);
    int nr = 1 + rnd(2), ni = 2 + rnd(4), ng = 1 + rnd(2);
    char name[32], role[32];
    for (int r = 0; r < nr; r++) {
        snprintf(role, sizeof role, "R%d", r);
        /* teams kept that change week by week, start late or end early */
        int head = 1 + rnd(2), from = 1 + rnd(2), to = rnd(2) ? 0 : from + 1 + rnd(3);
        add_team(p, role, head, 40, from, to);
        fprintf(f, "    team %s %d people weeks %d..%d\n", role, head, from, to);
        if (to && rnd(2)) {
            add_team(p, role, 3 - head, 40, to + 1, to + 1 + rnd(3));
            fprintf(f, "    team %s %d more people from week %d\n", role, 3 - head, to + 1);
        }
    }
    for (int i = 0; i < ni; i++) {
        snprintf(name, sizeof name, "I%d", i);
        snprintf(role, sizeof role, "R%d", rnd(nr));
        int effort = 8 * (1 + rnd(12)), earliest = rnd(4) ? 0 : 1 + rnd(3);
        int k = tu_add_item(p, name, role, effort, 1 + rnd(2), earliest, 0, rnd(3),
                            OP_IMPACT_NONE);
        fprintf(f, "    item %s %s %d h earliest %d after", name, role, effort, earliest);
        for (int j = 0; j < i; j++)
            if (rnd(4) == 0) {
                snprintf(name, sizeof name, "I%d", j);
                add_dep(p, k, name);
                fprintf(f, " %s", name);
            }
        fprintf(f, "\n");
    }
    for (int g = 0; g < ng; g++) {
        char items[64] = "";
        for (int i = 0; i < ni; i++)
            if (rnd(2) == 0 || (i == ni - 1 && !items[0])) {
                snprintf(name, sizeof name, "I%d ", i);
                strcat(items, name);
            }
        snprintf(name, sizeof name, "G%d", g);
        int deadline = 2 + rnd(5);
        add_gate(p, name, deadline, items, "");
        fprintf(f, "    gate %s deadline %d items %s\n", name, deadline, items);
    }
    validate_ok(p);
    return p;
}

/* The cheapest cost with options so: INFINITY when no team can do it, NAN
   when the answer is not proven (then nothing is compared). */
static double cheapest(const op_plan *p, const op_staff_opts *so)
{
    op_solver_opts o;
    op_solver_opts_init(&o);
    o.time_limit = 20;
    op_diag *d = op_diag_new(OP_MAX_ERRORS);
    CU_ASSERT_FATAL(d != NULL);
    op_staff_result *res = NULL;
    op_status st = op_staff(p, &o, so, &res, d);
    CU_ASSERT_EQUAL(st, OP_OK);
    op_diag_free(d);
    double c = NAN;
    if (st == OP_OK && res->status == OP_SOLVE_OPTIMAL)
        c = res->cost;
    else if (st == OP_OK && res->status == OP_SOLVE_INFEASIBLE)
        c = INFINITY;
    op_staff_result_free(res);
    return c;
}

/* 1 when a <= b can be judged and fails. */
static int broken(double a, double b) { return !isnan(a) && !isnan(b) && a > b + 1e-6; }

/* One plan; returns the number of broken rules, printing the plan. */
static int one_plan(int seq, int *judged)
{
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    CU_ASSERT_FATAL(f != NULL);
    op_plan *p = random_plan(f);
    fclose(f);
    op_staff_opts base, by, mw1, cons;
    op_staff_opts_init(&base);
    base.keep_team = rnd(4) == 0;
    by = mw1 = cons = base;
    by.finish_by = 1 + rnd(op_plan_max_deadline(p));
    mw1.min_weeks = 1;
    cons.model = OP_STAFF_CONSTANT;
    double c0 = cheapest(p, &base), cb = cheapest(p, &by), c1 = cheapest(p, &mw1);
    double cc = cheapest(p, &cons);
    /* --finish-by N (N <= the last deadline) adds a constraint; --min-weeks 1
       drops one; a constant team is a block team (of all the weeks) */
    int bad = broken(c0, cb) + broken(c1, c0) + broken(c0, cc);
    *judged += !isnan(c0) && !isnan(cb) && !isnan(c1) && !isnan(cc);
    if (bad)
        fprintf(stderr, "\n  plan %d (keep_team %d): cost %g, --finish-by %d %g, --min-weeks 1 "
                        "%g, constant %g\n%s",
                seq, base.keep_team, c0, by.finish_by, cb, c1, cc, text);
    op_plan_free(p);
    free(text);
    return bad;
}

static void test_staff_monotone(void)
{
    const char *env = getenv("TEST_STAFF_PLANS");
    int n = env && atoi(env) > 0 ? atoi(env) : getenv("OPTPLAN_WRAPPER") ? 20 : 150;
    int bad = 0, judged = 0;
    rng_state.state = 1130UL;
    for (int k = 0; k < n; k++)
        bad += one_plan(k, &judged);
    CU_ASSERT_EQUAL(bad, 0);
    CU_ASSERT(judged >= n * 9 / 10); /* proven answers, or the test means nothing */
    if (getenv("TEST_SOLVER_STATS"))
        fprintf(stderr, "\n  %d plans, %d with every answer proven\n", n, judged);
}

int main(void)
{
    static const tu_test tests[] = {
        {"cheapest team: --finish-by never cheaper, --min-weeks 1 never dearer, constant "
         "never cheaper than block",
         test_staff_monotone},
        {NULL, NULL},
    };
    return tu_run("staff", NULL, NULL, tests);
}
