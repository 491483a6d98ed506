/* ld-rules-media.c - findings from ICEWarn and the media debug attributes
 *
 * The ICE warning bits are read with the Lync Server 2010 Resource Kit
 * ch. 9 table (ld-ice-warn.c).  A bit on a call that connected is at most
 * information: the Resource Kit calls several of them expected, and a
 * healthy call routinely carries 0x40003a0 (the TCP and UDP relay checks
 * that were not needed once a path worked).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ld-rules"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "ld-rules-private.h"

/* ---- Shared pieces ---------------------------------------------------------- */

static void
add_media_evidence (LdFinding       *f,
                    const LdAttempt *a,
                    LdMediaRefs      refs,
                    guint32          any)
{
  const LdDiagnostic *last = NULL;

  for (guint i = 0; i < refs.len; i++)
    {
      const LdMediaRef *ref = &refs.v[i];

      if (ref->diag == last || !ref->media->has_ice_warn)
        continue;
      if (any != 0 && (ref->media->ice_warn & any) == 0)
        continue;
      ld_rule_add_diag_evidence (f, a, ref->diag);
      last = ref->diag;
    }
}

/* What a media finding's detail is written from. */
typedef struct
{
  const LdAttempt  *a;
  const LdMediaRef *ref;   /* (nullable) */
  const char       *why;
} MediaDetail;

/* Outcome, decoded bits, the explanation, then the addresses and ranges;
 * without a media debug attribute, the outcome and the explanation.  An
 * LdDetailFunc: the rules leave it to the fold (ld_rule_emit_with_detail()),
 * which writes it only for the finding that represents its group. */
static char *
media_detail (gconstpointer data)
{
  const MediaDetail *d = data;
  GString *s = g_string_new (NULL);

  ld_rule_append_outcome (s, d->a);
  if (d->ref == NULL)
    {
      g_string_append_printf (s, "\n%s", d->why);
      return g_string_free (s, FALSE);
    }
  g_string_append_c (s, '\n');
  ld_rule_append_ice_bits (s, d->ref);
  if (d->why != NULL)
    g_string_append_printf (s, "\n%s", d->why);
  g_string_append_c (s, '\n');
  ld_rule_append_media_facts (s, d->ref);
  return g_string_free (s, FALSE);
}

/* ICEWarn describes what its writer saw: when the other side wrote it, the
 * ports to open are on the other side's network. */
static const char *
writer_computer (const LdMediaRef *ref)
{
  if (ref->diag->message != NULL && ref->diag->message->direction == LD_DIRECTION_RECEIVED)
    return _("the other party's computer");
  return _("this client");
}

/* @relays: (nullable): the relay hosts of @a (ld_rule_dup_relays()), when
 * the caller has them already. */
static void
add_relay_action_for (LdFinding        *f,
                      const LdAttempt  *a,
                      const LdMediaRef *ref,
                      const char       *relays)
{
  g_autofree char *text = NULL;

  if (relays != NULL)
    text = g_strdup_printf (_("Allow outbound %s from %s to the A/V Edge / media relays %s."),
                            ld_port_set_get_text (ld_rule_media_is_tcp_only (a, ref->media) ? "media-relay-tcp"
                                                                                            : "media-relay"),
                            writer_computer (ref), relays);
  else
    text = g_strdup_printf (_("Allow outbound %s from %s to the A/V Edge servers (for Lync Online: to the Office 365 "
                              "media relays)."), ld_port_set_get_text ("media-relay"), writer_computer (ref));
  ld_finding_add_action (f, text);
}

static void
add_relay_action (LdFinding        *f,
                  const LdAttempt  *a,
                  const LdMediaRef *ref)
{
  g_autofree char *relays = ld_rule_dup_relays (a, TRUE);

  add_relay_action_for (f, a, ref, relays);
}

static void
add_online_probe_action (LdFinding *f)
{
  ld_finding_add_action (f, _("Lync Online / Office 365: run the Transport Reliability IP Probe (TRIPP) or the "
                              "Skype for Business Network Assessment Tool (networkassessmenttool.exe "
                              "/connectivitycheck) on this computer and open every port it reports blocked."));
}

/* Notes about calls that worked are gathered into one finding per rule: a
 * deployment without an Edge has 0x80000 on every call, and a hundred
 * identical notes would bury the findings that matter.  The rule keeps it
 * and emits it when it ends (info_group_finish()), after the failures it
 * emitted on the way.  That changes nothing grouping shows: the rules that
 * gather notes set no detail, so all their findings form one group, in
 * which the note is the only member of severity info; where a member
 * comes decides only between members that tie in severity. */
#define INFO_MAX_EVIDENCE 10

typedef struct
{
  LdFinding *f;
  guint      n;
} InfoGroup;

/* Adds @f, whose detail @detail describes: only the first one's is kept. */
static void
info_group_add (InfoGroup         *g,
                LdFinding         *f,
                const MediaDetail *detail)
{
  g->n++;
  if (g->f == NULL)
    {
      ld_finding_take_detail (f, media_detail (detail));
      g->f = f;
      return;
    }
  for (guint i = 0; i < f->evidence->len && g->f->evidence->len < INFO_MAX_EVIDENCE; i++)
    {
      const LdEvidence *e = &g_array_index (f->evidence, LdEvidence, i);
      ld_finding_add_evidence (g->f, e->attempt, e->input, e->line, f->time, e->excerpt);
    }
  for (guint i = 0; i < f->attempts->len; i++)
    ld_finding_add_attempt (g->f, g_array_index (f->attempts, guint, i));
  ld_finding_free (f);
}

