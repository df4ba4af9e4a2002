/*
 * TOTP codes (RFC 6238: HMAC-SHA-1, 30-second steps, 6 digits) through
 * liboath, their QR image through libqrencode, and recovery codes.  Codes
 * are computed per step and compared here rather than with liboath's
 * validate functions: the caller needs the step that matched, to refuse it
 * (and every earlier one) the next time.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <liboath/oath.h>
#include <qrencode.h>
#include <sodium.h>

#include "totp.h"

/* Recovery codes: no 0/o, 1/l/i, so a code read aloud or copied by hand
 * survives (31 symbols: about 49.5 bits a code). */
static const char recovery_alphabet[] = "abcdefghjkmnpqrstuvwxyz23456789";

static int	 oath_ready;

static int
ready(void)
{
	if (!oath_ready && oath_init() == OATH_OK)
		oath_ready = 1;
	return oath_ready;
}

int64_t
vl_totp_step(int64_t utc)
{
	return utc < 0 ? 0 : utc / VL_TOTP_STEP;
}

enum vl_rc
vl_totp_code(const unsigned char *secret, size_t len, int64_t step, unsigned digits, char *out)
{
	if (digits < 6 || digits > 8 || step < 0 || !ready())
		return VL_INVALID;
	/* liboath takes a time and a step size; step * 30 lands on the step. */
	if (oath_totp_generate((const char *)secret, len, (time_t)(step * VL_TOTP_STEP),
	    VL_TOTP_STEP, 0, digits, out) != OATH_OK)
		return VL_ERR;
	return VL_OK;
}

int
vl_totp_is_code(const char *s)
{
	size_t	 i;

	if (s == NULL)
		return 0;
	for (i = 0; i < VL_TOTP_DIGITS; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return s[i] == '\0';
}

int64_t
vl_totp_check(const unsigned char *secret, size_t len, int64_t now, int64_t last,
    const char *code)
{
	char	 want[VL_TOTP_DIGITS + 1];
	int64_t	 step = vl_totp_step(now), s, hit = 0, old = 0;

	if (!vl_totp_is_code(code))
		return 0;
	/* Every step of the window is computed and compared, matched or not. */
	for (s = step - VL_TOTP_WINDOW; s <= step + VL_TOTP_WINDOW; s++) {
		if (s < 0 || vl_totp_code(secret, len, s, VL_TOTP_DIGITS, want) != VL_OK)
			continue;
		if (sodium_memcmp(want, code, VL_TOTP_DIGITS) != 0)
			continue;
		if (s > last)
			hit = hit ? hit : s;
		else
			old = 1;
	}
	sodium_memzero(want, sizeof(want));
	return hit ? hit : old ? -1 : 0;
}

void
vl_totp_secret_new(unsigned char secret[VL_TOTP_SECRET_LEN])
{
	randombytes_buf(secret, VL_TOTP_SECRET_LEN);
}

char *
vl_totp_base32(struct vl_pool *pool, const unsigned char *secret, size_t len)
{
	char	*b32 = NULL, *out;
	size_t	 n = 0;

	if (!ready() || oath_base32_encode((const char *)secret, len, &b32, &n) != OATH_OK)
		return NULL;
	/* Apps take it without the '=' padding. */
	while (n > 0 && b32[n - 1] == '=')
		n--;
	out = vl_pool_strndup(pool, b32, n);
	sodium_memzero(b32, n);
	free(b32);
	return out;
}

char *
vl_totp_uri(struct vl_pool *pool, const char *issuer, const char *account, const char *b32)
{
	struct vl_buf	 b = VL_BUF_INIT;
	char		*out;

	vl_buf_adds(&b, "otpauth://totp/");
	vl_buf_add_urlenc(&b, issuer);
	vl_buf_adds(&b, ":");
	vl_buf_add_urlenc(&b, account);
	vl_buf_adds(&b, "?secret=");
	vl_buf_adds(&b, b32);
	vl_buf_adds(&b, "&issuer=");
	vl_buf_add_urlenc(&b, issuer);
	vl_buf_addf(&b, "&algorithm=SHA1&digits=%d&period=%d", VL_TOTP_DIGITS, VL_TOTP_STEP);
	out = vl_pool_strdup(pool, vl_buf_str(&b));
	sodium_memzero(b.buf, b.len);
	vl_buf_release(&b);
	return out;
}

char *
vl_totp_qr_path(struct vl_pool *pool, const char *text, int *size)
{
	struct vl_buf	 b = VL_BUF_INIT;
	QRcode		*qr;
	char		*out;
	int		 x, y, run;

	/* Level M: the usual choice for a screen; the library picks the version. */
	if ((qr = QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8, 1)) == NULL)
		return NULL;
	for (y = 0; y < qr->width; y++)
		for (x = 0; x < qr->width; x += run > 0 ? run : 1) {
			/* One horizontal run of dark modules a rectangle. */
			for (run = 0; x + run < qr->width &&
			    (qr->data[y * qr->width + x + run] & 1); run++)
				;
			if (run > 0)
				vl_buf_addf(&b, "M%d %dh%dv1h-%dz", x + 4, y + 4, run, run);
		}
	*size = qr->width + 8;
	QRcode_free(qr);
	out = vl_pool_strdup(pool, vl_buf_str(&b));
	vl_buf_release(&b);
	return out;
}

void
vl_totp_recovery_new(char out[VL_TOTP_RECOVERY_LEN + 1])
{
	size_t	 i, j = 0;

	for (i = 0; i < 10; i++) {
		if (i == 5)
			out[j++] = '-';
		out[j++] = recovery_alphabet[randombytes_uniform(sizeof(recovery_alphabet) - 1)];
	}
	out[j] = '\0';
}

int
vl_totp_recovery_hash(const char *typed, const unsigned char key[32], unsigned char out[32])
{
	char	 norm[16];
	size_t	 n = 0;
	char	 ch;

	if (typed == NULL)
		return 0;
	for (; *typed != '\0'; typed++) {
		if (*typed == ' ' || *typed == '-' || *typed == '\t')
			continue;
		ch = (char)(*typed >= 'A' && *typed <= 'Z' ? *typed - 'A' + 'a' : *typed);
		if (strchr(recovery_alphabet, ch) == NULL || ch == '\0' || n == 10)
			return 0;
		norm[n++] = ch;
	}
	if (n != 10)
		return 0;
	crypto_generichash(out, 32, (const unsigned char *)norm, n, key, 32);
	sodium_memzero(norm, sizeof(norm));
	return 1;
}
