/*
 * Pages kept whole (issue 13).  Once a page's statements are answered
 * from copies (lib/matterscopy.c, lib/feedcopy.c) what is left of its
 * cost is ctemplate: the dictionary made, the templates expanded and,
 * under plain CGI, the templates read and parsed by every process.  The
 * expansion is a function of the dictionary and the templates' text
 * alone, so a page is kept by a key made of both:
 *   - the digest of every call that built the dictionary, values and all
 *     (lib/tplrec.c): the session's name, CSRF token, firm, each row;
 *   - for each template file the page reads (the page's and its
 *     includes'), which directory serves it and its device, inode, size,
 *     modification and change times.
 * Any value or template that differs gives another key.  Nothing is
 * checked here that the page has not checked: the dictionary is built
 * after the session, permissions and stamps were read, as before.
 *
 * FastCGI: a process keeps MEMO_SLOTS pages of at most MEMO_MAX bytes and
 * looks at a template's file at most once a second (as ctemplate itself:
 * lib/tpl.cc), having ctemplate read one again when it changed.  Plain
 * CGI: MEMO_FILES files "page-memo-<slot>" in vl_conf.tmp
 * (lib/pagefile.c), the slot drawn from a MAC of the key under the
 * install's secret, the content the key and the page; vellumctl sweep
 * removes those older than its grace.
 */
#include <string.h>
#include <time.h>
#include <sys/stat.h>

#include <sodium.h>

#include "vellum.h"
#include "internal.h"
#include "pagefile.h"
#include "pagememo.h"
#include "tplrec.h"

#define MEMO_SLOTS	4
#define MEMO_MAX	((size_t)128 * 1024)
#define MEMO_FILES	64		/* plain CGI: at most 8 MB of pages */
#define MEMO_NAME	(5 + 2 + 1)
#define FILES_MAX	16		/* template files a page reads, remembered */
#define LOOK_MS		1000		/* a template file looked at again after */

static const char magic[] = "vellum page memo 1\n";

struct slot {
	unsigned char	 key[VL_PAGEMEMO_KEY];
	char		*body;
	size_t		 len;
	unsigned long	 used;
};

/* A template file as last seen: where it was found and its stat. */
struct seen {
	char		 name[64];
	long long	 at_ms;
	unsigned char	 state[64];
	size_t		 len;
};

static struct slot	 slots[MEMO_SLOTS];
static unsigned long	 ticks;
static struct seen	 seen[FILES_MAX];
/* The files the last key was made of, in the states it names: its page
 * is kept only if they are still in them (vl_pagememo_put). */
static struct seen	 made[FILES_MAX];
static size_t		 nmade;
static unsigned char	 made_key[VL_PAGEMEMO_KEY];

/*
 * Pages named by what their program read (vl_pagememo_alias_*): a name
 * for the digest of the calls its page was built with and the template
 * files its key folded, in order, so that the key is made again from the
 * files' states of now without the calls being made.
 */
#define ALIASES		8
#define ALIAS_FILES	24
struct alias {
	unsigned char	 name[VL_PAGEMEMO_KEY];
	unsigned char	 digest[32];
	char		 files[ALIAS_FILES][64];
	size_t		 nfiles;
	unsigned long	 used;
};
static struct alias	 aliases[ALIASES];
/* The last key's digest and files, as folded (an alias copies them). */
static unsigned char	 made_digest[32];
static char		 folded[ALIAS_FILES][64];
static size_t		 nfolded;
static int		 folded_whole;

void
vl_pagememo_forget(void)
{
	size_t	 i;

	for (i = 0; i < MEMO_SLOTS; i++)
		free(slots[i].body);
	memset(slots, 0, sizeof(slots));
	memset(seen, 0, sizeof(seen));
	memset(made_key, 0, sizeof(made_key));
	nmade = 0;
	memset(aliases, 0, sizeof(aliases));
	nfolded = 0;
}

