/* markdown.c - report.md: headline, gates, late items and causes, roadmap, loads, gantt */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "internal.h"

/* What every section reads: the run, and the plan's period words. */
typedef struct md_ctx {
    FILE *f;
    const op_plan *p;
    const op_schedule *s;
    const op_eval *e;
    const op_report_info *info;
    int check; /* a check of a given plan, not a solve */
    const char *wk, *wks, *Wk;
    const op_settings *set; /* the start date and the report conventions */
    int dates;              /* the plan has a start date: dates beside weeks */
} md_ctx;

/* Each section writes to c->f; a write error shows in ferror(c->f), which
   head and tail return (sections allocate nothing, so nothing else fails). */
typedef void md_section(const md_ctx *c);

static md_ctx md_context(FILE *f, const op_plan *p, const op_schedule *s, const op_eval *e,
                         const op_report_info *info)
{
    md_ctx c = {f, p, s, e, info, strcmp(info->command, "check") == 0, rpt_period(p, 0),
                rpt_period(p, 1), rpt_Period(p, 0), op_plan_settings(p),
                op_plan_start(p) != OP_DATE_NONE};
    return c;
}

/* "week 3", and with a start date "week 3 (2027-01-22)": the period's
   first (last = 0) or last working day. */
static void md_when(const md_ctx *c, int t, int last)
{
    fprintf(c->f, "%s %d", c->wk, t);
    if (c->dates && t >= 1)
        fprintf(c->f, " (%s)", RPT_DATE(c->p, t, last));
}

/* ---- head: title, headline, gates, problems, deferred, hand plan -------- */

static void md_title(const md_ctx *c)
{
    FILE *f = c->f;
    const op_eval *e = c->e;
    int ni = op_plan_item_count(c->p), ng = op_plan_gate_count(c->p);
    fprintf(f, "# optplan %s: ", c->check ? "check of a given plan" : "optimized plan");
    rpt_md(f, c->info->plan_name);
    fprintf(f, "\n\n");
    int unscheduled = ni - op_eval_scheduled_count(e);
    fprintf(f, "**%d of %d gates met**, last item done in ", op_eval_gates_met(e), ng);
    md_when(c, op_eval_last_week(e), 1);
    fprintf(f, ", %d of %d items scheduled", op_eval_scheduled_count(e), ni);
    if (unscheduled)
        fprintf(f, " (%d %s)", unscheduled, c->check ? "never scheduled" : "deferred");
    if (op_eval_item_lateness(e))
        fprintf(f, ", %d %s of item lateness", op_eval_item_lateness(e), c->wks);
    fprintf(f, ". ");
    if (c->check)
        fprintf(f, "%d rule violations found.\n", op_eval_hard_violations(e));
    else
        /* what was proven holds for the weeks planned: say which */
        fprintf(f, "Solver: %s, planning %s %d..%d.\n", c->info->status, c->wks,
                op_plan_first_week(c->p), c->info->horizon);
    if (!c->info->baseline_eval || c->check)
        return;
    const op_eval *b = c->info->baseline_eval;
    int dl = op_eval_gate_lateness(b) - op_eval_gate_lateness(e);
    int doc = rpt_over_capacity_count(b) - rpt_over_capacity_count(e);
    fprintf(f, "\nAgainst the hand plan (%d of %d gates met, %d %s of gate lateness, %d "
               "over-capacity role-%s, %d items scheduled), the optimizer %s, cuts gate "
               "lateness by %d %s, removes %d over-capacity role-%s and schedules %d "
               "more items.\n",
            op_eval_gates_met(b), ng, op_eval_gate_lateness(b), c->wks,
            rpt_over_capacity_count(b), c->wks, op_eval_scheduled_count(b),
            op_eval_gates_met(e) > op_eval_gates_met(b) ? "meets more gates"
                                                        : "meets as many gates",
            dl, c->wks, doc, c->wks, op_eval_scheduled_count(e) - op_eval_scheduled_count(b));
}

