/* test_reports.c - unit tests of reports/: formatting, explanations, file writing, changes */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "model/model.h"
#include "reports/internal.h"
#include "tests/testutil.h"

/* ---- output captured in memory --------------------------------------- */

typedef struct mem {
    FILE *f;
    char *buf;
    size_t len;
} mem;

static FILE *mem_open(mem *m)
{
    m->buf = NULL;
    m->len = 0;
    m->f = open_memstream(&m->buf, &m->len);
    CU_ASSERT_FATAL(m->f != NULL);
    return m->f;
}

/* Closes the stream and compares what was written with want, exactly. */
static void mem_expect(mem *m, const char *want, int line)
{
    CU_ASSERT_FATAL(fclose(m->f) == 0);
    if (strcmp(m->buf, want) != 0)
        fprintf(stderr, "\n  line %d: got\n[%s]\n  expected\n[%s]\n", line, m->buf, want);
    CU_ASSERT_STRING_EQUAL(m->buf, want);
    free(m->buf);
}
#define EXPECT(m, want) mem_expect((m), (want), __LINE__)

/* ---- hand-built plans --------------------------------------------------- */

static int add_item(op_plan *p, const char *id, const char *role, double effort)
{
    return tu_add_item(p, id, role, effort, 1, 0, 0, 1, OP_IMPACT_NONE);
}

/* A fixed-duration item holding one person of role for duration weeks. */
static int add_crew_item(op_plan *p, const char *id, const char *role, int duration)
{
    op_item it;
    tu_item_init(p, &it, id, role);
    it.duration = duration;
    int i = op_plan_add_item(p, &it, NULL);
    CU_ASSERT_FATAL(i >= 0);
    op_ref ref = {op_plan_intern(p, role), -1, hand_loc(2, 2)};
    CU_ASSERT_FATAL(op_plan_item_add_crew(p, i, &ref, 1) == 0);
    return i;
}

/* ---- formatting --------------------------------------------------------- */

static void test_num(void)
{
    char b[32];
    CU_ASSERT_STRING_EQUAL(rpt_num(b, sizeof b, 0), "0");
    CU_ASSERT_STRING_EQUAL(rpt_num(b, sizeof b, -0.0), "0");
    CU_ASSERT_STRING_EQUAL(rpt_num(b, sizeof b, -4e-7), "0"); /* never "-0" */
    CU_ASSERT_STRING_EQUAL(rpt_num(b, sizeof b, 4e-7), "0");
    CU_ASSERT_STRING_EQUAL(rpt_num(b, sizeof b, 2), "2");
    CU_ASSERT_STRING_EQUAL(rpt_num(b, sizeof b, 40.5), "40.5");
    CU_ASSERT_STRING_EQUAL(rpt_num(b, sizeof b, -2.25), "-2.25");
    CU_ASSERT_STRING_EQUAL(rpt_num(b, sizeof b, 1.0 / 3), "0.333333"); /* 6 decimals */
    CU_ASSERT_STRING_EQUAL(rpt_num(b, sizeof b, 2.0 / 3), "0.666667");
    CU_ASSERT_STRING_EQUAL(rpt_num(b, sizeof b, 1.0000004), "1");
    CU_ASSERT_STRING_EQUAL(rpt_num(b, sizeof b, 10000000), "10000000");
    CU_ASSERT_STRING_EQUAL(RPT_NUM(12.5), "12.5");
}

static void test_cell(void)
{
    mem m;
    FILE *f = mem_open(&m);
    CU_ASSERT_EQUAL(rpt_cell(f, "plain", 0), 0);
    CU_ASSERT_EQUAL(rpt_cell(f, "", 0), 0);
    CU_ASSERT_EQUAL(rpt_cell(f, "a,b", 0), 0);
    CU_ASSERT_EQUAL(rpt_cell(f, "say \"hi\"", 0), 0);
    CU_ASSERT_EQUAL(rpt_cell(f, " lead", 0), 0);
    CU_ASSERT_EQUAL(rpt_cell(f, "trail ", 0), 0);
    CU_ASSERT_EQUAL(rpt_cell(f, "two\nlines", 1), 0);
    EXPECT(&m, "plain,,\"a,b\",\"say \"\"hi\"\"\",\" lead\",\"trail \",\"two\nlines\"\n");
}

