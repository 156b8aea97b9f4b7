/* mdout.c - report.md: headline, gates and their causes, roadmap, loads, Go/No-Go, gantt */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

static const char *const prio_names[] = {"P0", "P1", "P2", "P3"};

/* Appends printf output to buf (size n) at *len, never overflowing. */
static void append(char *buf, size_t n, size_t *len, const char *fmt, ...)
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

/* Hours of role r that gate g needs (its exit items and those of the gates it
   requires, transitively). */
static double gate_role_demand(const op_plan *p, int g, int r, char *seen)
{
    if (seen[g])
        return 0;
    seen[g] = 1;
    const op_gate *ga = op_plan_gate(p, g);
    double h = 0;
    for (int k = 0; k < ga->nitems; k++) {
        const op_item *it = op_plan_item(p, ga->items[k].index);
        if (it->role.index == r)
            h += it->effort;
    }
    for (int k = 0; k < ga->nrequires; k++)
        h += gate_role_demand(p, ga->requires[k].index, r, seen);
    return h;
}

void op_report_gate_cause(const op_plan *p, const op_eval *e, int g, char *buf, size_t n)
{
    const op_gate *ga = op_plan_gate(p, g);
    const op_gate_eval *ge = op_eval_gate(e, g);
    int d = ga->deadline_week;
    const char *wk = rpt_period(p, 0), *wks = rpt_period(p, 1);
    size_t len = 0;
    buf[0] = 0;
    for (int k = 0; k < ga->nrequires; k++) {
        int h = ga->requires[k].index;
        const op_gate_eval *he = op_eval_gate(e, h);
        if (!he->passed_week)
            append(buf, n, &len, "%swaits for %s, which is not passed", len ? "; " : "",
                   op_plan_gate(p, h)->id);
        else if (he->passed_week > d)
            append(buf, n, &len, "%swaits for %s (passed %s %d)", len ? "; " : "",
                   op_plan_gate(p, h)->id, wk, he->passed_week);
    }
    char *seen = calloc((size_t)op_plan_gate_count(p) + 1, 1);
    for (int k = 0; k < ge->nlate_items && k < 3; k++) {
        int i = ge->late_items[k];
        const op_item *it = op_plan_item(p, i);
        const op_item_eval *ie = op_eval_item(e, i);
        int r = it->role.index;
        const char *role = op_plan_role(p, r)->name;
        if (len)
            append(buf, n, &len, "; ");
        if (!ie->done)
            append(buf, n, &len, "%s (%s) is not scheduled", it->id, role);
        else
            append(buf, n, &len, "%s (%s) is done in %s %d", it->id, role, wk, ie->end_week);
        /* the weeks still to plan: history (re-planning) is past */
        double cap = 0;
        int first = 0, from = op_plan_first_week(p);
        for (int t = from; t <= d; t++)
            cap += op_plan_capacity(p, r, t);
        for (int t = from; t <= OP_MAX_WEEK && !first; t++)
            if (op_plan_capacity(p, r, t) > 0)
                first = t;
        double need = 0;
        if (seen) {
            memset(seen, 0, (size_t)op_plan_gate_count(p) + 1);
            need = gate_role_demand(p, g, r, seen);
        }
        if (cap <= 0 && first)
            append(buf, n, &len, ": no %s capacity before %s %d, so %s cannot be done by %s %d",
                   role, wk, first, it->id, wk, d);
        else if (cap <= 0)
            append(buf, n, &len, ": the team has no %s capacity at all", role);
        else if (cap + 1e-6 < need)
            append(buf, n, &len, ": %s has %s h in %s %d..%d for the %s h this gate needs", role,
                   RPT_NUM(cap), wks, from, d, RPT_NUM(need));
        else
            append(buf, n, &len, ": %s has %s h in %s %d..%d, enough for the %s h this gate "
                                 "needs, but the plan puts the work later",
                   role, RPT_NUM(cap), wks, from, d, RPT_NUM(need));
    }
    if (ge->nlate_items > 3)
        append(buf, n, &len, "; and %d more items", ge->nlate_items - 3);
    free(seen);
}

