/* rcpsp_lists.c - RCPSP schedules from activity lists: serial generation, genetic search */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

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
            if (used[c] + rc_dem(in, j, r, t) > in->cap[c] + OP_EPS)
                return t;
        }
    }
    return 0;
}

static void place(const rc_inst *in, double *used, int j, int s)
{
    for (int t = s; t < s + in->dur[j]; t++)
        for (int r = 0; r < in->nr; r++)
            used[(size_t)r * (size_t)in->stride + (size_t)t] += rc_dem(in, j, r, t);
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
            double u = (double)rc_rand(rnd) / 2147483648.0 * total;
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
        rc_order_by(in, h->key, -1, h->buf, ord);
        memcpy(h->bst, st, (size_t)n * sizeof *st);
        if (sgs_backward(in, h->rel, ord, ms, h->bst, h->used))
            break;
        rc_order_by(in, h->bst, 1, h->buf, ord);
        int m2 = sgs_forward(in, h->rel, ord, h->key, h->used);
        if (m2 < 0 || m2 >= ms)
            break;
        ms = m2;
        memcpy(st, h->key, (size_t)n * sizeof *st);
    }
    rc_order_by(in, st, 1, h->buf, ord);
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
    int q1 = (int)(rc_rand(rnd) % (unsigned long long)(n + 1));
    int q2 = (int)(rc_rand(rnd) % (unsigned long long)(n + 1));
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
        if (rc_rand(rnd) % 20 == 0 && !depends(in, child[k + 1], child[k])) {
            int t = child[k];
            child[k] = child[k + 1];
            child[k + 1] = t;
        }
}

/* Population of the genetic search, and generations without progress
   before it is sampled afresh. */
enum { POP = 40, STALL = 25 };

/* Working state of one genetic search: decoding buffers, population, best so far. */
typedef struct {
    const rc_inst *in;
    rc_heur h;
    int *best, *pr; /* best starts found; priorities of the current rule */
    /* population: 2 POP lists (parents, then children) and their last weeks */
    int *lists, *fit, *rank, *tmp;
    char *taken;
    int *rel;
    int passes, target; /* decode budget; a last week good enough to stop at */
    int bestms, done, npop;
    double deadline;
    op_rng rnd;
} rc_ga;

/* Allocates the search's arrays for n items and tab table cells; -1 when any failed. */
static int ga_alloc(rc_ga *g, int n, size_t tab)
{
    g->h.st = malloc((size_t)n * sizeof *g->h.st);
    g->h.bst = malloc((size_t)n * sizeof *g->h.bst);
    g->h.key = malloc((size_t)n * sizeof *g->h.key);
    g->h.left = malloc((size_t)n * sizeof *g->h.left);
    g->h.elig = malloc((size_t)n * sizeof *g->h.elig);
    g->h.buf = malloc((size_t)n * sizeof *g->h.buf);
    g->h.used = malloc(tab * sizeof *g->h.used);
    g->best = malloc((size_t)n * sizeof *g->best);
    g->pr = malloc((size_t)n * sizeof *g->pr);
    g->lists = malloc((size_t)2 * POP * (size_t)n * sizeof *g->lists);
    g->fit = malloc((size_t)2 * POP * sizeof *g->fit);
    g->rank = malloc((size_t)2 * POP * sizeof *g->rank);
    g->tmp = malloc((size_t)2 * POP * (size_t)n * sizeof *g->tmp);
    g->taken = malloc((size_t)n + 1);
    g->rel = malloc((size_t)n * sizeof *g->rel);
    return g->h.st && g->h.bst && g->h.key && g->h.left && g->h.elig && g->h.buf && g->h.used &&
                   g->best && g->pr && g->lists && g->fit && g->rank && g->tmp && g->taken && g->rel
               ? 0
               : -1;
}

/* Frees what ga_alloc allocated. */
static void ga_free(rc_ga *g)
{
    free(g->h.st);
    free(g->h.bst);
    free(g->h.key);
    free(g->h.left);
    free(g->h.elig);
    free(g->h.buf);
    free(g->h.used);
    free(g->best);
    free(g->pr);
    free(g->lists);
    free(g->fit);
    free(g->rank);
    free(g->tmp);
    free(g->taken);
    free(g->rel);
}

/* Priorities of seeding pass `pass` into pr: pass 1 latest finish, pass 2 the most work in
   the chain, else prio (or latest start, longest tail first). */
