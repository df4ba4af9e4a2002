/*
 * A firm's export and import.  The archive is a ustar file (lib/tar.c):
 *
 *	vellum-export/manifest.json	format, version, the firm, the tables
 *	vellum-export/<table>.json	an array of the table's rows, one object each
 *	vellum-export/files/<key>	each document's file, under its store key
 *
 * Each row leaves MariaDB as one JSON_OBJECT (binary columns in hex, times
 * as "YYYY-MM-DD hh:mm:ss.ffffff" UTC) and comes back through JSON_TABLE,
 * so a table is one line in vl_export_tables[] and a statement pair in
 * lib/sql/audit.def.  jansson checks and writes the JSON.  Ids are kept:
 * the audit chain hashes them, so a restored log still verifies; hence an
 * import goes only into an install without firms.
 *
 * Two-factor secrets leave as they are stored, sealed under the server
 * secret (lib/twofactor.c), and recovery codes as keyed hashes: the
 * archive gives no one's codes, and they work again only under the same
 * server secret.  The manifest names that secret by an id (a keyed hash
 * of a fixed text), so an import under another secret is refused before a
 * row goes in, instead of locking every enrolled person out; it may be
 * told to leave the enrolments out instead (VL_IMPORT_WITHOUT_2FA).
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>
#include <sodium.h>

#include "export.h"
#include "store.h"
#include "tar.h"

#define PREFIX		"vellum-export/"
#define FORMAT		"vellum-export"
#define VERSION		2	/* 2: migrations 010-012, the secret's id */
#define JSON_MAX	((size_t)1 << 30)	/* one table's file */

/* Import order: a row's parents come first (the checks are off meanwhile
 * all the same: a folder may have been moved under a younger one). */