void rpt_violation_text(const op_plan *p, const op_violation *v, char *buf, size_t n)
{
    const char *id = v->item >= 0 ? op_plan_item(p, v->item)->id : "";
    const char *role = v->role >= 0 ? op_plan_role(p, v->role)->name : "";
    const char *wk = rpt_period(p, 0);
    int day = op_plan_period(p) == OP_PERIOD_DAY;
    size_t len = 0;
    buf[0] = 0;
    switch (v->kind) {
    case OP_V_OVER_CAPACITY:
        append(buf, n, &len, "%s booked %s h against %s h in %s %d", role, RPT_NUM(v->a),
               RPT_NUM(v->b), wk, v->week);
        break;
    case OP_V_MAX_PEOPLE:
        append(buf, n, &len, "%s gets %s h in %s %d, more than its max_people can work (%s h)", id,
               RPT_NUM(v->a), wk, v->week, RPT_NUM(v->b));
        break;
    case OP_V_DEPENDENCY:
        if (v->b > 0)
            append(buf, n, &len, "%s starts in %s %d but depends on %s, done in %s %d", id, wk,
                   v->week, op_plan_item(p, v->other)->id, wk, (int)v->b);
        else
            append(buf, n, &len, "%s starts in %s %d but depends on %s, which is never done", id,
                   wk, v->week, op_plan_item(p, v->other)->id);
        break;
    case OP_V_EARLY:
        /* earliest_week and due_week name the input field; a day plan holds them in days */
        append(buf, n, &len, day ? "%s starts in %s %d, before its earliest_week (day %d)"
                                 : "%s starts in %s %d, before its earliest_week %d",
               id, wk, (int)v->a, (int)v->b);
        break;
    case OP_V_DUE:
        append(buf, n, &len, day ? "%s is done in %s %d, after its due_week (day %d)"
                                 : "%s is done in %s %d, after its due_week %d",
               id, wk, (int)v->a, (int)v->b);
        break;
    case OP_V_UNDER:
        append(buf, n, &len, "%s is given %s h of its %s h effort", id, RPT_NUM(v->a), RPT_NUM(v->b));
        break;
    case OP_V_OVER:
        append(buf, n, &len, "%s is given %s h, more than its %s h effort", id, RPT_NUM(v->a),
               RPT_NUM(v->b));
        break;
    case OP_V_UNSCHEDULED:
        append(buf, n, &len, "%s (%s, %s h) is never scheduled", id, role, RPT_NUM(v->b));
        break;
    case OP_V_CREW_BROKEN:
        append(buf, n, &len, "%s does not run as one block of %d %s", id,
               op_plan_item(p, v->item)->duration, rpt_period(p, 1));
        break;
    case OP_V_GATE_ENTRY:
        append(buf, n, &len, "%s starts in %s %d before gate %s is passed", id, wk, v->week,
               op_plan_gate(p, v->other)->id);
        break;
    }
}

double rpt_people(const op_plan *p, const op_eval *e, int r, int t)
{
    double l = op_eval_load(e, r, t);
    double ph = op_plan_person_hours(p, r, t);
    if (l <= 1e-6 || ph <= 0)
        return 0;
    return ceil(l / ph - 1e-6);
}

/* Markdown cell text: pipes, newlines and HTML are escaped. */
static void md(FILE *f, const char *s)
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

/* Items of role r booked in week t, for an over-capacity line. */
static void booked_items(FILE *f, const op_plan *p, const op_schedule *s, int r, int t)
{
    int first = 1;
    for (int i = 0; i < op_plan_item_count(p); i++) {
        const op_item *it = op_plan_item(p, i);
        double h = op_schedule_get(s, i, t);
        if (it->role.index != r || h <= 1e-6)
            continue;
        fprintf(f, "%s", first ? " " : ", ");
        md(f, it->id);
        fprintf(f, " %s h", RPT_NUM(h));
        first = 0;
    }
}

static int go_week(const op_plan *p, const op_eval *e, int *musts, int *shoulds)
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
        if (ok && sh * 5 >= *shoulds * 4)
            return t;
    }
    return 0;
}

static double total_person_weeks(const op_plan *p, const op_eval *e, int *peak)
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

