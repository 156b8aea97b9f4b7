/* test_fixes.c - every change cli_gate_fixes or cli_deferred_fixes says makes a gate on time or schedules an item does so when applied by hand */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "tests/testutil.h"

static op_rng rng_state;
static int seen_kind[3]; /* claims checked: effort cut, hand-off, deadline move */

static int rnd(int n) { return tu_rnd(&rng_state, n); }

/* A small random plan with tight gates: 1-3 roles of one person (some
   ending early), 3-7 effort items, dependencies (some with lag_weeks), 1-3
   gates, some requiring the one before. */
static op_plan *random_plan(void)
{
    op_plan *p = op_plan_new();
    CU_ASSERT_FATAL(p != NULL);
    int nr = 1 + rnd(3), ni = 3 + rnd(5), ng = 1 + rnd(3);
    char name[32], role[32];
    for (int r = 0; r < nr; r++) {
        snprintf(role, sizeof role, "R%d", r);
        add_team(p, role, 1, 40, 1 + (rnd(3) == 0), rnd(3) ? 0 : 6 + rnd(4));
    }
    for (int i = 0; i < ni; i++) {
        snprintf(name, sizeof name, "I%d", i);
        snprintf(role, sizeof role, "R%d", rnd(nr));
        op_item it;
        tu_item_init(p, &it, name, role);
        it.priority = rnd(3);
        it.effort = 8 * (1 + rnd(10));
        it.max_people = 1;
        it.lag_weeks = rnd(5) == 0 ? 1 + rnd(2) : 0; /* some links wait weeks */
        int k = op_plan_add_item(p, &it, NULL);
        CU_ASSERT_FATAL(k >= 0);
        tu_random_deps(p, &rng_state, k, i);
    }
    tu_random_gates(p, &rng_state, ni, ng, 4);
    validate_ok(p);
    return p;
}

/* Plan q (which it frees) solved for stages scheduled and lateness, as
   cli_gate_fixes does: gate g's week (0 never or g < 0), and item i's last week
   into *end (0: not scheduled) when i >= 0; -1 when q is NULL or no plan
   came. */
static int solved(op_plan *q, int g, int i, int *end)
{
    int week = -1;
    op_diag *d = op_diag_new(OP_MAX_ERRORS);
    op_solver_opts o;
    op_solver_opts_init(&o);
    o.stages[0] = OP_STAGE_SCHEDULED, o.stages[1] = OP_STAGE_LATENESS, o.nstages = 2;
    op_solution *sol = NULL;
    if (q && op_solve(q, &o, &sol, d) == OP_OK && sol->schedule) {
        op_eval *e = op_eval_new(q, sol->schedule, 0);
        week = !e ? -1 : g >= 0 ? op_eval_gate(e, g)->passed_week : 0;
        if (e && i >= 0)
            *end = op_eval_item(e, i)->done ? op_eval_item(e, i)->end_week : 0;
        op_eval_free(e);
    }
    op_solution_free(sol);
    op_diag_free(d);
    op_plan_free(q);
    return week;
}

static int solved_week(op_plan *q, int g) { return solved(q, g, -1, NULL); }

/* p with one more person of role in weeks a..b (NULL when that cannot be
   built); the caller frees it. */
static op_plan *with_person(const op_plan *p, const char *role, int a, int b)
{
    int n = op_plan_team_row_count(p);
    op_team_row *rows = malloc(((size_t)n + 1) * sizeof *rows);
    CU_ASSERT_FATAL(rows != NULL);
    for (int k = 0; k < n; k++)
        rows[k] = *op_plan_team_row(p, k);
    op_loc l = {"hand", 0, 0};
    rows[n] = (op_team_row){.role = {.name = role, .index = -1, .loc = l}, .headcount = 1,
                            .hours_per_week = 40, .from_week = a, .to_week = b,
                            .cost_per_hour = -1, .loc = l, .cost_loc = l};
    op_diag *d = op_diag_new(OP_MAX_ERRORS);
    op_plan *q = NULL;
    if (op_plan_with_team(p, rows, n + 1, &q, d) != OP_OK)
        q = NULL;
    op_diag_free(d);
    free(rows);
    return q;
}

