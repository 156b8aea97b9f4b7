/* forecast.c - what the forecast found: gate weeks by chance (P50/P80/P95), criticality, the S-curves */
#include <stdio.h>
#include <stdlib.h>

#include "internal.h"

/* A week as a cell (with its Friday's date when the plan has a start
   date); for 0, none, the word given. */
static void md_week(FILE *f, const op_plan *p, int w, const char *none)
{
    const char *date = RPT_DATE(p, w, 1);
    if (w && date[0])
        fprintf(f, " %d (%s) |", w, date);
    else if (w)
        fprintf(f, " %d |", w);
    else
        fprintf(f, " %s |", none);
}

/* What a quantile of 0 means: the plan itself never passes the gate (an
   exit item it leaves out: no scenario runs it), or that share of
   scenarios did not get there within a closed team's weeks, or never. */
static const char *not_reached(const op_plan *p, int planned, char *buf, size_t n)
{
    int last = op_plan_last_capacity_week(p);
    if (!planned)
        snprintf(buf, n, "never (not planned)");
    else if (last < OP_MAX_WEEK)
        snprintf(buf, n, "after %d", last);
    else
        snprintf(buf, n, "never");
    return buf;
}

/* Items by criticality, most critical first (ties: plan order). */
typedef struct crit_row {
    int i;
    double c;
} crit_row;

static int by_crit(const void *a, const void *b)
{
    const crit_row *x = a, *y = b;
    if (x->c != y->c)
        return x->c > y->c ? -1 : 1;
    return x->i - y->i;
}

/* The ten items most often on the chain of a late gate; -1 on ENOMEM. */
static int md_critical(FILE *f, const op_plan *p, const op_forecast *fc)
{
    int ni = op_plan_item_count(p), n = 0;
    crit_row *rows = malloc(((size_t)ni + 1) * sizeof *rows);
    if (!rows)
        return -1;
    for (int i = 0; i < ni; i++)
        if (op_forecast_criticality(fc, i) > 0)
            rows[n++] = (crit_row){i, op_forecast_criticality(fc, i)};
    qsort(rows, (size_t)n, sizeof *rows, by_crit);
    if (n) {
        fprintf(f, "\nItems most often on the chain that decides a late gate (its exit item "
                   "done last, and the dependencies that held it):\n\n| item | role | "
                   "criticality |\n|---|---|---|\n");
        for (int k = 0; k < n && k < 10; k++) {
            const op_item *it = op_plan_item(p, rows[k].i);
            fprintf(f, "| ");
            rpt_md(f, it->id);
            fprintf(f, " | ");
            rpt_md(f, op_plan_role(p, it->role.index)->name);
            if (100 * rows[k].c < 0.5)
                fprintf(f, " <1 %% |\n");
            else
                fprintf(f, " %.0f %% |\n", 100 * rows[k].c);
        }
    } else {
        fprintf(f, "\nNo gate was late in any scenario: no item is critical.\n");
    }
    free(rows);
    return 0;
}

/* Mean weeks late over the scenarios that passed, or "-" when none did. */
static void md_mean(FILE *f, double sum, int passed, int n)
{
    if (passed)
        fprintf(f, " %.1f", sum / passed);
    else
        fprintf(f, " -");
    if (passed < n)
        fprintf(f, " (%d never)", n - passed);
    fprintf(f, " |");
}

/* --reoptimize: the plan followed against the plan re-solved, scenario by
   scenario, on the first reopt_n scenarios. */
static void md_reopt(FILE *f, const op_plan *p, const op_report_forecast *r)
{
    int n = r->reopt_n;
    fprintf(f, "\nWhat re-planning could recover: the first %d scenarios solved again with "
               "their efforts known (stages scheduled and lateness)", n + r->reopt_failed);
    if (r->reopt_failed)
        fprintf(f, "; %d gave no plan in the time given and are left out", r->reopt_failed);
    fprintf(f, ". Knowing every effort in advance, it is the most re-planning could "
               "recover. The re-solve minimizes lateness: %ss late are compared, not %ss "
               "passed before a deadline.\n\n| gate | on time, plan followed | on time, "
               "re-planned | mean %ss late, followed | mean %ss late, re-planned "
               "|\n|---|---|---|---|---|\n",
            rpt_period(p, 0), rpt_period(p, 0), rpt_period(p, 0), rpt_period(p, 0));
    for (int g = 0; n && g < op_plan_gate_count(p); g++) {
        fprintf(f, "| ");
        rpt_md(f, op_plan_gate(p, g)->id);
        fprintf(f, " | %d of %d | %d of %d |", r->policy_on[g], n, r->reopt_on[g], n);
        md_mean(f, r->policy_sum[g], r->policy_passed[g], n);
        md_mean(f, r->reopt_sum[g], r->reopt_passed[g], n);
        fputc('\n', f);
    }
}

