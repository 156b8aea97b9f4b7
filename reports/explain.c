/* explain.c - plain words for what went wrong: violations, late gates, late items */
#include <stdio.h>
#include <string.h>

#include "internal.h"

/* ---- violations ------------------------------------------------------- */

/* What a violation's text needs: its record names and the period words. */
typedef struct vctx {
    const op_plan *p;
    const op_violation *v;
    const char *id, *role, *wk;
    int day; /* a day plan: earliest_week and due_week still name weeks */
} vctx;

typedef void text_fn(const vctx *c, char *buf, size_t n, size_t *len);

static void text_over_capacity(const vctx *c, char *buf, size_t n, size_t *len)
{
    rpt_append(buf, n, len, "%s booked %s h against %s h in %s %d", c->role, RPT_NUM(c->v->a),
               RPT_NUM(c->v->b), c->wk, c->v->week);
}

static void text_max_people(const vctx *c, char *buf, size_t n, size_t *len)
{
    rpt_append(buf, n, len, "%s gets %s h in %s %d, more than its max_people can work (%s h)",
               c->id, RPT_NUM(c->v->a), c->wk, c->v->week, RPT_NUM(c->v->b));
}

static void text_dependency(const vctx *c, char *buf, size_t n, size_t *len)
{
    const char *dep = op_plan_item(c->p, c->v->other)->id;
    int lag = c->v->item >= 0 ? op_plan_item(c->p, c->v->item)->lag_weeks : 0;
    if (c->v->b > 0 && lag > 1)
        rpt_append(buf, n, len,
                   "%s starts in %s %d but depends on %s, done in %s %d, and may start no "
                   "earlier than %s %d (lag_weeks)",
                   c->id, c->wk, c->v->week, dep, c->wk, (int)c->v->b, c->wk, (int)c->v->b + lag);
    else if (c->v->b > 0)
        rpt_append(buf, n, len, "%s starts in %s %d but depends on %s, done in %s %d", c->id,
                   c->wk, c->v->week, dep, c->wk, (int)c->v->b);
    else
        rpt_append(buf, n, len, "%s starts in %s %d but depends on %s, which is never done",
                   c->id, c->wk, c->v->week, dep);
}

/* earliest_week and due_week name the input field; a day plan holds them in days */
static void text_before_earliest(const vctx *c, char *buf, size_t n, size_t *len)
{
    if (c->day)
        rpt_append(buf, n, len, "%s starts in %s %d, before its earliest_week (day %d)", c->id,
                   c->wk, (int)c->v->a, (int)c->v->b);
    else
        rpt_append(buf, n, len, "%s starts in %s %d, before its earliest_week %d", c->id, c->wk,
                   (int)c->v->a, (int)c->v->b);
}

static void text_after_due(const vctx *c, char *buf, size_t n, size_t *len)
{
    if (c->day)
        rpt_append(buf, n, len, "%s is done in %s %d, after its due_week (day %d)", c->id,
                   c->wk, (int)c->v->a, (int)c->v->b);
    else
        rpt_append(buf, n, len, "%s is done in %s %d, after its due_week %d", c->id, c->wk,
                   (int)c->v->a, (int)c->v->b);
}

static void text_under_allocated(const vctx *c, char *buf, size_t n, size_t *len)
{
    rpt_append(buf, n, len, "%s is given %s h of its %s h effort", c->id, RPT_NUM(c->v->a),
               RPT_NUM(c->v->b));
}

static void text_over_allocated(const vctx *c, char *buf, size_t n, size_t *len)
{
    rpt_append(buf, n, len, "%s is given %s h, more than its %s h effort", c->id,
               RPT_NUM(c->v->a), RPT_NUM(c->v->b));
}

static void text_unscheduled(const vctx *c, char *buf, size_t n, size_t *len)
{
    rpt_append(buf, n, len, "%s (%s, %s h) is never scheduled", c->id, c->role,
               RPT_NUM(c->v->b));
}

