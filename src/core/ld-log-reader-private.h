/* ld-log-reader-private.h - what the parts of the log reader share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ld-log-reader.h"

G_BEGIN_DECLS

gboolean _ld_log_parse_datetime (const char **pp,
                                 const char  *end,
                                 char         sep,
                                 gint64      *out_time);

G_END_DECLS