static void
info_group_finish (InfoGroup *g,
                   LdRuleOut *out)
{
  char *detail;

  if (g->f == NULL)
    return;
  if (g->n < 2)
    {
      ld_rule_emit (out, g_steal_pointer (&g->f));
      return;
    }
  detail = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "%s\nThe same was seen in %u call that connected; the details above are "
                                         "from the first.",
                                         "%s\nThe same was seen in %u calls that connected; the details above are "
                                         "from the first.", g->n),
                            g->f->detail, g->n);
  g_free (g->f->detail);
  g->f->detail = detail;
  ld_rule_emit (out, g_steal_pointer (&g->f));
}

/* ---- Simple bit rules --------------------------------------------------------- */

/* The bits are the ICE table's rows that point to the rule's cause
 * (ld_ice_warn_get_cause_bits()). */
typedef struct
{
  gboolean      udp_only;      /* says nothing about TCP-only media */
  gboolean      failed_only;   /* nothing to say when the call worked */
  LdConfidence  confidence;    /* on a failed call */
  gboolean      edge_raises;   /* high confidence when the media needed the Edge */
  LdConfidence  ok_confidence; /* on a call that worked (info) */
  const char   *title;         /* N_ */
  const char   *ok_title;      /* N_ */
  const char   *why;           /* N_ */
  const char   *ok_why;        /* N_ */
  gboolean      relay_action;
  gboolean      probe_action;
  /* The cause's generic actions come from its row in ld-causes.c. */
} BitRule;

static void
run_bit_rule (LdAnalysis    *analysis,
              const LdRule  *rule,
              LdRuleOut     *out,
              const BitRule *spec)
{
  GPtrArray *attempts = ld_analysis_get_attempts (analysis);
  const LdMediaIndex *media = ld_rule_media_index (analysis);
  InfoGroup worked = { NULL, 0 };
  const guint32 bits = ld_ice_warn_get_cause_bits (LD_ICE_TABLE_RESKIT, rule->id);

  for (guint i = 0; i < attempts->len; i++)
    {
      const LdAttempt *a = g_ptr_array_index (attempts, i);
      LdMediaRefs refs;
      const LdMediaRef *ref = NULL;
      gboolean failed = ld_rule_attempt_failed (a);
      MediaDetail detail;
      LdConfidence confidence;
      LdFinding *f;

      if (!failed && (spec->failed_only || a->outcome != LD_OUTCOME_SUCCEEDED))
        continue;
      refs = ld_rule_get_media (media, a);
      for (guint j = 0; j < refs.len && ref == NULL; j++)
        {
          const LdMediaRef *r = &refs.v[j];

          if (r->media->has_ice_warn && (r->media->ice_warn & bits) != 0 &&
              !(spec->udp_only && ld_rule_media_is_tcp_only (a, r->media)))
            ref = r;
        }
      if (ref == NULL)
        continue;

      confidence = failed ? spec->confidence : spec->ok_confidence;
      if (failed && spec->edge_raises && ld_rule_media_needs_edge (a, ref->media))
        confidence = LD_CONFIDENCE_HIGH;
      detail = (MediaDetail) { a, ref, failed ? _(spec->why) : _(spec->ok_why) };
      f = ld_finding_new (rule->id, failed ? ld_rule_get_severity (rule) : LD_SEVERITY_INFO, confidence,
                          failed ? g_strdup_printf ("%s (%s)", _(spec->title), ld_rule_modality_label (a->modality))
                                 : g_strdup (_(spec->ok_title)),
                          NULL);
      if (spec->relay_action)
        add_relay_action (f, a, ref);
      if (spec->probe_action)
        add_online_probe_action (f);
      add_media_evidence (f, a, refs, bits);
      if (failed)
        ld_rule_emit_with_detail (out, f, media_detail, &detail);
      else
        info_group_add (&worked, f, &detail);
    }
  info_group_finish (&worked, out);
}

void
ld_rule_turn_unreachable (LdAnalysis   *analysis,
                          const LdRule *rule,
                          LdRuleOut    *out)
{
  static const BitRule spec = {
    FALSE, FALSE, LD_CONFIDENCE_MEDIUM, TRUE, LD_CONFIDENCE_MEDIUM,
    N_("The media relay on the A/V Edge could not be reached"),
    N_("The media relay on the A/V Edge could not be reached, but this call did not need it"),
    N_("0x1 (Resource Kit ch. 9: \"TURN server unreachable\", not expected): the client could not reach the "
       "TURN server, the media relay on the A/V Edge, at all. Without a relay there is no media path to "
       "anyone outside the company network. The usual cause is UDP 3478 and TCP 443 to the A/V Edge being "
       "blocked; a case with code 23 and ICEWarn=0x80012b was fixed by opening UDP 3478."),
    N_("0x1 (Resource Kit ch. 9: \"TURN server unreachable\"): the client could not reach the media relay on "
       "the A/V Edge. This call connected without it (a direct path worked), but calls with people outside "
       "the company network will fail from this computer until the relay is reachable."),
    TRUE, TRUE
  };

  run_bit_rule (analysis, rule, out, &spec);
}

void
ld_rule_udp_blocked (LdAnalysis   *analysis,
                     const LdRule *rule,
                     LdRuleOut    *out)
{
  static const BitRule spec = {
    TRUE, TRUE,
    LD_CONFIDENCE_MEDIUM, FALSE, LD_CONFIDENCE_LOW,
    N_("UDP media to or through the A/V Edge relay was blocked"),
    NULL,
    N_("Audio and video prefer UDP. 0x2 / 0x4 mean reserving or sending UDP on the media relay failed, 0x80 "
       "that UDP through the relay did not connect: a firewall or HTTP proxy on one side blocks UDP. The "
       "Resource Kit (ch. 9) calls this possibly expected behind a UDP-blocking firewall, because the call "
       "can fall back to TCP; here the call failed, so the fallback did not save it."),
    NULL,
    TRUE, FALSE
  };

  run_bit_rule (analysis, rule, out, &spec);
}

