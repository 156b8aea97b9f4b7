/* test_charts.c - CUnit tests of the charts: calendar, runs, mermaid gantt text, gantt.svg, load.svg */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/model.h"
#include "reports/internal.h"
#include "tests/testutil.h"

static const char *date_text(op_date d, char buf[OP_DATE_LEN])
{
    op_date_format(d, buf);
    return buf;
}

/* Occurrences of needle in hay. */
static int count(const char *hay, const char *needle)
{
    int n = 0;
    for (const char *q = strstr(hay, needle); q; q = strstr(q + 1, needle))
        n++;
    return n;
}

/* hay contains s; says which when not. */
static int has(const char *hay, const char *s, int line)
{
    if (strstr(hay, s))
        return 1;
    fprintf(stderr, "\n  line %d: [%s] not in the output", line, s);
    return 0;
}
#define HAS(buf, s) CU_ASSERT(has((buf), (s), __LINE__))

/* The plan every chart test draws: Dev (2 people) with A (P0, 80 h in
   periods 1-2) and "title" (P1, 24 h in periods 1 and 3: paused in 2, and
   an id mermaid would read as a keyword, a title with its separators), Ops
   (1 person) with "a%b" (48 h in period 2: over capacity; an id mermaid would
   read as a comment, and no task id); gates G1 (A) and G2
   ("title"), both due in week 1. */
typedef struct fixture {
    op_plan *p;
    op_schedule *s;
    op_eval *e;
} fixture;

static fixture fixture_new(op_date start, op_period period)
{
    fixture x;
    x.p = op_plan_new();
    CU_ASSERT_FATAL(x.p != NULL);
    op_plan_set_period(x.p, period);
    add_team(x.p, "Dev", 2, 40, 1, 0);
    add_team(x.p, "Ops", 1, 40, 1, 0);
    int a = tu_add_item(x.p, "A", "Dev", 80, 2, 0, 0, 0, OP_IMPACT_NONE);
    op_item it;
    tu_item_init(x.p, &it, "title", "Dev");
    it.title = op_plan_intern(x.p, "a: b # c; <d> and a long tail that goes on and on");
    it.effort = 24;
    int b = op_plan_add_item(x.p, &it, NULL);
    CU_ASSERT_FATAL(b >= 0);
    int c = tu_add_item(x.p, "a%b", "Ops", 48, 2, 0, 0, 1, OP_IMPACT_NONE);
    add_gate(x.p, "G1", 1, "A", "");
    add_gate(x.p, "G2", 1, "title", "");
    if (start != OP_DATE_NONE)
        op_plan_set_start(x.p, start);
    validate_ok(x.p);
    x.s = op_schedule_new(3, 4);
    CU_ASSERT_FATAL(x.s != NULL);
    op_schedule_set(x.s, a, 1, 40);
    op_schedule_set(x.s, a, 2, 40);
    op_schedule_set(x.s, b, 1, 8);
    op_schedule_set(x.s, b, 3, 16);
    op_schedule_set(x.s, c, 2, 48);
    x.e = op_eval_new(x.p, x.s, 0);
    CU_ASSERT_FATAL(x.e != NULL);
    return x;
}

static void fixture_free(fixture *x)
{
    op_eval_free(x->e);
    op_schedule_free(x->s);
    op_plan_free(x->p);
}

/* report.md's tail for x, as a string the caller frees. */
static char *markdown_tail(const fixture *x)
{
    op_report_info info;
    memset(&info, 0, sizeof info);
    info.command = "check";
    info.plan_name = "charts";
    info.status = "hand plan";
    info.horizon = 4;
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    CU_ASSERT_FATAL(f != NULL);
    CU_ASSERT_EQUAL(rpt_write_markdown_tail(f, x->p, x->s, x->e, &info), 0);
    CU_ASSERT_FATAL(fclose(f) == 0);
    return buf;
}

/* An SVG writer's output for x (load: load.svg, else gantt.svg). */
static char *svg_text(const fixture *x, int load)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    CU_ASSERT_FATAL(f != NULL);
    CU_ASSERT_EQUAL(load ? rpt_write_load_svg(f, x->p, x->e) : rpt_write_svg(f, x->p, x->s, x->e),
                    0);
    CU_ASSERT_FATAL(fclose(f) == 0);
    return buf;
}