static int over_capacity_count(const op_eval *e)
{
    int n = 0;
    for (int k = 0; k < op_eval_violation_count(e); k++)
        n += op_eval_violation(e, k)->kind == OP_V_OVER_CAPACITY;
    return n;
}

static void baseline_section(FILE *f, const op_plan *p, const op_eval *e, const op_report_info *info)
{
    const op_eval *b = info->baseline_eval;
    int ng = op_plan_gate_count(p), ni = op_plan_item_count(p);
    const char *wk = rpt_period(p, 0), *wks = rpt_period(p, 1);
    fprintf(f, "\n## Hand plan beside the optimized plan\n\n");
    fprintf(f, "| | hand plan | optimized |\n|---|---|---|\n");
    for (int g = 0; g < ng; g++) {
        const op_gate_eval *x = op_eval_gate(b, g), *y = op_eval_gate(e, g);
        fprintf(f, "| gate ");
        md(f, op_plan_gate(p, g)->id);
        fprintf(f, " (deadline %s %d) | ", wk, op_plan_gate(p, g)->deadline_week);
        if (x->passed_week)
            fprintf(f, "%s %d, %d late | ", wk, x->passed_week, x->lateness);
        else
            fprintf(f, "not passed | ");
        if (y->passed_week)
            fprintf(f, "%s %d, %d late |\n", wk, y->passed_week, y->lateness);
        else
            fprintf(f, "not passed |\n");
    }
    int pb, pe;
    double wb = total_person_weeks(p, b, &pb), we = total_person_weeks(p, e, &pe);
    fprintf(f, "| gates met | %d of %d | %d of %d |\n", op_eval_gates_met(b), ng,
            op_eval_gates_met(e), ng);
    fprintf(f, "| total lateness | %d %s | %d %s |\n", op_eval_total_lateness(b), wks,
            op_eval_total_lateness(e), wks);
    fprintf(f, "| last %s | %d | %d |\n", wk, op_eval_last_week(b), op_eval_last_week(e));
    fprintf(f, "| over-capacity role-%s | %d | %d |\n", wks, over_capacity_count(b),
            over_capacity_count(e));
    fprintf(f, "| peak people | %d | %d |\n", pb, pe);
    fprintf(f, "| person-%s used | %s | %s |\n", wks, RPT_NUM(wb), RPT_NUM(we));
    fprintf(f, "| items scheduled | %d of %d | %d of %d |\n", op_eval_scheduled_count(b), ni,
            op_eval_scheduled_count(e), ni);
    for (int r = 0; r < op_plan_role_count(p); r++) {
        double cap = 0, lb = 0, le = 0;
        int wmax = op_eval_weeks(b) > op_eval_weeks(e) ? op_eval_weeks(b) : op_eval_weeks(e);
        for (int t = 1; t <= wmax; t++) {
            cap += op_plan_capacity(p, r, t);
            lb += op_eval_load(b, r, t);
            le += op_eval_load(e, r, t);
        }
        fprintf(f, "| utilization ");
        md(f, op_plan_role(p, r)->name);
        fprintf(f, " | %s%% | %s%% |\n", RPT_NUM(cap > 0 ? round(lb / cap * 1000) / 10 : 0),
                RPT_NUM(cap > 0 ? round(le / cap * 1000) / 10 : 0));
    }
}