const struct vl_export_table vl_export_tables[] = {
	{ "firms", STMT_EXPORT_FIRMS, STMT_IMPORT_FIRMS },
	{ "firm_logos", STMT_EXPORT_FIRM_LOGOS, STMT_IMPORT_FIRM_LOGOS },
	{ "matter_numbering", STMT_EXPORT_MATTER_NUMBERING, STMT_IMPORT_MATTER_NUMBERING },
	{ "users", STMT_EXPORT_USERS, STMT_IMPORT_USERS },
	{ "contacts", STMT_EXPORT_CONTACTS, STMT_IMPORT_CONTACTS },
	{ "contact_emails", STMT_EXPORT_CONTACT_EMAILS, STMT_IMPORT_CONTACT_EMAILS },
	{ "matters", STMT_EXPORT_MATTERS, STMT_IMPORT_MATTERS },
	{ "matter_fields", STMT_EXPORT_MATTER_FIELDS, STMT_IMPORT_MATTER_FIELDS },
	{ "matter_field_values", STMT_EXPORT_MATTER_FIELD_VALUES, STMT_IMPORT_MATTER_FIELD_VALUES },
	{ "matter_responsible", STMT_EXPORT_MATTER_RESPONSIBLE, STMT_IMPORT_MATTER_RESPONSIBLE },
	{ "folders", STMT_EXPORT_FOLDERS, STMT_IMPORT_FOLDERS },
	{ "documents", STMT_EXPORT_DOCUMENTS, STMT_IMPORT_DOCUMENTS },
	{ "activity_categories", STMT_EXPORT_ACTIVITY_CATEGORIES, STMT_IMPORT_ACTIVITY_CATEGORIES },
	{ "activities", STMT_EXPORT_ACTIVITIES, STMT_IMPORT_ACTIVITIES },
	{ "tasks", STMT_EXPORT_TASKS, STMT_IMPORT_TASKS },
	{ "notes", STMT_EXPORT_NOTES, STMT_IMPORT_NOTES },
	{ "cal_events", STMT_EXPORT_CAL_EVENTS, STMT_IMPORT_CAL_EVENTS },
	{ "cal_attendees", STMT_EXPORT_CAL_ATTENDEES, STMT_IMPORT_CAL_ATTENDEES },
	{ "cal_exceptions", STMT_EXPORT_CAL_EXCEPTIONS, STMT_IMPORT_CAL_EXCEPTIONS },
	{ "portals", STMT_EXPORT_PORTALS, STMT_IMPORT_PORTALS },
	{ "participants", STMT_EXPORT_PARTICIPANTS, STMT_IMPORT_PARTICIPANTS },
	{ "client_accounts", STMT_EXPORT_CLIENT_ACCOUNTS, STMT_IMPORT_CLIENT_ACCOUNTS },
	{ "totp", STMT_EXPORT_TOTP, STMT_IMPORT_TOTP },
	{ "totp_recovery", STMT_EXPORT_TOTP_RECOVERY, STMT_IMPORT_TOTP_RECOVERY },
	{ "messages", STMT_EXPORT_MESSAGES, STMT_IMPORT_MESSAGES },
	{ "shares", STMT_EXPORT_SHARES, STMT_IMPORT_SHARES },
	{ "item_reads", STMT_EXPORT_ITEM_READS, STMT_IMPORT_ITEM_READS },
	{ "portal_events", STMT_EXPORT_PORTAL_EVENTS, STMT_IMPORT_PORTAL_EVENTS },
	{ "portal_mutes", STMT_EXPORT_PORTAL_MUTES, STMT_IMPORT_PORTAL_MUTES },
	{ "forms", STMT_EXPORT_FORMS, STMT_IMPORT_FORMS },
	{ "form_fields", STMT_EXPORT_FORM_FIELDS, STMT_IMPORT_FORM_FIELDS },
	{ "form_requests", STMT_EXPORT_FORM_REQUESTS, STMT_IMPORT_FORM_REQUESTS },
	{ "form_answers", STMT_EXPORT_FORM_ANSWERS, STMT_IMPORT_FORM_ANSWERS },
	{ "bills", STMT_EXPORT_BILLS, STMT_IMPORT_BILLS },
	{ "bill_matters", STMT_EXPORT_BILL_MATTERS, STMT_IMPORT_BILL_MATTERS },
	{ "bill_lines", STMT_EXPORT_BILL_LINES, STMT_IMPORT_BILL_LINES },
	{ "bill_events", STMT_EXPORT_BILL_EVENTS, STMT_IMPORT_BILL_EVENTS },
	{ "envelopes", STMT_EXPORT_ENVELOPES, STMT_IMPORT_ENVELOPES },
	{ "envelope_items", STMT_EXPORT_ENVELOPE_ITEMS, STMT_IMPORT_ENVELOPE_ITEMS },
	{ "pay_links", STMT_EXPORT_PAY_LINKS, STMT_IMPORT_PAY_LINKS },
	{ "payment_providers", STMT_EXPORT_PAYMENT_PROVIDERS, STMT_IMPORT_PAYMENT_PROVIDERS },
	{ "checkouts", STMT_EXPORT_CHECKOUTS, STMT_IMPORT_CHECKOUTS },
	{ "payments", STMT_EXPORT_PAYMENTS, STMT_IMPORT_PAYMENTS },
	{ "payment_allocations", STMT_EXPORT_PAYMENT_ALLOCATIONS, STMT_IMPORT_PAYMENT_ALLOCATIONS },
	{ "refunds", STMT_EXPORT_REFUNDS, STMT_IMPORT_REFUNDS },
	{ "audit_log", STMT_EXPORT_AUDIT_LOG, STMT_IMPORT_AUDIT_LOG },
	{ "audit_heads", STMT_EXPORT_AUDIT_HEADS, STMT_IMPORT_AUDIT_HEADS },
};
const size_t vl_export_ntables = sizeof(vl_export_tables) / sizeof(vl_export_tables[0]);