static void test_calendar(void)
{
    char b[OP_DATE_LEN];
    /* the fixed calendar: Monday 2001-01-01, the Monday of ISO week 1 */
    CU_ASSERT_STRING_EQUAL(date_text(RPT_CHART_EPOCH, b), "2001-01-01");
    CU_ASSERT_EQUAL(op_date_weekday(RPT_CHART_EPOCH), 0);
    fixture x = fixture_new(OP_DATE_NONE, OP_PERIOD_WEEK);
    CU_ASSERT_EQUAL(rpt_chart_start(x.p), RPT_CHART_EPOCH);
    CU_ASSERT_STRING_EQUAL(date_text(rpt_chart_day(x.p, 1, 0), b), "2001-01-01");
    CU_ASSERT_STRING_EQUAL(date_text(rpt_chart_day(x.p, 1, 1), b), "2001-01-06");
    char lab[16];
    CU_ASSERT_EQUAL(rpt_chart_axis_date(x.p, 1, 0, lab, sizeof lab), 0);
    fixture_free(&x);
    op_date start;
    CU_ASSERT_FATAL(op_date_parse("2027-01-04", &start) == 0);
    x = fixture_new(start, OP_PERIOD_WEEK);
    /* week 11 runs Monday 15 March .. Friday 26 March: its bar ends on the 27th */
    CU_ASSERT_STRING_EQUAL(date_text(rpt_chart_day(x.p, 11, 0), b), "2027-03-15");
    CU_ASSERT_STRING_EQUAL(date_text(rpt_chart_day(x.p, 12, 1), b), "2027-03-27");
    CU_ASSERT_EQUAL(rpt_chart_axis_date(x.p, 3, 0, lab, sizeof lab), 1);
    CU_ASSERT_STRING_EQUAL(lab, "18 Jan");
    CU_ASSERT_EQUAL(rpt_chart_axis_date(x.p, 3, 1, lab, sizeof lab), 0); /* sparse: weeks 1, 5, .. */
    fixture_free(&x);
    x = fixture_new(start, OP_PERIOD_DAY);
    /* day 6 is Monday of week 2; a day bar ends the next day */
    CU_ASSERT_STRING_EQUAL(date_text(rpt_chart_day(x.p, 6, 0), b), "2027-01-11");
    CU_ASSERT_STRING_EQUAL(date_text(rpt_chart_day(x.p, 5, 1), b), "2027-01-09");
    CU_ASSERT_EQUAL(rpt_chart_axis_date(x.p, 6, 0, lab, sizeof lab), 1);
    CU_ASSERT_EQUAL(rpt_chart_axis_date(x.p, 7, 0, lab, sizeof lab), 0); /* not a Monday */
    fixture_free(&x);
}

static void test_runs_and_short_text(void)
{
    op_schedule *s = op_schedule_new(1, 8);
    CU_ASSERT_FATAL(s != NULL);
    static const int weeks[] = {1, 2, 4, 6, 7};
    for (size_t k = 0; k < sizeof weeks / sizeof weeks[0]; k++)
        op_schedule_set(s, 0, weeks[k], 1);
    int t = 1, a, b, n = 0, want[][2] = {{1, 2}, {4, 4}, {6, 7}};
    while (rpt_next_run(s, 0, &t, 8, &a, &b)) {
        CU_ASSERT_FATAL(n < 3);
        CU_ASSERT(a == want[n][0] && b == want[n][1]);
        n++;
    }
    CU_ASSERT_EQUAL(n, 3);
    t = 3; /* a window that cuts a run keeps to the window */
    CU_ASSERT(rpt_next_run(s, 0, &t, 6, &a, &b) && a == 4 && b == 4);
    CU_ASSERT(rpt_next_run(s, 0, &t, 6, &a, &b) && a == 6 && b == 6);
    CU_ASSERT(!rpt_next_run(s, 0, &t, 6, &a, &b));
    op_schedule_free(s);
    char buf[16];
    rpt_short_text(buf, sizeof buf, "short", 8);
    CU_ASSERT_STRING_EQUAL(buf, "short");
    rpt_short_text(buf, sizeof buf, "a long title here", 8);
    CU_ASSERT_STRING_EQUAL(buf, "a long...");
    rpt_short_text(buf, sizeof buf, "\xc3\xa9\xc3\xa9\xc3\xa9", 3); /* never half an é */
    CU_ASSERT_STRING_EQUAL(buf, "\xc3\xa9...");
    rpt_short_text(buf, 8, "0123456789abcdef", 12); /* the buffer bounds max */
    CU_ASSERT_STRING_EQUAL(buf, "0123...");
}

