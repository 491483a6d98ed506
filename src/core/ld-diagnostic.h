/* ld-diagnostic.h - ms-diagnostics / ms-client-diagnostics / media debug / ICEWarn decoding
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

struct _LdSipMessage;

typedef enum
{
  LD_DIAG_HEADER_MS_DIAGNOSTICS,
  LD_DIAG_HEADER_MS_DIAGNOSTICS_PUBLIC,
  LD_DIAG_HEADER_MS_CLIENT_DIAGNOSTICS,
} LdDiagHeader;

/* Values as written in CallerMediaDebug LocalLocation/RemoteLocation. */
typedef enum
{
  LD_LOCATION_UNKNOWN = 0,
  LD_LOCATION_REMOTE = 1,
  LD_LOCATION_INTERNAL = 2,
} LdLocation;

typedef enum
{
  LD_MEDIA_ROLE_CALLER,
  LD_MEDIA_ROLE_CALLEE,
} LdMediaRole;

/* The same hex number means different things depending on where it was
 * read: ICEWarn= in a media debug attribute uses the Lync Server 2010
 * Resource Kit table, <IceWarningFlags> in a QoE VQReportEvent uses [MS-QoE]. */
typedef enum
{
  LD_ICE_TABLE_RESKIT,
  LD_ICE_TABLE_QOE,
} LdIceTable;

/* The bits of ICEWarn= in CallerMediaDebug / CalleeMediaDebug (Lync Server
 * 2010 Resource Kit ch. 9, "ICE protocol warnings").  The rows that give
 * them meanings are in ld-ice-warn.c; the rules test these names.  (The
 * QoE <IceWarningFlags> element numbers the same checks differently.) */
typedef enum
{
  LD_ICE_TURN_UNREACHABLE      = 0x1,
  LD_ICE_TURN_UDP_ALLOCATE     = 0x2,
  LD_ICE_TURN_UDP_SEND         = 0x4,
  LD_ICE_TURN_TCP_ALLOCATE     = 0x8,
  LD_ICE_TURN_TCP_SEND         = 0x10,
  LD_ICE_LOCAL_FAILED          = 0x20,
  LD_ICE_UDP_NAT_FAILED        = 0x40,
  LD_ICE_UDP_RELAY_FAILED      = 0x80,
  LD_ICE_TCP_NAT_FAILED        = 0x100,
  LD_ICE_TCP_RELAY_FAILED      = 0x200,
  LD_ICE_CHECK_INTEGRITY       = 0x400,
  LD_ICE_ALLOCATE_INTEGRITY    = 0x800,
  LD_ICE_BW_POLICY_CONFIGURED  = 0x1000,
  LD_ICE_CHECK_SEND_FAILED     = 0x2000,
  LD_ICE_TURN_CREDENTIALS      = 0x4000,
  LD_ICE_BW_CANDIDATES_REMOVED = 0x8000,
  LD_ICE_BW_LOWERED            = 0x10000,
  LD_ICE_BW_KEEPALIVE_FAILED   = 0x20000,
  LD_ICE_BW_ALLOCATION_FAILED  = 0x40000,
  LD_ICE_NO_TURN_SERVER        = 0x80000,
  LD_ICE_MULTIPLE_TURN_SERVERS = 0x100000,
  LD_ICE_PORT_RANGE_EXHAUSTED  = 0x200000,
  LD_ICE_ALTERNATE_SERVER      = 0x400000,
  LD_ICE_PSEUDO_TLS_FAILED     = 0x800000,
  LD_ICE_HTTP_PROXY            = 0x1000000,
  LD_ICE_PROXY_AUTH_FAILED     = 0x2000000,
  LD_ICE_TURN_TCP_TCP_FAILED   = 0x4000000,
  LD_ICE_USE_CANDIDATE_FAILED  = 0x8000000,
} LdIceWarnBit;

typedef struct
{
  char *key;   /* as written, trimmed */
  char *value; /* as written, trimmed, unquoted; "" when empty */
} LdField;

typedef struct
{
  LdMediaRole role;
  char *modality;         /* prefix as written ("application-sharing", "audio"), or NULL */
  gboolean has_ice_warn;
  guint32 ice_warn;
  LdLocation local_location;   /* LD_LOCATION_UNKNOWN when absent */
  LdLocation remote_location;
  int federation_type;    /* -1 when absent, else the number written */
  GPtrArray *fields;      /* (element-type LdField): every key=value, in order */
} LdMediaDebug;

/* A code or subcode larger than this is read as missing (as one larger
 * than an int always was): no code a server or client writes comes near. */
#define LD_DIAG_MAX_NUMBER ((1 << 28) - 1)

/* A large log's attempts hold some 85,000 of these: the numbers and flags
 * share eight bytes, and the struct is 56 (malloc's chunk of 64, not 80). */