static void test_cell_formula(void)
{
    mem m;
    FILE *f = mem_open(&m);
    CU_ASSERT_EQUAL(rpt_cell(f, "=1+2", 0), 0);
    CU_ASSERT_EQUAL(rpt_cell(f, "+cmd", 0), 0);
    CU_ASSERT_EQUAL(rpt_cell(f, "-3", 0), 0);
    CU_ASSERT_EQUAL(rpt_cell(f, "@SUM(A1)", 0), 0);
    CU_ASSERT_EQUAL(rpt_cell(f, "\tx", 0), 0);
    CU_ASSERT_EQUAL(rpt_cell(f, "\rx", 0), 0);
    CU_ASSERT_EQUAL(rpt_cell(f, "=HYPERLINK(\"u\")", 0), 0);
    CU_ASSERT_EQUAL(rpt_cell(f, "a=b", 1), 0); /* only a leading sign is a formula */
    EXPECT(&m, "\"'=1+2\",\"'+cmd\",\"'-3\",\"'@SUM(A1)\",\"'\tx\",\"'\rx\","
               "\"'=HYPERLINK(\"\"u\"\")\",a=b\n");
}

static void test_cell_numbers(void)
{
    mem m;
    FILE *f = mem_open(&m);
    CU_ASSERT_EQUAL(rpt_cellnum(f, -0.0, 0), 0);
    CU_ASSERT_EQUAL(rpt_cellnum(f, -3, 0), 0); /* computed numbers are never defused */
    CU_ASSERT_EQUAL(rpt_cellnum(f, 0.1 + 0.2, 0), 0);
    CU_ASSERT_EQUAL(rpt_cellweek(f, 0, 0), 0);
    CU_ASSERT_EQUAL(rpt_cellweek(f, 7, 1), 0);
    EXPECT(&m, "0,-3,0.3,,7\n");
}

static void test_markdown_escape(void)
{
    mem m;
    FILE *f = mem_open(&m);
    rpt_md(f, "a|b\nc\rd <b>&amp;</b> 'q' \"x\"");
    EXPECT(&m, "a\\|b c d &lt;b&gt;&amp;amp;&lt;/b&gt; 'q' \"x\"");
}

static void test_xml_escape(void)
{
    mem m;
    FILE *f = mem_open(&m);
    rpt_xml(f, "<a href=\"x\">'&'</a>\x01\tend\n|");
    EXPECT(&m, "&lt;a href=&quot;x&quot;&gt;&apos;&amp;&apos;&lt;/a&gt;\tend|");
}

static void test_append(void)
{
    char buf[8];
    size_t len = 0;
    buf[0] = 0;
    rpt_append(buf, sizeof buf, &len, "%s", "abc");
    rpt_append(buf, sizeof buf, &len, "%d", 12345); /* truncated, never overflowing */
    CU_ASSERT_STRING_EQUAL(buf, "abc1234");
    CU_ASSERT_EQUAL(len, 7);
    rpt_append(buf, sizeof buf, &len, "more");
    CU_ASSERT_STRING_EQUAL(buf, "abc1234");
}

static void test_priority_and_period_names(void)
{
    CU_ASSERT_STRING_EQUAL(op_priority_name(0), "P0");
    CU_ASSERT_STRING_EQUAL(op_priority_name(1), "P1");
    CU_ASSERT_STRING_EQUAL(op_priority_name(2), "P2");
    CU_ASSERT_STRING_EQUAL(op_priority_name(3), "P3");
    CU_ASSERT_STRING_EQUAL(op_priority_name(4), "P?");
    CU_ASSERT_STRING_EQUAL(op_priority_name(-1), "P?");
    op_plan *p = op_plan_new();
    CU_ASSERT_FATAL(p != NULL);
    CU_ASSERT_STRING_EQUAL(rpt_period(p, 0), "week");
    CU_ASSERT_STRING_EQUAL(rpt_period(p, 1), "weeks");
    CU_ASSERT_STRING_EQUAL(rpt_Period(p, 0), "Week");
    op_plan_set_period(p, OP_PERIOD_DAY);
    CU_ASSERT_STRING_EQUAL(rpt_period(p, 1), "days");
    CU_ASSERT_STRING_EQUAL(rpt_Period(p, 1), "Days");
    op_plan_free(p);
}

/* ---- explanations ------------------------------------------------------- */

static void test_violation_names(void)
{
    static const char *const want[] = {"over_capacity", "max_people", "dependency",
                                       "before_earliest", "after_due", "under_allocated",
                                       "over_allocated", "unscheduled", "gate_entry",
                                       "crew_broken", "handoff"};
    CU_ASSERT_EQUAL_FATAL(OP_V_COUNT, 11);
    for (int k = 0; k < OP_V_COUNT; k++)
        CU_ASSERT_STRING_EQUAL(op_violation_name((op_violation_kind)k), want[k]);
    /* the order is the enum's, which violations.csv and the fuzzers rely on */
    CU_ASSERT_EQUAL(OP_V_OVER_CAPACITY, 0);
    CU_ASSERT_EQUAL(OP_V_CREW_BROKEN, 9);
    CU_ASSERT_EQUAL(OP_V_HANDOFF, 10);
    CU_ASSERT_STRING_EQUAL(op_violation_name(OP_V_COUNT), "");
}

