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

/* What the model charges, and what the current team does beside the
   cheapest one: the section's opening sentences. */
static void team_intro(FILE *f, const op_report_team *t, int weeks)
{
    const char *wk = "week";
    if (t->constant)
        fprintf(f, "\nConstant model: each role keeps one headcount for all %d %ss and is paid "
                   "for all of them, whether it has work or not.",
                t->horizon, wk);
    else
        fprintf(f, "\nBlock model: the people each role adds work one run of weeks (at least "
                   "the shortest stay) and are paid for those weeks only; the team kept, if "
                   "any, stays as it is.");
    fprintf(f, " Cost = hours x cost_per_hour (1 when not given), over %ss 1..%d.\n\n", wk,
            t->horizon);
    if (t->current_met < 0) {
        fprintf(f, "The current team costs %s; it could not be planned to compare.\n",
                RPT_NUM(t->current_cost));
    } else if (t->current_met == t->gates) {
        double save = t->current_cost - t->cost;
        fprintf(f, "**The current team already meets every gate** (cost %s). The cheapest team "
                   "(%s) costs %s",
                RPT_NUM(t->current_cost), t->status, RPT_NUM(t->cost));
        if (save > 0)
            fprintf(f, ", %s less.\n", RPT_NUM(save));
        else
            fprintf(f, ": no saving.\n");
    } else {
        fprintf(f, "The current team (cost %s) meets %d of %d gates. The cheapest team that "
                   "meets every gate (%s) costs %s.\n",
                RPT_NUM(t->current_cost), t->current_met, t->gates, t->status, RPT_NUM(t->cost));
    }
    (void)weeks;
}

/* Role r's team found as runs of weeks: "1-4: 1, 5-6: 2", or "none". */
static void team_runs(FILE *f, const op_report_team *t, int r)
{
    const double *h = t->headcount + (size_t)r * (size_t)t->horizon;
    int any = 0;
    for (int w = 1; w <= t->horizon; w++) {
        int u = w;
        while (u < t->horizon && h[u] == h[w - 1])
            u++;
        if (h[w - 1] > 0) {
            fprintf(f, "%sweeks %d-%d: %s", any ? ", " : "", w, u, RPT_NUM(h[w - 1]));
            any = 1;
        }
        w = u;
    }
    if (!any)
        fprintf(f, "none");
}

int rpt_team_section(FILE *f, const op_plan *p, const op_report_team *t)
{
    int weeks = t->horizon;
    const char *wks = rpt_period(p, 1);
    fprintf(f, "\n## Team needed\n");
    team_intro(f, t, weeks);
    fprintf(f, "\n| role | needed (weeks: people) | current peak people | current person-%s | "
               "needed peak people | needed person-%s | current cost | needed cost |\n"
               "|---|---|---|---|---|---|---|---|\n",
            wks, wks);
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
            fprintf(f, "**total** | ");
        else {
            rpt_md(f, op_plan_role(p, r)->name);
            fprintf(f, " | ");
            team_runs(f, t, r);
        }
        fprintf(f, " | %s | %s | %s | %s | %s | %s |\n", RPT_NUM(cpk), RPT_NUM(cpw), RPT_NUM(npk),
                RPT_NUM(npw), RPT_NUM(cco), RPT_NUM(nco));
    }
    return ferror(f) ? -1 : 0;
}
