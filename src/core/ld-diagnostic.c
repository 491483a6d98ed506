/* ld-diagnostic.c - parse ms-diagnostics / ms-client-diagnostics values and media debug attributes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ld-diagnostic"

#include "config.h"

#include <glib/gi18n-lib.h>

#include <string.h>

#include "ld-analysis-private.h"
#include "ld-sip-message-private.h"
#include "ld-diagnostic.h"

static const struct {
  LdDiagHeader header;
  const char *name;
} header_names[] = {
  /* Longest first: "ms-diagnostics" is a prefix of "ms-diagnostics-public". */
  { LD_DIAG_HEADER_MS_CLIENT_DIAGNOSTICS, "ms-client-diagnostics" },
  { LD_DIAG_HEADER_MS_DIAGNOSTICS_PUBLIC, "ms-diagnostics-public" },
  { LD_DIAG_HEADER_MS_DIAGNOSTICS, "ms-diagnostics" },
};

/**
 * ld_diag_header_from_name:
 * @name: a header name, any case; white space and a trailing ':' are ignored
 * @out_header: (out) (optional): the header
 *
 * Returns: %TRUE if @name is ms-diagnostics, ms-diagnostics-public or
 *   ms-client-diagnostics
 */
gboolean
ld_diag_header_from_name (const char   *name,
                          LdDiagHeader *out_header)
{
  const char *end;

  if (name == NULL)
    return FALSE;

  /* Asked of every header of every kept message: no copy, and a name
   * that does not start "ms-" (all but a few) is answered at once. */
  while (g_ascii_isspace (*name))
    name++;
  if ((name[0] != 'm' && name[0] != 'M') || (name[1] != 's' && name[1] != 'S') || name[2] != '-')
    return FALSE;
  end = name + strlen (name);
  while (end > name && g_ascii_isspace (end[-1]))
    end--;
  if (end > name && end[-1] == ':')
    {
      end--;
      while (end > name && g_ascii_isspace (end[-1]))
        end--;
    }

  for (gsize i = 0; i < G_N_ELEMENTS (header_names); i++)
    {
      gsize n = strlen (header_names[i].name);

      if ((gsize) (end - name) == n && _ld_ascii_equal_n (name, header_names[i].name, n))
        {
          if (out_header != NULL)
            *out_header = header_names[i].header;
          return TRUE;
        }
    }

  return FALSE;
}

/**
 * ld_diag_header_to_string:
 * @header: a header
 *
 * Returns: the header name in lower case, as Lync writes it
 */
const char *
ld_diag_header_to_string (LdDiagHeader header)
{
  for (gsize i = 0; i < G_N_ELEMENTS (header_names); i++)
    if (header_names[i].header == header)
      return header_names[i].name;

  return "ms-diagnostics";
}

const char *
ld_media_role_to_string (LdMediaRole role)
{
  return role == LD_MEDIA_ROLE_CALLEE ? "callee" : "caller";
}

const char *
ld_location_to_string (LdLocation location)
{
  switch (location)
    {
    case LD_LOCATION_REMOTE:
      return "remote";
    case LD_LOCATION_INTERNAL:
      return "internal";
    case LD_LOCATION_UNKNOWN:
    default:
      return "unknown";
    }
}

/**
 * ld_location_describe:
 * @location: a LocalLocation/RemoteLocation value
 *
 * Returns: (transfer none): the location in words for people, translated
 */
const char *
ld_location_describe (LdLocation location)
{
  switch (location)
    {
    case LD_LOCATION_REMOTE:
      return _("remote (outside the company network)");
    case LD_LOCATION_INTERNAL:
      return _("internal (inside the company network)");
    case LD_LOCATION_UNKNOWN:
    default:
      return _("unknown (not known yet, or not reported)");
    }
}

/* ------------------------------------------------------------------------ */

static void
ld_field_free (gpointer data)
{
  LdField *field = data;

  if (field == NULL)
    return;

  g_free (field->key);
  g_free (field->value);
  g_free (field);
}

static LdField *
ld_field_new_take (char *key,
                   char *value)
{
  LdField *field = g_new0 (LdField, 1);

  field->key = key;
  field->value = value;

  return field;
}

