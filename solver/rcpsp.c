/* rcpsp.c - plans of fixed-duration items alone: genetic search, propagation windows and bounds */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

/*
 * A plan whose items all hold whole crews for whole weeks is the classic
 * resource-constrained project scheduling problem (RCPSP). The time-indexed
 * ILP alone is weak there: its LP bound sits far below the optimum on
 * tight-resource instances, and GLPK rarely finds good schedules itself.
 * This file gives the ILP what the literature says it needs:
 *  - an incumbent from a genetic search over activity lists (Hartmann
 *    1998), seeded by priority rules and regret-biased sampling, each list
 *    decoded by serial schedule generation and forward-backward improvement
 *    (Valls et al. 2005, "justification"), restarted when it stalls;
 *  - start windows for a makespan T from constraint propagation: the
 *    dependency graph, time-tabling on compulsory parts, pairs and cliques
 *    of crews that cannot run together (overload checking, edge-finding),
 *    and an energy check over intervals; then shaving, whose probes may
 *    shave in turn (deep shaving). When propagation empties a window, no
 *    schedule finishes by T: the first T it cannot refute is a lower bound
 *    (destructive lower bounding, Klein & Scholl 1999), and a refuted
 *    T = incumbent - 1 proves the incumbent optimal without any search;
 *  - dives (earliest start, then propagate) inside the windows of T, a
 *    heuristic for when the lists find nothing by T.
 * Every bound here is sound for any schedule ending by T; the tests compare
 * the windows with every schedule of small instances (tests/test_rcpsp.c).
 * Weeks are 1-based; an item started in week s holds its crew in weeks
 * s .. s + dur - 1 and its dependents start in week s + dur at the earliest.
 */

struct rc_inst {
    const op_plan *p;
    int n, nr, L;      /* items, roles, weeks 1..L in the tables */
    int stride;        /* L + 2: row length of the per-role tables */
    int *dur, *rel;    /* duration; earliest start week */
    int *tail;         /* weeks from the item's start to the end of its longest chain */
    double *cnt;       /* cnt[j * nr + r]: people of role r in item j's crew */
    double *cap;       /* cap[r * stride + t]: hours of role r in week t */
    double *ph;        /* ph[r * stride + t]: hours one person of role r works in week t */
    double *capc, *phc; /* prefix sums of cap and ph over weeks 0..t */
    int *pstart, *pidx; /* predecessors of j: pidx[pstart[j] .. pstart[j + 1] - 1] */
    int *sstart, *sidx; /* successors, the same way */
    const int *topo;    /* items, dependencies first */
    char *clash;        /* clash[i * n + j]: the two crews never fit together */
    int *rstart, *rjobs; /* items whose crew has role r: rjobs[rstart[r] .. rstart[r + 1] - 1] */
    double *rwork;      /* people x weeks of role r over all items */
    double *phmin;      /* fewest hours a person of role r works in any week */
    int ncliques;       /* sets of three or more items whose crews pairwise clash */
    int *qstart, *qidx; /* clique c: qidx[qstart[c] .. qstart[c + 1] - 1] */
};

void rc_free(rc_inst *in)
{
    if (!in)
        return;
    free(in->dur);
    free(in->rel);
    free(in->tail);
    free(in->cnt);
    free(in->cap);
    free(in->ph);
    free(in->capc);
    free(in->phc);
    free(in->pstart);
    free(in->pidx);
    free(in->sstart);
    free(in->sidx);
    free(in->clash);
    free(in->rstart);
    free(in->rjobs);
    free(in->rwork);
    free(in->phmin);
    free(in->qstart);
    free(in->qidx);
    free(in);
}

static double dem(const rc_inst *in, int j, int r, int t)
{
    return in->cnt[(size_t)j * (size_t)in->nr + (size_t)r] *
           in->ph[(size_t)r * (size_t)in->stride + (size_t)t];
}

static int find_cliques(rc_inst *in);

