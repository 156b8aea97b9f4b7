/* test_solver.c - unit tests of the solver on hand-computable plans
   (tiny random plans against an exhaustive search: test_solver_random.c) */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "model/model.h"
#include "solver/solver.h"
#include "tests/testutil.h"

/* ---- building plans by hand ------------------------------------------ */

static int add_item(op_plan *p, const char *id, const char *role, double effort, int max_people,
                    int earliest, int due)
{
    return tu_add_item(p, id, role, effort, max_people, earliest, due, 1, OP_IMPACT_NONE);
}

/* Solves the validated plan with options o. Never NULL. */
static op_solution *solve_with(const op_plan *p, const op_solver_opts *o)
{
    op_diag *d = op_diag_new(OP_MAX_ERRORS);
    CU_ASSERT_FATAL(d != NULL);
    op_solution *sol = NULL;
    op_status st = op_solve(p, o, &sol, d);
    for (int i = 0; i < op_diag_kept(d); i++)
        fprintf(stderr, "\n  unexpected: %s", op_diag_message(d, i));
    op_diag_free(d);
    CU_ASSERT_EQUAL_FATAL(st, OP_OK);
    CU_ASSERT_PTR_NOT_NULL_FATAL(sol);
    return sol;
}

/* Solves the validated plan; horizon 0 = automatic. Never NULL. */
static op_solution *solve(const op_plan *p, int horizon, int strict, int phase)
{
    op_solver_opts o;
    op_solver_opts_init(&o);
    o.horizon = horizon;
    o.time_limit = 20;
    o.strict_gates = strict;
    o.gate_entry_phase = phase;
    return solve_with(p, &o);
}

