/* test_model.c - unit tests of the model: diagnostics, schedules, evaluation */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "model/model.h"
#include "tests/testutil.h"

/* ---- building plans by hand ------------------------------------------ */



/* Adds an item; earliest/due 0 = not given. Returns its index. */
static int add_item(op_plan *p, const char *id, const char *role, double effort, int max_people,
                    int earliest, int due)
{
    return tu_add_item(p, id, role, effort, max_people, earliest, due, 1, OP_IMPACT_NONE);
}




static int count_kind(const op_eval *e, op_violation_kind kind)
{
    int n = 0;
    for (int k = 0; k < op_eval_violation_count(e); k++)
        n += op_eval_violation(e, k)->kind == kind;
    return n;
}

static const op_violation *find_kind(const op_eval *e, op_violation_kind kind)
{
    for (int k = 0; k < op_eval_violation_count(e); k++)
        if (op_eval_violation(e, k)->kind == kind)
            return op_eval_violation(e, k);
    return NULL;
}

/* ---- diagnostics ------------------------------------------------------ */

static void test_diag_cap(void)
{
    op_diag *d = op_diag_new(3);
    CU_ASSERT_FATAL(d != NULL);
    CU_ASSERT_EQUAL(op_diag_count(d), 0);
    CU_ASSERT_EQUAL(op_diag_kept(d), 0);
    CU_ASSERT_EQUAL(op_diag_status(d), OP_OK);
    op_loc full = {"f.csv", 2, 3}, line = {"f.csv", 4, 0}, file = {"f.csv", 0, 0};
    op_diag_error(d, OP_ENOINPUT, &full, "first %d", 1);
    op_diag_error(d, OP_EDATA, &line, "second");
    op_diag_error(d, OP_EDATA, &file, "third");
    op_diag_error(d, OP_EDATA, NULL, "fourth");
    op_diag_error(d, OP_ENOMEM, &full, "fifth");
    CU_ASSERT_EQUAL(op_diag_count(d), 5);
    CU_ASSERT_EQUAL(op_diag_kept(d), 3);
    CU_ASSERT_EQUAL(op_diag_status(d), OP_ENOINPUT); /* the first error's class */
    CU_ASSERT_STRING_EQUAL(op_diag_message(d, 0), "f.csv:2:3: first 1");
    CU_ASSERT_STRING_EQUAL(op_diag_message(d, 1), "f.csv:4: second");
    CU_ASSERT_STRING_EQUAL(op_diag_message(d, 2), "f.csv: third");
    op_diag_free(d);
}

static void test_diag_edges(void)
{
    op_diag *d = op_diag_new(0); /* keeps at least one */
    CU_ASSERT_FATAL(d != NULL);
    op_diag_error(d, OP_EDATA, NULL, "no location");
    op_diag_error(d, OP_EDATA, NULL, "dropped");
    CU_ASSERT_EQUAL(op_diag_count(d), 2);
    CU_ASSERT_EQUAL(op_diag_kept(d), 1);
    CU_ASSERT_STRING_EQUAL(op_diag_message(d, 0), "no location");
    op_diag_free(d);

    d = op_diag_new(2);
    CU_ASSERT_FATAL(d != NULL);
    char big[2000];
    memset(big, 'x', sizeof big - 1);
    big[sizeof big - 1] = 0;
    op_loc l = {"f.csv", 1, 1};
    op_diag_error(d, OP_EDATA, &l, "%s", big); /* truncated, not overflowed */
    CU_ASSERT(strncmp(op_diag_message(d, 0), "f.csv:1:1: xxx", 14) == 0);
    CU_ASSERT(strlen(op_diag_message(d, 0)) < 512);
    op_diag_free(d);

    /* NULL collectors are tolerated */
    op_diag_error(NULL, OP_EDATA, NULL, "ignored");
    CU_ASSERT_EQUAL(op_diag_count(NULL), 0);
    CU_ASSERT_EQUAL(op_diag_kept(NULL), 0);
    CU_ASSERT_EQUAL(op_diag_status(NULL), OP_OK);
    op_diag_free(NULL);
}

/* ---- schedules -------------------------------------------------------- */

static void test_schedule_access(void)
{
    op_schedule *s = op_schedule_new(3, 5);
    CU_ASSERT_FATAL(s != NULL);
    CU_ASSERT_EQUAL(op_schedule_items(s), 3);
    CU_ASSERT_EQUAL(op_schedule_weeks(s), 5);
    for (int i = 0; i < 3; i++)
        for (int t = 1; t <= 5; t++)
            CU_ASSERT_DOUBLE_EQUAL(op_schedule_get(s, i, t), 0, 0);
    op_schedule_set(s, 0, 1, 8);
    op_schedule_set(s, 2, 5, 4.5);
    op_schedule_add(s, 2, 5, 1.25);
    op_schedule_add(s, 1, 3, 2);
    CU_ASSERT_DOUBLE_EQUAL(op_schedule_get(s, 0, 1), 8, 1e-12);
    CU_ASSERT_DOUBLE_EQUAL(op_schedule_get(s, 2, 5), 5.75, 1e-12);
    CU_ASSERT_DOUBLE_EQUAL(op_schedule_get(s, 1, 3), 2, 1e-12);
    CU_ASSERT_DOUBLE_EQUAL(op_schedule_get(s, 0, 2), 0, 0);
    /* out of range: reads give 0, writes are ignored */
    CU_ASSERT_DOUBLE_EQUAL(op_schedule_get(s, -1, 1), 0, 0);
    CU_ASSERT_DOUBLE_EQUAL(op_schedule_get(s, 3, 1), 0, 0);
    CU_ASSERT_DOUBLE_EQUAL(op_schedule_get(s, 0, 0), 0, 0);
    CU_ASSERT_DOUBLE_EQUAL(op_schedule_get(s, 0, 6), 0, 0);
    op_schedule_set(s, 0, 6, 99);
    op_schedule_set(s, 0, 0, 99);
    op_schedule_set(s, 3, 1, 99);
    op_schedule_add(s, -1, 1, 99);
    CU_ASSERT_DOUBLE_EQUAL(op_schedule_get(s, 1, 1), 0, 0);
    CU_ASSERT_DOUBLE_EQUAL(op_schedule_get(s, 0, 5), 0, 0);
    CU_ASSERT_DOUBLE_EQUAL(op_schedule_get(s, 2, 4), 0, 0);
    op_schedule_free(s);

    CU_ASSERT_PTR_NULL(op_schedule_new(-1, 5));
    CU_ASSERT_PTR_NULL(op_schedule_new(1, -1));
    CU_ASSERT_PTR_NULL(op_schedule_new(1, OP_MAX_WEEK + 1));
    s = op_schedule_new(0, 0);
    CU_ASSERT_PTR_NOT_NULL(s);
    if (s)
        CU_ASSERT_DOUBLE_EQUAL(op_schedule_get(s, 0, 1), 0, 0);
    op_schedule_free(s);
    op_schedule_free(NULL);
}

