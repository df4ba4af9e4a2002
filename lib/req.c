/*
 * The request object: what a program reads of the request it serves, its
 * environment and the ids in its path.  The front door (front.c) fills it,
 * the run loop (run.c) gives it a transport.
 */
#include <stdint.h>
#include <string.h>

#include "vellum.h"

const char *
vl_req_env(struct vl_req *r, const char *k)
{
	return r->getenv != NULL ? r->getenv(r, k) : NULL;
}

int64_t
vl_req_path_id(struct vl_req *r, const char *prefix)
{
	size_t	 n = strlen(prefix);
	int64_t	 id;
	char	*s;

	if (strncmp(r->uri, prefix, n) != 0)
		return 0;
	s = vl_pool_strdup(r->pool, r->uri + n);
	s[strcspn(s, "/")] = '\0';
	if (vl_strtonum(s, 1, INT64_MAX, &id) != VL_OK)
		return 0;
	return id;
}
