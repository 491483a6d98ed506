/* ld-log-text.c - log text as valid UTF-8, names fit to show, the client named by its User-Agent
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ld-analysis"

#include "config.h"

#include <string.h>

#include "ld-analysis-private.h"

/* Log text is usually ASCII/UTF-8; a log saved by an editor in the
 * Windows ANSI code page is decoded as such, anything else is made valid. */
char *
ld_text_dup_utf8 (const char *text,
                  gsize       len)
{
  g_autofree char *copy = NULL;
  g_autofree char *conv = NULL;
  gboolean has_nul = memchr (text, '\0', len) != NULL;
  GString *out;

  if (!has_nul && g_utf8_validate_len (text, len, NULL))
    return g_strndup (text, len);

  /* NUL bytes would cut C strings short: mark them (U+0001 is never in a
   * log) and show them as U+FFFD once the text is valid. */
  copy = g_memdup2 (text, len);
  for (gsize i = 0; i < len; i++)
    if (copy[i] == '\0')
      copy[i] = '\x01';

  if (g_utf8_validate_len (copy, len, NULL))
    conv = g_strndup (copy, len);
  else
    conv = g_convert (copy, len, "UTF-8", "WINDOWS-1252", NULL, NULL, NULL);
  if (conv == NULL)
    conv = g_utf8_make_valid (copy, len);
  if (!has_nul)
    return g_steal_pointer (&conv);

  out = g_string_sized_new (strlen (conv) + 8);
  for (const char *p = conv; *p; p++)
    {
      if (*p == '\x01')
        g_string_append (out, "\xEF\xBF\xBD");
      else
        g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}

/* Zip member names and file names may hold anything, including "../",
 * newlines and NULs: shown, never used as a path. */
char *
ld_text_dup_display_name (const char *name,
                          gsize       len)
{
  g_autofree char *valid = ld_text_dup_utf8 (name, len);
  GString *s = g_string_new (NULL);

  for (const char *p = valid; *p; p++)
    {
      if ((guchar) *p < 0x20 || *p == 0x7f)
        g_string_append_printf (s, "\\x%02x", (guchar) *p);
      else
        g_string_append_c (s, *p);
    }
  return g_string_free (s, FALSE);
}

/* ---- Client identification -------------------------------------------- */

/* "UCCAPI/15.0.4569.1503 OC/15.0.4569.1503 (Microsoft Lync)" -> "Lync 2013".
 * The OC/ major version identifies the client generation. */
char *
ld_client_from_user_agent (const char *ua)
{
  const char *oc;
  int major = -1, minor = 0;
  const char *product = NULL;

  if (ua == NULL)
    return NULL;
  oc = strstr (ua, "OC/");
  if (oc == NULL)
    oc = strstr (ua, "UCCAPI/");
  if (oc == NULL)
    oc = strstr (ua, "UCCP/");
  if (oc != NULL)
    {
      const char *v = strchr (oc, '/') + 1;
      char *endp = NULL;

      major = (int) g_ascii_strtoll (v, &endp, 10);
      if (endp != NULL && *endp == '.')
        minor = (int) g_ascii_strtoll (endp + 1, NULL, 10);
    }

  if (strstr (ua, "Skype for Business") != NULL)
    product = major >= 16 ? "Skype for Business 2016" : "Skype for Business 2015";
  else if (major == 2)
    product = "Office Communicator 2007";
  else if (major == 3)
    product = "Office Communicator 2007 R2";
  else if (major == 4)
    product = "Lync 2010";
  else if (major == 15)
    product = strstr (ua, "Lync") != NULL ? "Lync 2013" : "Lync 2013 / Skype for Business 2015";
  else if (major == 16)
    product = "Skype for Business 2016";
  else if (strstr (ua, "Lync") != NULL)
    product = "Lync";
  else if (strstr (ua, "Communicator") != NULL)
    product = "Office Communicator";

  (void) minor;
  if (product == NULL)
    return NULL;
  {
    const char *ver = oc ? strchr (oc, '/') + 1 : NULL;
    const char *e = ver;

    while (e && *e && (g_ascii_isdigit (*e) || *e == '.'))
      e++;
    if (ver != NULL && e > ver)
      return g_strdup_printf ("%s (%.*s)", product, (int) (e - ver), ver);
    return g_strdup (product);
  }
}


/* Plain ASCII without NUL, eight bytes at a time: most log text is, and
 * then needs neither validation nor conversion. */
gboolean
ld_text_is_plain_ascii (const char *text,
                        gsize       len)
{
  const guint64 high = G_GUINT64_CONSTANT (0x8080808080808080);
  const guint64 ones = G_GUINT64_CONSTANT (0x0101010101010101);
  gsize i = 0;

  for (; i + 8 <= len; i += 8)
    {
      guint64 w;

      memcpy (&w, text + i, 8);
      if ((w & high) != 0 || ((w - ones) & ~w & high) != 0)
        return FALSE;
    }
  for (; i < len; i++)
    if ((guchar) text[i] >= 0x80 || text[i] == '\0')
      return FALSE;
  return TRUE;
}