/* Left out on purpose (docs/administration.md says the same to people). */
const struct vl_export_skip vl_export_skipped[] = {
	/* The install's own, not a firm's. */
	{ "schema_migrations", NULL, "the install's record of its migrations" },
	{ "setup_codes", NULL, "the install's one-time first-run code" },
	/* Short-lived secrets and state: people sign in again or ask anew. */
	{ "sessions", NULL, "sign-ins end with the install they were made on" },
	{ "signin_pending", NULL, "a sign-in between its password and its code, minutes long" },
	{ "password_resets", NULL, "single-use links, an hour long: ask for a new one" },
	{ "invitations", NULL, "clients' single-use links, an hour long: invite again" },
	{ "staff_invitations", NULL, "colleagues' single-use links, an hour long: invite again" },
	{ "login_throttle", NULL, "sign-in throttle counts" },
	{ "rate_limit", NULL, "request counts per address, minutes long, not a firm's" },
	{ "notifications", NULL, "the mail outbox: sent by the old install, or not at all (never twice)" },
	{ "store_pending", NULL, "uploads in flight" },
	{ "cal_feeds", NULL, "private calendar feed addresses: each user makes a new one" },
	{ "users", "failed_logins", "sign-in throttle count" },
	{ "users", "failed_since", "sign-in throttle count" },
	{ "users", "locked_until", "sign-in throttle state" },
	{ "client_accounts", "failed_logins", "sign-in throttle count" },
	{ "client_accounts", "failed_since", "sign-in throttle count" },
	{ "client_accounts", "locked_until", "sign-in throttle state" },
	/* Derived: the triggers of sql/004_accounts.sql set it from portal_email
	 * and the addresses as they are restored. */
	{ "contacts", "login_email", "derived from the contact's addresses by triggers" },
	/* Derived: the triggers of sql/023_perf.sql count changes to users. */
	{ "firms", "users_stamp", "a cache stamp the users triggers keep; any value is right" },
	/* Derived: the triggers of sql/028_matters_stamp.sql write it; a
	 * firm without a row has none yet. */
	{ "firm_stamps", NULL, "cache stamps the matters and contacts triggers keep" },
	/* Derived: the triggers of sql/029_portal_stamps.sql write it. */
	{ "portal_stamps", NULL, "cache stamps the portal's triggers keep" },
	/* An enrolment not yet confirmed: a secret no code has proved. */
	{ "totp", "pending", "a two-factor enrolment in progress (15 minutes)" },
	{ "totp", "pending_at", "a two-factor enrolment in progress (15 minutes)" },
	/* The provider's deliveries, kept for replay and to handle each once:
	 * what they recorded is exported (payments, checkouts completed), so a
	 * delivery replayed on the new install records nothing twice. */
	{ "webhook_events", NULL, "the payment provider's webhook deliveries (its own record; what they recorded is in payments and checkouts)" },
};
const size_t vl_export_nskipped = sizeof(vl_export_skipped) / sizeof(vl_export_skipped[0]);

/* The server secret's id, as hex into out[33]: which secret sealed the
 * archive's two-factor secrets, saying nothing of the secret itself. */
static void
secret_id(char out[33])
{
	static const char	 what[] = "vellum export: the server secret's id";
	unsigned char		 h[16];

	crypto_generichash(h, sizeof(h), (const unsigned char *)what, sizeof(what) - 1,
	    vl_conf.secret, sizeof(vl_conf.secret));
	vl_hex(h, sizeof(h), out);
}

/* One table's rows as a JSON array; NULL on a database error or a row
 * that is not a JSON object. */
static json_t *
table_rows(struct vl_pool *pool, const struct vl_export_table *t, int64_t firm)
{
	struct vl_rows	*rows;
	json_t		*arr, *o;
	char		*text;
	int		 got;

	if (vl_db_query(pool, t->out, &rows, "i", firm) != VL_OK)
		return NULL;
	arr = json_array();
	while ((got = vl_db_next(rows, "s", &text)) > 0) {
		if (text == NULL || (o = json_loads(text, 0, NULL)) == NULL || !json_is_object(o)) {
			got = -1;
			break;
		}
		json_array_append_new(arr, o);
	}
	if (got < 0) {
		json_decref(arr);
		return NULL;
	}
	return arr;
}

static enum vl_rc
add_json(FILE *f, const char *name, json_t *v)
{
	char		*s = json_dumps(v, JSON_INDENT(1));
	enum vl_rc	 rc;

	if (s == NULL)
		return VL_ERR;
	rc = vl_tar_add_mem(f, name, s, strlen(s));
	free(s);
	return rc;
}

/* The archive's body into f; *why says what failed. */
static enum vl_rc
write_archive(struct vl_pool *pool, FILE *f, int64_t firm, const char *slug,
    struct vl_export_stats *st, const char **why)
{
	json_t		*man, *names, *arr, *docs = NULL, *d;
	char		 path[4096], name[128], sid[33];
	const char	*key;
	size_t		 i, j;
	enum vl_rc	 rc = VL_ERR;