static const char *
fields_lookup (const GPtrArray *fields,
               const char      *key)
{
  if (fields == NULL || key == NULL)
    return NULL;

  for (guint i = 0; i < fields->len; i++)
    {
      const LdField *field = g_ptr_array_index (fields, i);

      if (g_ascii_strcasecmp (field->key, key) == 0)
        return field->value;
    }

  return NULL;
}

/* Makes the text valid UTF-8 and rewrites the characters that blog engines
 * and word processors put in place of ASCII: typographic quotes become '"'
 * (pareshj's post turns reason="..." into reason=“...” and even opens a
 * value with ” and closes it with ″), no-break spaces become spaces, and
 * zero-width characters go.  Everything after this works on ASCII
 * delimiters only. */
static char *
normalize_text (const char *text)
{
  g_autofree char *valid = NULL;
  GString *out;
  const char *a;

  /* Everything replaced below is outside ASCII, and most headers are not. */
  for (a = text; *a != '\0' && (guchar) *a < 0x80; a++)
    ;
  if (*a == '\0')
    return g_strdup (text);

  valid = g_utf8_make_valid (text, -1);
  out = g_string_sized_new (strlen (valid));

  for (const char *p = valid; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      switch (c)
        {
        case 0x201C: /* “ */
        case 0x201D: /* ” */
        case 0x201E: /* „ */
        case 0x2033: /* ″ */
          g_string_append_c (out, '"');
          break;
        case 0x00A0: /* no-break space */
          g_string_append_c (out, ' ');
          break;
        case 0x200B: /* zero-width space */
        case 0xFEFF: /* byte order mark */
          break;
        default:
          g_string_append_len (out, p, g_utf8_next_char (p) - p);
          break;
        }
    }

  return g_string_free (out, FALSE);
}

/* Trimmed copy of [start, end). */
static char *
dup_trimmed (const char *start,
             const char *end)
{
  while (start < end && g_ascii_isspace (*start))
    start++;
  while (end > start && g_ascii_isspace (end[-1]))
    end--;

  return g_strndup (start, end - start);
}

/* Collapses white space.  With @all, every run becomes one space (reasons
 * may have been folded over several lines).  Otherwise only runs holding a
 * line break or tab do, so values keep their spaces as written. */
static char *
collapse_space (const char *text,
                gboolean    all)
{
  GString *out = g_string_sized_new (strlen (text));
  const char *p = text;

  while (*p != '\0')
    {
      if (g_ascii_isspace (*p))
        {
          const char *run = p;
          gboolean control = FALSE;

          while (g_ascii_isspace (*p))
            {
              if (*p != ' ')
                control = TRUE;
              p++;
            }

          if (all || control)
            g_string_append_c (out, ' ');
          else
            g_string_append_len (out, run, p - run);
        }
      else
        {
          g_string_append_c (out, *p);
          p++;
        }
    }

  return g_strstrip (g_string_free (out, FALSE));
}

/* Takes off one leading and one trailing quote, each on its own: a pasted
 * value may have lost one of them. */
static char *
strip_quotes (char *value)
{
  gsize len;

  g_strstrip (value);
  len = strlen (value);
  if (len > 0 && value[len - 1] == '"')
    value[--len] = '\0';
  if (value[0] == '"')
    memmove (value, value + 1, len);

  return g_strstrip (value);
}

/* ------------------------------------------------------------------------ */

static LdLocation
parse_location (const char *value)
{
  gint64 n;

  if (value == NULL || !g_ascii_string_to_signed (value, 10, 0, 9, &n, NULL))
    return LD_LOCATION_UNKNOWN;

  /* Numbering INFERRED from samples: code 23 (one internal, one remote)
   * carries 1/2, code 24 (both remote) 1/1, code 25 (both internal) 2/2,
   * and 2 travels with ms-media-location-type=Intranet. */
  switch (n)
    {
    case 1:
      return LD_LOCATION_REMOTE;
    case 2:
      return LD_LOCATION_INTERNAL;
    default:
      return LD_LOCATION_UNKNOWN;
    }
}

/* Fills the typed members from the fields; the first occurrence of a key
 * wins, like ld_media_debug_get_field(). */