static void seed_priorities(const rc_inst *in, const int *prio, int pass, int *pr)
{
    for (int j = 0; j < in->n; j++) {
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
}

/* Seeds the population: priority rules (pass 0 latest start, longest tail first; pass 1
   latest finish; pass 2 the most work in the chain), then regret-biased samples on pass
   0's priorities. */
static void ga_seed(rc_ga *g, const int *prio)
{
    const rc_inst *in = g->in;
    int n = in->n;
    for (int pass = 0;
         pass < POP && g->done < g->passes && (g->bestms < 0 || g->bestms > g->target);
         pass++, g->done++) {
        if (pass > 0 && op_now() > g->deadline)
            break;
        seed_priorities(in, prio, pass, g->pr);
        int *ord = g->lists + (size_t)g->npop * (size_t)n;
        priority_list(in, g->pr, pass > 2 ? &g->rnd : NULL, g->h.left, g->h.elig, ord);
        int ms = decode(in, ord, g->h.st, &g->h);
        if (ms < 0)
            continue;
        g->fit[g->npop++] = ms;
        if (g->bestms < 0 || ms < g->bestms) {
            g->bestms = ms;
            memcpy(g->best, g->h.st, (size_t)n * sizeof *g->best);
        }
    }
}

/* Samples every list but the first (the best) afresh around the priorities pr. */
static void ga_resample(rc_ga *g)
{
    int n = g->in->n;
    for (int k = 1; k < g->npop && g->done < g->passes; k++, g->done++) {
        int *ord = g->lists + (size_t)k * (size_t)n;
        priority_list(g->in, g->pr, &g->rnd, g->h.left, g->h.elig, ord);
        int ms = decode(g->in, ord, g->h.st, &g->h);
        g->fit[k] = ms < 0 ? INT_MAX : ms;
    }
}

/* Breeds children of random parent pairs into the lists after the parents, keeping the best
   schedule; returns how many children decoded. */
static int ga_breed(rc_ga *g)
{
    int n = g->in->n, nc = 0;
    for (int c = 0; c < g->npop && g->done < g->passes; c++, g->done++) {
        int a = (int)(rc_rand(&g->rnd) % (unsigned long long)g->npop);
        int b = (int)(rc_rand(&g->rnd) % (unsigned long long)g->npop);
        int *child = g->lists + (size_t)(g->npop + nc) * (size_t)n;
        crossover(g->in, g->lists + (size_t)a * (size_t)n, g->lists + (size_t)b * (size_t)n,
                  child, g->taken, &g->rnd);
        int ms = decode(g->in, child, g->h.st, &g->h);
        if (ms < 0)
            continue;
        g->fit[g->npop + nc++] = ms;
        if (ms < g->bestms) {
            g->bestms = ms;
            memcpy(g->best, g->h.st, (size_t)n * sizeof *g->best);
        }
    }
    return nc;
}

/* Ranks the tot lists by last week (a stable selection sort on small arrays). */
static void rank_by_fit(const int *fit, int *rank, int tot)
{
    for (int k = 0; k < tot; k++)
        rank[k] = k;
    for (int k = 0; k < tot; k++) {
        int m = k;
        for (int q = k + 1; q < tot; q++)
            if (fit[rank[q]] < fit[rank[m]] || (fit[rank[q]] == fit[rank[m]] && rank[q] < rank[m]))
                m = q;
        int t = rank[k];
        rank[k] = rank[m];
        rank[m] = t;
    }
}

/* Keeps as the new population the best POP of the tot ranked lists: distinct ones first,
   then copies if too few. */
static void ga_survive(rc_ga *g, int tot)
{
    int n = g->in->n;
    int keep = 0, newfit[POP];
    for (int pass2 = 0; pass2 < 2 && keep < POP; pass2++)
        for (int k = 0; k < tot && keep < POP; k++) {
            const int *cand = g->lists + (size_t)g->rank[k] * (size_t)n;
            int dup = 0;
            for (int q = 0; q < keep && !dup; q++)
                dup = newfit[q] == g->fit[g->rank[k]] &&
                      !memcmp(g->tmp + (size_t)q * (size_t)n, cand, (size_t)n * sizeof *cand);
            if (dup != (pass2 == 1))
                continue;
            memcpy(g->tmp + (size_t)keep * (size_t)n, cand, (size_t)n * sizeof *g->tmp);
            newfit[keep++] = g->fit[g->rank[k]];
        }
    memcpy(g->lists, g->tmp, (size_t)keep * (size_t)n * sizeof *g->lists);
    for (int k = 0; k < keep; k++)
        g->fit[k] = newfit[k];
    g->npop = keep;
}

/* The schedule of starts st ending by week ms; NULL on ENOMEM. */
static op_schedule *starts_schedule(const rc_inst *in, const int *st, int ms)
{
    op_schedule *s = op_schedule_new(in->n, ms);
    if (!s)
        return NULL;
    for (int j = 0; j < in->n; j++)
        for (int t = st[j]; t < st[j] + in->dur[j]; t++)
            op_schedule_set(s, j, t, op_plan_crew_week_hours(in->p, j, t));
    return s;
}

op_schedule *rc_heuristic(const rc_inst *in, int passes, double deadline, const int *release,
                          const int *prio, int target)
{
    int n = in->n;
    size_t tab = (size_t)in->nr * (size_t)in->stride;
    rc_ga g = {.in = in, .passes = passes, .target = target, .deadline = deadline};
    op_schedule *s = NULL;
    if (ga_alloc(&g, n, tab))
        goto out;
    for (int j = 0; j < n; j++)
        g.rel[j] = release && release[j] > in->rel[j] ? release[j] : in->rel[j];
    g.h.rel = g.rel;
    g.bestms = -1;
    g.rnd = (op_rng){0x9E3779B97F4A7C15ULL};
    ga_seed(&g, prio);
    /* Generations: children from random pairs; the best POP of parents and
       children survive (ties: parents first, stable). A population that
       has not bettered the best for STALL generations is sampled afresh
       around the best list, which stays. */
    for (int j = 0; j < n; j++)
        g.pr[j] = prio ? prio[j] : in->rel[j] - in->tail[j];
    int stall = 0;
    while (g.npop >= 2 && g.done < passes && g.bestms > target && op_now() <= deadline) {
        if (stall >= STALL) {
            ga_resample(&g);
            stall = 0;
        }
        int before = g.bestms;
        int nc = ga_breed(&g);
        rank_by_fit(g.fit, g.rank, g.npop + nc);
        ga_survive(&g, g.npop + nc);
        stall = g.bestms < before ? 0 : stall + 1;
    }
    if (g.bestms >= 0)
        s = starts_schedule(in, g.best, g.bestms);
out:
    ga_free(&g);
    return s;
}