/* Gate g's week with one more person of role in weeks a..b, solved for
   stages scheduled and lateness as cli_gate_fixes does; 0 never, -1 when
   the change cannot be built or solved. */
static int week_with(const op_plan *p, const char *role, int a, int b, int g)
{
    return op_plan_find_role(p, role) < 0 ? -1 : solved_week(with_person(p, role, a, b), g);
}

/* Gate g's week in p edited by ed, solved as cli_gate_fixes does; -1 when
   that cannot be built or solved. */
static int week_edited(const op_plan *p, const op_plan_edit *ed, int g)
{
    op_diag *d = op_diag_new(OP_MAX_ERRORS);
    op_plan *q = NULL;
    int week = solved_week(op_plan_edited(p, ed, &q, d) == OP_OK ? q : NULL, g);
    op_diag_free(d);
    return week;
}

static int week_without(const op_plan *p, int i, int j, int g)
{
    op_plan_edit ed = {.drop_item = i, .drop_dep = j};
    return week_edited(p, &ed, g);
}

/* One claim checked: by hand, gate g passes week w, on time by deadline
   dl; a failure is counted in *bad and told. */
static void check_claim(const op_plan *p, int g, int w, int dl, const char *what, int *bad)
{
    if (w > 0 && w <= dl)
        return;
    ++*bad;
    fprintf(stderr, "\n  gate %s: \"%s\" said on time, by hand week %d", op_plan_gate(p, g)->id,
            what, w);
}

/* The items of the text's "critical chain: A (R, weeks a-b) -> B (...)"
   marked in chain[]; their number. */
static int parse_chain(const op_plan *p, const char *text, char *chain)
{
    const char *s = strstr(text, "critical chain: ");
    int n = 0;
    char id[32];
    for (s = s ? s + 16 : NULL; s && sscanf(s, "%31s (", id) == 1; n++) {
        int i = op_plan_find_item(p, id);
        if (i < 0)
            break;
        chain[i] = 1;
        s = strstr(s, ") -> ");
        s = s ? s + 5 : NULL;
    }
    return n;
}

/* Checks the text's claims "a quarter less effort on the chain: G week W
   (on time)", "without I's lag_weeks (L) after J: G week W (on time)" and "the least deadline move ...: to week W"; returns the
   claims seen. */
static int check_other(const op_plan *p, int g, const char *text, int *bad)
{
    int claims = 0, w, dl = op_plan_gate(p, g)->deadline_week;
    const char *s = strstr(text, "a quarter less effort on the chain: ");
    char *chain = calloc((size_t)op_plan_item_count(p) + 1, 1);
    CU_ASSERT_FATAL(chain != NULL);
    if (s && sscanf(s, "a quarter less effort on the chain: %*s week %d (on time)", &w) == 1 &&
        strncmp(strchr(s + 36, ' ') + 1, "week", 4) == 0 && parse_chain(p, text, chain)) {
        const char *on = strstr(s, "(on time)"), *end = strchr(s, ';');
        if (on && (!end || on < end)) {
            claims++, seen_kind[0]++;
            op_plan_edit ed = {.drop_item = -1, .drop_dep = -1, .scale = chain, .factor = 0.75};
            check_claim(p, g, week_edited(p, &ed, g), dl, "a quarter less effort", bad);
        }
    }
    memset(chain, 0, (size_t)op_plan_item_count(p));
    for (s = strstr(text, "; without "); s; s = strstr(s + 1, "; without ")) {
        char a[32];
        if (sscanf(s, "; without %31[^']'s lag_weeks (%*d) after %*s %*s week %d", a, &w) != 2 ||
            !strstr(s, "(on time)") ||
            (strchr(s + 1, ';') && strstr(s, "(on time)") > strchr(s + 1, ';')))
            continue;
        claims++, seen_kind[1]++;
        int i = op_plan_find_item(p, a);
        chain[i] = 1;
        op_plan_edit ed = {.drop_item = -1, .drop_dep = -1, .unlag = chain};
        check_claim(p, g, week_edited(p, &ed, g), dl, "same-week hand-off", bad);
        chain[i] = 0;
    }
    if ((s = strstr(text, "the least deadline move that makes it on time: to week ")) &&
        sscanf(s, "the least deadline move that makes it on time: to week %d", &w) == 1) {
        int *dls = calloc((size_t)op_plan_gate_count(p) + 1, sizeof *dls);
        CU_ASSERT_FATAL(dls != NULL);
        claims++, seen_kind[2]++;
        dls[g] = w;
        op_plan_edit ed = {.drop_item = -1, .drop_dep = -1, .deadlines = dls};
        check_claim(p, g, week_edited(p, &ed, g), w, "deadline move", bad);
        free(dls);
    }
    free(chain);
    return claims;
}