int rpt_write_markdown(FILE *f, const op_plan *p, const op_schedule *s, const op_eval *e,
                       const op_report_info *info)
{
    int ni = op_plan_item_count(p), nr = op_plan_role_count(p), ng = op_plan_gate_count(p);
    int W = op_eval_weeks(e);
    int last = op_eval_last_week(e);
    int check = strcmp(info->command, "check") == 0;
    const char *wk = rpt_period(p, 0), *wks = rpt_period(p, 1), *Wk = rpt_Period(p, 0);
    fprintf(f, "# optplan %s: ", check ? "check of a given plan" : "optimized plan");
    md(f, info->plan_name);
    fprintf(f, "\n\n");

    /* headline */
    int unscheduled = ni - op_eval_scheduled_count(e);
    fprintf(f, "**%d of %d gates met**, last item done in %s %d, %d of %d items scheduled",
            op_eval_gates_met(e), ng, wk, last, op_eval_scheduled_count(e), ni);
    if (unscheduled)
        fprintf(f, " (%d %s)", unscheduled, check ? "never scheduled" : "deferred");
    fprintf(f, ". ");
    if (check)
        fprintf(f, "%d rule violations found.\n", op_eval_hard_violations(e));
    else
        fprintf(f, "Solver: %s.\n", info->status);
    if (info->baseline_eval && !check) {
        const op_eval *b = info->baseline_eval;
        int dl = op_eval_total_lateness(b) - op_eval_total_lateness(e);
        int doc = over_capacity_count(b) - over_capacity_count(e);
        fprintf(f, "\nAgainst the hand plan (%d of %d gates met, %d %s of gate lateness, %d "
                   "over-capacity role-%s, %d items scheduled), the optimizer %s, cuts gate "
                   "lateness by %d %s, removes %d over-capacity role-%s and schedules %d "
                   "more items.\n",
                op_eval_gates_met(b), ng, op_eval_total_lateness(b), wks, over_capacity_count(b),
                wks, op_eval_scheduled_count(b),
                op_eval_gates_met(e) > op_eval_gates_met(b) ? "meets more gates" : "meets as many gates",
                dl, wks, doc, wks, op_eval_scheduled_count(e) - op_eval_scheduled_count(b));
    }

    /* gates */
    fprintf(f, "\n## Gates\n\n| gate | name | deadline | passed | lateness | status | cause |\n"
               "|---|---|---|---|---|---|---|\n");
    for (int g = 0; g < ng; g++) {
        const op_gate *ga = op_plan_gate(p, g);
        const op_gate_eval *ge = op_eval_gate(e, g);
        char cause[1024] = "";
        if (!ge->passed_week || ge->lateness)
            op_report_gate_cause(p, e, g, cause, sizeof cause);
        fprintf(f, "| ");
        md(f, ga->id);
        fprintf(f, " | ");
        md(f, ga->name);
        fprintf(f, " | %s %d | ", wk, ga->deadline_week);
        if (ge->passed_week)
            fprintf(f, "%s %d | %d | %s | ", wk, ge->passed_week, ge->lateness,
                    ge->lateness ? "LATE" : "met");
        else
            fprintf(f, "never | %d+ | NOT PASSED | ", ge->lateness);
        md(f, cause);
        fprintf(f, " |\n");
    }

    /* problems of a hand plan, one line each */
    if (check) {
        fprintf(f, "\n## Problems found\n\n");
        if (!op_eval_violation_count(e))
            fprintf(f, "None.\n");
        for (int k = 0; k < op_eval_violation_count(e); k++) {
            const op_violation *v = op_eval_violation(e, k);
            char text[1024];
            rpt_violation_text(p, v, text, sizeof text);
            fprintf(f, "- ");
            md(f, text);
            if (v->kind == OP_V_OVER_CAPACITY)
            {
                fputc(':', f);
                booked_items(f, p, s, v->role, v->week);
            }
            fprintf(f, "\n");
        }
        for (int g = 0; g < ng; g++) {
            const op_gate_eval *ge = op_eval_gate(e, g);
            if (ge->passed_week && !ge->lateness)
                continue;
            fprintf(f, "- gate ");
            md(f, op_plan_gate(p, g)->id);
            if (ge->passed_week)
                fprintf(f, " missed: passed %s %d, deadline %s %d:", wk, ge->passed_week, wk,
                        op_plan_gate(p, g)->deadline_week);
            else
                fprintf(f, " missed: never passed, deadline %s %d:", wk,
                        op_plan_gate(p, g)->deadline_week);
            if (!ge->nlate_items) {
                char cause[1024];
                op_report_gate_cause(p, e, g, cause, sizeof cause);
                fprintf(f, " ");
                md(f, cause);
            }
            for (int k = 0; k < ge->nlate_items; k++) {
                const op_item_eval *ie = op_eval_item(e, ge->late_items[k]);
                fprintf(f, "%s", k ? ", " : " ");
                md(f, op_plan_item(p, ge->late_items[k])->id);
                if (ie->done)
                    fprintf(f, " in %s %d", wk, ie->end_week);
                else
                    fprintf(f, " never scheduled");
            }
            fprintf(f, "\n");
        }
    }

    /* deferred */
    if (info->ndeferred) {
        fprintf(f, "\n## Deferred items\n\n| item | priority | role | hours | why |\n|---|---|---|---|---|\n");
        for (int k = 0; k < info->ndeferred; k++) {
            const op_item *it = op_plan_item(p, info->deferred[k]);
            fprintf(f, "| ");
            md(f, it->id);
            fprintf(f, " | %s | ", prio_names[it->priority]);
            md(f, op_plan_role(p, it->role.index)->name);
            fprintf(f, " | %s | ", RPT_NUM(it->effort));
            md(f, info->deferred_why[k]);
            fprintf(f, " |\n");
        }
    }

    if (info->baseline_eval && !check)
        baseline_section(f, p, e, info);
    if (info->team)
        rpt_team_section(f, p, info->team);
    if (info->previous)
        rpt_changes_section(f, p, e, info->previous);

    /* roadmap */
    fprintf(f, "\n## Roadmap by %s\n", wk);
    for (int t = 1; t <= last; t++) {
        double tot = 0;
        int any = 0;
        for (int i = 0; i < ni; i++)
            if (op_schedule_get(s, i, t) > 1e-6)
                any = 1;
        if (!any)
            continue;
        fprintf(f, "\n### %s %d\n\n| Issue | Hours | Owner | Status |\n|---|---|---|---|\n", Wk, t);
        for (int i = 0; i < ni; i++) {
            double h = op_schedule_get(s, i, t);
            if (h <= 1e-6)
                continue;
            const op_item *it = op_plan_item(p, i);
            const op_item_eval *ie = op_eval_item(e, i);
            fprintf(f, "| ");
            md(f, it->id);
            fprintf(f, ": ");
            md(f, it->title);
            fprintf(f, " | %sh | ", RPT_NUM(h));
            md(f, op_plan_role(p, it->role.index)->name);
            fprintf(f, " | %s |\n", ie->end_week == t && ie->done ? "done" : ie->start_week == t ? "start" : "continue");
            tot += h;
        }
        fprintf(f, "\n**%s %d Total**: %s hours\n", Wk, t, RPT_NUM(tot));
    }

    /* loads */
    fprintf(f, "\n## Load by role and %s (planned / capacity hours)\n\n| role |", wk);
    for (int t = 1; t <= W; t++)
        fprintf(f, " %c%d |", wk[0], t);
    fprintf(f, "\n|---|");
    for (int t = 1; t <= W; t++)
        fprintf(f, "---|");
    fprintf(f, "\n");
    for (int r = 0; r < nr; r++) {
        fprintf(f, "| ");
        md(f, op_plan_role(p, r)->name);
        fprintf(f, " |");
        for (int t = 1; t <= W; t++) {
            double l = op_eval_load(e, r, t), c = op_plan_capacity(p, r, t);
            if (l <= 1e-6 && c <= 0)
                fprintf(f, " |");
            else
                fprintf(f, " %s/%s%s |", RPT_NUM(l), RPT_NUM(c), l > c + 1e-4 ? " **OVER**" : "");
        }
        fprintf(f, "\n");
    }

    /* people */
    fprintf(f, "\n## Engineers needed per %s\n\n| %s |", wk, wk);
    for (int r = 0; r < nr; r++) {
        fprintf(f, " ");
        md(f, op_plan_role(p, r)->name);
        fprintf(f, " |");
    }
    fprintf(f, " Total |\n|---|");
    for (int r = 0; r <= nr; r++)
        fprintf(f, "---|");
    fprintf(f, "\n");
    for (int t = 1; t <= W; t++) {
        double tot = 0;
        fprintf(f, "| %d |", t);
        for (int r = 0; r < nr; r++) {
            double n = rpt_people(p, e, r, t);
            tot += n;
            fprintf(f, " %s |", RPT_NUM(n));
        }
        fprintf(f, " %s |\n", RPT_NUM(tot));
    }
    int peak;
    double pw = total_person_weeks(p, e, &peak);
    fprintf(f, "\nPeak team size: %d; person-%s used: %s.\n", peak, wks, RPT_NUM(pw));

    /* Go/No-Go */
    int musts, shoulds;
    int gw = go_week(p, e, &musts, &shoulds);
    if (musts || shoulds) {
        fprintf(f, "\n## Go/No-Go\n\n");
        if (gw)
            fprintf(f, "First %s \"Go\" holds (all must-haves, at least 80%% of should-haves): "
                       "**%s %d**.\n",
                    wk, wk, gw);
        else
            fprintf(f, "\"Go\" never holds in this plan.\n");
        static const char *const heads[] = {"", "Must have", "Should have", "Nice to have"};
        for (int dc = OP_DECISION_MUST; dc <= OP_DECISION_NICE; dc++) {
            fprintf(f, "\n### %s\n\n", heads[dc]);
            for (int i = 0; i < ni; i++) {
                const op_item *it = op_plan_item(p, i);
                if ((int)it->decision != dc)
                    continue;
                const op_item_eval *ie = op_eval_item(e, i);
                fprintf(f, "- [%c] ", ie->done ? 'x' : ' ');
                md(f, it->id);
                fprintf(f, ": ");
                md(f, it->title);
                if (ie->done)
                    fprintf(f, " (%s %d)\n", wk, ie->end_week);
                else
                    fprintf(f, " (not scheduled)\n");
            }
        }
    }

    /* quadrants */
    fprintf(f, "\n## Impact vs effort\n\n| effort | low impact | high impact |\n|---|---|---|\n");
    static const char *const bands[] = {"HIGH (40h+)", "MEDIUM (16-39h)", "LOW (0-15h)"};
    for (int band = 0; band < 3; band++) {
        fprintf(f, "| %s |", bands[band]);
        for (int hi = 0; hi < 2; hi++) {
            int first = 1;
            fprintf(f, " ");
            for (int i = 0; i < ni; i++) {
                const op_item *it = op_plan_item(p, i);
                int b = it->effort >= 40 ? 0 : it->effort >= 16 ? 1 : 2;
                int h = it->impact == OP_IMPACT_HIGH;
                if (b != band || h != hi)
                    continue;
                fprintf(f, "%s", first ? "" : ", ");
                md(f, it->id);
                first = 0;
            }
            fprintf(f, " |");
        }
        fprintf(f, "\n");
    }

    /* gantt */
    fprintf(f, "\n## Gantt\n\n```mermaid\ngantt\n    dateFormat X\n    axisFormat %%s\n");
    for (int r = 0; r < nr; r++) {
        int any = 0;
        for (int i = 0; i < ni; i++) {
            const op_item *it = op_plan_item(p, i);
            const op_item_eval *ie = op_eval_item(e, i);
            if (it->role.index != r || !ie->start_week)
                continue;
            if (!any) {
                fprintf(f, "    section ");
                for (const char *c = op_plan_role(p, r)->name; *c; c++)
                    fputc(*c == ':' || *c == '#' || *c == '\n' ? ' ' : *c, f);
                fprintf(f, "\n");
                any = 1;
            }
            fprintf(f, "    ");
            for (const char *c = it->id; *c; c++)
                fputc(*c == ':' || *c == '#' || *c == '\n' ? ' ' : *c, f);
            fprintf(f, " :%s, %d, %d\n", it->priority == 0 ? "crit" : "active", ie->start_week - 1,
                    ie->end_week);
        }
    }
    if (ng) {
        fprintf(f, "    section Gates\n");
        for (int g = 0; g < ng; g++) {
            const op_gate_eval *ge = op_eval_gate(e, g);
            fprintf(f, "    ");
            for (const char *c = op_plan_gate(p, g)->id; *c; c++)
                fputc(*c == ':' || *c == '#' || *c == '\n' ? ' ' : *c, f);
            fprintf(f, " deadline :milestone, %d, 0\n", op_plan_gate(p, g)->deadline_week);
            (void)ge;
        }
    }
    fprintf(f, "```\n\nThe same chart: [gantt.svg](gantt.svg).\n");

    /* solver stages */
    if (info->nstages) {
        fprintf(f, "\n## Solver\n\nHorizon: %d %s. Stages, each held while the next runs:\n\n"
                   "| stage | status | objective | best bound | gap |\n|---|---|---|---|---|\n",
                info->horizon, wks);
        for (int k = 0; k < info->nstages; k++) {
            const op_report_stage *st = &info->stages[k];
            fprintf(f, "| %s | %s | %s | ", st->name, st->status, RPT_NUM(st->objective));
            if (isfinite(st->bound))
                fprintf(f, "%s | ", RPT_NUM(st->bound));
            else
                fprintf(f, "none | ");
            if (isfinite(st->gap))
                fprintf(f, "%s%% |\n", RPT_NUM(round(st->gap * 10000) / 100));
            else
                fprintf(f, "unknown |\n");
        }
    }
    return ferror(f) ? -1 : 0;
}