static void test_schedule_round(void)
{
    op_schedule *s = op_schedule_new(2, 2);
    CU_ASSERT_FATAL(s != NULL);
    op_schedule_set(s, 0, 1, 1.00000049);
    op_schedule_set(s, 0, 2, 2.0000006);
    op_schedule_set(s, 1, 1, 4e-7);
    op_schedule_set(s, 1, 2, -4e-7);
    op_schedule_round(s);
    CU_ASSERT_DOUBLE_EQUAL(op_schedule_get(s, 0, 1), 1.0, 1e-12);
    CU_ASSERT_DOUBLE_EQUAL(op_schedule_get(s, 0, 2), 2.000001, 1e-12);
    CU_ASSERT_EQUAL(op_schedule_get(s, 1, 1), 0.0);
    CU_ASSERT_EQUAL(op_schedule_get(s, 1, 2), 0.0);
    CU_ASSERT(!signbit(op_schedule_get(s, 1, 2)));
    op_schedule_free(s);
}

/* The hour step: cumulative rounding per item keeps totals, spans and capacity. */
static void test_schedule_round_step(void)
{
    op_plan *p = op_plan_new();
    CU_ASSERT_FATAL(p != NULL);
    add_team(p, "Dev", 1, 40, 1, 6);
    add_team(p, "Ops", 1, 40, 1, 6);
    add_team(p, "Qa", 1, 40, 1, 6);
    int a = tu_add_item(p, "A", "Dev", 40, 1, 0, 0, 1, OP_IMPACT_NONE);
    int b = tu_add_item(p, "B", "Ops", 2.5, 1, 0, 0, 1, OP_IMPACT_NONE);
    int c = tu_add_item(p, "C", "Qa", 40, 1, 0, 0, 1, OP_IMPACT_NONE);
    int d = tu_add_item(p, "D", "Qa", 19.5, 1, 0, 0, 1, OP_IMPACT_NONE);
    int e = tu_add_item(p, "E", "Ops", 1, 1, 0, 0, 1, OP_IMPACT_NONE);
    validate_ok(p);
    op_schedule *s = op_schedule_new(5, 6);
    CU_ASSERT_FATAL(s != NULL);
    /* solver dust: 31.9999 + 0.0001 becomes 32 + 0, the span (1..3) stays */
    op_schedule_set(s, a, 1, 31.9999);
    op_schedule_set(s, a, 2, 0.0001);
    op_schedule_set(s, a, 3, 8);
    /* 2.5 h is no multiple of 1 h: the last week takes the half */
    op_schedule_set(s, b, 1, 1.2);
    op_schedule_set(s, b, 2, 1.3);
    /* Qa is full in week 1: rounding C's 20.5 up would pass capacity, so
       it rounds down and the half hour goes to week 2 */
    op_schedule_set(s, c, 1, 20.5);
    op_schedule_set(s, c, 2, 19.5);
    op_schedule_set(s, d, 1, 19.5);
    /* 1 h over three weeks cannot keep its first and last week in whole
       hours: it keeps its hours */
    op_schedule_set(s, e, 3, 0.3);
    op_schedule_set(s, e, 4, 0.4);
    op_schedule_set(s, e, 5, 0.3);
    CU_ASSERT_EQUAL(op_schedule_round_step(s, p, 1), 1);
    const double want[5][6] = {{32, 0, 8, 0, 0, 0},   {1, 1.5, 0, 0, 0, 0},
                               {20, 20, 0, 0, 0, 0},  {19.5, 0, 0, 0, 0, 0},
                               {0, 0, 0.3, 0.4, 0.3, 0}};
    for (int i = 0; i < 5; i++)
        for (int t = 1; t <= 6; t++)
            CU_ASSERT_DOUBLE_EQUAL(op_schedule_get(s, i, t), want[i][t - 1], 1e-9);
    op_eval *ev = op_eval_new(p, s, 0);
    CU_ASSERT_FATAL(ev != NULL);
    CU_ASSERT_EQUAL(op_eval_hard_violations(ev), 0);
    CU_ASSERT_EQUAL(op_eval_item(ev, a)->end_week, 3);
    op_eval_free(ev);
    /* a quarter step, and step 0 only cleans noise */
    op_schedule_set(s, b, 1, 1.1);
    op_schedule_set(s, b, 2, 1.4);
    CU_ASSERT_EQUAL(op_schedule_round_step(s, p, 0), 0);
    CU_ASSERT_DOUBLE_EQUAL(op_schedule_get(s, b, 1), 1.1, 1e-9);
    op_schedule_round_step(s, p, 0.25);
    CU_ASSERT_DOUBLE_EQUAL(op_schedule_get(s, b, 1), 1.0, 1e-9);
    CU_ASSERT_DOUBLE_EQUAL(op_schedule_get(s, b, 2), 1.5, 1e-9);
    op_schedule_free(s);
    op_plan_free(p);
}

/* ---- plan validation by hand ----------------------------------------- */

