/* ld-sip-message-private.h - what the SIP message parser and its readers share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

const char *_ld_sip_expand_compact    (const char *name,
                                       gsize       len);
const char *_ld_sip_header_find_param (const char *header_value,
                                       const char *param,
                                       gsize      *len);

G_END_DECLS