void
ld_rule_turn_credentials (LdAnalysis   *analysis,
                          const LdRule *rule,
                          LdRuleOut    *out)
{
  static const BitRule spec = {
    FALSE, FALSE, LD_CONFIDENCE_HIGH, FALSE, LD_CONFIDENCE_MEDIUM,
    N_("The A/V Edge media relay refused the client's credentials"),
    N_("The A/V Edge media relay refused the client's credentials, but this call did not need it"),
    N_("0x4000 (Resource Kit ch. 9: \"TURN server credentials expired or unknown\", not expected): the relay "
       "did not accept the credentials the client got from the Media Relay Authentication Service (MRAS). "
       "The A/V authentication service on the Edge may be down or unreachable from the Front End, so no "
       "relay path could be used."),
    N_("0x4000 (Resource Kit ch. 9: \"TURN server credentials expired or unknown\"): the relay did not accept "
       "the client's credentials. This call connected directly, but calls through the Edge will fail."),
    FALSE, FALSE
  };

  run_bit_rule (analysis, rule, out, &spec);
}

void
ld_rule_no_turn_server (LdAnalysis   *analysis,
                        const LdRule *rule,
                        LdRuleOut    *out)
{
  static const BitRule spec = {
    FALSE, FALSE, LD_CONFIDENCE_MEDIUM, TRUE, LD_CONFIDENCE_HIGH,
    N_("No media relay (A/V Edge) is configured for this client"),
    N_("No media relay (A/V Edge) is configured: calls worked inside, calls with outside users will fail"),
    N_("0x80000 (Resource Kit ch. 9: \"No TURN server configured\"): the client had no media relay to use, "
       "either because no A/V Edge server is configured or because DNS could not resolve it. Media with "
       "anyone outside the company network has no path without it."),
    N_("0x80000 (Resource Kit ch. 9: \"No TURN server configured\"): the client had no media relay. This call "
       "connected directly, which works between computers inside one network; calls with remote or "
       "federated users need the A/V Edge and will fail."),
    FALSE, FALSE
  };

  run_bit_rule (analysis, rule, out, &spec);
}

void
ld_rule_proxy_tls_inspection (LdAnalysis   *analysis,
                              const LdRule *rule,
                              LdRuleOut    *out)
{
  static const BitRule spec = {
    FALSE, FALSE, LD_CONFIDENCE_HIGH, FALSE, LD_CONFIDENCE_MEDIUM,
    N_("An HTTP proxy or firewall inspects the TLS traffic to the A/V Edge"),
    N_("An HTTP proxy or firewall inspects the TLS traffic to the A/V Edge (this call still worked)"),
    N_("0x800000 (Resource Kit ch. 9: \"Pseudo-TLS failure\"): the relay connection on TCP 443 is not real "
       "TLS, and a proxy or firewall that decrypts and re-encrypts TLS (SSL inspection) breaks it. Microsoft "
       "does not support SSL inspection of this traffic."),
    N_("0x800000 (Resource Kit ch. 9: \"Pseudo-TLS failure\"): a proxy or firewall doing SSL inspection broke "
       "the relay connection on TCP 443. This call found another path, but calls that need TCP through the "
       "Edge will fail."),
    FALSE, FALSE
  };

  run_bit_rule (analysis, rule, out, &spec);
}

void
ld_rule_proxy_auth_failed (LdAnalysis   *analysis,
                           const LdRule *rule,
                           LdRuleOut    *out)
{
  static const BitRule spec = {
    FALSE, FALSE, LD_CONFIDENCE_HIGH, FALSE, LD_CONFIDENCE_MEDIUM,
    N_("The HTTP proxy refused the client's login on the way to the A/V Edge"),
    N_("The HTTP proxy refused the client's login on the way to the A/V Edge (this call still worked)"),
    N_("0x2000000 (Resource Kit ch. 9: \"HTTP proxy authentication failed\"): the client tried to reach the "
       "media relay through the configured HTTP proxy, and the proxy rejected its credentials or its "
       "authentication method, so the relay path over TCP 443 was lost."),
    N_("0x2000000 (Resource Kit ch. 9: \"HTTP proxy authentication failed\"): the proxy rejected the client on "
       "the way to the media relay. This call found another path, but calls that need the Edge over TCP "
       "will fail."),
    FALSE, FALSE
  };

  run_bit_rule (analysis, rule, out, &spec);
}

void
ld_rule_winsock_lsp (LdAnalysis   *analysis,
                     const LdRule *rule,
                     LdRuleOut    *out)
{
  static const BitRule spec = {
    FALSE, FALSE, LD_CONFIDENCE_MEDIUM, FALSE, LD_CONFIDENCE_LOW,
    N_("Media stopped after the first packets: software or a firewall interferes with the connection"),
    N_("Connectivity checks failed after the path was chosen (media may have stopped during the call)"),
    N_("0x8000000 (Resource Kit ch. 9: \"Use-candidate checks failed\"): the path was chosen, then the final "
       "checks on it failed, so packets stop after the first few. The Resource Kit names third-party "
       "Winsock layered service providers (LSPs, installed by antivirus, VPN or web filter software); a "
       "firewall with application inspection that drops the traffic after identifying it (a Palo Alto "
       "bug, ICEWarn=0x8000100) does the same."),
    N_("0x8000000 (Resource Kit ch. 9: \"Use-candidate checks failed\"): the final checks on the chosen path "
       "failed. The call connected; if the user reports media that stopped after a few seconds, look for "
       "Winsock LSPs or firewall application inspection."),
    FALSE, FALSE
  };

  run_bit_rule (analysis, rule, out, &spec);
}

