/* test_cli.c - unit tests of the command line's own logic: staff's in-memory replay of its team */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "tests/testutil.h"

/* ---- a small plan by hand --------------------------------------------- */

static int add_item(op_plan *p, const char *id, const char *role, double effort)
{
    return tu_add_item(p, id, role, effort, 1, 0, 0, 1, OP_IMPACT_NONE);
}

/* Dev (40 h, 50 an hour) and Ops (32 h, no cost) from week 1 on; items
   A (Dev), B (Ops, after A), C (Dev; with crew, a two-week crew of Dev and
   Ops); gate G wants B and C by week 6. */
static op_plan *small_plan(int crew)
{
    op_plan *p = op_plan_new();
    CU_ASSERT_FATAL(p != NULL);
    add_team(p, "Dev", 1, 40, 1, 0);
    add_team(p, "Ops", 2, 32, 1, 8);
    op_team_row cost = *op_plan_team_row(p, 0);
    cost.headcount = 0;
    cost.cost_per_hour = 50;
    CU_ASSERT_FATAL(op_plan_add_team_row(p, &cost, NULL) >= 0);
    add_item(p, "A", "Dev", 40);
    add_dep(p, add_item(p, "B", "Ops", 20), "A");
    op_item it;
    tu_item_init(p, &it, "C", "Dev");
    it.duration = crew ? 2 : 0;
    it.effort = 16;
    int c = op_plan_add_item(p, &it, NULL);
    CU_ASSERT_FATAL(c >= 0);
    op_ref dev = {op_plan_intern(p, "Dev"), -1, hand_loc(4, 15)};
    op_ref ops = {op_plan_intern(p, "Ops"), -1, hand_loc(4, 15)};
    CU_ASSERT_FATAL(!crew || op_plan_item_add_crew(p, c, &dev, 1) == 0);
    CU_ASSERT_FATAL(!crew || op_plan_item_add_crew(p, c, &ops, 1) == 0);
    add_gate(p, "G", 6, "B C", "");
    validate_ok(p);
    return p;
}

/* The capacity of every role of p in np, week by week, is the result's
   headcount x hours per person in weeks 1..horizon and nothing after. */
static void check_capacity(const op_plan *p, const op_plan *np, const op_staff_result *res)
{
    CU_ASSERT_EQUAL_FATAL(op_plan_role_count(np), op_plan_role_count(p));
    for (int r = 0; r < op_plan_role_count(p); r++) {
        const char *name = op_plan_role(p, r)->name;
        CU_ASSERT_STRING_EQUAL(op_plan_role(np, r)->name, name); /* same order */
        CU_ASSERT_EQUAL(op_plan_role(np, r)->cost_per_hour, op_plan_role(p, r)->cost_per_hour);
        for (int w = 1; w <= res->horizon + 2; w++) {
            double h = w <= res->horizon ? res->headcount[r * res->horizon + w - 1] : 0;
            double want = h * res->hours_per_person[r];
            if (fabs(op_plan_capacity(np, r, w) - want) > 1e-9)
                fprintf(stderr, "\n  %s week %d: capacity %g, want %g", name, w,
                        op_plan_capacity(np, r, w), want);
            CU_ASSERT_DOUBLE_EQUAL(op_plan_capacity(np, r, w), want, 1e-9);
        }
    }
}

static op_plan *replay_ok(const op_plan *p, const op_staff_result *res)
{
    op_diag *d = op_diag_new(OP_MAX_ERRORS);
    op_plan *np = NULL;
    CU_ASSERT_FATAL(d != NULL);
    op_status st = cli_staff_replay_plan(p, res, &np, d);
    for (int i = 0; i < op_diag_kept(d); i++)
        fprintf(stderr, "\n  unexpected: %s", op_diag_message(d, i));
    CU_ASSERT_EQUAL_FATAL(st, OP_OK);
    CU_ASSERT_FATAL(np != NULL);
    op_diag_free(d);
    return np;
}

/* ---- tests --------------------------------------------------------------- */