static void
media_debug_fill_typed (LdMediaDebug *media)
{
  const char *value;
  gint64 n;

  value = fields_lookup (media->fields, "ICEWarn");
  media->has_ice_warn = ld_ice_warn_parse (value, &media->ice_warn);

  media->local_location = parse_location (fields_lookup (media->fields, "LocalLocation"));
  media->remote_location = parse_location (fields_lookup (media->fields, "RemoteLocation"));

  value = fields_lookup (media->fields, "FederationType");
  if (value != NULL && g_ascii_string_to_signed (value, 10, 0, G_MAXINT, &n, NULL))
    media->federation_type = (int) n;
  else
    media->federation_type = -1;
}

static gboolean
is_modality_char (char c)
{
  return g_ascii_isalnum (c) || c == '-' || c == '_' || c == '.';
}

/**
 * ld_media_debug_parse:
 * @role: caller for CallerMediaDebug, callee for CalleeMediaDebug
 * @value: the attribute value, "<modality>:key=value,key=value,..."
 *
 * Tolerates what copies of real logs contain: quotes left around the value,
 * spaces after commas, empty entries (",,,"), empty and masked values and
 * addresses with a doubled colon ("192.168.100.1::58503").  Every entry is
 * kept, in order, as written (trimmed).
 *
 * Returns: (transfer full): the media debug information
 */
LdMediaDebug *
ld_media_debug_parse (LdMediaRole  role,
                      const char  *value)
{
  g_autofree char *norm = NULL;
  LdMediaDebug *media;
  const char *p;
  const char *colon;
  const char *q;

  g_return_val_if_fail (value != NULL, NULL);

  media = g_new0 (LdMediaDebug, 1);
  media->role = role;
  media->federation_type = -1;
  media->fields = g_ptr_array_new_with_free_func (ld_field_free);

  norm = strip_quotes (normalize_text (value));
  p = norm;

  /* "<modality>:" only counts when the colon comes before any '=' or ',';
   * otherwise the first colon belongs to an address in the first field. */
  colon = strchr (p, ':');
  if (colon != NULL && colon > p)
    {
      for (q = p; q < colon && is_modality_char (*q); q++)
        ;
      if (q == colon)
        {
          media->modality = g_strndup (p, colon - p);
          p = colon + 1;
        }
    }

  /* Entries are comma separated; the Monitoring server's rendering uses
   * ';' instead, so both split. */
  while (*p != '\0')
    {
      const char *end = p;
      const char *eq;
      g_autofree char *entry = NULL;

      while (*end != '\0' && *end != ',' && *end != ';')
        end++;

      entry = dup_trimmed (p, end);
      p = *end != '\0' ? end + 1 : end;

      if (entry[0] == '\0')
        continue;

      eq = strchr (entry, '=');
      if (eq != NULL)
        g_ptr_array_add (media->fields,
                         ld_field_new_take (dup_trimmed (entry, eq),
                                            strip_quotes (g_strdup (eq + 1))));
      else
        g_ptr_array_add (media->fields,
                         ld_field_new_take (strip_quotes (g_strdup (entry)), g_strdup ("")));
    }

  media_debug_fill_typed (media);

  return media;
}

void
ld_media_debug_free (LdMediaDebug *media)
{
  if (media == NULL)
    return;

  g_free (media->modality);
  g_clear_pointer (&media->fields, g_ptr_array_unref);
  g_free (media);
}

/**
 * ld_media_debug_get_field:
 * @media: media debug information
 * @key: a field name, matched without regard to case
 *
 * Returns: (transfer none) (nullable): the first value written for @key
 */
const char *
ld_media_debug_get_field (const LdMediaDebug *media,
                          const char         *key)
{
  g_return_val_if_fail (media != NULL, NULL);

  return fields_lookup (media->fields, key);
}

/* ------------------------------------------------------------------------ */

/* Splits "name = value" / "name = "quoted value"" into a field.  A quoted
 * value ends at the next quote; anything after it up to the ';' is noise
 * ('reason= "..." ;' in pareshj copy B).  An unbalanced quote runs to the
 * end of the segment. */
