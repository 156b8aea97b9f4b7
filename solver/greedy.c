/* greedy.c - list scheduling by gate deadline and priority: horizon and first incumbent */
#include <math.h>
#include <stdlib.h>

#include "solver.h"

/* The deadline that matters for an item: its due week or the earliest
   deadline of a gate that needs it, directly or through a requiring gate. */
static int *item_deadlines(const op_plan *p)
{
    int ni = op_plan_item_count(p), ng = op_plan_gate_count(p);
    int *dl = malloc(((size_t)ni + 1) * sizeof *dl);
    int *gdl = malloc(((size_t)ng + 1) * sizeof *gdl);
    if (!dl || !gdl) {
        free(dl);
        free(gdl);
        return NULL;
    }
    /* A required gate must pass by the deadline of every gate requiring it:
       walk gates from the last in topological order back to the first. */
    const int *order = op_plan_gate_order(p);
    for (int g = 0; g < ng; g++)
        gdl[g] = op_plan_gate(p, g)->deadline_week;
    for (int k = ng - 1; k >= 0; k--) {
        const op_gate *ga = op_plan_gate(p, order[k]);
        for (int m = 0; m < ga->nrequires; m++) {
            int h = ga->requires[m].index;
            if (gdl[order[k]] < gdl[h])
                gdl[h] = gdl[order[k]];
        }
    }
    for (int i = 0; i < ni; i++) {
        const op_item *it = op_plan_item(p, i);
        dl[i] = it->due_week ? it->due_week : OP_MAX_WEEK + 1;
    }
    for (int g = 0; g < ng; g++) {
        const op_gate *ga = op_plan_gate(p, g);
        for (int m = 0; m < ga->nitems; m++)
            if (gdl[g] < dl[ga->items[m].index])
                dl[ga->items[m].index] = gdl[g];
    }
    /* A dependency must be done before its dependent starts. */
    const int *topo = op_plan_topo_order(p);
    for (int k = ni - 1; k >= 0; k--) {
        const op_item *it = op_plan_item(p, topo[k]);
        for (int m = 0; m < it->ndeps; m++) {
            int j = it->deps[m].index;
            if (dl[topo[k]] - 1 < dl[j])
                dl[j] = dl[topo[k]] - 1;
        }
    }
    free(gdl);
    return dl;
}

/* The longest chain of work from an item to the end, in weeks (itself
   included): the latest-finish rule of list scheduling ranks long tails first. */
static int own_weeks(const op_plan *p, int i)
{
    const op_item *it = op_plan_item(p, i);
    if (it->duration)
        return it->duration;
    double cap = op_plan_item_week_cap(p, i, op_plan_first_week(p));
    int w = cap > 0 ? (int)ceil(it->remaining / cap - 1e-9) : 1;
    return w < 1 ? 1 : w;
}

static int *item_tails(const op_plan *p)
{
    int ni = op_plan_item_count(p);
    int *tail = calloc((size_t)ni + 1, sizeof *tail);
    if (!tail)
        return NULL;
    const int *topo = op_plan_topo_order(p);
    for (int i = 0; i < ni; i++)
        tail[i] = own_weeks(p, i);
    /* sweep from the last item back: a dependency's tail covers its dependents */
    for (int k = ni - 1; k >= 0; k--) {
        int i = topo[k];
        const op_item *it = op_plan_item(p, i);
        for (int m = 0; m < it->ndeps; m++) {
            int j = it->deps[m].index;
            if (own_weeks(p, j) + tail[i] > tail[j])
                tail[j] = own_weeks(p, j) + tail[i];
        }
    }
    return tail;
}

/* An item's place in the greedy order, with every key it is sorted by (so
   the comparator reads nothing else). */
typedef struct urgency {
    double rank;   /* ranked passes: smaller first; 0 for all otherwise */
    int dl;        /* deadline week, earlier first */
    int priority;  /* P0 first */
    double tail;   /* longest chain after the item (times the pass's noise), longer first */
    int impact;    /* higher first */
    double effort; /* larger first */
    int i;         /* the item; ties by index */
} urgency;

static int by_urgency(const void *a, const void *b)
{
    const urgency *x = a, *y = b;
    if (x->rank != y->rank)
        return x->rank < y->rank ? -1 : 1;
    if (x->dl != y->dl)
        return x->dl < y->dl ? -1 : 1;
    if (x->priority != y->priority)
        return x->priority < y->priority ? -1 : 1;
    if (x->tail != y->tail)
        return x->tail > y->tail ? -1 : 1;
    if (x->impact != y->impact)
        return x->impact > y->impact ? -1 : 1;
    if (x->effort != y->effort)
        return x->effort > y->effort ? -1 : 1;
    return x->i < y->i ? -1 : (x->i > y->i);
}

