/* svg.c - gantt.svg: bars per run of worked periods on a week (or day) axis, gates labelled */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

static const char *const role_colors[] = {"#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f",
                                          "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac"};

/* The chart's geometry: a label column, then one column per period. */
typedef struct layout {
    int left, top, row, colw;
    int weeks, rows; /* periods shown, bars (scheduled items) */
} layout;

/* A gate line's label under the chart, staggered into rows so that labels
   of gates due or passed in the same or nearby periods never overlap. */
typedef struct gate_label {
    int x, row;
    int late;       /* drawn red: a deadline, or a pass after it */
    int passed;     /* "passed" rather than "due" */
    int week, gate; /* the period named, the gate (index) */
    char what[32];  /* the text after the gate's id: " due w3", " passed w13 (late)" */
} gate_label;

/* Column x of the start of period t. */
static int col_x(const layout *L, int t)
{
    return L->left + (t - 1) * L->colw;
}

/* Period axis: w1 w2 ... or d1 d2 ..., on alternately shaded columns; with a
   start date, the date of a week's Monday above (rpt_chart_axis_date). */
static void svg_axis(FILE *f, const layout *L, const op_plan *p, const char *wk)
{
    for (int t = 1; t <= L->weeks; t++) {
        int x = col_x(L, t);
        fprintf(f, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"%s\"/>\n", x,
                L->top, L->colw, L->rows * L->row, t % 2 ? "#f4f4f4" : "#ffffff");
        if (L->colw >= 30 || t % 2 == 1)
            fprintf(f, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%c%d</text>\n",
                    x + L->colw / 2, L->top - 8, wk[0], t);
        char buf[16];
        if (rpt_chart_axis_date(p, t, L->colw < 30, buf, sizeof buf))
            fprintf(f, "<text x=\"%d\" y=\"%d\" fill=\"#555\" font-size=\"9\">%s</text>\n", x + 1, L->top - 24,
                buf);
    }
}

/* Item i's bars in the row whose top is y (L: geometry; p, s, e: the plan,
   its schedule and evaluation): one per run of periods with hours, a dotted
   line across its paused periods, the hours in each bar's tooltip. */
static void svg_item_bars(FILE *f, const layout *L, const op_plan *p, const op_schedule *s,
                          const op_eval *e, int i, int y)
{
    const op_item *it = op_plan_item(p, i);
    const op_item_eval *ie = op_eval_item(e, i);
    int t = ie->start_week, a, b, prev_end = 0;
    while (rpt_next_run(s, i, &t, ie->end_week, &a, &b)) {
        double h = 0;
        for (int u = a; u <= b; u++)
            h += op_schedule_get(s, i, u);
        if (prev_end)
            fprintf(f, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#888\" "
                       "stroke-dasharray=\"2 2\"/>\n",
                    col_x(L, prev_end + 1), y + L->row / 2, col_x(L, a), y + L->row / 2);
        fprintf(f, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" rx=\"3\" fill=\"%s\">"
                   "<title>",
                col_x(L, a) + 1, y + 3, (b - a + 1) * L->colw - 2, L->row - 6,
                role_colors[it->role.index % 10]);
        rpt_xml(f, it->id);
        fprintf(f, ": ");
        rpt_xml(f, it->title);
        fprintf(f, ", %s %d-%d, %s h</title></rect>\n", rpt_period(p, 1), a, b, RPT_NUM(h));
        prev_end = b;
    }
}

/* One labelled row per scheduled item, grouped by role. */
static void svg_bars(FILE *f, const layout *L, const op_plan *p, const op_schedule *s,
                     const op_eval *e)
{
    int y = L->top;
    for (int r = 0; r < op_plan_role_count(p); r++)
        for (int i = 0; i < op_plan_item_count(p); i++) {
            const op_item *it = op_plan_item(p, i);
            if (it->role.index != r || !op_eval_item(e, i)->start_week)
                continue;
            fprintf(f, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">", L->left - 6,
                    y + L->row - 5);
            rpt_xml(f, it->id);
            fprintf(f, " (");
            rpt_xml(f, op_plan_role(p, r)->name);
            fprintf(f, ")</text>\n");
            svg_item_bars(f, L, p, s, e, i, y);
            y += L->row;
        }
}

/* The width a label takes at font-size 11 (about 6 px a character), near
   enough to keep labels apart and to size the white box behind each. */
static int label_width(const op_plan *p, const gate_label *g)
{
    return (int)(strlen(op_plan_gate(p, g->gate)->id) + strlen(g->what)) * 6 + 4;
}

