/*
 * The only C++ in Vellum: Google ctemplate behind the C face in vellum.h.
 * ctemplate reports failures only as `false` and writes the reason to
 * std::cerr, which spawn-fcgi points at /dev/null, so every call that can
 * fail runs with std::cerr captured and the text handed back to the caller.
 * Every entry point catches all exceptions.
 */
#include <cstring>
#include <ctime>
#include <iostream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include <ctemplate/template.h>
#include <ctemplate/template_cache.h>
#include <ctemplate/template_dictionary.h>
#include <ctemplate/template_emitter.h>

#include "vellum.h"
#include "internal.h"
#include "tplrec.h"

using ctemplate::TemplateDictionary;

namespace {

/* Swaps std::cerr into a string for the lifetime of the object. */
class CerrCapture {
public:
	CerrCapture() : old_(std::cerr.rdbuf(ss_.rdbuf())) {}
	~CerrCapture() { std::cerr.rdbuf(old_); }
	std::string text() const { return ss_.str(); }
private:
	std::stringstream ss_;
	std::streambuf *old_;
};

/*
 * Expansion writes into the caller's buffer: through a std::string the page
 * was built in a string grown by doubling and then copied whole, the two
 * at once on the heap (a 40 KB page: 60 KB of string and 40 KB of copy),
 * which a process keeps between requests as the heap's high-water mark.
 */
class BufEmitter : public ctemplate::ExpandEmitter {
public:
	explicit BufEmitter(struct vl_buf *b) : b_(b) {}
	virtual void Emit(char c) { vl_buf_addc(b_, c); }
	virtual void Emit(const std::string &s) { vl_buf_add(b_, s.data(), s.size()); }
	virtual void Emit(const char *s) { vl_buf_adds(b_, s); }
	virtual void Emit(const char *s, size_t n) { vl_buf_add(b_, s, n); }
private:
	struct vl_buf *b_;
};

ctemplate::Strip
strip_of(enum vl_tpl_strip s)
{
	return s == VL_TPL_TEXT ? ctemplate::DO_NOT_STRIP : ctemplate::STRIP_BLANK_LINES;
}

void
put_err(struct vl_buf *err, const char *file, const std::string &what)
{
	if (err == NULL)
		return;
	vl_buf_addf(err, "template %s: %s", file, what.empty() ? "failed" : what.c_str());
	while (err->len && (err->buf[err->len - 1] == '\n'))
		err->buf[--err->len] = '\0';
}

/*
 * Variable and section names interned once a process.  A plain
 * TemplateString name costs ctemplate a hash and, on every SetValue,
 * ShowSection and AddSectionDictionary, a look-up in its global id-to-name
 * map under a lock (about 1,000 instructions a call, a fifth of the matters
 * page's program time); a name carrying its id skips both.  The names are
 * the program's own (a page uses 100 to 200; every template together about
 * 850), so the table is bounded and a name past the bound simply goes the
 * slow way.  1,024 slots, 8 KiB: a hash scatters the names over every page
 * of the table, and each is a page the process holds (32 KiB at 4,096).
 */
const size_t NAMES_SLOTS = 1024;	/* a power of two */
const size_t NAMES_MAX = NAMES_SLOTS / 2;

ctemplate::TemplateString
name_of(const char *key)
{
	static const ctemplate::StaticTemplateString *slots[NAMES_SLOTS];
	static size_t used;
	uint64_t h = 14695981039346656037ULL;	/* FNV-1a */
	size_t len, i;

	for (len = 0; key[len] != '\0'; len++)
		h = (h ^ (unsigned char)key[len]) * 1099511628211ULL;
	for (i = (size_t)h & (NAMES_SLOTS - 1); slots[i] != NULL; i = (i + 1) & (NAMES_SLOTS - 1)) {
		const auto &n = slots[i]->do_not_use_directly_;
		if (n.length_ == len && std::memcmp(n.ptr_, key, len) == 0)
			return ctemplate::TemplateString(*slots[i]);
	}
	if (used >= NAMES_MAX)
		return ctemplate::TemplateString(key, len);
	/* Kept for the life of the process: ctemplate keeps pointers to it. */
	char *copy = new char[len + 1];
	std::memcpy(copy, key, len + 1);
	auto *sts = new ctemplate::StaticTemplateString{ { copy, len, 0 } };
	ctemplate::StaticTemplateStringInitializer init(sts);
	slots[i] = sts;
	used++;
	return ctemplate::TemplateString(*sts);
}

} /* namespace */

extern "C" int
vl_tpl_init(const char *site_dir, const char *default_dir)
{
	try {
		ctemplate::TemplateCache *c = ctemplate::mutable_default_template_cache();
		if (site_dir != NULL && *site_dir != '\0') {
			c->SetTemplateRootDirectory(site_dir);
			c->AddAlternateTemplateRootDirectory(default_dir);
		} else
			c->SetTemplateRootDirectory(default_dir);
		return 0;
	} catch (...) {
		return -1;
	}
}

extern "C" void
vl_tpl_reload_now(void)
{
	try {
		ctemplate::mutable_default_template_cache()->ReloadAllIfChanged(
		    ctemplate::TemplateCache::LAZY_RELOAD);
	} catch (...) {
	}
}

/*
 * Edited templates are picked up at most a second late.  ctemplate checks a
 * template marked for reloading at its next use: a stat in the site
 * directory, one in the defaults and one for the time, three for each of a
 * page's templates (nine system calls a matters page).  Marked once a
 * second, a process pays them once a second instead of on every request.
 */