/* Checks every "without I waiting for J: G week W (on time)" of a text;
   returns the claims seen, counting failures in *bad. */
static int check_without(const op_plan *p, int g, const char *text, int *bad)
{
    int claims = 0;
    for (const char *s = strstr(text, "without "); s; s = strstr(s + 1, "without ")) {
        char a[32], b[32];
        int w;
        if (sscanf(s, "without %31s waiting for %31[^:]: %*s week %d (on time)", a, b, &w) != 3 ||
            !strstr(s, "(on time)"))
            continue;
        const char *end = strchr(s, ';');
        const char *on = strstr(s, "(on time)");
        if (end && on > end)
            continue; /* this change's week is late: nothing claimed */
        claims++;
        int hw = week_without(p, op_plan_find_item(p, a), op_plan_find_item(p, b), g);
        if (!(hw > 0 && hw <= op_plan_gate(p, g)->deadline_week)) {
            ++*bad;
            fprintf(stderr, "\n  gate %s: \"without %s waiting for %s\" said on time, by hand week %d",
                    op_plan_gate(p, g)->id, a, b, hw);
        }
    }
    return claims;
}

/* The change a text names, "one more R person in weeks a-b"; 0 when none. */
static int parse_change(const char *text, char *role, int *a, int *b)
{
    const char *s = strstr(text, "one more ");
    return s && sscanf(s, "one more %31s person in weeks %d-%d", role, a, b) == 3;
}

/* Checks the deferred items' "scheduled (done week W) with one more R
   person in weeks a-b" and "... with a quarter less effort on it" by hand;
   returns the claims seen. */
static int check_deferred(const op_plan *p, const op_solution *sol, int *bad)
{
    int claims = 0;
    for (int k = 0; k < sol->ndeferred; k++) {
        int i = sol->deferred[k], w, a, b, end = -1, claimed = 1;
        const char *s = strstr(sol->deferred_why[k], "scheduled (done week ");
        char role[32];
        op_diag *d = op_diag_new(OP_MAX_ERRORS);
        op_plan *q = NULL;
        if (s && sscanf(s, "scheduled (done week %d) with one more %31s person in weeks %d-%d", &w,
                        role, &a, &b) == 4) {
            solved(with_person(p, role, a, b), -1, i, &end);
        } else if (s && strstr(s, "with a quarter less effort on it")) {
            char *one = calloc((size_t)op_plan_item_count(p) + 1, 1);
            CU_ASSERT_FATAL(one != NULL);
            one[i] = 1;
            op_plan_edit ed = {.drop_item = -1, .drop_dep = -1, .scale = one, .factor = 0.75};
            solved(op_plan_edited(p, &ed, &q, d) == OP_OK ? q : NULL, -1, i, &end);
            free(one);
        } else {
            claimed = 0;
        }
        op_diag_free(d);
        if (!claimed)
            continue;
        claims++;
        if (end <= 0) {
            ++*bad;
            fprintf(stderr, "\n  deferred %s: \"%s\", by hand %d", op_plan_item(p, i)->id,
                    sol->deferred_why[k], end);
        }
    }
    return claims;
}

