/* test-findings-group.c - one finding per cause, ranked, rivals explained; the knowledge tables and the README
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "findings-helpers.h"
#include "ld-findings-private.h"

#define SHARING_320 \
  "application-sharing:ICEWarn=0x320,LocalSite=203.0.113.40:50040,RemoteSite=192.0.2.81:50045," \
  "PortRange=50040:50049,LocalLocation=1,RemoteLocation=1,FederationType=0"

static gboolean
covers (const LdFinding *f,
        guint            id)
{
  for (guint i = 0; i < f->attempts->len; i++)
    if (g_array_index (f->attempts, guint, i) == id)
      return TRUE;
  return FALSE;
}

/* Five failed shares for the same cause are one finding naming all five. */
static void
test_one_per_cause (void)
{
  g_autofree char *bye = media_failure (24, REASON_24, SHARING_320);
  Call c = { "sip:dave@fabrikam.com", "applicationsharing", 200, NULL, bye, NULL };
  Log l;
  g_autoptr(LdAnalysis) an = NULL;
  const LdFinding *f;

  log_init (&l);
  for (guint i = 0; i < 5; i++)
    log_call (&l, &c);
  an = analyse_log (&l);
  log_clear (&l);

  g_assert_cmpuint (count (an, "tcp-media-blocked"), ==, 1);
  f = expect (an, "tcp-media-blocked", LD_SEVERITY_ERROR, LD_CONFIDENCE_HIGH);
  g_assert_cmpstr (f->cause, ==, "tcp-media-blocked");
  g_assert_cmpuint (f->attempts->len, ==, 5);
  for (guint id = 1; id <= 5; id++)
    {
      g_assert_true (covers (f, id));
      g_assert_true (attached (an, id, f));
    }
  g_assert_nonnull (strstr (f->detail, "This explains 5 failed attempts (1, 2, 3, 4, 5)"));
  /* The cause's own words, with the modality. */
  g_assert_cmpstr (f->title, ==, "A firewall or security software blocks or inspects the TCP media (application sharing)");
  /* One excerpt per attempt while they last, the actions once each. */
  g_assert_cmpuint (f->evidence->len, <=, 6);
  g_assert_cmpuint (evidence (f, 0)->attempt, ==, 1);
  g_assert_cmpuint (evidence (f, 1)->attempt, ==, 2);
  for (guint i = 0; i < f->actions->len; i++)
    for (guint j = i + 1; j < f->actions->len; j++)
      g_assert_cmpstr (g_ptr_array_index (f->actions, i), !=, g_ptr_array_index (f->actions, j));
}

/* A detail that changes the action (the domain) keeps its own finding. */
static void
test_by_domain (void)
{
  Call a = { "sip:dave@fabrikam.com", "audio", 404,
             "ms-diagnostics: 1003;reason=\"User does not exist\";source=\"sip.fabrikam.com\"\n", NULL, NULL };
  Call b = { "sip:erin@fabrikam.com", "audio", 404,
             "ms-diagnostics: 1003;reason=\"User does not exist\";source=\"sip.fabrikam.com\"\n", NULL, NULL };
  Call c = { "sip:joe@contoso.com", "audio", 404,
             "ms-diagnostics: 4005;reason=\"Destination URI either not enabled for SIP or does not exist.\"\n",
             NULL, NULL };
  Log l;
  g_autoptr(LdAnalysis) an = NULL;
  GPtrArray *findings;
  const LdFinding *fab = NULL, *con = NULL;

  log_init (&l);
  log_call (&l, &a);
  log_call (&l, &b);
  log_call (&l, &c);
  an = analyse_log (&l);
  log_clear (&l);

  g_assert_cmpuint (count (an, "user-unknown"), ==, 2);
  findings = ld_analysis_get_findings (an);
  for (guint i = 0; i < findings->len; i++)
    {
      const LdFinding *f = g_ptr_array_index (findings, i);

      if (g_strcmp0 (f->group, "fabrikam.com") == 0)
        fab = f;
      else if (g_strcmp0 (f->group, "contoso.com") == 0)
        con = f;
    }
  g_assert_nonnull (fab);
  g_assert_nonnull (con);
  g_assert_cmpuint (fab->attempts->len, ==, 2);
  g_assert_cmpuint (con->attempts->len, ==, 1);
  g_assert_true (covers (con, 3));
  g_assert_nonnull (strstr (fab->title, "fabrikam.com"));
  /* The bigger group explains more of the failure: first. */
  g_assert_true (g_ptr_array_index (findings, 0) == (gpointer) fab);
  /* One action names both contacts of the domain; one contact is said as
   * the rule wrote it. */
  g_assert_cmpstr (g_ptr_array_index (fab->actions, 0), ==,
                   "Check the address sip:dave@fabrikam.com and sip:erin@fabrikam.com; an old contact card or a "
                   "renamed user is a common cause.");
  g_assert_cmpstr (g_ptr_array_index (con->actions, 0), ==,
                   "Check the address sip:joe@contoso.com; an old contact card or a renamed user is a common cause.");
}

