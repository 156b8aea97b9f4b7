/* forecast.c - the plan executed as a policy under sampled efforts: gate weeks as distributions */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "model/model.h"

/* Tallies over the scenarios; hist[w] counts scenarios whose value was week
   w, w = 0 for "never" (within the weeks simulated). */
struct op_forecast {
    int n, ng, ni, last_seen;
    int *gate_hist; /* [g * (OP_MAX_WEEK + 1) + w] */
    int *last_hist; /* [w] */
    int *crit;      /* per item: scenarios it was on a late gate's chain */
};

#define HIST (OP_MAX_WEEK + 1)

/* ---- drawing efforts ---------------------------------------------------- */

/* A standard normal value (Marsaglia's polar method). */
static double normal(op_rng *r)
{
    double u, v, s;
    do {
        u = 2 * op_rng_unit(r) - 1;
        v = 2 * op_rng_unit(r) - 1;
        s = u * u + v * v;
    } while (s >= 1 || s == 0);
    return u * sqrt(-2 * log(s) / s);
}

/* A Gamma(shape, 1) value for shape >= 1 (Marsaglia and Tsang, 2000). */
static double gamma_draw(op_rng *r, double shape)
{
    double d = shape - 1.0 / 3, c = 1 / sqrt(9 * d);
    for (;;) {
        double x = normal(r), v = 1 + c * x;
        if (v <= 0)
            continue;
        v = v * v * v;
        double u = op_rng_unit(r);
        if (u < 1 - 0.0331 * x * x * x * x || log(u) < 0.5 * x * x + d * (1 - v + log(v)))
            return d * v;
    }
}

/* One draw between a and b with mode m: PERT-beta (shape parameters
   1 + 4(m-a)/(b-a) and 1 + 4(b-m)/(b-a), mean (a + 4m + b)/6) or
   triangular. A range of zero width gives m and draws nothing. */
static double draw(op_rng *r, op_dist dist, double a, double m, double b)
{
    if (b - a <= 1e-12)
        return m;
    if (dist == OP_DIST_TRIANGULAR) {
        double u = op_rng_unit(r), f = (m - a) / (b - a);
        return u < f ? a + sqrt(u * (b - a) * (m - a)) : b - sqrt((1 - u) * (b - a) * (b - m));
    }
    double x = gamma_draw(r, 1 + 4 * (m - a) / (b - a));
    double y = gamma_draw(r, 1 + 4 * (b - m) / (b - a));
    return a + (b - a) * x / (x + y);
}

void op_forecast_range(const op_plan *p, int i, double uncertainty, double *low, double *mode,
                       double *high)
{
    const op_item *it = op_plan_item(p, i);
    double m = it->duration ? it->duration : it->effort;
    double lo = it->duration ? it->duration_low : it->effort_low;
    double hi = it->duration ? it->duration_high : it->effort_high;
    if (!lo && !hi) { /* no range given: --uncertainty's, symmetric (low may be 0) */
        lo = m * (1 - uncertainty), hi = m * (1 + uncertainty);
    } else { /* one side given: the other is the most likely value */
        lo = lo ? lo : m, hi = hi ? hi : m;
    }
    /* a started item: the range scaled to the hours it has left */
    double f = !it->duration && it->effort > 0 ? it->remaining / it->effort : 1;
    *low = lo * f, *mode = m * f, *high = hi * f;
}

/* ---- one scenario ------------------------------------------------------ */

/* What every scenario shares, and its scratch state. */
typedef struct sim {
    const op_plan *p;
    const op_schedule *s;
    const op_forecast_opts *o;
    int ni, nr, first, last; /* weeks first..last are simulated */
    int H;                   /* the plan's weeks */
    int *order;              /* items in the plan's order */
    int *ps, *pe;            /* planned start and end, 0: not planned */
    double *left;            /* [i * (H + 2) + t]: planned hours of i from week t on */
    double *lo, *mode, *hi;  /* ranges */
    /* per scenario */
    double *rem, *room;
    double *chain; /* this week: hours of the same-week chain ending with the item */
    int *start, *done, *held, *run_to; /* run_to: a running crew item's last week */
    int *gpass, *mark;
} sim;

static double planned(const sim *m, int i, int t)
{
    return t <= m->H ? op_schedule_get(m->s, i, t) : 0;
}

