/* sweep.c - sweep.csv and sweep.md: what-if scenarios ranked by benefit against the base */
#include <stdio.h>
#include <stdlib.h>

#include "internal.h"

/* A scenario with no report: no plan meets its hard constraints. */
static int no_plan(const op_run *r) { return !op_run_get(r, OP_RUN_METRIC, "total_lateness", 0); }

/* A scenario and the keys it is ranked by, so the comparator reads nothing else. */
typedef struct rank {
    int no_plan;
    double lateness, last_week, cost;
    int scenario;
} rank;

/* Most lateness removed first, then earliest last week, then cheapest;
   scenarios with no plan last; ties in scenario order. */
static int by_benefit(const void *a, const void *b)
{
    const rank *x = a, *y = b;
    if (x->no_plan != y->no_plan)
        return x->no_plan ? 1 : -1;
    if (x->lateness != y->lateness)
        return x->lateness < y->lateness ? -1 : 1;
    if (x->last_week != y->last_week)
        return x->last_week < y->last_week ? -1 : 1;
    if (x->cost != y->cost)
        return x->cost < y->cost ? -1 : 1;
    return x->scenario < y->scenario ? -1 : (x->scenario > y->scenario);
}

/* The runs, their scenarios, the ranking and the union of gates. */
typedef struct sweep_ctx {
    op_run *const *runs;
    const op_report_scenario *sc;
    const int *order; /* scenarios best first */
    int n;
    const char **gates;
    int ng;
} sweep_ctx;

/* sweep.csv's columns before one per gate; figures start at FIGURES */
static const char *const cols[] = {"scenario",  "role",           "delta",
                                   "from_week", "gates_met",      "total_lateness",
                                   "lateness_removed", "last_week", "team_cost",
                                   "cost_change"};
#define NCOLS ((int)(sizeof cols / sizeof cols[0]))
#define FIGURES 4

static int csv_header(FILE *f, const sweep_ctx *c)
{
    int rc = 0;
    for (int k = 0; k < NCOLS && !rc; k++)
        rc = rpt_cell(f, cols[k], c->ng == 0 && k == NCOLS - 1);
    for (int g = 0; g < c->ng && !rc; g++) {
        char h[300];
        snprintf(h, sizeof h, "%s_week", c->gates[g]);
        rc = rpt_cell(f, h, g == c->ng - 1);
    }
    return rc;
}

/* One scenario's row: its figures and gate weeks, or "no plan" and blanks. */
static int csv_row(FILE *f, const sweep_ctx *c, int s)
{
    const op_run *r = c->runs[s], *base = c->runs[0];
    const op_report_scenario *sc = &c->sc[s];
    int last = c->ng == 0; /* the last column is a figure when there is no gate */
    int rc = rpt_cell(f, sc->name, 0) || rpt_cell(f, sc->role ? sc->role : "", 0) ||
             rpt_cellnum(f, sc->delta, 0) || rpt_cellnum(f, sc->from_week, 0);
    if (no_plan(r)) {
        for (int col = FIGURES; col < NCOLS && !rc; col++)
            rc = rpt_cell(f, col == FIGURES ? "no plan" : "", last && col == NCOLS - 1);
        for (int g = 0; g < c->ng && !rc; g++)
            rc = rpt_cell(f, "", g == c->ng - 1);
        return rc;
    }
    double late = rpt_run_metric(r, "total_lateness"), cost = rpt_run_metric(r, "team_cost");
    rc = rc || rpt_cellnum(f, rpt_run_metric(r, "gates_met"), 0) || rpt_cellnum(f, late, 0) ||
         rpt_cellnum(f, rpt_run_metric(base, "total_lateness") - late, 0) ||
         rpt_cellnum(f, rpt_run_metric(r, "last_week"), 0) || rpt_cellnum(f, cost, 0) ||
         rpt_cellnum(f, cost - rpt_run_metric(base, "team_cost"), last);
    for (int g = 0; g < c->ng && !rc; g++)
        rc = rpt_cell(f, rpt_run_val(r, OP_RUN_GATE, c->gates[g], 1), g == c->ng - 1);
    return rc;
}

static int sweep_csv(FILE *f, const void *ctx)
{
    const sweep_ctx *c = ctx;
    int rc = csv_header(f, c);
    for (int k = 0; k < c->n && !rc; k++)
        rc = csv_row(f, c, c->order[k]);
    return rc || ferror(f) ? -1 : 0;
}

/* The base plan, the single hire that helps most, the roles that can give a
   person away at no loss. */
