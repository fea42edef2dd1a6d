# The documentation that ships beside the man page, and the Debian package
# (`cpack -G DEB` in the build directory). Included from the top-level CMakeLists.txt.

install(DIRECTORY docs/ DESTINATION ${CMAKE_INSTALL_DOCDIR} FILES_MATCHING PATTERN "*.md")
install(DIRECTORY examples/ DESTINATION ${CMAKE_INSTALL_DOCDIR}/examples
        USE_SOURCE_PERMISSIONS PATTERN ".gitignore" EXCLUDE)

# Debian policy: the man page and the changelog compressed (gzip -9n: no name or time stamp, so
# the bytes are reproducible), and a copyright file beside the changelog.
find_program(KEPT_GZIP gzip REQUIRED)
# Before the changelog is configured: its trailer line names the maintainer.
set(KEPT_MAINTAINER "kept maintainers <maintainers@kept.invalid>"
    CACHE STRING "The Maintainer field of the Debian package")
set(kept_debian_dir ${PROJECT_BINARY_DIR}/debian)
configure_file(cmake/debian/changelog.in ${kept_debian_dir}/changelog @ONLY)
add_custom_command(OUTPUT ${kept_debian_dir}/kept.1.gz ${kept_debian_dir}/changelog.gz
  COMMAND ${KEPT_GZIP} -9nc ${PROJECT_SOURCE_DIR}/docs/kept.1 > ${kept_debian_dir}/kept.1.gz
  COMMAND ${KEPT_GZIP} -9nc ${kept_debian_dir}/changelog > ${kept_debian_dir}/changelog.gz
  DEPENDS ${PROJECT_SOURCE_DIR}/docs/kept.1 ${kept_debian_dir}/changelog
  COMMENT "Compressing the man page and the changelog")
add_custom_target(kept_compressed_docs ALL
  DEPENDS ${kept_debian_dir}/kept.1.gz ${kept_debian_dir}/changelog.gz)
install(FILES ${kept_debian_dir}/kept.1.gz DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
install(FILES ${kept_debian_dir}/changelog.gz cmake/debian/copyright
        DESTINATION ${CMAKE_INSTALL_DOCDIR})

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME kept)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
# The synopsis starts with no article, and each line of the long description fits in 80
# columns (lintian: synopsis-starts-with-article, extended-description-line-too-long).
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY
    "command-line ledger of the commitments a team makes to its clients")
string(CONCAT CPACK_PACKAGE_DESCRIPTION
    "kept records every promise a team makes to its clients, internal or external,\n"
    "and every change to it, in one SQLite ledger per team. It reports overload,\n"
    "scope creep, late renegotiation and overdue work from the terminal and from\n"
    "cron, prints JSON, CSV and iCalendar, and merges ledgers by exchanging\n"
    "hash-chained events.")
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
# Loaded when first signing (src/util/ed25519.cpp), so dpkg-shlibdeps cannot see it; CPack adds
# the libraries it found to this.
set(CPACK_DEBIAN_PACKAGE_DEPENDS "libssl3")
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "bash-completion, jq")

include(CPack)
