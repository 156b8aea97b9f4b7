/* changes.c - re-planning: what changed since the previous plan, changes.csv and its section */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

typedef struct change {
    int item;         /* -1: removed item, named by id */
    const char *id;
    const char *kind; /* moved, new, removed, done early, deferred, scheduled */
    int pstart, pend, start, end; /* previous and new weeks, 0 = none */
} change;

static int week_of(const char *s) { return s && s[0] ? atoi(s) : 0; }

/* What happened to item i against prev: a kind, or NULL when nothing did. */
static change item_change(const op_plan *p, const op_eval *e, const op_run *prev, int i)
{
    const op_item *it = op_plan_item(p, i);
    const op_item_eval *ie = op_eval_item(e, i);
    const char *ps = op_run_get(prev, OP_RUN_ITEM, it->id, 0);
    change c = {i, it->id, NULL, week_of(ps), week_of(op_run_get(prev, OP_RUN_ITEM, it->id, 1)),
                ie->start_week, ie->end_week};
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
                               week_of(op_run_get(prev, OP_RUN_ITEM, id, 1)), 0, 0};
    }
    *out = ch;
    return n;
}

int rpt_write_changes_csv(FILE *f, const op_plan *p, const op_eval *e, const op_run *prev)
{
    change *ch;
    int n = list_changes(p, e, prev, &ch);
    if (n < 0)
        return -1;
    int rc = fputs("id,change,previous_start,previous_end,start_week,end_week,moved_weeks\n",
                   f) < 0;
    for (int k = 0; k < n && !rc; k++) {
        const change *c = &ch[k];
        rc = rpt_cell(f, c->id, 0) || rpt_cell(f, c->kind, 0) || rpt_cellweek(f, c->pstart, 0) ||
             rpt_cellweek(f, c->pend, 0) || rpt_cellweek(f, c->start, 0) ||
             rpt_cellweek(f, c->end, 0) ||
             (c->pend && c->end ? rpt_cellnum(f, c->end - c->pend, 1) : rpt_cell(f, "", 1));
    }
    free(ch);
    return rc || ferror(f) ? -1 : 0;
}

/* The exit items of gate g behind its move (was -> now): their changes,
   except, when it slipped, items that did not end later. */
static void gate_items(FILE *f, const op_plan *p, int g, int was, int now, const change *ch,
                       int n)
{
    const op_gate *ga = op_plan_gate(p, g);
    const char *wk = rpt_period(p, 0);
    int any = 0;
    for (int k = 0; k < ga->nitems; k++) {
        int i = ga->items[k].index;
        for (int q = 0; q < n; q++) {
            if (ch[q].item != i || strcmp(ch[q].kind, "done early") == 0)
                continue;
            if (now > was && ch[q].end <= ch[q].pend && ch[q].end)
                continue;
            const op_item *it = op_plan_item(p, i);
            fprintf(f, "%s", any ? "; " : ": ");
            rpt_md(f, it->id);
            fprintf(f, " (");
            rpt_md(f, op_plan_role(p, it->role.index)->name);
            if (ch[q].end && ch[q].pend)
                fprintf(f, ") now ends %s %d, was %d", wk, ch[q].end, ch[q].pend);
            else
                fprintf(f, ") %s", ch[q].kind);
            if (it->started && it->remaining > 0)
                fprintf(f, ", %s h left", RPT_NUM(it->remaining));
            any = 1;
        }
    }
}

/* One line per gate whose passed week changed; 1 when any did. */
static int gate_lines(FILE *f, const op_plan *p, const op_eval *e, const op_run *prev,
                      const change *ch, int n)
{
    const char *wk = rpt_period(p, 0);
    int changed = 0;
    for (int g = 0; g < op_plan_gate_count(p); g++) {
        const op_gate *ga = op_plan_gate(p, g);
        const char *pw = op_run_get(prev, OP_RUN_GATE, ga->id, 1);
        int was = week_of(pw), now = op_eval_gate(e, g)->passed_week;
        if (!pw || was == now)
            continue;
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
        gate_items(f, p, g, was, now, ch, n);
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

int rpt_changes_section(FILE *f, const op_plan *p, const op_eval *e, const op_run *prev)
{
    change *ch;
    int n = list_changes(p, e, prev, &ch);
    if (n < 0)
        return -1;
    const char *wks = rpt_period(p, 1);
    fprintf(f, "\n## What changed since the previous plan\n\n");
    if (!gate_lines(f, p, e, prev, ch, n))
        fprintf(f, "- no gate moved\n");
    if (!n)
        fprintf(f, "\nNo changes: every item keeps its %s.\n", wks);
    else
        fprintf(f, "\n| item | change | was (%s) | now (%s) | moved |\n|---|---|---|---|---|\n",
                wks, wks);
    for (int k = 0; k < n; k++) {
        char was[32], now[32];
        week_range(was, sizeof was, ch[k].pstart, ch[k].pend);
        week_range(now, sizeof now, ch[k].start, ch[k].end);
        fprintf(f, "| ");
        rpt_md(f, ch[k].id);
        fprintf(f, " | %s | %s | %s | ", ch[k].kind, was, now);
        if (ch[k].pend && ch[k].end)
            fprintf(f, "%+d |\n", ch[k].end - ch[k].pend);
        else
            fprintf(f, " |\n");
    }
    free(ch);
    return ferror(f) ? -1 : 0;
}
