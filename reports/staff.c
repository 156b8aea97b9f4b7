/* staff.c - the team the staffing model found: staff.csv and the "Team needed" section */
#include <stdio.h>

#include "internal.h"

int op_report_team_csv(FILE *f, const op_plan *p, const op_report_team *t)
{
    int rc = fputs("role,headcount,hours_per_week,from_week,to_week,cost_per_hour\n", f) < 0;
    for (int r = 0; r < op_plan_role_count(p) && !rc; r++) {
        const double *h = t->headcount + (size_t)r * (size_t)t->horizon;
        /* one row per run of weeks w..u with the same headcount */
        for (int w = 1; w <= t->horizon && !rc; w++) {
            int u = w;
            while (u < t->horizon && h[u] == h[w - 1])
                u++;
            if (h[w - 1] > 0) {
                const op_role *ro = op_plan_role(p, r);
                rc = rpt_cell(f, ro->name, 0) || rpt_cellnum(f, h[w - 1], 0) ||
                     rpt_cellnum(f, t->hours_per_person[r], 0) || rpt_cellnum(f, w, 0) ||
                     rpt_cellnum(f, u, 0) ||
                     (ro->cost_per_hour >= 0 ? rpt_cellnum(f, ro->cost_per_hour, 1)
                                             : rpt_cell(f, "", 1));
            }
            w = u;
        }
    }
    return rc || ferror(f) ? -1 : 0;
}

/* People, person-weeks and cost of role r (or all roles, r < 0) in a plan's
   team over weeks 1..weeks. */
static void team_figures(const op_plan *p, int r, int weeks, double *peak, double *pw,
                         double *cost)
{
    *peak = *pw = *cost = 0;
    for (int t = 1; t <= weeks; t++) {
        double week = 0;
        for (int q = 0; q < op_plan_role_count(p); q++) {
            if (r >= 0 && q != r)
                continue;
            double ph = op_plan_person_hours(p, q, t);
            double cap = op_plan_capacity(p, q, t);
            double cph = op_plan_role(p, q)->cost_per_hour;
            week += ph > 0 ? cap / ph : 0;
            *cost += cap * (cph >= 0 ? cph : 1);
        }
        *pw += week;
        if (week > *peak)
            *peak = week;
    }
}

int rpt_team_section(FILE *f, const op_plan *p, const op_report_team *t)
{
    int weeks = t->horizon;
    int last = op_plan_last_capacity_week(t->current);
    if (last < OP_MAX_WEEK && last > weeks)
        weeks = last;
    const char *wks = rpt_period(p, 1);
    fprintf(f, "\n## Team needed\n\nThe cheapest team (%s) with which every item is done "
               "and every gate meets its deadline, beside the current team (%s 1..%d; "
               "cost = hours x cost_per_hour, 1 when not given):\n\n"
               "| role | current peak people | current person-%s | needed peak people | "
               "needed person-%s | current cost | needed cost |\n|---|---|---|---|---|---|---|\n",
            t->status, wks, weeks, wks, wks);
    /* the total first (r = -1), then each role of the team found */
    for (int r = -1; r < op_plan_role_count(p); r++) {
        int rc = r < 0 ? -1 : op_plan_find_role(t->current, op_plan_role(p, r)->name);
        double cpk, cpw, cco, npk, npw, nco;
        if (r >= 0 && rc < 0)
            cpk = cpw = cco = 0;
        else
            team_figures(t->current, rc, weeks, &cpk, &cpw, &cco);
        team_figures(p, r, weeks, &npk, &npw, &nco);
        fprintf(f, "| ");
        if (r < 0)
            fprintf(f, "**total**");
        else
            rpt_md(f, op_plan_role(p, r)->name);
        fprintf(f, " | %s | %s | %s | %s | %s | %s |\n", RPT_NUM(cpk), RPT_NUM(cpw), RPT_NUM(npk),
                RPT_NUM(npw), RPT_NUM(cco), RPT_NUM(nco));
    }
    return ferror(f) ? -1 : 0;
}
