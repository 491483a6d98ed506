/* ld-parallel.h - independent pieces of work shared out over one pool of threads
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef void (*LdParallelFunc) (guint    index,
                                gpointer data);

typedef struct _LdParallelStep LdParallelStep;

guint           _ld_parallel_get_n_threads (void);
LdParallelStep *_ld_parallel_step_new      (guint           n,
                                            guint           batch,
                                            LdParallelFunc  func,
                                            gpointer        data);
LdParallelStep *_ld_parallel_step_ref      (LdParallelStep *step);
void            _ld_parallel_step_unref    (LdParallelStep *step);
void            _ld_parallel_step_widen    (LdParallelStep *step);
void            _ld_parallel_step_run      (LdParallelStep *step);
void            _ld_parallel_for           (guint           n,
                                            guint           batch,
                                            LdParallelFunc  func,
                                            gpointer        data);
void            _ld_parallel_run           (GThreadFunc     func,
                                            gpointer        data);

G_END_DECLS
