/* test_inputs.c - unit tests of the CSV loaders (op_inputs_load, op_inputs_load_schedule) */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "inputs/inputs.h"
#include "model/model.h"
#include "tests/testutil.h"

#define ITEMS_HEADER                                                                               \
    "id,title,category,priority,effort_hours,role,impact,quick_win,decision,depends_on,"          \
    "earliest_week,due_week,max_people\n"
#define TEAM_BASIC "role,headcount\nBackend,2\nQA,1\n"

static const char *tmpdir;
/* Paths live at file scope: diagnostics point at them after the load. */
static char items_path[TU_PATH_MAX], team_path[TU_PATH_MAX], gates_path[TU_PATH_MAX],
    plan_path[TU_PATH_MAX];

static op_plan *plan;
static op_diag *diag;

static int suite_init(void)
{
    tmpdir = tu_mkdtemp();
    return tmpdir ? 0 : -1;
}

static int suite_cleanup(void)
{
    tu_rmdir(tmpdir);
    return 0;
}

static void release(void)
{
    op_plan_free(plan);
    op_diag_free(diag);
    plan = NULL;
    diag = NULL;
}

/* Writes the files (gates may be NULL: no gates file) and loads them into
   the globals plan and diag, which the caller frees with release(). */
static op_status load(const char *items, const char *team, const char *gates)
{
    release();
    plan = op_plan_new();
    diag = op_diag_new(OP_MAX_ERRORS);
    CU_ASSERT_FATAL(plan && diag);
    CU_ASSERT_FATAL(tu_write_file(items_path, sizeof items_path, tmpdir, "items.csv", items) != NULL);
    CU_ASSERT_FATAL(tu_write_file(team_path, sizeof team_path, tmpdir, "team.csv", team) != NULL);
    if (gates)
        CU_ASSERT_FATAL(tu_write_file(gates_path, sizeof gates_path, tmpdir, "gates.csv", gates) !=
                        NULL);
    op_input_paths in = {items_path, team_path, gates ? gates_path : NULL, NULL};
    return op_inputs_load(&in, plan, diag);
}

/* The message "PATH:rest" where PATH is the file's path in the temp dir. */
static void assert_message(int i, const char *path, const char *rest)
{
    char want[TU_PATH_MAX + 512];
    snprintf(want, sizeof want, "%s%s", path, rest);
    CU_ASSERT_FATAL(i < op_diag_kept(diag));
    CU_ASSERT_STRING_EQUAL(op_diag_message(diag, i), want);
    if (strcmp(op_diag_message(diag, i), want) != 0)
        fprintf(stderr, "\n  got:  %s\n  want: %s\n", op_diag_message(diag, i), want);
}

static const op_item *item(const char *id)
{
    int i = op_plan_find_item(plan, id);
    CU_ASSERT_FATAL(i >= 0);
    return op_plan_item(plan, i);
}

/* ---- tests ------------------------------------------------------------ */

static void test_values(void)
{
    op_status st = load(ITEMS_HEADER
                        "A1,Design schema,Backend,P0,12.5,Backend,HIGH,YES,must,,2,9,3\n"
                        "A2,Build API,Core,p3,0.25,QA,low,no,NICE,,,,\n"
                        "A3,Deploy,Ops,P2,1e2,QA,Medium,,should,,,,\n",
                        TEAM_BASIC, NULL);
    CU_ASSERT_EQUAL_FATAL(st, OP_OK);
    CU_ASSERT_EQUAL(op_plan_item_count(plan), 3);
    const op_item *a = item("A1");
    CU_ASSERT_STRING_EQUAL(a->title, "Design schema");
    CU_ASSERT_STRING_EQUAL(a->category, "Backend");
    CU_ASSERT_EQUAL(a->priority, 0);
    CU_ASSERT_DOUBLE_EQUAL(a->effort, 12.5, 1e-12);
    CU_ASSERT_STRING_EQUAL(a->role.name, "Backend");
    CU_ASSERT_EQUAL(a->role.index, op_plan_find_role(plan, "Backend"));
    CU_ASSERT_EQUAL(a->impact, OP_IMPACT_HIGH);
    CU_ASSERT_EQUAL(a->quick_win, 1);
    CU_ASSERT_EQUAL(a->decision, OP_DECISION_MUST);
    CU_ASSERT_EQUAL(a->earliest_week, 2);
    CU_ASSERT_EQUAL(a->due_week, 9);
    CU_ASSERT_EQUAL(a->max_people, 3);
    CU_ASSERT_EQUAL(a->loc.line, 2);
    CU_ASSERT_EQUAL(a->loc.col, 1);
    const op_item *b = item("A2");
    CU_ASSERT_EQUAL(b->priority, 3);
    CU_ASSERT_DOUBLE_EQUAL(b->effort, 0.25, 1e-12);
    CU_ASSERT_EQUAL(b->impact, OP_IMPACT_LOW);
    CU_ASSERT_EQUAL(b->quick_win, 0);
    CU_ASSERT_EQUAL(b->decision, OP_DECISION_NICE);
    const op_item *c = item("A3");
    CU_ASSERT_DOUBLE_EQUAL(c->effort, 100, 1e-12);
    CU_ASSERT_EQUAL(c->impact, OP_IMPACT_MEDIUM);
    CU_ASSERT_EQUAL(c->decision, OP_DECISION_SHOULD);
    CU_ASSERT_EQUAL(op_plan_gate_count(plan), 0);
    release();
}