static void test_fixes_hold(void)
{
    const char *env = getenv("TEST_FIXES_PLANS");
    int n = env && atoi(env) > 0 ? atoi(env) : getenv("OPTPLAN_WRAPPER") ? 10 : 80;
    int claims = 0, bad = 0, deferred_claims = 0;
    rng_state.state = 20261130UL;
    for (int k = 0; k < n; k++) {
        op_plan *p = random_plan();
        op_solver_opts o;
        op_solver_opts_init(&o);
        op_diag *d = op_diag_new(OP_MAX_ERRORS);
        op_solution *sol = NULL;
        CU_ASSERT_FATAL(op_solve(p, &o, &sol, d) == OP_OK);
        op_eval *e = sol->schedule ? op_eval_new(p, sol->schedule, 0) : NULL;
        char **texts = NULL;
        if (e && sol->ndeferred) {
            CU_ASSERT_EQUAL(cli_deferred_fixes(p, &o, sol->horizon, sol->deferred, sol->deferred_why,
                                               sol->ndeferred, 2),
                            OP_OK);
            int c = check_deferred(p, sol, &bad);
            claims += c, deferred_claims += c;
        }
        if (e && op_eval_gates_met(e) < op_plan_gate_count(p))
            CU_ASSERT_EQUAL(cli_gate_fixes(p, &o, e, 2, &texts, d), OP_OK);
        for (int g = 0; texts && g < op_plan_gate_count(p); g++) {
            char role[32];
            int a, b;
            if (texts[g])
                claims += check_without(p, g, texts[g], &bad) + check_other(p, g, texts[g], &bad);
            int said = texts[g] && (strncmp(texts[g], "on time with", 12) == 0 ||
                                    (strncmp(texts[g], "waits for", 9) == 0 &&
                                     strstr(texts[g], ", on time (")));
            if (!said ||
                !parse_change(texts[g], role, &a, &b))
                continue;
            claims++;
            int w = week_with(p, role, a, b, g);
            int ok = w > 0 && w <= op_plan_gate(p, g)->deadline_week;
            bad += !ok;
            if (!ok)
                fprintf(stderr, "\n  plan %d, gate %s: \"%s\", but by hand it passes week %d", k,
                        op_plan_gate(p, g)->id, texts[g], w);
        }
        cli_gate_fixes_free(texts, op_plan_gate_count(p));
        op_eval_free(e);
        op_solution_free(sol);
        op_diag_free(d);
        op_plan_free(p);
    }
    CU_ASSERT_EQUAL(bad, 0);
    CU_ASSERT(claims >= n / 10); /* the test must see claims to mean anything */
    if (n >= 80) /* every kind of claim is met at the default size (seen: 11, 2, 83) */
        CU_ASSERT(seen_kind[0] > 0 && seen_kind[1] > 0 && seen_kind[2] > 0 &&
                  deferred_claims > 0);
    if (getenv("TEST_SOLVER_STATS"))
        fprintf(stderr,
                "\n  %d plans, %d claims checked (%d effort cuts, %d hand-offs, %d "
                "deadline moves, %d deferred items)\n",
                n, claims, seen_kind[0], seen_kind[1], seen_kind[2], deferred_claims);
}

int main(void)
{
    static const tu_test tests[] = {
        {"late gates: each fix said to make a gate on time does so when applied by hand",
         test_fixes_hold},
        {NULL, NULL}};
    return tu_run("fixes", NULL, NULL, tests);
}
