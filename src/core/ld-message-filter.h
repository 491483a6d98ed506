/* ld-message-filter.h - the message browser's query language: fields, NOT, OR, time ranges
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "ld-sip-message.h"

G_BEGIN_DECLS

#define LD_MESSAGE_FILTER_ERROR (ld_message_filter_error_quark ())

typedef enum
{
  LD_MESSAGE_FILTER_ERROR_SYNTAX,  /* OR or NOT without a term, a quote left open */
  LD_MESSAGE_FILTER_ERROR_VALUE,   /* a field's value it cannot take (status:abc, after:25:00) */
} LdMessageFilterError;

typedef struct _LdMessageFilter LdMessageFilter;

GQuark           ld_message_filter_error_quark     (void);

LdMessageFilter *ld_message_filter_new             (const char            *query,
                                                    GError               **error);
void             ld_message_filter_free            (LdMessageFilter       *self);
gboolean         ld_message_filter_is_empty        (const LdMessageFilter *self);
gboolean         ld_message_filter_needs_text      (const LdMessageFilter *self);
gboolean         ld_message_filter_match           (const LdMessageFilter *self,
                                                    const LdSipMessage    *msg,
                                                    const char            *text);
gboolean         ld_message_filter_find_highlight  (const LdMessageFilter *self,
                                                    const char            *text,
                                                    gsize                  from,
                                                    gsize                 *start,
                                                    gsize                 *end);
const char      *ld_message_filter_get_note        (const LdMessageFilter *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LdMessageFilter, ld_message_filter_free)

G_END_DECLS