static void test_defaults(void)
{
    op_status st = load("id,effort_hours,role\nA1,8,Backend\n",
                        "role,headcount\nBackend,1\n", NULL);
    CU_ASSERT_EQUAL_FATAL(st, OP_OK);
    const op_item *a = item("A1");
    CU_ASSERT_EQUAL(a->priority, 1); /* P1 */
    CU_ASSERT_EQUAL(a->max_people, 1);
    CU_ASSERT_EQUAL(a->impact, OP_IMPACT_NONE);
    CU_ASSERT_EQUAL(a->quick_win, -1);
    CU_ASSERT_EQUAL(a->decision, OP_DECISION_NONE);
    CU_ASSERT_EQUAL(a->earliest_week, 0);
    CU_ASSERT_EQUAL(a->due_week, 0);
    CU_ASSERT_EQUAL(a->ndeps, 0);
    CU_ASSERT_STRING_EQUAL(a->title, "");
    CU_ASSERT_EQUAL_FATAL(op_plan_team_row_count(plan), 1);
    const op_team_row *row = op_plan_team_row(plan, 0);
    CU_ASSERT_DOUBLE_EQUAL(row->hours_per_week, 40, 1e-12);
    CU_ASSERT_EQUAL(row->from_week, 1);
    CU_ASSERT_EQUAL(row->to_week, 0);
    CU_ASSERT(row->cost_per_hour < 0);
    int r = op_plan_find_role(plan, "Backend");
    CU_ASSERT_EQUAL(op_plan_role(plan, r)->last_week, OP_MAX_WEEK);
    CU_ASSERT_DOUBLE_EQUAL(op_plan_capacity(plan, r, 1), 40, 1e-9);
    CU_ASSERT_DOUBLE_EQUAL(op_plan_capacity(plan, r, OP_MAX_WEEK), 40, 1e-9);
    release();
}

static void test_lists(void)
{
    op_status st = load(ITEMS_HEADER
                        "A1,a,,,1,QA,,,,,,,\n"
                        "A2,b,,,1,QA,,,,,,,\n"
                        "A3,c,,,1,QA,,,,\" A1 ;A2;; \",,,\n"
                        "A4,d,,,1,QA,,,,A3;,,,\n",
                        TEAM_BASIC,
                        "gate,name,deadline_week,requires,items\n"
                        "M1,One,3,, A1 ; A2 \n"
                        "M2,Two,6,M1 ;,A3;A4;\n");
    CU_ASSERT_EQUAL_FATAL(st, OP_OK);
    const op_item *c = item("A3");
    CU_ASSERT_EQUAL_FATAL(c->ndeps, 2);
    CU_ASSERT_STRING_EQUAL(c->deps[0].name, "A1");
    CU_ASSERT_STRING_EQUAL(c->deps[1].name, "A2");
    CU_ASSERT_EQUAL(c->deps[0].index, op_plan_find_item(plan, "A1"));
    CU_ASSERT_EQUAL(c->deps[1].index, op_plan_find_item(plan, "A2"));
    CU_ASSERT_EQUAL(c->deps[0].loc.line, 4);
    CU_ASSERT_EQUAL(c->deps[0].loc.col, 10);
    CU_ASSERT_EQUAL(item("A4")->ndeps, 1);
    CU_ASSERT_EQUAL_FATAL(op_plan_gate_count(plan), 2);
    const op_gate *m1 = op_plan_gate(plan, op_plan_find_gate(plan, "M1"));
    const op_gate *m2 = op_plan_gate(plan, op_plan_find_gate(plan, "M2"));
    CU_ASSERT_EQUAL(m1->deadline_week, 3);
    CU_ASSERT_STRING_EQUAL(m1->name, "One");
    CU_ASSERT_EQUAL(m1->nrequires, 0);
    CU_ASSERT_EQUAL_FATAL(m1->nitems, 2);
    CU_ASSERT_STRING_EQUAL(m1->items[0].name, "A1");
    CU_ASSERT_STRING_EQUAL(m1->items[1].name, "A2");
    CU_ASSERT_EQUAL_FATAL(m2->nrequires, 1);
    CU_ASSERT_EQUAL(m2->requires[0].index, op_plan_find_gate(plan, "M1"));
    CU_ASSERT_EQUAL(m2->nitems, 2);
    CU_ASSERT_EQUAL(op_plan_max_deadline(plan), 6);
    release();
}

static void test_header_bom_crlf(void)
{
    op_status st = load("\xEF\xBB\xBF Effort_Hours ,ID,ROLE, Priority ,Title\r\n"
                        "4.5,X1,Backend,p2,Café\r\n"
                        "3,X2,QA,,\"two\r\nlines\"\r\n",
                        "\xEF\xBB\xBFRole,HEADCOUNT,Hours_Per_Week\r\nBackend,1,20\r\nQA,1,\r\n",
                        "\xEF\xBB\xBFGATE,Deadline_Week,ITEMS\r\nM1,4,X1;X2\r\n");
    CU_ASSERT_EQUAL_FATAL(st, OP_OK);
    CU_ASSERT_EQUAL(op_plan_item_count(plan), 2);
    const op_item *a = item("X1");
    CU_ASSERT_DOUBLE_EQUAL(a->effort, 4.5, 1e-12);
    CU_ASSERT_EQUAL(a->priority, 2);
    CU_ASSERT_STRING_EQUAL(a->title, "Caf\xC3\xA9");
    CU_ASSERT_STRING_EQUAL(a->role.name, "Backend");
    CU_ASSERT_EQUAL(item("X2")->priority, 1);
    CU_ASSERT_EQUAL(item("X2")->loc.line, 3);
    /* The quoted cell keeps its inner CR LF, only the outer spaces go. */
    CU_ASSERT_STRING_EQUAL(item("X2")->title, "two\r\nlines");
    int b = op_plan_find_role(plan, "Backend");
    CU_ASSERT_DOUBLE_EQUAL(op_plan_capacity(plan, b, 1), 20, 1e-9);
    CU_ASSERT_DOUBLE_EQUAL(op_plan_capacity(plan, op_plan_find_role(plan, "QA"), 1), 40, 1e-9);
    CU_ASSERT_EQUAL(op_plan_gate_count(plan), 1);
    release();
}

