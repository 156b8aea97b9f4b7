/* test_rcpsp.c - fixed-duration plans: heuristic, propagation and solve against exhaustive search */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../model/model.h"
#include "../solver/internal.h"
#include "testutil.h"

/* A random instance small enough to enumerate every schedule. */
enum { MAXJ = 7, MAXR = 2 };
typedef struct rinst {
    int n, nr;
    int cap[MAXR];         /* people of each role before week sw */
    int late[MAXR];        /* from week sw on */
    int sw;
    int dur[MAXJ], rel[MAXJ];
    int crew[MAXJ][MAXR];
    int dep[MAXJ][MAXJ];   /* dep[j][i]: j needs i done (i < j) */
} rinst;

static op_rng rng;
static int rnd(int n)
{
    return (int)((op_rng_next(&rng) >> 22) % (unsigned long)n);
}

static void gen(rinst *in)
{
    memset(in, 0, sizeof *in);
    in->n = 3 + rnd(MAXJ - 2);
    in->nr = 1 + rnd(MAXR);
    in->sw = rnd(2) ? 2 + rnd(4) : 1;
    for (int r = 0; r < in->nr; r++) {
        in->late[r] = 1 + rnd(4);
        in->cap[r] = in->sw > 1 ? 1 + rnd(4) : in->late[r];
    }
    for (int j = 0; j < in->n; j++) {
        in->dur[j] = 1 + rnd(3);
        in->rel[j] = rnd(4) == 0 ? 1 + rnd(3) : 1;
        int any = 0;
        for (int r = 0; r < in->nr; r++)
            if (rnd(3)) {
                in->crew[j][r] = 1 + rnd(in->late[r]);
                any = 1;
            }
        if (!any)
            in->crew[j][0] = 1 + rnd(in->late[0]);
        for (int i = 0; i < j; i++)
            in->dep[j][i] = rnd(4) == 0;
    }
}

static op_plan *build(const rinst *in)
{
    op_plan *p = op_plan_new();
    CU_ASSERT_FATAL(p != NULL);
    static const char *const roles[MAXR] = {"A", "B"};
    for (int r = 0; r < in->nr; r++) {
        if (in->sw > 1)
            add_team(p, roles[r], in->cap[r], 40, 1, in->sw - 1);
        add_team(p, roles[r], in->late[r], 40, in->sw, 0);
    }
    for (int j = 0; j < in->n; j++) {
        char id[16];
        snprintf(id, sizeof id, "J%d", j);
        op_item it;
        tu_item_init(p, &it, id, roles[in->crew[j][0] ? 0 : 1]);
        it.duration = in->dur[j];
        it.earliest_week = in->rel[j] > 1 ? in->rel[j] : 0;
        int k = op_plan_add_item(p, &it, NULL);
        CU_ASSERT_FATAL(k == j);
        for (int r = 0; r < in->nr; r++)
            if (in->crew[j][r]) {
                op_ref ref = {op_plan_intern(p, roles[r]), -1, hand_loc(2, 2)};
                CU_ASSERT_FATAL(op_plan_item_add_crew(p, k, &ref, in->crew[j][r]) == 0);
            }
        for (int i = 0; i < j; i++)
            if (in->dep[j][i]) {
                snprintf(id, sizeof id, "J%d", i);
                add_dep(p, k, id);
            }
    }
    op_diag *d = op_diag_new(OP_MAX_ERRORS);
    CU_ASSERT_FATAL(d != NULL);
    op_status st = op_plan_validate(p, d);
    for (int i = 0; i < op_diag_kept(d); i++)
        fprintf(stderr, "\n  unexpected: %s", op_diag_message(d, i));
    op_diag_free(d);
    CU_ASSERT_FATAL(st == OP_OK);
    return p;
}

/* Exhaustive search over start weeks, jobs in index order (dependencies
   point to lower indexes). With limit > 0 it records, over every schedule
   done by week limit, the earliest and latest start of each job. */
typedef struct bf {
    const rinst *in;
    int use[MAXR][64];
    int st[MAXJ];
    int best;             /* shortest last week found */
    int limit;            /* collect mode: the week every schedule ends by */
    int lo[MAXJ], hi[MAXJ];
    long count;           /* collect mode: schedules seen */
} bf;

