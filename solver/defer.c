/* defer.c - why an item was left out: the first true reason among fixed checks */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

/* The checks, in order (README, "What the model means"): the team or horizon has
   no week of the item's role in its window; its window is empty (due week,
   dependency, gate entry); a dependency is deferred; a strict gate forced
   other work into its room; its role's capacity is booked (by higher-ranked
   work alone: priorities decided); else the plain facts. Each text states
   only what was measured here, so it holds whatever the solver did. */

typedef struct dctx {
    const ilp *m;
    const op_schedule *s;
    int i, H;
    const op_item *it;
    const char *w1, *wn; /* "week", "weeks" (or days) */
    double *kept;        /* kept[q * (H + 2) + t]: hours of role q held by the items
                            that count for the check at hand */
    char buf[640];
} dctx;

#define KEPT(c, q, t) ((c)->kept[(size_t)(q) * (size_t)((c)->H + 2) + (size_t)(t)])

/* Hours of role q item j holds in week t of the schedule. */
static double held(const dctx *c, int j, int q, int t)
{
    const op_item *jt = op_plan_item(c->m->p, j);
    double h = t <= op_schedule_weeks(c->s) ? op_schedule_get(c->s, j, t) : 0;
    if (jt->duration)
        return h > 0 ? op_plan_crew_hours(c->m->p, j, q, t) : 0;
    return jt->role.index == q ? h : 0;
}