/* Six unknown contacts of one domain: the action says the same once and
 * names four, then how many more; the cause's own advice, which names no
 * address, stays as it is. */
static void
test_actions_name_every_address (void)
{
  static const char *users[] = { "amy", "ben", "cat", "dan", "eve", "fay" };
  Log l;
  g_autoptr(LdAnalysis) an = NULL;
  const LdFinding *f;
  guint with_address = 0;

  log_init (&l);
  for (guint i = 0; i < G_N_ELEMENTS (users); i++)
    {
      g_autofree char *to = g_strdup_printf ("sip:%s@fabrikam.com", users[i]);
      Call c = { to, "audio", 404,
                 "ms-diagnostics: 1003;reason=\"User does not exist\";source=\"sip.fabrikam.com\"\n", NULL, NULL };

      log_call (&l, &c);
    }
  an = analyse_log (&l);
  log_clear (&l);

  g_assert_cmpuint (count (an, "user-unknown"), ==, 1);
  f = expect (an, "user-unknown", LD_SEVERITY_ERROR, LD_CONFIDENCE_HIGH);
  g_assert_cmpuint (f->attempts->len, ==, 6);
  for (guint i = 0; i < f->actions->len; i++)
    if (strstr (g_ptr_array_index (f->actions, i), "@fabrikam.com") != NULL)
      with_address++;
  g_assert_cmpuint (with_address, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (f->actions, 0), ==,
                   "Check the address sip:amy@fabrikam.com, sip:ben@fabrikam.com, sip:cat@fabrikam.com, "
                   "sip:dan@fabrikam.com and 2 more; an old contact card or a renamed user is a common cause.");
  g_assert_cmpstr (g_ptr_array_index (f->actions, 1), ==,
                   "Check the spelling of the address; an old contact card or a renamed user is a common cause.");
}

/* Past three details a cause shares one finding for the rest, which still
 * names every attempt. */
static void
test_folds_details (void)
{
  static const char *domains[] = { "a.example", "b.example", "c.example", "d.example", "e.example", "f.example" };
  Log l;
  g_autoptr(LdAnalysis) an = NULL;
  GPtrArray *findings;
  guint n = 0, covered = 0;

  log_init (&l);
  for (guint i = 0; i < G_N_ELEMENTS (domains); i++)
    {
      g_autofree char *to = g_strdup_printf ("sip:dave@%s", domains[i]);
      g_autofree char *hdr = g_strdup_printf ("ms-diagnostics: 1009;reason=\"Conflicting SRV and host domains in "
                                              "DNS\";domain=\"%s\";source=\"edge.fabrikam.com\"\n", domains[i]);
      Call c = { to, "audio", 504, hdr, NULL, NULL };

      /* a.example three times, b two: they keep their own finding. */
      for (guint k = 0; k < (i == 0 ? 3u : i == 1 ? 2u : 1u); k++)
        log_call (&l, &c);
    }
  an = analyse_log (&l);
  log_clear (&l);

  findings = ld_analysis_get_findings (an);
  for (guint i = 0; i < findings->len; i++)
    {
      const LdFinding *f = g_ptr_array_index (findings, i);

      if (strcmp (f->id, "federation-dns") != 0)
        continue;
      n++;
      covered += f->attempts->len;
      if (g_strcmp0 (f->group, "a.example") == 0)
        g_assert_cmpuint (f->attempts->len, ==, 3);
      if (f->group == NULL)
        {
          /* d, e and f: c kept its own as the first of the three of one. */
          g_assert_cmpuint (f->attempts->len, ==, 3);
          g_assert_nonnull (strstr (f->title, "other cases"));
        }
    }
  g_assert_cmpuint (n, ==, 4);
  g_assert_cmpuint (covered, ==, 9);
}