rc_inst *rc_new(const op_plan *p, int *nomem)
{
    *nomem = 0;
    int n = op_plan_item_count(p), nr = op_plan_role_count(p);
    if (n < 1 || nr < 1)
        return NULL;
    long sum = 0;
    int maxrel = 0, first = op_plan_first_week(p);
    for (int i = 0; i < n; i++) {
        const op_item *it = op_plan_item(p, i);
        if (!it->duration || it->done || it->started || it->due_week)
            return NULL;
        sum += it->duration;
        int rel = it->earliest_week > first ? it->earliest_week : first;
        if (rel > maxrel)
            maxrel = rel;
    }
    rc_inst *in = calloc(1, sizeof *in);
    if (!in)
        goto oom;
    in->p = p;
    in->n = n;
    in->nr = nr;
    /* serial schedules end by the week the team stops changing (or the
       last release) plus every duration */
    int settle = maxrel;
    for (int r = 0; r < nr; r++)
        for (int t = 2; t <= OP_MAX_WEEK; t++)
            if (op_plan_capacity(p, r, t) != op_plan_capacity(p, r, t - 1) ||
                op_plan_person_hours(p, r, t) != op_plan_person_hours(p, r, t - 1))
                if (t > settle)
                    settle = t;
    long L = settle + sum;
    in->L = L > OP_MAX_WEEK ? OP_MAX_WEEK : (int)L;
    in->stride = in->L + 2;
    size_t tab = (size_t)nr * (size_t)in->stride;
    in->dur = malloc((size_t)n * sizeof *in->dur);
    in->rel = malloc((size_t)n * sizeof *in->rel);
    in->tail = malloc((size_t)n * sizeof *in->tail);
    in->cnt = calloc((size_t)n * (size_t)nr, sizeof *in->cnt);
    in->cap = calloc(tab, sizeof *in->cap);
    in->ph = calloc(tab, sizeof *in->ph);
    in->capc = calloc(tab, sizeof *in->capc);
    in->phc = calloc(tab, sizeof *in->phc);
    in->pstart = calloc((size_t)n + 1, sizeof *in->pstart);
    in->sstart = calloc((size_t)n + 2, sizeof *in->sstart);
    in->clash = calloc((size_t)n * (size_t)n, 1);
    if (!in->dur || !in->rel || !in->tail || !in->cnt || !in->cap || !in->ph || !in->capc ||
        !in->phc || !in->pstart || !in->sstart || !in->clash)
        goto oom;
    int ndeps = 0;
    for (int i = 0; i < n; i++) {
        const op_item *it = op_plan_item(p, i);
        in->dur[i] = it->duration;
        in->rel[i] = it->earliest_week > first ? it->earliest_week : first;
        for (int k = 0; k < it->ncrew; k++)
            in->cnt[(size_t)i * (size_t)nr + (size_t)it->crew[k].role.index] += it->crew[k].count;
        ndeps += it->ndeps;
    }
    for (int r = 0; r < nr; r++)
        for (int t = 1; t <= in->L; t++) {
            size_t k = (size_t)r * (size_t)in->stride + (size_t)t;
            in->cap[k] = op_plan_capacity(p, r, t);
            in->ph[k] = op_plan_person_hours(p, r, t);
            in->capc[k] = in->capc[k - 1] + in->cap[k];
            in->phc[k] = in->phc[k - 1] + in->ph[k];
        }
    /* dependencies as both predecessor and successor lists */
    in->pidx = malloc(((size_t)ndeps + 1) * sizeof *in->pidx);
    in->sidx = malloc(((size_t)ndeps + 1) * sizeof *in->sidx);
    if (!in->pidx || !in->sidx)
        goto oom;
    for (int i = 0, k = 0; i < n; i++) {
        const op_item *it = op_plan_item(p, i);
        in->pstart[i] = k;
        for (int d = 0; d < it->ndeps; d++) {
            in->pidx[k++] = it->deps[d].index;
            in->sstart[it->deps[d].index + 2]++;
        }
    }
    in->pstart[n] = ndeps;
    for (int i = 0; i < n; i++)
        in->sstart[i + 2] += in->sstart[i + 1];
    for (int i = 0; i < n; i++)
        for (int k = in->pstart[i]; k < in->pstart[i + 1]; k++)
            in->sidx[in->sstart[in->pidx[k] + 1]++] = i;
    in->topo = op_plan_topo_order(p);
    for (int k = n - 1; k >= 0; k--) {
        int j = in->topo[k];
        int best = 0;
        for (int q = in->sstart[j]; q < in->sstart[j + 1]; q++)
            if (in->tail[in->sidx[q]] > best)
                best = in->tail[in->sidx[q]];
        in->tail[j] = in->dur[j] + best;
    }
    /* Two crews clash when together they exceed some role's headcount in
       every week the team covers (most people any week has, so a clash
       holds whatever weeks the items land in). */
    double *most = calloc((size_t)nr, sizeof *most);
    if (!most)
        goto oom;
    for (int r = 0; r < nr; r++)
        for (int t = 1; t <= in->L; t++) {
            size_t k = (size_t)r * (size_t)in->stride + (size_t)t;
            if (in->ph[k] > 0 && in->cap[k] / in->ph[k] > most[r])
                most[r] = in->cap[k] / in->ph[k];
        }
    for (int i = 0; i < n; i++)
        for (int j = i + 1; j < n; j++)
            for (int r = 0; r < nr; r++) {
                double a = in->cnt[(size_t)i * (size_t)nr + (size_t)r];
                double b = in->cnt[(size_t)j * (size_t)nr + (size_t)r];
                if (a > 0 && b > 0 && a + b > most[r] + 1e-9) {
                    in->clash[(size_t)i * (size_t)n + (size_t)j] = 1;
                    in->clash[(size_t)j * (size_t)n + (size_t)i] = 1;
                    break;
                }
            }
    free(most);
    /* per role: its items, its work, its shortest person-week */
    in->rstart = calloc((size_t)nr + 1, sizeof *in->rstart);
    in->rjobs = malloc(((size_t)n * (size_t)nr + 1) * sizeof *in->rjobs);
    in->rwork = calloc((size_t)nr, sizeof *in->rwork);
    in->phmin = malloc((size_t)nr * sizeof *in->phmin);
    if (!in->rstart || !in->rjobs || !in->rwork || !in->phmin)
        goto oom;
    for (int r = 0, k = 0; r < nr; r++) {
        in->rstart[r] = k;
        for (int j = 0; j < n; j++)
            if (in->cnt[(size_t)j * (size_t)nr + (size_t)r] > 0) {
                in->rjobs[k++] = j;
                in->rwork[r] += in->cnt[(size_t)j * (size_t)nr + (size_t)r] * in->dur[j];
            }
        in->rstart[r + 1] = k;
        in->phmin[r] = 0;
        for (int t = 1; t <= in->L; t++) {
            double h = in->ph[(size_t)r * (size_t)in->stride + (size_t)t];
            if (t == 1 || h < in->phmin[r])
                in->phmin[r] = h;
        }
    }
    if (find_cliques(in))
        goto oom;
    return in;
oom:
    rc_free(in);
    *nomem = 1;
    return NULL;
}

/* ---- schedule generation ------------------------------------------- */

/* Checks item j in weeks s..s+dur-1 against the hours used: 0 when it fits,
   else a week (>= 1) where it does not (the last such week when late is
   set, so a forward scan can jump past it; else the first, for a backward
   scan). Outside the tables nothing fits. */
static int clash_week(const rc_inst *in, const double *used, int j, int s, int late)
{
    int d = in->dur[j];
    if (s < 1 || s + d - 1 > in->L)
        return late ? (s + d - 1 > 1 ? s + d - 1 : 1) : (s > 1 ? s : 1);
    for (int k = 0; k < d; k++) {
        int t = late ? s + d - 1 - k : s + k;
        for (int r = 0; r < in->nr; r++) {
            if (in->cnt[(size_t)j * (size_t)in->nr + (size_t)r] <= 0)
                continue;
            size_t c = (size_t)r * (size_t)in->stride + (size_t)t;
            if (used[c] + dem(in, j, r, t) > in->cap[c] + OP_EPS)
                return t;
        }
    }
    return 0;
}