static void text_gate_entry(const vctx *c, char *buf, size_t n, size_t *len)
{
    rpt_append(buf, n, len, "%s starts in %s %d before gate %s is passed", c->id, c->wk,
               c->v->week, op_plan_gate(c->p, c->v->other)->id);
}

static void text_crew_broken(const vctx *c, char *buf, size_t n, size_t *len)
{
    rpt_append(buf, n, len, "%s does not run as one block of %d %s", c->id,
               op_plan_item(c->p, c->v->item)->duration, rpt_period(c->p, 1));
}

static void text_handoff(const vctx *c, char *buf, size_t n, size_t *len)
{
    rpt_append(buf, n, len,
               "%s starts in %s %d, the %s %s is done in, but the chain's %s h there exceed "
               "one person's %s h",
               c->id, c->wk, c->v->week, c->wk, op_plan_item(c->p, c->v->other)->id,
               RPT_NUM(c->v->a), RPT_NUM(c->v->b));
}

/* One text per kind, in the order of model.h's table: a kind without its
   text_<name> function does not compile. */
#define TEXT_FN_(kind, name) text_##name,
static text_fn *const texts[] = {OP_VIOLATION_KINDS(TEXT_FN_)};
#undef TEXT_FN_
_Static_assert(sizeof texts / sizeof texts[0] == OP_V_COUNT, "one text per violation kind");

void rpt_violation_text(const op_plan *p, const op_violation *v, char *buf, size_t n)
{
    vctx c = {p, v, v->item >= 0 ? op_plan_item(p, v->item)->id : "",
              v->role >= 0 ? op_plan_role(p, v->role)->name : "", rpt_period(p, 0),
              op_plan_period(p) == OP_PERIOD_DAY};
    size_t len = 0;
    buf[0] = 0;
    if ((unsigned)v->kind < OP_V_COUNT)
        texts[v->kind](&c, buf, n, &len);
}

/* ---- late gates --------------------------------------------------------- */

/* Hours of role r still to do that gate g needs: the exit items of g and
   of the gates it requires, transitively, not done yet; seen[] (one per
   gate) is scratch. */
static double gate_role_demand(const op_plan *p, int g, int r, char *seen)
{
    op_plan_gate_needs(p, g, seen, NULL);
    double h = 0;
    for (int q = 0; q < op_plan_gate_count(p); q++) {
        const op_gate *ga = op_plan_gate(p, q);
        for (int k = 0; seen[q] && k < ga->nitems; k++) {
            const op_item *it = op_plan_item(p, ga->items[k].index);
            if (it->role.index == r && !it->done && !it->duration)
                h += it->remaining;
        }
    }
    return h;
}

/* Late item i of gate g (deadline d): when it is done, and a proof that no
   plan with this team meets g when there is a simple one: its role has no
   hours, or fewer than the gate needs of it, from the first planning week to
   d. Nothing is guessed: the fix menu (cli/fixes.c) says what would help. */
static void late_item_cause(const op_plan *p, const op_eval *e, int g, int i, char *buf,
                            size_t n, size_t *len)
{
    const op_item *it = op_plan_item(p, i);
    const op_item_eval *ie = op_eval_item(e, i);
    int r = it->role.index, d = op_plan_gate(p, g)->deadline_week;
    const char *role = op_plan_role(p, r)->name, *wk = rpt_period(p, 0), *wks = rpt_period(p, 1);
    if (!ie->done)
        rpt_append(buf, n, len, "%s (%s) is not scheduled", it->id, role);
    else
        rpt_append(buf, n, len, "%s (%s) is done in %s %d", it->id, role, wk, ie->end_week);
    double cap = 0;
    int from = op_plan_first_week(p);
    for (int t = from; t <= d; t++)
        cap += op_plan_capacity(p, r, t);
    /* a plan holds at most OP_MAX_GATES gates: no allocation, so no failure */
    char seen[OP_MAX_GATES] = {0};
    double need = gate_role_demand(p, g, r, seen);
    if (from > d || need <= OP_EPS)
        return;
    if (cap <= OP_EPS)
        rpt_append(buf, n, len, ": %s has no capacity in %s %d..%d, so no plan with this team "
                                "meets the deadline",
                   role, wks, from, d);
    else if (cap + 1e-6 < need)
        rpt_append(buf, n, len, ": %s has %s h in %s %d..%d for the %s h this gate needs, so no "
                                "plan with this team meets the deadline",
                   role, RPT_NUM(cap), wks, from, d, RPT_NUM(need));
}