/* ---- ports-blocked ------------------------------------------------------------- */

void
ld_rule_ports_blocked (LdAnalysis   *analysis,
                       const LdRule *rule,
                       LdRuleOut    *out)
{
  GPtrArray *attempts = ld_analysis_get_attempts (analysis);
  const LdMediaIndex *media = ld_rule_media_index (analysis);
  const guint32 bits = ld_ice_warn_get_cause_bits (LD_ICE_TABLE_RESKIT, rule->id);

  for (guint i = 0; i < attempts->len; i++)
    {
      const LdAttempt *a = g_ptr_array_index (attempts, i);
      LdMediaRefs refs;
      const LdMediaRef *ref;
      g_autoptr(GString) why = NULL;
      MediaDetail detail;
      gboolean media_code;
      LdConfidence confidence;
      LdFinding *f;

      if (!ld_rule_attempt_failed (a))
        continue;
      refs = ld_rule_get_media (media, a);
      ref = ld_rule_find_media (refs, bits, 0);
      if (ref == NULL)
        continue;

      media_code = ld_rule_find_code (a, TRUE, LD_RULE_MEDIA_CODE_FIRST, LD_RULE_MEDIA_CODE_LAST) != NULL;
      confidence = (ref->media->ice_warn & LD_ICE_TURN_TCP_TCP_FAILED) && media_code
        ? LD_CONFIDENCE_HIGH : LD_CONFIDENCE_MEDIUM;

      why = g_string_new (NULL);
      if (ref->media->ice_warn & LD_ICE_TURN_TCP_TCP_FAILED)
        g_string_append (why, _("0x4000000: the TCP connectivity checks through the TURN server (the media relay "
                                "on the A/V Edge) failed. The Resource Kit (ch. 9) reads this as TCP port 443 to "
                                "the Edge not being open; where a 2007 A/V Edge is involved, TCP 50000–59999 to "
                                "all external A/V Edge servers must be open too. "));
      if (ref->media->ice_warn & (LD_ICE_TURN_TCP_ALLOCATE | LD_ICE_TURN_TCP_SEND))
        g_string_append (why, _("0x8 / 0x10: the client could not reserve or use a TCP port on the media relay: "
                                "the A/V Edge was not reachable on TCP 443, or an HTTP proxy broke the TLS "
                                "connection to it. "));
      if (ld_rule_media_needs_edge (a, ref->media))
        g_string_append (why, _("At least one side was outside the company network, so the relay was the only "
                                "way for the media. "));
      g_string_append (why, _("Microsoft's article on this symptom (KB 2386684) names port 443 or ports "
                              "50000–59999 being blocked as the usual cause."));

      detail = (MediaDetail) { a, ref, why->str };
      f = ld_finding_new (rule->id, ld_rule_get_severity (rule), confidence,
                          g_strdup_printf (_("TCP 443 or ports 50000–59999 to the A/V Edge media relay look "
                                             "blocked (%s)"), ld_rule_modality_label (a->modality)),
                          NULL);
      {
        g_autofree char *relays = ld_rule_dup_relays (a, TRUE);

        add_relay_action_for (f, a, ref, relays);
        /* Which relays to open is the distinguishing detail. */
        ld_finding_set_group (f, relays);
      }
      add_media_evidence (f, a, refs, bits);
      ld_rule_emit_with_detail (out, f, media_detail, &detail);
    }
}

/* ---- edge-to-edge ---------------------------------------------------------------- */

/* Code 23 with a relay on both sides (LocalMR and RemoteMR) and failed
 * relay checks is the KB 2386684 case "a communication error between two
 * Lync Edge servers".  0x4000000 counts as the relay-to-relay check failing:
 * the Resource Kit calls it "TCP-TCP connectivity checks over the TURN
 * server failed", and when both sides hold a relay allocation the pair left
 * to check over TCP is relay against relay; the allocations themselves
 * worked, or LocalMR/RemoteMR would be empty.  0x200 (TCP TURN connectivity
 * failed) alone counts only where no UDP path was possible (TCP-only media,
 * or 0x80 UDP relay connectivity failed too): on its own the Resource Kit
 * calls it expected.  The same bits also fit ports-blocked (a firewall at
 * one client), which stays the more likely cause, so this finding is a
 * warning (listed after the errors) of at most medium confidence. */
