/*
 * Document storage: files live under the configured store directory as
 * store/ab/cd/<64 hex>, a random name that says nothing of the client's
 * file name.  A file arrives as an O_EXCL temp file (already fsynced by the
 * multipart parser).  Its key is first recorded as an upload in flight
 * (store_pending, committed on its own), then the file is renamed into
 * place and the directory fsynced; the transaction that records the
 * document claims the pending row.  So at every moment a stored file is
 * named by a committed row, a document's or a pending upload's, and a
 * pending row that outlives the sweep's grace period is an upload that
 * died (killed, or its COMMIT lost): the sweep removes it with its file,
 * and any file no row names, and temp files left by killed programs.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <sodium.h>

#include "vellum.h"
#include "store.h"

/*
 * A file stored by this request that no committed row names yet.  The
 * pool's cleanup discards it unless the transaction that claimed it
 * committed (or its COMMIT failed: then rows may exist and the sweep
 * decides), so no failure path has to remember the file.
 */
struct held {
	int64_t		 firm;
	char		 key[65];
	int		 kept;
	struct held	*next;
};
static struct held	*held;	/* this request's, newest first */

static void
held_unlink(struct held *h)
{
	struct held	**pp;

	for (pp = &held; *pp != NULL; pp = &(*pp)->next)
		if (*pp == h) {
			*pp = h->next;
			break;
		}
}

/* Pool cleanup: the request is over; its transaction has ended. */
static void
held_cleanup(void *arg)
{
	struct held	*h = arg;

	held_unlink(h);
	if (!h->kept)
		vl_store_discard(h->firm, h->key);
}

/* Transaction hook of a claimed file. */
static void
held_tx_end(void *arg, enum vl_tx_end how)
{
	struct held	*h = arg;

	if (how != VL_TX_ROLLED_BACK)
		h->kept = 1;
}

/* Transaction hook of a file whose document is being deleted. */
static void
removed_tx_end(void *arg, enum vl_tx_end how)
{
	if (how == VL_TX_COMMITTED)
		vl_store_remove(arg);
}

static int
key_valid(const char *key)
{
	size_t	 i;

	if (key == NULL || strlen(key) != 64)
		return 0;
	for (i = 0; i < 64; i++)
		if (!((key[i] >= '0' && key[i] <= '9') || (key[i] >= 'a' && key[i] <= 'f')))
			return 0;
	return 1;
}

enum vl_rc
vl_store_path(const char *key, char *out, size_t n)
{
	if (!key_valid(key))
		return VL_INVALID;
	if ((size_t)snprintf(out, n, "%s/%.2s/%.2s/%s", vl_conf.store, key, key + 2, key) >= n)
		return VL_ERR;
	return VL_OK;
}

static int
fsync_dir(const char *dir)
{
	int	 fd, rc;

	if ((fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) < 0)
		return -1;
	rc = fsync(fd);
	close(fd);
	return rc;
}

static int
mkdir_one(const char *d)
{
	return mkdir(d, 0750) == 0 || errno == EEXIST ? 0 : -1;
}

enum vl_rc
vl_store_put(struct vl_pool *pool, int64_t firm, const char *tmp, char key[65])
{
	unsigned char	 raw[32];
	char		 d1[4096], d2[4200], path[4300];
	enum vl_rc	 rc;

	key[0] = '\0';
	/* The pending row must be committed before the file exists. */
	if (vl_db_in_tx()) {
		vl_err("store: a file is stored outside a transaction");
		return VL_ERR;
	}
	randombytes_buf(raw, sizeof(raw));
	vl_hex(raw, sizeof(raw), key);
	snprintf(d1, sizeof(d1), "%s/%.2s", vl_conf.store, key);
	snprintf(d2, sizeof(d2), "%s/%.2s", d1, key + 2);
	if (vl_store_path(key, path, sizeof(path)) != VL_OK)
		return VL_ERR;
	if (mkdir_one(vl_conf.store) != 0 || mkdir_one(d1) != 0 || mkdir_one(d2) != 0) {
		vl_err("store: mkdir %s: %s", d2, strerror(errno));
		goto fail;
	}
	if ((rc = vl_db_exec(STMT_STORE_PENDING_ADD, NULL, NULL, "si", key, firm)) != VL_OK)
		goto fail;
	if (rename(tmp, path) != 0) {
		vl_err("store: rename %s: %s", tmp, strerror(errno));
		vl_store_discard(firm, key);
		goto fail;
	}
	/* A failed fsync means the file may not survive a crash: fail the upload. */
	if (fsync_dir(d2) != 0) {
		vl_err("store: fsync %s: %s", d2, strerror(errno));
		vl_store_discard(firm, key);
		goto fail;
	}
	vl_store_hold(pool, firm, key);
	return VL_OK;
fail:
	key[0] = '\0';
	return VL_ERR;
}