int rpt_write_summary_csv(FILE *f, const op_plan *p, const op_eval *e, const op_report_info *info)
{
    int musts, shoulds, peak;
    int gw = go_week(p, e, &musts, &shoulds);
    double pw = total_person_weeks(p, e, &peak);
    int rc = fputs("metric,value\n", f) < 0;
    rc |= rpt_cell(f, "command", 0) | rpt_cell(f, info->command, 1);
    /* only day plans say so: week plans keep summary.csv as it always was */
    if (op_plan_period(p) == OP_PERIOD_DAY)
        rc |= rpt_cell(f, "period", 0) | rpt_cell(f, rpt_period(p, 0), 1);
    rc |= rpt_cell(f, "status", 0) | rpt_cell(f, info->status, 1);
    rc |= rpt_cell(f, "gates_met", 0) | rpt_cellnum(f, op_eval_gates_met(e), 1);
    rc |= rpt_cell(f, "gates", 0) | rpt_cellnum(f, op_plan_gate_count(p), 1);
    rc |= rpt_cell(f, "total_lateness", 0) | rpt_cellnum(f, op_eval_total_lateness(e), 1);
    rc |= rpt_cell(f, "last_week", 0) | rpt_cellnum(f, op_eval_last_week(e), 1);
    rc |= rpt_cell(f, "items_scheduled", 0) | rpt_cellnum(f, op_eval_scheduled_count(e), 1);
    rc |= rpt_cell(f, "items", 0) | rpt_cellnum(f, op_plan_item_count(p), 1);
    rc |= rpt_cell(f, "over_capacity_weeks", 0) | rpt_cellnum(f, over_capacity_count(e), 1);
    rc |= rpt_cell(f, "peak_people", 0) | rpt_cellnum(f, peak, 1);
    rc |= rpt_cell(f, "person_weeks", 0) | rpt_cellnum(f, pw, 1);
    rc |= rpt_cell(f, "first_go_week", 0) | (gw ? rpt_cellnum(f, gw, 1) : rpt_cell(f, "", 1));
    double cost = 0;
    int costed = 0;
    for (int r = 0; r < op_plan_role_count(p); r++) {
        double h = 0, people = 0;
        for (int t = 1; t <= op_eval_weeks(e); t++) {
            h += op_eval_load(e, r, t);
            people += rpt_people(p, e, r, t);
        }
        const op_role *ro = op_plan_role(p, r);
        if (ro->cost_per_hour >= 0) {
            cost += h * ro->cost_per_hour;
            costed = 1;
        }
        char key[300];
        snprintf(key, sizeof key, "hours:%s", ro->name);
        rc |= rpt_cell(f, key, 0) | rpt_cellnum(f, h, 1);
        snprintf(key, sizeof key, "person_weeks:%s", ro->name);
        rc |= rpt_cell(f, key, 0) | rpt_cellnum(f, people, 1);
    }
    rc |= rpt_cell(f, "cost", 0) | (costed ? rpt_cellnum(f, cost, 1) : rpt_cell(f, "", 1));
    /* the team itself over the plan's weeks: hours, and cost at cost_per_hour
       (1 when not given, so person-hours) */
    double th = 0, tc = 0;
    int T = op_plan_last_capacity_week(p) < OP_MAX_WEEK ? op_plan_last_capacity_week(p)
                                                         : op_eval_weeks(e);
    for (int r = 0; r < op_plan_role_count(p); r++) {
        double cph = op_plan_role(p, r)->cost_per_hour;
        for (int t = 1; t <= T; t++) {
            th += op_plan_capacity(p, r, t);
            tc += op_plan_capacity(p, r, t) * (cph >= 0 ? cph : 1);
        }
    }
    rc |= rpt_cell(f, "team_hours", 0) | rpt_cellnum(f, th, 1);
    rc |= rpt_cell(f, "team_cost", 0) | rpt_cellnum(f, tc, 1);
    return rc || ferror(f) ? -1 : 0;
}

