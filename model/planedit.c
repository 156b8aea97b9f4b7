/* planedit.c - what-if copies of a plan: another team, a link or lag gone, effort scaled or drawn, deadlines moved */
#include <stdlib.h>

#include "model/model.h"

/* A client of the plan's public interface only: the copy is built as the
   loaders build a plan (add records, then validate), so it obeys every
   rule a plan read from files does. */

/* Replaces *s (when not NULL) by its copy in q's string store; -1 on ENOMEM. */
static int keep_str(op_plan *q, const char **s)
{
    if (*s && !(*s = op_plan_intern(q, *s)))
        return -1;
    return 0;
}

/* A reference of p made a reference of q: the name copied, unresolved. */
static int keep_ref(op_plan *q, op_ref *ref)
{
    ref->index = -1;
    return keep_str(q, &ref->name);
}

/* Adds item i of p to q with its dependencies and crew; -1 on failure. */
static int copy_item(op_plan *q, const op_plan *p, int i, const op_plan_edit *e, op_diag *d)
{
    const op_item *src = op_plan_item(p, i);
    op_item it = *src;
    if (e->scale && e->scale[i] && !it.duration) {
        it.effort *= e->factor;
        it.remaining *= e->factor;
    }
    if (e->unlag && e->unlag[i])
        it.lag_weeks = 0;
    if (e->left && e->left[i] >= 0) { /* a forecast's draw, known */
        it.effort_low = it.effort_high = 0, it.duration_low = it.duration_high = 0;
        if (it.duration)
            it.duration = e->left[i] < 1 ? 1 : (int)(e->left[i] + 0.5);
        else if (!src->started && src->remaining == src->effort)
            it.effort = it.remaining = e->left[i] > OP_EPS ? e->left[i] : OP_EPS;
        else if (e->left[i] > it.effort)
            it.effort = e->left[i]; /* progress below sets what is left */
    }
    if (keep_str(q, &it.id) || keep_str(q, &it.title) || keep_str(q, &it.category) ||
        keep_ref(q, &it.role))
        return -1;
    int k = op_plan_add_item(q, &it, d);
    if (k < 0)
        return -1;
    for (int j = 0; j < src->ndeps; j++) {
        op_ref dep = src->deps[j];
        if (i == e->drop_item && dep.index == e->drop_dep)
            continue;
        if (keep_ref(q, &dep) || op_plan_item_add_dep(q, k, &dep))
            return -1;
    }
    for (int j = 0; j < src->ncrew; j++) {
        op_ref role = src->crew[j].role;
        if (keep_ref(q, &role) || op_plan_item_add_crew(q, k, &role, src->crew[j].count))
            return -1;
    }
    return 0;
}

/* Adds gate g of p to q with its required gates and exit items (and the
   deadline e gives it); -1 on failure. */
static int copy_gate(op_plan *q, const op_plan *p, int g, const op_plan_edit *e, op_diag *d)
{
    const op_gate *src = op_plan_gate(p, g);
    op_gate ga = *src;
    if (e->deadlines && e->deadlines[g] > 0)
        ga.deadline_week = e->deadlines[g];
    if (keep_str(q, &ga.id) || keep_str(q, &ga.name))
        return -1;
    int k = op_plan_add_gate(q, &ga, d);
    if (k < 0)
        return -1;
    for (int j = 0; j < src->nrequires; j++) {
        op_ref ref = src->requires[j];
        if (keep_ref(q, &ref) || op_plan_gate_add_require(q, k, &ref))
            return -1;
    }
    for (int j = 0; j < src->nitems; j++) {
        op_ref ref = src->items[j];
        if (keep_ref(q, &ref) || op_plan_gate_add_item(q, k, &ref))
            return -1;
    }
    return 0;
}

/* Gives q's items p's progress, as a status file would: done and doing items
   keep their state and hours left; a todo item keeps hours left only when a
   status gave some, otherwise it has q's whole effort (a fixed-duration
   item's effort follows its crew's hours in q's team). */
static void copy_progress(op_plan *q, const op_plan *p, const op_plan_edit *e)
{
    for (int i = 0; i < op_plan_item_count(p); i++) {
        const op_item *src = op_plan_item(p, i);
        double f = e->scale && e->scale[i] && !src->duration ? e->factor : 1;
        double left = e->left && e->left[i] >= 0 && !src->duration ? e->left[i] : src->remaining * f;
        if (src->done || src->started || src->remaining != src->effort)
            op_plan_set_progress(q, i, src->done, src->started, left);
    }
}

op_status op_plan_with_team(const op_plan *p, const op_team_row *rows, int nrows, op_plan **out,
                            op_diag *d)
{
    op_plan_edit e = {.rows = rows, .nrows = nrows, .drop_item = -1, .drop_dep = -1};
    return op_plan_edited(p, &e, out, d);
}

op_status op_plan_edited(const op_plan *p, const op_plan_edit *e, op_plan **out, op_diag *d)
{
    int before = op_diag_count(d);
    *out = NULL;
    op_plan *q = op_plan_new();
    if (!q)
        goto fail;
    op_plan_set_period(q, op_plan_period(p));
    op_plan_set_first_week(q, op_plan_first_week(p));
    op_plan_set_settings(q, op_plan_settings(p));
    int nrows = e->rows ? e->nrows : op_plan_team_row_count(p);
    for (int k = 0; k < nrows; k++) {
        op_team_row row = e->rows ? e->rows[k] : *op_plan_team_row(p, k);
        if (keep_ref(q, &row.role) || op_plan_add_team_row(q, &row, d) < 0)
            goto fail;
    }
    for (int i = 0; i < op_plan_item_count(p); i++)
        if (copy_item(q, p, i, e, d))
            goto fail;
    for (int g = 0; g < op_plan_gate_count(p); g++)
        if (copy_gate(q, p, g, e, d))
            goto fail;
    for (int k = 0; k < op_plan_holiday_count(p); k++) {
        op_holiday h = *op_plan_holiday(p, k);
        if (keep_ref(q, &h.role) || op_plan_add_holiday(q, &h, d) < 0)
            goto fail;
    }
    op_status st = op_plan_validate(q, d);
    if (st != OP_OK) {
        op_plan_free(q);
        return st;
    }
    copy_progress(q, p, e);
    *out = q;
    return OP_OK;
fail:
    op_plan_free(q);
    /* an add that failed said why (a limit, or memory); a copy that failed did not */
    if (op_diag_count(d) > before && op_diag_status(d) != OP_OK)
        return op_diag_status(d);
    op_diag_error(d, OP_ENOMEM, NULL, "out of memory");
    return OP_ENOMEM;
}
