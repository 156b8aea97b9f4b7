/* sweep.c - sweep.csv and sweep.md: what-if scenarios ranked, showing the work each drops */
#include <stdio.h>
#include <stdlib.h>

#include "internal.h"

/* A scenario with no report: no plan meets its hard constraints. */
static int no_plan(const op_run *r) { return !op_run_get(r, OP_RUN_METRIC, "total_lateness", 0); }

/* Must-haves (decision = must) of p that run r did not schedule: its
   schedule.csv gives them no start week, as op_eval counts them out of
   items_scheduled. Prints up to max of their ids to f (when f) after
   lead, comma-separated; returns how many there are. */
static int musts_deferred(const op_plan *p, const op_run *r, FILE *f, const char *lead, int max)
{
    int n = 0;
    for (int i = 0; i < op_plan_item_count(p); i++) {
        const op_item *it = op_plan_item(p, i);
        const char *start = op_run_get(r, OP_RUN_ITEM, it->id, 0);
        if (it->decision != OP_DECISION_MUST || (start && start[0]))
            continue;
        if (f && n < max) {
            fputs(n ? ", " : lead, f);
            rpt_md(f, it->id);
        }
        n++;
    }
    if (f && n > max)
        fprintf(f, " and %d more", n - max);
    return n;
}

/* Scenarios with a plan first; then more gates met, fewer must-haves
   deferred, more items scheduled, less lateness, lower cost; ties in
   scenario order, so the ranking is total and deterministic. */
int rpt_sweep_rank_cmp(const void *a, const void *b)
{
    const rpt_sweep_rank *x = a, *y = b;
    if (x->no_plan != y->no_plan)
        return x->no_plan ? 1 : -1;
    if (x->gates_met != y->gates_met)
        return x->gates_met > y->gates_met ? -1 : 1;
    if (x->must_deferred != y->must_deferred)
        return x->must_deferred < y->must_deferred ? -1 : 1;
    if (x->items_scheduled != y->items_scheduled)
        return x->items_scheduled > y->items_scheduled ? -1 : 1;
    if (x->lateness != y->lateness)
        return x->lateness < y->lateness ? -1 : 1;
    if (x->cost != y->cost)
        return x->cost < y->cost ? -1 : 1;
    return x->scenario < y->scenario ? -1 : (x->scenario > y->scenario);
}

/* The plan, the runs, their scenarios, the ranking and the union of gates. */
typedef struct sweep_ctx {
    const op_plan *p;
    op_run *const *runs;
    const op_report_scenario *sc;
    const int *order; /* scenarios best first */
    const int *musts; /* must-haves each scenario deferred, by scenario */
    int decided;      /* some item is a must or should-have: a Go week can be reached */
    int n;
    const char **gates;
    int ng;
    int forecast; /* some scenario has forecast.csv: P80 and chances shown */
} sweep_ctx;

/* sweep.csv's columns before one per gate; figures start at FIGURES. New
   columns go after the old ones, so readers by position keep working. */
