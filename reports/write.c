/* write.c - every report file of one run: the one place that knows all per-run writers */
#include <stdio.h>
#include <string.h>

#include "internal.h"

/* What a per-run writer gets, passed through rpt_write_file. */
typedef struct report_ctx {
    const op_plan *p;
    const op_schedule *s;
    const op_eval *e;
    const op_report_info *info;
} report_ctx;

static int w_staff(FILE *f, const void *ctx)
{
    const report_ctx *c = ctx;
    return op_report_team_csv(f, c->p, c->info->team);
}

static int w_changes(FILE *f, const void *ctx)
{
    const report_ctx *c = ctx;
    rpt_previous prev = {c->info->previous, c->info->previous_schedule,
                         c->info->gate_entry_phase};
    return rpt_write_changes_csv(f, c->p, c->e, &prev);
}

static int w_schedule(FILE *f, const void *ctx)
{
    const report_ctx *c = ctx;
    return rpt_write_schedule_csv(f, c->p, c->e);
}

static int w_allocation(FILE *f, const void *ctx)
{
    const report_ctx *c = ctx;
    return rpt_write_allocation_csv(f, c->p, c->s);
}

static int w_load(FILE *f, const void *ctx)
{
    const report_ctx *c = ctx;
    return rpt_write_load_csv(f, c->p, c->e);
}

static int w_gates(FILE *f, const void *ctx)
{
    const report_ctx *c = ctx;
    return rpt_write_gates_csv(f, c->p, c->e, c->info ? c->info->gate_fixes : NULL);
}

static int w_summary(FILE *f, const void *ctx)
{
    const report_ctx *c = ctx;
    return rpt_write_summary_csv(f, c->p, c->s, c->e, c->info);
}

static int w_violations(FILE *f, const void *ctx)
{
    const report_ctx *c = ctx;
    return rpt_write_violations_csv(f, c->p, c->e);
}

/* report.md: markdown.c's head and tail around the staffing and re-planning
   sections, when the run has them. */
static int w_report_md(FILE *f, const void *ctx)
{
    const report_ctx *c = ctx;
    const op_report_info *i = c->info;
    rpt_previous prev = {i->previous, i->previous_schedule, i->gate_entry_phase};
    if (rpt_write_markdown_head(f, c->p, c->s, c->e, i) ||
        (i->team && rpt_team_section(f, c->p, i->team)) ||
        (i->previous && rpt_changes_section(f, c->p, c->e, &prev)) ||
        (i->forecast && rpt_forecast_section(f, c->p, c->e, i->forecast)) ||
        (i->trend && rpt_trend_section(f, c->p, i->trend)))
        return -1;
    return rpt_write_markdown_tail(f, c->p, c->s, c->e, i);
}

static int w_trend_csv(FILE *f, const void *ctx)
{
    const report_ctx *c = ctx;
    return rpt_write_trend_csv(f, c->p, c->info->trend);
}

static int w_trend_svg(FILE *f, const void *ctx)
{
    const report_ctx *c = ctx;
    return rpt_write_trend_svg(f, c->p, c->info->trend);
}

static int w_forecast_csv(FILE *f, const void *ctx)
{
    const report_ctx *c = ctx;
    return rpt_write_forecast_csv(f, c->p, c->e, c->info->forecast);
}

static int w_forecast_svg(FILE *f, const void *ctx)
{
    const report_ctx *c = ctx;
    return rpt_write_forecast_svg(f, c->p, c->info->forecast);
}

static int w_svg(FILE *f, const void *ctx)
{
    const report_ctx *c = ctx;
    return rpt_write_svg(f, c->p, c->s, c->e);
}

static int w_load_svg(FILE *f, const void *ctx)
{
    const report_ctx *c = ctx;
    return rpt_write_load_svg(f, c->p, c->e);
}

/* Which runs get a file. */
typedef enum { ALWAYS, CHECK_ONLY, STAFF_ONLY, REPLAN_ONLY, TREND_ONLY, FORECAST_ONLY } when;

op_status op_reports_write(const char *dir, const op_plan *p, const op_schedule *s,
                           const op_eval *e, const op_report_info *info, op_diag *d)
{
    static const struct {
        const char *name;
        rpt_writer fn;
        when when;
    } files[] = {{"staff.csv", w_staff, STAFF_ONLY},
                 {"changes.csv", w_changes, REPLAN_ONLY},
                 {"schedule.csv", w_schedule, ALWAYS},
                 {"allocation.csv", w_allocation, ALWAYS},
                 {"load.csv", w_load, ALWAYS},
                 {"gates.csv", w_gates, ALWAYS},
                 {"summary.csv", w_summary, ALWAYS},
                 {"violations.csv", w_violations, CHECK_ONLY},
                 {"report.md", w_report_md, ALWAYS},
                 {"gantt.svg", w_svg, ALWAYS},
                 {"load.svg", w_load_svg, ALWAYS},
                 {"trend.csv", w_trend_csv, TREND_ONLY},
                 {"trend.svg", w_trend_svg, TREND_ONLY},
                 {"forecast.csv", w_forecast_csv, FORECAST_ONLY},
                 {"forecast.svg", w_forecast_svg, FORECAST_ONLY}};
    int check = strcmp(info->command, "check") == 0;
    report_ctx c = {p, s, e, info};
    for (size_t k = 0; k < sizeof files / sizeof files[0]; k++) {
        when w = files[k].when;
        if ((w == CHECK_ONLY && !check) || (w == STAFF_ONLY && !info->team) ||
            (w == REPLAN_ONLY && !info->previous) || (w == TREND_ONLY && !info->trend) ||
            (w == FORECAST_ONLY && !info->forecast))
            continue;
        op_status st = rpt_write_file(dir, files[k].name, files[k].fn, &c, d);
        if (st != OP_OK)
            return st;
    }
    return OP_OK;
}
