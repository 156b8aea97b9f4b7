/* windows.c - what no schedule can change: item windows, gate bounds, capacity */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

/* Capacity of role r in week t: the plan's, or when staffing the most the
   headcount variables allow. */
double ilp_cap(const ilp *m, int r, int t)
{
    if (!m->staff)
        return op_plan_capacity(m->p, r, t);
    return m->ubh[r] * m->hpw[r];
}

/* Most hours item i may get in week t. */
double ilp_item_cap(const ilp *m, int i, int t)
{
    if (!m->staff)
        return op_plan_item_week_cap(m->p, i, t);
    int r = op_plan_item(m->p, i)->role.index;
    double v = op_plan_item(m->p, i)->max_people * m->hpw[r], c = ilp_cap(m, r, t);
    return v < c ? v : c;
}

double ilp_pause_step(const ilp *m, int i, int t)
{
    double h = m->o->hour_step > 0 ? m->o->hour_step : 1, e = op_plan_item(m->p, i)->remaining;
    double cap = ilp_item_cap(m, i, t);
    h = e < h ? e : h;
    return cap < h ? cap : h;
}

/* 1 when fixed-duration item i, started in week st, finds its whole crew in
   every week of its block (within the horizon). */
int ilp_crew_fits(const ilp *m, int i, int st)
{
    const op_item *it = op_plan_item(m->p, i);
    if (st < 1 || st + it->duration - 1 > m->H)
        return 0;
    for (int w = st; w < st + it->duration; w++)
        for (int k = 0; k < it->ncrew; k++) {
            int q = it->crew[k].role.index;
            if (op_plan_crew_hours(m->p, i, q, w) > ilp_cap(m, q, w) + OP_EPS)
                return 0;
        }
    return 1;
}

/* Hours of role r that item i needs in all: its remaining effort for an
   effort item of that role; for a fixed-duration item its crew's hours of r
   (the smallest weekly figure times the duration, so a bound stays valid). */
double ilp_role_energy(const ilp *m, int i, int r)
{
    const op_item *it = op_plan_item(m->p, i);
    if (it->done)
        return 0;
    if (!it->duration)
        return it->role.index == r ? it->remaining : 0;
    double lo = INFINITY;
    for (int w = 1; w <= m->H; w++) {
        double h = op_plan_crew_hours(m->p, i, r, w);
        if (h < lo)
            lo = h;
    }
    return isfinite(lo) ? lo * it->duration : 0;
}

/* First week >= from in which the item's hours since from reach its effort. */
static int earliest_finish(const ilp *m, int i, int from, int to)
{
    double e = op_plan_item(m->p, i)->remaining, acc = 0;
    for (int t = from; t <= to; t++) {
        acc += ilp_item_cap(m, i, t);
        if (acc >= e - OP_EPS)
            return t;
    }
    return 0;
}

/* First week by which role r's cumulative capacity reaches hours, H+1 if never. */
int ilp_energy_week(const ilp *m, int r, double hours)
{
    if (hours <= OP_EPS)
        return 1;
    double acc = 0;
    for (int t = 1; t <= m->H; t++) {
        acc += ilp_cap(m, r, t);
        if (acc >= hours - OP_EPS)
            return t;
    }
    return m->H + 1;
}

int ilp_strict_week(const ilp *m, int g)
{
    int d = op_plan_gate(m->p, g)->deadline_week;
    if (d <= m->H)
        return d;
    /* past the horizon: when the team ends by then, nothing happens after
       the horizon's last week, so passing by the deadline means by it */
    return op_plan_last_capacity_week(m->p) <= m->H ? m->H : 0;
}

int ilp_latest_week(const ilp *m, int i)
{
    int due = op_plan_item(m->p, i)->due_week, lf = m->H;
    if (m->o->strict_due && due && due < lf)
        lf = due;
    if (m->staff && m->staff->finish_by && m->staff->finish_by < lf)
        lf = m->staff->finish_by; /* staff --finish-by */
    return lf;
}

