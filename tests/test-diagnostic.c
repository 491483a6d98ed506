/* test-diagnostic.c - ms-diagnostics, media debug, ICEWarn and code tables against real excerpts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-diagnostic"

#include "config.h"

#include <string.h>
#include <locale.h>
#include <glib.h>

#include "ld-diagnostic.h"
#include "ld-analysis-private.h"

#include "diagnostic-excerpts.h"

static void
assert_field (const GPtrArray *fields,
              guint            index,
              const char      *key,
              const char      *value)
{
  const LdField *field;

  g_assert_cmpuint (index, <, fields->len);
  field = g_ptr_array_index (fields, index);
  g_assert_cmpstr (field->key, ==, key);
  g_assert_cmpstr (field->value, ==, value);
}

static const LdMediaDebug *
media_at (const LdDiagnostic *diag,
          guint               index)
{
  g_assert_cmpuint (index, <, diag->media->len);
  return g_ptr_array_index (diag->media, index);
}

static void
assert_all_utf8 (const LdDiagnostic *diag)
{
  g_assert_true (g_utf8_validate (diag->raw, -1, NULL));
  if (diag->reason != NULL)
    g_assert_true (g_utf8_validate (diag->reason, -1, NULL));
  if (diag->source != NULL)
    g_assert_true (g_utf8_validate (diag->source, -1, NULL));

  for (guint i = 0; i < diag->attributes->len; i++)
    {
      const LdField *field = g_ptr_array_index (diag->attributes, i);

      g_assert_true (g_utf8_validate (field->key, -1, NULL));
      g_assert_true (g_utf8_validate (field->value, -1, NULL));
    }

  for (guint i = 0; i < diag->media->len; i++)
    {
      const LdMediaDebug *media = g_ptr_array_index (diag->media, i);

      if (media->modality != NULL)
        g_assert_true (g_utf8_validate (media->modality, -1, NULL));
      for (guint j = 0; j < media->fields->len; j++)
        {
          const LdField *field = g_ptr_array_index (media->fields, j);

          g_assert_true (g_utf8_validate (field->key, -1, NULL));
          g_assert_true (g_utf8_validate (field->value, -1, NULL));
        }
    }
}

/* ------------------------------------------------------------------------ */

static void
test_header_names (void)
{
  LdDiagHeader header = LD_DIAG_HEADER_MS_DIAGNOSTICS;

  g_assert_true (ld_diag_header_from_name ("ms-client-diagnostics", &header));
  g_assert_cmpint (header, ==, LD_DIAG_HEADER_MS_CLIENT_DIAGNOSTICS);
  g_assert_true (ld_diag_header_from_name ("Ms-Diagnostics", &header));
  g_assert_cmpint (header, ==, LD_DIAG_HEADER_MS_DIAGNOSTICS);
  g_assert_true (ld_diag_header_from_name (" MS-DIAGNOSTICS-PUBLIC : ", &header));
  g_assert_cmpint (header, ==, LD_DIAG_HEADER_MS_DIAGNOSTICS_PUBLIC);
  g_assert_true (ld_diag_header_from_name ("ms-client-diagnostics:", &header));
  g_assert_cmpint (header, ==, LD_DIAG_HEADER_MS_CLIENT_DIAGNOSTICS);

  header = LD_DIAG_HEADER_MS_DIAGNOSTICS_PUBLIC;
  g_assert_false (ld_diag_header_from_name ("ms-diagnostic", &header));
  g_assert_false (ld_diag_header_from_name ("ms-diagnostics-publicx", &header));
  g_assert_false (ld_diag_header_from_name ("", &header));
  g_assert_false (ld_diag_header_from_name (NULL, &header));
  g_assert_cmpint (header, ==, LD_DIAG_HEADER_MS_DIAGNOSTICS_PUBLIC);

  g_assert_cmpstr (ld_diag_header_to_string (LD_DIAG_HEADER_MS_DIAGNOSTICS), ==, "ms-diagnostics");
  g_assert_cmpstr (ld_diag_header_to_string (LD_DIAG_HEADER_MS_DIAGNOSTICS_PUBLIC), ==, "ms-diagnostics-public");
  g_assert_cmpstr (ld_diag_header_to_string (LD_DIAG_HEADER_MS_CLIENT_DIAGNOSTICS), ==, "ms-client-diagnostics");
}

static void
test_enum_strings (void)
{
  g_assert_cmpstr (ld_media_role_to_string (LD_MEDIA_ROLE_CALLER), ==, "caller");
  g_assert_cmpstr (ld_media_role_to_string (LD_MEDIA_ROLE_CALLEE), ==, "callee");
  g_assert_cmpstr (ld_location_to_string (LD_LOCATION_UNKNOWN), ==, "unknown");
  g_assert_cmpstr (ld_location_to_string (LD_LOCATION_REMOTE), ==, "remote");
  g_assert_cmpstr (ld_location_to_string (LD_LOCATION_INTERNAL), ==, "internal");
}

static void
assert_kb23 (const LdDiagnostic *diag,
             const char         *reason)
{
  const LdMediaDebug *media;

  g_assert_cmpint (diag->header, ==, LD_DIAG_HEADER_MS_CLIENT_DIAGNOSTICS);
  g_assert_cmpint (diag->code, ==, 23);
  g_assert_cmpint (diag->subcode, ==, -1);
  g_assert_cmpstr (diag->reason, ==, reason);
  g_assert_null (diag->source);
  g_assert_true (ld_diagnostic_is_failure (diag));

  g_assert_cmpuint (diag->attributes->len, ==, 2);
  assert_field (diag->attributes, 0, "reason", reason);
  g_assert_cmpstr (((LdField *) g_ptr_array_index (diag->attributes, 1))->key, ==, "CallerMediaDebug");

  g_assert_cmpuint (diag->media->len, ==, 1);
  media = media_at (diag, 0);
  g_assert_cmpint (media->role, ==, LD_MEDIA_ROLE_CALLER);
  g_assert_cmpstr (media->modality, ==, "application-sharing");
  g_assert_true (media->has_ice_warn);
  g_assert_cmphex (media->ice_warn, ==, 0x4000320);
  g_assert_cmpint (media->local_location, ==, LD_LOCATION_REMOTE);
  g_assert_cmpint (media->remote_location, ==, LD_LOCATION_INTERNAL);
  g_assert_cmpint (media->federation_type, ==, 0);

  g_assert_cmpuint (media->fields->len, ==, 11);
  assert_field (media->fields, 0, "ICEWarn", "0x4000320");
  assert_field (media->fields, 1, "LocalSite", "207.46.5.9:20702");
  assert_field (media->fields, 2, "LocalMR", "207.46.5.63:54829");
  assert_field (media->fields, 3, "RemoteSite", "11.1.111.11:62198");
  assert_field (media->fields, 4, "RemoteMR", "65.55.127.64:51184");
  assert_field (media->fields, 5, "PortRange", "1025:65000");
  assert_field (media->fields, 6, "LocalMRTCPPort", "54829");
  assert_field (media->fields, 7, "RemoteMRTCPPort", "51184");
  assert_field (media->fields, 8, "LocalLocation", "1");
  assert_field (media->fields, 9, "RemoteLocation", "2");
  assert_field (media->fields, 10, "FederationType", "0");

  g_assert_cmpstr (ld_media_debug_get_field (media, "localmr"), ==, "207.46.5.63:54829");
  g_assert_cmpstr (ld_media_debug_get_field (media, "PORTRANGE"), ==, "1025:65000");
  g_assert_null (ld_media_debug_get_field (media, "NetworkName"));
}

static void
test_kb_23 (void)
{
  g_autoptr(LdDiagnostic) diag = ld_diagnostic_parse (LD_DIAG_HEADER_MS_CLIENT_DIAGNOSTICS, KB23_VALUE);

  assert_kb23 (diag, KB23_REASON);
  g_assert_cmpstr (diag->raw, ==, KB23_VALUE);
  g_assert_null (diag->message);
  assert_all_utf8 (diag);
}