static void test_plan_validate(void)
{
    op_plan *p = op_plan_new();
    CU_ASSERT_FATAL(p != NULL);
    add_team(p, "Dev", 1, 40, 1, 4);
    add_team(p, "QA", 1, 20, 3, 0);
    int a = add_item(p, "A", "Dev", 10, 1, 0, 0);
    int b = add_item(p, "B", "QA", 10, 1, 0, 0);
    add_dep(p, a, "B");
    add_gate(p, "G2", 5, "A", "G1");
    add_gate(p, "G1", 3, "B", "");
    validate_ok(p);
    CU_ASSERT_EQUAL(op_plan_role_count(p), 2);
    CU_ASSERT_EQUAL(op_plan_item(p, a)->role.index, op_plan_find_role(p, "Dev"));
    CU_ASSERT_EQUAL(op_plan_item(p, a)->deps[0].index, b);
    CU_ASSERT_EQUAL(op_plan_topo_order(p)[0], b);
    CU_ASSERT_EQUAL(op_plan_topo_order(p)[1], a);
    CU_ASSERT_EQUAL(op_plan_gate_order(p)[0], op_plan_find_gate(p, "G1"));
    CU_ASSERT_EQUAL(op_plan_max_deadline(p), 5);
    CU_ASSERT_EQUAL(op_plan_last_capacity_week(p), OP_MAX_WEEK);
    CU_ASSERT_DOUBLE_EQUAL(op_plan_capacity(p, op_plan_find_role(p, "Dev"), 5), 0, 0);
    op_plan_free(p);

    /* unknown role, unknown gate, gate requiring itself */
    p = op_plan_new();
    CU_ASSERT_FATAL(p != NULL);
    add_team(p, "Dev", 1, 40, 1, 0);
    add_item(p, "A", "Ops", 10, 1, 0, 0);
    add_gate(p, "G1", 3, "A", "G1 G9");
    op_diag *d = op_diag_new(OP_MAX_ERRORS);
    CU_ASSERT_FATAL(d != NULL);
    CU_ASSERT_EQUAL(op_plan_validate(p, d), OP_EDATA);
    CU_ASSERT_EQUAL_FATAL(op_diag_count(d), 3);
    CU_ASSERT_STRING_EQUAL(op_diag_message(d, 0),
                           "hand.csv:2:6: unknown role \"Ops\" (not a role of the team)");
    CU_ASSERT_STRING_EQUAL(op_diag_message(d, 1), "hand.csv:3:4: gate \"G1\" requires itself");
    CU_ASSERT_STRING_EQUAL(op_diag_message(d, 2), "hand.csv:3:4: unknown gate \"G9\" in requires");
    op_diag_free(d);
    op_plan_free(p);
}

/* ---- evaluation ------------------------------------------------------- */

static void test_eval_clean(void)
{
    op_plan *p = op_plan_new();
    CU_ASSERT_FATAL(p != NULL);
    add_team(p, "Dev", 1, 40, 1, 10);
    int a = add_item(p, "A", "Dev", 40, 1, 0, 0);
    int b = add_item(p, "B", "Dev", 20, 1, 0, 3);
    add_dep(p, b, "A");
    add_gate(p, "M1", 3, "A B", "");
    validate_ok(p);
    op_schedule *s = op_schedule_new(2, 4);
    CU_ASSERT_FATAL(s != NULL);
    op_schedule_set(s, a, 1, 40);
    op_schedule_set(s, b, 2, 20);
    op_eval *e = op_eval_new(p, s, 1);
    CU_ASSERT_FATAL(e != NULL);
    CU_ASSERT_EQUAL(op_eval_violation_count(e), 0);
    CU_ASSERT_EQUAL(op_eval_hard_violations(e), 0);
    CU_ASSERT_EQUAL(op_eval_weeks(e), 4);
    CU_ASSERT_EQUAL(op_eval_item(e, a)->start_week, 1);
    CU_ASSERT_EQUAL(op_eval_item(e, a)->end_week, 1);
    CU_ASSERT(op_eval_item(e, a)->done);
    CU_ASSERT_DOUBLE_EQUAL(op_eval_item(e, b)->hours, 20, 1e-9);
    CU_ASSERT_EQUAL(op_eval_item(e, b)->start_week, 2);
    CU_ASSERT_EQUAL(op_eval_gate(e, 0)->passed_week, 2);
    CU_ASSERT_EQUAL(op_eval_gate(e, 0)->lateness, 0);
    CU_ASSERT_EQUAL(op_eval_gate(e, 0)->nlate_items, 0);
    CU_ASSERT_EQUAL(op_eval_gates_met(e), 1);
    CU_ASSERT_EQUAL(op_eval_total_lateness(e), 0);
    CU_ASSERT_EQUAL(op_eval_last_week(e), 2);
    CU_ASSERT_EQUAL(op_eval_scheduled_count(e), 2);
    CU_ASSERT_DOUBLE_EQUAL(op_eval_load(e, 0, 1), 40, 1e-9);
    CU_ASSERT_DOUBLE_EQUAL(op_eval_load(e, 0, 2), 20, 1e-9);
    CU_ASSERT_DOUBLE_EQUAL(op_eval_load(e, 0, 5), 0, 0);
    CU_ASSERT_DOUBLE_EQUAL(op_eval_load(e, 1, 1), 0, 0);
    op_eval_free(e);
    op_schedule_free(s);
    op_plan_free(p);
}

/* op_eval_compare: more (weighted) items first, then lateness, then the
   last week; symmetric, 0 for equal figures. */
static void test_eval_compare(void)
{
    op_plan *p = op_plan_new();
    CU_ASSERT_FATAL(p != NULL);
    add_team(p, "Dev", 1, 40, 1, 10);
    int a = add_item(p, "A", "Dev", 40, 1, 0, 0);
    int b = add_item(p, "B", "Dev", 40, 1, 0, 0);
    add_gate(p, "M1", 1, "A", "");
    validate_ok(p);
    op_schedule *s[4];
    for (int k = 0; k < 4; k++) {
        s[k] = op_schedule_new(2, 6);
        CU_ASSERT_FATAL(s[k] != NULL);
    }
    op_schedule_set(s[0], a, 1, 40); /* both, on time, last week 2 */
    op_schedule_set(s[0], b, 2, 40);
    op_schedule_set(s[1], a, 2, 40); /* both, M1 one week late */
    op_schedule_set(s[1], b, 1, 40);
    op_schedule_set(s[2], a, 1, 40); /* both, on time, last week 5 */
    op_schedule_set(s[2], b, 5, 40);
    op_schedule_set(s[3], a, 1, 40); /* A alone */
    op_eval *e[4];
    for (int k = 0; k < 4; k++) {
        e[k] = op_eval_new(p, s[k], 0);
        CU_ASSERT_FATAL(e[k] != NULL);
    }
    CU_ASSERT(op_eval_compare(p, e[0], e[1]) < 0); /* less lateness */
    CU_ASSERT(op_eval_compare(p, e[1], e[0]) > 0);
    CU_ASSERT(op_eval_compare(p, e[0], e[2]) < 0); /* earlier last week */
    CU_ASSERT(op_eval_compare(p, e[1], e[3]) < 0); /* more items beat lateness */
    CU_ASSERT(op_eval_compare(p, e[3], e[2]) > 0);
    CU_ASSERT_EQUAL(op_eval_compare(p, e[2], e[2]), 0);
    for (int k = 0; k < 4; k++) {
        op_eval_free(e[k]);
        op_schedule_free(s[k]);
    }
    op_plan_free(p);
}