/* However many distinct failures, tens of findings that name every failed
 * attempt. */
static void
test_at_most_sixty (void)
{
  static const int statuses[] = { 400, 402, 405, 406, 409, 410, 413, 414, 416, 420, 421, 423, 481, 482, 483,
                                  484, 485, 489, 491, 493, 501, 502, 505, 513, 580, 604, 606 };
  Log l;
  g_autoptr(LdAnalysis) an = NULL;
  GPtrArray *findings, *attempts;
  g_autoptr(GHashTable) named = g_hash_table_new (NULL, NULL);

  log_init (&l);
  for (guint round = 0; round < 3; round++)
    for (guint i = 0; i < G_N_ELEMENTS (statuses); i++)
      {
        g_autofree char *to = g_strdup_printf ("sip:user%u@d%u.example", i, round * 100 + i);
        Call c = { to, "audio", statuses[i], NULL, NULL, NULL };
        log_call (&l, &c);
      }
  an = analyse_log (&l);
  log_clear (&l);

  findings = ld_analysis_get_findings (an);
  attempts = ld_analysis_get_attempts (an);
  g_assert_cmpuint (attempts->len, ==, 3 * G_N_ELEMENTS (statuses));
  g_assert_cmpuint (findings->len, <=, 60);
  g_assert_cmpuint (count (an, "unexplained-failure"), <=, 4);
  for (guint i = 0; i < findings->len; i++)
    {
      const LdFinding *f = g_ptr_array_index (findings, i);
      for (guint j = 0; j < f->attempts->len; j++)
        g_hash_table_add (named, GUINT_TO_POINTER (g_array_index (f->attempts, guint, j)));
    }
  for (guint i = 0; i < attempts->len; i++)
    {
      const LdAttempt *a = g_ptr_array_index (attempts, i);

      g_assert_cmpint (a->outcome, ==, LD_OUTCOME_FAILED);
      g_assert_true (g_hash_table_contains (named, GUINT_TO_POINTER (a->id)));
    }
}

/* The KB's own log: three causes fit attempt 3; the findings say which is
 * likelier, why, and what tells them apart, and rank it first. */
