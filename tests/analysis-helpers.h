/* analysis-helpers.h - what the core tests share: a fixture or a text analysed, failing the test if it cannot be
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lyncdiag.h"

LdAnalysis *analyse      (const char *first,
                          ...) G_GNUC_NULL_TERMINATED;

LdAnalysis *analyse_text (const char *name,
                          const char *text);

void        collect_fixture_files (const char *dir,
                                   gboolean  (*keep) (const char *name),
                                   GPtrArray  *out);

void        remove_tree           (const char *path);

void        assert_same_summary   (const LdSipMessage *got,
                                   const LdSipMessage *want);
