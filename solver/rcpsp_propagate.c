/* rcpsp_propagate.c - RCPSP windows by propagation and shaving, dives, lower bounds */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

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
    na = rc_sort_unique(a, na);
    nb = rc_sort_unique(b, nb);
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

/* Dependencies, forward then backward; 1 when a window empties. Sets *changed on a change. */
static int prop_deps(const rc_inst *in, int *es, int *ls, int *changed)
{
    int n = in->n;
    for (int k = 0; k < n; k++) {
        int j = in->topo[k];
        for (int q = in->pstart[j]; q < in->pstart[j + 1]; q++) {
            int i = in->pidx[q];
            if (es[i] + in->dur[i] > es[j])
                es[j] = es[i] + in->dur[i], *changed = 1;
        }
    }
    for (int k = n - 1; k >= 0; k--) {
        int j = in->topo[k];
        for (int q = in->sstart[j]; q < in->sstart[j + 1]; q++) {
            int i = in->sidx[q];
            if (ls[i] - in->dur[j] < ls[j])
                ls[j] = ls[i] - in->dur[j], *changed = 1;
        }
    }
    for (int j = 0; j < n; j++)
        if (es[j] > ls[j])
            return 1;
    return 0;
}

/* Time-tabling: builds w->comp (the hours of the weeks every window covers, the compulsory
   parts) and w->cl/cr; 1 when some week up to T is overbooked by them. */
static int prop_timetable(const rc_inst *in, int T, const int *es, const int *ls, rc_work *w)
{
    size_t tab = (size_t)in->nr * (size_t)in->stride;
    double *comp = w->comp;
    memset(comp, 0, tab * sizeof *comp);
    for (int j = 0; j < in->n; j++) {
        w->cl[j] = ls[j];
        w->cr[j] = es[j] + in->dur[j] - 1;
        for (int t = w->cl[j]; t <= w->cr[j]; t++)
            for (int r = 0; r < in->nr; r++)
                comp[(size_t)r * (size_t)in->stride + (size_t)t] += rc_dem(in, j, r, t);
    }
    for (int r = 0; r < in->nr; r++)
        for (int t = 1; t <= T; t++) {
            size_t c = (size_t)r * (size_t)in->stride + (size_t)t;
            if (comp[c] > in->cap[c] + OP_EPS)
                return 1;
        }
    return 0;
}

/* The first start of item j, scanning from es[j] up (dir 0) or from ls[j] down (dir 1), that
   fits the hours left beside the other items' compulsory parts; outside [es[j], ls[j]] when
   none does. */
static int slide_start(const rc_inst *in, const rc_work *w, const int *es, const int *ls, int j,
                       int dir)
{
    int s = dir == 0 ? es[j] : ls[j];
    while (s >= es[j] && s <= ls[j]) {
        int hit = 0;
        for (int k = 0; k < in->dur[j] && !hit; k++) {
            int t = dir == 0 ? s + in->dur[j] - 1 - k : s + k;
            for (int r = 0; r < in->nr && !hit; r++) {
                double d = rc_dem(in, j, r, t);
                if (d <= 0)
                    continue;
                size_t c = (size_t)r * (size_t)in->stride + (size_t)t;
                double other = w->comp[c] - (t >= w->cl[j] && t <= w->cr[j] ? d : 0);
                if (other + d > in->cap[c] + OP_EPS)
                    hit = t;
            }
        }
        if (!hit)
            break;
        s = dir == 0 ? hit + 1 : hit - in->dur[j];
    }
    return s;
}

/* Tightens each window to starts that fit beside the compulsory parts; 1 when one empties.
   Sets *changed on a change. */
static int prop_shift(const rc_inst *in, int *es, int *ls, const rc_work *w, int *changed)
{
    for (int j = 0; j < in->n; j++)
        for (int dir = 0; dir < 2; dir++) {
            int s = slide_start(in, w, es, ls, j, dir);
            if (s < es[j] || s > ls[j])
                return 1;
            if (dir == 0 && s != es[j])
                es[j] = s, *changed = 1;
            if (dir == 1 && s != ls[j])
                ls[j] = s, *changed = 1;
        }
    return 0;
}

/* Crews that clash run one after the other: when one order is impossible, the other is
   forced; 1 when neither is possible. Sets *changed on a change. */
static int prop_clashes(const rc_inst *in, int *es, int *ls, int *changed)
{
    int n = in->n;
    for (int i = 0; i < n; i++)
        for (int j = i + 1; j < n; j++) {
            if (!in->clash[(size_t)i * (size_t)n + (size_t)j])
                continue;
            int ij = es[i] + in->dur[i] <= ls[j]; /* i may end before j starts */
            int ji = es[j] + in->dur[j] <= ls[i];
            if (!ij && !ji)
                return 1;
            if (!ij) {
                if (es[j] + in->dur[j] > es[i])
                    es[i] = es[j] + in->dur[j], *changed = 1;
                if (ls[i] - in->dur[j] < ls[j])
                    ls[j] = ls[i] - in->dur[j], *changed = 1;
            } else if (!ji) {
                if (es[i] + in->dur[i] > es[j])
                    es[j] = es[i] + in->dur[i], *changed = 1;
                if (ls[j] - in->dur[i] < ls[i])
                    ls[i] = ls[j] - in->dur[i], *changed = 1;
            }
        }
    return 0;
}

/* Narrows es/ls (valid windows for "done by week T") to a fixed point of
   the rules above; 1 when a window empties or a week or interval is
   overbooked: then no schedule is done by T. */
static int propagate(const rc_inst *in, int T, int *es, int *ls, rc_work *w, int energy)
{
    int n = in->n;
    for (int iter = 0; iter < 1000; iter++) {
        int changed = 0;
        if (prop_deps(in, es, ls, &changed) || prop_timetable(in, T, es, ls, w) ||
            prop_shift(in, es, ls, w, &changed) || prop_clashes(in, es, ls, &changed))
            return 1;
        for (int q = 0; q < in->ncliques; q++)
            if (clique_reasoning(in, q, es, ls, &changed))
                return 1;
        if (!changed)
            return energy && n <= ENERGY_MAX_ITEMS && energy_overload(in, es, ls, w->pts);
    }
    return 0;
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
        key[j] = (int)(rc_rand(rnd) % 1000);
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