static void
test_header_name_in_value (void)
{
  g_autoptr(LdDiagnostic) diag =
    ld_diagnostic_parse (LD_DIAG_HEADER_MS_CLIENT_DIAGNOSTICS, "ms-client-diagnostics: " KB23_VALUE);

  assert_kb23 (diag, KB23_REASON);
}

static void
test_folded_reason (void)
{
  /* The first block of the seed: reason broken over lines inside the quotes. */
  g_autoptr(LdDiagnostic) first =
    ld_diagnostic_parse (LD_DIAG_HEADER_MS_CLIENT_DIAGNOSTICS,
                         "23; reason=\"\r\nCall failed to establish due to a media connectivity failure\r\n"
                         "when one endpoint is internal and the other is remote\"");
  /* The second block, CRLF, tabs and doubled spaces inside the values. */
  g_autoptr(LdDiagnostic) second =
    ld_diagnostic_parse (LD_DIAG_HEADER_MS_CLIENT_DIAGNOSTICS,
                         "23; reason=\"\nCall failed to establish due to\t a media connectivity failure\n"
                         "when one endpoint is internal and the other is remote\"\n"
                         ";CallerMediaDebug=\"application-sharing:ICEWarn=0x4000320,LocalSite=207.46.5.9:20702,\r\n"
                         "LocalMR=207.46.5.63:54829,RemoteSite=11.1.111.11:62198, RemoteMR=65.55.127.64:51184,\r\n"
                         "PortRange=1025:65000,LocalMRTCPPort=54829, RemoteMRTCPPort=51184,LocalLocation=1,\r\n"
                         "RemoteLocation=2,FederationType=0\"");

  g_assert_cmpint (first->code, ==, 23);
  g_assert_cmpstr (first->reason, ==, KB23_REASON);
  g_assert_cmpuint (first->media->len, ==, 0);

  assert_kb23 (second, KB23_REASON);
}

static void
assert_pareshj (const LdDiagnostic *diag)
{
  const LdMediaDebug *media;

  g_assert_cmpint (diag->code, ==, 24);
  g_assert_cmpstr (diag->reason, ==, REASON24);
  g_assert_true (ld_diagnostic_is_failure (diag));
  g_assert_cmpuint (diag->attributes->len, ==, 2);
  g_assert_cmpuint (diag->media->len, ==, 1);

  media = media_at (diag, 0);
  g_assert_cmpint (media->role, ==, LD_MEDIA_ROLE_CALLER);
  g_assert_cmpstr (media->modality, ==, "application-sharing");
  g_assert_true (media->has_ice_warn);
  g_assert_cmphex (media->ice_warn, ==, 0x320);
  g_assert_cmpint (media->local_location, ==, LD_LOCATION_REMOTE);
  g_assert_cmpint (media->remote_location, ==, LD_LOCATION_REMOTE);
  g_assert_cmpint (media->federation_type, ==, 0);
  g_assert_cmpstr (ld_media_debug_get_field (media, "ICEWarn"), ==, "0x320");
  g_assert_cmpstr (ld_media_debug_get_field (media, "PortRange"), ==, "50040:50049");
  g_assert_cmpstr (ld_media_debug_get_field (media, "LocalMRTCPPort"), ==, "57498");
  g_assert_cmpstr (ld_media_debug_get_field (media, "LocalLocation"), ==, "1");
  g_assert_cmpstr (ld_media_debug_get_field (media, "RemoteLocation"), ==, "1");
  g_assert_cmpstr (ld_media_debug_get_field (media, "FederationType"), ==, "0");
  assert_all_utf8 (diag);
}

static void
test_pareshj_copies (void)
{
  g_autoptr(LdDiagnostic) a = ld_diagnostic_parse (LD_DIAG_HEADER_MS_CLIENT_DIAGNOSTICS, PARESHJ_A);
  g_autoptr(LdDiagnostic) b = ld_diagnostic_parse (LD_DIAG_HEADER_MS_CLIENT_DIAGNOSTICS, PARESHJ_B);
  const LdMediaDebug *ma;
  const LdMediaDebug *mb;

  assert_pareshj (a);
  assert_pareshj (b);

  /* Copy A: the author removed the addresses, leaving ",,,". */
  ma = media_at (a, 0);
  g_assert_cmpuint (ma->fields->len, ==, 7);
  assert_field (ma->fields, 0, "ICEWarn", "0x320");
  assert_field (ma->fields, 1, "RemoteSite", "");
  assert_field (ma->fields, 2, "PortRange", "50040:50049");
  assert_field (ma->fields, 6, "FederationType", "0");
  g_assert_cmpstr (ld_media_debug_get_field (ma, "RemoteSite"), ==, "");
  g_assert_null (ld_media_debug_get_field (ma, "LocalSite"));
  g_assert_cmpstr (a->raw, ==, PARESHJ_A);

  /* Copy B: masked addresses kept as written. */
  mb = media_at (b, 0);
  g_assert_cmpuint (mb->fields->len, ==, 9);
  assert_field (mb->fields, 1, "LocalSite", "xx.xx.xxx.x:xxx");
  assert_field (mb->fields, 2, "LocalMR", "xx.xx.xxx.xx:xx");
  assert_field (mb->fields, 3, "RemoteSite", "192.168.20.203:50045");
}

static void
test_msxfaq (void)
{
  g_autoptr(LdDiagnostic) ok = ld_diagnostic_parse (LD_DIAG_HEADER_MS_CLIENT_DIAGNOSTICS, MSXFAQ_51007);
  g_autoptr(LdDiagnostic) bye = ld_diagnostic_parse (LD_DIAG_HEADER_MS_CLIENT_DIAGNOSTICS, MSXFAQ_51004);
  const LdMediaDebug *media;

  g_assert_cmpint (ok->code, ==, 51007);
  g_assert_cmpstr (ok->reason, ==, "Callee media connectivity diagnosis info");
  g_assert_false (ld_diagnostic_is_failure (ok));
  media = media_at (ok, 0);
  g_assert_cmpint (media->role, ==, LD_MEDIA_ROLE_CALLEE);
  g_assert_cmpstr (media->modality, ==, "audio");
  g_assert_true (media->has_ice_warn);
  g_assert_cmphex (media->ice_warn, ==, 0x0);
  g_assert_cmpint (media->local_location, ==, LD_LOCATION_INTERNAL);
  g_assert_cmpint (media->remote_location, ==, LD_LOCATION_INTERNAL);
  g_assert_cmpint (media->federation_type, ==, 0);
  g_assert_cmpuint (media->fields->len, ==, 15);
  assert_field (media->fields, 2, "LocalMR", "192.168.100.1::58503");
  assert_field (media->fields, 11, "NetworkName", "msxfaq.net");
  assert_field (media->fields, 14, "BaseAddress", "192.168.100.1:50020");

  g_assert_cmpint (bye->code, ==, 51004);
  g_assert_cmpstr (bye->reason, ==, "Action initiated by user");
  g_assert_false (ld_diagnostic_is_failure (bye));
  media = media_at (bye, 0);
  g_assert_cmpint (media->role, ==, LD_MEDIA_ROLE_CALLEE);
  g_assert_cmphex (media->ice_warn, ==, 0x40003a0);
  g_assert_cmpstr (ld_media_debug_get_field (media, "RemoteMR"), ==, "192.168.100.1::58091");
}

static void
test_lab_fixture (void)
{
  g_autoptr(LdDiagnostic) diag = ld_diagnostic_parse (LD_DIAG_HEADER_MS_CLIENT_DIAGNOSTICS, LAB_51007);
  const LdMediaDebug *media = media_at (diag, 0);

  g_assert_cmphex (media->ice_warn, ==, 0x80000);
  g_assert_cmpint (media->local_location, ==, LD_LOCATION_INTERNAL);
  g_assert_cmpint (media->remote_location, ==, LD_LOCATION_UNKNOWN);
  g_assert_cmpuint (media->fields->len, ==, 8);
}

