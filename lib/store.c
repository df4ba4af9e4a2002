/*
 * Document storage: files live under the configured store directory as
 * store/ab/cd/<64 hex>, a random name that says nothing of the client's
 * file name.  A file arrives as an O_EXCL temp file (already fsynced by the
 * multipart parser) and is renamed into place, then the directory is
 * fsynced; only then does the caller commit the row.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <magic.h>
#include <sodium.h>

#include "vellum.h"

static magic_t	 cookie;

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
vl_store_put(const char *tmp, char key[65])
{
	unsigned char	 raw[32];
	char		 d1[4096], d2[4200], path[4300];

	randombytes_buf(raw, sizeof(raw));
	vl_hex(raw, sizeof(raw), key);
	snprintf(d1, sizeof(d1), "%s/%.2s", vl_conf.store, key);
	snprintf(d2, sizeof(d2), "%s/%.2s", d1, key + 2);
	if (vl_store_path(key, path, sizeof(path)) != VL_OK)
		return VL_ERR;
	if (mkdir_one(vl_conf.store) != 0 || mkdir_one(d1) != 0 || mkdir_one(d2) != 0) {
		vl_err("store: mkdir %s: %s", d2, strerror(errno));
		return VL_ERR;
	}
	if (rename(tmp, path) != 0) {
		vl_err("store: rename %s: %s", tmp, strerror(errno));
		return VL_ERR;
	}
	/* A failed fsync means the file may not survive a crash: fail the upload. */
	if (fsync_dir(d2) != 0) {
		vl_err("store: fsync %s: %s", d2, strerror(errno));
		unlink(path);
		return VL_ERR;
	}
	return VL_OK;
}

void
vl_store_remove(const char *key)
{
	char	 path[4096];

	if (vl_store_path(key, path, sizeof(path)) == VL_OK && unlink(path) != 0 && errno != ENOENT)
		vl_warn("store: unlink %s: %s", path, strerror(errno));
}

const char *
vl_store_sniff(const char *path)
{
	const char	*t;

	if (cookie == NULL) {
		if ((cookie = magic_open(MAGIC_MIME_TYPE | MAGIC_ERROR)) == NULL)
			return "application/octet-stream";
		if (magic_load(cookie, NULL) != 0) {
			vl_err("libmagic: %s", magic_error(cookie));
			magic_close(cookie);
			cookie = NULL;
			return "application/octet-stream";
		}
	}
	if ((t = magic_file(cookie, path)) == NULL)
		return "application/octet-stream";
	return t;
}

enum vl_rc
vl_doc_add(struct vl_req *r, int64_t matter, int64_t folder, const struct vl_upload *u,
    int64_t uploaded_by, int64_t *doc_id, char key[65])
{
	char		*mime = vl_pool_strdup(r->pool, vl_store_sniff(u->path));
	uint64_t	 id = 0;
	enum vl_rc	 rc;

	if ((rc = vl_store_put(u->path, key)) != VL_OK) {
		key[0] = '\0';
		return rc;
	}
	rc = vl_db_exec(STMT_DOC_INSERT, NULL, &id, "iiisissi", r->sess->firm_id, matter, folder,
	    vl_doc_name(r->pool, u->filename), (int64_t)u->size, mime, key, uploaded_by);
	if (doc_id != NULL)
		*doc_id = (int64_t)id;
	return rc;
}