/* op_plan_gate_needs: the gates required transitively, their exit items
   and those items' dependencies, nothing else. */
static void test_gate_needs(void)
{
    op_plan *p = op_plan_new();
    CU_ASSERT_FATAL(p != NULL);
    add_team(p, "Dev", 1, 40, 1, 10);
    int a = add_item(p, "A", "Dev", 8, 1, 0, 0);
    int b = add_item(p, "B", "Dev", 8, 1, 0, 0);
    int c = add_item(p, "C", "Dev", 8, 1, 0, 0);
    int x = add_item(p, "X", "Dev", 8, 1, 0, 0);
    add_dep(p, b, "A");
    add_gate(p, "G1", 2, "B", "");
    add_gate(p, "G2", 4, "C", "G1");
    add_gate(p, "G3", 6, "X", "");
    validate_ok(p);
    char gates[3], items[4];
    memset(gates, 7, sizeof gates);
    op_plan_gate_needs(p, op_plan_find_gate(p, "G2"), gates, items);
    CU_ASSERT(gates[op_plan_find_gate(p, "G1")] && gates[op_plan_find_gate(p, "G2")]);
    CU_ASSERT_EQUAL(gates[op_plan_find_gate(p, "G3")], 0);
    CU_ASSERT(items[a] && items[b] && items[c]); /* A only as B's dependency */
    CU_ASSERT_EQUAL(items[x], 0);
    op_plan_gate_needs(p, op_plan_find_gate(p, "G1"), gates, NULL);
    CU_ASSERT_EQUAL(gates[op_plan_find_gate(p, "G2")], 0);
    op_plan_free(p);
}

static void test_eval_over_capacity(void)
{
    op_plan *p = op_plan_new();
    CU_ASSERT_FATAL(p != NULL);
    add_team(p, "Dev", 1, 40, 1, 10);
    add_team(p, "Dev", 1, 40, 3, 3);
    int a = add_item(p, "A", "Dev", 50, 2, 0, 0);
    int b = add_item(p, "B", "Dev", 50, 2, 0, 0);
    validate_ok(p);
    op_schedule *s = op_schedule_new(2, 3);
    CU_ASSERT_FATAL(s != NULL);
    op_schedule_set(s, a, 1, 50); /* 50 > 40 in week 1 */
    op_schedule_set(s, b, 3, 50); /* 50 <= 80 in week 3 */
    op_eval *e = op_eval_new(p, s, 0);
    CU_ASSERT_FATAL(e != NULL);
    CU_ASSERT_EQUAL(op_eval_violation_count(e), 1);
    const op_violation *v = find_kind(e, OP_V_OVER_CAPACITY);
    CU_ASSERT_FATAL(v != NULL);
    CU_ASSERT_EQUAL(v->item, -1);
    CU_ASSERT_EQUAL(v->role, 0);
    CU_ASSERT_EQUAL(v->week, 1);
    CU_ASSERT_DOUBLE_EQUAL(v->a, 50, 1e-9);
    CU_ASSERT_DOUBLE_EQUAL(v->b, 40, 1e-9);
    CU_ASSERT_EQUAL(op_eval_hard_violations(e), 1);
    op_eval_free(e);
    op_schedule_free(s);
    op_plan_free(p);
}

static void test_eval_max_people(void)
{
    op_plan *p = op_plan_new();
    CU_ASSERT_FATAL(p != NULL);
    add_team(p, "Dev", 3, 40, 1, 0);
    int a = add_item(p, "A", "Dev", 100, 2, 0, 0);
    validate_ok(p);
    CU_ASSERT_DOUBLE_EQUAL(op_plan_item_week_cap(p, a, 1), 80, 1e-9);
    op_schedule *s = op_schedule_new(1, 2);
    CU_ASSERT_FATAL(s != NULL);
    op_schedule_set(s, a, 1, 100); /* capacity 120 is fine, two people give 80 */
    op_eval *e = op_eval_new(p, s, 0);
    CU_ASSERT_FATAL(e != NULL);
    CU_ASSERT_EQUAL(op_eval_violation_count(e), 1);
    const op_violation *v = find_kind(e, OP_V_MAX_PEOPLE);
    CU_ASSERT_FATAL(v != NULL);
    CU_ASSERT_EQUAL(v->item, a);
    CU_ASSERT_EQUAL(v->week, 1);
    CU_ASSERT_DOUBLE_EQUAL(v->a, 100, 1e-9);
    CU_ASSERT_DOUBLE_EQUAL(v->b, 80, 1e-9);
    op_eval_free(e);

    op_schedule_set(s, a, 1, 80);
    op_schedule_set(s, a, 2, 20);
    e = op_eval_new(p, s, 0);
    CU_ASSERT_FATAL(e != NULL);
    CU_ASSERT_EQUAL(op_eval_violation_count(e), 0);
    op_eval_free(e);
    op_schedule_free(s);
    op_plan_free(p);
}

static void test_eval_dependency(void)
{
    op_plan *p = op_plan_new();
    CU_ASSERT_FATAL(p != NULL);
    add_team(p, "Dev", 2, 40, 1, 0);
    int a = add_item(p, "A", "Dev", 40, 1, 0, 0);
    int b = add_item(p, "B", "Dev", 20, 1, 0, 0);
    add_dep(p, b, "A");
    validate_ok(p);
    op_schedule *s = op_schedule_new(2, 4);
    CU_ASSERT_FATAL(s != NULL);
    op_schedule_set(s, a, 2, 40);
    op_schedule_set(s, b, 2, 20); /* same week as A ends: too early */
    op_eval *e = op_eval_new(p, s, OP_EVAL_NEXT_WEEK);
    CU_ASSERT_FATAL(e != NULL);
    CU_ASSERT_EQUAL(op_eval_violation_count(e), 1);
    const op_violation *v = find_kind(e, OP_V_DEPENDENCY);
    CU_ASSERT_FATAL(v != NULL);
    CU_ASSERT_EQUAL(v->item, b);
    CU_ASSERT_EQUAL(v->other, a);
    CU_ASSERT_EQUAL(v->week, 2);
    CU_ASSERT_DOUBLE_EQUAL(v->b, 2, 0);
    op_eval_free(e);

    /* A never finishes: B depends on unfinished work */
    op_schedule_set(s, a, 2, 10);
    op_schedule_set(s, b, 2, 0);
    op_schedule_set(s, b, 4, 20);
    e = op_eval_new(p, s, 0);
    CU_ASSERT_FATAL(e != NULL);
    CU_ASSERT_EQUAL(count_kind(e, OP_V_DEPENDENCY), 1);
    CU_ASSERT_EQUAL(count_kind(e, OP_V_UNDER), 1);
    v = find_kind(e, OP_V_DEPENDENCY);
    CU_ASSERT_FATAL(v != NULL);
    CU_ASSERT_EQUAL(v->week, 4);
    CU_ASSERT_DOUBLE_EQUAL(v->b, 0, 0);
    CU_ASSERT_FALSE(op_eval_item(e, a)->done);
    op_eval_free(e);

    op_schedule_set(s, a, 2, 40);
    e = op_eval_new(p, s, 0);
    CU_ASSERT_FATAL(e != NULL);
    CU_ASSERT_EQUAL(op_eval_violation_count(e), 0);
    op_eval_free(e);
    op_schedule_free(s);
    op_plan_free(p);
}

