/* fuzz-sip-message.c - libFuzzer harness: the SIP message parser and its helpers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "lyncdiag.h"
#include "ld-analysis-private.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

/* What ld_sip_message_strip() keeps, compared. */
static void
assert_same_fields (const LdSipMessage *a,
                    const LdSipMessage *b)
{
  g_assert (a->is_request == b->is_request);
  g_assert (a->status == b->status);
  g_assert (a->cseq == b->cseq);
  g_assert (a->diag_count == b->diag_count);
  g_assert (a->consumed == b->consumed);
  g_assert (g_strcmp0 (a->method, b->method) == 0);
  g_assert (g_strcmp0 (a->request_uri, b->request_uri) == 0);
  g_assert (g_strcmp0 (a->reason, b->reason) == 0);
  g_assert (g_strcmp0 (a->call_id, b->call_id) == 0);
  g_assert (g_strcmp0 (a->from, b->from) == 0);
  g_assert (g_strcmp0 (a->to, b->to) == 0);
  g_assert (g_strcmp0 (a->from_tag, b->from_tag) == 0);
  g_assert (g_strcmp0 (a->to_tag, b->to_tag) == 0);
}

/* The analysis reads presence traffic with a stripped parse (of text
 * already valid UTF-8 without NUL, as a parsed message's raw text is): it
 * must read what a full parse, stripped, holds, or decline. */
static void
check_light_parsers (const char *text)
{
  gsize len = strlen (text);
  GStringChunk *strings = g_string_chunk_new (4096);
  g_autoptr(LdSipMessage) full = _ld_sip_message_parse_valid (text, len, NULL);
  g_autoptr(LdSipMessage) stripped = _ld_sip_message_parse_stripped (text, len, strings);

  gsize peeked = _ld_sip_message_peek_length (text, len);

  g_assert (full != NULL || stripped == NULL);
  /* Records are kept by that length, to be parsed when reading is done:
   * one the peek finds a message must parse. */
  if (peeked > 0)
    g_assert (full != NULL && peeked == full->consumed);
  if (stripped != NULL && peeked > 0)
    {
      g_autofree char *kept = g_strndup (text, peeked);
      g_autoptr(LdSipMessage) later = _ld_sip_message_parse_stripped_kept (kept, peeked, strings);

      g_assert (later != NULL);
      g_assert (later->raw == kept);
      assert_same_fields (stripped, later);
      later->raw = NULL;
    }
  /* The message browser parses such a record once reading is done, from
   * the length the peek found, into a set of its values (twice: the
   * second finds them stored): what a full parse holds, or it declines. */
  if (peeked > 0 && full != NULL)
    {
      g_autofree char *kept = g_strndup (text, peeked);
      GStringChunk *chunk = g_string_chunk_new (256);
      LdStringSet *set = _ld_string_set_new (chunk);
      g_autoptr(LdSipMessage) whole = _ld_sip_message_parse_valid (kept, peeked, NULL);

      g_assert (whole != NULL && whole->consumed == peeked);
      ld_sip_message_strip (whole, strings);
      for (guint again = 0; again < 2; again++)
        {
          LdSipMessage deferred;

          if (!_ld_sip_message_parse_deferred (kept, peeked, memchr (kept, '\r', peeked) == NULL, set, &deferred))
            {
              /* Only where the stripped parse declines too. */
              g_assert (stripped == NULL);
              break;
            }
          assert_same_fields (whole, &deferred);
        }
      _ld_string_set_free (set);
      g_string_chunk_free (chunk);
    }
  if (full != NULL && stripped != NULL)
    {
      ld_sip_message_strip (full, strings);
      assert_same_fields (full, stripped);
      g_assert (g_strcmp0 (full->raw, stripped->raw) == 0);
    }
  g_clear_pointer (&stripped, ld_sip_message_free);
  g_clear_pointer (&full, ld_sip_message_free);
  g_string_chunk_free (strings);
}

/* Compacting moves headers, fields, body and raw text into one block:
 * nothing may read differently afterwards. */
