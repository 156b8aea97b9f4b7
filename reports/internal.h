/* internal.h - private to reports/: the leaves every writer shares, the writers write.c joins */
#ifndef OPTPLAN_REPORTS_INTERNAL_H
#define OPTPLAN_REPORTS_INTERNAL_H

#include <stdio.h>

#include "reports.h"

/* The files of reports/ in two layers, so no file depends on one above it:
     leaves   format.c (numbers, cells, escaping), explain.c (words for
              violations and late gates, uses format.c), figures.c,
              readback.c (runs read back), outdir.c (files and directories
              written all or nothing)
     writers  one file per report family, each using leaves only; write.c
              alone knows the per-run writers and joins report.md from the
              sections of markdown.c, staff.c, changes.c, trend.c and
              forecast.c.

   Failure contract of every writer and section (int result): 0, or -1 on
   failure. A failure with the stream's error indicator set (ferror) is a
   write error; with it clear, the writer ran out of memory. Either way the
   file is not committed (rpt_write_file reports OP_EIO or OP_ENOMEM). */

/* ---- format.c: numbers, CSV cells, escaping -------------------------- */

/* Formats v with at most 6 decimals, no trailing zeros, never "-0". */
const char *rpt_num(char *buf, size_t n, double v);
#define RPT_NUM(v) rpt_num((char[32]){0}, 32, (v))

/* One CSV cell and its separator (newline when last). Text cells are quoted
   through libcsv when needed and defused against formula injection. */
int rpt_cell(FILE *f, const char *s, int last);
/* A number optplan computed, written as is. */
int rpt_cellnum(FILE *f, double v, int last);
/* A week (or day) number; an empty cell for 0 (none). */
int rpt_cellweek(FILE *f, int week, int last);

/* The first (last = 0) or last working day of period t as YYYY-MM-DD into
   buf; "" when p has no start date or t < 1. Returns buf. */
const char *rpt_date(const op_plan *p, int t, int last, char buf[OP_DATE_LEN]);
#define RPT_DATE(p, t, last) rpt_date((p), (t), (last), (char[OP_DATE_LEN]){0})
/* A date cell (rpt_date), empty when there is none. */
int rpt_celldate(FILE *f, const op_plan *p, int t, int last, int is_last);

/* Markdown table-cell text: pipes escaped, line breaks made spaces, HTML
   defused. */
void rpt_md(FILE *f, const char *s);
/* XML text or attribute value: markup escaped, control characters dropped. */
void rpt_xml(FILE *f, const char *s);

/* Appends printf output to buf (size n, NUL-terminated) at *len, truncating,
   never overflowing. */
