/* loadsvg.c - load.svg: planned hours against capacity, one panel per role, week by week */
#include <stdio.h>

#include "internal.h"

/* Geometry: a label column, one column per period, one panel per role. */
typedef struct panel_layout {
    int left, top, colw, weeks;
    int plot, gap; /* a panel's plot height and the space above it for its title */
} panel_layout;

static const char *const bar_color = "#4e79a7", *const over_color = "#d62728";

static int px(const panel_layout *L, int t)
{
    return L->left + (t - 1) * L->colw;
}

/* Role r over periods 1..W: returns the panel's scale, the larger of
   capacity and load (1 when both are 0); *over gets the periods booked past
   capacity, *hrs the hours planned. */
static double role_max(const op_plan *p, const op_eval *e, int r, int W, int *over, double *hrs)
{
    double m = 0;
    *over = 0;
    *hrs = 0;
    for (int t = 1; t <= W; t++) {
        double l = op_eval_load(e, r, t), c = op_plan_capacity(p, r, t);
        m = l > m ? l : m;
        m = c > m ? c : m;
        *over += l > c + 1e-4;
        *hrs += l;
    }
    return m > 0 ? m : 1;
}

/* Role r's panel (L: geometry, p and e: the plan and its evaluation) with
   its top at y: title, scale, a bar of planned hours per period (red when
   past capacity) and capacity as a step line. */
static void role_panel(FILE *f, const panel_layout *L, const op_plan *p, const op_eval *e, int r,
                       int y)
{
    int over, W = L->weeks, base = y + L->gap + L->plot;
    double hrs, m = role_max(p, e, r, W, &over, &hrs);
    const char *wks = rpt_period(p, over != 1);
    fprintf(f, "<text x=\"%d\" y=\"%d\" font-weight=\"bold\">", 8, y + 14);
    rpt_xml(f, op_plan_role(p, r)->name);
    fprintf(f, "</text>\n<text x=\"%d\" y=\"%d\" fill=\"%s\">%s h planned; %d %s over "
               "capacity</text>\n",
            L->left, y + 14, over ? over_color : "#555", RPT_NUM(hrs), over, wks);
    fprintf(f, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\" fill=\"#555\">%s h</text>\n",
            L->left - 6, base - L->plot + 9, RPT_NUM(m));
    fprintf(f, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\" fill=\"#555\">0</text>\n",
            L->left - 6, base);
    fprintf(f, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"#f7f7f7\"/>\n",
            L->left, base - L->plot, W * L->colw, L->plot);
    for (int t = 1; t <= W; t++) {
        double l = op_eval_load(e, r, t), c = op_plan_capacity(p, r, t);
        int h = (int)(l / m * L->plot + 0.5);
        if (l <= OP_EPS)
            continue;
        fprintf(f, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"%s\"><title>",
                px(L, t) + 2, base - h, L->colw - 4, h, l > c + 1e-4 ? over_color : bar_color);
        rpt_xml(f, op_plan_role(p, r)->name);
        fprintf(f, " %s %d: %s h planned", rpt_period(p, 0), t, RPT_NUM(l));
        fprintf(f, ", capacity %s h</title></rect>\n", RPT_NUM(c));
    }
    /* capacity: one horizontal step per period, joined by vertical lines */
    fprintf(f, "<path fill=\"none\" stroke=\"#222\" stroke-width=\"1.5\" d=\"");
    for (int t = 1; t <= W; t++) {
        int cy = base - (int)(op_plan_capacity(p, r, t) / m * L->plot + 0.5);
        if (t == 1)
            fprintf(f, "M%d %d", px(L, t), cy);
        else
            fprintf(f, " V%d", cy);
        fprintf(f, " H%d", px(L, t + 1));
    }
    fprintf(f, "\"/>\n");
}

/* Period labels along the top, with a week's Monday above it when the plan
   has a start date (rpt_chart_axis_date). */
static void load_axis(FILE *f, const panel_layout *L, const op_plan *p)
{
    for (int t = 1; t <= L->weeks; t++) {
        if (L->colw >= 30 || t % 2 == 1)
            fprintf(f, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%c%d</text>\n",
                    px(L, t) + L->colw / 2, L->top - 6, rpt_period(p, 0)[0], t);
        char buf[16];
        if (rpt_chart_axis_date(p, t, L->colw < 30, buf, sizeof buf))
            fprintf(f, "<text x=\"%d\" y=\"%d\" fill=\"#555\" font-size=\"9\">%s</text>\n", px(L, t) + 1,
                    L->top - 20, buf);
    }
}

int rpt_write_load_svg(FILE *f, const op_plan *p, const op_eval *e)
{
    int W = op_eval_weeks(e), nr = op_plan_role_count(p);
    panel_layout L = {130, op_plan_start(p) != OP_DATE_NONE ? 58 : 44, W > 40 ? 16 : 40, W, 60, 22};
    int width = L.left + W * L.colw + 20, height = L.top + nr * (L.plot + L.gap + 8) + 10;
    fprintf(f, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
               "font-family=\"sans-serif\" font-size=\"11\">\n", width, height);
    fprintf(f, "<rect width=\"100%%\" height=\"100%%\" fill=\"white\"/>\n");
    fprintf(f, "<text x=\"8\" y=\"16\">Planned hours per role and %s (bars; red: over "
               "capacity) against capacity (line)</text>\n", rpt_period(p, 0));
    load_axis(f, &L, p);
    for (int r = 0; r < nr; r++)
        role_panel(f, &L, p, e, r, L.top + r * (L.plot + L.gap + 8));
    fprintf(f, "</svg>\n");
    return ferror(f) ? -1 : 0;
}