static void md_gates(const md_ctx *c)
{
    FILE *f = c->f;
    fprintf(f, "\n## Gates\n\n| gate | name | deadline | passed | lateness | status | cause |\n"
               "|---|---|---|---|---|---|---|\n");
    for (int g = 0; g < op_plan_gate_count(c->p); g++) {
        const op_gate *ga = op_plan_gate(c->p, g);
        const op_gate_eval *ge = op_eval_gate(c->e, g);
        char cause[1024] = "";
        if (c->info->gate_fixes && c->info->gate_fixes[g])
            snprintf(cause, sizeof cause, "%s", c->info->gate_fixes[g]);
        else if (!ge->passed_week || ge->lateness)
            op_report_gate_cause(c->p, c->e, g, cause, sizeof cause);
        fprintf(f, "| ");
        rpt_md(f, ga->id);
        fprintf(f, " | ");
        rpt_md(f, ga->name);
        fprintf(f, " | ");
        md_when(c, ga->deadline_week, 1);
        fprintf(f, " | ");
        if (ge->passed_week) {
            md_when(c, ge->passed_week, 1);
            fprintf(f, " | %d | %s | ", ge->lateness, ge->lateness ? "LATE" : "met");
        } else
            fprintf(f, "never | %d+ | NOT PASSED | ", ge->lateness);
        rpt_md(f, cause);
        fprintf(f, " |\n");
    }
    if (c->info->gate_fixes)
        fprintf(f, "\nCauses of late gates were found by re-solving the plan with each change "
                   "(stages scheduled and lateness). A change said to make a gate on time is "
                   "backed by the plan found with it. A late %s is that of the plan found for "
                   "the change, proven to minimize total lateness unless marked \"(not "
                   "proven)\"; it is not a bound on every plan. Without re-solving, a cause "
                   "states facts, and says \"no plan with this team meets the deadline\" only "
                   "where role hours prove it.\n",
                c->wk);
}

/* Items done after their due weeks (soft due weeks: lateness, not a violation), each with
   its cause; nothing when none is late. */
static void md_late_items(const md_ctx *c)
{
    FILE *f = c->f;
    if (!op_eval_item_lateness(c->e))
        return;
    fprintf(f, "\n## Late items\n\n| item | role | due | done | %s late | cause |\n"
               "|---|---|---|---|---|---|\n",
            c->wks);
    for (int i = 0; i < op_plan_item_count(c->p); i++) {
        const op_item *it = op_plan_item(c->p, i);
        const op_item_eval *ie = op_eval_item(c->e, i);
        if (!ie->late)
            continue;
        char cause[1024];
        op_report_item_late_cause(c->p, c->e, i, cause, sizeof cause);
        fprintf(f, "| ");
        rpt_md(f, it->id);
        fprintf(f, " | ");
        rpt_md(f, op_plan_role(c->p, it->role.index)->name);
        fprintf(f, " | ");
        md_when(c, it->due_week, 1);
        fprintf(f, " | ");
        md_when(c, ie->end_week, 1);
        fprintf(f, " | %d | ", ie->late);
        rpt_md(f, cause);
        fprintf(f, " |\n");
    }
}

/* Items of role r booked in week t, for an over-capacity line. */
static void booked_items(const md_ctx *c, int r, int t)
{
    int first = 1;
    for (int i = 0; i < op_plan_item_count(c->p); i++) {
        const op_item *it = op_plan_item(c->p, i);
        double h = op_schedule_get(c->s, i, t);
        if (it->role.index != r || h <= 1e-6)
            continue;
        fprintf(c->f, "%s", first ? " " : ", ");
        rpt_md(c->f, it->id);
        fprintf(c->f, " %s h", RPT_NUM(h));
        first = 0;
    }
}

