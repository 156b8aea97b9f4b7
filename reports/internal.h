/* internal.h - private to reports/: number formatting and the per-file writers */
#ifndef OPTPLAN_REPORTS_INTERNAL_H
#define OPTPLAN_REPORTS_INTERNAL_H

#include "reports.h"

/* Formats v with at most 6 decimals, no trailing zeros, never "-0". */
const char *rpt_num(char *buf, size_t n, double v);
#define RPT_NUM(v) rpt_num((char[32]){0}, 32, (v))

/* One CSV cell and its separator (newline when last). Text cells are quoted
   through libcsv when needed and defused against formula injection. */
int rpt_cell(FILE *f, const char *s, int last);
int rpt_cellnum(FILE *f, double v, int last);

/* Writes dir/name with fn(f, ctx) (0 or -1 on a write error), flushed to
   disk through a hidden temporary file renamed into place, so no reader ever
   sees half a file. Problems go to d. */
op_status rpt_write_file(const char *dir, const char *name, int (*fn)(FILE *, const void *),
                         const void *ctx, op_diag *d);

/* Each writer writes one report file to f; returns 0, or -1 on a write error. */
int rpt_write_schedule_csv(FILE *f, const op_plan *p, const op_eval *e);
int rpt_write_allocation_csv(FILE *f, const op_plan *p, const op_schedule *s);
int rpt_write_load_csv(FILE *f, const op_plan *p, const op_eval *e);
int rpt_write_gates_csv(FILE *f, const op_plan *p, const op_eval *e);
int rpt_write_violations_csv(FILE *f, const op_plan *p, const op_eval *e);
int rpt_write_markdown(FILE *f, const op_plan *p, const op_schedule *s, const op_eval *e,
                       const op_report_info *info);
int rpt_write_svg(FILE *f, const op_plan *p, const op_eval *e);
int rpt_write_summary_csv(FILE *f, const op_plan *p, const op_eval *e, const op_report_info *info);

/* The "Team needed" section of a staffing report. */
void rpt_team_section(FILE *f, const op_plan *p, const op_report_team *t);

/* Re-planning: changes.csv and the "What changed" section against prev. */
int rpt_write_changes_csv(FILE *f, const op_plan *p, const op_eval *e, const op_run *prev);
void rpt_changes_section(FILE *f, const op_plan *p, const op_eval *e, const op_run *prev);

/* One violation in plain words. */
void rpt_violation_text(const op_plan *p, const op_violation *v, char *buf, size_t n);
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

/* People of role r needed in week t for the hours planned there. */
double rpt_people(const op_plan *p, const op_eval *e, int r, int t);

#endif
