/* lyncdiag-cli-wizard.h - the `wizard` command of lyncdiag-cli
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

int ld_cli_wizard (int    argc,
                   char **argv);
