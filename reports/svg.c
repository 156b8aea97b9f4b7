/* svg.c - gantt.svg: one bar per item on a week (or day) axis, gates marked */
#include <stdio.h>

#include "internal.h"

static const char *const role_colors[] = {"#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f",
                                          "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac"};

/* The chart's geometry: a label column, then one column per period. */
typedef struct layout {
    int left, top, row, colw;
    int weeks, rows; /* periods shown, bars (scheduled items) */
} layout;

/* Period axis: w1 w2 ... or d1 d2 ..., on alternately shaded columns. */
static void svg_axis(FILE *f, const layout *L, const char *wk)
{
    for (int t = 1; t <= L->weeks; t++) {
        int x = L->left + (t - 1) * L->colw;
        fprintf(f, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"%s\"/>\n", x,
                L->top, L->colw, L->rows * L->row, t % 2 ? "#f4f4f4" : "#ffffff");
        if (L->colw >= 30 || t % 2 == 1)
            fprintf(f, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%c%d</text>\n",
                    x + L->colw / 2, L->top - 8, wk[0], t);
    }
}

/* One labelled bar per scheduled item, grouped by role. */
static void svg_bars(FILE *f, const layout *L, const op_plan *p, const op_eval *e)
{
    int y = L->top;
    for (int r = 0; r < op_plan_role_count(p); r++)
        for (int i = 0; i < op_plan_item_count(p); i++) {
            const op_item *it = op_plan_item(p, i);
            const op_item_eval *ie = op_eval_item(e, i);
            if (it->role.index != r || !ie->start_week)
                continue;
            fprintf(f, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">", L->left - 6,
                    y + L->row - 5);
            rpt_xml(f, it->id);
            fprintf(f, " (");
            rpt_xml(f, op_plan_role(p, r)->name);
            fprintf(f, ")</text>\n");
            fprintf(f, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" rx=\"3\" fill=\"%s\">"
                       "<title>",
                    L->left + (ie->start_week - 1) * L->colw + 1, y + 3,
                    (ie->end_week - ie->start_week + 1) * L->colw - 2, L->row - 6,
                    role_colors[r % 10]);
            rpt_xml(f, it->id);
            fprintf(f, ": ");
            rpt_xml(f, it->title);
            fprintf(f, ", %s %d-%d, %s h</title></rect>\n", rpt_period(p, 1), ie->start_week,
                    ie->end_week, RPT_NUM(ie->hours));
            y += L->row;
        }
}

/* Gates: the deadline dashed, the week passed solid (red when late). */
static void svg_gates(FILE *f, const layout *L, const op_plan *p, const op_eval *e,
                      const char *wk)
{
    int bottom = L->top + L->rows * L->row;
    for (int g = 0; g < op_plan_gate_count(p); g++) {
        const op_gate *ga = op_plan_gate(p, g);
        const op_gate_eval *ge = op_eval_gate(e, g);
        int xd = L->left + ga->deadline_week * L->colw;
        if (ga->deadline_week <= L->weeks) {
            fprintf(f, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#c00\" "
                       "stroke-dasharray=\"4 3\"/>\n", xd, L->top - 4, xd, bottom);
            fprintf(f, "<text x=\"%d\" y=\"%d\" fill=\"#c00\" text-anchor=\"middle\">", xd,
                    bottom + 14 + (g % 2) * 12);
            rpt_xml(f, ga->id);
            fprintf(f, " due</text>\n");
        }
        if (ge->passed_week) {
            int xp = L->left + ge->passed_week * L->colw;
            fprintf(f, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\" "
                       "stroke-width=\"2\"><title>", xp, L->top - 4, xp, bottom,
                    ge->lateness ? "#c00" : "#080");
            rpt_xml(f, ga->id);
            fprintf(f, " passed %s %d</title></line>\n", wk, ge->passed_week);
        }
    }
}

int rpt_write_svg(FILE *f, const op_plan *p, const op_eval *e)
{
    int W = op_eval_weeks(e);
    /* long plans get narrower columns, labelled every other period */
    layout L = {260, 40, 18, W > 40 ? 16 : 40, W, 0};
    for (int i = 0; i < op_plan_item_count(p); i++)
        L.rows += op_eval_item(e, i)->start_week != 0;
    const char *wk = rpt_period(p, 0);
    int width = L.left + W * L.colw + 40, height = L.top + (L.rows + 1) * L.row + 30;
    fprintf(f, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
               "font-family=\"sans-serif\" font-size=\"11\">\n", width, height);
    fprintf(f, "<rect width=\"100%%\" height=\"100%%\" fill=\"white\"/>\n");
    svg_axis(f, &L, wk);
    svg_bars(f, &L, p, e);
    svg_gates(f, &L, p, e, wk);
    fprintf(f, "</svg>\n");
    return ferror(f) ? -1 : 0;
}
