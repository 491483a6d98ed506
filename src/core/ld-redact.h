/* ld-redact.h - stable pseudonyms for the people and addresses in a report
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "ld-analysis.h"

G_BEGIN_DECLS

typedef enum
{
  LD_REDACT_ADDRESS,   /* user@domain of a SIP URI or mail address -> user1@domain1.example */
  LD_REDACT_USER,      /* a bare user part ("alice")                -> user1 */
  LD_REDACT_DOMAIN,    /* a SIP domain ("contoso.com")              -> domain1.example */
  LD_REDACT_HOST,      /* any other host name                       -> host-1[.domain1.example] */
  LD_REDACT_IPV4,      /* private -> 10.0.0.x, public -> 203.0.113.x */
  LD_REDACT_IPV6,      /* -> 2001:db8::x */
  LD_REDACT_PHONE,     /* -> phone-1 */
  LD_REDACT_NAME,      /* a display name ("Joe Bloggs")             -> Person 1 */
  LD_REDACT_FOLDER,    /* the folder an input was read from         -> folder-1 */
} LdRedactKind;

typedef struct _LdRedactor LdRedactor;

LdRedactor *ld_redactor_new               (void);
LdRedactor *ld_redactor_new_for_analysis  (LdAnalysis    *analysis);
void        ld_redactor_free              (LdRedactor    *self);
const char *ld_redactor_add               (LdRedactor    *self,
                                           LdRedactKind   kind,
                                           const char    *value);
char       *ld_redactor_redact            (LdRedactor    *self,
                                           const char    *text);
guint       ld_redactor_get_count         (LdRedactor    *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LdRedactor, ld_redactor_free)

G_END_DECLS