int op_report_team_csv(FILE *f, const op_plan *p, const op_report_team *t)
{
    int rc = fputs("role,headcount,hours_per_week,from_week,to_week,cost_per_hour\n", f) < 0;
    for (int r = 0; r < op_plan_role_count(p); r++) {
        const double *h = t->headcount + (size_t)r * (size_t)t->horizon;
        for (int w = 1; w <= t->horizon; w++) {
            int u = w;
            while (u < t->horizon && h[u] == h[w - 1])
                u++;
            if (h[w - 1] > 0) {
                const op_role *ro = op_plan_role(p, r);
                rc |= rpt_cell(f, ro->name, 0) | rpt_cellnum(f, h[w - 1], 0) |
                      rpt_cellnum(f, t->hours_per_person[r], 0) | rpt_cellnum(f, w, 0) |
                      rpt_cellnum(f, u, 0);
                rc |= ro->cost_per_hour >= 0 ? rpt_cellnum(f, ro->cost_per_hour, 1) : rpt_cell(f, "", 1);
            }
            w = u;
        }
    }
    return rc || ferror(f) ? -1 : 0;
}

/* People, person-weeks and cost of role r (or all roles, r < 0) in a plan's
   team over weeks 1..weeks. */
static void team_figures(const op_plan *p, int r, int weeks, double *peak, double *pw, double *cost)
{
    *peak = *pw = *cost = 0;
    for (int t = 1; t <= weeks; t++) {
        double week = 0;
        for (int q = 0; q < op_plan_role_count(p); q++) {
            if (r >= 0 && q != r)
                continue;
            double ph = op_plan_person_hours(p, q, t);
            double cap = op_plan_capacity(p, q, t);
            double cph = op_plan_role(p, q)->cost_per_hour;
            week += ph > 0 ? cap / ph : 0;
            *cost += cap * (cph >= 0 ? cph : 1);
        }
        *pw += week;
        if (week > *peak)
            *peak = week;
    }
}

