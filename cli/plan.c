/* plan.c - the plan a command works on: its input files, --add-staff, progress from --week */
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"

op_status cli_inputs_find(const cli_options *o, cli_inputs *in, op_diag *d)
{
    *in = (cli_inputs){.files = {o->items, o->team, o->gates, o->holidays},
                       .status = o->status, .settings = o->settings};
    if (!o->plan_dir)
        return OP_OK;
    int nomem = 0;
    /* holidays and settings are optional: PLAN_DIR's files only when present */
    if (!in->files.holidays) {
        nomem |= !(in->joined[4] = op_path_join(o->plan_dir, "holidays.csv"));
        if (in->joined[4] && cli_file_exists(in->joined[4]))
            in->files.holidays = in->joined[4];
    }
    if (!in->settings) {
        nomem |= !(in->joined[5] = op_path_join(o->plan_dir, "settings.csv"));
        if (in->joined[5] && cli_file_exists(in->joined[5]))
            in->settings = in->joined[5];
    }
    if (!in->files.items)
        nomem |= !(in->files.items = in->joined[0] = op_path_join(o->plan_dir, "items.csv"));
    if (!in->files.team)
        nomem |= !(in->files.team = in->joined[1] = op_path_join(o->plan_dir, "team.csv"));
    if (!in->files.gates) {
        /* gates are optional: a plan without gates.csv has none */
        nomem |= !(in->joined[2] = op_path_join(o->plan_dir, "gates.csv"));
        if (in->joined[2] && cli_file_exists(in->joined[2]))
            in->files.gates = in->joined[2];
    }
    if (o->week && !in->status) {
        /* progress is optional too: without status.csv nothing has started */
        nomem |= !(in->joined[3] = op_path_join(o->plan_dir, "status.csv"));
        if (in->joined[3] && cli_file_exists(in->joined[3]))
            in->status = in->joined[3];
    }
    if (nomem) {
        op_diag_error(d, OP_ENOMEM, NULL, "out of memory");
        return OP_ENOMEM;
    }
    return OP_OK;
}

void cli_inputs_free(cli_inputs *in)
{
    for (size_t k = 0; k < sizeof in->joined / sizeof *in->joined; k++) {
        free(in->joined[k]);
        in->joined[k] = NULL;
    }
}

int cli_find_role(const op_plan *p, const cli_role_value *v)
{
    char role[OP_MAX_CELL + 1];
    if (v->role_len > OP_MAX_CELL)
        return -1;
    snprintf(role, sizeof role, "%.*s", v->role_len, v->spec);
    return op_plan_find_role(p, role);
}

cli_outcome cli_unknown_role(const cli_io *io, const op_plan *p, const char *opt,
                             const char *role, const char *spec)
{
    char roles[400];
    size_t len = 0;
    roles[0] = 0;
    for (int r = 0; r < op_plan_role_count(p) && len < sizeof roles; r++) {
        int room = len + 40 < sizeof roles;
        int n = snprintf(roles + len, sizeof roles - len, "%s%s", r ? ", " : "",
                         room ? op_plan_role(p, r)->name : "...");
        if (n < 0 || !room)
            break;
        len += (size_t)n;
    }
    if (spec)
        return cli_usage(io, "--%s: unknown role in '%s' (the team's roles: %s)", opt, spec, roles);
    return cli_usage(io, "--%s: unknown role '%s' (the team's roles: %s)", opt, role, roles);
}

/* The team row of one --add-staff ROLE=DELTA[@WEEK]: DELTA people of role
   r from WEEK to the role's last team week. */
static op_team_row add_staff_row(op_plan *p, int r, const cli_role_value *v)
{
    const op_role *ro = op_plan_role(p, r);
    op_loc l = {"--add-staff", 0, 0};
    op_team_row row = {
        .role = {.name = op_plan_intern(p, ro->name), .index = -1, .loc = l},
        .headcount = v->value,
        .hours_per_week = op_plan_person_hours(p, r, v->week),
        .from_week = v->week,
        .to_week = ro->last_week < OP_MAX_WEEK ? ro->last_week : 0,
        .cost_per_hour = -1,
        .loc = l,
        .cost_loc = l,
    };
    if (row.to_week && row.to_week < row.from_week)
        row.to_week = row.from_week;
    return row;
}

/* Adds the --add-staff rows to the validated plan p and validates it again. */
static cli_outcome add_staff(const cli_io *io, const cli_options *o, op_plan *p, op_diag *d)
{
    for (int k = 0; k < o->nadd_staff; k++) {
        int r = cli_find_role(p, &o->add_staff[k]);
        if (r < 0)
            return cli_unknown_role(io, p, "add-staff", NULL, o->add_staff[k].spec);
        op_team_row row = add_staff_row(p, r, &o->add_staff[k]);
        if (!row.role.name || op_plan_add_team_row(p, &row, d) < 0) {
            if (!op_diag_status(d))
                op_diag_error(d, OP_ENOMEM, NULL, "out of memory");
            return cli_status(op_diag_status(d));
        }
    }
    return cli_status(o->nadd_staff ? op_plan_validate(p, d) : OP_OK);
}

cli_outcome cli_plan_load(const cli_io *io, const cli_options *o, const cli_inputs *in,
                          op_plan **out, op_diag *d)
{
    *out = NULL;
    op_plan *p = op_plan_new();
    if (!p) {
        op_diag_error(d, OP_ENOMEM, NULL, "out of memory");
        return cli_status(OP_ENOMEM);
    }
    op_plan_set_period(p, o->period);
    /* the start date first: the other files may give dates */
    op_settings set;
    op_settings_init(&set);
    cli_outcome r = cli_status(in->settings ? op_inputs_load_settings(in->settings, &set, d) : OP_OK);
    if (o->start != OP_DATE_NONE)
        set.start = o->start;
    op_plan_set_settings(p, &set);
    if (r.status == OP_OK)
        r = cli_status(op_inputs_load(&in->files, p, d));
    if (r.status == OP_OK)
        r = add_staff(io, o, p, d);
    if (r.status == OP_OK && r.verdict == CLI_DONE && o->week) {
        op_plan_set_first_week(p, op_period_of_week(o->period, o->week, 1));
        if (in->status)
            r.status = op_inputs_load_status(in->status, p, d);
        else
            /* said even with -q: a nightly run must not take this silently */
            cli_say(io, "warning: --week %d without a status file (%s): every item is taken "
                        "as not started", o->week, in->joined[3] ? in->joined[3] : "no --status");
    }
    if (r.status != OP_OK || r.verdict != CLI_DONE) {
        op_plan_free(p);
        return r;
    }
    *out = p;
    return r;
}
