/* test_forecast.c - forecasts: zero-width ranges give the plan itself; a chain matches its sum's distribution */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/model.h"
#include "solver/solver.h"
#include "tests/testutil.h"

static op_rng rng_state;

static int rnd(int n) { return tu_rnd(&rng_state, n); }

/* A random plan: 1-3 roles (some changing headcount or ending), effort and
   crew items with dependencies (some with lag_weeks), gates requiring
   earlier gates, and sometimes a re-plan from week 2 with an item done
   and one started. */
static op_plan *random_plan(void)
{
    op_plan *p = op_plan_new();
    CU_ASSERT_FATAL(p != NULL);
    int nr = 1 + rnd(3), ni = 2 + rnd(7), ng = rnd(3);
    char name[32], role[32];
    for (int r = 0; r < nr; r++) {
        snprintf(role, sizeof role, "R%d", r);
        int change = rnd(3) ? 0 : 2 + rnd(4);
        add_team(p, role, 1 + rnd(2), 40, 1, change ? change - 1 : 0);
        if (change)
            add_team(p, role, 1 + rnd(2), 40, change, rnd(2) ? 0 : change + 6);
    }
    for (int i = 0; i < ni; i++) {
        op_item it;
        snprintf(name, sizeof name, "I%d", i);
        snprintf(role, sizeof role, "R%d", rnd(nr));
        tu_item_init(p, &it, name, role);
        int crew = rnd(5) == 0;
        it.priority = rnd(3);
        it.effort = 4 * (1 + rnd(25));
        it.max_people = 1 + rnd(2);
        it.duration = crew ? 1 + rnd(3) : 0;
        it.lag_weeks = rnd(6) ? 0 : 1 + rnd(2);
        int k = op_plan_add_item(p, &it, NULL);
        CU_ASSERT_FATAL(k >= 0);
        if (crew) {
            op_ref rr = {op_plan_intern(p, role), -1, hand_loc(2, 7)};
            CU_ASSERT_FATAL(op_plan_item_add_crew(p, k, &rr, 1) == 0);
        }
        tu_random_deps(p, &rng_state, k, i);
    }
    tu_random_gates(p, &rng_state, ni, ng, 8);
    validate_ok(p);
    if (rnd(3) == 0 && !op_plan_item(p, 0)->duration) { /* a re-plan from week 2 */
        op_plan_set_first_week(p, 2);
        op_plan_set_progress(p, 0, 0, 1, op_plan_item(p, 0)->effort / 2);
    }
    return p;
}

/* The plan's own figures: gate weeks and the last week of its items. */
static int plan_last(const op_plan *p, const op_eval *e)
{
    int last = 0;
    for (int i = 0; i < op_plan_item_count(p); i++) {
        const op_item_eval *ie = op_eval_item(e, i);
        if (!op_plan_item(p, i)->done && ie->done && ie->end_week > last)
            last = ie->end_week;
    }
    return last;
}

/* Zero-width ranges reproduce the plan: P50 = P80 = P95 = its week, and
   the chance of the deadline is 0 or 1, for every gate of 200 plans. */
static void test_zero_width(void)
{
    int plans = 0, gates = 0, bad = 0;
    rng_state.state = 20261201UL;
    for (int k = 0; k < 200; k++) {
        op_plan *p = random_plan();
        op_solver_opts o;
        op_solver_opts_init(&o);
        o.next_week = rnd(4) == 0;
        o.time_limit = 5;
        op_diag *d = op_diag_new(OP_MAX_ERRORS);
        op_solution *sol = NULL;
        CU_ASSERT_FATAL(op_solve(p, &o, &sol, d) == OP_OK);
        if (sol->schedule) {
            op_eval *e = op_eval_new(p, sol->schedule, op_solver_eval_rules(&o));
            op_forecast_opts fo = {.scenarios = 7, .seed = 5, .next_week = o.next_week};
            op_forecast *f = op_forecast_run(p, sol->schedule, &fo);
            CU_ASSERT_FATAL(e && f);
            plans++;
            for (int g = 0; g < op_plan_gate_count(p); g++, gates++) {
                int w = op_eval_gate(e, g)->passed_week, dl = op_plan_gate(p, g)->deadline_week;
                int ok = op_forecast_gate_quantile(f, g, 0.5) == w &&
                         op_forecast_gate_quantile(f, g, 0.8) == w &&
                         op_forecast_gate_quantile(f, g, 0.95) == w &&
                         op_forecast_gate_by(f, g, dl) == (w && w <= dl ? 1.0 : 0.0);
                if (!ok && bad++ < 5)
                    fprintf(stderr, "\n  plan %d gate %d: planned %d, P50 %d P95 %d", k, g, w,
                            op_forecast_gate_quantile(f, g, 0.5),
                            op_forecast_gate_quantile(f, g, 0.95));
            }
            if (op_forecast_last_quantile(f, 0.5) != plan_last(p, e) && bad++ < 5)
                fprintf(stderr, "\n  plan %d: last week %d, forecast %d", k, plan_last(p, e),
                        op_forecast_last_quantile(f, 0.5));
            op_forecast_free(f);
            op_eval_free(e);
        }
        op_solution_free(sol);
        op_diag_free(d);
        op_plan_free(p);
    }
    CU_ASSERT_EQUAL(bad, 0);
    CU_ASSERT(plans >= 150 && gates >= 100);
}

