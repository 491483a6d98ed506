/* fuzz-sip-message.c - libFuzzer harness: the SIP message parser and its helpers
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
  g_autoptr(LdSipMessage) msg = ld_sip_message_parse ((const char *) data, size, NULL);
  g_autofree char *summary = NULL;
  g_autofree char *from = NULL;
  g_autofree char *tag = NULL;
  g_autoptr(GPtrArray) vias = NULL;

  if (msg == NULL)
    return 0;
  summary = ld_sip_message_dup_summary (msg);
  g_assert (g_utf8_validate (summary, -1, NULL));
  g_assert (g_utf8_validate (msg->body, -1, NULL));
  g_assert (g_utf8_validate (msg->raw, -1, NULL));
  from = ld_sip_uri_dup_address (msg->from);
  if (msg->to != NULL)
    tag = ld_sip_header_dup_param (msg->to, "tag");
  vias = ld_sip_message_dup_headers (msg, "v");
  (void) ld_sip_message_get_header (msg, "Content-Length");
  (void) ld_sip_message_is_noise (msg);
  return 0;
}