static void
test_rivals_kb (void)
{
  g_autoptr(LdAnalysis) an = analyse_file ("Lync-UccApi-0.UccApilog");
  GPtrArray *findings = ld_analysis_get_findings (an);
  const LdFinding *ports = expect (an, "ports-blocked", LD_SEVERITY_ERROR, LD_CONFIDENCE_HIGH);
  const LdFinding *tcp = expect (an, "tcp-media-blocked", LD_SEVERITY_ERROR, LD_CONFIDENCE_HIGH);
  const LdFinding *edge = expect (an, "edge-to-edge", LD_SEVERITY_WARNING, LD_CONFIDENCE_MEDIUM);

  g_assert_true (g_ptr_array_index (findings, 0) == (gpointer) ports);
  g_assert_true (g_ptr_array_index (findings, 1) == (gpointer) tcp);
  g_assert_true (ld_finding_get_likelier (ports, tcp, NULL) == ports);
  g_assert_true (ld_finding_get_likelier (tcp, ports, NULL) == ports);
  g_assert_true (ld_finding_get_likelier (edge, ports, NULL) == ports);
  g_assert_true (ld_finding_get_likelier (edge, tcp, NULL) == tcp);

  /* Each names the other, the likelier, why, and the check. */
  g_assert_nonnull (strstr (ports->detail, "Another explanation fits the same attempt: A firewall or security software"));
  g_assert_nonnull (strstr (ports->detail, "More likely: Port 443 or ports 50000–59999 to the A/V Edge media relay are "
                                           "blocked, because 0x4000000"));
  g_assert_nonnull (strstr (ports->detail, "To tell them apart: Run the network check"));
  g_assert_nonnull (strstr (tcp->detail, "More likely: Port 443"));
  /* edge-to-edge is less sure: the evidence decides, and the colleague /
   * other side's log tells them apart. */
  g_assert_nonnull (strstr (edge->detail, "More likely: Port 443 or ports 50000–59999 to the A/V Edge media relay are "
                                          "blocked, because its evidence is surer here (high confidence against medium)"));
  g_assert_nonnull (strstr (edge->detail, "Ask a colleague"));
  g_assert_nonnull (strstr (edge->detail, "other side's log"));
}

/* A cause whose evidence is surer wins over the row's preference. */
static void
test_rivals_evidence_first (void)
{
  /* 0x8 alone with 0x2a0... : ports-blocked is medium (no 0x4000000),
   * tcp-media-blocked high on a share: the share's block is likelier. */
  g_autofree char *bye = media_failure (24, REASON_24,
    "application-sharing:ICEWarn=0x328,LocalSite=203.0.113.40:50040,LocalMR=198.51.100.20:57040,"
    "RemoteSite=192.0.2.81:50045,PortRange=50040:50049,LocalLocation=1,RemoteLocation=1,FederationType=0");
  Call c = { "sip:dave@fabrikam.com", "applicationsharing", 200, NULL, bye, NULL };
  g_autoptr(LdAnalysis) an = analyse_call (&c);
  const LdFinding *ports = expect (an, "ports-blocked", LD_SEVERITY_ERROR, LD_CONFIDENCE_MEDIUM);
  const LdFinding *tcp = expect (an, "tcp-media-blocked", LD_SEVERITY_ERROR, LD_CONFIDENCE_HIGH);

  g_assert_true (ld_finding_get_likelier (ports, tcp, NULL) == tcp);
  g_assert_nonnull (strstr (ports->detail, "More likely: A firewall or security software blocks or inspects the TCP "
                                           "media, because its evidence is surer here"));
  g_assert_true (g_ptr_array_index (ld_analysis_get_findings (an), 0) == (gpointer) tcp);
}

/* ---- The knowledge tables -------------------------------------------------------- */