	names = json_array();
	for (i = 0; i < vl_export_ntables; i++)
		json_array_append_new(names, json_string(vl_export_tables[i].name));
	secret_id(sid);
	man = json_pack("{s:s, s:i, s:s, s:I, s:s, s:o}", "format", FORMAT, "version", VERSION,
	    "slug", slug, "firm_id", (json_int_t)firm, "secret_id", sid, "tables", names);
	if (man == NULL || add_json(f, PREFIX "manifest.json", man) != VL_OK) {
		*why = "cannot write the archive";
		goto out;
	}
	for (i = 0; i < vl_export_ntables; i++) {
		const struct vl_export_table *t = &vl_export_tables[i];
		if ((arr = table_rows(pool, t, firm)) == NULL) {
			*why = vl_pool_printf(pool, "cannot read table %s", t->name);
			goto out;
		}
		snprintf(name, sizeof(name), PREFIX "%s.json", t->name);
		if (add_json(f, name, arr) != VL_OK) {
			json_decref(arr);
			*why = "cannot write the archive";
			goto out;
		}
		st->tables++;
		st->rows += (int64_t)json_array_size(arr);
		if (t->out == STMT_EXPORT_DOCUMENTS)
			docs = arr;
		else
			json_decref(arr);
	}
	json_array_foreach(docs, j, d) {
		key = json_string_value(json_object_get(d, "storage_key"));
		if (key == NULL || vl_store_path(key, path, sizeof(path)) != VL_OK) {
			st->missing++;
			continue;
		}
		snprintf(name, sizeof(name), PREFIX "files/%s", key);
		rc = vl_tar_add_file(f, name, path);
		if (rc == VL_DECLINED) {
			vl_warn("export: document %lld: its file is missing from the store",
			    (long long)json_integer_value(json_object_get(d, "id")));
			st->missing++;
			continue;
		}
		if (rc != VL_OK) {
			*why = vl_pool_printf(pool, "cannot add the file of document %lld",
			    (long long)json_integer_value(json_object_get(d, "id")));
			goto out;
		}
		st->files++;
	}
	rc = vl_tar_end(f);
	if (rc != VL_OK)
		*why = "cannot write the archive";
out:
	json_decref(docs);
	json_decref(man);
	return rc;
}

enum vl_rc
vl_export_firm(struct vl_pool *pool, const char *slug, const char *path,
    struct vl_export_stats *st, const char **why)
{
	char		*tmp;
	int64_t		 firm;
	int		 fd;
	FILE		*f;
	enum vl_rc	 rc;

	memset(st, 0, sizeof(*st));
	*why = "database error";
	if ((rc = vl_db_row(pool, STMT_FIRM_BY_SLUG, "s", "i", slug, &firm)) != VL_OK) {
		if (rc == VL_DECLINED)
			*why = "no firm has this slug";
		return rc;
	}
	tmp = vl_pool_printf(pool, "%s.part", path);
	/* The archive holds password hashes: readable by its owner only. */
	if ((fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600)) < 0 ||
	    (f = fdopen(fd, "wb")) == NULL) {
		if (fd >= 0)
			close(fd);
		*why = vl_pool_printf(pool, "cannot create %s: %s", tmp, strerror(errno));
		return VL_ERR;
	}
	/* One snapshot: every table as of the same moment. */
	if ((rc = vl_db_begin()) == VL_OK) {
		rc = write_archive(pool, f, firm, slug, st, why);
		vl_db_rollback();
	}
	if (rc == VL_OK && (fflush(f) != 0 || fsync(fileno(f)) != 0)) {
		*why = "cannot write the archive";
		rc = VL_ERR;
	}
	if (fclose(f) != 0 && rc == VL_OK) {
		*why = "cannot write the archive";
		rc = VL_ERR;
	}
	if (rc == VL_OK && rename(tmp, path) != 0) {
		*why = vl_pool_printf(pool, "cannot rename to %s: %s", path, strerror(errno));
		rc = VL_ERR;
	}
	if (rc != VL_OK)
		unlink(tmp);
	return rc;
}

/* ---- import ---- */

