/* changes.c - re-planning: what changed since the previous plan and why (changes.csv, report) */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

typedef struct change {
    int item;         /* -1: removed item, named by id */
    const char *id;
    const char *kind; /* moved, new, removed, done early, deferred, scheduled */
    int pstart, pend, start, end; /* previous and new weeks, 0 = none */
    int dir;          /* +1 later (a slip), -1 earlier (a gain), 0 neither */
} change;

static int week_of(const char *s) { return s && s[0] ? atoi(s) : 0; }

/* What happened to item i against prev: a kind, or NULL when nothing did. */
static change item_change(const op_plan *p, const op_eval *e, const op_run *prev, int i)
{
    const op_item *it = op_plan_item(p, i);
    const op_item_eval *ie = op_eval_item(e, i);
    const char *ps = op_run_get(prev, OP_RUN_ITEM, it->id, 0);
    change c = {i, it->id, NULL, week_of(ps), week_of(op_run_get(prev, OP_RUN_ITEM, it->id, 1)),
                ie->start_week, ie->end_week, 0};
    if (!ps)
        c.kind = "new";
    else if (it->done && c.pend)
        c.kind = c.pend > op_plan_history_week(p) ? "done early" : NULL;
    else if (it->done)
        c.kind = NULL;
    else if (!c.pend && ie->done)
        c.kind = "scheduled";
    else if (c.pend && !ie->done)
        c.kind = "deferred";
    else if (c.pend != c.end || (c.pstart != c.start && !it->started))
        c.kind = "moved"; /* a started item keeps its start: only its end counts */
    if (it->done)
        c.start = c.end = 0;
    if (c.kind && (strcmp(c.kind, "deferred") == 0 ||
                   (strcmp(c.kind, "moved") == 0 &&
                    (c.end > c.pend || (c.end == c.pend && c.start > c.pstart)))))
        c.dir = 1;
    else if (c.kind && (strcmp(c.kind, "scheduled") == 0 || strcmp(c.kind, "moved") == 0))
        c.dir = -1;
    return c;
}

/* The changes of the plan against prev, items in plan order then removed
   items in prev's order, in a new array *out (count returned; -1 on ENOMEM). */
static int list_changes(const op_plan *p, const op_eval *e, const op_run *prev, change **out)
{
    size_t cap = (size_t)op_plan_item_count(p) + (size_t)op_run_count(prev, OP_RUN_ITEM) + 1;
    change *ch = malloc(cap * sizeof *ch);
    if (!ch)
        return -1;
    int n = 0;
    for (int i = 0; i < op_plan_item_count(p); i++) {
        change c = item_change(p, e, prev, i);
        if (c.kind)
            ch[n++] = c;
    }
    for (int k = 0; k < op_run_count(prev, OP_RUN_ITEM); k++) {
        const char *id = op_run_key(prev, OP_RUN_ITEM, k);
        if (op_plan_find_item(p, id) < 0)
            ch[n++] = (change){-1, id, "removed", week_of(op_run_get(prev, OP_RUN_ITEM, id, 0)),
                               week_of(op_run_get(prev, OP_RUN_ITEM, id, 1)), 0, 0, 0};
    }
    *out = ch;
    return n;
}


/* ---- root causes: what changed in the inputs since the previous plan ---- */

typedef enum { CAUSE_OVERRAN, CAUSE_DONE_EARLY, CAUSE_NEW, CAUSE_CAPACITY } cause_kind;

typedef struct cause {
    cause_kind kind;
    int item;        /* the item, -1 for a capacity change */
    int role;
    int from, to;    /* the weeks it bears on (0 = none): the item's work now (overran,
                        new), as the previous plan had it (done early), the capacity's run */
    double now, was; /* overran: hours left now / the previous plan's from this week;
                        capacity: hours a week now / before */
    int push;        /* 1: it can make other work later, 0: earlier */
} cause;

/* A re-plan measured against the previous run: the changes, their root
   causes and which cause each change is linked to. */
typedef struct replan {
    const op_plan *p;
    const op_eval *e;
    const rpt_previous *prev;
    change *ch;
    int n;
    cause *cs;
    int ncs;
    char *link; /* [k * ncs + c]: change k is linked to cause c */
} replan;

