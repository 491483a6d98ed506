/* ld-value-cap.c - one value from a log never larger than LD_MAX_VALUE, and the cut said
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ld-analysis"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "ld-value-cap.h"

/* Where the mark starts; the same in every language, so that
 * ld_value_is_cut() finds it. */
#define CUT_MARK " … [cut: "

/**
 * ld_value_cut:
 * @value: (transfer full) (nullable): valid UTF-8, the start of a value (or all of it)
 * @keep: how many bytes of it to keep at most
 * @total: how long the whole value was, in bytes
 *
 * Returns: (transfer full) (nullable): @value itself when it is whole and
 *   no longer than @keep; else at most @keep bytes of it (whole
 *   characters) followed by a mark that says it was cut and how long it was
 */
char *
ld_value_cut (char  *value,
              gsize  keep,
              gsize  total)
{
  gsize len;
  const char *end;
  char *ret;

  if (value == NULL)
    return NULL;
  len = strlen (value);
  if (len <= keep && total <= len)
    return value;
  end = len <= keep ? value + len : g_utf8_find_prev_char (value, value + keep + 1);
  if (end == NULL)
    end = value;
  ret = g_strdup_printf ("%.*s" CUT_MARK "%" G_GSIZE_FORMAT " %s]", (int) (end - value), value, MAX (total, len),
                         /* TRANSLATORS: the end of a value cut short: "… [cut: 131072 bytes in all]" */
                         _("bytes in all"));
  g_free (value);
  return ret;
}

/**
 * ld_value_cap_take:
 * @value: (transfer full) (nullable): a value read from a log
 *
 * Returns: (transfer full) (nullable): @value, or when it is longer than
 *   LD_MAX_VALUE bytes, its start with a mark saying how long it was
 */
char *
ld_value_cap_take (char *value)
{
  return ld_value_cut (value, LD_MAX_VALUE, 0);
}

/**
 * ld_value_cap_dup:
 * @value: a value read from a log (valid UTF-8)
 * @len: its length
 *
 * Returns: (transfer full): a copy of @value, cut as ld_value_cap_take() does
 */
char *
ld_value_cap_dup (const char *value,
                  gsize       len)
{
  if (len <= LD_MAX_VALUE)
    return g_strndup (value, len);
  return ld_value_cut (g_strndup (value, LD_MAX_VALUE + 8), LD_MAX_VALUE, len);
}

/**
 * ld_value_is_cut:
 * @value: (nullable): a value
 *
 * Returns: %TRUE when @value ends with the mark of ld_value_cut()
 */
gboolean
ld_value_is_cut (const char *value)
{
  const char *mark;

  if (value == NULL)
    return FALSE;
  mark = g_strrstr (value, CUT_MARK);
  return mark != NULL && g_str_has_suffix (mark, "]");
}
