/* fuzz-redact.c - libFuzzer harness: the redactor's filters, a redacted analysis, the output check
 *
 * The first byte picks what the rest is: a SIP record, a trace line, an
 * input's path and zip member, a whole log read by a redacted analysis
 * (then its JSON checked), or a PDF whose text the check reads back. The
 * filters must keep the record's lines, give valid UTF-8 and never loop;
 * nothing may crash. Inputs over 256 KB are not tried (the filters are
 * linear: their time on a larger input says nothing new).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "lyncdiag.h"
#include "ld-redact-private.h"

#define MAX_FUZZ_INPUT (256 * 1024)

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

static guint
count_lines (const char *s,
             gsize       len)
{
  guint n = 0;

  for (gsize i = 0; i < len; i++)
    n += s[i] == '\n';
  return n;
}

/* A record through a first, learning pass and a second that knows it. */
static void
fuzz_record (const char *text,
             gsize       len)
{
  g_autoptr(LdRedactor) learner = ld_redactor_new ();
  g_autoptr(LdRedactor) r = ld_redactor_new ();
  LdRecordInfo info = { .line = 1, .remote = "192.0.2.1:5061", .local = "10.1.2.3:50123" };
  LdRecordInfo out_info;
  gsize out_len = 0;
  const char *out;
  g_autofree char *utf8 = g_utf8_make_valid (text, len);

  _ld_redactor_filter_record (learner, &info, text, len, &out_info, &out_len);
  _ld_redactor_seed_from (r, learner);
  out = _ld_redactor_filter_record (r, &info, text, len, &out_info, &out_len);
  g_assert (g_utf8_validate (out, out_len, NULL));
  /* NULs and invalid bytes are made valid first; line breaks stay. */
  if (memchr (text, '\0', len) == NULL)
    g_assert (count_lines (out, out_len) == count_lines (text, len));
  (void) ld_redactor_check_text (r, out, out_len, NULL, NULL);
  (void) utf8;
}

static void
fuzz_trace (const char *text,
            gsize       len)
{
  g_autoptr(LdRedactor) r = ld_redactor_new ();
  gsize out_len = 0;
  const char *out = _ld_redactor_filter_trace (r, text, len, &out_len);

  g_assert (g_utf8_validate (out, out_len, NULL));
  (void) _ld_redactor_check (r, out, out_len, TRUE, NULL, NULL);
}

static void
fuzz_names (const char *text,
            gsize       len)
{
  g_autoptr(LdRedactor) r = ld_redactor_new ();
  g_autofree char *copy = g_strndup (text, len);
  char *split = strchr (copy, '\n');
  g_autofree char *path = NULL;
  g_autofree char *member = NULL;
  char *p = NULL, *m = NULL, *reason = NULL;

  if (split != NULL)
    *split = '\0';
  path = _ld_redactor_dup_input_path (r, copy);
  member = _ld_redactor_dup_member (r, split ? split + 1 : copy);
  g_assert (path != NULL && member != NULL);
  p = g_strdup (copy);
  m = split ? g_strdup (split + 1) : NULL;
  reason = g_strdup_printf ("%s (%s) could not be read", copy, split ? split + 1 : "");
  _ld_redactor_filter_skipped (r, &p, &m, &reason);
  g_free (p);
  g_free (m);
  g_free (reason);
}

static void
fuzz_analysis (const char *text,
               gsize       len)
{
  g_autoptr(LdAnalysis) analysis = ld_analysis_new (LD_ANALYSIS_FLAGS_NONE);
  g_autofree char *json = NULL;

  _ld_analysis_set_redactor (analysis, ld_redactor_new ());
  ld_analysis_add_data (analysis, "fuzz.uccapilog", text, len, NULL);
  ld_analysis_finish (analysis);
  json = ld_analysis_to_json (analysis, FALSE);
  g_assert (g_utf8_validate (json, -1, NULL));
  (void) ld_redactor_check_text (ld_analysis_get_redactor (analysis), json, strlen (json), NULL, NULL);
}

static void
fuzz_pdf (const char *text,
          gsize       len)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text, len);
  g_autofree char *extracted = _ld_redact_pdf_dup_text (bytes, NULL, NULL);

  g_assert (extracted == NULL || g_utf8_validate (extracted, -1, NULL));
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  const char *text = (const char *) data + 1;
  gsize len = size - 1;

  if (size < 1 || size > MAX_FUZZ_INPUT)
    return 0;
  /* The corpus's files start with r, t, n, a or p. */
  switch (data[0] == 'r' ? 0 : data[0] == 't' ? 1 : data[0] == 'n' ? 2 : data[0] == 'a' ? 3 :
          data[0] == 'p' ? 4 : data[0] % 5)
    {
    case 0: fuzz_record (text, len); break;
    case 1: fuzz_trace (text, len); break;
    case 2: fuzz_names (text, len); break;
    case 3: fuzz_analysis (text, len); break;
    default: fuzz_pdf (text, len); break;
    }
  return 0;
}