/* Checks the text of one violation built by hand. */
static void expect_text(const op_plan *p, op_violation v, const char *want)
{
    char buf[1024];
    rpt_violation_text(p, &v, buf, sizeof buf);
    if (strcmp(buf, want) != 0)
        fprintf(stderr, "\n  kind %d: got [%s], expected [%s]", (int)v.kind, buf, want);
    CU_ASSERT_STRING_EQUAL(buf, want);
}

static void test_violation_texts(void)
{
    op_plan *p = op_plan_new();
    CU_ASSERT_FATAL(p != NULL);
    add_team(p, "Dev", 1, 40, 1, 0);
    int a = add_item(p, "A", "Dev", 20);
    int b = add_item(p, "B", "Dev", 10);
    add_dep(p, b, "A");
    int c = add_crew_item(p, "C", "Dev", 2);
    int g = add_gate(p, "G1", 2, "A", "");
    validate_ok(p);
    expect_text(p, (op_violation){OP_V_OVER_CAPACITY, -1, 0, 3, -1, 50, 40},
                "Dev booked 50 h against 40 h in week 3");
    expect_text(p, (op_violation){OP_V_MAX_PEOPLE, a, 0, 2, -1, 60.5, 40},
                "A gets 60.5 h in week 2, more than its max_people can work (40 h)");
    expect_text(p, (op_violation){OP_V_DEPENDENCY, b, 0, 2, a, 2, 3},
                "B starts in week 2 but depends on A, done in week 3");
    expect_text(p, (op_violation){OP_V_DEPENDENCY, b, 0, 2, a, 2, 0},
                "B starts in week 2 but depends on A, which is never done");
    expect_text(p, (op_violation){OP_V_EARLY, a, 0, 1, -1, 1, 2},
                "A starts in week 1, before its earliest_week 2");
    expect_text(p, (op_violation){OP_V_DUE, a, 0, 5, -1, 5, 4},
                "A is done in week 5, after its due_week 4");
    expect_text(p, (op_violation){OP_V_UNDER, a, 0, 0, -1, 10.5, 20},
                "A is given 10.5 h of its 20 h effort");
    expect_text(p, (op_violation){OP_V_OVER, a, 0, 0, -1, 30, 20},
                "A is given 30 h, more than its 20 h effort");
    expect_text(p, (op_violation){OP_V_UNSCHEDULED, a, 0, 0, -1, 0, 20},
                "A (Dev, 20 h) is never scheduled");
    expect_text(p, (op_violation){OP_V_GATE_ENTRY, a, 0, 1, g, 1, 0},
                "A starts in week 1 before gate G1 is passed");
    expect_text(p, (op_violation){OP_V_CREW_BROKEN, c, 0, 1, -1, 1, 2},
                "C does not run as one block of 2 weeks");
    expect_text(p, (op_violation){OP_V_HANDOFF, b, 0, 2, a, 60, 40},
                "B starts in week 2, the week A is done in, but the chain's 60 h there "
                "exceed one person's 40 h");
    expect_text(p, (op_violation){OP_V_COUNT, a, 0, 1, -1, 0, 0}, "");
    /* a day plan names days; earliest_week and due_week keep their field names */
    op_plan_set_period(p, OP_PERIOD_DAY);
    expect_text(p, (op_violation){OP_V_EARLY, a, 0, 3, -1, 3, 6},
                "A starts in day 3, before its earliest_week (day 6)");
    expect_text(p, (op_violation){OP_V_DUE, a, 0, 9, -1, 9, 5},
                "A is done in day 9, after its due_week (day 5)");
    expect_text(p, (op_violation){OP_V_CREW_BROKEN, c, 0, 1, -1, 1, 2},
                "C does not run as one block of 2 days");
    op_plan_free(p);
}