void
vl_store_hold(struct vl_pool *pool, int64_t firm, const char *key)
{
	struct held	*h;

	h = vl_pool_calloc(pool, 1, sizeof(*h));
	h->firm = firm;
	snprintf(h->key, sizeof(h->key), "%s", key);
	h->next = held;
	held = h;
	vl_pool_cleanup(pool, held_cleanup, h);
}

enum vl_rc
vl_store_claim(int64_t firm, const char *key)
{
	uint64_t	 n = 0;
	enum vl_rc	 rc;

	struct held	*h;

	for (h = held; h != NULL; h = h->next)
		if (h->firm == firm && strcmp(h->key, key) == 0)
			break;
	if (h == NULL) {
		vl_err("store: upload %.8s... was not stored by this request", key);
		return VL_ERR;
	}
	if ((rc = vl_db_exec(STMT_STORE_PENDING_CLAIM, &n, NULL, "si", key, firm)) != VL_OK)
		return rc;
	/* Gone: the sweep took this upload for a dead one (or the key is not ours). */
	if (n != 1) {
		vl_err("store: upload %.8s... is no longer pending", key);
		return VL_ERR;
	}
	return vl_db_on_end(held_tx_end, h);
}

enum vl_rc
vl_store_remove_on_commit(struct vl_pool *pool, const char *key)
{
	return vl_db_on_end(removed_tx_end, vl_pool_strdup(pool, key));
}

void
vl_store_discard(int64_t firm, const char *key)
{
	if (key == NULL || *key == '\0')
		return;
	vl_store_remove(key);
	/* Outside any transaction: this must stick even as the request fails. */
	if (!vl_db_in_tx() && vl_db_exec(STMT_STORE_PENDING_CLAIM, NULL, NULL, "si", key, firm) != VL_OK)
		vl_warn("store: pending row %.8s... left for the sweep", key);
}

void
vl_store_remove(const char *key)
{
	char	 path[4096];

	if (vl_store_path(key, path, sizeof(path)) == VL_OK && unlink(path) != 0 && errno != ENOENT)
		vl_warn("store: unlink %s: %s", path, strerror(errno));
}

/* Pending uploads older than grace: the row goes first, so a late COMMIT
 * of the same upload either claimed it already (we then delete nothing and
 * keep the file) or finds it gone and fails. */
static enum vl_rc
sweep_pending(struct vl_pool *pool, int64_t grace, struct vl_sweep *st)
{
	struct vl_rows	*rows;
	char		*key, **keys;
	int64_t		 docs, pend;
	uint64_t	 n;
	size_t		 nkeys, i;
	enum vl_rc	 rc;

	for (;;) {
		if ((rc = vl_db_query(pool, STMT_STORE_PENDING_OLD, &rows, "i", grace)) != VL_OK)
			return rc;
		keys = vl_pool_calloc(pool, 500, sizeof(*keys));
		for (nkeys = 0; nkeys < 500 && vl_db_next(rows, "s", &key) > 0; )
			keys[nkeys++] = key;
		if (nkeys < 500 && vl_db_rows_failed(rows))
			return VL_ERR;
		for (i = 0; i < nkeys; i++) {
			n = 0;
			if ((rc = vl_db_exec(STMT_STORE_PENDING_EXPIRE, &n, NULL, "si", keys[i], grace)) != VL_OK)
				return rc;
			if (n != 1)
				continue;
			if ((rc = vl_db_row(pool, STMT_STORE_KEY_USES, "ss", "ii", keys[i], keys[i],
			    &docs, &pend)) != VL_OK)
				return rc;
			if (docs == 0)
				vl_store_remove(keys[i]);
			st->pending++;
		}
		if (nkeys < 500)
			return VL_OK;
	}
}