/* Hours the previous plan gave item i from the first planning week on. */
static double previous_left(const replan *r, int i)
{
    const op_schedule *s = r->prev->schedule;
    double h = 0;
    for (int t = op_plan_first_week(r->p); t <= op_schedule_weeks(s); t++)
        h += op_schedule_get(s, i, t);
    return h;
}

/* The root cause item i is, if any, into *c; 1 when it is one. An item
   still to do with more hours left than the previous plan had for it from
   this week on overran (an item not done by its planned end overran by all
   it has left); one done whose previous end was in the planning weeks was
   done early; one the previous run did not have is new. */
static int item_cause(const replan *r, int i, cause *c)
{
    const op_item *it = op_plan_item(r->p, i);
    const op_item_eval *ie = op_eval_item(r->e, i);
    const char *pe = op_run_get(r->prev->run, OP_RUN_ITEM, it->id, 1);
    int pend = week_of(pe), first = op_plan_first_week(r->p);
    *c = (cause){CAUSE_NEW, i, it->role.index, ie->start_week, ie->end_week, it->remaining, 0, 1};
    if (!pe)
        return !it->done;
    if (it->done) {
        c->kind = CAUSE_DONE_EARLY;
        c->from = week_of(op_run_get(r->prev->run, OP_RUN_ITEM, it->id, 0));
        c->from = c->from > first ? c->from : first;
        c->to = pend;
        c->push = 0;
        return pend > op_plan_history_week(r->p);
    }
    if (!pend || !r->prev->schedule)
        return 0;
    c->kind = CAUSE_OVERRAN;
    c->was = previous_left(r, i);
    return c->now > c->was + 0.005; /* hours are written with 2 decimals at most */
}

/* The previous run's capacity of role r in week t into *h; 0 when it has none. */
static int previous_capacity(const replan *r, int role, int t, double *h)
{
    char key[512];
    snprintf(key, sizeof key, "%s%c%d", op_plan_role(r->p, role)->name, OP_RUN_KEY_SEP, t);
    const char *v = op_run_get(r->prev->run, OP_RUN_LOAD, key, 0);
    if (!v || !v[0])
        return 0;
    *h = atof(v);
    return 1;
}

/* Capacity changes of each role in the planning weeks both runs cover, one
   cause per run of weeks with the same hours now and before, appended to
   r->cs (room for them is the caller's: roles x weeks). */
static void capacity_causes(replan *r)
{
    for (int role = 0; role < op_plan_role_count(r->p); role++) {
        cause *run = NULL;
        for (int t = op_plan_first_week(r->p); t <= op_eval_weeks(r->e); t++) {
            double was, now = op_plan_capacity(r->p, role, t);
            if (!previous_capacity(r, role, t, &was) || fabs(now - was) < 0.005) {
                run = NULL;
                continue;
            }
            if (run && run->to == t - 1 && run->now == now && run->was == was) {
                run->to = t;
                continue;
            }
            run = &r->cs[r->ncs++];
            *run = (cause){CAUSE_CAPACITY, -1, role, t, t, now, was, now < was};
        }
    }
}

/* A cause in a few words, for "because of" and the cause column. */
static const char *cause_label(const replan *r, const cause *c, char *buf, size_t n)
{
    const char *wk = rpt_period(r->p, 0), *wks = rpt_period(r->p, 1);
    const char *id = c->item >= 0 ? op_plan_item(r->p, c->item)->id : "";
    if (c->kind == CAUSE_OVERRAN)
        snprintf(buf, n, "%s (overran by %s h)", id, RPT_NUM(c->now - c->was));
    else if (c->kind == CAUSE_DONE_EARLY)
        snprintf(buf, n, "%s (done early)", id);
    else if (c->kind == CAUSE_NEW)
        snprintf(buf, n, "%s (new)", id);
    else if (c->from == c->to)
        snprintf(buf, n, "%s capacity (%s %d)", op_plan_role(r->p, c->role)->name, wk, c->from);
    else
        snprintf(buf, n, "%s capacity (%s %d-%d)", op_plan_role(r->p, c->role)->name, wks,
                 c->from, c->to);
    return buf;
}

