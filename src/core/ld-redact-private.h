/* ld-redact-private.h - what the redactor's parts share: the value table, the rewriters, the check
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ld-redact.h"
#include "ld-log-reader.h"

G_BEGIN_DECLS

/* Stands for a value whose structure is not known: redacted as a whole. */
#define LD_REDACTED_MARK "[redacted]"

/* Needles longer than this are checked by their beginning: a value that
 * long is identified by its first 256 bytes just as well. */
#define LD_REDACT_MAX_NEEDLE 256

/* How a value collected for the output check is looked for. */
typedef enum
{
  LD_NEEDLE_WORD,    /* a single word: whole words only, and not one of the tool's own */
  LD_NEEDLE_STRONG,  /* anything with punctuation, digits or spaces: also across line breaks */
  LD_NEEDLE_DIGITS,  /* a phone number: its digits, whatever the separators */
  LD_NEEDLE_PREFIX = 0x10, /* with STRONG: the start of a longer value, which may end inside a word */
} LdNeedleMode;

struct _LdRedactor
{
  GHashTable  *maps[LD_REDACT_N_KINDS];  /* normalised original -> pseudonym */
  guint        counters[LD_REDACT_N_KINDS];
  GHashTable  *prefix_counters; /* "folder-", "log-", "path-"… -> last number */
  GHashTable  *given;        /* casefolded pseudonyms (and their parts) handed out */
  GHashTable  *reserved;     /* casefolded real values: never handed out */
  GHashTable  *needles;      /* casefolded needle -> GUINT_TO_POINTER (kind << 8 | mode) */
  GHashTable  *words;        /* casefolded word or name -> "kind\x1fkey": found in free text */
  GHashTable  *ipv4_nets;    /* "a.b.c" (real /24) -> NetSlot */
  GHashTable  *ipv6_nets;    /* first four groups -> NetSlot */
  guint        n_private_nets;
  guint        n_public_nets;
  guint        n_ipv6_nets;
  GPtrArray   *net_slots;    /* (element-type NetSlot) owned */
  gboolean     learning;     /* the first pass: values are learnt, the output is not used */
  gboolean     overflow;     /* too many values to check: the output check refuses */

  /* The filter's results, valid until its next call. */
  GString     *record;
  GString     *scratch;
  char        *remote;
  char        *local;
  guint64      work;         /* characters examined by the recognisers of the current value */
  guint64      work_limit;
  guint        depth;        /* recognisers calling each other on parts of a value */
};

/* ld-redact.c: the table of values and pseudonyms */
void          _ld_redactor_seed_from         (LdRedactor     *self,
                                              LdRedactor     *learnt);
const char   *_ld_redactor_pseudonym         (LdRedactor     *self,
                                              LdRedactKind    kind,
                                              const char     *key);
void          _ld_redactor_collect           (LdRedactor     *self,
                                              LdRedactKind    kind,
                                              const char     *value,
                                              gssize          len);
void          _ld_redactor_learn_word        (LdRedactor     *self,
                                              LdRedactKind    kind,
                                              const char     *word,
                                              gssize          len,
                                              const char     *key);
const char   *_ld_redactor_lookup_word       (LdRedactor     *self,
                                              const char     *word,
                                              gsize           len);
gboolean      _ld_redact_is_vocabulary       (const char     *folded_word);  /* generated */
gboolean      _ld_redact_domain_is_public    (const char     *host,
                                              gsize           len);
gboolean      _ld_redact_label_is_generic    (const char     *label,
                                              gsize           len);
const char   *_ld_redactor_name              (LdRedactor     *self,
                                              const char     *name,
                                              gsize           len);
const char   *_ld_redactor_ipv4              (LdRedactor     *self,
                                              const char     *ip,
                                              gsize           len);
const char   *_ld_redactor_ipv6              (LdRedactor     *self,
                                              const char     *ip,
                                              gsize           len);
const char   *_ld_redactor_mac               (LdRedactor     *self,
                                              const char     *mac,
                                              gsize           len);
const char   *_ld_redactor_phone             (LdRedactor     *self,
                                              const char     *number,
                                              gsize           len);
const char   *_ld_redactor_numbered          (LdRedactor     *self,
                                              LdRedactKind    kind,
                                              const char     *prefix,
                                              const char     *suffix,
                                              const char     *value,
                                              gsize           len);
const char   *_ld_redactor_simple            (LdRedactor     *self,
                                              LdRedactKind    kind,
                                              const char     *value,
                                              gsize           len);
const char   *_ld_redactor_guid              (LdRedactor     *self,
                                              const char     *guid,
                                              gsize           len);
const char   *_ld_redactor_domain            (LdRedactor     *self,
                                              const char     *domain,
                                              gsize           len);
const char   *_ld_redactor_host_label        (LdRedactor     *self,
                                              const char     *label,
                                              gsize           len);
const char   *_ld_redactor_user              (LdRedactor     *self,
                                              const char     *user,
                                              gsize           user_len,
                                              const char     *domain,
                                              gsize           domain_len);

/* ld-redact-shape.c: what a piece of a log is */
gboolean      _ld_redact_in_list             (const char         *s,
                                              gsize               len,
                                              const char * const *list,
                                              gsize               n);
gboolean      _ld_redact_key_kind            (const char     *key,
                                              gsize           len,
                                              LdRedactKind   *kind);
gsize         _ld_redact_word_char           (const char     *s,
                                              gsize           i,
                                              gsize           len);
gboolean      _ld_redact_is_host_byte        (guchar          c);
gsize         _ld_redact_char_len            (const char     *s,
                                              gsize           i,
                                              gsize           len);
