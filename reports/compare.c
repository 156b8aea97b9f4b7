/* compare.c - comparison.md and comparison.csv: several report directories side by side */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

/* Markdown cell text: pipes and newlines escaped, HTML defused. */
static void md(FILE *f, const char *s)
{
    for (; *s; s++) {
        if (*s == '|')
            fputs("\\|", f);
        else if (*s == '\n' || *s == '\r')
            fputc(' ', f);
        else if (*s == '<')
            fputs("&lt;", f);
        else if (*s == '>')
            fputs("&gt;", f);
        else if (*s == '&')
            fputs("&amp;", f);
        else
            fputc(*s, f);
    }
}

/* Keys of part in first-seen order over all runs (first run's order first). */
static int union_keys(op_run *const *runs, int n, op_run_part part, const char ***out)
{
    int cap = 0, m = 0;
    for (int k = 0; k < n; k++)
        cap += op_run_count(runs[k], part);
    const char **keys = malloc(((size_t)cap + 1) * sizeof *keys);
    if (!keys)
        return -1;
    for (int k = 0; k < n; k++)
        for (int j = 0; j < op_run_count(runs[k], part); j++) {
            const char *key = op_run_key(runs[k], part, j);
            int seen = 0;
            for (int q = 0; q < m && !seen; q++)
                seen = strcmp(keys[q], key) == 0;
            if (!seen)
                keys[m++] = key;
        }
    *out = keys;
    return m;
}

static const char *val(const op_run *r, op_run_part part, const char *key, int which)
{
    const char *v = op_run_get(r, part, key, which);
    return v ? v : "";
}

/* The period a run read back counts: a day plan's summary.csv says "period,day". */
static op_period run_period(const op_run *r)
{
    const char *v = op_run_get(r, OP_RUN_METRIC, "period", 0);
    return v && strcmp(v, "day") == 0 ? OP_PERIOD_DAY : OP_PERIOD_WEEK;
}

static int write_csv(FILE *f, op_run *const *runs, int n, const char **gates, int ng,
                     const char **metrics, int nm, const char **items, int ni)
{
    int rc = rpt_cell(f, "what", 0) | rpt_cell(f, "key", 0);
    for (int k = 0; k < n; k++)
        rc |= rpt_cell(f, op_run_label(runs[k]), k == n - 1);
    for (int g = 0; g < ng; g++) {
        rc |= rpt_cell(f, "gate_passed_week", 0) | rpt_cell(f, gates[g], 0);
        for (int k = 0; k < n; k++)
            rc |= rpt_cell(f, val(runs[k], OP_RUN_GATE, gates[g], 1), k == n - 1);
    }
    for (int m = 0; m < nm; m++) {
        rc |= rpt_cell(f, "metric", 0) | rpt_cell(f, metrics[m], 0);
        for (int k = 0; k < n; k++)
            rc |= rpt_cell(f, val(runs[k], OP_RUN_METRIC, metrics[m], 0), k == n - 1);
    }
    for (int i = 0; i < ni; i++) {
        rc |= rpt_cell(f, "item_end_week", 0) | rpt_cell(f, items[i], 0);
        for (int k = 0; k < n; k++)
            rc |= rpt_cell(f, val(runs[k], OP_RUN_ITEM, items[i], 1), k == n - 1);
    }
    return rc || ferror(f) ? -1 : 0;
}

static void header(FILE *f, const char *first, op_run *const *runs, int n)
{
    fprintf(f, "| %s |", first);
    for (int k = 0; k < n; k++) {
        fputc(' ', f);
        md(f, op_run_label(runs[k]));
        fputs(" |", f);
    }
    fputs("\n|---|", f);
    for (int k = 0; k < n; k++)
        fputs("---|", f);
    fputc('\n', f);
}