static void md_intro(FILE *f, const sweep_ctx *c, const char *wk, const char *wks)
{
    op_run *const *runs = c->runs;
    const op_report_scenario *sc = c->sc;
    double bl = rpt_run_metric(runs[0], "total_lateness");
    double bw = rpt_run_metric(runs[0], "last_week");
    fprintf(f, "# optplan sweep: one person more or fewer per role\n\n");
    fprintf(f, "Base plan: %s of %s gates met, %s %s of gate lateness, last %s %s, team cost "
               "%s.\n\n",
            rpt_run_val(runs[0], OP_RUN_METRIC, "gates_met", 0),
            rpt_run_val(runs[0], OP_RUN_METRIC, "gates", 0),
            rpt_run_val(runs[0], OP_RUN_METRIC, "total_lateness", 0), wks, wk,
            rpt_run_val(runs[0], OP_RUN_METRIC, "last_week", 0),
            rpt_run_val(runs[0], OP_RUN_METRIC, "team_cost", 0));
    int best = -1;
    for (int k = 0; k < c->n && best < 0; k++)
        if (c->order[k] != 0 && sc[c->order[k]].delta > 0 &&
            rpt_run_metric(runs[c->order[k]], "total_lateness") < bl)
            best = c->order[k];
    if (best >= 0)
        fprintf(f, "**The single hire that helps most: %+g %s from week %d** removes %s %s of "
                   "gate lateness (%s -> %s), last %s %s.\n\n",
                sc[best].delta, sc[best].role, sc[best].from_week,
                RPT_NUM(bl - rpt_run_metric(runs[best], "total_lateness")), wks, RPT_NUM(bl),
                RPT_NUM(rpt_run_metric(runs[best], "total_lateness")), wk,
                RPT_NUM(rpt_run_metric(runs[best], "last_week")));
    else
        fprintf(f, "No single extra person removes any gate lateness.\n\n");
    int free_any = 0;
    for (int s = 1; s < c->n; s++)
        if (sc[s].delta < 0 && rpt_run_metric(runs[s], "total_lateness") <= bl &&
            rpt_run_metric(runs[s], "last_week") <= bw &&
            rpt_run_metric(runs[s], "items_scheduled") >=
                rpt_run_metric(runs[0], "items_scheduled")) {
            fprintf(f, "%s%s", free_any ? ", " : "Roles that can give a person away at no loss: ",
                    sc[s].role);
            free_any = 1;
        }
    fprintf(f, "%s\n\n", free_any ? "." : "No role can give a person away at no loss.");
}

/* One table row per scenario, best first. */
static void md_table(FILE *f, const sweep_ctx *c, const char *wk)
{
    double bl = rpt_run_metric(c->runs[0], "total_lateness");
    double bc = rpt_run_metric(c->runs[0], "team_cost");
    fprintf(f, "| scenario | gates met | lateness | removed | last %s | team cost | cost change |",
            wk);
    for (int g = 0; g < c->ng; g++) {
        fputc(' ', f);
        rpt_md(f, c->gates[g]);
        fputs(" |", f);
    }
    fputs("\n|---|---|---|---|---|---|---|", f);
    for (int g = 0; g < c->ng; g++)
        fputs("---|", f);
    fputc('\n', f);
    for (int k = 0; k < c->n; k++) {
        const op_run *r = c->runs[c->order[k]];
        fputs("| ", f);
        rpt_md(f, c->sc[c->order[k]].name);
        if (no_plan(r)) {
            fputs(" | no plan | | | | | |", f);
            for (int g = 0; g < c->ng; g++)
                fputs(" |", f);
            fputc('\n', f);
            continue;
        }
        double late = rpt_run_metric(r, "total_lateness"), cost = rpt_run_metric(r, "team_cost");
        fprintf(f, " | %s | %s | %s | %s | %s | %s |", RPT_NUM(rpt_run_metric(r, "gates_met")),
                RPT_NUM(late), RPT_NUM(bl - late), RPT_NUM(rpt_run_metric(r, "last_week")),
                RPT_NUM(cost), RPT_NUM(cost - bc));
        for (int g = 0; g < c->ng; g++) {
            const char *pw = rpt_run_val(r, OP_RUN_GATE, c->gates[g], 1);
            fprintf(f, " %s |", pw[0] ? pw : "never");
        }
        fputc('\n', f);
    }
}

static int sweep_md(FILE *f, const void *ctx)
{
    const sweep_ctx *c = ctx;
    /* every scenario plans in the base plan's period; from_week stays the
       --from-week option, which counts weeks */
    op_period per = OP_PERIOD_WEEK;
    for (int s = 0; s < c->n; s++)
        if (rpt_run_period(c->runs[s]) == OP_PERIOD_DAY)
            per = OP_PERIOD_DAY;
    const char *wk = op_period_word(per, 0), *wks = op_period_word(per, 1);
    md_intro(f, c, wk, wks);
    md_table(f, c, wk);
    return ferror(f) ? -1 : 0;
}

op_status op_report_sweep(const char *dir, op_run *const *runs, const op_report_scenario *sc,
                          int n, op_diag *d)
{
    const char **gates = NULL;
    int ng = rpt_union_keys(runs, n, OP_RUN_GATE, &gates);
    rank *ranks = malloc(((size_t)n + 1) * sizeof *ranks);
    int *order = malloc(((size_t)n + 1) * sizeof *order);
    op_status st = OP_OK;
    if (ng < 0 || !ranks || !order) {
        op_diag_error(d, OP_ENOMEM, NULL, "out of memory");
        st = OP_ENOMEM;
        goto out;
    }
    for (int k = 0; k < n; k++)
        ranks[k] = (rank){no_plan(runs[k]), rpt_run_metric(runs[k], "total_lateness"),
                          rpt_run_metric(runs[k], "last_week"),
                          rpt_run_metric(runs[k], "team_cost"), k};
    qsort(ranks, (size_t)n, sizeof *ranks, by_benefit);
    for (int k = 0; k < n; k++)
        order[k] = ranks[k].scenario;
    sweep_ctx sx = {runs, sc, order, n, gates, ng};
    st = rpt_write_file(dir, "sweep.csv", sweep_csv, &sx, d);
    if (st == OP_OK)
        st = rpt_write_file(dir, "sweep.md", sweep_md, &sx, d);
out:
    free(gates);
    free(ranks);
    free(order);
    return st;
}