void
ld_rule_edge_to_edge (LdAnalysis   *analysis,
                      const LdRule *rule,
                      LdRuleOut    *out)
{
  GPtrArray *attempts = ld_analysis_get_attempts (analysis);
  const LdMediaIndex *media = ld_rule_media_index (analysis);

  for (guint i = 0; i < attempts->len; i++)
    {
      const LdAttempt *a = g_ptr_array_index (attempts, i);
      LdMediaRefs refs;
      const LdMediaRef *ref = NULL;
      g_autofree char *lhost = NULL;
      g_autofree char *rhost = NULL;
      g_autoptr(GString) why = NULL;
      MediaDetail detail;
      LdFinding *f;

      if (!ld_rule_attempt_failed (a) || ld_rule_find_code (a, TRUE, 23, 23) == NULL)
        continue;
      refs = ld_rule_get_media (media, a);
      for (guint j = 0; j < refs.len && ref == NULL; j++)
        {
          const LdMediaRef *r = &refs.v[j];
          guint32 v = r->media->ice_warn;
          gboolean relay_pair_failed;

          g_autofree char *l = NULL;
          g_autofree char *rm = NULL;

          if (!r->media->has_ice_warn ||
              !ld_rule_address_usable (ld_media_debug_get_field (r->media, "LocalMR")) ||
              !ld_rule_address_usable (ld_media_debug_get_field (r->media, "RemoteMR")))
            continue;
          /* One relay address on both sides is one Edge: nothing for two
           * Edge servers to fail between. */
          l = ld_rule_dup_address_host (ld_media_debug_get_field (r->media, "LocalMR"));
          rm = ld_rule_dup_address_host (ld_media_debug_get_field (r->media, "RemoteMR"));
          if (g_ascii_strcasecmp (l, rm) == 0)
            continue;
          relay_pair_failed = (v & LD_ICE_TURN_TCP_TCP_FAILED) != 0 ||
            ((v & LD_ICE_TCP_RELAY_FAILED) != 0 &&
             (ld_rule_media_is_tcp_only (a, r->media) || (v & LD_ICE_UDP_RELAY_FAILED) != 0));
          if (relay_pair_failed)
            ref = r;
        }
      if (ref == NULL)
        continue;

      lhost = ld_rule_dup_address_host (ld_media_debug_get_field (ref->media, "LocalMR"));
      rhost = ld_rule_dup_address_host (ld_media_debug_get_field (ref->media, "RemoteMR"));

      why = g_string_new (NULL);
      g_string_append_printf (why, _("Code 23: one computer was inside its company network and the other "
                                     "outside. Both sides had a media relay: LocalMR=%s and RemoteMR=%s"),
                              ld_media_debug_get_field (ref->media, "LocalMR"),
                              ld_media_debug_get_field (ref->media, "RemoteMR"));
      g_string_append (why, _(" (two different Edge relays). "));
      g_string_append (why, _("The checks between the two relays failed, so the media could not cross from one "
                              "Edge server to the other. Microsoft's article for this error (KB 2386684) says "
                              "that there is then likely a communication error between two Lync Edge servers: "
                              "the two users are connected through different Edge servers that cannot "
                              "communicate with one another."));

      detail = (MediaDetail) { a, ref, why->str };
      f = ld_finding_new (rule->id, ld_rule_get_severity (rule), LD_CONFIDENCE_MEDIUM,
                          g_strdup (_("The two sides' Edge servers may not be able to reach each other")),
                          NULL);
      {
        g_autofree char *text = g_strdup_printf (_("Check that each A/V Edge can reach the other side's relay "
                                                   "(%s and %s) from its external interface on %s, and that the "
                                                   "Edge's public (NAT) address is configured correctly."),
                                                 lhost, rhost, ld_port_set_get_text ("edge-to-edge"));
        g_autofree char *pair = g_strdup_printf (_("%s and %s"), lhost, rhost);

        ld_finding_add_action (f, text);
        /* Which two Edges to check is the distinguishing detail. */
        ld_finding_set_group (f, pair);
      }
      add_media_evidence (f, a, refs, LD_ICE_TURN_TCP_TCP_FAILED | LD_ICE_TCP_RELAY_FAILED);
      ld_rule_emit_with_detail (out, f, media_detail, &detail);
    }
}

/* ---- tcp-media-blocked ------------------------------------------------------------- */

void
ld_rule_tcp_media_blocked (LdAnalysis   *analysis,
                           const LdRule *rule,
                           LdRuleOut    *out)
{
  GPtrArray *attempts = ld_analysis_get_attempts (analysis);
  const LdMediaIndex *media = ld_rule_media_index (analysis);
  const guint32 all_tcp = LD_ICE_LOCAL_FAILED | LD_ICE_TCP_NAT_FAILED | LD_ICE_TCP_RELAY_FAILED;

  for (guint i = 0; i < attempts->len; i++)
    {
      const LdAttempt *a = g_ptr_array_index (attempts, i);
      LdMediaRefs refs;
      const LdMediaRef *ref = NULL;
      const LdDiagnostic *code;
      gboolean tcp_only = FALSE;
      g_autoptr(GString) why = NULL;
      MediaDetail detail;
      LdConfidence confidence;
      const char *range;
      LdFinding *f;

      if (!ld_rule_attempt_failed (a))
        continue;
      refs = ld_rule_get_media (media, a);
      /* TCP-only media first; audio/video only when UDP through the relay
       * failed as well, so that no path at all was left. */
      for (guint j = 0; j < refs.len && ref == NULL; j++)
        {
          const LdMediaRef *r = &refs.v[j];

          if (r->media->has_ice_warn && (r->media->ice_warn & all_tcp) == all_tcp &&
              ld_rule_media_is_tcp_only (a, r->media))
            {
              ref = r;
              tcp_only = TRUE;
            }
        }
      for (guint j = 0; j < refs.len && ref == NULL; j++)
        {
          const LdMediaRef *r = &refs.v[j];

          if (r->media->has_ice_warn && (r->media->ice_warn & all_tcp) == all_tcp &&
              (r->media->ice_warn & LD_ICE_UDP_RELAY_FAILED) != 0)
            ref = r;
        }
      if (ref == NULL)
        continue;

      code = ld_rule_find_code (a, TRUE, LD_RULE_MEDIA_CODE_FIRST, LD_RULE_MEDIA_CODE_LAST);
      if (tcp_only)
        confidence = code != NULL ? LD_CONFIDENCE_HIGH : LD_CONFIDENCE_MEDIUM;
      else
        confidence = LD_CONFIDENCE_LOW;

      why = g_string_new (NULL);
      if (tcp_only)
        g_string_append (why, _("Application sharing and file transfer carry their media over TCP only. Every TCP "
                                "path was tried and failed: the direct connection between the two computers "
                                "(0x20), the connection through the public NAT address (0x100) and the "
                                "connection through the Edge media relay (0x200). "));
      else
        g_string_append (why, _("Every path was tried and failed: direct (0x20), UDP through the relay (0x80), "
                                "TCP through NAT (0x100) and TCP through the relay (0x200). "));
      if (a->status >= 200 && a->status < 300)
        g_string_append (why, _("Signalling worked, so the servers were reachable; only the media connection was "
                                "stopped. "));
      if (code != NULL && code->code == 24)
        g_string_append (why, _("Both computers were outside the company network (code 24): the block sits on "
                                "one of their own networks or computers, not on the company's Edge. "));
      g_string_append (why, _("Something on the path blocks or inspects TCP media: a firewall (including "
                              "next-generation firewalls with application inspection) or security software that "
                              "inspects network traffic. In a field report with this pattern (code 24, "
                              "ICEWarn=0x320) the fix was an exception in the antivirus (Kaspersky)."));

      detail = (MediaDetail) { a, ref, why->str };
      f = ld_finding_new (rule->id, ld_rule_get_severity (rule), confidence,
                          g_strdup_printf (_("A firewall or security software blocks the TCP media (%s)"),
                                           ld_rule_modality_label (a->modality)),
                          NULL);
      range = ld_media_debug_get_field (ref->media, "PortRange");
      if (ld_rule_port_range_width (range) > 0 && ld_rule_port_range_width (range) < 64000)
        {
          g_autofree char *text = g_strdup_printf (_("The client uses the media port range PortRange=%s: allow "
                                                     "those ports over TCP between the clients as well."), range);
          ld_finding_add_action (f, text);
        }
      add_media_evidence (f, a, refs, all_tcp);
      ld_rule_emit_with_detail (out, f, media_detail, &detail);
    }
}

