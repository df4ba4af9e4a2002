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
/* Builds an RFC 5322 message, multipart/alternative when html is not empty;
 * header values are stripped of CR and LF. */
void	 vl_mail_message(struct vl_buf *out, const char *from, const char *to,
	    const char *subject, const char *msgid, const char *body, const char *html);
/* Sends msg over SMTP, reusing the connection; err gets the reason on failure. */
enum vl_mail_result vl_mail_send(const char *from, const char *to,
	    const struct vl_buf *msg, struct vl_buf *err);
void	 vl_mail_shutdown(void);

#endif