/* A check's gates that missed their deadline, with the items that made them. */
static void md_missed_gates(const md_ctx *c)
{
    FILE *f = c->f;
    for (int g = 0; g < op_plan_gate_count(c->p); g++) {
        const op_gate_eval *ge = op_eval_gate(c->e, g);
        int d = op_plan_gate(c->p, g)->deadline_week;
        if (ge->passed_week && !ge->lateness)
            continue;
        fprintf(f, "- gate ");
        rpt_md(f, op_plan_gate(c->p, g)->id);
        if (ge->passed_week)
            fprintf(f, " missed: passed %s %d, deadline %s %d:", c->wk, ge->passed_week, c->wk,
                    d);
        else
            fprintf(f, " missed: never passed, deadline %s %d:", c->wk, d);
        if (!ge->nlate_items) {
            char cause[1024];
            op_report_gate_cause(c->p, c->e, g, cause, sizeof cause);
            fprintf(f, " ");
            rpt_md(f, cause);
        }
        for (int k = 0; k < ge->nlate_items; k++) {
            const op_item_eval *ie = op_eval_item(c->e, ge->late_items[k]);
            fprintf(f, "%s", k ? ", " : " ");
            rpt_md(f, op_plan_item(c->p, ge->late_items[k])->id);
            if (ie->done)
                fprintf(f, " in %s %d", c->wk, ie->end_week);
            else
                fprintf(f, " never scheduled");
        }
        fprintf(f, "\n");
    }
}

/* A check: every violation in words, then the missed gates. */
static void md_problems(const md_ctx *c)
{
    if (!c->check)
        return;
    FILE *f = c->f;
    fprintf(f, "\n## Problems found\n\n");
    if (!op_eval_violation_count(c->e))
        fprintf(f, "None.\n");
    for (int k = 0; k < op_eval_violation_count(c->e); k++) {
        const op_violation *v = op_eval_violation(c->e, k);
        char text[1024];
        rpt_violation_text(c->p, v, text, sizeof text);
        fprintf(f, "- ");
        rpt_md(f, text);
        if (v->kind == OP_V_OVER_CAPACITY) {
            fputc(':', f);
            booked_items(c, v->role, v->week);
        }
        fprintf(f, "\n");
    }
    md_missed_gates(c);
}

static void md_deferred(const md_ctx *c)
{
    const op_report_info *info = c->info;
    FILE *f = c->f;
    if (!info->ndeferred)
        return;
    fprintf(f, "\n## Deferred items\n\n| item | priority | role | hours | why |\n"
               "|---|---|---|---|---|\n");
    for (int k = 0; k < info->ndeferred; k++) {
        const op_item *it = op_plan_item(c->p, info->deferred[k]);
        fprintf(f, "| ");
        rpt_md(f, it->id);
        fprintf(f, " | %s | ", op_priority_name(it->priority));
        rpt_md(f, op_plan_role(c->p, it->role.index)->name);
        /* the hours still to do: with a status file, not the whole effort */
        fprintf(f, " | %s | ", RPT_NUM(it->remaining));
        rpt_md(f, info->deferred_why[k]);
        fprintf(f, " |\n");
    }
}

/* Items paused inside their span (op_schedule_item_pauses); nothing when none. */
static void md_paused(const md_ctx *c)
{
    FILE *f = c->f;
    int n = op_schedule_paused_weeks(c->p, c->s), weeks[OP_MAX_WEEK];
    if (!n)
        return;
    fprintf(f, "\n## Paused work\n\n%d %s inside items' spans without hours although their "
               "role has capacity:\n\n| item | role | %s without hours |\n|---|---|---|\n",
            n, n == 1 ? c->wk : c->wks, c->wks);
    for (int i = 0; i < op_plan_item_count(c->p); i++) {
        int k = op_schedule_item_pauses(c->p, c->s, i, weeks, OP_MAX_WEEK);
        if (!k)
            continue;
        const op_item *it = op_plan_item(c->p, i);
        fprintf(f, "| ");
        rpt_md(f, it->id);
        fprintf(f, " | ");
        rpt_md(f, op_plan_role(c->p, it->role.index)->name);
        fprintf(f, " |");
        for (int w = 0; w < k && w < OP_MAX_WEEK; w++)
            fprintf(f, "%s %d", w ? "," : "", weeks[w]);
        fprintf(f, " |\n");
    }
}

