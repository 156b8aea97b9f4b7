/* outdir.c - report files and directories written all or nothing, through hidden temporaries */
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
#include "internal.h"

#define MARKER ".optplan-report"

/* Parent directory and base name of path, in new strings. */
static int split_path(const char *path, char **parent, char **base)
{
    size_t len, k = op_path_base(path, &len);
    *parent = k ? strndup(path, k > 1 ? k - 1 : 1) : strdup(".");
    *base = strndup(path + k, len);
    if (!*parent || !*base) {
        free(*parent);
        free(*base);
        return -1;
    }
    return 0;
}

/* Removes a directory holding plain files only (what optplan writes); by
   names relative to the open directory, so it needs no memory. */
static void remove_flat_dir(const char *dir)
{
    DIR *dp = opendir(dir);
    if (dp) {
        struct dirent *de;
        while ((de = readdir(dp)) != NULL)
            if (strcmp(de->d_name, ".") != 0 && strcmp(de->d_name, "..") != 0)
                unlinkat(dirfd(dp), de->d_name, 0);
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
    char *m = op_path_join(dir, MARKER);
    if (!m) {
        op_diag_error(d, OP_ENOMEM, NULL, "out of memory");
        return 0;
    }
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

/* Writes the marker that lets a later run replace the directory tmp (which
   stands for dir in messages); on failure removes tmp. */
static int write_marker(const char *tmp, const char *dir, op_diag *d)
{
    op_loc l = {dir, 0, 0};
    char *m = op_path_join(tmp, MARKER);
    int nomem = !m;
    FILE *f = m ? fopen(m, "w") : NULL;
    free(m);
    if (f && fputs("written by " PACKAGE_STRING "\n", f) >= 0 && fclose(f) == 0)
        return 0;
    if (nomem)
        op_diag_error(d, OP_ENOMEM, NULL, "out of memory");
    else
        op_diag_error(d, OP_EOUTPUT, &l, "cannot write into a directory beside it");
    remove_flat_dir(tmp);
    return -1;
}

char *op_outdir_begin(const char *dir, op_diag *d)
{
    op_loc l = {dir, 0, 0};
    if (!replaceable(dir, d))
        return NULL;
    char *parent, *base, *tmp = NULL;
    if (split_path(dir, &parent, &base)) {
        op_diag_error(d, OP_ENOMEM, NULL, "out of memory");
        return NULL;
    }
    size_t n = strlen(parent) + strlen(base) + 32;
    /* a missing parent is created; other failures show at mkdtemp below */
    if ((make_parents(parent) != 0 && errno == ENOMEM) || !(tmp = malloc(n))) {
        op_diag_error(d, OP_ENOMEM, NULL, "out of memory");
        goto out;
    }
    snprintf(tmp, n, "%s/.%s.tmp-XXXXXX", parent, base);
    if (!mkdtemp(tmp)) {
        op_diag_error(d, OP_EOUTPUT, &l, "cannot create a directory beside it: %s",
                      strerror(errno));
        free(tmp);
        tmp = NULL;
        goto out;
    }
    /* reports are for reading: the usual mode, not mkdtemp's 0700 */
    mode_t mask = umask(0);
    umask(mask);
    chmod(tmp, 0777 & ~mask);
    if (write_marker(tmp, dir, d) != 0) {
        free(tmp);
        tmp = NULL;
    }
out:
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

/* ---- one file ----------------------------------------------------------- */

op_status rpt_write_file(const char *dir, const char *name, rpt_writer fn, const void *ctx,
                         op_diag *d)
{
    size_t n = strlen(dir) + strlen(name) + 8;
    char *path = malloc(n), *tmp = malloc(n);
    op_loc l = {name, 0, 0};
    op_status st = OP_OK;
    if (!path || !tmp) {
        op_diag_error(d, OP_ENOMEM, NULL, "out of memory");
        st = OP_ENOMEM;
        goto out;
    }
    snprintf(path, n, "%s/%s", dir, name);
    snprintf(tmp, n, "%s/.%s~", dir, name);
    FILE *f = fopen(tmp, "w");
    if (!f) {
        op_diag_error(d, OP_EOUTPUT, &l, "cannot create: %s", strerror(errno));
        st = OP_EOUTPUT;
        goto out;
    }
    int rc = fn(f, ctx);
    if (rc && !ferror(f)) {
        /* the writers' contract: failed with the stream clean = out of memory */
        fclose(f);
        remove(tmp);
        op_diag_error(d, OP_ENOMEM, &l, "out of memory");
        st = OP_ENOMEM;
        goto out;
    }
    if (fflush(f) != 0 || ferror(f))
        rc = -1;
    int err = errno;
    if (rc == 0 && fsync(fileno(f)) != 0 && errno != EINVAL && errno != EROFS)
        rc = -1, err = errno;
    if (fclose(f) != 0 && rc == 0)
        rc = -1, err = errno;
    if (rc == 0 && rename(tmp, path) != 0)
        rc = -1, err = errno;
    if (rc) {
        op_diag_error(d, OP_EIO, &l, "write error: %s", strerror(err ? err : EIO));
        remove(tmp);
        st = OP_EIO;
    }
out:
    free(path);
    free(tmp);
    return st;
}

op_status op_outdir_end(char *tmp, const char *dir, op_status st, op_diag *d)
{
    if (st == OP_OK)
        st = op_outdir_commit(tmp, dir, d);
    else
        op_outdir_abort(tmp);
    free(tmp);
    return st;
}