static void
test_cisco (void)
{
  g_autoptr(LdDiagnostic) d1009 = ld_diagnostic_parse (LD_DIAG_HEADER_MS_DIAGNOSTICS, CISCO_1009);
  g_autoptr(LdDiagnostic) d1010 = ld_diagnostic_parse (LD_DIAG_HEADER_MS_DIAGNOSTICS, CISCO_1010);

  g_assert_cmpint (d1009->header, ==, LD_DIAG_HEADER_MS_DIAGNOSTICS);
  g_assert_cmpint (d1009->code, ==, 1009);
  g_assert_cmpint (d1009->subcode, ==, -1);
  g_assert_cmpstr (d1009->reason, ==, "No match for domain in DNS SRV results");
  g_assert_cmpstr (d1009->source, ==, "sip.skype.lab");
  g_assert_cmpuint (d1009->attributes->len, ==, 4);
  assert_field (d1009->attributes, 0, "reason", "No match for domain in DNS SRV results");
  assert_field (d1009->attributes, 1, "domain", "cms.steven.lab");
  assert_field (d1009->attributes, 2, "fqdn1", "vcse.sub.cms.steven.lab :5061");
  assert_field (d1009->attributes, 3, "source", "sip.skype.lab");
  g_assert_cmpuint (d1009->media->len, ==, 0);
  g_assert_true (ld_diagnostic_is_failure (d1009));

  g_assert_cmpint (d1010->code, ==, 1010);
  g_assert_cmpstr (d1010->reason, ==, "Certificate trust with another server could not be established");
  g_assert_cmpstr (d1010->source, ==, "sip.skype.lab");
  g_assert_cmpuint (d1010->attributes->len, ==, 6);
  assert_field (d1010->attributes, 1, "ErrorType", "The peer certificate does not contain a matching FQDN");
  assert_field (d1010->attributes, 2, "tls-target", "vcse.cms.steven.lab");
  assert_field (d1010->attributes, 3, "PeerServer", "vcse.steven.lab");
  assert_field (d1010->attributes, 4, "HRESULT", "0x80090322(SEC_E_WRONG_PRINCIPAL)");
  g_assert_cmpstr (ld_diagnostic_get_attribute (d1010, "hresult"), ==, "0x80090322(SEC_E_WRONG_PRINCIPAL)");
  g_assert_cmpstr (ld_diagnostic_get_attribute (d1010, "PEERSERVER"), ==, "vcse.steven.lab");
  g_assert_cmpstr (ld_diagnostic_get_attribute (d1010, "Reason"), ==, d1010->reason);
  g_assert_null (ld_diagnostic_get_attribute (d1010, "domain"));
}

/* Codes and subcodes up to LD_DIAG_MAX_NUMBER are read as written; a larger
 * one is read as missing, as one too large for an int always was. A copy
 * that shares a parsed diagnostic reads the same and frees only itself. */
static void
test_number_limit_and_sharing (void)
{
  g_autofree char *at = g_strdup_printf ("%d.%d;reason=\"x\"", LD_DIAG_MAX_NUMBER, LD_DIAG_MAX_NUMBER);
  g_autofree char *past = g_strdup_printf ("%d;reason=\"x\"", LD_DIAG_MAX_NUMBER + 1);
  g_autofree char *sub_past = g_strdup_printf ("1009.%d;reason=\"x\"", LD_DIAG_MAX_NUMBER + 1);
  const char *value = "23;reason=\"Call failed\";CallerMediaDebug=\"audio:ICEWarn=0x4000320,LocalSite=10.0.0.9:50034\"";
  g_autoptr(LdDiagnostic) top = ld_diagnostic_parse (LD_DIAG_HEADER_MS_CLIENT_DIAGNOSTICS, at);
  g_autoptr(LdDiagnostic) over = ld_diagnostic_parse (LD_DIAG_HEADER_MS_DIAGNOSTICS_PUBLIC, past);
  g_autoptr(LdDiagnostic) sub_over = ld_diagnostic_parse (LD_DIAG_HEADER_MS_DIAGNOSTICS, sub_past);
  g_autoptr(LdDiagnostic) parsed = _ld_diagnostic_parse_borrowing (LD_DIAG_HEADER_MS_CLIENT_DIAGNOSTICS, value);
  LdDiagnostic *copy;

  g_assert_cmpint (top->header, ==, LD_DIAG_HEADER_MS_CLIENT_DIAGNOSTICS);
  g_assert_cmpint (top->code, ==, LD_DIAG_MAX_NUMBER);
  g_assert_cmpint (top->subcode, ==, LD_DIAG_MAX_NUMBER);
  g_assert_cmpstr (top->reason, ==, "x");
  g_assert_cmpint (over->header, ==, LD_DIAG_HEADER_MS_DIAGNOSTICS_PUBLIC);
  g_assert_cmpint (over->code, ==, -1);
  g_assert_cmpint (over->subcode, ==, -1);
  g_assert_cmpint (sub_over->code, ==, 1009);
  g_assert_cmpint (sub_over->subcode, ==, -1);

  g_assert_false (parsed->shares);
  g_assert_true (parsed->raw == value);
  copy = _ld_diagnostic_dup_sharing (parsed, value);
  g_assert_true (copy->shares);
  g_assert_cmpint (copy->header, ==, LD_DIAG_HEADER_MS_CLIENT_DIAGNOSTICS);
  g_assert_cmpint (copy->code, ==, 23);
  g_assert_cmpint (copy->subcode, ==, -1);
  g_assert_true (copy->reason == parsed->reason);
  g_assert_true (copy->media == parsed->media);
  g_assert_cmpuint (copy->media->len, ==, 1);
  g_assert_cmphex (((LdMediaDebug *) copy->media->pdata[0])->ice_warn, ==, 0x4000320);
  g_assert_cmpstr (ld_diagnostic_get_attribute (copy, "CallerMediaDebug"), ==,
                   "audio:ICEWarn=0x4000320,LocalSite=10.0.0.9:50034");
  ld_diagnostic_free (copy);
  /* The parsed one is whole after its copy is gone. */
  g_assert_cmpstr (parsed->reason, ==, "Call failed");
  g_assert_cmpuint (parsed->attributes->len, ==, 2);
}

static void
test_subcode_and_missing (void)
{
  g_autoptr(LdDiagnostic) sub = ld_diagnostic_parse (LD_DIAG_HEADER_MS_DIAGNOSTICS, " 1009.2 ;reason=\"x\"");
  g_autoptr(LdDiagnostic) none = ld_diagnostic_parse (LD_DIAG_HEADER_MS_DIAGNOSTICS, "reason=\"only a reason\"");
  g_autoptr(LdDiagnostic) empty = ld_diagnostic_parse (LD_DIAG_HEADER_MS_CLIENT_DIAGNOSTICS, "");
  g_autoptr(LdDiagnostic) huge = ld_diagnostic_parse (LD_DIAG_HEADER_MS_DIAGNOSTICS, "99999999999999999999;reason=x");
  g_autoptr(LdDiagnostic) unquoted = ld_diagnostic_parse (LD_DIAG_HEADER_MS_DIAGNOSTICS, "4;reason=Insufficient bandwidth ;source = fe1.contoso.com");

  g_assert_cmpint (sub->code, ==, 1009);
  g_assert_cmpint (sub->subcode, ==, 2);
  g_assert_cmpstr (sub->reason, ==, "x");

  g_assert_cmpint (none->code, ==, -1);
  g_assert_cmpint (none->subcode, ==, -1);
  g_assert_cmpstr (none->reason, ==, "only a reason");
  g_assert_false (ld_diagnostic_is_failure (none));

  g_assert_cmpint (empty->code, ==, -1);
  g_assert_null (empty->reason);
  g_assert_cmpuint (empty->attributes->len, ==, 0);
  g_assert_cmpuint (empty->media->len, ==, 0);
  g_assert_cmpstr (empty->raw, ==, "");

  g_assert_cmpint (huge->code, ==, -1);

  g_assert_cmpint (unquoted->code, ==, 4);
  g_assert_cmpstr (unquoted->reason, ==, "Insufficient bandwidth");
  g_assert_cmpstr (unquoted->source, ==, "fe1.contoso.com");
}