/* One "| gate ... | hand | optimized |" row. */
static void baseline_gate_row(const md_ctx *c, int g)
{
    const op_gate_eval *ge[2] = {op_eval_gate(c->info->baseline_eval, g), op_eval_gate(c->e, g)};
    fprintf(c->f, "| gate ");
    rpt_md(c->f, op_plan_gate(c->p, g)->id);
    fprintf(c->f, " (deadline %s %d) |", c->wk, op_plan_gate(c->p, g)->deadline_week);
    for (int k = 0; k < 2; k++)
        if (ge[k]->passed_week)
            fprintf(c->f, " %s %d, %d late |", c->wk, ge[k]->passed_week, ge[k]->lateness);
        else
            fprintf(c->f, " not passed |");
    fprintf(c->f, "\n");
}

/* One "| utilization role | hand% | optimized% |" row. */
static void baseline_role_row(const md_ctx *c, int r)
{
    const op_eval *b = c->info->baseline_eval, *e = c->e;
    double cap = 0, lb = 0, le = 0;
    int wmax = op_eval_weeks(b) > op_eval_weeks(e) ? op_eval_weeks(b) : op_eval_weeks(e);
    for (int t = 1; t <= wmax; t++) {
        cap += op_plan_capacity(c->p, r, t);
        lb += op_eval_load(b, r, t);
        le += op_eval_load(e, r, t);
    }
    fprintf(c->f, "| utilization ");
    rpt_md(c->f, op_plan_role(c->p, r)->name);
    fprintf(c->f, " | %s%% | %s%% |\n", RPT_NUM(cap > 0 ? round(lb / cap * 1000) / 10 : 0),
            RPT_NUM(cap > 0 ? round(le / cap * 1000) / 10 : 0));
}

/* A solve with a hand plan: both side by side. */
static void md_baseline(const md_ctx *c)
{
    const op_eval *b = c->info->baseline_eval, *e = c->e;
    if (!b || c->check)
        return;
    FILE *f = c->f;
    int ng = op_plan_gate_count(c->p), ni = op_plan_item_count(c->p);
    fprintf(f, "\n## Hand plan beside the optimized plan\n\n");
    fprintf(f, "| | hand plan | optimized |\n|---|---|---|\n");
    for (int g = 0; g < ng; g++)
        baseline_gate_row(c, g);
    int pb, pe;
    double wb = rpt_person_weeks(c->p, b, &pb), we = rpt_person_weeks(c->p, e, &pe);
    fprintf(f, "| gates met | %d of %d | %d of %d |\n", op_eval_gates_met(b), ng,
            op_eval_gates_met(e), ng);
    fprintf(f, "| total lateness | %d %s | %d %s |\n", op_eval_total_lateness(b), c->wks,
            op_eval_total_lateness(e), c->wks);
    fprintf(f, "| last %s | %d | %d |\n", c->wk, op_eval_last_week(b), op_eval_last_week(e));
    fprintf(f, "| over-capacity role-%s | %d | %d |\n", c->wks, rpt_over_capacity_count(b),
            rpt_over_capacity_count(e));
    fprintf(f, "| peak people | %d | %d |\n", pb, pe);
    fprintf(f, "| person-%s used | %s | %s |\n", c->wks, RPT_NUM(wb), RPT_NUM(we));
    fprintf(f, "| items scheduled | %d of %d | %d of %d |\n", op_eval_scheduled_count(b), ni,
            op_eval_scheduled_count(e), ni);
    for (int r = 0; r < op_plan_role_count(c->p); r++)
        baseline_role_row(c, r);
}

/* ---- tail: roadmap, loads, people, Go/No-Go, quadrants, gantt, solver --- */