static void
test_table_rows (void)
{
  guint n_rules, n_causes, n_rivals;
  const LdRuleInfo *rules = ld_rules_list (&n_rules);
  const LdCause *causes = ld_causes_list (&n_causes);
  const LdCauseRivalry *rivals = ld_cause_rivalries_list (&n_rivals);
  g_autoptr(GPtrArray) article = ld_causes_dup_article_causes ();
  static const char *article_ids[] = { "ports-blocked", "meet-lync-blocked", "edge-to-edge", "tcp-media-blocked" };

  /* Every rule is a cause row and every cause row is a rule. */
  g_assert_cmpuint (n_rules, ==, n_causes);
  for (guint i = 0; i < n_rules; i++)
    {
      const LdCause *c = ld_cause_lookup (rules[i].id);

      g_assert_nonnull (c);
      g_assert_cmpstr (rules[i].summary, ==, c->triggers);
      g_assert_cmpstr (rules[i].title, ==, c->title);
    }
  for (guint i = 0; i < n_causes; i++)
    {
      g_assert_nonnull (causes[i].title);
      g_assert_cmpuint (strlen (causes[i].triggers), >, 20);
      g_assert_nonnull (causes[i].reference);
      if (causes[i].article_cause != NULL)
        g_assert_nonnull (ld_cause_lookup (causes[i].article_cause));
    }
  for (guint i = 0; i < n_rivals; i++)
    {
      g_assert_nonnull (ld_cause_lookup (rivals[i].likely));
      g_assert_nonnull (ld_cause_lookup (rivals[i].other));
      g_assert_true (ld_cause_rivalry_lookup (rivals[i].other, rivals[i].likely) == &rivals[i]);
    }

  /* The article's causes, in its order, each its own article cause. */
  g_assert_cmpuint (article->len, ==, G_N_ELEMENTS (article_ids));
  for (guint i = 0; i < article->len; i++)
    {
      const LdCause *c = g_ptr_array_index (article, i);

      g_assert_cmpstr (c->id, ==, article_ids[i]);
      g_assert_cmpstr (c->article_cause, ==, c->id);
    }
  /* What counts for which: meanings, not just presence. */
  g_assert_cmpstr (ld_cause_lookup ("turn-unreachable")->article_cause, ==, "ports-blocked");
  g_assert_cmpstr (ld_cause_lookup ("proxy-tls-inspection")->article_cause, ==, "tcp-media-blocked");
  g_assert_cmpstr (ld_cause_lookup ("federated-media")->article_cause, ==, "edge-to-edge");
  g_assert_null (ld_cause_lookup ("user-unknown")->article_cause);
  g_assert_null (ld_cause_lookup ("fails-one-contact")->article_cause);
}

static void
test_port_sets (void)
{
  /* One set of words per path: the relay needs UDP 3478, Office 365's
   * relays 3478–3481, sharing TCP only. */
  g_assert_nonnull (strstr (ld_port_set_get_text ("media-relay"), "UDP 3478 (Office 365: UDP 3478–3481)"));
  g_assert_nonnull (strstr (ld_port_set_get_text ("media-relay"), "TCP/UDP 50000–59999"));
  g_assert_null (strstr (ld_port_set_get_text ("media-relay-tcp"), "UDP"));
  g_assert_nonnull (strstr (ld_port_set_get_text ("online-web"), "meet.lync.com"));
}

/* README's rule list is the table: id, severities and triggers word for
 * word, in the order the rules run. */
static void
test_readme_rules (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "README.md", NULL);
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  guint n_rules, row = 0;
  const LdRuleInfo *rules = ld_rules_list (&n_rules);
  gboolean in_table = FALSE;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autofree char *expected = NULL;

      if (g_str_has_prefix (lines[i], "| id | severity | triggers on |"))
        {
          in_table = TRUE;
          continue;
        }
      if (!in_table || g_str_has_prefix (lines[i], "|---"))
        continue;
      if (!g_str_has_prefix (lines[i], "| `"))
        break;
      g_assert_cmpuint (row, <, n_rules);
      expected = g_strdup_printf ("| `%s` | %s | %s |", rules[row].id, rules[row].severities, rules[row].summary);
      g_assert_cmpstr (lines[i], ==, expected);
      row++;
    }
  g_assert_true (in_table);
  g_assert_cmpuint (row, ==, n_rules);
}

/* One raw finding, as a rule makes it: its words and excerpts name it.
 * Findings of one cause with other details share attempts. */
static LdFinding *
raw_finding (const char  *cause,
             const char  *group,
             LdSeverity   severity,
             gint64       time,
             guint        n)
{
  LdFinding *f = ld_finding_new (cause, severity, LD_CONFIDENCE_HIGH, g_strdup_printf ("title %u", n),
                                 g_strdup_printf ("detail %u", n));
  g_autofree char *action = g_strdup_printf ("action %u", n % 4);
  g_autofree char *address = g_strdup_printf ("Check the address sip:user%u@example.com.", n % 7);
  guint attempt = n % 17 + 1;

  ld_finding_set_group (f, group);
  ld_finding_add_attempt (f, attempt);
  if (n % 2 == 0)
    ld_finding_add_action (f, address);
  ld_finding_add_action (f, action);
  for (guint k = 0; k < 3; k++)
    {
      g_autofree char *excerpt = g_strdup_printf ("excerpt %u.%u", n, k);

      ld_finding_add_evidence (f, attempt, 0, 10 * n + k + 1, -1, excerpt);
    }
  f->time = time;
  return f;
}

