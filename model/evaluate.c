/* evaluate.c - measures a schedule against the plan: loads, gate weeks, violations */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "model.h"

/* Hours within this of a bound count as on it (solver output is floating). */
#define TOL 1e-4

struct op_eval {
    int nweeks, nroles;
    op_item_eval *items;
    op_gate_eval *gates;
    double *load; /* load[r * nweeks + week - 1] */
    op_violation *v;
    int nv, vcap;
    int last_week, gate_lateness, item_lateness, gates_met, scheduled, hard;
};

static int add_violation(op_eval *e, op_violation_kind kind, int item, int role, int week,
                         int other, double a, double b)
{
    if (e->nv == e->vcap) {
        int ncap = e->vcap ? e->vcap * 2 : 32;
        op_violation *nv = realloc(e->v, (size_t)ncap * sizeof *nv);
        if (!nv)
            return -1;
        e->v = nv;
        e->vcap = ncap;
    }
    e->v[e->nv++] = (op_violation){kind, item, role, week, other, a, b};
    if (kind != OP_V_UNSCHEDULED)
        e->hard++;
    return 0;
}

/* Orders late exit items: never done first, then latest end week. */
static void note_late_item(op_gate_eval *ge, const op_eval *e, int item)
{
    int end = e->items[item].done ? e->items[item].end_week : 1 << 30;
    int k = ge->nlate_items;
    if (k == 8) {
        int last = ge->late_items[7];
        int lend = e->items[last].done ? e->items[last].end_week : 1 << 30;
        if (end <= lend)
            return;
        k = 7;
    } else {
        ge->nlate_items++;
    }
    while (k > 0) {
        int prev = ge->late_items[k - 1];
        int pend = e->items[prev].done ? e->items[prev].end_week : 1 << 30;
        if (pend >= end)
            break;
        ge->late_items[k] = prev;
        k--;
    }
    ge->late_items[k] = item;
}

/* Fixed-duration item i: one block of weeks holding the whole crew. -1 out of memory, 0 when
   unscheduled (judged no further), 1 when its windows are to be judged. */
static int eval_fixed(op_eval *e, const op_plan *p, const op_schedule *s, int i)
{
    const op_item *it = op_plan_item(p, i);
    op_item_eval *ie = &e->items[i];
    int r = it->role.index;
    int weeks = 0;
    for (int t = op_plan_first_week(p); t <= e->nweeks; t++) {
        if (op_schedule_get(s, i, t) <= TOL)
            continue;
        weeks++;
        if (!ie->start_week)
            ie->start_week = t;
        ie->end_week = t;
        ie->hours += op_plan_crew_week_hours(p, i, t);
        for (int k = 0; k < it->ncrew; k++) {
            int q = it->crew[k].role.index;
            e->load[(size_t)q * (size_t)e->nweeks + (size_t)(t - 1)] +=
                it->crew[k].count * op_plan_person_hours(p, q, t);
        }
    }
    if (ie->end_week > e->last_week)
        e->last_week = ie->end_week;
    if (!weeks)
        return add_violation(e, OP_V_UNSCHEDULED, i, r, 0, -1, 0, it->remaining) ? -1 : 0;
    e->scheduled++;
    ie->done = weeks == it->duration && ie->end_week - ie->start_week + 1 == weeks;
    if (!ie->done &&
        add_violation(e, OP_V_CREW_BROKEN, i, r, ie->start_week, -1, weeks, it->duration))
        return -1;
    return 1;
}

/* Effort item i: its hours against its effort and max_people; weeks before the first planning
   week are history, not judged. -1 out of memory, 0 when unscheduled, 1 to judge windows. */
static int eval_effort(op_eval *e, const op_plan *p, const op_schedule *s, int i)
{
    const op_item *it = op_plan_item(p, i);
    op_item_eval *ie = &e->items[i];
    int r = it->role.index;
    for (int t = op_plan_first_week(p); t <= e->nweeks; t++) {
        double h = op_schedule_get(s, i, t);
        if (h <= TOL)
            continue;
        ie->hours += h;
        if (!ie->start_week)
            ie->start_week = t;
        ie->end_week = t;
        e->load[(size_t)r * (size_t)e->nweeks + (size_t)(t - 1)] += h;
        double mp = it->max_people * op_plan_person_hours(p, r, t);
        if (h > mp + TOL && add_violation(e, OP_V_MAX_PEOPLE, i, r, t, -1, h, mp))
            return -1;
    }
    if (ie->end_week > e->last_week)
        e->last_week = ie->end_week;
    ie->done = ie->hours >= it->remaining - TOL;
    if (ie->hours <= TOL) {
        ie->done = 0;
        return add_violation(e, OP_V_UNSCHEDULED, i, r, 0, -1, 0, it->remaining) ? -1 : 0;
    }
    e->scheduled++;
    if (!ie->done && add_violation(e, OP_V_UNDER, i, r, 0, -1, ie->hours, it->remaining))
        return -1;
    if (ie->hours > it->remaining + TOL &&
        add_violation(e, OP_V_OVER, i, r, 0, -1, ie->hours, it->remaining))
        return -1;
    if (it->started)
        ie->start_week = op_plan_history_week(p); /* started in the history weeks */
    return 1;
}

