/* greedy.c - list scheduling by gate deadline and priority: horizon and first incumbent */
#include <stdlib.h>

#include "solver.h"

/* The deadline that matters for an item: its due week or the earliest
   deadline of a gate that needs it, directly or through a requiring gate. */
static int *item_deadlines(const op_plan *p)
{
    int ni = op_plan_item_count(p), ng = op_plan_gate_count(p);
    int *dl = malloc(((size_t)ni + 1) * sizeof *dl);
    int *gdl = malloc(((size_t)ng + 1) * sizeof *gdl);
    if (!dl || !gdl) {
        free(dl);
        free(gdl);
        return NULL;
    }
    /* A required gate must pass by the deadline of every gate requiring it:
       walk gates from the last in topological order back to the first. */
    const int *order = op_plan_gate_order(p);
    for (int g = 0; g < ng; g++)
        gdl[g] = op_plan_gate(p, g)->deadline_week;
    for (int k = ng - 1; k >= 0; k--) {
        const op_gate *ga = op_plan_gate(p, order[k]);
        for (int m = 0; m < ga->nrequires; m++) {
            int h = ga->requires[m].index;
            if (gdl[order[k]] < gdl[h])
                gdl[h] = gdl[order[k]];
        }
    }
    for (int i = 0; i < ni; i++) {
        const op_item *it = op_plan_item(p, i);
        dl[i] = it->due_week ? it->due_week : OP_MAX_WEEK + 1;
    }
    for (int g = 0; g < ng; g++) {
        const op_gate *ga = op_plan_gate(p, g);
        for (int m = 0; m < ga->nitems; m++)
            if (gdl[g] < dl[ga->items[m].index])
                dl[ga->items[m].index] = gdl[g];
    }
    /* A dependency must be done before its dependent starts. */
    const int *topo = op_plan_topo_order(p);
    for (int k = ni - 1; k >= 0; k--) {
        const op_item *it = op_plan_item(p, topo[k]);
        for (int m = 0; m < it->ndeps; m++) {
            int j = it->deps[m].index;
            if (dl[topo[k]] - 1 < dl[j])
                dl[j] = dl[topo[k]] - 1;
        }
    }
    free(gdl);
    return dl;
}

static const op_plan *sort_plan;
static const int *sort_dl;

static int by_urgency(const void *a, const void *b)
{
    int i = *(const int *)a, j = *(const int *)b;
    if (sort_dl[i] != sort_dl[j])
        return sort_dl[i] < sort_dl[j] ? -1 : 1;
    const op_item *x = op_plan_item(sort_plan, i), *y = op_plan_item(sort_plan, j);
    if (x->priority != y->priority)
        return x->priority < y->priority ? -1 : 1;
    if (x->impact != y->impact)
        return x->impact > y->impact ? -1 : 1;
    if (x->effort != y->effort)
        return x->effort > y->effort ? -1 : 1;
    return i < j ? -1 : (i > j);
}

/* Marks the gates passed by the end of week t, in requires order. */
static void pass_gates(const op_plan *p, const int *end, int *gpass, int t)
{
    const int *gorder = op_plan_gate_order(p);
    for (int k = 0; k < op_plan_gate_count(p); k++) {
        int g = gorder[k];
        const op_gate *ga = op_plan_gate(p, g);
        if (gpass[g])
            continue;
        int ok = 1;
        for (int m = 0; m < ga->nitems && ok; m++)
            ok = end[ga->items[m].index] != 0;
        for (int m = 0; m < ga->nrequires && ok; m++)
            ok = gpass[ga->requires[m].index] != 0;
        if (ok)
            gpass[g] = t;
    }
}

op_schedule *op_greedy_schedule(const op_plan *p, int max_week, int gate_entry_phase)
{
    int ni = op_plan_item_count(p), nr = op_plan_role_count(p), ng = op_plan_gate_count(p);
    int last = op_plan_last_capacity_week(p);
    if (max_week <= 0 || max_week > OP_MAX_WEEK)
        max_week = last < OP_MAX_WEEK ? last : OP_MAX_WEEK;
    if (max_week < 1)
        max_week = 1;
    op_schedule *s = op_schedule_new(ni, max_week);
    int *order = malloc(((size_t)ni + 1) * sizeof *order);
    double *left = malloc(((size_t)ni + 1) * sizeof *left);
    int *end = calloc((size_t)ni + 1, sizeof *end);   /* week done, 0 = not done */
    int *gpass = calloc((size_t)ng + 1, sizeof *gpass);
    double *room = malloc(((size_t)nr + 1) * sizeof *room);
    int *dl = item_deadlines(p);
    if (!s || !order || !left || !end || !gpass || !room || !dl) {
        op_schedule_free(s);
        s = NULL;
        goto out;
    }
    int first = op_plan_first_week(p);
    int remaining = ni;
    for (int i = 0; i < ni; i++) {
        order[i] = i;
        left[i] = op_plan_item(p, i)->remaining;
        if (op_plan_item(p, i)->done) {
            end[i] = op_plan_history_week(p);
            remaining--;
        }
    }
    sort_plan = p;
    sort_dl = dl;
    qsort(order, (size_t)ni, sizeof *order, by_urgency);

    if (first > 1)
        pass_gates(p, end, gpass, op_plan_history_week(p)); /* passed in history */
    for (int t = first; t <= max_week && remaining > 0; t++) {
        for (int r = 0; r < nr; r++)
            room[r] = op_plan_capacity(p, r, t);
        for (int k = 0; k < ni; k++) {
            int i = order[k];
            const op_item *it = op_plan_item(p, i);
            if (end[i] || left[i] <= 0 || t < it->earliest_week)
                continue;
            if (it->due_week && t > it->due_week)
                continue;
            int ready = 1;
            for (int m = 0; m < it->ndeps && ready; m++) {
                int j = it->deps[m].index;
                ready = end[j] && end[j] < t;
            }
            if (ready && gate_entry_phase) {
                for (int g = 0; g < ng && ready; g++) {
                    const op_gate *ga = op_plan_gate(p, g);
                    int member = 0;
                    for (int m = 0; m < ga->nitems; m++)
                        member |= ga->items[m].index == i;
                    for (int m = 0; member && m < ga->nrequires && ready; m++) {
                        int h = ga->requires[m].index;
                        ready = gpass[h] && gpass[h] < t;
                    }
                }
            }
            int r = it->role.index;
            if (!ready || room[r] <= OP_EPS)
                continue;
            double h = op_plan_item_week_cap(p, i, t);
            if (h > room[r])
                h = room[r];
            if (h > left[i])
                h = left[i];
            if (h <= OP_EPS)
                continue;
            op_schedule_add(s, i, t, h);
            room[r] -= h;
            left[i] -= h;
            if (left[i] <= OP_EPS) {
                left[i] = 0;
                end[i] = t;
                remaining--;
            }
        }
        pass_gates(p, end, gpass, t);
    }
    /* Unfinished items give their hours back: a half-done item is not a plan. */
    for (int i = 0; i < ni; i++)
        if (!end[i])
            for (int t = 1; t <= max_week; t++)
                op_schedule_set(s, i, t, 0.0);
out:
    free(order);
    free(left);
    free(end);
    free(gpass);
    free(room);
    free(dl);
    return s;
}
