/* test-netcheck.c - the network check against listeners on 127.0.0.1
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-netcheck"

#include "config.h"

#include <string.h>

#include "lyncdiag.h"

#define SHORT_TIMEOUT_MS 400

typedef struct
{
  GSocket  *sock;
  GThread  *thread;
  gboolean  answer;    /* FALSE: receive and stay silent */
  gboolean  wrong_id;  /* answer with another transaction id */
  guint     requests;
  guint16   port;
} Udp;

/* A STUN server in a few lines: answers a Binding Request with a Binding
 * Success Response carrying XOR-MAPPED-ADDRESS (RFC 5389 sections 6, 15.2). */
static gpointer
udp_thread (gpointer data)
{
  Udp *u = data;

  for (;;)
    {
      guint8 buf[1500];
      guint8 reply[32];
      g_autoptr(GSocketAddress) from = NULL;
      g_autoptr(GError) error = NULL;
      gssize n = g_socket_receive_from (u->sock, &from, (char *) buf, sizeof buf, NULL, &error);
      guint16 port;
      guint32 ip = 0x7f000001;

      if (n < 0)
        return NULL;  /* closed by the test */
      if (n == 1 && buf[0] == 'q')
        return NULL;
      if (n < 20 || buf[0] != 0x00 || buf[1] != 0x01)
        continue;
      g_atomic_int_inc (&u->requests);
      if (!u->answer)
        continue;
      port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (from));
      memset (reply, 0, sizeof reply);
      reply[0] = 0x01;
      reply[1] = 0x01;
      reply[3] = 12;
      memcpy (reply + 4, buf + 4, 16);
      if (u->wrong_id)
        reply[19] ^= 0xff;
      reply[20] = 0x00;
      reply[21] = 0x20;
      reply[23] = 8;
      reply[25] = 0x01;
      port ^= 0x2112;
      reply[26] = port >> 8;
      reply[27] = port & 0xff;
      ip ^= 0x2112A442;
      reply[28] = ip >> 24;
      reply[29] = (ip >> 16) & 0xff;
      reply[30] = (ip >> 8) & 0xff;
      reply[31] = ip & 0xff;
      g_socket_send_to (u->sock, from, (const char *) reply, sizeof reply, NULL, NULL);
    }
}

static Udp *
udp_start (gboolean answer,
           gboolean wrong_id)
{
  Udp *u = g_new0 (Udp, 1);
  g_autoptr(GInetAddress) lo = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) addr = g_inet_socket_address_new (lo, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GError) error = NULL;

  u->answer = answer;
  u->wrong_id = wrong_id;
  u->sock = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_DATAGRAM, G_SOCKET_PROTOCOL_UDP, &error);
  g_assert_no_error (error);
  g_assert_true (g_socket_bind (u->sock, addr, TRUE, &error));
  g_assert_no_error (error);
  bound = g_socket_get_local_address (u->sock, &error);
  g_assert_no_error (error);
  u->port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
  u->thread = g_thread_new ("stun", udp_thread, u);
  return u;
}

static void
udp_stop (Udp *u)
{
  g_autoptr(GSocket) poke = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_DATAGRAM, G_SOCKET_PROTOCOL_UDP, NULL);
  g_autoptr(GInetAddress) lo = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) to = g_inet_socket_address_new (lo, u->port);

  g_socket_send_to (poke, to, "q", 1, NULL, NULL);
  g_thread_join (u->thread);
  g_object_unref (u->sock);
  g_free (u);
}

static GSocketListener *
tcp_listen (guint16 *out_port)
{
  GSocketListener *listener = g_socket_listener_new ();
  g_autoptr(GInetAddress) lo = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) addr = g_inet_socket_address_new (lo, 0);
  g_autoptr(GSocketAddress) effective = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_socket_listener_add_address (listener, addr, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP,
                                                NULL, &effective, &error));
  g_assert_no_error (error);
  *out_port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (effective));
  return listener;
}

