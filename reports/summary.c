/* summary.c - the validate command's plain-text summary of a plan */
#include <stdio.h>
#include <stdlib.h>

#include "internal.h"

static void effort_table(FILE *out, const op_plan *p)
{
    int ni = op_plan_item_count(p);
    fprintf(out, "\nEffort hours by role and priority:\n");
    fprintf(out, "  %-16s %8s %8s %8s %8s %8s\n", "role", "P0", "P1", "P2", "P3", "total");
    for (int r = 0; r < op_plan_role_count(p); r++) {
        double h[5] = {0};
        for (int i = 0; i < ni; i++) {
            const op_item *it = op_plan_item(p, i);
            if (it->role.index == r) {
                h[it->priority] += it->effort;
                h[4] += it->effort;
            }
        }
        fprintf(out, "  %-16s %8g %8g %8g %8g %8g\n", op_plan_role(p, r)->name, h[0], h[1], h[2],
                h[3], h[4]);
    }
}

/* The weeks 1..shown in which role r has capacity, as runs: "1-4,7". */
static void capacity_weeks(FILE *out, const op_plan *p, int r, int shown)
{
    int any = 0;
    for (int t = 1; t <= shown; t++) {
        if (op_plan_capacity(p, r, t) <= 0)
            continue;
        int u = t;
        while (u < shown && op_plan_capacity(p, r, u + 1) > 0)
            u++;
        fprintf(out, "%s%d", any ? "," : "", t);
        if (u > t)
            fprintf(out, "-%d", u);
        any = 1;
        t = u;
    }
    if (!any)
        fputs("none", out);
}

/* Capacity against demand per role over weeks 1..shown. */
static void capacity_table(FILE *out, const op_plan *p, int shown, int open_ended)
{
    const char *wks = rpt_period(p, 1);
    fprintf(out, "\nCapacity hours by role, %s 1..%d%s:\n", wks, shown,
            open_ended ? " (open-ended team)" : "");
    fprintf(out, "  %-16s %8s %8s  %s with capacity\n", "role", "hours", "demand", wks);
    for (int r = 0; r < op_plan_role_count(p); r++) {
        double cap = 0, dem = 0;
        for (int t = 1; t <= shown; t++)
            cap += op_plan_capacity(p, r, t);
        for (int i = 0; i < op_plan_item_count(p); i++)
            if (op_plan_item(p, i)->role.index == r)
                dem += op_plan_item(p, i)->effort;
        fprintf(out, "  %-16s %8g %8g  ", op_plan_role(p, r)->name, cap, dem);
        capacity_weeks(out, p, r, shown);
        fprintf(out, "%s\n", dem > cap ? "  (demand exceeds capacity)" : "");
    }
}

static void gate_list(FILE *out, const op_plan *p)
{
    fprintf(out, "\nGates:\n");
    for (int g = 0; g < op_plan_gate_count(p); g++) {
        const op_gate *ga = op_plan_gate(p, g);
        fprintf(out, "  %s (%s) deadline %s %d", ga->id, ga->name, rpt_period(p, 0),
                ga->deadline_week);
        if (ga->nrequires) {
            fprintf(out, ", requires");
            for (int k = 0; k < ga->nrequires; k++)
                fprintf(out, "%s%s", k ? ", " : " ", ga->requires[k].name);
        }
        fprintf(out, "\n    exit items:");
        for (int k = 0; k < ga->nitems; k++)
            fprintf(out, " %s", ga->items[k].name);
        fprintf(out, "%s\n", ga->nitems ? "" : " none");
    }
}

void op_report_summary(FILE *out, const op_plan *p)
{
    int ni = op_plan_item_count(p), nr = op_plan_role_count(p), ng = op_plan_gate_count(p);
    double total = 0;
    for (int i = 0; i < ni; i++)
        total += op_plan_item(p, i)->effort;
    fprintf(out, "%d items, %g effort hours, %d roles, %d gates\n", ni, total, nr, ng);
    if (op_plan_start(p) != OP_DATE_NONE) /* said only with dates: the line above stays first */
        fprintf(out, "week 1 starts %s; %d holidays\n", RPT_DATE(p, 1, 0), op_plan_holiday_count(p));

    /* the weeks shown: the team's, or as far as any due week or deadline */
    int shown = op_plan_natural_horizon(p);
    if (!shown)
        shown = 1;

    effort_table(out, p);
    capacity_table(out, p, shown, op_plan_last_capacity_week(p) >= OP_MAX_WEEK);
    if (ng)
        gate_list(out, p);
}
