/* schedule.c - hours per item per week, the result every command exchanges */
#include <math.h>
#include <stdlib.h>

#include "model.h"

struct op_schedule {
    int nitems, nweeks;
    double *h; /* h[item * nweeks + (week - 1)] */
};

op_schedule *op_schedule_new(int nitems, int nweeks)
{
    if (nitems < 0 || nweeks < 0 || nweeks > OP_MAX_WEEK)
        return NULL;
    op_schedule *s = calloc(1, sizeof *s);
    if (!s)
        return NULL;
    s->nitems = nitems;
    s->nweeks = nweeks;
    s->h = calloc((size_t)nitems * (size_t)nweeks + 1, sizeof *s->h);
    if (!s->h) {
        free(s);
        return NULL;
    }
    return s;
}

void op_schedule_free(op_schedule *s)
{
    if (!s)
        return;
    free(s->h);
    free(s);
}

int op_schedule_items(const op_schedule *s) { return s->nitems; }
int op_schedule_weeks(const op_schedule *s) { return s->nweeks; }

/* Out-of-range weeks read as 0 so callers can scan past the horizon. */
double op_schedule_get(const op_schedule *s, int item, int week)
{
    if (item < 0 || item >= s->nitems || week < 1 || week > s->nweeks)
        return 0.0;
    return s->h[(size_t)item * (size_t)s->nweeks + (size_t)(week - 1)];
}

void op_schedule_set(op_schedule *s, int item, int week, double hours)
{
    if (item < 0 || item >= s->nitems || week < 1 || week > s->nweeks)
        return;
    s->h[(size_t)item * (size_t)s->nweeks + (size_t)(week - 1)] = hours;
}

void op_schedule_add(op_schedule *s, int item, int week, double hours)
{
    op_schedule_set(s, item, week, op_schedule_get(s, item, week) + hours);
}

void op_schedule_round(op_schedule *s)
{
    size_t n = (size_t)s->nitems * (size_t)s->nweeks;
    for (size_t k = 0; k < n; k++) {
        double v = round(s->h[k] * 1e6) / 1e6;
        s->h[k] = (fabs(v) < OP_EPS) ? 0.0 : v;
    }
}
