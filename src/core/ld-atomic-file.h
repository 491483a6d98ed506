/* ld-atomic-file.h - write a file whole or not at all
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct _LdAtomicFile LdAtomicFile;

LdAtomicFile  *ld_atomic_file_new              (GFile         *target,
                                                GCancellable  *cancellable,
                                                GError       **error);
GOutputStream *ld_atomic_file_get_stream       (LdAtomicFile  *self);
gboolean       ld_atomic_file_commit           (LdAtomicFile  *self,
                                                GCancellable  *cancellable,
                                                GError       **error);
void           ld_atomic_file_free             (LdAtomicFile  *self);

gboolean       ld_atomic_file_replace_contents (GFile         *target,
                                                const void    *data,
                                                gsize          len,
                                                GCancellable  *cancellable,
                                                GError       **error);
void           ld_atomic_file_install_signal_cleanup (void);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LdAtomicFile, ld_atomic_file_free)

G_END_DECLS