/* With a start date, each scheduled item's first and last period with
   their dates (the first working day of the start, the last of the end), in
   start order; nothing without a start date (the roadmap has the weeks). */
static void md_items(const md_ctx *c)
{
    FILE *f = c->f;
    if (!c->dates)
        return;
    fprintf(f, "\n## Items\n\n| item | title | role | start | end |\n|---|---|---|---|---|\n");
    for (int t = 1; t <= op_eval_last_week(c->e); t++)
        for (int i = 0; i < op_plan_item_count(c->p); i++) {
            const op_item *it = op_plan_item(c->p, i);
            const op_item_eval *ie = op_eval_item(c->e, i);
            if (ie->start_week != t)
                continue;
            fprintf(f, "| ");
            rpt_md(f, it->id);
            fprintf(f, " | ");
            rpt_md(f, it->title);
            fprintf(f, " | ");
            rpt_md(f, op_plan_role(c->p, it->role.index)->name);
            fprintf(f, " | ");
            md_when(c, ie->start_week, 0);
            fprintf(f, " | ");
            md_when(c, ie->end_week, 1);
            fprintf(f, " |\n");
        }
}

/* The items worked on in week t; nothing when none. */
static void roadmap_week(const md_ctx *c, int t)
{
    FILE *f = c->f;
    int ni = op_plan_item_count(c->p), any = 0;
    for (int i = 0; i < ni && !any; i++)
        any = op_schedule_get(c->s, i, t) > 1e-6;
    if (!any)
        return;
    double tot = 0;
    fprintf(f, "\n### %s %d", c->Wk, t);
    if (c->dates) /* headed by the period's first day: a week's Monday */
        fprintf(f, " (%s)", RPT_DATE(c->p, t, 0));
    fprintf(f, "\n\n| Issue | Hours | Owner | Status |\n|---|---|---|---|\n");
    for (int i = 0; i < ni; i++) {
        double h = op_schedule_get(c->s, i, t);
        if (h <= 1e-6)
            continue;
        const op_item *it = op_plan_item(c->p, i);
        const op_item_eval *ie = op_eval_item(c->e, i);
        fprintf(f, "| ");
        rpt_md(f, it->id);
        fprintf(f, ": ");
        rpt_md(f, it->title);
        fprintf(f, " | %sh | ", RPT_NUM(h));
        rpt_md(f, op_plan_role(c->p, it->role.index)->name);
        /* the settings' words: "ends" (not status.csv's "done"), "starts", "works" */
        fprintf(f, " | ");
        rpt_md(f, ie->end_week == t && ie->done ? c->set->word_ends
                  : ie->start_week == t       ? c->set->word_starts
                                              : c->set->word_works);
        fprintf(f, " |\n");
        tot += h;
    }
    fprintf(f, "\n**%s %d Total**: %s hours\n", c->Wk, t, RPT_NUM(tot));
}

static void md_roadmap(const md_ctx *c)
{
    fprintf(c->f, "\n## Roadmap by %s\n", c->wk);
    for (int t = 1; t <= op_eval_last_week(c->e); t++)
        roadmap_week(c, t);
}

static void md_loads(const md_ctx *c)
{
    FILE *f = c->f;
    int W = op_eval_weeks(c->e);
    fprintf(f, "\n## Load by role and %s (planned / capacity hours)\n\n| role |", c->wk);
    for (int t = 1; t <= W; t++)
        fprintf(f, " %c%d |", c->wk[0], t);
    fprintf(f, "\n|---|");
    for (int t = 1; t <= W; t++)
        fprintf(f, "---|");
    fprintf(f, "\n");
    for (int r = 0; r < op_plan_role_count(c->p); r++) {
        fprintf(f, "| ");
        rpt_md(f, op_plan_role(c->p, r)->name);
        fprintf(f, " |");
        for (int t = 1; t <= W; t++) {
            double l = op_eval_load(c->e, r, t), cap = op_plan_capacity(c->p, r, t);
            if (l <= 1e-6 && cap <= 0)
                fprintf(f, " |");
            else
                fprintf(f, " %s/%s%s |", RPT_NUM(l), RPT_NUM(cap),
                        l > cap + 1e-4 ? " **OVER**" : "");
        }
        fprintf(f, "\n");
    }
}

