/* ld-redact-analysis.c - a redacted analysis: the same inputs read again through the redactor
 *
 * A report is redacted by building it from an analysis whose values were
 * replaced as its inputs were read, never by searching the report's
 * sentences. The app and the command line hold an analysis of the real
 * values; this reads the files they were given again, twice:
 *
 *  1. a learning pass: every record and trace line goes through the
 *     redactor (ld-redact-sip.c) only to meet every identifying value
 *     (nothing is analysed);
 *  2. the pass that counts: a new redactor that knows all those values
 *     from the start (so a name in a trace line before the person's first
 *     SIP message is replaced too, and no pseudonym equals a real value)
 *     rewrites every record before the analysis parses it.
 *
 * The result is an ordinary analysis: attempts, findings, the wizard and
 * every report format derived from it see pseudonyms only, in the log's
 * own line numbers. Its redactor then checks the finished report
 * (ld-redact-scan.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ld-redact"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ld-analysis-private.h"
#include "ld-error.h"
#include "ld-input-private.h"
#include "ld-redact-private.h"

typedef struct
{
  LdProgressFunc func;
  gpointer       data;
  guint          pass;   /* 0 or 1: each is half of the work */
} Progress;

static void
on_progress (guint64  done,
             guint64  total,
             gpointer user_data)
{
  Progress *p = user_data;
  guint64 t = MAX (total, 1);

  if (p->func != NULL)
    p->func (p->pass * t + done, 2 * t, p->data);
}

/* Makes @self read every input through @redactor (taking it); before
 * anything is read. */
void
_ld_analysis_set_redactor (LdAnalysis *self,
                           LdRedactor *redactor)
{
  g_return_if_fail (LD_IS_ANALYSIS (self));
  g_return_if_fail (self->inputs->len == 0);

  g_clear_pointer (&self->redactor, ld_redactor_free);
  self->redactor = redactor;
}

/**
 * ld_analysis_get_redactor:
 *
 * Returns: (transfer none) (nullable): the redactor every input of @self
 *   was read through, or %NULL when @self is not redacted.
 */
LdRedactor *
ld_analysis_get_redactor (LdAnalysis *self)
{
  g_return_val_if_fail (LD_IS_ANALYSIS (self), NULL);
  return self->redactor;
}

/* Reads @named through @redactor. A file that fails is read past (it may
 * have failed the first time too: a damaged zip, an encrypted member);
 * the first failure is kept in @failure for the caller to name when the
 * inputs turn out to differ from the first reading. */
static LdAnalysis *
read_through (GPtrArray     *named,
              LdRedactor    *redactor,
              Progress      *progress,
              char         **failure,
              GCancellable  *cancellable,
              GError       **error)
{
  g_autoptr(LdAnalysis) analysis = ld_analysis_new (LD_ANALYSIS_FLAGS_NONE);

  _ld_analysis_set_redactor (analysis, redactor);
  ld_analysis_set_progress_func (analysis, on_progress, progress);
  for (guint i = 0; i < named->len; i++)
    {
      /* As they were named: a path, or the URI of a share. */
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (named->pdata[i]);
      g_autoptr(GError) local_error = NULL;

      if (!ld_analysis_add_file (analysis, file, cancellable, &local_error))
        {
          /* Cancelled, however the reading put it. */
          if (g_cancellable_set_error_if_cancelled (cancellable, error))
            return NULL;
          if (failure != NULL && *failure == NULL &&
              (g_error_matches (local_error, LD_ERROR, LD_ERROR_READ) ||
               g_error_matches (local_error, LD_ERROR, LD_ERROR_ZIP)))
            {
              g_autofree char *name = g_file_get_parse_name (file);

              *failure = g_strdup_printf (_("A redacted report reads the logs again, and “%s” cannot be read "
                                            "any more: %s Put the file back, or open the logs again, then "
                                            "write the report."), name, local_error->message);
            }
        }
    }
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  return g_steal_pointer (&analysis);
}

/**
 * ld_analysis_dup_redacted:
 * @source: a finished analysis of files (ld_analysis_add_file())
 * @progress: (nullable): called as the files are read
 * @cancellable: (nullable): stops the reading
 * @error: %LD_ERROR_READ when an input cannot be read again or has
 *   changed, %LD_ERROR_NOT_A_LOG when @source was not read from files
 *
 * Reads the files @source was given again, with every identifying value
 * replaced as it is read, and finishes the analysis. Safe in a worker
 * thread: @source is only asked which files it read.
 *
 * Returns: (transfer full) (nullable): the redacted analysis; its
 *   redactor (ld_analysis_get_redactor()) checks reports made from it.
 */
LdAnalysis *
ld_analysis_dup_redacted (LdAnalysis     *source,
                          LdProgressFunc  progress,
                          gpointer        progress_data,
                          GCancellable   *cancellable,
                          GError        **error)
{
  GPtrArray *named;
  g_autoptr(LdAnalysis) learning = NULL;
  g_autoptr(LdAnalysis) redacted = NULL;
  LdRedactor *learner;
  LdRedactor *redactor;
  Progress p = { progress, progress_data, 0 };
  g_autofree char *failure = NULL;

  g_return_val_if_fail (LD_IS_ANALYSIS (source), NULL);

  named = _ld_analysis_get_input_state (source)->named_paths;
  if (named == NULL || named->len == 0)
    {
      g_set_error (error, LD_ERROR, LD_ERROR_NOT_A_LOG,
                   _("These logs were not opened from files, so they cannot be read again with their names "
                     "replaced. Save them to a file, open it, then write the redacted report."));
      return NULL;
    }

  learner = ld_redactor_new ();
  learner->learning = TRUE;
  learning = read_through (named, learner, &p, NULL, cancellable, error);
  if (learning == NULL)
    return NULL;

  redactor = ld_redactor_new ();
  _ld_redactor_seed_from (redactor, learner);
  g_clear_object (&learning);
  p.pass = 1;
  redacted = read_through (named, redactor, &p, &failure, cancellable, error);
  if (redacted == NULL)
    return NULL;
  ld_analysis_finish (redacted);

  /* The same logs read and the same ones skipped, or the report would
   * not be the one the user looked at. */
  if (ld_analysis_get_inputs (redacted)->len != ld_analysis_get_inputs (source)->len ||
      ld_analysis_get_skipped (redacted)->len != ld_analysis_get_skipped (source)->len)
    {
      if (failure != NULL)
        g_set_error_literal (error, LD_ERROR, LD_ERROR_READ, failure);
      else
        g_set_error (error, LD_ERROR, LD_ERROR_READ,
                     _("The logs changed since they were analysed (%u logs then, %u now). Open them again, "
                       "then write the redacted report."),
                     ld_analysis_get_inputs (source)->len, ld_analysis_get_inputs (redacted)->len);
      return NULL;
    }
  return g_steal_pointer (&redacted);
}
