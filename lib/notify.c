/* The transactional outbox: web programs queue mail; only the mailer sends. */
#include <stdio.h>
#include <string.h>

#include "vellum.h"

enum vl_rc
vl_notify(int64_t firm_id, const char *kind, const char *recipient, const char *payload)
{
	char	 tok[44], msgid[190];
	const char *host = vl_conf.base_url, *p;

	/* The Message-ID is fixed now so every retry reuses it. */
	if ((p = strstr(host, "://")) != NULL)
		host = p + 3;
	vl_token_new(tok);
	snprintf(msgid, sizeof(msgid), "<%.43s@%.*s>", tok,
	    (int)strcspn(host, ":/"), host);
	return vl_db_exec(STMT_NOTIFY_INSERT, NULL, NULL, "issss", firm_id, kind,
	    recipient, payload, msgid);
}
