/*
 * libFuzzer target: plain CGI's kept pages as read back from their files
 * (lib/pagecodec.c).  Any bytes: a decode either refuses (nothing out) or
 * gives values that, written again and read again, are the same values;
 * never more rows than a page.  And a file that decodes is exactly what
 * encoding its values writes (one spelling of each value: no leading
 * zeros, no "-0", no count or flag cut to fit), so nothing but the
 * encoder's own output is ever taken for a page.
 */
/* fuzz-extra: lib/pagecodec.c */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "vellum.h"
#include "pagefile.h"

static int
same(const char *a, const char *b)
{
	return strcmp(a != NULL ? a : "", b != NULL ? b : "") == 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct vl_pool	*pool;
	struct vl_pf_matters	 m, m2;
	struct vl_pf_users	 u, u2;
	struct vl_matter_rec	*rows, *rows2;
	struct vl_buf		 b = VL_BUF_INIT;
	size_t			 i;

	if (pool == NULL)
		pool = vl_pool_new();
	if (vl_pf_matters_decode(pool, (const char *)data, size, &m, &rows)) {
		if (m.n > VL_PAGE_ROWS || (m.n > 0 && rows == NULL))
			__builtin_trap();
		vl_pf_matters_encode(&b, &m);
		if (b.len != size || memcmp(b.buf, data, size) != 0)
			__builtin_trap();
		if (!vl_pf_matters_decode(pool, b.buf, b.len, &m2, &rows2) || m2.n != m.n ||
		    m2.firm != m.firm || m2.matters_stamp != m.matters_stamp ||
		    m2.users_stamp != m.users_stamp || m2.more != m.more)
			__builtin_trap();
		for (i = 0; i < m.n; i++)
			if (rows2[i].id != rows[i].id || rows2[i].opened != rows[i].opened ||
			    !same(rows2[i].number, rows[i].number) ||
			    !same(rows2[i].description, rows[i].description) ||
			    !same(rows2[i].status, rows[i].status) ||
			    !same(rows2[i].client, rows[i].client) ||
			    !same(rows2[i].responsible, rows[i].responsible))
				__builtin_trap();
	} else if (m.n != 0 || m.rows != NULL || rows != NULL)
		__builtin_trap();	/* a refusal leaves nothing behind */
	vl_buf_reset(&b);
	if (vl_pf_users_decode(pool, (const char *)data, size, &u)) {
		vl_pf_users_encode(&b, &u);
		if (b.len != size || memcmp(b.buf, data, size) != 0)
			__builtin_trap();
		if (!vl_pf_users_decode(pool, b.buf, b.len, &u2) || u2.n != u.n ||
		    u2.firm != u.firm || u2.users_stamp != u.users_stamp)
			__builtin_trap();
		for (i = 0; i < u.n; i++)
			if (u2.list[i].id != u.list[i].id || !same(u2.list[i].name, u.list[i].name))
				__builtin_trap();
	} else if (u.n != 0 || u.list != NULL)
		__builtin_trap();
	vl_buf_release(&b);
	vl_pool_reset(pool);
	return 0;
}
