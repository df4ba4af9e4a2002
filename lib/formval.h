/*
 * Intake forms' pure rules (SPEC F-A8, F-B12): the field types, what an
 * answer of each must look like, which contact or matter field an answer
 * may fill and how, and the parser of a filled form's answers.  No
 * database: unit-tested (tests/unit/test_formval.c) and fuzzed
 * (tests/fuzz/fuzz_formanswers.c).
 */
#ifndef VELLUM_FORMVAL_H
#define VELLUM_FORMVAL_H

#include <stddef.h>
#include <stdint.h>

#include "vellum.h"

/* The field types; the names are the stored ones (form_fields.kind). */
enum vl_ffield_kind {
	VL_FF_TEXT,		/* one line, VL_FF_TEXT_MAX bytes */
	VL_FF_LONGTEXT,		/* lines, VL_FF_LONG_MAX bytes */
	VL_FF_EMAIL,
	VL_FF_PHONE,
	VL_FF_DATE,		/* YYYY-MM-DD */
	VL_FF_NUMBER,		/* -12.5: digits, one optional point */
	VL_FF_CHOICE,		/* one of the options */
	VL_FF_MULTI,		/* any of the options, one a line */
	VL_FF_YESNO,		/* "yes" or "no" */
	VL_FF_FILE,		/* an upload, kept as a document of the matter */
	VL_FF__MAX
};
extern const char *const vl_ffield_kinds[VL_FF__MAX];
/* The kind named name, or VL_FF__MAX. */
enum vl_ffield_kind vl_ffield_kind_of(const char *name);

#define VL_FF_TEXT_MAX		500
#define VL_FF_LONG_MAX		10000
#define VL_FF_LABEL_MAX		200
#define VL_FF_HELP_MAX		1000
#define VL_FF_OPTION_MAX	200	/* bytes of one option */
#define VL_FF_OPTIONS_MAX	50	/* options of a field */
#define VL_FF_FIELDS_MAX	100	/* fields of a form */

/* What an answer may fill on submission (form_fields.maps_to); the
 * contact is the matter's client. */
enum vl_fmap {
	VL_FMAP_NONE,
	VL_FMAP_CONTACT_NAME,
	VL_FMAP_CONTACT_PHONE,
	VL_FMAP_CONTACT_ADDRESS,
	VL_FMAP_MATTER_DESCRIPTION,
	VL_FMAP_CONTACT_EMAIL,		/* added to the addresses, never primary */
	VL_FMAP_CONTACT_BIRTH,		/* the date of birth */
	VL_FMAP_MATTER_FIELD,		/* one of the firm's matter fields */
	VL_FMAP__MAX
};
extern const char *const vl_fmaps[VL_FMAP__MAX];
/* The target named name ("" or NULL: VL_FMAP_NONE), or VL_FMAP__MAX. */
enum vl_fmap vl_fmap_of(const char *name);
/*
 * The target a builder's choice names: a target's name, or
 * "matter_field:<id>" for the firm's matter field id (*field set; 0 for
 * the others).  VL_FMAP__MAX for anything else ("matter_field" without
 * an id among them).
 */
enum vl_fmap vl_fmap_parse(const char *choice, int64_t *field);
/* 1 if a field of kind may fill target (a name from a line of text, a
 * phone from a phone or a line, an address or a description from text, an
 * email from an email, a date of birth from a date, a matter field from
 * any one-line answer: text, email, phone, date, number, choice, yes/no). */
int	 vl_fmap_fits(enum vl_ffield_kind, enum vl_fmap);
/*
 * The value target holds after an answer, given what it held (old): the
 * answer replaces a name, an address or a description; a phone number is
 * added as a line of the contact's phones unless it is one already; an
 * email, trimmed and lower-cased, is added as a line of old (the contact's
 * addresses, one a line) unless one of them is it already, compared
 * without case; a date of birth or a matter field is replaced.  NULL when
 * nothing changes (no answer, the same value, or a result longer than the
 * column); else a pool copy.
 */
char	*vl_fmap_merge(struct vl_pool *, enum vl_fmap, const char *old, const char *answer);

/*
 * Why answer value of a field (kind, required, options one a line) is
 * refused, as a code the page shows in its words: "missing" (required and
 * not answered), "long", "invalid" (not an email, a phone, a date, a
 * number, "yes"/"no", or not UTF-8 text), "line" (a line break in a line),
 * "option" (not one of the options, or one twice); NULL when it is fine.
 * value NULL or "" is "not answered"; for a file, value is the document's
 * name once one is uploaded.
 */
const char *vl_ffield_check(enum vl_ffield_kind, int required, const char *options,
	    const char *value);
/*
 * A field's options as the builder stores them: lines trimmed, empty ones
 * dropped, at most one of each.  NULL with *code ("options_missing" for a
 * choice without options, "options_long" past VL_FF_OPTIONS_MAX options or
 * an option past VL_FF_OPTION_MAX bytes, "options_invalid" for text that is
 * not UTF-8) when refused; "" for kinds without options.  In the pool.
 */
char	*vl_ffield_options(struct vl_pool *, enum vl_ffield_kind, const char *text,
	    const char **code);

/*
 * The answers of a filled form, from its posted pairs: pair "f<id>" is
 * the answer to field ids[i]; a multiple choice collects every pair of its
 * field (one a line), any other kind keeps its first.  values[i] is NULL
 * when nothing was sent for field i, else a pool copy (CR LF made LF).
 * Pairs of unknown fields, and anything else, are ignored.  Returns the
 * number of answers found.
 */
size_t	 vl_fanswers_parse(struct vl_pool *, const struct vl_pair *pairs, const int64_t *ids,
	    const enum vl_ffield_kind *kinds, size_t n, char **values);
/*
 * Why s is refused as a date of birth, given today's date in the firm's
 * zone (both YYYY-MM-DD): "dob_invalid" (not a date of the calendar from
 * 1900), "dob_future" (after today); NULL when fine, and for "" (none).
 */
const char *vl_birth_check(const char *s, const char *today);
/* The longest value of a matter field, in bytes. */
#define VL_MFIELD_VALUE_MAX	500
/* Why v is refused as a matter field's value: "value_long",
 * "value_line" (a line break), "value_invalid" (not UTF-8); NULL when fine
 * (also for NULL and ""). */
const char *vl_mfield_value_check(const char *v);

/* The field id named by a form key "f<id>", or 0. */
int64_t	 vl_fanswer_key(const char *key);

#endif