static LdField *
parse_attribute (const char *start,
                 const char *end)
{
  const char *eq = NULL;
  const char *v;
  char *key;
  char *value;

  for (const char *p = start; p < end; p++)
    {
      if (*p == '"')
        break;
      if (*p == '=')
        {
          eq = p;
          break;
        }
    }

  if (eq == NULL)
    {
      char *bare = dup_trimmed (start, end);

      /* A quoted text alone is the reason, its name lost in a copy
       * ('ms-diagnostics=1008;"Unable to resolve DNS SRV Record"'). */
      if (bare[0] == '"')
        return ld_field_new_take (g_strdup ("reason"), strip_quotes (bare));
      return ld_field_new_take (strip_quotes (bare), g_strdup (""));
    }

  key = dup_trimmed (start, eq);

  v = eq + 1;
  while (v < end && g_ascii_isspace (*v))
    v++;

  if (v < end && *v == '"')
    {
      const char *close = memchr (v + 1, '"', end - (v + 1));

      value = dup_trimmed (v + 1, close != NULL ? close : end);
    }
  else
    value = dup_trimmed (v, end);

  return ld_field_new_take (key, value);
}

/* End of the segment starting at @p: the next ';' outside quotes. */
static const char *
segment_end (const char *p)
{
  gboolean quoted = FALSE;

  for (; *p != '\0'; p++)
    {
      if (*p == '"')
        quoted = !quoted;
      else if (*p == ';' && !quoted)
        break;
    }

  return p;
}

/* Reads a non-negative decimal number; -1 when absent or too large. */
static int
parse_number (const char **pp)
{
  const char *p = *pp;
  gint64 n = 0;

  if (!g_ascii_isdigit (*p))
    return -1;

  while (g_ascii_isdigit (*p))
    {
      if (n <= G_MAXINT)
        n = n * 10 + (*p - '0');
      p++;
    }

  *pp = p;

  return n <= G_MAXINT ? (int) n : -1;
}

/* A code or subcode: as parse_number(), and -1 past what the struct
 * holds. */
static int
parse_code (const char **pp)
{
  int n = parse_number (pp);

  return n <= LD_DIAG_MAX_NUMBER ? n : -1;
}

/* The Monitoring server's report flattens the media details into the header
 * itself ('25; reason="..."; UserType="Callee"; MediaType="audio";
 * ICEWarn="0x40003a0"; LocalSite=...', ucsorted 2015).  Rebuild a media
 * debug record from such attributes so the same decoding applies; the role
 * comes from UserType and the modality from MediaType (INFERRED). */
static LdMediaDebug *
media_from_flat_attributes (const LdDiagnostic *diag)
{
  const char *user_type;
  const char *media_type;
  LdMediaDebug *media;

  if (fields_lookup (diag->attributes, "ICEWarn") == NULL)
    return NULL;

  user_type = fields_lookup (diag->attributes, "UserType");
  media_type = fields_lookup (diag->attributes, "MediaType");

  media = g_new0 (LdMediaDebug, 1);
  media->role = user_type != NULL && g_ascii_strcasecmp (user_type, "Callee") == 0
    ? LD_MEDIA_ROLE_CALLEE : LD_MEDIA_ROLE_CALLER;
  media->modality = media_type != NULL && media_type[0] != '\0' ? g_strdup (media_type) : NULL;
  media->fields = g_ptr_array_new_with_free_func (ld_field_free);

  for (guint i = 0; i < diag->attributes->len; i++)
    {
      const LdField *field = g_ptr_array_index (diag->attributes, i);

      if (g_ascii_strcasecmp (field->key, "reason") == 0 ||
          g_ascii_strcasecmp (field->key, "source") == 0 ||
          g_ascii_strcasecmp (field->key, "UserType") == 0 ||
          g_ascii_strcasecmp (field->key, "MediaType") == 0)
        continue;

      g_ptr_array_add (media->fields,
                       ld_field_new_take (g_strdup (field->key), g_strdup (field->value)));
    }

  media_debug_fill_typed (media);

  return media;
}

static gsize
string_size (const char *s)
{
  return s != NULL ? strlen (s) + 1 : 0;
}

/* Copies an owned string to *next, frees it and moves *next past it. */
static char *
pack_string (char **next,
             char  *owned)
{
  char *kept;
  gsize n;

  if (owned == NULL)
    return NULL;
  n = strlen (owned) + 1;
  kept = memcpy (*next, owned, n);
  *next += n;
  g_free (owned);
  return kept;
}

static void
pack_fields (GPtrArray  *fields,
             LdField   **slot,
             char      **next)
{
  for (guint i = 0; i < fields->len; i++)
    {
      LdField *loose = fields->pdata[i];

      (*slot)->key = pack_string (next, loose->key);
      (*slot)->value = pack_string (next, loose->value);
      g_free (loose);
      fields->pdata[i] = (*slot)++;
    }
  g_ptr_array_set_free_func (fields, NULL);
}

