/* opts.c - solver option defaults, stage names, freeing results */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

static const char *const stage_names[OP_STAGE_COUNT] = {
    "scheduled", "lateness", "finish", "priority", "stability", "focus", "cost"};

const char *op_stage_name(op_stage s) { return stage_names[s]; }

void op_solver_opts_init(op_solver_opts *o)
{
    *o = (op_solver_opts){
        .time_limit = 60,
        .stages = {OP_STAGE_SCHEDULED, OP_STAGE_LATENESS, OP_STAGE_FINISH, OP_STAGE_FOCUS,
                   OP_STAGE_PRIORITY},
        .nstages = 5,
        .stability = 1,
        .hour_step = 1,
    };
}

unsigned op_solver_eval_rules(const op_solver_opts *o)
{
    return (o->gate_entry_phase ? OP_EVAL_GATE_ENTRY : 0u) |
           (o->next_week ? OP_EVAL_NEXT_WEEK : 0u) | (o->strict_due ? OP_EVAL_STRICT_DUE : 0u);
}

int op_solver_parse_stages(op_solver_opts *o, const char *list)
{
    int n = 0;
    const char *s = list;
    while (*s) {
        size_t len = strcspn(s, ",");
        int k;
        for (k = 0; k < OP_STAGE_COST; k++)
            if (strlen(stage_names[k]) == len && strncmp(s, stage_names[k], len) == 0)
                break;
        if (k == OP_STAGE_COST || n == OP_STAGE_COST)
            return -1;
        for (int m = 0; m < n; m++)
            if (o->stages[m] == (op_stage)k)
                return -1;
        o->stages[n++] = (op_stage)k;
        s += len;
        if (*s == ',')
            s++;
    }
    if (!n)
        return -1;
    o->nstages = n;
    return 0;
}

void op_solution_free(op_solution *s)
{
    if (!s)
        return;
    op_schedule_free(s->schedule);
    for (int k = 0; k < s->ndeferred; k++)
        free(s->deferred_why[k]);
    free(s->deferred);
    free(s->deferred_why);
    free(s);
}

void op_staff_opts_init(op_staff_opts *s)
{
    *s = (op_staff_opts){.model = OP_STAFF_BLOCK, .max_changes = 0, .min_weeks = 2};
}

void op_staff_result_free(op_staff_result *r)
{
    if (!r)
        return;
    free(r->headcount);
    free(r->hours_per_person);
    free(r);
}