static void
check_compact (const LdSipMessage *loose,
               const guint8       *data,
               size_t              size)
{
  GStringChunk *strings = g_string_chunk_new (256);
  LdSipMessage *packed = ld_sip_message_parse ((const char *) data, size, NULL);

  _ld_sip_message_compact (packed, strings);
  assert_same_fields (loose, packed);
  g_assert (strcmp (loose->body, packed->body) == 0);
  g_assert (strcmp (loose->raw, packed->raw) == 0);
  g_assert (loose->n_headers == packed->n_headers);
  for (guint i = 0; i < loose->n_headers; i++)
    {
      g_assert (strcmp (loose->headers[i].name, packed->headers[i].name) == 0);
      g_assert (strcmp (loose->headers[i].value, packed->headers[i].value) == 0);
    }
  ld_sip_message_free (packed);
  g_string_chunk_free (strings);
}

/* A filter for the compact parse: some headers by name, some by value,
 * and of a body every other line. */
static gboolean
keep_some_header (const char *name,
                  const char *value,
                  gsize       value_len)
{
  return g_ascii_tolower (name[0]) <= 'm' || memchr (value, 'x', value_len) != NULL;
}

static void
keep_some_body (const char *body,
                gsize       len,
                GString    *out)
{
  gboolean odd = TRUE;

  for (const char *p = body, *end = body + len; p < end; odd = !odd)
    {
      const char *nl = memchr (p, '\n', end - p);
      gsize n = nl != NULL ? (gsize) (nl + 1 - p) : (gsize) (end - p);

      if (odd)
        g_string_append_len (out, p, n);
      p += n;
    }
}

/* The CLI parses a call's messages straight into what it keeps of them: it
 * must read what the full parse, filtered the same way, holds, or decline. */
static void
check_compact_parse (const char *text)
{
  static const LdSipKeepFilter filter = { keep_some_header, keep_some_body };
  gsize len = strlen (text);
  GStringChunk *strings = g_string_chunk_new (256);
  /* The first parse into a store, as the CLI's; the second without. */
  LdTextStore *store = _ld_text_store_new ();
  g_autoptr(LdSipMessage) full = _ld_sip_message_parse_valid (text, len, NULL);
  g_autoptr(LdSipMessage) kept = _ld_sip_message_parse_compact (text, len, strings, store, &filter, NULL);
  g_autoptr(LdSipMessage) again = NULL;
  guint at = 0;

  g_assert (full != NULL || kept == NULL);
  if (kept != NULL)
    {
      g_autoptr(GString) body = g_string_new (NULL);

      g_assert (kept->compacted && kept->stored && kept->raw == NULL);
      assert_same_fields (full, kept);
      for (guint i = 0; i < full->n_headers; i++)
        {
          const LdHeader *h = &full->headers[i];

          if (!keep_some_header (h->name, h->value, strlen (h->value)))
            continue;
          g_assert (at < kept->n_headers);
          g_assert (strcmp (h->name, kept->headers[at].name) == 0);
          g_assert (strcmp (h->value, kept->headers[at].value) == 0);
          at++;
        }
      g_assert (at == kept->n_headers);
      if (*full->body != '\0')
        keep_some_body (full->body, strlen (full->body), body);
      g_assert (strcmp (body->str, kept->body) == 0);
      /* The same message again, sharing the first one's dialog values: it
       * reads the same, and shares them. */
      again = _ld_sip_message_parse_compact (text, len, strings, NULL, &filter, kept);
      g_assert (again != NULL);
      assert_same_fields (kept, again);
      g_assert (again->call_id == kept->call_id);
      /* (A From equal to the To may take either's.) */
      g_assert (again->from == kept->from || again->from == kept->to);
      g_assert (again->to == kept->to || again->to == kept->from);
    }
  g_clear_pointer (&again, ld_sip_message_free);
  g_clear_pointer (&kept, ld_sip_message_free);
  g_clear_pointer (&full, ld_sip_message_free);
  _ld_text_store_free (store);
  g_string_chunk_free (strings);
}

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
  check_light_parsers (msg->raw);
  check_compact_parse (msg->raw);
  check_compact (msg, data, size);
  return 0;
}
