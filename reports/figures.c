/* figures.c - figures the reports derive from an evaluation: people, Go week, overload */
#include <math.h>

#include "internal.h"

double rpt_people(const op_plan *p, const op_eval *e, int r, int t)
{
    double l = op_eval_load(e, r, t);
    double ph = op_plan_person_hours(p, r, t);
    if (l <= 1e-6 || ph <= 0)
        return 0;
    /* whole people; the epsilon keeps 40.0000001 h of 40 h people at one */
    return ceil(l / ph - 1e-6);
}

double rpt_person_weeks(const op_plan *p, const op_eval *e, int *peak)
{
    double pw = 0;
    *peak = 0;
    for (int t = 1; t <= op_eval_weeks(e); t++) {
        int week = 0;
        for (int r = 0; r < op_plan_role_count(p); r++)
            week += (int)rpt_people(p, e, r, t);
        pw += week;
        if (week > *peak)
            *peak = week;
    }
    return pw;
}

int rpt_go_week(const op_plan *p, const op_eval *e, int *musts, int *shoulds)
{
    int ni = op_plan_item_count(p);
    *musts = *shoulds = 0;
    for (int i = 0; i < ni; i++) {
        op_decision dc = op_plan_item(p, i)->decision;
        *musts += dc == OP_DECISION_MUST;
        *shoulds += dc == OP_DECISION_SHOULD;
    }
    if (!*musts && !*shoulds)
        return 0;
    double pct = op_plan_settings(p)->go_should_percent;
    for (int t = 1; t <= op_eval_weeks(e); t++) {
        int ok = 1, sh = 0;
        for (int i = 0; i < ni; i++) {
            const op_item_eval *ie = op_eval_item(e, i);
            int done = ie->done && ie->end_week <= t;
            op_decision dc = op_plan_item(p, i)->decision;
            if (dc == OP_DECISION_MUST && !done)
                ok = 0;
            if (dc == OP_DECISION_SHOULD && done)
                sh++;
        }
        if (ok && sh * 100.0 >= *shoulds * pct - 1e-9)
            return t;
    }
    return 0;
}

int rpt_over_capacity_count(const op_eval *e)
{
    int n = 0;
    for (int k = 0; k < op_eval_violation_count(e); k++)
        n += op_eval_violation(e, k)->kind == OP_V_OVER_CAPACITY;
    return n;
}