static int write_md(FILE *f, op_run *const *runs, int n, const char **gates, int ng,
                    const char **metrics, int nm, const char **items, int ni)
{
    /* headings name the period of the first run, which the others are measured against */
    op_period per = run_period(runs[0]);
    const char *wk = op_period_word(per, 0), *wks = op_period_word(per, 1);
    fprintf(f, "# optplan comparison of %d plans\n\n## Gates (%s passed, deadline)\n\n", n, wk);
    header(f, "gate", runs, n);
    for (int g = 0; g < ng; g++) {
        fputs("| ", f);
        md(f, gates[g]);
        fputs(" |", f);
        for (int k = 0; k < n; k++) {
            const char *pw = op_run_get(runs[k], OP_RUN_GATE, gates[g], 1);
            const char *dl = op_run_get(runs[k], OP_RUN_GATE, gates[g], 0);
            if (!pw)
                fputs(" - |", f);
            else {
                if (pw[0])
                    fprintf(f, " %s ", op_period_word(run_period(runs[k]), 0));
                else
                    fputs(" never", f);
                md(f, pw);
                fputs(" (", f);
                md(f, dl ? dl : "");
                fputs(") |", f);
            }
        }
        fputc('\n', f);
    }
    fputs("\n## Figures\n\n", f);
    header(f, "metric", runs, n);
    for (int m = 0; m < nm; m++) {
        fputs("| ", f);
        md(f, metrics[m]);
        fputs(" |", f);
        for (int k = 0; k < n; k++) {
            fputc(' ', f);
            md(f, val(runs[k], OP_RUN_METRIC, metrics[m], 0));
            fputs(" |", f);
        }
        fputc('\n', f);
    }
    fprintf(f, "\n## Items that moved (end %s; moved = %s against ", wk, wks);
    md(f, op_run_label(runs[0]));
    fputs(")\n\n", f);
    header(f, "item", runs, n);
    int moved = 0;
    for (int i = 0; i < ni; i++) {
        const char *e0 = val(runs[0], OP_RUN_ITEM, items[i], 1);
        int differs = 0;
        for (int k = 1; k < n; k++)
            differs |= strcmp(e0, val(runs[k], OP_RUN_ITEM, items[i], 1)) != 0;
        if (!differs)
            continue;
        moved++;
        fputs("| ", f);
        md(f, items[i]);
        fputs(" |", f);
        for (int k = 0; k < n; k++) {
            const char *e = val(runs[k], OP_RUN_ITEM, items[i], 1);
            op_period pk = run_period(runs[k]);
            if (!e[0])
                fputs(" not scheduled |", f);
            else if (k == 0 || !e0[0] || pk != per) /* no difference of days and weeks */
                fprintf(f, " %s %s |", op_period_word(pk, 0), e);
            else
                fprintf(f, " %s %s (%+d) |", op_period_word(pk, 0), e, atoi(e) - atoi(e0));
        }
        fputc('\n', f);
    }
    if (!moved)
        fputs("\nNo item moved.\n", f);
    return ferror(f) ? -1 : 0;
}

typedef struct compare_ctx {
    op_run *const *runs;
    int n;
    const char **gates;
    int ng;
    const char **metrics;
    int nm;
    const char **items;
    int ni;
} compare_ctx;

static int compare_csv(FILE *f, const void *ctx)
{
    const compare_ctx *c = ctx;
    return write_csv(f, c->runs, c->n, c->gates, c->ng, c->metrics, c->nm, c->items, c->ni);
}

static int compare_md(FILE *f, const void *ctx)
{
    const compare_ctx *c = ctx;
    return write_md(f, c->runs, c->n, c->gates, c->ng, c->metrics, c->nm, c->items, c->ni);
}

op_status op_report_compare(const char *dir, op_run *const *runs, int n, op_diag *d)
{
    const char **gates = NULL, **metrics = NULL, **items = NULL;
    int ng = union_keys(runs, n, OP_RUN_GATE, &gates);
    int nm = union_keys(runs, n, OP_RUN_METRIC, &metrics);
    int ni = union_keys(runs, n, OP_RUN_ITEM, &items);
    op_status st = OP_OK;
    if (ng < 0 || nm < 0 || ni < 0) {
        op_diag_error(d, OP_ENOMEM, NULL, "out of memory");
        st = OP_ENOMEM;
        goto out;
    }
    compare_ctx cc = {runs, n, gates, ng, metrics, nm, items, ni};
    st = rpt_write_file(dir, "comparison.csv", compare_csv, &cc, d);
    if (st == OP_OK)
        st = rpt_write_file(dir, "comparison.md", compare_md, &cc, d);
out:
    free(gates);
    free(metrics);
    free(items);
    return st;
}

