// SPDX-License-Identifier: Apache-2.0
// The item models arrive with the GUI issue; this keeps the library non-empty until then.
namespace tbds::ui { int modelsLibraryAnchor = 0; }
