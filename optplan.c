/* optplan.c - command line: parse options, wire the modules, pick exit codes */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "inputs/inputs.h"
#include "model/model.h"
#include "reports/reports.h"

/* Exit codes (documented in README and optplan.1). */
enum {
    EXIT_OPTIMAL = 0,    /* success; solve: proven optimal; check: plan sound */
    EXIT_DEFECTS = 1,    /* check: the plan breaks a rule, misses a gate or leaves items out */
    EXIT_NOT_PROVEN = 2, /* solve: a plan was written, optimality not proven */
    EXIT_INFEASIBLE = 3, /* solve: no plan meets the hard constraints */
    EXIT_USAGE = 64,     /* bad command line */
    EXIT_DATAERR = 65,   /* bad input data */
    EXIT_NOINPUT = 66,   /* an input file cannot be opened */
    EXIT_SOFTWARE = 70,  /* internal error: a self-check failed */
    EXIT_OSERR = 71,     /* out of memory */
    EXIT_CANTCREAT = 73, /* the output directory cannot be written */
    EXIT_IOERR = 74      /* a read or write failed */
};

typedef struct options {
    const char *command;
    const char *plan_dir;
    const char *items, *team, *gates, *plan, *baseline;
    const char *out;
    int quiet, verbose;
} options;

static const char *progname = "optplan";

static void usage(FILE *f)
{
    fprintf(f,
            "Usage: %s [COMMAND] [OPTIONS] PLAN_DIR\n"
            "Plans work items onto a team's weekly capacity so that milestone gates are met.\n"
            "\n"
            "Commands:\n"
            "  validate         read and check the plan, print a summary\n"
            "\n"
            "Input options (each replaces one file of PLAN_DIR):\n"
            "      --items FILE     work items (default PLAN_DIR/items.csv)\n"
            "      --capacity FILE  the team (default PLAN_DIR/team.csv)\n"
            "      --gates FILE     milestone gates (default PLAN_DIR/gates.csv)\n"
            "\n"
            "Other options:\n"
            "  -q, --quiet          print nothing on success\n"
            "  -v, --verbose        show solver output\n"
            "  -h, --help           show this help and exit\n"
            "  -V, --version        show the version and exit\n"
            "\n"
            "Exit status: 0 success, 1 plan defects found (check), 2 not proven optimal,\n"
            "3 infeasible, 64 usage, 65 data error, 66 missing input, 70 internal error,\n"
            "71 out of memory, 73 cannot create output, 74 I/O error.\n",
            progname);
}

static int exit_for(op_status st)
{
    switch (st) {
    case OP_OK: return EXIT_OPTIMAL;
    case OP_EDATA: return EXIT_DATAERR;
    case OP_ENOINPUT: return EXIT_NOINPUT;
    case OP_EOUTPUT: return EXIT_CANTCREAT;
    case OP_EIO: return EXIT_IOERR;
    case OP_ENOMEM: return EXIT_OSERR;
    case OP_EINTERNAL: return EXIT_SOFTWARE;
    }
    return EXIT_SOFTWARE;
}

/* Prints every kept diagnostic, GNU style, and a count of the rest. */
static void print_diag(const op_diag *d)
{
    for (int i = 0; i < op_diag_kept(d); i++)
        fprintf(stderr, "%s: %s\n", progname, op_diag_message(d, i));
    if (op_diag_count(d) > op_diag_kept(d))
        fprintf(stderr, "%s: %d more errors not shown\n", progname,
                op_diag_count(d) - op_diag_kept(d));
}

/* Joins dir and name into a new string the caller frees. */
static char *join(const char *dir, const char *name)
{
    size_t n = strlen(dir) + strlen(name) + 2;
    char *s = malloc(n);
    if (s)
        snprintf(s, n, "%s/%s", dir, name);
    return s;
}

enum { OPT_ITEMS = 256, OPT_CAPACITY, OPT_GATES };