int rpt_forecast_section(FILE *f, const op_plan *p, const op_eval *e, const op_report_forecast *r)
{
    const op_forecast *fc = r->forecast;
    static const double qs[3] = {0.5, 0.8, 0.95};
    char nr[32];
    int after = 0, end = op_plan_last_capacity_week(p);
    fprintf(f, "\n## Forecast\n\n%d scenarios: %s. P80 is the %s by which 80 %% of the "
               "scenarios passed the gate. Chart: [forecast.svg](forecast.svg); data: "
               "forecast.csv.\n",
            op_forecast_scenarios(fc), r->how, rpt_period(p, 0));
    if (op_plan_gate_count(p))
        fprintf(f, "\n| gate | deadline | planned | P50 | P80 | P95 | chance by the deadline "
                   "|\n|---|---|---|---|---|---|---|\n");
    for (int g = 0; g < op_plan_gate_count(p); g++) {
        const op_gate *ga = op_plan_gate(p, g);
        int planned = op_eval_gate(e, g)->passed_week;
        fprintf(f, "| ");
        rpt_md(f, ga->id);
        fprintf(f, " |");
        md_week(f, p, ga->deadline_week, "-");
        md_week(f, p, planned, "not passed");
        for (int k = 0; k < 3; k++) {
            int w = op_forecast_gate_quantile(fc, g, qs[k]);
            after |= !w && planned && end < OP_MAX_WEEK;
            md_week(f, p, w, not_reached(p, planned, nr, sizeof nr));
        }
        fprintf(f, " %.0f %% |\n", 100 * op_forecast_gate_by(fc, g, ga->deadline_week));
    }
    int last = op_eval_last_week(e);
    fprintf(f, "\nLast %s of the work: ", rpt_period(p, 0));
    if (last)
        fprintf(f, "planned %d", last);
    else
        fprintf(f, "nothing planned");
    for (int k = 0; last && k < 3; k++) {
        int w = op_forecast_last_quantile(fc, qs[k]);
        after |= !w && end < OP_MAX_WEEK;
        fprintf(f, "%s%s", k == 0 ? "; P50 " : k == 1 ? ", P80 " : ", P95 ",
                w ? RPT_NUM(w) : not_reached(p, last, nr, sizeof nr));
    }
    fputc('.', f);
    if (after)
        fprintf(f, " \"After %d\": that share of scenarios did not finish within the team's "
                   "%ss (team.csv ends in %s %d).",
                end, rpt_period(p, 0), rpt_period(p, 0), end);
    fputc('\n', f);
    if (md_critical(f, p, fc))
        return -1;
    if (r->reopt_n || r->reopt_failed)
        md_reopt(f, p, r);
    return ferror(f) ? -1 : 0;
}

/* The P50, P80 and P95 dates (Fridays) of gate g, or of the last week when
   g < 0, as the row's last three cells. */
static int quantile_dates(FILE *f, const op_plan *p, const op_forecast *fc, int g)
{
    static const double q[] = {0.5, 0.8, 0.95};
    for (int k = 0; k < 3; k++) {
        int w = g >= 0 ? op_forecast_gate_quantile(fc, g, q[k]) : op_forecast_last_quantile(fc, q[k]);
        if (rpt_celldate(f, p, w, 1, k == 2))
            return -1;
    }
    return 0;
}

int rpt_write_forecast_csv(FILE *f, const op_plan *p, const op_eval *e, const op_report_forecast *r)
{
    const op_forecast *fc = r->forecast;
    int dated = op_plan_start(p) != OP_DATE_NONE; /* date columns only with a start date */
    if (fputs("kind,id,deadline_week,planned_week,p50_week,p80_week,p95_week,on_time,"
              "criticality",
              f) < 0 ||
        fputs(dated ? ",p50_date,p80_date,p95_date\n" : "\n", f) < 0)
        return -1;
    for (int g = 0; g < op_plan_gate_count(p); g++) {
        const op_gate *ga = op_plan_gate(p, g);
        if (rpt_cell(f, "gate", 0) || rpt_cell(f, ga->id, 0) ||
            rpt_cellweek(f, ga->deadline_week, 0) ||
            rpt_cellweek(f, op_eval_gate(e, g)->passed_week, 0) ||
            rpt_cellweek(f, op_forecast_gate_quantile(fc, g, 0.5), 0) ||
            rpt_cellweek(f, op_forecast_gate_quantile(fc, g, 0.8), 0) ||
            rpt_cellweek(f, op_forecast_gate_quantile(fc, g, 0.95), 0) ||
            rpt_cellnum(f, op_forecast_gate_by(fc, g, ga->deadline_week), 0) ||
            rpt_cell(f, "", !dated) || (dated && quantile_dates(f, p, fc, g)))
            return -1;
    }
    if (rpt_cell(f, "last_week", 0) || rpt_cell(f, "", 0) || rpt_cell(f, "", 0) ||
        rpt_cellweek(f, op_eval_last_week(e), 0) ||
        rpt_cellweek(f, op_forecast_last_quantile(fc, 0.5), 0) ||
        rpt_cellweek(f, op_forecast_last_quantile(fc, 0.8), 0) ||
        rpt_cellweek(f, op_forecast_last_quantile(fc, 0.95), 0) || rpt_cell(f, "", 0) ||
        rpt_cell(f, "", !dated) || (dated && quantile_dates(f, p, fc, -1)))
        return -1;
    for (int i = 0; i < op_plan_item_count(p); i++) {
        const op_item_eval *ie = op_eval_item(e, i);
        if (rpt_cell(f, "item", 0) || rpt_cell(f, op_plan_item(p, i)->id, 0) ||
            rpt_cell(f, "", 0) || rpt_cellweek(f, ie->done ? ie->end_week : 0, 0) ||
            rpt_cell(f, "", 0) || rpt_cell(f, "", 0) || rpt_cell(f, "", 0) || rpt_cell(f, "", 0) ||
            rpt_cellnum(f, op_forecast_criticality(fc, i), !dated) ||
            (dated && (rpt_cell(f, "", 0) || rpt_cell(f, "", 0) || rpt_cell(f, "", 1))))
            return -1;
    }
    return ferror(f) ? -1 : 0;
}