/* ---- sweep ---------------------------------------------------------- */

static double metric(const op_run *r, const char *key)
{
    const char *v = op_run_get(r, OP_RUN_METRIC, key, 0);
    return v && v[0] ? atof(v) : 0;
}

static op_run *const *sort_runs;

/* A scenario with no report: no plan meets its hard constraints. */
static int no_plan(const op_run *r) { return !op_run_get(r, OP_RUN_METRIC, "total_lateness", 0); }

/* Most lateness removed first, then earliest last week, then cheapest;
   scenarios with no plan last. */
static int by_benefit(const void *a, const void *b)
{
    int i = *(const int *)a, j = *(const int *)b;
    if (no_plan(sort_runs[i]) != no_plan(sort_runs[j]))
        return no_plan(sort_runs[i]) ? 1 : -1;
    double li = metric(sort_runs[i], "total_lateness"), lj = metric(sort_runs[j], "total_lateness");
    if (li != lj)
        return li < lj ? -1 : 1;
    double wi = metric(sort_runs[i], "last_week"), wj = metric(sort_runs[j], "last_week");
    if (wi != wj)
        return wi < wj ? -1 : 1;
    double ci = metric(sort_runs[i], "team_cost"), cj = metric(sort_runs[j], "team_cost");
    if (ci != cj)
        return ci < cj ? -1 : 1;
    return i < j ? -1 : (i > j);
}

static int sweep_csv(FILE *f, op_run *const *runs, const op_report_scenario *sc, const int *order,
                     int n, const char **gates, int ng)
{
    static const char *const cols[] = {"scenario",  "role",           "delta",
                                       "from_week", "gates_met",      "total_lateness",
                                       "lateness_removed", "last_week", "team_cost",
                                       "cost_change"};
    int nc = (int)(sizeof cols / sizeof cols[0]);
    int rc = 0;
    for (int k = 0; k < nc; k++)
        rc |= rpt_cell(f, cols[k], ng == 0 && k == nc - 1);
    for (int g = 0; g < ng; g++) {
        char h[300];
        snprintf(h, sizeof h, "%s_week", gates[g]);
        rc |= rpt_cell(f, h, g == ng - 1);
    }
    double bl = metric(runs[0], "total_lateness"), bc = metric(runs[0], "team_cost");
    for (int k = 0; k < n; k++) {
        int s = order[k];
        const op_run *r = runs[s];
        if (no_plan(r)) {
            rc |= rpt_cell(f, sc[s].name, 0) | rpt_cell(f, sc[s].role ? sc[s].role : "", 0) |
                  rpt_cellnum(f, sc[s].delta, 0) | rpt_cellnum(f, sc[s].from_week, 0);
            for (int col = 4; col < nc; col++)
                rc |= rpt_cell(f, col == 4 ? "no plan" : "", ng == 0 && col == nc - 1);
            for (int g = 0; g < ng; g++)
                rc |= rpt_cell(f, "", g == ng - 1);
            continue;
        }
        rc |= rpt_cell(f, sc[s].name, 0) | rpt_cell(f, sc[s].role ? sc[s].role : "", 0) |
              rpt_cellnum(f, sc[s].delta, 0) | rpt_cellnum(f, sc[s].from_week, 0) |
              rpt_cellnum(f, metric(r, "gates_met"), 0) |
              rpt_cellnum(f, metric(r, "total_lateness"), 0) |
              rpt_cellnum(f, bl - metric(r, "total_lateness"), 0) |
              rpt_cellnum(f, metric(r, "last_week"), 0) | rpt_cellnum(f, metric(r, "team_cost"), 0) |
              rpt_cellnum(f, metric(r, "team_cost") - bc, ng == 0);
        for (int g = 0; g < ng; g++)
            rc |= rpt_cell(f, val(r, OP_RUN_GATE, gates[g], 1), g == ng - 1);
    }
    return rc || ferror(f) ? -1 : 0;
}