static const char *const cols[] = {
    "scenario",        "role",           "delta",         "from_week",
    "gates_met",       "total_lateness", "lateness_removed", "last_week",
    "team_cost",       "cost_change",    "items_scheduled", "items_deferred",
    "must_deferred",   "first_go_week"};
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
        rc = rpt_cell(f, h, g == c->ng - 1 && !c->forecast);
    }
    for (int g = 0; c->forecast && g < c->ng && !rc; g++) { /* forecasts: after the old columns */
        char h[300], h2[300];
        snprintf(h, sizeof h, "%s_p80_week", c->gates[g]);
        snprintf(h2, sizeof h2, "%s_on_time", c->gates[g]);
        rc = rpt_cell(f, h, 0) || rpt_cell(f, h2, g == c->ng - 1);
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
    double done = rpt_run_metric(r, "items_scheduled");
    rc = rc || rpt_cellnum(f, rpt_run_metric(r, "gates_met"), 0) || rpt_cellnum(f, late, 0) ||
         rpt_cellnum(f, rpt_run_metric(base, "total_lateness") - late, 0) ||
         rpt_cellnum(f, rpt_run_metric(r, "last_week"), 0) || rpt_cellnum(f, cost, 0) ||
         rpt_cellnum(f, cost - rpt_run_metric(base, "team_cost"), 0) ||
         rpt_cellnum(f, done, 0) || rpt_cellnum(f, rpt_run_metric(r, "items") - done, 0) ||
         rpt_cellnum(f, c->musts[s], 0) ||
         rpt_cell(f, rpt_run_val(r, OP_RUN_METRIC, "first_go_week", 0), last);
    for (int g = 0; g < c->ng && !rc; g++)
        rc = rpt_cell(f, rpt_run_val(r, OP_RUN_GATE, c->gates[g], 1), g == c->ng - 1 && !c->forecast);
    for (int g = 0; c->forecast && g < c->ng && !rc; g++)
        rc = rpt_cell(f, rpt_run_val(r, OP_RUN_FORECAST, c->gates[g], 0), 0) ||
             rpt_cell(f, rpt_run_val(r, OP_RUN_FORECAST, c->gates[g], 1), g == c->ng - 1);
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

/* The base plan's figures in one sentence. */
static void md_base(FILE *f, const sweep_ctx *c, const char *wk, const char *wks)
{
    const op_run *b = c->runs[0];
    fprintf(f, "Base plan: %s of %s gates met, %s %s of gate lateness, last %s %s, %s of %s "
               "items scheduled, ",
            rpt_run_val(b, OP_RUN_METRIC, "gates_met", 0),
            rpt_run_val(b, OP_RUN_METRIC, "gates", 0),
            rpt_run_val(b, OP_RUN_METRIC, "total_lateness", 0), wks, wk,
            rpt_run_val(b, OP_RUN_METRIC, "last_week", 0),
            rpt_run_val(b, OP_RUN_METRIC, "items_scheduled", 0),
            rpt_run_val(b, OP_RUN_METRIC, "items", 0));
    if (c->musts[0])
        fprintf(f, "%d must-have%s deferred, ", c->musts[0], c->musts[0] == 1 ? "" : "s");
    else
        fputs("no must-have deferred, ", f);
    const char *go = rpt_run_val(b, OP_RUN_METRIC, "first_go_week", 0);
    if (c->decided)
        fprintf(f, "first Go %s %s, ", wk, go[0] ? go : "never");
    fprintf(f, "team cost %s.\n\n", rpt_run_val(b, OP_RUN_METRIC, "team_cost", 0));
}

/* The base plan, the single hire that helps most, the roles that can give a
   person away at no loss (nothing more late, later, deferred or missed). */
static void md_intro(FILE *f, const sweep_ctx *c, const char *wk, const char *wks)
{
    op_run *const *runs = c->runs;
    const op_report_scenario *sc = c->sc;
    double bl = rpt_run_metric(runs[0], "total_lateness");
    double bw = rpt_run_metric(runs[0], "last_week");
    fprintf(f, "# optplan sweep: one person more or fewer per role\n\n");
    md_base(f, c, wk, wks);
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
        if (sc[s].delta < 0 && !no_plan(runs[s]) &&
            rpt_run_metric(runs[s], "total_lateness") <= bl &&
            rpt_run_metric(runs[s], "last_week") <= bw &&
            rpt_run_metric(runs[s], "gates_met") >= rpt_run_metric(runs[0], "gates_met") &&
            c->musts[s] <= c->musts[0] &&
            rpt_run_metric(runs[s], "items_scheduled") >=
                rpt_run_metric(runs[0], "items_scheduled")) {
            fprintf(f, "%s%s", free_any ? ", " : "Roles that can give a person away at no loss: ",
                    sc[s].role);
            free_any = 1;
        }
    fprintf(f, "%s\n\n", free_any ? "." : "No role can give a person away at no loss.");
}

/* The table's header: figures in ranking order, then the gates. */
static void md_header(FILE *f, const sweep_ctx *c, const char *wk)
{
    fputs("Scenarios are ranked by gates met (more first), then must-haves deferred (fewer "
          "first), items scheduled (more first), lateness (less first) and team cost (less "
          "first); ties keep scenario order and scenarios with no plan come last.\n\n",
          f);
    fprintf(f, "| scenario | gates met | musts deferred | scheduled | deferred | lateness | "
               "removed | last %s | Go %s | team cost | cost change |",
            wk, wk);
    for (int g = 0; g < c->ng; g++) {
        fputc(' ', f);
        rpt_md(f, c->gates[g]);
        fputs(" |", f);
    }
    fputs("\n|---|---|---|---|---|---|---|---|---|---|---|", f);
    for (int g = 0; g < c->ng; g++)
        fputs("---|", f);
    fputc('\n', f);
}

/* Scenario s's figures as table cells after its name. */
static void md_cells(FILE *f, const sweep_ctx *c, int s)
{
    const op_run *r = c->runs[s];
    double bl = rpt_run_metric(c->runs[0], "total_lateness");
    double bc = rpt_run_metric(c->runs[0], "team_cost");
    double late = rpt_run_metric(r, "total_lateness"), cost = rpt_run_metric(r, "team_cost");
    double done = rpt_run_metric(r, "items_scheduled");
    const char *go = rpt_run_val(r, OP_RUN_METRIC, "first_go_week", 0);
    fprintf(f, " | %s | %d | %s | %s |", RPT_NUM(rpt_run_metric(r, "gates_met")), c->musts[s],
            RPT_NUM(done), RPT_NUM(rpt_run_metric(r, "items") - done));
    if (!go[0]) /* never reaches Go, or no item is a must or should-have */
        go = c->decided ? "never" : "-";
    fprintf(f, " %s | %s | %s | %s | %s | %s |", RPT_NUM(late), RPT_NUM(bl - late),
            RPT_NUM(rpt_run_metric(r, "last_week")), go, RPT_NUM(cost), RPT_NUM(cost - bc));
    for (int g = 0; g < c->ng; g++) {
        const char *pw = rpt_run_val(r, OP_RUN_GATE, c->gates[g], 1);
        fprintf(f, " %s", pw[0] ? pw : "never");
        rpt_forecast_cell(f, r, c->gates[g]);
        fputs(" |", f);
    }
}

/* One table row per scenario, best first, then the must-haves each defers. */
static void md_table(FILE *f, const sweep_ctx *c, const char *wk)
{
    md_header(f, c, wk);
    for (int k = 0; k < c->n; k++) {
        int s = c->order[k];
        fputs("| ", f);
        rpt_md(f, c->sc[s].name);
        if (no_plan(c->runs[s])) {
            fputs(" | no plan | | | | | | | | | |", f);
            for (int g = 0; g < c->ng; g++)
                fputs(" |", f);
        } else {
            md_cells(f, c, s);
        }
        fputc('\n', f);
    }
    int any = 0;
    for (int k = 0; k < c->n; k++) {
        int s = c->order[k];
        if (no_plan(c->runs[s]) || !c->musts[s])
            continue;
        fputs(any ? "" : "\nMust-haves deferred:\n\n", f);
        fputs("- ", f);
        rpt_md(f, c->sc[s].name);
        musts_deferred(c->p, c->runs[s], f, ": ", 10);
        fputc('\n', f);
        any = 1;
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

op_status op_report_sweep(const char *dir, const op_plan *p, op_run *const *runs,
                          const op_report_scenario *sc, int n, op_diag *d)
{
    const char **gates = NULL;
    int ng = rpt_union_keys(runs, n, OP_RUN_GATE, &gates);
    rpt_sweep_rank *ranks = malloc(((size_t)n + 1) * sizeof *ranks);
    int *order = malloc(((size_t)n + 1) * sizeof *order);
    int *musts = malloc(((size_t)n + 1) * sizeof *musts);
    op_status st = OP_OK;
    if (ng < 0 || !ranks || !order || !musts) {
        op_diag_error(d, OP_ENOMEM, NULL, "out of memory");
        st = OP_ENOMEM;
        goto out;
    }
    for (int k = 0; k < n; k++) {
        musts[k] = no_plan(runs[k]) ? 0 : musts_deferred(p, runs[k], NULL, NULL, 0);
        ranks[k] = (rpt_sweep_rank){no_plan(runs[k]),
                                    (int)rpt_run_metric(runs[k], "gates_met"),
                                    musts[k],
                                    (int)rpt_run_metric(runs[k], "items_scheduled"),
                                    rpt_run_metric(runs[k], "total_lateness"),
                                    rpt_run_metric(runs[k], "team_cost"),
                                    k};
    }
    qsort(ranks, (size_t)n, sizeof *ranks, rpt_sweep_rank_cmp);
    for (int k = 0; k < n; k++)
        order[k] = ranks[k].scenario;
    int decided = 0;
    for (int i = 0; i < op_plan_item_count(p); i++)
        decided |= op_plan_item(p, i)->decision == OP_DECISION_MUST ||
                   op_plan_item(p, i)->decision == OP_DECISION_SHOULD;
    int forecast = 0;
    for (int k = 0; k < n; k++)
        forecast |= op_run_count(runs[k], OP_RUN_FORECAST) > 0;
    sweep_ctx sx = {p, runs, sc, order, musts, decided, n, gates, ng, forecast};
    st = rpt_write_file(dir, "sweep.csv", sweep_csv, &sx, d);
    if (st == OP_OK)
        st = rpt_write_file(dir, "sweep.md", sweep_md, &sx, d);
out:
    free(gates);
    free(ranks);
    free(order);
    free(musts);
    return st;
}