/* One line of the root-cause list. */
static void cause_line(FILE *f, const replan *r, const cause *c)
{
    const char *wk = rpt_period(r->p, 0);
    char label[320];
    fprintf(f, "- ");
    if (c->kind == CAUSE_CAPACITY) {
        rpt_md(f, cause_label(r, c, label, sizeof label));
        fprintf(f, ": %s h a %s, was %s h\n", RPT_NUM(c->now), wk, RPT_NUM(c->was));
        return;
    }
    rpt_md(f, op_plan_item(r->p, c->item)->id);
    const char *role = op_plan_role(r->p, c->role)->name;
    int first = op_plan_first_week(r->p);
    if (c->kind == CAUSE_OVERRAN)
        fprintf(f, " overran by %s h: %s h left at %s %d, the previous plan had %s h for it "
                   "from %s %d on\n",
                RPT_NUM(c->now - c->was), RPT_NUM(c->now), wk, first, RPT_NUM(c->was), wk, first);
    else if (c->kind == CAUSE_DONE_EARLY)
        fprintf(f, " done early: done before %s %d, the previous plan ended it in %s %d\n", wk,
                first, wk, c->to);
    else {
        fprintf(f, " is new: %s h of ", RPT_NUM(c->now));
        rpt_md(f, role);
        fprintf(f, "\n");
    }
}

/* ---- linking each change to the root causes upstream of it ------------- */

/* Marks in anc every item i depends on, transitively. */
static void ancestors(const op_plan *p, int i, char *anc)
{
    const op_item *it = op_plan_item(p, i);
    for (int k = 0; k < it->ndeps; k++) {
        int j = it->deps[k].index;
        if (!anc[j]) {
            anc[j] = 1;
            ancestors(p, j, anc);
        }
    }
}

/* The weeks change c needed: from its previous start (a slip) or new start
   (a gain), not before the first planning week, to its new end (a slip;
   the last week when deferred) or previous end (a gain). */
static void needed_weeks(const replan *r, const change *c, int *from, int *to)
{
    int first = op_plan_first_week(r->p);
    *from = c->dir > 0 ? c->pstart : c->start;
    *to = c->dir > 0 ? (c->end ? c->end : op_eval_weeks(r->e)) : c->pend;
    if (*from < first)
        *from = first;
}

/* Links change k (of an item in this plan) to every cause of its direction
   upstream of it: an item it depends on, transitively; an item of its role
   or a capacity change of its role in the weeks it needed. An item that is
   itself a cause is linked to it. */
static void link_change(replan *r, int k, char *anc)
{
    const change *c = &r->ch[k];
    int role = op_plan_item(r->p, c->item)->role.index, from, to;
    memset(anc, 0, (size_t)op_plan_item_count(r->p));
    ancestors(r->p, c->item, anc);
    needed_weeks(r, c, &from, &to);
    for (int q = 0; q < r->ncs; q++) {
        const cause *x = &r->cs[q];
        int link = x->item == c->item;
        if (c->dir && x->push == (c->dir > 0) && x->item != c->item)
            link = (x->item >= 0 && anc[x->item]) ||
                   (x->role == role && x->from && x->from <= to && x->to >= from);
        r->link[(size_t)k * (size_t)r->ncs + (size_t)q] = (char)link;
    }
}

/* The weeks change j held (a slip: its new weeks) or let go (a gain: its
   previous ones). */
static void held_weeks(const change *j, int *from, int *to)
{
    *from = j->dir > 0 ? j->start : j->pstart;
    *to = j->dir > 0 ? j->end : j->pend;
}

/* Change k takes the causes of change j when both moved the same way and k
   depends on j's item, or j holds k's role in weeks k needed; 1 when that
   linked k to a cause it was not linked to. */
