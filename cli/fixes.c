/* fixes.c - why a gate is late or an item deferred, by re-solving: which change from a small menu helps */
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"

/* The menu (README, "Why a gate is late"): for a late gate G with deadline
   D, (a) one more person of a role R with work in G's chain (G's exit items
   and what they depend on, through the gates G requires), from the first
   planning week to D; (b) for a gate that waits for a late gate it
   requires, that gate's fix. Each is a re-solve of the plan so changed for
   stages scheduled and lateness; a statement "makes G on time" is backed by
   the plan that solve found (a witness: it is true whether or not that
   solve was proven), "G passes week W" reports that plan. */

/* The plan p with n more people of role r in weeks from..to. On OP_OK *out
   is a new plan the caller frees. */
static op_status with_person(const op_plan *p, int r, double n, int from, int to, op_plan **out,
                             op_diag *d)
{
    int nrows = op_plan_team_row_count(p);
    op_team_row *rows = malloc(((size_t)nrows + 1) * sizeof *rows);
    if (!rows) {
        op_diag_error(d, OP_ENOMEM, NULL, "out of memory");
        return OP_ENOMEM;
    }
    for (int k = 0; k < nrows; k++)
        rows[k] = *op_plan_team_row(p, k);
    op_loc l = {"fix", 0, 0};
    rows[nrows] = (op_team_row){
        .role = {.name = op_plan_role(p, r)->name, .index = -1, .loc = l},
        .headcount = n,
        .hours_per_week = op_plan_person_hours(p, r, from) > 0 ? op_plan_person_hours(p, r, from)
                                                                : 40,
        .from_week = from,
        .to_week = to,
        .cost_per_hour = op_plan_role(p, r)->cost_per_hour,
        .loc = l,
        .cost_loc = l,
    };
    op_status st = op_plan_with_team(p, rows, nrows + 1, out, d);
    free(rows);
    return st;
}

static int solve_variant(const op_plan *q, const op_solver_opts *base, double until, int *weeks,
                         int item, int *item_end);

/* Each variant solve gets what is left until the time until, so variants
   that solve fast leave the budget to the next ones, whatever the
   machine's speed (the contract is in cli.h). */
int cli_solve_gate_weeks(const op_plan *q, const op_solver_opts *base, double until, int *weeks)
{
    return solve_variant(q, base, until, weeks, -1, NULL);
}

/* cli_solve_gate_weeks, and item's last week into *item_end (0: not
   scheduled) when item >= 0. */
static int solve_variant(const op_plan *q, const op_solver_opts *base, double until, int *weeks,
                         int item, int *item_end)
{
    op_solver_opts o = *base;
    o.stages[0] = OP_STAGE_SCHEDULED, o.stages[1] = OP_STAGE_LATENESS, o.nstages = 2;
    double left = until - op_now();
    o.time_limit = left > 0.2 ? left : 0.2;
    o.previous = NULL, o.write_lp = NULL, o.progress = NULL;
    op_diag *d = op_diag_new(OP_MAX_ERRORS);
    op_solution *sol = NULL;
    int rc = -1;
    if (d && op_solve(q, &o, &sol, d) == OP_OK && sol->schedule) {
        op_eval *e = op_eval_new(q, sol->schedule, op_solver_eval_rules(&o));
        for (int g = 0; e && g < op_plan_gate_count(q); g++)
            weeks[g] = op_eval_gate(e, g)->passed_week;
        if (e && item >= 0)
            *item_end = op_eval_item(e, item)->done ? op_eval_item(e, item)->end_week : 0;
        rc = !e ? -1 : sol->status == OP_SOLVE_OPTIMAL ? 0 : 1;
        op_eval_free(e);
    }
    op_solution_free(sol);
    op_diag_free(d);
    return rc;
}

/* One tried change: its words, and the gate weeks it gave. */
typedef struct trial {
    char what[160];
    int ok;       /* a plan came back */
    int week;     /* the gate's week with it, 0 = not passed */
    int *weeks;   /* every gate's week */
} trial;

