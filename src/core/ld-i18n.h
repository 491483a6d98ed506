/* ld-i18n.h - where the translations are found, for the app, the CLI and the tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

void        ld_i18n_init          (void);
const char *ld_i18n_get_localedir (void);

G_END_DECLS
