/* ld-decode.c - turn a pasted diagnostic header, media debug or ICEWarn value into readable text
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ld-diagnostic"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "ld-diagnostic.h"
#include "ld-knowledge.h"

G_DEFINE_QUARK (ld-decode-error-quark, ld_decode_error)

/* ------------------------------------------------------------------------ */
/* Describing what was parsed                                               */

static void
describe_ice (LdIceTable  table,
              guint32     value,
              GString    *out)
{
  LdIceBit bits[32];
  guint n = ld_ice_warn_decode (table, value, bits);
  g_autofree char *sum = ld_ice_warn_dup_sum (value);
  g_autofree char *widest = NULL;
  int width;

  if (n == 0)
    {
      g_string_append_printf (out, "  0x0  %s\n", _("No ICE warnings: no failures, or ICE was not used"));
      return;
    }

  if (n > 1)
    g_string_append_printf (out, "  = %s  (%s)\n", sum, _(ld_ice_table_to_string (table)));
  else
    g_string_append_printf (out, "  (%s)\n", _(ld_ice_table_to_string (table)));

  /* Bits come highest first, so the first one is the widest. */
  widest = g_strdup_printf ("0x%x", (unsigned) bits[0].bit);
  width = (int) strlen (widest);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *hex = g_strdup_printf ("0x%x", (unsigned) bits[i].bit);

      g_string_append_printf (out, "  %-*s  %s\n", width, hex, _(bits[i].meaning));
      if (bits[i].advice != NULL)
        g_string_append_printf (out, "  %-*s  %s\n", width, "", _(bits[i].advice));
      /* The finding the analysis makes of it, in the cause table's words. */
      if (bits[i].cause != NULL && ld_cause_lookup (bits[i].cause) != NULL)
        g_string_append_printf (out, _("  %-*s  On a failed call, LyncDiag's finding: %s (%s)\n"), width, "",
                                _(ld_cause_lookup (bits[i].cause)->title), bits[i].cause);
    }
}

static const char *
modality_words (const char *modality)
{
  if (modality == NULL)
    return NULL;
  if (g_ascii_strcasecmp (modality, "application-sharing") == 0 ||
      g_ascii_strcasecmp (modality, "applicationsharing") == 0)
    return _("desktop or application sharing");
  if (g_ascii_strcasecmp (modality, "audio") == 0)
    return _("audio call");
  if (g_ascii_strcasecmp (modality, "video") == 0)
    return _("video call");
  return NULL;
}

/* What PortRange=first:last means.  1025:65000 is what clients write when
 * no port range is enforced (ClientMediaPortRangeEnabled False).  The
 * Resource Kit (flag 0x200000) asks for at least 20 ports per audio/video
 * call and 3 for sharing and file transfer. */
static char *
dup_port_range_words (const char *value,
                      const char *modality)
{
  g_auto(GStrv) parts = NULL;
  guint64 first, last;
  guint64 count;
  guint64 needed;

  parts = g_strsplit (value, ":", -1);
  if (g_strv_length (parts) != 2 ||
      !g_ascii_string_to_unsigned (g_strstrip (parts[0]), 10, 0, 65535, &first, NULL) ||
      !g_ascii_string_to_unsigned (g_strstrip (parts[1]), 10, 0, 65535, &last, NULL) ||
      last < first)
    return g_strdup (_("the client's media port range (not readable)"));

  if (first == 1025 && last == 65000)
    return g_strdup (_("the client's media ports are not restricted (no port range configured)"));

  count = last - first + 1;
  needed = modality != NULL && g_ascii_strncasecmp (modality, "application", 11) == 0 ? 3 : 20;

  if (count < needed)
    return g_strdup_printf (_("the client may use ports %u to %u (%u ports), fewer than the %u the Resource Kit asks for"),
                            (guint) first, (guint) last, (guint) count, (guint) needed);

  return g_strdup_printf (_("the client may use ports %u to %u (%u ports)"),
                          (guint) first, (guint) last, (guint) count);
}