extern "C" void
vl_tpl_reload_at(long long now_ms)
{
	static long long	 last = -1;

	if (last >= 0 && now_ms >= last && now_ms - last < 1000)
		return;
	last = now_ms;
	vl_tpl_reload_now();
}

/* The clock is the vDSO's coarse one: no system call. */
extern "C" void
vl_tpl_reload(void)
{
	struct timespec	 now;

	if (clock_gettime(CLOCK_MONOTONIC_COARSE, &now) != 0) {
		vl_tpl_reload_now();
		return;
	}
	vl_tpl_reload_at((long long)now.tv_sec * 1000 + now.tv_nsec / 1000000);
}

extern "C" void
vl_tpl_forget(const char *file)
{
	try {
		ctemplate::mutable_default_template_cache()->Delete(file);
	} catch (...) {
	}
}

extern "C" void
vl_tpl_shutdown(void)
{
	try {
		ctemplate::mutable_default_template_cache()->ClearCache();
	} catch (...) {
	}
}

/*
 * The dictionaries a page's calls made (lib/tplrec.c), made now: the
 * records replayed in their order, each node's dictionary kept by number.
 * Built once for a log; a log grown since is built again.
 */
struct built {
	TemplateDictionary *root;
	std::vector<TemplateDictionary *> nodes;
};

static void
built_free(void *b)
{
	try {
		struct built *x = static_cast<struct built *>(b);
		delete x->root;
		delete x;
	} catch (...) {
	}
}

static TemplateDictionary *
build(const struct vl_tpl *t)
{
	struct vl_tpl_log *l = t->log;

	if (l->built != NULL && l->built_len == l->log.len)
		return static_cast<struct built *>(l->built)->nodes.at(t->node);
	if (l->built != NULL) {
		built_free(l->built);
		l->built = NULL;
	}
	struct built *b = new struct built;
	l->built = b;
	l->built_free = built_free;
	l->built_len = l->log.len;
	b->root = new TemplateDictionary("page");
	b->nodes.reserve(l->nodes);
	b->nodes.push_back(b->root);
	const char *p = l->log.buf, *end = p + l->log.len;
	while (p != nullptr && p < end) {
		unsigned char op = static_cast<unsigned char>(*p);
		uint32_t node, n;
		std::memcpy(&node, p + 1, sizeof(node));
		p += 5;
		const char *name = p;
		p += std::strlen(p) + 1;
		TemplateDictionary *d = b->nodes.at(node);
		switch (op) {
		case VL_TOP_SET:
			std::memcpy(&n, p, sizeof(n));
			p += sizeof(n);
			d->SetValue(name_of(name), ctemplate::TemplateString(p, n));
			p += n;
			break;
		case VL_TOP_SECTION:
			b->nodes.push_back(d->AddSectionDictionary(name_of(name)));
			break;
		case VL_TOP_SHOW:
			d->ShowSection(name_of(name));
			break;
		case VL_TOP_INCLUDE: {
			TemplateDictionary *sub = d->AddIncludeDictionary(name);
			sub->SetFilename(p);
			p += std::strlen(p) + 1;
			b->nodes.push_back(sub);
			break;
		}
		default:
			throw std::runtime_error("template log");
		}
	}
	return b->nodes.at(t->node);
}

extern "C" enum vl_tpl_rc
vl_tpl_check(const char *file, enum vl_tpl_strip strip, struct vl_buf *err)
{
	try {
		CerrCapture cap;
		ctemplate::TemplateCache *c = ctemplate::mutable_default_template_cache();
		if (c->FindTemplateFilename(file).empty()) {
			put_err(err, file, "not found");
			return VL_TPL_NOTFOUND;
		}
		if (!ctemplate::LoadTemplate(file, strip_of(strip))) {
			put_err(err, file, cap.text());
			return VL_TPL_SYNTAX;
		}
		return VL_TPL_OK;
	} catch (...) {
		put_err(err, file, "out of memory");
		return VL_TPL_NOMEM;
	}
}

extern "C" enum vl_tpl_rc
vl_tpl_expand(const char *file, enum vl_tpl_strip strip, const struct vl_tpl *t,
    struct vl_buf *out, struct vl_buf *err)
{
	size_t start = out->len;

	if (t == NULL) {
		put_err(err, file, "no dictionary");
		return VL_TPL_NOMEM;
	}
	try {
		std::string captured;
		bool ok;
		{
			CerrCapture cap;
			BufEmitter emit(out);
			ok = ctemplate::ExpandTemplate(file, strip_of(strip), build(t), &emit);
			captured = cap.text();
		}
		if (ok)
			return VL_TPL_OK;
		/* The rare path: tell a missing or broken file from a failed
		 * expansion (usually a broken include).  Partial output is dropped. */
		out->len = start;
		if (out->buf != NULL)
			out->buf[start] = '\0';
		struct vl_buf why = VL_BUF_INIT;
		enum vl_tpl_rc rc = vl_tpl_check(file, strip, &why);
		/* ctemplate said why while expanding; a second load stays silent. */
		if (captured.empty() && why.len > 0)
			vl_buf_add(err, why.buf, why.len);
		else
			put_err(err, file, captured);
		vl_buf_release(&why);
		return rc != VL_TPL_OK ? rc : VL_TPL_EXPAND;
	} catch (...) {
		out->len = start;
		if (out->buf != NULL)
			out->buf[start] = '\0';
		put_err(err, file, "out of memory");
		return VL_TPL_NOMEM;
	}
}
