/*
 * The pages of "My account" (/account, /portal/account) and of the second
 * sign-in step (/login/code, /portal/login/code), one page for both sides.
 * Words people read are in the templates (account.tpl, signin_code.tpl);
 * here are only the codes of notices and errors, which name sections.
 */
#include <ctype.h>
#include <string.h>

#include <sodium.h>

#include "mypage.h"
#include "myaccount.h"
#include "tz.h"
#include "signin.h"
#include "account.h"
#include "twofactor.h"

/* The fields of My account, the same on both sides. */
const struct vl_field vl_me_fields[VL_ME_F__MAX] = {
	{ "op", VL_V_LINE, 32 },
	{ "current", VL_V_LINE, 1024 },
	{ "password", VL_V_LINE, 1024 },
	{ "confirm", VL_V_LINE, 1024 },
	{ "code", VL_V_LINE, 32 },
	{ "session", VL_V_ID, 20 },
	{ "notice", VL_V_LINE, 32 },
	{ "view", VL_V_LINE, 16 },
	{ "page", VL_V_INT, 6 },
};

/* What a change ends with, shown on the page it goes back to. */
static const char *const notices[] = {
	"password_changed", "totp_off", "session_ended",
};

/* Shows section "ERR_<CODE>" of d (and ERROR, the page's summary). */
static void
error_section(struct vl_tpl *d, const char *code)
{
	char	 name[64];
	size_t	 i, j;

	memcpy(name, "ERR_", 4);
	for (i = 0, j = 4; code[i] != '\0' && j < sizeof(name) - 1; i++, j++)
		name[j] = (char)toupper((unsigned char)code[i]);
	name[j] = '\0';
	vl_tpl_show(d, name);
	vl_tpl_show(d, "ERROR");
}

static const char *
base(struct vl_req *r)
{
	return r->sess->client ? "/portal/account" : "/account";
}

static void
current_hash(struct vl_req *r, unsigned char h[32])
{
	vl_sha256(r->sess->token, 43, h);
}

static enum vl_rc
sessions(struct vl_req *r, struct vl_tpl *d, int64_t page)
{
	struct vl_me_session	*list;
	struct vl_tpl		*s;
	unsigned char		 h[32];
	size_t			 i, n;
	int			 more;
	enum vl_rc		 rc;

	current_hash(r, h);
	if ((rc = vl_me_sessions(r->ctx, h, page, &list, &n, &more)) != VL_OK)
		return rc;
	for (i = 0; i < n; i++) {
		s = vl_tpl_section(d, "SESSION");
		vl_tpl_set_int(s, "ID", list[i].id);
		if (list[i].browser != NULL || list[i].os != NULL) {
			struct vl_tpl *dev = vl_tpl_section(s, "DEVICE");
			vl_tpl_set(dev, "BROWSER", list[i].browser ? list[i].browser : "?");
			vl_tpl_set(dev, "OS", list[i].os ? list[i].os : "?");
		} else
			vl_tpl_show(s, "UNKNOWN_DEVICE");
		vl_tpl_set(s, "AGENT", list[i].agent);
		vl_tpl_set(s, "ADDRESS", list[i].address);
		vl_tpl_set(s, "LAST_SEEN", vl_tz_when(r->ctx, list[i].last_seen));
		vl_tpl_set(s, "STARTED", vl_tz_when(r->ctx, list[i].started));
		vl_tpl_show(s, list[i].current ? "CURRENT" : "OTHER");
		vl_tpl_set(s, "CSRF", r->sess->csrf);
		vl_tpl_set(s, "BASE", base(r));
	}
	if (more)
		vl_tpl_set_int(vl_tpl_section(d, "NEXT_PAGE"), "PAGE", page + 1);
	if (page > 0)
		vl_tpl_set_int(vl_tpl_section(d, "PREV_PAGE"), "PAGE", page - 1);
	return VL_OK;
}

/* The page, with an error code (NULL: none), the recovery codes to show
 * once (NULL: none) and the enrolment (enrol: show it if one is under way). */
