/* test_solver_random.c - tiny random plans: the solver against an exhaustive search */
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/model.h"
#include "solver/solver.h"
#include "tests/testutil.h"

/* ---- tiny random plans against an exhaustive search ------------------- */

#define R_ITEMS 4
#define R_WEEKS 5
#define R_ROLES 2
#define R_GATES 2
#define R_HOURS 40
#define R_PRINT 6 /* disagreements printed per round */

typedef struct rinst rinst;
struct rinst {
    int H, nroles, ni, ng, phase, strict;
    int strict_due;                    /* due weeks hard; else weeks past due are lateness */
    int open[R_ROLES];                 /* one open-ended row of one person */
    int head[R_ROLES][R_WEEKS + 1];    /* headcount per week (per-week rows) */
    int effort[R_ITEMS], role[R_ITEMS], prio[R_ITEMS], impact[R_ITEMS];
    int earliest[R_ITEMS], due[R_ITEMS];
    int dep[R_ITEMS][R_ITEMS];         /* dep[i][j]: i depends on j (j < i) */
    int deadline[R_GATES];
    int exit[R_GATES][R_ITEMS];
    int requires[R_GATES][R_GATES];    /* requires[g][h]: h < g */
};

/* The four lexicographic values: items scheduled per priority (more is
   better, P0 first), then total lateness, last week, weighted completion. */
typedef struct objv {
    int sched[4];
    int lateness, finish, wc;
} objv;

static op_rng rng_state;
static const struct rinst *current_inst; /* for on_abort */
static int current_seq;
/* 1: the solver plans with same-week hand-offs, which the exhaustive search
   (next-week starts) does not know: it must then break no rule and never do
   worse than the next-week optimum, which stays a solution */
static int same_week;
static int stat_n, stat_deferred, stat_late, stat_infeasible, stat_phase;

static int rnd(int n)
{
    return (int)((op_rng_next(&rng_state) >> 22) % (unsigned long)n);
}

static void gen_instance(rinst *in, int strict)
{
    memset(in, 0, sizeof *in);
    in->H = 3 + rnd(3);
    in->nroles = 1 + rnd(2);
    in->ni = 2 + rnd(3);
    in->ng = rnd(3);
    in->phase = in->ng == 2 && rnd(2);
    in->strict = strict;
    for (int r = 0; r < in->nroles; r++) {
        in->open[r] = rnd(3) == 0;
        for (int t = 1; t <= in->H; t++) {
            int k = rnd(10);
            in->head[r][t] = in->open[r] ? 1 : k < 2 ? 0 : k < 8 ? 1 : 2;
        }
    }
    for (int i = 0; i < in->ni; i++) {
        in->effort[i] = 5 + rnd(56);
        in->role[i] = rnd(in->nroles);
        in->prio[i] = rnd(4);
        in->impact[i] = rnd(4);
        if (rnd(5) == 0)
            in->earliest[i] = 1 + rnd(in->H);
        if (rnd(5) == 0) {
            int lo = in->earliest[i] ? in->earliest[i] : 1;
            in->due[i] = lo + rnd(in->H - lo + 1);
        }
        for (int j = 0; j < i; j++)
            in->dep[i][j] = rnd(10) < 3;
    }
    for (int g = 0; g < in->ng; g++) {
        in->deadline[g] = 1 + rnd(in->H + 1);
        int any = 0;
        for (int i = 0; i < in->ni; i++)
            if (rnd(3) == 0)
                in->exit[g][i] = any = 1;
        if (!any)
            in->exit[g][rnd(in->ni)] = 1;
        for (int h = 0; h < g; h++)
            in->requires[g][h] = rnd(2);
    }
}

