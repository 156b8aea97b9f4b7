/* format.c - the one way reports write numbers, CSV cells, markdown and XML text */
#include <csv.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

const char *rpt_num(char *buf, size_t n, double v)
{
    /* below half the last decimal is 0, which also keeps "-0" out */
    if (fabs(v) < 5e-7)
        v = 0;
    snprintf(buf, n, "%.6f", v);
    char *dot = strchr(buf, '.');
    if (dot) {
        char *end = buf + strlen(buf) - 1;
        while (end > dot && *end == '0')
            *end-- = 0;
        if (end == dot)
            *end = 0;
    }
    return buf;
}

/* A text cell: quoted through libcsv when it needs quoting; a leading = + - @
   tab or CR gets an apostrophe so a spreadsheet never runs it as a formula.
   The apostrophe copy is the one allocation: its failure returns -1 with the
   stream clean (out of memory, under the writers' contract). */
int rpt_cell(FILE *f, const char *s, int last)
{
    int rc = 0;
    if (s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@' || s[0] == '\t' || s[0] == '\r') {
        size_t n = strlen(s);
        char *q = malloc(n + 2);
        if (!q)
            return -1;
        q[0] = '\'';
        memcpy(q + 1, s, n + 1);
        rc = csv_fwrite(f, q, n + 1);
        free(q);
    } else if (strpbrk(s, ",\"\r\n") || (s[0] && (s[0] == ' ' || s[strlen(s) - 1] == ' '))) {
        rc = csv_fwrite(f, s, strlen(s));
    } else {
        rc = fputs(s, f) < 0 ? -1 : 0;
    }
    if (fputc(last ? '\n' : ',', f) == EOF)
        rc = -1;
    return rc ? -1 : 0;
}

int rpt_cellnum(FILE *f, double v, int last)
{
    char b[32];
    return fprintf(f, "%s%c", rpt_num(b, sizeof b, v), last ? '\n' : ',') < 0 ? -1 : 0;
}

int rpt_cellweek(FILE *f, int week, int last)
{
    return week ? rpt_cellnum(f, week, last) : rpt_cell(f, "", last);
}

const char *rpt_date(const op_plan *p, int t, int last, char buf[OP_DATE_LEN])
{
    op_date start = op_plan_start(p);
    buf[0] = 0;
    if (start != OP_DATE_NONE && t >= 1)
        op_date_format(op_period_date(start, op_plan_period(p), t, last), buf);
    return buf;
}

int rpt_celldate(FILE *f, const op_plan *p, int t, int last, int is_last)
{
    return rpt_cell(f, RPT_DATE(p, t, last), is_last);
}

void rpt_md(FILE *f, const char *s)
{
    for (; *s; s++) {
        switch (*s) {
        case '|': fputs("\\|", f); break;
        case '\n': case '\r': fputc(' ', f); break;
        case '<': fputs("&lt;", f); break;
        case '>': fputs("&gt;", f); break;
        case '&': fputs("&amp;", f); break;
        default: fputc(*s, f);
        }
    }
}

void rpt_xml(FILE *f, const char *s)
{
    for (; *s; s++) {
        switch (*s) {
        case '<': fputs("&lt;", f); break;
        case '>': fputs("&gt;", f); break;
        case '&': fputs("&amp;", f); break;
        case '"': fputs("&quot;", f); break;
        case '\'': fputs("&apos;", f); break;
        default:
            /* of the control characters only tab is kept: XML 1.0 forbids most,
               and a line break would split a one-line label */
            if ((unsigned char)*s >= 0x20 || *s == '\t')
                fputc(*s, f);
        }
    }
}

void rpt_append(char *buf, size_t n, size_t *len, const char *fmt, ...)
{
    if (*len >= n)
        return;
    va_list ap;
    va_start(ap, fmt);
    int k = vsnprintf(buf + *len, n - *len, fmt, ap);
    va_end(ap);
    if (k > 0)
        *len += (size_t)k < n - *len ? (size_t)k : n - *len - 1;
}