/* A phased team: Dev 2 then 3 people, Ops 1, none in weeks 3-4, then 3. */
static void test_replay_phased(void)
{
    op_plan *p = small_plan(1);
    double heads[2 * 6] = {2, 2, 2, 3, 3, 3, /* Dev */ 1, 1, 0, 0, 3, 3 /* Ops */};
    double hours[2] = {40, 30};
    op_staff_result res = {.status = OP_SOLVE_OPTIMAL, .horizon = 6, .nroles = 2,
                           .headcount = heads, .hours_per_person = hours};
    op_plan *np = replay_ok(p, &res);
    check_capacity(p, np, &res);
    /* runs of equal weeks, none without people: Dev 1-3, 4-6; Ops 1-2, 5-6 */
    CU_ASSERT_EQUAL(op_plan_team_row_count(np), 4);
    CU_ASSERT_EQUAL(op_plan_last_capacity_week(np), 6);
    /* items and gates are p's, resolved in np */
    CU_ASSERT_EQUAL(op_plan_item_count(np), 3);
    CU_ASSERT_EQUAL(op_plan_gate_count(np), 1);
    const op_item *b = op_plan_item(np, op_plan_find_item(np, "B"));
    CU_ASSERT_EQUAL_FATAL(b->ndeps, 1);
    CU_ASSERT_EQUAL(b->deps[0].index, op_plan_find_item(np, "A"));
    CU_ASSERT_EQUAL(op_plan_gate(np, 0)->nitems, 2);
    /* the crew item's effort follows the new team: 2 weeks x (40 + 30) h */
    CU_ASSERT_DOUBLE_EQUAL(op_plan_item(np, op_plan_find_item(np, "C"))->effort, 140, 1e-9);
    op_plan_free(np);
    op_plan_free(p);
}

/* A role with nobody in any week stays a role (with no capacity), so that
   its items, done before the planning weeks, still name a role. */
static void test_replay_keeps_empty_role(void)
{
    op_plan *p = small_plan(0);
    op_plan_set_first_week(p, 3);
    op_plan_set_progress(p, op_plan_find_item(p, "B"), 1, 0, 0);
    op_plan_set_progress(p, op_plan_find_item(p, "A"), 0, 1, 12.5);
    double heads[2 * 4] = {1, 1, 1, 1, /* Dev */ 0, 0, 0, 0 /* Ops */};
    double hours[2] = {40, 32};
    op_staff_result res = {.status = OP_SOLVE_FEASIBLE, .horizon = 4, .nroles = 2,
                           .headcount = heads, .hours_per_person = hours};
    op_plan *np = replay_ok(p, &res);
    check_capacity(p, np, &res);
    /* progress and the first planning week come along */
    CU_ASSERT_EQUAL(op_plan_first_week(np), 3);
    const op_item *a = op_plan_item(np, op_plan_find_item(np, "A"));
    const op_item *b = op_plan_item(np, op_plan_find_item(np, "B"));
    CU_ASSERT(a->started && !a->done);
    CU_ASSERT_DOUBLE_EQUAL(a->remaining, 12.5, 1e-12);
    CU_ASSERT(b->done);
    CU_ASSERT_DOUBLE_EQUAL(b->remaining, 0, 1e-12);
    op_plan_free(np);
    op_plan_free(p);
}

/* A team the staffing model really found, replayed: the capacity it
   promised, and a plan on it that meets the gate. */
static void test_replay_of_op_staff(void)
{
    op_plan *p = op_plan_new();
    CU_ASSERT_FATAL(p != NULL);
    add_team(p, "Dev", 1, 40, 1, 0);
    add_item(p, "A", "Dev", 40);
    add_item(p, "B", "Dev", 40);
    add_item(p, "C", "Dev", 40);
    add_gate(p, "G", 2, "A B C", "");
    validate_ok(p);
    op_solver_opts so;
    op_staff_opts sto;
    op_solver_opts_init(&so);
    op_staff_opts_init(&sto);
    so.time_limit = 30;
    op_staff_result *res = NULL;
    op_diag *d = op_diag_new(OP_MAX_ERRORS);
    CU_ASSERT_FATAL(d != NULL);
    CU_ASSERT_EQUAL_FATAL(op_staff(p, &so, &sto, &res, d), OP_OK);
    CU_ASSERT_EQUAL_FATAL(res->status, OP_SOLVE_OPTIMAL);
    CU_ASSERT_DOUBLE_EQUAL(res->headcount[0], 2, 1e-9); /* 120 h by week 2 */
    op_plan *np = replay_ok(p, res);
    check_capacity(p, np, res);
    op_solution *sol = NULL;
    CU_ASSERT_EQUAL_FATAL(op_solve(np, &so, &sol, d), OP_OK);
    op_eval *e = op_eval_new(np, sol->schedule, 0);
    CU_ASSERT_FATAL(e != NULL);
    CU_ASSERT_EQUAL(op_eval_gates_met(e), 1);
    op_eval_free(e);
    op_solution_free(sol);
    op_plan_free(np);
    op_staff_result_free(res);
    op_diag_free(d);
    op_plan_free(p);
}

int main(void)
{
    static const tu_test tests[] = {
        {"staff replay: phased team, runs of weeks", test_replay_phased},
        {"staff replay: a role with nobody, progress kept", test_replay_keeps_empty_role},
        {"staff replay of an op_staff result", test_replay_of_op_staff},
        {NULL, NULL}};
    return tu_run("cli", NULL, NULL, tests);
}