static void test_gate_cause(void)
{
    op_plan *p = op_plan_new();
    CU_ASSERT_FATAL(p != NULL);
    add_team(p, "Dev", 1, 40, 1, 0);
    add_team(p, "Ops", 1, 40, 3, 0);
    int a = add_item(p, "A", "Dev", 80);
    int b = add_item(p, "B", "Dev", 10);
    add_item(p, "C", "Ops", 10);
    int g1 = add_gate(p, "G1", 1, "A", "");
    int g2 = add_gate(p, "G2", 1, "B", "G1");
    int g3 = add_gate(p, "G3", 2, "C", "");
    int g4 = add_gate(p, "G4", 3, "B", "");
    validate_ok(p);
    op_schedule *s = op_schedule_new(3, 4);
    CU_ASSERT_FATAL(s != NULL);
    op_schedule_set(s, a, 1, 40);
    op_schedule_set(s, a, 2, 40);
    op_schedule_set(s, b, 2, 10);
    op_eval *e = op_eval_new(p, s, 0);
    CU_ASSERT_FATAL(e != NULL);
    char buf[1024];
    op_report_gate_cause(p, e, g1, buf, sizeof buf);
    CU_ASSERT_STRING_EQUAL(buf, "A (Dev) is done in week 2: Dev has 40 h in weeks 1..1 for the "
                                "80 h this gate needs, so no plan with this team meets the "
                                "deadline");
    /* the required gate's late pass, then its own item against both gates' demand */
    op_report_gate_cause(p, e, g2, buf, sizeof buf);
    CU_ASSERT_STRING_EQUAL(buf, "waits for G1 (passed week 2); B (Dev) is done in week 2: Dev "
                                "has 40 h in weeks 1..1 for the 90 h this gate needs, so no plan "
                                "with this team meets the deadline");
    op_report_gate_cause(p, e, g3, buf, sizeof buf);
    CU_ASSERT_STRING_EQUAL(buf, "C (Ops) is not scheduled: Ops has no capacity in weeks 1..2, so "
                                "no plan with this team meets the deadline");
    op_report_gate_cause(p, e, g4, buf, sizeof buf); /* met: nothing to explain */
    CU_ASSERT_STRING_EQUAL(buf, "");
    op_eval_free(e);
    /* B done in week 4: the hours were there; no guess why the plan used
       them for others (the fix menu's re-solves say what would help) */
    op_schedule_set(s, b, 2, 0);
    op_schedule_set(s, b, 4, 10);
    e = op_eval_new(p, s, 0);
    CU_ASSERT_FATAL(e != NULL);
    op_report_gate_cause(p, e, g4, buf, sizeof buf);
    CU_ASSERT_STRING_EQUAL(buf, "B (Dev) is done in week 4");
    /* a status saying B is done leaves nothing of Dev for G2 to wait for but A */
    op_plan_set_progress(p, b, 1, 0, 0);
    op_report_gate_cause(p, e, g2, buf, sizeof buf);
    CU_ASSERT_STRING_EQUAL(buf, "waits for G1 (passed week 2); B (Dev) is done in week 4: Dev "
                                "has 40 h in weeks 1..1 for the 80 h this gate needs, so no plan "
                                "with this team meets the deadline");
    op_eval_free(e);
    op_schedule_free(s);
    op_plan_free(p);
}

/* Why an item ends after its due week: a dependency done by then, else its role's hours
   up to the due week against its effort, else those hours and what is booked in them. */
static void test_item_late_cause(void)
{
    op_plan *p = op_plan_new();
    CU_ASSERT_FATAL(p != NULL);
    add_team(p, "Dev", 1, 40, 1, 0);
    int a = tu_add_item(p, "A", "Dev", 40, 1, 0, 1, 1, OP_IMPACT_NONE);
    int b = tu_add_item(p, "B", "Dev", 80, 1, 0, 1, 1, OP_IMPACT_NONE);
    int c = tu_add_item(p, "C", "Dev", 40, 1, 0, 2, 1, OP_IMPACT_NONE);
    add_dep(p, c, "B");
    validate_ok(p);
    op_schedule *s = op_schedule_new(3, 4);
    CU_ASSERT_FATAL(s != NULL);
    op_schedule_set(s, b, 1, 40);
    op_schedule_set(s, b, 2, 40);
    op_schedule_set(s, a, 3, 40);
    op_schedule_set(s, c, 4, 40);
    op_eval *e = op_eval_new(p, s, 0);
    CU_ASSERT_FATAL(e != NULL);
    CU_ASSERT_EQUAL(op_eval_item(e, a)->late, 2);
    CU_ASSERT_EQUAL(op_eval_item(e, b)->late, 1);
    CU_ASSERT_EQUAL(op_eval_item(e, c)->late, 2);
    char buf[256];
    op_report_item_late_cause(p, e, a, buf, sizeof buf);
    CU_ASSERT_STRING_EQUAL(buf, "Dev has 40 h in weeks 1..1, 40 h of them booked");
    op_report_item_late_cause(p, e, b, buf, sizeof buf);
    CU_ASSERT_STRING_EQUAL(buf, "Dev has 40 h in weeks 1..1 for its 80 h");
    op_report_item_late_cause(p, e, c, buf, sizeof buf);
    CU_ASSERT_STRING_EQUAL(buf, "depends on B, done in week 2");
    op_eval_free(e);
    op_schedule_free(s);
    op_plan_free(p);
}

/* ---- writers and files -------------------------------------------------- */