static void test_quoted_cells(void)
{
    op_status st = load(ITEMS_HEADER
                        "A1,\"Design, then \"\"review\"\"\",Backend,P0,8,Backend,,,,,,,\n"
                        "A2,\"Build\nAPI\",Backend,P0,8,Backend,,,,,,,\n"
                        "A3,Test,QA,P0,bad,QA,,,,,,,\n",
                        TEAM_BASIC, NULL);
    CU_ASSERT_EQUAL(st, OP_EDATA);
    /* The multi-line cell of row 2 moves the next record to line 5. */
    CU_ASSERT_EQUAL(op_diag_count(diag), 1);
    assert_message(0, items_path, ":5:5: effort_hours: expected a number, got \"bad\"");
    release();

    st = load(ITEMS_HEADER
              "A1,\"Design, then \"\"review\"\"\",Backend,P0,8,Backend,,,,,,,\n"
              "A2,\"Build\nAPI\",Backend,P0,8,Backend,,,,,,,\n",
              TEAM_BASIC, NULL);
    CU_ASSERT_EQUAL_FATAL(st, OP_OK);
    CU_ASSERT_STRING_EQUAL(item("A1")->title, "Design, then \"review\"");
    CU_ASSERT_STRING_EQUAL(item("A2")->title, "Build\nAPI");
    release();
}

static void test_capacity_overlap(void)
{
    op_status st = load("id,effort_hours,role\nA1,8,Backend\nA2,8,QA\n",
                        "role,headcount,hours_per_week,from_week,to_week,cost_per_hour\n"
                        "Backend,2,40,1,10,100\n"
                        "Backend,1,20,5,6,\n"
                        "Backend,0.5,30,6,12,100\n"
                        "QA,1,,3,,\n",
                        NULL);
    CU_ASSERT_EQUAL_FATAL(st, OP_OK);
    CU_ASSERT_EQUAL(op_plan_role_count(plan), 2);
    int b = op_plan_find_role(plan, "Backend"), q = op_plan_find_role(plan, "QA");
    CU_ASSERT_FATAL(b >= 0 && q >= 0);
    CU_ASSERT_DOUBLE_EQUAL(op_plan_capacity(plan, b, 1), 80, 1e-9);
    CU_ASSERT_DOUBLE_EQUAL(op_plan_capacity(plan, b, 4), 80, 1e-9);
    CU_ASSERT_DOUBLE_EQUAL(op_plan_capacity(plan, b, 5), 100, 1e-9);
    CU_ASSERT_DOUBLE_EQUAL(op_plan_capacity(plan, b, 6), 115, 1e-9);
    CU_ASSERT_DOUBLE_EQUAL(op_plan_capacity(plan, b, 7), 95, 1e-9);
    CU_ASSERT_DOUBLE_EQUAL(op_plan_capacity(plan, b, 11), 15, 1e-9);
    CU_ASSERT_DOUBLE_EQUAL(op_plan_capacity(plan, b, 13), 0, 1e-9);
    CU_ASSERT_DOUBLE_EQUAL(op_plan_capacity(plan, b, 0), 0, 1e-9);
    CU_ASSERT_DOUBLE_EQUAL(op_plan_capacity(plan, b, OP_MAX_WEEK + 1), 0, 1e-9);
    CU_ASSERT_DOUBLE_EQUAL(op_plan_capacity(plan, q, 2), 0, 1e-9);
    CU_ASSERT_DOUBLE_EQUAL(op_plan_capacity(plan, q, 3), 40, 1e-9);
    CU_ASSERT_DOUBLE_EQUAL(op_plan_capacity(plan, q, OP_MAX_WEEK), 40, 1e-9);
    CU_ASSERT_DOUBLE_EQUAL(op_plan_person_hours(plan, b, 5), 40, 1e-9);
    CU_ASSERT_DOUBLE_EQUAL(op_plan_person_hours(plan, b, 11), 30, 1e-9);
    CU_ASSERT_DOUBLE_EQUAL(op_plan_person_hours(plan, b, 20), 40, 1e-9); /* no row: the largest */
    CU_ASSERT_EQUAL(op_plan_role(plan, b)->last_week, 12);
    CU_ASSERT_DOUBLE_EQUAL(op_plan_role(plan, b)->cost_per_hour, 100, 1e-9);
    CU_ASSERT(op_plan_role(plan, q)->cost_per_hour < 0);
    CU_ASSERT_EQUAL(op_plan_last_capacity_week(plan), OP_MAX_WEEK);
    /* max_people 1 x 40 h, capped by capacity where it is lower */
    int a1 = op_plan_find_item(plan, "A1");
    CU_ASSERT_DOUBLE_EQUAL(op_plan_item_week_cap(plan, a1, 1), 40, 1e-9);
    CU_ASSERT_DOUBLE_EQUAL(op_plan_item_week_cap(plan, a1, 11), 15, 1e-9);
    release();
}

/* Position of item id in the topological order. */
static int topo_pos(const char *id)
{
    const int *order = op_plan_topo_order(plan);
    int i = op_plan_find_item(plan, id);
    for (int k = 0; k < op_plan_item_count(plan); k++)
        if (order[k] == i)
            return k;
    return -1;
}

static void test_topo_order(void)
{
    op_status st = load("id,effort_hours,role,depends_on\n"
                        "E,1,QA,D;B\n"
                        "D,1,QA,C\n"
                        "C,1,QA,A;B\n"
                        "B,1,QA,A\n"
                        "A,1,QA,\n"
                        "F,1,QA,\n",
                        TEAM_BASIC,
                        "gate,deadline_week,requires\nG3,9,G2;G1\nG2,6,G1\nG1,3,\n");
    CU_ASSERT_EQUAL_FATAL(st, OP_OK);
    CU_ASSERT_FATAL(op_plan_topo_order(plan) != NULL);
    const char *ids[] = {"A", "B", "C", "D", "E", "F"};
    int seen = 0;
    for (int k = 0; k < 6; k++) {
        int p = topo_pos(ids[k]);
        CU_ASSERT(p >= 0);
        seen |= p >= 0 ? 1 << p : 0;
    }
    CU_ASSERT_EQUAL(seen, 0x3F); /* a permutation */
    for (int i = 0; i < op_plan_item_count(plan); i++) {
        const op_item *it = op_plan_item(plan, i);
        for (int k = 0; k < it->ndeps; k++)
            CU_ASSERT(topo_pos(it->deps[k].name) < topo_pos(it->id));
    }
    const int *go = op_plan_gate_order(plan);
    CU_ASSERT_EQUAL(go[0], op_plan_find_gate(plan, "G1"));
    CU_ASSERT_EQUAL(go[1], op_plan_find_gate(plan, "G2"));
    CU_ASSERT_EQUAL(go[2], op_plan_find_gate(plan, "G3"));
    release();
}

