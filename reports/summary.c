/* summary.c - the validate command's plain-text summary of a plan */
#include <stdio.h>
#include <stdlib.h>

#include "internal.h"

void op_report_summary(FILE *out, const op_plan *p)
{
    int ni = op_plan_item_count(p), nr = op_plan_role_count(p), ng = op_plan_gate_count(p);
    double total = 0;
    for (int i = 0; i < ni; i++)
        total += op_plan_item(p, i)->effort;
    fprintf(out, "%d items, %g effort hours, %d roles, %d gates\n", ni, total, nr, ng);

    int last = op_plan_last_capacity_week(p);
    int shown = last < OP_MAX_WEEK ? last : 0;
    for (int i = 0; i < ni; i++) {
        const op_item *it = op_plan_item(p, i);
        if (it->due_week > shown)
            shown = it->due_week;
    }
    if (op_plan_max_deadline(p) > shown)
        shown = op_plan_max_deadline(p);
    if (!shown)
        shown = 1;

    fprintf(out, "\nEffort hours by role and priority:\n");
    fprintf(out, "  %-16s %8s %8s %8s %8s %8s\n", "role", "P0", "P1", "P2", "P3", "total");
    for (int r = 0; r < nr; r++) {
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

    const char *wks = rpt_period(p, 1);
    fprintf(out, "\nCapacity hours by role, %s 1..%d%s:\n", wks, shown,
            last >= OP_MAX_WEEK ? " (open-ended team)" : "");
    fprintf(out, "  %-16s %8s %8s  %s with capacity\n", "role", "hours", "demand", wks);
    for (int r = 0; r < nr; r++) {
        double cap = 0, dem = 0;
        for (int t = 1; t <= shown; t++)
            cap += op_plan_capacity(p, r, t);
        for (int i = 0; i < ni; i++)
            if (op_plan_item(p, i)->role.index == r)
                dem += op_plan_item(p, i)->effort;
        fprintf(out, "  %-16s %8g %8g  ", op_plan_role(p, r)->name, cap, dem);
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
        fprintf(out, "%s%s\n", any ? "" : "none", dem > cap ? "  (demand exceeds capacity)" : "");
    }

    if (ng) {
        fprintf(out, "\nGates:\n");
        for (int g = 0; g < ng; g++) {
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
}
