/* lyncdiag-cli-common.h - what the commands of lyncdiag-cli share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lyncdiag.h"

G_BEGIN_DECLS

/* Exit status, documented in README.md, --help and the manual page. */
enum
{
  EXIT_ANALYSED = 0,
  EXIT_NOTHING = 1,    /* nothing analysable in the inputs */
  EXIT_USAGE = 2,
  EXIT_UNREADABLE = 3, /* an input, or a log in a folder or zip, could not be read:
                        * what could be read was analysed all the same */
  EXIT_WRITE = 4,      /* the output could not be written (a file or standard output) */
  EXIT_REDACTION = 5,  /* a redacted report still held a value of the logs: not written */
};

LdAnalysis *ld_cli_load        (char       **files,
                                int         *status);
int         ld_cli_check_empty (LdAnalysis  *analysis,
                                int          status);
void        ld_cli_keep_until_exit (LdAnalysis *analysis);
int         ld_cli_write_error (int          errsv);
int         ld_cli_close_stdout (int         status,
                                 int         errsv);
void        ld_cli_watch_stdout (void);

G_END_DECLS