static double left_from(const sim *m, int i, int t)
{
    return t <= m->H ? m->left[(size_t)i * (size_t)(m->H + 2) + (size_t)t] : 0;
}

/* Whether a link j -> i may hand off within a week (the model's rule:
   effort items, no lag, not --handoff next-week). */
static int same_week(const sim *m, int j, int i)
{
    const op_item *it = op_plan_item(m->p, i), *jt = op_plan_item(m->p, j);
    return !m->o->next_week && !it->duration && !jt->duration && !it->lag_weeks && !jt->done;
}

/* The week dependency j of i lets i start from, 0 when it does not yet. */
static int ready_from(const sim *m, int j, int i)
{
    const op_item *it = op_plan_item(m->p, i), *jt = op_plan_item(m->p, j);
    if (jt->done)
        return 1;
    if (!m->done[j])
        return 0;
    if (it->lag_weeks > 0)
        return m->done[j] + it->lag_weeks;
    return m->done[j] + !same_week(m, j, i);
}

/* Whether item i may work in week t: the plan has it, its planned start
   has come, and (before it starts) every dependency lets it. *by gets the
   dependency that holds it back or held it past its planned start, -1
   for none. */
static int may_work(const sim *m, int i, int t, int *by)
{
    const op_item *it = op_plan_item(m->p, i);
    *by = -1;
    if (!m->ps[i] || (!m->start[i] && t < m->ps[i] && !m->o->early))
        return 0;
    if (m->start[i])
        return 1;
    int from = m->ps[i];
    for (int k = 0; k < it->ndeps; k++) {
        int j = it->deps[k].index, r = ready_from(m, j, i);
        if (!r || r > t) {
            *by = j;
            return 0;
        }
        if (r > from)
            from = r, *by = j;
    }
    return 1;
}

/* A fixed-duration item: starts when its crew's hours are free, then holds
   them for its drawn duration; a week its crew's hours are not there does
   not count (the item waits through it). */
static void crew_week(sim *m, int i, int t, int starting)
{
    const op_item *it = op_plan_item(m->p, i);
    for (int c = 0; c < it->ncrew; c++)
        if (m->room[it->crew[c].role.index] + 1e-9 <
            op_plan_crew_hours(m->p, i, it->crew[c].role.index, t)) {
            m->run_to[i] += !starting;
            return;
        }
    if (starting)
        m->run_to[i] = t + (int)m->rem[i] - 1;
    for (int c = 0; c < it->ncrew; c++) {
        int r = it->crew[c].role.index;
        double h = op_plan_crew_hours(m->p, i, r, t);
        m->room[r] -= h < m->room[r] ? h : m->room[r];
    }
    if (t == m->run_to[i])
        m->done[i] = t;
}

/* The most hours item i may take in week t beside a same-week chain: when
   it starts in t after a dependency j done in t, the chain's hours must fit
   the smaller person-week of the two roles (model.h); *longest gets the
   longest such chain before it (0 for none). */
static double chain_room(const sim *m, int i, int t, double *longest)
{
    const op_item *it = op_plan_item(m->p, i);
    double room = 1e300;
    *longest = 0;
    if (it->started || (m->start[i] && m->start[i] != t))
        return room;
    for (int k = 0; k < it->ndeps; k++) {
        int j = it->deps[k].index;
        if (m->done[j] != t || !same_week(m, j, i))
            continue;
        double a = op_plan_person_hours(m->p, op_plan_item(m->p, j)->role.index, t);
        double b = op_plan_person_hours(m->p, it->role.index, t);
        double left = (a < b ? a : b) - m->chain[j];
        room = left < room ? left : room;
        *longest = m->chain[j] > *longest ? m->chain[j] : *longest;
    }
    return room;
}

/* An effort item's hours in week t: the plan's (pass 0), then, when it is
   behind the plan, what its role has free (pass 1), then with early starts
   what is still free, to be ahead (pass 2). A draw of no hours is done as
   soon as the item may work. */