typedef struct
{
  LdDiagHeader header : 3;
  int code : 29;          /* -1 when missing */
  int subcode : 31;       /* -1 when missing ("1009.2" has subcode 2) */
  guint shares : 1;       /* the fields, media records and strings below are another
                           * diagnostic's (_ld_diagnostic_dup_sharing()); else they
                           * are in the same allocation as the struct */
  char *reason;           /* unquoted (straight or typographic quotes), or NULL */
  char *source;           /* or NULL */
  GPtrArray *attributes;  /* (element-type LdField): every attribute after the code, in order */
  GPtrArray *media;       /* (element-type LdMediaDebug): CallerMediaDebug / CalleeMediaDebug */
  char *raw;              /* the header value as given */
  const struct _LdSipMessage *message; /* carrying message, set by the analysis; NULL when pasted */
} LdDiagnostic;

typedef struct
{
  guint32 bit;
  const char *name;       /* symbolic name, e.g. "tcpRelayConnectivityFailed"; NULL when unknown */
  const char *meaning;    /* untranslated (N_) meaning in words; "Unknown flag" text when unknown */
  const char *advice;     /* untranslated (N_) what it means for the admin; may be NULL */
  gboolean expected;      /* the Resource Kit calls it expected / informational */
  gboolean known;
  const char *cause;      /* the cause (ld-causes.c) a failed call with this bit points to, or NULL */
} LdIceBit;

/* What a code says by itself, from the code tables (ld-codes.c).  A code
 * the tables do not know is UNKNOWN, never a failure: the context (a final
 * 4xx, a 1xx, a transaction that later succeeded) decides. */
typedef enum
{
  LD_CODE_UNKNOWN,
  LD_CODE_INFORMATIONAL,
  LD_CODE_FAILURE,
} LdCodeVerdict;

typedef struct
{
  int            code;
  const char    *reason;    /* canonical reason as servers/clients write it, or NULL when no source gives it */
  const char    *meaning;   /* untranslated (N_) plain-words explanation */
  LdCodeVerdict  verdict;   /* FAILURE or INFORMATIONAL (51004, 51007, 25008, 2139) */
  const char    *reference; /* where the reason and meaning come from */
} LdCodeInfo;

gboolean      ld_diag_header_from_name    (const char    *name,
                                           LdDiagHeader  *out_header);
const char   *ld_diag_header_to_string    (LdDiagHeader   header);

LdDiagnostic *ld_diagnostic_parse         (LdDiagHeader   header,
                                           const char    *value);
void          ld_diagnostic_free          (LdDiagnostic  *diag);
const char   *ld_diagnostic_get_attribute (const LdDiagnostic *diag,
                                           const char    *key);
gboolean      ld_diagnostic_is_failure    (const LdDiagnostic *diag);

LdMediaDebug *ld_media_debug_parse        (LdMediaRole    role,
                                           const char    *value);
void          ld_media_debug_free         (LdMediaDebug  *media);
const char   *ld_media_debug_get_field    (const LdMediaDebug *media,
                                           const char    *key);
const char   *ld_media_role_to_string     (LdMediaRole    role);
const char   *ld_location_to_string       (LdLocation     location);
const char   *ld_location_describe        (LdLocation     location);

gboolean      ld_ice_warn_parse           (const char    *text,
                                           guint32       *out_value);
guint         ld_ice_warn_decode          (LdIceTable     table,
                                           guint32        value,
                                           LdIceBit       out_bits[32]);

const LdCodeInfo *ld_code_lookup          (LdDiagHeader   header,
                                           int            code);
const LdCodeInfo *ld_code_list            (LdDiagHeader   header,
                                           guint         *n_codes);
LdCodeVerdict ld_code_get_verdict         (LdDiagHeader   header,
                                           int            code);
const char   *ld_code_verdict_to_string   (LdCodeVerdict  verdict);
const char   *ld_code_get_component       (LdDiagHeader   header,
                                           int            code);
char         *ld_code_dup_meaning         (LdDiagHeader   header,
                                           int            code,
                                           const char    *reason);
gboolean      ld_code_is_failure          (LdDiagHeader   header,
                                           int            code);
char         *ld_diagnostic_dup_component (const LdDiagnostic *diag);
LdCodeVerdict ld_diagnostic_get_verdict   (const LdDiagnostic *diag);

gboolean      ld_decode_pasted            (const char    *text,
                                           GString       *out,
                                           GError       **error);

/* Additions used by the decoder, also handy for findings and views. */
char         *ld_ice_warn_dup_sum         (guint32        value);
guint32       ld_ice_warn_get_cause_bits  (LdIceTable     table,
                                           const char    *cause);
const char   *ld_ice_table_to_string      (LdIceTable     table);
void          ld_diagnostic_describe      (const LdDiagnostic *diag,
                                           GString       *out);

#define LD_DECODE_ERROR (ld_decode_error_quark ())

typedef enum
{
  LD_DECODE_ERROR_NOTHING, /* the pasted text held nothing LyncDiag can decode */
} LdDecodeError;

GQuark        ld_decode_error_quark       (void);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LdDiagnostic, ld_diagnostic_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LdMediaDebug, ld_media_debug_free)

G_END_DECLS