static enum vl_rc
render(struct vl_req *r, int status, const char *error, const struct vl_tf_codes *codes,
    int enrol)
{
	struct vl_tf_acct	 me = vl_tf_me(r->ctx);
	struct vl_tf_state	 st;
	struct vl_tf_enrol	 e;
	struct vl_tpl		*d, *s;
	const struct vl_param	*f = r->fields;
	size_t			 i;
	enum vl_rc		 rc;

	if ((rc = vl_tf_state(r->ctx, &me, &st)) != VL_OK)
		return rc;
	if ((d = vl_page_new(r, "My account")) == NULL)
		return VL_ERR;
	vl_tpl_set(d, "BASE", base(r));
	vl_tpl_set(d, "NAME", r->sess->user_name);
	vl_tpl_set(d, "EMAIL", r->sess->user_email);
	vl_page_notice(d, notices, sizeof(notices) / sizeof(notices[0]),
	    codes == NULL && error == NULL ? f[VL_ME_F_NOTICE].val : NULL);
	if (error != NULL)
		error_section(d, error);
	if (codes != NULL) {
		s = vl_tpl_section(d, "CODES");
		for (i = 0; i < VL_TOTP_RECOVERY_N; i++)
			vl_tpl_set(vl_tpl_section(s, "CODE"), "CODE", codes->code[i]);
	}
	if (st.enrolled) {
		s = vl_tpl_section(d, "TF_ON");
		vl_tpl_set_int(s, "RECOVERY_LEFT", st.recovery_left);
		if (st.required)
			vl_tpl_show(s, "REQUIRED");
		else if (error != NULL)
			error_section(vl_tpl_section(s, "REMOVABLE"), error);
		else
			vl_tpl_show(s, "REMOVABLE");
	} else
		vl_tpl_show(d, st.required ? "TF_OFF_REQUIRED" : "TF_OFF");
	/* The "Set up" button, unless the set-up is on the page already. */
	if (!st.enrolled && (!enrol || vl_tf_begin(r->ctx, &me, 0, &e) != VL_OK))
		vl_tpl_show(d, "START");
	if (enrol) {
		if ((rc = vl_tf_begin(r->ctx, &me, 0, &e)) == VL_OK) {
			s = vl_tpl_section(d, "ENROL");
			vl_tpl_set(s, "SECRET", e.secret);
			vl_tpl_set(s, "URI", e.uri);
			vl_tpl_set(s, "QR", e.qr);
			vl_tpl_set_int(s, "QR_SIZE", e.qr_size);
			vl_tpl_set(s, "CODE", f[VL_ME_F_CODE].val);
			vl_tpl_set(s, "CSRF", r->sess->csrf);
			vl_tpl_set(s, "BASE", base(r));
			if (st.enrolled)
				vl_tpl_show(s, "REPLACING");
			if (error != NULL)
				error_section(s, error);
		} else if (rc == VL_DECLINED)
			vl_tpl_show(d, "ENROL_GONE");
		else {
			return rc;
		}
	}
	if ((rc = sessions(r, d, f[VL_ME_F_PAGE].val ? f[VL_ME_F_PAGE].num : 0)) != VL_OK)
		return rc;
	return vl_page_send_status(r, status, "account.tpl", d);
}

enum vl_rc
vl_me_page_get(struct vl_req *r)
{
	const char	*view = r->fields[VL_ME_F_VIEW].val;

	return render(r, 200, NULL, NULL, view != NULL && strcmp(view, "enrol") == 0);
}

static void
back(struct vl_req *r, const char *notice)
{
	vl_out_redirect(r, vl_pool_printf(r->pool, "%s?notice=%s", base(r), notice));
}

static enum vl_rc
op_password(struct vl_req *r)
{
	const struct vl_param	*f = r->fields;
	enum vl_me_pw_why	 why = VL_ME_PW_CURRENT;
	unsigned char		 h[32];
	enum vl_rc		 rc;

	current_hash(r, h);
	rc = vl_me_password(r->ctx, h, f[VL_ME_F_CURRENT].val, f[VL_ME_F_PASSWORD].val,
	    f[VL_ME_F_CONFIRM].val, &why);
	if (rc == VL_INVALID)
		return render(r, 400, vl_me_pw_whys[why], NULL, 0);
	if (rc != VL_OK)
		return rc;
	back(r, "password_changed");
	return VL_OK;
}

static enum vl_rc
op_totp_start(struct vl_req *r)
{
	struct vl_tf_acct	 me = vl_tf_me(r->ctx);
	struct vl_tf_enrol	 e;
	enum vl_rc		 rc;

	if ((rc = vl_tf_begin(r->ctx, &me, 1, &e)) != VL_OK)
		return rc == VL_DECLINED ? VL_ERR : rc;
	vl_out_redirect(r, vl_pool_printf(r->pool, "%s?view=enrol", base(r)));
	return VL_OK;
}

