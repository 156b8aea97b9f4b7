/* trend.c - the milestone trend of nightly runs: each gate's projected week against the report week */
#include <stdio.h>

#include "internal.h"

/* The milestone trend analysis (MTA) chart and table: one point per run
   (x = the run's first planning week, the week it was made in; y = the
   week a gate was projected to pass). A gate whose line climbs slips; a
   flat line holds; the diagonal y = x is "now", which every line meets
   when its gate passes. */

/* "week 7", or with a start date "week 7 (2027-02-15)" (the Monday). */
static void week_words(const op_plan *p, int w, char *buf, size_t n)
{
    const char *d = RPT_DATE(p, w, 0);
    snprintf(buf, n, d[0] ? "%s %d (%s)" : "%s %d", rpt_period(p, 0), w, d);
}

/* The week run k projected gate g to pass: > 0 a week, 0 never, -1 the run
   did not have the gate. */
static int projected(const op_report_trend *t, int k, int g, int ng)
{
    return t->passed[(size_t)k * (size_t)ng + (size_t)g];
}

int rpt_trend_section(FILE *f, const op_plan *p, const op_report_trend *t)
{
    int ng = op_plan_gate_count(p);
    char w[48];
    fprintf(f, "\n## Milestone trend\n\nThe %s each gate was projected to pass, by the %s of "
               "each run (the last row is this one). A rising column is a gate slipping. "
               "Chart: [trend.svg](trend.svg); data: trend.csv.\n\n| run | made in |",
            rpt_period(p, 0), rpt_period(p, 0));
    for (int g = 0; g < ng; g++) {
        fputc(' ', f);
        rpt_md(f, op_plan_gate(p, g)->id);
        fprintf(f, " (deadline %d) |", op_plan_gate(p, g)->deadline_week);
    }
    fprintf(f, "\n|---|---|");
    for (int g = 0; g < ng; g++)
        fprintf(f, "---|");
    fputc('\n', f);
    for (int k = 0; k < t->nruns; k++) {
        fprintf(f, "| ");
        rpt_md(f, t->labels[k]);
        week_words(p, t->week[k], w, sizeof w);
        fprintf(f, " | %s |", w);
        for (int g = 0; g < ng; g++) {
            int v = projected(t, k, g, ng), prev = k ? projected(t, k - 1, g, ng) : -1;
            int q = t->p80[(size_t)k * (size_t)ng + (size_t)g];
            if (v < 0) {
                fprintf(f, " - |");
                continue;
            }
            if (v == 0)
                fprintf(f, " never");
            else
                fprintf(f, " %d%s%s", v, v > op_plan_gate(p, g)->deadline_week ? " late" : "",
                        prev > 0 && v > prev ? " (slipped)" : prev > 0 && v < prev ? " (gained)"
                                                                                  : "");
            if (q > 0)
                fprintf(f, ", P80 %d", q);
            else if (q == 0)
                fprintf(f, ", P80 after the team's %ss", rpt_period(p, 0));
            fprintf(f, " |");
        }
        fputc('\n', f);
    }
    return ferror(f) ? -1 : 0;
}

int rpt_write_trend_csv(FILE *f, const op_plan *p, const op_report_trend *t)
{
    int ng = op_plan_gate_count(p);
    if (fputs("run,made_in_week,gate,deadline_week,projected_week,p80_week\n", f) < 0)
        return -1;
    for (int k = 0; k < t->nruns; k++)
        for (int g = 0; g < ng; g++) {
            int v = projected(t, k, g, ng);
            if (v < 0)
                continue;
            if (rpt_cell(f, t->labels[k], 0) || rpt_cellweek(f, t->week[k], 0) ||
                rpt_cell(f, op_plan_gate(p, g)->id, 0) ||
                rpt_cellweek(f, op_plan_gate(p, g)->deadline_week, 0) || rpt_cellweek(f, v, 0) ||
                rpt_cellweek(f, t->p80[(size_t)k * (size_t)ng + (size_t)g] > 0
                                    ? t->p80[(size_t)k * (size_t)ng + (size_t)g]
                                    : 0,
                             1))
                return -1;
        }
    return ferror(f) ? -1 : 0;
}

/* ---- trend.svg ---------------------------------------------------------- */

static const char *const gate_colors[] = {"#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f",
                                          "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac"};

/* The chart's frame: x from the first run's week to the last's, y from 1
   to the latest week any point or deadline reaches. */
typedef struct frame {
    int x0, x1, y1;       /* weeks shown: x0..x1 across, 1..y1 up */
    int left, top, w, h;  /* plot area in pixels */
} frame;

static double px(const frame *F, int week)
{
    int span = F->x1 > F->x0 ? F->x1 - F->x0 : 1;
    return F->left + (double)(week - F->x0) * F->w / span;
}

static double py(const frame *F, int week)
{
    return F->top + F->h - (double)(week - 1) * F->h / (F->y1 > 1 ? F->y1 - 1 : 1);
}

