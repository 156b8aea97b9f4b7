/* horizon.c - the automatic horizon: a week by which some optimal plan is done */
#include <math.h>
#include <stdlib.h>

#include "internal.h"

/* Why this bound holds (README, "The horizon"). Take an optimal plan S for
   the stages scheduled, lateness and finish, whatever its length. Let L be
   an upper bound on its total lateness: the start schedule's, when that
   schedule places every item (S then places every item too, with at most
   that lateness). Every item that decides a lateness (a gate's exit item,
   an item with a due week, and what they depend on) is then done by
   D = (last deadline or due week) + L. Let D' be the latest of D, the week
   from which capacity no longer changes, and the first planning week. Keep
   S as it is for the items done by D'; the others are free items. Drop
   their hours and give them, one after another in dependency order, weeks
   of their own from D' + 1 (or from the last of their earliest weeks) on,
   each starting the week after the one before it is done (or its
   lag_weeks after). Every rule still
   holds, and the items placed and the lateness are S's, so the finish
   stage's optimum, and with it every later stage's plan, ends by D' plus
   the free items' lone durations. Without a start schedule that places
   everything, every item counts as free and D is not used: the bound then
   holds for the items placed (stage scheduled) only. */

/* The first week from which no role's capacity or person-week changes any
   more (capacity is tabulated up to OP_MAX_WEEK). */
static int steady_week(const op_plan *p)
{
    int nr = op_plan_role_count(p);
    for (int w = OP_MAX_WEEK; w > 1; w--)
        for (int r = 0; r < nr; r++)
            if (op_plan_capacity(p, r, w - 1) != op_plan_capacity(p, r, w) ||
                op_plan_person_hours(p, r, w - 1) != op_plan_person_hours(p, r, w))
                return w;
    return 1;
}

/* Weeks item i takes alone from week w on, at the capacity of week w (the
   steady one); 0 when it cannot run then at all (it is done earlier or
   never, so it needs no weeks after w). */
static int lone_weeks(const op_plan *p, int i, int w)
{
    const op_item *it = op_plan_item(p, i);
    if (it->done)
        return 0;
    if (it->duration)
        return op_plan_crew_week_hours(p, i, w) > OP_EPS || it->ncrew == 0 ? it->duration : 0;
    double cap = op_plan_item_week_cap(p, i, w);
    if (cap <= OP_EPS)
        return 0;
    double weeks = ceil(it->remaining / cap - 1e-9);
    return weeks < 1 ? 1 : (int)weeks;
}

/* Marks in need[0..ni) the items that decide a lateness: every gate's exit
   items, items with a due week, and what they depend on. -1 on ENOMEM. */
static int lateness_items(const op_plan *p, char *need)
{
    int ni = op_plan_item_count(p), ng = op_plan_gate_count(p);
    char *gates = malloc((size_t)ng + 1), *items = malloc((size_t)ni + 1);
    if (!gates || !items) {
        free(gates);
        free(items);
        return -1;
    }
    for (int g = 0; g < ng; g++) {
        op_plan_gate_needs(p, g, gates, items);
        for (int i = 0; i < ni; i++)
            need[i] |= items[i];
    }
    const int *topo = op_plan_topo_order(p);
    for (int k = ni - 1; k >= 0; k--) {
        int i = topo[k];
        const op_item *it = op_plan_item(p, i);
        need[i] |= it->due_week > 0;
        for (int d = 0; need[i] && d < it->ndeps; d++)
            need[it->deps[d].index] = 1;
    }
    free(gates);
    free(items);
    return 0;
}

int ilp_safe_horizon(const op_plan *p, int lateness_bound, int placed_all, int *weeks)
{
    int ni = op_plan_item_count(p);
    char *need = calloc((size_t)ni + 1, 1);
    if (!need || lateness_items(p, need)) {
        free(need);
        return -1;
    }
    int steady = steady_week(p), d = op_plan_last_due_week(p);
    /* without a start schedule that places everything, no bound on the
       lateness is known: every item then counts as free */
    int late = placed_all ? lateness_bound : 0;
    int from = d > 0 ? d + late : 0;
    if (steady > from)
        from = steady;
    if (op_plan_first_week(p) > from)
        from = op_plan_first_week(p);
    /* the free items, one after another from the week the last of them
       may start */
    long long total = from;
    for (int i = 0; i < ni; i++)
        if ((!placed_all || !need[i]) && op_plan_item(p, i)->earliest_week > total)
            total = op_plan_item(p, i)->earliest_week;
    for (int i = 0; i < ni; i++)
        if (!placed_all || !need[i]) {
            int lag = op_plan_item(p, i)->lag_weeks;
            total += lone_weeks(p, i, from) + (lag > 1 ? lag - 1 : 0);
        }
    free(need);
    int last = op_plan_last_capacity_week(p);
    *weeks = total < last ? (int)total : last;
    return 0;
}