static int label_cmp(const void *a, const void *b)
{
    const gate_label *x = a, *y = b;
    if (x->x != y->x)
        return x->x < y->x ? -1 : 1;
    return x->gate != y->gate ? (x->gate < y->gate ? -1 : 1) : x->passed - y->passed;
}

/* The labels of the gates' lines into lab (room for two per gate) and their
   number into *n, sorted by x, each in the first row where it clears the
   labels before it; returns the number of rows. wk is the period's letter. */
static int gate_labels(const layout *L, const op_plan *p, const op_eval *e, const char *wk,
                       gate_label *lab, int *n)
{
    *n = 0;
    for (int g = 0; g < op_plan_gate_count(p); g++) {
        const op_gate *ga = op_plan_gate(p, g);
        const op_gate_eval *ge = op_eval_gate(e, g);
        if (ga->deadline_week <= L->weeks)
            lab[(*n)++] = (gate_label){col_x(L, ga->deadline_week + 1), 0, 1, 0,
                                        ga->deadline_week, g, ""};
        if (ge->passed_week)
            lab[(*n)++] = (gate_label){col_x(L, ge->passed_week + 1), 0, ge->lateness != 0, 1,
                                        ge->passed_week, g, ""};
    }
    for (int k = 0; k < *n; k++)
        snprintf(lab[k].what, sizeof lab[k].what, " %s %s%d%s",
                 lab[k].passed ? "passed" : "due", wk, lab[k].week,
                 lab[k].passed && lab[k].late ? " (late)" : "");
    qsort(lab, (size_t)*n, sizeof *lab, label_cmp);
    int rows = 0, right[2 * OP_MAX_GATES]; /* per row, where its last label ends */
    for (int k = 0; k < *n; k++) {
        int w = label_width(p, &lab[k]), row = 0;
        while (row < rows && right[row] > lab[k].x - w / 2)
            row++;
        rows += row == rows;
        lab[k].row = row;
        right[row] = lab[k].x + w / 2 + 4;
    }
    return rows;
}

/* Gates: the deadline dashed, the period passed solid (red when late), each
   line labelled with the gate and what it marks; labels last, on a white
   box, so that no line crosses one. */
static void svg_gates(FILE *f, const layout *L, const op_plan *p, const gate_label *lab, int n)
{
    int bottom = L->top + L->rows * L->row;
    for (int k = 0; k < n; k++) {
        const gate_label *g = &lab[k];
        fprintf(f, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\" %s/>\n", g->x,
                L->top - 4, g->x, bottom + 4 + g->row * 13, g->late ? "#c00" : "#080",
                g->passed ? "stroke-width=\"2\"" : "stroke-dasharray=\"4 3\"");
    }
    for (int k = 0; k < n; k++) {
        const gate_label *g = &lab[k];
        int w = label_width(p, g), y = bottom + 14 + g->row * 13;
        fprintf(f, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"13\" fill=\"white\"/>\n",
                g->x - w / 2, y - 10, w);
        fprintf(f, "<text x=\"%d\" y=\"%d\" fill=\"%s\" text-anchor=\"middle\">", g->x, y,
                g->late ? "#c00" : "#080");
        rpt_xml(f, op_plan_gate(p, g->gate)->id);
        fprintf(f, "%s</text>\n", g->what);
    }
}

int rpt_write_svg(FILE *f, const op_plan *p, const op_schedule *s, const op_eval *e)
{
    int W = op_eval_weeks(e), ng = op_plan_gate_count(p), n;
    /* long plans get narrower columns, labelled every other period */
    layout L = {260, op_plan_start(p) != OP_DATE_NONE ? 56 : 40, 18, W > 40 ? 16 : 40, W, 0};
    for (int i = 0; i < op_plan_item_count(p); i++)
        L.rows += op_eval_item(e, i)->start_week != 0;
    gate_label *lab = malloc(sizeof *lab * (size_t)(2 * ng + 1));
    if (!lab)
        return -1;
    char wk[2] = {rpt_period(p, 0)[0], 0}; /* "w3", "d3" */
    int lrows = gate_labels(&L, p, e, wk, lab, &n);
    int width = L.left + W * L.colw + 80, height = L.top + L.rows * L.row + 14 + lrows * 13 + 10;
    fprintf(f, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
               "font-family=\"sans-serif\" font-size=\"11\">\n", width, height);
    fprintf(f, "<rect width=\"100%%\" height=\"100%%\" fill=\"white\"/>\n");
    svg_axis(f, &L, p, wk);
    svg_bars(f, &L, p, s, e);
    svg_gates(f, &L, p, lab, n);
    fprintf(f, "</svg>\n");
    free(lab);
    return ferror(f) ? -1 : 0;
}