static void test_schedule(void)
{
    op_status st = load("id,effort_hours,role\nA1,10,Backend\nA2,30,Backend\nA3,5,QA\n",
                        TEAM_BASIC, NULL);
    CU_ASSERT_EQUAL_FATAL(st, OP_OK);
    CU_ASSERT_FATAL(tu_write_file(plan_path, sizeof plan_path, tmpdir, "plan.csv",
                                  "ID,Week,Hours\n"
                                  "A1,2,\n"
                                  "A2,3,10\n"
                                  "A2,3,5.5\n"
                                  "A2,4,14.5\n"
                                  "A3,7,0\n") != NULL);
    op_schedule *s = NULL;
    st = op_inputs_load_schedule(plan_path, plan, 4, 0, &s, diag);
    CU_ASSERT_EQUAL_FATAL(st, OP_OK);
    CU_ASSERT_FATAL(s != NULL);
    int a1 = op_plan_find_item(plan, "A1"), a2 = op_plan_find_item(plan, "A2");
    int a3 = op_plan_find_item(plan, "A3");
    CU_ASSERT_EQUAL(op_schedule_items(s), 3);
    CU_ASSERT_EQUAL(op_schedule_weeks(s), 7); /* the last week named beats min_weeks */
    CU_ASSERT_DOUBLE_EQUAL(op_schedule_get(s, a1, 2), 10, 1e-12); /* default: the effort */
    CU_ASSERT_DOUBLE_EQUAL(op_schedule_get(s, a1, 1), 0, 1e-12);
    CU_ASSERT_DOUBLE_EQUAL(op_schedule_get(s, a2, 3), 15.5, 1e-12); /* split rows add up */
    CU_ASSERT_DOUBLE_EQUAL(op_schedule_get(s, a2, 4), 14.5, 1e-12);
    CU_ASSERT_DOUBLE_EQUAL(op_schedule_get(s, a3, 7), 0, 1e-12);
    op_schedule_free(s);

    s = NULL;
    st = op_inputs_load_schedule(plan_path, plan, 12, 0, &s, diag);
    CU_ASSERT_EQUAL_FATAL(st, OP_OK);
    CU_ASSERT_EQUAL(op_schedule_weeks(s), 12); /* min_weeks beats the last week named */
    op_schedule_free(s);
    CU_ASSERT_EQUAL(op_diag_count(diag), 0);
    release();
}

static void test_schedule_errors(void)
{
    op_status st = load("id,effort_hours,role\nA1,10,Backend\n", TEAM_BASIC, NULL);
    CU_ASSERT_EQUAL_FATAL(st, OP_OK);
    CU_ASSERT_FATAL(tu_write_file(plan_path, sizeof plan_path, tmpdir, "plan.csv",
                                  "id,week,hours\n"
                                  "A9,1,4\n"
                                  "A1,0,4\n"
                                  "A1,2,-1\n"
                                  ",3,1\n") != NULL);
    op_schedule *s = NULL;
    st = op_inputs_load_schedule(plan_path, plan, 1, 0, &s, diag);
    CU_ASSERT_EQUAL(st, OP_EDATA);
    CU_ASSERT_PTR_NULL(s);
    CU_ASSERT_EQUAL_FATAL(op_diag_count(diag), 4);
    assert_message(0, plan_path, ":2:1: unknown item \"A9\" (not in items.csv)");
    assert_message(1, plan_path, ":3:2: week: expected a whole number from 1 to 520, got \"0\"");
    assert_message(2, plan_path, ":4:3: hours: expected a number >= 0, got \"-1\"");
    assert_message(3, plan_path, ":5:1: id: required value is empty");

    char missing[TU_PATH_MAX];
    tu_join(missing, sizeof missing, tmpdir, "no-such-plan.csv");
    op_diag *d2 = op_diag_new(4);
    CU_ASSERT_FATAL(d2 != NULL);
    st = op_inputs_load_schedule(missing, plan, 1, 0, &s, d2);
    CU_ASSERT_EQUAL(st, OP_ENOINPUT);
    CU_ASSERT_PTR_NULL(s);
    op_diag_free(d2);
    release();
}

static void test_cell_errors(void)
{
    op_status st = load(ITEMS_HEADER
                        "A1,a,,P4,1,QA,,,,,,,\n"
                        "A2,b,,,abc,QA,,,,,,,\n"
                        "A3,c,,,nan,QA,,,,,,,\n"
                        "A4,d,,,5,QA,,,,,,,0\n",
                        "role,headcount,hours_per_week\nQA,-2,\nQA,1,0\n", NULL);
    CU_ASSERT_EQUAL(st, OP_EDATA);
    CU_ASSERT_EQUAL_FATAL(op_diag_count(diag), 6);
    /* team.csv is read first */
    assert_message(0, team_path, ":2:2: headcount: expected a number >= 0, got \"-2\"");
    assert_message(1, team_path, ":3:3: hours_per_week: expected a number > 0, got \"0\"");
    assert_message(2, items_path, ":2:4: priority: expected one of P0, P1, P2, P3, got \"P4\"");
    assert_message(3, items_path, ":3:5: effort_hours: expected a number, got \"abc\"");
    assert_message(4, items_path, ":4:5: effort_hours: expected a finite number, got \"nan\"");
    assert_message(5, items_path,
                   ":5:13: max_people: expected a whole number from 1 to 1000, got \"0\"");
    release();
}