static int sweep_md(FILE *f, op_run *const *runs, const op_report_scenario *sc, const int *order,
                    int n, const char **gates, int ng)
{
    double bl = metric(runs[0], "total_lateness"), bw = metric(runs[0], "last_week");
    double bc = metric(runs[0], "team_cost");
    /* every scenario plans in the base plan's period; from_week stays the
       --from-week option, which counts weeks */
    op_period per = OP_PERIOD_WEEK;
    for (int s = 0; s < n; s++)
        if (run_period(runs[s]) == OP_PERIOD_DAY)
            per = OP_PERIOD_DAY;
    const char *wk = op_period_word(per, 0), *wks = op_period_word(per, 1);
    fprintf(f, "# optplan sweep: one person more or fewer per role\n\n");
    fprintf(f, "Base plan: %s of %s gates met, %s %s of gate lateness, last %s %s, team cost "
               "%s.\n\n",
            val(runs[0], OP_RUN_METRIC, "gates_met", 0), val(runs[0], OP_RUN_METRIC, "gates", 0),
            val(runs[0], OP_RUN_METRIC, "total_lateness", 0), wks, wk,
            val(runs[0], OP_RUN_METRIC, "last_week", 0), val(runs[0], OP_RUN_METRIC, "team_cost", 0));
    int best = -1;
    for (int k = 0; k < n && best < 0; k++)
        if (order[k] != 0 && sc[order[k]].delta > 0 &&
            metric(runs[order[k]], "total_lateness") < bl)
            best = order[k];
    if (best >= 0)
        fprintf(f, "**The single hire that helps most: %+g %s from week %d** removes %s %s of "
                   "gate lateness (%s -> %s), last %s %s.\n\n",
                sc[best].delta, sc[best].role, sc[best].from_week,
                RPT_NUM(bl - metric(runs[best], "total_lateness")), wks, RPT_NUM(bl),
                RPT_NUM(metric(runs[best], "total_lateness")), wk,
                RPT_NUM(metric(runs[best], "last_week")));
    else
        fprintf(f, "No single extra person removes any gate lateness.\n\n");
    int free_any = 0;
    for (int s = 1; s < n; s++)
        if (sc[s].delta < 0 && metric(runs[s], "total_lateness") <= bl &&
            metric(runs[s], "last_week") <= bw &&
            metric(runs[s], "items_scheduled") >= metric(runs[0], "items_scheduled")) {
            fprintf(f, "%s%s", free_any ? ", " : "Roles that can give a person away at no loss: ",
                    sc[s].role);
            free_any = 1;
        }
    fprintf(f, "%s\n\n| scenario | gates met | lateness | removed | last %s | team cost | "
               "cost change |",
            free_any ? "." : "No role can give a person away at no loss.", wk);
    for (int g = 0; g < ng; g++) {
        fputc(' ', f);
        md(f, gates[g]);
        fputs(" |", f);
    }
    fputs("\n|---|---|---|---|---|---|---|", f);
    for (int g = 0; g < ng; g++)
        fputs("---|", f);
    fputc('\n', f);
    for (int k = 0; k < n; k++) {
        int s = order[k];
        const op_run *r = runs[s];
        fputs("| ", f);
        md(f, sc[s].name);
        if (no_plan(r)) {
            fputs(" | no plan | | | | | |", f);
            for (int g = 0; g < ng; g++)
                fputs(" |", f);
            fputc('\n', f);
            continue;
        }
        fprintf(f, " | %s | %s | %s | %s | %s | %s |", RPT_NUM(metric(r, "gates_met")),
                RPT_NUM(metric(r, "total_lateness")), RPT_NUM(bl - metric(r, "total_lateness")),
                RPT_NUM(metric(r, "last_week")), RPT_NUM(metric(r, "team_cost")),
                RPT_NUM(metric(r, "team_cost") - bc));
        for (int g = 0; g < ng; g++) {
            const char *pw = val(r, OP_RUN_GATE, gates[g], 1);
            fprintf(f, " %s |", pw[0] ? pw : "never");
        }
        fputc('\n', f);
    }
    return ferror(f) ? -1 : 0;
}