static void place(const rc_inst *in, double *used, int j, int s)
{
    for (int t = s; t < s + in->dur[j]; t++)
        for (int r = 0; r < in->nr; r++)
            used[(size_t)r * (size_t)in->stride + (size_t)t] += dem(in, j, r, t);
}

/* Serial schedule generation: items in the order ord (dependencies first),
   each at its earliest start that fits. Returns the last week, -1 when an
   item fits nowhere in the tables. */
static int sgs_forward(const rc_inst *in, const int *rel, const int *ord, int *st, double *used)
{
    memset(used, 0, (size_t)in->nr * (size_t)in->stride * sizeof *used);
    int last = 0;
    for (int k = 0; k < in->n; k++) {
        int j = ord[k];
        int s = rel[j];
        for (int q = in->pstart[j]; q < in->pstart[j + 1]; q++) {
            int i = in->pidx[q];
            if (st[i] + in->dur[i] > s)
                s = st[i] + in->dur[i];
        }
        for (;;) {
            if (s + in->dur[j] - 1 > in->L)
                return -1;
            int w = clash_week(in, used, j, s, 1);
            if (!w)
                break;
            s = w + 1;
        }
        st[j] = s;
        place(in, used, j, s);
        if (s + in->dur[j] - 1 > last)
            last = s + in->dur[j] - 1;
    }
    return last;
}

/* The same backwards: items in the order ord (dependents first), each at its
   latest start that fits and ends by week T. -1 when one would start before
   its earliest week. */
static int sgs_backward(const rc_inst *in, const int *rel, const int *ord, int T, int *st,
                        double *used)
{
    memset(used, 0, (size_t)in->nr * (size_t)in->stride * sizeof *used);
    for (int k = 0; k < in->n; k++) {
        int j = ord[k];
        int f = T;
        for (int q = in->sstart[j]; q < in->sstart[j + 1]; q++) {
            int i = in->sidx[q];
            if (st[i] - 1 < f)
                f = st[i] - 1;
        }
        int s = f - in->dur[j] + 1;
        for (;;) {
            if (s < rel[j])
                return -1;
            int w = clash_week(in, used, j, s, 0);
            if (!w)
                break;
            s = w - in->dur[j];
        }
        st[j] = s;
        place(in, used, j, s);
    }
    return 0;
}

/* Sorts items by key (ascending, ties by index) into ord. */
static int cmp_ll(const void *a, const void *b)
{
    long long x = *(const long long *)a, y = *(const long long *)b;
    return (x > y) - (x < y);
}

static void order_by(const rc_inst *in, const int *key, int sign, long long *buf, int *ord)
{
    for (int j = 0; j < in->n; j++)
        buf[j] = ((long long)sign * key[j] + (long long)OP_MAX_WEEK * 4) * (in->n + 1) + j;
    qsort(buf, (size_t)in->n, sizeof *buf, cmp_ll);
    for (int j = 0; j < in->n; j++)
        ord[j] = (int)(buf[j] % (in->n + 1));
}

/* 31 random bits from the shared generator (its top bits). */
static unsigned long long next_rand(op_rng *r) { return op_rng_next(r) >> 22; }

/* A dependency-respecting list: repeatedly one of the items whose
   dependencies are listed, by priority pr (smaller first). With a random
   state, regret-biased sampling: weight (max pr - pr + 1)^2 over the
   eligible items; without, the best, ties by index. */
static void priority_list(const rc_inst *in, const int *pr, op_rng *rnd, int *left,
                          int *elig, int *ord)
{
    int ne = 0;
    for (int j = 0; j < in->n; j++) {
        left[j] = in->pstart[j + 1] - in->pstart[j];
        if (!left[j])
            elig[ne++] = j;
    }
    for (int k = 0; k < in->n; k++) {
        int pick = 0;
        if (rnd) {
            int worst = pr[elig[0]];
            for (int e = 1; e < ne; e++)
                if (pr[elig[e]] > worst)
                    worst = pr[elig[e]];
            double total = 0;
            for (int e = 0; e < ne; e++) {
                double w = worst - pr[elig[e]] + 1;
                total += w * w;
            }
            double u = (double)next_rand(rnd) / 2147483648.0 * total;
            for (pick = 0; pick < ne - 1; pick++) {
                double w = worst - pr[elig[pick]] + 1;
                u -= w * w;
                if (u < 0)
                    break;
            }
        } else {
            for (int e = 1; e < ne; e++)
                if (pr[elig[e]] < pr[elig[pick]] ||
                    (pr[elig[e]] == pr[elig[pick]] && elig[e] < elig[pick]))
                    pick = e;
        }
        int j = elig[pick];
        elig[pick] = elig[--ne];
        ord[k] = j;
        for (int q = in->sstart[j]; q < in->sstart[j + 1]; q++)
            if (--left[in->sidx[q]] == 0)
                elig[ne++] = in->sidx[q];
    }
}

/* Scratch space of the heuristic. */
typedef struct rc_heur {
    const int *rel; /* earliest starts: the items' own, or tighter windows */
    int *st, *bst, *key, *left, *elig;
    long long *buf;
    double *used;
} rc_heur;

/* Decodes the list ord (dependencies first) by serial schedule generation,
   then forward-backward improvement while the last week falls. The starts
   go to st and ord becomes the final schedule's start order (so a genetic
   search inherits the improvement). Returns the last week, -1 when an item
   fits nowhere. */