/* Same-week hand-offs: a chain within one week over one person's week is flagged; one
   within it is not; with OP_EVAL_NEXT_WEEK any same-week start is a dependency violation. */
static void test_eval_handoff(void)
{
    op_plan *p = op_plan_new();
    CU_ASSERT_FATAL(p != NULL);
    add_team(p, "Dev", 3, 40, 1, 0);
    int a = add_item(p, "A", "Dev", 30, 1, 0, 0);
    int b = add_item(p, "B", "Dev", 30, 1, 0, 0);
    add_dep(p, b, "A");
    validate_ok(p);
    op_schedule *s = op_schedule_new(2, 4);
    CU_ASSERT_FATAL(s != NULL);
    op_schedule_set(s, a, 1, 30);
    op_schedule_set(s, b, 1, 30); /* 60 h of chain in week 1 */
    op_eval *e = op_eval_new(p, s, 0);
    CU_ASSERT_FATAL(e != NULL);
    CU_ASSERT_EQUAL(op_eval_violation_count(e), 1);
    const op_violation *v = find_kind(e, OP_V_HANDOFF);
    CU_ASSERT_FATAL(v != NULL);
    CU_ASSERT_EQUAL(v->item, b);
    CU_ASSERT_EQUAL(v->other, a);
    CU_ASSERT_EQUAL(v->week, 1);
    CU_ASSERT_DOUBLE_EQUAL(v->a, 60, 1e-9);
    CU_ASSERT_DOUBLE_EQUAL(v->b, 40, 1e-9);
    op_eval_free(e);
    /* A's last 10 h in week 2, then B's 30: 40 h, one person-week */
    op_schedule_free(s);
    s = op_schedule_new(2, 4);
    CU_ASSERT_FATAL(s != NULL);
    op_schedule_set(s, a, 1, 20);
    op_schedule_set(s, a, 2, 10);
    op_schedule_set(s, b, 2, 30);
    e = op_eval_new(p, s, 0);
    CU_ASSERT_FATAL(e != NULL);
    CU_ASSERT_EQUAL(op_eval_violation_count(e), 0);
    op_eval_free(e);
    e = op_eval_new(p, s, OP_EVAL_NEXT_WEEK);
    CU_ASSERT_FATAL(e != NULL);
    CU_ASSERT_EQUAL(count_kind(e, OP_V_DEPENDENCY), 1);
    CU_ASSERT_EQUAL(count_kind(e, OP_V_HANDOFF), 0);
    op_eval_free(e);
    op_schedule_free(s);
    op_plan_free(p);
}

/* A chain of three 15 h items in one week: 30 h, then 45 h past one 40 h person-week. */
static void test_eval_handoff_chain(void)
{
    op_plan *p = op_plan_new();
    CU_ASSERT_FATAL(p != NULL);
    add_team(p, "Dev", 3, 40, 1, 0);
    int a = add_item(p, "A", "Dev", 15, 1, 0, 0);
    int b = add_item(p, "B", "Dev", 15, 1, 0, 0);
    int c = add_item(p, "C", "Dev", 15, 1, 0, 0);
    add_dep(p, b, "A");
    add_dep(p, c, "B");
    validate_ok(p);
    op_schedule *s = op_schedule_new(3, 2);
    CU_ASSERT_FATAL(s != NULL);
    for (int i = a; i <= c; i++)
        op_schedule_set(s, i, 1, 15);
    op_eval *e = op_eval_new(p, s, 0);
    CU_ASSERT_FATAL(e != NULL);
    CU_ASSERT_EQUAL(op_eval_violation_count(e), 1);
    const op_violation *v = find_kind(e, OP_V_HANDOFF);
    CU_ASSERT_FATAL(v != NULL);
    CU_ASSERT_EQUAL(v->item, c);
    CU_ASSERT_DOUBLE_EQUAL(v->a, 45, 1e-9);
    op_eval_free(e);
    op_schedule_free(s);
    op_plan_free(p);
}