/* Moves a parsed diagnostic, its fields, media records and strings into
 * one block, and returns it there (@diag is freed). Parsed, a diagnostic
 * with its media details holds some fifty small allocations; a large log
 * has tens of thousands of diagnostics, and the allocator's bookkeeping of
 * so many pieces took more memory than their text. Only where the pointers
 * point changes. */
static LdDiagnostic *
compact_diagnostic (LdDiagnostic *diag)
{
  LdDiagnostic *packed;
  gsize n_fields = diag->attributes->len;
  gsize text = string_size (diag->raw);
  LdMediaDebug *media;
  LdField *slot;
  char *next;

  for (guint i = 0; i < diag->attributes->len; i++)
    {
      const LdField *f = diag->attributes->pdata[i];

      text += string_size (f->key) + string_size (f->value);
    }
  for (guint i = 0; i < diag->media->len; i++)
    {
      const LdMediaDebug *m = diag->media->pdata[i];

      n_fields += m->fields->len;
      text += string_size (m->modality);
      for (guint j = 0; j < m->fields->len; j++)
        {
          const LdField *f = m->fields->pdata[j];

          text += string_size (f->key) + string_size (f->value);
        }
    }

  /* The struct first: its size keeps what follows aligned. */
  G_STATIC_ASSERT (sizeof (LdDiagnostic) % G_ALIGNOF (LdMediaDebug) == 0);
  packed = g_malloc (sizeof (LdDiagnostic) + diag->media->len * sizeof (LdMediaDebug) + n_fields * sizeof (LdField) +
                     text);
  *packed = *diag;
  g_free (diag);
  diag = packed;
  media = (LdMediaDebug *) (diag + 1);
  slot = (LdField *) (media + diag->media->len);
  next = (char *) (slot + n_fields);

  pack_fields (diag->attributes, &slot, &next);
  for (guint i = 0; i < diag->media->len; i++)
    {
      LdMediaDebug *loose = diag->media->pdata[i];

      media[i] = *loose;
      media[i].modality = pack_string (&next, loose->modality);
      pack_fields (media[i].fields, &slot, &next);
      g_free (loose);
      diag->media->pdata[i] = &media[i];
    }
  g_ptr_array_set_free_func (diag->media, NULL);
  diag->raw = pack_string (&next, diag->raw);
  /* Copies of attribute values: the packed values serve. */
  g_free (diag->reason);
  g_free (diag->source);
  diag->reason = (char *) fields_lookup (diag->attributes, "reason");
  diag->source = (char *) fields_lookup (diag->attributes, "source");
  return diag;
}

static LdDiagnostic *parse_diagnostic (LdDiagHeader header, const char *value, gboolean borrow);

/**
 * ld_diagnostic_parse:
 * @header: which header @value was read from
 * @value: the header value, "<code>[.<subcode>];reason="...";attr="..."..."
 *
 * Tolerant of what real logs and copies of them contain: spaces around ';'
 * and '=', spaces inside quotes, typographic quotes, reasons folded over
 * several lines, missing or unbalanced quotes.  A header name left in front
 * of the value ("ms-client-diagnostics: 23;...") is skipped.
 *
 * Returns: (transfer full): the diagnostic; never %NULL for non-%NULL @value
 */
LdDiagnostic *
ld_diagnostic_parse (LdDiagHeader  header,
                     const char   *value)
{
  return parse_diagnostic (header, value, FALSE);
}

/**
 * _ld_diagnostic_parse_borrowing:
 * @header: as for ld_diagnostic_parse()
 * @value: valid UTF-8 that outlives the diagnostic, e.g. the header value
 *   of a message the analysis keeps
 *
 * As ld_diagnostic_parse(), with @value as the diagnostic's raw text
 * instead of a copy: tens of thousands of them in a large log.
 */
LdDiagnostic *
_ld_diagnostic_parse_borrowing (LdDiagHeader  header,
                                const char   *value)
{
  return parse_diagnostic (header, value, TRUE);
}