static long long
now_ms(void)
{
	struct timespec	 ts;

	if (clock_gettime(CLOCK_MONOTONIC_COARSE, &ts) != 0)
		return -1;
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* The state of one template file: the directory serving it (1 the
 * site's, 2 the defaults', 0 none) and its stat. */
static size_t
look(const char *name, unsigned char *out)
{
	const char	*dirs[2] = { vl_conf.site_templates, vl_conf.templates };
	char		 path[4200];
	struct stat	 sb;
	int64_t		 v[7];
	unsigned char	 where = 0;
	size_t		 i;

	memset(v, 0, sizeof(v));
	for (i = 0; i < 2 && where == 0; i++) {
		if (dirs[i] == NULL || *dirs[i] == '\0')
			continue;
		if ((size_t)snprintf(path, sizeof(path), "%s/%s", dirs[i], name) >= sizeof(path))
			continue;
		if (stat(path, &sb) != 0)
			continue;
		where = (unsigned char)(i + 1);
		v[0] = (int64_t)sb.st_dev;
		v[1] = (int64_t)sb.st_ino;
		v[2] = (int64_t)sb.st_size;
		v[3] = (int64_t)sb.st_mtim.tv_sec;
		v[4] = (int64_t)sb.st_mtim.tv_nsec;
		v[5] = (int64_t)sb.st_ctim.tv_sec;
		v[6] = (int64_t)sb.st_ctim.tv_nsec;
	}
	out[0] = where;
	memcpy(out + 1, v, sizeof(v));
	return 1 + sizeof(v);
}

struct fold {
	crypto_generichash_state	*st;
	long long			 now;
	int				 whole;	/* every file remembered */
};


/* A file the key being made names, in state (once a file). */
static void
made_of(const char *name, const unsigned char *state, size_t len)
{
	size_t	 i;

	for (i = 0; i < nmade; i++)
		if (strcmp(made[i].name, name) == 0)
			return;
	if (nmade == FILES_MAX)
		return;		/* never: seen[] is no larger */
	snprintf(made[nmade].name, sizeof(made[nmade].name), "%s", name);
	memcpy(made[nmade].state, state, len);
	made[nmade++].len = len;
}

/*
 * Whether the files the last key named are still in the states it names.
 * A state up to LOOK_MS old stands in the key, while ctemplate may have
 * read the file since (its own once a second, lib/tpl.cc, runs apart):
 * a page of the new text under the old state's key would be sent again
 * should that state come back (a release's directory switched back to).
 */
static int
made_still(void)
{
	unsigned char	 state[64];
	size_t		 i, len;

	for (i = 0; i < nmade; i++) {
		len = look(made[i].name, state);
		if (len != made[i].len || memcmp(state, made[i].state, len) != 0)
			return 0;
	}
	return 1;
}

/* One file's state into the key: looked at again when last seen more
 * than LOOK_MS ago (or never).  Seen first or changed, its parsed copy
 * is dropped and ctemplate reads the file again, so the page expanded
 * under this key is this file's: ctemplate's own reload compares whole
 * seconds, and would keep the text of an edit made in the second of the
 * one it read (or read before this process first looked).  A file not
 * remembered (more than FILES_MAX, or a long name) could change unseen:
 * its page is not kept. */
static void
fold_file(const char *name, void *arg)
{
	struct fold	*f = arg;
	struct seen	*s = NULL;
	unsigned char	 state[64];
	size_t		 i, len;

	for (i = 0; i < FILES_MAX && strlen(name) < sizeof(seen[i].name); i++)
		if (strcmp(seen[i].name, name) == 0 || seen[i].name[0] == '\0') {
			s = &seen[i];
			break;
		}
	if (s != NULL && s->name[0] != '\0' && f->now >= 0 && f->now >= s->at_ms &&
	    f->now - s->at_ms < LOOK_MS) {
		len = s->len;
		memcpy(state, s->state, len);
	} else {
		len = look(name, state);
		if (s == NULL)
			f->whole = 0;
		else {
			if (s->name[0] == '\0' || s->len != len ||
			    memcmp(s->state, state, len) != 0)
				vl_tpl_forget(name);
			snprintf(s->name, sizeof(s->name), "%s", name);
			memcpy(s->state, state, len);
			s->len = len;
			s->at_ms = f->now;
		}
	}
	if (s != NULL)
		made_of(s->name, state, len);
	if (nfolded < ALIAS_FILES && strlen(name) < sizeof(folded[0]))
		snprintf(folded[nfolded++], sizeof(folded[0]), "%s", name);
	else
		folded_whole = 0;
	crypto_generichash_update(f->st, (const unsigned char *)name, strlen(name) + 1);
	crypto_generichash_update(f->st, state, len);
}

/* A key's start: its digest; the files are folded next. */
static void
key_begin(crypto_generichash_state *st, const unsigned char digest[32])
{
	nmade = 0;
	nfolded = 0;
	folded_whole = 1;
	memcpy(made_digest, digest, sizeof(made_digest));
	crypto_generichash_init(st, NULL, 0, VL_PAGEMEMO_KEY);
	crypto_generichash_update(st, digest, 32);
}

int
vl_pagememo_key(const struct vl_tpl *d, const char *file, unsigned char key[VL_PAGEMEMO_KEY])
{
	crypto_generichash_state	 st;
	unsigned char			 digest[32];
	struct fold			 f = { &st, now_ms(), 1 };

	vl_tpl_digest(d, file, VL_TPL_HTML, digest);
	key_begin(&st, digest);
	fold_file(file, &f);
	vl_tpl_includes(d, fold_file, &f);
	crypto_generichash_final(&st, key, VL_PAGEMEMO_KEY);
	memcpy(made_key, key, VL_PAGEMEMO_KEY);
	return f.whole;
}

void
vl_pagememo_alias_put(const unsigned char name[VL_PAGEMEMO_KEY])
{
	struct alias	*a = NULL;
	size_t		 i;

	if (vl_db_is_once() || !folded_whole || nfolded == 0)
		return;
	for (i = 0; i < ALIASES && a == NULL; i++)
		if (aliases[i].used != 0 && memcmp(aliases[i].name, name, VL_PAGEMEMO_KEY) == 0)
			a = &aliases[i];
	if (a == NULL) {
		a = &aliases[0];
		for (i = 1; i < ALIASES; i++)
			if (aliases[i].used < a->used)
				a = &aliases[i];
	}
	memcpy(a->name, name, VL_PAGEMEMO_KEY);
	memcpy(a->digest, made_digest, sizeof(a->digest));
	memcpy(a->files, folded, sizeof(a->files));
	a->nfiles = nfolded;
	a->used = ++ticks;
}

int
vl_pagememo_alias_key(const unsigned char name[VL_PAGEMEMO_KEY],
    unsigned char key[VL_PAGEMEMO_KEY])
{
	crypto_generichash_state	 st;
	struct fold			 f = { &st, now_ms(), 1 };
	struct alias			*a = NULL;
	size_t				 i;

	if (vl_db_is_once())
		return 0;
	for (i = 0; i < ALIASES && a == NULL; i++)
		if (aliases[i].used != 0 &&
		    sodium_memcmp(aliases[i].name, name, VL_PAGEMEMO_KEY) == 0)
			a = &aliases[i];
	if (a == NULL)
		return 0;
	a->used = ++ticks;
	/* The key vl_pagememo_key makes of the same calls, the files as
	 * they are now: a template edited since gives another key. */
	key_begin(&st, a->digest);
	for (i = 0; i < a->nfiles; i++)
		fold_file(a->files[i], &f);
	crypto_generichash_final(&st, key, VL_PAGEMEMO_KEY);
	memcpy(made_key, key, VL_PAGEMEMO_KEY);
	return f.whole;
}

/* A plain-CGI page's file name: "memo-" and one of MEMO_FILES slots
 * drawn from a MAC of the key.  A page a search or a session makes its
 * own would otherwise be a file each, as fast as a user asks, until the
 * sweep: a slot holds the last page kept in it, and its key says whose.
 * Under the install's secret, no one picks the pages that share a slot. */
static void
file_name(const unsigned char key[VL_PAGEMEMO_KEY], char name[MEMO_NAME])
{
	unsigned char	 mac[16];

	crypto_generichash(mac, sizeof(mac), key, VL_PAGEMEMO_KEY, vl_conf.secret,
	    sizeof(vl_conf.secret));
	snprintf(name, MEMO_NAME, "memo-%02x", mac[0] % MEMO_FILES);
}

int
vl_pagememo_get(struct vl_pool *pool, const unsigned char key[VL_PAGEMEMO_KEY],
    const char **body, size_t *len)
{
	size_t		 i, n, head = sizeof(magic) - 1 + VL_PAGEMEMO_KEY;
	char		 name[MEMO_NAME];
	const char	*data;

	if (!vl_db_is_once()) {
		for (i = 0; i < MEMO_SLOTS; i++)
			if (slots[i].body != NULL &&
			    sodium_memcmp(slots[i].key, key, VL_PAGEMEMO_KEY) == 0) {
				slots[i].used = ++ticks;
				*body = slots[i].body;
				*len = slots[i].len;
				return 1;
			}
		return 0;
	}
	file_name(key, name);
	if ((data = vl_pf_load(pool, name, &n)) == NULL || n < head ||
	    memcmp(data, magic, sizeof(magic) - 1) != 0 ||
	    sodium_memcmp(data + sizeof(magic) - 1, key, VL_PAGEMEMO_KEY) != 0)
		return 0;
	*body = data + head;
	*len = n - head;
	return 1;
}

void
vl_pagememo_put(const unsigned char key[VL_PAGEMEMO_KEY], const char *body, size_t len)
{
	struct vl_buf	 b = VL_BUF_INIT;
	struct slot	*k;
	char		 name[MEMO_NAME];
	size_t		 i;

	if (len > MEMO_MAX)
		return;
	/* Expanded from files that changed since the key was made: another
	 * page than the key names. */
	if (sodium_memcmp(key, made_key, VL_PAGEMEMO_KEY) == 0 && !made_still())
		return;
	if (vl_db_is_once()) {
		file_name(key, name);
		vl_buf_add(&b, magic, sizeof(magic) - 1);
		vl_buf_add(&b, key, VL_PAGEMEMO_KEY);
		vl_buf_add(&b, body, len);
		vl_pf_save(name, &b);
		vl_buf_release(&b);
		return;
	}
	k = &slots[0];
	for (i = 1; i < MEMO_SLOTS && k->body != NULL; i++)
		if (slots[i].body == NULL || slots[i].used < k->used)
			k = &slots[i];
	free(k->body);
	k->body = vl_xcalloc(1, len + 1);
	memcpy(k->body, body, len);
	memcpy(k->key, key, VL_PAGEMEMO_KEY);
	k->len = len;
	k->used = ++ticks;
}