static int decode(const rc_inst *in, int *ord, int *st, rc_heur *h)
{
    int n = in->n;
    int ms = sgs_forward(in, h->rel, ord, st, h->used);
    if (ms < 0)
        return -1;
    for (int round = 0; round < 8; round++) {
        for (int j = 0; j < n; j++)
            h->key[j] = st[j] + in->dur[j];
        order_by(in, h->key, -1, h->buf, ord);
        memcpy(h->bst, st, (size_t)n * sizeof *st);
        if (sgs_backward(in, h->rel, ord, ms, h->bst, h->used))
            break;
        order_by(in, h->bst, 1, h->buf, ord);
        int m2 = sgs_forward(in, h->rel, ord, h->key, h->used);
        if (m2 < 0 || m2 >= ms)
            break;
        ms = m2;
        memcpy(st, h->key, (size_t)n * sizeof *st);
    }
    order_by(in, st, 1, h->buf, ord);
    return ms;
}

/* 1 when item a is a direct dependency of b. */
static int depends(const rc_inst *in, int b, int a)
{
    for (int q = in->pstart[b]; q < in->pstart[b + 1]; q++)
        if (in->pidx[q] == a)
            return 1;
    return 0;
}

/* Two-point crossover of activity lists (Hartmann 1998): the child takes
   mother's first q1 items, then father's next ones not yet taken up to q2,
   then mother's remaining, each in its parent's order; dependencies stay
   first. Then adjacent swaps of independent items with probability 1/20. */
static void crossover(const rc_inst *in, const int *mo, const int *fa, int *child, char *taken,
                      op_rng *rnd)
{
    int n = in->n;
    int q1 = (int)(next_rand(rnd) % (unsigned long long)(n + 1));
    int q2 = (int)(next_rand(rnd) % (unsigned long long)(n + 1));
    if (q1 > q2) {
        int t = q1;
        q1 = q2;
        q2 = t;
    }
    memset(taken, 0, (size_t)n);
    int k = 0;
    for (; k < q1; k++)
        taken[child[k] = mo[k]] = 1;
    for (int f = 0; k < q2 && f < n; f++)
        if (!taken[fa[f]])
            taken[child[k++] = fa[f]] = 1;
    for (int f = 0; k < n && f < n; f++)
        if (!taken[mo[f]])
            taken[child[k++] = mo[f]] = 1;
    for (k = 0; k + 1 < n; k++)
        if (next_rand(rnd) % 20 == 0 && !depends(in, child[k + 1], child[k])) {
            int t = child[k];
            child[k] = child[k + 1];
            child[k + 1] = t;
        }
}

/* Population of the genetic search, and generations without progress
   before it is sampled afresh. */
enum { POP = 40, STALL = 25 };