/* Explanation of one media debug field, or NULL when there is none.
 * Field meanings from domain knowledge: MR = media relay (TURN on the A/V
 * Edge), Site = host candidate; INFERRED from samples where noted in the
 * dossier, so the wording stays descriptive. */
static char *
dup_field_words (const LdMediaDebug *media,
                 const LdField      *field)
{
  const char *key = field->key;
  const char *value = field->value;
  gboolean empty = value[0] == '\0';
  gint64 n;

  if (g_ascii_strcasecmp (key, "ICEWarn") == 0)
    return g_strdup (media->has_ice_warn ? _("ICE warning flags, decoded above")
                                         : _("ICE warning flags, but the value is not a hexadecimal number"));

  if (g_ascii_strcasecmp (key, "LocalLocation") == 0)
    return g_strdup (ld_location_describe (media->local_location));
  if (g_ascii_strcasecmp (key, "RemoteLocation") == 0)
    return g_strdup (ld_location_describe (media->remote_location));

  if (g_ascii_strcasecmp (key, "FederationType") == 0)
    {
      if (g_ascii_string_to_signed (value, 10, G_MININT, G_MAXINT, &n, NULL))
        {
          if (n == 0)
            return g_strdup (_("not federated (both users belong to the same organisation)"));
          if (n == 1)
            return g_strdup (_("federated (the other user belongs to another organisation)"));
        }
      return g_strdup (_("federation type (value not known to LyncDiag)"));
    }

  if (g_ascii_strcasecmp (key, "LocalMR") == 0)
    return g_strdup (empty ? _("empty: no media relay was allocated for this side")
                           : _("this side's media relay (TURN server on the A/V Edge)"));
  if (g_ascii_strcasecmp (key, "RemoteMR") == 0)
    return g_strdup (empty ? _("empty: no media relay was allocated for the other side")
                           : _("the other side's media relay (TURN server on the A/V Edge)"));
  if (g_ascii_strcasecmp (key, "LocalMRTCPPort") == 0)
    return g_strdup (_("TCP port of this side's media relay"));
  if (g_ascii_strcasecmp (key, "RemoteMRTCPPort") == 0)
    return g_strdup (_("TCP port of the other side's media relay"));
  if (g_ascii_strcasecmp (key, "LocalSite") == 0)
    return g_strdup (empty ? _("empty: this side's own address was not reported")
                           : _("this side's own address for a direct media connection"));
  if (g_ascii_strcasecmp (key, "RemoteSite") == 0)
    return g_strdup (empty ? _("empty: the other side's address was not reported")
                           : _("the other side's address for a direct media connection"));
  if (g_ascii_strcasecmp (key, "PortRange") == 0)
    return dup_port_range_words (value, media->modality);
  if (g_ascii_strcasecmp (key, "NetworkName") == 0)
    return g_strdup (_("name (DNS suffix) of the network the computer was on"));
  if (g_ascii_strcasecmp (key, "Interfaces") == 0)
    return g_strdup (_("network interfaces present (bit mask, not documented)"));
  if (g_ascii_strcasecmp (key, "BaseInterface") == 0)
    return g_strdup (_("network interface used (bit mask, not documented)"));
  if (g_ascii_strcasecmp (key, "BaseAddress") == 0)
    return g_strdup (_("this computer's local address and port"));
  if (g_ascii_strcasecmp (key, "MrDnsU") == 0)
    return g_strdup (_("DNS name of the media relay that was used"));
  if (g_ascii_strcasecmp (key, "MrResU") == 0)
    return g_strdup (_("result of looking up the media relay name (not documented)"));

  if (empty)
    return g_strdup (_("empty"));

  return NULL;
}