static void print_instance(const rinst *in, int seq)
{
    fprintf(stderr, "\n  instance %d: horizon %d, gate_entry_phase %d, strict_gates %d, "
                    "strict_due %d\n",
            seq, in->H, in->phase, in->strict, in->strict_due);
    fprintf(stderr, "  team.csv (role,headcount,hours_per_week,from_week,to_week):\n");
    for (int r = 0; r < in->nroles; r++) {
        if (in->open[r])
            fprintf(stderr, "    R%d,1,%d,1,\n", r, R_HOURS);
        else
            for (int t = 1; t <= in->H; t++)
                fprintf(stderr, "    R%d,%d,%d,%d,%d\n", r, in->head[r][t], R_HOURS, t, t);
    }
    fprintf(stderr, "  items.csv (id,role,effort,priority,impact,max_people,earliest,due,deps):\n");
    for (int i = 0; i < in->ni; i++) {
        fprintf(stderr, "    I%d,R%d,%d,P%d,%d,1,%d,%d,", i, in->role[i], in->effort[i], in->prio[i],
                in->impact[i], in->earliest[i], in->due[i]);
        for (int j = 0; j < i; j++)
            if (in->dep[i][j])
                fprintf(stderr, " I%d", j);
        fprintf(stderr, "\n");
    }
    if (in->ng)
        fprintf(stderr, "  gates.csv (id,deadline,items,requires):\n");
    for (int g = 0; g < in->ng; g++) {
        fprintf(stderr, "    G%d,%d,", g, in->deadline[g]);
        for (int i = 0; i < in->ni; i++)
            if (in->exit[g][i])
                fprintf(stderr, " I%d", i);
        fprintf(stderr, ",");
        for (int h = 0; h < g; h++)
            if (in->requires[g][h])
                fprintf(stderr, " G%d", h);
        fprintf(stderr, "\n");
    }
}

static op_plan *build_instance(const rinst *in)
{
    op_plan *p = op_plan_new();
    CU_ASSERT_FATAL(p != NULL);
    char name[32], dep[32];
    for (int r = 0; r < in->nroles; r++) {
        snprintf(name, sizeof name, "R%d", r);
        if (in->open[r])
            add_team(p, name, 1, R_HOURS, 1, 0);
        else
            for (int t = 1; t <= in->H; t++)
                add_team(p, name, in->head[r][t], R_HOURS, t, t);
    }
    for (int i = 0; i < in->ni; i++) {
        snprintf(name, sizeof name, "I%d", i);
        char role[32];
        snprintf(role, sizeof role, "R%d", in->role[i]);
        int k = tu_add_item(p, name, role, in->effort[i], 1, in->earliest[i], in->due[i],
                              in->prio[i], (op_impact)in->impact[i]);
        for (int j = 0; j < i; j++)
            if (in->dep[i][j]) {
                snprintf(dep, sizeof dep, "I%d", j);
                add_dep(p, k, dep);
            }
    }
    for (int g = 0; g < in->ng; g++) {
        char items[128] = "", reqs[64] = "";
        for (int i = 0; i < in->ni; i++)
            if (in->exit[g][i]) {
                snprintf(name, sizeof name, "I%d ", i);
                strcat(items, name);
            }
        for (int h = 0; h < g; h++)
            if (in->requires[g][h]) {
                snprintf(name, sizeof name, "G%d ", h);
                strcat(reqs, name);
            }
        snprintf(name, sizeof name, "G%d", g);
        add_gate(p, name, in->deadline[g], items, reqs);
    }
    validate_ok(p);
    return p;
}

/* Returns < 0 when a is better than b, > 0 when worse, 0 when equal. */
static int objv_cmp(const objv *a, const objv *b)
{
    for (int q = 0; q < 4; q++)
        if (a->sched[q] != b->sched[q])
            return a->sched[q] > b->sched[q] ? -1 : 1;
    if (a->lateness != b->lateness)
        return a->lateness < b->lateness ? -1 : 1;
    if (a->finish != b->finish)
        return a->finish < b->finish ? -1 : 1;
    if (a->wc != b->wc)
        return a->wc < b->wc ? -1 : 1;
    return 0;
}