/* Appends to c->buf. */
static void add(dctx *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void add(dctx *c, const char *fmt, ...)
{
    size_t n = strlen(c->buf);
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(c->buf + n, sizeof c->buf - n, fmt, ap);
    va_end(ap);
}

/* The roles item i needs (at most 64): its crew's, or its own. */
static int item_roles(const op_item *it, int roles[64])
{
    if (it->duration && it->ncrew) {
        int n = it->ncrew < 64 ? it->ncrew : 64;
        for (int k = 0; k < n; k++)
            roles[k] = it->crew[k].role.index;
        return n;
    }
    roles[0] = it->role.index;
    return 1;
}

/* 1 when role q has hours in some week after week t: then the horizon, not
   the team, ends at t. */
static int role_after(const dctx *c, int q, int t)
{
    int last = op_plan_role(c->m->p, q)->last_week;
    for (int w = t + 1; w <= last && w <= OP_MAX_WEEK; w++)
        if (ilp_cap(c->m, q, w) > OP_EPS)
            return 1;
    return 0;
}

/* What ends the item's window at week b (its last week): "due week" with
   --strict-due, "finish-by" (staff --finish-by), else "horizon" when role q
   has weeks after b, "team" when it has none. */
static const char *ends(const dctx *c, int q, int b)
{
    const op_item *it = c->it;
    if (b < c->H && c->m->o->strict_due && it->due_week == b)
        return "due week";
    if (b < c->H)
        return "finish-by";
    return role_after(c, q, b) ? "horizon" : "team";
}

/* "the team has R in weeks 2, 4..8" or "the team has no R at all". */
static void team_weeks(dctx *c, int q)
{
    const op_role *ro = op_plan_role(c->m->p, q);
    int last = ro->last_week < OP_MAX_WEEK ? ro->last_week : OP_MAX_WEEK, runs = 0;
    for (int t = 1; t <= last; t++) {
        if (ilp_cap(c->m, q, t) <= OP_EPS)
            continue;
        int b = t;
        while (b < last && ilp_cap(c->m, q, b + 1) > OP_EPS)
            b++;
        if (runs == 4) {
            add(c, ", ...");
            break;
        }
        add(c, runs ? ", " : "the team has %s in %s ", ro->name, c->wn);
        if (b == OP_MAX_WEEK)
            add(c, "%d onwards", t);
        else
            add(c, b > t ? "%d..%d" : "%d", t, b);
        runs++;
        t = b;
    }
    if (!runs)
        add(c, "the team has no %s at all", ro->name);
}

/* Check 1: no week of a role the item needs in its plain window a..b (its
   earliest week to its last: horizon, or due week when strict). */
static int no_team(dctx *c, int a, int b)
{
    int roles[64] = {0}, nq = item_roles(c->it, roles);
    int due = !strcmp(ends(c, roles[0], b), "due week");
    if (a > b && b == c->H) {
        int later = role_after(c, roles[0], a - 1);
        add(c, "%s: it may start in %s %d at the earliest%s", later ? "horizon" : "team", c->w1,
            a, later ? ", " : "");
        if (later)
            add(c, "the horizon ends with %s %d (", c->w1, b);
        else
            add(c, "; ");
        team_weeks(c, roles[0]);
        add(c, later ? ")" : "");
        return 1;
    }
    if (a > b) {
        add(c, due ? "due week: its due %s %d comes before its earliest %s %d (--strict-due)"
                   : "finish-by: its last %s %d comes before its earliest %s %d",
            c->w1, b, c->w1, a);
        return 1;
    }
    for (int k = 0; k < nq; k++) {
        double cap = 0;
        for (int t = a; t <= b; t++)
            cap += ilp_cap(c->m, roles[k], t);
        if (cap > OP_EPS)
            continue;
        add(c, "%s: no %s capacity in %s %d..%d%s (", ends(c, roles[k], b),
            op_plan_role(c->m->p, roles[k])->name, c->wn, a, b,
            due ? ", up to its due week" : "");
        team_weeks(c, roles[k]);
        add(c, ")");
        return 1;
    }
    return 0;
}

/* Check 2, second half: in weeks es..lf (after dependency dep or gate
   gate, -1 for none) the item cannot get its hours, or its crew no start. */
static int short_window(dctx *c, int es, int lf, int dep, int gate)
{
    const ilp *m = c->m;
    const op_item *it = c->it;
    if (m->ef[c->i])
        return 0;
    int q = it->role.index, ok = 0;
    double got = 0;
    for (int st = es; it->duration && !ok && st + it->duration - 1 <= lf; st++)
        ok = ilp_crew_fits(m, c->i, st);
    for (int t = es; !it->duration && t <= lf; t++)
        got += ilp_item_cap(m, c->i, t);
    if (it->duration ? ok : got >= it->remaining - OP_EPS)
        return 0; /* its window is not what keeps it out */
    add(c, "%s: ", dep >= 0 ? "dependency" : gate >= 0 ? "gate entry" : ends(c, q, lf));
    if (dep >= 0)
        add(c, "after %s (done in %s %d at the earliest), ", op_plan_item(m->p, dep)->id, c->w1,
            m->ef[dep]);
    else if (gate >= 0)
        add(c, "after gate %s (passed in %s %d at the earliest), ", op_plan_gate(m->p, gate)->id,
            c->w1, m->gl[gate]);
    if (it->duration)
        add(c, "no start in %s %d..%d has its whole crew for %d %s", c->wn, es, lf, it->duration,
            c->wn);
    else if (got <= OP_EPS) {
        add(c, "no %s capacity is left in %s %d..%d (", op_plan_role(m->p, q)->name, c->wn, es, lf);
        team_weeks(c, q);
        add(c, ")");
    } else
        add(c, "in %s %d..%d it can get at most %g h of %s (capacity and max_people), it needs %g h",
            c->wn, es, lf, got, op_plan_role(m->p, q)->name, it->remaining);
    return 1;
}

/* Check 2: dependencies or gate entry (from the ILP windows) start it after
   its last week lf, or leave it too few hours before then. */
static int empty_window(dctx *c, int a, int lf)
{
    const ilp *m = c->m;
    const op_item *it = c->it;
    int es = a, dep = -1, gate = -1;
    for (int d = 0; d < it->ndeps; d++) {
        int j = it->deps[d].index, w;
        if (op_plan_item(m->p, j)->done)
            continue;
        if (!m->ef[j]) {
            add(c, "dependency: it depends on %s, which cannot be scheduled",
                op_plan_item(m->p, j)->id);
            return 1;
        }
        if ((w = m->ef[j] + ilp_dep_gap(m, j, c->i)) > es)
            es = w, dep = j, gate = -1;
    }
    for (int g = 0; m->o->gate_entry_phase && g < m->ng; g++)
        for (int q = 0; ilp_is_exit_item(m->p, g, c->i) && q < op_plan_gate(m->p, g)->nrequires; q++) {
            int rq = op_plan_gate(m->p, g)->requires[q].index;
            if (m->gl[rq] + 1 > es)
                es = m->gl[rq] + 1, gate = rq, dep = -1;
        }
    const char *e = ends(c, it->role.index, lf);
    const char *end = !strcmp(e, "due week")    ? "its due"
                      : !strcmp(e, "finish-by") ? "its --finish-by"
                                                : "the horizon's last";
    if (es > lf && dep >= 0)
        add(c, "dependency: %s is done in %s %d at the earliest, so this item could start in %s %d, "
               "after %s %s %d", op_plan_item(m->p, dep)->id, c->w1, m->ef[dep], c->w1, es, end,
            c->w1, lf);
    else if (es > lf && gate >= 0)
        add(c, "gate entry: it starts after gate %s passes, in %s %d at the earliest, after %s %s %d",
            op_plan_gate(m->p, gate)->id, c->w1, m->gl[gate], end, c->w1, lf);
    if (es > lf)
        return dep >= 0 || gate >= 0;
    return short_window(c, es, lf, dep, gate);
}

/* 1 when the item fits beside the hours in c->kept: an effort item's
   remaining hours within its window, a crew's whole block at some start. */
static int fits(const dctx *c)
{
    const ilp *m = c->m;
    int i = c->i, D = c->it->duration;
    if (!D) {
        int r = c->it->role.index;
        double got = 0;
        for (int t = m->es[i]; t <= m->lf[i]; t++) {
            double f = ilp_cap(m, r, t) - KEPT(c, r, t), own = ilp_item_cap(m, i, t);
            got += f < own ? (f > 0 ? f : 0) : own;
        }
        return got >= c->it->remaining - OP_EPS;
    }
    int roles[64] = {0}, nq = item_roles(c->it, roles);
    for (int st = m->es[i]; st <= m->ls[i] && st + D - 1 <= m->lf[i]; st++) {
        int ok = 1;
        for (int w = st; ok && w < st + D; w++)
            for (int k = 0; ok && k < nq; k++)
                ok = op_plan_crew_hours(m->p, i, roles[k], w) <=
                     ilp_cap(m, roles[k], w) - KEPT(c, roles[k], w) + OP_EPS;
        if (ok)
            return 1;
    }
    return 0;
}

/* Fills c->kept with the hours of the items use[] marks (all but i when
   use is NULL). */
static void keep(dctx *c, const char *use)
{
    const ilp *m = c->m;
    memset(c->kept, 0, (size_t)m->nr * (size_t)(c->H + 2) * sizeof *c->kept);
    for (int j = 0; j < m->ni; j++) {
        int roles[64] = {0}, nq = item_roles(op_plan_item(m->p, j), roles);
        for (int k = 0; j != c->i && (!use || use[j]) && k < nq; k++)
            for (int t = 1; t <= c->H; t++)
                KEPT(c, roles[k], t) += held(c, j, roles[k], t);
    }
}

/* Hours of role q item j holds in weeks a..b. */
static double held_in(const dctx *c, int j, int q, int a, int b)
{
    double h = 0;
    for (int t = a; t <= b; t++)
        h += held(c, j, q, t);
    return h;
}

/* Appends the three items of use[] (all others when NULL) holding the most
   of role q in weeks a..b, " (A P0 40 h, B P1 24 h)", when print; returns
   the hours all of them hold. */
static double bookers(dctx *c, int q, int a, int b, const char *use, int print)
{
    int top[3] = {-1, -1, -1};
    double topv[3] = {0, 0, 0}, sum = 0;
    for (int j = 0; j < c->m->ni; j++) {
        double h = j == c->i || (use && !use[j]) ? 0 : held_in(c, j, q, a, b);
        sum += h;
        for (int k = 0; h > OP_EPS && k < 3; k++)
            if (h > topv[k] + OP_EPS) {
                for (int l = 2; l > k; l--)
                    top[l] = top[l - 1], topv[l] = topv[l - 1];
                top[k] = j, topv[k] = h;
                break;
            }
    }
    for (int k = 0; print && k < 3 && top[k] >= 0; k++) {
        const op_item *jt = op_plan_item(c->m->p, top[k]);
        add(c, "%s%s %s %g h", k ? ", " : " (", jt->id, op_priority_name(jt->priority), topv[k]);
    }
    add(c, print && top[0] >= 0 ? ")" : "");
    return sum;
}

/* The role whose room is shortest for the item: its own, or for a crew the
   crew role with the fewest hours left per hour it needs (c->kept). */
static int tight_role(const dctx *c)
{
    int roles[64] = {0}, nq = item_roles(c->it, roles), best = roles[0];
    double bestv = 0;
    for (int k = 0; c->it->duration && k < nq; k++) {
        double left = 0, need = 0;
        for (int t = c->m->es[c->i]; t <= c->m->lf[c->i]; t++) {
            left += ilp_cap(c->m, roles[k], t) - KEPT(c, roles[k], t);
            need += op_plan_crew_hours(c->m->p, c->i, roles[k], t);
        }
        double v = need > OP_EPS ? left / need : 1e300;
        if (k == 0 || v < bestv)
            best = roles[k], bestv = v;
    }
    return best;
}

/* "R has C h in weeks a..b, B h booked by <who> items (...), this item
   needs N h" for role q over the item's window. */
static void room(dctx *c, int q, const char *who, const char *use)
{
    const ilp *m = c->m;
    int a = m->es[c->i], b = m->lf[c->i];
    double cap = 0;
    for (int t = a; t <= b; t++)
        cap += ilp_cap(m, q, t);
    add(c, "%s has %g h in %s %d..%d, %g h booked by %s items", op_plan_role(m->p, q)->name, cap,
        c->wn, a, b, bookers(c, q, a, b, use, 0), who);
    bookers(c, q, a, b, use, 1);
    add(c, ", ");
    if (c->it->duration)
        add(c, "its crew needs %g h of it a %s for %d %s",
            op_plan_crew_hours(m->p, c->i, q, a), c->w1, c->it->duration, c->wn);
    else
        add(c, "this item needs %g h", c->it->remaining);
}

/* Check 3: a strict gate made items ranked no higher than this one take the
   room it needed: without them it would fit. gseen and use are scratch. */
static int strict_gate(dctx *c, char *gseen, char *use)
{
    const ilp *m = c->m;
    for (int g = 0; m->o->strict_gates && g < m->ng; g++) {
        if (!ilp_strict_week(m, g))
            continue;
        op_plan_gate_needs(m->p, g, gseen, use);
        int any = 0;
        for (int j = 0; j < m->ni; j++) {
            use[j] = !use[j] || op_plan_item(m->p, j)->priority < c->it->priority;
            any |= !use[j];
        }
        keep(c, use);
        if (!any || !fits(c))
            continue;
        for (int j = 0; j < m->ni; j++)
            use[j] = !use[j];
        int q = tight_role(c), a = m->es[c->i], b = m->lf[c->i], top = -1;
        double topv = OP_EPS;
        for (int j = 0; j < m->ni; j++)
            if (use[j] && j != c->i && held_in(c, j, q, a, b) > topv)
                topv = held_in(c, j, q, a, b), top = j;
        const op_gate *ga = op_plan_gate(m->p, g);
        if (top < 0)
            continue;
        add(c, "strict gate: %s needs %s (%s) by %s %d; ", ga->id,
            op_plan_item(m->p, top)->id, op_priority_name(op_plan_item(m->p, top)->priority),
            c->w1, ga->deadline_week);
        keep(c, NULL);
        room(c, q, "other", NULL);
        return 1;
    }
    return 0;
}

/* Checks 4 and 5: the role's room in the window is booked (by work ranked
   higher alone: priorities decided), or the plain facts when it is not. */
static void capacity(dctx *c, char *use)
{
    const ilp *m = c->m;
    keep(c, NULL);
    int q = tight_role(c);
    if (fits(c)) {
        double cap = 0;
        for (int t = m->es[c->i]; t <= m->lf[c->i]; t++)
            cap += ilp_cap(m, q, t) - KEPT(c, q, t);
        add(c, "%s has %g h free in %s %d..%d, this item needs %g h; it is not left out for "
               "want of room, window, dependency or strict gate", op_plan_role(m->p, q)->name,
            cap, c->wn, m->es[c->i], m->lf[c->i],
            c->it->duration ? op_plan_crew_hours(m->p, c->i, q, m->es[c->i]) * c->it->duration
                            : c->it->remaining);
        return;
    }
    for (int j = 0; j < m->ni; j++)
        use[j] = op_plan_item(m->p, j)->priority < c->it->priority;
    keep(c, use);
    int higher = !fits(c);
    keep(c, NULL);
    if (higher) {
        add(c, "priority: left out for higher-priority work: ");
        room(c, q, "higher-priority", use);
    } else {
        add(c, "capacity: ");
        room(c, q, "other", NULL);
    }
}

/* Writes the plain-words reason item i was left out (a new string, NULL on
   ENOMEM): the first of the checks above that applies. */
char *ilp_defer_reason(const ilp *m, int i, const op_schedule *s, const op_eval *e)
{
    op_period per = op_plan_period(m->p);
    dctx c = {.m = m, .s = s, .i = i, .H = m->H, .it = op_plan_item(m->p, i),
              .w1 = op_period_word(per, 0), .wn = op_period_word(per, 1)};
    char *use = malloc((size_t)m->ni + 1), *gseen = malloc((size_t)m->ng + 1);
    c.kept = malloc((size_t)m->nr * (size_t)(m->H + 2) * sizeof *c.kept);
    int first = op_plan_first_week(m->p), a = c.it->earliest_week > first ? c.it->earliest_week : first;
    int done = !use || !gseen || !c.kept;
    if (!done && c.it->done) {
        add(&c, "done: it was done before %s %d", c.w1, first);
        done = 1;
    }
    done = done || no_team(&c, a > 1 ? a : 1, ilp_latest_week(m, i)) ||
           empty_window(&c, a > 1 ? a : 1, ilp_latest_week(m, i));
    for (int d = 0; !done && d < c.it->ndeps; d++) {
        int j = c.it->deps[d].index;
        if (!op_plan_item(m->p, j)->done && !op_eval_item(e, j)->done) {
            add(&c, "dependency: it depends on %s, which is deferred", op_plan_item(m->p, j)->id);
            done = 1;
        }
    }
    if (!done && !strict_gate(&c, gseen, use))
        capacity(&c, use);
    char *r = use && gseen && c.kept ? strdup(c.buf) : NULL;
    free(use);
    free(gseen);
    free(c.kept);
    return r;
}
