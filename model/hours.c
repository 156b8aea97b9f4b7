/* hours.c - the hour step: a solver's schedule rounded to whole hours (or halves, quarters) */
#include <math.h>
#include <stdlib.h>

#include "model.h"

/* Same as the evaluator's tolerance: a week with at most this many hours does
   not count as a week the item runs. */
#define RTOL 1e-4

/* One item's weeks, first..last (the weeks it runs, as the evaluator sees
   them), with the role's load of every week. */
typedef struct span {
    int item, from, first, last, nweeks; /* from: the first planning week */
    double total;   /* hours over every week, = its remaining effort */
    double *cand;   /* candidate hours, cand[t - 1] */
    double *load;   /* the role's booked hours of the whole schedule, load[t - 1] */
} span;

/* x rounded to a multiple of step: mode -1 down, 0 nearest, 1 up (a hair of
   float noise never tips it). */
static double to_step(double x, double step, int mode)
{
    double q = x / step;
    q = mode < 0 ? floor(q + 1e-7) : mode > 0 ? ceil(q - 1e-7) : floor(q + 0.5);
    return q * step;
}

/* Candidate hours of the item by cumulative rounding: the hours booked up to
   each week of the span but the last are rounded (mode), so every such week
   holds a multiple of step, and the last week takes what is left (the
   remainder when the total is not a multiple). Hours never leave the span. */
static void candidate(const op_schedule *s, span *sp, double step, int mode)
{
    double cum = 0, booked = 0;
    for (int t = 1; t <= sp->nweeks; t++) {
        cum += t >= sp->from ? op_schedule_get(s, sp->item, t) : 0;
        sp->cand[t - 1] = t < sp->from ? op_schedule_get(s, sp->item, t) : 0;
        if (t < sp->first || t > sp->last)
            continue;
        double r = t == sp->last ? sp->total : to_step(cum, step, mode);
        if (r < booked)
            r = booked;
        if (r > sp->total)
            r = sp->total;
        sp->cand[t - 1] = r - booked;
        booked = r;
    }
}

/* Whether the candidate keeps every rule the unrounded hours kept: the same
   first and last week (so dependencies, windows and gates see the same
   weeks), no week past max_people, no role-week past its capacity. */
static int candidate_ok(const op_plan *p, const op_schedule *s, const span *sp)
{
    const op_item *it = op_plan_item(p, sp->item);
    int r = it->role.index;
    if (sp->cand[sp->first - 1] <= RTOL || sp->cand[sp->last - 1] <= RTOL)
        return 0;
    for (int t = sp->first; t <= sp->last; t++) {
        double h = sp->cand[t - 1], was = op_schedule_get(s, sp->item, t);
        if (h > it->max_people * op_plan_person_hours(p, r, t) + OP_EPS)
            return 0;
        if (h > was && sp->load[t - 1] - was + h > op_plan_capacity(p, r, t) + OP_EPS)
            return 0;
    }
    return 1;
}

/* Rounds effort item i; 1 when it keeps its unrounded hours (no candidate
   keeps every rule), else 0. loads is the role-week load of the schedule,
   updated. */
static int round_item(op_schedule *s, const op_plan *p, int i, double step, double *loads)
{
    const op_item *it = op_plan_item(p, i);
    int nw = op_schedule_weeks(s);
    span sp = {.item = i,
               .from = op_plan_first_week(p),
               .nweeks = nw,
               .cand = loads + (size_t)op_plan_role_count(p) * nw, /* the scratch row */
               .load = loads + (size_t)it->role.index * nw};
    for (int t = op_plan_first_week(p); t <= nw; t++) {
        double h = op_schedule_get(s, i, t);
        sp.total += h;
        if (h > RTOL && !sp.first)
            sp.first = t;
        if (h > RTOL)
            sp.last = t;
    }
    if (!sp.first)
        return 0; /* not scheduled */
    if (fabs(sp.total - it->remaining) <= RTOL)
        sp.total = it->remaining;
    static const int modes[] = {0, -1, 1};
    for (int k = 0; k < 3; k++) {
        candidate(s, &sp, step, modes[k]);
        if (!candidate_ok(p, s, &sp))
            continue;
        for (int t = 1; t <= nw; t++) {
            sp.load[t - 1] += sp.cand[t - 1] - op_schedule_get(s, i, t);
            op_schedule_set(s, i, t, sp.cand[t - 1]);
        }
        return 0;
    }
    /* Never seen on a solver's schedule: rounding this item would put a
       role-week past capacity or the item past max_people, or empty its first
       or last week (a total under two steps over two weeks or more). It keeps
       its hours as solved rather than break a rule. */
    return 1;
}

int op_schedule_round_step(op_schedule *s, const op_plan *p, double step)
{
    op_schedule_round(s);
    if (!(step > 0))
        return 0;
    int nw = op_schedule_weeks(s), nr = op_plan_role_count(p);
    op_eval *e = op_eval_new(p, s, 0);
    double *loads = e ? calloc((size_t)(nr + 1) * (size_t)nw + 1, sizeof *loads) : NULL;
    if (!loads) {
        op_eval_free(e);
        return -1;
    }
    for (int r = 0; r < nr; r++)
        for (int t = 1; t <= nw; t++)
            loads[(size_t)r * nw + (size_t)(t - 1)] = op_eval_load(e, r, t);
    op_eval_free(e);
    int kept = 0;
    for (int i = 0; i < op_schedule_items(s) && i < op_plan_item_count(p); i++)
        if (!op_plan_item(p, i)->duration)
            kept += round_item(s, p, i, step, loads);
    op_schedule_round(s);
    free(loads);
    return kept;
}