gboolean      _ld_redact_is_space            (char            c);
gboolean      _ld_redact_is_file_extension   (const char     *s,
                                              gsize           len);
gboolean      _ld_redact_is_uri_scheme       (const char     *s,
                                              gsize           len);
void          _ld_redact_append_mark         (GString        *out,
                                              const char     *orig,
                                              gsize           len,
                                              const char     *replacement);
gboolean      _ld_redact_is_random_token     (const char     *s,
                                              gsize           len);
gsize         _ld_redact_host_span           (const char     *s,
                                              gsize           len,
                                              guint          *n_labels,
                                              gsize          *last_label);
gboolean      _ld_redact_tld_plausible       (const char     *s,
                                              gsize           len,
                                              gboolean        allow_file_extension);
gboolean      _ld_redact_parse_ipv4          (const char     *s,
                                              gsize           len);
gboolean      _ld_redact_looks_like_phone    (const char     *s,
                                              gsize           len);
gboolean      _ld_redact_is_guid             (const char     *s,
                                              gsize           len);
gboolean      _ld_redact_is_mac              (const char     *s,
                                              gsize           len);
gboolean      _ld_redact_is_host_name        (const char     *s,
                                              gsize           len,
                                              gboolean        allow_file_extension);
gboolean      _ld_redact_is_windows_path     (const char     *s,
                                              gsize           len);
gboolean      _ld_redact_is_ipv6             (const char     *s,
                                              gsize           len);
gboolean      _ld_redact_is_phone_number     (const char     *s,
                                              gsize           len);
gboolean      _ld_redact_is_protocol_token   (const char     *s,
                                              gsize           len);

/* ld-redact-uri.c: URIs, hosts, addresses, parameters, ids */
void          _ld_redact_host                (LdRedactor     *self,
                                              GString        *out,
                                              const char     *host,
                                              gsize           len);
void          _ld_redact_hostport            (LdRedactor     *self,
                                              GString        *out,
                                              const char     *s,
                                              gsize           len);
void          _ld_redact_user_part           (LdRedactor     *self,
                                              GString        *out,
                                              const char     *user,
                                              gsize           len,
                                              const char     *host,
                                              gsize           host_len);
gsize         _ld_redact_uri                 (LdRedactor     *self,
                                              GString        *out,
                                              const char     *s,
                                              gsize           len);
void          _ld_redact_param_value         (LdRedactor     *self,
                                              GString        *out,
                                              const char     *name,
                                              gsize           nlen,
                                              const char     *s,
                                              gsize           len);
void          _ld_redact_opaque              (LdRedactor     *self,
                                              GString        *out,
                                              const char     *s,
                                              gsize           len);
void          _ld_redact_token               (LdRedactor     *self,
                                              GString        *out,
                                              LdRedactKind    kind,
                                              const char     *s,
                                              gsize           len);

/* ld-redact-value.c: values of fields, paths, display names */
void          _ld_redact_path                (LdRedactor     *self,
                                              GString        *out,
                                              const char     *s,
                                              gsize           len);
void          _ld_redact_value               (LdRedactor     *self,
                                              GString        *out,
                                              const char     *key,
                                              gsize           key_len,
                                              const char     *s,
                                              gsize           len);
void          _ld_redact_display_name        (LdRedactor     *self,
                                              GString        *out,
                                              const char     *s,
                                              gsize           len);
void          _ld_redact_words               (LdRedactor     *self,
                                              GString        *out,
                                              const char     *s,
                                              gsize           len);

/* ld-redact-text.c: free text */
void          _ld_redact_text                (LdRedactor     *self,
                                              GString        *out,
                                              const char     *s,
                                              gsize           len);

/* ld-redact-sip.c and ld-redact-record.c: records, trace lines and input names */
const char   *_ld_redactor_filter_record     (LdRedactor         *self,
                                              const LdRecordInfo *info,
                                              const char         *text,
                                              gsize               len,
                                              LdRecordInfo       *out_info,
                                              gsize              *out_len);
const char   *_ld_redactor_filter_trace      (LdRedactor     *self,
                                              const char     *text,
                                              gsize           len,
                                              gsize          *out_len);
char         *_ld_redactor_dup_input_path    (LdRedactor     *self,
                                              const char     *path);
char         *_ld_redactor_dup_member        (LdRedactor     *self,
                                              const char     *member);
void          _ld_redactor_filter_skipped    (LdRedactor     *self,
                                              char          **path,
                                              char          **member,
                                              char          **reason);
void          _ld_redact_sip_headers         (LdRedactor     *self,
                                              GString        *out,
                                              const char     *s,
                                              gsize           len,
                                              char          **content_type);
void          _ld_redact_body                (LdRedactor     *self,
                                              GString        *out,
                                              const char     *content_type,
                                              const char     *s,
                                              gsize           len);

/* ld-redact-xml.c: XML bodies and QoE reports */
void          _ld_redact_xml                 (LdRedactor     *self,
                                              GString        *out,
                                              const char     *s,
                                              gsize           len);

/* ld-redact-scan.c: the check */
gboolean      _ld_redactor_check             (LdRedactor     *self,
                                              const char     *text,
                                              gsize           len,
                                              gboolean        pdf_lines,
                                              GCancellable   *cancellable,
                                              GError        **error);

/* ld-redact-pdf.c: the text a PDF shows, for the check */
char         *_ld_redact_pdf_dup_text        (GBytes         *pdf,
                                              GCancellable   *cancellable,
                                              GError        **error);

/* ld-redact-analysis.c: the hook in the reading path */
void          _ld_analysis_set_redactor      (LdAnalysis     *self,
                                              LdRedactor     *redactor);

G_END_DECLS