static void test_schedule_csv_order(void)
{
    op_plan *p = op_plan_new();
    CU_ASSERT_FATAL(p != NULL);
    add_team(p, "Dev", 2, 40, 1, 0);
    int a = add_item(p, "A", "Dev", 10);
    int b = add_item(p, "B", "Dev", 10);
    int c = tu_add_item(p, "C", "Dev", 10, 1, 0, 2, 1, OP_IMPACT_NONE); /* due week 2 */
    tu_add_item(p, "D", "Dev", 10, 1, 0, 3, 1, OP_IMPACT_NONE);        /* due week 3 */
    validate_ok(p);
    op_schedule *s = op_schedule_new(4, 3);
    CU_ASSERT_FATAL(s != NULL);
    op_schedule_set(s, a, 3, 10);
    op_schedule_set(s, b, 1, 10);
    op_schedule_set(s, c, 3, 10);
    op_eval *e = op_eval_new(p, s, 0);
    CU_ASSERT_FATAL(e != NULL);
    mem m;
    CU_ASSERT_EQUAL(rpt_write_schedule_csv(mem_open(&m), p, e), 0);
    /* by start week, ties in plan order, never-scheduled items last; weeks late only for
       items with a due week that are done */
    EXPECT(&m, "id,title,role,priority,start_week,end_week,hours,due_week,weeks_late\n"
               "B,,Dev,P1,1,1,10,,\nA,,Dev,P1,3,3,10,,\nC,,Dev,P1,3,3,10,2,1\n"
               "D,,Dev,P1,,,0,3,\n");
    op_eval_free(e);
    op_schedule_free(s);
    op_plan_free(p);
}

static int write_hello(FILE *f, const void *ctx)
{
    (void)ctx;
    return fputs("hello\n", f) < 0 ? -1 : 0;
}

/* Fails with the stream clean: out of memory, under the writers' contract. */
static int write_nomem(FILE *f, const void *ctx)
{
    (void)ctx;
    fputs("half a file", f);
    return -1;
}

static void test_write_file(void)
{
    const char *dir = tu_mkdtemp();
    CU_ASSERT_FATAL(dir != NULL);
    op_diag *d = op_diag_new(OP_MAX_ERRORS);
    CU_ASSERT_FATAL(d != NULL);
    char path[TU_PATH_MAX];
    CU_ASSERT_EQUAL(rpt_write_file(dir, "a.txt", write_hello, NULL, d), OP_OK);
    FILE *f = fopen(tu_join(path, sizeof path, dir, "a.txt"), "r");
    CU_ASSERT_FATAL(f != NULL);
    char line[32] = "";
    CU_ASSERT_PTR_NOT_NULL(fgets(line, sizeof line, f));
    fclose(f);
    CU_ASSERT_STRING_EQUAL(line, "hello\n");
    CU_ASSERT_EQUAL(op_diag_count(d), 0);
    /* a failed writer: an error, and neither the file nor its temporary */
    CU_ASSERT_EQUAL(rpt_write_file(dir, "b.txt", write_nomem, NULL, d), OP_ENOMEM);
    CU_ASSERT_EQUAL(op_diag_status(d), OP_ENOMEM);
    CU_ASSERT_STRING_EQUAL(op_diag_message(d, 0), "b.txt: out of memory");
    struct stat sb;
    CU_ASSERT_NOT_EQUAL(stat(tu_join(path, sizeof path, dir, "b.txt"), &sb), 0);
    CU_ASSERT_NOT_EQUAL(stat(tu_join(path, sizeof path, dir, ".b.txt~"), &sb), 0);
    op_diag_free(d);
    tu_rmdir(dir);
}

/* ---- what changed since the previous plan ------------------------------- */

/* Plan A, B, C, D (Dev, one person), gates G1 (A) and G2 (C); the previous
   run had A in week 1, B in 1-2, C in 2-3, E (since removed) in 1, and G1
   and G2 passed in weeks 1 and 3. */
static op_plan *changes_plan(op_run **prev)
{
    op_plan *p = op_plan_new();
    CU_ASSERT_FATAL(p != NULL);
    add_team(p, "Dev", 1, 40, 1, 0);
    add_item(p, "A", "Dev", 10);
    add_item(p, "B", "Dev", 10);
    add_item(p, "C", "Dev", 20);
    add_item(p, "D", "Dev", 10);
    add_gate(p, "G1", 1, "A", "");
    add_gate(p, "G2", 3, "C", "");
    validate_ok(p);
    op_run *r = op_run_new("prev");
    CU_ASSERT_FATAL(r != NULL);
    CU_ASSERT_FATAL(op_run_put(r, OP_RUN_ITEM, "A", "1", "1") == 0);
    CU_ASSERT_FATAL(op_run_put(r, OP_RUN_ITEM, "B", "1", "2") == 0);
    CU_ASSERT_FATAL(op_run_put(r, OP_RUN_ITEM, "C", "2", "3") == 0);
    CU_ASSERT_FATAL(op_run_put(r, OP_RUN_ITEM, "E", "1", "1") == 0);
    CU_ASSERT_FATAL(op_run_put(r, OP_RUN_GATE, "G1", "1", "1") == 0);
    CU_ASSERT_FATAL(op_run_put(r, OP_RUN_GATE, "G2", "3", "3") == 0);
    *prev = r;
    return p;
}