/* ---- port-range-exhausted ------------------------------------------------------------ */

/* Resource Kit ch. 9, 0x200000: audio/video needs at least 20 ports per
 * call, application sharing and file transfer at least 3. */
void
ld_rule_port_range_exhausted (LdAnalysis   *analysis,
                              const LdRule *rule,
                              LdRuleOut    *out)
{
  GPtrArray *attempts = ld_analysis_get_attempts (analysis);
  const LdMediaIndex *media = ld_rule_media_index (analysis);
  InfoGroup worked = { NULL, 0 };

  for (guint i = 0; i < attempts->len; i++)
    {
      const LdAttempt *a = g_ptr_array_index (attempts, i);
      LdMediaRefs refs;
      const LdMediaRef *ref;
      const LdMediaRef *narrow = NULL;
      guint width = 0, need = 0;
      gboolean failed = ld_rule_attempt_failed (a);
      g_autoptr(GString) why = NULL;
      MediaDetail detail;
      LdSeverity severity;
      LdConfidence confidence;
      LdFinding *f;

      if (!failed && a->outcome != LD_OUTCOME_SUCCEEDED)
        continue;
      refs = ld_rule_get_media (media, a);
      ref = ld_rule_find_media (refs, LD_ICE_PORT_RANGE_EXHAUSTED, 0);
      for (guint j = 0; j < refs.len && narrow == NULL; j++)
        {
          const LdMediaRef *r = &refs.v[j];
          guint w = ld_rule_port_range_width (ld_media_debug_get_field (r->media, "PortRange"));
          guint n = ld_rule_media_is_tcp_only (a, r->media) ? 3 : 20;

          if (w > 0 && w < n)
            {
              narrow = r;
              width = w;
              need = n;
            }
        }
      if (ref == NULL && narrow == NULL)
        continue;

      why = g_string_new (NULL);
      if (ref != NULL)
        g_string_append (why, _("0x200000 (Resource Kit ch. 9: \"Port range exhausted\"): the client found no free "
                                "port in the media port range the administrator allowed. "));
      if (narrow != NULL)
        g_string_append_printf (why, _("PortRange=%s allows %u ports; %s needs at least %u per call "
                                       "(Resource Kit ch. 9). "),
                                ld_media_debug_get_field (narrow->media, "PortRange"), width,
                                need == 3 ? _("application sharing or file transfer") : _("audio/video"), need);
      g_string_append (why, failed ? _("Without a free port the client cannot offer the candidates ICE needs, so "
                                       "the media could not connect.")
                                   : _("This call connected, but the next call, or a second modality in the same "
                                       "call, may not find a port."));

      if (failed)
        {
          severity = ref != NULL ? LD_SEVERITY_ERROR : LD_SEVERITY_WARNING;
          confidence = ref != NULL ? LD_CONFIDENCE_HIGH : LD_CONFIDENCE_MEDIUM;
        }
      else
        {
          severity = LD_SEVERITY_INFO;
          confidence = ref != NULL ? LD_CONFIDENCE_MEDIUM : LD_CONFIDENCE_LOW;
        }
      detail = (MediaDetail) { a, ref != NULL ? ref : narrow, why->str };
      f = ld_finding_new (rule->id, severity, confidence,
                          ref != NULL
                            ? g_strdup_printf (_("The client ran out of media ports (%s)"),
                                               ld_rule_modality_label (a->modality))
                            : g_strdup_printf (_("The client's media port range is too small (%s)"),
                                               ld_rule_modality_label (a->modality)),
                          NULL);
      if (ref != NULL)
        add_media_evidence (f, a, refs, LD_ICE_PORT_RANGE_EXHAUSTED);
      else
        ld_rule_add_diag_evidence (f, a, narrow->diag);
      if (failed)
        ld_rule_emit_with_detail (out, f, media_detail, &detail);
      else
        info_group_add (&worked, f, &detail);
    }
  info_group_finish (&worked, out);
}