static void
describe_media (const LdMediaDebug *media,
                gboolean            role_known,
                GString            *out)
{
  const char *words;

  if (!role_known)
    g_string_append_printf (out, "%s\n", _("Media debug information"));
  else if (media->role == LD_MEDIA_ROLE_CALLEE)
    g_string_append_printf (out, "%s\n", _("Media debug information from the callee (CalleeMediaDebug)"));
  else
    g_string_append_printf (out, "%s\n", _("Media debug information from the caller (CallerMediaDebug)"));

  if (role_known)
    g_string_append_printf (out, _("Role: %s\n"),
                            media->role == LD_MEDIA_ROLE_CALLEE
                            ? _("callee (the side that was called)")
                            : _("caller (the side that started the call)"));
  else
    g_string_append_printf (out, "%s\n", _("Role: not given (only the value was pasted)"));

  words = modality_words (media->modality);
  if (media->modality == NULL)
    g_string_append_printf (out, "%s\n", _("Modality: not given"));
  else if (words != NULL)
    g_string_append_printf (out, _("Modality: %s (%s)\n"), media->modality, words);
  else
    g_string_append_printf (out, _("Modality: %s\n"), media->modality);

  if (media->has_ice_warn)
    {
      g_string_append_printf (out, _("ICEWarn: 0x%x\n"), (unsigned) media->ice_warn);
      describe_ice (LD_ICE_TABLE_RESKIT, media->ice_warn, out);
    }
  else if (ld_media_debug_get_field (media, "ICEWarn") != NULL)
    g_string_append_printf (out, _("ICEWarn: %s (not a hexadecimal number, cannot decode)\n"),
                            ld_media_debug_get_field (media, "ICEWarn"));
  else
    g_string_append_printf (out, "%s\n", _("ICEWarn: not given"));

  if (media->fields->len > 0)
    g_string_append_printf (out, "%s\n", _("Fields:"));

  for (guint i = 0; i < media->fields->len; i++)
    {
      const LdField *field = g_ptr_array_index (media->fields, i);
      g_autofree char *explain = dup_field_words (media, field);

      if (explain != NULL)
        g_string_append_printf (out, "  %s=%s -> %s\n", field->key, field->value, explain);
      else
        g_string_append_printf (out, "  %s=%s\n", field->key, field->value);
    }
}

/**
 * ld_diagnostic_describe:
 * @diag: a parsed diagnostic
 * @out: where to append the text
 *
 * Appends a readable, translated, multi-line explanation of @diag: header,
 * code with meaning and component, reason, source, every attribute, then
 * every media debug record with its ICE warnings bit by bit.
 */
void
ld_diagnostic_describe (const LdDiagnostic *diag,
                        GString            *out)
{
  g_autofree char *meaning = NULL;

  g_return_if_fail (diag != NULL);
  g_return_if_fail (out != NULL);

  if (diag->code < 0)
    g_string_append_printf (out, _("%s: no code given\n"), ld_diag_header_to_string (diag->header));
  else if (diag->subcode >= 0)
    g_string_append_printf (out, "%s: %d.%d\n", ld_diag_header_to_string (diag->header),
                            diag->code, diag->subcode);
  else
    g_string_append_printf (out, "%s: %d\n", ld_diag_header_to_string (diag->header), diag->code);

  meaning = ld_code_dup_meaning (diag->header, diag->code, diag->reason);
  g_string_append_printf (out, _("Meaning: %s\n"), meaning);
  if (diag->code >= 0 || ld_diagnostic_get_attribute (diag, "component") != NULL)
    {
      g_autofree char *component = ld_diagnostic_dup_component (diag);
      g_string_append_printf (out, _("Component: %s\n"), component);
    }
  if (diag->reason != NULL)
    g_string_append_printf (out, _("Reason: %s\n"), diag->reason);
  if (diag->source != NULL)
    g_string_append_printf (out, _("Source: %s (the server that wrote this header)\n"), diag->source);
  /* The code tables' verdict; unknown codes are not guessed at. */
  if (diag->code >= 0)
    switch (ld_diagnostic_get_verdict (diag))
      {
      case LD_CODE_FAILURE:
        g_string_append_printf (out, "%s\n", _("Failure: yes, this code reports a failure"));
        break;
      case LD_CODE_INFORMATIONAL:
        g_string_append_printf (out, "%s\n", _("Failure: no, this code is information only"));
        break;
      case LD_CODE_UNKNOWN:
      default:
        g_string_append_printf (out, "%s\n", _("Failure: unknown; LyncDiag does not know this code, so the "
                                               "response that carried it says whether something failed"));
        break;
      }

  if (diag->attributes->len > 0)
    g_string_append_printf (out, "%s\n", _("Attributes:"));
  for (guint i = 0; i < diag->attributes->len; i++)
    {
      const LdField *field = g_ptr_array_index (diag->attributes, i);

      g_string_append_printf (out, "  %s=%s\n", field->key, field->value);
    }

  for (guint i = 0; i < diag->media->len; i++)
    {
      g_string_append_c (out, '\n');
      describe_media (g_ptr_array_index (diag->media, i), TRUE, out);
    }
}