static void test_eval_gates(void)
{
    op_plan *p = op_plan_new();
    CU_ASSERT_FATAL(p != NULL);
    add_team(p, "Dev", 2, 40, 1, 0);
    int a = add_item(p, "A", "Dev", 10, 1, 0, 0);
    int b = add_item(p, "B", "Dev", 10, 1, 0, 0);
    int c = add_item(p, "C", "Dev", 10, 1, 0, 0);
    int g3 = add_gate(p, "M3", 5, "A", "M1");   /* items done early, waits for M1 */
    int g2 = add_gate(p, "M2", 3, "C", "M1");   /* C never scheduled */
    int g1 = add_gate(p, "M1", 2, "A B", "");   /* B done in week 4 */
    validate_ok(p);
    op_schedule *s = op_schedule_new(3, 6);
    CU_ASSERT_FATAL(s != NULL);
    op_schedule_set(s, a, 1, 10);
    op_schedule_set(s, b, 3, 4);
    op_schedule_set(s, b, 4, 6);
    op_eval *e = op_eval_new(p, s, 0);
    CU_ASSERT_FATAL(e != NULL);
    const op_gate_eval *m1 = op_eval_gate(e, g1), *m2 = op_eval_gate(e, g2),
                       *m3 = op_eval_gate(e, g3);
    CU_ASSERT_EQUAL(m1->passed_week, 4);
    CU_ASSERT_EQUAL(m1->lateness, 2);
    CU_ASSERT_EQUAL_FATAL(m1->nlate_items, 1);
    CU_ASSERT_EQUAL(m1->late_items[0], b);
    CU_ASSERT_EQUAL(m3->passed_week, 4); /* the required gate's week */
    CU_ASSERT_EQUAL(m3->lateness, 0);
    CU_ASSERT_EQUAL(m2->passed_week, 0); /* never passed: weeks + 1 - deadline */
    CU_ASSERT_EQUAL(m2->lateness, 6 + 1 - 3);
    CU_ASSERT_EQUAL_FATAL(m2->nlate_items, 1);
    CU_ASSERT_EQUAL(m2->late_items[0], c);
    CU_ASSERT_EQUAL(op_eval_gates_met(e), 1);
    CU_ASSERT_EQUAL(op_eval_total_lateness(e), 2 + 4);
    CU_ASSERT_EQUAL(op_eval_scheduled_count(e), 2);
    CU_ASSERT_EQUAL(op_eval_last_week(e), 4);
    /* the unscheduled item is reported but is not a hard violation */
    CU_ASSERT_EQUAL(op_eval_violation_count(e), 1);
    CU_ASSERT_EQUAL(count_kind(e, OP_V_UNSCHEDULED), 1);
    CU_ASSERT_EQUAL(op_eval_hard_violations(e), 0);
    op_eval_free(e);

    /* the phase-entry rule: C (exit item of M2) starts before M1 passed */
    op_schedule_set(s, c, 2, 10);
    e = op_eval_new(p, s, 1);
    CU_ASSERT_FATAL(e != NULL);
    CU_ASSERT_EQUAL(count_kind(e, OP_V_GATE_ENTRY), 2); /* C before M1, A before M1 */
    CU_ASSERT_EQUAL(op_eval_gate(e, g2)->passed_week, 4);
    CU_ASSERT_EQUAL(op_eval_gate(e, g2)->lateness, 1);
    op_eval_free(e);
    e = op_eval_new(p, s, 0);
    CU_ASSERT_FATAL(e != NULL);
    CU_ASSERT_EQUAL(count_kind(e, OP_V_GATE_ENTRY), 0);
    op_eval_free(e);
    op_schedule_free(s);
    op_plan_free(p);
}

static void test_eval_unscheduled(void)
{
    op_plan *p = op_plan_new();
    CU_ASSERT_FATAL(p != NULL);
    add_team(p, "Dev", 1, 40, 1, 0);
    add_item(p, "A", "Dev", 10, 1, 0, 0);
    add_item(p, "B", "Dev", 10, 1, 0, 0);
    add_gate(p, "M1", 8, "A", "");
    validate_ok(p);
    op_schedule *s = op_schedule_new(2, 10);
    CU_ASSERT_FATAL(s != NULL);
    op_schedule_set(s, 1, 2, 1e-6); /* below the tolerance: still unscheduled */
    op_eval *e = op_eval_new(p, s, 0);
    CU_ASSERT_FATAL(e != NULL);
    CU_ASSERT_EQUAL(op_eval_scheduled_count(e), 0);
    CU_ASSERT_EQUAL(count_kind(e, OP_V_UNSCHEDULED), 2);
    CU_ASSERT_EQUAL(op_eval_violation_count(e), 2);
    CU_ASSERT_EQUAL(op_eval_hard_violations(e), 0);
    CU_ASSERT_EQUAL(op_eval_last_week(e), 0);
    CU_ASSERT_EQUAL(op_eval_item(e, 0)->start_week, 0);
    CU_ASSERT_FALSE(op_eval_item(e, 1)->done);
    CU_ASSERT_EQUAL(op_eval_gate(e, 0)->passed_week, 0);
    CU_ASSERT_EQUAL(op_eval_gate(e, 0)->lateness, 10 + 1 - 8);
    const op_violation *v = find_kind(e, OP_V_UNSCHEDULED);
    CU_ASSERT_FATAL(v != NULL);
    CU_ASSERT_DOUBLE_EQUAL(v->b, 10, 0);
    op_eval_free(e);
    op_schedule_free(s);
    op_plan_free(p);
}

static void test_eval_item_rules(void)
{
    op_plan *p = op_plan_new();
    CU_ASSERT_FATAL(p != NULL);
    add_team(p, "Dev", 4, 40, 1, 0);
    int a = add_item(p, "A", "Dev", 40, 1, 3, 0); /* earliest 3 */
    int b = add_item(p, "B", "Dev", 10, 1, 0, 2); /* due 2 */
    int c = add_item(p, "C", "Dev", 20, 1, 0, 0);
    int d = add_item(p, "D", "Dev", 5, 1, 0, 0);
    validate_ok(p);
    op_schedule *s = op_schedule_new(4, 5);
    CU_ASSERT_FATAL(s != NULL);
    op_schedule_set(s, a, 2, 40);
    op_schedule_set(s, b, 3, 10);
    op_schedule_set(s, c, 1, 10);
    op_schedule_set(s, d, 1, 8);
    /* by default B's due week missed is lateness, not a violation */
    op_eval *e = op_eval_new(p, s, 0);
    CU_ASSERT_FATAL(e != NULL);
    CU_ASSERT_EQUAL(op_eval_violation_count(e), 3);
    CU_ASSERT_PTR_NULL(find_kind(e, OP_V_DUE));
    CU_ASSERT_EQUAL(op_eval_item(e, b)->late, 1);
    CU_ASSERT_EQUAL(op_eval_item(e, a)->late, 0);
    CU_ASSERT_EQUAL(op_eval_item_lateness(e), 1);
    CU_ASSERT_EQUAL(op_eval_gate_lateness(e), 0);
    CU_ASSERT_EQUAL(op_eval_total_lateness(e), 1);
    CU_ASSERT_EQUAL(op_eval_hard_violations(e), 3);
    op_eval_free(e);
    /* --strict-due: the same schedule breaks the due rule and is not late */
    e = op_eval_new(p, s, OP_EVAL_STRICT_DUE);
    CU_ASSERT_FATAL(e != NULL);
    CU_ASSERT_EQUAL(op_eval_violation_count(e), 4);
    CU_ASSERT_EQUAL(op_eval_item(e, b)->late, 0);
    CU_ASSERT_EQUAL(op_eval_total_lateness(e), 0);
    const op_violation *v = find_kind(e, OP_V_EARLY);
    CU_ASSERT_FATAL(v != NULL);
    CU_ASSERT_EQUAL(v->item, a);
    CU_ASSERT_DOUBLE_EQUAL(v->a, 2, 0);
    CU_ASSERT_DOUBLE_EQUAL(v->b, 3, 0);
    v = find_kind(e, OP_V_DUE);
    CU_ASSERT_FATAL(v != NULL);
    CU_ASSERT_EQUAL(v->item, b);
    CU_ASSERT_EQUAL(v->week, 3);
    v = find_kind(e, OP_V_UNDER);
    CU_ASSERT_FATAL(v != NULL);
    CU_ASSERT_EQUAL(v->item, c);
    CU_ASSERT_DOUBLE_EQUAL(v->a, 10, 1e-9);
    v = find_kind(e, OP_V_OVER);
    CU_ASSERT_FATAL(v != NULL);
    CU_ASSERT_EQUAL(v->item, d);
    CU_ASSERT_DOUBLE_EQUAL(v->a, 8, 1e-9);
    CU_ASSERT_DOUBLE_EQUAL(v->b, 5, 1e-9);
    CU_ASSERT_EQUAL(op_eval_hard_violations(e), 4);
    op_eval_free(e);
    op_schedule_free(s);
    op_plan_free(p);
}