static void test_plan_errors(void)
{
    op_status st = load("id,effort_hours,role,depends_on,earliest_week,due_week\n"
                        "A1,1,Tester,,,\n"
                        "A2,1,QA,A7,,\n"
                        "A3,1,QA,A3,5,4\n",
                        TEAM_BASIC, "gate,deadline_week,items\nM1,3,A8\n");
    CU_ASSERT_EQUAL(st, OP_EDATA);
    CU_ASSERT_EQUAL_FATAL(op_diag_count(diag), 5);
    assert_message(0, items_path, ":2:3: unknown role \"Tester\" (not a role of the team)");
    assert_message(1, items_path, ":3:4: unknown item \"A7\" in depends_on");
    assert_message(2, items_path, ":4:4: item \"A3\" depends on itself");
    assert_message(3, items_path, ":4:6: due_week 4 is before earliest_week 5");
    assert_message(4, gates_path, ":2:3: unknown item \"A8\" in gate items");
    release();

    st = load("id,effort_hours,role,depends_on\nA1,1,QA,A3\nA2,1,QA,A1\nA3,1,QA,A2\n", TEAM_BASIC,
              NULL);
    CU_ASSERT_EQUAL(st, OP_EDATA);
    CU_ASSERT_EQUAL_FATAL(op_diag_count(diag), 1);
    assert_message(0, items_path, ":3:4: depends_on cycle: A1 -> A3 -> A2 -> A1");
    release();
}

static void test_structure_errors(void)
{
    op_status st = load("id,effort_hours,role,effort_hours,colour\nA1,1,QA,2,red\n", TEAM_BASIC,
                        NULL);
    CU_ASSERT_EQUAL(st, OP_EDATA);
    CU_ASSERT_EQUAL_FATAL(op_diag_count(diag), 2);
    assert_message(0, items_path, ":1:4: duplicate column \"effort_hours\"");
    assert_message(1, items_path, ":1:5: unknown column \"colour\"");
    release();

    st = load("id,role\nA1,QA\n", TEAM_BASIC, NULL);
    CU_ASSERT_EQUAL(st, OP_EDATA);
    CU_ASSERT_EQUAL_FATAL(op_diag_count(diag), 1);
    assert_message(0, items_path, ":1: missing required column \"effort_hours\"");
    release();

    st = load("id,effort_hours,role\nA1,1,QA\nA2,1\nA3,1,QA,x\n", TEAM_BASIC, NULL);
    CU_ASSERT_EQUAL(st, OP_EDATA);
    CU_ASSERT_EQUAL_FATAL(op_diag_count(diag), 2);
    assert_message(0, items_path, ":3:2: row has 2 fields, the header has 3");
    assert_message(1, items_path, ":4:4: row has 4 fields, the header has 3");
    release();

    st = load("", TEAM_BASIC, NULL);
    CU_ASSERT_EQUAL(st, OP_EDATA);
    assert_message(0, items_path, ":1: empty file: expected a header line");
    release();
}

static void test_missing_file(void)
{
    release();
    plan = op_plan_new();
    diag = op_diag_new(OP_MAX_ERRORS);
    CU_ASSERT_FATAL(plan && diag);
    CU_ASSERT_FATAL(tu_write_file(team_path, sizeof team_path, tmpdir, "team.csv", TEAM_BASIC) !=
                    NULL);
    tu_join(items_path, sizeof items_path, tmpdir, "absent-items.csv");
    op_input_paths in = {items_path, team_path, NULL, NULL};
    CU_ASSERT_EQUAL(op_inputs_load(&in, plan, diag), OP_ENOINPUT);
    CU_ASSERT_EQUAL(op_diag_status(diag), OP_ENOINPUT);
    CU_ASSERT_EQUAL_FATAL(op_diag_count(diag), 1);
    assert_message(0, items_path, ": cannot open: No such file or directory");
    release();

    /* a directory where a file is expected */
    plan = op_plan_new();
    diag = op_diag_new(OP_MAX_ERRORS);
    CU_ASSERT_FATAL(plan && diag);
    in.items = tmpdir;
    CU_ASSERT_EQUAL(op_inputs_load(&in, plan, diag), OP_ENOINPUT);
    assert_message(0, tmpdir, ": is a directory, not a file");
    release();
}

/* ---- errors that help: blank rows, separators, encodings, "did you mean" -- */

static void test_blank_rows(void)
{
    /* all-empty rows (a spreadsheet's ",,,," export, blank or white lines) are
       skipped in every file, before the header too, with lines still right */
    op_status st = load(",,,\n\nid,effort_hours,role,depends_on\r\n"
                        ",,,\r\n"
                        "A1,8,Backend,\r\n"
                        "  ,\t, ,\"\"\r\n"
                        "\r\n"
                        "A2,x,QA,A1\r\n"
                        ",,,\r\n,,,,,,,,\r\n   \r\n",
                        "role,headcount\nBackend,2\n,\nQA,1\n,,,\n\n",
                        ",,\ngate,deadline_week,items\n,,\nM1,3,A1\n,,,,,,\n");
    CU_ASSERT_EQUAL(st, OP_EDATA);
    CU_ASSERT_EQUAL_FATAL(op_diag_count(diag), 1);
    assert_message(0, items_path, ":8:2: effort_hours: expected a number, got \"x\"");
    release();

    st = load("id,effort_hours,role,depends_on\n,,,\nA1,8,Backend,\n,,,\nA2,4,QA,A1\n,,,\n",
              "role,headcount\nBackend,2\n,\nQA,1\n,,,\n\n", "gate,deadline_week\n,,\n\n");
    CU_ASSERT_EQUAL_FATAL(st, OP_OK);
    CU_ASSERT_EQUAL(op_plan_item_count(plan), 2);
    CU_ASSERT_EQUAL(op_plan_team_row_count(plan), 2);
    CU_ASSERT_EQUAL(op_plan_gate_count(plan), 0);
    CU_ASSERT_EQUAL(item("A2")->loc.line, 5);

    /* plan.csv and status.csv */
    CU_ASSERT_FATAL(tu_write_file(plan_path, sizeof plan_path, tmpdir, "plan.csv",
                                  ",,\nid,week,hours\n,,\nA1,1,8\n\n , , \nA2,2,\n,,,,\n") != NULL);
    op_schedule *s = NULL;
    st = op_inputs_load_schedule(plan_path, plan, 1, 0, &s, diag);
    CU_ASSERT_EQUAL_FATAL(st, OP_OK);
    CU_ASSERT_DOUBLE_EQUAL(op_schedule_get(s, op_plan_find_item(plan, "A2"), 2), 4, 1e-12);
    op_schedule_free(s);
    char status_path[TU_PATH_MAX];
    CU_ASSERT_FATAL(tu_write_file(status_path, sizeof status_path, tmpdir, "status.csv",
                                  "id,state\n,\nA1,done\n,,,\n\n") != NULL);
    op_plan_set_first_week(plan, 2);
    st = op_inputs_load_status(status_path, plan, diag);
    CU_ASSERT_EQUAL(st, OP_OK);
    CU_ASSERT(item("A1")->done);
    CU_ASSERT_EQUAL(op_diag_count(diag), 0);
    release();

    /* a file of blank rows only has no header */
    st = load(",,\n\n  \n", TEAM_BASIC, NULL);
    CU_ASSERT_EQUAL(st, OP_EDATA);
    CU_ASSERT_EQUAL_FATAL(op_diag_count(diag), 1);
    assert_message(0, items_path, ":1: empty file: expected a header line");
    release();
}