/* ------------------------------------------------------------------------ */
/* Finding things in pasted text                                            */

static gboolean
is_quote_char (gunichar c)
{
  return c == '"' || c == 0x201C || c == 0x201D || c == 0x201E || c == 0x2033;
}

static guint
count_quotes (const char *text)
{
  guint n = 0;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (is_quote_char (g_utf8_get_char (p)))
      n++;

  return n;
}

/* Finds "ms-client-diagnostics:", "ms-diagnostics-public:" or
 * "ms-diagnostics:" anywhere in @line (a uccapilog prefix or prose may come
 * first) and returns where the value starts. */
static gboolean
find_header (const char   *line,
             LdDiagHeader *out_header,
             const char  **out_value)
{
  static const struct {
    LdDiagHeader header;
    const char *name;
  } names[] = {
    { LD_DIAG_HEADER_MS_CLIENT_DIAGNOSTICS, "ms-client-diagnostics" },
    { LD_DIAG_HEADER_MS_DIAGNOSTICS_PUBLIC, "ms-diagnostics-public" },
    { LD_DIAG_HEADER_MS_DIAGNOSTICS, "ms-diagnostics" },
  };
  g_autofree char *lower = g_ascii_strdown (line, -1);

  for (gsize i = 0; i < G_N_ELEMENTS (names); i++)
    {
      gsize len = strlen (names[i].name);
      const char *hit = lower;

      while ((hit = strstr (hit, names[i].name)) != NULL)
        {
          const char *after = hit + len;
          const char *start = hit;
          gboolean boundary;

          /* X-Ms-diagnostics: the same codes in an HTTP response of the web
           * services (UCWA, WebTicket), as Microsoft's documentation and
           * Fiddler show them. */
          if (names[i].header == LD_DIAG_HEADER_MS_DIAGNOSTICS && hit - lower >= 2 && hit[-1] == '-' && hit[-2] == 'x')
            start = hit - 2;
          boundary = start == lower || !(g_ascii_isalnum (start[-1]) || start[-1] == '-' || start[-1] == '_');

          while (*after == ' ' || *after == '\t')
            after++;

          /* A blog's transcription writes "ms-diagnostics=1008;...". */
          if (boundary && (*after == ':' || (*after == '=' && g_ascii_isdigit (after[1]))))
            {
              *out_header = names[i].header;
              *out_value = line + (after + 1 - lower);
              return TRUE;
            }
          hit += len;
        }
    }

  return FALSE;
}

/* "MM/DD/YYYY|" (uccapilog), "TL_INFO(" / "$$end_record" (server traces)
 * or a SIP status line: a new record, never part of a folded header. */
static gboolean
starts_new_record (const char *line)
{
  const char *p = line;

  if (g_str_has_prefix (line, "SIP/2.0") ||
      g_str_has_prefix (line, "TL_") ||
      g_str_has_prefix (line, "$$"))
    return TRUE;

  while (g_ascii_isdigit (*p))
    p++;

  return p > line && p - line <= 2 && *p == '/' && strchr (line, '|') != NULL;
}

/* "Name:" with a SIP token as name: another header, so the folded value
 * ended (RFC 3261 25.1 token characters). */