/* Roles with work in gate g's chain, marked in roles[0..nr). */
static int chain_roles(const op_plan *p, int g, char *roles)
{
    int ni = op_plan_item_count(p), ng = op_plan_gate_count(p), n = 0;
    char *gates = calloc((size_t)ng + 1, 1), *items = calloc((size_t)ni + 1, 1);
    if (!gates || !items) {
        free(gates);
        free(items);
        return -1;
    }
    op_plan_gate_needs(p, g, gates, items);
    for (int i = 0; i < ni; i++) {
        const op_item *it = op_plan_item(p, i);
        if (!items[i] || it->done)
            continue;
        if (it->duration)
            for (int c = 0; c < it->ncrew; c++)
                n += !roles[it->crew[c].role.index], roles[it->crew[c].role.index] = 1;
        else
            n += !roles[it->role.index], roles[it->role.index] = 1;
    }
    free(gates);
    free(items);
    return n;
}

/* "week" or, in a day plan, "day". */
static const char *wk(const op_plan *p) { return op_period_word(op_plan_period(p), 0); }

/* The weeks of every gate as "M1 week 2, M2 week 5" into buf. */
static void gate_list(const op_plan *p, const int *weeks, char *buf, size_t n)
{
    size_t len = 0;
    buf[0] = 0;
    for (int g = 0; g < op_plan_gate_count(p) && len + 1 < n; g++) {
        int k = weeks[g] ? snprintf(buf + len, n - len, "%s%s %s %d", g ? ", " : "",
                                    op_plan_gate(p, g)->id, wk(p), weeks[g])
                         : snprintf(buf + len, n - len, "%s%s never", g ? ", " : "",
                                    op_plan_gate(p, g)->id);
        len += k > 0 ? (size_t)k : 0;
    }
}

/* Total weeks late over every gate with the weeks given (never: the
   horizon's end, H + 1). */
static int total_late(const op_plan *p, const int *weeks, int H)
{
    int t = 0;
    for (int g = 0; g < op_plan_gate_count(p); g++) {
        int w = weeks[g] ? weeks[g] : H + 1, dl = op_plan_gate(p, g)->deadline_week;
        t += w > dl ? w - dl : 0;
    }
    return t;
}

/* What the solve run left per gate: its text and its best fix. */
typedef struct gate_fix {
    char *text;
    trial best; /* weeks NULL when none made it on time */
    int on;     /* some change of the menu made it on time */
} gate_fix;

/* Gate g's own chain: one more person of each role in it, tried in turn. */
static op_status try_roles(const op_plan *p, const op_solver_opts *o, int g, double until,
                           int H, gate_fix *f, op_diag *d)
{
    int nr = op_plan_role_count(p), ng = op_plan_gate_count(p);
    const op_gate *ga = op_plan_gate(p, g);
    int from = op_plan_first_week(p), to = ga->deadline_week >= from ? ga->deadline_week : from;
    char *roles = calloc((size_t)nr + 1, 1), no[400] = "";
    int *weeks = malloc(((size_t)ng + 1) * sizeof *weeks), best_late = -1;
    op_diag *ld = op_diag_new(OP_MAX_ERRORS); /* a variant that cannot be built is skipped */
    if (!roles || !weeks || !ld || chain_roles(p, g, roles) < 0) {
        free(roles);
        free(weeks);
        op_diag_free(ld);
        op_diag_error(d, OP_ENOMEM, NULL, "out of memory");
        return OP_ENOMEM;
    }
    size_t nlen = 0;
    for (int r = 0; r < nr; r++) {
        op_plan *q = NULL;
        if (!roles[r] || with_person(p, r, 1, from, to, &q, ld) != OP_OK)
            continue;
        int rc = cli_solve_gate_weeks(q, o, until, weeks), got = rc >= 0;
        op_plan_free(q);
        int w = got ? weeks[g] : 0, on = got && w && w <= ga->deadline_week;
        int late = got ? total_late(p, weeks, H) : -1;
        if (on && (best_late < 0 || late < best_late)) {
            free(f->best.weeks);
            f->best = (trial){.ok = 1, .week = w, .weeks = malloc(((size_t)ng + 1) * sizeof(int))};
            if (f->best.weeks)
                memcpy(f->best.weeks, weeks, (size_t)ng * sizeof(int));
            snprintf(f->best.what, sizeof f->best.what, "one more %s person in %s %d-%d",
                     op_plan_role(p, r)->name, op_period_word(op_plan_period(p), 1), from, to);
            best_late = late;
        } else if (!on && nlen + 1 < sizeof no) {
            char wks[32];
            if (!got || !w)
                snprintf(wks, sizeof wks, "%s", !got ? "no plan" : "never");
            else
                snprintf(wks, sizeof wks, "%s %d", wk(p), w);
            int k = snprintf(no + nlen, sizeof no - nlen, "%s%s: %s %s%s", nlen ? ", " : "",
                             op_plan_role(p, r)->name, ga->id, wks,
                             rc == 1 ? " (not proven)" : "");
            nlen += k > 0 ? (size_t)k : 0;
        }
    }
    char buf[1200], gl[400] = "";
    if (f->best.weeks) {
        gate_list(p, f->best.weeks, gl, sizeof gl);
        snprintf(buf, sizeof buf, "on time with %s: a plan then passes %s in %s %d (%s)%s%s",
                 f->best.what, ga->id, wk(p), f->best.week, gl,
                 nlen ? "; one more person of another role in its chain is not enough: " : "",
                 no);
    } else {
        snprintf(buf, sizeof buf,
                 "one more person in %s %d-%d of any role in its chain is not enough: %s",
                 op_period_word(op_plan_period(p), 1), from, to, nlen ? no : "no plan");
    }
    f->text = strdup(buf);
    f->on = f->best.weeks != NULL;
    free(roles);
    free(weeks);
    op_diag_free(ld);
    if (!f->text)
        op_diag_error(d, OP_ENOMEM, NULL, "out of memory");
    return f->text ? OP_OK : OP_ENOMEM;
}