/* The findings of @cause (of every cause when %NULL), in the order
 * grouping sees them. Severities and times tie across groups, so the
 * representative and the excerpts are chosen among equals. */
static GPtrArray *
raw_findings (const char *cause)
{
  static const char *domains[] = { "a.example", "b.example", "c.example", "d.example", "e.example", NULL };
  GPtrArray *raw = g_ptr_array_new_with_free_func ((GDestroyNotify) ld_finding_free);

  for (guint n = 0; n < 60; n++)
    {
      const char *c = n % 5 == 0 ? "fails-one-contact" : "federation-dns";
      /* Earlier findings tie at the best time; one later one is surer. */
      LdSeverity severity = n == 59 ? LD_SEVERITY_ERROR : LD_SEVERITY_WARNING;

      if (cause == NULL || strcmp (cause, c) == 0)
        g_ptr_array_add (raw, raw_finding (c, domains[(n * 7) % G_N_ELEMENTS (domains)], severity,
                                           n < 30 ? 1000 : 1000 + n, n));
    }
  return raw;
}

static void
assert_same_finding (const LdFinding *a,
                     const LdFinding *b)
{
  g_assert_cmpstr (a->id, ==, b->id);
  g_assert_cmpstr (a->title, ==, b->title);
  g_assert_cmpstr (a->detail, ==, b->detail);
  g_assert_cmpstr (a->group, ==, b->group);
  g_assert_cmpint (a->time, ==, b->time);
  g_assert_cmpuint (a->attempts->len, ==, b->attempts->len);
  g_assert_true (memcmp (a->attempts->data, b->attempts->data, a->attempts->len * sizeof (guint)) == 0);
  g_assert_cmpuint (a->actions->len, ==, b->actions->len);
  for (guint i = 0; i < a->actions->len; i++)
    g_assert_cmpstr (g_ptr_array_index (a->actions, i), ==, g_ptr_array_index (b->actions, i));
  g_assert_cmpuint (a->evidence->len, ==, b->evidence->len);
  for (guint i = 0; i < a->evidence->len; i++)
    {
      const LdEvidence *ea = &g_array_index (a->evidence, LdEvidence, i);
      const LdEvidence *eb = &g_array_index (b->evidence, LdEvidence, i);

      g_assert_cmpstr (ea->excerpt, ==, eb->excerpt);
      g_assert_cmpuint (ea->line, ==, eb->line);
    }
}

static guint details_written;

/* An LdDetailFunc: "detail 7" for the raw finding titled "title 7". */
static char *
detail_of_title (gconstpointer data)
{
  const char *title = data;

  details_written++;
  return g_strdup_printf ("detail %s", title + strlen ("title "));
}

/* Folding each rule's findings as it ends, then joining the folds in
 * rule order, writes what grouping every finding at the end wrote (a
 * fold keeping every member's first excerpt): titles, details (the
 * representative's, chosen among equals), actions and the addresses
 * they name, excerpts (one per attempt, the best members' first),
 * attempts, folded groups. More members tie than excerpts are shown, and
 * details of a cause that are folded together share attempts, so an
 * excerpt a fold dropped would be missed. */
