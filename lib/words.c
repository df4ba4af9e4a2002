/*
 * Words of a document: see words.h.  The input is a template an admin may
 * edit, so any text is taken: nothing is assumed about line lengths or
 * characters, and the table stays bounded.
 */
#include <string.h>

#include "vellum.h"
#include "words.h"

#define KEY_MAX	40

struct vl_words {
	size_t		 n;
	const char	*key[VL_WORDS_MAX];
	const char	*text[VL_WORDS_MAX];
};

static int
keychar(char ch)
{
	return (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '_';
}

static int
blank(char ch)
{
	return ch == ' ' || ch == '\t' || ch == '\r';
}

struct vl_words *
vl_words_parse(struct vl_pool *pool, const char *text, size_t len)
{
	struct vl_words	*w = vl_pool_calloc(pool, 1, sizeof(*w));
	const char	*p = text, *end, *eol, *v, *ve;
	size_t		 k, i;

	if (text == NULL)
		return w;
	end = memchr(text, '\0', len);
	if (end == NULL)
		end = text + len;
	for (; p < end && w->n < VL_WORDS_MAX; p = eol < end ? eol + 1 : end) {
		if ((eol = memchr(p, '\n', (size_t)(end - p))) == NULL)
			eol = end;
		for (k = 0; p + k < eol && keychar(p[k]); k++)
			;
		if (k == 0 || k > KEY_MAX || p + k >= eol || p[k] != ':')
			continue;
		for (v = p + k + 1; v < eol && blank(*v); v++)
			;
		for (ve = eol; ve > v && blank(ve[-1]); ve--)
			;
		for (i = 0; i < w->n; i++)
			if (strlen(w->key[i]) == k && memcmp(w->key[i], p, k) == 0)
				break;
		if (i < w->n)
			continue;
		w->key[w->n] = vl_pool_strndup(pool, p, k);
		w->text[w->n] = vl_pool_strndup(pool, v, (size_t)(ve - v));
		w->n++;
	}
	return w;
}

const char *
vl_words_get(const struct vl_words *w, const char *key, const char *fallback)
{
	size_t	 i;

	for (i = 0; w != NULL && key != NULL && i < w->n; i++)
		if (strcmp(w->key[i], key) == 0)
			return w->text[i];
	return fallback;
}

size_t
vl_words_count(const struct vl_words *w)
{
	return w->n;
}