/* ---- the critical chain ----------------------------------------------- */

#define CHAIN_MAX 8

/* An exit item's end for the chain: its last week, or past any week when
   the plan does not finish it. */
static int chain_end(const op_eval *e, int i)
{
    return op_eval_item(e, i)->done ? op_eval_item(e, i)->end_week : 1 << 30;
}

/* Gate g's critical chain in the plan e evaluates: its exit item done last
   (or one the plan does not finish: then the chain is that item alone),
   then, while the item started no earlier than the week its latest
   dependency was done (that dependency decided its start), that
   dependency. chain[0] is the first item; returns the length. */
static int critical_chain(const op_plan *p, const op_eval *e, int g, int *chain)
{
    const op_gate *ga = op_plan_gate(p, g);
    int last = -1, n = 0, rev[CHAIN_MAX];
    for (int k = 0; k < ga->nitems; k++) {
        int i = ga->items[k].index;
        if (!op_plan_item(p, i)->done && (last < 0 || chain_end(e, i) > chain_end(e, last)))
            last = i;
    }
    while (last >= 0 && n < CHAIN_MAX) {
        rev[n++] = last;
        if (!op_eval_item(e, last)->done || !op_eval_item(e, last)->start_week)
            break; /* not finished by the plan: nothing decided its start */
        const op_item *it = op_plan_item(p, last);
        int next = -1, start = op_eval_item(e, last)->start_week;
        for (int k = 0; k < it->ndeps; k++) {
            int j = it->deps[k].index;
            int ej = op_plan_item(p, j)->done ? 0 : op_eval_item(e, j)->end_week;
            if (ej && ej >= start - 1 - (it->lag_weeks > 1 ? it->lag_weeks - 1 : 0) &&
                (next < 0 || ej > op_eval_item(e, next)->end_week))
                next = j;
        }
        last = next;
    }
    for (int k = 0; k < n; k++)
        chain[k] = rev[n - 1 - k];
    return n;
}

/* Appends s to the gate's text; -1 on ENOMEM. */
static int append(gate_fix *f, const char *s)
{
    size_t a = f->text ? strlen(f->text) : 0, b = strlen(s);
    char *t = realloc(f->text, a + b + 1);
    if (!t)
        return -1;
    memcpy(t + a, s, b + 1);
    f->text = t;
    return 0;
}

/* Gate g's week in the plan p edited by ed, solved as try_roles does: "week
   W (on time)", "week W", "never" or "no plan" into buf; 1 when on time. */
static int edited_week(const op_plan *p, const op_plan_edit *ed, const op_solver_opts *o,
                       double until, int g, char *buf, size_t n)
{
    op_diag *ld = op_diag_new(OP_MAX_ERRORS);
    op_plan *q = NULL;
    int *weeks = malloc(((size_t)op_plan_gate_count(p) + 1) * sizeof *weeks);
    snprintf(buf, n, "no plan");
    int rc = ld && weeks && op_plan_edited(p, ed, &q, ld) == OP_OK ? cli_solve_gate_weeks(q, o, until, weeks)
                                                                    : -1;
    int on = 0;
    if (rc >= 0) {
        int w = weeks[g];
        on = w && w <= op_plan_gate(p, g)->deadline_week;
        /* "on time" is true by the plan found; a later week is the best only when proven */
        if (w)
            snprintf(buf, n, "%s %d%s", wk(p), w,
                     on ? " (on time)" : rc == 1 ? " (not proven)" : "");
        else
            snprintf(buf, n, "never%s", rc == 1 ? " (not proven)" : "");
    }
    op_plan_free(q);
    op_diag_free(ld);
    free(weeks);
    return on;
}

