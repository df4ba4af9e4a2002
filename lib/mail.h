/* Mail building and sending: used by the mailer only (bin/mailer.c). */
#ifndef VELLUM_MAIL_H
#define VELLUM_MAIL_H

#include "vellum.h"

enum vl_mail_result { VL_MAIL_SENT, VL_MAIL_RETRY, VL_MAIL_DEAD, VL_MAIL__MAX };

struct vl_mail_firm {
	const char	*name;
	const char	*logo;		/* URL or /path on this portal; may be NULL */
};

struct vl_mail_parts {
	struct vl_buf	 subject, text, html;	/* html empty when the kind has none */
};

/*
 * Renders kind's subject and body.  Each payload (urlencoded template data)
 * is one ITEM section; the first one's values also stand at the top, and
 * COUNT with the ONE or MANY section tells how many there are.
 */
enum vl_rc vl_mail_render(struct vl_pool *, const char *kind, const char *const *payloads,
    size_t n, const struct vl_mail_firm *, struct vl_mail_parts *out, struct vl_buf *err);
/* One email: the mailer's rendered parts and where they go. */
struct vl_mail_msg {
	const char	*from_name;	/* the From display name (the firm); may be "" */
	const char	*from_addr;	/* the From address, also the envelope sender */
	const char	*to;		/* the one recipient, a bare address */
	const char	*subject, *msgid;
	const char	*text;		/* the plain-text part */
	const char	*html;		/* the HTML part; NULL or "" for none */
};
/*
 * Sends m over SMTP, reusing the connection; err gets the reason on failure.
 * The message is built with libcurl's MIME API: multipart/alternative,
 * each part quoted-printable UTF-8 (so any line length and any text go
 * through); header values are stripped of CR and LF, a non-ASCII subject
 * or sender name is RFC 2047 encoded.  A send takes at most two thirds of
 * mail_lease, so the lease renewed just before it outlives it with room to
 * record the outcome.
 */
enum vl_mail_result vl_mail_send(const struct vl_mail_msg *m, struct vl_buf *err);
/* Emails over one SMTP connection before it is closed and a new one opened:
 * servers may limit what one session carries, and a connection is not
 * held forever. */
#define VL_MAIL_PER_CONNECTION	100
/* Appends text (stripped of CR and LF) as a header value: as it is when it
 * is short plain ASCII, else as folded RFC 2047 encoded words. */
void	 vl_mail_header_text(struct vl_buf *out, const char *text);
/* Appends a From value: "name" <addr> (quoted), encoded words when the name
 * is not ASCII, or <addr> alone when name is empty. */
void	 vl_mail_header_from(struct vl_buf *out, const char *name, const char *addr);
void	 vl_mail_shutdown(void);

/* How mail reaches the SMTP server of a URL (see vl_mail_tls). */
enum vl_mail_tls {
	VL_TLS_NONE,		/* loopback, no credentials: the clear is fine */
	VL_TLS_STARTTLS,	/* smtp://: STARTTLS, and no mail if it fails */
	VL_TLS_IMPLICIT,	/* smtps://: TLS from the first byte */
	VL_TLS_REFUSE,		/* not an SMTP URL we can judge: send nothing */
	VL_TLS__MAX
};
/*
 * Decides how to reach the server at url: TLS (STARTTLS required, or smtps)
 * to any host that is not on loopback (127.0.0.0/8, ::1, "localhost"), and
 * whenever credentials would travel.  VL_TLS_REFUSE for anything that is not
 * an smtp:// or smtps:// URL with a host; why then says so.
 */
enum vl_mail_tls vl_mail_tls(const char *url, int credentials, struct vl_buf *why);

/* ---- outbox.c: the mailer's side of the outbox ---- */
struct vl_outbox_row {
	int64_t		 id, attempts;
	const char	*payload;
};
/* One email's claimed rows: one row, or a recipient's whole window. */
struct vl_outbox_mail {
	char			*lease;		/* its rows' lease owner, OWNER/n: the fence */
	char			*kind, *to, *msgid, *firm, *logo, *key;
	struct vl_outbox_row	*rows;		/* oldest first; in the pool */
	size_t			 n;
};
/* The emails one claim won, in due order. */
struct vl_outbox_batch {
	struct vl_outbox_mail	*mails;		/* in the pool */
	size_t			 n;
	int64_t			 claimed_ms;	/* vl_outbox_now_ms() before the claim */
};
/*
 * Claims up to max due emails for the mailer named owner, in one
 * transaction, under a lease of mail_lease seconds: each a single row, or
 * every due row of one coalesced window (never a part of one).  *seq numbers
 * the emails (the caller keeps it for the mailer's life): email n's rows get
 * the lease owner "owner/n".  VL_OK with b filled (in the pool); VL_DECLINED
 * when nothing is due (or other mailers won every try); VL_ERR when the
 * database is away.
 */
enum vl_rc vl_outbox_claim(struct vl_pool *, const char *owner, uint64_t *seq, size_t max,
	    struct vl_outbox_batch *b);
/* Right before m is sent: VL_OK when every row of m is still held (the
 * lease renewed once the batch is older than a third of it); VL_CONFLICT
 * when any was lost or cancelled (do not send); VL_ERR on a database error
 * (do not send either). */
enum vl_rc vl_outbox_hold(struct vl_pool *, const struct vl_outbox_batch *b,
	    const struct vl_outbox_mail *m);
/* Hands back the rows of m still held, due at once, the attempt not counted. */
void	 vl_outbox_release(const struct vl_outbox_mail *m);
/* Records the outcome for every row of m (sent; retry with backoff; parked
 * after mail_max_attempts or a permanent refusal), fenced by m's lease
 * owner, and logs it.  VL_OK, or VL_ERR when nothing could be recorded. */
enum vl_rc vl_outbox_record(const struct vl_outbox_mail *m, enum vl_mail_result, const char *err);
/* vl_outbox_record in two: _start sends the outcome's statement (VL_ERR,
 * logged, when it could not) and _end waits for it and logs it, so the
 * next email can go out meanwhile.  m and err must live until _end; any
 * other statement in between waits for the outcome first. */
enum vl_rc vl_outbox_record_start(const struct vl_outbox_mail *m, enum vl_mail_result,
	    const char *err);
enum vl_rc vl_outbox_record_end(void);
/* A monotonic clock in milliseconds (batches are timed with it). */
int64_t	 vl_outbox_now_ms(void);

#endif