static void md_people(const md_ctx *c)
{
    FILE *f = c->f;
    int nr = op_plan_role_count(c->p);
    fprintf(f, "\n## Engineers needed per %s\n\n| %s |", c->wk, c->wk);
    for (int r = 0; r < nr; r++) {
        fprintf(f, " ");
        rpt_md(f, op_plan_role(c->p, r)->name);
        fprintf(f, " |");
    }
    fprintf(f, " Total |\n|---|");
    for (int r = 0; r <= nr; r++)
        fprintf(f, "---|");
    fprintf(f, "\n");
    for (int t = 1; t <= op_eval_weeks(c->e); t++) {
        double tot = 0;
        fprintf(f, "| %d |", t);
        for (int r = 0; r < nr; r++) {
            double n = rpt_people(c->p, c->e, r, t);
            tot += n;
            fprintf(f, " %s |", RPT_NUM(n));
        }
        fprintf(f, " %s |\n", RPT_NUM(tot));
    }
    int peak;
    double pw = rpt_person_weeks(c->p, c->e, &peak);
    fprintf(f, "\nPeak team size: %d; person-%s used: %s.\n", peak, c->wks, RPT_NUM(pw));
}

static void md_go(const md_ctx *c)
{
    FILE *f = c->f;
    int musts, shoulds;
    int gw = rpt_go_week(c->p, c->e, &musts, &shoulds);
    if (!musts && !shoulds)
        return;
    fprintf(f, "\n## Go/No-Go\n\n");
    if (gw) {
        fprintf(f, "First %s \"Go\" holds (all must-haves, at least %s%% of should-haves): **",
                c->wk, RPT_NUM(c->set->go_should_percent));
        md_when(c, gw, 1);
        fprintf(f, "**.\n");
    } else
        fprintf(f, "\"Go\" never holds in this plan.\n");
    static const char *const heads[] = {"", "Must have", "Should have", "Nice to have"};
    for (int dc = OP_DECISION_MUST; dc <= OP_DECISION_NICE; dc++) {
        fprintf(f, "\n### %s\n\n", heads[dc]);
        for (int i = 0; i < op_plan_item_count(c->p); i++) {
            const op_item *it = op_plan_item(c->p, i);
            if ((int)it->decision != dc)
                continue;
            const op_item_eval *ie = op_eval_item(c->e, i);
            fprintf(f, "- [%c] ", ie->done ? 'x' : ' ');
            rpt_md(f, it->id);
            fprintf(f, ": ");
            rpt_md(f, it->title);
            if (ie->done) {
                fprintf(f, " (");
                md_when(c, ie->end_week, 1);
                fprintf(f, ")\n");
            } else
                fprintf(f, " (not scheduled)\n");
        }
    }
}

static void md_quadrants(const md_ctx *c)
{
    FILE *f = c->f;
    fprintf(f, "\n## Impact vs effort\n\n| effort | low impact | high impact |\n|---|---|---|\n");
    /* the settings' bands, whole hours: the seed's 0-15, 16-39 and 40+ by default */
    double mid = c->set->effort_medium_from, high = c->set->effort_high_from;
    for (int band = 0; band < 3; band++) {
        if (band == 0)
            fprintf(f, "| HIGH (%sh+) |", RPT_NUM(high));
        else if (band == 1)
            fprintf(f, "| MEDIUM (%s-%sh) |", RPT_NUM(mid), RPT_NUM(high - 1));
        else
            fprintf(f, "| LOW (0-%sh) |", RPT_NUM(mid - 1));
        for (int hi = 0; hi < 2; hi++) {
            int first = 1;
            fprintf(f, " ");
            for (int i = 0; i < op_plan_item_count(c->p); i++) {
                const op_item *it = op_plan_item(c->p, i);
                int b = it->effort >= high ? 0 : it->effort >= mid ? 1 : 2;
                int h = it->impact == OP_IMPACT_HIGH;
                if (b != band || h != hi)
                    continue;
                fprintf(f, "%s", first ? "" : ", ");
                rpt_md(f, it->id);
                first = 0;
            }
            fprintf(f, " |");
        }
        fprintf(f, "\n");
    }
}