/* The chain of late gate g with its weeks, and what removing each of its
   dependency links, or a quarter less effort on its items, does to g. */
static op_status chain_text(const op_plan *p, const op_solver_opts *o, const op_eval *e, int g,
                            double until, gate_fix *f)
{
    int chain[CHAIN_MAX], n = critical_chain(p, e, g, chain);
    const char *gid = op_plan_gate(p, g)->id;
    char buf[1600], wks[48];
    size_t len = (size_t)snprintf(buf, sizeof buf, "; critical chain:");
    for (int k = 0; k < n && len < sizeof buf; k++) {
        const op_item_eval *ie = op_eval_item(e, chain[k]);
        const op_item *it = op_plan_item(p, chain[k]);
        if (!ie->done) {
            len += (size_t)snprintf(buf + len, sizeof buf - len, "%s %s (%s, not scheduled)",
                                    k ? " ->" : "", it->id, op_plan_role(p, it->role.index)->name);
            continue;
        }
        len += (size_t)snprintf(buf + len, sizeof buf - len, "%s %s (%s, %s %d-%d)",
                                k ? " ->" : "", it->id, op_plan_role(p, it->role.index)->name,
                                op_period_word(op_plan_period(p), 1), ie->start_week,
                                ie->end_week);
    }
    char *scale = calloc((size_t)op_plan_item_count(p) + 1, 1);
    if (!scale)
        return OP_ENOMEM;
    for (int k = 1; k < n && len < sizeof buf; k++) {
        const char *a = op_plan_item(p, chain[k])->id, *b = op_plan_item(p, chain[k - 1])->id;
        op_plan_edit ed = {.drop_item = chain[k], .drop_dep = chain[k - 1]};
        f->on |= edited_week(p, &ed, o, until, g, wks, sizeof wks);
        len += (size_t)snprintf(buf + len, sizeof buf - len, "; without %s waiting for %s: %s %s",
                                a, b, gid, wks);
        if (op_plan_item(p, chain[k])->lag_weeks > 0 && len < sizeof buf) {
            /* the link stays, its lag goes: the hand-off rules decide */
            op_plan_edit hd = {.drop_item = -1, .drop_dep = -1, .unlag = scale};
            scale[chain[k]] = 1;
            f->on |= edited_week(p, &hd, o, until, g, wks, sizeof wks);
            scale[chain[k]] = 0;
            len += (size_t)snprintf(buf + len, sizeof buf - len,
                                    "; without %s's lag_weeks (%d) after %s: %s %s", a,
                                    op_plan_item(p, chain[k])->lag_weeks /
                                        (op_plan_period(p) == OP_PERIOD_DAY ? OP_DAYS_PER_WEEK : 1),
                                    b, gid, wks);
        }
    }
    if (o->next_week && n > 1 && len < sizeof buf) {
        op_solver_opts so = *o;
        so.next_week = 0;
        op_plan_edit none = {.drop_item = -1, .drop_dep = -1};
        f->on |= edited_week(p, &none, &so, until, g, wks, sizeof wks);
        len += (size_t)snprintf(buf + len, sizeof buf - len,
                                "; with same-%s hand-offs (--handoff same-week): %s %s",
                                op_period_word(op_plan_period(p), 0), gid, wks);
    }
    int effort = 0; /* a quarter less effort changes effort items only */
    for (int k = 0; k < n; k++)
        scale[chain[k]] = 1, effort |= !op_plan_item(p, chain[k])->duration;
    op_plan_edit ed = {.drop_item = -1, .drop_dep = -1, .scale = scale, .factor = 0.75};
    if (n > 0 && effort && len < sizeof buf) {
        f->on |= edited_week(p, &ed, o, until, g, wks, sizeof wks);
        snprintf(buf + len, sizeof buf - len, "; a quarter less effort on the chain: %s %s", gid,
                 wks);
    }
    free(scale);
    return n > 0 && append(f, buf) ? OP_ENOMEM : OP_OK;
}

