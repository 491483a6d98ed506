/* ld-analysis-labels.c - the names of kinds, modalities, outcomes, severities and confidences
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ld-analysis"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ld-analysis.h"


const char *
ld_attempt_kind_to_string (LdAttemptKind kind)
{
  return kind == LD_ATTEMPT_CONFERENCE ? "conference" : "peer-to-peer";
}

const char *
ld_modality_to_string (LdModality modality)
{
  static const char *names[] = {
    "focus", "chat", "audio-video", "application-sharing", "audio", "video", "data", "other",
  };

  return (guint) modality < G_N_ELEMENTS (names) ? names[modality] : "other";
}

const char *
ld_outcome_to_string (LdOutcome outcome)
{
  static const char *names[] = { "succeeded", "failed", "cancelled", "no-response" };

  return (guint) outcome < G_N_ELEMENTS (names) ? names[outcome] : "failed";
}

const char *
ld_severity_to_string (LdSeverity severity)
{
  static const char *names[] = { "error", "warning", "info" };

  return (guint) severity < G_N_ELEMENTS (names) ? names[severity] : "info";
}

const char *
ld_confidence_to_string (LdConfidence confidence)
{
  static const char *names[] = { "high", "medium", "low" };

  return (guint) confidence < G_N_ELEMENTS (names) ? names[confidence] : "low";
}

/* The *_to_string names above are the JSON/CSV vocabulary and stay English;
 * these are the same words for people, in their language. The English
 * msgids equal the machine names so the English text output does not
 * change; the contexts keep them apart from the same words elsewhere. */

/**
 * ld_attempt_kind_get_label:
 * @kind: an attempt kind
 *
 * Returns: (transfer none): the kind in the user's language
 */
const char *
ld_attempt_kind_get_label (LdAttemptKind kind)
{
  return kind == LD_ATTEMPT_CONFERENCE ? C_("attempt kind", "conference")
                                       : C_("attempt kind", "peer-to-peer");
}

/**
 * ld_modality_get_label:
 * @modality: a modality
 *
 * Returns: (transfer none): the modality in the user's language
 */
const char *
ld_modality_get_label (LdModality modality)
{
  switch (modality)
    {
    case LD_MODALITY_FOCUS: return C_("modality", "focus");
    case LD_MODALITY_CHAT: return C_("modality", "chat");
    case LD_MODALITY_AUDIO_VIDEO: return C_("modality", "audio-video");
    case LD_MODALITY_APPLICATION_SHARING: return C_("modality", "application-sharing");
    case LD_MODALITY_AUDIO: return C_("modality", "audio");
    case LD_MODALITY_VIDEO: return C_("modality", "video");
    case LD_MODALITY_DATA: return C_("modality", "data");
    case LD_MODALITY_OTHER:
    default: return C_("modality", "other");
    }
}

/**
 * ld_outcome_get_label:
 * @outcome: an outcome
 *
 * Returns: (transfer none): the outcome in the user's language
 */
const char *
ld_outcome_get_label (LdOutcome outcome)
{
  switch (outcome)
    {
    case LD_OUTCOME_SUCCEEDED: return C_("outcome", "succeeded");
    case LD_OUTCOME_FAILED: return C_("outcome", "failed");
    case LD_OUTCOME_CANCELLED: return C_("outcome", "cancelled");
    case LD_OUTCOME_NO_RESPONSE:
    default: return C_("outcome", "no-response");
    }
}

/**
 * ld_severity_get_label:
 * @severity: a severity
 *
 * Returns: (transfer none): the severity in the user's language
 */
const char *
ld_severity_get_label (LdSeverity severity)
{
  switch (severity)
    {
    case LD_SEVERITY_ERROR: return C_("severity", "error");
    case LD_SEVERITY_WARNING: return C_("severity", "warning");
    case LD_SEVERITY_INFO:
    default: return C_("severity", "info");
    }
}

/**
 * ld_confidence_get_label:
 * @confidence: a confidence
 *
 * Returns: (transfer none): the confidence in the user's language
 */
const char *
ld_confidence_get_label (LdConfidence confidence)
{
  switch (confidence)
    {
    case LD_CONFIDENCE_HIGH: return C_("confidence", "high");
    case LD_CONFIDENCE_MEDIUM: return C_("confidence", "medium");
    case LD_CONFIDENCE_LOW:
    default: return C_("confidence", "low");
    }
}

