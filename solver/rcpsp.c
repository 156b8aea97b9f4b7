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



static int cmp_int(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

static int find_cliques(rc_inst *in);

/* The last week a serial schedule can need: the week the team stops changing (or the last
   release maxrel) plus every duration (sum), capped at OP_MAX_WEEK. */
static int rc_horizon(const op_plan *p, int nr, int maxrel, long sum)
{
    int settle = maxrel;
    for (int r = 0; r < nr; r++)
        for (int t = 2; t <= OP_MAX_WEEK; t++)
            if (op_plan_capacity(p, r, t) != op_plan_capacity(p, r, t - 1) ||
                op_plan_person_hours(p, r, t) != op_plan_person_hours(p, r, t - 1))
                if (t > settle)
                    settle = t;
    long L = settle + sum;
    return L > OP_MAX_WEEK ? OP_MAX_WEEK : (int)L;
}

/* Fills durations, releases, crew counts and the (cumulative) capacity and person-hour
   tables; returns the number of dependencies. */
static int rc_fill_tables(rc_inst *in, int first)
{
    const op_plan *p = in->p;
    int n = in->n, nr = in->nr, ndeps = 0;
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
    return ndeps;
}

/* Builds the ndeps dependencies as predecessor and successor lists, the topological order
   and each item's tail (longest chain of durations from its start). -1 on ENOMEM. */
static int rc_link_deps(rc_inst *in, int ndeps)
{
    const op_plan *p = in->p;
    int n = in->n;
    in->pidx = malloc(((size_t)ndeps + 1) * sizeof *in->pidx);
    in->sidx = malloc(((size_t)ndeps + 1) * sizeof *in->sidx);
    if (!in->pidx || !in->sidx)
        return -1;
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
    return 0;
}

/* Two crews clash when together they exceed some role's headcount in every week the team
   covers (most people any week has, so a clash holds whatever weeks the items land in).
   Fills in->clash; -1 on ENOMEM. */
static int rc_find_clashes(rc_inst *in)
{
    int n = in->n, nr = in->nr;
    double *most = calloc((size_t)nr, sizeof *most);
    if (!most)
        return -1;
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
    return 0;
}

/* Per role: its items, its work, its shortest person-week. -1 on ENOMEM. */
static int rc_role_summary(rc_inst *in)
{
    int n = in->n, nr = in->nr;
    in->rstart = calloc((size_t)nr + 1, sizeof *in->rstart);
    in->rjobs = malloc(((size_t)n * (size_t)nr + 1) * sizeof *in->rjobs);
    in->rwork = calloc((size_t)nr, sizeof *in->rwork);
    in->phmin = malloc((size_t)nr * sizeof *in->phmin);
    if (!in->rstart || !in->rjobs || !in->rwork || !in->phmin)
        return -1;
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
    return 0;
}

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
        if (!it->duration || it->done || it->started || it->due_week || it->lag_weeks > 1)
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
    in->L = rc_horizon(p, nr, maxrel, sum);
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
    int ndeps = rc_fill_tables(in, first);
    if (rc_link_deps(in, ndeps) || rc_find_clashes(in) || rc_role_summary(in))
        goto oom;
    if (find_cliques(in))
        goto oom;
    return in;
oom:
    rc_free(in);
    *nomem = 1;
    return NULL;
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
    rc_order_by(in, deg, -1, buf, order);
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

/* ---- shared by the rcpsp*.c files ------------------------------------ */

static int cmp_ll(const void *a, const void *b)
{
    long long x = *(const long long *)a, y = *(const long long *)b;
    return (x > y) - (x < y);
}

void rc_order_by(const rc_inst *in, const int *key, int sign, long long *buf, int *ord)
{
    for (int j = 0; j < in->n; j++)
        buf[j] = ((long long)sign * key[j] + (long long)OP_MAX_WEEK * 4) * (in->n + 1) + j;
    qsort(buf, (size_t)in->n, sizeof *buf, cmp_ll);
    for (int j = 0; j < in->n; j++)
        ord[j] = (int)(buf[j] % (in->n + 1));
}

/* 31 random bits from the shared generator (its top bits). */
unsigned long long rc_rand(op_rng *r) { return op_rng_next(r) >> 22; }

/* Sorts v[0..n) and drops repeats; returns the new length. */
int rc_sort_unique(int *v, int n)
{
    qsort(v, (size_t)n, sizeof *v, cmp_int);
    int k = 0;
    for (int i = 0; i < n; i++)
        if (k == 0 || v[i] != v[k - 1])
            v[k++] = v[i];
    return k;
}