static void
test_quoted_separators (void)
{
  g_autoptr(LdDiagnostic) diag =
    ld_diagnostic_parse (LD_DIAG_HEADER_MS_CLIENT_DIAGNOSTICS,
                         "52017;reason=\"Encryption levels dont match; see policy, maybe\";MediaChanBlob=\"NetworkErr=1;x=2\"");

  g_assert_cmpint (diag->code, ==, 52017);
  g_assert_cmpstr (diag->reason, ==, "Encryption levels dont match; see policy, maybe");
  g_assert_cmpstr (ld_diagnostic_get_attribute (diag, "MediaChanBlob"), ==, "NetworkErr=1;x=2");
  g_assert_cmpuint (diag->attributes->len, ==, 2);
}

static void
test_monitoring_flat (void)
{
  g_autoptr(LdDiagnostic) diag = ld_diagnostic_parse (LD_DIAG_HEADER_MS_CLIENT_DIAGNOSTICS, MONITORING_25);
  const LdMediaDebug *media;

  g_assert_cmpint (diag->code, ==, 25);
  g_assert_cmpstr (diag->reason, ==,
                   "A federated call failed to establish due to a media connectivity failure where both endpoints are internal");
  g_assert_cmpstr (ld_diagnostic_get_attribute (diag, "ICEWarn"), ==, "0x40003a0");
  g_assert_cmpuint (diag->media->len, ==, 1);
  media = media_at (diag, 0);
  g_assert_cmpint (media->role, ==, LD_MEDIA_ROLE_CALLEE);
  g_assert_cmpstr (media->modality, ==, "audio");
  g_assert_cmphex (media->ice_warn, ==, 0x40003a0);
  g_assert_cmpint (media->federation_type, ==, 1);
  g_assert_cmpint (media->local_location, ==, LD_LOCATION_INTERNAL);
  assert_field (media->fields, 0, "ICEWarn", "0x40003a0");
  g_assert_null (ld_media_debug_get_field (media, "reason"));
}

static void
test_media_tolerance (void)
{
  g_autoptr(LdMediaDebug) m1 =
    ld_media_debug_parse (LD_MEDIA_ROLE_CALLER,
                          " audio: ICEWarn = 0X80012B , , LocalMR=192.168.100.1::58503,RemoteSite= ,Foo, "
                          "LocalLocation=abc, RemoteLocation=7, FederationType=x ");
  g_autoptr(LdMediaDebug) m2 = ld_media_debug_parse (LD_MEDIA_ROLE_CALLEE, "ICEWarn=0x1,LocalSite=1.2.3.4:5");
  g_autoptr(LdMediaDebug) m3 = ld_media_debug_parse (LD_MEDIA_ROLE_CALLER, "“video:ICEWarn=zz,LocalLocation=0″");
  g_autoptr(LdMediaDebug) m4 = ld_media_debug_parse (LD_MEDIA_ROLE_CALLER, "");

  g_assert_cmpstr (m1->modality, ==, "audio");
  g_assert_true (m1->has_ice_warn);
  g_assert_cmphex (m1->ice_warn, ==, 0x80012b);
  g_assert_cmpuint (m1->fields->len, ==, 7);
  assert_field (m1->fields, 0, "ICEWarn", "0X80012B");
  assert_field (m1->fields, 1, "LocalMR", "192.168.100.1::58503");
  assert_field (m1->fields, 2, "RemoteSite", "");
  assert_field (m1->fields, 3, "Foo", "");
  assert_field (m1->fields, 4, "LocalLocation", "abc");
  g_assert_cmpint (m1->local_location, ==, LD_LOCATION_UNKNOWN);
  g_assert_cmpint (m1->remote_location, ==, LD_LOCATION_UNKNOWN);
  g_assert_cmpint (m1->federation_type, ==, -1);
  g_assert_cmpstr (ld_media_debug_get_field (m1, "icewarn"), ==, "0X80012B");

  g_assert_null (m2->modality);
  g_assert_cmpint (m2->role, ==, LD_MEDIA_ROLE_CALLEE);
  g_assert_cmphex (m2->ice_warn, ==, 0x1);
  assert_field (m2->fields, 1, "LocalSite", "1.2.3.4:5");
  g_assert_cmpint (m2->federation_type, ==, -1);

  g_assert_cmpstr (m3->modality, ==, "video");
  g_assert_false (m3->has_ice_warn);
  g_assert_cmpint (m3->local_location, ==, LD_LOCATION_UNKNOWN);
  assert_field (m3->fields, 1, "LocalLocation", "0");

  g_assert_null (m4->modality);
  g_assert_false (m4->has_ice_warn);
  g_assert_cmpuint (m4->fields->len, ==, 0);
  g_assert_cmpint (m4->federation_type, ==, -1);
}

static void
test_robust (void)
{
  static const char *const inputs[] = {
    "", ";", ";;;;", "\"", "\"\"\"", "23;reason=\"unbalanced", "23;reason=", "23;=;=\"\";\"x",
    "23;CallerMediaDebug=\"", "23;CallerMediaDebug=\":::,,,===\"", "23;CalleeMediaDebug=",
    "23;reason=\"caf\xe9 \xff\xfe\"", "\xc3", "ms-client-diagnostics:", "ms-diagnostics-public: 1.",
    "1.2.3.4", "-5;reason=x", "23.;x", "″″“”", "23;reason=“a;b”;source=”c″",
  };
  g_autoptr(GRand) rand = g_rand_new_with_seed (20240611);
  GString *big = g_string_new ("23;reason=\"");

  for (gsize i = 0; i < G_N_ELEMENTS (inputs); i++)
    {
      g_autoptr(LdDiagnostic) diag = ld_diagnostic_parse (LD_DIAG_HEADER_MS_CLIENT_DIAGNOSTICS, inputs[i]);
      g_autoptr(LdMediaDebug) media = ld_media_debug_parse (LD_MEDIA_ROLE_CALLER, inputs[i]);
      g_autoptr(GString) out = g_string_new (NULL);
      g_autoptr(GError) error = NULL;

      g_assert_nonnull (diag);
      g_assert_nonnull (media);
      assert_all_utf8 (diag);
      if (ld_decode_pasted (inputs[i], out, &error))
        g_assert_no_error (error);
      else
        g_assert_error (error, LD_DECODE_ERROR, LD_DECODE_ERROR_NOTHING);
      g_assert_true (g_utf8_validate (out->str, out->len, NULL));
    }

  {
    g_autoptr(LdDiagnostic) diag = ld_diagnostic_parse (LD_DIAG_HEADER_MS_CLIENT_DIAGNOSTICS, "23;reason=\"caf\xe9\"");

    g_assert_cmpstr (diag->reason, ==, "caf\xef\xbf\xbd");
  }

  /* 100 KB reason, then 100 KB of arbitrary non-NUL bytes with delimiters. */
  for (int i = 0; i < 100 * 1024; i++)
    g_string_append_c (big, 'a' + i % 26);
  g_string_append (big, "\";CallerMediaDebug=\"audio:ICEWarn=0x1\"");
  {
    g_autoptr(LdDiagnostic) diag = ld_diagnostic_parse (LD_DIAG_HEADER_MS_CLIENT_DIAGNOSTICS, big->str);

    g_assert_cmpint (diag->code, ==, 23);
    g_assert_cmpuint (strlen (diag->reason), ==, 100 * 1024);
    g_assert_cmphex (media_at (diag, 0)->ice_warn, ==, 0x1);
  }
  g_string_free (big, TRUE);

  for (int round = 0; round < 20; round++)
    {
      static const char pick[] = ";=\",:\r\n\t 0x123abc";
      g_autoptr(GString) junk = g_string_new (NULL);
      g_autoptr(GString) out = g_string_new (NULL);
      g_autoptr(GError) error = NULL;
      g_autoptr(LdDiagnostic) diag = NULL;
      g_autoptr(LdMediaDebug) media = NULL;

      for (int i = 0; i < 5 * 1024; i++)
        {
          guint8 c = (guint8) g_rand_int_range (rand, 1, 256);

          if (g_rand_boolean (rand))
            c = (guint8) pick[g_rand_int_range (rand, 0, sizeof pick - 1)];
          g_string_append_c (junk, (char) c);
        }

      diag = ld_diagnostic_parse (LD_DIAG_HEADER_MS_DIAGNOSTICS, junk->str);
      media = ld_media_debug_parse (LD_MEDIA_ROLE_CALLEE, junk->str);
      assert_all_utf8 (diag);
      for (guint i = 0; i < media->fields->len; i++)
        g_assert_true (g_utf8_validate (((LdField *) g_ptr_array_index (media->fields, i))->value, -1, NULL));
      if (!ld_decode_pasted (junk->str, out, &error))
        g_assert_error (error, LD_DECODE_ERROR, LD_DECODE_ERROR_NOTHING);
      g_assert_true (g_utf8_validate (out->str, out->len, NULL));
    }
}