void rpt_append(char *buf, size_t n, size_t *len, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;

/* The plan's period in words: "week"/"weeks" or "day"/"days" (plural != 0),
   capitalized by rpt_Period; the letter of short labels ("w3", "d3") is
   rpt_period(p, 0)[0]. Week plans keep their wording byte for byte. */
static inline const char *rpt_period(const op_plan *p, int plural)
{
    return op_period_word(op_plan_period(p), plural);
}
static inline const char *rpt_Period(const op_plan *p, int plural)
{
    return op_period_Word(op_plan_period(p), plural);
}

/* ---- explain.c: plain words (op_report_gate_cause is public) ---------- */

/* One violation in plain words, into buf ("" for an unknown kind). */
void rpt_violation_text(const op_plan *p, const op_violation *v, char *buf, size_t n);

/* ---- figures.c: what the reports derive from an evaluation ------------ */

/* People of role r needed in week t for the hours planned there. */
double rpt_people(const op_plan *p, const op_eval *e, int r, int t);
/* Person-weeks over all roles and weeks; *peak = the largest week's people. */
double rpt_person_weeks(const op_plan *p, const op_eval *e, int *peak);
/* The first week "Go" holds (every must-have done, at least the settings'
   go_should_percent, by default 80%, of the should-haves), 0 when never or when no item has a decision; *musts and
   *shoulds count the items with those decisions. */
int rpt_go_week(const op_plan *p, const op_eval *e, int *musts, int *shoulds);
/* Role-weeks booked past capacity. */
int rpt_over_capacity_count(const op_eval *e);

/* ---- charts.c: what the charts (mermaid, gantt.svg, load.svg) share ---- */

/* The calendar of a plan without --start: week 1 is Monday 2001-01-01, the
   Monday of ISO week 1 of a 52-week year, so a chart axis labelled with
   ISO week numbers reads plan weeks 1..52 (week 53 reads 1 again). */
#define RPT_CHART_EPOCH 11323L
/* The Monday of week 1 the charts draw from: the plan's start date, else
   RPT_CHART_EPOCH. */
op_date rpt_chart_start(const op_plan *p);
/* Where period t begins on the chart calendar (end = 0: its first working
   day) or ends (end = 1: the day after its last working day, so a bar ending
   in t and a deadline of t meet). */
op_date rpt_chart_day(const op_plan *p, int t, int end);
/* The next run of consecutive periods, from *t to at most to, in which item
   i gets hours in s: 1 with the run's first and last period in *a, *b and
   *t moved past it; 0 when there is none left. Paused work is several runs. */
int rpt_next_run(const op_schedule *s, int i, int *t, int to, int *a, int *b);
/* The date an axis shows above period t: with a start date, "4 Jan" for
   the Monday of t's week when t is that week's first period (and, sparse,
   one of every fourth week): 1 with the text in buf; else 0. */
int rpt_chart_axis_date(const op_plan *p, int t, int sparse, char *buf, size_t n);
/* s cut to at most max bytes on a character boundary (at a word's start
   when that keeps half of it), "..." appended when cut, into buf of n bytes
   (n > 4). */
void rpt_short_text(char *buf, size_t n, const char *s, size_t max);

/* ---- readback.c: report directories read back (compare, sweep) ------------ */

/* Keys of part over all runs, first-seen order (the first run's first), into
   a new array *out of pointers owned by the runs; the count, -1 on ENOMEM. */
int rpt_union_keys(op_run *const *runs, int n, op_run_part part, const char ***out);
/* Field which of row key, "" when absent. */
const char *rpt_run_val(const op_run *r, op_run_part part, const char *key, int which);
/* The period a run counts: a day plan's summary.csv says "period,day". */
op_period rpt_run_period(const op_run *r);
/* A metric as a number, 0 when absent or empty. */
double rpt_run_metric(const op_run *r, const char *key);
/* Gate g's forecast in run r as markdown after its week: " P80 13, 64 %"
   ("P80 after the team's weeks" when empty); nothing without a forecast. */
void rpt_forecast_cell(FILE *f, const op_run *r, const char *gate);

/* ---- sweep.c: how sweep ranks its scenarios ---------------------------- */

/* One scenario's ranking keys, read from its report. */
typedef struct rpt_sweep_rank {
    int no_plan;         /* no plan met the hard constraints: ranked last */
    int gates_met;       /* more first */
    int must_deferred;   /* must-haves not scheduled: fewer first */
    int items_scheduled; /* more first */
    double lateness;     /* total lateness: less first */
    double cost;         /* team cost: less first */
    int scenario;        /* index: ties keep scenario order */
} rpt_sweep_rank;
/* qsort comparator over rpt_sweep_rank: best first, lexicographic in the
   order above; a total order, so the ranking is deterministic. */
int rpt_sweep_rank_cmp(const void *a, const void *b);

/* ---- outdir.c: files written all or nothing --------------------------- */

/* A writer of one file: 0, or -1 under the failure contract above. */
typedef int (*rpt_writer)(FILE *f, const void *ctx);
/* Writes dir/name with fn(f, ctx), flushed to disk through a hidden
   temporary file renamed into place, so no reader ever sees half a file and
   a failed writer leaves nothing. Problems go to d: OP_EOUTPUT, OP_EIO or
   OP_ENOMEM. */
op_status rpt_write_file(const char *dir, const char *name, rpt_writer fn, const void *ctx,
                         op_diag *d);

/* ---- the per-run writers write.c joins ------------------------------- */

/* csvout.c */
int rpt_write_schedule_csv(FILE *f, const op_plan *p, const op_eval *e);
int rpt_write_allocation_csv(FILE *f, const op_plan *p, const op_schedule *s);
int rpt_write_load_csv(FILE *f, const op_plan *p, const op_eval *e);
/* fixes (may be NULL): per gate, a text that replaces the plain-words cause */
int rpt_write_gates_csv(FILE *f, const op_plan *p, const op_eval *e,
                        const char *const *fixes);
int rpt_write_violations_csv(FILE *f, const op_plan *p, const op_eval *e);
/* summary_csv.c */
int rpt_write_summary_csv(FILE *f, const op_plan *p, const op_schedule *s, const op_eval *e,
                          const op_report_info *info);
/* svg.c: gantt.svg */
int rpt_write_svg(FILE *f, const op_plan *p, const op_schedule *s, const op_eval *e);
/* loadsvg.c: load.svg, planned hours against capacity per role and period */
int rpt_write_load_svg(FILE *f, const op_plan *p, const op_eval *e);

/* ---- trend.c: the milestone trend over runs (--history) ------------- */

int rpt_trend_section(FILE *f, const op_plan *p, const op_report_trend *t);
int rpt_write_trend_csv(FILE *f, const op_plan *p, const op_report_trend *t);
int rpt_write_trend_svg(FILE *f, const op_plan *p, const op_report_trend *t);

/* ---- forecast.c: gate weeks by chance (--simulate) ------------------ */

int rpt_forecast_section(FILE *f, const op_plan *p, const op_eval *e, const op_report_forecast *r);
int rpt_write_forecast_csv(FILE *f, const op_plan *p, const op_eval *e,
                           const op_report_forecast *r);
int rpt_write_forecast_svg(FILE *f, const op_plan *p, const op_report_forecast *r);
/* markdown.c: report.md is head, then the team and changes sections when
   the run has them, then tail. */
int rpt_write_markdown_head(FILE *f, const op_plan *p, const op_schedule *s, const op_eval *e,
                            const op_report_info *info);
int rpt_write_markdown_tail(FILE *f, const op_plan *p, const op_schedule *s, const op_eval *e,
                            const op_report_info *info);
/* staff.c: the "Team needed" section (staff.csv is op_report_team_csv). */
int rpt_team_section(FILE *f, const op_plan *p, const op_report_team *t);
/* changes.c: changes.csv and the "What changed" section against prev. */
/* The previous run a re-plan is measured against: its report read back and
   its allocation as a schedule of this plan's items (NULL: overruns are not
   looked for); gate_entry: exit items wait for the gates theirs require. */
typedef struct rpt_previous {
    const op_run *run;
    const op_schedule *schedule;
    int gate_entry;
} rpt_previous;
int rpt_write_changes_csv(FILE *f, const op_plan *p, const op_eval *e, const rpt_previous *prev);
int rpt_changes_section(FILE *f, const op_plan *p, const op_eval *e, const rpt_previous *prev);

#endif