static void test_changes(void)
{
    op_run *prev;
    op_plan *p = changes_plan(&prev);
    int a = op_plan_find_item(p, "A"), c = op_plan_find_item(p, "C");
    int d = op_plan_find_item(p, "D");
    op_schedule *s = op_schedule_new(4, 3);
    CU_ASSERT_FATAL(s != NULL);
    op_schedule_set(s, a, 2, 10);  /* A moved: week 1 -> 2, so G1 slipped */
    op_schedule_set(s, c, 2, 10);  /* C unchanged */
    op_schedule_set(s, c, 3, 10);
    op_schedule_set(s, d, 1, 10);  /* D is new; B is now deferred */
    op_eval *e = op_eval_new(p, s, 0);
    CU_ASSERT_FATAL(e != NULL);
    mem m;
    /* D, new, takes Dev's week 1: A and B (Dev) slip because of it */
    rpt_previous pv = {prev, NULL, 0};
    CU_ASSERT_EQUAL(rpt_write_changes_csv(mem_open(&m), p, e, &pv), 0);
    EXPECT(&m, "id,change,previous_start,previous_end,start_week,end_week,moved_weeks,cause\n"
               "A,moved,1,1,2,2,1,D (new)\n"
               "B,deferred,1,2,,,,D (new)\n"
               "D,new,,,1,1,,D (new)\n"
               "E,removed,1,1,,,,\n");
    CU_ASSERT_EQUAL(rpt_changes_section(mem_open(&m), p, e, &pv), 0);
    EXPECT(&m, "\n## What changed since the previous plan\n\nRoot causes:\n\n"
               "- D is new: 10 h of Dev\n"
               "\nWhat moved:\n\n"
               "- gate G1 slipped: week 2, was week 1: A (Dev) now ends week 2, was 1; "
               "because of D (new)\n"
               "\n| item | change | was (weeks) | now (weeks) | moved | cause |\n"
               "|---|---|---|---|---|---|\n"
               "| A | moved | 1 | 2 | +1 | D (new) |\n"
               "| B | deferred | 1-2 | none |  | D (new) |\n"
               "| D | new | none | 1 |  | D (new) |\n"
               "| E | removed | 1 | none |  |  |\n");
    op_eval_free(e);
    op_schedule_free(s);
    op_run_free(prev);
    op_plan_free(p);
}

static void test_no_changes(void)
{
    op_run *prev;
    op_plan *p = changes_plan(&prev);
    op_schedule *s = op_schedule_new(4, 3);
    CU_ASSERT_FATAL(s != NULL);
    op_schedule_set(s, op_plan_find_item(p, "A"), 1, 10);
    op_schedule_set(s, op_plan_find_item(p, "B"), 1, 5);
    op_schedule_set(s, op_plan_find_item(p, "B"), 2, 5);
    op_schedule_set(s, op_plan_find_item(p, "C"), 2, 10);
    op_schedule_set(s, op_plan_find_item(p, "C"), 3, 10);
    /* the previous run as it was: D and E rows as this plan has them */
    op_run *same = op_run_new("same");
    CU_ASSERT_FATAL(same != NULL);
    CU_ASSERT_FATAL(op_run_put(same, OP_RUN_ITEM, "A", "1", "1") == 0);
    CU_ASSERT_FATAL(op_run_put(same, OP_RUN_ITEM, "B", "1", "2") == 0);
    CU_ASSERT_FATAL(op_run_put(same, OP_RUN_ITEM, "C", "2", "3") == 0);
    CU_ASSERT_FATAL(op_run_put(same, OP_RUN_ITEM, "D", "", "") == 0);
    CU_ASSERT_FATAL(op_run_put(same, OP_RUN_GATE, "G1", "1", "1") == 0);
    op_eval *e = op_eval_new(p, s, 0);
    CU_ASSERT_FATAL(e != NULL);
    mem m;
    rpt_previous pv = {same, NULL, 0};
    CU_ASSERT_EQUAL(rpt_write_changes_csv(mem_open(&m), p, e, &pv), 0);
    EXPECT(&m, "id,change,previous_start,previous_end,start_week,end_week,moved_weeks,cause\n");
    CU_ASSERT_EQUAL(rpt_changes_section(mem_open(&m), p, e, &pv), 0);
    EXPECT(&m, "\n## What changed since the previous plan\n\nRoot causes:\n\n"
               "- none found: no item overran, was done early or is new, and no role's capacity "
               "changed\n"
               "\nWhat moved:\n\n- no gate moved\n"
               "\nNo changes: every item keeps its weeks.\n");
    op_eval_free(e);
    op_schedule_free(s);
    op_run_free(same);
    op_run_free(prev);
    op_plan_free(p);
}