/* Paused weeks: weeks strictly inside an item's span without hours while
   its role has capacity; a week the role is away (week 3) and hours below
   OP_EPS outside the span do not count. */
static void test_paused_weeks(void)
{
    op_plan *p = op_plan_new();
    CU_ASSERT_FATAL(p != NULL);
    add_team(p, "Dev", 1, 40, 1, 2);
    add_team(p, "Dev", 1, 40, 4, 0);
    int a = add_item(p, "A", "Dev", 30, 1, 0, 0);
    int b = add_item(p, "B", "Dev", 5, 1, 0, 0);
    int c = add_item(p, "C", "Dev", 5, 1, 0, 0);
    validate_ok(p);
    op_schedule *s = op_schedule_new(3, 6);
    CU_ASSERT_FATAL(s != NULL);
    op_schedule_set(s, a, 1, 10);
    op_schedule_set(s, a, 4, 10);
    op_schedule_set(s, a, 6, 10);
    op_schedule_set(s, b, 2, 5);
    op_schedule_set(s, c, 4, 1e-9);
    op_schedule_set(s, c, 6, 5);
    int weeks[4] = {0, 0, 0, 0};
    CU_ASSERT_EQUAL(op_schedule_item_pauses(p, s, a, weeks, 4), 2);
    CU_ASSERT_EQUAL(weeks[0], 2);
    CU_ASSERT_EQUAL(weeks[1], 5);
    weeks[1] = 0;
    CU_ASSERT_EQUAL(op_schedule_item_pauses(p, s, a, weeks, 1), 2); /* writes one */
    CU_ASSERT_EQUAL(weeks[1], 0);
    CU_ASSERT_EQUAL(op_schedule_item_pauses(p, s, b, weeks, 4), 0);
    CU_ASSERT_EQUAL(op_schedule_item_pauses(p, s, c, weeks, 4), 0);
    CU_ASSERT_EQUAL(op_schedule_paused_weeks(p, s), 2);
    op_schedule_set(s, a, 5, 10);
    CU_ASSERT_EQUAL(op_schedule_paused_weeks(p, s), 1);
    op_schedule_free(s);
    op_plan_free(p);
}

/* Dates: known days, round trips over every day of 1900..2999, and the
   malformed and impossible dates rejected. */
static void test_calendar(void)
{
    op_date d, e;
    char buf[OP_DATE_LEN];
    CU_ASSERT_EQUAL(op_date_parse("1970-01-01", &d), 0);
    CU_ASSERT_EQUAL(d, 0);
    CU_ASSERT_EQUAL(op_date_parse("2027-01-04", &d), 0);
    CU_ASSERT_EQUAL(op_date_weekday(d), 0); /* a Monday */
    CU_ASSERT_EQUAL(op_date_parse("2000-02-29", &e), 0);
    CU_ASSERT_EQUAL(op_date_weekday(e), 1); /* a Tuesday */
    op_date_format(op_week_monday(d, 11), buf);
    CU_ASSERT_STRING_EQUAL(buf, "2027-03-15");
    CU_ASSERT_EQUAL(op_week_of_date(d, op_week_monday(d, 11) + 6), 11);
    CU_ASSERT_EQUAL(op_week_of_date(d, d - 1), 0);
    CU_ASSERT_EQUAL(op_week_of_date(d, d - 7), 0);
    CU_ASSERT_EQUAL(op_week_of_date(d, d - 8), -1);
    op_date_format(op_period_date(d, OP_PERIOD_WEEK, 1, 1), buf);
    CU_ASSERT_STRING_EQUAL(buf, "2027-01-08");
    op_date_format(op_period_date(d, OP_PERIOD_DAY, 6, 0), buf);
    CU_ASSERT_STRING_EQUAL(buf, "2027-01-11"); /* day 6 is the next Monday */
    op_date a, b;
    op_date_parse("1900-01-01", &a);
    op_date_parse("2999-12-31", &b);
    int bad = 0;
    for (op_date x = a; x <= b; x++) {
        op_date y = 0;
        op_date_format(x, buf);
        bad += op_date_parse(buf, &y) != 0 || y != x || op_date_weekday(x) != op_date_weekday(x - 7);
    }
    CU_ASSERT_EQUAL(bad, 0);
    static const char *const wrong[] = {"2027-02-29", "2027-13-01", "2027-00-10", "2027-04-31",
                                        "1900-02-29", "27-01-04",   "2027-1-04",  "2027/01/04",
                                        "2027-01-04x", "3000-01-01", "",          "abcd-ef-gh"};
    for (size_t k = 0; k < sizeof wrong / sizeof *wrong; k++)
        CU_ASSERT_EQUAL(op_date_parse(wrong[k], &d), -1);
    CU_ASSERT_EQUAL(op_date_parse("2024-02-29", &d), 0);
    CU_ASSERT_TRUE(op_date_looks_like("2027-99-99"));
    CU_ASSERT_FALSE(op_date_looks_like("12"));
}

/* Dates to periods: the week holding a day; in days the day itself, a
   weekend the next Monday (first days) or the Friday before (last days). */