static gboolean
looks_like_header_line (const char *line)
{
  const char *p = line;

  if (!g_ascii_isalpha (*p))
    return FALSE;

  while (*p != '\0' && (g_ascii_isalnum (*p) || strchr ("-.!%*_+`'~", *p) != NULL))
    p++;

  while (*p == ' ' || *p == '\t')
    p++;

  return *p == ':';
}

/* Blog and KB copies wrap one header over several lines without the leading
 * white space RFC 3261 folding needs (msxfaq says so; the KB seed breaks
 * inside the quoted reason).  A line continues the header when a quote is
 * still open, when it starts with ';' or ',' or when the text so far is
 * empty or ends with ';', ',' or '='. */
static char *
collect_header_value (char      **lines,
                      guint       n_lines,
                      guint      *index,
                      const char *first)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (first));
  GString *value = g_string_new (trimmed);
  guint quotes = count_quotes (trimmed);
  guint i;

  for (i = *index + 1; i < n_lines; i++)
    {
      g_autofree char *line = g_strstrip (g_strdup (lines[i]));
      LdDiagHeader ignored;
      const char *ignored_value;
      gboolean open_quote = (quotes % 2) == 1;
      char last = value->len > 0 ? value->str[value->len - 1] : '\0';

      if (line[0] == '\0' ||
          starts_new_record (line) ||
          find_header (line, &ignored, &ignored_value))
        break;

      if (!open_quote)
        {
          if (looks_like_header_line (line))
            break;
          if (line[0] != ';' && line[0] != ',' &&
              last != ';' && last != ',' && last != '=' && last != '\0')
            break;
        }

      g_string_append_c (value, ' ');
      g_string_append (value, line);
      quotes += count_quotes (line);
    }

  *index = i - 1;

  return g_string_free (value, FALSE);
}

/* Client and server codes are separate number spaces; when only the value
 * was pasted, media debug attributes or a client code (21-25 from the
 * table, or 50000 and up) say it came from ms-client-diagnostics. */
static LdDiagHeader
guess_header (const LdDiagnostic *as_client)
{
  if (as_client->media->len > 0)
    return LD_DIAG_HEADER_MS_CLIENT_DIAGNOSTICS;
  if (as_client->code >= 50000)
    return LD_DIAG_HEADER_MS_CLIENT_DIAGNOSTICS;
  if (ld_code_lookup (LD_DIAG_HEADER_MS_CLIENT_DIAGNOSTICS, as_client->code) != NULL &&
      ld_code_lookup (LD_DIAG_HEADER_MS_DIAGNOSTICS, as_client->code) == NULL)
    return LD_DIAG_HEADER_MS_CLIENT_DIAGNOSTICS;
  return LD_DIAG_HEADER_MS_DIAGNOSTICS;
}

static const char *
find_ascii_case (const char *haystack,
                 const char *needle)
{
  gsize len = strlen (needle);

  for (const char *p = haystack; *p != '\0'; p++)
    if (g_ascii_strncasecmp (p, needle, len) == 0)
      return p;

  return NULL;
}

/* <IceWarningFlags> values from QoE reports.  The element is numeric XML,
 * so a value without "0x" is read as decimal; with "0x" as hexadecimal. */
static guint
decode_qoe_flags (const char *text,
                  GString    *out)
{
  const char *p = text;
  guint found = 0;

  while ((p = find_ascii_case (p, "IceWarningFlags")) != NULL)
    {
      const char *v = p + strlen ("IceWarningFlags");
      const char *end;
      g_autofree char *token = NULL;
      guint64 value;
      gboolean ok;

      p = v;

      while (*v == ' ' || *v == '>' || *v == '=' || *v == ':' || *v == '"')
        v++;
      for (end = v; g_ascii_isxdigit (*end) || *end == 'x' || *end == 'X'; end++)
        ;
      if (end == v)
        continue;

      token = g_strndup (v, end - v);
      if (token[0] == '0' && (token[1] == 'x' || token[1] == 'X'))
        ok = g_ascii_string_to_unsigned (token + 2, 16, 0, G_MAXUINT32, &value, NULL);
      else
        ok = g_ascii_string_to_unsigned (token, 10, 0, G_MAXUINT32, &value, NULL);
      if (!ok)
        continue;

      if (out->len > 0)
        g_string_append_c (out, '\n');
      if (token[0] == '0' && (token[1] == 'x' || token[1] == 'X'))
        g_string_append_printf (out, _("IceWarningFlags (QoE report): 0x%x\n"), (unsigned) value);
      else
        g_string_append_printf (out, _("IceWarningFlags (QoE report): %s, that is 0x%x\n"),
                                token, (unsigned) value);
      describe_ice (LD_ICE_TABLE_QOE, (guint32) value, out);
      found++;
    }

  return found;
}

