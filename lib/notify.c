/*
 * The transactional outbox: web programs queue mail; only the mailer sends.
 * Callers run these inside the transaction of the change that causes them.
 */
#include <stdio.h>
#include <string.h>

#include "vellum.h"
#include "notify.h"
#include "settings.h"

const char *const vl_mail_kinds[VL_MAIL_KIND__MAX] = {
	"password_reset",
	"password_changed",
	"invitation",
	"client_reset",
	"client_items",
	"firm_items",
	"staff_invitation",
	"bill",
	"envelope",
	"payment_receipt",
	"refund_receipt",
};

static const char *const password_reset_keys[] = { "link", "minutes", NULL };
static const char *const password_changed_keys[] = { "email", "what", "link", NULL };
static const char *const invitation_keys[] = { "name", "matter", "link", NULL };
static const char *const client_reset_keys[] = { "link", NULL };
static const char *const client_items_keys[] = { "matter", "what", "when", "link", NULL };
static const char *const firm_items_keys[] = { "matter", "who", "what", "when", "link", NULL };
static const char *const staff_invitation_keys[] = { "who", "role", "link", NULL };
static const char *const bill_keys[] = { "number", "kind", "amount", "due", "message", "portal",
	"pay", NULL };
/* An envelope's items are rows "items.number", "items.amount", ... (one
 * row per item, see set_vars in mail.c). */
static const char *const envelope_keys[] = { "subject", "body", "portal", "payall",
	"items.number", "items.kind", "items.amount", "items.view", "items.pay", NULL };

/* A receipt: what was paid or refunded, how, over which items. */
static const char *const receipt_keys[] = { "name", "amount", "method", "items", "when", "link",
	NULL };

const char *const *const vl_mail_keys[VL_MAIL_KIND__MAX] = {
	password_reset_keys,
	password_changed_keys,
	invitation_keys,
	client_reset_keys,
	client_items_keys,
	firm_items_keys,
	staff_invitation_keys,
	bill_keys,
	envelope_keys,
	receipt_keys,
	receipt_keys,
};

enum vl_mail_kind
vl_mail_kind_of(const char *name)
{
	size_t	 i;

	for (i = 0; name != NULL && i < VL_MAIL_KIND__MAX; i++)
		if (strcmp(name, vl_mail_kinds[i]) == 0)
			return (enum vl_mail_kind)i;
	return VL_MAIL_KIND__MAX;
}

/* 1 if urlencoded payload has key (keys are plain, never encoded). */
static int
has_key(const char *p, const char *key)
{
	size_t	 n = strlen(key);

	for (; p != NULL; p = strchr(p, '&'), p = p != NULL ? p + 1 : NULL)
		if (strncmp(p, key, n) == 0 && p[n] == '=')
			return 1;
	return 0;
}

/* The kind's name if kind is one and payload ("a=b&c=d") has each of its
 * keys; else NULL, logged: a template would show a blank where the key's
 * value belongs, long after the change that queued it. */
static const char *
checked(enum vl_mail_kind kind, const char *payload)
{
	const char *const *k;

	if ((unsigned)kind >= VL_MAIL_KIND__MAX) {
		vl_err("mail of unknown kind %d not queued", (int)kind);
		return NULL;
	}
	for (k = vl_mail_keys[kind]; *k != NULL; k++)
		if (!has_key(payload, *k)) {
			vl_err("%s mail without %s not queued", vl_mail_kinds[kind], *k);
			return NULL;
		}
	return vl_mail_kinds[kind];
}

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
vl_notify(int64_t firm_id, enum vl_mail_kind kind, const char *recipient, const char *payload)
{
	return vl_notify_id(firm_id, kind, recipient, payload, NULL);
}

enum vl_rc
vl_notify_id(int64_t firm_id, enum vl_mail_kind kind, const char *recipient,
    const char *payload, int64_t *id)
{
	const char	*name;
	char		 msgid[190];
	uint64_t	 row = 0;
	enum vl_rc	 rc;

	if ((name = checked(kind, payload)) == NULL)
		return VL_ERR;
	message_id(msgid);
	rc = vl_db_exec(STMT_NOTIFY_INSERT, NULL, &row, "issss", firm_id, name,
	    recipient, payload, msgid);
	if (id != NULL)
		*id = (int64_t)row;
	return rc;
}

enum vl_rc
vl_notify_coalesced(struct vl_pool *pool, int64_t firm, enum vl_mail_kind kind,
    const char *recipient, const char *payload)
{
	const char	*name;
	char		*key, *window = NULL, msgid[190];
	enum vl_rc	 rc;

	if ((name = checked(kind, payload)) == NULL)
		return VL_ERR;
	key = vl_pool_printf(pool, "%s:%lld:%s", name, (long long)firm, recipient);
	rc = vl_db_row(pool, STMT_NOTIFY_WINDOW, "s", "s", key, &window);
	if (rc != VL_OK && rc != VL_DECLINED)
		return rc;
	message_id(msgid);
	/* Inside an open window the row takes its end as due time; else it
	 * opens one, as long as the firm's window (lib/settings.c). */
	return vl_db_exec(STMT_NOTIFY_COALESCED, NULL, NULL, "isssssis",
	    firm, name, recipient, payload, msgid, window, vl_settings_window(pool, firm), key);
}