static void test_separators(void)
{
    op_status st = load("id;effort_hours;role\nA1;8,5;Backend\nA2;\"x;y\";QA\n",
                        "ROLE ; Headcount\nBackend;2\n",
                        "gate\tdeadline_week\nM1\t3\n");
    CU_ASSERT_EQUAL(st, OP_EDATA);
    CU_ASSERT_EQUAL_FATAL(op_diag_count(diag), 3); /* one per file, nothing about its rows */
    assert_message(0, team_path, ":1:1: the header is one cell \"ROLE ; Headcount\": the file "
                                 "looks semicolon-separated; save it as comma-separated CSV");
    assert_message(1, items_path, ":1:1: the header is one cell \"id;effort_hours;...\": the "
                                  "file looks semicolon-separated; save it as comma-separated CSV");
    assert_message(2, gates_path, ":1:1: the header is one cell \"gate\\tdeadline_week\": the "
                                  "file looks tab-separated; save it as comma-separated CSV");
    release();

    /* a ';' in a header of unknown names is only an unknown column */
    st = load("id,effort_hours,role,a;b\nA1,8,Backend,\n", TEAM_BASIC, NULL);
    CU_ASSERT_EQUAL(st, OP_EDATA);
    CU_ASSERT_EQUAL_FATAL(op_diag_count(diag), 1);
    assert_message(0, items_path, ":1:4: unknown column \"a;b\"");
    release();
}

static void test_encodings(void)
{
    op_status st = load("id,effort_hours,role,title\n"
                        "A1,8,Backend,Caf\xE9\n"
                        "A2,8,Backend,\x93quoted\x94\n"
                        "A3,8,Backend,\x81\n"
                        "A4,8,Backend,no\xA0" "break\n",
                        TEAM_BASIC, NULL);
    CU_ASSERT_EQUAL(st, OP_EDATA);
    CU_ASSERT_EQUAL_FATAL(op_diag_count(diag), 4);
    assert_message(0, items_path, ":2:4: invalid UTF-8 byte 0xE9 (the file looks like "
                                  "Windows-1252 or Latin-1, where it is \"\xC3\xA9\": save it "
                                  "as UTF-8)");
    assert_message(1, items_path, ":3:4: invalid UTF-8 byte 0x93 (\"\xE2\x80\x9C\" in "
                                  "Windows-1252)");
    assert_message(2, items_path, ":4:4: invalid UTF-8 byte 0x81");
    assert_message(3, items_path, ":5:4: invalid UTF-8 byte 0xA0");
    release();

    /* the hint is given in full once per file; a no-break space first */
    st = load("id,effort_hours,role,title\nA1,8,Backend,x\xA0y\n", TEAM_BASIC, NULL);
    CU_ASSERT_EQUAL_FATAL(op_diag_count(diag), 1);
    assert_message(0, items_path, ":2:4: invalid UTF-8 byte 0xA0 (the file looks like "
                                  "Windows-1252 or Latin-1: save it as UTF-8)");
    release();

    st = load("\xFF\xFEi", TEAM_BASIC, NULL);
    CU_ASSERT_EQUAL(st, OP_EDATA);
    CU_ASSERT_EQUAL_FATAL(op_diag_count(diag), 1);
    assert_message(0, items_path, ":1: the file is UTF-16 text (it starts with bytes 0xFF 0xFE): "
                                  "save it as UTF-8 comma-separated CSV");
    release();
}

