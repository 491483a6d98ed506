/* ld-ports.c - the ports and relays that LyncDiag's actions name, one row per set
 *
 * Every action, wizard step and report that tells an admin what to open
 * takes the words from here, so the same cause never gets two port lists.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ld-knowledge"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ld-knowledge.h"

static const LdPortSet port_sets[] = {
  /* What a client needs to the media relay (TURN on the A/V Edge).  UDP
   * 3478 is STUN/TURN on an A/V Edge; Office 365's media relays also
   * listen on 3479–3481 (endpoint ID 11). */
  { .id = "media-relay",
    .text = N_("TCP 443, UDP 3478 (Office 365: UDP 3478–3481) and TCP/UDP 50000–59999"),
    .reference = "SfB Server A/V Edge port tables (MicrosoftDocs); Office 365 URLs and IP address ranges, ID 11; "
                 "KB 2386684 (ports 443 and 50000-59999)" },
  /* Sharing and file transfer carry media over TCP only (Resource Kit
   * ch. 9, 0x20). */
  { .id = "media-relay-tcp",
    .text = N_("TCP 443 and TCP 50000–59999"),
    .reference = "Lync Server 2010 Resource Kit ch. 9 (0x20, 0x4000000); KB 2386684" },
  /* Between two organisations' A/V Edges (external interfaces); TCP
   * 50000–59999 is required for federation with OCS 2007 R2 / Lync 2010 /
   * 2013 partners. */
  { .id = "edge-to-edge",
    .text = N_("TCP 443, UDP 3478 and TCP/UDP 50000–59999"),
    .reference = "SfB Server A/V Edge port tables (MicrosoftDocs); Resource Kit ch. 9 (0x4000000)" },
  /* Inside: clients to their own A/V Edge's internal interface. */
  { .id = "edge-internal",
    .text = N_("TCP 443 and UDP 3478"),
    .reference = "SfB Server A/V Edge port tables (MicrosoftDocs); Resource Kit ch. 9 (0x1)" },
  /* Lync Online web services and meetings. */
  { .id = "online-web",
    .text = N_("HTTPS (TCP 443) to *.lync.com, including meet.lync.com"),
    .reference = "KB 2409256 (Lync Online network requirements); KB 2386684" },
};

/**
 * ld_port_set_lookup:
 * @id: a port set id ("media-relay")
 *
 * Returns: (transfer none) (nullable): the row
 */
const LdPortSet *
ld_port_set_lookup (const char *id)
{
  for (gsize i = 0; i < G_N_ELEMENTS (port_sets); i++)
    if (g_strcmp0 (port_sets[i].id, id) == 0)
      return &port_sets[i];
  return NULL;
}

/**
 * ld_port_set_get_text:
 * @id: a port set id
 *
 * Returns: (transfer none): the ports in words, translated
 */
const char *
ld_port_set_get_text (const char *id)
{
  const LdPortSet *set = ld_port_set_lookup (id);

  g_return_val_if_fail (set != NULL, "");
  return _(set->text);
}