/* Item i's hours, loads and own violations (work, then its earliest/due window; a due week
   missed is a violation under OP_EVAL_STRICT_DUE, weeks late otherwise); -1 out of memory. */
static int eval_item(op_eval *e, const op_plan *p, const op_schedule *s, int i, unsigned rules)
{
    const op_item *it = op_plan_item(p, i);
    op_item_eval *ie = &e->items[i];
    int r = it->role.index;
    if (it->done) {
        /* done in the history weeks: counted done, judged no further */
        ie->done = 1;
        ie->start_week = ie->end_week = op_plan_history_week(p);
        e->scheduled++;
        return 0;
    }
    int judge = it->duration ? eval_fixed(e, p, s, i) : eval_effort(e, p, s, i);
    if (judge <= 0)
        return judge;
    if (!it->started && it->earliest_week && ie->start_week < it->earliest_week &&
        add_violation(e, OP_V_EARLY, i, r, ie->start_week, -1, ie->start_week, it->earliest_week))
        return -1;
    if (!it->due_week || ie->end_week <= it->due_week)
        return 0;
    if (rules & OP_EVAL_STRICT_DUE)
        return add_violation(e, OP_V_DUE, i, r, ie->end_week, -1, ie->end_week, it->due_week);
    if (ie->done) {
        ie->late = ie->end_week - it->due_week; /* as the lateness stage counts it */
        e->item_lateness += ie->late;
    }
    return 0;
}

/* Whether j -> i is a same-week link under the rules: both effort items, j done in the week i
   starts. */
static int same_week_link(const op_eval *e, const op_plan *p, int j, int i, unsigned rules)
{
    return !(rules & OP_EVAL_NEXT_WEEK) && !op_plan_item(p, j)->duration &&
           !op_plan_item(p, i)->duration && !op_plan_item(p, i)->lag_weeks &&
           e->items[j].done && e->items[i].start_week &&
           e->items[j].end_week == e->items[i].start_week;
}

/* Whether item i's dependencies are judged (history is not). */
static int deps_judged(const op_eval *e, const op_plan *p, int i)
{
    const op_item *it = op_plan_item(p, i);
    return e->items[i].start_week && !it->done && !it->started;
}

/* The chain hours of every item in its start week (cs) and end week (ce), in dependency
   order (see model.h); cs and ce hold one double per item. */
static void chain_hours(const op_eval *e, const op_plan *p, const op_schedule *s, unsigned rules,
                        double *cs, double *ce)
{
    int ni = op_plan_item_count(p);
    const int *topo = op_plan_topo_order(p);
    for (int k = 0; k < ni; k++) {
        int i = topo[k];
        const op_item *it = op_plan_item(p, i);
        const op_item_eval *ie = &e->items[i];
        cs[i] = ce[i] = 0;
        if (!ie->start_week)
            continue;
        double own = op_schedule_get(s, i, ie->start_week), best = 0;
        for (int d = 0; deps_judged(e, p, i) && d < it->ndeps; d++) {
            int j = it->deps[d].index;
            if (!op_plan_item(p, j)->done && same_week_link(e, p, j, i, rules) && ce[j] > best)
                best = ce[j];
        }
        cs[i] = own + best;
        ce[i] = ie->end_week == ie->start_week ? cs[i] : op_schedule_get(s, i, ie->end_week);
    }
}

/* Dependencies not done before their dependant starts (or, same week, a chain over one
   person's week; history is not judged); -1 out of memory. */