/* A chain of 16 items on one 40-hour person, each drawn from low = most
   likely = 30 h to high = 90 h: the team never waits, so the gate passes
   in week ceil(S / 40) with S the sum of the draws. The same distribution
   drawn here by inverse transform (PERT with a = m is Beta(1, 5):
   x = 1 - (1 - u)^(1/5); triangular with a = m: x = 1 - sqrt(1 - u)) must
   agree within 0.025 at every week (about 5 standard errors of the
   difference of two samples of 20,000), and the normal approximation of S
   within 0.04 (the skew of 16 draws). */
static void chain_vs_sum(op_dist dist)
{
    enum { K = 16, N = 20000 };
    op_plan *p = op_plan_new();
    CU_ASSERT_FATAL(p != NULL);
    add_team(p, "Dev", 1, 40, 1, 0);
    char name[16], prev[16];
    for (int k = 0; k < K; k++) {
        snprintf(name, sizeof name, "C%d", k);
        op_item it;
        tu_item_init(p, &it, name, "Dev");
        it.effort = 30, it.effort_low = 30, it.effort_high = 90;
        int i = op_plan_add_item(p, &it, NULL);
        CU_ASSERT_FATAL(i >= 0);
        if (k)
            add_dep(p, i, prev);
        memcpy(prev, name, sizeof prev);
    }
    add_gate(p, "G", 12, prev, "");
    validate_ok(p);
    op_solver_opts o;
    op_solver_opts_init(&o);
    op_diag *d = op_diag_new(OP_MAX_ERRORS);
    op_solution *sol = NULL;
    CU_ASSERT_FATAL(op_solve(p, &o, &sol, d) == OP_OK && sol->schedule);
    op_forecast_opts fo = {.scenarios = N, .seed = 42, .dist = dist};
    op_forecast *f = op_forecast_run(p, sol->schedule, &fo);
    CU_ASSERT_FATAL(f != NULL);
    static int hist[64];
    memset(hist, 0, sizeof hist);
    op_rng r = {7};
    for (int n = 0; n < N; n++) {
        double s = 0;
        for (int k = 0; k < K; k++) {
            double u = op_rng_unit(&r);
            s += 30 + 60 * (dist == OP_DIST_PERT ? 1 - pow(1 - u, 0.2) : 1 - sqrt(1 - u));
        }
        int w = (int)ceil(s / 40 - 1e-9);
        hist[w < 63 ? w : 63]++;
    }
    /* the draws' mean and variance: Beta(1, 5) scaled to 60 h, or triangular(30, 30, 90) */
    double mean = dist == OP_DIST_PERT ? 30 + 60.0 / 6 : 30 + 60.0 / 3;
    double var = dist == OP_DIST_PERT ? 3600.0 * 5 / (36 * 7) : (90.0 * 90 + 2 * 30 * 30 - 2 * 30 * 90 - 30.0 * 30) / 18;
    double worst = 0, worst_normal = 0, cum = 0;
    for (int w = 1; w < 63; w++) {
        cum += hist[w];
        double sim = op_forecast_gate_by(f, 0, w), ref = cum / N;
        double z = (40.0 * w - K * mean) / sqrt(K * var), normal = 0.5 * erfc(-z / sqrt(2));
        worst = fabs(sim - ref) > worst ? fabs(sim - ref) : worst;
        worst_normal = fabs(sim - normal) > worst_normal ? fabs(sim - normal) : worst_normal;
    }
    CU_ASSERT(worst < 0.025);
    CU_ASSERT(worst_normal < 0.04);
    CU_ASSERT(op_forecast_gate_quantile(f, 0, 0.5) <= op_forecast_gate_quantile(f, 0, 0.8));
    CU_ASSERT(op_forecast_gate_quantile(f, 0, 0.8) <= op_forecast_gate_quantile(f, 0, 0.95));
    CU_ASSERT(op_forecast_gate_quantile(f, 0, 0.5) > 12); /* the plan's week is the best case */
    if (getenv("TEST_SOLVER_STATS"))
        fprintf(stderr, "\n  %s: largest CDF gap %.4f to the sum drawn here, %.4f to the normal\n",
                dist == OP_DIST_PERT ? "pert" : "triangular", worst, worst_normal);
    op_forecast_free(f);
    op_solution_free(sol);
    op_diag_free(d);
    op_plan_free(p);
}