/* ---- bandwidth-policy ----------------------------------------------------------------- */

void
ld_rule_bandwidth_policy (LdAnalysis   *analysis,
                          const LdRule *rule,
                          LdRuleOut    *out)
{
  GPtrArray *attempts = ld_analysis_get_attempts (analysis);
  const LdMediaIndex *media = ld_rule_media_index (analysis);
  const guint32 hard = LD_ICE_BW_CANDIDATES_REMOVED | LD_ICE_BW_ALLOCATION_FAILED;
  const guint32 soft = LD_ICE_BW_POLICY_CONFIGURED | LD_ICE_BW_LOWERED | LD_ICE_BW_KEEPALIVE_FAILED;
  InfoGroup worked = { NULL, 0 };

  for (guint i = 0; i < attempts->len; i++)
    {
      const LdAttempt *a = g_ptr_array_index (attempts, i);
      LdMediaRefs refs;
      const LdMediaRef *ref;
      const LdDiagnostic *cac;
      gboolean failed = ld_rule_attempt_failed (a);
      LdFinding *f;

      if (!failed && a->outcome != LD_OUTCOME_SUCCEEDED)
        continue;
      refs = ld_rule_get_media (media, a);

      /* [MS-OCER] 9.2.2: ms-diagnostics 4 "Insufficient bandwidth to
       * establish session"; the user sees "The network is busy". */
      cac = failed ? ld_rule_find_code (a, FALSE, 4, 4) : NULL;
      if (cac != NULL)
        {
          g_autoptr(GString) detail = g_string_new (NULL);

          ld_rule_append_outcome (detail, a);
          g_string_append (detail, "\n");
          g_string_append (detail, _("Call admission control (the bandwidth policy service) refused the session: "
                                     "the network link between the sites does not allow the bandwidth this call "
                                     "needs at this moment. In a meeting the user sees \"The network is busy. "
                                     "Cannot join the meeting.\" ([MS-OCER] 9.2.2)."));
          f = ld_finding_new (rule->id, LD_SEVERITY_ERROR, LD_CONFIDENCE_HIGH,
                              g_strdup (_("Not enough bandwidth allowed on the network link: call admission "
                                          "control refused the call")),
                              g_string_free (g_steal_pointer (&detail), FALSE));
          ld_finding_add_action (f, _("Check the bandwidth policy profile of the network link between the users' "
                                      "sites (Get-CsNetworkBandwidthPolicyProfile) and how much of it is in use."));
          ld_finding_add_action (f, _("Retry later, or raise the audio/video limit on that link if the link can "
                                      "carry it."));
          ld_rule_add_diag_evidence (f, a, cac);
          ld_rule_emit (out, f);
          continue;
        }

      if (failed && (ref = ld_rule_find_media (refs, hard, 0)) != NULL)
        {
          MediaDetail detail = { a, ref,
            _("The bandwidth policy (call admission control) took part in setting up the media: 0x8000 means it "
              "removed connection candidates, 0x40000 that it refused the relay-to-relay path (Resource Kit "
              "ch. 9). With candidates removed, ICE had too few paths left. If the failure keeps coming back, "
              "the network regions, sites and subnets defined for the policy may be wrong, or there are NAT "
              "devices inside the company network.") };

          f = ld_finding_new (rule->id, LD_SEVERITY_ERROR, LD_CONFIDENCE_MEDIUM,
                              g_strdup_printf (_("The bandwidth policy blocked media paths (%s)"),
                                               ld_rule_modality_label (a->modality)),
                              NULL);
          ld_finding_add_action (f, _("Check the call admission control configuration: network regions, sites, "
                                      "subnets (every client subnet must be defined) and the policy profile of "
                                      "the link."));
          ld_finding_add_action (f, _("Check for NAT devices between internal sites; the bandwidth policy expects "
                                      "internal addresses as they are."));
          add_media_evidence (f, a, refs, hard);
          ld_rule_emit_with_detail (out, f, media_detail, &detail);
        }
      else if (failed && (ref = ld_rule_find_media (refs, soft, 0)) != NULL)
        {
          MediaDetail detail = { a, ref,
            _("A bandwidth policy server was involved in this call (0x1000 configured, 0x10000 lowered the "
              "bandwidth, 0x20000 keep-alive failed). The Resource Kit (ch. 9) calls these informational; since "
              "the call failed, the bandwidth allowed on that network link may be too low.") };

          f = ld_finding_new (rule->id, LD_SEVERITY_WARNING, LD_CONFIDENCE_LOW,
                              g_strdup_printf (_("A bandwidth policy applied to this failed call (%s)"),
                                               ld_rule_modality_label (a->modality)),
                              NULL);
          ld_finding_add_action (f, _("Check the bandwidth policy profile of the network link between the users' "
                                      "sites and raise it if the link can carry more."));
          add_media_evidence (f, a, refs, soft);
          ld_rule_emit_with_detail (out, f, media_detail, &detail);
        }
      else if (!failed &&
               (ref = ld_rule_find_media (refs, LD_ICE_BW_LOWERED | hard, 0)) != NULL)
        {
          MediaDetail detail = { a, ref,
            _("The call worked, but the bandwidth policy limited it (0x10000 lowered the bandwidth, 0x8000 "
              "removed candidates, 0x40000 refused a relay path). The call may have used a narrow-band codec "
              "or no HD video.") };

          f = ld_finding_new (rule->id, LD_SEVERITY_INFO, LD_CONFIDENCE_MEDIUM,
                              g_strdup (_("A bandwidth policy limited calls that worked")),
                              NULL);
          ld_finding_add_action (f, _("Only if users complain about quality: review the bandwidth policy profile "
                                      "of this network link."));
          add_media_evidence (f, a, refs, LD_ICE_BW_LOWERED | hard);
          info_group_add (&worked, f, &detail);
        }
    }
  info_group_finish (&worked, out);
}