/* A bare "0x4000320", "ICEWarn=0x4000320" or "40003a0".  Plain decimal
 * digits without a prefix are left to the code path: "23" is a code. */
static gboolean
parse_bare_ice (const char *text,
                guint32    *out_value)
{
  const char *p = text;
  gboolean prefixed = FALSE;
  gboolean letters = FALSE;
  g_autofree char *copy = NULL;
  gsize len;

  if (g_ascii_strncasecmp (p, "ICEWarn", 7) == 0)
    {
      p += 7;
      while (g_ascii_isspace (*p))
        p++;
      if (*p != '=' && *p != ':')
        return FALSE;
      p++;
      prefixed = TRUE;
    }

  copy = g_strstrip (g_strdup (p));
  len = strlen (copy);
  if (len >= 2 && copy[0] == '"' && copy[len - 1] == '"')
    {
      copy[len - 1] = '\0';
      memmove (copy, copy + 1, len - 1);
      g_strstrip (copy);
    }

  if (copy[0] == '0' && (copy[1] == 'x' || copy[1] == 'X'))
    prefixed = TRUE;
  for (const char *q = copy; *q != '\0'; q++)
    if (g_ascii_isalpha (*q) && *q != 'x' && *q != 'X')
      letters = TRUE;

  if (!prefixed && !letters)
    return FALSE;

  return ld_ice_warn_parse (copy, out_value);
}

/* "<code>[.<subcode>]" followed by ';' or nothing: a header value whose
 * name was not pasted. */
static gboolean
looks_like_header_value (const char *text)
{
  const char *p = text;

  if (!g_ascii_isdigit (*p))
    return FALSE;
  while (g_ascii_isdigit (*p))
    p++;
  if (*p == '.' && g_ascii_isdigit (p[1]))
    {
      p++;
      while (g_ascii_isdigit (*p))
        p++;
    }
  while (g_ascii_isspace (*p))
    p++;

  return *p == ';' || *p == '\0';
}

/* "<modality>:key=" at the start, or an ICEWarn= anywhere. */
static gboolean
looks_like_media_debug (const char *text)
{
  const char *p = text;

  if (find_ascii_case (text, "ICEWarn=") != NULL)
    return TRUE;

  while (g_ascii_isalnum (*p) || *p == '-' || *p == '_' || *p == '.')
    p++;
  if (p == text || *p != ':')
    return FALSE;
  p++;
  while (*p == ' ')
    p++;
  if (!g_ascii_isalpha (*p))
    return FALSE;
  while (g_ascii_isalnum (*p))
    p++;

  return *p == '=';
}

/* Lines ending in LF, CRLF or a lone CR (copies from Windows tools). */
static char **
split_lines (const char *text)
{
  GPtrArray *lines = g_ptr_array_new ();
  const char *start = text;
  const char *p = text;

  for (;;)
    {
      if (*p == '\r' || *p == '\n' || *p == '\0')
        {
          g_ptr_array_add (lines, g_strndup (start, p - start));
          if (*p == '\0')
            break;
          if (p[0] == '\r' && p[1] == '\n')
            p++;
          start = p + 1;
        }
      p++;
    }

  g_ptr_array_add (lines, NULL);

  return (char **) g_ptr_array_free (lines, FALSE);
}

