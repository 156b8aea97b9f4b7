/* svg.c - gantt.svg: one bar per item on a week (or day) axis, gates marked */
#include <stdio.h>

#include "internal.h"

/* XML-escaped text. */
static void xml(FILE *f, const char *s)
{
    for (; *s; s++) {
        switch (*s) {
        case '<': fputs("&lt;", f); break;
        case '>': fputs("&gt;", f); break;
        case '&': fputs("&amp;", f); break;
        case '"': fputs("&quot;", f); break;
        case '\'': fputs("&apos;", f); break;
        default:
            if ((unsigned char)*s >= 0x20 || *s == '\t')
                fputc(*s, f);
        }
    }
}

static const char *const role_colors[] = {"#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f",
                                          "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac"};

int rpt_write_svg(FILE *f, const op_plan *p, const op_eval *e)
{
    int ni = op_plan_item_count(p), ng = op_plan_gate_count(p);
    int W = op_eval_weeks(e);
    const char *wk = rpt_period(p, 0);
    const int left = 260, top = 40, row = 18, colw = W > 40 ? 16 : 40;
    int rows = 0;
    for (int i = 0; i < ni; i++)
        rows += op_eval_item(e, i)->start_week != 0;
    int width = left + W * colw + 40, height = top + (rows + 1) * row + 30;
    fprintf(f, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
               "font-family=\"sans-serif\" font-size=\"11\">\n", width, height);
    fprintf(f, "<rect width=\"100%%\" height=\"100%%\" fill=\"white\"/>\n");
    /* period axis: w1 w2 ... or d1 d2 ... */
    for (int t = 1; t <= W; t++) {
        int x = left + (t - 1) * colw;
        fprintf(f, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"%s\"/>\n", x, top,
                colw, rows * row, t % 2 ? "#f4f4f4" : "#ffffff");
        if (colw >= 30 || t % 2 == 1)
            fprintf(f, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%c%d</text>\n", x + colw / 2,
                    top - 8, wk[0], t);
    }
    /* bars, grouped by role */
    int y = top;
    for (int r = 0; r < op_plan_role_count(p); r++)
        for (int i = 0; i < ni; i++) {
            const op_item *it = op_plan_item(p, i);
            const op_item_eval *ie = op_eval_item(e, i);
            if (it->role.index != r || !ie->start_week)
                continue;
            fprintf(f, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">", left - 6, y + row - 5);
            xml(f, it->id);
            fprintf(f, " (");
            xml(f, op_plan_role(p, r)->name);
            fprintf(f, ")</text>\n");
            fprintf(f, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" rx=\"3\" fill=\"%s\">"
                       "<title>",
                    left + (ie->start_week - 1) * colw + 1, y + 3,
                    (ie->end_week - ie->start_week + 1) * colw - 2, row - 6,
                    role_colors[r % 10]);
            xml(f, it->id);
            fprintf(f, ": ");
            xml(f, it->title);
            fprintf(f, ", %s %d-%d, %s h</title></rect>\n", rpt_period(p, 1), ie->start_week, ie->end_week,
                    RPT_NUM(ie->hours));
            y += row;
        }
    /* gates: deadline dashed, passed solid */
    for (int g = 0; g < ng; g++) {
        const op_gate *ga = op_plan_gate(p, g);
        const op_gate_eval *ge = op_eval_gate(e, g);
        int xd = left + ga->deadline_week * colw;
        if (ga->deadline_week <= W) {
            fprintf(f, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#c00\" "
                       "stroke-dasharray=\"4 3\"/>\n", xd, top - 4, xd, top + rows * row);
            fprintf(f, "<text x=\"%d\" y=\"%d\" fill=\"#c00\" text-anchor=\"middle\">", xd,
                    top + rows * row + 14 + (g % 2) * 12);
            xml(f, ga->id);
            fprintf(f, " due</text>\n");
        }
        if (ge->passed_week) {
            int xp = left + ge->passed_week * colw;
            fprintf(f, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\" "
                       "stroke-width=\"2\"><title>", xp, top - 4, xp, top + rows * row,
                    ge->lateness ? "#c00" : "#080");
            xml(f, ga->id);
            fprintf(f, " passed %s %d</title></line>\n", wk, ge->passed_week);
        }
    }
    fprintf(f, "</svg>\n");
    return ferror(f) ? -1 : 0;
}
