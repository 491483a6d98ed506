/* ld-win-settings.c - the app's GSettings, when its schema is installed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ld-win-settings"

#include "config.h"

#include "ld-win-settings.h"

/**
 * ld_win_settings_new:
 *
 * Run from the build tree without installing there is no schema:
 * g_settings_new() would abort, so the window works without memory of
 * sizes and searches instead.
 *
 * Returns: (transfer full) (nullable): the settings, or %NULL
 */
GSettings *
ld_win_settings_new (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APPLICATION_ID, TRUE);
  if (schema == NULL)
    return NULL;
  return g_settings_new_full (schema, NULL, NULL);
}