int ilp_is_exit_item(const op_plan *p, int g, int i)
{
    const op_gate *ga = op_plan_gate(p, g);
    for (int k = 0; k < ga->nitems; k++)
        if (ga->items[k].index == i)
            return 1;
    return 0;
}

int ilp_same_week(const ilp *m, int j, int i)
{
    const op_item *ji = op_plan_item(m->p, j), *it = op_plan_item(m->p, i);
    return !m->o->next_week && !ji->duration && !ji->done && !it->duration && !it->done &&
           !it->started && !it->lag_weeks;
}

int ilp_dep_gap(const ilp *m, int j, int i)
{
    int lag = op_plan_item(m->p, i)->lag_weeks;
    return lag > 0 ? lag : !ilp_same_week(m, j, i);
}

double ilp_link_hours(const ilp *m, int j, int i, int t)
{
    int rj = op_plan_item(m->p, j)->role.index, ri = op_plan_item(m->p, i)->role.index;
    double a = m->staff ? m->hpw[rj] : op_plan_person_hours(m->p, rj, t);
    double b = m->staff ? m->hpw[ri] : op_plan_person_hours(m->p, ri, t);
    return a < b ? a : b;
}

/* Earliest start of item i from its release, its dependencies' earliest finishes and, with
   phase entry, the bounds of the gates its gates require; *ok is 0 when a dependency has
   no earliest finish (or i is not fixed). */
static int window_start(const ilp *m, int i, int *ok)
{
    const op_plan *p = m->p;
    const op_item *it = op_plan_item(p, i);
    int first = op_plan_first_week(p);
    int es = it->earliest_week > first ? it->earliest_week : first;
    *ok = m->fixed_s[i] != 0;
    for (int d = 0; d < it->ndeps; d++) {
        int j = it->deps[d].index;
        if (op_plan_item(p, j)->done)
            continue; /* done in history */
        if (!m->ef[j])
            *ok = 0;
        else if (m->ef[j] + ilp_dep_gap(m, j, i) > es)
            es = m->ef[j] + ilp_dep_gap(m, j, i);
    }
    if (m->o->gate_entry_phase)
        for (int g = 0; g < m->ng; g++)
            if (ilp_is_exit_item(p, g, i)) {
                const op_gate *ga = op_plan_gate(p, g);
                for (int q = 0; q < ga->nrequires; q++)
                    if (m->gl[ga->requires[q].index] + 1 > es)
                        es = m->gl[ga->requires[q].index] + 1;
            }
    return es;
}

/* Sets the window of item i (es, ef, lf, and ls for a fixed-duration item) from its
   dependencies' windows and the gate bounds; 1 when es or ef changed. */
static int item_window(ilp *m, int i)
{
    const op_item *it = op_plan_item(m->p, i);
    if (it->done) {
        m->es[i] = m->ef[i] = m->lf[i] = 0; /* history: not planned */
        return 0;
    }
    int ok;
    int es = window_start(m, i, &ok);
    int lf = ilp_latest_week(m, i);
    int ef;
    if (it->duration) {
        while (es <= lf && !ilp_crew_fits(m, i, es))
            es++;
        int ls = lf - it->duration + 1;
        while (ls >= es && !ilp_crew_fits(m, i, ls))
            ls--;
        m->ls[i] = ls;
        ef = ok && es <= ls ? es + it->duration - 1 : 0;
    } else {
        while (es <= lf && ilp_item_cap(m, i, es) <= OP_EPS)
            es++;
        ef = ok && es <= lf ? earliest_finish(m, i, es, lf) : 0;
    }
    int changed = es != m->es[i] || ef != m->ef[i];
    m->es[i] = es;
    m->ef[i] = ef;
    m->lf[i] = lf;
    return changed;
}