/* The items in greedy order into order[0..ni); -1 on ENOMEM. noise (NULL
   or one factor per item) perturbs the tail rule, rank (NULL or one value
   per item) replaces the rule. */
static int urgency_order(const op_plan *p, const int *dl, const int *tl, const double *noise,
                         const double *rank, int *order)
{
    int ni = op_plan_item_count(p);
    urgency *u = malloc(((size_t)ni + 1) * sizeof *u);
    if (!u)
        return -1;
    for (int i = 0; i < ni; i++) {
        const op_item *it = op_plan_item(p, i);
        u[i] = (urgency){.rank = rank ? rank[i] : 0, .dl = dl[i], .priority = it->priority,
                         .tail = noise ? tl[i] * noise[i] : tl[i], .impact = (int)it->impact,
                         .effort = it->effort, .i = i};
    }
    qsort(u, (size_t)ni, sizeof *u, by_urgency);
    for (int k = 0; k < ni; k++)
        order[k] = u[k].i;
    free(u);
    return 0;
}

/* Marks the gates passed by the end of week t, in requires order. */
static void pass_gates(const op_plan *p, const int *end, int *gpass, int t)
{
    const int *gorder = op_plan_gate_order(p);
    for (int k = 0; k < op_plan_gate_count(p); k++) {
        int g = gorder[k];
        const op_gate *ga = op_plan_gate(p, g);
        if (gpass[g])
            continue;
        int ok = 1;
        for (int m = 0; m < ga->nitems && ok; m++)
            ok = end[ga->items[m].index] != 0 && end[ga->items[m].index] <= t;
        for (int m = 0; m < ga->nrequires && ok; m++)
            ok = gpass[ga->requires[m].index] != 0;
        if (ok)
            gpass[g] = t;
    }
}

/* Working state of one greedy pass, shared by its per-week helpers. */
typedef struct {
    const op_plan *p;
    op_schedule *s;
    int max_week;
    unsigned rules; /* OP_EVAL_*: gate entry phase, next-week hand-offs, strict due weeks */
    double *left;  /* hours still to place per item */
    int *end;      /* week done, 0 = not done */
    int *start;    /* week started here, 0 = not yet */
    double *chain; /* hours of the same-week chain ending with the item in its end week */
    int *gpass;    /* week each gate passed, 0 = not yet */
    double *room;  /* hours free this week per role */
    double *held;  /* hours fixed-duration items hold in weeks after the current one */
    int remaining; /* items not yet done */
} greedy_state;

/* The held-hours cell of role q in week w. */
static double *held_at(const greedy_state *g, int q, int w)
{
    return &g->held[(size_t)q * ((size_t)g->max_week + 2) + (size_t)w];
}

/* Whether dependency j -> item i may hand off within the week j ends (see op_eval_new). */
static int same_week(const greedy_state *g, int j, int i)
{
    const op_item *ji = op_plan_item(g->p, j), *it = op_plan_item(g->p, i);
    return !(g->rules & OP_EVAL_NEXT_WEEK) && !ji->duration && !ji->done && !it->duration &&
           !it->started && !it->lag_weeks;
}

/* Whether item i may work in week t: its dependencies ended before t (or in t, handing off
   the same week) and, in gate entry phase, every gate required by a gate it belongs to
   passed before t. */
static int item_ready(const greedy_state *g, int i, int t)
{
    const op_item *it = op_plan_item(g->p, i);
    int ng = op_plan_gate_count(g->p);
    int ready = 1;
    for (int m = 0; m < it->ndeps && ready; m++) {
        int j = it->deps[m].index;
        int gap = it->lag_weeks > 1 ? it->lag_weeks : 1;
        ready = g->end[j] && (g->end[j] + gap <= t || (g->end[j] == t && same_week(g, j, i)));
    }
    if (ready && (g->rules & OP_EVAL_GATE_ENTRY)) {
        for (int k = 0; k < ng && ready; k++) {
            const op_gate *ga = op_plan_gate(g->p, k);
            int member = 0;
            for (int m = 0; m < ga->nitems; m++)
                member |= ga->items[m].index == i;
            for (int m = 0; member && m < ga->nrequires && ready; m++) {
                int h = ga->requires[m].index;
                ready = g->gpass[h] && g->gpass[h] < t;
            }
        }
    }
    return ready;
}

