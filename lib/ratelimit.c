/*
 * Per-address rate limits for sign-in, reset requests and invitation or
 * reset links, kept in the database (rate_limit) so that they hold under
 * plain CGI, where each request is a new process and no nginx limit_req
 * stands in front: a flood of sign-ins would otherwise start a process and
 * an argon2id hash (64 MiB) each.  The per-account limits stay where they
 * were (signin.c's counters, account.c's resets an hour, links used once);
 * this is the per-address one in front of them, which also covers
 * addresses that name no account.  Behind nginx both limits apply.
 */
#include "vellum.h"
#include "ratelimit.h"

const char *const vl_rate_zones[VL_RATE__MAX] = { "signin", "reset", "link" };

enum vl_rc
vl_rate_hit(struct vl_ctx *c, enum vl_rate_zone zone)
{
	uint64_t	 n = 0;
	enum vl_rc	 rc;

	if ((rc = vl_db_exec(STMT_RATE_HIT, &n, NULL, "ssiii", vl_rate_zones[zone],
	    c->remote != NULL ? c->remote : "-", vl_conf.auth_window, vl_conf.auth_limit,
	    vl_conf.auth_window)) != VL_OK)
		return rc;
	if (n == 0) {
		vl_warn("rate limit: %s from this address", vl_rate_zones[zone]);
		return VL_BUSY;
	}
	return VL_OK;
}

void
vl_rate_purge(void)
{
	if (vl_db_exec(STMT_RATE_PURGE, NULL, NULL, "") != VL_OK)
		vl_warn("housekeeping: rate-limit windows not purged: %s", vl_db_error());
}
