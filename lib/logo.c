/*
 * The firm's logo (see logo.h).  The bytes are read here, not by an image
 * library: only the signature and the header that gives the size are
 * looked at, and the file is served as it came, under the type found,
 * to browsers that will not run it (nosniff, a CSP without scripts).
 * It is kept in the database as base64 (at most 1.4 MB of text), so it
 * needs no file store of its own and goes with the firm's row.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include <sodium.h>

#include "logo.h"
#include "audit.h"

const char *const vl_logo_whys[VL_LOGO__MAX] = {
	"ok", "empty", "toobig", "type", "broken", "size",
};

static uint32_t
be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static uint32_t
be16(const unsigned char *p)
{
	return (uint32_t)p[0] << 8 | p[1];
}

/* A PNG: the signature, then IHDR first, 13 bytes, width and height. */
static enum vl_logo_why
png(const unsigned char *p, size_t n, uint32_t *w, uint32_t *h)
{
	if (n < 33 || be32(p + 8) != 13 || memcmp(p + 12, "IHDR", 4) != 0)
		return VL_LOGO_BROKEN;
	*w = be32(p + 16);
	*h = be32(p + 20);
	return VL_LOGO_OK;
}

/* A JPEG: segments after SOI up to a start-of-frame marker, which holds
 * the height and width. */
static enum vl_logo_why
jpeg(const unsigned char *p, size_t n, uint32_t *w, uint32_t *h)
{
	size_t		 i = 2, len;
	unsigned char	 m;

	while (i + 4 <= n) {
		if (p[i] != 0xff)
			return VL_LOGO_BROKEN;
		m = p[i + 1];
		if (m == 0xff) {	/* fill byte */
			i++;
			continue;
		}
		if (m == 0xd8 || m == 0x01 || (m >= 0xd0 && m <= 0xd7)) {
			i += 2;		/* markers without a length */
			continue;
		}
		if (m == 0xd9 || m == 0xda)	/* end, or scan data before a frame */
			return VL_LOGO_BROKEN;
		len = be16(p + i + 2);
		if (len < 2 || i + 2 + len > n)
			return VL_LOGO_BROKEN;
		/* SOF0..SOF15, but DHT (c4), JPG (c8) and DAC (cc). */
		if (m >= 0xc0 && m <= 0xcf && m != 0xc4 && m != 0xc8 && m != 0xcc) {
			if (len < 7)
				return VL_LOGO_BROKEN;
			*h = be16(p + i + 5);
			*w = be16(p + i + 7);
			return VL_LOGO_OK;
		}
		i += 2 + len;
	}
	return VL_LOGO_BROKEN;
}

enum vl_logo_why
vl_logo_check(const unsigned char *p, size_t n, const char **mime, uint32_t *width,
    uint32_t *height)
{
	static const unsigned char png_sig[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
	enum vl_logo_why why;
	uint32_t	 w = 0, h = 0;

	*mime = NULL;
	*width = *height = 0;
	if (n == 0)
		return VL_LOGO_EMPTY;
	if (n > VL_LOGO_MAX)
		return VL_LOGO_TOOBIG;
	if (n >= 8 && memcmp(p, png_sig, 8) == 0) {
		*mime = "image/png";
		why = png(p, n, &w, &h);
	} else if (n >= 3 && p[0] == 0xff && p[1] == 0xd8 && p[2] == 0xff) {
		*mime = "image/jpeg";
		why = jpeg(p, n, &w, &h);
	} else
		return VL_LOGO_TYPE;
	if (why != VL_LOGO_OK) {
		*mime = NULL;
		return why;
	}
	if (w == 0 || h == 0 || w > VL_LOGO_SIDE || h > VL_LOGO_SIDE) {
		*mime = NULL;
		return VL_LOGO_SIZE;
	}
	*width = w;
	*height = h;
	return VL_LOGO_OK;
}

/* The file at path, at most max + 1 bytes, into a malloc'd buffer. */
static unsigned char *
slurp(const char *path, size_t max, size_t *n)
{
	unsigned char	*buf;
	ssize_t		 got;
	int		 fd;

	*n = 0;
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0) {
		vl_err("logo %s: %s", path, strerror(errno));
		return NULL;
	}
	buf = vl_xmalloc(max + 1);
	while (*n < max + 1 && (got = read(fd, buf + *n, max + 1 - *n)) != 0) {
		if (got < 0) {
			if (errno == EINTR)
				continue;
			vl_err("logo %s: %s", path, strerror(errno));
			free(buf);
			close(fd);
			return NULL;
		}
		*n += (size_t)got;
	}
	close(fd);
	return buf;
}

