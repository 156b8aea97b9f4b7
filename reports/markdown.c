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

/* ---- the mermaid gantt: real dates, one bar per run of worked periods ---- */

/* Text in mermaid's gantt grammar: ':' would end a task's name, '#' and ';'
   its data, so they and line breaks become spaces; '<' and '>' become
   single angle quotes. A task name must also not
   begin like a statement (its lexer matches keywords such as "title",
   "section" or "click" case-blind at a line's start, a '%' as its first or
   second character makes the line a comment, a date is a token): such a
   name gets a leading '_' (and a space before a '%'). */
static void mermaid(FILE *f, const char *s, int task)
{
    static const char *const kw[] = {"gantt", "dateformat", "inclusiveenddates", "topaxis",
                                     "axisformat", "tickinterval", "includes", "excludes",
                                     "todaymarker", "weekday", "weekend", "title", "acc",
                                     "section", "click", "href", "call"};
    int guard = task && (*s == '%' || (*s && s[1] == '%') || (*s >= '0' && *s <= '9'));
    for (size_t k = 0; task && !guard && k < sizeof kw / sizeof kw[0]; k++) {
        size_t n = strlen(kw[k]), j = 0;
        while (j < n && s[j] && (s[j] | 0x20) == kw[k][j])
            j++;
        guard = j == n;
    }
    if (guard) /* "_%" would still be read as a comment */
        fputs(*s == '%' ? "_ " : "_", f);
    for (; *s; s++) {
        if (*s == '<' || *s == '>') /* no markup for a renderer to strip or run */
            fputs(*s == '<' ? "\xe2\x80\xb9" : "\xe2\x80\xba", f); /* U+2039, U+203A */
        else
            fputc(strchr(":#;\r\n\t", *s) ? ' ' : *s, f);
    }
}

/* A task id mermaid accepts and that is unique among the chart's: prefix
   plus the record's id when that is made of letters, digits, '-' and '_'
   alone, else prefix-less "<kind><n>" with n the record's 1-based index. */
static void mermaid_id(FILE *f, char kind, const char *id, int index)
{
    size_t n = strspn(id, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_");
    if (n && !id[n] && n <= 64)
        fprintf(f, "%c-%s", kind, id);
    else
        fprintf(f, "%c%d", kind, index + 1);
}

static void mermaid_date(FILE *f, op_date d)
{
    char buf[OP_DATE_LEN];
    op_date_format(d, buf);
    fprintf(f, "%s", buf);
}

/* The header: dates as YYYY-MM-DD, one tick a week (or every few weeks on
   long plans, at most about 26), on Mondays; the axis shows dates with
   --start and week numbers on the fixed calendar without. No today line: the
   chart must not depend on the day it is viewed. */
static void gantt_header(const md_ctx *c)
{
    int W = op_eval_weeks(c->e);
    int weeks = op_plan_period(c->p) == OP_PERIOD_DAY ? (W + OP_DAYS_PER_WEEK - 1) / OP_DAYS_PER_WEEK
                                                      : W;
    int every = weeks > 26 ? (weeks + 25) / 26 : 1;
    fprintf(c->f, "\n## Gantt\n\n```mermaid\ngantt\n    dateFormat YYYY-MM-DD\n"
                  "    axisFormat %s\n    tickInterval %dweek\n    weekday monday\n"
                  "    todayMarker off\n",
            op_plan_start(c->p) == OP_DATE_NONE ? "w%-V" : "%d %b", every);
}

/* Item i's bars: one per run of periods with hours, "id title" (with the
   part's number when paused work splits it), P0 marked crit. */
static void gantt_item(const md_ctx *c, int i)
{
    FILE *f = c->f;
    const op_item *it = op_plan_item(c->p, i);
    const op_item_eval *ie = op_eval_item(c->e, i);
    int t = ie->start_week, a, b, runs = 0, k = 0;
    while (rpt_next_run(c->s, i, &t, ie->end_week, &a, &b))
        runs++;
    char title[64];
    rpt_short_text(title, sizeof title, it->title, 40);
    for (t = ie->start_week; rpt_next_run(c->s, i, &t, ie->end_week, &a, &b);) {
        fprintf(f, "    ");
        mermaid(f, it->id, 1);
        if (*title)
            fputc(' ', f);
        mermaid(f, title, 0);
        if (runs > 1)
            fprintf(f, " (part %d of %d)", k + 1, runs);
        fprintf(f, " :%s, ", it->priority == 0 ? "crit" : "active");
        mermaid_id(f, 't', it->id, i);
        if (k++)
            fprintf(f, "-r%d", k);
        fprintf(f, ", ");
        mermaid_date(f, rpt_chart_day(c->p, a, 0));
        fprintf(f, ", ");
        mermaid_date(f, rpt_chart_day(c->p, b, 1));
        fprintf(f, "\n");
    }
}

/* Gate g: a milestone at its deadline (the end of that period) and one where
   it passes, crit when late. */
static void gantt_gate(const md_ctx *c, int g)
{
    FILE *f = c->f;
    const op_gate *ga = op_plan_gate(c->p, g);
    const op_gate_eval *ge = op_eval_gate(c->e, g);
    fprintf(f, "    ");
    mermaid(f, ga->id, 1);
    fprintf(f, " deadline :milestone, ");
    mermaid_id(f, 'g', ga->id, g);
    fprintf(f, "-due, ");
    mermaid_date(f, rpt_chart_day(c->p, ga->deadline_week, 1));
    fprintf(f, ", 0d\n");
    if (!ge->passed_week)
        return;
    fprintf(f, "    ");
    mermaid(f, ga->id, 1);
    fprintf(f, " passed%s :%smilestone, ", ge->lateness ? " late" : "",
            ge->lateness ? "crit, " : "");
    mermaid_id(f, 'g', ga->id, g);
    fprintf(f, "-passed, ");
    mermaid_date(f, rpt_chart_day(c->p, ge->passed_week, 1));
    fprintf(f, ", 0d\n");
}

static void md_gantt(const md_ctx *c)
{
    FILE *f = c->f;
    int ni = op_plan_item_count(c->p), ng = op_plan_gate_count(c->p);
    gantt_header(c);
    for (int r = 0; r < op_plan_role_count(c->p); r++) {
        int any = 0;
        for (int i = 0; i < ni; i++) {
            if (op_plan_item(c->p, i)->role.index != r || !op_eval_item(c->e, i)->start_week)
                continue;
            if (!any++) {
                fprintf(f, "    section ");
                mermaid(f, op_plan_role(c->p, r)->name, 0);
                fprintf(f, "\n");
            }
            gantt_item(c, i);
        }
    }
    if (ng)
        fprintf(f, "    section Gates\n");
    for (int g = 0; g < ng; g++)
        gantt_gate(c, g);
    fprintf(f, "```\n\n");
    if (op_plan_start(c->p) == OP_DATE_NONE)
        fprintf(f, "No --start date: the chart draws %s 1 from Monday 2001-01-01 and its axis "
                   "shows week numbers (w1..w52; past 52 weeks they start again at w1).",
                c->wk);
    else {
        fprintf(f, "Dates from --start: %s 1 begins on ", c->wk);
        mermaid_date(f, op_plan_start(c->p));
        fprintf(f, ".");
    }
    fprintf(f, " Bars end with their last working day; paused work is drawn in parts. The "
               "same chart: [gantt.svg](gantt.svg); planned hours against capacity: "
               "[load.svg](load.svg).\n");
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