void op_report_gate_cause(const op_plan *p, const op_eval *e, int g, char *buf, size_t n)
{
    const op_gate *ga = op_plan_gate(p, g);
    const op_gate_eval *ge = op_eval_gate(e, g);
    const char *wk = rpt_period(p, 0);
    size_t len = 0;
    buf[0] = 0;
    for (int k = 0; k < ga->nrequires; k++) {
        int h = ga->requires[k].index;
        const op_gate_eval *he = op_eval_gate(e, h);
        if (!he->passed_week)
            rpt_append(buf, n, &len, "%swaits for %s, which is not passed", len ? "; " : "",
                       op_plan_gate(p, h)->id);
        else if (he->passed_week > ga->deadline_week)
            rpt_append(buf, n, &len, "%swaits for %s (passed %s %d)", len ? "; " : "",
                       op_plan_gate(p, h)->id, wk, he->passed_week);
    }
    /* the three latest exit items say enough */
    for (int k = 0; k < ge->nlate_items && k < 3; k++) {
        if (len)
            rpt_append(buf, n, &len, "; ");
        late_item_cause(p, e, g, ge->late_items[k], buf, n, &len);
    }
    if (ge->nlate_items > 3)
        rpt_append(buf, n, &len, "; and %d more items", ge->nlate_items - 3);
}

/* ---- late items ---------------------------------------------------------- */

/* The latest dependency of item i done in or after week d (history is
   past), -1 for none. */
static int late_dependency(const op_plan *p, const op_eval *e, int i, int d)
{
    const op_item *it = op_plan_item(p, i);
    int best = -1;
    for (int k = 0; k < it->ndeps; k++) {
        int j = it->deps[k].index;
        int end = op_eval_item(e, j)->end_week;
        if (!op_plan_item(p, j)->done && end >= d &&
            (best < 0 || end > op_eval_item(e, best)->end_week))
            best = j;
    }
    return best;
}

void op_report_item_late_cause(const op_plan *p, const op_eval *e, int i, char *buf, size_t n)
{
    const op_item *it = op_plan_item(p, i);
    int d = it->due_week, r = it->role.index, j = late_dependency(p, e, i, d);
    const char *role = op_plan_role(p, r)->name, *wk = rpt_period(p, 0), *wks = rpt_period(p, 1);
    size_t len = 0;
    buf[0] = 0;
    if (j >= 0) {
        rpt_append(buf, n, &len, "depends on %s, done in %s %d", op_plan_item(p, j)->id, wk,
                   op_eval_item(e, j)->end_week);
        return;
    }
    int from = op_plan_first_week(p) > it->earliest_week ? op_plan_first_week(p)
                                                         : it->earliest_week;
    double cap = 0, booked = 0;
    for (int t = from; t <= d; t++) {
        cap += op_plan_capacity(p, r, t);
        booked += op_eval_load(e, r, t);
    }
    if (cap <= 1e-6)
        rpt_append(buf, n, &len, "no %s capacity in %s %d..%d", role, wks, from, d);
    else if (!it->duration && cap + 1e-6 < it->remaining)
        rpt_append(buf, n, &len, "%s has %s h in %s %d..%d for its %s h", role, RPT_NUM(cap),
                   wks, from, d, RPT_NUM(it->remaining));
    else
        rpt_append(buf, n, &len, "%s has %s h in %s %d..%d, %s h of them booked", role,
                   RPT_NUM(cap), wks, from, d, RPT_NUM(booked));
}
