/* outdir.c - replaces a report directory all or nothing, through a hidden sibling */
#define _GNU_SOURCE 1 /* renameat2 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "config.h"
#include "reports.h"

#define MARKER ".optplan-report"

/* Parent directory and base name of path, in new strings. */
static int split_path(const char *path, char **parent, char **base)
{
    size_t n = strlen(path);
    while (n > 1 && path[n - 1] == '/')
        n--;
    size_t k = n;
    while (k > 0 && path[k - 1] != '/')
        k--;
    *parent = k ? strndup(path, k > 1 ? k - 1 : 1) : strdup(".");
    *base = strndup(path + k, n - k);
    if (!*parent || !*base) {
        free(*parent);
        free(*base);
        return -1;
    }
    return 0;
}

/* Removes a directory holding plain files only (what optplan writes). */
static void remove_flat_dir(const char *dir)
{
    DIR *dp = opendir(dir);
    if (dp) {
        struct dirent *de;
        while ((de = readdir(dp)) != NULL) {
            if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
                continue;
            size_t n = strlen(dir) + strlen(de->d_name) + 2;
            char *f = malloc(n);
            if (f) {
                snprintf(f, n, "%s/%s", dir, de->d_name);
                unlink(f);
                free(f);
            }
        }
        closedir(dp);
    }
    rmdir(dir);
}

/* 1 when dir may be replaced: absent, empty, or written by optplan. */
static int replaceable(const char *dir, op_diag *d)
{
    op_loc l = {dir, 0, 0};
    struct stat sb;
    if (stat(dir, &sb) != 0)
        return errno == ENOENT ? 1 : (op_diag_error(d, OP_EOUTPUT, &l, "%s", strerror(errno)), 0);
    if (!S_ISDIR(sb.st_mode)) {
        op_diag_error(d, OP_EOUTPUT, &l, "exists and is not a directory");
        return 0;
    }
    size_t n = strlen(dir) + sizeof MARKER + 2;
    char *m = malloc(n);
    if (!m)
        return 0;
    snprintf(m, n, "%s/%s", dir, MARKER);
    int marked = access(m, F_OK) == 0;
    free(m);
    if (marked)
        return 1;
    DIR *dp = opendir(dir);
    int empty = 1;
    if (dp) {
        struct dirent *de;
        while ((de = readdir(dp)) != NULL)
            if (strcmp(de->d_name, ".") && strcmp(de->d_name, ".."))
                empty = 0;
        closedir(dp);
    }
    if (!empty)
        op_diag_error(d, OP_EOUTPUT, &l,
                      "refusing to replace a directory optplan did not write (no " MARKER ")");
    return empty;
}

/* Creates dir and its missing parents (mkdir -p). */
static int make_parents(const char *dir)
{
    char *p = strdup(dir);
    if (!p)
        return -1;
    for (char *c = p + 1; *c; c++) {
        if (*c != '/')
            continue;
        *c = 0;
        if (mkdir(p, 0777) != 0 && errno != EEXIST) {
            free(p);
            return -1;
        }
        *c = '/';
    }
    int rc = mkdir(p, 0777) != 0 && errno != EEXIST ? -1 : 0;
    free(p);
    return rc;
}

char *op_outdir_begin(const char *dir, op_diag *d)
{
    op_loc l = {dir, 0, 0};
    if (!replaceable(dir, d))
        return NULL;
    char *parent, *base;
    if (split_path(dir, &parent, &base)) {
        op_diag_error(d, OP_ENOMEM, NULL, "out of memory");
        return NULL;
    }
    size_t n = strlen(parent) + strlen(base) + 32;
    char *tmp = malloc(n);
    make_parents(parent); /* a missing parent is created; failures show below */
    if (tmp) {
        snprintf(tmp, n, "%s/.%s.tmp-XXXXXX", parent, base);
        if (!mkdtemp(tmp)) {
            op_diag_error(d, OP_EOUTPUT, &l, "cannot create a directory beside it: %s",
                          strerror(errno));
            free(tmp);
            tmp = NULL;
        } else {
            /* reports are for reading: the usual mode, not mkdtemp's 0700 */
            mode_t mask = umask(0);
            umask(mask);
            chmod(tmp, 0777 & ~mask);
        }
    } else {
        op_diag_error(d, OP_ENOMEM, NULL, "out of memory");
    }
    if (tmp) {
        size_t mn = strlen(tmp) + sizeof MARKER + 2;
        char *m = malloc(mn);
        FILE *f = NULL;
        if (m) {
            snprintf(m, mn, "%s/%s", tmp, MARKER);
            f = fopen(m, "w");
        }
        if (!f || fputs("written by " PACKAGE_STRING "\n", f) < 0 || fclose(f) != 0) {
            op_diag_error(d, OP_EOUTPUT, &l, "cannot write into a directory beside it");
            remove_flat_dir(tmp);
            free(tmp);
            tmp = NULL;
        }
        free(m);
    }
    free(parent);
    free(base);
    return tmp;
}

op_status op_outdir_commit(const char *tmp, const char *dir, op_diag *d)
{
    op_loc l = {dir, 0, 0};
    struct stat sb;
    if (stat(dir, &sb) != 0) {
        if (rename(tmp, dir) == 0)
            return OP_OK;
        op_diag_error(d, OP_EOUTPUT, &l, "cannot move the reports into place: %s", strerror(errno));
        op_outdir_abort(tmp);
        return OP_EOUTPUT;
    }
#if defined(HAVE_RENAMEAT2) && defined(RENAME_EXCHANGE)
    /* swap both directories in one step, then drop the old reports */
    if (renameat2(AT_FDCWD, tmp, AT_FDCWD, dir, RENAME_EXCHANGE) == 0) {
        remove_flat_dir(tmp);
        return OP_OK;
    }
#endif
    size_t n = strlen(tmp) + 8;
    char *old = malloc(n);
    if (!old) {
        op_diag_error(d, OP_ENOMEM, NULL, "out of memory");
        op_outdir_abort(tmp);
        return OP_ENOMEM;
    }
    snprintf(old, n, "%s.old", tmp);
    if (rename(dir, old) != 0 || rename(tmp, dir) != 0) {
        op_diag_error(d, OP_EOUTPUT, &l, "cannot move the reports into place: %s", strerror(errno));
        rename(old, dir);
        op_outdir_abort(tmp);
        free(old);
        return OP_EOUTPUT;
    }
    remove_flat_dir(old);
    free(old);
    return OP_OK;
}

void op_outdir_abort(const char *tmp)
{
    if (tmp)
        remove_flat_dir(tmp);
}
