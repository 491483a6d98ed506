/* ld-parallel.h - independent pieces of work shared between two threads
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef void (*LdParallelFunc) (guint    index,
                                gpointer data);

void _ld_parallel_for (const char     *thread_name,
                       guint           n,
                       guint           batch,
                       LdParallelFunc  func,
                       gpointer        data);
void _ld_lower_thread_priority (void);
void _ld_idle_thread_priority  (void);

G_END_DECLS