struct import {
	struct vl_pool	*pool;
	json_t		*tables[sizeof(vl_export_tables) / sizeof(vl_export_tables[0])];
	int64_t		 firm;
	const char	*slug;
	const char	*secret_id;	/* of the exporting install */
	char		(*keys)[65];	/* files placed in the store */
	size_t		 nkeys;
};

static int
hex64(const char *s)
{
	return strlen(s) == 64 && strspn(s, "0123456789abcdef") == 64;
}

/* Places an entry's bytes in the store under key: an upload in flight
 * first (so a crash leaves it to the sweep), then a temp file, fsynced,
 * linked into place (never over an existing file). */
static enum vl_rc
place_file(struct import *im, FILE *ar, const struct vl_tar_entry *e, const char *key,
    const char **why)
{
	char		 tmp[4096], path[4096], dir[4096];
	int		 fd;
	FILE		*out;
	enum vl_rc	 rc;

	if (vl_store_path(key, path, sizeof(path)) != VL_OK ||
	    (size_t)snprintf(tmp, sizeof(tmp), "%s/import-XXXXXX", vl_conf.tmp) >= sizeof(tmp))
		return VL_ERR;
	if (vl_db_exec(STMT_STORE_PENDING_ADD, NULL, NULL, "si", key, im->firm) != VL_OK) {
		*why = "a document file is already in the store";
		return VL_CONFLICT;
	}
	im->keys = vl_xrealloc(im->keys, (im->nkeys + 1) * sizeof(*im->keys));
	memcpy(im->keys[im->nkeys++], key, 65);
	/* Ours until the import commits: the pool removes it otherwise. */
	vl_store_hold(im->pool, im->firm, key);
	snprintf(dir, sizeof(dir), "%s/%.2s", vl_conf.store, key);
	(void)mkdir(vl_conf.store, 0750);
	(void)mkdir(dir, 0750);
	snprintf(dir, sizeof(dir), "%s/%.2s/%.2s", vl_conf.store, key, key + 2);
	(void)mkdir(dir, 0750);
	if ((fd = mkstemp(tmp)) < 0 || (out = fdopen(fd, "wb")) == NULL) {
		if (fd >= 0)
			close(fd);
		*why = "cannot write to the temp directory";
		return VL_ERR;
	}
	rc = vl_tar_copy(ar, e, out);
	if (rc != VL_OK)
		*why = "the archive ends inside a file";
	if (rc == VL_OK && (fflush(out) != 0 || fsync(fileno(out)) != 0))
		rc = VL_ERR;
	if (fclose(out) != 0)
		rc = VL_ERR;
	if (rc == VL_OK && link(tmp, path) != 0) {
		*why = errno == EEXIST ? "a document file is already in the store" :
		    "cannot write to the store";
		rc = errno == EEXIST ? VL_CONFLICT : VL_ERR;
	}
	unlink(tmp);
	if (rc == VL_OK && (fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) >= 0) {
		(void)fsync(fd);
		close(fd);
	}
	return rc;
}

/* The manifest: ours, this version, a firm named. */
static enum vl_rc
read_manifest(struct import *im, const char *text, const char **why)
{
	json_t		*m = json_loads(text, 0, NULL);
	const char	*format = NULL, *slug = NULL, *sid = NULL;
	json_int_t	 version = 0, firm = 0;

	if (m == NULL || json_unpack(m, "{s:s, s:I, s:s, s:I}", "format", &format,
	    "version", &version, "slug", &slug, "firm_id", &firm) != 0 ||
	    strcmp(format, FORMAT) != 0 || firm <= 0) {
		json_decref(m);
		*why = "not a Vellum export (its manifest is missing or malformed)";
		return VL_INVALID;
	}
	/* Version 1 lacks the columns of migrations 010-012: its rows would
	 * come back without them (or not at all), so it is refused by name. */
	if (version != VERSION) {
		json_decref(m);
		*why = vl_pool_printf(im->pool, "an export of format version %lld; this "
		    "version reads version %d only", (long long)version, VERSION);
		return VL_INVALID;
	}
	if (json_unpack(m, "{s:s}", "secret_id", &sid) != 0 || strlen(sid) != 32 ||
	    strspn(sid, "0123456789abcdef") != 32) {
		json_decref(m);
		*why = "not a Vellum export (its manifest is missing or malformed)";
		return VL_INVALID;
	}
	im->secret_id = vl_pool_strdup(im->pool, sid);
	im->slug = vl_pool_strdup(im->pool, slug);
	im->firm = firm;
	json_decref(m);
	return VL_OK;
}

