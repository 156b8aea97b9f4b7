/* readback.c - what compare and sweep read from runs read back: keys, cells, metrics */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

int rpt_union_keys(op_run *const *runs, int n, op_run_part part, const char ***out)
{
    int cap = 0, m = 0;
    for (int k = 0; k < n; k++)
        cap += op_run_count(runs[k], part);
    const char **keys = malloc(((size_t)cap + 1) * sizeof *keys);
    if (!keys)
        return -1;
    for (int k = 0; k < n; k++)
        for (int j = 0; j < op_run_count(runs[k], part); j++) {
            const char *key = op_run_key(runs[k], part, j);
            int seen = 0;
            for (int q = 0; q < m && !seen; q++)
                seen = strcmp(keys[q], key) == 0;
            if (!seen)
                keys[m++] = key;
        }
    *out = keys;
    return m;
}

const char *rpt_run_val(const op_run *r, op_run_part part, const char *key, int which)
{
    const char *v = op_run_get(r, part, key, which);
    return v ? v : "";
}

op_period rpt_run_period(const op_run *r)
{
    const char *v = op_run_get(r, OP_RUN_METRIC, "period", 0);
    return v && strcmp(v, "day") == 0 ? OP_PERIOD_DAY : OP_PERIOD_WEEK;
}

double rpt_run_metric(const op_run *r, const char *key)
{
    const char *v = op_run_get(r, OP_RUN_METRIC, key, 0);
    return v && v[0] ? atof(v) : 0;
}