static void test_closest_name(void)
{
    static const char *const roles[] = {"Backend", "Security", "QA", NULL, "Compliance",
                                        "Caf\xC3\xA9"};
    CU_ASSERT_EQUAL(op_closest_name("Securty", roles, 6), 1);     /* a deletion */
    CU_ASSERT_EQUAL(op_closest_name("Secuirty", roles, 6), 1);    /* a swap */
    CU_ASSERT_EQUAL(op_closest_name("Sekurity", roles, 6), 1);    /* a substitution */
    CU_ASSERT_EQUAL(op_closest_name("Backkend", roles, 6), 0);    /* an insertion */
    CU_ASSERT_EQUAL(op_closest_name("Complience", roles, 6), 4);
    CU_ASSERT_EQUAL(op_closest_name("Compliancy", roles, 6), 4);
    CU_ASSERT_EQUAL(op_closest_name("Complance", roles, 6), 4);
    CU_ASSERT_EQUAL(op_closest_name("Cmplnce", roles, 6), -1);    /* 3 edits */
    CU_ASSERT_EQUAL(op_closest_name("BACKEND", roles, 6), 0);     /* case */
    CU_ASSERT_EQUAL(op_closest_name("qa", roles, 6), 2);
    CU_ASSERT_EQUAL(op_closest_name("Q", roles, 6), -1);          /* too short to guess */
    CU_ASSERT_EQUAL(op_closest_name("QB", roles, 6), -1);
    CU_ASSERT_EQUAL(op_closest_name("Sec", roles, 6), -1);
    CU_ASSERT_EQUAL(op_closest_name("Cafe", roles, 6), 5);        /* "é" is one character */
    CU_ASSERT_EQUAL(op_closest_name("Backend", roles, 6), 0);
    CU_ASSERT_EQUAL(op_closest_name("", roles, 6), -1);
    CU_ASSERT_EQUAL(op_closest_name("Securty", roles, 0), -1);
    CU_ASSERT_EQUAL(op_closest_name("Securty", roles, 1), -1);
    /* two equally close: no guess; a case match beats edits */
    static const char *const ids[] = {"API-V1", "API-V2", "api-v3", "SOLVE", "solve"};
    CU_ASSERT_EQUAL(op_closest_name("API-V4", ids, 3), -1);
    CU_ASSERT_EQUAL(op_closest_name("API-V3", ids, 3), 2);
    CU_ASSERT_EQUAL(op_closest_name("Solve", ids, 5), -1);
    CU_ASSERT_EQUAL(op_closest_name("solve", ids, 5), 4);
    CU_ASSERT_EQUAL(op_closest_name("solv", ids, 5), -1);
    CU_ASSERT_EQUAL(op_closest_name("solv", ids, 4), 3);
    static const char *const cmds[] = {"solve", "check", "validate", "staff", "sweep",
                                       "import-psplib", "compare"};
    CU_ASSERT_EQUAL(op_closest_name("slove", cmds, 7), 0);
    CU_ASSERT_EQUAL(op_closest_name("chek", cmds, 7), 1);
    CU_ASSERT_EQUAL(op_closest_name("validte", cmds, 7), 2);
    CU_ASSERT_EQUAL(op_closest_name("import-psplb", cmds, 7), 5);
    CU_ASSERT_EQUAL(op_closest_name("stuff", cmds, 7), 3);
    CU_ASSERT_EQUAL(op_closest_name("frobnicate", cmds, 7), -1);
    /* long names: only a case match */
    char longer[200], other[200];
    memset(longer, 'x', 150);
    longer[150] = 0;
    memcpy(other, longer, 151);
    other[0] = 'X';
    const char *const longs[] = {other};
    CU_ASSERT_EQUAL(op_closest_name(longer, longs, 1), 0);
    other[149] = 'y';
    CU_ASSERT_EQUAL(op_closest_name(longer, longs, 1), -1);
}

static void test_did_you_mean(void)
{
    op_status st = load("id,effort_hours,role,depends_on\n"
                        "AUTH-LOGIN,8,Backend,\n"
                        "AUTH-TOKEN,8,Backnd,AUTH-LGOIN\n"
                        "TLS-CONFIG,8,qa,A9\n",
                        TEAM_BASIC,
                        "gate,deadline_week,requires,items\n"
                        "ALPHA,3,,TLS-CONFG\n"
                        "OMEGA,4,ALPA,AUTH-TOKEN\n");
    CU_ASSERT_EQUAL(st, OP_EDATA);
    CU_ASSERT_EQUAL_FATAL(op_diag_count(diag), 6);
    assert_message(0, items_path, ":3:3: unknown role \"Backnd\" (not a role of the team); "
                                  "did you mean \"Backend\"?");
    assert_message(1, items_path, ":3:4: unknown item \"AUTH-LGOIN\" in depends_on; "
                                  "did you mean \"AUTH-LOGIN\"?");
    assert_message(2, items_path, ":4:3: unknown role \"qa\" (not a role of the team); "
                                  "did you mean \"QA\"?");
    assert_message(3, items_path, ":4:4: unknown item \"A9\" in depends_on");
    assert_message(4, gates_path, ":2:4: unknown item \"TLS-CONFG\" in gate items; "
                                  "did you mean \"TLS-CONFIG\"?");
    assert_message(5, gates_path, ":3:3: unknown gate \"ALPA\" in requires; "
                                  "did you mean \"ALPHA\"?");
    release();

    /* unknown columns; a misspelt required one is not also missing */
    st = load("id,efort_hours,role,Depends On,colour\nA1,8,QA,,\n", TEAM_BASIC, NULL);
    CU_ASSERT_EQUAL(st, OP_EDATA);
    CU_ASSERT_EQUAL_FATAL(op_diag_count(diag), 3);
    assert_message(0, items_path, ":1:2: unknown column \"efort_hours\"; did you mean "
                                  "\"effort_hours\"?");
    assert_message(1, items_path, ":1:4: unknown column \"Depends On\"; did you mean "
                                  "\"depends_on\"?");
    assert_message(2, items_path, ":1:5: unknown column \"colour\"");
    release();

    /* plan.csv and status.csv name items too */
    st = load("id,effort_hours,role\nAUTH-LOGIN,8,QA\n", TEAM_BASIC, NULL);
    CU_ASSERT_EQUAL_FATAL(st, OP_OK);
    CU_ASSERT_FATAL(tu_write_file(plan_path, sizeof plan_path, tmpdir, "plan.csv",
                                  "id,week\nauth-login,1\nAUTH-LOGN,1\nX,1\n") != NULL);
    op_schedule *s = NULL;
    st = op_inputs_load_schedule(plan_path, plan, 1, 0, &s, diag);
    CU_ASSERT_EQUAL(st, OP_EDATA);
    CU_ASSERT_EQUAL_FATAL(op_diag_count(diag), 3);
    assert_message(0, plan_path, ":2:1: unknown item \"auth-login\" (not in items.csv); "
                                 "did you mean \"AUTH-LOGIN\"?");
    assert_message(1, plan_path, ":3:1: unknown item \"AUTH-LOGN\" (not in items.csv); "
                                 "did you mean \"AUTH-LOGIN\"?");
    assert_message(2, plan_path, ":4:1: unknown item \"X\" (not in items.csv)");
    release();
}

/* Jira's export dates: its default dd/MMM/yy h:mm a form, four-digit
   years, a date alone, ISO; anything else refused. */