/* Gate g's week when its deadline is W, solved as try_roles does, into
   weeks; the solve's return (-1 no plan, 0 proven, 1 not proven). */
static int week_with_deadline(const op_plan *p, const op_solver_opts *o, int g, int W,
                              double until, int *dl, int *weeks, op_diag *ld)
{
    op_plan *q = NULL;
    dl[g] = W;
    op_plan_edit ed = {.drop_item = -1, .drop_dep = -1, .deadlines = dl};
    int rc = op_plan_edited(p, &ed, &q, ld) == OP_OK ? cli_solve_gate_weeks(q, o, until, weeks) : -1;
    op_plan_free(q);
    return rc;
}

/* The least move of late gate g's deadline (from D) after which a plan
   solved as try_roles does passes g on time, by bisection between D (the
   plan found passes g late) and the week it passes g (or the last week + 4
   when never): the answer W has a plan on time by W (a witness), and W - 1
   is stated with what the plan found for it gives, so "W - 1 is too
   little" is a solve's answer, not an assumption. */
static op_status deadline_text(const op_plan *p, const op_solver_opts *o, const op_eval *e,
                               int g, double until, gate_fix *f)
{
    int ng = op_plan_gate_count(p), D = op_plan_gate(p, g)->deadline_week;
    int P = op_eval_gate(e, g)->passed_week, lo = D, hi = P ? P : op_eval_last_week(e) + 4;
    hi = hi > D ? hi : D + 1; /* a move is later than the deadline */
    int *dl = calloc((size_t)ng + 1, sizeof *dl), *weeks = malloc(((size_t)ng + 1) * sizeof *weeks);
    int *best = malloc(((size_t)ng + 1) * sizeof *best), lo_week = P, lo_rc = 0, ok = 0;
    op_diag *ld = op_diag_new(OP_MAX_ERRORS);
    const char *w1 = wk(p);
    char buf[700], gl[400] = "";
    if (dl && weeks && best && ld && hi <= OP_MAX_WEEK) {
        int rc = week_with_deadline(p, o, g, hi, until, dl, weeks, ld);
        ok = rc >= 0 && weeks[g] && weeks[g] <= hi;
        if (ok)
            memcpy(best, weeks, (size_t)ng * sizeof *best);
        while (ok && hi - lo > 1 && op_now() < until) {
            int mid = lo + (hi - lo) / 2;
            rc = week_with_deadline(p, o, g, mid, until, dl, weeks, ld);
            if (rc >= 0 && weeks[g] && weeks[g] <= mid) {
                hi = mid;
                memcpy(best, weeks, (size_t)ng * sizeof *best);
            } else {
                lo = mid, lo_rc = rc, lo_week = rc >= 0 ? weeks[g] : -1;
            }
        }
    }
    if (ok) {
        char low[160] = "";
        gate_list(p, best, gl, sizeof gl);
        if (hi - lo > 1) /* not bisected to the end: a move that works, maybe not the least */
            snprintf(low, sizeof low, "; a smaller move was not tried in the time given");
        else if (lo > D)
            snprintf(low, sizeof low, "; with %s %d the plan found passes %s %s%s", w1, lo,
                     op_plan_gate(p, g)->id, lo_week > 0 ? "late" : "never",
                     lo_rc == 1 ? " (not proven)" : lo_rc < 0 ? " (no plan found)" : "");
        snprintf(buf, sizeof buf, "; the %s deadline move that makes it on time: to %s %d, %d %s later (%s)%s",
                 hi - lo > 1 ? "a" : "least", w1, hi, hi - D,
                 op_period_word(op_plan_period(p), hi - D != 1), gl, low);
    } else {
        snprintf(buf, sizeof buf, "; no deadline up to %s %d was found to make it on time%s", w1,
                 hi, f->on ? "" : "; no change of the menu makes it on time");
    }
    f->on |= ok;
    free(dl);
    free(weeks);
    free(best);
    op_diag_free(ld);
    return dl && weeks && best && ld && !append(f, buf) ? OP_OK : OP_ENOMEM;
}