static int item_weight(const rinst *in, int i) { return 4 * (4 - in->prio[i]) + in->impact[i]; }

/* The exhaustive search: each item gets an interval [s, e] of weeks in which
   its hours lie (e its completion week), or none (s = 0, deferred). Hours are
   free to split inside the interval; a schedule with those intervals exists
   iff a transportation problem items -> weeks is feasible, checked by the
   max-flow min-cut condition over every subset of each role's items. */
typedef struct bf {
    const rinst *in;
    int s[R_ITEMS], e[R_ITEMS];
    int icap[R_ITEMS][R_WEEKS + 1];   /* hours item i may get in week t */
    int rcap[R_ROLES][R_WEEKS + 1];   /* role capacity */
    int found;
    objv best;
    int bs[R_ITEMS], be[R_ITEMS];
} bf;

static int bf_hours_feasible(const bf *b)
{
    const rinst *in = b->in;
    for (int r = 0; r < in->nroles; r++) {
        int items[R_ITEMS], n = 0;
        for (int i = 0; i < in->ni; i++)
            if (in->role[i] == r && b->s[i])
                items[n++] = i;
        for (int mask = 1; mask < (1 << n); mask++) {
            int need = 0, cut = 0;
            for (int k = 0; k < n; k++)
                if (mask & (1 << k))
                    need += in->effort[items[k]];
            for (int t = 1; t <= in->H; t++) {
                int sum = 0;
                for (int k = 0; k < n; k++) {
                    int i = items[k];
                    if ((mask & (1 << k)) && t >= b->s[i] && t <= b->e[i])
                        sum += b->icap[i][t];
                }
                cut += sum < b->rcap[r][t] ? sum : b->rcap[r][t];
            }
            if (need > cut)
                return 0;
        }
    }
    return 1;
}

/* Whether some role works past the horizon (an open-ended row). */
static int team_open(const rinst *in)
{
    for (int r = 0; r < in->nroles; r++)
        if (in->open[r])
            return 1;
    return 0;
}

static void bf_leaf(bf *b)
{
    const rinst *in = b->in;
    int passed[R_GATES];
    objv v;
    memset(&v, 0, sizeof v);
    for (int g = 0; g < in->ng; g++) {
        int pw = 1;
        for (int i = 0; i < in->ni; i++)
            if (in->exit[g][i]) {
                if (!b->s[i])
                    pw = 0;
                else if (pw && b->e[i] > pw)
                    pw = b->e[i];
            }
        for (int h = 0; h < g; h++)
            if (in->requires[g][h]) {
                if (!passed[h])
                    pw = 0;
                else if (pw && passed[h] > pw)
                    pw = passed[h];
            }
        passed[g] = pw;
        int late = pw ? pw - in->deadline[g] : in->H + 1 - in->deadline[g];
        if (late < 0)
            late = 0;
        if (in->strict && late > 0)
            return;
        /* a strict deadline past the horizon of a team that ends by then:
           nothing happens after the horizon, so the gate must pass within it */
        if (in->strict && !pw && !team_open(in))
            return;
        v.lateness += late;
    }
    if (in->phase)
        for (int g = 0; g < in->ng; g++)
            for (int i = 0; i < in->ni; i++)
                if (in->exit[g][i] && b->s[i])
                    for (int h = 0; h < g; h++)
                        if (in->requires[g][h] && (!passed[h] || passed[h] >= b->s[i]))
                            return;
    for (int i = 0; i < in->ni; i++)
        if (b->s[i]) {
            if (!in->strict_due && in->due[i] && b->e[i] > in->due[i])
                v.lateness += b->e[i] - in->due[i]; /* soft due week: weeks late */
            v.sched[in->prio[i]]++;
            if (b->e[i] > v.finish)
                v.finish = b->e[i];
            v.wc += item_weight(in, i) * b->e[i];
        }
    if (b->found && objv_cmp(&v, &b->best) >= 0)
        return;
    if (!bf_hours_feasible(b))
        return;
    b->found = 1;
    b->best = v;
    memcpy(b->bs, b->s, sizeof b->bs);
    memcpy(b->be, b->e, sizeof b->be);
}