typedef struct sweep_ctx {
    op_run *const *runs;
    const op_report_scenario *sc;
    const int *order;
    int n;
    const char **gates;
    int ng;
} sweep_ctx;

static int sweep_csv_file(FILE *f, const void *ctx)
{
    const sweep_ctx *c = ctx;
    return sweep_csv(f, c->runs, c->sc, c->order, c->n, c->gates, c->ng);
}

static int sweep_md_file(FILE *f, const void *ctx)
{
    const sweep_ctx *c = ctx;
    return sweep_md(f, c->runs, c->sc, c->order, c->n, c->gates, c->ng);
}

op_status op_report_sweep(const char *dir, op_run *const *runs, const op_report_scenario *sc,
                          int n, op_diag *d)
{
    const char **gates = NULL;
    int ng = union_keys(runs, n, OP_RUN_GATE, &gates);
    int *order = malloc(((size_t)n + 1) * sizeof *order);
    op_status st = OP_OK;
    if (ng < 0 || !order) {
        op_diag_error(d, OP_ENOMEM, NULL, "out of memory");
        st = OP_ENOMEM;
        goto out;
    }
    for (int k = 0; k < n; k++)
        order[k] = k;
    sort_runs = runs;
    qsort(order, (size_t)n, sizeof *order, by_benefit);
    sweep_ctx sx = {runs, sc, order, n, gates, ng};
    st = rpt_write_file(dir, "sweep.csv", sweep_csv_file, &sx, d);
    if (st == OP_OK)
        st = rpt_write_file(dir, "sweep.md", sweep_md_file, &sx, d);
out:
    free(gates);
    free(order);
    return st;
}

/* ---- what changed since the previous plan ------------------------------ */

typedef struct change {
    int item;              /* -1: removed item, named by id */
    const char *id;
    const char *kind;      /* moved, new, removed, done, deferred, scheduled */
    int pstart, pend, start, end;
} change;

