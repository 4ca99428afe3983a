# Per-generator CPack settings: cpack reads this file (CPACK_PROJECT_CONFIG_FILE) once for each
# generator it runs, with CPACK_GENERATOR set to that generator.

# Only the NSIS installer offers the components as choices. The .dmg has to hold the whole
# bundle (tbds-service lives inside tbds-admin.app), and DragNDrop would otherwise make one
# disk image per component.
if(CPACK_GENERATOR STREQUAL "DragNDrop")
  set(CPACK_MONOLITHIC_INSTALL ON)
endif()