static void effort_week(sim *m, int i, int t, int pass, double *given)
{
    const op_item *it = op_plan_item(m->p, i);
    int r = it->role.index;
    if (m->rem[i] <= 1e-6) {
        m->done[i] = t;
        return;
    }
    double longest, cap = op_plan_item_week_cap(m->p, i, t) - *given, want;
    double chain = chain_room(m, i, t, &longest) - *given;
    cap = chain < cap ? chain : cap;
    if (pass == 0)
        want = t >= m->ps[i] || m->start[i] ? planned(m, i, t) : 0;
    else if (pass == 1)
        want = m->rem[i] - left_from(m, i, t + 1);
    else
        want = m->rem[i];
    double h = want < m->rem[i] ? want : m->rem[i];
    h = h < cap ? h : cap;
    h = h < m->room[r] ? h : m->room[r];
    if (h <= 1e-9)
        return;
    m->rem[i] -= h, m->room[r] -= h, *given += h;
    m->chain[i] = longest + *given;
    if (m->rem[i] <= 1e-6)
        m->done[i] = t;
}

/* Week t of the scenario; returns the number of items still to finish. */
static int sim_week(sim *m, int t, double *given)
{
    for (int r = 0; r < m->nr; r++)
        m->room[r] = op_plan_capacity(m->p, r, t);
    memset(m->chain, 0, (size_t)m->ni * sizeof *m->chain);
    for (int k = 0; k < m->ni; k++) { /* running crews hold their hours first */
        int i = m->order[k];
        if (m->run_to[i] && !m->done[i])
            crew_week(m, i, t, 0);
    }
    for (int pass = 0; pass < 2 + m->o->early; pass++)
        for (int k = 0; k < m->ni; k++) {
            int i = m->order[k], by = -1;
            if (m->done[i] || m->run_to[i])
                continue;
            int ok = may_work(m, i, t, &by);
            if (!m->start[i] && pass == 0 && m->ps[i] && t >= m->ps[i])
                m->held[i] = by;
            if (!ok)
                continue;
            if (op_plan_item(m->p, i)->duration) {
                if (pass == 0)
                    crew_week(m, i, t, 1);
            } else {
                effort_week(m, i, t, pass, &given[i]);
            }
            if (!m->start[i] && (given[i] > 0 || m->run_to[i]))
                m->start[i] = t;
        }
    int open = 0;
    for (int k = 0; k < m->ni; k++)
        open += m->ps[m->order[k]] && !m->done[m->order[k]];
    return open;
}

/* Draws the scenario's efforts and resets its state. */
static void sim_reset(sim *m, op_rng *rng)
{
    for (int i = 0; i < m->ni; i++) {
        const op_item *it = op_plan_item(m->p, i);
        double v = draw(rng, m->o->dist, m->lo[i], m->mode[i], m->hi[i]);
        if (it->duration)
            v = floor(v + 0.5) < 1 ? 1 : floor(v + 0.5);
        m->rem[i] = v;
        m->start[i] = m->run_to[i] = 0, m->held[i] = -1;
        m->done[i] = it->done ? op_plan_history_week(m->p) : 0;
    }
}

/* Gate pass weeks as op_eval counts them: exit items done, required gates
   passed; 0 = never. */
static void sim_gates(sim *m)
{
    const int *order = op_plan_gate_order(m->p);
    for (int k = 0; k < op_plan_gate_count(m->p); k++) {
        int g = order[k], w = 1;
        const op_gate *ga = op_plan_gate(m->p, g);
        for (int q = 0; q < ga->nitems && w; q++) {
            int d = m->done[ga->items[q].index];
            w = d ? (d > w ? d : w) : 0;
        }
        for (int q = 0; q < ga->nrequires && w; q++) {
            int d = m->gpass[ga->requires[q].index];
            w = d ? (d > w ? d : w) : 0;
        }
        m->gpass[g] = w;
    }
}

/* Marks (with stamp) the chain that decided late gate g: its exit item
   done last (or never), then while a dependency held an item, that one. */
static void sim_chain(sim *m, int g, int stamp)
{
    const op_gate *ga = op_plan_gate(m->p, g);
    int last = -1;
    for (int q = 0; q < ga->nitems; q++) {
        int i = ga->items[q].index, d = m->done[i] ? m->done[i] : 1 << 30;
        if (!op_plan_item(m->p, i)->done && (last < 0 || d > (m->done[last] ? m->done[last] : 1 << 30)))
            last = i;
    }
    for (int steps = 0; last >= 0 && steps < m->ni && m->mark[last] != stamp; steps++) {
        m->mark[last] = stamp;
        last = m->held[last];
    }
}

/* ---- the run -------------------------------------------------------------- */

/* The plan's order of items: by planned start, planned end, then
   dependency order (a dependency first when both start in one week). */
typedef struct order_key {
    int ps, pe, rank, i;
} order_key;