static enum vl_rc
op_totp_confirm(struct vl_req *r)
{
	struct vl_tf_codes	 codes;
	enum vl_rc		 rc;

	rc = vl_me_totp_confirm(r->ctx, r->fields[VL_ME_F_CODE].val, &codes);
	if (rc == VL_DECLINED)
		return render(r, 400, "code_wrong", NULL, 1);
	if (rc == VL_OK)
		rc = render(r, 200, NULL, &codes, 0);
	sodium_memzero(&codes, sizeof(codes));
	return rc;
}

static enum vl_rc
op_totp_remove(struct vl_req *r)
{
	enum vl_rc	 rc;

	rc = vl_me_totp_remove(r->ctx, r->fields[VL_ME_F_CURRENT].val);
	if (rc == VL_CONFLICT)
		return render(r, 409, "required", NULL, 0);
	if (rc == VL_INVALID)
		return render(r, 400, "remove_password", NULL, 0);
	if (rc != VL_OK)
		return rc;
	back(r, "totp_off");
	return VL_OK;
}

static enum vl_rc
op_recovery_new(struct vl_req *r)
{
	struct vl_tf_codes	 codes;
	enum vl_rc		 rc;

	if ((rc = vl_me_recovery_new(r->ctx, &codes)) == VL_CONFLICT)
		return render(r, 409, "not_enrolled", NULL, 0);
	if (rc == VL_OK)
		rc = render(r, 200, NULL, &codes, 0);
	sodium_memzero(&codes, sizeof(codes));
	return rc;
}

static enum vl_rc
op_end_session(struct vl_req *r)
{
	const struct vl_param	*s = &r->fields[VL_ME_F_SESSION];
	unsigned char		 h[32];
	char			*slug = NULL;
	int			 current = 0, client = r->sess->client;
	int64_t			 firm = r->sess->firm_id;
	enum vl_rc		 rc;

	if (s->val == NULL)
		return VL_DECLINED;
	current_hash(r, h);
	if ((rc = vl_me_end_session(r->ctx, h, s->num, &current)) != VL_OK)
		return rc;
	if (!current) {
		back(r, "session_ended");
		return VL_OK;
	}
	/* Ending the session in use is signing out. */
	if (client)
		(void)vl_db_row(r->pool, STMT_FIRM_SLUG, "i", "s", firm, &slug);
	vl_sess_end(r);
	vl_out_redirect(r, client && slug != NULL ?
	    vl_pool_printf(r->pool, "/portal/login?firm=%s&signed_out=1", slug) :
	    client ? "/portal/login?signed_out=1" : "/login?signed_out=1");
	return VL_OK;
}

static const struct {
	const char	*name;
	enum vl_rc	(*fn)(struct vl_req *);
} ops[] = {
	{ "password", op_password },
	{ "totp_start", op_totp_start },
	{ "totp_confirm", op_totp_confirm },
	{ "totp_remove", op_totp_remove },
	{ "recovery_new", op_recovery_new },
	{ "end_session", op_end_session },
};

enum vl_rc
vl_me_page_post(struct vl_req *r)
{
	const char	*op = r->fields[VL_ME_F_OP].val;
	size_t		 i;

	for (i = 0; op != NULL && i < sizeof(ops) / sizeof(ops[0]); i++)
		if (strcmp(op, ops[i].name) == 0)
			return ops[i].fn(r);
	return VL_INVALID;
}

/* ---- the second step of a sign-in ---- */

static const char *
code_path(enum vl_signin_kind kind)
{
	return kind == VL_SIGNIN_USER ? "/login/code" : "/portal/login/code";
}

enum vl_rc
vl_code_redirect(struct vl_req *r, enum vl_signin_kind kind, const char *token, const char *slug,
    const char *next)
{
	struct vl_buf	 q = VL_BUF_INIT;
	const char	*safe = vl_next_safe(next, kind == VL_SIGNIN_CLIENT);

	vl_out_cookie(r, VL_COOKIE_PENDING, token);
	if (kind == VL_SIGNIN_CLIENT && slug != NULL)
		vl_buf_add_param(&q, "firm", slug);
	if (safe != NULL)
		vl_buf_add_param(&q, "next", safe);
	vl_out_redirect(r, q.len > 0 ? vl_pool_printf(r->pool, "%s?%s", code_path(kind),
	    vl_buf_str(&q)) : code_path(kind));
	vl_buf_release(&q);
	return VL_OK;
}

static const char *
pending_token(struct vl_req *r)
{
	const struct vl_pair *ck = vl_cookie_get(r, VL_COOKIE_PENDING);

	return ck != NULL && vl_validate(VL_V_TOKEN, ck->val, ck->vallen, 43, NULL) ? ck->val : NULL;
}

