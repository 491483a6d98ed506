/* ld-loader-private.h - what the core alone asks of a loader: a redacted load
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ld-loader.h"
#include "ld-redact.h"

G_BEGIN_DECLS

void  _ld_loader_set_redactor      (LdLoader       *self,
                                    LdRedactor     *redactor);
void  _ld_loader_set_progress_func (LdLoader       *self,
                                    LdProgressFunc  func,
                                    gpointer        user_data);
const GError *_ld_loader_get_file_error (LdLoader  *self,
                                         guint      i);

G_END_DECLS