/* Reads the archive: the manifest first, then tables, then files. */
static enum vl_rc
read_archive(struct import *im, FILE *ar, struct vl_export_stats *st, const char **why)
{
	struct vl_tar_entry	 e;
	char			*text;
	const char		*rest;
	size_t			 i, n = 0;
	json_t			*v;
	enum vl_rc		 rc;
	int			 got;

	while ((got = vl_tar_next(ar, &e)) > 0) {
		if (strncmp(e.name, PREFIX, strlen(PREFIX)) != 0)
			goto bad;
		rest = e.name + strlen(PREFIX);
		if (n++ == 0) {
			if (strcmp(rest, "manifest.json") != 0)
				goto bad;
			if ((rc = vl_tar_read(ar, &e, 1 << 20, &text)) != VL_OK)
				goto bad;
			rc = read_manifest(im, text, why);
			free(text);
			if (rc != VL_OK)
				return rc;
			continue;
		}
		if (strncmp(rest, "files/", 6) == 0 && hex64(rest + 6)) {
			if ((rc = place_file(im, ar, &e, rest + 6, why)) != VL_OK)
				return rc;
			st->files++;
			continue;
		}
		for (i = 0; i < vl_export_ntables; i++)
			if (strlen(rest) == strlen(vl_export_tables[i].name) + 5 &&
			    strncmp(rest, vl_export_tables[i].name, strlen(rest) - 5) == 0 &&
			    strcmp(rest + strlen(rest) - 5, ".json") == 0)
				break;
		if (i == vl_export_ntables || im->tables[i] != NULL)
			goto bad;
		if ((rc = vl_tar_read(ar, &e, JSON_MAX, &text)) != VL_OK)
			goto bad;
		v = json_loads(text, 0, NULL);
		free(text);
		if (v == NULL || !json_is_array(v)) {
			json_decref(v);
			*why = vl_pool_printf(im->pool, "%s is not a JSON array", e.name);
			return VL_INVALID;
		}
		im->tables[i] = v;
		st->tables++;
	}
	if (got == 0 && n > 0 && im->tables[0] != NULL)
		return VL_OK;
bad:
	if (*why == NULL)
		*why = vl_pool_printf(im->pool, "not a Vellum export (at %s)",
		    n > 0 ? e.name : "its start");
	return VL_INVALID;
}

/* Every row, in one transaction that also claims the files. */
static enum vl_rc
load_rows(struct import *im, struct vl_export_stats *st, const char **why)
{
	json_t		*o;
	char		*text;
	uint64_t	 aff;
	size_t		 i, j;
	enum vl_rc	 rc = VL_ERR;

	if (vl_db_begin() != VL_OK)
		return VL_ERR;
	if (vl_db_exec(STMT_EXPORT_FK_OFF, NULL, NULL, "") != VL_OK)
		goto out;
	for (i = 0; i < vl_export_ntables; i++) {
		json_array_foreach(im->tables[i], j, o) {
			if (!json_is_object(o) || (text = json_dumps(o, JSON_COMPACT)) == NULL) {
				rc = VL_INVALID;
				goto bad_row;
			}
			aff = 0;
			rc = vl_db_exec(vl_export_tables[i].in, &aff, NULL, "si", text, im->firm);
			free(text);
			if (rc != VL_OK || aff != 1) {
				rc = rc == VL_OK ? VL_INVALID : rc;
				goto bad_row;
			}
			st->rows++;
		}
	}
	for (i = 0; i < im->nkeys; i++)
		if ((rc = vl_store_claim(im->firm, im->keys[i])) != VL_OK)
			goto out;
	if (vl_db_exec(STMT_EXPORT_FK_ON, NULL, NULL, "") != VL_OK)
		goto out;
	return vl_db_commit();
bad_row:
	*why = vl_pool_printf(im->pool, "row %zu of %s cannot be restored (%s)", j + 1,
	    vl_export_tables[i].name, rc == VL_INVALID ? "not of the firm, or malformed" :
	    vl_db_error());
out:
	vl_db_rollback();
	(void)vl_db_exec(STMT_EXPORT_FK_ON, NULL, NULL, "");
	return rc == VL_OK ? VL_ERR : rc;
}

