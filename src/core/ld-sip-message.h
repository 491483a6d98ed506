/* ld-sip-message.h - one SIP message as logged: where it was, what it says
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  LD_DIRECTION_UNKNOWN,
  LD_DIRECTION_SENT,
  LD_DIRECTION_RECEIVED,
} LdDirection;

/* The methods an analysis tells apart; LD_SIP_METHOD_OTHER for the rest
 * (RFC 3261, 3265, 3428, 3515, 3903, 6086, and Lync's SERVICE, BENOTIFY
 * and NEGOTIATE: [MS-SIP], [MS-PRES]). */
typedef enum
{
  LD_SIP_METHOD_OTHER,
  LD_SIP_METHOD_INVITE,
  LD_SIP_METHOD_ACK,
  LD_SIP_METHOD_BYE,
  LD_SIP_METHOD_CANCEL,
  LD_SIP_METHOD_REGISTER,
  LD_SIP_METHOD_SUBSCRIBE,
  LD_SIP_METHOD_NOTIFY,
  LD_SIP_METHOD_BENOTIFY,
  LD_SIP_METHOD_SERVICE,
  LD_SIP_METHOD_MESSAGE,
  LD_SIP_METHOD_INFO,
  LD_SIP_METHOD_REFER,
  LD_SIP_METHOD_OPTIONS,
  LD_SIP_METHOD_PUBLISH,
  LD_SIP_METHOD_UPDATE,
  LD_SIP_METHOD_PRACK,
  LD_SIP_METHOD_NEGOTIATE,
} LdSipMethod;

typedef struct
{
  char *name;   /* canonical long form ("Call-ID" for "i"), as written otherwise */
  char *value;  /* unfolded, trimmed, valid UTF-8 */
} LdHeader;

typedef struct _LdSipMessage LdSipMessage;

/* More diagnostic headers than this in one message are counted as this many. */
#define LD_SIP_MAX_DIAG_COUNT ((1u << 19) - 1)

struct _LdSipMessage
{
  /* There are hundreds of thousands of these in a large log: the fields of
   * eight bytes come first, those of four after them, and small numbers and
   * flags are bits, so that none of the struct is padding (152 bytes). */

  /* Where it came from. */
  guint64      line;        /* 1-based line where its record starts */
  gint64       time;        /* log-local milliseconds since 1970-01-01, or -1 */
  char        *remote;      /* "ip:port" or NULL */
  char        *local;       /* "ip:port" or NULL */

  /* What it is. */
  char        *method;      /* request method, or the CSeq method of a response */
  char        *request_uri; /* requests only */
  char        *reason;      /* responses only */
  char        *call_id;
  char        *from;        /* From header value */
  char        *to;          /* To header value */
  char        *from_tag;
  char        *to_tag;
  LdHeader    *headers;     /* n_headers of them, in order; NULL when stripped */
  char        *body;        /* valid UTF-8, may be "" */
  char        *raw;         /* the whole message as valid UTF-8, or NULL when not kept; in
                             * the message browser's analysis it may be where the text is
                             * in its file instead, which reads as "": get the text with
                             * ld_analysis_dup_message_text() or ld_message_texts_get() */
  gint64       fingerprint; /* for finding the same message in two inputs */

  guint        input;       /* index into the analysis' inputs */
  guint32      cseq;
  guint        n_headers;
  guint32      consumed;    /* bytes of the parsed text this message used; more may
                             * follow (a parse takes at most G_MAXUINT32 bytes) */
  guint        status : 10;     /* responses only: 100 to 699 */
  LdDirection  direction : 2;
  guint        is_request : 1;
  guint        diag_count : 19; /* number of diagnostic headers, at most
                                 * LD_SIP_MAX_DIAG_COUNT */
  guint        stripped : 1;  /* headers and body dropped, raw kept; fields and raw in a
                               * shared string chunk: see ld_sip_message_strip() */
  guint        compacted : 1; /* its text in a shared string chunk: see
                               * _ld_sip_message_compact() */
  guint        deferred : 1;  /* stripped, only its raw text read yet: the analysis
                               * parses it when finishing; none is left after
                               * ld_analysis_finish_messages() */
  guint        stored : 1;    /* the struct itself (and its headers) is in its
                               * analysis's store of message text, freed with it */
  guint        cut_at_end : 1; /* its file ended inside it and no file read after
                               * continued it (log rotation): read as far as it goes */
  guint        exchange : 27; /* 1 + the index of its exchange in its analysis
                               * (ld_analysis_get_exchange()), 0 for none */
};

LdSipMessage *ld_sip_message_parse          (const char          *text,
                                             gsize                len,
                                             GError             **error);
void          ld_sip_message_free           (LdSipMessage        *msg);
void          ld_sip_message_strip          (LdSipMessage        *msg,
                                             GStringChunk        *strings);
const char   *ld_sip_message_get_header     (const LdSipMessage  *msg,
                                             const char          *name);
GPtrArray    *ld_sip_message_dup_headers    (const LdSipMessage  *msg,
                                             const char          *name);
char         *ld_sip_message_dup_summary    (const LdSipMessage  *msg);
gboolean      ld_sip_message_summary_into   (const LdSipMessage  *msg,
                                             char                *buf,
                                             gsize                size);
const char   *ld_sip_message_get_user_agent (const LdSipMessage  *msg);
gboolean      ld_sip_message_is_noise       (const LdSipMessage  *msg);
char         *ld_sip_uri_dup_address        (const char          *header_value);
char         *ld_sip_header_dup_param       (const char          *header_value,
                                             const char          *param);
const char   *ld_direction_to_string        (LdDirection          direction);
LdSipMethod   ld_sip_method_from_string     (const char          *method,
                                             gssize               len);
const char   *ld_sip_method_to_string       (LdSipMethod          method);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LdSipMessage, ld_sip_message_free)

G_END_DECLS
