/* charts.c - what the charts share: the chart calendar, runs of worked periods, short titles */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

op_date rpt_chart_start(const op_plan *p)
{
    op_date s = op_plan_start(p);
    return s == OP_DATE_NONE ? RPT_CHART_EPOCH : s;
}

op_date rpt_chart_day(const op_plan *p, int t, int end)
{
    op_date d = op_period_date(rpt_chart_start(p), op_plan_period(p), t, end);
    return end ? d + 1 : d;
}

int rpt_next_run(const op_schedule *s, int i, int *t, int to, int *a, int *b)
{
    int u = *t;
    while (u <= to && op_schedule_get(s, i, u) <= OP_EPS)
        u++;
    if (u > to) {
        *t = u;
        return 0;
    }
    *a = u;
    while (u + 1 <= to && op_schedule_get(s, i, u + 1) > OP_EPS)
        u++;
    *b = u;
    *t = u + 1;
    return 1;
}

void rpt_short_text(char *buf, size_t n, const char *s, size_t max)
{
    size_t len = strlen(s);
    if (max + 4 > n)
        max = n > 4 ? n - 4 : 0;
    if (len <= max) {
        memcpy(buf, s, len + 1);
        return;
    }
    /* cut on a character boundary: never inside a UTF-8 sequence */
    size_t k = max;
    while (k > 0 && ((unsigned char)s[k] & 0xC0) == 0x80)
        k--;
    /* and at the last word's start when that keeps at least half */
    size_t w = k;
    while (w > max / 2 && s[w] != ' ')
        w--;
    if (s[k] != ' ' && s[w] == ' ')
        k = w;
    while (k > 0 && s[k - 1] == ' ')
        k--;
    memcpy(buf, s, k);
    memcpy(buf + k, "...", 4);
}

int rpt_chart_axis_date(const op_plan *p, int t, int sparse, char *buf, size_t n)
{
    static const char *const months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                         "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    int day = op_plan_period(p) == OP_PERIOD_DAY;
    int week = day ? (t - 1) / OP_DAYS_PER_WEEK + 1 : t;
    if (op_plan_start(p) == OP_DATE_NONE || (day && (t - 1) % OP_DAYS_PER_WEEK) ||
        (sparse && (week - 1) % 4))
        return 0;
    char iso[OP_DATE_LEN];
    op_date_format(op_week_monday(op_plan_start(p), week), iso);
    int m = atoi(iso + 5);
    snprintf(buf, n, "%d %s", atoi(iso + 8), months[(m >= 1 && m <= 12 ? m : 1) - 1]);
    return 1;
}
