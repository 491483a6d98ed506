/* ld-error.h - the error domain of the analysis core
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define LD_ERROR (ld_error_quark ())

/* Kept in step with lyncdiag-cli's exit status: read errors are 3,
 * "nothing analysable" is 1, a redacted report refused is 5. */
typedef enum
{
  LD_ERROR_PARSE,          /* a message or record could not be understood */
  LD_ERROR_READ,           /* an input could not be read at all */
  LD_ERROR_NOT_A_LOG,      /* readable, but holds nothing LyncDiag understands */
  LD_ERROR_NO_LOGS,        /* a folder or zip without any log in it */
  LD_ERROR_ZIP,            /* a zip that is corrupt, truncated or encrypted */
  LD_ERROR_LIMIT,          /* a documented limit was hit */
  LD_ERROR_CANCELLED,
  LD_ERROR_WRITE,
  LD_ERROR_REDACTION,      /* a redacted report still held a value of the logs: not written */
} LdError;

GQuark ld_error_quark (void);

G_END_DECLS
