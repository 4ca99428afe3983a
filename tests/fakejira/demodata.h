// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "tests/fakejira/fakejiradata.h"

namespace tbds::fakejira::demo {

// Credentials FakeJira::loadDemoData() installs. Cloud logs in by e-mail + API token, Data
// Center by username + password, a PAT, or OAuth 1.0a (consumer set by the test).
inline constexpr char kCloudEmail[] = "svc-testbench@example.com";
inline constexpr char kCloudApiToken[] = "cloud-api-token-0123456789";
inline constexpr char kDcUser[] = "svc-testbench";
inline constexpr char kDcPassword[] = "dc-password";
inline constexpr char kDcPat[] = "dc-pat-valid-0123456789";
inline constexpr char kDcExpiredPat[] = "dc-pat-expired-0123456789";
inline constexpr char kServiceAccountKey[] = "JIRAUSER10100";
inline constexpr char kServiceAccountId[] = "712020:5f1c3a9e-7c2b-4f55-9a61-1d2e3f4a5b6c";

// Projects of the demo set.
inline constexpr char kDemoProject[] = "DEMO"; ///< rich issues: attachments, history, subtasks, ADF
inline constexpr char kBulkProject[] = "BULK"; ///< kBulkIssueCount issues, to force paging
inline constexpr char kReadOnlyProject[] = "RO"; ///< no CREATE_ISSUES, no DELETE_ISSUES
inline constexpr char kReservedProject[] = "INT"; ///< key is a reserved JQL word; a required select field
inline constexpr char kHiddenProject[] = "SECRET"; ///< no BROWSE_PROJECTS: invisible
inline constexpr int kBulkIssueCount = 260;

/**
 * The built-in data set: 5 users (one inactive, one with a hidden e-mail), 5 statuses in two
 * workflows (one transition without `to`, one with a resolution screen), 5 priorities,
 * 5 issue types, custom fields of every FieldType, the projects above. Dates are fixed, so
 * tests can assert on them.
 */
[[nodiscard]] FakeJiraData build();

} // namespace tbds::fakejira::demo