static void bf_item(bf *b, int i)
{
    const rinst *in = b->in;
    if (i == in->ni) {
        bf_leaf(b);
        return;
    }
    /* deferred */
    b->s[i] = b->e[i] = 0;
    bf_item(b, i + 1);
    int lo = in->earliest[i] > 1 ? in->earliest[i] : 1;
    int hi = in->strict_due && in->due[i] && in->due[i] < in->H ? in->due[i] : in->H;
    for (int j = 0; j < i; j++)
        if (in->dep[i][j]) {
            if (!b->s[j])
                return; /* a dependency left out: so is this item */
            if (b->e[j] + 1 > lo)
                lo = b->e[j] + 1;
        }
    for (int s = lo; s <= hi; s++) {
        int acc = 0;
        for (int e = s; e <= hi; e++) {
            acc += b->icap[i][e];
            if (acc < in->effort[i])
                continue;
            b->s[i] = s;
            b->e[i] = e;
            bf_item(b, i + 1);
        }
    }
    b->s[i] = b->e[i] = 0;
}

static void brute_force(const rinst *in, bf *b)
{
    memset(b, 0, sizeof *b);
    b->in = in;
    for (int r = 0; r < in->nroles; r++)
        for (int t = 1; t <= in->H; t++)
            b->rcap[r][t] = in->head[r][t] * R_HOURS;
    for (int i = 0; i < in->ni; i++)
        for (int t = 1; t <= in->H; t++) {
            int c = b->rcap[in->role[i]][t], mp = 1 * R_HOURS; /* max_people 1 */
            b->icap[i][t] = c < mp ? c : mp;
        }
    bf_item(b, 0);
}

/* The four values of the solver's schedule, measured with op_eval. */
static objv objv_of_solution(const rinst *in, const op_plan *p, const op_solution *sol, int *hard)
{
    objv v;
    memset(&v, 0, sizeof v);
    /* judged by the rule the solver planned with */
    op_eval *e = op_eval_new(p, sol->schedule, (same_week ? 0u : OP_EVAL_NEXT_WEEK) |
                                                   (in->phase ? OP_EVAL_GATE_ENTRY : 0u) |
                                                   (in->strict_due ? OP_EVAL_STRICT_DUE : 0u));
    CU_ASSERT_PTR_NOT_NULL_FATAL(e);
    *hard = op_eval_hard_violations(e);
    for (int i = 0; i < in->ni; i++) {
        const op_item_eval *ie = op_eval_item(e, i);
        if (!ie->done)
            continue;
        v.sched[in->prio[i]]++;
        v.wc += item_weight(in, i) * ie->end_week;
    }
    v.lateness = op_eval_total_lateness(e);
    v.finish = op_eval_last_week(e);
    op_eval_free(e);
    return v;
}

static void print_objv(const char *who, const objv *v)
{
    fprintf(stderr, "  %s: scheduled P0..P3 %d/%d/%d/%d, lateness %d, last week %d, weighted "
                    "completion %d\n",
            who, v->sched[0], v->sched[1], v->sched[2], v->sched[3], v->lateness, v->finish, v->wc);
}

/* A solver library aborts the process on an internal error: name the
   instance first (the process is dying: stdio is good enough here). */
static void on_abort(int sig)
{
    (void)sig;
    fprintf(stderr, "\n  abort inside op_solve on this instance:");
    if (current_inst)
        print_instance(current_inst, current_seq);
    fflush(stderr);
    signal(SIGABRT, SIG_DFL);
}