/* Lists the changes of the plan against prev into ch (at most ni + nprev). */
static int list_changes(const op_plan *p, const op_eval *e, const op_run *prev, change *ch)
{
    int n = 0;
    for (int i = 0; i < op_plan_item_count(p); i++) {
        const op_item *it = op_plan_item(p, i);
        const op_item_eval *ie = op_eval_item(e, i);
        const char *ps = op_run_get(prev, OP_RUN_ITEM, it->id, 0);
        const char *pe = op_run_get(prev, OP_RUN_ITEM, it->id, 1);
        change c = {i, it->id, NULL, ps && ps[0] ? atoi(ps) : 0, pe && pe[0] ? atoi(pe) : 0,
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
            c.kind = "moved";
        if (it->done)
            c.start = c.end = 0;
        if (c.kind)
            ch[n++] = c;
    }
    for (int k = 0; k < op_run_count(prev, OP_RUN_ITEM); k++) {
        const char *id = op_run_key(prev, OP_RUN_ITEM, k);
        if (op_plan_find_item(p, id) < 0) {
            const char *ps = op_run_get(prev, OP_RUN_ITEM, id, 0);
            const char *pe = op_run_get(prev, OP_RUN_ITEM, id, 1);
            ch[n++] = (change){-1, id, "removed", ps && ps[0] ? atoi(ps) : 0,
                               pe && pe[0] ? atoi(pe) : 0, 0, 0};
        }
    }
    return n;
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

int rpt_write_changes_csv(FILE *f, const op_plan *p, const op_eval *e, const op_run *prev)
{
    size_t cap = (size_t)op_plan_item_count(p) + (size_t)op_run_count(prev, OP_RUN_ITEM) + 1;
    change *ch = malloc(cap * sizeof *ch);
    if (!ch)
        return -1;
    int n = list_changes(p, e, prev, ch);
    int rc = fputs("id,change,previous_start,previous_end,start_week,end_week,moved_weeks\n", f) < 0;
    for (int k = 0; k < n; k++) {
        const change *c = &ch[k];
        rc |= rpt_cell(f, c->id, 0) | rpt_cell(f, c->kind, 0);
        rc |= c->pstart ? rpt_cellnum(f, c->pstart, 0) : rpt_cell(f, "", 0);
        rc |= c->pend ? rpt_cellnum(f, c->pend, 0) : rpt_cell(f, "", 0);
        rc |= c->start ? rpt_cellnum(f, c->start, 0) : rpt_cell(f, "", 0);
        rc |= c->end ? rpt_cellnum(f, c->end, 0) : rpt_cell(f, "", 0);
        rc |= c->pend && c->end ? rpt_cellnum(f, c->end - c->pend, 1) : rpt_cell(f, "", 1);
    }
    free(ch);
    return rc || ferror(f) ? -1 : 0;
}

void rpt_changes_section(FILE *f, const op_plan *p, const op_eval *e, const op_run *prev)
{
    fprintf(f, "\n## What changed since the previous plan\n\n");
    size_t cap = (size_t)op_plan_item_count(p) + (size_t)op_run_count(prev, OP_RUN_ITEM) + 1;
    change *ch = malloc(cap * sizeof *ch);
    if (!ch)
        return;
    int n = list_changes(p, e, prev, ch);
    int gchanged = 0;
    const char *wk = rpt_period(p, 0), *wks = rpt_period(p, 1);
    for (int g = 0; g < op_plan_gate_count(p); g++) {
        const op_gate *ga = op_plan_gate(p, g);
        const op_gate_eval *ge = op_eval_gate(e, g);
        const char *pw = op_run_get(prev, OP_RUN_GATE, ga->id, 1);
        int was = pw && pw[0] ? atoi(pw) : 0, now = ge->passed_week;
        if (!pw || was == now)
            continue;
        gchanged = 1;
        fprintf(f, "- gate ");
        md(f, ga->id);
        if (!now)
            fprintf(f, " is no longer passed (was %s %d)", wk, was);
        else if (!was)
            fprintf(f, " now passes in %s %d (was not passed)", wk, now);
        else
            fprintf(f, " %s: %s %d, was %s %d", now > was ? "slipped" : "gained", wk, now, wk, was);
        /* the items behind it: exit items whose end moved the same way */
        int any = 0;
        for (int k = 0; k < ga->nitems; k++) {
            int i = ga->items[k].index;
            for (int q = 0; q < n; q++) {
                if (ch[q].item != i || !ch[q].kind || strcmp(ch[q].kind, "done early") == 0)
                    continue;
                if (now > was && ch[q].end <= ch[q].pend && ch[q].end)
                    continue;
                const op_item *it = op_plan_item(p, i);
                fprintf(f, "%s", any ? "; " : ": ");
                md(f, it->id);
                fprintf(f, " (");
                md(f, op_plan_role(p, it->role.index)->name);
                if (ch[q].end && ch[q].pend)
                    fprintf(f, ") now ends %s %d, was %d", wk, ch[q].end, ch[q].pend);
                else
                    fprintf(f, ") %s", ch[q].kind);
                if (it->started && it->remaining > 0)
                    fprintf(f, ", %s h left", RPT_NUM(it->remaining));
                any = 1;
            }
        }
        fprintf(f, "\n");
    }
    if (!gchanged)
        fprintf(f, "- no gate moved\n");
    if (!n) {
        fprintf(f, "\nNo changes: every item keeps its %s.\n", wks);
        free(ch);
        return;
    }
    fprintf(f, "\n| item | change | was (%s) | now (%s) | moved |\n|---|---|---|---|---|\n", wks, wks);
    for (int k = 0; k < n; k++) {
        char was[32], now[32];
        week_range(was, sizeof was, ch[k].pstart, ch[k].pend);
        week_range(now, sizeof now, ch[k].start, ch[k].end);
        fprintf(f, "| ");
        md(f, ch[k].id);
        fprintf(f, " | %s | %s | %s | ", ch[k].kind, was, now);
        if (ch[k].pend && ch[k].end)
            fprintf(f, "%+d |\n", ch[k].end - ch[k].pend);
        else
            fprintf(f, " |\n");
    }
    free(ch);
}