/* Whether item it may not run in week w: past its due week when due weeks are strict (by
   default it runs late, which the lateness it adds tells the passes apart by). */
static int past_due(const greedy_state *g, const op_item *it, int w)
{
    return (g->rules & OP_EVAL_STRICT_DUE) && it->due_week && w > it->due_week;
}

/* Places fixed-duration item i from week t on with its whole crew if every week fits;
   otherwise leaves everything untouched. */
static void place_fixed(greedy_state *g, int i, int t)
{
    const op_plan *p = g->p;
    const op_item *it = op_plan_item(p, i);
    int stop = t + it->duration - 1;
    int fits = stop <= g->max_week && !past_due(g, it, stop);
    for (int w = t; fits && w <= stop; w++)
        for (int c = 0; fits && c < it->ncrew; c++) {
            int q = it->crew[c].role.index;
            double free_h = w == t ? g->room[q] : op_plan_capacity(p, q, w) - *held_at(g, q, w);
            fits = op_plan_crew_hours(p, i, q, w) <= free_h + OP_EPS;
        }
    if (!fits)
        return;
    for (int w = t; w <= stop; w++) {
        op_schedule_set(g->s, i, w, op_plan_crew_week_hours(p, i, w));
        for (int c = 0; c < it->ncrew; c++) {
            int q = it->crew[c].role.index;
            double need = it->crew[c].count * op_plan_person_hours(p, q, w);
            if (w == t)
                g->room[q] -= need;
            else
                *held_at(g, q, w) += need;
        }
    }
    g->left[i] = 0;
    g->end[i] = stop;
    g->remaining--;
}

/* Item i starting in week t after dependencies done in t: the most hours the same-week
   chains leave it (*lead: the longest chain it extends); HUGE_VAL when none is done in t. */
static double chain_room(const greedy_state *g, int i, int t, double *lead)
{
    const op_item *it = op_plan_item(g->p, i);
    double room = HUGE_VAL;
    *lead = 0;
    for (int m = 0; !g->start[i] && m < it->ndeps; m++) {
        int j = it->deps[m].index;
        if (g->end[j] != t || op_plan_item(g->p, j)->done)
            continue;
        double a = op_plan_person_hours(g->p, op_plan_item(g->p, j)->role.index, t);
        double b = op_plan_person_hours(g->p, it->role.index, t), pw = a < b ? a : b;
        if (pw - g->chain[j] < room)
            room = pw - g->chain[j];
        if (g->chain[j] > *lead)
            *lead = g->chain[j];
    }
    return room;
}

/* Gives item i as many of its role's free hours in week t as its weekly cap (and a
   same-week hand-off's chain) allows. */
static void place_hours(greedy_state *g, int i, int t)
{
    int r = op_plan_item(g->p, i)->role.index;
    if (g->room[r] <= OP_EPS)
        return;
    double lead, h = op_plan_item_week_cap(g->p, i, t), cr = chain_room(g, i, t, &lead);
    if (h > g->room[r])
        h = g->room[r];
    if (h > g->left[i])
        h = g->left[i];
    if (h > cr)
        h = cr;
    if (h <= OP_EPS)
        return;
    op_schedule_add(g->s, i, t, h);
    g->room[r] -= h;
    g->left[i] -= h;
    g->chain[i] = g->start[i] ? h : h + lead;
    if (!g->start[i])
        g->start[i] = t;
    if (g->left[i] <= OP_EPS) {
        g->left[i] = 0;
        g->end[i] = t;
        g->remaining--;
    }
}

/* Schedules week t: fills the roles' free hours with ready items in urgency order. */
static void greedy_week(greedy_state *g, const int *order, int t)
{
    const op_plan *p = g->p;
    int ni = op_plan_item_count(p), nr = op_plan_role_count(p);
    for (int r = 0; r < nr; r++)
        g->room[r] = op_plan_capacity(p, r, t) - *held_at(g, r, t);
    for (int k = 0; k < ni; k++) {
        int i = order[k];
        const op_item *it = op_plan_item(p, i);
        if (g->end[i] || g->left[i] <= 0 || t < it->earliest_week)
            continue;
        if (past_due(g, it, t))
            continue;
        if (!item_ready(g, i, t))
            continue;
        if (it->duration)
            place_fixed(g, i, t); /* the whole crew, for duration weeks from t on */
        else
            place_hours(g, i, t);
    }
    pass_gates(p, g->end, g->gpass, t);
}