/* A port nobody listens on: bind one, note it, close it. */
static guint16
closed_port (GSocketType type)
{
  g_autoptr(GSocket) s = g_socket_new (G_SOCKET_FAMILY_IPV4, type,
                                       type == G_SOCKET_TYPE_STREAM ? G_SOCKET_PROTOCOL_TCP : G_SOCKET_PROTOCOL_UDP,
                                       NULL);
  g_autoptr(GInetAddress) lo = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) addr = g_inet_socket_address_new (lo, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  guint16 port;

  g_assert_true (g_socket_bind (s, addr, FALSE, NULL));
  bound = g_socket_get_local_address (s, NULL);
  port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
  g_socket_close (s, NULL);
  return port;
}

static LdNetcheckResult *
check (guint16            port,
       LdNetcheckProtocol proto)
{
  g_autoptr(LdNetcheckTarget) t = ld_netcheck_target_new ("127.0.0.1", port, proto, "test");

  return ld_netcheck_check_one (t, SHORT_TIMEOUT_MS, NULL);
}

static void
test_tcp_open (void)
{
  guint16 port = 0;
  g_autoptr(GSocketListener) listener = tcp_listen (&port);
  g_autoptr(LdNetcheckResult) r = check (port, LD_NETCHECK_TCP);
  g_autofree char *text = ld_netcheck_result_dup_text (r);

  g_assert_cmpint (r->status, ==, LD_NETCHECK_OPEN);
  g_assert_nonnull (strstr (text, "open"));
  g_assert_nonnull (strstr (text, "TCP 127.0.0.1:"));
}

static void
test_tcp_refused (void)
{
  g_autoptr(LdNetcheckResult) r = check (closed_port (G_SOCKET_TYPE_STREAM), LD_NETCHECK_TCP);
  g_autofree char *text = ld_netcheck_result_dup_text (r);

  g_assert_cmpint (r->status, ==, LD_NETCHECK_REFUSED);
  g_assert_nonnull (strstr (text, "refused"));
  /* A refusal is never a ✓: nothing listened. */
  g_assert_false (ld_netcheck_result_is_reachable (r));
  g_assert_cmpstr (ld_netcheck_result_get_mark (r), !=, "✓");
}

/* A result built as the check would make it, for a public address. */
static LdNetcheckResult *
fake_result (const char        *host,
             guint16            port,
             LdNetcheckStatus   status)
{
  LdNetcheckResult *r = g_new0 (LdNetcheckResult, 1);

  r->target = ld_netcheck_target_new (host, port, LD_NETCHECK_TCP, "test");
  r->status = status;
  return r;
}