static int parse_options(int argc, char **argv, options *o)
{
    static const struct option longopts[] = {
        {"items", required_argument, NULL, OPT_ITEMS},
        {"capacity", required_argument, NULL, OPT_CAPACITY},
        {"gates", required_argument, NULL, OPT_GATES},
        {"quiet", no_argument, NULL, 'q'},
        {"verbose", no_argument, NULL, 'v'},
        {"help", no_argument, NULL, 'h'},
        {"version", no_argument, NULL, 'V'},
        {NULL, 0, NULL, 0}};
    int c;
    while ((c = getopt_long(argc, argv, "qvhV", longopts, NULL)) != -1) {
        switch (c) {
        case OPT_ITEMS: o->items = optarg; break;
        case OPT_CAPACITY: o->team = optarg; break;
        case OPT_GATES: o->gates = optarg; break;
        case 'q': o->quiet = 1; break;
        case 'v': o->verbose = 1; break;
        case 'h': usage(stdout); exit(0);
        case 'V': printf("%s %s\n", PACKAGE_NAME, PACKAGE_VERSION); exit(0);
        default:
            fprintf(stderr, "Try '%s --help' for more information.\n", progname);
            return -1;
        }
    }
    int nargs = argc - optind;
    static const char *const commands[] = {"validate", NULL};
    if (nargs >= 1) {
        for (int k = 0; commands[k]; k++)
            if (strcmp(argv[optind], commands[k]) == 0) {
                o->command = commands[k];
                optind++;
                nargs--;
                break;
            }
    }
    if (!o->command)
        o->command = "validate";
    if (nargs > 1) {
        fprintf(stderr, "%s: too many arguments: '%s'\n", progname, argv[optind + 1]);
        fprintf(stderr, "Try '%s --help' for more information.\n", progname);
        return -1;
    }
    o->plan_dir = nargs == 1 ? argv[optind] : NULL;
    if (!o->plan_dir && (!o->items || !o->team)) {
        fprintf(stderr, "%s: missing PLAN_DIR\n", progname);
        fprintf(stderr, "Try '%s --help' for more information.\n", progname);
        return -1;
    }
    return 0;
}

int main(int argc, char **argv)
{
    options o;
    memset(&o, 0, sizeof o);
    if (parse_options(argc, argv, &o))
        return EXIT_USAGE;

    char *paths[3] = {NULL, NULL, NULL};
    op_input_paths in = {o.items, o.team, o.gates};
    if (o.plan_dir) {
        if (!in.items)
            in.items = paths[0] = join(o.plan_dir, "items.csv");
        if (!in.team)
            in.team = paths[1] = join(o.plan_dir, "team.csv");
        if (!in.gates)
            in.gates = paths[2] = join(o.plan_dir, "gates.csv");
    }
    op_diag *d = op_diag_new(OP_MAX_ERRORS);
    op_plan *p = op_plan_new();
    int rc;
    if (!d || !p || !in.items || !in.team || (o.plan_dir && !in.gates)) {
        fprintf(stderr, "%s: out of memory\n", progname);
        rc = EXIT_OSERR;
        goto out;
    }
    op_status st = op_inputs_load(&in, p, d);
    if (st != OP_OK) {
        print_diag(d);
        rc = exit_for(st);
        goto out;
    }
    if (strcmp(o.command, "validate") == 0) {
        if (!o.quiet)
            op_report_summary(stdout, p);
        rc = EXIT_OPTIMAL;
    } else {
        rc = EXIT_USAGE;
    }
out:
    if (fflush(stdout) != 0 || ferror(stdout)) {
        fprintf(stderr, "%s: write error on standard output: %s\n", progname, strerror(errno));
        if (rc == EXIT_OPTIMAL)
            rc = EXIT_IOERR;
    }
    op_plan_free(p);
    op_diag_free(d);
    for (int k = 0; k < 3; k++)
        free(paths[k]);
    return rc;
}