/**
 * ld_decode_pasted:
 * @text: what the user pasted
 * @out: where to append the explanation
 * @error: return location for a #GError
 *
 * Understands a whole header line (or several, or a SIP message or log
 * excerpt holding them, wrapped or not), a header value without its name,
 * a CallerMediaDebug / CalleeMediaDebug value, an ICEWarn value, and QoE
 * IceWarningFlags.  Appends readable, translated text to @out.
 *
 * Returns: %TRUE if something was decoded; %FALSE with
 *   %LD_DECODE_ERROR_NOTHING otherwise
 */
gboolean
ld_decode_pasted (const char  *text,
                  GString     *out,
                  GError     **error)
{
  g_autofree char *valid = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GString) joined = NULL;
  g_autoptr(GString) result = NULL;
  guint n_lines;
  guint found = 0;
  guint32 ice;

  g_return_val_if_fail (out != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  result = g_string_new (NULL);

  if (text == NULL)
    text = "";

  valid = g_utf8_make_valid (text, -1);
  lines = split_lines (valid);
  n_lines = g_strv_length (lines);

  for (guint i = 0; i < n_lines; i++)
    {
      LdDiagHeader header;
      const char *value_start;
      g_autofree char *value = NULL;
      g_autoptr(LdDiagnostic) diag = NULL;

      if (!find_header (lines[i], &header, &value_start))
        continue;

      value = collect_header_value (lines, n_lines, &i, value_start);
      diag = ld_diagnostic_parse (header, value);

      if (result->len > 0)
        g_string_append_c (result, '\n');
      ld_diagnostic_describe (diag, result);
      found++;
    }

  joined = g_string_new (NULL);
  for (guint i = 0; i < n_lines; i++)
    {
      g_autofree char *line = g_strstrip (g_strdup (lines[i]));

      if (line[0] == '\0')
        continue;
      if (joined->len > 0)
        g_string_append_c (joined, ' ');
      g_string_append (joined, line);
    }

  found += decode_qoe_flags (joined->str, result);

  if (found == 0 && parse_bare_ice (joined->str, &ice))
    {
      g_string_append_printf (result, _("ICEWarn: 0x%x\n"), (unsigned) ice);
      describe_ice (LD_ICE_TABLE_RESKIT, ice, result);
      found++;
    }

  if (found == 0 &&
      (looks_like_header_value (joined->str) || find_ascii_case (joined->str, "MediaDebug") != NULL))
    {
      g_autoptr(LdDiagnostic) diag = ld_diagnostic_parse (LD_DIAG_HEADER_MS_CLIENT_DIAGNOSTICS,
                                                          joined->str);
      LdDiagHeader header = guess_header (diag);

      if (header != diag->header)
        {
          g_clear_pointer (&diag, ld_diagnostic_free);
          diag = ld_diagnostic_parse (header, joined->str);
        }

      if (diag->code >= 0)
        {
          g_string_append_printf (result, _("(The header name was not pasted; read as %s.)\n"),
                                  ld_diag_header_to_string (diag->header));
          ld_diagnostic_describe (diag, result);
          found++;
        }
      else
        {
          for (guint i = 0; i < diag->media->len; i++)
            {
              if (result->len > 0)
                g_string_append_c (result, '\n');
              describe_media (g_ptr_array_index (diag->media, i), TRUE, result);
              found++;
            }
        }
    }

  if (found == 0 && looks_like_media_debug (joined->str))
    {
      g_autoptr(LdMediaDebug) media = ld_media_debug_parse (LD_MEDIA_ROLE_CALLER, joined->str);

      describe_media (media, FALSE, result);
      found++;
    }

  if (found == 0)
    {
      g_set_error_literal (error, LD_DECODE_ERROR, LD_DECODE_ERROR_NOTHING,
                           _("Nothing to decode. Paste an ms-client-diagnostics or ms-diagnostics header "
                             "line (for example: ms-client-diagnostics: 23; reason=\"...\"), a "
                             "CallerMediaDebug or CalleeMediaDebug value, or an ICEWarn value such as "
                             "0x4000320."));
      return FALSE;
    }

  g_string_append_len (out, result->str, result->len);

  return TRUE;
}
