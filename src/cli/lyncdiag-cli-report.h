/* lyncdiag-cli-report.h - the "report" command of lyncdiag-cli
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

int ld_cli_report (int    argc,
                   char **argv);