static int
is_hex(const char *s, size_t n)
{
	size_t	 i;

	if (strlen(s) != n)
		return 0;
	for (i = 0; i < n; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
			return 0;
	return 1;
}

/* Every file of the store that no row names.  A pending row is committed
 * before its file is renamed in, so a file found here without one cannot
 * belong to an upload in flight. */
static enum vl_rc
sweep_store(struct vl_pool *pool, struct vl_sweep *st)
{
	DIR		*a, *b, *c;
	struct dirent	*ea, *eb, *ec;
	char		 da[4200], db[4300];
	int64_t		 docs, pend;
	enum vl_rc	 rc = VL_OK;

	if ((a = opendir(vl_conf.store)) == NULL)
		return errno == ENOENT ? VL_OK : VL_ERR;
	while (rc == VL_OK && (ea = readdir(a)) != NULL) {
		if (!is_hex(ea->d_name, 2))
			continue;
		/* A path cut short would name another directory: skip it. */
		if ((size_t)snprintf(da, sizeof(da), "%s/%s", vl_conf.store, ea->d_name) >=
		    sizeof(da) || (b = opendir(da)) == NULL)
			continue;
		while (rc == VL_OK && (eb = readdir(b)) != NULL) {
			if (!is_hex(eb->d_name, 2))
				continue;
			if ((size_t)snprintf(db, sizeof(db), "%s/%s", da, eb->d_name) >=
			    sizeof(db) || (c = opendir(db)) == NULL)
				continue;
			while (rc == VL_OK && (ec = readdir(c)) != NULL) {
				if (!is_hex(ec->d_name, 64) || strncmp(ec->d_name, ea->d_name, 2) != 0 ||
				    strncmp(ec->d_name + 2, eb->d_name, 2) != 0)
					continue;
				if ((rc = vl_db_row(pool, STMT_STORE_KEY_USES, "ss", "ii", ec->d_name,
				    ec->d_name, &docs, &pend)) != VL_OK)
					break;
				if (docs == 0 && pend == 0) {
					vl_store_remove(ec->d_name);
					st->orphans++;
				}
			}
			closedir(c);
		}
		closedir(b);
	}
	closedir(a);
	return rc;
}

/* Temp files of uploads whose program died before its pool was reset. */
static void
sweep_tmp(int64_t grace, struct vl_sweep *st)
{
	DIR		*d;
	struct dirent	*e;
	struct stat	 sb;
	char		 path[4300];
	time_t		 now = time(NULL);

	if ((d = opendir(vl_conf.tmp)) == NULL)
		return;
	while ((e = readdir(d)) != NULL) {
		/* Uploads' temp files, kept pages' (lib/pagefile.c: the name
		 * and a pid) a killed program did not rename, and pages kept
		 * whole under plain CGI (lib/pagememo.c, a bounded number of
		 * slots), past the grace unread or not: the next view writes
		 * its page again. */
		if (strncmp(e->d_name, "upload-", 7) != 0 &&
		    strncmp(e->d_name, "page-memo-", 10) != 0 &&
		    (strncmp(e->d_name, "page-", 5) != 0 || strchr(e->d_name, '.') == NULL))
			continue;
		snprintf(path, sizeof(path), "%s/%s", vl_conf.tmp, e->d_name);
		/* A live upload writes its file as it reads: its mtime is recent. */
		if (lstat(path, &sb) != 0 || !S_ISREG(sb.st_mode) || now - sb.st_mtime < grace)
			continue;
		if (unlink(path) != 0) {
			if (errno != ENOENT)
				vl_warn("sweep: unlink %s: %s", path, strerror(errno));
		} else if (strncmp(e->d_name, "page-memo-", 10) == 0)
			st->pages++;
		else
			st->temps++;
	}
	closedir(d);
}

enum vl_rc
vl_store_sweep(struct vl_pool *pool, int64_t grace, struct vl_sweep *st)
{
	enum vl_rc	 rc;

	memset(st, 0, sizeof(*st));
	if (grace < 0)
		grace = 0;
	sweep_tmp(grace, st);
	if ((rc = sweep_pending(pool, grace, st)) != VL_OK)
		return rc;
	return sweep_store(pool, st);
}