/* ---- sweep: how scenarios rank -------------------------------------------- */

/* The ranking keys of scenario k: gates met, must-haves deferred, items
   scheduled, lateness, cost. */
static rpt_sweep_rank rank_of(int k, int gates, int musts, int items, double late, double cost)
{
    return (rpt_sweep_rank){0, gates, musts, items, late, cost, k};
}

static void test_sweep_rank(void)
{
    /* the shipped plan: base against "Performance -1", 80 h cheaper but one
       must-have and four more items deferred */
    rpt_sweep_rank base = rank_of(0, 1, 0, 44, 16, 960), perf = rank_of(9, 1, 1, 40, 16, 880);
    CU_ASSERT(rpt_sweep_rank_cmp(&base, &perf) < 0);
    CU_ASSERT(rpt_sweep_rank_cmp(&perf, &base) > 0);
    /* each key decides when the ones before it tie, whatever the ones after */
    rpt_sweep_rank musts = rank_of(5, 1, 1, 45, 0, 0);
    CU_ASSERT(rpt_sweep_rank_cmp(&base, &musts) < 0);
    rpt_sweep_rank gates = rank_of(5, 2, 3, 1, 99, 9999);
    CU_ASSERT(rpt_sweep_rank_cmp(&gates, &base) < 0);
    rpt_sweep_rank items = rank_of(5, 1, 0, 45, 99, 9999);
    CU_ASSERT(rpt_sweep_rank_cmp(&items, &base) < 0);
    rpt_sweep_rank late = rank_of(5, 1, 0, 44, 15, 9999);
    CU_ASSERT(rpt_sweep_rank_cmp(&late, &base) < 0);
    rpt_sweep_rank cheap = rank_of(5, 1, 0, 44, 16, 959);
    CU_ASSERT(rpt_sweep_rank_cmp(&cheap, &base) < 0);
    /* ties keep scenario order; a scenario with no plan comes last */
    rpt_sweep_rank same = rank_of(5, 1, 0, 44, 16, 960);
    CU_ASSERT(rpt_sweep_rank_cmp(&base, &same) < 0);
    CU_ASSERT(rpt_sweep_rank_cmp(&same, &base) > 0);
    CU_ASSERT_EQUAL(rpt_sweep_rank_cmp(&base, &base), 0);
    rpt_sweep_rank none = rank_of(1, 0, 0, 0, 0, 0);
    none.no_plan = 1;
    rpt_sweep_rank worst = rank_of(14, 0, 4, 33, 21, 720);
    CU_ASSERT(rpt_sweep_rank_cmp(&none, &worst) > 0);
    CU_ASSERT(rpt_sweep_rank_cmp(&worst, &none) < 0);
}

/* A sweep scenario read back: one gate (met or not), items A, B, C of
   which those named in deferred have no start week, and its team cost. */
static op_run *sweep_run(const char *label, int gates_met, const char *deferred, double cost)
{
    op_run *r = op_run_new(label);
    CU_ASSERT_FATAL(r != NULL);
    char met[16], sched[16], c[32];
    snprintf(met, sizeof met, "%d", gates_met);
    snprintf(sched, sizeof sched, "%d", 3 - (int)strlen(deferred));
    snprintf(c, sizeof c, "%g", cost);
    int must_late = strpbrk(deferred, "AB") != NULL;
    const char *const metrics[][2] = {
        {"gates_met", met}, {"gates", "1"}, {"total_lateness", gates_met ? "0" : "2"},
        {"last_week", "1"}, {"items_scheduled", sched}, {"items", "3"},
        {"first_go_week", must_late ? "" : "1"}, {"team_cost", c}};
    for (size_t k = 0; k < sizeof metrics / sizeof *metrics; k++)
        CU_ASSERT_FATAL(op_run_put(r, OP_RUN_METRIC, metrics[k][0], metrics[k][1], NULL) == 0);
    CU_ASSERT_FATAL(op_run_put(r, OP_RUN_GATE, "G", "1", gates_met ? "1" : "") == 0);
    for (const char *id = "ABC"; *id; id++) {
        const char key[] = {*id, 0}, *w = strchr(deferred, *id) ? "" : "1";
        CU_ASSERT_FATAL(op_run_put(r, OP_RUN_ITEM, key, w, w) == 0);
    }
    return r;
}

/* The text of dir/name (at most n - 1 bytes) into buf. */
static const char *slurp(char *buf, size_t n, const char *dir, const char *name)
{
    char path[TU_PATH_MAX];
    FILE *f = fopen(tu_join(path, sizeof path, dir, name), "r");
    CU_ASSERT_FATAL(f != NULL);
    size_t len = fread(buf, 1, n - 1, f);
    buf[len] = 0;
    fclose(f);
    return buf;
}

