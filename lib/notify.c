/*
 * The transactional outbox: web programs queue mail; only the mailer sends.
 * Callers run these inside the transaction of the change that causes them.
 */
#include <stdio.h>
#include <string.h>

#include "vellum.h"

/* A Message-ID fixed at queueing, so every retry reuses it. */
static void
message_id(char out[190])
{
	const char	*host = vl_conf.base_url, *p;
	char		 tok[44];

	if ((p = strstr(host, "://")) != NULL)
		host = p + 3;
	vl_token_new(tok);
	snprintf(out, 190, "<%.43s@%.*s>", tok, (int)strcspn(host, ":/"), host);
}

enum vl_rc
vl_notify(int64_t firm_id, const char *kind, const char *recipient, const char *payload)
{
	return vl_notify_id(firm_id, kind, recipient, payload, NULL);
}

enum vl_rc
vl_notify_id(int64_t firm_id, const char *kind, const char *recipient, const char *payload,
    int64_t *id)
{
	char		 msgid[190];
	uint64_t	 row = 0;
	enum vl_rc	 rc;

	message_id(msgid);
	rc = vl_db_exec(STMT_NOTIFY_INSERT, NULL, &row, "issss", firm_id, kind,
	    recipient, payload, msgid);
	if (id != NULL)
		*id = (int64_t)row;
	return rc;
}

enum vl_rc
vl_notify_coalesced(struct vl_pool *pool, int64_t firm, const char *kind, const char *recipient,
    const char *payload)
{
	char		*key, *window = NULL, msgid[190];
	enum vl_rc	 rc;

	key = vl_pool_printf(pool, "%s:%lld:%s", kind, (long long)firm, recipient);
	rc = vl_db_row(pool, STMT_NOTIFY_WINDOW, "s", "s", key, &window);
	if (rc != VL_OK && rc != VL_DECLINED)
		return rc;
	message_id(msgid);
	/* Inside an open window the row takes its end as due time; else it opens one. */
	return vl_db_exec(STMT_NOTIFY_COALESCED, NULL, NULL, "isssssis",
	    firm, kind, recipient, payload, msgid, window, vl_conf.notify_window, key);
}