static void bf_job(bf *b, int j, int last)
{
    const rinst *in = b->in;
    if (j == in->n) {
        if (b->limit) {
            b->count++;
            for (int k = 0; k < in->n; k++) {
                if (b->st[k] < b->lo[k])
                    b->lo[k] = b->st[k];
                if (b->st[k] > b->hi[k])
                    b->hi[k] = b->st[k];
            }
        } else if (last < b->best) {
            b->best = last;
        }
        return;
    }
    int es = in->rel[j];
    for (int i = 0; i < j; i++)
        if (in->dep[j][i] && b->st[i] + in->dur[i] > es)
            es = b->st[i] + in->dur[i];
    int end = b->limit ? b->limit : b->best - 1; /* only better ones, or those within the limit */
    for (int s = es; s + in->dur[j] - 1 <= end; s++) {
        int ok = 1;
        for (int t = s; t < s + in->dur[j] && ok; t++)
            for (int r = 0; r < in->nr; r++)
                ok &= b->use[r][t] + in->crew[j][r] <= (t < in->sw ? in->cap[r] : in->late[r]);
        if (!ok)
            continue;
        for (int t = s; t < s + in->dur[j]; t++)
            for (int r = 0; r < in->nr; r++)
                b->use[r][t] += in->crew[j][r];
        b->st[j] = s;
        int f = s + in->dur[j] - 1;
        bf_job(b, j + 1, f > last ? f : last);
        for (int t = s; t < s + in->dur[j]; t++)
            for (int r = 0; r < in->nr; r++)
                b->use[r][t] -= in->crew[j][r];
        if (!b->limit && b->best <= end)
            end = b->best - 1;
    }
}

static int tests_run, windows_refuted;

/* One instance: the heuristic is a valid schedule no shorter than the
   optimum; propagation never rules out a start some schedule by T uses,
   nor T = optimum; the lower bound never passes the optimum; and the full
   solve proves the optimum. */
static void check_one(unsigned long seed)
{
    rng.state = seed;
    rinst in;
    gen(&in);
    bf b;
    memset(&b, 0, sizeof b);
    b.in = &in;
    b.best = 60;
    bf_job(&b, 0, 0);
    int opt = b.best;
    CU_ASSERT_FATAL(opt < 60);
    op_plan *p = build(&in);
    int nomem = 0;
    rc_inst *rc = rc_new(p, &nomem);
    CU_ASSERT_FATAL(rc != NULL);

    op_schedule *h = rc_heuristic(rc, 50, op_now() + 5, NULL, NULL, 0);
    CU_ASSERT_FATAL(h != NULL);
    op_eval *e = op_eval_new(p, h, 0);
    CU_ASSERT_FATAL(e != NULL);
    CU_ASSERT_EQUAL(op_eval_hard_violations(e), 0);
    CU_ASSERT_EQUAL(op_eval_scheduled_count(e), in.n);
    int hw = op_eval_last_week(e);
    CU_ASSERT(hw >= opt);
    op_eval_free(e);
    op_schedule_free(h);

    int lb = rc_lower_bound(rc, 1, hw, op_now() + 5);
    CU_ASSERT(lb <= opt);
    if (lb > opt)
        fprintf(stderr, "\n  seed %lu: lower bound %d above the optimum %d", seed, lb, opt);

    for (int T = opt; T <= opt + 1; T++) {
        bf c;
        memset(&c, 0, sizeof c);
        c.in = &in;
        c.limit = T;
        for (int j = 0; j < in.n; j++) {
            c.lo[j] = 99;
            c.hi[j] = 0;
        }
        bf_job(&c, 0, 0);
        CU_ASSERT_FATAL(c.count > 0);
        int es[MAXJ], ls[MAXJ];
        int bad = rc_windows(rc, T, es, ls, op_now() + 5);
        CU_ASSERT_EQUAL(bad, 0);
        for (int j = 0; j < in.n && !bad; j++) {
            CU_ASSERT(es[j] <= c.lo[j] && ls[j] >= c.hi[j]);
            if (es[j] > c.lo[j] || ls[j] < c.hi[j])
                fprintf(stderr, "\n  seed %lu T %d: J%d window %d..%d, schedules use %d..%d", seed,
                        T, j, es[j], ls[j], c.lo[j], c.hi[j]);
        }
    }
    if (opt > 1) {
        int es[MAXJ], ls[MAXJ];
        windows_refuted += rc_windows(rc, opt - 1, es, ls, op_now() + 5);
    }
    rc_free(rc);

    op_solver_opts o;
    op_solver_opts_init(&o);
    o.time_limit = 20;
    CU_ASSERT_FATAL(op_solver_parse_stages(&o, "finish") == 0);
    op_diag *d = op_diag_new(OP_MAX_ERRORS);
    op_solution *sol = NULL;
    CU_ASSERT_FATAL(op_solve(p, &o, &sol, d) == OP_OK);
    CU_ASSERT_EQUAL(sol->status, OP_SOLVE_OPTIMAL);
    e = op_eval_new(p, sol->schedule, 0);
    CU_ASSERT_FATAL(e != NULL);
    CU_ASSERT_EQUAL(op_eval_hard_violations(e), 0);
    CU_ASSERT_EQUAL(op_eval_last_week(e), opt);
    if (op_eval_last_week(e) != opt)
        fprintf(stderr, "\n  seed %lu: solve %d, exhaustive %d", seed, op_eval_last_week(e), opt);
    op_eval_free(e);
    op_solution_free(sol);
    op_diag_free(d);
    op_plan_free(p);
    tests_run++;
}