enum vl_rc
vl_logo_set(struct vl_ctx *c, const char *path, enum vl_logo_why *why)
{
	unsigned char	*bytes, h[32];
	const char	*mime;
	char		*b64, hex[65], *url;
	uint32_t	 w, ht;
	size_t		 n, b64len;
	enum vl_rc	 rc = VL_ERR;

	if ((bytes = slurp(path, VL_LOGO_MAX, &n)) == NULL)
		return VL_ERR;
	if ((*why = vl_logo_check(bytes, n, &mime, &w, &ht)) != VL_LOGO_OK) {
		free(bytes);
		return VL_INVALID;
	}
	b64len = sodium_base64_ENCODED_LEN(n, sodium_base64_VARIANT_ORIGINAL);
	b64 = vl_xmalloc(b64len);
	sodium_bin2base64(b64, b64len, bytes, n, sodium_base64_VARIANT_ORIGINAL);
	/* The URL changes with the content, so no cache keeps an old logo. */
	crypto_hash_sha256(h, bytes, n);
	vl_hex(h, 8, hex);
	url = vl_pool_printf(c->pool, "/logos/%lld?v=%s", (long long)c->firm_id, hex);
	free(bytes);
	if (vl_db_begin() != VL_OK)
		goto out;
	if (vl_db_exec(STMT_LOGO_PUT, NULL, NULL, "iss", c->firm_id, mime, b64) != VL_OK ||
	    vl_db_exec(STMT_FIRM_SET_LOGO, NULL, NULL, "si", url, c->firm_id) != VL_OK) {
		vl_db_rollback();
		goto out;
	}
	if (vl_db_commit() != VL_OK)
		goto out;
	vl_audit(c, "logo_changed", "firm", c->firm_id);
	rc = VL_OK;
out:
	free(b64);
	return rc;
}

enum vl_rc
vl_logo_remove(struct vl_ctx *c)
{
	if (vl_db_begin() != VL_OK)
		return VL_ERR;
	if (vl_db_exec(STMT_LOGO_DELETE, NULL, NULL, "i", c->firm_id) != VL_OK ||
	    vl_db_exec(STMT_FIRM_SET_LOGO, NULL, NULL, "si", NULL, c->firm_id) != VL_OK) {
		vl_db_rollback();
		return VL_ERR;
	}
	if (vl_db_commit() != VL_OK)
		return VL_ERR;
	vl_audit(c, "logo_removed", "firm", c->firm_id);
	return VL_OK;
}

enum vl_rc
vl_logo_get(struct vl_pool *pool, int64_t firm, const char **mime, unsigned char **bytes,
    size_t *len)
{
	char		*m, *b64;
	size_t		 n, cap;
	enum vl_rc	 rc;

	if ((rc = vl_db_row(pool, STMT_LOGO_GET, "i", "ss", firm, &m, &b64)) != VL_OK)
		return rc;
	n = strlen(b64);
	cap = n / 4 * 3 + 3;
	*bytes = vl_pool_alloc(pool, cap);
	if (sodium_base642bin(*bytes, cap, b64, n, NULL, len, NULL,
	    sodium_base64_VARIANT_ORIGINAL) != 0) {
		vl_err("firm %lld: the stored logo is not base64", (long long)firm);
		return VL_ERR;
	}
	*mime = strcmp(m, "image/png") == 0 ? "image/png" : "image/jpeg";
	return VL_OK;
}