/* Evaluates an optimal solution; checks it keeps every hard rule. */
static op_eval *eval_optimal(const op_plan *p, const op_solution *sol, int phase)
{
    CU_ASSERT_EQUAL_FATAL(sol->status, OP_SOLVE_OPTIMAL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(sol->schedule);
    op_eval *e = op_eval_new(p, sol->schedule, phase);
    CU_ASSERT_PTR_NOT_NULL_FATAL(e);
    CU_ASSERT_EQUAL(op_eval_hard_violations(e), 0);
    return e;
}

static int is_deferred(const op_solution *sol, int item)
{
    for (int k = 0; k < sol->ndeferred; k++)
        if (sol->deferred[k] == item)
            return 1;
    return 0;
}

/* ---- hand-computable plans ------------------------------------------- */

/* All work fits: the last week is ceil(total effort / capacity). */
static void test_capacity_bound(void)
{
    for (int heads = 1; heads <= 2; heads++) {
        op_plan *p = op_plan_new();
        CU_ASSERT_FATAL(p != NULL);
        add_team(p, "Dev", heads, 40, 1, 0);
        add_item(p, "A", "Dev", 30, 2, 0, 0);
        add_item(p, "B", "Dev", 50, 2, 0, 0);
        add_item(p, "C", "Dev", 45, 2, 0, 0);
        validate_ok(p);
        op_solution *sol = solve(p, 0, 0, 0);
        op_eval *e = eval_optimal(p, sol, 0);
        int want = (int)ceil(125.0 / (40.0 * heads)); /* 4 weeks, then 2 */
        CU_ASSERT_EQUAL(op_eval_last_week(e), want);
        CU_ASSERT_EQUAL(op_eval_scheduled_count(e), 3);
        CU_ASSERT_EQUAL(sol->ndeferred, 0);
        for (int i = 0; i < 3; i++)
            CU_ASSERT(op_eval_item(e, i)->done);
        for (int t = 1; t <= op_eval_weeks(e); t++)
            CU_ASSERT(op_eval_load(e, 0, t) <= 40.0 * heads + 1e-6);
        op_eval_free(e);
        op_solution_free(sol);
        op_plan_free(p);
    }
}

/* A -> B -> C, 40 h each, one person: done in weeks 1, 2, 3. */
static void test_chain(void)
{
    op_plan *p = op_plan_new();
    CU_ASSERT_FATAL(p != NULL);
    add_team(p, "Dev", 1, 40, 1, 0);
    int c = add_item(p, "C", "Dev", 40, 1, 0, 0);
    int b = add_item(p, "B", "Dev", 40, 1, 0, 0);
    int a = add_item(p, "A", "Dev", 40, 1, 0, 0);
    add_dep(p, c, "B");
    add_dep(p, b, "A");
    validate_ok(p);
    op_solution *sol = solve(p, 0, 0, 0);
    op_eval *e = eval_optimal(p, sol, 0);
    CU_ASSERT_EQUAL(op_eval_item(e, a)->start_week, 1);
    CU_ASSERT_EQUAL(op_eval_item(e, a)->end_week, 1);
    CU_ASSERT_EQUAL(op_eval_item(e, b)->start_week, 2);
    CU_ASSERT_EQUAL(op_eval_item(e, b)->end_week, 2);
    CU_ASSERT_EQUAL(op_eval_item(e, c)->start_week, 3);
    CU_ASSERT_EQUAL(op_eval_item(e, c)->end_week, 3);
    CU_ASSERT_EQUAL(op_eval_last_week(e), 3);
    op_eval_free(e);
    op_solution_free(sol);
    op_plan_free(p);
}

/* Items id0 -> id1 -> ... chained, effort hours each, all of role. */
static void add_chain(op_plan *p, const char *const *ids, int n, const char *const *roles,
                      double effort)
{
    for (int k = 0; k < n; k++) {
        int i = add_item(p, ids[k], roles[k], effort, 1, 0, 0);
        if (k > 0)
            add_dep(p, i, ids[k - 1]);
    }
}

/* Solves p with --handoff next-week (next) or same-week; checks the optimum keeps every
   rule of that mode and returns its evaluation. */
static op_eval *solve_handoff(const op_plan *p, int next)
{
    op_solver_opts o;
    op_solver_opts_init(&o);
    o.time_limit = 20;
    o.next_week = next;
    op_solution *sol = solve_with(p, &o);
    CU_ASSERT_EQUAL_FATAL(sol->status, OP_SOLVE_OPTIMAL);
    op_eval *e = op_eval_new(p, sol->schedule, op_solver_eval_rules(&o));
    CU_ASSERT_PTR_NOT_NULL_FATAL(e);
    CU_ASSERT_EQUAL(op_eval_hard_violations(e), 0);
    /* the greedy start schedule keeps the same rules */
    op_schedule *g = op_greedy_schedule(p, 0, op_solver_eval_rules(&o));
    op_eval *ge = g ? op_eval_new(p, g, op_solver_eval_rules(&o)) : NULL;
    CU_ASSERT_PTR_NOT_NULL_FATAL(ge);
    CU_ASSERT_EQUAL(op_eval_hard_violations(ge), 0);
    op_eval_free(ge);
    op_schedule_free(g);
    op_solution_free(sol);
    return e;
}

/* Four chained 4 h items of one role, one 40 h person: all in week 1 (same-week hand-offs),
   weeks 1..4 with --handoff next-week. */
static void test_handoff_four_small(void)
{
    static const char *const ids[] = {"A", "B", "C", "D"};
    static const char *const roles[] = {"Dev", "Dev", "Dev", "Dev"};
    op_plan *p = op_plan_new();
    CU_ASSERT_FATAL(p != NULL);
    add_team(p, "Dev", 1, 40, 1, 0);
    add_chain(p, ids, 4, roles, 4);
    validate_ok(p);
    for (int next = 0; next <= 1; next++) {
        op_eval *e = solve_handoff(p, next);
        for (int i = 0; i < 4; i++) {
            CU_ASSERT_EQUAL(op_eval_item(e, i)->start_week, next ? i + 1 : 1);
            CU_ASSERT_EQUAL(op_eval_item(e, i)->end_week, next ? i + 1 : 1);
        }
        CU_ASSERT_EQUAL(op_eval_last_week(e), next ? 4 : 1);
        op_eval_free(e);
    }
    op_plan_free(p);
}

/* Three chained 16 h items of one role: 48 h of chain exceed one 40 h person-week, so two
   weeks (even with a second person: the chain is one person's). */
static void test_handoff_chain_over_week(void)
{
    static const char *const ids[] = {"A", "B", "C"};
    static const char *const roles[] = {"Dev", "Dev", "Dev"};
    for (int heads = 1; heads <= 2; heads++) {
        op_plan *p = op_plan_new();
        CU_ASSERT_FATAL(p != NULL);
        add_team(p, "Dev", heads, 40, 1, 0);
        add_chain(p, ids, 3, roles, 16);
        validate_ok(p);
        op_eval *e = solve_handoff(p, 0);
        CU_ASSERT_EQUAL(op_eval_last_week(e), 2);
        CU_ASSERT(op_eval_load(e, 0, 1) <= 40 + 1e-6);
        op_eval_free(e);
        op_plan_free(p);
    }
}

/* A 4 h Design item, then a 4 h Mobile item: two roles, one person each, both in week 1. */
static void test_handoff_two_roles(void)
{
    static const char *const ids[] = {"D", "M"};
    static const char *const roles[] = {"Design", "Mobile"};
    op_plan *p = op_plan_new();
    CU_ASSERT_FATAL(p != NULL);
    add_team(p, "Design", 1, 40, 1, 0);
    add_team(p, "Mobile", 1, 40, 1, 0);
    add_chain(p, ids, 2, roles, 4);
    validate_ok(p);
    op_eval *e = solve_handoff(p, 0);
    CU_ASSERT_EQUAL(op_eval_item(e, 1)->start_week, 1);
    CU_ASSERT_EQUAL(op_eval_last_week(e), 1);
    op_eval_free(e);
    op_plan_free(p);
}

/* The gate's exit item needs QA, which has nobody before week 5. */
static void test_gate_late(void)
{
    op_plan *p = op_plan_new();
    CU_ASSERT_FATAL(p != NULL);
    add_team(p, "Dev", 1, 40, 1, 0);
    add_team(p, "QA", 1, 40, 5, 0);
    add_item(p, "D", "Dev", 40, 1, 0, 0);
    int q = add_item(p, "Q", "QA", 20, 1, 0, 0);
    add_dep(p, q, "D");
    int g = add_gate(p, "G", 2, "Q", "");
    validate_ok(p);
    op_solution *sol = solve(p, 0, 0, 0);
    op_eval *e = eval_optimal(p, sol, 0);
    CU_ASSERT(op_eval_item(e, q)->start_week >= 5);
    CU_ASSERT_EQUAL(op_eval_gate(e, g)->passed_week, 5);
    CU_ASSERT_EQUAL(op_eval_gate(e, g)->lateness, 3);
    CU_ASSERT_EQUAL(op_eval_total_lateness(e), 3);
    CU_ASSERT_EQUAL(op_eval_gates_met(e), 0);
    CU_ASSERT_EQUAL(sol->ndeferred, 0);
    op_eval_free(e);
    op_solution_free(sol);
    op_plan_free(p);
}

/* The team lasts two weeks (80 h): BIG (100 h) can never fit; X and Y (60 h
   each) compete, the P2 one is left out; deferred lists P3 before P2. */
static void test_deferred(void)
{
    op_plan *p = op_plan_new();
    CU_ASSERT_FATAL(p != NULL);
    add_team(p, "Dev", 1, 40, 1, 2);
    int y = tu_add_item(p, "Y", "Dev", 60, 1, 0, 0, 2, OP_IMPACT_HIGH);
    int big = tu_add_item(p, "BIG", "Dev", 100, 1, 0, 0, 3, OP_IMPACT_NONE);
    int x = tu_add_item(p, "X", "Dev", 60, 1, 0, 0, 1, OP_IMPACT_NONE);
    validate_ok(p);
    op_solution *sol = solve(p, 0, 0, 0);
    op_eval *e = eval_optimal(p, sol, 0);
    CU_ASSERT(op_eval_item(e, x)->done);
    CU_ASSERT_EQUAL(op_eval_item(e, x)->end_week, 2);
    CU_ASSERT_EQUAL(op_eval_item(e, y)->hours, 0);
    CU_ASSERT_EQUAL(op_eval_item(e, big)->hours, 0);
    CU_ASSERT_EQUAL_FATAL(sol->ndeferred, 2);
    CU_ASSERT_EQUAL(sol->deferred[0], big); /* lowest priority first */
    CU_ASSERT_EQUAL(sol->deferred[1], y);
    for (int k = 0; k < sol->ndeferred; k++)
        CU_ASSERT_PTR_NOT_NULL_FATAL(sol->deferred_why[k]);
    CU_ASSERT_STRING_EQUAL(sol->deferred_why[0], "team: in weeks 1..2 it can get at most 80 h of "
                                                 "Dev (capacity and max_people), it needs 100 h");
    CU_ASSERT_STRING_EQUAL(sol->deferred_why[1],
                           "priority: left out for higher-priority work: Dev has 80 h in weeks "
                           "1..2, 60 h booked by higher-priority items (X P1 60 h), this item "
                           "needs 60 h");
    CU_ASSERT(!is_deferred(sol, x));
    op_eval_free(e);
    op_solution_free(sol);
    op_plan_free(p);

    /* one item alone that cannot fit */
    p = op_plan_new();
    CU_ASSERT_FATAL(p != NULL);
    add_team(p, "Dev", 1, 40, 1, 2);
    int only = add_item(p, "HUGE", "Dev", 81, 1, 0, 0);
    int small = add_item(p, "S", "Dev", 10, 1, 0, 0);
    validate_ok(p);
    sol = solve(p, 0, 0, 0);
    e = eval_optimal(p, sol, 0);
    CU_ASSERT_EQUAL_FATAL(sol->ndeferred, 1);
    CU_ASSERT_EQUAL(sol->deferred[0], only);
    CU_ASSERT_STRING_EQUAL(sol->deferred_why[0], "team: in weeks 1..2 it can get at most 80 h of "
                                                 "Dev (capacity and max_people), it needs 81 h");
    CU_ASSERT(op_eval_item(e, small)->done);
    CU_ASSERT_EQUAL(op_eval_item(e, small)->end_week, 1);
    op_eval_free(e);
    op_solution_free(sol);
    op_plan_free(p);
}

/* Three people: one-person items take 40 h a week at most, two-person 80 h. */
static void test_max_people(void)
{
    op_plan *p = op_plan_new();
    CU_ASSERT_FATAL(p != NULL);
    add_team(p, "Dev", 3, 40, 1, 0);
    int a = add_item(p, "A", "Dev", 120, 1, 0, 0);
    int b = add_item(p, "B", "Dev", 160, 2, 0, 0);
    validate_ok(p);
    op_solution *sol = solve(p, 0, 0, 0);
    op_eval *e = eval_optimal(p, sol, 0);
    CU_ASSERT_EQUAL(op_eval_item(e, a)->end_week, 3);
    CU_ASSERT_EQUAL(op_eval_item(e, b)->end_week, 2);
    CU_ASSERT_EQUAL(op_eval_last_week(e), 3);
    for (int t = 1; t <= op_eval_weeks(e); t++) {
        CU_ASSERT(op_schedule_get(sol->schedule, a, t) <= 40 + 1e-6);
        CU_ASSERT(op_schedule_get(sol->schedule, b, t) <= 80 + 1e-6);
    }
    op_eval_free(e);
    op_solution_free(sol);
    op_plan_free(p);
}

/* earliest_week delays an item; due_week pulls a low-priority item ahead. */
static void test_windows(void)
{
    op_plan *p = op_plan_new();
    CU_ASSERT_FATAL(p != NULL);
    add_team(p, "Dev", 1, 40, 1, 0);
    add_team(p, "Ops", 1, 40, 1, 0);
    int a = tu_add_item(p, "A", "Dev", 80, 1, 0, 0, 0, OP_IMPACT_HIGH);
    int d = tu_add_item(p, "D", "Dev", 40, 1, 0, 1, 3, OP_IMPACT_NONE);
    int x = tu_add_item(p, "E", "Ops", 20, 1, 3, 0, 0, OP_IMPACT_HIGH);
    validate_ok(p);
    op_solution *sol = solve(p, 0, 0, 0);
    op_eval *e = eval_optimal(p, sol, 0);
    CU_ASSERT_EQUAL(op_eval_item(e, d)->start_week, 1);
    CU_ASSERT_EQUAL(op_eval_item(e, d)->end_week, 1);
    CU_ASSERT_EQUAL(op_eval_item(e, a)->start_week, 2);
    CU_ASSERT_EQUAL(op_eval_item(e, a)->end_week, 3);
    CU_ASSERT_EQUAL(op_eval_item(e, x)->start_week, 3);
    CU_ASSERT_EQUAL(op_eval_item(e, x)->end_week, 3);
    CU_ASSERT_EQUAL(op_eval_last_week(e), 3);
    op_eval_free(e);
    op_solution_free(sol);

    /* without the due week the P0 item goes first */
    op_plan_free(p);
    p = op_plan_new();
    CU_ASSERT_FATAL(p != NULL);
    add_team(p, "Dev", 1, 40, 1, 0);
    a = tu_add_item(p, "A", "Dev", 80, 1, 0, 0, 0, OP_IMPACT_HIGH);
    d = tu_add_item(p, "D", "Dev", 40, 1, 0, 0, 3, OP_IMPACT_NONE);
    validate_ok(p);
    sol = solve(p, 0, 0, 0);
    e = eval_optimal(p, sol, 0);
    CU_ASSERT_EQUAL(op_eval_item(e, a)->end_week, 2);
    CU_ASSERT_EQUAL(op_eval_item(e, d)->end_week, 3);
    op_eval_free(e);
    op_solution_free(sol);
    op_plan_free(p);
}

/* Strict gates: a deadline no schedule meets is infeasible; one the greedy
   schedule misses but a better order meets is found. */
static void test_strict_gates(void)
{
    op_plan *p = op_plan_new();
    CU_ASSERT_FATAL(p != NULL);
    add_team(p, "Dev", 1, 40, 1, 0);
    add_item(p, "A", "Dev", 80, 1, 0, 0);
    add_gate(p, "G", 1, "A", "");
    validate_ok(p);
    op_solution *sol = solve(p, 0, 1, 0);
    CU_ASSERT_EQUAL(sol->status, OP_SOLVE_INFEASIBLE);
    CU_ASSERT(strlen(sol->reason) > 0);
    op_solution_free(sol);
    /* the same without strict gates: one week late */
    sol = solve(p, 0, 0, 0);
    op_eval *e = eval_optimal(p, sol, 0);
    CU_ASSERT_EQUAL(op_eval_gate(e, 0)->passed_week, 2);
    CU_ASSERT_EQUAL(op_eval_total_lateness(e), 1);
    op_eval_free(e);
    op_solution_free(sol);
    op_plan_free(p);

    /* two gates, each needing the only person's first week: infeasible */
    p = op_plan_new();
    CU_ASSERT_FATAL(p != NULL);
    add_team(p, "Dev", 1, 40, 1, 0);
    add_item(p, "A", "Dev", 40, 1, 0, 0);
    add_item(p, "B", "Dev", 40, 1, 0, 0);
    add_gate(p, "GA", 1, "A", "");
    add_gate(p, "GB", 1, "B", "");
    validate_ok(p);
    sol = solve(p, 0, 1, 0);
    CU_ASSERT_EQUAL(sol->status, OP_SOLVE_INFEASIBLE);
    CU_ASSERT(strlen(sol->reason) > 0);
    op_solution_free(sol);
    op_plan_free(p);

    /* feasible: the gate's P3 item must come before the P0 item */
    p = op_plan_new();
    CU_ASSERT_FATAL(p != NULL);
    add_team(p, "Dev", 1, 40, 1, 0);
    int hi = tu_add_item(p, "HI", "Dev", 40, 1, 0, 0, 0, OP_IMPACT_HIGH);
    int lo = tu_add_item(p, "LO", "Dev", 40, 1, 0, 0, 3, OP_IMPACT_NONE);
    add_gate(p, "G", 1, "LO", "");
    validate_ok(p);
    sol = solve(p, 0, 1, 0);
    e = eval_optimal(p, sol, 0);
    CU_ASSERT_EQUAL(op_eval_item(e, lo)->end_week, 1);
    CU_ASSERT_EQUAL(op_eval_item(e, hi)->end_week, 2);
    CU_ASSERT_EQUAL(op_eval_gate(e, 0)->passed_week, 1);
    CU_ASSERT_EQUAL(op_eval_total_lateness(e), 0);
    op_eval_free(e);
    op_solution_free(sol);
    op_plan_free(p);
}

/* Scheduling is lexicographic by priority: one item outweighs any number of
   lower-priority items. */
static void test_priority_lexicographic(void)
{
    /* 60 h of capacity: one P0 item of 60 h, or two P3 items of 30 h */
    op_plan *p = op_plan_new();
    CU_ASSERT_FATAL(p != NULL);
    add_team(p, "Dev", 1, 30, 1, 2);
    int hi = tu_add_item(p, "HI", "Dev", 60, 1, 0, 0, 0, OP_IMPACT_NONE);
    int l1 = tu_add_item(p, "L1", "Dev", 30, 1, 0, 0, 3, OP_IMPACT_HIGH);
    int l2 = tu_add_item(p, "L2", "Dev", 30, 1, 0, 0, 3, OP_IMPACT_HIGH);
    validate_ok(p);
    op_solution *sol = solve(p, 0, 0, 0);
    op_eval *e = eval_optimal(p, sol, 0);
    CU_ASSERT(op_eval_item(e, hi)->done);
    CU_ASSERT(is_deferred(sol, l1) && is_deferred(sol, l2));
    CU_ASSERT(!is_deferred(sol, hi));
    op_eval_free(e);
    op_solution_free(sol);
    op_plan_free(p);

    /* every level used: one P1 item of 60 h, or a P2 and two P3 items of 20 h */
    p = op_plan_new();
    CU_ASSERT_FATAL(p != NULL);
    add_team(p, "Dev", 1, 20, 1, 3);
    int a = tu_add_item(p, "A", "Dev", 60, 1, 0, 0, 1, OP_IMPACT_NONE);
    tu_add_item(p, "B", "Dev", 20, 1, 0, 0, 2, OP_IMPACT_HIGH);
    tu_add_item(p, "C", "Dev", 20, 1, 0, 0, 3, OP_IMPACT_HIGH);
    tu_add_item(p, "D", "Dev", 20, 1, 0, 0, 3, OP_IMPACT_HIGH);
    validate_ok(p);
    sol = solve(p, 0, 0, 0);
    e = eval_optimal(p, sol, 0);
    CU_ASSERT(op_eval_item(e, a)->done);
    CU_ASSERT_EQUAL(sol->ndeferred, 3);
    op_eval_free(e);
    op_solution_free(sol);
    op_plan_free(p);
}

/* Strict gates may require leaving an item out even when every item would
   fit without them: A (due week 1) and the gate's exit item B compete for the
   only person's first week; with strict due weeks A is left out, by default
   it is done a week late. */
static void test_strict_gates_defer(void)
{
    op_plan *p = op_plan_new();
    CU_ASSERT_FATAL(p != NULL);
    add_team(p, "Dev", 1, 40, 1, 0);
    int a = tu_add_item(p, "A", "Dev", 40, 1, 0, 1, 1, OP_IMPACT_NONE);
    int b = tu_add_item(p, "B", "Dev", 40, 1, 0, 0, 2, OP_IMPACT_NONE);
    int g = add_gate(p, "G", 1, "B", "");
    validate_ok(p);
    for (int run = 0; run < 4; run++) {
        int horizon = run & 1 ? 3 : 0, strict_due = run >> 1;
        op_solver_opts o;
        op_solver_opts_init(&o);
        o.horizon = horizon;
        o.time_limit = 20;
        o.strict_gates = 1;
        o.strict_due = strict_due;
        op_solution *sol = solve_with(p, &o);
        CU_ASSERT_EQUAL(sol->status, OP_SOLVE_OPTIMAL);
        if (sol->status == OP_SOLVE_OPTIMAL) {
            op_eval *e = eval_optimal(p, sol, op_solver_eval_rules(&o));
            CU_ASSERT_EQUAL(op_eval_gate(e, g)->passed_week, 1);
            CU_ASSERT_EQUAL(op_eval_item(e, b)->end_week, 1);
            CU_ASSERT_EQUAL(is_deferred(sol, a), strict_due);
            CU_ASSERT_EQUAL(op_eval_item(e, a)->end_week, strict_due ? 0 : 2);
            CU_ASSERT_EQUAL(op_eval_item_lateness(e), strict_due ? 0 : 1);
            CU_ASSERT_EQUAL(op_eval_total_lateness(e), strict_due ? 0 : 1);
            op_eval_free(e);
        } else {
            fprintf(stderr, "\n  horizon %d: status %d, reason: %s", horizon, (int)sol->status,
                    sol->reason);
        }
        op_solution_free(sol);
    }
    op_plan_free(p);
}

/* Options of the due-week tests: horizon (0 = automatic), strict due weeks or not. */
static op_solver_opts due_opts(int horizon, int strict_due)
{
    op_solver_opts o;
    op_solver_opts_init(&o);
    o.horizon = horizon;
    o.time_limit = 20;
    o.strict_due = strict_due;
    return o;
}

/* A due week no schedule meets: A (80 h, one person, due week 1) needs two
   weeks. By default it is done late (week 2, 1 week of lateness) and B
   follows; with strict due weeks A is left out, as before. */
static void test_due_soft(void)
{
    op_plan *p = op_plan_new();
    CU_ASSERT_FATAL(p != NULL);
    add_team(p, "Dev", 1, 40, 1, 0);
    int a = tu_add_item(p, "A", "Dev", 80, 1, 0, 1, 0, OP_IMPACT_NONE);
    int b = tu_add_item(p, "B", "Dev", 40, 1, 0, 0, 1, OP_IMPACT_NONE);
    validate_ok(p);
    for (int strict_due = 0; strict_due <= 1; strict_due++) {
        op_solver_opts o = due_opts(0, strict_due);
        op_solution *sol = solve_with(p, &o);
        op_eval *e = eval_optimal(p, sol, op_solver_eval_rules(&o));
        CU_ASSERT_EQUAL(is_deferred(sol, a), strict_due);
        CU_ASSERT_EQUAL(op_eval_item(e, a)->start_week, strict_due ? 0 : 1);
        CU_ASSERT_EQUAL(op_eval_item(e, a)->end_week, strict_due ? 0 : 2);
        CU_ASSERT_EQUAL(op_eval_item(e, a)->late, strict_due ? 0 : 1);
        CU_ASSERT_EQUAL(op_eval_item(e, b)->end_week, strict_due ? 1 : 3);
        CU_ASSERT_EQUAL(op_eval_item_lateness(e), strict_due ? 0 : 1);
        CU_ASSERT_EQUAL(op_eval_total_lateness(e), strict_due ? 0 : 1);
        /* the lateness stage's optimum is the evaluator's figure */
        CU_ASSERT_EQUAL(sol->stages[1].stage, OP_STAGE_LATENESS);
        CU_ASSERT_DOUBLE_EQUAL(sol->stages[1].objective, op_eval_total_lateness(e), 1e-6);
        op_eval_free(e);
        op_solution_free(sol);
    }
    op_plan_free(p);
}

/* The issue's case: one Backend engineer (open-ended); A runs 2 weeks with
   its crew from week 2 on, B (40 h) has earliest and due week 3. Over 10
   weeks the optimum is B in week 3 and A in weeks 4-5, nothing late; with
   the automatic horizon B is no longer dropped by default. */
static void test_due_issue_case(void)
{
    op_plan *p = op_plan_new();
    CU_ASSERT_FATAL(p != NULL);
    add_team(p, "Backend", 1, 40, 1, 0);
    op_item it;
    tu_item_init(p, &it, "A", "Backend");
    it.duration = 2;
    it.earliest_week = 2;
    int a = op_plan_add_item(p, &it, NULL);
    CU_ASSERT_FATAL(a >= 0);
    op_ref crew = {op_plan_intern(p, "Backend"), -1, hand_loc(2, 15)};
    CU_ASSERT_FATAL(op_plan_item_add_crew(p, a, &crew, 1) == 0);
    int b = tu_add_item(p, "B", "Backend", 40, 1, 3, 3, 1, OP_IMPACT_NONE);
    validate_ok(p);
    for (int strict_due = 0; strict_due <= 1; strict_due++) {
        op_solver_opts o = due_opts(10, strict_due);
        op_solution *sol = solve_with(p, &o);
        op_eval *e = eval_optimal(p, sol, op_solver_eval_rules(&o));
        CU_ASSERT_EQUAL(op_eval_item(e, b)->start_week, 3);
        CU_ASSERT_EQUAL(op_eval_item(e, b)->end_week, 3);
        CU_ASSERT_EQUAL(op_eval_item(e, a)->start_week, 4);
        CU_ASSERT_EQUAL(op_eval_item(e, a)->end_week, 5);
        CU_ASSERT_EQUAL(op_eval_total_lateness(e), 0);
        op_eval_free(e);
        op_solution_free(sol);
    }
    op_solver_opts o = due_opts(0, 0);
    op_solution *sol = solve_with(p, &o);
    op_eval *e = eval_optimal(p, sol, op_solver_eval_rules(&o));
    CU_ASSERT_EQUAL(sol->ndeferred, 0);
    CU_ASSERT_EQUAL(op_eval_scheduled_count(e), 2);
    CU_ASSERT_EQUAL(op_eval_item_lateness(e), op_eval_item(e, b)->end_week - 3);
    op_eval_free(e);
    op_solution_free(sol);
    op_plan_free(p);
}

/* Phase entry: G2's exit item starts only after G1 (which G2 requires) passed. */
static void test_gate_entry_phase(void)
{
    op_plan *p = op_plan_new();
    CU_ASSERT_FATAL(p != NULL);
    add_team(p, "Dev", 2, 40, 1, 0);
    int a = add_item(p, "A", "Dev", 40, 1, 0, 0);
    int b = add_item(p, "B", "Dev", 40, 1, 0, 0);
    int g1 = add_gate(p, "G1", 1, "A", "");
    int g2 = add_gate(p, "G2", 1, "B", "G1");
    validate_ok(p);
    for (int phase = 0; phase <= 1; phase++) {
        op_solution *sol = solve(p, 0, 0, phase);
        op_eval *e = eval_optimal(p, sol, phase);
        CU_ASSERT_EQUAL(op_eval_gate(e, g1)->passed_week, 1);
        CU_ASSERT_EQUAL(op_eval_item(e, a)->end_week, 1);
        if (phase) {
            CU_ASSERT(op_eval_item(e, b)->start_week > op_eval_gate(e, g1)->passed_week);
            CU_ASSERT_EQUAL(op_eval_item(e, b)->start_week, 2);
            CU_ASSERT_EQUAL(op_eval_gate(e, g2)->passed_week, 2);
            CU_ASSERT_EQUAL(op_eval_total_lateness(e), 1);
        } else {
            CU_ASSERT_EQUAL(op_eval_item(e, b)->start_week, 1); /* in parallel */
            CU_ASSERT_EQUAL(op_eval_gate(e, g2)->passed_week, 1);
            CU_ASSERT_EQUAL(op_eval_total_lateness(e), 0);
        }
        op_eval_free(e);
        op_solution_free(sol);
    }
    op_plan_free(p);
}

/* ---- focused work ------------------------------------------------------ */

/* Solves p with --focus mode (OP_FOCUS_*); the result's schedule keeps
   every hard rule. */
static op_solution *solve_focus_due(const op_plan *p, int focus, int strict_due)
{
    op_solver_opts o;
    op_solver_opts_init(&o);
    o.time_limit = 20;
    o.focus = focus;
    o.strict_due = strict_due;
    op_solution *sol = solve_with(p, &o);
    CU_ASSERT_PTR_NOT_NULL_FATAL(sol->schedule);
    op_eval *e = op_eval_new(p, sol->schedule, op_solver_eval_rules(&o));
    CU_ASSERT_PTR_NOT_NULL_FATAL(e);
    CU_ASSERT_EQUAL(op_eval_hard_violations(e), 0);
    op_eval_free(e);
    return sol;
}

static op_solution *solve_focus(const op_plan *p, int focus)
{
    return solve_focus_due(p, focus, 0);
}

/* Hours of item i in weeks 1..3 equal h1, h2, h3. */
static void assert_weeks3(const op_schedule *s, int i, double h1, double h2, double h3)
{
    CU_ASSERT_DOUBLE_EQUAL(op_schedule_get(s, i, 1), h1, 1e-6);
    CU_ASSERT_DOUBLE_EQUAL(op_schedule_get(s, i, 2), h2, 1e-6);
    CU_ASSERT_DOUBLE_EQUAL(op_schedule_get(s, i, 3), h3, 1e-6);
}

/* One 40 h Dev; L (P3, 80 h) and S (P0, 40 h, earliest week 2). Weighted
   completion alone pauses L for S (L S L: S done in week 2); the focus
   stage, before it, keeps L whole (L L S). --focus off gives today's plan
   and stage values; the measure counts week 2 of L there. */
static void test_focus_removes_pause(void)
{
    op_plan *p = op_plan_new();
    CU_ASSERT_FATAL(p != NULL);
    add_team(p, "Dev", 1, 40, 1, 0);
    int l = tu_add_item(p, "L", "Dev", 80, 1, 0, 0, 3, OP_IMPACT_NONE);
    int s = tu_add_item(p, "S", "Dev", 40, 1, 2, 0, 0, OP_IMPACT_NONE);
    validate_ok(p);
    op_solution *sol = solve_focus(p, OP_FOCUS_SOFT);
    CU_ASSERT_EQUAL(sol->status, OP_SOLVE_OPTIMAL);
    assert_weeks3(sol->schedule, l, 40, 40, 0);
    assert_weeks3(sol->schedule, s, 0, 0, 40);
    CU_ASSERT_EQUAL(op_schedule_paused_weeks(p, sol->schedule), 0);
    CU_ASSERT_EQUAL_FATAL(sol->nstages, 5);
    CU_ASSERT_EQUAL(sol->stages[3].stage, OP_STAGE_FOCUS);
    CU_ASSERT_DOUBLE_EQUAL(sol->stages[3].objective, 0, 1e-6);
    CU_ASSERT_DOUBLE_EQUAL(sol->stages[4].objective, 16 * 3 + 4 * 2, 1e-6);
    op_solution_free(sol);

    sol = solve_focus(p, OP_FOCUS_OFF);
    CU_ASSERT_EQUAL(sol->status, OP_SOLVE_OPTIMAL);
    assert_weeks3(sol->schedule, l, 40, 0, 40);
    assert_weeks3(sol->schedule, s, 0, 40, 0);
    int weeks[4];
    CU_ASSERT_EQUAL(op_schedule_item_pauses(p, sol->schedule, l, weeks, 4), 1);
    CU_ASSERT_EQUAL(weeks[0], 2);
    CU_ASSERT_EQUAL_FATAL(sol->nstages, 4);
    CU_ASSERT_EQUAL(sol->stages[0].stage, OP_STAGE_SCHEDULED);
    CU_ASSERT_EQUAL(sol->stages[1].stage, OP_STAGE_LATENESS);
    CU_ASSERT_EQUAL(sol->stages[2].stage, OP_STAGE_FINISH);
    CU_ASSERT_DOUBLE_EQUAL(sol->stages[2].objective, 3, 1e-6);
    CU_ASSERT_EQUAL(sol->stages[3].stage, OP_STAGE_PRIORITY);
    CU_ASSERT_DOUBLE_EQUAL(sol->stages[3].objective, 16 * 2 + 4 * 3, 1e-6);
    op_solution_free(sol);
    op_plan_free(p);
}

/* The Dev team ends after week 3; S (P0, 40 h) is due in week 2, L (P1,
   80 h) needs two of weeks 1-3. Both fit on time only as L S L: the
   lateness stage forces the pause, and soft focus keeps it. --focus hard
   forbids it: with --strict-due S alone, L deferred; with due weeks soft,
   L in weeks 1-2 and S a week late. */
static void test_focus_hard(void)
{
    op_plan *p = op_plan_new();
    CU_ASSERT_FATAL(p != NULL);
    add_team(p, "Dev", 1, 40, 1, 3);
    int l = tu_add_item(p, "L", "Dev", 80, 1, 0, 0, 1, OP_IMPACT_NONE);
    int s = tu_add_item(p, "S", "Dev", 40, 1, 2, 2, 0, OP_IMPACT_NONE);
    validate_ok(p);
    op_solution *sol = solve_focus(p, OP_FOCUS_SOFT);
    CU_ASSERT_EQUAL(sol->status, OP_SOLVE_OPTIMAL);
    CU_ASSERT_EQUAL(sol->ndeferred, 0);
    assert_weeks3(sol->schedule, l, 40, 0, 40);
    assert_weeks3(sol->schedule, s, 0, 40, 0);
    CU_ASSERT_EQUAL(op_schedule_paused_weeks(p, sol->schedule), 1);
    op_solution_free(sol);

    sol = solve_focus(p, OP_FOCUS_HARD);
    CU_ASSERT_EQUAL(sol->status, OP_SOLVE_OPTIMAL);
    CU_ASSERT_EQUAL(sol->ndeferred, 0);
    assert_weeks3(sol->schedule, l, 40, 40, 0);
    assert_weeks3(sol->schedule, s, 0, 0, 40);
    CU_ASSERT_EQUAL(op_schedule_paused_weeks(p, sol->schedule), 0);
    op_solution_free(sol);

    sol = solve_focus_due(p, OP_FOCUS_HARD, 1);
    CU_ASSERT_EQUAL(sol->status, OP_SOLVE_OPTIMAL);
    CU_ASSERT_EQUAL_FATAL(sol->ndeferred, 1);
    CU_ASSERT_EQUAL(sol->deferred[0], l);
    assert_weeks3(sol->schedule, l, 0, 0, 0);
    assert_weeks3(sol->schedule, s, 0, 40, 0);
    CU_ASSERT_EQUAL(op_schedule_paused_weeks(p, sol->schedule), 0);
    op_solution_free(sol);
    op_plan_free(p);
}

int main(void)
{
    static const tu_test tests[] = {
        {"last week = ceil(effort / capacity)", test_capacity_bound},
        {"dependency chain", test_chain},
        {"gate late for lack of capacity", test_gate_late},
        {"deferred items and reasons", test_deferred},
        {"max_people", test_max_people},
        {"earliest_week and due_week", test_windows},
        {"strict gates", test_strict_gates},
        {"gate entry phase", test_gate_entry_phase},
        {"P0 before P1 before P2 before P3", test_priority_lexicographic},
        {"strict gates that need an item left out", test_strict_gates_defer},
        {"a due week missed: late by default, left out with --strict-due", test_due_soft},
        {"the issue's crew item and due week over 10 weeks", test_due_issue_case},
        {"same-week hand-off: four 4 h items in week 1", test_handoff_four_small},
        {"same-week hand-off: a chain over one person-week", test_handoff_chain_over_week},
        {"same-week hand-off across two roles", test_handoff_two_roles},
        {"focus: a pause weighted completion wants is removed", test_focus_removes_pause},
        {"focus hard: a forced pause defers the item", test_focus_hard},
        {NULL, NULL},
    };
    return tu_run("solver", NULL, NULL, tests);
}