static int knock_on(replan *r, int k, int j, const char *anc, int from, int to)
{
    const change *c = &r->ch[k], *o = &r->ch[j];
    int jf, jt;
    if (j == k || o->item < 0 || o->dir != c->dir)
        return 0;
    held_weeks(o, &jf, &jt);
    int same = op_plan_item(r->p, o->item)->role.index == op_plan_item(r->p, c->item)->role.index;
    if (!anc[o->item] && !(same && jf && jf <= to && jt >= from))
        return 0;
    char *lk = &r->link[(size_t)k * (size_t)r->ncs], *lj = &r->link[(size_t)j * (size_t)r->ncs];
    int more = 0;
    for (int q = 0; q < r->ncs; q++)
        if (lj[q] && !lk[q] && r->cs[q].item != c->item) {
            lk[q] = 1;
            more = 1;
        }
    return more;
}

/* Moves pass their causes on down dependency chains and along a role (a
   slip pushed by a slip caused by X is caused by X), until nothing new. */
static void link_knock_ons(replan *r, char *anc)
{
    for (int more = 1; more;) {
        more = 0;
        for (int k = 0; k < r->n; k++) {
            int from, to;
            if (r->ch[k].item < 0 || !r->ch[k].dir)
                continue;
            memset(anc, 0, (size_t)op_plan_item_count(r->p));
            ancestors(r->p, r->ch[k].item, anc);
            needed_weeks(r, &r->ch[k], &from, &to);
            for (int j = 0; j < r->n; j++)
                more |= knock_on(r, k, j, anc, from, to);
        }
    }
}

/* Whether change k is linked to any cause. */
static int linked(const replan *r, int k)
{
    for (int q = 0; q < r->ncs; q++)
        if (r->link[(size_t)k * (size_t)r->ncs + (size_t)q])
            return 1;
    return 0;
}

/* Marks in out[0..ncs) the causes of the changes of gate g's exit items in
   direction dir. */
static void gate_causes(const replan *r, int g, int dir, char *out)
{
    const op_gate *ga = op_plan_gate(r->p, g);
    for (int k = 0; k < r->n; k++) {
        if (r->ch[k].item < 0 || r->ch[k].dir != dir)
            continue;
        for (int x = 0; x < ga->nitems; x++)
            if (ga->items[x].index == r->ch[k].item)
                for (int q = 0; q < r->ncs; q++)
                    out[q] |= r->link[(size_t)k * (size_t)r->ncs + (size_t)q];
    }
}

/* How far gate g moved against the previous run: +1 later or no longer
   passed, -1 earlier or newly passed, 0 not at all (or not in it). */
static int gate_dir(const replan *r, int g)
{
    const char *pw = op_run_get(r->prev->run, OP_RUN_GATE, op_plan_gate(r->p, g)->id, 1);
    int was = week_of(pw), now = op_eval_gate(r->e, g)->passed_week;
    if (!pw || was == now)
        return 0;
    return !now || (was && now > was) ? 1 : -1;
}

/* With gate entry, an exit item of gate h not linked otherwise takes the
   causes of the gates h requires that moved its way. */
static void link_gate_entry(replan *r, char *gates)
{
    for (int k = 0; k < r->n; k++) {
        if (r->ch[k].item < 0 || !r->ch[k].dir || linked(r, k))
            continue;
        for (int h = 0; h < op_plan_gate_count(r->p); h++) {
            const op_gate *ga = op_plan_gate(r->p, h);
            int exit = 0;
            for (int x = 0; x < ga->nitems; x++)
                exit |= ga->items[x].index == r->ch[k].item;
            if (!exit)
                continue;
            op_plan_gate_needs(r->p, h, gates, NULL);
            for (int g = 0; g < op_plan_gate_count(r->p); g++)
                if (g != h && gates[g] && gate_dir(r, g) == r->ch[k].dir)
                    gate_causes(r, g, r->ch[k].dir, &r->link[(size_t)k * (size_t)r->ncs]);
        }
    }
}

static void replan_free(replan *r)
{
    free(r->ch);
    free(r->cs);
    free(r->link);
}

