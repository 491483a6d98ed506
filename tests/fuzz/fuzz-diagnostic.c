/* fuzz-diagnostic.c - libFuzzer harness: ms-diagnostics, media debug, ICEWarn and the paste decoder
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "lyncdiag.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autofree char *text = g_strndup ((const char *) data, size);
  g_autoptr(GString) out = g_string_new (NULL);
  LdIceBit bits[32];
  guint32 value;

  for (LdDiagHeader h = LD_DIAG_HEADER_MS_DIAGNOSTICS; h <= LD_DIAG_HEADER_MS_CLIENT_DIAGNOSTICS; h++)
    {
      g_autoptr(LdDiagnostic) d = ld_diagnostic_parse (h, text);
      g_autofree char *meaning = ld_code_dup_meaning (h, d->code, d->reason);

      g_assert (d->reason == NULL || g_utf8_validate (d->reason, -1, NULL));
      (void) ld_diagnostic_is_failure (d);
      (void) ld_code_get_component (h, d->code);
      for (guint i = 0; i < d->media->len; i++)
        {
          const LdMediaDebug *m = g_ptr_array_index (d->media, i);
          if (m->has_ice_warn)
            g_assert (ld_ice_warn_decode (LD_ICE_TABLE_RESKIT, m->ice_warn, bits) <= 32);
        }
    }
  {
    g_autoptr(LdMediaDebug) m = ld_media_debug_parse (LD_MEDIA_ROLE_CALLER, text);
    (void) ld_media_debug_get_field (m, "LocalMR");
  }
  if (ld_ice_warn_parse (text, &value))
    {
      g_assert (ld_ice_warn_decode (LD_ICE_TABLE_RESKIT, value, bits) <= 32);
      g_assert (ld_ice_warn_decode (LD_ICE_TABLE_QOE, value, bits) <= 32);
    }
  if (ld_decode_pasted (text, out, NULL))
    g_assert (g_utf8_validate (out->str, out->len, NULL));
  return 0;
}