/* One pass; noise (NULL or one factor per item) perturbs the tail rule. */
static op_schedule *greedy_pass(const op_plan *p, int max_week, unsigned rules,
                                const double *noise, const double *rank)
{
    int ni = op_plan_item_count(p), nr = op_plan_role_count(p), ng = op_plan_gate_count(p);
    int last = op_plan_last_capacity_week(p);
    if (max_week <= 0 || max_week > OP_MAX_WEEK)
        max_week = last < OP_MAX_WEEK ? last : OP_MAX_WEEK;
    if (max_week < 1)
        max_week = 1;
    greedy_state g = {.p = p, .max_week = max_week, .rules = rules};
    g.s = op_schedule_new(ni, max_week);
    int *order = malloc(((size_t)ni + 1) * sizeof *order);
    g.left = malloc(((size_t)ni + 1) * sizeof *g.left);
    g.end = calloc((size_t)ni + 1, sizeof *g.end);
    g.start = calloc((size_t)ni + 1, sizeof *g.start);
    g.chain = calloc((size_t)ni + 1, sizeof *g.chain);
    g.gpass = calloc((size_t)ng + 1, sizeof *g.gpass);
    g.room = malloc(((size_t)nr + 1) * sizeof *g.room);
    g.held = calloc((size_t)nr * ((size_t)max_week + 2) + 1, sizeof *g.held);
    int *dl = item_deadlines(p);
    int *tl = item_tails(p);
    if (!g.s || !order || !g.left || !g.end || !g.start || !g.chain || !g.gpass || !g.room || !g.held || !dl || !tl) {
        op_schedule_free(g.s);
        g.s = NULL;
        goto out;
    }
    int first = op_plan_first_week(p);
    g.remaining = ni;
    for (int i = 0; i < ni; i++) {
        order[i] = i;
        g.left[i] = op_plan_item(p, i)->remaining;
        if (op_plan_item(p, i)->done) {
            g.end[i] = op_plan_history_week(p);
            g.remaining--;
        }
    }
    if (urgency_order(p, dl, tl, noise, rank, order)) {
        op_schedule_free(g.s);
        g.s = NULL;
        goto out;
    }

    if (first > 1)
        pass_gates(p, g.end, g.gpass, op_plan_history_week(p)); /* passed in history */
    for (int t = first; t <= max_week && g.remaining > 0; t++)
        greedy_week(&g, order, t);
    /* Unfinished items give their hours back: a half-done item is not a plan. */
    for (int i = 0; i < ni; i++)
        if (!g.end[i])
            for (int t = 1; t <= max_week; t++)
                op_schedule_set(g.s, i, t, 0.0);
out:
    free(order);
    free(g.left);
    free(g.end);
    free(g.start);
    free(g.chain);
    free(g.gpass);
    free(g.room);
    free(g.held);
    free(dl);
    free(tl);
    return g.s;
}

op_schedule *op_greedy_schedule(const op_plan *p, int max_week, unsigned rules)
{
    return greedy_pass(p, max_week, rules, NULL, NULL);
}

op_schedule *op_greedy_ranked(const op_plan *p, int max_week, unsigned rules,
                              const double *rank)
{
    return greedy_pass(p, max_week, rules, NULL, rank);
}

/* Orders two schedules: more weighted items scheduled, then less lateness,
   then an earlier last week. Negative when a is better. */
static int compare_schedules(const op_plan *p, const op_schedule *a, const op_schedule *b,
                             unsigned phase)
{
    op_eval *ea = op_eval_new(p, a, phase), *eb = op_eval_new(p, b, phase);
    int c = ea && eb ? op_eval_compare(p, ea, eb) : 0;
    op_eval_free(ea);
    op_eval_free(eb);
    return c;
}

op_schedule *op_greedy_best(const op_plan *p, int max_week, unsigned rules, int tries)
{
    op_schedule *best = greedy_pass(p, max_week, rules, NULL, NULL);
    int ni = op_plan_item_count(p);
    double *noise = malloc(((size_t)ni + 1) * sizeof *noise);
    op_rng rng = {0x9E3779B97F4A7C15ULL}; /* fixed: same inputs, same plan */
    for (int k = 1; best && noise && k < tries; k++) {
        for (int i = 0; i < ni; i++) {
            noise[i] = 1.0 + op_rng_unit(&rng); /* [1, 2) */
        }
        op_schedule *s = greedy_pass(p, max_week, rules, noise, NULL);
        if (s && compare_schedules(p, s, best, rules) < 0) {
            op_schedule_free(best);
            best = s;
        } else {
            op_schedule_free(s);
        }
    }
    free(noise);
    return best;
}
