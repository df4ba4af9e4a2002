/*
 * Periodic housekeeping.  The mailer is the one program that runs all the
 * time, so it calls vl_housekeeping() every few minutes; vellumctl may call
 * it too.  Each sweep is one call below, does a bounded amount of work, logs
 * its own failures and never stops the ones after it.
 */
#include <string.h>
#include <time.h>

#include "vellum.h"
#include "store.h"
#include "housekeep.h"
#include "ratelimit.h"

/* Uploads untouched for this long are dead (a live one writes every second). */
#define UPLOAD_GRACE	3600
/* The upload sweep reads the whole store (one lookup a file): hourly is enough. */
#define SWEEP_EVERY	3600

void
vl_housekeeping(struct vl_pool *pool)
{
	static time_t	 last_sweep;
	struct vl_sweep	 st;

	/* Sessions past their idle or absolute limit. */
	if (vl_db_exec(STMT_SESS_PURGE, NULL, NULL, "ii", vl_conf.session_idle,
	    vl_conf.session_max) != VL_OK)
		vl_warn("housekeeping: expired sessions not purged: %s", vl_db_error());
	vl_rate_purge();
	/* What killed uploads left: temp files, pending uploads, unnamed files. */
	if (last_sweep != 0 && time(NULL) - last_sweep < SWEEP_EVERY)
		return;
	last_sweep = time(NULL);
	memset(&st, 0, sizeof(st));
	if (vl_store_sweep(pool, UPLOAD_GRACE, &st) != VL_OK)
		vl_warn("housekeeping: upload leftovers not swept");
	else if (st.temps + st.pending + st.orphans > 0)
		vl_info("housekeeping: removed %lld temp, %lld pending and %lld orphaned upload files",
		    (long long)st.temps, (long long)st.pending, (long long)st.orphans);
	/* Further sweeps go here, one call each. */
}