/* ------------------------------------------------------------------------ */

static void
test_ice_parse (void)
{
  guint32 v = 0xdead;

  g_assert_true (ld_ice_warn_parse ("0x4000320", &v));
  g_assert_cmphex (v, ==, 0x4000320);
  g_assert_true (ld_ice_warn_parse ("0X40003A0", &v));
  g_assert_cmphex (v, ==, 0x40003a0);
  g_assert_true (ld_ice_warn_parse ("4000320", &v));
  g_assert_cmphex (v, ==, 0x4000320);
  g_assert_true (ld_ice_warn_parse (" 0x320 ", &v));
  g_assert_cmphex (v, ==, 0x320);
  g_assert_true (ld_ice_warn_parse ("0x0", &v));
  g_assert_cmphex (v, ==, 0);
  g_assert_true (ld_ice_warn_parse ("0xFFFFFFFF", &v));
  g_assert_cmphex (v, ==, 0xffffffff);
  g_assert_true (ld_ice_warn_parse ("0x0000000080012b", &v));
  g_assert_cmphex (v, ==, 0x80012b);

  g_assert_false (ld_ice_warn_parse ("0x100000000", &v));
  g_assert_false (ld_ice_warn_parse ("", &v));
  g_assert_false (ld_ice_warn_parse ("0x", &v));
  g_assert_false (ld_ice_warn_parse ("zz", &v));
  g_assert_false (ld_ice_warn_parse ("0x12g", &v));
  g_assert_false (ld_ice_warn_parse ("0x1 2", &v));
  g_assert_false (ld_ice_warn_parse (NULL, &v));
}

static void
assert_bits (LdIceTable     table,
             guint32        value,
             const guint32 *expected,
             guint          n_expected)
{
  LdIceBit bits[32];
  guint n = ld_ice_warn_decode (table, value, bits);

  g_assert_cmpuint (n, ==, n_expected);
  for (guint i = 0; i < n; i++)
    {
      g_assert_cmphex (bits[i].bit, ==, expected[i]);
      g_assert_nonnull (bits[i].meaning);
    }
}

static void
test_ice_decode_reskit (void)
{
  static const guint32 kb[] = { 0x4000000, 0x200, 0x100, 0x20 };
  static const guint32 blog[] = { 0x200, 0x100, 0x20 };
  static const guint32 udp[] = { 0x800000, 0x100, 0x20, 0x8, 0x2, 0x1 };
  static const guint32 bye[] = { 0x4000000, 0x200, 0x100, 0x80, 0x20 };
  static const guint32 palo[] = { 0x8000000, 0x100 };
  LdIceBit bits[32];
  guint n;

  assert_bits (LD_ICE_TABLE_RESKIT, 0x4000320, kb, G_N_ELEMENTS (kb));
  assert_bits (LD_ICE_TABLE_RESKIT, 0x320, blog, G_N_ELEMENTS (blog));
  assert_bits (LD_ICE_TABLE_RESKIT, 0x80012b, udp, G_N_ELEMENTS (udp));
  assert_bits (LD_ICE_TABLE_RESKIT, 0x40003a0, bye, G_N_ELEMENTS (bye));
  assert_bits (LD_ICE_TABLE_RESKIT, 0x8000100, palo, G_N_ELEMENTS (palo));
  assert_bits (LD_ICE_TABLE_RESKIT, 0, NULL, 0);

  n = ld_ice_warn_decode (LD_ICE_TABLE_RESKIT, 0x4000320, bits);
  g_assert_cmpuint (n, ==, 4);
  g_assert_cmpstr (bits[0].meaning, ==, "TCP-TCP connectivity checks over the TURN server failed");
  g_assert_cmpstr (bits[0].name, ==, "turnTurnTcpConnectivityFailed");
  g_assert_false (bits[0].expected);
  g_assert_true (bits[0].known);
  g_assert_nonnull (strstr (bits[0].advice, "443"));
  g_assert_cmpstr (bits[1].meaning, ==, "TCP TURN server connectivity failed");
  g_assert_cmpstr (bits[1].name, ==, "tcpRelayConnectivityFailed");
  g_assert_true (bits[1].expected);
  g_assert_cmpstr (bits[2].meaning, ==, "TCP NAT connectivity failed");
  g_assert_true (bits[2].expected);
  g_assert_nonnull (strstr (bits[3].meaning, "Local connectivity failed"));
  g_assert_false (bits[3].expected);

  n = ld_ice_warn_decode (LD_ICE_TABLE_RESKIT, 0x80000, bits);
  g_assert_cmpuint (n, ==, 1);
  g_assert_cmpstr (bits[0].meaning, ==, "No TURN server (media relay) is configured");
}

static void
test_ice_reskit_table (void)
{
  const guint32 expected_set = 0x100 | 0x200 | 0x1000 | 0x10000 | 0x20000 | 0x100000 | 0x1000000;
  LdIceBit bits[32];
  guint n = ld_ice_warn_decode (LD_ICE_TABLE_RESKIT, 0xffffffff, bits);
  guint32 expected = 0;
  guint32 known = 0;

  g_assert_cmpuint (n, ==, 32);
  for (guint i = 0; i < n; i++)
    {
      g_assert_cmphex (bits[i].bit, ==, (guint32) 1 << (31 - i));
      g_assert_nonnull (bits[i].meaning);
      g_assert_nonnull (bits[i].advice);
      if (bits[i].expected)
        expected |= bits[i].bit;
      if (bits[i].known)
        known |= bits[i].bit;
      else
        {
          g_assert_null (bits[i].name);
          g_assert_cmpstr (bits[i].meaning, ==, "Unknown flag (not in the Resource Kit table)");
          g_assert_false (bits[i].expected);
        }
    }

  g_assert_cmphex (expected, ==, expected_set);
  /* Every bit from 0x1 to 0x8000000 is in the Resource Kit table. */
  g_assert_cmphex (known, ==, 0x0fffffff);
}