static int by_plan(const void *a, const void *b)
{
    const order_key *x = a, *y = b;
    if (x->ps != y->ps)
        return x->ps < y->ps ? -1 : 1;
    if (x->pe != y->pe)
        return x->pe < y->pe ? -1 : 1;
    return x->rank - y->rank;
}

static void sim_free(sim *m)
{
    free(m->order), free(m->ps), free(m->pe), free(m->left), free(m->lo), free(m->mode);
    free(m->hi), free(m->rem), free(m->room), free(m->chain), free(m->start), free(m->done), free(m->held);
    free(m->run_to), free(m->gpass), free(m->mark);
}

/* The plan's facts every scenario shares; -1 on ENOMEM. */
static int sim_init(sim *m, const op_plan *p, const op_schedule *s, const op_forecast_opts *o)
{
    int ni = op_plan_item_count(p), H = op_schedule_weeks(s);
    size_t n = (size_t)ni + 1, nl = n * (size_t)(H + 2);
    *m = (sim){.p = p, .s = s, .o = o, .ni = ni, .nr = op_plan_role_count(p), .H = H,
               .first = op_plan_first_week(p)};
    m->order = malloc(n * sizeof(int)), m->ps = calloc(n, sizeof(int)), m->pe = calloc(n, sizeof(int));
    m->left = calloc(nl, sizeof(double)), m->lo = malloc(n * sizeof(double));
    m->mode = malloc(n * sizeof(double)), m->hi = malloc(n * sizeof(double));
    m->rem = malloc(n * sizeof(double)), m->room = malloc(((size_t)m->nr + 1) * sizeof(double));
    m->chain = calloc(n, sizeof(double));
    m->start = malloc(n * sizeof(int)), m->done = malloc(n * sizeof(int));
    m->held = malloc(n * sizeof(int)), m->run_to = malloc(n * sizeof(int));
    m->gpass = malloc(((size_t)op_plan_gate_count(p) + 1) * sizeof(int));
    m->mark = calloc(n, sizeof(int));
    order_key *keys = malloc(n * sizeof *keys);
    if (!m->order || !m->ps || !m->pe || !m->left || !m->lo || !m->mode || !m->hi || !m->rem ||
        !m->room || !m->chain || !m->start || !m->done || !m->held || !m->run_to || !m->gpass || !m->mark ||
        !keys) {
        free(keys);
        sim_free(m);
        return -1;
    }
    const int *topo = op_plan_topo_order(p);
    for (int k = 0; k < ni; k++)
        keys[topo[k]].rank = k;
    for (int i = 0; i < ni; i++) {
        for (int t = H; t >= 1; t--) {
            double h = op_schedule_get(s, i, t);
            m->left[(size_t)i * (size_t)(H + 2) + (size_t)t] =
                h + m->left[(size_t)i * (size_t)(H + 2) + (size_t)t + 1];
            if (h > 1e-9) {
                m->ps[i] = t;
                m->pe[i] = m->pe[i] ? m->pe[i] : t;
            }
        }
        if (op_plan_item(p, i)->done)
            m->ps[i] = m->pe[i] = 0;
        op_forecast_range(p, i, o->uncertainty, &m->lo[i], &m->mode[i], &m->hi[i]);
    }
    for (int i = 0; i < ni; i++)
        keys[i].ps = m->ps[i], keys[i].pe = m->pe[i], keys[i].i = i;
    qsort(keys, (size_t)ni, sizeof *keys, by_plan);
    for (int k = 0; k < ni; k++)
        m->order[k] = keys[k].i;
    free(keys);
    int lastcap = op_plan_last_capacity_week(p);
    m->last = lastcap < OP_MAX_WEEK ? lastcap : OP_MAX_WEEK;
    return 0;
}

/* Runs the drawn scenario in m's state; the week its last planned item was
   done, 0 when some never was within the weeks simulated. */
static int sim_run(sim *m, double *given)
{
    int open = 1, last = 0;
    for (int t = m->first; open && t <= m->last; t++) {
        memset(given, 0, (size_t)m->ni * sizeof(double));
        open = sim_week(m, t, given);
    }
    for (int i = 0; i < m->ni && !open; i++)
        last = m->ps[i] && m->done[i] > last ? m->done[i] : last;
    return open ? 0 : last;
}