static void
test_verdicts (void)
{
  static const struct {
    const char *host; guint16 port; LdNetcheckStatus status; LdNetcheckVerdict verdict; const char *mark;
  } cases[] = {
    /* 192.0.2.0/24 and 198.51.100.0/24: public (documentation) addresses. */
    { "192.0.2.10", 443, LD_NETCHECK_OPEN, LD_NETCHECK_VERDICT_OPEN, "✓" },
    { "192.0.2.10", 443, LD_NETCHECK_TIMED_OUT, LD_NETCHECK_VERDICT_BLOCKED, "✗" },
    /* An Edge always listens on 443 and 3478: a refusal there is a block. */
    { "192.0.2.10", 443, LD_NETCHECK_REFUSED, LD_NETCHECK_VERDICT_BLOCKED, "✗" },
    { "192.0.2.10", 3478, LD_NETCHECK_REFUSED, LD_NETCHECK_VERDICT_BLOCKED, "✗" },
    /* A relay's own port that refuses: the host answered, nothing listens. */
    { "198.51.100.20", 54829, LD_NETCHECK_REFUSED, LD_NETCHECK_VERDICT_INCONCLUSIVE, "?" },
    { "198.51.100.20", 443, LD_NETCHECK_ERROR, LD_NETCHECK_VERDICT_INCONCLUSIVE, "?" },
    { "198.51.100.20", 443, LD_NETCHECK_CANCELLED, LD_NETCHECK_VERDICT_INCONCLUSIVE, "?" },
    /* Someone else's private network: what answers is this one's. */
    { "10.1.1.10", 443, LD_NETCHECK_OPEN, LD_NETCHECK_VERDICT_INCONCLUSIVE, "?" },
    { "172.16.5.5", 443, LD_NETCHECK_OPEN, LD_NETCHECK_VERDICT_INCONCLUSIVE, "?" },
    { "192.168.1.1", 443, LD_NETCHECK_TIMED_OUT, LD_NETCHECK_VERDICT_INCONCLUSIVE, "?" },
    { "100.64.1.1", 443, LD_NETCHECK_OPEN, LD_NETCHECK_VERDICT_INCONCLUSIVE, "?" },
    { "169.254.3.4", 443, LD_NETCHECK_OPEN, LD_NETCHECK_VERDICT_INCONCLUSIVE, "?" },
    { "127.0.0.1", 443, LD_NETCHECK_OPEN, LD_NETCHECK_VERDICT_INCONCLUSIVE, "?" },
    { "fd00::1", 443, LD_NETCHECK_OPEN, LD_NETCHECK_VERDICT_INCONCLUSIVE, "?" },
    /* Near misses: just outside the private ranges. */
    { "172.32.0.1", 443, LD_NETCHECK_OPEN, LD_NETCHECK_VERDICT_OPEN, "✓" },
    { "100.128.0.1", 443, LD_NETCHECK_OPEN, LD_NETCHECK_VERDICT_OPEN, "✓" },
    { "11.1.1.10", 443, LD_NETCHECK_OPEN, LD_NETCHECK_VERDICT_OPEN, "✓" },
    { "2001:db8::1", 443, LD_NETCHECK_OPEN, LD_NETCHECK_VERDICT_OPEN, "✓" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(LdNetcheckResult) r = fake_result (cases[i].host, cases[i].port, cases[i].status);
      g_autofree char *text = ld_netcheck_result_dup_text (r);

      if (ld_netcheck_result_get_verdict (r) != cases[i].verdict)
        g_error ("%s:%u %s: verdict %s", cases[i].host, cases[i].port, ld_netcheck_status_to_string (cases[i].status),
                 ld_netcheck_verdict_to_string (ld_netcheck_result_get_verdict (r)));
      g_assert_cmpstr (ld_netcheck_result_get_mark (r), ==, cases[i].mark);
      g_assert_cmpint (ld_netcheck_result_is_reachable (r), ==, cases[i].verdict == LD_NETCHECK_VERDICT_OPEN);
      /* A private address says why it proves nothing. */
      g_assert_cmpint (strstr (text, "private address") != NULL, ==,
                       ld_netcheck_address_is_local (cases[i].host) && cases[i].status != LD_NETCHECK_CANCELLED);
    }
}

/* Each result says from which computer and when it was measured. */
static void
test_origin (void)
{
  guint16 port = 0;
  g_autoptr(GSocketListener) listener = tcp_listen (&port);
  g_autoptr(GPtrArray) results = g_ptr_array_new_with_free_func ((GDestroyNotify) ld_netcheck_result_free);
  gint64 before = g_get_real_time ();
  g_autofree char *origin = NULL;
  LdNetcheckResult *r;

  g_assert_null (ld_netcheck_results_dup_origin (results));
  r = check (port, LD_NETCHECK_TCP);
  g_ptr_array_add (results, r);
  g_assert_cmpstr (r->measured_from, ==, g_get_host_name ());
  g_assert_cmpint (r->measured_at, >=, before);
  g_assert_cmpint (r->measured_at, <=, g_get_real_time ());
  origin = ld_netcheck_results_dup_origin (results);
  g_assert_true (g_str_has_prefix (origin, "Measured from "));
  g_assert_nonnull (strstr (origin, g_get_host_name ()));
}

static void
test_stun_answered (void)
{
  Udp *u = udp_start (TRUE, FALSE);
  g_autoptr(LdNetcheckResult) r = check (u->port, LD_NETCHECK_STUN_UDP);

  g_assert_cmpint (r->status, ==, LD_NETCHECK_OPEN);
  /* The mapped address decoded from XOR-MAPPED-ADDRESS. */
  g_assert_nonnull (r->detail);
  g_assert_nonnull (strstr (r->detail, "127.0.0.1:"));
  g_assert_cmpuint (g_atomic_int_get (&u->requests), >=, 1);
  udp_stop (u);
}

static void
test_stun_silent (void)
{
  Udp *u = udp_start (FALSE, FALSE);
  gint64 start = g_get_monotonic_time ();
  g_autoptr(LdNetcheckResult) r = check (u->port, LD_NETCHECK_STUN_UDP);
  gint64 elapsed_ms = (g_get_monotonic_time () - start) / 1000;
  g_autofree char *text = ld_netcheck_result_dup_text (r);

  g_assert_cmpint (r->status, ==, LD_NETCHECK_TIMED_OUT);
  g_assert_cmpint (elapsed_ms, >=, SHORT_TIMEOUT_MS - 50);
  g_assert_cmpint (elapsed_ms, <, SHORT_TIMEOUT_MS + 1500);
  g_assert_nonnull (strstr (text, "no answer"));
  udp_stop (u);
}

static void
test_stun_wrong_transaction (void)
{
  Udp *u = udp_start (TRUE, TRUE);
  g_autoptr(LdNetcheckResult) r = check (u->port, LD_NETCHECK_STUN_UDP);

  /* An answer to someone else's request is not an answer. */
  g_assert_cmpint (r->status, ==, LD_NETCHECK_TIMED_OUT);
  g_assert_cmpuint (g_atomic_int_get (&u->requests), >=, 1);
  udp_stop (u);
}

static void
test_stun_port_closed (void)
{
  g_autoptr(LdNetcheckResult) r = check (closed_port (G_SOCKET_TYPE_DATAGRAM), LD_NETCHECK_STUN_UDP);

  /* Loopback sends ICMP port unreachable back at once. */
  g_assert_cmpint (r->status, ==, LD_NETCHECK_REFUSED);
}

typedef struct
{
  GMainLoop *loop;
  GPtrArray *results;
  guint      reported;
} RunState;

static void
on_result (const LdNetcheckResult *result,
           gpointer                user_data)
{
  RunState *st = user_data;

  g_assert_nonnull (result->target);
  st->reported++;
}

static void
on_done (GObject      *source,
         GAsyncResult *res,
         gpointer      user_data)
{
  RunState *st = user_data;
  g_autoptr(GError) error = NULL;

  st->results = ld_netcheck_run_finish (res, &error);
  g_assert_no_error (error);
  g_main_loop_quit (st->loop);
}

static void
test_run_async (void)
{
  guint16 open_port = 0;
  g_autoptr(GSocketListener) listener = tcp_listen (&open_port);
  Udp *stun = udp_start (TRUE, FALSE);
  Udp *silent = udp_start (FALSE, FALSE);
  g_autoptr(GPtrArray) targets = g_ptr_array_new_with_free_func ((GDestroyNotify) ld_netcheck_target_free);
  RunState st = { 0 };
  gint64 start;

  g_ptr_array_add (targets, ld_netcheck_target_new ("127.0.0.1", open_port, LD_NETCHECK_TCP, "open"));
  g_ptr_array_add (targets, ld_netcheck_target_new ("127.0.0.1", closed_port (G_SOCKET_TYPE_STREAM),
                                                    LD_NETCHECK_TCP, "closed"));
  g_ptr_array_add (targets, ld_netcheck_target_new ("127.0.0.1", stun->port, LD_NETCHECK_STUN_UDP, "stun"));
  g_ptr_array_add (targets, ld_netcheck_target_new ("127.0.0.1", silent->port, LD_NETCHECK_STUN_UDP, "silent"));

  st.loop = g_main_loop_new (NULL, FALSE);
  start = g_get_monotonic_time ();
  ld_netcheck_run_async (targets, SHORT_TIMEOUT_MS, on_result, &st, NULL, on_done, &st);
  g_main_loop_run (st.loop);

  /* In parallel: about one timeout, not four. */
  g_assert_cmpint ((g_get_monotonic_time () - start) / 1000, <, 4 * SHORT_TIMEOUT_MS);
  g_assert_cmpuint (st.reported, ==, 4);
  g_assert_cmpuint (st.results->len, ==, 4);
  g_assert_cmpint (((LdNetcheckResult *) g_ptr_array_index (st.results, 0))->status, ==, LD_NETCHECK_OPEN);
  g_assert_cmpint (((LdNetcheckResult *) g_ptr_array_index (st.results, 1))->status, ==, LD_NETCHECK_REFUSED);
  g_assert_cmpint (((LdNetcheckResult *) g_ptr_array_index (st.results, 2))->status, ==, LD_NETCHECK_OPEN);
  g_assert_cmpint (((LdNetcheckResult *) g_ptr_array_index (st.results, 3))->status, ==, LD_NETCHECK_TIMED_OUT);
  g_assert_cmpstr (((LdNetcheckResult *) g_ptr_array_index (st.results, 3))->target->why, ==, "silent");

  g_ptr_array_unref (st.results);
  g_main_loop_unref (st.loop);
  udp_stop (stun);
  udp_stop (silent);
}

static void
test_cancel (void)
{
  Udp *silent = udp_start (FALSE, FALSE);
  g_autoptr(LdNetcheckTarget) t = ld_netcheck_target_new ("127.0.0.1", silent->port, LD_NETCHECK_STUN_UDP, "x");
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(LdNetcheckResult) r = NULL;

  g_cancellable_cancel (cancellable);
  r = ld_netcheck_check_one (t, 5000, cancellable);
  g_assert_cmpint (r->status, ==, LD_NETCHECK_CANCELLED);
  udp_stop (silent);
}

/* The targets come from the log: relays, their ports, the server. */
static void
test_targets_from_log (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "Lync-UccApi-0.UccApilog", NULL);
  g_autofree char *redacted = g_test_build_filename (G_TEST_DIST, "data", "Communicator-uccapi-0.uccapilog", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) file2 = g_file_new_for_path (redacted);
  g_autoptr(LdAnalysis) analysis = ld_analysis_new (LD_ANALYSIS_FLAGS_NONE);
  g_autoptr(LdAnalysis) analysis2 = ld_analysis_new (LD_ANALYSIS_FLAGS_NONE);
  g_autoptr(GPtrArray) targets = NULL;
  g_autoptr(GPtrArray) targets2 = NULL;
  GString *all = g_string_new (NULL);

  g_assert_true (ld_analysis_add_file (analysis, file, NULL, NULL));
  ld_analysis_finish (analysis);
  targets = ld_netcheck_targets_from_analysis (analysis);
  for (guint i = 0; i < targets->len; i++)
    {
      g_autofree char *label = ld_netcheck_target_dup_label (g_ptr_array_index (targets, i));
      g_string_append_printf (all, "%s\n", label);
    }
  g_assert_nonnull (strstr (all->str, "TCP 207.46.5.63:443\n"));
  g_assert_nonnull (strstr (all->str, "UDP 207.46.5.63:3478 (STUN)\n"));
  g_assert_nonnull (strstr (all->str, "TCP 207.46.5.63:54829\n"));
  g_assert_nonnull (strstr (all->str, "TCP 65.55.127.64:51184\n"));
  g_assert_nonnull (strstr (all->str, "UDP 65.55.127.64:3478 (STUN)\n"));
  g_assert_nonnull (strstr (all->str, "TCP 52.112.1.10:443\n"));
  g_assert_cmpuint (((LdNetcheckTarget *) g_ptr_array_index (targets, 0))->line, ==, 253);
  g_string_free (all, TRUE);

  /* Redacted addresses (xx.xx.xxx.xx) are never probed. */
  g_assert_true (ld_analysis_add_file (analysis2, file2, NULL, NULL));
  ld_analysis_finish (analysis2);
  targets2 = ld_netcheck_targets_from_analysis (analysis2);
  for (guint i = 0; i < targets2->len; i++)
    g_assert_null (strstr (((LdNetcheckTarget *) g_ptr_array_index (targets2, i))->host, "x"));
  g_assert_cmpuint (targets2->len, <=, LD_NETCHECK_MAX_TARGETS);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/netcheck/tcp-open", test_tcp_open);
  g_test_add_func ("/core/netcheck/tcp-refused", test_tcp_refused);
  g_test_add_func ("/core/netcheck/verdicts", test_verdicts);
  g_test_add_func ("/core/netcheck/origin", test_origin);
  g_test_add_func ("/core/netcheck/stun-answered", test_stun_answered);
  g_test_add_func ("/core/netcheck/stun-silent", test_stun_silent);
  g_test_add_func ("/core/netcheck/stun-wrong-transaction", test_stun_wrong_transaction);
  g_test_add_func ("/core/netcheck/stun-port-closed", test_stun_port_closed);
  g_test_add_func ("/core/netcheck/run-async", test_run_async);
  g_test_add_func ("/core/netcheck/cancel", test_cancel);
  g_test_add_func ("/core/netcheck/targets-from-log", test_targets_from_log);
  return g_test_run ();
}