static void test_random_vs_exhaustive(void)
{
    const char *env = getenv("OPTPLAN_RANDOM_RCPSP");
    int count = env ? atoi(env) : 400;
    for (int k = 0; k < count; k++)
        check_one(1000003UL * (unsigned long)(k + 1));
    CU_ASSERT_EQUAL(tests_run, count);
    /* propagation must also have teeth: on this many tight instances it
       proves some optimum on its own */
    CU_ASSERT(windows_refuted > count / 10);
    fprintf(stderr, "\n  %d instances, propagation refuted the week before the optimum in %d ",
            tests_run, windows_refuted);
}

/* Two crews that cannot run together, and a chain: the windows follow by
   hand. A needs both people of the role for 2 weeks, B one of them for 3
   weeks, C (after A) one for 1 week; done by week 6 leaves A before B. */
static void test_hand_windows(void)
{
    rinst in;
    memset(&in, 0, sizeof in);
    in.n = 3;
    in.nr = 1;
    in.cap[0] = in.late[0] = 2;
    in.sw = 1;
    in.dur[0] = 2, in.dur[1] = 3, in.dur[2] = 1;
    in.rel[0] = in.rel[1] = in.rel[2] = 1;
    in.crew[0][0] = 2, in.crew[1][0] = 1, in.crew[2][0] = 1;
    in.dep[2][0] = 1;
    op_plan *p = build(&in);
    int nomem = 0;
    rc_inst *rc = rc_new(p, &nomem);
    CU_ASSERT_FATAL(rc != NULL);
    int es[3], ls[3];
    /* by week 5: A in 1-2, then B in 3-5 and C in 3 alongside */
    CU_ASSERT_EQUAL(rc_windows(rc, 5, es, ls, op_now() + 5), 0);
    CU_ASSERT_EQUAL(es[0], 1);
    CU_ASSERT_EQUAL(ls[0], 1);
    CU_ASSERT_EQUAL(es[1], 3);
    CU_ASSERT_EQUAL(ls[1], 3);
    CU_ASSERT_EQUAL(es[2], 3);
    CU_ASSERT_EQUAL(ls[2], 5);
    /* 2 + 3 weeks of work that cannot overlap: not by week 4 */
    CU_ASSERT_EQUAL(rc_windows(rc, 4, es, ls, op_now() + 5), 1);
    CU_ASSERT_EQUAL(rc_lower_bound(rc, 1, 9, op_now() + 5), 5);
    rc_free(rc);
    op_plan_free(p);
}

int main(void)
{
    static const tu_test tests[] = {
        {"hand-computed windows", test_hand_windows},
        {"random instances vs exhaustive search", test_random_vs_exhaustive},
        {NULL, NULL},
    };
    return tu_run("rcpsp", NULL, NULL, tests);
}