static void
test_ice_unknown_and_inferred (void)
{
  LdIceBit bits[32];
  guint n;

  n = ld_ice_warn_decode (LD_ICE_TABLE_RESKIT, 0x90000020, bits);
  g_assert_cmpuint (n, ==, 3);
  g_assert_cmphex (bits[0].bit, ==, 0x80000000);
  g_assert_false (bits[0].known);
  g_assert_cmpstr (bits[0].meaning, ==, "Unknown flag (not in the Resource Kit table)");
  g_assert_cmphex (bits[1].bit, ==, 0x10000000);
  g_assert_false (bits[1].known);
  g_assert_cmphex (bits[2].bit, ==, 0x20);
  g_assert_true (bits[2].known);

  n = ld_ice_warn_decode (LD_ICE_TABLE_RESKIT, 0x800, bits);
  g_assert_cmpuint (n, ==, 1);
  g_assert_true (bits[0].known);
  g_assert_nonnull (strstr (bits[0].meaning, "inferred"));
}

static void
test_ice_qoe_table (void)
{
  LdIceBit q[32];
  LdIceBit r[32];

  /* The same number means different things in the two tables. */
  g_assert_cmpuint (ld_ice_warn_decode (LD_ICE_TABLE_QOE, 0x40000, q), ==, 1);
  g_assert_cmpuint (ld_ice_warn_decode (LD_ICE_TABLE_RESKIT, 0x40000, r), ==, 1);
  g_assert_cmpstr (q[0].meaning, ==, "TCP NAT connectivity failed");
  g_assert_cmpstr (q[0].name, ==, "tcpNatConnectivityFailed");
  g_assert_cmpstr (r[0].meaning, ==, "Bandwidth policy allocation failed");

  g_assert_cmpuint (ld_ice_warn_decode (LD_ICE_TABLE_QOE, 0x80000, q), ==, 1);
  g_assert_cmpstr (q[0].meaning, ==, "TCP TURN server connectivity failed");
  g_assert_cmpuint (ld_ice_warn_decode (LD_ICE_TABLE_RESKIT, 0x80000, r), ==, 1);
  g_assert_cmpstr (r[0].meaning, ==, "No TURN server (media relay) is configured");

  g_assert_cmpuint (ld_ice_warn_decode (LD_ICE_TABLE_QOE, 0x10, q), ==, 1);
  g_assert_true (q[0].known);
  g_assert_nonnull (strstr (q[0].meaning, "could not be reached"));

  g_assert_cmpuint (ld_ice_warn_decode (LD_ICE_TABLE_QOE, 0x1, q), ==, 1);
  g_assert_false (q[0].known);
  g_assert_cmpstr (q[0].meaning, ==, "Unknown flag (not in the [MS-QoE] IceWarningFlags table)");

  g_assert_cmpuint (ld_ice_warn_decode (LD_ICE_TABLE_QOE, 0x4000000, q), ==, 1);
  g_assert_cmpstr (q[0].meaning, ==, "The TURN server name could not be resolved in DNS");
}

static void
test_ice_sum (void)
{
  g_autofree char *a = ld_ice_warn_dup_sum (0x4000320);
  g_autofree char *b = ld_ice_warn_dup_sum (0);
  g_autofree char *c = ld_ice_warn_dup_sum (0x80000000);

  g_assert_cmpstr (a, ==, "0x4000000 + 0x200 + 0x100 + 0x20");
  g_assert_cmpstr (b, ==, "0x0");
  g_assert_cmpstr (c, ==, "0x80000000");
}

/* ------------------------------------------------------------------------ */

static void
test_codes_client (void)
{
  static const int failures[] = { 21, 22, 23, 24, 25, 52017, 52035 };
  static const int informational[] = { 51004, 51007 };
  const LdCodeInfo *info;

  for (gsize i = 0; i < G_N_ELEMENTS (failures); i++)
    {
      info = ld_code_lookup (LD_DIAG_HEADER_MS_CLIENT_DIAGNOSTICS, failures[i]);
      g_assert_nonnull (info);
      g_assert_cmpint (info->code, ==, failures[i]);
      g_assert_cmpint (info->verdict, ==, LD_CODE_FAILURE);
      g_assert_nonnull (info->meaning);
      g_assert_nonnull (info->reference);
      g_assert_true (ld_code_is_failure (LD_DIAG_HEADER_MS_CLIENT_DIAGNOSTICS, failures[i]));
    }

  for (gsize i = 0; i < G_N_ELEMENTS (informational); i++)
    {
      info = ld_code_lookup (LD_DIAG_HEADER_MS_CLIENT_DIAGNOSTICS, informational[i]);
      g_assert_nonnull (info);
      g_assert_cmpint (info->verdict, ==, LD_CODE_INFORMATIONAL);
      g_assert_cmpint (ld_code_get_verdict (LD_DIAG_HEADER_MS_CLIENT_DIAGNOSTICS, informational[i]), ==,
                       LD_CODE_INFORMATIONAL);
      g_assert_false (ld_code_is_failure (LD_DIAG_HEADER_MS_CLIENT_DIAGNOSTICS, informational[i]));
    }

  info = ld_code_lookup (LD_DIAG_HEADER_MS_CLIENT_DIAGNOSTICS, 23);
  g_assert_cmpstr (info->reason, ==, KB23_REASON);
  info = ld_code_lookup (LD_DIAG_HEADER_MS_CLIENT_DIAGNOSTICS, 24);
  g_assert_cmpstr (info->reason, ==, REASON24);
  info = ld_code_lookup (LD_DIAG_HEADER_MS_CLIENT_DIAGNOSTICS, 51007);
  g_assert_cmpstr (info->reason, ==, "Callee media connectivity diagnosis info");

  /* Client and server codes are separate number spaces. */
  g_assert_null (ld_code_lookup (LD_DIAG_HEADER_MS_CLIENT_DIAGNOSTICS, 26));
  g_assert_null (ld_code_lookup (LD_DIAG_HEADER_MS_CLIENT_DIAGNOSTICS, 1009));
  g_assert_null (ld_code_lookup (LD_DIAG_HEADER_MS_DIAGNOSTICS, 23));
  g_assert_null (ld_code_lookup (LD_DIAG_HEADER_MS_DIAGNOSTICS, 51004));

  /* Unknown client codes are unknown, whatever block they are in: the
   * context says whether they went with a failure. */
  {
    static const int unknown[] = { 26, 999, 50999, 51000, 51999, 52999 };
    for (gsize i = 0; i < G_N_ELEMENTS (unknown); i++)
      {
        g_assert_cmpint (ld_code_get_verdict (LD_DIAG_HEADER_MS_CLIENT_DIAGNOSTICS, unknown[i]), ==, LD_CODE_UNKNOWN);
        g_assert_false (ld_code_is_failure (LD_DIAG_HEADER_MS_CLIENT_DIAGNOSTICS, unknown[i]));
      }
  }
  g_assert_cmpint (ld_code_get_verdict (LD_DIAG_HEADER_MS_CLIENT_DIAGNOSTICS, -1), ==, LD_CODE_UNKNOWN);
  g_assert_false (ld_code_is_failure (LD_DIAG_HEADER_MS_CLIENT_DIAGNOSTICS, -1));
}

