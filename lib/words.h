/*
 * The words of a document drawn outside HTML (a bill's PDF): an
 * admin-editable template expands to lines "key: text", read here into a
 * table the drawing code asks by key.  See docs/architecture.md, "PDF".
 */
#ifndef VELLUM_WORDS_H
#define VELLUM_WORDS_H

#include <stddef.h>

#include "vellum.h"

#define VL_WORDS_MAX	200	/* entries kept; later lines are ignored */

struct vl_words;

/* Reads text (len bytes, NUL bytes end it) into a table in pool: each
 * line "key: text" with key of [a-z0-9_] (1..40) gives key its text
 * (trimmed; the first line of a key wins); other lines are ignored.
 * Never NULL. */
struct vl_words *vl_words_parse(struct vl_pool *, const char *text, size_t len);
/* The text of key, or fallback when there is none. */
const char *vl_words_get(const struct vl_words *, const char *key, const char *fallback);
/* How many keys were read. */
size_t	 vl_words_count(const struct vl_words *);

#endif