static void test_mermaid_gantt(void)
{
    fixture x = fixture_new(OP_DATE_NONE, OP_PERIOD_WEEK);
    char *md = markdown_tail(&x);
    HAS(md, "gantt\n    dateFormat YYYY-MM-DD\n    axisFormat w%-V\n    tickInterval 1week\n"
            "    weekday monday\n    todayMarker off\n    section Dev\n");
    HAS(md, "    A :crit, t-A, 2001-01-01, 2001-01-13\n");
    /* paused work: two bars; the keyword id guarded, separators and markup gone */
    HAS(md, "    _title a  b   c  \xe2\x80\xb9" "d\xe2\x80\xba and a long tail that goes... (part 1 of 2) "
            ":active, t-title, 2001-01-01, 2001-01-06\n");
    HAS(md, "(part 2 of 2) :active, t-title-r2, 2001-01-15, 2001-01-20\n");
    /* "a%b" would be a comment, and is no task id: item 3 */
    HAS(md, "    section Ops\n    _a%b :active, t3, 2001-01-08, 2001-01-13\n");
    HAS(md, "    section Gates\n    G1 deadline :milestone, g-G1-due, 2001-01-06, 0d\n"
            "    G1 passed late :crit, milestone, g-G1-passed, 2001-01-13, 0d\n");
    HAS(md, "    G2 passed late :crit, milestone, g-G2-passed, 2001-01-20, 0d\n");
    HAS(md, "No --start date: the chart draws week 1 from Monday 2001-01-01");
    HAS(md, "[load.svg](load.svg)");
    free(md);
    fixture_free(&x);
    op_date start;
    CU_ASSERT_FATAL(op_date_parse("2027-01-04", &start) == 0);
    x = fixture_new(start, OP_PERIOD_WEEK);
    md = markdown_tail(&x);
    HAS(md, "    axisFormat %d %b\n");
    HAS(md, "    A :crit, t-A, 2027-01-04, 2027-01-16\n");
    HAS(md, "    G1 deadline :milestone, g-G1-due, 2027-01-09, 0d\n");
    HAS(md, "Dates from --start: week 1 begins on 2027-01-04.");
    free(md);
    fixture_free(&x);
    x = fixture_new(start, OP_PERIOD_DAY); /* days: A on days 1-2, "title" 1 and 3 */
    md = markdown_tail(&x);
    HAS(md, "    A :crit, t-A, 2027-01-04, 2027-01-06\n");
    HAS(md, ":active, t-title-r2, 2027-01-06, 2027-01-07\n");
    /* a hand-built plan counts deadlines in days: G1 is due at the end of day 1 */
    HAS(md, "    G1 deadline :milestone, g-G1-due, 2027-01-05, 0d\n");
    free(md);
    fixture_free(&x);
}

static void test_gantt_svg(void)
{
    op_date start;
    CU_ASSERT_FATAL(op_date_parse("2027-01-04", &start) == 0);
    fixture x = fixture_new(start, OP_PERIOD_WEEK);
    char *svg = svg_text(&x, 0);
    /* three items, four bars (the paused one in two) and the dotted gap */
    CU_ASSERT_EQUAL(count(svg, "rx=\"3\""), 4);
    CU_ASSERT_EQUAL(count(svg, "stroke-dasharray=\"2 2\""), 1);
    /* both gates are due in week 1: their labels are staggered, not stacked */
    HAS(svg, ">G1 due w1</text>");
    HAS(svg, ">G2 due w1</text>");
    HAS(svg, ">G1 passed w2 (late)</text>");
    HAS(svg, ">G2 passed w3 (late)</text>");
    const char *g1 = strstr(svg, ">G1 due w1<"), *g2 = strstr(svg, ">G2 due w1<");
    CU_ASSERT_FATAL(g1 && g2);
    while (g1 > svg && strncmp(g1, "<text", 5))
        g1--;
    while (g2 > svg && strncmp(g2, "<text", 5))
        g2--;
    int x1, y1, x2, y2;
    CU_ASSERT_FATAL(sscanf(g1, "<text x=\"%d\" y=\"%d\"", &x1, &y1) == 2);
    CU_ASSERT_FATAL(sscanf(g2, "<text x=\"%d\" y=\"%d\"", &x2, &y2) == 2);
    CU_ASSERT(x1 == x2 && y1 != y2);
    HAS(svg, ">4 Jan</text>"); /* the dates above the weeks */
    free(svg);
    fixture_free(&x);
}

static void test_load_svg(void)
{
    fixture x = fixture_new(OP_DATE_NONE, OP_PERIOD_WEEK);
    char *svg = svg_text(&x, 1);
    HAS(svg, ">Dev</text>");
    HAS(svg, ">Ops</text>");
    HAS(svg, "104 h planned; 0 weeks over capacity");
    HAS(svg, "48 h planned; 1 week over capacity");
    /* one bar per role-week with hours: Dev 1, 2, 3; Ops 2, the one in red */
    CU_ASSERT_EQUAL(count(svg, "h planned, capacity"), 4);
    CU_ASSERT_EQUAL(count(svg, "fill=\"#d62728\"><title>Ops week 2: 48 h planned, capacity 40 h"), 1);
    CU_ASSERT_EQUAL(count(svg, "fill=\"#d62728\"><title>"), 1);
    CU_ASSERT_EQUAL(count(svg, "<path "), 2); /* a capacity line per role */
    free(svg);
    fixture_free(&x);
}

int main(void)
{
    static const tu_test tests[] = {
        {"chart calendar: the fixed one, --start, days", test_calendar},
        {"runs of worked periods, short titles", test_runs_and_short_text},
        {"mermaid gantt: dates, parts, milestones, escaping", test_mermaid_gantt},
        {"gantt.svg: parts, staggered gate labels, dates", test_gantt_svg},
        {"load.svg: panels, over-capacity bars, capacity lines", test_load_svg},
        {NULL, NULL}};
    return tu_run("charts", NULL, NULL, tests);
}