static void
test_codes_server (void)
{
  static const int codes[] = {
    4, 1000, 1001, 1002, 1003, 1004, 1005, 1006, 1007, 1008, 1009, 1010, 1011, 1012, 1034,
    3000, 3001, 3002, 3003, 3004, 3005, 3006, 3007, 3008, 3009, 3010, 3011, 3012, 3013, 3014, 3015, 3016,
    4000, 4001, 4002, 4003, 4004, 4005, 4006, 4007, 4008, 4009, 4010, 4011, 4012, 4013,
    5000, 5001, 5002, 5003, 5004, 5005, 5006, 5007, 5008,
    15030, 17000, 17001, 17002, 17003, 17004,
  };
  const LdCodeInfo *info;

  for (gsize i = 0; i < G_N_ELEMENTS (codes); i++)
    {
      const LdCodeInfo *pub;

      info = ld_code_lookup (LD_DIAG_HEADER_MS_DIAGNOSTICS, codes[i]);
      pub = ld_code_lookup (LD_DIAG_HEADER_MS_DIAGNOSTICS_PUBLIC, codes[i]);
      g_assert_nonnull (info);
      g_assert_true (info == pub);
      g_assert_cmpint (info->code, ==, codes[i]);
      g_assert_nonnull (info->reason);
      g_assert_nonnull (info->meaning);
      g_assert_nonnull (info->reference);
      g_assert_cmpint (ld_code_is_failure (LD_DIAG_HEADER_MS_DIAGNOSTICS, codes[i]), ==, codes[i] != 17004);
    }

  info = ld_code_lookup (LD_DIAG_HEADER_MS_DIAGNOSTICS, 1009);
  g_assert_cmpstr (info->reason, ==, "Conflicting SRV and host domains in DNS.");
  info = ld_code_lookup (LD_DIAG_HEADER_MS_DIAGNOSTICS, 3012);
  g_assert_cmpstr (info->reason, ==, "Invalid conference URI.");
  info = ld_code_lookup (LD_DIAG_HEADER_MS_DIAGNOSTICS, 4005);
  g_assert_cmpstr (info->reason, ==, "Destination URI either not enabled for SIP or does not exist.");

  g_assert_null (ld_code_lookup (LD_DIAG_HEADER_MS_DIAGNOSTICS, 2001));
  g_assert_null (ld_code_lookup (LD_DIAG_HEADER_MS_DIAGNOSTICS, -1));
  /* Unknown is unknown, never a guessed failure. */
  g_assert_cmpint (ld_code_get_verdict (LD_DIAG_HEADER_MS_DIAGNOSTICS, 2001), ==, LD_CODE_UNKNOWN);
  g_assert_cmpint (ld_code_get_verdict (LD_DIAG_HEADER_MS_DIAGNOSTICS, 24033), ==, LD_CODE_UNKNOWN);
  g_assert_false (ld_code_is_failure (LD_DIAG_HEADER_MS_DIAGNOSTICS, 2001));
  g_assert_false (ld_code_is_failure (LD_DIAG_HEADER_MS_DIAGNOSTICS, -1));
}

static void
test_codes_component (void)
{
  g_assert_cmpstr (ld_code_get_component (LD_DIAG_HEADER_MS_DIAGNOSTICS, 1009), ==,
                   "SIP stack (Front End and Access Edge)");
  g_assert_cmpstr (ld_code_get_component (LD_DIAG_HEADER_MS_DIAGNOSTICS_PUBLIC, 1999), ==,
                   "SIP stack (Front End and Access Edge)");
  g_assert_cmpstr (ld_code_get_component (LD_DIAG_HEADER_MS_DIAGNOSTICS, 4), ==,
                   "Common (SIP stack and user services)");
  g_assert_cmpstr (ld_code_get_component (LD_DIAG_HEADER_MS_DIAGNOSTICS, 2500), ==, "User services: presence");
  g_assert_cmpstr (ld_code_get_component (LD_DIAG_HEADER_MS_DIAGNOSTICS, 3012), ==,
                   "User services: conferencing (Focus and Focus Factory)");
  g_assert_cmpstr (ld_code_get_component (LD_DIAG_HEADER_MS_DIAGNOSTICS, 4005), ==, "User services: other");
  g_assert_cmpstr (ld_code_get_component (LD_DIAG_HEADER_MS_DIAGNOSTICS, 9001), ==,
                   "Media relay authentication (MRAS)");
  g_assert_cmpstr (ld_code_get_component (LD_DIAG_HEADER_MS_DIAGNOSTICS, 15030), ==, "Exchange Unified Messaging");
  g_assert_cmpstr (ld_code_get_component (LD_DIAG_HEADER_MS_DIAGNOSTICS, 17002), ==, "Client version filter");
  /* Every block servers write has its row; 21xxx is the ASMCU. */
  g_assert_cmpstr (ld_code_get_component (LD_DIAG_HEADER_MS_DIAGNOSTICS, 21000), ==, "Application sharing MCU (ASMCU)");
  g_assert_cmpstr (ld_code_get_component (LD_DIAG_HEADER_MS_DIAGNOSTICS, 21999), ==, "Application sharing MCU (ASMCU)");
  g_assert_cmpstr (ld_code_get_component (LD_DIAG_HEADER_MS_DIAGNOSTICS, 20999), !=, "Application sharing MCU (ASMCU)");
  g_assert_cmpstr (ld_code_get_component (LD_DIAG_HEADER_MS_DIAGNOSTICS, 22000), !=, "Application sharing MCU (ASMCU)");
  for (int code = 18000; code <= 27999; code += 500)
    g_assert_cmpstr (ld_code_get_component (LD_DIAG_HEADER_MS_DIAGNOSTICS, code), !=, "Unknown server component");
  g_assert_cmpstr (ld_code_get_component (LD_DIAG_HEADER_MS_DIAGNOSTICS, 24001), ==,
                   "Lync / Skype for Business server (ErrorIds 24000–24999)");
  /* The web services' block (X-Ms-diagnostics 28020 in the UCWA documentation), and past it nothing. */
  g_assert_cmpstr (ld_code_get_component (LD_DIAG_HEADER_MS_DIAGNOSTICS, 28000), ==,
                   "Lync / Skype for Business web services (ErrorIds 28000–28999)");
  g_assert_cmpstr (ld_code_get_component (LD_DIAG_HEADER_MS_DIAGNOSTICS, 29000), ==, "Unknown server component");
  g_assert_cmpstr (ld_code_get_component (LD_DIAG_HEADER_MS_DIAGNOSTICS, -1), ==, "Unknown server component");

  g_assert_cmpstr (ld_code_get_component (LD_DIAG_HEADER_MS_CLIENT_DIAGNOSTICS, 23), ==, "Lync client (media)");
  g_assert_cmpstr (ld_code_get_component (LD_DIAG_HEADER_MS_CLIENT_DIAGNOSTICS, 999), ==, "Lync client (media)");
  g_assert_cmpstr (ld_code_get_component (LD_DIAG_HEADER_MS_CLIENT_DIAGNOSTICS, 51004), ==, "Lync client");
  g_assert_cmpstr (ld_code_get_component (LD_DIAG_HEADER_MS_CLIENT_DIAGNOSTICS, 52017), ==, "Lync client");
}

/* The header's own component= and source= name who wrote the code. */
static void
test_codes_component_attribute (void)
{
  g_autoptr(LdDiagnostic) asmcu = ld_diagnostic_parse (LD_DIAG_HEADER_MS_DIAGNOSTICS_PUBLIC,
                                                        "21000;reason=\"New sharer joined conference.\";component=\"ASMCU\"");
  g_autoptr(LdDiagnostic) routed = ld_diagnostic_parse (LD_DIAG_HEADER_MS_DIAGNOSTICS,
                                                         "24033;reason=\"Something\";source=\"pool01.contoso.com\"");
  g_autoptr(LdDiagnostic) other = ld_diagnostic_parse (LD_DIAG_HEADER_MS_DIAGNOSTICS,
                                                        "26001;reason=\"x\";component=\"XYZ\"");
  g_autoptr(LdDiagnostic) plain = ld_diagnostic_parse (LD_DIAG_HEADER_MS_DIAGNOSTICS, "1009;source=\"edge.contoso.com\"");
  g_autofree char *a = ld_diagnostic_dup_component (asmcu);
  g_autofree char *b = ld_diagnostic_dup_component (routed);
  g_autofree char *c = ld_diagnostic_dup_component (other);
  g_autofree char *d = ld_diagnostic_dup_component (plain);

  g_assert_cmpstr (a, ==, "Application sharing MCU (ASMCU) (component=\"ASMCU\")");
  g_assert_cmpstr (b, ==, "Lync / Skype for Business server (ErrorIds 24000–24999) at pool01.contoso.com");
  g_assert_cmpstr (c, ==, "Server component XYZ");
  /* A documented block does not need the server's name. */
  g_assert_cmpstr (d, ==, "SIP stack (Front End and Access Edge)");
  g_assert_null (strstr (b, "Unknown"));
}