/* ---- federated-media / internal-media-blocked ----------------------------------------- */

static const LdMediaRef *
first_media (LdMediaRefs refs)
{
  return refs.len > 0 ? &refs.v[0] : NULL;
}

void
ld_rule_federated_media (LdAnalysis   *analysis,
                         const LdRule *rule,
                         LdRuleOut    *out)
{
  GPtrArray *attempts = ld_analysis_get_attempts (analysis);
  const LdMediaIndex *media = ld_rule_media_index (analysis);

  for (guint i = 0; i < attempts->len; i++)
    {
      const LdAttempt *a = g_ptr_array_index (attempts, i);
      LdMediaRefs refs;
      const LdDiagnostic *d;
      const LdMediaRef *ref = NULL;
      LdConfidence confidence = LD_CONFIDENCE_HIGH;
      MediaDetail detail;
      g_autofree char *relays = NULL;
      LdFinding *f;

      if (!ld_rule_attempt_failed (a))
        continue;
      refs = ld_rule_get_media (media, a);
      d = ld_rule_find_code (a, TRUE, 25, 25);
      if (d == NULL)
        {
          /* Another media failure code on a call the client itself marks
           * as federated (FederationType=1). */
          d = ld_rule_find_code (a, TRUE, LD_RULE_MEDIA_CODE_FIRST, 24);
          for (guint j = 0; d != NULL && j < refs.len && ref == NULL; j++)
            if (refs.v[j].media->federation_type >= 1)
              ref = &refs.v[j];
          if (ref == NULL)
            continue;
          confidence = LD_CONFIDENCE_MEDIUM;
        }
      if (ref == NULL)
        ref = first_media (refs);

      detail = (MediaDetail) { a, ref,
        _("The call was with another organisation (federation) and its media could not connect; with code 25 "
          "both computers were inside their own company networks. Each side must reach its own A/V Edge, and "
          "the two organisations' A/V Edge servers must reach each other: TCP 443, UDP 3478 and TCP/UDP "
          "50000–59999 (TCP 50000–59999 is required for federation with OCS 2007 R2, Lync 2010 and Lync 2013 "
          "partners). A known case with ICEWarn=0x40003a0 and no a=remote-candidates was an Edge/NAT problem "
          "between the federated Edges.") };
      f = ld_finding_new (rule->id, ld_rule_get_severity (rule), confidence,
                          g_strdup_printf (_("Media with the federated organisation could not connect (%s)"),
                                           ld_rule_modality_label (a->modality)),
                          NULL);
      relays = ld_rule_dup_relays (a, TRUE);
      if (relays != NULL)
        {
          g_autofree char *text = g_strdup_printf (_("Check that this organisation's A/V Edge reaches the relays "
                                                     "of this call (%s) on %s from its external interface."),
                                                   relays, ld_port_set_get_text ("edge-to-edge"));
          ld_finding_add_action (f, text);
        }
      {
        g_autofree char *text = g_strdup_printf (_("Check that internal clients reach their own A/V Edge's internal "
                                                   "interface on %s."), ld_port_set_get_text ("edge-internal"));
        const char *at = a->remote_party != NULL ? strchr (a->remote_party, '@') : NULL;
        g_autofree char *domain = at != NULL ? g_ascii_strdown (at + 1, strcspn (at + 1, ";>")) : NULL;

        ld_finding_add_action (f, text);
        /* The partner to ask is the distinguishing detail. */
        ld_finding_set_group (f, domain);
      }
      ld_rule_add_diag_evidence (f, a, d);
      ld_rule_emit_with_detail (out, f, media_detail, &detail);
    }
}

/* Code 22: both ends internal (blog sample: a firewall's NAT option that
 * rewrote media between internal networks, no a=remote-candidates). */
void
ld_rule_internal_media_blocked (LdAnalysis   *analysis,
                                const LdRule *rule,
                                LdRuleOut    *out)
{
  GPtrArray *attempts = ld_analysis_get_attempts (analysis);
  const LdMediaIndex *media = ld_rule_media_index (analysis);

  for (guint i = 0; i < attempts->len; i++)
    {
      const LdAttempt *a = g_ptr_array_index (attempts, i);
      LdMediaRefs refs;
      const LdDiagnostic *d;
      g_autoptr(GString) why = NULL;
      MediaDetail detail;
      LdFinding *f;

      if (!ld_rule_attempt_failed (a) || (d = ld_rule_find_code (a, TRUE, 22, 22)) == NULL)
        continue;
      refs = ld_rule_get_media (media, a);
      why = g_string_new (_("Both computers were inside the company network (code 22), yet their media could not "
                            "connect directly. Something between them blocks or rewrites the media: a firewall "
                            "between sites, VLANs or a VPN, or a NAT / application-level gateway that rewrites "
                            "addresses (in a known case a firewall's NAT option). "));
      if (!a->remote_candidates)
        g_string_append (why, _("No SDP in this call carries a=remote-candidates: ICE never completed."));
      detail = (MediaDetail) { a, first_media (refs), why->str };
      f = ld_finding_new (rule->id, ld_rule_get_severity (rule), LD_CONFIDENCE_MEDIUM,
                          g_strdup_printf (_("Media between two internal computers is blocked (%s)"),
                                           ld_rule_modality_label (a->modality)),
                          NULL);
      ld_rule_add_diag_evidence (f, a, d);
      ld_rule_emit_with_detail (out, f, media_detail, &detail);
    }
}