/* A deadline before the first planning week: nothing planned can meet it. */
static op_status past_text(const op_plan *p, int g, gate_fix *f)
{
    char buf[200];
    snprintf(buf, sizeof buf,
             "its deadline, %s %d, is before the first planning %s, %d: no change can make "
             "it on time",
             wk(p), op_plan_gate(p, g)->deadline_week, wk(p), op_plan_first_week(p));
    f->text = strdup(buf);
    return f->text ? OP_OK : OP_ENOMEM;
}

/* The late gate g requires that alone keeps g late (it passes after g's
   deadline, or never): g's wait, the latest such; -1 for none. */
static int waits_for(const op_plan *p, const op_eval *e, int g)
{
    const op_gate *ga = op_plan_gate(p, g);
    int best = -1;
    for (int k = 0; k < ga->nrequires; k++) {
        int h = ga->requires[k].index, wh = op_eval_gate(e, h)->passed_week;
        if (op_eval_gate(e, h)->lateness > 0 && (!wh || wh > ga->deadline_week) &&
            (best < 0 || !wh || wh > op_eval_gate(e, best)->passed_week))
            best = h;
    }
    return best;
}

/* Gate g waits for h: h's fix, when it has one, tells g's week too (that
   solve gave every gate's). */
static op_status wait_text(const op_plan *p, const op_eval *e, int g, int h, gate_fix *fx)
{
    char buf[1200], gl[400] = "";
    const op_gate *ga = op_plan_gate(p, g), *gh = op_plan_gate(p, h);
    int wh = op_eval_gate(e, h)->passed_week;
    if (wh)
        snprintf(buf, sizeof buf, "waits for %s (passed %s %d)", gh->id, wk(p), wh);
    else
        snprintf(buf, sizeof buf, "waits for %s (never passed)", gh->id);
    const trial *t = &fx[h].best;
    if (t->weeks) {
        size_t len = strlen(buf);
        gate_list(p, t->weeks, gl, sizeof gl);
        char when[48] = "never passes";
        if (t->weeks[g])
            snprintf(when, sizeof when, "passes %s %d", wk(p), t->weeks[g]);
        snprintf(buf + len, sizeof buf - len, "; with %s's fix (%s) %s %s, %s (%s)",
                 gh->id, t->what, ga->id, when,
                 t->weeks[g] && t->weeks[g] <= ga->deadline_week ? "on time" : "still late", gl);
        fx[g].best = (trial){.ok = 1, .week = t->weeks[g], .weeks = malloc(
                                 ((size_t)op_plan_gate_count(p) + 1) * sizeof(int))};
        if (fx[g].best.weeks)
            memcpy(fx[g].best.weeks, t->weeks, (size_t)op_plan_gate_count(p) * sizeof(int));
        memcpy(fx[g].best.what, t->what, sizeof fx[g].best.what); /* g != h */
    }
    fx[g].text = strdup(buf);
    return fx[g].text ? OP_OK : OP_ENOMEM;
}

op_status cli_gate_fixes(const op_plan *p, const op_solver_opts *o, const op_eval *e,
                         double budget, char ***out, op_diag *d)
{
    int ng = op_plan_gate_count(p), H = op_eval_last_week(e);
    *out = NULL;
    char **texts = calloc((size_t)ng + 1, sizeof *texts);
    gate_fix *fx = calloc((size_t)ng + 1, sizeof *fx);
    op_status st = texts && fx ? OP_OK : OP_ENOMEM;
    const int *order = op_plan_gate_order(p);
    double until = op_now() + budget;
    for (int k = 0; st == OP_OK && k < ng; k++) {
        int g = order[k], h;
        if (op_eval_gate(e, g)->lateness <= 0)
            continue;
        h = waits_for(p, e, g);
        if (op_plan_gate(p, g)->deadline_week < op_plan_first_week(p))
            st = past_text(p, g, &fx[g]);
        else if (h >= 0)
            st = wait_text(p, e, g, h, fx);
        else {
            st = try_roles(p, o, g, until, H, &fx[g], d);
            if (st == OP_OK)
                st = chain_text(p, o, e, g, until, &fx[g]);
            if (st == OP_OK)
                st = deadline_text(p, o, e, g, until, &fx[g]);
        }
    }
    for (int g = 0; fx && g < ng; g++) {
        if (texts)
            texts[g] = fx[g].text;
        else
            free(fx[g].text);
        free(fx[g].best.weeks);
    }
    free(fx);
    if (st != OP_OK) {
        cli_gate_fixes_free(texts, ng);
        if (!op_diag_count(d))
            op_diag_error(d, OP_ENOMEM, NULL, "out of memory");
        return st;
    }
    *out = texts;
    return OP_OK;
}