static int eval_deps(op_eval *e, const op_plan *p, const op_schedule *s, unsigned rules)
{
    int ni = op_plan_item_count(p), rc = 0;
    double *cs = malloc(((size_t)ni + 1) * sizeof *cs), *ce = malloc(((size_t)ni + 1) * sizeof *ce);
    if (!cs || !ce)
        rc = -1;
    else
        chain_hours(e, p, s, rules, cs, ce);
    for (int i = 0; rc == 0 && i < ni; i++) {
        const op_item *it = op_plan_item(p, i);
        if (!deps_judged(e, p, i))
            continue; /* history is not judged */
        int start = e->items[i].start_week, r = it->role.index;
        for (int k = 0; rc == 0 && k < it->ndeps; k++) {
            int j = it->deps[k].index;
            if (op_plan_item(p, j)->done)
                continue; /* done in the history weeks, before anything planned */
            if (same_week_link(e, p, j, i, rules)) {
                double h = ce[j] + op_schedule_get(s, i, start);
                double a = op_plan_person_hours(p, op_plan_item(p, j)->role.index, start);
                double b = op_plan_person_hours(p, r, start), pw = a < b ? a : b;
                if (h > pw + TOL && add_violation(e, OP_V_HANDOFF, i, r, start, j, h, pw))
                    rc = -1;
            } else if (!e->items[j].done ||
                       e->items[j].end_week + (it->lag_weeks > 1 ? it->lag_weeks : 1) > start) {
                if (add_violation(e, OP_V_DEPENDENCY, i, r, start, j, start,
                                  e->items[j].done ? e->items[j].end_week : 0))
                    rc = -1;
            }
        }
    }
    free(cs);
    free(ce);
    return rc;
}

/* Role-weeks loaded beyond capacity; -1 out of memory. */
static int eval_capacity(op_eval *e, const op_plan *p)
{
    for (int r = 0; r < e->nroles; r++)
        for (int t = 1; t <= e->nweeks; t++) {
            double l = e->load[(size_t)r * (size_t)e->nweeks + (size_t)(t - 1)];
            double c = op_plan_capacity(p, r, t);
            if (l > c + TOL && add_violation(e, OP_V_OVER_CAPACITY, -1, r, t, -1, l, c))
                return -1;
        }
    return 0;
}

/* Each gate's pass week, lateness and late exit items, in gate order (a gate passes when its
   items are done and its required gates passed). */
static void eval_gates(op_eval *e, const op_plan *p)
{
    int ng = op_plan_gate_count(p);
    const int *order = op_plan_gate_order(p);
    for (int k = 0; k < ng; k++) {
        int g = order[k];
        const op_gate *ga = op_plan_gate(p, g);
        op_gate_eval *ge = &e->gates[g];
        int passed = 1;
        for (int m = 0; m < ga->nitems; m++) {
            const op_item_eval *ie = &e->items[ga->items[m].index];
            if (!ie->done)
                passed = 0;
            else if (passed && ie->end_week > passed)
                passed = ie->end_week;
        }
        for (int m = 0; m < ga->nrequires; m++) {
            int pw = e->gates[ga->requires[m].index].passed_week;
            if (!pw)
                passed = 0;
            else if (passed && pw > passed)
                passed = pw;
        }
        ge->passed_week = passed;
        if (passed)
            ge->lateness = passed > ga->deadline_week ? passed - ga->deadline_week : 0;
        else
            ge->lateness =
                e->nweeks + 1 > ga->deadline_week ? e->nweeks + 1 - ga->deadline_week : 0;
        if (passed && ge->lateness == 0)
            e->gates_met++;
        e->gate_lateness += ge->lateness;
        for (int m = 0; m < ga->nitems; m++) {
            int i = ga->items[m].index;
            if (!e->items[i].done || e->items[i].end_week > ga->deadline_week)
                note_late_item(ge, e, i);
        }
    }
}

/* --gate-entry phase: exit items that start before their gate's required gates passed
   (history is not judged); -1 out of memory. */
static int eval_gate_entry(op_eval *e, const op_plan *p)
{
    int ng = op_plan_gate_count(p);
    for (int g = 0; g < ng; g++) {
        const op_gate *ga = op_plan_gate(p, g);
        for (int m = 0; m < ga->nitems; m++) {
            int i = ga->items[m].index;
            int st = e->items[i].start_week;
            if (!st || op_plan_item(p, i)->done || op_plan_item(p, i)->started)
                continue;
            for (int q = 0; q < ga->nrequires; q++) {
                int h = ga->requires[q].index;
                int pw = e->gates[h].passed_week;
                if (pw && pw < op_plan_first_week(p))
                    continue; /* passed in the history weeks */
                if ((!pw || pw >= st) &&
                    add_violation(e, OP_V_GATE_ENTRY, i, op_plan_item(p, i)->role.index, st, h,
                                  st, pw))
                    return -1;
            }
        }
    }
    return 0;
}

