/* summary_csv.c - summary.csv: the run's figures as metric,value rows, read back by compare */
#include <stdio.h>

#include "internal.h"

/* One metric,value row. */
static int text_row(FILE *f, const char *key, const char *value)
{
    return rpt_cell(f, key, 0) || rpt_cell(f, value, 1);
}

static int num_row(FILE *f, const char *key, double value)
{
    return rpt_cell(f, key, 0) || rpt_cellnum(f, value, 1);
}

/* Hours and person-weeks per role, and the cost of the hours planned (empty
   when no role has a cost_per_hour). */
static int role_rows(FILE *f, const op_plan *p, const op_eval *e)
{
    double cost = 0;
    int costed = 0, rc = 0;
    for (int r = 0; r < op_plan_role_count(p) && !rc; r++) {
        double h = 0, people = 0;
        for (int t = 1; t <= op_eval_weeks(e); t++) {
            h += op_eval_load(e, r, t);
            people += rpt_people(p, e, r, t);
        }
        const op_role *ro = op_plan_role(p, r);
        if (ro->cost_per_hour >= 0) {
            cost += h * ro->cost_per_hour;
            costed = 1;
        }
        char hkey[300], pkey[300];
        snprintf(hkey, sizeof hkey, "hours:%s", ro->name);
        snprintf(pkey, sizeof pkey, "person_weeks:%s", ro->name);
        rc = num_row(f, hkey, h) || num_row(f, pkey, people);
    }
    return rc || (costed ? num_row(f, "cost", cost) : text_row(f, "cost", ""));
}

/* The team itself over the plan's weeks: hours, and cost at cost_per_hour
   (1 when not given, so person-hours). */
static int team_rows(FILE *f, const op_plan *p, const op_eval *e)
{
    double th = 0, tc = 0;
    int T = op_plan_last_capacity_week(p) < OP_MAX_WEEK ? op_plan_last_capacity_week(p)
                                                         : op_eval_weeks(e);
    for (int r = 0; r < op_plan_role_count(p); r++) {
        double cph = op_plan_role(p, r)->cost_per_hour;
        for (int t = 1; t <= T; t++) {
            th += op_plan_capacity(p, r, t);
            tc += op_plan_capacity(p, r, t) * (cph >= 0 ? cph : 1);
        }
    }
    return num_row(f, "team_hours", th) || num_row(f, "team_cost", tc);
}

int rpt_write_summary_csv(FILE *f, const op_plan *p, const op_schedule *s, const op_eval *e,
                          const op_report_info *info)
{
    int musts, shoulds, peak;
    int gw = rpt_go_week(p, e, &musts, &shoulds);
    double pw = rpt_person_weeks(p, e, &peak);
    /* only day plans say so: week plans keep summary.csv as it always was */
    int day = op_plan_period(p) == OP_PERIOD_DAY;
    int rc = fputs("metric,value\n", f) < 0 || text_row(f, "command", info->command) ||
             (day && text_row(f, "period", rpt_period(p, 0))) ||
             text_row(f, "status", info->status) ||
             /* re-plans only: the week the plan was made in (the milestone trend's x) */
             (op_plan_first_week(p) > 1 && num_row(f, "first_week", op_plan_first_week(p))) ||
             num_row(f, "gates_met", op_eval_gates_met(e)) ||
             num_row(f, "gates", op_plan_gate_count(p)) ||
             num_row(f, "total_lateness", op_eval_total_lateness(e)) ||
             num_row(f, "gate_lateness", op_eval_gate_lateness(e)) ||
             num_row(f, "item_lateness", op_eval_item_lateness(e)) ||
             num_row(f, "last_week", op_eval_last_week(e)) ||
             num_row(f, "items_scheduled", op_eval_scheduled_count(e)) ||
             num_row(f, "items", op_plan_item_count(p)) ||
             num_row(f, "over_capacity_weeks", rpt_over_capacity_count(e)) ||
             num_row(f, "paused_weeks", op_schedule_paused_weeks(p, s)) ||
             num_row(f, "peak_people", peak) || num_row(f, "person_weeks", pw) ||
             rpt_cell(f, "first_go_week", 0) || rpt_cellweek(f, gw, 1) ||
             role_rows(f, p, e) || team_rows(f, p, e);
    return rc || ferror(f) ? -1 : 0;
}