static void test_chain_pert(void) { chain_vs_sum(OP_DIST_PERT); }
static void test_chain_triangular(void) { chain_vs_sum(OP_DIST_TRIANGULAR); }

/* With ranges: quantiles ordered, chances between 0 and 1 and growing
   with the week, the same seed the same figures. */
static void test_ordered_and_reproducible(void)
{
    rng_state.state = 99;
    int bad = 0, differ = 0;
    for (int k = 0; k < 60; k++) {
        op_plan *p = random_plan();
        op_solver_opts o;
        op_solver_opts_init(&o);
        op_diag *d = op_diag_new(OP_MAX_ERRORS);
        op_solution *sol = NULL;
        CU_ASSERT_FATAL(op_solve(p, &o, &sol, d) == OP_OK);
        if (sol->schedule) {
            op_forecast_opts fo = {.scenarios = 500, .seed = 3, .uncertainty = 0.4,
                                   .early = k % 2};
            op_forecast *f = op_forecast_run(p, sol->schedule, &fo);
            op_forecast *f2 = op_forecast_run(p, sol->schedule, &fo);
            fo.seed = 4;
            op_forecast *f3 = op_forecast_run(p, sol->schedule, &fo);
            CU_ASSERT_FATAL(f && f2 && f3);
            for (int g = 0; g < op_plan_gate_count(p); g++) {
                int a = op_forecast_gate_quantile(f, g, 0.5), b = op_forecast_gate_quantile(f, g, 0.8);
                int c = op_forecast_gate_quantile(f, g, 0.95);
                /* 0 = not passed by that share of scenarios: later than any week */
                int A = a ? a : 1 << 20, B = b ? b : 1 << 20, C = c ? c : 1 << 20;
                bad += !(A <= B && B <= C);
                bad += op_forecast_gate_quantile(f2, g, 0.8) != b;
                for (int w = 1; w < 40; w++)
                    bad += op_forecast_gate_by(f, g, w) > op_forecast_gate_by(f, g, w + 1) + 1e-12;
                differ += op_forecast_gate_by(f3, g, b) != op_forecast_gate_by(f, g, b);
            }
            for (int i = 0; i < op_plan_item_count(p); i++)
                bad += op_forecast_criticality(f, i) < 0 || op_forecast_criticality(f, i) > 1 ||
                       op_forecast_criticality(f, i) != op_forecast_criticality(f2, i);
            op_forecast_free(f);
            op_forecast_free(f2);
            op_forecast_free(f3);
        }
        op_solution_free(sol);
        op_diag_free(d);
        op_plan_free(p);
    }
    CU_ASSERT_EQUAL(bad, 0);
    CU_ASSERT(differ > 0); /* another seed draws otherwise */
}

int main(void)
{
    static const tu_test tests[] = {
        {"zero-width ranges reproduce the plan", test_zero_width},
        {"a chain matches its sum's distribution (PERT)", test_chain_pert},
        {"a chain matches its sum's distribution (triangular)", test_chain_triangular},
        {"quantiles ordered, chances monotone, seeds reproducible", test_ordered_and_reproducible},
        {NULL, NULL}};
    return tu_run("forecast", NULL, NULL, tests);
}
