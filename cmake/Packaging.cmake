# The documentation that ships beside the man page, and the Debian package
# (`cpack -G DEB` in the build directory). Included from the top-level CMakeLists.txt.

install(FILES docs/formats.md docs/import-export.md DESTINATION ${CMAKE_INSTALL_DOCDIR})
install(DIRECTORY examples/ DESTINATION ${CMAKE_INSTALL_DOCDIR}/examples
        USE_SOURCE_PERMISSIONS)

set(KEPT_MAINTAINER "kept maintainers <maintainers@kept.invalid>"
    CACHE STRING "The Maintainer field of the Debian package")

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME kept)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${PROJECT_DESCRIPTION}")
string(CONCAT CPACK_PACKAGE_DESCRIPTION
    "kept records every promise a team makes to its clients, internal or external, and every "
    "change to it, in one SQLite ledger per team. It reports overload, scope creep, late "
    "renegotiation and overdue work from the terminal and from cron, prints JSON, CSV and "
    "iCalendar, and merges ledgers by exchanging hash-chained events.")
set(CPACK_PACKAGE_CONTACT "${KEPT_MAINTAINER}")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)

set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT) # kept_VERSION_ARCH.deb
set(CPACK_DEBIAN_PACKAGE_MAINTAINER "${KEPT_MAINTAINER}")
set(CPACK_DEBIAN_PACKAGE_SECTION utils)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
# dpkg-shlibdeps (from dpkg-dev) reads the libraries the binary links and writes the Depends
# line with their packages and minimum versions.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "bash-completion, jq")

include(CPack)
