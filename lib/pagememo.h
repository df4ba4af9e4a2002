/*
 * Pages kept whole, by what makes them (lib/pagememo.c): a page is its
 * templates' expansion of its dictionary, so a digest of the dictionary's
 * calls (lib/tplrec.h) and of the templates' files names it.  A page
 * built from the same values under the same templates is sent as kept,
 * neither replayed into ctemplate nor expanded.
 */
#ifndef VL_PAGEMEMO_H
#define VL_PAGEMEMO_H

#include "vellum.h"

#ifdef __cplusplus
extern "C" {
#endif

#define VL_PAGEMEMO_KEY	32

/* The key of the page d's expansion of file (HTML) gives: d's digest and
 * the state of each template file it reads (the site's or the default).
 * 0 when the page is not to be kept: a file's change could go unseen. */
int	 vl_pagememo_key(const struct vl_tpl *d, const char *file,
	    unsigned char key[VL_PAGEMEMO_KEY]);
/* The page kept under key: 1 and its bytes (in pool, or the process's
 * copy, good until the next put), else 0.  A FastCGI process keeps a few
 * pages in memory; a plain-CGI process reads a file of the install's. */
int	 vl_pagememo_get(struct vl_pool *pool, const unsigned char key[VL_PAGEMEMO_KEY],
	    const char **body, size_t *len);
/* Keeps body under key (a page too large is not kept, nor one whose
 * template files changed since vl_pagememo_key made key). */
void	 vl_pagememo_put(const unsigned char key[VL_PAGEMEMO_KEY], const char *body, size_t len);
/*
 * A page named by what its program read rather than by its calls (a
 * FastCGI process only): a program that knows its page is a function of a
 * few values (the session, the stamps its copies were read under, the
 * request) names it by their digest.  vl_pagememo_alias_put, right after
 * vl_pagememo_key, gives name the key's digest of calls and the files it
 * folded; vl_pagememo_alias_key makes that key again from those files'
 * states of now (1), or finds no such name (0).  Eight names a process.
 */
void	 vl_pagememo_alias_put(const unsigned char name[VL_PAGEMEMO_KEY]);
int	 vl_pagememo_alias_key(const unsigned char name[VL_PAGEMEMO_KEY],
	    unsigned char key[VL_PAGEMEMO_KEY]);
/* Drops the process's pages and what it knows of the templates (tests). */
void	 vl_pagememo_forget(void);

#ifdef __cplusplus
}
#endif

#endif
