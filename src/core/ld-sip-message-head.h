/* ld-sip-message-head.h - a SIP message's head read in place: what the stripped and compact parses share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Private to ld-sip-message.c, which reads a message's head, and
 * ld-sip-message-stripped.c, whose parses keep a few fields of it.
 */
#pragma once

#include <glib.h>

#include "ld-sip-message.h"
#include "ld-string-set.h"

G_BEGIN_DECLS

/* The headers the fields come from: what a stripped parse reads (see
 * _ld_sip_message_parse_stripped()) and what a full parse fills in. */
typedef enum
{
  FIELD_NONE,
  FIELD_CALL_ID,
  FIELD_FROM,
  FIELD_TO,
  FIELD_CSEQ,
  FIELD_CONTENT_LENGTH,
  FIELD_DIAGNOSTIC,
} SummaryField;

/* A header of a message as a span of its text, for the parsers that read
 * straight into a string chunk. */
typedef struct
{
  const char  *name;      /* trimmed, as written */
  gsize        name_len;
  const char  *value;     /* trimmed */
  gsize        len;
  SummaryField field;
} HeaderSpan;

/* What _ld_sip_read_head() finds of a message, in place. */
typedef struct
{
  guint        n_headers;
  const char  *call_id, *from, *to;   /* the first of each, trimmed */
  gsize        call_id_len, from_len, to_len;
  const char  *body;                  /* where the body starts */
  const char  *body_end;              /* where its Content-Length (else the text) ends it */
  char        *cseq_method;           /* a response's method, from its CSeq, in the chunk */
  HeaderSpan   headers[32];           /* last: _ld_sip_read_head() clears only what comes before */
} Head;

gboolean _ld_sip_read_head       (const char   *text,
                                  gsize         len,
                                  gboolean      every_header,
                                  GStringChunk *strings,
                                  LdStringSet  *set,
                                  gboolean      no_cr,
                                  LdSipMessage *msg,
                                  Head         *head);
char    *_ld_sip_chunk_span      (GStringChunk *strings,
                                  const char   *s,
                                  gsize         len);
void     _ld_sip_take_start_line (LdSipMessage *msg,
                                  GStringChunk *strings,
                                  const Head   *head);
char    *_ld_sip_party_tag       (GStringChunk *strings,
                                  const char   *value,
                                  gboolean      shared);

G_END_DECLS