/* The focus stage runs after scheduled, lateness and finish: with it on, the
   optimum keeps the exhaustive search's values of those stages, breaks no
   rule, and its weighted completion is no better than the optimum's (focus
   may cost some). o asks for no focus; returns 1 when all holds. */
static int focus_ok(const rinst *in, const op_plan *p, const op_solver_opts *o, const objv *best)
{
    op_solver_opts fo = *o;
    fo.focus = OP_FOCUS_SOFT;
    op_diag *d = op_diag_new(OP_MAX_ERRORS);
    CU_ASSERT_FATAL(d != NULL);
    op_solution *sol = NULL;
    int ok = op_solve(p, &fo, &sol, d) == OP_OK && sol->schedule &&
             sol->status == OP_SOLVE_OPTIMAL;
    if (ok) {
        int hard = 0;
        objv v = objv_of_solution(in, p, sol, &hard);
        ok = hard == 0 && memcmp(v.sched, best->sched, sizeof v.sched) == 0 &&
             v.lateness == best->lateness && v.finish == best->finish && v.wc >= best->wc;
    }
    CU_ASSERT(ok);
    if (!ok)
        fprintf(stderr, "  focus on: stages before focus differ from the exhaustive search\n");
    op_solution_free(sol);
    op_diag_free(d);
    return ok;
}

/* Runs n seeded instances; returns the number of disagreements. */
static int random_round(unsigned long seed, int n, int strict)
{
    int bad = 0;
    rng_state.state = seed;
    for (int k = 0; k < n; k++) {
        rinst in;
        gen_instance(&in, strict);
        in.strict_due = k & 1; /* half the plans each way, the same instances as before */
        bf b;
        brute_force(&in, &b);
        stat_n++;
        stat_phase += in.phase;
        if (!b.found)
            stat_infeasible++;
        else {
            stat_late += b.best.lateness > 0;
            stat_deferred += b.best.sched[0] + b.best.sched[1] + b.best.sched[2] +
                                 b.best.sched[3] < in.ni;
        }
        op_plan *p = build_instance(&in);
        op_solver_opts o;
        op_solver_opts_init(&o);
        o.horizon = in.H;
        o.time_limit = 20;
        o.strict_gates = in.strict;
        o.gate_entry_phase = in.phase;
        o.strict_due = in.strict_due;
        o.next_week = !same_week; /* the exhaustive search starts dependants the week after */
        o.focus = OP_FOCUS_OFF;   /* nor does it know the focus stage: focus_ok checks that */
        if (b.found && !same_week && !focus_ok(&in, p, &o, &b.best) && ++bad <= R_PRINT)
            print_instance(&in, k);
        op_diag *d = op_diag_new(OP_MAX_ERRORS);
        CU_ASSERT_FATAL(d != NULL);
        op_solution *sol = NULL;
        current_inst = &in;
        current_seq = k;
        signal(SIGABRT, on_abort);
        op_status st = op_solve(p, &o, &sol, d);
        signal(SIGABRT, SIG_DFL);
        current_inst = NULL;
        int ok;
        objv sv;
        memset(&sv, 0, sizeof sv);
        int hard = 0;
        if (st != OP_OK) {
            CU_ASSERT_EQUAL(st, OP_OK);
            if (++bad <= R_PRINT)
                print_instance(&in, k);
            for (int m = 0; bad <= R_PRINT && m < op_diag_kept(d); m++)
                fprintf(stderr, "  op_solve failed (status %d): %s\n", (int)st,
                        op_diag_message(d, m));
            op_diag_free(d);
            op_plan_free(p);
            continue;
        }
        op_diag_free(d);
        if (!b.found && !same_week) {
            ok = sol->status == OP_SOLVE_INFEASIBLE && sol->schedule == NULL;
        } else if (!b.found) {
            if (sol->schedule)
                sv = objv_of_solution(&in, p, sol, &hard);
            ok = hard == 0; /* same-week may find what next-week cannot */
        } else if (!sol->schedule) {
            ok = 0;
        } else {
            CU_ASSERT_EQUAL(op_schedule_weeks(sol->schedule), in.H);
            sv = objv_of_solution(&in, p, sol, &hard);
            int c = objv_cmp(&sv, &b.best);
            ok = sol->status == OP_SOLVE_OPTIMAL && hard == 0 && (same_week ? c <= 0 : c == 0);
        }
        CU_ASSERT(ok);
        if (!ok && ++bad <= R_PRINT) {
            print_instance(&in, k);
            if (b.found) {
                print_objv("exhaustive search", &b.best);
                fprintf(stderr, "  exhaustive intervals:");
                for (int i = 0; i < in.ni; i++)
                    fprintf(stderr, " I%d=[%d,%d]", i, b.bs[i], b.be[i]);
                fprintf(stderr, "\n");
            } else {
                fprintf(stderr, "  exhaustive search: no schedule meets the hard rules\n");
            }
            fprintf(stderr, "  op_solve: status %d%s%s\n", (int)sol->status,
                    sol->reason[0] ? ", reason: " : "", sol->reason);
            if (sol->schedule) {
                print_objv("op_solve", &sv);
                const char *stage = "none";
                if (memcmp(sv.sched, b.best.sched, sizeof sv.sched) != 0)
                    stage = "scheduled";
                else if (sv.lateness != b.best.lateness)
                    stage = "lateness";
                else if (sv.finish != b.best.finish)
                    stage = "finish";
                else if (sv.wc != b.best.wc)
                    stage = "priority";
                fprintf(stderr, "  first stage that differs: %s\n", stage);
                fprintf(stderr, "  hard violations %d; schedule:\n", hard);
                for (int i = 0; i < in.ni; i++) {
                    fprintf(stderr, "    I%d:", i);
                    for (int t = 1; t <= op_schedule_weeks(sol->schedule); t++)
                        fprintf(stderr, " %g", op_schedule_get(sol->schedule, i, t));
                    fprintf(stderr, "\n");
                }
            }
        }
        op_solution_free(sol);
        op_plan_free(p);
    }
    if (bad)
        fprintf(stderr, "\n  %d of %d instances disagree%s\n", bad, n,
                bad > R_PRINT ? " (the first ones printed)" : "");
    if (getenv("TEST_SOLVER_STATS"))
        fprintf(stderr, "\n  %d instances: %d with items deferred, %d with late gates, %d "
                        "without a schedule, %d with phase entry\n",
                stat_n, stat_deferred, stat_late, stat_infeasible, stat_phase);
    stat_n = stat_deferred = stat_late = stat_infeasible = stat_phase = 0;
    return bad;
}

