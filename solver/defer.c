/* defer.c - why an item was left out, in plain words */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

/* Writes the plain-words reason an item was left out. */
char *ilp_defer_reason(const ilp *m, int i, const op_schedule *s, const op_eval *e)
{
    const op_plan *p = m->p;
    const op_item *it = op_plan_item(p, i);
    const char *role = op_plan_role(p, it->role.index)->name;
    char buf[400];
    for (int d = 0; d < it->ndeps; d++) {
        int j = it->deps[d].index;
        if (!op_eval_item(e, j)->done) {
            snprintf(buf, sizeof buf, "depends on %s, which is not scheduled", op_plan_item(p, j)->id);
            return strdup(buf);
        }
    }
    int from = m->es[i] ? m->es[i] : 1, to = m->lf[i] ? m->lf[i] : m->H;
    double cap = 0, own = 0, used = 0, higher = 0;
    for (int t = from; t <= to; t++) {
        cap += ilp_cap(m, it->role.index, t);
        own += ilp_item_cap(m, i, t);
        used += op_eval_load(e, it->role.index, t);
    }
    /* of what is used, the hours of work ranked above this item */
    for (int j = 0; j < m->ni; j++) {
        const op_item *jt = op_plan_item(p, j);
        for (int t = from; jt->priority < it->priority && t <= to; t++) {
            if (jt->duration && op_schedule_get(s, j, t) > 0)
                higher += op_plan_crew_hours(p, j, it->role.index, t);
            else if (!jt->duration && jt->role.index == it->role.index)
                higher += op_schedule_get(s, j, t);
        }
    }
    op_period per = op_plan_period(m->p);
    const char *w1 = op_period_word(per, 0), *wn = op_period_word(per, 1);
    if (from > to)
        snprintf(buf, sizeof buf, "cannot fit: no %s left for it in %s 1..%d (its window, "
                                  "dependencies or gate entry start it after %s %d)",
                 w1, wn, m->H, w1, to);
    else if (!m->ef[i])
        snprintf(buf, sizeof buf,
                 "cannot fit: in %s %d..%d it can get at most %g h (%s capacity and its "
                 "max_people), it needs %g h",
                 wn, from, to, own, role, it->remaining);
    else if (used <= higher + OP_EPS)
        snprintf(buf, sizeof buf,
                 "no room: %s capacity in %s %d..%d is %g h, %g h of it used by "
                 "higher-ranked work; this item needs %g h",
                 role, wn, from, to, cap, used, it->remaining);
    else if (higher <= OP_EPS)
        /* work of its own priority or lower holds the room: what the
           earlier stages (more items, strict gates) chose instead */
        snprintf(buf, sizeof buf,
                 "no room: %s capacity in %s %d..%d is %g h, %g h of it used by work of "
                 "the same or lower priority; this item needs %g h",
                 role, wn, from, to, cap, used, it->remaining);
    else
        snprintf(buf, sizeof buf,
                 "no room: %s capacity in %s %d..%d is %g h, %g h of it used: %g h by "
                 "higher-ranked work, %g h by work of the same or lower priority; this item "
                 "needs %g h",
                 role, wn, from, to, cap, used, higher, used - higher, it->remaining);
    return strdup(buf);
}