/* op_report_sweep: the new columns, and the cheapest scenario with a plan,
   which defers a must-have, ranked below every scenario that does not. */
static void test_sweep_report(void)
{
    op_plan *p = op_plan_new();
    CU_ASSERT_FATAL(p != NULL);
    add_team(p, "Dev", 1, 40, 1, 0);
    for (const char *id = "ABC"; *id; id++) {
        const char key[] = {*id, 0};
        op_item it;
        tu_item_init(p, &it, key, "Dev");
        it.effort = 10;
        it.decision = *id == 'C' ? OP_DECISION_NICE : OP_DECISION_MUST;
        CU_ASSERT_FATAL(op_plan_add_item(p, &it, NULL) >= 0);
    }
    add_gate(p, "G", 1, "A", "");
    validate_ok(p);
    op_run *runs[] = {sweep_run("base", 1, "", 80), sweep_run("Dev-1", 1, "A", 10),
                      sweep_run("Dev+1", 1, "", 120), sweep_run("Dev-2", 1, "C", 20),
                      sweep_run("Dev-3", 0, "AB", 0)};
    const op_report_scenario sc[] = {
        {"base", NULL, 0, 1}, {"Dev-1", "Dev", -1, 1}, {"Dev+1", "Dev", 1, 1},
        {"Dev-2", "Dev", -2, 1}, {"Dev-3", "Dev", -3, 1}};
    char tmpl[] = "/tmp/optplan-sweep.XXXXXX";
    const char *dir = mkdtemp(tmpl);
    CU_ASSERT_FATAL(dir != NULL);
    op_diag *d = op_diag_new(OP_MAX_ERRORS);
    CU_ASSERT_FATAL(d != NULL);
    CU_ASSERT_EQUAL(op_report_sweep(dir, p, runs, sc, 5, d), OP_OK);
    char buf[4096];
    CU_ASSERT_STRING_EQUAL(
        slurp(buf, sizeof buf, dir, "sweep.csv"),
        "scenario,role,delta,from_week,gates_met,total_lateness,lateness_removed,last_week,"
        "team_cost,cost_change,items_scheduled,items_deferred,must_deferred,first_go_week,"
        "G_week\n"
        "base,,0,1,1,0,0,1,80,0,3,0,0,1,1\n"
        "Dev+1,Dev,1,1,1,0,0,1,120,40,3,0,0,1,1\n"
        "Dev-2,Dev,-2,1,1,0,0,1,20,-60,2,1,0,1,1\n"
        "Dev-1,Dev,-1,1,1,0,0,1,10,-70,2,1,1,,1\n"
        "Dev-3,Dev,-3,1,0,2,-2,1,0,-80,1,2,2,,\n");
    slurp(buf, sizeof buf, dir, "sweep.md");
    CU_ASSERT_PTR_NOT_NULL(strstr(buf, "3 of 3 items scheduled, no must-have deferred, "
                                       "first Go week 1, team cost 80."));
    CU_ASSERT_PTR_NOT_NULL(
        strstr(buf, "| Dev-1 | 1 | 1 | 2 | 1 | 0 | 0 | 1 | never | 10 | -70 | 1 |"));
    CU_ASSERT_PTR_NOT_NULL(strstr(buf, "Must-haves deferred:\n\n- Dev-1: A\n- Dev-3: A, B\n"));
    CU_ASSERT_PTR_NOT_NULL(strstr(buf, "No role can give a person away at no loss."));
    CU_ASSERT_EQUAL(op_diag_count(d), 0);
    op_diag_free(d);
    tu_rmdir(dir);
    for (int k = 0; k < 5; k++)
        op_run_free(runs[k]);
    op_plan_free(p);
}

int main(void)
{
    static const tu_test tests[] = {
        {"numbers: 6 decimals, no trailing zeros, never -0", test_num},
        {"CSV cells: quoting", test_cell},
        {"CSV cells: formula injection defused", test_cell_formula},
        {"CSV cells: numbers and weeks", test_cell_numbers},
        {"markdown escaping", test_markdown_escape},
        {"XML escaping", test_xml_escape},
        {"bounded append", test_append},
        {"priority and period names", test_priority_and_period_names},
        {"violation kind names", test_violation_names},
        {"violation text of every kind", test_violation_texts},
        {"gate causes", test_gate_cause},
        {"late item causes", test_item_late_cause},
        {"schedule.csv order", test_schedule_csv_order},
        {"files written all or nothing", test_write_file},
        {"changes: moved, deferred, new, removed, a gate slipped", test_changes},
        {"changes: none", test_no_changes},
        {"sweep ranking: gates, must-haves, items, lateness, cost, scenario order",
         test_sweep_rank},
        {"sweep.csv and sweep.md: items, must-haves deferred, Go week", test_sweep_report},
        {NULL, NULL}};
    return tu_run("reports", NULL, NULL, tests);
}
