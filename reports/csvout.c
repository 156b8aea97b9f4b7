/* csvout.c - the run's CSV tables: schedule, allocation, load, gates, violations */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "internal.h"

/* An item and its sort key, so the comparator needs nothing else. */
typedef struct by_start_key {
    int start; /* start week; unscheduled items (0) sort last */
    int item;
} by_start_key;

static int by_start(const void *a, const void *b)
{
    const by_start_key *x = a, *y = b;
    if (x->start != y->start)
        return x->start < y->start ? -1 : 1;
    return x->item < y->item ? -1 : (x->item > y->item);
}

int rpt_write_schedule_csv(FILE *f, const op_plan *p, const op_eval *e)
{
    int ni = op_plan_item_count(p);
    by_start_key *order = malloc(((size_t)ni + 1) * sizeof *order);
    if (!order)
        return -1;
    for (int i = 0; i < ni; i++) {
        int start = op_eval_item(e, i)->start_week;
        order[i] = (by_start_key){start ? start : 1 << 30, i};
    }
    qsort(order, (size_t)ni, sizeof *order, by_start);
    /* due_week and weeks_late: soft due weeks show lateness here (empty: no due week, or
       the item is not done); with a start date, the first working day of the start week
       and the last of the end week follow (columns a plan without one leaves out) */
    int dates = op_plan_start(p) != OP_DATE_NONE;
    int rc = fputs(dates ? "id,title,role,priority,start_week,end_week,hours,due_week,weeks_late,"
                           "start_date,end_date\n"
                         : "id,title,role,priority,start_week,end_week,hours,due_week,weeks_late\n",
                   f) < 0;
    for (int k = 0; k < ni && !rc; k++) {
        int i = order[k].item;
        const op_item *it = op_plan_item(p, i);
        const op_item_eval *ie = op_eval_item(e, i);
        rc = rpt_cell(f, it->id, 0) || rpt_cell(f, it->title, 0) ||
             rpt_cell(f, op_plan_role(p, it->role.index)->name, 0) ||
             rpt_cell(f, op_priority_name(it->priority), 0) ||
             rpt_cellweek(f, ie->start_week, 0) || rpt_cellweek(f, ie->end_week, 0) ||
             rpt_cellnum(f, ie->hours, 0) || rpt_cellweek(f, it->due_week, 0) ||
             (it->due_week && ie->done ? rpt_cellnum(f, ie->late, !dates)
                                       : rpt_cell(f, "", !dates)) ||
             (dates && (rpt_celldate(f, p, ie->start_week, 0, 0) ||
                        rpt_celldate(f, p, ie->end_week, 1, 1)));
    }
    free(order);
    return rc || ferror(f) ? -1 : 0;
}

int rpt_write_allocation_csv(FILE *f, const op_plan *p, const op_schedule *s)
{
    int rc = fputs("id,week,hours\n", f) < 0;
    for (int i = 0; i < op_plan_item_count(p) && !rc; i++)
        for (int t = 1; t <= op_schedule_weeks(s) && !rc; t++) {
            double h = op_schedule_get(s, i, t);
            if (h > 1e-6)
                rc = rpt_cell(f, op_plan_item(p, i)->id, 0) || rpt_cellnum(f, t, 0) ||
                     rpt_cellnum(f, h, 1);
        }
    return rc || ferror(f) ? -1 : 0;
}

int rpt_write_load_csv(FILE *f, const op_plan *p, const op_eval *e)
{
    int rc = fputs("role,week,capacity_hours,planned_hours,utilization\n", f) < 0;
    for (int r = 0; r < op_plan_role_count(p) && !rc; r++)
        for (int t = 1; t <= op_eval_weeks(e) && !rc; t++) {
            double c = op_plan_capacity(p, r, t), l = op_eval_load(e, r, t);
            rc = rpt_cell(f, op_plan_role(p, r)->name, 0) || rpt_cellnum(f, t, 0) ||
                 rpt_cellnum(f, c, 0) || rpt_cellnum(f, l, 0) ||
                 (c > 0 ? rpt_cellnum(f, round(l / c * 1000) / 1000, 1) : rpt_cell(f, "", 1));
        }
    return rc || ferror(f) ? -1 : 0;
}

int rpt_write_gates_csv(FILE *f, const op_plan *p, const op_eval *e,
                        const char *const *fixes)
{
    /* with a start date: the last working day of the deadline and pass weeks */
    int dates = op_plan_start(p) != OP_DATE_NONE;
    int rc = fputs(dates ? "gate,deadline_week,passed_week,lateness_weeks,status,cause,"
                           "deadline_date,passed_date\n"
                         : "gate,deadline_week,passed_week,lateness_weeks,status,cause\n",
                   f) < 0;
    for (int g = 0; g < op_plan_gate_count(p) && !rc; g++) {
        const op_gate *ga = op_plan_gate(p, g);
        const op_gate_eval *ge = op_eval_gate(e, g);
        char cause[1024] = "";
        if (fixes && fixes[g])
            snprintf(cause, sizeof cause, "%s", fixes[g]);
        else if (!ge->passed_week || ge->lateness)
            op_report_gate_cause(p, e, g, cause, sizeof cause);
        rc = rpt_cell(f, ga->id, 0) || rpt_cellnum(f, ga->deadline_week, 0) ||
             rpt_cellweek(f, ge->passed_week, 0) || rpt_cellnum(f, ge->lateness, 0) ||
             rpt_cell(f, !ge->passed_week ? "not passed" : ge->lateness ? "late" : "met", 0) ||
             rpt_cell(f, cause, !dates) ||
             (dates && (rpt_celldate(f, p, ga->deadline_week, 1, 0) ||
                        rpt_celldate(f, p, ge->passed_week, 1, 1)));
    }
    return rc || ferror(f) ? -1 : 0;
}

int rpt_write_violations_csv(FILE *f, const op_plan *p, const op_eval *e)
{
    int rc = fputs("kind,item,role,week,value,limit,message\n", f) < 0;
    for (int k = 0; k < op_eval_violation_count(e) && !rc; k++) {
        const op_violation *v = op_eval_violation(e, k);
        char text[1024];
        rpt_violation_text(p, v, text, sizeof text);
        rc = rpt_cell(f, op_violation_name(v->kind), 0) ||
             rpt_cell(f, v->item >= 0 ? op_plan_item(p, v->item)->id : "", 0) ||
             rpt_cell(f, v->role >= 0 ? op_plan_role(p, v->role)->name : "", 0) ||
             rpt_cellweek(f, v->week, 0) || rpt_cellnum(f, v->a, 0) || rpt_cellnum(f, v->b, 0) ||
             rpt_cell(f, text, 1);
    }
    return rc || ferror(f) ? -1 : 0;
}
