/* lyncdiag.h - the public API of the LyncDiag analysis core
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ld-analysis.h"
#include "ld-atomic-file.h"
#include "ld-diagnostic.h"
#include "ld-error.h"
#include "ld-format.h"
#include "ld-i18n.h"
#include "ld-input.h"
#include "ld-loader.h"
#include "ld-json-writer.h"
#include "ld-knowledge.h"
#include "ld-log-reader.h"
#include "ld-message-filter.h"
#include "ld-netcheck.h"
#include "ld-redact.h"
#include "ld-report.h"
#include "ld-sip-message.h"
#include "ld-wizard.h"
