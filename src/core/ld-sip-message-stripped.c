/* ld-sip-message-stripped.c - the stripped parses: a SIP message straight into the few fields the message browser lists
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ld-sip"

#include "config.h"

#include <string.h>

#include "ld-analysis-private.h"
#include "ld-sip-message.h"
#include "ld-sip-message-head.h"
#include "ld-sip-message-private.h"
#include "ld-string-set.h"
#include "ld-value-cap.h"

/* A From, To or Call-ID value stored once in @set, cut as the full parse
 * cuts a value over LD_MAX_VALUE. */
static const char *
store_value (LdStringSet *set,
             const char  *s,
             gsize        len,
             gpointer   **data)
{
  g_autofree char *big = NULL;

  if (len > LD_MAX_VALUE)
    {
      big = ld_value_cap_dup (s, len);
      s = big;
      len = strlen (big);
    }
  return _ld_string_set_add (set, s, len, data);
}

/* _ld_sip_message_parse_stripped(), with the raw text copied into
 * @strings or (@copy_raw FALSE) kept where it is. */
static LdSipMessage *
parse_stripped (const char   *text,
                gsize         len,
                GStringChunk *strings,
                gboolean      copy_raw)
{
  g_autoptr(LdSipMessage) msg = g_new0 (LdSipMessage, 1);
  Head head;

  if (!_ld_sip_read_head (text, len, FALSE, strings, NULL, FALSE, msg, &head))
    return NULL;
  _ld_sip_take_start_line (msg, strings, &head);
  if (head.call_id != NULL)
    msg->call_id = _ld_sip_chunk_span (strings, head.call_id, head.call_id_len);
  if (head.from != NULL)
    {
      msg->from = _ld_sip_chunk_span (strings, head.from, head.from_len);
      msg->from_tag = _ld_sip_party_tag (strings, msg->from, TRUE);
    }
  if (head.to != NULL)
    {
      msg->to = _ld_sip_chunk_span (strings, head.to, head.to_len);
      msg->to_tag = _ld_sip_party_tag (strings, msg->to, TRUE);
    }
  msg->body = (char *) "";
  msg->raw = copy_raw ? g_string_chunk_insert_len (strings, text, msg->consumed) : (char *) text;
  msg->stripped = TRUE;
  return g_steal_pointer (&msg);
}

/**
 * _ld_sip_message_parse_stripped:
 * @text: valid UTF-8 without NUL, as for _ld_sip_message_parse_valid()
 * @len: its length
 * @strings: the analysis's string chunk, as for ld_sip_message_strip()
 *
 * Parses a message straight into what ld_sip_message_strip() leaves of
 * it: the fields go into @strings as they are found, no header or body is
 * copied. The message browser keeps hundreds of thousands of such
 * messages (presence, registration); a full parse and a strip cost
 * some sixty small allocations each.
 *
 * Returns: (transfer full) (nullable): the stripped message, or %NULL when
 *   @text is not a SIP message or has what only the full parser handles (a
 *   field folded over lines, an over-long start line): then parse it fully
 *   and strip it
 */
LdSipMessage *
_ld_sip_message_parse_stripped (const char   *text,
                                gsize         len,
                                GStringChunk *strings)
{
  return parse_stripped (text, len, strings, TRUE);
}

/**
 * _ld_sip_message_parse_stripped_kept:
 * @text: as for _ld_sip_message_parse_stripped(), stored where it outlives
 *   the message and ending at @len with a NUL
 * @len: the length of the message, as _ld_sip_message_peek_length() found it
 * @strings: where the fields go
 *
 * The same parse for text that is kept already (the message browser's
 * presence traffic, see defer_record() in ld-analysis.c): the message's
 * raw text is @text, not a copy.
 *
 * Returns: (transfer full) (nullable): as _ld_sip_message_parse_stripped()
 */
LdSipMessage *
_ld_sip_message_parse_stripped_kept (const char   *text,
                                     gsize         len,
                                     GStringChunk *strings)
{
  LdSipMessage *msg = parse_stripped (text, len, strings, FALSE);

  /* It ends where the caller said: else the kept text is not its own. */
  if (msg != NULL && msg->consumed != len)
    g_clear_pointer (&msg, ld_sip_message_free);
  return msg;
}

/* Where store_party() notes that a value has no tag (NULL: not looked for yet). */
static const char no_tag[] = "";

/* A From or To value stored once in @set, and its tag: found once per
 * distinct value, and where it does not end the value, stored once too. */
static void
store_party (LdStringSet *set,
             const char  *s,
             gsize        len,
             char       **value,
             char       **tag)
{
  gpointer *slot;

  *value = (char *) store_value (set, s, len, &slot);
  if (*slot == NULL)
    {
      gsize tag_len;
      const char *found = _ld_sip_header_find_param (*value, "tag", &tag_len);

      if (found == NULL)
        *slot = (gpointer) no_tag;
      else if (found[tag_len] == '\0')
        *slot = (gpointer) found;
      else
        {
          const char *copy = _ld_string_set_add (set, found, tag_len, NULL);

          /* That may have moved the slot. */
          _ld_string_set_add (set, *value, strlen (*value), &slot);
          *slot = (gpointer) copy;
        }
    }
  *tag = *slot == (gpointer) no_tag ? NULL : *slot;
}

/**
 * _ld_sip_message_parse_deferred:
 * @text: as for _ld_sip_message_parse_stripped_kept()
 * @len: the length of the message, as _ld_sip_message_peek_length() found
 *   it (its Content-Length is not read again: the fuzzer asserts that the
 *   parsers find the same)
 * @no_cr: whether @text is known to hold no CR (ld_message_texts_get()
 *   takes them all out)
 * @set: where the fields go, each value once
 * @out: (out caller-allocates): the message
 *
 * _ld_sip_message_parse_stripped_kept(), for the parse that finishes the
 * message browser's messages after reading (ld-analysis-messages.c):
 * into a message of the caller's, its values stored once in @set (see
 * ld-string-set.c).
 *
 * Returns: whether @out holds the message; %FALSE when @text has what
 *   only the full parser reads, as for _ld_sip_message_parse_stripped()
 */
gboolean
_ld_sip_message_parse_deferred (const char   *text,
                                gsize         len,
                                gboolean      no_cr,
                                LdStringSet  *set,
                                LdSipMessage *out)
{
  Head head;

  memset (out, 0, sizeof *out);
  if (!_ld_sip_read_head (text, len, FALSE, NULL, set, no_cr, out, &head))
    return FALSE;
  if (!out->is_request)
    out->method = head.cseq_method != NULL ? head.cseq_method : (char *) _ld_string_set_add (set, "", 0, NULL);
  if (head.call_id != NULL)
    out->call_id = (char *) store_value (set, head.call_id, head.call_id_len, NULL);
  if (head.from != NULL)
    store_party (set, head.from, head.from_len, &out->from, &out->from_tag);
  if (head.to != NULL)
    store_party (set, head.to, head.to_len, &out->to, &out->to_tag);
  out->body = (char *) "";
  out->raw = (char *) text;
  out->stripped = TRUE;
  return TRUE;
}

