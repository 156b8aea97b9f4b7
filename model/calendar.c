/* calendar.c - civil dates as day numbers, and the dates of planning weeks and days */
#include <stdio.h>
#include <string.h>

#include "model/model.h"

/* Days from 1970-01-01 to y-m-d in the proleptic Gregorian calendar: the
   era arithmetic of "civil from days" (H. Hinnant), valid for any year. */
static long days_from_civil(int y, int m, int d)
{
    y -= m <= 2;
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static void civil_from_days(long z, int *y, int *m, int *d)
{
    z += 719468;
    long era = (z >= 0 ? z : z - 146096) / 146097;
    long doe = z - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = (int)(yoe + era * 400 + (*m <= 2));
}

static int days_in_month(int y, int m)
{
    static const int n[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return m == 2 && leap ? 29 : n[m - 1];
}

int op_date_parse(const char *s, op_date *out)
{
    int y, m, d, n = 0;
    if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
        return -1;
    for (int k = 0; k < 10; k++)
        if (k != 4 && k != 7 && (s[k] < '0' || s[k] > '9'))
            return -1;
    if (sscanf(s, "%4d-%2d-%2d%n", &y, &m, &d, &n) != 3 || n != 10)
        return -1;
    if (y < OP_DATE_MIN_YEAR || y > OP_DATE_MAX_YEAR || m < 1 || m > 12 || d < 1 ||
        d > days_in_month(y, m))
        return -1;
    *out = days_from_civil(y, m, d);
    return 0;
}

int op_date_looks_like(const char *s)
{
    return strlen(s) == 10 && s[4] == '-' && s[7] == '-';
}

void op_date_format(op_date day, char buf[OP_DATE_LEN])
{
    int y, m, d;
    civil_from_days(day, &y, &m, &d);
    unsigned v[3] = {(unsigned)y % 10000u, (unsigned)m % 100u, (unsigned)d % 100u};
    snprintf(buf, OP_DATE_LEN, "%04u-%02u-%02u", v[0], v[1], v[2]);
}

int op_date_weekday(op_date day)
{
    /* 1970-01-01 was a Thursday (3 with Monday = 0) */
    long w = (day + 3) % 7;
    return (int)(w < 0 ? w + 7 : w);
}

op_date op_week_monday(op_date start, int week)
{
    return start + 7L * (week - 1);
}

int op_week_of_date(op_date start, op_date day)
{
    long diff = day - start;
    long w = (diff >= 0 ? diff / 7 : -((-diff + 6) / 7)) + 1;
    return w < -OP_MAX_WEEK ? -OP_MAX_WEEK : w > 2 * OP_MAX_WEEK ? 2 * OP_MAX_WEEK : (int)w;
}

op_date op_period_date(op_date start, op_period period, int t, int last)
{
    if (period == OP_PERIOD_DAY) { /* day t: the ((t-1) % 5)-th working day of week (t-1)/5+1 */
        int w = (t - 1) / OP_DAYS_PER_WEEK + 1, k = (t - 1) % OP_DAYS_PER_WEEK;
        return op_week_monday(start, w) + k;
    }
    return op_week_monday(start, t) + (last ? 4 : 0); /* Monday .. Friday */
}

int op_period_of_date(op_period period, op_date start, op_date day, int next)
{
    int w = op_week_of_date(start, day);
    if (period != OP_PERIOD_DAY)
        return w;
    int wd = op_date_weekday(day);
    if (wd >= OP_DAYS_PER_WEEK) { /* a weekend: the next Monday or the Friday before */
        if (next)
            return w * OP_DAYS_PER_WEEK + 1;
        wd = OP_DAYS_PER_WEEK - 1;
    }
    return (w - 1) * OP_DAYS_PER_WEEK + wd + 1;
}