void cli_gate_fixes_free(char **texts, int n)
{
    for (int g = 0; texts && g < n; g++)
        free(texts[g]);
    free(texts);
}

/* ---- deferred items ------------------------------------------------------ */

/* Deferred item i with the edit ed (or one more person of its role in
   weeks from..to when ed is NULL): its last week in the plan solved, 0 when
   still deferred, -1 when no plan came; weeks gets every gate's week. */
static int item_with(const op_plan *p, const op_plan_edit *ed, int i, int from, int to,
                     const op_solver_opts *o, double until, int *weeks, int *proven)
{
    op_diag *ld = op_diag_new(OP_MAX_ERRORS);
    op_plan *q = NULL;
    int end = -1, rc = -1;
    if (ld && (ed ? op_plan_edited(p, ed, &q, ld)
                  : with_person(p, op_plan_item(p, i)->role.index, 1, from, to, &q, ld)) == OP_OK)
        rc = solve_variant(q, o, until, weeks, i, &end);
    *proven = rc == 0;
    op_plan_free(q);
    op_diag_free(ld);
    return rc >= 0 ? end : -1;
}

/* What schedules deferred item i: one more person of its role over the
   weeks planned (first..last), or a quarter less effort on it; the answer
   into buf. */
static op_status item_fix(const op_plan *p, const op_solver_opts *o, int i, int last,
                          double until, char *buf, size_t n)
{
    int ng = op_plan_gate_count(p), from = op_plan_first_week(p), pr = 0, pr2 = 0;
    int *weeks = malloc(((size_t)ng + 1) * sizeof *weeks);
    char *one = calloc((size_t)op_plan_item_count(p) + 1, 1);
    if (!weeks || !one) {
        free(weeks);
        free(one);
        return OP_ENOMEM;
    }
    const op_item *it = op_plan_item(p, i);
    const char *w1 = wk(p), *wks = op_period_word(op_plan_period(p), 1);
    const char *role = op_plan_role(p, it->role.index)->name;
    char gl[400] = "";
    int to = last > from ? last : from;
    int end = item_with(p, NULL, i, from, to, o, until, weeks, &pr), end2 = -1;
    if (end > 0) {
        gate_list(p, weeks, gl, sizeof gl);
        snprintf(buf, n, "scheduled (done %s %d) with one more %s person in %s %d-%d (%s)", w1,
                 end, role, wks, from, to, gl);
    } else {
        one[i] = 1;
        op_plan_edit ed = {.drop_item = -1, .drop_dep = -1, .scale = one, .factor = 0.75};
        if (!it->duration)
            end2 = item_with(p, &ed, i, 0, 0, o, until, weeks, &pr2);
        if (end2 > 0) {
            gate_list(p, weeks, gl, sizeof gl);
            snprintf(buf, n,
                     "one more %s person in %s %d-%d leaves it deferred%s; scheduled (done %s "
                     "%d) with a quarter less effort on it (%s)",
                     role, wks, from, to, pr ? "" : " (not proven)", w1, end2, gl);
        } else if (it->duration) { /* a fixed-duration item has no effort to cut */
            snprintf(buf, n, "one more %s person in %s %d-%d does not schedule it%s", role, wks,
                     from, to, pr ? "" : " (not proven)");
        } else {
            snprintf(buf, n,
                     "neither one more %s person in %s %d-%d nor a quarter less effort "
                     "schedules it%s",
                     role, wks, from, to, pr && pr2 ? "" : " (not proven)");
        }
    }
    free(weeks);
    free(one);
    return OP_OK;
}

op_status cli_deferred_fixes(const op_plan *p, const op_solver_opts *o, int last,
                             const int *deferred, char **why, int n, double budget)
{
    double until = op_now() + budget;
    char buf[900];
    for (int k = 0; k < n && op_now() < until; k++) {
        if (item_fix(p, o, deferred[k], last, until, buf, sizeof buf) != OP_OK)
            return OP_ENOMEM;
        size_t a = strlen(why[k]), b = strlen(buf);
        char *t = malloc(a + b + 3);
        if (!t)
            return OP_ENOMEM;
        memcpy(t, why[k], a);
        memcpy(t + a, "; ", 2);
        memcpy(t + a + 2, buf, b + 1);
        free(why[k]);
        why[k] = t;
    }
    return OP_OK;
}