static void test_jira_dates(void)
{
    static const struct {
        const char *s;
        const char *want; /* NULL: refused */
    } cases[] = {
        {"14/Jan/27 5:00 PM", "2027-01-14"}, {"01/Jun/26 12:00 AM", "2026-06-01"},
        {"3/dec/27", "2027-12-03"},          {"29/Feb/2028 9:30 am", "2028-02-29"},
        {"2027-01-14", "2027-01-14"},        {"2027-01-14 17:00", "2027-01-14"},
        {"2027-01-14T17:00:00", "2027-01-14"}, {"31/Feb/27", NULL},
        {"14/Foo/27", NULL},                 {"14/Jan/273", NULL},
        {"14/Jan/27 25:00 PM", NULL},        {"14/Jan/27 5:00 XM", NULL},
        {"14/Jan/27 5:00 PM x", NULL},       {"", NULL},
        {"2027-01-14x", NULL},               {"14/Jan/7", NULL}};
    for (size_t k = 0; k < sizeof cases / sizeof *cases; k++) {
        op_date day = OP_DATE_NONE;
        char got[OP_DATE_LEN] = "";
        int rc = op_inputs_jira_date(cases[k].s, &day);
        if (rc == 0)
            op_date_format(day, got);
        if (cases[k].want ? rc != 0 || strcmp(got, cases[k].want) != 0 : rc == 0)
            fprintf(stderr, "\n  jira date \"%s\": got %s\n", cases[k].s, rc ? "refused" : got);
        CU_ASSERT(cases[k].want ? rc == 0 && strcmp(got, cases[k].want) == 0 : rc != 0);
    }
}

/* csvread_all through op_inputs_load_jira: every column of a repeated name
   counts, estimates are seconds, a long unused cell is no error. */
static void test_jira_columns(void)
{
    static char path[TU_PATH_MAX];
    char text[8192];
    char longcell[5001];
    memset(longcell, 'x', sizeof longcell - 1);
    longcell[sizeof longcell - 1] = 0;
    snprintf(text, sizeof text,
             "\xEF\xBB\xBFIssue key,Summary,Labels,Labels,Component/s,Original Estimate,"
             "Time Spent,Remaining Estimate,Status Category,Priority,"
             "Inward issue link (Blocks),Inward issue link (Blocks),Fix Version/s,Fix Version/s,"
             "Description\n"
             "A-1,First,x,role:QA,Backend,5400,,,Done,Blocker,,,1.0,,\"%s\"\n"
             "A-2,Second,role:Dev,y,Backend,,3600,7200,In Progress,Minor,A-1,A-3,1.0,2.0,\"two\nlines\"\n"
             "A-3,Third,,,,,,,To Do,,,,,,\n",
             longcell);
    CU_ASSERT_FATAL(tu_write_file(path, sizeof path, tmpdir, "export.csv", text) != NULL);
    op_jira_opts o;
    op_jira_opts_init(&o);
    o.role_from = OP_JIRA_ROLE_LABEL;
    o.role_arg = "role:";
    o.default_effort = 2;
    op_tracker *t = op_tracker_new();
    op_diag *d = op_diag_new(OP_MAX_ERRORS);
    CU_ASSERT_FATAL(t && d);
    op_status st = op_inputs_load_jira(path, &o, t, d);
    /* A-3 has no role: the one error */
    CU_ASSERT_EQUAL(st, OP_EDATA);
    CU_ASSERT_EQUAL(op_diag_count(d), 1);
    CU_ASSERT(op_diag_count(d) >= 1 && strstr(op_diag_message(d, 0), "export.csv:5: A-3 has no role"));
    CU_ASSERT_EQUAL_FATAL(op_tracker_issue_count(t), 2);
    const op_issue *a = op_tracker_issue(t, 0), *b = op_tracker_issue(t, 1);
    CU_ASSERT_STRING_EQUAL(a->role, "QA");
    CU_ASSERT_STRING_EQUAL(b->role, "Dev");
    CU_ASSERT_DOUBLE_EQUAL(a->effort, 1.5, 1e-9);
    CU_ASSERT_DOUBLE_EQUAL(b->effort, 3, 1e-9); /* no estimate: logged + left */
    CU_ASSERT_EQUAL(a->priority, 0);
    CU_ASSERT_EQUAL(b->priority, 3);
    CU_ASSERT_EQUAL(a->state, OP_ISSUE_DONE);
    CU_ASSERT_EQUAL(b->state, OP_ISSUE_DOING);
    CU_ASSERT_DOUBLE_EQUAL(b->remaining, 2, 1e-9);
    CU_ASSERT_EQUAL_FATAL(b->ndeps, 2);
    CU_ASSERT_STRING_EQUAL(b->deps[0].name, "A-1");
    CU_ASSERT_STRING_EQUAL(b->deps[1].name, "A-3");
    CU_ASSERT_EQUAL(b->deps[1].loc.line, 3);
    CU_ASSERT_EQUAL(b->deps[1].loc.col, 12);
    CU_ASSERT_EQUAL(b->nversions, 2);
    CU_ASSERT_EQUAL(op_tracker_version_count(t), 2);
    op_tracker_free(t);
    op_diag_free(d);
}

int main(void)
{
    static const tu_test tests[] = {
        {"parsed values", test_values},
        {"defaults", test_defaults},
        {"lists with ; and spaces", test_lists},
        {"header case, BOM, CRLF", test_header_bom_crlf},
        {"quoted cells", test_quoted_cells},
        {"capacity of overlapping team rows", test_capacity_overlap},
        {"topological order", test_topo_order},
        {"schedule loading", test_schedule},
        {"schedule errors", test_schedule_errors},
        {"cell errors", test_cell_errors},
        {"plan errors", test_plan_errors},
        {"structure errors", test_structure_errors},
        {"missing file", test_missing_file},
        {"blank rows skipped in every file", test_blank_rows},
        {"semicolon- and tab-separated files", test_separators},
        {"Windows-1252 and UTF-16 files", test_encodings},
        {"closest name", test_closest_name},
        {"did you mean", test_did_you_mean},
        {"Jira dates", test_jira_dates},
        {"Jira export columns (csvread_all)", test_jira_columns},
        {NULL, NULL}};
    return tu_run("inputs", suite_init, suite_cleanup, tests);
}