/**
 * _ld_diagnostic_dup_sharing:
 * @parsed: a parsed diagnostic that outlives the copy
 * @value: the copy's raw text, equal to @parsed's (see
 *   _ld_diagnostic_parse_borrowing())
 *
 * A diagnostic with @parsed's code, attributes and media records, which
 * it shares rather than copies: a large log repeats the same header value
 * in thousands of attempts ("51004;reason=\"Action initiated by user\"",
 * a meeting host's media debug), and each parsed copy took some 500 bytes
 * in a dozen allocations. Only the struct is the copy's; its message is
 * unset.
 *
 * Returns: (transfer full): the copy, freed with ld_diagnostic_free()
 */
LdDiagnostic *
_ld_diagnostic_dup_sharing (const LdDiagnostic *parsed,
                            const char         *value)
{
  LdDiagnostic *diag;

  g_return_val_if_fail (parsed != NULL && !parsed->shares && value != NULL, NULL);

  diag = g_new (LdDiagnostic, 1);
  *diag = *parsed;
  diag->raw = (char *) value;
  diag->message = NULL;
  /* ld_diagnostic_free() frees only the struct. */
  diag->shares = TRUE;
  return diag;
}

static LdDiagnostic *
parse_diagnostic (LdDiagHeader  header,
                  const char   *value,
                  gboolean      borrow)
{
  g_autofree char *norm = NULL;
  LdDiagnostic *diag;
  const char *p;

  g_return_val_if_fail (value != NULL, NULL);

  diag = g_new0 (LdDiagnostic, 1);
  diag->header = header;
  diag->code = -1;
  diag->subcode = -1;
  diag->raw = borrow ? NULL : g_utf8_make_valid (value, -1);
  diag->attributes = g_ptr_array_new_with_free_func (ld_field_free);
  diag->media = g_ptr_array_new_with_free_func ((GDestroyNotify) ld_media_debug_free);

  norm = normalize_text (value);
  p = norm;
  while (g_ascii_isspace (*p))
    p++;

  for (gsize i = 0; i < G_N_ELEMENTS (header_names); i++)
    {
      gsize len = strlen (header_names[i].name);
      const char *after = p + len;

      if (!_ld_ascii_equal_n (p, header_names[i].name, len))
        continue;
      while (*after == ' ' || *after == '\t')
        after++;
      if (*after == ':')
        {
          p = after + 1;
          while (g_ascii_isspace (*p))
            p++;
          break;
        }
    }

  diag->code = parse_code (&p);
  if (diag->code >= 0 && *p == '.' && g_ascii_isdigit (p[1]))
    {
      p++;
      diag->subcode = parse_code (&p);
    }

  /* Anything between the code and the first ';' is noise; without a code
   * the first segment may already be an attribute. */
  if (diag->code >= 0)
    {
      p = segment_end (p);
      if (*p == ';')
        p++;
    }

  while (*p != '\0')
    {
      const char *end = segment_end (p);
      const char *s = p;

      while (s < end && g_ascii_isspace (*s))
        s++;

      if (s < end)
        {
          LdField *field = parse_attribute (s, end);
          gboolean is_reason = g_ascii_strcasecmp (field->key, "reason") == 0;
          char *collapsed = collapse_space (field->value,
                                            is_reason || g_ascii_strcasecmp (field->key, "source") == 0);

          g_free (field->value);
          field->value = collapsed;

          if (field->key[0] == '\0' && field->value[0] == '\0')
            ld_field_free (field);
          else
            g_ptr_array_add (diag->attributes, field);
        }

      p = *end != '\0' ? end + 1 : end;
    }

  diag->reason = g_strdup (fields_lookup (diag->attributes, "reason"));
  diag->source = g_strdup (fields_lookup (diag->attributes, "source"));

  for (guint i = 0; i < diag->attributes->len; i++)
    {
      const LdField *field = g_ptr_array_index (diag->attributes, i);

      if (g_ascii_strcasecmp (field->key, "CallerMediaDebug") == 0)
        g_ptr_array_add (diag->media, ld_media_debug_parse (LD_MEDIA_ROLE_CALLER, field->value));
      else if (g_ascii_strcasecmp (field->key, "CalleeMediaDebug") == 0)
        g_ptr_array_add (diag->media, ld_media_debug_parse (LD_MEDIA_ROLE_CALLEE, field->value));
    }

  if (diag->media->len == 0)
    {
      LdMediaDebug *flat = media_from_flat_attributes (diag);

      if (flat != NULL)
        g_ptr_array_add (diag->media, flat);
    }

  diag = compact_diagnostic (diag);
  if (borrow)
    diag->raw = (char *) value;
  return diag;
}