/* ---- forecast.svg: the chance of each gate by week (S-curves) ---------- */

static const char *const gate_colors[] = {"#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f",
                                          "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac"};

typedef struct sframe {
    int weeks, left, top, w, h;
} sframe;

static double sx(const sframe *F, double week) { return F->left + week * F->w / F->weeks; }
static double sy(const sframe *F, double share) { return F->top + F->h * (1 - share); }

static void s_axes(FILE *f, const sframe *F, const char *wk)
{
    fprintf(f, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"#fafafa\" "
               "stroke=\"#999\"/>\n",
            F->left, F->top, F->w, F->h);
    for (int k = 0; k <= 10; k += 2)
        fprintf(f, "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"%s\"/>"
                   "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%d %%</text>\n",
                F->left, F->left + F->w, sy(F, k / 10.0), sy(F, k / 10.0),
                k == 8 ? "#aaa" : "#e4e4e4", F->left - 6, sy(F, k / 10.0) + 4, 10 * k);
    int step = F->weeks > 40 ? 5 : F->weeks > 20 ? 2 : 1;
    for (int w = step; w <= F->weeks; w += step)
        fprintf(f, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%d</text>\n",
                sx(F, w - 0.5), F->top + F->h + 16, w);
    fprintf(f, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s</text>\n",
            F->left + F->w / 2, F->top + F->h + 34, wk);
}

/* Gate g's chance of having passed by the end of each week, as steps; its
   deadline a dashed line with the chance there. */
static void s_gate(FILE *f, const sframe *F, const op_plan *p, const op_forecast *fc, int g)
{
    const char *col = gate_colors[g % 10];
    int dl = op_plan_gate(p, g)->deadline_week;
    fprintf(f, "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"2\" points=\"%.1f,%.1f",
            col, sx(F, 0), sy(F, 0));
    for (int w = 1; w <= F->weeks; w++) {
        double c = op_forecast_gate_by(fc, g, w);
        fprintf(f, " %.1f,%.1f %.1f,%.1f", sx(F, w - 1), sy(F, c), sx(F, w), sy(F, c));
    }
    fprintf(f, "\"/>\n");
    if (dl >= 1 && dl <= F->weeks) {
        double c = op_forecast_gate_by(fc, g, dl);
        fprintf(f, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%d\" y2=\"%d\" stroke=\"%s\" "
                   "stroke-dasharray=\"6,4\"/>\n<text x=\"%.1f\" y=\"%d\" fill=\"%s\">",
                sx(F, dl), sx(F, dl), F->top, F->top + F->h, col, sx(F, dl) + 3,
                F->top + 12 + 12 * (g % 6), col);
        rpt_xml(f, op_plan_gate(p, g)->id);
        fprintf(f, " deadline: %.0f %%</text>\n", 100 * c);
    }
}

int rpt_write_forecast_svg(FILE *f, const op_plan *p, const op_report_forecast *r)
{
    const op_forecast *fc = r->forecast;
    int last = op_forecast_last_seen(fc);
    for (int g = 0; g < op_plan_gate_count(p); g++)
        last = op_plan_gate(p, g)->deadline_week > last ? op_plan_gate(p, g)->deadline_week : last;
    sframe F = {last + 1, 60, 40, 640, 300};
    fprintf(f, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
               "font-family=\"sans-serif\" font-size=\"11\">\n"
               "<rect width=\"100%%\" height=\"100%%\" fill=\"#ffffff\"/>\n"
               "<text x=\"%d\" y=\"20\" font-size=\"13\">Chance that each gate has passed, by "
               "%s (%d scenarios; dashed: deadlines)</text>\n",
            F.left + F.w + 120, F.top + F.h + 50, F.left, rpt_period(p, 0),
            op_forecast_scenarios(fc));
    s_axes(f, &F, rpt_period(p, 0));
    for (int g = 0; g < op_plan_gate_count(p); g++) {
        s_gate(f, &F, p, fc, g);
        fprintf(f, "<text x=\"%d\" y=\"%d\" fill=\"%s\">", F.left + F.w + 10,
                F.top + 14 + 14 * g, gate_colors[g % 10]);
        rpt_xml(f, op_plan_gate(p, g)->id);
        fprintf(f, "</text>\n");
    }
    fprintf(f, "</svg>\n");
    return ferror(f) ? -1 : 0;
}