/* Sets the lower bound of gate g: the latest earliest finish of the items it needs, the
   week each role's capacity covers their work, the bounds of the gates it requires (at
   most H + 1). need, gseen and energy are scratch. 1 when the bound changed. */
static int gate_bound(ilp *m, int g, char *need, char *gseen, double *energy)
{
    const op_plan *p = m->p;
    int ni = m->ni;
    op_plan_gate_needs(p, g, gseen, need);
    int gl = 1;
    for (int r = 0; r < m->nr; r++)
        energy[r] = 0;
    for (int i = 0; i < ni; i++) {
        if (!need[i] || op_plan_item(p, i)->done)
            continue;
        if (!m->ef[i])
            gl = m->H + 1;
        else if (m->ef[i] > gl)
            gl = m->ef[i];
        for (int r = 0; r < m->nr; r++)
            energy[r] += ilp_role_energy(m, i, r);
    }
    for (int r = 0; r < m->nr; r++) {
        int w = ilp_energy_week(m, r, energy[r]);
        if (w > gl)
            gl = w;
    }
    const op_gate *ga = op_plan_gate(p, g);
    for (int q = 0; q < ga->nrequires; q++)
        if (m->gl[ga->requires[q].index] > gl)
            gl = m->gl[ga->requires[q].index];
    if (gl > m->H + 1)
        gl = m->H + 1;
    int changed = gl != m->gl[g];
    m->gl[g] = gl;
    return changed;
}

/* Computes item windows and gate lower bounds (see the comment at the top). */
int ilp_windows(ilp *m)
{
    const op_plan *p = m->p;
    int ni = m->ni, ng = m->ng;
    const int *topo = op_plan_topo_order(p);
    const int *gorder = op_plan_gate_order(p);
    char *need = malloc((size_t)ni + 1), *gseen = malloc((size_t)ng + 1);
    double *energy = malloc(((size_t)m->nr + 1) * sizeof *energy);
    if (!need || !gseen || !energy) {
        free(need);
        free(gseen);
        free(energy);
        return -1;
    }
    for (int g = 0; g < ng; g++)
        m->gl[g] = 1;
    /* With phase entry, item windows depend on gate bounds and back: iterate
       to a fixed point (at most one round per level of the gate graph). */
    for (int round = 0; round <= ng + 1; round++) {
        int changed = 0;
        for (int k = 0; k < ni; k++)
            if (item_window(m, topo[k]))
                changed = 1;
        for (int k = 0; k < ng; k++)
            if (gate_bound(m, gorder[k], need, gseen, energy))
                changed = 1;
        if (!changed || !m->o->gate_entry_phase)
            break;
    }
    free(need);
    free(gseen);
    free(energy);
    return 0;
}

/* Fixed-duration items alone, every one scheduled, last week at most T:
   the start windows propagation leaves (es..ls, and the weeks they may be
   running till, lf). Returns 1, changing nothing, when propagation finds
   no schedule by T (the incumbent's own T: a bug the caller then avoids),
   -1 on ENOMEM, else 0. */
int ilp_rc_windows(ilp *m, const rc_inst *rc, int T)
{
    int *es = malloc(((size_t)m->ni + 1) * sizeof *es);
    int *ls = malloc(((size_t)m->ni + 1) * sizeof *ls);
    int bad = es && ls ? rc_windows(rc, T, es, ls, m->deadline) : -1;
    for (int i = 0; bad == 0 && i < m->ni; i++) {
        int d = op_plan_item(m->p, i)->duration;
        if (!m->ef[i])
            continue;
        if (es[i] > m->es[i]) {
            m->es[i] = es[i];
            m->ef[i] = es[i] + d - 1;
        }
        if (ls[i] < m->ls[i])
            m->ls[i] = ls[i];
        if (m->ls[i] + d - 1 < m->lf[i])
            m->lf[i] = m->ls[i] + d - 1;
    }
    free(es);
    free(ls);
    return bad;
}