static void svg_frame(FILE *f, const frame *F, const char *wk)
{
    fprintf(f, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"#fafafa\" "
               "stroke=\"#999\"/>\n",
            F->left, F->top, F->w, F->h);
    int ystep = F->y1 > 30 ? 5 : F->y1 > 15 ? 2 : 1;
    for (int y = 1; y <= F->y1; y += ystep)
        fprintf(f, "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#e4e4e4\"/>"
                   "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%d</text>\n",
                F->left, F->left + F->w, py(F, y), py(F, y), F->left - 6, py(F, y) + 4, y);
    int xstep = F->x1 - F->x0 > 30 ? 5 : F->x1 - F->x0 > 15 ? 2 : 1;
    for (int x = F->x0; x <= F->x1; x += xstep)
        fprintf(f, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%d</text>\n", px(F, x),
                F->top + F->h + 16, x);
    /* "now": where a line meets it, its gate has passed */
    int a = F->x0 > 1 ? F->x0 : 1, b = F->x1 < F->y1 ? F->x1 : F->y1;
    if (b > a)
        fprintf(f, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#bbb\" "
                   "stroke-dasharray=\"2,3\"/>\n",
                px(F, a), py(F, a), px(F, b), py(F, b));
    fprintf(f, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s the plan was made in</text>\n",
            F->left + F->w / 2, F->top + F->h + 34, wk);
    fprintf(f, "<text transform=\"translate(14,%d) rotate(-90)\" text-anchor=\"middle\">"
               "projected %s of passing</text>\n",
            F->top + F->h / 2, wk);
}

/* Gate g: its deadline dashed, its projections joined, a label at its end. */
static void svg_gate_line(FILE *f, const frame *F, const op_plan *p, const op_report_trend *t,
                          int g)
{
    int ng = op_plan_gate_count(p), dl = op_plan_gate(p, g)->deadline_week, last = -1;
    const char *col = gate_colors[g % 10];
    if (dl >= 1 && dl <= F->y1)
        fprintf(f, "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" "
                   "stroke-dasharray=\"6,4\" opacity=\"0.6\"/>\n",
                F->left, F->left + F->w, py(F, dl), py(F, dl), col);
    fprintf(f, "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"2\" points=\"", col);
    for (int k = 0; k < t->nruns; k++) {
        int v = projected(t, k, g, ng);
        if (v > 0)
            fprintf(f, "%s%.1f,%.1f", last >= 0 ? " " : "", px(F, t->week[k]), py(F, v)), last = k;
    }
    fprintf(f, "\"/>\n");
    for (int k = 0; k < t->nruns; k++) {
        int v = projected(t, k, g, ng);
        if (v <= 0)
            continue;
        fprintf(f, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"4\" fill=\"%s\"><title>", px(F, t->week[k]),
                py(F, v), v > dl ? "#d62728" : col);
        rpt_xml(f, op_plan_gate(p, g)->id);
        fprintf(f, ": run ");
        rpt_xml(f, t->labels[k]);
        fprintf(f, " projected week %d (deadline %d)</title></circle>\n", v, dl);
    }
    if (last >= 0) {
        fprintf(f, "<text x=\"%.1f\" y=\"%.1f\" fill=\"%s\">", px(F, t->week[last]) + 8,
                py(F, projected(t, last, g, ng)) + 4 + 11 * (g % 2), col);
        rpt_xml(f, op_plan_gate(p, g)->id);
        fprintf(f, "</text>\n");
    }
}

int rpt_write_trend_svg(FILE *f, const op_plan *p, const op_report_trend *t)
{
    int ng = op_plan_gate_count(p);
    frame F = {t->week[0], t->week[0], 1, 60, 30, 560, 360};
    for (int k = 0; k < t->nruns; k++) {
        F.x0 = t->week[k] < F.x0 ? t->week[k] : F.x0;
        F.x1 = t->week[k] > F.x1 ? t->week[k] : F.x1;
        for (int g = 0; g < ng; g++)
            F.y1 = projected(t, k, g, ng) > F.y1 ? projected(t, k, g, ng) : F.y1;
    }
    for (int g = 0; g < ng; g++)
        F.y1 = op_plan_gate(p, g)->deadline_week > F.y1 ? op_plan_gate(p, g)->deadline_week : F.y1;
    F.x1 = F.x1 > F.x0 ? F.x1 : F.x0 + 1;
    F.y1++; /* headroom: a deadline on the top line stays visible */
    fprintf(f, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
               "font-family=\"sans-serif\" font-size=\"11\">\n"
               "<rect width=\"100%%\" height=\"100%%\" fill=\"#ffffff\"/>\n"
               "<text x=\"%d\" y=\"18\" font-size=\"13\">Milestone trend: projected %s of "
               "each gate, run by run (dashed: deadlines)</text>\n",
            F.left + F.w + 80, F.top + F.h + 50, F.left, rpt_period(p, 0));
    svg_frame(f, &F, rpt_period(p, 0));
    for (int g = 0; g < ng; g++)
        svg_gate_line(f, &F, p, t, g);
    fprintf(f, "</svg>\n");
    return ferror(f) ? -1 : 0;
}