/* Lists the changes and the root causes and links them; -1 on ENOMEM. */
static int replan_build(replan *r, const op_plan *p, const op_eval *e, const rpt_previous *prev)
{
    *r = (replan){p, e, prev, NULL, 0, NULL, 0, NULL};
    size_t ni = (size_t)op_plan_item_count(p), ng = (size_t)op_plan_gate_count(p);
    size_t cap = ni + (size_t)op_plan_role_count(p) * (size_t)(op_eval_weeks(e) + 1) + 1;
    r->n = list_changes(p, e, prev->run, &r->ch);
    r->cs = malloc(cap * sizeof *r->cs);
    char *scratch = malloc(ni + ng + 1);
    if (r->n < 0 || !r->cs || !scratch) {
        free(scratch);
        replan_free(r);
        return -1;
    }
    for (int i = 0; i < (int)ni; i++)
        r->ncs += item_cause(r, i, &r->cs[r->ncs]);
    capacity_causes(r);
    r->link = calloc((size_t)r->n * (size_t)r->ncs + 1, 1);
    if (!r->link) {
        free(scratch);
        replan_free(r);
        return -1;
    }
    for (int k = 0; k < r->n; k++)
        if (r->ch[k].item >= 0)
            link_change(r, k, scratch);
    link_knock_ons(r, scratch);
    if (prev->gate_entry)
        link_gate_entry(r, scratch + ni);
    free(scratch);
    return 0;
}

/* The causes marked in mark[0..ncs), "; "-separated, into buf; or, for a
   move with none, "cause not identified"; "" for anything else. */
static const char *causes_text(const replan *r, const char *mark, int dir, char *buf, size_t n)
{
    size_t len = 0;
    char label[320];
    buf[0] = 0;
    for (int q = 0; q < r->ncs; q++)
        if (mark[q])
            rpt_append(buf, n, &len, "%s%s", len ? "; " : "",
                       cause_label(r, &r->cs[q], label, sizeof label));
    if (!len && dir)
        snprintf(buf, n, "cause not identified");
    return buf;
}

/* ---- changes.csv and the report section -------------------------------- */

int rpt_write_changes_csv(FILE *f, const op_plan *p, const op_eval *e, const rpt_previous *prev)
{
    replan r;
    if (replan_build(&r, p, e, prev))
        return -1;
    int rc = fputs("id,change,previous_start,previous_end,start_week,end_week,moved_weeks,"
                   "cause\n",
                   f) < 0;
    char buf[1024];
    for (int k = 0; k < r.n && !rc; k++) {
        const change *c = &r.ch[k];
        rc = rpt_cell(f, c->id, 0) || rpt_cell(f, c->kind, 0) || rpt_cellweek(f, c->pstart, 0) ||
             rpt_cellweek(f, c->pend, 0) || rpt_cellweek(f, c->start, 0) ||
             rpt_cellweek(f, c->end, 0) ||
             (c->pend && c->end ? rpt_cellnum(f, c->end - c->pend, 0) : rpt_cell(f, "", 0)) ||
             rpt_cell(f, causes_text(&r, &r.link[(size_t)k * (size_t)r.ncs], c->dir, buf,
                                     sizeof buf),
                      1);
    }
    replan_free(&r);
    return rc || ferror(f) ? -1 : 0;
}

/* The exit items of gate g behind its move (was -> now): their changes,
   except, when it slipped, items that did not end later. */
static void gate_items(FILE *f, const replan *r, int g, int was, int now)
{
    const op_plan *p = r->p;
    const op_gate *ga = op_plan_gate(p, g);
    const char *wk = rpt_period(p, 0);
    int any = 0;
    for (int k = 0; k < ga->nitems; k++) {
        int i = ga->items[k].index;
        for (int q = 0; q < r->n; q++) {
            const change *c = &r->ch[q];
            if (c->item != i || strcmp(c->kind, "done early") == 0)
                continue;
            if (now > was && c->end <= c->pend && c->end)
                continue;
            const op_item *it = op_plan_item(p, i);
            fprintf(f, "%s", any ? "; " : ": ");
            rpt_md(f, it->id);
            fprintf(f, " (");
            rpt_md(f, op_plan_role(p, it->role.index)->name);
            if (c->end && c->pend)
                fprintf(f, ") now ends %s %d, was %d", wk, c->end, c->pend);
            else
                fprintf(f, ") %s", c->kind);
            if (it->started && it->remaining > 0)
                fprintf(f, ", %s h left", RPT_NUM(it->remaining));
            any = 1;
        }
    }
}