void rpt_team_section(FILE *f, const op_plan *p, const op_report_team *t)
{
    int weeks = t->horizon;
    int last = op_plan_last_capacity_week(t->current);
    if (last < OP_MAX_WEEK && last > weeks)
        weeks = last;
    const char *wks = rpt_period(p, 1);
    fprintf(f, "\n## Team needed\n\nThe cheapest team (%s) with which every item is done "
               "and every gate meets its deadline, beside the current team (%s 1..%d; "
               "cost = hours x cost_per_hour, 1 when not given):\n\n"
               "| role | current peak people | current person-%s | needed peak people | "
               "needed person-%s | current cost | needed cost |\n|---|---|---|---|---|---|---|\n",
            t->status, wks, weeks, wks, wks);
    for (int r = -1; r < op_plan_role_count(p); r++) {
        int rc = r < 0 ? -1 : op_plan_find_role(t->current, op_plan_role(p, r)->name);
        double cpk, cpw, cco, npk, npw, nco;
        if (r >= 0 && rc < 0)
            cpk = cpw = cco = 0;
        else
            team_figures(t->current, rc, weeks, &cpk, &cpw, &cco);
        team_figures(p, r, weeks, &npk, &npw, &nco);
        fprintf(f, "| ");
        if (r < 0)
            fprintf(f, "**total**");
        else
            md(f, op_plan_role(p, r)->name);
        fprintf(f, " | %s | %s | %s | %s | %s | %s |\n", RPT_NUM(cpk), RPT_NUM(cpw), RPT_NUM(npk),
                RPT_NUM(npw), RPT_NUM(cco), RPT_NUM(nco));
    }
}