/*
 * The two-factor tables, if the archive's secret is not this install's:
 * refused, or (told so) left out and counted.  A restore that went on
 * would leave every enrolled person with codes that never match.
 */
static enum vl_rc
two_factor(struct import *im, unsigned flags, struct vl_export_stats *st, const char **why)
{
	char		 sid[33];
	size_t		 i, n = 0;

	secret_id(sid);
	for (i = 0; i < vl_export_ntables; i++)
		if (vl_export_tables[i].in == STMT_IMPORT_TOTP ||
		    vl_export_tables[i].in == STMT_IMPORT_TOTP_RECOVERY)
			n += json_array_size(im->tables[i]);
	if (n == 0 || strcmp(sid, im->secret_id) == 0)
		return VL_OK;
	if (!(flags & VL_IMPORT_WITHOUT_2FA)) {
		*why = "the archive's two-factor secrets were sealed under another server "
		    "secret: set this install's secret to the exporting install's, or import "
		    "with --without-two-factor";
		return VL_CONFLICT;
	}
	for (i = 0; i < vl_export_ntables; i++) {
		if (vl_export_tables[i].in == STMT_IMPORT_TOTP)
			st->dropped_2fa = (int64_t)json_array_size(im->tables[i]);
		if (vl_export_tables[i].in == STMT_IMPORT_TOTP ||
		    vl_export_tables[i].in == STMT_IMPORT_TOTP_RECOVERY) {
			json_decref(im->tables[i]);
			im->tables[i] = NULL;
		}
	}
	return VL_OK;
}

enum vl_rc
vl_import_firm(struct vl_pool *pool, const char *path, unsigned flags,
    struct vl_export_stats *st, const char **why)
{
	struct import	 im;
	FILE		*ar;
	int64_t		 firms = 0, taken = 0;
	size_t		 i;
	enum vl_rc	 rc;

	memset(st, 0, sizeof(*st));
	memset(&im, 0, sizeof(im));
	im.pool = pool;
	*why = NULL;
	if ((ar = fopen(path, "rb")) == NULL) {
		*why = vl_pool_printf(pool, "cannot open %s: %s", path, strerror(errno));
		return VL_ERR;
	}
	/* The manifest alone first: refuse before a byte enters the store. */
	{
		struct vl_tar_entry	 e;
		char			*text;

		if (vl_tar_next(ar, &e) != 1 || strcmp(e.name, PREFIX "manifest.json") != 0 ||
		    vl_tar_read(ar, &e, 1 << 20, &text) != VL_OK) {
			fclose(ar);
			*why = "not a Vellum export (its manifest is missing or malformed)";
			return VL_INVALID;
		}
		rc = read_manifest(&im, text, why);
		free(text);
		if (rc != VL_OK) {
			fclose(ar);
			return rc;
		}
	}
	if (vl_db_row(pool, STMT_EXPORT_SLUG_TAKEN, "s", "i", im.slug, &taken) != VL_OK ||
	    vl_db_row(pool, STMT_EXPORT_INSTALL_FIRMS, "", "i", &firms) != VL_OK) {
		fclose(ar);
		*why = "database error";
		return VL_ERR;
	}
	if (taken != 0 || firms != 0) {
		fclose(ar);
		*why = taken != 0 ? vl_pool_printf(pool, "a firm with slug \"%s\" exists already",
		    im.slug) : "this install has firms already: import into an empty install";
		return VL_CONFLICT;
	}
	rewind(ar);
	rc = read_archive(&im, ar, st, why);
	fclose(ar);
	if (rc == VL_OK)
		rc = two_factor(&im, flags, st, why);
	if (rc == VL_OK) {
		st->rows = 0;
		rc = load_rows(&im, st, why);
	}
	if (rc != VL_OK) {
		for (i = 0; i < im.nkeys; i++)
			vl_store_discard(im.firm, im.keys[i]);
		if (*why == NULL)
			*why = "database error";
	}
	for (i = 0; i < vl_export_ntables; i++)
		json_decref(im.tables[i]);
	free(im.keys);
	return rc;
}