/* TEST_SOLVER_RANDOM=N runs N instances per round instead (a longer hunt). */
static int random_count(int n)
{
    const char *s = getenv("TEST_SOLVER_RANDOM");
    return s && atoi(s) > 0 ? atoi(s) : n;
}

static void test_random_vs_exhaustive(void)
{
    CU_ASSERT_EQUAL(random_round(20240601UL, random_count(1500), 0), 0);
}

static void test_random_strict_vs_exhaustive(void)
{
    CU_ASSERT_EQUAL(random_round(777UL, random_count(1000), 1), 0);
}

static void test_random_same_week(void)
{
    same_week = 1;
    CU_ASSERT_EQUAL(random_round(4242UL, random_count(1000), 0), 0);
    CU_ASSERT_EQUAL(random_round(4343UL, random_count(600), 1), 0);
    same_week = 0;
}

int main(void)
{
    static const tu_test tests[] = {
        {"random plans vs exhaustive search", test_random_vs_exhaustive},
        {"random plans, strict gates, vs exhaustive search", test_random_strict_vs_exhaustive},
        {"random plans, same-week hand-offs: no rule broken, never worse than next-week",
         test_random_same_week},
        {NULL, NULL},
    };
    return tu_run("solver-random", NULL, NULL, tests);
}
