// SPDX-License-Identifier: Apache-2.0
namespace tbds::service { int serviceLibraryAnchor = 0; }