/* One line per gate whose passed week changed, with the causes of its exit
   items' moves; 1 when any did. mark: room for r->ncs flags. */
static int gate_lines(FILE *f, const replan *r, char *mark)
{
    const char *wk = rpt_period(r->p, 0);
    int changed = 0;
    char buf[1024];
    for (int g = 0; g < op_plan_gate_count(r->p); g++) {
        const op_gate *ga = op_plan_gate(r->p, g);
        int dir = gate_dir(r, g);
        if (!dir)
            continue;
        int was = week_of(op_run_get(r->prev->run, OP_RUN_GATE, ga->id, 1));
        int now = op_eval_gate(r->e, g)->passed_week;
        changed = 1;
        fprintf(f, "- gate ");
        rpt_md(f, ga->id);
        if (!now)
            fprintf(f, " is no longer passed (was %s %d)", wk, was);
        else if (!was)
            fprintf(f, " now passes in %s %d (was not passed)", wk, now);
        else
            fprintf(f, " %s: %s %d, was %s %d", now > was ? "slipped" : "gained", wk, now, wk,
                    was);
        gate_items(f, r, g, was, now);
        memset(mark, 0, (size_t)r->ncs + 1);
        gate_causes(r, g, dir, mark);
        causes_text(r, mark, dir, buf, sizeof buf);
        fprintf(f, "; %s", strcmp(buf, "cause not identified") ? "because of " : "");
        rpt_md(f, buf);
        fprintf(f, "\n");
    }
    return changed;
}

/* "4-7", "5" or "none" for a run of weeks. */
static void week_range(char *buf, size_t n, int a, int b)
{
    if (!b)
        snprintf(buf, n, "none");
    else if (a == b || !a)
        snprintf(buf, n, "%d", b);
    else
        snprintf(buf, n, "%d-%d", a, b);
}

/* The table of changed items, each with its causes. */
static void change_table(FILE *f, const replan *r)
{
    const char *wks = rpt_period(r->p, 1);
    char buf[1024];
    fprintf(f, "\n| item | change | was (%s) | now (%s) | moved | cause |\n"
               "|---|---|---|---|---|---|\n",
            wks, wks);
    for (int k = 0; k < r->n; k++) {
        const change *c = &r->ch[k];
        char was[32], now[32];
        week_range(was, sizeof was, c->pstart, c->pend);
        week_range(now, sizeof now, c->start, c->end);
        fprintf(f, "| ");
        rpt_md(f, c->id);
        fprintf(f, " | %s | %s | %s | ", c->kind, was, now);
        if (c->pend && c->end)
            fprintf(f, "%+d | ", c->end - c->pend);
        else
            fprintf(f, " | ");
        rpt_md(f, causes_text(r, &r->link[(size_t)k * (size_t)r->ncs], c->dir, buf, sizeof buf));
        fprintf(f, " |\n");
    }
}

int rpt_changes_section(FILE *f, const op_plan *p, const op_eval *e, const rpt_previous *prev)
{
    replan r;
    if (replan_build(&r, p, e, prev))
        return -1;
    char *mark = malloc((size_t)r.ncs + 1);
    if (!mark) {
        replan_free(&r);
        return -1;
    }
    fprintf(f, "\n## What changed since the previous plan\n\nRoot causes:\n\n");
    for (int q = 0; q < r.ncs; q++)
        cause_line(f, &r, &r.cs[q]);
    if (!r.ncs)
        fprintf(f, "- none found: no item overran, was done early or is new, and no role's "
                   "capacity changed\n");
    fprintf(f, "\nWhat moved:\n\n");
    if (!gate_lines(f, &r, mark))
        fprintf(f, "- no gate moved\n");
    if (!r.n)
        fprintf(f, "\nNo changes: every item keeps its %s.\n", rpt_period(p, 1));
    else
        change_table(f, &r);
    free(mark);
    replan_free(&r);
    return ferror(f) ? -1 : 0;
}
