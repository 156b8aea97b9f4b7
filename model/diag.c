/* diag.c - collects diagnostics as "FILE:LINE:FIELD: message" lines, capped */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model.h"

#define MSG_MAX 512

struct op_diag {
    int max;      /* messages kept */
    int count;    /* messages reported */
    op_status first;
    char (*msgs)[MSG_MAX];
};

op_diag *op_diag_new(int max_errors)
{
    op_diag *d = calloc(1, sizeof *d);
    if (!d)
        return NULL;
    if (max_errors < 1)
        max_errors = 1;
    d->msgs = calloc((size_t)max_errors, sizeof *d->msgs);
    if (!d->msgs) {
        free(d);
        return NULL;
    }
    d->max = max_errors;
    return d;
}

void op_diag_free(op_diag *d)
{
    if (!d)
        return;
    free(d->msgs);
    free(d);
}

void op_diag_error(op_diag *d, op_status st, const op_loc *loc, const char *fmt, ...)
{
    if (!d)
        return;
    if (d->count == 0)
        d->first = st;
    if (d->count++ >= d->max)
        return;
    char *m = d->msgs[d->count - 1];
    int n = 0;
    if (loc && loc->file) {
        if (loc->line && loc->col)
            n = snprintf(m, MSG_MAX, "%s:%u:%u: ", loc->file, loc->line, loc->col);
        else if (loc->line)
            n = snprintf(m, MSG_MAX, "%s:%u: ", loc->file, loc->line);
        else
            n = snprintf(m, MSG_MAX, "%s: ", loc->file);
        if (n < 0 || n >= MSG_MAX)
            n = 0;
    }
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(m + n, (size_t)(MSG_MAX - n), fmt, ap);
    va_end(ap);
}

int op_diag_count(const op_diag *d) { return d ? d->count : 0; }
int op_diag_kept(const op_diag *d) { return d ? (d->count < d->max ? d->count : d->max) : 0; }
const char *op_diag_message(const op_diag *d, int i) { return d->msgs[i]; }
op_status op_diag_status(const op_diag *d) { return d && d->count ? d->first : OP_OK; }