/* Routing and housekeeping notes are information, sign-outs and refusals
 * are failures: compared by meaning, not only by verdict. */
static void
test_codes_notes (void)
{
  static const struct { LdDiagHeader h; int code; LdCodeVerdict verdict; const char *words; } rows[] = {
    { LD_DIAG_HEADER_MS_DIAGNOSTICS, 25008, LD_CODE_INFORMATIONAL, "primary pool" },
    { LD_DIAG_HEADER_MS_DIAGNOSTICS_PUBLIC, 2139, LD_CODE_INFORMATIONAL, "newer subscription" },
    { LD_DIAG_HEADER_MS_DIAGNOSTICS_PUBLIC, 21000, LD_CODE_INFORMATIONAL, "started sharing" },
    { LD_DIAG_HEADER_MS_DIAGNOSTICS, 17004, LD_CODE_INFORMATIONAL, "newer version" },
    { LD_DIAG_HEADER_MS_DIAGNOSTICS_PUBLIC, 4141, LD_CODE_FAILURE, "signed the user out" },
    { LD_DIAG_HEADER_MS_DIAGNOSTICS, 4268, LD_CODE_FAILURE, "delegate" },
    { LD_DIAG_HEADER_MS_CLIENT_DIAGNOSTICS, 52035, LD_CODE_FAILURE, "same conversation ID" },
    { LD_DIAG_HEADER_MS_DIAGNOSTICS, 7008, LD_CODE_FAILURE, "SDP" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      const LdCodeInfo *info = ld_code_lookup (rows[i].h, rows[i].code);
      g_autofree char *lower = NULL;

      g_assert_nonnull (info);
      g_assert_cmpint (ld_code_get_verdict (rows[i].h, rows[i].code), ==, rows[i].verdict);
      lower = g_ascii_strdown (info->meaning, -1);
      if (strstr (lower, rows[i].words) == NULL && strstr (info->meaning, rows[i].words) == NULL)
        g_error ("code %d: \"%s\" does not say \"%s\"", rows[i].code, info->meaning, rows[i].words);
      g_assert_nonnull (info->reference);
    }
  g_assert_cmpstr (ld_code_lookup (LD_DIAG_HEADER_MS_DIAGNOSTICS, 25008)->reason, ==, "Attempting to route to Primary Pool");
  g_assert_cmpstr (ld_code_lookup (LD_DIAG_HEADER_MS_DIAGNOSTICS, 2139)->reason, ==,
                   "Terminating old subscription since new subscription dialog took over the previous one");
  g_assert_cmpstr (ld_code_lookup (LD_DIAG_HEADER_MS_DIAGNOSTICS, 4141)->reason, ==, "User disabled");
}

/* Every row of both tables: sorted, a meaning, a reference, a verdict that
 * is not "unknown" (a row that knows nothing should not be a row). */
static void
test_codes_tables (void)
{
  static const LdDiagHeader headers[] = { LD_DIAG_HEADER_MS_DIAGNOSTICS, LD_DIAG_HEADER_MS_CLIENT_DIAGNOSTICS };

  for (gsize h = 0; h < G_N_ELEMENTS (headers); h++)
    {
      guint n;
      const LdCodeInfo *rows = ld_code_list (headers[h], &n);

      g_assert_cmpuint (n, >, 5);
      for (guint i = 0; i < n; i++)
        {
          if (i > 0)
            g_assert_cmpint (rows[i - 1].code, <, rows[i].code);
          g_assert_nonnull (rows[i].meaning);
          g_assert_nonnull (rows[i].reference);
          g_assert_cmpint (rows[i].verdict, !=, LD_CODE_UNKNOWN);
          g_assert_true (ld_code_lookup (headers[h], rows[i].code) == &rows[i]);
        }
    }
}

static void
test_codes_meaning (void)
{
  const LdCodeInfo *info = ld_code_lookup (LD_DIAG_HEADER_MS_CLIENT_DIAGNOSTICS, 23);
  g_autofree char *known = ld_code_dup_meaning (LD_DIAG_HEADER_MS_CLIENT_DIAGNOSTICS, 23, "whatever");
  g_autofree char *with_reason = ld_code_dup_meaning (LD_DIAG_HEADER_MS_DIAGNOSTICS, 2001, " Presence is broken. ");
  g_autofree char *without = ld_code_dup_meaning (LD_DIAG_HEADER_MS_DIAGNOSTICS, 7005, NULL);
  g_autofree char *client = ld_code_dup_meaning (LD_DIAG_HEADER_MS_CLIENT_DIAGNOSTICS, 52999, "Odd");
  g_autofree char *no_code = ld_code_dup_meaning (LD_DIAG_HEADER_MS_DIAGNOSTICS, -1, NULL);

  g_assert_cmpstr (known, ==, info->meaning);
  g_assert_cmpstr (with_reason, ==,
                   "User services: presence reported code 2001: Presence is broken. "
                   "LyncDiag has no further explanation for this code.");
  g_assert_cmpstr (without, ==,
                   "A/V Conferencing Server reported code 7005. LyncDiag has no explanation for this code.");
  g_assert_cmpstr (client, ==, "Lync client reported code 52999: Odd. LyncDiag has no further explanation for this code.");
  g_assert_cmpstr (no_code, ==, "No diagnostic code was given.");
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/diagnostic/header-names", test_header_names);
  g_test_add_func ("/core/diagnostic/enum-strings", test_enum_strings);
  g_test_add_func ("/core/diagnostic/kb-23", test_kb_23);
  g_test_add_func ("/core/diagnostic/header-name-in-value", test_header_name_in_value);
  g_test_add_func ("/core/diagnostic/folded-reason", test_folded_reason);
  g_test_add_func ("/core/diagnostic/pareshj-copies", test_pareshj_copies);
  g_test_add_func ("/core/diagnostic/msxfaq-51007-51004", test_msxfaq);
  g_test_add_func ("/core/diagnostic/lab-fixture", test_lab_fixture);
  g_test_add_func ("/core/diagnostic/cisco-1009-1010", test_cisco);
  g_test_add_func ("/core/diagnostic/subcode-and-missing", test_subcode_and_missing);
  g_test_add_func ("/core/diagnostic/number-limit-and-sharing", test_number_limit_and_sharing);
  g_test_add_func ("/core/diagnostic/quoted-separators", test_quoted_separators);
  g_test_add_func ("/core/diagnostic/monitoring-flat", test_monitoring_flat);
  g_test_add_func ("/core/diagnostic/media-tolerance", test_media_tolerance);
  g_test_add_func ("/core/diagnostic/robust", test_robust);

  g_test_add_func ("/core/icewarn/parse", test_ice_parse);
  g_test_add_func ("/core/icewarn/decode-reskit", test_ice_decode_reskit);
  g_test_add_func ("/core/icewarn/reskit-table", test_ice_reskit_table);
  g_test_add_func ("/core/icewarn/unknown-and-inferred", test_ice_unknown_and_inferred);
  g_test_add_func ("/core/icewarn/qoe-table", test_ice_qoe_table);
  g_test_add_func ("/core/icewarn/sum", test_ice_sum);

  g_test_add_func ("/core/codes/client", test_codes_client);
  g_test_add_func ("/core/codes/server", test_codes_server);
  g_test_add_func ("/core/codes/component", test_codes_component);
  g_test_add_func ("/core/codes/meaning", test_codes_meaning);
  g_test_add_func ("/core/codes/component-attribute", test_codes_component_attribute);
  g_test_add_func ("/core/codes/notes", test_codes_notes);
  g_test_add_func ("/core/codes/tables", test_codes_tables);


  return g_test_run ();
}