static void test_period_of_date(void)
{
    op_date mon, d;
    op_date_parse("2027-01-04", &mon);
    op_date_parse("2027-01-20", &d); /* Wednesday of week 3 */
    CU_ASSERT_EQUAL(op_period_of_date(OP_PERIOD_WEEK, mon, d, 1), 3);
    CU_ASSERT_EQUAL(op_period_of_date(OP_PERIOD_DAY, mon, d, 1), 13);
    CU_ASSERT_EQUAL(op_period_of_date(OP_PERIOD_DAY, mon, d, 0), 13);
    op_date_parse("2027-01-23", &d); /* Saturday of week 3 */
    CU_ASSERT_EQUAL(op_period_of_date(OP_PERIOD_WEEK, mon, d, 0), 3);
    CU_ASSERT_EQUAL(op_period_of_date(OP_PERIOD_DAY, mon, d, 1), 16); /* Monday, week 4 */
    CU_ASSERT_EQUAL(op_period_of_date(OP_PERIOD_DAY, mon, d + 1, 0), 15); /* Sunday: Friday */
    CU_ASSERT_EQUAL(op_period_of_date(OP_PERIOD_DAY, mon, mon, 1), 1);
    CU_ASSERT_EQUAL(op_period_of_date(OP_PERIOD_WEEK, mon, mon - 1, 1), 0);
    /* every day of a year agrees with op_period_date */
    int bad = 0;
    for (int t = 1; t <= 260; t++)
        bad += op_period_of_date(OP_PERIOD_DAY, mon, op_period_date(mon, OP_PERIOD_DAY, t, 0), 1) != t;
    CU_ASSERT_EQUAL(bad, 0);
}

static void add_holiday(op_plan *p, const char *date, const char *role, double hours)
{
    op_holiday h = {.hours = hours};
    CU_ASSERT_FATAL(op_date_parse(date, &h.date) == 0);
    h.role.name = op_plan_intern(p, role);
    CU_ASSERT_FATAL(op_plan_add_holiday(p, &h, NULL) >= 0);
}

/* Holidays lower capacity in the week (or day) holding them, per person,
   at most a whole day, never below zero; a what-if copy keeps them and the
   settings. */
static void test_holidays(void)
{
    for (int day = 0; day < 2; day++) {
        op_plan *p = op_plan_new();
        CU_ASSERT_FATAL(p != NULL);
        op_settings set;
        op_settings_init(&set);
        CU_ASSERT_STRING_EQUAL(set.word_ends, "ends");
        CU_ASSERT_EQUAL(set.go_should_percent, 80);
        op_date_parse("2027-01-04", &set.start);
        set.go_should_percent = 50;
        op_plan_set_settings(p, &set);
        op_plan_set_period(p, day ? OP_PERIOD_DAY : OP_PERIOD_WEEK);
        add_team(p, "Dev", 2, day ? 8 : 40, 1, 0);
        add_team(p, "Ops", 1, day ? 4 : 20, 1, 0);
        add_item(p, "A", "Dev", 8, 1, 0, 0);
        add_holiday(p, "2027-01-06", "", -1);   /* everyone, Wednesday */
        add_holiday(p, "2027-01-07", "Dev", 3); /* Dev 3 h each, Thursday */
        add_holiday(p, "2027-01-07", "", 6);    /* and 6 more: at most the day */
        add_holiday(p, "2027-01-09", "", -1);   /* a Saturday: nothing */
        validate_ok(p);
        int wed = day ? 3 : 1, thu = day ? 4 : 1;
        if (!day) { /* 80 - 2 x 8 - 2 x 8; 20 - 4 - 4 */
            CU_ASSERT_DOUBLE_EQUAL(op_plan_capacity(p, 0, 1), 48, 1e-9);
            CU_ASSERT_DOUBLE_EQUAL(op_plan_capacity(p, 1, 1), 12, 1e-9);
            CU_ASSERT_DOUBLE_EQUAL(op_plan_capacity(p, 0, 2), 80, 1e-9);
        } else {
            CU_ASSERT_DOUBLE_EQUAL(op_plan_capacity(p, 0, wed), 0, 1e-9);
            CU_ASSERT_DOUBLE_EQUAL(op_plan_capacity(p, 0, thu), 0, 1e-9);
            CU_ASSERT_DOUBLE_EQUAL(op_plan_capacity(p, 1, thu), 0, 1e-9);
            CU_ASSERT_DOUBLE_EQUAL(op_plan_capacity(p, 0, 5), 16, 1e-9);
            CU_ASSERT_DOUBLE_EQUAL(op_plan_capacity(p, 0, 6), 16, 1e-9);
        }
        op_plan_edit e = {.drop_item = -1, .drop_dep = -1};
        op_plan *q = NULL;
        CU_ASSERT_EQUAL_FATAL(op_plan_edited(p, &e, &q, NULL), OP_OK);
        CU_ASSERT_EQUAL(op_plan_holiday_count(q), 4);
        CU_ASSERT_DOUBLE_EQUAL(op_plan_capacity(q, 0, wed), op_plan_capacity(p, 0, wed), 1e-9);
        CU_ASSERT_EQUAL(op_plan_settings(q)->go_should_percent, 50);
        CU_ASSERT_EQUAL(op_plan_start(q), set.start);
        op_plan_free(q);
        op_plan_free(p);
    }
}

int main(void)
{
    static const tu_test tests[] = {
        {"diagnostics cap", test_diag_cap},
        {"calendar dates", test_calendar},
        {"dates to weeks and days", test_period_of_date},
        {"holidays lower capacity", test_holidays},
        {"diagnostics edge cases", test_diag_edges},
        {"schedule get/set/add and ranges", test_schedule_access},
        {"schedule rounding", test_schedule_round},
        {"schedule rounded to the hour step", test_schedule_round_step},
        {"plan validation by hand", test_plan_validate},
        {"eval of a clean schedule", test_eval_clean},
        {"the one order of schedules", test_eval_compare},
        {"gates and items a gate needs", test_gate_needs},
        {"eval over capacity", test_eval_over_capacity},
        {"paused weeks", test_paused_weeks},
        {"eval max_people", test_eval_max_people},
        {"eval dependency", test_eval_dependency},
        {"eval same-week hand-off", test_eval_handoff},
        {"eval same-week chain of three", test_eval_handoff_chain},
        {"eval gates and lateness", test_eval_gates},
        {"eval unscheduled items", test_eval_unscheduled},
        {"eval earliest, due, under, over", test_eval_item_rules},
        {NULL, NULL}};
    return tu_run("model", NULL, NULL, tests);
}