op_schedule *rc_heuristic(const rc_inst *in, int passes, double deadline, const int *release,
                          const int *prio, int target)
{
    int n = in->n;
    size_t tab = (size_t)in->nr * (size_t)in->stride;
    rc_heur h;
    h.st = malloc((size_t)n * sizeof *h.st);
    h.bst = malloc((size_t)n * sizeof *h.bst);
    h.key = malloc((size_t)n * sizeof *h.key);
    h.left = malloc((size_t)n * sizeof *h.left);
    h.elig = malloc((size_t)n * sizeof *h.elig);
    h.buf = malloc((size_t)n * sizeof *h.buf);
    h.used = malloc(tab * sizeof *h.used);
    int *best = malloc((size_t)n * sizeof *best), *pr = malloc((size_t)n * sizeof *pr);
    /* population: 2 POP lists (parents, then children) and their last weeks */
    int *lists = malloc((size_t)2 * POP * (size_t)n * sizeof *lists);
    int *fit = malloc((size_t)2 * POP * sizeof *fit);
    int *rank = malloc((size_t)2 * POP * sizeof *rank);
    int *tmp = malloc((size_t)2 * POP * (size_t)n * sizeof *tmp);
    char *taken = malloc((size_t)n + 1);
    int *rel = malloc((size_t)n * sizeof *rel);
    op_schedule *s = NULL;
    if (!rel)
        goto out;
    for (int j = 0; j < n; j++)
        rel[j] = release && release[j] > in->rel[j] ? release[j] : in->rel[j];
    h.rel = rel;
    if (!h.st || !h.bst || !h.key || !h.left || !h.elig || !h.buf || !h.used || !best || !pr ||
        !lists || !fit || !rank || !tmp || !taken)
        goto out;
    int bestms = -1, done = 0, npop = 0;
    op_rng rnd = {0x9E3779B97F4A7C15ULL};
    /* Seed the population: priority rules (pass 0 latest start, longest tail
       first; pass 1 latest finish; pass 2 the most work in the chain), then
       regret-biased samples on pass 0's priorities. */
    for (int pass = 0; pass < POP && done < passes && (bestms < 0 || bestms > target);
         pass++, done++) {
        if (pass > 0 && op_now() > deadline)
            break;
        for (int j = 0; j < n; j++) {
            if (pass == 1)
                pr[j] = -(in->tail[j] - in->dur[j]);
            else if (pass == 2) {
                int w = in->dur[j];
                for (int q = in->sstart[j]; q < in->sstart[j + 1]; q++)
                    w += in->dur[in->sidx[q]];
                pr[j] = -w;
            } else
                pr[j] = prio ? prio[j] : in->rel[j] - in->tail[j];
        }
        int *ord = lists + (size_t)npop * (size_t)n;
        priority_list(in, pr, pass > 2 ? &rnd : NULL, h.left, h.elig, ord);
        int ms = decode(in, ord, h.st, &h);
        if (ms < 0)
            continue;
        fit[npop++] = ms;
        if (bestms < 0 || ms < bestms) {
            bestms = ms;
            memcpy(best, h.st, (size_t)n * sizeof *best);
        }
    }
    /* Generations: children from random pairs; the best POP of parents and
       children survive (ties: parents first, stable). A population that
       has not bettered the best for STALL generations is sampled afresh
       around the best list, which stays. */
    for (int j = 0; j < n; j++)
        pr[j] = prio ? prio[j] : in->rel[j] - in->tail[j];
    int stall = 0;
    while (npop >= 2 && done < passes && bestms > target && op_now() <= deadline) {
        if (stall >= STALL) {
            for (int k = 1; k < npop && done < passes; k++, done++) {
                int *ord = lists + (size_t)k * (size_t)n;
                priority_list(in, pr, &rnd, h.left, h.elig, ord);
                int ms = decode(in, ord, h.st, &h);
                fit[k] = ms < 0 ? INT_MAX : ms;
            }
            stall = 0;
        }
        int before = bestms;
        int nc = 0;
        for (int c = 0; c < npop && done < passes; c++, done++) {
            int a = (int)(next_rand(&rnd) % (unsigned long long)npop);
            int b = (int)(next_rand(&rnd) % (unsigned long long)npop);
            int *child = lists + (size_t)(npop + nc) * (size_t)n;
            crossover(in, lists + (size_t)a * (size_t)n, lists + (size_t)b * (size_t)n, child,
                      taken, &rnd);
            int ms = decode(in, child, h.st, &h);
            if (ms < 0)
                continue;
            fit[npop + nc++] = ms;
            if (ms < bestms) {
                bestms = ms;
                memcpy(best, h.st, (size_t)n * sizeof *best);
            }
        }
        /* rank by last week (a stable selection sort on small arrays) */
        int tot = npop + nc;
        for (int k = 0; k < tot; k++)
            rank[k] = k;
        for (int k = 0; k < tot; k++) {
            int m = k;
            for (int q = k + 1; q < tot; q++)
                if (fit[rank[q]] < fit[rank[m]] ||
                    (fit[rank[q]] == fit[rank[m]] && rank[q] < rank[m]))
                    m = q;
            int t = rank[k];
            rank[k] = rank[m];
            rank[m] = t;
        }
        /* survivors: the best distinct lists, then copies if too few */
        int keep = 0, newfit[POP];
        for (int pass2 = 0; pass2 < 2 && keep < POP; pass2++)
            for (int k = 0; k < tot && keep < POP; k++) {
                const int *cand = lists + (size_t)rank[k] * (size_t)n;
                int dup = 0;
                for (int q = 0; q < keep && !dup; q++)
                    dup = newfit[q] == fit[rank[k]] &&
                          !memcmp(tmp + (size_t)q * (size_t)n, cand, (size_t)n * sizeof *cand);
                if (dup != (pass2 == 1))
                    continue;
                memcpy(tmp + (size_t)keep * (size_t)n, cand, (size_t)n * sizeof *tmp);
                newfit[keep++] = fit[rank[k]];
            }
        memcpy(lists, tmp, (size_t)keep * (size_t)n * sizeof *lists);
        stall = bestms < before ? 0 : stall + 1;
        for (int k = 0; k < keep; k++)
            fit[k] = newfit[k];
        npop = keep;
    }
    if (bestms < 0)
        goto out;
    s = op_schedule_new(n, bestms);
    if (!s)
        goto out;
    for (int j = 0; j < n; j++)
        for (int t = best[j]; t < best[j] + in->dur[j]; t++)
            op_schedule_set(s, j, t, op_plan_crew_week_hours(in->p, j, t));
out:
    free(h.st);
    free(h.bst);
    free(h.key);
    free(h.left);
    free(h.elig);
    free(h.buf);
    free(h.used);
    free(best);
    free(pr);
    free(lists);
    free(fit);
    free(rank);
    free(tmp);
    free(taken);
    free(rel);
    return s;
}

/* ---- propagation ---------------------------------------------------- */