static void
test_fold_keeps_what_grouping_reads (void)
{
  g_autoptr(LdAnalysis) an = ld_analysis_new (LD_ANALYSIS_FLAGS_NONE);
  g_autoptr(GPtrArray) want = g_ptr_array_new_with_free_func ((GDestroyNotify) ld_finding_free);
  g_autoptr(GPtrArray) at_once = g_ptr_array_new_with_free_func ((GDestroyNotify) ld_finding_free);
  g_autoptr(GPtrArray) by_rule = g_ptr_array_new_with_free_func ((GDestroyNotify) ld_finding_free);
  g_autoptr(GPtrArray) lazy = g_ptr_array_new_with_free_func ((GDestroyNotify) ld_finding_free);
  static const char *causes[] = { "fails-one-contact", "federation-dns" };
  LdFindingsFold *fold;

  ld_analysis_finish (an);
  {
    g_autoptr(GPtrArray) all = raw_findings (NULL);

    fold = _ld_findings_fold_new_keeping_all ();
    _ld_findings_fold_add (fold, all);
    _ld_findings_fold_finish (an, fold, want);
  }
  {
    g_autoptr(GPtrArray) all = raw_findings (NULL);

    _ld_findings_group (an, all, at_once);
  }

  fold = _ld_findings_fold_new ();
  for (guint r = 0; r < G_N_ELEMENTS (causes); r++)
    {
      g_autoptr(GPtrArray) found = raw_findings (causes[r]);
      LdFindingsFold *one = _ld_findings_fold_new ();

      _ld_findings_fold_add (one, found);
      /* Taken: each is kept as its detail's representative or freed. */
      g_assert_cmpuint (found->len, ==, 0);
      _ld_findings_fold_absorb (fold, one);
    }
  _ld_findings_fold_finish (an, fold, by_rule);

  /* The same, with each detail left to the fold (ld_rule_emit_with_detail()):
   * written only for a member that becomes its group's representative. */
  fold = _ld_findings_fold_new ();
  details_written = 0;
  for (guint r = 0; r < G_N_ELEMENTS (causes); r++)
    {
      g_autoptr(GPtrArray) found = raw_findings (causes[r]);
      LdFindingsFold *one = _ld_findings_fold_new ();

      while (found->len > 0)
        {
          LdFinding *f = g_ptr_array_steal_index (found, 0);

          g_clear_pointer (&f->detail, g_free);
          _ld_findings_fold_add_one (one, f, detail_of_title, f->title);
        }
      _ld_findings_fold_absorb (fold, one);
    }
  _ld_findings_fold_finish (an, fold, lazy);
  /* 60 members in 12 groups (two causes, five domains and none): one
   * detail each, and one for the surer member that comes last. */
  g_assert_cmpuint (details_written, ==, 13);

  g_assert_cmpuint (want->len, >, 3);
  g_assert_cmpuint (at_once->len, ==, want->len);
  g_assert_cmpuint (by_rule->len, ==, want->len);
  for (guint i = 0; i < want->len; i++)
    {
      const LdFinding *f = g_ptr_array_index (want, i);

      assert_same_finding (f, g_ptr_array_index (at_once, i));
      assert_same_finding (f, g_ptr_array_index (by_rule, i));
      assert_same_finding (f, g_ptr_array_index (lazy, i));
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/findings/group/one-per-cause", test_one_per_cause);
  g_test_add_func ("/core/findings/group/by-domain", test_by_domain);
  g_test_add_func ("/core/findings/group/actions-name-every-address", test_actions_name_every_address);
  g_test_add_func ("/core/findings/group/folds-details", test_folds_details);
  g_test_add_func ("/core/findings/group/at-most-sixty", test_at_most_sixty);
  g_test_add_func ("/core/findings/rivals/kb-article-23", test_rivals_kb);
  g_test_add_func ("/core/findings/rivals/evidence-first", test_rivals_evidence_first);
  g_test_add_func ("/core/knowledge/table-rows", test_table_rows);
  g_test_add_func ("/core/knowledge/port-sets", test_port_sets);
  g_test_add_func ("/core/knowledge/readme-rules", test_readme_rules);
  g_test_add_func ("/core/findings/group/fold-keeps-what-grouping-reads", test_fold_keeps_what_grouping_reads);

  return g_test_run ();
}