/* A name in mermaid syntax: its separators ':' and '#' and line breaks
   become spaces. */
static void mermaid(FILE *f, const char *s)
{
    for (; *s; s++)
        fputc(*s == ':' || *s == '#' || *s == '\n' ? ' ' : *s, f);
}

static void md_gantt(const md_ctx *c)
{
    FILE *f = c->f;
    int ni = op_plan_item_count(c->p), ng = op_plan_gate_count(c->p);
    fprintf(f, "\n## Gantt\n\n```mermaid\ngantt\n    dateFormat X\n    axisFormat %%s\n");
    for (int r = 0; r < op_plan_role_count(c->p); r++) {
        int any = 0;
        for (int i = 0; i < ni; i++) {
            const op_item *it = op_plan_item(c->p, i);
            const op_item_eval *ie = op_eval_item(c->e, i);
            if (it->role.index != r || !ie->start_week)
                continue;
            if (!any) {
                fprintf(f, "    section ");
                mermaid(f, op_plan_role(c->p, r)->name);
                fprintf(f, "\n");
                any = 1;
            }
            fprintf(f, "    ");
            mermaid(f, it->id);
            fprintf(f, " :%s, %d, %d\n", it->priority == 0 ? "crit" : "active",
                    ie->start_week - 1, ie->end_week);
        }
    }
    if (ng)
        fprintf(f, "    section Gates\n");
    for (int g = 0; g < ng; g++) {
        fprintf(f, "    ");
        mermaid(f, op_plan_gate(c->p, g)->id);
        fprintf(f, " deadline :milestone, %d, 0\n", op_plan_gate(c->p, g)->deadline_week);
    }
    fprintf(f, "```\n\nThe same chart: [gantt.svg](gantt.svg).\n");
}

static void md_solver(const md_ctx *c)
{
    const op_report_info *info = c->info;
    FILE *f = c->f;
    if (!info->nstages)
        return;
    fprintf(f, "\n## Solver\n\nHorizon: %d %s. Stages, each held while the next runs:\n\n"
               "| stage | status | objective | best bound | gap |\n|---|---|---|---|---|\n",
            info->horizon, c->wks);
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

/* ---- the two halves write.c puts around the team and changes sections ---- */

static int run_sections(const md_ctx *c, md_section *const *sections, size_t n)
{
    for (size_t k = 0; k < n && !ferror(c->f); k++)
        sections[k](c);
    return ferror(c->f) ? -1 : 0;
}

int rpt_write_markdown_head(FILE *f, const op_plan *p, const op_schedule *s, const op_eval *e,
                            const op_report_info *info)
{
    static md_section *const head[] = {md_title,    md_gates,    md_late_items, md_problems,
                                       md_deferred, md_paused,   md_baseline};
    md_ctx c = md_context(f, p, s, e, info);
    return run_sections(&c, head, sizeof head / sizeof head[0]);
}

int rpt_write_markdown_tail(FILE *f, const op_plan *p, const op_schedule *s, const op_eval *e,
                            const op_report_info *info)
{
    static md_section *const tail[] = {md_items, md_roadmap, md_loads,  md_people, md_go,
                                       md_quadrants, md_gantt, md_solver};
    md_ctx c = md_context(f, p, s, e, info);
    return run_sections(&c, tail, sizeof tail / sizeof tail[0]);
}