void
ld_diagnostic_free (LdDiagnostic *diag)
{
  if (diag == NULL)
    return;
  /* One that shares another's parsed content (see
   * _ld_diagnostic_dup_sharing()) holds nothing but itself. Every other
   * one is compacted (see compact_diagnostic()): its strings and media
   * records are in its allocation, the field arrays not. */
  if (!diag->shares)
    {
      for (guint i = 0; i < diag->media->len; i++)
        g_ptr_array_unref (((LdMediaDebug *) diag->media->pdata[i])->fields);
      g_clear_pointer (&diag->attributes, g_ptr_array_unref);
      g_clear_pointer (&diag->media, g_ptr_array_unref);
    }
  g_free (diag);
}

/**
 * ld_diagnostic_get_attribute:
 * @diag: a diagnostic
 * @key: an attribute name ("reason", "source", "HRESULT"...), any case
 *
 * Returns: (transfer none) (nullable): the first value written for @key
 */
const char *
ld_diagnostic_get_attribute (const LdDiagnostic *diag,
                             const char         *key)
{
  g_return_val_if_fail (diag != NULL, NULL);

  return fields_lookup (diag->attributes, key);
}

/**
 * ld_diagnostic_get_verdict:
 * @diag: a diagnostic
 *
 * Returns: what its code says by itself (see ld_code_get_verdict())
 */
LdCodeVerdict
ld_diagnostic_get_verdict (const LdDiagnostic *diag)
{
  g_return_val_if_fail (diag != NULL, LD_CODE_UNKNOWN);

  return ld_code_get_verdict (diag->header, diag->code);
}

/**
 * ld_diagnostic_is_failure:
 * @diag: a diagnostic
 *
 * Returns: %TRUE if its code reports a failure (see ld_code_is_failure())
 */
gboolean
ld_diagnostic_is_failure (const LdDiagnostic *diag)
{
  g_return_val_if_fail (diag != NULL, FALSE);

  return ld_code_is_failure (diag->header, diag->code);
}

/* What a message's diagnostics say, by their codes (one answer for the
 * message list and the call flow): a failure when one
 * reports one (ld_code_get_verdict(), the knowledge table), information
 * when all of them are informational (51004, 51007 …), else unknown. */
LdCodeVerdict
ld_sip_message_get_diagnostics_verdict (const LdSipMessage *msg)
{
  LdCodeVerdict verdict = LD_CODE_INFORMATIONAL;
  const char *line;

  if (msg->diag_count == 0)
    return LD_CODE_UNKNOWN;
  if (msg->headers != NULL)
    {
      for (guint i = 0; i < msg->n_headers; i++)
        {
          LdDiagHeader which;
          const char *v = msg->headers[i].value;
          LdCodeVerdict one;

          if (!ld_diag_header_from_name (msg->headers[i].name, &which))
            continue;
          one = g_ascii_isdigit (*v) ? ld_code_get_verdict (which, (int) g_ascii_strtoll (v, NULL, 10)) : LD_CODE_UNKNOWN;
          if (one == LD_CODE_FAILURE)
            return one;
          if (one == LD_CODE_UNKNOWN)
            verdict = one;
        }
      return verdict;
    }
  /* Stripped: the headers are in its text, up to the blank line. */
  for (line = msg->raw; line != NULL && *line != '\0' && *line != '\r' && *line != '\n';)
    {
      const char *eol = line + strcspn (line, "\r\n");
      const char *colon = memchr (line, ':', eol - line);

      if (colon != NULL && colon - line < 64)
        {
          g_autofree char *name = g_strstrip (g_strndup (line, colon - line));
          LdDiagHeader which;
          const char *v = colon + 1;

          while (*v == ' ')
            v++;
          if (ld_diag_header_from_name (name, &which))
            {
              LdCodeVerdict one = g_ascii_isdigit (*v) ? ld_code_get_verdict (which, (int) g_ascii_strtoll (v, NULL, 10))
                                                       : LD_CODE_UNKNOWN;

              if (one == LD_CODE_FAILURE)
                return one;
              if (one == LD_CODE_UNKNOWN)
                verdict = one;
            }
        }
      line = eol;
      if (*line == '\r')
        line++;
      if (*line == '\n')
        line++;
    }
  return verdict;
}