static int cmp_int(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

/* Sorts v[0..n) and drops repeats; returns the new length. */
static int sort_unique(int *v, int n)
{
    qsort(v, (size_t)n, sizeof *v, cmp_int);
    int k = 0;
    for (int i = 0; i < n; i++)
        if (k == 0 || v[i] != v[k - 1])
            v[k++] = v[i];
    return k;
}

/* Items whose crews pairwise clash use the team like one machine: they run
   one at a time. Greedy cliques of the clash graph, one grown from each
   item (most clashes first, then by index), kept when of three or more
   items and not already found; at most n of them. -1 on ENOMEM. */
static int find_cliques(rc_inst *in)
{
    int n = in->n;
    int *deg = calloc((size_t)n, sizeof *deg), *cur = malloc((size_t)n * sizeof *cur);
    int *order = malloc((size_t)n * sizeof *order);
    long long *buf = malloc((size_t)n * sizeof *buf);
    in->qstart = malloc(((size_t)n + 1) * sizeof *in->qstart);
    in->qidx = malloc((size_t)n * (size_t)n * sizeof *in->qidx + 1);
    int rc = -1;
    if (!deg || !cur || !order || !buf || !in->qstart || !in->qidx)
        goto out;
    for (int i = 0; i < n; i++)
        for (int j = 0; j < n; j++)
            deg[i] += in->clash[(size_t)i * (size_t)n + (size_t)j];
    order_by(in, deg, -1, buf, order);
    int used = 0;
    in->ncliques = 0;
    in->qstart[0] = 0;
    for (int s = 0; s < n; s++) {
        int k = 0;
        cur[k++] = order[s];
        for (int t = 0; t < n; t++) {
            int j = order[t], all = j != order[s];
            for (int q = 0; q < k && all; q++)
                all = in->clash[(size_t)j * (size_t)n + (size_t)cur[q]];
            if (all)
                cur[k++] = j;
        }
        if (k < 3)
            continue;
        qsort(cur, (size_t)k, sizeof *cur, cmp_int);
        int dup = 0;
        for (int c = 0; c < in->ncliques && !dup; c++)
            dup = in->qstart[c + 1] - in->qstart[c] == k &&
                  !memcmp(in->qidx + in->qstart[c], cur, (size_t)k * sizeof *cur);
        if (dup)
            continue;
        memcpy(in->qidx + used, cur, (size_t)k * sizeof *cur);
        used += k;
        in->qstart[++in->ncliques] = used;
    }
    rc = 0;
out:
    free(deg);
    free(cur);
    free(order);
    free(buf);
    return rc;
}

/* One machine: the items of clique q, with windows es/ls, are checked for
   overload on every task interval [a, b] (the items that must run inside
   it need more weeks than it has) and edge-finding narrows the windows of
   the others: an item that cannot run before or among them all runs after
   them all (and the mirror). 1 when overloaded; *changed set on narrowing. */
static int clique_reasoning(const rc_inst *in, int q, int *es, int *ls, int *changed)
{
    const int *m = in->qidx + in->qstart[q];
    int k = in->qstart[q + 1] - in->qstart[q];
    for (int x = 0; x < k; x++) {
        int a = es[m[x]];
        for (int y = 0; y < k; y++) {
            int b = ls[m[y]] + in->dur[m[y]] - 1; /* latest finish */
            if (b < a)
                continue;
            int d = 0, lo = b + 1, hi = a - 1; /* inside: their earliest start, latest finish */
            for (int z = 0; z < k; z++) {
                int j = m[z];
                if (es[j] >= a && ls[j] + in->dur[j] - 1 <= b) {
                    d += in->dur[j];
                    if (es[j] < lo)
                        lo = es[j];
                    if (ls[j] + in->dur[j] - 1 > hi)
                        hi = ls[j] + in->dur[j] - 1;
                }
            }
            if (!d)
                continue;
            if (d > hi - lo + 1)
                return 1;
            for (int z = 0; z < k; z++) {
                int i = m[z];
                int lfi = ls[i] + in->dur[i] - 1;
                if (es[i] >= a && lfi <= b)
                    continue; /* inside */
                /* i first or among them: all fit between min(es_i, lo) and hi? */
                int from = es[i] < lo ? es[i] : lo;
                if (d + in->dur[i] > hi - from + 1 && lfi > hi) {
                    /* i ends after them all: it starts once they are done */
                    if (lo + d > es[i]) {
                        es[i] = lo + d;
                        *changed = 1;
                    }
                }
                int to = lfi > hi ? lfi : hi;
                if (d + in->dur[i] > to - lo + 1 && es[i] < lo) {
                    /* i starts before them all: it ends before they must start */
                    if (hi - d - in->dur[i] + 1 < ls[i]) {
                        ls[i] = hi - d - in->dur[i] + 1;
                        *changed = 1;
                    }
                }
                if (es[i] > ls[i])
                    return 1;
            }
        }
    }
    return 0;
}

/* Energy check over intervals [a, b] of weeks: the weeks each item must
   spend inside, whichever way it is shifted within its window (fewest at
   one of the two extremes), times its crew and the fewest hours a person
   of the role works in any week, against the capacity there. 1 when some
   interval is overbooked. */
static int energy_overload(const rc_inst *in, const int *es, const int *ls, int *pts)
{
    int n = in->n, na = 0, nb = 0;
    int *a = pts, *b = pts + 2 * n;
    for (int j = 0; j < n; j++) {
        a[na++] = es[j];
        a[na++] = ls[j];
        b[nb++] = es[j] + in->dur[j] - 1;
        b[nb++] = ls[j] + in->dur[j] - 1;
    }
    na = sort_unique(a, na);
    nb = sort_unique(b, nb);
    for (int r = 0; r < in->nr; r++) {
        const int *jobs = in->rjobs + in->rstart[r];
        int nj = in->rstart[r + 1] - in->rstart[r];
        const double *cc = in->capc + (size_t)r * (size_t)in->stride;
        double ph = in->phmin[r];
        for (int x = 0; x < na; x++) {
            int lo = a[x];
            for (int y = 0; y < nb; y++) {
                int hi = b[y];
                if (hi < lo)
                    continue;
                double cap = cc[hi] - cc[lo - 1];
                if (in->rwork[r] * ph <= cap + OP_EPS)
                    break; /* longer intervals only have more room */
                double need = 0;
                for (int k = 0; k < nj; k++) {
                    int j = jobs[k], d = in->dur[j];
                    /* left-shifted and right-shifted overlaps with [lo, hi] */
                    int e1 = es[j] + d - 1, e2 = ls[j] + d - 1;
                    int o1 = (e1 < hi ? e1 : hi) - (es[j] > lo ? es[j] : lo) + 1;
                    int o2 = (e2 < hi ? e2 : hi) - (ls[j] > lo ? ls[j] : lo) + 1;
                    int o = o1 < o2 ? o1 : o2;
                    if (o > 0)
                        need += in->cnt[(size_t)j * (size_t)in->nr + (size_t)r] * o;
                }
                if (need * ph > cap + OP_EPS)
                    return 1;
            }
        }
    }
    return 0;
}

/* The energy check costs n^3: beyond this many items it is skipped. */
#define ENERGY_MAX_ITEMS 150

/* Scratch space of one propagation. */
typedef struct rc_work {
    double *comp;  /* hours compulsory parts take, per role and week */
    int *cl, *cr;  /* each item's compulsory part when comp was built */
    int *pts;      /* interval ends of the energy check */
    int *trial;    /* shaving: trial windows, es then ls, per level */
    int deep;      /* shaving of more than one level */
} rc_work;

/* Deepest shaving: probes of level k shave with level k - 1. */
#define SHAVE_MAX_LEVEL 2

/* Allocates w for instance in (not deep); 0, or -1 on ENOMEM (w still
   fit for work_free). */
static int work_init(rc_work *w, const rc_inst *in)
{
    size_t n = (size_t)in->n;
    w->comp = malloc((size_t)in->nr * (size_t)in->stride * sizeof *w->comp);
    w->cl = malloc(n * sizeof *w->cl);
    w->cr = malloc(n * sizeof *w->cr);
    w->pts = malloc(n * 4 * sizeof *w->pts);
    w->trial = malloc(n * 2 * SHAVE_MAX_LEVEL * sizeof *w->trial);
    w->deep = 0;
    return w->comp && w->cl && w->cr && w->pts && w->trial ? 0 : -1;
}

static void work_free(rc_work *w)
{
    free(w->comp);
    free(w->cl);
    free(w->cr);
    free(w->pts);
    free(w->trial);
}

/* Narrows es/ls (valid windows for "done by week T") to a fixed point of
   the rules above; 1 when a window empties or a week or interval is
   overbooked: then no schedule is done by T. */
static int propagate(const rc_inst *in, int T, int *es, int *ls, rc_work *w, int energy)
{
    int n = in->n;
    size_t tab = (size_t)in->nr * (size_t)in->stride;
    double *comp = w->comp;
    int *cl = w->cl, *cr = w->cr;
    int bad = 0;
    for (int iter = 0; iter < 1000; iter++) {
        int changed = 0;
        /* dependencies, forward then backward */
        for (int k = 0; k < n; k++) {
            int j = in->topo[k];
            for (int q = in->pstart[j]; q < in->pstart[j + 1]; q++) {
                int i = in->pidx[q];
                if (es[i] + in->dur[i] > es[j])
                    es[j] = es[i] + in->dur[i], changed = 1;
            }
        }
        for (int k = n - 1; k >= 0; k--) {
            int j = in->topo[k];
            for (int q = in->sstart[j]; q < in->sstart[j + 1]; q++) {
                int i = in->sidx[q];
                if (ls[i] - in->dur[j] < ls[j])
                    ls[j] = ls[i] - in->dur[j], changed = 1;
            }
        }
        for (int j = 0; j < n; j++)
            if (es[j] > ls[j]) {
                bad = 1;
                goto out;
            }
        /* time-tabling: the weeks every window covers (compulsory parts) */
        memset(comp, 0, tab * sizeof *comp);
        for (int j = 0; j < n; j++) {
            cl[j] = ls[j];
            cr[j] = es[j] + in->dur[j] - 1;
            for (int t = cl[j]; t <= cr[j]; t++)
                for (int r = 0; r < in->nr; r++)
                    comp[(size_t)r * (size_t)in->stride + (size_t)t] += dem(in, j, r, t);
        }
        for (int r = 0; r < in->nr; r++)
            for (int t = 1; t <= T; t++) {
                size_t c = (size_t)r * (size_t)in->stride + (size_t)t;
                if (comp[c] > in->cap[c] + OP_EPS) {
                    bad = 1;
                    goto out;
                }
            }
        for (int j = 0; j < n; j++) {
            /* hours left for j in week t: the capacity less the other
               items' compulsory parts */
            for (int dir = 0; dir < 2; dir++) {
                int s = dir == 0 ? es[j] : ls[j];
                while (s >= es[j] && s <= ls[j]) {
                    int hit = 0;
                    for (int k = 0; k < in->dur[j] && !hit; k++) {
                        int t = dir == 0 ? s + in->dur[j] - 1 - k : s + k;
                        for (int r = 0; r < in->nr && !hit; r++) {
                            double d = dem(in, j, r, t);
                            if (d <= 0)
                                continue;
                            size_t c = (size_t)r * (size_t)in->stride + (size_t)t;
                            double other = comp[c] - (t >= cl[j] && t <= cr[j] ? d : 0);
                            if (other + d > in->cap[c] + OP_EPS)
                                hit = t;
                        }
                    }
                    if (!hit)
                        break;
                    s = dir == 0 ? hit + 1 : hit - in->dur[j];
                }
                if (s < es[j] || s > ls[j]) {
                    bad = 1;
                    goto out;
                }
                if (dir == 0 && s != es[j])
                    es[j] = s, changed = 1;
                if (dir == 1 && s != ls[j])
                    ls[j] = s, changed = 1;
            }
        }
        /* crews that clash run one after the other: when one order is
           impossible, the other is forced */
        for (int i = 0; i < n; i++)
            for (int j = i + 1; j < n; j++) {
                if (!in->clash[(size_t)i * (size_t)n + (size_t)j])
                    continue;
                int ij = es[i] + in->dur[i] <= ls[j]; /* i may end before j starts */
                int ji = es[j] + in->dur[j] <= ls[i];
                if (!ij && !ji) {
                    bad = 1;
                    goto out;
                }
                if (!ij) {
                    if (es[j] + in->dur[j] > es[i])
                        es[i] = es[j] + in->dur[j], changed = 1;
                    if (ls[i] - in->dur[j] < ls[j])
                        ls[j] = ls[i] - in->dur[j], changed = 1;
                } else if (!ji) {
                    if (es[i] + in->dur[i] > es[j])
                        es[j] = es[i] + in->dur[i], changed = 1;
                    if (ls[j] - in->dur[i] < ls[i])
                        ls[i] = ls[j] - in->dur[i], changed = 1;
                }
            }
        for (int q = 0; q < in->ncliques; q++)
            if (clique_reasoning(in, q, es, ls, &changed)) {
                bad = 1;
                goto out;
            }
        if (!changed) {
            bad = energy && n <= ENERGY_MAX_ITEMS && energy_overload(in, es, ls, w->pts);
            break;
        }
    }
out:
    return bad;
}

/* Propagation, then (level > 0) shaving: a start at a window's edge whose
   consequences shaving of the level below refutes is removed, and the rest
   propagated again, until no edge falls (or the deadline). 1 when refuted. */
static int shave(const rc_inst *in, int T, int *es, int *ls, rc_work *w, int level, double deadline)
{
    int n = in->n;
    /* the leaves of deep shaving skip the energy check: measured on J30,
       1.6 times faster and refuting the same weeks */
    int bad = propagate(in, T, es, ls, w, !(level == 0 && w->deep));
    if (level == 0)
        return bad;
    int *es2 = w->trial + (size_t)(level - 1) * 2 * (size_t)n, *ls2 = es2 + n;
    for (int changed = 1; !bad && changed && op_now() < deadline;) {
        changed = 0;
        for (int j = 0; j < n && !bad; j++)
            for (int side = 0; side < 2 && !bad; side++)
                while (es[j] < ls[j] && op_now() < deadline) {
                    memcpy(es2, es, (size_t)n * sizeof *es);
                    memcpy(ls2, ls, (size_t)n * sizeof *ls);
                    if (side == 0)
                        ls2[j] = es[j];
                    else
                        es2[j] = ls[j];
                    if (!shave(in, T, es2, ls2, w, level - 1, deadline))
                        break;
                    if (side == 0)
                        es[j]++;
                    else
                        ls[j]--;
                    changed = 1;
                    bad = propagate(in, T, es, ls, w, 1);
                    if (bad)
                        break;
                }
    }
    return bad;
}

static int windows_at(const rc_inst *in, int T, int *es, int *ls, int level, double deadline)
{
    int n = in->n;
    for (int j = 0; j < n; j++) {
        es[j] = in->rel[j];
        ls[j] = T - in->dur[j] + 1;
    }
    if (T < 1 || T > in->L)
        return T < 1; /* beyond the tables: the plain windows */
    rc_work w;
    int bad = 0;
    if (!work_init(&w, in)) {
        w.deep = level > 1;
        bad = shave(in, T, es, ls, &w, level, deadline);
    }
    /* else: no narrowing is always valid */
    work_free(&w);
    return bad;
}

int rc_windows(const rc_inst *in, int T, int *es, int *ls, double deadline)
{
    return windows_at(in, T, es, ls, 1, deadline);
}

int rc_windows_deep(const rc_inst *in, int T, int *es, int *ls, double deadline)
{
    return windows_at(in, T, es, ls, SHAVE_MAX_LEVEL, deadline);
}

/* One dive: items in turn get their earliest start, and propagation
   follows; a start it refutes is removed instead. 1 when every
   window closed on a start (a schedule done by T, starts in es), 0 when
   propagation refuted a branch (no backtracking: a heuristic). */
static int dive(const rc_inst *in, int T, int *es, int *ls, rc_work *w, op_rng *rnd,
                int *key, double deadline)
{
    int n = in->n;
    int *es2 = w->trial, *ls2 = es2 + n;
    for (int j = 0; j < n; j++)
        key[j] = (int)(next_rand(rnd) % 1000);
    while (op_now() < deadline) {
        /* among the items that may start about now (earliest start, plus a
           random 0-2 weeks), the most urgent (smallest latest start) */
        int pick = -1;
        for (int j = 0; j < n; j++) {
            if (es[j] == ls[j])
                continue;
            int a = es[j] + key[j] % 3, b = pick < 0 ? 0 : es[pick] + key[pick] % 3;
            if (pick < 0 || a < b || (a == b && ls[j] < ls[pick]))
                pick = j;
        }
        if (pick < 0)
            return 1;
        memcpy(es2, es, (size_t)n * sizeof *es);
        memcpy(ls2, ls, (size_t)n * sizeof *ls);
        ls2[pick] = es2[pick];
        if (!propagate(in, T, es2, ls2, w, 1)) {
            memcpy(es, es2, (size_t)n * sizeof *es);
            memcpy(ls, ls2, (size_t)n * sizeof *ls);
        } else {
            es[pick]++;
            if (propagate(in, T, es, ls, w, 1))
                return 0;
        }
    }
    return 0;
}

op_schedule *rc_dive(const rc_inst *in, int T, const int *es0, const int *ls0, int tries,
                     double deadline)
{
    int n = in->n;
    rc_work w;
    int bad = work_init(&w, in);
    int *es = malloc((size_t)n * sizeof *es), *ls = malloc((size_t)n * sizeof *ls);
    int *key = malloc((size_t)n * sizeof *key);
    op_schedule *s = NULL;
    op_rng rnd = {0x2545F4914F6CDD1DULL};
    if (!bad && es && ls && key && T >= 1 && T <= in->L)
        for (int k = 0; k < tries && op_now() < deadline; k++) {
            memcpy(es, es0, (size_t)n * sizeof *es);
            memcpy(ls, ls0, (size_t)n * sizeof *ls);
            if (!dive(in, T, es, ls, &w, &rnd, key, deadline))
                continue;
            int last = 0;
            for (int j = 0; j < n; j++)
                if (es[j] + in->dur[j] - 1 > last)
                    last = es[j] + in->dur[j] - 1;
            if ((s = op_schedule_new(n, last)) != NULL)
                for (int j = 0; j < n; j++)
                    for (int t = es[j]; t < es[j] + in->dur[j]; t++)
                        op_schedule_set(s, j, t, op_plan_crew_week_hours(in->p, j, t));
            break;
        }
    work_free(&w);
    free(es);
    free(ls);
    free(key);
    return s;
}

int rc_lower_bound(const rc_inst *in, int lo, int hi, double deadline)
{
    int *es = malloc(((size_t)in->n + 1) * sizeof *es);
    int *ls = malloc(((size_t)in->n + 1) * sizeof *ls);
    if (!es || !ls) {
        free(es);
        free(ls);
        return lo;
    }
    for (int j = 0; j < in->n; j++)
        if (in->rel[j] + in->tail[j] - 1 > lo)
            lo = in->rel[j] + in->tail[j] - 1; /* the longest chain */
    if (lo > hi)
        lo = hi;
    /* Every T below lo is impossible. A refuted T refutes all below it, so
       search for the first T propagation does not refute: hi - 1 first, as
       a good incumbent is often optimal, then by halving. */
    int probe = hi - 1;
    while (lo < hi && op_now() < deadline) {
        if (probe < lo)
            probe = lo;
        if (rc_windows(in, probe, es, ls, deadline))
            lo = probe + 1;
        else
            hi = probe;
        probe = lo + (hi - lo) / 2;
    }
    free(es);
    free(ls);
    return lo;
}
