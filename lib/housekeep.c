/*
 * Periodic housekeeping.  The mailer is the one program that runs all the
 * time, so it calls vl_housekeeping() every few minutes; vellumctl may call
 * it too.  Each sweep is one call below, does a bounded amount of work, logs
 * its own failures and never stops the ones after it.
 */
#include "vellum.h"

void
vl_housekeeping(struct vl_pool *pool)
{
	(void)pool;
	/* Sessions past their idle or absolute limit. */
	if (vl_db_exec(STMT_SESS_PURGE, NULL, NULL, "ii", vl_conf.session_idle,
	    vl_conf.session_max) != VL_OK)
		vl_warn("housekeeping: expired sessions not purged: %s", vl_db_error());
	/* Further sweeps go here, one call each (e.g. orphaned upload files). */
}
