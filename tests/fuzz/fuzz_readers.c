/* libFuzzer target: a message's stored readers ("epoch name" joined by RS)
 * read back for the firm's page (vl_tz_readers, lib/tz.c), with the zone's
 * offsets cached by hour. */
/* fuzz-extra: lib/tz.c */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "vellum.h"
#include "tz.h"

/* tz.c reads a firm's zone through the database; no database here. */
enum vl_rc
vl_db_row(struct vl_pool *pool, enum vl_stmt id, const char *ptypes, const char *rtypes, ...)
{
	(void)pool;
	(void)id;
	(void)ptypes;
	(void)rtypes;
	return VL_ERR;
}

static const char *const zones[] = { "UTC", "America/New_York", "Australia/Lord_Howe",
	"Asia/Kathmandu", "Mars/Olympus_Mons" };

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct vl_pool	*pool;
	char			*s, *out;

	if (pool == NULL)
		pool = vl_pool_new();
	if (size == 0)
		return 0;
	/* The first byte picks the zone; the rest is the stored text. */
	s = malloc(size);
	memcpy(s, data + 1, size - 1);
	s[size - 1] = '\0';
	out = vl_tz_readers(pool, zones[data[0] % (sizeof(zones) / sizeof(zones[0]))], s);
	/* Entries are separated by "; ", never by the stored separator. */
	if (out == NULL || strchr(out, '\x1e') != NULL)
		__builtin_trap();
	free(s);
	vl_pool_reset(pool);
	return 0;
}