op_eval *op_eval_new(const op_plan *p, const op_schedule *s, unsigned rules)
{
    op_eval *e = calloc(1, sizeof *e);
    if (!e)
        return NULL;
    int ni = op_plan_item_count(p), ng = op_plan_gate_count(p);
    e->nweeks = op_schedule_weeks(s);
    e->nroles = op_plan_role_count(p);
    e->items = calloc((size_t)ni + 1, sizeof *e->items);
    e->gates = calloc((size_t)ng + 1, sizeof *e->gates);
    e->load = calloc((size_t)e->nroles * (size_t)e->nweeks + 1, sizeof *e->load);
    if (!e->items || !e->gates || !e->load)
        goto nomem;
    for (int i = 0; i < ni; i++)
        if (eval_item(e, p, s, i, rules))
            goto nomem;
    if (eval_deps(e, p, s, rules) || eval_capacity(e, p))
        goto nomem;
    eval_gates(e, p);
    if ((rules & OP_EVAL_GATE_ENTRY) && eval_gate_entry(e, p))
        goto nomem;
    return e;
nomem:
    op_eval_free(e);
    return NULL;
}

void op_eval_free(op_eval *e)
{
    if (!e)
        return;
    free(e->items);
    free(e->gates);
    free(e->load);
    free(e->v);
    free(e);
}

int op_eval_weeks(const op_eval *e) { return e->nweeks; }
const op_item_eval *op_eval_item(const op_eval *e, int i) { return &e->items[i]; }
const op_gate_eval *op_eval_gate(const op_eval *e, int g) { return &e->gates[g]; }
int op_eval_violation_count(const op_eval *e) { return e->nv; }
const op_violation *op_eval_violation(const op_eval *e, int k) { return &e->v[k]; }
int op_eval_last_week(const op_eval *e) { return e->last_week; }
int op_eval_total_lateness(const op_eval *e) { return e->gate_lateness + e->item_lateness; }
int op_eval_gate_lateness(const op_eval *e) { return e->gate_lateness; }
int op_eval_item_lateness(const op_eval *e) { return e->item_lateness; }
int op_eval_gates_met(const op_eval *e) { return e->gates_met; }
int op_eval_scheduled_count(const op_eval *e) { return e->scheduled; }
int op_eval_compare(const op_plan *p, const op_eval *a, const op_eval *b)
{
    double wa = 0, wb = 0;
    for (int i = 0; i < op_plan_item_count(p); i++) {
        double w = 1e6 / (1 + op_plan_item(p, i)->priority * 1000.0);
        wa += op_eval_item(a, i)->done ? w : 0;
        wb += op_eval_item(b, i)->done ? w : 0;
    }
    if (wa != wb)
        return wa > wb ? -1 : 1;
    if (op_eval_total_lateness(a) != op_eval_total_lateness(b))
        return op_eval_total_lateness(a) < op_eval_total_lateness(b) ? -1 : 1;
    if (op_eval_last_week(a) != op_eval_last_week(b))
        return op_eval_last_week(a) < op_eval_last_week(b) ? -1 : 1;
    return 0;
}

int op_eval_hard_violations(const op_eval *e) { return e->hard; }

double op_eval_load(const op_eval *e, int role, int week)
{
    if (role < 0 || role >= e->nroles || week < 1 || week > e->nweeks)
        return 0.0;
    return e->load[(size_t)role * (size_t)e->nweeks + (size_t)(week - 1)];
}

const char *op_violation_name(op_violation_kind kind)
{
#define OP_V_NAME_(k, name) #name,
    static const char *const names[] = {OP_VIOLATION_KINDS(OP_V_NAME_)};
#undef OP_V_NAME_
    _Static_assert(sizeof names / sizeof names[0] == OP_V_COUNT, "one name per violation kind");
    return (unsigned)kind < OP_V_COUNT ? names[kind] : "";
}

int op_schedule_item_pauses(const op_plan *p, const op_schedule *s, int i, int *weeks, int nmax)
{
    if (!s || i < 0 || i >= op_schedule_items(s) || op_plan_item(p, i)->duration)
        return 0;
    int first = 0, last = 0, n = 0;
    for (int t = 1; t <= op_schedule_weeks(s); t++)
        if (op_schedule_get(s, i, t) > OP_EPS) {
            first = first ? first : t;
            last = t;
        }
    for (int t = first + 1; first && t < last; t++)
        if (op_schedule_get(s, i, t) <= OP_EPS && op_plan_item_week_cap(p, i, t) > OP_EPS) {
            if (n < nmax)
                weeks[n] = t;
            n++;
        }
    return n;
}

int op_schedule_paused_weeks(const op_plan *p, const op_schedule *s)
{
    int n = 0;
    for (int i = 0; i < op_plan_item_count(p); i++)
        n += op_schedule_item_pauses(p, s, i, NULL, 0);
    return n;
}