/* One scenario's tallies into f. */
static void tally(op_forecast *f, sim *m, int stamp, int last)
{
    int ng = op_plan_gate_count(m->p);
    sim_gates(m);
    for (int g = 0; g < ng; g++) {
        int w = m->gpass[g];
        f->gate_hist[(size_t)g * HIST + (size_t)(w <= OP_MAX_WEEK ? w : 0)]++;
        f->last_seen = w > f->last_seen ? w : f->last_seen; /* charts reach every pass */
        if (!w || w > op_plan_gate(m->p, g)->deadline_week)
            sim_chain(m, g, stamp);
    }
    for (int i = 0; i < m->ni; i++)
        f->crit[i] += m->mark[i] == stamp;
    f->last_hist[last]++;
    f->last_seen = last > f->last_seen ? last : f->last_seen;
}

op_forecast *op_forecast_run(const op_plan *p, const op_schedule *s, const op_forecast_opts *o)
{
    int ng = op_plan_gate_count(p), ni = op_plan_item_count(p);
    op_forecast *f = calloc(1, sizeof *f);
    sim m;
    if (!f || sim_init(&m, p, s, o)) {
        free(f);
        return NULL;
    }
    f->n = o->scenarios, f->ng = ng, f->ni = ni;
    f->gate_hist = calloc((size_t)(ng + 1) * HIST, sizeof(int));
    f->last_hist = calloc(HIST, sizeof(int));
    f->crit = calloc((size_t)ni + 1, sizeof(int));
    double *given = calloc((size_t)ni + 1, sizeof(double));
    if (!f->gate_hist || !f->last_hist || !f->crit || !given) {
        free(given);
        sim_free(&m);
        op_forecast_free(f);
        return NULL;
    }
    op_rng rng = {o->seed};
    for (int k = 0; k < o->scenarios; k++) {
        sim_reset(&m, &rng);
        tally(f, &m, k + 1, sim_run(&m, given));
    }
    free(given);
    sim_free(&m);
    return f;
}

void op_forecast_free(op_forecast *f)
{
    if (!f)
        return;
    free(f->gate_hist);
    free(f->last_hist);
    free(f->crit);
    free(f);
}

int op_forecast_scenarios(const op_forecast *f) { return f->n; }
int op_forecast_last_seen(const op_forecast *f) { return f->last_seen; }

/* The first week by which at least q of the n scenarios of hist reached;
   0 when fewer ever did. */
static int quantile(const int *hist, int n, double q)
{
    long need = (long)ceil(q * n - 1e-9), sum = 0;
    for (int w = 1; w <= OP_MAX_WEEK; w++)
        if ((sum += hist[w]) >= need && need > 0)
            return w;
    return 0;
}

static double share_by(const int *hist, int n, int w)
{
    long sum = 0;
    for (int t = 1; t <= w && t <= OP_MAX_WEEK; t++)
        sum += hist[t];
    return n ? (double)sum / n : 0;
}

int op_forecast_gate_quantile(const op_forecast *f, int g, double q)
{
    return quantile(f->gate_hist + (size_t)g * HIST, f->n, q);
}

double op_forecast_gate_by(const op_forecast *f, int g, int w)
{
    return share_by(f->gate_hist + (size_t)g * HIST, f->n, w);
}

int op_forecast_last_quantile(const op_forecast *f, double q) { return quantile(f->last_hist, f->n, q); }
double op_forecast_last_by(const op_forecast *f, int w) { return share_by(f->last_hist, f->n, w); }

double op_forecast_criticality(const op_forecast *f, int i)
{
    return f->n ? (double)f->crit[i] / f->n : 0;
}

int op_forecast_scenario(const op_plan *p, const op_schedule *s, const op_forecast_opts *o, int k,
                         double *draws, int *gate_weeks)
{
    sim m;
    double *given = calloc((size_t)op_plan_item_count(p) + 1, sizeof *given);
    if (!given || sim_init(&m, p, s, o)) {
        free(given);
        return -1;
    }
    op_rng rng = {o->seed};
    for (int j = 0; j <= k; j++) /* the same stream as op_forecast_run's */
        sim_reset(&m, &rng);
    memcpy(draws, m.rem, (size_t)m.ni * sizeof *draws);
    sim_run(&m, given);
    sim_gates(&m);
    memcpy(gate_weeks, m.gpass, (size_t)op_plan_gate_count(p) * sizeof *gate_weeks);
    free(given);
    sim_free(&m);
    return 0;
}
