/* ld-redact.h - redaction that fails closed: values replaced as the logs are read, the output checked
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "ld-analysis.h"

G_BEGIN_DECLS

/* What an identifying value is; the output check names the kind of a
 * value that survived, never the value. */
typedef enum
{
  LD_REDACT_NAME,       /* a person's display name            -> Person N */
  LD_REDACT_USER,       /* a user part, an account name       -> userN (userN@domainM.example) */
  LD_REDACT_DOMAIN,     /* a SIP or DNS domain, a tenant       -> domainN.example */
  LD_REDACT_HOST,       /* a server or machine name            -> host-N[.domainM.example] */
  LD_REDACT_PHONE,      /* a phone number in any notation      -> +999000000N */
  LD_REDACT_IPV4,       /* private -> 10.x.y.z, public -> 203.0.113.z …, one /24 for one /24 */
  LD_REDACT_IPV6,       /* -> 2001:db8:N::H */
  LD_REDACT_MAC,        /* -> 02-00-00-00-00-0N */
  LD_REDACT_ENDPOINT,   /* an endpoint or device id (epid, GRUU, +sip.instance) -> epid-N, a GUID */
  LD_REDACT_MEETING,    /* a meeting or conference id, a meeting URL's path     -> meeting-N */
  LD_REDACT_TOKEN,      /* another id that is not random (opaque state, a tag)  -> token-N */
  LD_REDACT_PATH,       /* a folder, file or URL path          -> folder-N, log-N.ext, path-N */
  LD_REDACT_TEXT,       /* words of the user's own (a wizard answer) */
  LD_REDACT_N_KINDS
} LdRedactKind;

typedef struct _LdRedactor LdRedactor;

LdRedactor   *ld_redactor_new                (void);
void          ld_redactor_free               (LdRedactor     *self);
guint         ld_redactor_get_n_values       (LdRedactor     *self);
const char   *ld_redact_kind_get_label       (LdRedactKind    kind);
char         *ld_redact_dup_legend           (void);

LdRedactor   *ld_analysis_get_redactor       (LdAnalysis     *self);
LdAnalysis   *ld_analysis_dup_redacted       (LdAnalysis     *source,
                                              LdProgressFunc  progress,
                                              gpointer        progress_data,
                                              GCancellable   *cancellable,
                                              GError        **error);

void          ld_redactor_add_user_text      (LdRedactor     *self,
                                              const char     *text);
const char   *ld_redact_get_withheld_text    (void);

gboolean      ld_redactor_check_text         (LdRedactor     *self,
                                              const char     *text,
                                              gsize           len,
                                              GCancellable   *cancellable,
                                              GError        **error);
gboolean      ld_redactor_check_pdf          (LdRedactor     *self,
                                              GBytes         *pdf,
                                              GCancellable   *cancellable,
                                              GError        **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LdRedactor, ld_redactor_free)

G_END_DECLS