static const char *
landing(struct vl_req *r, enum vl_signin_kind kind)
{
	const char *next = vl_next_safe(r->fields[VL_CODE_F_NEXT].val, kind == VL_SIGNIN_CLIENT);

	return next != NULL ? next : kind == VL_SIGNIN_USER ? "/matters" : "/portal";
}

/* The code page: expired (no pending sign-in), the code form, or the
 * enrolment the firm requires; error names a section (NULL: none). */
static enum vl_rc
code_page(struct vl_req *r, enum vl_signin_kind kind, int status, const char *error,
    const struct vl_tf_codes *codes)
{
	struct vl_tf_acct	 a;
	struct vl_tf_enrol	 e;
	enum vl_signin_step	 step;
	struct vl_tpl		*d, *s;
	size_t			 i;
	enum vl_rc		 rc;

	if ((d = vl_page_new(r, "Two-factor sign-in")) == NULL)
		return VL_ERR;
	vl_tpl_set(d, "ACTION", code_path(kind));
	vl_tpl_set(d, "NEXT", vl_next_safe(r->fields[VL_CODE_F_NEXT].val, kind == VL_SIGNIN_CLIENT));
	vl_tpl_set(d, "SIGNIN", kind == VL_SIGNIN_USER ? "/login" : "/portal/login");
	if (codes != NULL) {
		s = vl_tpl_section(d, "CODES");
		vl_tpl_set(s, "CONTINUE", landing(r, kind));
		for (i = 0; i < VL_TOTP_RECOVERY_N; i++)
			vl_tpl_set(vl_tpl_section(s, "CODE"), "CODE", codes->code[i]);
		return vl_page_send(r, "signin_code.tpl", d);
	}
	if ((rc = vl_signin_pending(r->ctx, kind, pending_token(r), &a, &step)) == VL_DECLINED) {
		vl_tpl_show(d, "EXPIRED");
		return vl_page_send_status(r, 400, "signin_code.tpl", d);
	}
	if (rc != VL_OK)
		return rc;
	if (error != NULL)
		error_section(d, error);
	if (step == VL_STEP_CODE) {
		vl_tpl_show(d, "CODE_FORM");
		return vl_page_send_status(r, status, "signin_code.tpl", d);
	}
	/* The firm requires two-factor sign-in: enrol before any page. */
	if ((rc = vl_tf_begin(r->ctx, &a, 1, &e)) != VL_OK)
		return rc == VL_DECLINED ? VL_ERR : rc;
	s = vl_tpl_section(d, "ENROL_FORM");
	vl_tpl_set(s, "SECRET", e.secret);
	vl_tpl_set(s, "URI", e.uri);
	vl_tpl_set(s, "QR", e.qr);
	vl_tpl_set_int(s, "QR_SIZE", e.qr_size);
	return vl_page_send_status(r, status, "signin_code.tpl", d);
}

enum vl_rc
vl_code_page_get(struct vl_req *r, enum vl_signin_kind kind)
{
	return code_page(r, kind, 200, NULL, NULL);
}

enum vl_rc
vl_code_page_post(struct vl_req *r, enum vl_signin_kind kind)
{
	struct vl_tf_codes	 codes;
	struct vl_signed_in	 in;
	struct vl_tf_acct	 a;
	enum vl_signin_step	 step = VL_STEP_CODE;
	const char		*token = pending_token(r);
	char			*slug = NULL;
	enum vl_rc		 rc;

	if (token == NULL || vl_signin_pending(r->ctx, kind, token, &a, &step) != VL_OK)
		return code_page(r, kind, 400, NULL, NULL);
	memset(&codes, 0, sizeof(codes));
	rc = vl_signin_code(r->ctx, kind, token, r->fields[VL_CODE_F_CODE].val,
	    vl_req_env(r, "HTTP_USER_AGENT"), &codes, &in);
	if (rc == VL_DECLINED)
		return code_page(r, kind, 400, step == VL_STEP_ENROL ? "enrol_code" : "code", NULL);
	if (rc != VL_OK)
		return rc;
	vl_out_cookie_clear(r, VL_COOKIE_PENDING);
	if (kind == VL_SIGNIN_CLIENT)
		(void)vl_db_row(r->pool, STMT_FIRM_SLUG, "i", "s", in.firm, &slug);
	vl_sess_adopt(r, kind, in.firm, in.account, in.token, slug);
	sodium_memzero(in.token, sizeof(in.token));
	if (step == VL_STEP_ENROL) {
		rc = code_page(r, kind, 200, NULL, &codes);
		sodium_memzero(&codes, sizeof(codes));
		return rc;
	}
	vl_out_redirect(r, landing(r, kind));
	return VL_OK;
}
